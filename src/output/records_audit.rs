//! Table/CSV rows of audit events and journal entries.

use super::Record;
use crate::audit::journal::Entry;
use mdm_model::types::AuditEvent;

impl Record for AuditEvent {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "time",
        "actor",
        "role",
        "action",
        "target",
        "outcome",
        "reason",
        "ticket",
        "source_ip",
        "request_id",
        "elevation_id",
        "breakglass",
        "hash",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "id", "time", "actor", "role", "action", "target", "outcome", "reason",
    ];

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "id" => self.id.to_string(),
            "time" => self.time.clone(),
            "actor" => self.actor.clone(),
            "role" => self.role.clone(),
            "action" => self.action.clone(),
            "target" => {
                let kind = self.target.kind.as_deref().unwrap_or("");
                if self.target.ids.len() == 1 {
                    format!("{kind} {}", self.target.ids[0])
                } else if self.target.count > 0 {
                    format!(
                        "{} {kind}{}",
                        self.target.count,
                        if human && self.target.count != 1 {
                            "s"
                        } else {
                            ""
                        }
                    )
                } else {
                    String::new()
                }
            }
            "outcome" => self.outcome.clone(),
            "reason" => self.reason.clone().unwrap_or_default(),
            "ticket" => self.ticket.clone().unwrap_or_default(),
            "source_ip" => self.source_ip.clone(),
            "request_id" => self.request_id.clone(),
            "elevation_id" => self.elevation_id.clone().unwrap_or_default(),
            "breakglass" => self.breakglass.to_string(),
            "hash" => self.hash.clone(),
            _ => String::new(),
        }
    }
}

impl Record for Entry {
    const COLUMNS: &'static [&'static str] = &[
        "seq",
        "time",
        "context",
        "user",
        "argv",
        "target_count",
        "action_id",
        "request_id",
        "outcome",
        "exit_code",
        "hash",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "seq",
        "time",
        "context",
        "user",
        "argv",
        "action_id",
        "outcome",
        "exit_code",
    ];

    fn cell(&self, column: &str, _human: bool) -> String {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        match column {
            "seq" => self.seq.to_string(),
            "time" => self.time.clone(),
            "context" => o(&self.context),
            "user" => o(&self.user),
            "argv" => self
                .argv
                .iter()
                .map(|a| shell_quote(a))
                .collect::<Vec<_>>()
                .join(" "),
            "target_count" => self.target_count.map(|c| c.to_string()).unwrap_or_default(),
            "action_id" => o(&self.action_id),
            "request_id" => o(&self.request_id),
            "outcome" => self.outcome.clone(),
            "exit_code" => self.exit_code.to_string(),
            "hash" => self.hash.clone(),
            _ => String::new(),
        }
    }
}

/// POSIX single-quoting where needed, so a journaled command line reads back unambiguously.
fn shell_quote(a: &str) -> String {
    let plain = !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%[]".contains(c));
    if plain {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

impl Record for mdm_model::types::BreakglassSession {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "user",
        "active",
        "started_at",
        "expires_at",
        "ended_at",
        "end_reason",
        "reason",
        "ticket",
        "alert",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "id",
        "user",
        "active",
        "started_at",
        "expires_at",
        "end_reason",
        "reason",
        "ticket",
        "alert",
    ];

    fn cell(&self, column: &str, human: bool) -> String {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        match column {
            "id" => self.id.clone(),
            "user" => self.user.clone(),
            "active" => self.active.to_string(),
            "started_at" => self.started_at.clone(),
            "expires_at" if human && self.active => {
                format!(
                    "{} ({})",
                    self.expires_at,
                    crate::timeutil::relative(&self.expires_at)
                )
            }
            "expires_at" => self.expires_at.clone(),
            "ended_at" => o(&self.ended_at),
            "end_reason" => o(&self.end_reason),
            "reason" => self.reason.clone(),
            "ticket" => self.ticket.clone(),
            "alert" => o(&self.alert),
            _ => String::new(),
        }
    }
}
