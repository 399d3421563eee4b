//! `mdm incident …`: the containment playbook. Each step is one guarded command that
//! says what it did in one line on stderr and prints its result for scripts with `-o`.

pub mod freeze;
pub mod report;
pub mod revoke_sessions;
pub mod rotate_enrollment;
pub mod snapshot;
pub mod unfreeze;

use crate::app::Factory;
use crate::cli::incident::IncidentCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: IncidentCommand) -> Result<Outcome> {
    match cmd {
        IncidentCommand::Freeze(a) => freeze::run(app, &a.settings()),
        IncidentCommand::Unfreeze(a) => unfreeze::run(app, &a.settings()),
        IncidentCommand::RevokeSessions(a) => revoke_sessions::run(app, &a.settings()),
        IncidentCommand::RotateEnrollment(a) => rotate_enrollment::run(app, &a.settings()),
        IncidentCommand::Report(a) => read(report::run(app, &a.settings())),
        IncidentCommand::Snapshot(a) => snapshot::run(app, &a.settings()),
    }
}
