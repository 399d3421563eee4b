//! `mdm breakglass …`: time-boxed emergency admin powers for a sealed credential. Loud by
//! design: every step is an audit event marked break-glass, and activation alerts.

mod activate;
mod end;
mod status;

use crate::app::Factory;
use crate::cli::breakglass::BreakglassCommand;
use crate::error::Result;
use crate::outcome::{Outcome, read};

pub fn run(app: &Factory, cmd: BreakglassCommand) -> Result<Outcome> {
    match cmd {
        BreakglassCommand::Activate(a) => activate::run(app, &a),
        BreakglassCommand::Status => read(status::run(app)),
        BreakglassCommand::End(a) => end::run(app, &a),
    }
}
