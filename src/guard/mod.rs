//! The guard: what an action risks decides what it needs before anything is sent — a
//! server-verified step-up (TOTP) and, for destructive or fleet-wide actions, a typed
//! confirmation naming the blast radius.
//!
//! Step-up: the elevation the server grants is cached in the OS keyring until it expires,
//! so a responder can run several guarded actions in a row with one code.

use crate::api::{Elevation, MdmApi, Secret};
use crate::app::{Ctx, Factory};
use crate::auth::elevation_account;
use crate::error::{Error, ExitKind, Result};
use serde::{Deserialize, Serialize};

/// What the keyring keeps of an elevation (a secret: it lives only there).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedElevation {
    pub token: String,
    pub elevation_id: String,
    /// Local clock, computed from the server's TTL when it was granted.
    pub expires_at_unix: i64,
}

impl CachedElevation {
    pub fn seconds_left(&self) -> i64 {
        self.expires_at_unix - mdm_model::time::now().unix_timestamp()
    }
}

/// Where a one-time code comes from, in order: `--otp`, `MDM_OTP`, a hidden prompt.
#[derive(Debug, Clone, Default)]
pub struct OtpSource {
    pub flag: Option<String>,
}

impl OtpSource {
    pub fn new(flag: Option<String>) -> Self {
        OtpSource { flag }
    }
}

pub fn load_cached(app: &Factory, ctx: &Ctx) -> Option<CachedElevation> {
    if crate::app::env_token().is_some() {
        // Automation credentials do not share a cached elevation with the keyring's.
        return None;
    }
    let keyring = app.keyring().ok()?;
    let raw = keyring
        .get(&elevation_account(&ctx.name, &ctx.config.server))
        .ok()??;
    let cached: CachedElevation = serde_json::from_str(raw.expose()).ok()?;
    // A few seconds of margin: do not send one that dies in flight.
    (cached.seconds_left() > 3).then_some(cached)
}

fn store_cached(app: &Factory, ctx: &Ctx, e: &Elevation) {
    if crate::app::env_token().is_some() {
        return;
    }
    let cached = CachedElevation {
        token: e.elevation_token.clone(),
        elevation_id: e.elevation_id.clone(),
        expires_at_unix: mdm_model::time::now().unix_timestamp() + e.ttl_seconds as i64,
    };
    if let Ok(k) = app.keyring() {
        let json = serde_json::to_string(&cached).expect("serializes");
        if let Err(err) = k.set(&elevation_account(&ctx.name, &ctx.config.server), &json) {
            app.ui.warn(&format!(
                "could not cache the elevation in the keyring ({}); the next guarded action will ask again",
                err.message
            ));
        }
    }
}

pub fn clear_cached(app: &Factory, ctx: &Ctx) {
    if let Ok(k) = app.keyring() {
        let _ = k.delete(&elevation_account(&ctx.name, &ctx.config.server));
    }
}

/// Puts a cached elevation on the client if there is one. Returns whether it did.
pub fn use_cached(app: &Factory, ctx: &Ctx, api: &dyn MdmApi) -> bool {
    match load_cached(app, ctx) {
        Some(c) => {
            app.ui.debug(&format!(
                "using cached elevation {} ({} s left)",
                c.elevation_id,
                c.seconds_left()
            ));
            api.set_elevation(Some(Secret::new(c.token)));
            true
        }
        None => false,
    }
}

fn otp_format_ok(code: &str) -> bool {
    code.len() == mdm_model::totp::DIGITS as usize && code.bytes().all(|b| b.is_ascii_digit())
}

