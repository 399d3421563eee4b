//! MFA enrollment, step-up, and session control.

use crate::AppState;
use crate::actions::gate::{self, Guarded};
use crate::audit::{self, NewEvent};
use crate::authz::Perm;
use crate::clock::now_unix;
use crate::freeze;
use crate::http::{ApiError, ApiResult, JsonBody, OptionalJsonBody, Principal, ReqCtx};
use crate::sql::{Connection, OptionalExtension, params};
use crate::totp_store::{self as mfa, Check};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use mdm_model::domain::ErrorCode;
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::{
    CodeRequest, Elevation, MfaEnrollRequest, MfaEnrollment, Page, RevokeResult,
    RevokeSessionsRequest, Session,
};

/// Starts TOTP enrollment. Replacing an active seed needs a code from it in this very
/// request (`otp`; a live elevation does not count), so a stolen token, even with a
/// cached step-up, cannot swap in the thief's authenticator; and it is refused during
/// a change freeze.
pub async fn mfa_enroll(
    State(st): State<AppState>,
    ctx: ReqCtx,
    OptionalJsonBody(body): OptionalJsonBody<MfaEnrollRequest>,
) -> ApiResult<Json<MfaEnrollment>> {
    let req = body.unwrap_or_default();
    if let Some(m) = mdm_model::totp::code_shape_error("otp", req.otp.as_deref()) {
        return Err(ApiError::bad_request(m));
    }
    let p = ctx.who()?.clone();
    let user = p.user.clone();
    let r = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<String>> {
                let enrolled = mfa::is_enrolled(tx, p.user_id)?;
                if enrolled {
                    if let Err(e) = freeze::check(tx, &ctx, "replacing an authenticator") {
                        gate::audit_refusal(tx, &ctx, "mfa.enroll", &e)?;
                        return Ok(Err(e));
                    }
                    let requires = gate::requirements(&Guarded::MfaReplace, &s.config);
                    if let Err(e) = gate::enforce_fresh(
                        &requires,
                        &ctx,
                        tx,
                        &s.config,
                        None,
                        None,
                        req.otp.as_deref(),
                    )? {
                        gate::audit_refusal(tx, &ctx, "mfa.enroll", &e)?;
                        return Ok(Err(e));
                    }
                }
                let uri = mfa::start_enrollment(tx, p.user_id, &p.user, &s.instance_id)?;
                let ev = NewEvent::from_req(&ctx, "mfa.enroll_started", "success")
                    .target("user", vec![p.user.clone()])
                    .details(serde_json::json!({ "replacing": enrolled }));
                audit::append(tx, ev)?;
                Ok(Ok(uri))
            })
        })
        .await??;
    let secret = url::Url::parse(&r)
        .ok()
        .and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "secret")
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default();
    Ok(Json(MfaEnrollment {
        otpauth_uri: r,
        secret,
        issuer: mfa::ISSUER.into(),
        account: mfa::account_label(&user, &st.instance_id),
    }))
}

/// Activates a pending enrollment with a code from the new authenticator. When it
/// replaces an active one it is refused during a freeze, audited as `mfa.replaced`,
/// and alerted through the webhook.
pub async fn mfa_activate(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(body): JsonBody<CodeRequest>,
) -> ApiResult<StatusCode> {
    let p = ctx.who()?.clone();
    let who = p.user.clone();
    let result = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<Option<i64>>> {
                let state = mfa::load(tx, p.user_id)?;
                let Some(pending) = state.pending.clone() else {
                    return Ok(Err(ApiError::conflict(
                        ErrorCode::NoPendingEnrollment,
                        "there is no MFA enrollment to activate; \
                         start one with POST /v1/auth/mfa/enroll",
                    )));
                };
                let replacing = mfa::is_enrolled(tx, p.user_id)?;
                if replacing
                    && let Err(e) = freeze::check(tx, &ctx, "replacing an authenticator")
                {
                    gate::audit_refusal(tx, &ctx, "mfa.activate", &e)?;
                    return Ok(Err(e));
                }
                // A pending seed has never been used: its own replay state starts now.
                let check = mfa::check_code(tx, &s.config, &state, &pending, &body.code, 0)?;
                mfa::audit_check(tx, &ctx, "mfa.activate", &check, None)?;
                if let Some(e) = mfa::check_error(&check, "authenticator") {
                    return Ok(Err(e));
                }
                tx.execute(SQL_ACTIVATE_MFA, [p.user_id])?;
                // A new seed invalidates elevations obtained with the old one.
                let revoked =
                    tx.execute(SQL_REVOKE_USER_ELEVATIONS, params![now_unix(), p.user_id])?;
                if !replacing {
                    return Ok(Ok(None));
                }
                let ev = NewEvent::from_req(&ctx, "mfa.replaced", "success")
                    .target("user", vec![p.user.clone()])
                    .details(serde_json::json!({
                        "revoked_elevations": revoked,
                        "alert": if s.config.alert_webhook.is_some() { "pending" } else { "not_configured" },
                    }));
                Ok(Ok(Some(audit::append(tx, ev)?.id)))
            })
        })
        .await??;
    if let (Some(event_id), Some(url)) = (result, st.config.alert_webhook.clone()) {
        let payload = serde_json::json!({
            "type": "mdm.mfa.replaced",
            "text": format!(
                "The authenticator of {} on mdm {} was replaced",
                who, st.instance_id
            ),
            "instance_id": st.instance_id,
            "user": who,
            "audit_event_id": event_id,
        });
        tokio::spawn(send_mfa_alert(st.clone(), url, who.clone(), payload));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Posts the replacement alert, then audits how it went (`mfa.alert`).
async fn send_mfa_alert(st: AppState, url: String, user: String, payload: serde_json::Value) {
    let outcome = super::incident::post_alert(&url, &payload).await;
    let _ = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<()> {
                let ev = NewEvent {
                    actor: "server".into(),
                    role: "system".into(),
                    action: "mfa.alert".into(),
                    outcome: if outcome == "sent" {
                        "success".into()
                    } else {
                        "failure".into()
                    },
                    details: serde_json::json!({ "user": user, "result": outcome }),
                    ..NewEvent::default()
                }
                .target("user", vec![user.clone()]);
                audit::append(tx, ev)?;
                Ok(())
            })
        })
        .await;
}

