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
pub mod gateway;
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
use crate::outcome::{Change, Outcome};

pub fn run(app: &Factory, command: Command) -> Result<Outcome> {
    match command {
        Command::Sandbox(c) => sandbox::run(app, c),
        Command::Gateway(c) => gateway::run(app, c),
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
        Command::Unlock(a) => action::run(app, &a.settings(mdm_model::action::ActionKind::Unlock)?),
        Command::Retire(a) => action::run(app, &a.settings(mdm_model::action::ActionKind::Retire)?),
        Command::Actions(c) => actions::run(app, c),
        Command::Approvals(c) => approvals::run(app, c),
        Command::Breakglass(c) => breakglass::run(app, c),
        Command::Incident(c) => incident::run(app, c),
        Command::Completions(a) => read(docs::completions(app, &a)),
        Command::Man(a) => read(docs::man(app, &a)),
    }
}

/// The result of a command that only reads (or prints) something.
pub fn read(r: Result<()>) -> Result<Outcome> {
    r.map(|()| Outcome::Unchanged)
}

/// Runs a command that changes state: an error it returns is marked as a failed change
/// (so it is journaled too), unless `dry_run`, where nothing is journaled at all.
pub fn attempt(dry_run: bool, body: impl FnOnce() -> Result<Outcome>) -> Result<Outcome> {
    let r = body();
    if dry_run {
        return r.map(|_| Outcome::Unchanged).map_err(|mut e| {
            e.change = None;
            e
        });
    }
    r.map_err(|mut e| {
        e.change.get_or_insert_with(Change::default);
        e
    })
}

#[cfg(test)]
mod outcome_tests {
    use super::*;
    use crate::error::Error;
    use crate::outcome::{Change, Outcome};

    #[test]
    fn a_failed_change_is_marked_and_a_dry_run_never_is() {
        let e = attempt(false, || Err(Error::not_found("x"))).unwrap_err();
        assert_eq!(e.change, Some(Change::default()));
        let e = attempt(true, || Err(Error::not_found("x"))).unwrap_err();
        assert_eq!(e.change, None);
        let ok = attempt(true, || Ok(Outcome::changed())).unwrap();
        assert_eq!(ok, Outcome::Unchanged);
        let keep = attempt(false, || {
            Err(Error::failure("x").in_change(Change::default().action("act_1")))
        })
        .unwrap_err();
        assert_eq!(
            keep.change.as_ref().unwrap().action_id.as_deref(),
            Some("act_1")
        );
    }
}
