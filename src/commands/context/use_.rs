use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::Outcome;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, name: &str) -> Result<Outcome> {
    attempt(false, || apply(app, name).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, name: &str) -> Result<()> {
    let mut config = app.load_config()?;
    if !config.contexts.contains_key(name) {
        return Err(config.unknown_context(name));
    }
    config.current_context = Some(name.to_string());
    app.save_config(&config)?;
    app.ui.success(&format!("Switched to context {name}"));
    Ok(())
}
