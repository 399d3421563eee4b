//! Command implementations: one folder per noun, one module per verb. Each verb turns its
//! clap args into settings, calls the API through the factory, and prints through
//! `output` (data) and `ui` (everything else).

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

use crate::app::Factory;
use crate::cli::Command;
use crate::error::Result;

/// Whether a command changes state (on the server, in the keyring or the config): those
/// go into the local journal.
pub fn is_mutating(command: &Command) -> bool {
    use crate::cli::auth::{AuthCommand, SessionsCommand};
    use crate::cli::context::ContextCommand;
    use crate::cli::enroll::EnrollCommand;
    use crate::cli::policy::PolicyCommand;
    use crate::cli::sandbox::SandboxCommand;
    match command {
        Command::Wipe(_)
        | Command::Lock(_)
        | Command::Unlock(_)
        | Command::Retire(_)
        | Command::Push(_) => true,
        Command::Enroll(c) => matches!(
            c,
            EnrollCommand::Create(_) | EnrollCommand::Revoke(_) | EnrollCommand::Bulk(_)
        ),
        Command::Apps(c) => matches!(c, crate::cli::apps::AppsCommand::Add(_)),
        Command::Policy(c) => matches!(
            c,
            PolicyCommand::Apply(_) | PolicyCommand::Assign(_) | PolicyCommand::Delete(_)
        ),
        Command::Approvals(c) => !matches!(c, crate::cli::actions::ApprovalsCommand::List(_)),
        Command::Actions(c) => matches!(c, crate::cli::actions::ActionsCommand::Cancel(_)),
        Command::Auth(c) => match c {
            AuthCommand::Status => false,
            AuthCommand::Sessions(s) => matches!(s.command, Some(SessionsCommand::Revoke(_))),
            _ => true,
        },
        Command::Context(c) => matches!(
            c,
            ContextCommand::Add(_) | ContextCommand::Use(_) | ContextCommand::Remove(_)
        ),
        Command::Sandbox(c) => matches!(
            c,
            SandboxCommand::Up(_) | SandboxCommand::Down(_) | SandboxCommand::User(_)
        ),
        Command::Audit(c) => matches!(c, crate::cli::audit::AuditCommand::Forward(_)),
        Command::Breakglass(c) => !matches!(c, crate::cli::breakglass::BreakglassCommand::Status),
        Command::Incident(c) => !matches!(c, crate::cli::incident::IncidentCommand::Report(_)),
        _ => false,
    }
}

pub fn run(app: &Factory, command: Command) -> Result<()> {
    match command {
        Command::Sandbox(c) => sandbox::run(app, c),
        Command::Context(c) => context::run(app, c),
        Command::Auth(c) => auth::run(app, c),
        Command::Devices(c) => devices::run(app, c),
        Command::Groups(c) => groups::run(app, c),
        Command::Enroll(c) => enroll::run(app, c),
        Command::Apps(c) => apps::run(app, c),
        Command::Push(c) => push::run(app, c),
        Command::Policy(c) => policy::run(app, c),
        Command::Audit(c) => audit::run(app, c),
        Command::Wipe(a) => action::wipe(app, &a),
        Command::Lock(a) => action::lock(app, &a),
        Command::Unlock(a) => action::unlock(app, &a),
        Command::Retire(a) => action::retire(app, &a),
        Command::Actions(c) => actions::run(app, c),
        Command::Approvals(c) => approvals::run(app, c),
        Command::Breakglass(c) => breakglass::run(app, c),
        Command::Incident(c) => incident::run(app, c),
        Command::Completions(a) => docs::completions(app, &a),
        Command::Man(a) => docs::man(app, &a),
    }
}
