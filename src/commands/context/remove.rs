use crate::app::Factory;
use crate::auth::{elevation_account, token_account};
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::Outcome;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, name: &str) -> Result<Outcome> {
    attempt(false, || apply(app, name).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, name: &str) -> Result<()> {
    let mut config = app.load_config()?;
    let Some(ctx) = config.contexts.get(name).cloned() else {
        return Err(config.unknown_context(name));
    };
    // Credentials first: a context must not disappear while its token stays behind.
    match app.keyring() {
        Ok(k) => {
            k.delete(&token_account(name, &ctx.server))?;
            k.delete(&elevation_account(name, &ctx.server))?;
        }
        Err(e) => app.ui.warn(&format!(
            "could not open the keyring to delete this context's credentials: {}",
            e.message
        )),
    }
    config.contexts.remove(name);
    if config.current_context.as_deref() == Some(name) {
        config.current_context = None;
    }
    app.save_config(&config)?;
    app.ui.success(&format!(
        "Removed context {name} and its stored credentials"
    ));
    Ok(())
}