/// Exchanges a TOTP code for a short-lived elevation bound to this user and token.
pub async fn step_up(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(body): JsonBody<CodeRequest>,
) -> ApiResult<Json<Elevation>> {
    let p = ctx.who()?.clone();
    let result = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<Elevation>> {
                let state = mfa::load(tx, p.user_id)?;
                let Some(secret) = state.secret.clone() else {
                    let ev = NewEvent::from_req(&ctx, "auth.step_up", "failure")
                        .target("user", vec![p.user.clone()])
                        .details(serde_json::json!({ "reason": "mfa_not_enrolled" }));
                    audit::append(tx, ev)?;
                    return Ok(Err(ApiError::conflict(
                        ErrorCode::MfaNotEnrolled,
                        "step-up needs an enrolled authenticator; \
                         enroll with `mdm auth mfa enroll`",
                    )));
                };
                let check =
                    mfa::check_code(tx, &s.config, &state, &secret, &body.code, state.last_step)?;
                let elevation = match check {
                    Check::Ok(_) => Some(mfa::create_elevation(
                        tx,
                        &s.config,
                        p.user_id,
                        &p.token_id,
                    )?),
                    _ => None,
                };
                mfa::audit_check(
                    tx,
                    &ctx,
                    "auth.step_up",
                    &check,
                    elevation.as_ref().map(|e| e.0.as_str()),
                )?;
                if let Some(e) = mfa::check_error(&check, "TOTP") {
                    return Ok(Err(e));
                }
                let (id, token, expires) = elevation.expect("created on success");
                Ok(Ok(Elevation {
                    elevation_id: id,
                    elevation_token: token,
                    expires_at: unix_to_rfc3339(expires),
                    ttl_seconds: s.config.elevation_ttl.as_secs(),
                }))
            })
        })
        .await?;
    result.map(Json)
}

const SQL_ACTIVATE_MFA: &str =
    "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL WHERE id = ?1";

const SQL_REVOKE_USER_ELEVATIONS: &str =
    "UPDATE elevations SET revoked_at = ?1 WHERE user_id = ?2 AND revoked_at IS NULL";

const SQL_SESSION_OWNER: &str =
    "SELECT u.id, u.name FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?1
     UNION ALL
     SELECT u.id, u.name FROM elevations e JOIN users u ON u.id = e.user_id WHERE e.id = ?1";

const SQL_REVOKE_TOKEN: &str =
    "UPDATE tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL";

const SQL_REVOKE_SESSION_ELEVATIONS: &str =
    "UPDATE elevations SET revoked_at = ?1 WHERE (id = ?2 OR token_id = ?2) AND revoked_at IS NULL";

const SQL_COUNT_LIVE_TOKENS: &str =
    "SELECT COUNT(*) FROM tokens WHERE user_id = ?1 AND id != ?2 AND revoked_at IS NULL
     AND (expires_at IS NULL OR expires_at > ?3)";

const SQL_COUNT_LIVE_ELEVATIONS: &str =
    "SELECT COUNT(*) FROM elevations WHERE user_id = ?1 AND token_id != ?2 AND revoked_at IS NULL
     AND expires_at > ?3";

const SQL_REVOKE_LIVE_TOKENS: &str =
    "UPDATE tokens SET revoked_at = ?1 WHERE user_id = ?2 AND id != ?3 AND revoked_at IS NULL
     AND (expires_at IS NULL OR expires_at > ?4)";

