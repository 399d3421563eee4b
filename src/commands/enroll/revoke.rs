use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::{Change, Outcome};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub id: Option<String>,
    pub all_unused: bool,
    pub reason: Option<String>,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    if args.all_unused {
        let n = api
            .revoke_unused_enrollments(
                &crate::api::RevokeUnused {
                    reason: args.reason.clone(),
                    ..Default::default()
                },
                None,
            )?
            .revoked;
        app.ui.success(&format!(
            "Revoked {n} enrollment token(s) that could still enroll a device"
        ));
        if out.is_machine() {
            out.value(&serde_json::json!({ "revoked": n }))?;
        }
        return Ok(Change::default());
    }
    let id = args.id.as_deref().unwrap_or_default();
    let e = api.revoke_enrollment(id, None)?;
    match e.status.as_str() {
        "revoked" => app.ui.success(&format!("Revoked {}", e.id)),
        other => app
            .ui
            .info(&format!("{} is {other}; nothing to revoke", e.id)),
    }
    if out.is_machine() {
        out.value(&e.value)?;
    }
    Ok(Change::default().request(e.request_id.clone()))
}
