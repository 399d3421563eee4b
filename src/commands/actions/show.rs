use crate::api::ActionDevice;
use crate::app::Factory;
use crate::error::Result;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub id: String,
    /// `--devices [STATE]`: list the devices, in that state only if given.
    pub devices: Option<Option<mdm_model::domain::CommandStatus>>,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
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
        |n, cursor| api.action_devices(&args.id, state, n, cursor),
        |d| list.push(d),
    )?;
    if list.finish()? == 0 && !out.is_machine() {
        let a = api.get_action(&args.id)?;
        let which = state.map(|s| format!("{s} ")).unwrap_or_default();
        app.ui.info(&format!(
            "no {which}devices in {} ({} acknowledged, {} failed, {} not yet answered)",
            a.id,
            a.counts.acknowledged,
            a.counts.failed,
            a.counts.unanswered()
        ));
    }
    Ok(())
}
