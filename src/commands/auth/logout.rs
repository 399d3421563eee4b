use crate::app::Factory;
use crate::auth::{elevation_account, token_account};
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::Outcome;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, all: bool) -> Result<Outcome> {
    if all {
        return attempt(false, || apply_all(app).map(|()| Outcome::changed()));
    }
    attempt(false, || apply(app).map(|()| Outcome::changed()))
}

/// Every context's token and elevation, and the token and elevation accounts of
/// contexts that no longer exist (the HEC token stays: `audit forward --unset-token`).
fn apply_all(app: &Factory) -> Result<()> {
    let config = app.load_config()?;
    let keyring = app.keyring()?;
    let mut removed = 0usize;
    for (name, c) in &config.contexts {
        removed += usize::from(keyring.delete(&token_account(name, &c.server))?);
        removed += usize::from(keyring.delete(&elevation_account(name, &c.server))?);
    }
    for account in keyring.accounts()?.unwrap_or_default() {
        if crate::auth::session_account(&account).is_some() {
            removed += usize::from(keyring.delete(&account)?);
        }
    }
    app.ui.success(&format!(
        "Logged out of every context ({}): removed {removed} credential(s) from the {}",
        config.contexts.len(),
        keyring.kind.describe()
    ));
    if crate::app::env_token().is_some() {
        app.ui
            .warn("MDM_TOKEN is still set in this shell; unset it to log out completely");
    }
    Ok(())
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
