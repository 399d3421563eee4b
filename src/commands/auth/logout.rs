use crate::app::Factory;
use crate::auth::{elevation_account, token_account};
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::Outcome;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory) -> Result<Outcome> {
    attempt(false, || apply(app).map(|()| Outcome::changed()))
}

fn apply(app: &Factory) -> Result<()> {
    let ctx = app.ctx()?;
    let keyring = app.keyring()?;
    let had_token = keyring.delete(&token_account(&ctx.name, &ctx.config.server))?;
    let had_elevation = keyring.delete(&elevation_account(&ctx.name, &ctx.config.server))?;
    if had_token || had_elevation {
        app.ui.success(&format!(
            "Logged out of {}: removed its credentials from the {}",
            ctx.name,
            keyring.kind.describe()
        ));
    } else {
        app.ui
            .info(&format!("no stored credentials for {}", ctx.name));
    }
    if crate::app::env_token().is_some() {
        app.ui
            .warn("MDM_TOKEN is still set in this shell; unset it to log out completely");
    }
    Ok(())
}
