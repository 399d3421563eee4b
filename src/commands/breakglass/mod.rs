//! `mdm breakglass …`: time-boxed emergency admin powers for a sealed credential. Loud by
//! design: every step is an audit event marked break-glass, and activation alerts.

pub mod activate;
pub mod end;
pub mod status;

use crate::app::Factory;
use crate::cli::breakglass::BreakglassCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: BreakglassCommand) -> Result<Outcome> {
    match cmd {
        BreakglassCommand::Activate(a) => activate::run(app, &a.settings()),
        BreakglassCommand::Status => read(status::run(app)),
        BreakglassCommand::End(a) => end::run(app, &a.settings()),
    }
}
