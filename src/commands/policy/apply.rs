use crate::api::ApplyPolicies;
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard;
use crate::outcome::{Change, Outcome};
use mdm_model::domain::PolicyOp;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub file: std::path::PathBuf,
    pub prune: bool,
    pub dry_run: bool,
    /// The gate: --reason, --confirm, --otp
    pub answers: crate::guard::Answers,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(args.dry_run, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    let loaded = super::load(app, &args.file)?;
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let current = super::current(api)?;
    let req = ApplyPolicies {
        policies: loaded.into_iter().map(|l| l.policy).collect(),
        prune: args.prune,
        base_versions: current
            .iter()
            .map(|(k, r)| (k.clone(), r.version))
            .collect(),
        reason: args.answers.reason.clone(),
    };
    // The server's plan: the same classifier it applies with, and what applying needs.
    let plan = api.plan_policies(&req).map_err(super::explain)?;
    if plan.changes.is_empty() {
        app.ui
            .success("No changes: the server already matches the files");
        return Ok(Change::default());
    }
    super::print_plan(app, &ctx, &plan.changes)?;
    if args.dry_run {
        app.ui.success("Dry run: nothing was changed");
        return Ok(Change::default());
    }
    let weakening = super::weakening(&plan);
    let gate = super::gate(&plan)?;
    let done = guard::send(
        app,
        &ctx,
        api,
        &gate,
        &args.answers,
        &guard::no_notice,
        |elev| api.apply_policies(&req, elev),
    )
    .map_err(super::explain)?;
    let count = |op: PolicyOp| done.changes.iter().filter(|c| c.op == op).count();
    app.ui.success(&format!(
        "Applied: {} created, {} changed, {} deleted{}",
        count(PolicyOp::Create),
        count(PolicyOp::Update),
        count(PolicyOp::Delete),
        if weakening.is_empty() {
            String::new()
        } else {
            format!("; {} weakening policy change(s), audited", weakening.len())
        }
    ));
    Ok(Change::default().request(done.request_id.clone()))
}
