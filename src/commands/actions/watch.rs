use crate::app::Factory;
use crate::error::Result;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub id: String,
    pub timeout: Option<String>,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let timeout = args
        .timeout
        .as_deref()
        .map(crate::timeutil::parse_duration)
        .transpose()?;
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let a = super::progress::follow(app, api.as_ref(), &args.id, timeout, false)?;
    super::progress::conclude(app, &ctx, api.as_ref(), &a)
}
