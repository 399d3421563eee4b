use crate::api::BreakglassEndRequest;
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::{Change, Outcome};
use mdm_model::escape::terminal;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub id: Option<String>,
    pub reason: Option<String>,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let s = api.breakglass_end(&BreakglassEndRequest {
        id: args.id.clone(),
        reason: args.reason.clone(),
    })?;
    app.ui.success(&format!(
        "Ended break-glass session {} of {}",
        terminal(&s.id),
        terminal(&s.user)
    ));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&s.value)?;
    }
    Ok(Change::default().request(s.request_id.clone()))
}
