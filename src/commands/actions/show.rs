use crate::api::ActionDevice;
use crate::app::Factory;
use crate::cli::actions::ShowArgs;
use crate::error::Result;

pub fn run(app: &Factory, args: &ShowArgs) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    let Some(state) = args.devices else {
        return out.item(&api.get_action(&args.id)?);
    };
    let mut list = out.list::<ActionDevice>(out.columns::<ActionDevice>(None)?)?;
    crate::api::for_each_page(
        None,
        1000,
        |n, cursor| api.action_devices(&args.id, state.filter(), n, cursor),
        |d| list.push(d),
    )?;
    list.finish()?;
    Ok(())
}
