use crate::app::Factory;
use crate::error::Result;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub device: String,
    pub show_pii: bool,
    /// For the step-up an unmasked read over the server's PII budget needs.
    pub otp: crate::guard::OtpSource,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let id = args.device.trim();
    let device = if args.show_pii {
        crate::guard::pii_read(app, &ctx, api.as_ref(), &args.otp, |e| {
            api.get_device(id, true, e)
        })?
    } else {
        api.get_device(id, false, None)?
    };
    app.output(Some(&ctx)).item(&device)
}
