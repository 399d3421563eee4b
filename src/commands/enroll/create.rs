use crate::api::CreateEnrollment;
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::outcome::{Change, Outcome};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub user: String,
    pub platform: Option<mdm_model::domain::Platform>,
    pub group: Option<String>,
    pub expires: String,
    pub uses: u32,
    pub qr_png: Option<std::path::PathBuf>,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    mdm_model::validate::email(&args.user).map_err(|e| Error::usage(format!("--user: {e}")))?;
    if args.uses == 0 || args.uses > 10_000 {
        return Err(Error::usage("--uses is from 1 to 10000"));
    }
    let req = CreateEnrollment {
        user_email: args.user.clone(),
        platform: args.platform.map(|p| p.as_str().to_string()),
        group: args.group.clone(),
        expires_in_seconds: Some(super::expiry_seconds(&args.expires)?),
        uses: Some(args.uses),
    };
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let crate::api::Sent {
        value: created,
        request_id,
    } = api.create_enrollment(&req, None)?;
    if let Some(path) = &args.qr_png {
        crate::ui::qr::write_png(&created.url, path)?;
        app.ui.success(&format!(
            "QR code written to {} (mode 0600)",
            path.display()
        ));
    }
    let out = app.output(Some(&ctx));
    out.item(&created)?;
    if !out.is_machine() && app.ui.stderr_tty {
        app.ui.info("Scan with the device to enroll it:");
        eprint!("{}", crate::ui::qr::terminal(&created.url)?);
    }
    app.ui.success(&format!(
        "Enrollment {} for {}: {} use(s), expires {}; the token is shown only now",
        created.enrollment.id,
        mdm_model::escape::terminal(&created.enrollment.user_email),
        created.enrollment.uses_allowed,
        created.enrollment.expires_at
    ));
    Ok(Change::default().request(request_id))
}
