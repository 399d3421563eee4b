//! `mdm approvals …`: the second admin of the two-person rule.

pub mod approve;
pub mod list;
pub mod reject;

use crate::app::Factory;
use crate::cli::actions::ApprovalsCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: ApprovalsCommand) -> Result<Outcome> {
    match cmd {
        ApprovalsCommand::List(a) => read(list::run(app, a.all)),
        ApprovalsCommand::Approve(a) => approve::run(app, &a.settings()),
        ApprovalsCommand::Reject(a) => reject::run(app, &a.settings()),
    }
}
