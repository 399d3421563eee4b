//! Command implementations: one folder per noun, one module per verb. A verb runs on
//! plain settings (built from its flags in `cli/`; only the noun dispatchers here see clap
//! types), reaches the server through the factory's capability traits, prints through
//! `output` (data) and `ui` (everything else), and returns an `Outcome` saying whether it
//! changed anything, which is what the local journal records.

pub mod action;
pub mod actions;
pub mod approvals;
pub mod apps;
pub mod audit;
pub mod auth;
pub mod breakglass;
pub mod context;
pub mod devices;
pub mod docs;
pub mod enroll;
pub mod groups;
pub mod incident;
pub mod policy;
pub mod push;
pub mod sandbox;

#[cfg(test)]
mod gate_tests;

use crate::app::Factory;
use crate::cli::Command;
use crate::error::Result;
use crate::outcome::{Outcome, read};

pub fn run(app: &Factory, command: Command) -> Result<Outcome> {
    match command {
        Command::Sandbox(c) => sandbox::run(app, c),
        Command::Context(c) => context::run(app, c),
        Command::Auth(c) => auth::run(app, c),
        Command::Devices(c) => devices::run(app, c),
        Command::Groups(c) => groups::run(app, c),
        Command::Enroll(c) => enroll::run(app, c),
        Command::Apps(c) => apps::run(app, c),
        Command::Push(c) => push::run(app, &c.settings()?),
        Command::Policy(c) => policy::run(app, c),
        Command::Audit(c) => audit::run(app, c),
        Command::Wipe(a) => action::run(app, &a.settings()?),
        Command::Lock(a) => action::run(app, &a.settings()?),
        Command::Unlock(a) => action::run(app, &a.settings("unlock")?),
        Command::Retire(a) => action::run(app, &a.settings("retire")?),
        Command::Actions(c) => actions::run(app, c),
        Command::Approvals(c) => approvals::run(app, c),
        Command::Breakglass(c) => breakglass::run(app, c),
        Command::Incident(c) => incident::run(app, c),
        Command::Completions(a) => read(docs::completions(app, &a)),
        Command::Man(a) => read(docs::man(app, &a)),
    }
}
