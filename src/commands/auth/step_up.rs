use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard;
use crate::outcome::Outcome;
use serde::Serialize;

/// One TOTP code from `--otp` (else `MDM_OTP`, else a prompt).
pub type Settings = crate::guard::OtpSource;

#[derive(Serialize)]
struct Elevated {
    elevation_id: String,
    expires_at: String,
    ttl_seconds: u64,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn down(app: &Factory) -> Result<Outcome> {
    attempt(false, || apply_down(app).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let e = guard::step_up(app, &ctx, api.as_ref(), args, "elevating")?;
    if crate::app::env_token().is_some() {
        app.ui
            .warn("with MDM_TOKEN the elevation is not cached; it only served this command");
    }
    app.ui.success(&format!(
        "Elevated for {} (elevation {}, until {})",
        humantime::format_duration(std::time::Duration::from_secs(e.ttl_seconds)),
        e.elevation_id,
        e.expires_at
    ));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&Elevated {
            elevation_id: e.elevation_id,
            expires_at: e.expires_at,
            ttl_seconds: e.ttl_seconds,
        })?;
    }
    Ok(())
}

/// Gives up the elevation before it expires (like `sudo -k`).
fn apply_down(app: &Factory) -> Result<()> {
    let ctx = app.ctx()?;
    let Some(cached) = guard::load_cached(app, &ctx) else {
        guard::clear_cached(app, &ctx);
        app.ui.info("no elevation to drop");
        return Ok(());
    };
    let api = app.api(&ctx)?;
    if let Err(e) = api.revoke_session(&cached.elevation_id, None) {
        app.ui.warn(&format!(
            "the server did not confirm the revocation: {}",
            e.message
        ));
    }
    guard::clear_cached(app, &ctx);
    app.ui
        .success(&format!("Dropped elevation {}", cached.elevation_id));
    Ok(())
}
