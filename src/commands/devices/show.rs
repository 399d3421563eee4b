use crate::app::Factory;
use crate::error::Result;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub device: String,
    pub show_pii: bool,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let device = api.get_device(args.device.trim(), args.show_pii)?;
    app.output(Some(&ctx)).item(&device)
}
