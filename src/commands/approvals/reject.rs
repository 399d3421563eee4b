use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard::{self, OtpSource};
use crate::outcome::{Change, Outcome};

pub struct Settings {
    pub id: String,
    /// Why, for the audit log.
    pub reason: Option<String>,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, s: &Settings) -> Result<Outcome> {
    attempt(false, || reject(app, s))
}

/// Rejecting asks for no confirmation (it only stops something); if the server wants a
/// step-up for it, `with_step_up` asks for one (`MDM_OTP` or a prompt).
fn reject(app: &Factory, s: &Settings) -> Result<Outcome> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let why = format!("rejecting {}", s.id);
    let a = guard::with_step_up(app, &ctx, api, &OtpSource::default(), &why, None, |elev| {
        api.reject(&s.id, s.reason.as_deref(), elev)
    })?;
    app.ui
        .success(&format!("Rejected {}: it will not run", a.id));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&a.value)?;
    }
    Ok(Change::default()
        .action(&a.id)
        .targets(a.total)
        .request(a.request_id.clone())
        .into())
}
