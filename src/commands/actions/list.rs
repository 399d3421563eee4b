use crate::api::Action;
use crate::app::Factory;
use crate::error::{Error, Result};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub status: Option<mdm_model::domain::ActionStatus>,
    pub limit: u32,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    if args.limit == 0 {
        return Err(Error::usage("--limit must be at least 1"));
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    let mut list = out.list::<Action>(out.columns::<Action>(None)?)?;
    crate::api::for_each_page(
        Some(args.limit),
        500,
        |n, cursor| api.list_actions(args.status, n, cursor),
        |a| list.push(a),
    )?;
    if list.finish()? == 0 && !out.is_machine() {
        app.ui.info("no actions");
    }
    Ok(())
}
