use crate::app::Factory;
use crate::cli::actions::WatchArgs;
use crate::error::Result;

pub fn run(app: &Factory, args: &WatchArgs) -> Result<()> {
    let timeout = args
        .timeout
        .as_deref()
        .map(crate::timeutil::parse_duration)
        .transpose()?;
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let a = super::follow(app, api.as_ref(), &args.id, timeout, false)?;
    super::conclude(app, &ctx, api.as_ref(), &a)
}
