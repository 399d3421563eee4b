//! The one gate. The server decides what a guarded request needs and says so in
//! `requires` (of a preview, a plan, a dry run or a pending action): a step-up (TOTP,
//! verified by the server), a typed confirmation with the exact phrase, `--reason`,
//! `--ticket`. The client only renders that (`pass`), sends the request with the
//! elevation it got (`send`), and never relies on its own checks: the server refuses
//! what does not meet them. The server is the only phrase source: an answer without the
//! `requires` a gate needs is an error (`required`), never a locally invented phrase.
//!
//! Step-up: the elevation the server grants is cached in the OS keyring until it expires,
//! so a responder can run several guarded actions in a row with one code.

use crate::api::{Elev, Elevation, ElevationToken, Requirements, Sessions};
use crate::app::{Ctx, Factory};
use crate::auth::elevation_account;
use crate::error::{Error, ExitKind, Result};
use mdm_model::domain::ErrorCode;
use mdm_model::domain::StepUp;
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

/// The cached elevation's token, if one is live.
pub fn cached_token(app: &Factory, ctx: &Ctx) -> Option<ElevationToken> {
    load_cached(app, ctx).map(|c| {
        app.ui.debug(&format!(
            "using cached elevation {} ({} s left)",
            c.elevation_id,
            c.seconds_left()
        ));
        ElevationToken::new(c.token)
    })
}

fn otp_format_ok(code: &str) -> bool {
    mdm_model::totp::is_code(code)
}

/// Steps up now with a fresh code (whatever is cached), caches and installs the result.
pub fn step_up(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn Sessions,
    otp: &OtpSource,
    why: &str,
) -> Result<Elevation> {
    with_code(app, ctx, otp, why, &mut |code| {
        finish(app, ctx, api.step_up(code))
    })
}

/// Gets a TOTP code (`--otp`, `MDM_OTP`, else a hidden prompt) and runs `send` with
/// it; from a prompt, a code the server calls wrong is asked again (three tries). For
/// requests that carry their own code (`step_up_mode: fresh`) and for the step-up.
pub fn with_code<T>(
    app: &Factory,
    ctx: &Ctx,
    otp: &OtpSource,
    why: &str,
    send: &mut dyn FnMut(&str) -> Result<T>,
) -> Result<T> {
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
        return send(&code).map_err(explain_step_up_error);
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
        match send(&code).map_err(explain_step_up_error) {
            Err(e) if e.is_code(ErrorCode::StepUpFailed) && attempts < 3 => {
                app.ui.warn(&e.message);
            }
            other => return other,
        }
    }
}

fn finish(app: &Factory, ctx: &Ctx, r: Result<Elevation>) -> Result<Elevation> {
    match r {
        Ok(e) => {
            store_cached(app, ctx, &e);
            Ok(e)
        }
        Err(e) => Err(explain_step_up_error(e)),
    }
}

/// Adds the hints a person needs when a step-up fails.
pub fn explain_step_up_error(mut e: Error) -> Error {
    match e.error_code() {
        Some(ErrorCode::StepUpFailed) => {
            e.kind = ExitKind::Forbidden;
            e.hints.push(
                "codes change every 30 s and each works once; wait for the next one, and check the device clock".into(),
            );
        }
        Some(ErrorCode::StepUpLocked) => {
            e.kind = ExitKind::Forbidden;
            e.hints
                .push("wait for the lockout to end; every attempt is in the audit log".into());
        }
        Some(ErrorCode::MfaNotEnrolled) => {
            e.kind = ExitKind::Forbidden;
            e.hints
                .push("enroll an authenticator first: `mdm auth mfa enroll`".into());
        }
        _ => {}
    }
    e
}

/// A valid elevation: the cached one, else a step-up. Call before sending an action
/// known to need one, so nothing is sent without it.
pub fn elevate(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn Sessions,
    otp: &OtpSource,
    why: &str,
) -> Result<ElevationToken> {
    if otp.flag.is_none()
        && let Some(t) = cached_token(app, ctx)
    {
        return Ok(t);
    }
    step_up(app, ctx, api, otp, why).map(|e| ElevationToken::new(e.elevation_token))
}

