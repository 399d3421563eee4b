//! `mdm auth …`: credentials in the OS keyring, who the server says you are, MFA
//! enrollment, step-up, and session control.

pub mod login;
pub mod logout;
pub mod mfa_activate;
pub mod mfa_enroll;
pub mod sessions_list;
pub mod sessions_revoke;
pub mod status;
pub mod step_up;

use crate::app::Factory;
use crate::cli::auth::{AuthCommand, MfaCommand, SessionsCommand};
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: AuthCommand) -> Result<Outcome> {
    match cmd {
        AuthCommand::Login(a) => login::run(app, &a.settings()),
        AuthCommand::Logout(a) => logout::run(app, a.all),
        AuthCommand::Status => read(status::run(app)),
        AuthCommand::Mfa(MfaCommand::Enroll(a)) => mfa_enroll::run(app, &a.settings()),
        AuthCommand::Mfa(MfaCommand::Activate(a)) => mfa_activate::run(app, &a.settings()),
        AuthCommand::StepUp(a) => step_up::run(app, &a.settings()),
        AuthCommand::StepDown => step_up::down(app),
        AuthCommand::Sessions(a) => match a.command {
            None => read(sessions_list::run(app, &a.list.settings())),
            Some(SessionsCommand::List(l)) => read(sessions_list::run(app, &l.settings())),
            Some(SessionsCommand::Revoke(r)) => sessions_revoke::run(app, &r.settings()),
        },
    }
}

/// Reads a six-digit code: the flag/MDM_OTP if given, else a hidden prompt.
pub(crate) fn read_code(
    app: &Factory,
    flag: Option<&str>,
    prompt: &str,
    instead: &str,
) -> Result<String> {
    let given = flag.map(str::to_string).or_else(|| {
        std::env::var("MDM_OTP")
            .ok()
            .filter(|s| !s.trim().is_empty())
    });
    let code = match given {
        Some(c) => c,
        None => app.ui.prompt_secret(prompt, instead)?,
    };
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != mdm_model::totp::DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(crate::error::Error::usage(format!(
            "a TOTP code is {} digits",
            mdm_model::totp::DIGITS
        )));
    }
    Ok(code)
}
