use crate::app::Factory;
use crate::cli::devices::ShowArgs;
use crate::error::Result;

pub fn run(app: &Factory, args: &ShowArgs) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let device = api.get_device(args.device.trim(), args.show_pii)?;
    app.output(Some(&ctx)).item(&device)
}
