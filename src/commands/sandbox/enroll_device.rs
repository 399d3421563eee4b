use crate::api::DeviceEnroll;
use crate::app::Factory;
use crate::error::{Error, Result};
use std::io::Read;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub token: String,
    pub platform: Option<mdm_model::domain::Platform>,
    pub name: Option<String>,
    pub serial: Option<String>,
}

/// Plays a device enrolling with a token, against the current context's sandbox. The
/// token may be given as `-` (read from stdin), so it need not appear in argv.
pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let raw = if args.token == "-" {
        let mut s = String::new();
        std::io::stdin()
            .take(64 * 1024)
            .read_to_string(&mut s)
            .map_err(|e| Error::usage("cannot read the token from stdin").with_source(&e))?;
        s
    } else {
        args.token.clone()
    };
    let raw = raw.trim();
    // Accept the URL shown by `enroll create` as well as the bare token.
    let token = raw
        .split_once("#token=")
        .map(|(_, t)| t)
        .unwrap_or(raw)
        .to_string();
    if token.is_empty() {
        return Err(Error::usage("no enrollment token given"));
    }
    let ctx = app.ctx()?;
    let health = super::healthy(app, &ctx.config.server, None).ok_or_else(|| {
        Error::failure(format!("cannot reach {}", ctx.config.server))
            .with_hint("start it with `mdm sandbox up`")
    })?;
    if !health.sandbox {
        return Err(Error::usage(format!(
            "refused: {} is not a sandbox; real devices enroll themselves",
            ctx.config.server
        )));
    }
    let api = app.device_api(&ctx)?;
    let device = api
        .device_enroll(&DeviceEnroll {
            token,
            platform: args.platform.map(|p| p.as_str().to_string()),
            name: args.name.clone(),
            serial: args.serial.clone(),
            model: None,
        })
        .map_err(|mut e| {
            // A refused enrollment token is the device's problem, not the admin's login.
            if e.error_code().is_some_and(|c| {
                use mdm_model::domain::ErrorCode::*;
                matches!(
                    c,
                    EnrollmentTokenInvalid
                        | EnrollmentTokenRevoked
                        | EnrollmentTokenUsed
                        | EnrollmentTokenExpired
                        | EnrollmentPlatformMismatch
                )
            }) {
                e.kind = crate::error::ExitKind::Failure;
                e.hints.clear();
            }
            e
        })?;
    app.ui.success(&format!(
        "Enrolled {} ({}, {}){}",
        device.id,
        mdm_model::escape::terminal(&device.name),
        device.platform,
        if device.groups.is_empty() {
            String::new()
        } else {
            format!(" in {}", device.groups.join(", "))
        }
    ));
    app.output(Some(&ctx)).item(&device)
}
