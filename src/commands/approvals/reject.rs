use crate::app::Factory;
use crate::cli::actions::RejectArgs;
use crate::error::Result;
use crate::outcome::{Outcome, attempt};

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &RejectArgs) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &RejectArgs) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let a = api.reject(&args.id, args.reason.as_deref())?;
    app.ui
        .success(&format!("Rejected {}: it will not run", a.id));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&a)?;
    }
    Ok(())
}