/// Runs `f` with `elev` (or any cached elevation); when the server still answers
/// `step_up_required` (the elevation expired or was revoked), steps up once and repeats
/// with the fresh one.
pub fn with_step_up<T>(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn Sessions,
    otp: &OtpSource,
    why: &str,
    elev: Option<ElevationToken>,
    f: impl Fn(Elev<'_>) -> Result<T>,
) -> Result<T> {
    let elev = elev.or_else(|| cached_token(app, ctx));
    match f(elev.as_ref()) {
        Err(e) if e.is_code(ErrorCode::StepUpRequired) => {
            clear_cached(app, ctx);
            let fresh = step_up(app, ctx, api, otp, why)?;
            f(Some(&ElevationToken::new(fresh.elevation_token)))
        }
        other => other,
    }
}

/// An unmasked read (`show_pii`): sent with any cached elevation; when the server
/// answers `step_up_required` because the read goes over its PII budget (distinct devices
/// per user per hour), steps up once (`--otp`, `MDM_OTP` or a prompt) and repeats it.
pub fn pii_read<T>(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn Sessions,
    otp: &OtpSource,
    f: impl Fn(Elev<'_>) -> Result<T>,
) -> Result<T> {
    with_step_up(
        app,
        ctx,
        api,
        otp,
        "unmasking owner details beyond this hour's PII budget",
        None,
        f,
    )
}

/// What a person or script brings to a gate: `--confirm`, `--otp`/`MDM_OTP`, `--reason`,
/// `--ticket`.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub confirm: Option<String>,
    pub otp: OtpSource,
    pub reason: Option<String>,
    pub ticket: Option<String>,
}

/// A gate to pass: what the server requires for one guarded request.
#[derive(Debug, Clone)]
pub struct Gate {
    /// The server's `requires` (of a preview, a plan, a dry run or a pending action).
    pub requires: Requirements,
    /// Said before the confirmation prompt (`This weakens security.`), or empty.
    pub lead: String,
    /// What the step-up is for, in its prompt (`wipe of 3 device(s)`).
    pub why: String,
}

impl Gate {
    pub fn new(requires: Requirements, why: impl Into<String>) -> Self {
        Gate {
            requires,
            lead: String::new(),
            why: why.into(),
        }
    }

    /// The gate a server's plan or dry run (`source`, for the error) stated; an answer
    /// without `requires` is an error, never a gate the client makes up.
    pub fn planned(
        requires: Option<Requirements>,
        source: &str,
        why: impl Into<String>,
    ) -> Result<Self> {
        Ok(Gate::new(required(requires, source)?, why))
    }

    pub fn lead(mut self, lead: impl Into<String>) -> Self {
        self.lead = lead.into();
        self
    }

    /// The exact text to type, if the gate asks for a typed confirmation: the server's
    /// phrase with `<context>` replaced by the context's name.
    pub fn phrase(&self, context: &str) -> Option<String> {
        self.requires.confirmation.as_ref()?;
        self.requires
            .phrase
            .as_ref()
            .map(|p| p.replace("<context>", context))
    }
}

/// The server's `requires` of an answer that must carry one (`what` names the answer,
/// e.g. `the policy plan`); its absence is an error, and nothing is sent.
pub fn required(requires: Option<Requirements>, what: &str) -> Result<Requirements> {
    requires.ok_or_else(|| unsaid(&format!("{what} carries no `requires`")))
}

/// `error: the server did not say what this needs …` (exit 1).
fn unsaid(cause: &str) -> Error {
    Error::failure("the server did not say what this needs; nothing was sent")
        .with_cause(cause.to_string())
        .with_hint(
            "the server may be older than this client; upgrade it, or use a client of its version",
        )
}

/// Why a confirmation was not given; the server records it for previews.
pub const DECLINED: &str = "declined";
pub const MISMATCH: &str = "mismatch";
pub const NO_TERMINAL: &str = "no_terminal";
pub const STEP_UP_UNAVAILABLE: &str = "step_up_unavailable";

/// Passes a gate, in order: `--reason`/`--ticket` if required, the typed confirmation,
/// the step-up. Returns the elevation to send with the guarded request (`None` when no
/// step-up is required). Nothing is sent that changes state before this returns `Ok`;
/// `decline` hears why a confirmation failed (previews tell the server's audit log).
pub fn pass(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn Sessions,
    gate: &Gate,
    answers: &Answers,
    decline: &dyn Fn(&str),
) -> Result<Option<ElevationToken>> {
    let given = |v: &Option<String>| v.as_deref().is_some_and(|r| !r.trim().is_empty());
    if gate.requires.reason && !given(&answers.reason) {
        return Err(Error::usage(
            "this needs --reason (it goes into the audit log); nothing was sent",
        ));
    }
    if gate.requires.ticket && !given(&answers.ticket) {
        return Err(Error::usage(
            "this needs --ticket (a change or incident ticket, for the audit log); nothing was sent",
        ));
    }
    if gate.requires.confirmation.is_some() {
        let phrase = gate
            .phrase(&ctx.name)
            .ok_or_else(|| unsaid("it asks for a typed confirmation but names no phrase"))?;
        confirm(
            app,
            &gate.lead,
            &phrase,
            answers.confirm.as_deref(),
            decline,
        )?;
    }
    if !gate.requires.step_up {
        return Ok(None);
    }
    let elev = match gate.requires.step_up_mode {
        // A code in this request: whatever is cached does not count.
        StepUp::Fresh => step_up(app, ctx, api, &answers.otp, &gate.why)
            .map(|e| ElevationToken::new(e.elevation_token)),
        StepUp::Cached | StepUp::None => elevate(app, ctx, api, &answers.otp, &gate.why),
    };
    match elev {
        Ok(t) => Ok(Some(t)),
        Err(e) => {
            if e.kind == ExitKind::Aborted {
                decline(STEP_UP_UNAVAILABLE);
            }
            Err(e)
        }
    }
}

/// The one way a guarded request goes out: pass `gate`, then send `f` with the
/// elevation it gave (stepping up once more if the server still asks, e.g. because the
/// elevation expired in between).
pub fn send<T>(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn Sessions,
    gate: &Gate,
    answers: &Answers,
    decline: &dyn Fn(&str),
    f: impl Fn(Elev<'_>) -> Result<T>,
) -> Result<T> {
    let elev = pass(app, ctx, api, gate, answers, decline)?;
    with_step_up(app, ctx, api, &answers.otp, &gate.why, elev, f)
}

/// The one typed confirmation: the exact `phrase`, from `--confirm` (trimmed) or a
/// prompt. Anything else aborts (exit 3) before anything is sent, and `decline` is told
/// why.
pub fn confirm(
    app: &Factory,
    lead: &str,
    phrase: &str,
    given: Option<&str>,
    decline: &dyn Fn(&str),
) -> Result<()> {
    let typed = match given {
        Some(g) => g.trim().to_string(),
        None => {
            if !app.ui.can_prompt() {
                decline(NO_TERMINAL);
                return Err(Error::aborted(format!(
                    "this needs a typed confirmation and {}; nothing was sent",
                    if app.ui.no_input {
                        "--no-input was given"
                    } else {
                        "there is no terminal to ask"
                    }
                ))
                .with_hint(format!(
                    "to run it from a script, add: --confirm {phrase:?}"
                )));
            }
            let lead = if lead.is_empty() {
                String::new()
            } else {
                format!("{lead} ")
            };
            match app.ui.prompt_text(
                &format!("{lead}Type `{phrase}` to confirm"),
                &format!("to run it from a script, add: --confirm {phrase:?}"),
            ) {
                Ok(t) => t.trim().to_string(),
                Err(e) => {
                    decline(DECLINED);
                    return Err(e);
                }
            }
        }
    };
    if typed == phrase {
        return Ok(());
    }
    decline(MISMATCH);
    Err(Error::aborted("the confirmation does not match; nothing was sent")
        .with_cause(format!(
            "expected `{}`, got `{}`",
            mdm_model::escape::terminal(phrase),
            mdm_model::escape::terminal(&typed)
        ))
        .with_hint("the phrase names what is at stake (device count, policy, context), so a script written for another target cannot run this one"))
}

/// For gates whose refusals the server does not need to hear about.
pub fn no_notice(_: &str) {}
