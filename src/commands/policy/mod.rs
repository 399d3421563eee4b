//! `mdm policy …`: security policy as code. Files are checked locally (file:line:col),
//! plans show every field that changes and mark each weakening. Writes ask the server for
//! its plan first (it classifies and says in `requires` what the write needs: for a
//! weakening, a step-up and a typed `weaken …` phrase), pass that gate, then send.

pub mod apply;
pub mod assign;
pub mod delete;
pub mod diff;
pub mod export;
pub mod init;
pub mod list;
pub mod validate;

use crate::api::{Api, PolicyChange, PolicyPlan, PolicyRecord};
use crate::app::{Ctx, Factory};
use crate::cli::policy::PolicyCommand;
use crate::commands::read;
use crate::error::{Error, ExitKind, Result};
use crate::guard::Gate;
use crate::outcome::Outcome;
use mdm_model::domain::PolicyOp;
use mdm_model::escape::terminal;
use mdm_model::policy::Policy;
use mdm_model::policy::parse::Loaded;
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(app: &Factory, cmd: PolicyCommand) -> Result<Outcome> {
    match cmd {
        PolicyCommand::Init(a) => read(init::run(app, &a.dir, a.force)),
        PolicyCommand::List => read(list::list(app)),
        PolicyCommand::Show(a) => read(list::show(app, &a.name)),
        PolicyCommand::Validate(a) => read(validate::run(app, &a.path)),
        PolicyCommand::Diff(a) => read(diff::run(app, &a.settings())),
        PolicyCommand::Apply(a) => apply::run(app, &a.settings()),
        PolicyCommand::Assign(a) => assign::run(app, &a.settings()),
        PolicyCommand::Delete(a) => delete::run(app, &a.settings()),
        PolicyCommand::Export(a) => read(export::run(app, a.name.as_deref())),
        PolicyCommand::Schema => {
            let s = serde_json::to_string_pretty(&mdm_model::policy::schema::schema())
                .expect("serializes");
            println!("{s}");
            Ok(Outcome::Unchanged)
        }
    }
}

/// Loads policy files, printing every problem as `file:line:col: message` (exit 2).
pub fn load(app: &Factory, path: &Path) -> Result<Vec<Loaded>> {
    match mdm_model::policy::parse::load_path(path) {
        Ok(l) => Ok(l),
        Err(errors) => {
            for e in &errors {
                eprintln!("{}", terminal(&e.to_string()));
            }
            let _ = app;
            Err(Error::usage(format!(
                "{} problem(s) in {}; nothing was sent",
                errors.len(),
                path.display()
            )))
        }
    }
}

/// The server's policies by name, with their versions.
pub fn current(api: &dyn Api) -> Result<BTreeMap<String, PolicyRecord>> {
    Ok(api
        .list_policies()?
        .into_iter()
        .map(|r| (r.name.clone(), r))
        .collect())
}

pub fn versions(current: &BTreeMap<String, PolicyRecord>) -> BTreeMap<String, (u64, Policy)> {
    current
        .iter()
        .map(|(k, r)| (k.clone(), (r.version, r.policy.clone())))
        .collect()
}

fn show_value(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(unset)".into(),
        Some(serde_json::Value::String(s)) => terminal(s),
        Some(other) => terminal(&other.to_string()),
    }
}

/// A plan as text, like `terraform plan`: `+` create, `~` change, `-` delete.
pub fn render(plan: &[PolicyChange], color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let weakens = paint("31;1", "WEAKENS");
    let mut out = String::new();
    for ch in plan {
        let (sign, code, what) = match ch.op.as_str() {
            "create" => ("+", "32", "new".to_string()),
            "delete" => (
                "-",
                "31",
                format!("version {}", ch.base_version.unwrap_or(0)),
            ),
            _ => (
                "~",
                "33",
                format!("version {}", ch.base_version.unwrap_or(0)),
            ),
        };
        out.push_str(&format!(
            "{} policy {} ({what}){}\n",
            paint(code, sign),
            terminal(&ch.name),
            if ch.op == PolicyOp::Delete {
                format!("  {weakens}")
            } else {
                String::new()
            }
        ));
        for f in &ch.fields {
            // List items (`apps.block[x]`, `assignments[g]`) read as added or removed.
            let item = f.path.ends_with(']');
            let (s, body) = match (&f.old, &f.new) {
                (None, _) if item => ("+", terminal(&f.path)),
                (_, None) if item => ("-", terminal(&f.path)),
                (None, _) => (
                    "+",
                    format!("{}: {}", terminal(&f.path), show_value(&f.new)),
                ),
                (_, None) => (
                    "-",
                    format!("{}: {}", terminal(&f.path), show_value(&f.old)),
                ),
                _ => (
                    "~",
                    format!(
                        "{}: {} → {}",
                        terminal(&f.path),
                        show_value(&f.old),
                        show_value(&f.new)
                    ),
                ),
            };
            let line = format!("    {s} {body}");
            if f.weakens {
                let pad = 60usize.saturating_sub(line.chars().count()).max(2);
                out.push_str(&format!("{line}{}{weakens}\n", " ".repeat(pad)));
            } else {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    let count = |op: PolicyOp| plan.iter().filter(|c| c.op == op).count();
    let weak = plan
        .iter()
        .flat_map(|c| &c.fields)
        .filter(|f| f.weakens)
        .count();
    out.push_str(&format!(
        "Plan: {} to create, {} to change, {} to delete{}.\n",
        count(PolicyOp::Create),
        count(PolicyOp::Update),
        count(PolicyOp::Delete),
        if weak > 0 || plan.iter().any(|c| c.weakens) {
            format!(
                "; {} change(s) weaken security",
                weak.max(plan.iter().filter(|c| c.weakens).count())
            )
        } else {
            String::new()
        }
    ));
    out
}

/// Prints a plan: text on a table-format stdout, else the structured plan.
pub fn print_plan(app: &Factory, ctx: &Ctx, plan: &[PolicyChange]) -> Result<()> {
    let out = app.output(Some(ctx));
    if out.is_machine() {
        return out.value(&plan);
    }
    use std::io::Write;
    let mut so = std::io::stdout().lock();
    so.write_all(render(plan, app.ui.stdout_color).as_bytes())
        .and_then(|_| so.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))
}

/// The gate of a policy change, from the server's plan: for a weakening, the server
/// names a typed `weaken …` phrase and a step-up. A plan without `requires` is an error.
pub fn gate(plan: &PolicyPlan) -> Result<Gate> {
    let requires = crate::guard::required(plan.requires.clone(), "the policy plan")?;
    if !plan.changes.iter().any(|c| c.weakens) {
        return Ok(Gate::new(requires, "changing a security policy"));
    }
    Ok(Gate::new(requires, "weakening a security policy").lead("This weakens security."))
}

/// The names of the plan's weakening policies.
pub fn weakening(plan: &PolicyPlan) -> Vec<String> {
    plan.changes
        .iter()
        .filter(|c| c.weakens)
        .map(|c| c.name.clone())
        .collect()
}

/// Adds a hint to the server's "changed since the plan" refusal.
pub fn explain(mut e: Error) -> Error {
    if e.is_code(mdm_model::domain::ErrorCode::PolicyChanged) {
        e.kind = ExitKind::Failure;
        e.hints.push(
            "someone changed it meanwhile; run `mdm policy diff` again and review the new plan"
                .into(),
        );
    }
    e
}
