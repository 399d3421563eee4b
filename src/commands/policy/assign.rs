use crate::api::Assignment;
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard;
use crate::outcome::{Change, Outcome};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub group: String,
    pub remove: bool,
    /// The gate: --reason, --confirm, --otp
    pub answers: crate::guard::Answers,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let rec = api.get_policy(&args.name)?;
    let assigned = rec.policy.assignments.iter().any(|g| g.0 == args.group);
    if assigned != args.remove {
        app.ui.info(&format!(
            "policy {} is {} assigned to {}; nothing to do",
            args.name,
            if assigned { "already" } else { "not" },
            args.group
        ));
        return Ok(Change::default());
    }
    let change = if args.remove {
        Assignment::Remove
    } else {
        Assignment::Add
    };
    // The server says what this needs (unassigning takes the policy's protection away
    // from a group: a weakening).
    let plan = api
        .plan_assign_policy(&args.name, &args.group, change, rec.version)
        .map_err(super::explain)?;
    let gate = super::gate(&plan)?;
    let after = guard::send(
        app,
        &ctx,
        api,
        &gate,
        &args.answers,
        &guard::no_notice,
        |elev| api.assign_policy(&args.name, &args.group, change, rec.version, elev),
    )
    .map_err(super::explain)?;
    app.ui.success(&format!(
        "Policy {} {} {} (version {})",
        after.name,
        if args.remove {
            "no longer applies to"
        } else {
            "now applies to"
        },
        args.group,
        after.version
    ));
    Ok(Change::default().request(after.request_id.clone()))
}
