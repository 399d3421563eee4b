//! Break-glass sessions and the change freeze: the server side of `mdm breakglass` and
//! `mdm incident freeze/unfreeze`.

use crate::AppState;
use crate::actions::gate::{self, Guarded};
use crate::audit::{self, NewEvent};
use crate::authz::{Perm, Role};
use crate::breakglass::{self, MAX_DURATION_SECS};
use crate::clock::now_unix;
use crate::freeze;
use crate::http::{ApiError, ApiResult, JsonBody, ReqCtx};
use crate::ids::random_hex;
use crate::sql::params;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mdm_model::domain::ErrorCode;
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::{
    BreakglassActivateRequest, BreakglassEndRequest, BreakglassSession, FreezeRequest,
    FreezeResult, FreezeState, Page,
};
use std::time::Duration;

fn text(what: &str, v: &str, max: usize) -> ApiResult<String> {
    let v = v.trim();
    if v.is_empty() || v.chars().count() > max || v.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "{what} is 1-{max} characters of text"
        )));
    }
    Ok(v.to_string())
}

fn opt_text(what: &str, v: &Option<String>, max: usize) -> ApiResult<Option<String>> {
    v.as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| text(what, s, max))
        .transpose()
}

const SQL_LIVE_SESSIONS_OF: &str = "SELECT id FROM breakglass_sessions
     WHERE user_id = ?1 AND ended_at IS NULL AND expires_at > ?2";

const SQL_SUPERSEDE: &str = "UPDATE breakglass_sessions
     SET ended_at = ?2, ended_by = ?3, end_reason = 'superseded' WHERE id = ?1";

const SQL_INSERT_SESSION: &str = "INSERT INTO breakglass_sessions(
     id, user_id, \"user\", token_id, reason, ticket, started_at, expires_at, alert)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

const SQL_REVOKE_HOLDER_ELEVATIONS: &str =
    "UPDATE elevations SET revoked_at = ?1 WHERE user_id = ?2 AND revoked_at IS NULL";

const SQL_SESSION_HOLDER: &str = "SELECT user_id FROM breakglass_sessions WHERE id = ?1";

const SQL_END_SESSION: &str = "UPDATE breakglass_sessions
     SET ended_at = ?2, ended_by = ?3, end_reason = 'ended' WHERE id = ?1";

/// Starts a break-glass session for the calling token. Needs the break-glass role and a
/// step-up. A new activation while one is active ends the old one ("superseded"): time
/// is never added silently, every activation is its own event and its own alert.
pub async fn activate(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<BreakglassActivateRequest>,
) -> ApiResult<(StatusCode, Json<BreakglassSession>)> {
    if let Some(m) = mdm_model::totp::code_shape_error("otp", req.otp.as_deref()) {
        return Err(ApiError::bad_request(m));
    }
    let reason = text("reason", &req.reason, 500)?;
    let ticket = text("ticket", &req.ticket, 100)?;
    if req.duration_seconds < 60 || req.duration_seconds > MAX_DURATION_SECS {
        return Err(ApiError::bad_request(
            "duration_seconds is from 60 (1 minute) to 14400 (4 hours)",
        ));
    }
    let webhook = st.config.alert_webhook.clone();
    let has_webhook = webhook.is_some();
    let (session, event_id) = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<(BreakglassSession, i64)>> {
                let who = ctx.who()?.clone();
                if who.role != Role::Breakglass {
                    return Ok(Err(ApiError::forbidden(
                        "only a break-glass user can activate break-glass",
                    )));
                }
                let requires = gate::requirements(&Guarded::BreakglassActivate, &s.config);
                if let Err(e) = gate::enforce_fresh(
                    &requires,
                    &ctx,
                    tx,
                    &s.config,
                    Some(&reason),
                    Some(&ticket),
                    req.otp.as_deref(),
                )? {
                    let mut ev = NewEvent::from_req(
                        &ctx,
                        "breakglass.activate",
                        &format!("refused_{}", e.code),
                    );
                    ev.breakglass = true;
                    ev.reason = Some(reason.clone());
                    ev.ticket = Some(ticket.clone());
                    audit::append(tx, ev)?;
                    return Ok(Err(e));
                }
                // After the code's check, which appends its own event.
                let mut appender = audit::Appender::new(tx)?;
                let now = now_unix();
                breakglass::expire(tx, &mut appender, now)?;
                let previous: Vec<String> = {
                    let mut stmt = tx.prepare(SQL_LIVE_SESSIONS_OF)?;
                    stmt.query_map(params![who.user_id, now], |r| r.get(0))?
                        .collect::<crate::sql::Result<_>>()?
                };
                for id in &previous {
                    tx.execute(SQL_SUPERSEDE, params![id, now, who.user])?;
                }
                // Superseding, like ending, revokes the holder's elevations.
                let revoked = if previous.is_empty() {
                    0
                } else {
                    tx.execute(SQL_REVOKE_HOLDER_ELEVATIONS, params![now, who.user_id])?
                };
                let id = format!("bgs_{}", random_hex(6));
                let expires = now + req.duration_seconds as i64;
                let alert = if has_webhook {
                    "pending"
                } else {
                    "not_configured"
                };
                tx.execute(
                    SQL_INSERT_SESSION,
                    params![
                        id,
                        who.user_id,
                        who.user,
                        who.token_id,
                        reason,
                        ticket,
                        now,
                        expires,
                        alert
                    ],
                )?;
                let mut ev = NewEvent::from_req(&ctx, "breakglass.activate", "success")
                    .target("breakglass", vec![id.clone()])
                    .details(serde_json::json!({
                        "session_id": id,
                        "expires_at": unix_to_rfc3339(expires),
                        "duration_seconds": req.duration_seconds,
                        "superseded": previous,
                        "revoked_elevations": revoked,
                    }));
                ev.breakglass = true;
                ev.reason = Some(reason.clone());
                ev.ticket = Some(ticket.clone());
                let event = appender.append(tx, ev)?;
                let session = breakglass::get(tx, &id, now)?
                    .ok_or_else(|| ApiError::internal("session vanished"))?;
                Ok(Ok((session, event.id)))
            })
        })
        .await??;
    if let Some(url) = webhook {
        let payload = serde_json::json!({
            "type": "mdm.breakglass.activated",
            "text": format!(
                "Break-glass activated on mdm {} by {} until {}: {} (ticket {})",
                st.instance_id, session.user, session.expires_at, session.reason, session.ticket
            ),
            "instance_id": st.instance_id,
            "audit_event_id": event_id,
            "session": session,
        });
        tokio::spawn(send_alert(st.clone(), url, session.id.clone(), payload));
    }
    Ok((StatusCode::CREATED, Json(session)))
}

