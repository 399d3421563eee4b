use crate::api::Secret;
use crate::app::{Factory, env_token};
use crate::auth::token_account;
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::outcome::Outcome;
use std::io::Read;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub with_token: bool,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let token = if args.with_token {
        let mut buf = String::new();
        std::io::stdin()
            .take(64 * 1024)
            .read_to_string(&mut buf)
            .map_err(|e| Error::usage("cannot read the token from stdin").with_source(&e))?;
        buf.trim().to_string()
    } else {
        app.ui.prompt_secret(
            &format!("Token for {} ({})", ctx.name, ctx.config.server),
            "pipe the token in: `mdm auth login --with-token < token-file` (never pass it as an argument)",
        )?
    };
    if token.is_empty() {
        return Err(Error::usage("the token is empty; nothing was stored"));
    }
    if token.chars().any(|c| c.is_control() || c == ' ') {
        return Err(Error::usage(
            "the token contains spaces or control characters; nothing was stored",
        )
        .with_hint("paste the token exactly as it was shown"));
    }
    // Check it with the server before storing anything.
    let api = app.api_with(&ctx, Some(Secret::new(token.clone())))?;
    let me = api.me(None).map_err(|e| {
        if e.kind == crate::error::ExitKind::Unauthenticated {
            Error::unauthenticated(format!(
                "{} refused the token: {}",
                ctx.config.server, e.message
            ))
            .with_hint(
                "nothing was stored; check that the token is current and meant for this server",
            )
        } else {
            e
        }
    })?;
    // The server records the login in its audit log; an older server without the
    // endpoint is no reason to refuse a valid token.
    if let Err(e) = api.login_notice()
        && e.kind != crate::error::ExitKind::NotFound
    {
        app.ui.warn(&format!(
            "the server did not record this login: {}",
            mdm_model::escape::terminal(&e.message)
        ));
    }
    let keyring = app.keyring()?;
    let account = token_account(&ctx.name, &ctx.config.server);
    if keyring.get(&account).ok().flatten().is_some() {
        app.ui.warn(&format!(
            "replacing the token stored for context {}; the old one stays valid on the server until it expires or is revoked (`mdm auth sessions`)",
            ctx.name
        ));
    }
    keyring.set(&account, &token)?;
    let mut config = app.load_config()?;
    if let Some(c) = config.contexts.get_mut(&ctx.name) {
        c.user = Some(me.user.clone());
    }
    app.save_config(&config)?;
    app.ui.success(&format!(
        "Logged in to {} as {} (role {}); token stored in the {}",
        ctx.name,
        mdm_model::escape::terminal(&me.user),
        me.role,
        keyring.kind.describe()
    ));
    if env_token().is_some() {
        app.ui
            .warn("MDM_TOKEN is set in this shell and takes precedence over the stored token");
    }
    Ok(())
}
