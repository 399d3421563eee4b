use crate::api::BreakglassActivateRequest;
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::guard::{self, OtpSource};
use crate::outcome::{Change, Outcome};
use mdm_model::escape::terminal;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub reason: String,
    pub ticket: String,
    pub duration: String,
    pub otp: Option<String>,
}

/// At most four hours: the server enforces it too.
const MAX: std::time::Duration = std::time::Duration::from_secs(4 * 3600);

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    let duration = crate::timeutil::parse_duration(&args.duration)?;
    if duration.as_secs() < 60 || duration > MAX {
        return Err(Error::usage("--duration is from 1m to 4h")
            .with_hint("break-glass is time-boxed; activate again later if you need more"));
    }
    for (what, v) in [("--reason", &args.reason), ("--ticket", &args.ticket)] {
        if v.trim().is_empty() {
            return Err(Error::usage(format!(
                "{what} must not be empty: it goes into the audit log and the alert"
            )));
        }
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let mut req = BreakglassActivateRequest {
        reason: args.reason.trim().to_string(),
        ticket: args.ticket.trim().to_string(),
        duration_seconds: duration.as_secs(),
        otp: None,
    };
    // Always fresh: the code goes in the activation itself, checked by the server in
    // that request; a cached elevation is not enough to break the glass (and none is
    // sent).
    let otp = OtpSource::new(args.otp.clone());
    let s = guard::with_code(app, &ctx, &otp, "activating break-glass", &mut |code| {
        req.otp = Some(code.to_string());
        api.breakglass_activate(&req, None)
    })
    .map_err(|e| {
        if e.kind == crate::error::ExitKind::Forbidden
            && !e.is_code(mdm_model::domain::ErrorCode::StepUpRequired)
            && !e.is_code(mdm_model::domain::ErrorCode::StepUpFailed)
            && !e.is_code(mdm_model::domain::ErrorCode::StepUpLocked)
        {
            e.with_hint("only a user with the breakglass role can activate it")
        } else {
            e
        }
    })?;
    app.ui.warn(&format!(
        "BREAK-GLASS ACTIVE for {} until {} ({}): every request is audited as break-glass",
        terminal(&s.user),
        terminal(&s.expires_at),
        crate::timeutil::relative(&s.expires_at)
    ));
    app.ui.success(&format!(
        "Break-glass session {} started{}",
        terminal(&s.id),
        match s.alert.as_deref() {
            Some("not_configured") => "; no alert webhook is configured on the server".into(),
            Some(_) => "; the security team's webhook is being alerted".to_string(),
            None => String::new(),
        }
    ));
    app.ui
        .hint("end it as soon as you are done: `mdm breakglass end`");
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&s.value)?;
    }
    Ok(Change::default().request(s.request_id.clone()))
}
