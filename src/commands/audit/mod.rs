//! `mdm audit …`: the server's log (query, follow, export, forward, verify) and this
//! CLI's own journal.

pub mod export;
pub mod forward;
pub mod journal;
pub mod log;
pub mod verify;

use crate::app::Factory;
use crate::cli::audit::AuditCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: AuditCommand) -> Result<Outcome> {
    match cmd {
        AuditCommand::Log(a) => read(log::run(app, &a.settings())),
        AuditCommand::Export(a) => read(export::run(app, &a.settings())),
        AuditCommand::Forward(a) => forward::run(app, &a.settings()),
        AuditCommand::Verify => read(verify::run(app)),
        AuditCommand::Journal(a) => read(journal::run(app, a.verify)),
    }
}

/// `24h` or RFC 3339 → RFC 3339 for the API.
pub(crate) fn time_arg(s: &Option<String>) -> Result<Option<String>> {
    s.as_deref()
        .map(|v| crate::timeutil::parse_since(v).map(mdm_model::time::rfc3339))
        .transpose()
}

/// An event from a line of the raw chain: its hash is the SHA-256 of the line itself.
pub(crate) fn event_from_line(line: &[u8]) -> Result<crate::api::AuditEvent> {
    let mut ev: crate::api::AuditEvent = serde_json::from_slice(line).map_err(|e| {
        crate::error::Error::failure("the server sent an unreadable audit event").with_source(&e)
    })?;
    ev.hash = mdm_model::audit::hash_bytes(line);
    Ok(ev)
}