const SQL_REVOKE_LIVE_ELEVATIONS: &str = "UPDATE elevations SET revoked_at = ?1
     WHERE user_id = ?2 AND token_id != ?3 AND revoked_at IS NULL
     AND expires_at > ?1";

fn user_id(c: &Connection, name: &str) -> ApiResult<i64> {
    c.query_row("SELECT id FROM users WHERE name = ?1", [name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("no user named {name:?}")))
}

/// Managing other users' sessions needs `sessions:manage`; the step-up it also needs
/// comes from the gate table.
fn check_manage_others(ctx: &ReqCtx) -> ApiResult<()> {
    let p = ctx.who()?;
    if !p.allows(Perm::SessionsManage) {
        return Err(ApiError::forbidden(format!(
            "role {} may only see and revoke its own sessions",
            p.role.as_str()
        ))
        .with_details(
            serde_json::json!({ "required_permission": Perm::SessionsManage.as_str() }),
        ));
    }
    Ok(())
}

pub async fn list_sessions(
    State(st): State<AppState>,
    ctx: ReqCtx,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Page<Session>>> {
    let params = super::Params::from_query(q.as_deref())?;
    params.only(&["user"])?;
    let who = ctx.who()?.clone();
    let target = params
        .get("user")
        .map(str::to_string)
        .unwrap_or_else(|| who.user.clone());
    // Permission before lookup: a refusal must not reveal whether the user exists.
    if target != who.user && !who.allows(Perm::SessionsManage) {
        return Err(ApiError::forbidden(format!(
            "role {} may only see and revoke its own sessions",
            who.role.as_str()
        ))
        .with_details(
            serde_json::json!({ "required_permission": Perm::SessionsManage.as_str() }),
        ));
    }
    let items = st
        .run(move |s| {
            s.db.read(|c| {
                let uid = user_id(c, &target)?;
                sessions_of(c, uid, &target, &who, &s.touched)
            })
        })
        .await?;
    Ok(Json(Page {
        total: Some(items.len() as u64),
        items,
        next_cursor: None,
    }))
}

fn opt_time(t: Option<i64>) -> Option<String> {
    t.map(unix_to_rfc3339)
}

fn sessions_of(
    c: &Connection,
    uid: i64,
    user: &str,
    who: &Principal,
    touched: &crate::tokens::Touched,
) -> ApiResult<Vec<Session>> {
    let now = now_unix();
    let mut out = Vec::new();
    let mut stmt = c.prepare(
        "SELECT id, label, created_at, expires_at, last_used_at FROM tokens
         WHERE user_id = ?1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?2)
         ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map(params![uid, now], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<i64>>(4)?,
        ))
    })?;
    for row in rows {
        let (id, label, created, expires, used) = row?;
        // A use not yet written counts: the list is current.
        let used = used.max(touched.last_used(&id));
        out.push(Session {
            current: id == who.token_id,
            id,
            kind: "token".into(),
            user: user.to_string(),
            label,
            created_at: created,
            expires_at: opt_time(expires),
            last_used_at: opt_time(used),
            revoked_at: None,
            token_id: None,
        });
    }
    let mut stmt = c.prepare(
        "SELECT id, token_id, created_at, expires_at FROM elevations
         WHERE user_id = ?1 AND revoked_at IS NULL AND expires_at > ?2 ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map(params![uid, now], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    for row in rows {
        let (id, token_id, created, expires) = row?;
        out.push(Session {
            current: who.elevation.as_ref().is_some_and(|e| e.0 == id),
            id,
            kind: "elevation".into(),
            user: user.to_string(),
            label: "step-up".into(),
            created_at: unix_to_rfc3339(created),
            expires_at: Some(unix_to_rfc3339(expires)),
            last_used_at: None,
            revoked_at: None,
            token_id: Some(token_id),
        });
    }
    Ok(out)
}

/// Revokes one token (and its elevations) or one elevation.
pub async fn revoke_session(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
) -> ApiResult<Json<RevokeResult>> {
    let result = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<RevokeResult>> {
                let who = ctx.who()?.clone();
                let owner: Option<(i64, String)> = tx
                    .query_row(
                        SQL_SESSION_OWNER,
                        [&id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let Some((uid, user)) = owner else {
                    return Ok(Err(ApiError::not_found(format!("no session {id:?}"))));
                };
                let others = uid != who.user_id;
                if others && let Err(e) = check_manage_others(&ctx) {
                    return Ok(Err(e));
                }
                let guarded = Guarded::RevokeSessions { count: 1, others, all_users: false };
                let requires = gate::requirements(&guarded, &s.config);
                if let Err(e) = gate::enforce(&requires, &ctx, tx, None, None) {
                    gate::audit_refusal(tx, &ctx, "session.revoke", &e)?;
                    return Ok(Err(e));
                }
                let now = now_unix();
                let toks = tx.execute(
                    SQL_REVOKE_TOKEN,
                    params![crate::clock::now_rfc3339(), id],
                )? as u64;
                let elvs = tx.execute(
                    SQL_REVOKE_SESSION_ELEVATIONS,
                    params![now, id],
                )? as u64;
                let ev = NewEvent::from_req(&ctx, "session.revoke", "success")
                    .target("session", vec![id.clone()])
                    .details(serde_json::json!({ "user": user, "revoked_tokens": toks, "revoked_elevations": elvs }));
                audit::append(tx, ev)?;
                Ok(Ok(RevokeResult {
                    requires: Some(requires),
                    revoked_tokens: toks,
                    revoked_elevations: elvs,
                    users: vec![user],
                    dry_run: false,
                }))
            })
        })
        .await?;
    result.map(Json)
}

