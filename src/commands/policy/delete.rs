use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard;
use crate::outcome::{Change, Outcome};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
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
    let plan = vec![crate::api::PolicyChange {
        name: rec.name.clone(),
        op: mdm_model::domain::PolicyOp::Delete,
        base_version: Some(rec.version),
        fields: mdm_model::policy::classify::diff(Some(&rec.policy), None),
        weakens: true,
    }];
    super::print_plan(app, &ctx, &plan)?;
    let gate = super::gate(&ctx, std::slice::from_ref(&args.name));
    let sent = guard::send(
        app,
        &ctx,
        api,
        &gate,
        &args.answers,
        &guard::no_notice,
        |elev| api.delete_policy(&rec.name, rec.version, elev),
    )
    .map_err(super::explain)?;
    app.ui.success(&format!(
        "Deleted policy {} (was version {})",
        rec.name, rec.version
    ));
    Ok(Change::default().request(sent.request_id.clone()))
}
