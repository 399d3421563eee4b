use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard;
use crate::outcome::Outcome;

/// One TOTP code from `--otp` (else `MDM_OTP`, else a prompt).
pub type Settings = crate::guard::OtpSource;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let code = super::read_code(
        app,
        args.flag.as_deref(),
        "Code shown by the new app",
        "pass the code with --otp CODE (or MDM_OTP)",
    )?;
    api.mfa_activate(&code)
        .map_err(guard::explain_step_up_error)?;
    guard::clear_cached(app, &ctx);
    app.ui
        .success("Authenticator enrolled: guarded actions will ask for its codes");
    Ok(())
}
