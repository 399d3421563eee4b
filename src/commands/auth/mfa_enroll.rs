use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::guard::{self, OtpSource};
use crate::outcome::Outcome;
use mdm_model::escape::terminal;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub qr_png: Option<std::path::PathBuf>,
    pub otp: Option<String>,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    // Decide how to show the seed before asking the server for one: never into a log.
    let show_on_terminal = app.ui.stderr_tty;
    if !show_on_terminal && !out.is_machine() && args.qr_png.is_none() {
        return Err(Error::aborted(
            "enrollment shows a secret (the TOTP seed) and there is no terminal to show it on; nothing was sent",
        )
        .with_hint("run it on a terminal, or use -o json (or --qr-png FILE) to receive the seed deliberately"));
    }
    // Replacing an authenticator needs a code from the current one in the request
    // itself: send the one given, else ask for one when the server says it is needed.
    let otp = OtpSource::new(args.otp.clone());
    let why = "replacing your authenticator";
    let given = args.otp.is_some() || std::env::var("MDM_OTP").is_ok_and(|v| !v.trim().is_empty());
    let sent = if given {
        guard::with_code(app, &ctx, &otp, why, &mut |code| api.mfa_enroll(Some(code)))?
    } else {
        match api.mfa_enroll(None) {
            Err(e) if e.is_code(mdm_model::domain::ErrorCode::StepUpRequired) => {
                guard::with_code(app, &ctx, &otp, why, &mut |code| api.mfa_enroll(Some(code)))?
            }
            other => other?,
        }
    };
    let e = sent.value;
    if let Some(path) = &args.qr_png {
        crate::ui::qr::write_png(&e.otpauth_uri, path)?;
        app.ui.success(&format!(
            "QR code written to {} (mode 0600; delete it after scanning)",
            path.display()
        ));
    }
    if out.is_machine() {
        out.value(&e)?;
    } else if show_on_terminal {
        app.ui
            .info("Scan this QR code with your authenticator app (or enter the key by hand):\n");
        eprint!("{}", crate::ui::qr::terminal(&e.otpauth_uri)?);
        app.ui.info(&format!(
            "\n  {}\n  key: {}\n",
            terminal(&e.otpauth_uri),
            terminal(&e.secret)
        ));
    }
    if !app.ui.can_prompt() {
        app.ui.hint("enrollment is pending: activate it with `mdm auth mfa activate --otp CODE` using a code from the new app");
        return Ok(());
    }
    for attempt in 1..=3 {
        let code = super::read_code(
            app,
            None,
            "Code shown by the app",
            "activate later with `mdm auth mfa activate --otp CODE`",
        );
        let code = match code {
            Ok(c) => c,
            Err(err) if err.kind == crate::error::ExitKind::Usage && attempt < 3 => {
                app.ui.warn(&err.message);
                continue;
            }
            Err(err) => return Err(err),
        };
        match api.mfa_activate(&code) {
            Ok(_) => {
                guard::clear_cached(app, &ctx);
                app.ui
                    .success("Authenticator enrolled: guarded actions will ask for its codes");
                return Ok(());
            }
            Err(err) if err.is_code(mdm_model::domain::ErrorCode::StepUpFailed) && attempt < 3 => {
                app.ui.warn(&err.message)
            }
            Err(err) => return Err(guard::explain_step_up_error(err)),
        }
    }
    Err(Error::forbidden("the enrollment was not activated"))
}
