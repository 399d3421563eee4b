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
    let a = api.advance_action(id)?;
    if a.status == mdm_model::domain::ActionStatus::Halted {
        app.ui.warn(&format!(
            "{} halted instead: {}",
            a.id,
            a.halt_reason
                .as_deref()
                .unwrap_or("failures above the limit")
        ));
    } else {
        app.ui.success(&format!(
            "{}: wave {} of {} released; devices of earlier waves that have not answered still get it when they check in",
            a.id,
            a.waves.iter().filter(|w| w.status != "held").count(),
            a.waves.len()
        ));
    }
    super::steered(app, &ctx, &a)
}