/// Posts a JSON alert to the webhook (three tries); says how it went: `sent`, or
/// `failed: ` and why.
pub async fn post_alert(url: &str, payload: &serde_json::Value) -> String {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .user_agent(concat!("mdm-sandbox/", env!("CARGO_PKG_VERSION")))
        .build();
    let mut outcome = String::from("failed: no HTTP client");
    if let Ok(client) = client {
        for attempt in 0..3u32 {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(500 * u64::from(attempt))).await;
            }
            match client.post(url).json(payload).send().await {
                Ok(r) if r.status().is_success() => {
                    outcome = "sent".into();
                    break;
                }
                Ok(r) => outcome = format!("failed: the webhook answered {}", r.status()),
                Err(e) => {
                    outcome = format!(
                        "failed: {}",
                        if e.is_timeout() {
                            "timed out"
                        } else {
                            "cannot connect"
                        }
                    )
                }
            }
        }
    }
    outcome
}

/// Posts the alert (three tries), then records the outcome on the session and in the
/// audit log, so "was anyone told?" has an answer.
async fn send_alert(st: AppState, url: String, session_id: String, payload: serde_json::Value) {
    let outcome = post_alert(&url, &payload).await;
    let _ = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<()> {
                breakglass::set_alert(tx, &session_id, &outcome)?;
                let ev = NewEvent {
                    actor: "server".into(),
                    role: "system".into(),
                    action: "breakglass.alert".into(),
                    outcome: if outcome == "sent" {
                        "success".into()
                    } else {
                        "failure".into()
                    },
                    breakglass: true,
                    details: serde_json::json!({ "session_id": session_id, "result": outcome }),
                    ..NewEvent::default()
                }
                .target("breakglass", vec![session_id.clone()]);
                audit::append(tx, ev)?;
                Ok(())
            })
        })
        .await;
}

pub async fn list(State(st): State<AppState>) -> ApiResult<Json<Page<BreakglassSession>>> {
    let items = st
        .run(|s| Ok(s.db.read(|c| breakglass::recent(c, now_unix(), 50))?))
        .await?;
    Ok(Json(Page {
        total: None,
        items,
        next_cursor: None,
    }))
}

