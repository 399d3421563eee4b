//! `mdm devices …`: the inventory. Owner email and phone stay masked unless `--show-pii`,
//! which the server permits per role and records in its audit log.

mod list;
mod show;

use crate::app::Factory;
use crate::cli::devices::DevicesCommand;
use crate::error::Result;

pub fn run(app: &Factory, cmd: DevicesCommand) -> Result<()> {
    match cmd {
        DevicesCommand::List(a) => list::run(app, &a),
        DevicesCommand::Show(a) => show::run(app, &a),
    }
}