/// Steps up now with a fresh code (whatever is cached), caches and installs the result.
pub fn step_up(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn MdmApi,
    otp: &OtpSource,
    why: &str,
) -> Result<Elevation> {
    let who = ctx.config.user.clone().unwrap_or_else(|| "you".into());
    let given = otp.flag.clone().or_else(|| {
        std::env::var("MDM_OTP")
            .ok()
            .filter(|s| !s.trim().is_empty())
    });
    if let Some(code) = given {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if !otp_format_ok(&code) {
            return Err(Error::usage(format!(
                "a TOTP code is {} digits; the one given is not",
                mdm_model::totp::DIGITS
            ))
            .with_hint(
                "pass the current code from your authenticator with --otp CODE or MDM_OTP",
            ));
        }
        return finish(app, ctx, api, api.step_up(&code));
    }
    let instead = "pass the current code from your authenticator with --otp CODE (or MDM_OTP); nothing was sent";
    if !app.ui.can_prompt() {
        return Err(Error::aborted(format!(
            "{why} needs a step-up (a TOTP code), and {}",
            if app.ui.no_input {
                "--no-input was given"
            } else {
                "there is no terminal to ask for it"
            }
        ))
        .with_hint(instead));
    }
    app.ui.info(&format!(
        "{why} needs a step-up: the server will verify a code from your authenticator."
    ));
    let mut attempts = 0;
    loop {
        attempts += 1;
        let code = app
            .ui
            .prompt_secret(&format!("TOTP code for {who} on {}", ctx.name), instead)?;
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if !otp_format_ok(&code) {
            app.ui
                .warn(&format!("a code is {} digits", mdm_model::totp::DIGITS));
            if attempts < 3 {
                continue;
            }
            return Err(Error::aborted(
                "no valid code was entered; nothing was sent",
            ));
        }
        match finish(app, ctx, api, api.step_up(&code)) {
            Err(e) if e.is_code("step_up_failed") && attempts < 3 => {
                app.ui.warn(&e.message);
            }
            other => return other,
        }
    }
}

fn finish(app: &Factory, ctx: &Ctx, api: &dyn MdmApi, r: Result<Elevation>) -> Result<Elevation> {
    match r {
        Ok(e) => {
            api.set_elevation(Some(Secret::new(e.elevation_token.clone())));
            store_cached(app, ctx, &e);
            Ok(e)
        }
        Err(e) => Err(explain_step_up_error(e)),
    }
}

/// Adds the hints a person needs when a step-up fails.
pub fn explain_step_up_error(mut e: Error) -> Error {
    match e.code.as_deref() {
        Some("step_up_failed") => {
            e.kind = ExitKind::Forbidden;
            e.hints.push(
                "codes change every 30 s and each works once; wait for the next one, and check the device clock".into(),
            );
        }
        Some("step_up_locked") => {
            e.kind = ExitKind::Forbidden;
            e.hints
                .push("wait for the lockout to end; every attempt is in the audit log".into());
        }
        Some("mfa_not_enrolled") => {
            e.kind = ExitKind::Forbidden;
            e.hints
                .push("enroll an authenticator first: `mdm auth mfa enroll`".into());
        }
        _ => {}
    }
    e
}

/// Makes sure the client carries a valid elevation: the cached one, else a step-up.
/// Call before sending an action known to need one, so nothing is sent without it.
pub fn elevate(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn MdmApi,
    otp: &OtpSource,
    why: &str,
) -> Result<()> {
    if otp.flag.is_none() && use_cached(app, ctx, api) {
        return Ok(());
    }
    step_up(app, ctx, api, otp, why).map(|_| ())
}

/// Runs `f` with any cached elevation; when the server still answers `step_up_required`
/// (the elevation expired or was revoked), steps up once and repeats.
pub fn with_step_up<T>(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn MdmApi,
    otp: &OtpSource,
    why: &str,
    f: impl Fn(&dyn MdmApi) -> Result<T>,
) -> Result<T> {
    use_cached(app, ctx, api);
    match f(api) {
        Err(e) if e.is_code("step_up_required") => {
            clear_cached(app, ctx);
            api.set_elevation(None);
            step_up(app, ctx, api, otp, why)?;
            f(api)
        }
        other => other,
    }
}

/// The typed confirmation: the exact `phrase`, from `--confirm` or a prompt. Anything
/// else aborts (exit 3) before anything is sent.
pub fn confirm_phrase(app: &Factory, lead: &str, phrase: &str, given: Option<&str>) -> Result<()> {
    let typed = match given {
        Some(c) => c.trim().to_string(),
        None => app
            .ui
            .prompt_text(
                &format!("{lead} Type `{phrase}` to confirm"),
                &format!("to run it from a script, add: --confirm {phrase:?}"),
            )?
            .trim()
            .to_string(),
    };
    if typed == phrase {
        return Ok(());
    }
    Err(
        Error::aborted("the confirmation does not match; nothing was changed").with_cause(format!(
            "expected `{}`, got `{}`",
            mdm_model::escape::terminal(phrase),
            mdm_model::escape::terminal(&typed)
        )),
    )
}