/// Ends a session: the caller's own active one, or (for an admin) the one named.
pub async fn end(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<BreakglassEndRequest>,
) -> ApiResult<Json<BreakglassSession>> {
    let reason = opt_text("reason", &req.reason, 500)?;
    let session = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<BreakglassSession>> {
                let who = ctx.who()?.clone();
                let now = now_unix();
                // Without an id: the token's own session; else the caller's own active
                // one (a break-glass user logged in again); else, for an admin, the only
                // active session there is.
                let id = match (&req.id, &who.breakglass) {
                    (Some(id), _) => id.clone(),
                    (None, Some((id, _))) => id.clone(),
                    (None, None) => {
                        let mut ids = breakglass::active_ids(tx, Some(&who.user), now)?;
                        if ids.is_empty() && who.allows(Perm::SessionsManage) {
                            ids = breakglass::active_ids(tx, None, now)?;
                        }
                        match ids.len() {
                            1 => ids.remove(0),
                            0 => {
                                return Ok(Err(ApiError::not_found(
                                    "no active break-glass session to end",
                                )));
                            }
                            _ => {
                                return Ok(Err(ApiError::conflict(
                                    ErrorCode::NotActive,
                                    format!(
                                        "{} break-glass sessions are active ({}); name the one to end",
                                        ids.len(),
                                        ids.join(", ")
                                    ),
                                )));
                            }
                        }
                    }
                };
                let Some(sess) = breakglass::get(tx, &id, now)? else {
                    return Ok(Err(ApiError::not_found(format!(
                        "no break-glass session {id:?}"
                    ))));
                };
                let own = who.breakglass.as_ref().is_some_and(|b| b.0 == id)
                    || (who.role == Role::Breakglass && sess.user == who.user);
                if !own && !who.allows(Perm::SessionsManage) {
                    return Ok(Err(ApiError::forbidden(
                        "only its holder or an admin can end a break-glass session",
                    )));
                }
                if !sess.active {
                    return Ok(Err(ApiError::conflict(
                        ErrorCode::NotActive,
                        format!("break-glass session {id} has already ended"),
                    )));
                }
                tx.execute(SQL_END_SESSION, params![id, now, who.user])?;
                // The holder's step-ups end with the session: none outlives it.
                let holder: i64 = tx.query_row(SQL_SESSION_HOLDER, [&id], |r| r.get(0))?;
                let revoked = tx.execute(SQL_REVOKE_HOLDER_ELEVATIONS, params![now, holder])?;
                let mut ev = NewEvent::from_req(&ctx, "breakglass.end", "success")
                    .target("breakglass", vec![id.clone()])
                    .details(serde_json::json!({
                        "session_id": id,
                        "holder": sess.user,
                        "revoked_elevations": revoked,
                    }));
                ev.breakglass = true;
                ev.reason = reason;
                audit::append(tx, ev)?;
                Ok(Ok(breakglass::get(tx, &id, now)?.expect("just updated")))
            })
        })
        .await??;
    Ok(Json(session))
}

pub async fn get_freeze(State(st): State<AppState>) -> ApiResult<Json<FreezeState>> {
    let f = st
        .run(|s| Ok(s.db.read(freeze::current)?))
        .await?
        .unwrap_or_default();
    Ok(Json(f))
}

/// Where a pending request to lift the freeze waits for a second admin: `{by, at}`.
const UNFREEZE_REQUEST: &str = "unfreeze_request";

/// The pending request to lift the freeze, while its approval window lasts.
fn unfreeze_request(
    c: &crate::sql::Connection,
    ttl: std::time::Duration,
    now: i64,
) -> crate::sql::Result<Option<(String, i64)>> {
    Ok(crate::db::meta_get(c, UNFREEZE_REQUEST)?
        .and_then(|v| serde_json::from_str::<serde_json::Value>(&v).ok())
        .and_then(|v| Some((v["by"].as_str()?.to_string(), v["at"].as_i64()?)))
        .filter(|(_, at)| now - at < ttl.as_secs() as i64))
}

fn clear_unfreeze_request(c: &crate::sql::Connection) -> crate::sql::Result<()> {
    c.execute("DELETE FROM meta WHERE key = ?1", [UNFREEZE_REQUEST])
        .map(|_| ())
}

