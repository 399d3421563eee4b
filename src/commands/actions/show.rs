use crate::api::ActionDevice;
use crate::app::App;
use crate::cli::actions::ShowArgs;
use crate::error::Result;

pub fn run(app: &App, args: &ShowArgs) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    let Some(state) = args.devices else {
        return out.item(&api.get_action(&args.id)?);
    };
    let mut list = out.list::<ActionDevice>(out.columns::<ActionDevice>(None)?)?;
    let mut cursor: Option<String> = None;
    loop {
        let page = api.action_devices(&args.id, state.filter(), 1000, cursor.as_deref())?;
        for d in &page.items {
            list.push(d)?;
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    list.finish()?;
    Ok(())
}
