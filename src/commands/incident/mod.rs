//! `mdm incident …`: the containment playbook. Each step is one guarded command that
//! says what it did in one line on stderr and prints its result for scripts with `-o`.

mod freeze;
pub mod report;
mod revoke_sessions;
mod rotate_enrollment;
mod snapshot;
mod unfreeze;

use crate::app::Factory;
use crate::cli::incident::IncidentCommand;
use crate::error::Result;
use crate::outcome::{Outcome, read};

pub fn run(app: &Factory, cmd: IncidentCommand) -> Result<Outcome> {
    match cmd {
        IncidentCommand::Freeze(a) => freeze::run(app, &a),
        IncidentCommand::Unfreeze(a) => unfreeze::run(app, &a),
        IncidentCommand::RevokeSessions(a) => revoke_sessions::run(app, &a),
        IncidentCommand::RotateEnrollment(a) => rotate_enrollment::run(app, &a),
        IncidentCommand::Report(a) => read(report::run(app, &a)),
        IncidentCommand::Snapshot(a) => snapshot::run(app, &a),
    }
}
