//! `mdm devices …`: the inventory. Owner email and phone stay masked unless `--show-pii`,
//! which the server permits per role and records in its audit log.

pub mod list;
pub mod show;

use crate::app::Factory;
use crate::cli::devices::DevicesCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: DevicesCommand) -> Result<Outcome> {
    match cmd {
        DevicesCommand::List(a) => read(list::run(app, &a.settings())),
        DevicesCommand::Show(a) => read(show::run(app, &a.settings())),
    }
}
