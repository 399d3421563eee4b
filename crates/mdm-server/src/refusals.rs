//! Refusals leave a trace: every refused mutating request and every refused PII read
//! by an authenticated caller becomes one `request.refused` audit event (actor, role,
//! method, matched route, reason code, request id), unless the handler already audited
//! this request itself (an event carrying its request id). Identical refusals from one
//! token are folded: at most one event per (token, route, code) per minute of the server
//! clock; the next window's event carries the `count` of refusals since the last event.
//! The fold state lives in the database (`refusal_folds`), so it survives restarts.

use crate::AppState;
use crate::audit::NewEvent;
use crate::http::{ApiError, Principal};
use crate::sql::{Connection, OptionalExtension, params};
use axum::http::{Method, StatusCode};

/// The fold window, seconds of server time.
pub const WINDOW_SECS: i64 = 60;

/// What the refusal layer knows about a refused request.
pub struct Refusal {
    pub principal: Principal,
    pub method: Method,
    pub route: String,
    pub request_id: String,
    pub source_ip: String,
    pub user_agent: String,
    pub status: StatusCode,
    pub code: String,
}

/// Whether a response to this request is a refusal to record.
pub fn is_recorded(method: &Method, query: Option<&str>, status: StatusCode) -> bool {
    if !status.is_client_error() || status == StatusCode::UNAUTHORIZED {
        return false;
    }
    if method == Method::GET || method == Method::HEAD {
        let pii = query.is_some_and(|q| q.split('&').any(|kv| kv.starts_with("show_pii")));
        return pii && status == StatusCode::FORBIDDEN;
    }
    true
}

/// Whether the handler already wrote an event for this request (looked up among the
/// most recent events).
fn already_audited(c: &Connection, request_id: &str) -> crate::sql::Result<bool> {
    // SQLite's JSON path, PostgreSQL's operator: the one SQL function the two spell
    // differently.
    let field = match c.engine() {
        "postgres" => "CAST(body AS JSONB) ->> 'request_id'",
        _ => "json_extract(body, '$.request_id')",
    };
    c.query_row(
        &format!(
            "SELECT EXISTS(SELECT 1 FROM (SELECT body FROM audit_events ORDER BY id DESC LIMIT 500) r
              WHERE {field} = ?1)"
        ),
        params![request_id],
        |r| r.get(0),
    )
}

/// Records the refusal (folding it if an identical one was recorded this minute).
pub fn record(c: &Connection, r: &Refusal) -> crate::sql::Result<()> {
    if already_audited(c, &r.request_id)? {
        return Ok(());
    }
    let now = crate::clock::now_unix();
    let method = r.method.as_str();
    let row: Option<(i64, i64)> = c
        .query_row(
            "SELECT window_start, folded FROM refusal_folds
              WHERE token_id = ?1 AND method = ?2 AND route = ?3 AND code = ?4",
            params![r.principal.token_id, method, r.route, r.code],
            |x| Ok((x.get(0)?, x.get(1)?)),
        )
        .optional()?;
    let folded = match row {
        Some((start, _)) if now - start < WINDOW_SECS => {
            c.execute(
                "UPDATE refusal_folds SET folded = folded + 1
                  WHERE token_id = ?1 AND method = ?2 AND route = ?3 AND code = ?4",
                params![r.principal.token_id, method, r.route, r.code],
            )?;
            return Ok(());
        }
        Some((_, folded)) => folded,
        None => 0,
    };
    c.execute(
        "INSERT INTO refusal_folds(token_id, method, route, code, window_start, folded)
         VALUES (?1, ?2, ?3, ?4, ?5, 0)
         ON CONFLICT(token_id, method, route, code)
         DO UPDATE SET window_start = excluded.window_start, folded = 0",
        params![r.principal.token_id, method, r.route, r.code, now],
    )?;
    let p = &r.principal;
    let ev = NewEvent {
        actor: p.user.clone(),
        role: p.role.as_str().to_string(),
        elevation_id: p.elevation.as_ref().map(|e| e.0.clone()),
        source_ip: r.source_ip.clone(),
        user_agent: r.user_agent.clone(),
        request_id: r.request_id.clone(),
        action: "request.refused".to_string(),
        outcome: format!("refused_{}", r.code),
        breakglass: p.breakglass.is_some(),
        details: serde_json::json!({
            "method": method,
            "route": r.route,
            "status": r.status.as_u16(),
            "code": r.code,
            "count": folded + 1,
            "folded": folded,
        }),
        ..NewEvent::default()
    };
    crate::audit::append(c, ev).map(|_| ())
}

/// Records the refusal off the async threads; a failure to record is logged, never
/// turned into a different answer.
pub async fn record_async(state: &AppState, r: Refusal) {
    let st = state.clone();
    let res = tokio::task::spawn_blocking(move || st.db.write(|tx| record(tx, &r))).await;
    match res {
        Ok(Ok(())) => {}
        Ok(Err(e)) => eprintln!("mdm sandbox: cannot record a refusal: {e}"),
        Err(_) => eprintln!("mdm sandbox: cannot record a refusal: worker failed"),
    }
}

/// The code of an error answer.
pub fn code_of(err: Option<&ApiError>, status: StatusCode) -> String {
    match err {
        Some(e) => e.code.to_string(),
        None if status == StatusCode::NOT_FOUND => "not_found".to_string(),
        None if status == StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed".to_string(),
        None => "invalid_request".to_string(),
    }
}
