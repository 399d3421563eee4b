use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::outcome::{Change, Outcome};

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, id: &str, reason: &str) -> Result<Outcome> {
    attempt(false, || apply(app, id, reason).map(Outcome::Changed))
}

fn apply(app: &Factory, id: &str, reason: &str) -> Result<Change> {
    if reason.trim().is_empty() {
        return Err(Error::usage("--reason cannot be empty; nothing was sent"));
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let a = api.halt_action(id, reason)?;
    app.ui.success(&format!(
        "Halted {}: {} device command(s) will not be sent; {} already acknowledged",
        a.id, a.counts.cancelled, a.counts.acknowledged
    ));
    super::steered(app, &ctx, &a)
}
