//! The server-wide change freeze of an incident: while it is on, pushes, app catalog
//! additions, policy changes, enrollments and wipes/retires are refused for everyone but
//! an active break-glass session, with the freeze message in the refusal; queued device
//! commands of those kinds are held, not delivered.

use super::http::{ApiError, ReqCtx};
use crate::sql::Connection;
use axum::http::StatusCode;
use mdm_model::domain::ErrorCode;
use mdm_model::types::FreezeState;

const KEY: &str = "freeze";

pub fn current(c: &Connection) -> crate::sql::Result<Option<FreezeState>> {
    Ok(super::db::meta_get(c, KEY)?
        .and_then(|v| serde_json::from_str::<FreezeState>(&v).ok())
        .filter(|f| f.frozen))
}

pub fn set(c: &Connection, state: Option<&FreezeState>) -> crate::sql::Result<()> {
    match state {
        Some(s) => super::db::meta_set(c, KEY, &serde_json::to_string(s).expect("serializes")),
        None => {
            c.execute("DELETE FROM meta WHERE key = ?1", [KEY])?;
            Ok(())
        }
    }
}

/// Refuses `what` while frozen, unless the request acts under break-glass.
pub fn check(c: &Connection, ctx: &ReqCtx, what: &str) -> Result<(), ApiError> {
    let Some(f) = current(c)? else {
        return Ok(());
    };
    if ctx.breakglass() {
        return Ok(());
    }
    if ctx.principal.is_none() {
        // A device (or anyone) without a credential learns only that it must wait.
        return Err(ApiError::new(
            StatusCode::LOCKED,
            ErrorCode::ChangeFreeze,
            format!("{what} is refused for now: try again later"),
        ));
    }
    let mut message = format!("{what} is refused: a change freeze is on");
    if let Some(m) = f.message.as_deref().filter(|m| !m.trim().is_empty()) {
        message.push_str(&format!(": {m}"));
    }
    Err(
        ApiError::new(StatusCode::LOCKED, ErrorCode::ChangeFreeze, message).with_details(
            serde_json::json!({
                "since": f.since, "by": f.by, "message": f.message, "ticket": f.ticket,
            }),
        ),
    )
}

/// Kinds of device command a freeze stops: pushes and the destructive ones (locks stay
/// possible: they are how responders contain).
pub fn stops_kind(kind: &str) -> bool {
    matches!(kind, "wipe" | "retire") || kind.starts_with("push_")
}