/// Turns the freeze on (or updates its message) or off. Both need a step-up; lifting it
/// also needs a second admin (the first one's request waits, `202`, until another admin
/// lifts it too within the approval window) or an active break-glass session.
pub async fn put_freeze(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<FreezeRequest>,
) -> ApiResult<(axum::http::StatusCode, Json<FreezeResult>)> {
    let message = opt_text("message", &req.message, 500)?;
    let reason = opt_text("reason", &req.reason, 500)?;
    let ticket = opt_text("ticket", &req.ticket, 100)?;
    let result = st
        .run(move |s| {
            s.db.write(
                |tx| -> ApiResult<ApiResult<(axum::http::StatusCode, FreezeResult)>> {
                    let who = ctx.who()?.clone();
                    let before = freeze::current(tx)?;
                    // A repeated freeze keeps what it does not restate.
                    let keep = |new: &Option<String>, old: fn(&FreezeState) -> &Option<String>| {
                        new.clone()
                            .or_else(|| before.as_ref().and_then(|b| old(b).clone()))
                    };
                    let after = req.frozen.then(|| FreezeState {
                        frozen: true,
                        message: keep(&message, |b| &b.message),
                        since: Some(
                            before
                                .as_ref()
                                .and_then(|b| b.since.clone())
                                .unwrap_or_else(crate::clock::now_rfc3339),
                        ),
                        by: Some(who.user.clone()),
                        reason: keep(&reason, |b| &b.reason),
                        ticket: keep(&ticket, |b| &b.ticket),
                    });
                    let same = |a: &FreezeState, b: &FreezeState| {
                        (&a.message, &a.reason, &a.ticket) == (&b.message, &b.reason, &b.ticket)
                    };
                    let changed = match (&before, &after) {
                        (Some(b), Some(a)) => !same(b, a),
                        (None, None) => false,
                        _ => true,
                    };
                    // Nothing to change: answer with what is stored, not with the caller's name.
                    let after = if changed { after } else { before.clone() };
                    let guarded = if req.frozen {
                        Guarded::Freeze
                    } else {
                        Guarded::Unfreeze {
                            breakglass: ctx.breakglass(),
                        }
                    };
                    let requires = gate::requirements(&guarded, &s.config);
                    if req.dry_run {
                        return Ok(Ok((
                            axum::http::StatusCode::OK,
                            FreezeResult {
                                requires: Some(requires),
                                freeze: after.unwrap_or_default(),
                                changed,
                                dry_run: true,
                            },
                        )));
                    }
                    let action = if req.frozen {
                        "incident.freeze"
                    } else {
                        "incident.unfreeze"
                    };
                    if let Err(e) =
                        gate::enforce(&requires, &ctx, tx, reason.as_deref(), ticket.as_deref())
                    {
                        let outcome = format!("refused_{}", e.code);
                        let mut ev = NewEvent::from_req(&ctx, action, &outcome);
                        ev.reason = reason.clone();
                        ev.ticket = ticket.clone();
                        audit::append(tx, ev)?;
                        return Ok(Err(e));
                    }
                    // Two-person unfreeze: the first admin's request waits for another one.
                    let mut requested_by = None;
                    if !req.frozen && changed && requires.approval {
                        let now = crate::clock::now_unix();
                        match unfreeze_request(tx, s.config.approval_ttl, now)? {
                            Some((by, _)) if by != who.user => requested_by = Some(by),
                            _ => {
                                crate::db::meta_set(
                                    tx,
                                    UNFREEZE_REQUEST,
                                    &serde_json::json!({ "by": who.user, "at": now }).to_string(),
                                )?;
                                let mut ev = NewEvent::from_req(&ctx, action, "pending_approval")
                                    .details(serde_json::json!({
                                        "approval_required": true,
                                        "expires_in_seconds": s.config.approval_ttl.as_secs(),
                                    }));
                                ev.reason = reason.clone();
                                ev.ticket = ticket.clone();
                                audit::append(tx, ev)?;
                                return Ok(Ok((
                                    axum::http::StatusCode::ACCEPTED,
                                    FreezeResult {
                                        requires: Some(requires),
                                        freeze: before.unwrap_or_default(),
                                        changed: false,
                                        dry_run: false,
                                    },
                                )));
                            }
                        }
                    }
                    if changed {
                        freeze::set(tx, after.as_ref())?;
                        clear_unfreeze_request(tx)?;
                        let mut ev = NewEvent::from_req(&ctx, action, "success").details(
                            serde_json::json!({
                                "message": message,
                                "was_frozen": before.is_some(),
                                "requested_by": requested_by,
                                "breakglass": ctx.breakglass(),
                            }),
                        );
                        ev.reason = reason.clone();
                        ev.ticket = ticket.clone();
                        audit::append(tx, ev)?;
                    }
                    Ok(Ok((
                        axum::http::StatusCode::OK,
                        FreezeResult {
                            requires: Some(requires),
                            freeze: after.unwrap_or_default(),
                            changed,
                            dry_run: false,
                        },
                    )))
                },
            )
        })
        .await??;
    Ok((result.0, Json(result.1)))
}