/// Revokes many sessions: the caller's, another user's, or everyone's.
pub async fn revoke_sessions(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(body): JsonBody<RevokeSessionsRequest>,
) -> ApiResult<Json<RevokeResult>> {
    let result = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<RevokeResult>> {
                let who = ctx.who()?.clone();
                let targets: Vec<(i64, String)> = if body.all_users {
                    if body.user.is_some() {
                        return Ok(Err(ApiError::bad_request(
                            "give either user or all_users, not both",
                        )));
                    }
                    let mut stmt = tx.prepare("SELECT id, name FROM users ORDER BY name")?;
                    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<crate::sql::Result<_>>()?
                } else {
                    let name = body.user.clone().unwrap_or_else(|| who.user.clone());
                    match user_id(tx, &name) {
                        Ok(uid) => vec![(uid, name)],
                        Err(e) => return Ok(Err(e)),
                    }
                };
                let others = targets.iter().any(|(uid, _)| *uid != who.user_id);
                if others && let Err(e) = check_manage_others(&ctx) {
                    return Ok(Err(e));
                }
                let requires_for = |count: u64| {
                    let all_users = body.all_users;
                    gate::requirements(
                        &Guarded::RevokeSessions {
                            count,
                            others,
                            all_users,
                        },
                        &s.config,
                    )
                };
                if !body.dry_run
                    && let Err(e) = gate::enforce(
                        &requires_for(0),
                        &ctx,
                        tx,
                        body.reason.as_deref(),
                        body.ticket.as_deref(),
                    )
                {
                    gate::audit_refusal(tx, &ctx, "session.revoke_bulk", &e)?;
                    return Ok(Err(e));
                }
                let keep = if body.except_current {
                    who.token_id.clone()
                } else {
                    String::new()
                };
                let (now, now_s) = (now_unix(), crate::clock::now_rfc3339());
                let (mut toks, mut elvs, mut users) = (0u64, 0u64, Vec::new());
                for (uid, name) in &targets {
                    // Live sessions only: what a dry run counts is what a real run revokes.
                    let (t, e) = if body.dry_run {
                        (
                            tx.query_row(SQL_COUNT_LIVE_TOKENS, params![uid, keep, now], |r| {
                                r.get::<_, i64>(0)
                            })? as u64,
                            tx.query_row(SQL_COUNT_LIVE_ELEVATIONS, params![uid, keep, now], |r| {
                                r.get::<_, i64>(0)
                            })? as u64,
                        )
                    } else {
                        (
                            tx.execute(SQL_REVOKE_LIVE_TOKENS, params![now_s, uid, keep, now])?
                                as u64,
                            tx.execute(SQL_REVOKE_LIVE_ELEVATIONS, params![now, uid, keep])? as u64,
                        )
                    };
                    if t + e > 0 {
                        users.push(name.clone());
                    }
                    toks += t;
                    elvs += e;
                }
                if body.dry_run {
                    return Ok(Ok(RevokeResult {
                        requires: Some(requires_for(toks + elvs)),
                        revoked_tokens: toks,
                        revoked_elevations: elvs,
                        users,
                        dry_run: true,
                    }));
                }
                let mut ev = NewEvent::from_req(&ctx, "session.revoke_bulk", "success")
                    .target("user", users.clone())
                    .details(serde_json::json!({
                        "all_users": body.all_users,
                        "except_current": body.except_current,
                        "revoked_tokens": toks,
                        "revoked_elevations": elvs,
                    }));
                ev.reason = body.reason.clone();
                ev.ticket = body.ticket.clone();
                audit::append(tx, ev)?;
                Ok(Ok(RevokeResult {
                    requires: Some(requires_for(toks + elvs)),
                    revoked_tokens: toks,
                    revoked_elevations: elvs,
                    users,
                    dry_run: false,
                }))
            })
        })
        .await?;
    result.map(Json)
}
