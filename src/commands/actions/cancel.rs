use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::{Change, Outcome};

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, id: &str) -> Result<Outcome> {
    attempt(false, || apply(app, id).map(Outcome::Changed))
}

fn apply(app: &Factory, id: &str) -> Result<Change> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let a = api.cancel_action(id, None)?;
    app.ui.success(&format!(
        "Cancelled {}: {} device command(s) will not be sent; {} already acknowledged",
        a.id, a.counts.cancelled, a.counts.acknowledged
    ));
    super::steered(app, &ctx, &a)
}
