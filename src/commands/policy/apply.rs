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
    let desired: Vec<_> = loaded.into_iter().map(|l| l.policy).collect();
    let plan = mdm_model::policy::classify::plan(&super::versions(&current), &desired, args.prune);
    if plan.is_empty() {
        app.ui
            .success("No changes: the server already matches the files");
        return Ok(Change::default());
    }
    super::print_plan(app, &ctx, &plan)?;
    if args.dry_run {
        app.ui.success("Dry run: nothing was changed");
        return Ok(Change::default());
    }
    let weakening: Vec<String> = plan
        .iter()
        .filter(|c| c.weakens)
        .map(|c| c.name.clone())
        .collect();
    let gate = super::gate(&ctx, &weakening);
    let req = ApplyPolicies {
        policies: desired,
        prune: args.prune,
        base_versions: current
            .iter()
            .map(|(k, r)| (k.clone(), r.version))
            .collect(),
        reason: args.answers.reason.clone(),
    };
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
