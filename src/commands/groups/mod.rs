//! `mdm groups …`: device groups, the usual unit of targeting.

use crate::api::Group;
use crate::app::Factory;
use crate::cli::groups::GroupsCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: GroupsCommand) -> Result<Outcome> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    match cmd {
        GroupsCommand::List => {
            let groups = api.list_groups()?;
            let mut list = out.list::<Group>(out.columns::<Group>(None)?)?;
            for g in &groups {
                list.push(g)?;
            }
            list.finish()?;
            Ok(Outcome::Unchanged)
        }
        GroupsCommand::Show(a) => read(out.item(&api.get_group(&a.name)?)),
    }
}
