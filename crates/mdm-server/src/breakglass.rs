//! Break-glass sessions: a sealed credential that, after a step-up, holds the admin's
//! powers for a bounded time (at most four hours) through one token. Activation, every
//! request under it and its end are audit events marked break-glass, and activation
//! sends an alert to the configured webhook.

use super::audit::{Appender, NewEvent};
use crate::sql::{Connection, OptionalExtension, params};
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::BreakglassSession;

pub const MAX_DURATION_SECS: u64 = 4 * 3600;
pub const DEFAULT_DURATION_SECS: u64 = 3600;

const COLUMNS: &str =
    "id, \"user\", reason, ticket, started_at, expires_at, ended_at, ended_by, end_reason, alert";

pub fn row(r: &crate::sql::Row<'_>, now: i64) -> crate::sql::Result<BreakglassSession> {
    let ended_at: Option<i64> = r.get(6)?;
    let expires_at: i64 = r.get(5)?;
    Ok(BreakglassSession {
        id: r.get(0)?,
        user: r.get(1)?,
        reason: r.get(2)?,
        ticket: r.get(3)?,
        started_at: unix_to_rfc3339(r.get(4)?),
        expires_at: unix_to_rfc3339(expires_at),
        active: ended_at.is_none() && expires_at > now,
        ended_at: ended_at.map(unix_to_rfc3339),
        ended_by: r.get(7)?,
        end_reason: r.get(8)?,
        alert: r.get(9)?,
    })
}

/// The active session of a token: (id, expires_at).
pub fn active_for_token(
    c: &Connection,
    token_id: &str,
    now: i64,
) -> crate::sql::Result<Option<(String, i64)>> {
    c.query_row(
        "SELECT id, expires_at FROM breakglass_sessions
         WHERE token_id = ?1 AND ended_at IS NULL AND expires_at > ?2
         ORDER BY started_at DESC LIMIT 1",
        params![token_id, now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// The ids of the active sessions, of one user or (`None`) of everyone, newest first.
pub fn active_ids(c: &Connection, user: Option<&str>, now: i64) -> crate::sql::Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT id FROM breakglass_sessions
         WHERE ended_at IS NULL AND expires_at > ?1 AND (CAST(?2 AS TEXT) IS NULL OR \"user\" = ?2)
         ORDER BY started_at DESC, id",
    )?;
    stmt.query_map(params![now, user], |r| r.get(0))?.collect()
}

pub fn get(c: &Connection, id: &str, now: i64) -> crate::sql::Result<Option<BreakglassSession>> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM breakglass_sessions WHERE id = ?1"),
        [id],
        |r| row(r, now),
    )
    .optional()
}

/// Active sessions first, then the most recent ended ones.
pub fn recent(c: &Connection, now: i64, limit: u32) -> crate::sql::Result<Vec<BreakglassSession>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {COLUMNS} FROM breakglass_sessions
         ORDER BY (ended_at IS NULL AND expires_at > ?1) DESC, started_at DESC, id LIMIT ?2"
    ))?;
    stmt.query_map(params![now, limit], |r| row(r, now))?
        .collect()
}

pub fn set_alert(c: &Connection, id: &str, status: &str) -> crate::sql::Result<()> {
    c.execute(
        "UPDATE breakglass_sessions SET alert = ?2 WHERE id = ?1",
        params![id, status],
    )?;
    Ok(())
}

/// Marks sessions whose time is up as ended, each with its own audit event (called by
/// the simulator tick, so an expiry shows in the log even when nobody calls in).
pub fn expire(c: &Connection, appender: &mut Appender, now: i64) -> crate::sql::Result<()> {
    let due: Vec<(String, String, i64)> = {
        let mut stmt = c.prepare_cached(
            "SELECT id, \"user\", expires_at FROM breakglass_sessions WHERE ended_at IS NULL AND expires_at <= ?1",
        )?;
        stmt.query_map([now], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<crate::sql::Result<_>>()?
    };
    for (id, user, expires_at) in due {
        c.execute(
            "UPDATE breakglass_sessions SET ended_at = ?2, ended_by = 'server', end_reason = 'expired' WHERE id = ?1",
            params![id, expires_at],
        )?;
        let ev = NewEvent {
            actor: "server".into(),
            role: "system".into(),
            action: "breakglass.expired".into(),
            outcome: "success".into(),
            breakglass: true,
            details: serde_json::json!({ "session_id": id, "user": user }),
            ..NewEvent::default()
        }
        .target("breakglass", vec![id.clone()]);
        appender.append(c, ev)?;
    }
    Ok(())
}
