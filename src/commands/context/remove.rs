use crate::app::Factory;
use crate::auth::{elevation_account, token_account};
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::Outcome;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, name: &str, force: bool) -> Result<Outcome> {
    attempt(false, || {
        apply(app, name, force).map(|()| Outcome::changed())
    })
}

fn apply(app: &Factory, name: &str, force: bool) -> Result<()> {
    let mut config = app.load_config()?;
    let Some(ctx) = config.contexts.get(name).cloned() else {
        return Err(config.unknown_context(name));
    };
    let current = config.current_context.as_deref() == Some(name);
    if current && !force {
        // The context every later command would use: ask, by name.
        let typed = app.ui.prompt_text(
            &format!(
                "Remove the current context {name} and its stored credentials? Type `{name}` to confirm"
            ),
            &format!("pass --force to remove the current context {name} without asking"),
        )?;
        if typed.trim() != name {
            return Err(crate::error::Error::aborted(format!(
                "{typed:?} is not {name:?}; nothing was removed",
                typed = typed.trim()
            )));
        }
    }
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
    if current && !config.contexts.is_empty() {
        let names: Vec<&str> = config.contexts.keys().map(String::as_str).collect();
        app.ui.hint(&format!(
            "no context is current now; pick one with `mdm context use NAME` ({})",
            names.join(", ")
        ));
    }
    Ok(())
}
