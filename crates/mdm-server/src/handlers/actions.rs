//! Guarded actions over HTTP: preview, create (idempotent, preconditioned), follow,
//! cancel, and the two-person approvals.

use super::{Params, decode_cursor};
use crate::AppState;
use crate::actions::gate::{self, Guarded};
use crate::actions::{self, Kind};
use crate::audit::{self, Appender, NewEvent};
use crate::authz::Perm;
use crate::backend::Capability;
use crate::clock::now_unix;
use crate::freeze;
use crate::http::{ApiError, ApiResult, JsonBody, ReqCtx};
use crate::ids::random_hex;
use crate::sql::{Connection, OptionalExtension, params};
use crate::totp_store;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use mdm_model::domain::ErrorCode;
use mdm_model::domain::{ActionStatus, CommandStatus};
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::{
    Action, ActionDevice, ActionPins, CreateActionRequest, DecideRequest, DeclineRequest,
    DevicePin, HaltRequest, Page, Preview, PreviewRequest,
};
use sha2::{Digest, Sha256};

const SQL_REQUESTER_ROLE: &str =
    "SELECT u.role FROM actions a JOIN users u ON u.id = a.requested_by_id WHERE a.seq = ?1";

const SQL_INSERT_PREVIEW: &str =
    "INSERT INTO previews(id, user_id, action, count, digest, created_at, expires_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

const SQL_PREVIEW_OWNER: &str = "SELECT user_id, action, count, digest FROM previews WHERE id = ?1";

const SQL_IDEMPOTENT: &str =
    "SELECT id, request_hash FROM actions WHERE requested_by_id = ?1 AND idempotency_key = ?2";

const SQL_PREVIEW_STATE: &str = "SELECT user_id, expires_at, declined FROM previews WHERE id = ?1";

const SQL_INSERT_ACTION: &str =
    "INSERT INTO actions(id, kind, status, requested_by, requested_by_id, elevation_id, target,
     target_digest, total, platforms, options, reason, ticket, idempotency_key, request_hash,
     approval_required, approval_expires_at, created_at, updated_at, breakglass)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
             ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19)
     RETURNING seq";

const SQL_ACTION_DEVICES_PAGE: &str = "SELECT ad.device_rid, d.id, d.serial, d.name, d.platform,
            CASE ad.status WHEN 'sending' THEN 'sent' ELSE ad.status END, ad.error, ad.updated_at
     FROM action_devices ad JOIN devices d ON d.rid = ad.device_rid
     WHERE ad.action_seq = ?1
       AND (CAST(?2 AS TEXT) IS NULL OR ad.status = ?2 OR (?2 = 'sent' AND ad.status = 'sending'))
       AND ad.device_rid > ?3
     ORDER BY ad.device_rid LIMIT ?4";

const SQL_CANCEL_DEVICES: &str = "UPDATE action_devices SET status = 'cancelled', updated_at = ?2
     WHERE action_seq = ?1 AND status IN ('queued', 'pending', 'held', 'vendor_approval')";

const SQL_CANCEL_ACTION: &str =
    "UPDATE actions SET status = 'cancelled', updated_at = ?2 WHERE seq = ?1";

const SQL_APPROVE: &str =
    "UPDATE actions SET status = 'queued', approved_by = ?2, approved_at = ?3, updated_at = ?3,
     breakglass = CASE WHEN ?4 <> 0 THEN 1 ELSE breakglass END WHERE seq = ?1";

const SQL_REJECT: &str = "UPDATE actions
     SET status = 'rejected', rejected_by = ?2, updated_at = ?3, finished_at = ?3 WHERE seq = ?1";

/// Ids of up to this many devices go into audit events; beyond, count and digest only.
const AUDIT_IDS: usize = 100;

fn kind_allowed(
    ctx: &ReqCtx,
    kind: Kind,
    o: &mdm_model::types::ActionOptions,
    target: &mdm_model::types::Target,
) -> ApiResult<()> {
    let p = ctx.who()?;
    let perm = kind.perm(o, target.is_single());
    if p.allows(perm) {
        return Ok(());
    }
    let what = match kind {
        Kind::PushApp | Kind::PushProfile | Kind::PushCommand if !target.is_single() => {
            "push to several".to_string()
        }
        Kind::PushApp | Kind::PushProfile | Kind::PushCommand => "push to".to_string(),
        k => k.as_str().to_string(),
    };
    Err(
        ApiError::forbidden(format!("role {} may not {what} devices", p.role.as_str()))
            .with_details(serde_json::json!({ "required_permission": perm.as_str() })),
    )
}

/// The gate's answer for a device action on a resolved target.
fn action_requirements(
    c: &Connection,
    cfg: &crate::ServerConfig,
    kind: Kind,
    o: &mdm_model::types::ActionOptions,
    target: &mdm_model::types::Target,
    resolved: &actions::Resolved,
    window: actions::budget::Window,
) -> crate::sql::Result<mdm_model::types::Requirements> {
    let serial = match resolved.rids.as_slice() {
        [rid] if target.is_single() => Some(actions::target::serial_of(c, *rid)?),
        _ => None,
    };
    Ok(gate::requirements(
        &Guarded::DeviceAction {
            kind,
            options: o,
            single_serial: serial.as_deref(),
            all: target.all,
            count: resolved.ids.len() as u64,
            fleet: actions::target::active_fleet(c)?,
            window,
        },
        cfg,
    ))
}

/// What approving a pending action needs, shown on the action itself.
fn with_approval_requirements(mut a: Action, cfg: &crate::ServerConfig) -> Action {
    if a.status == ActionStatus::PendingApproval
        && let Ok(kind) = Kind::parse(&a.action)
    {
        a.requires = Some(gate::requirements(
            &Guarded::Approve {
                kind,
                count: a.total,
            },
            cfg,
        ));
    }
    a
}

/// Device commands need a backend that can send them.
fn backend_sends(st: &AppState) -> ApiResult<()> {
    if st.backend.supports(Capability::DeviceCommands) {
        Ok(())
    } else {
        Err(st.backend.unsupported(Capability::DeviceCommands).into())
    }
}

/// What the backend cannot carry out as asked (Intune: an app pushed to devices rather
/// than a group) is refused before anything is stored; the refusal is audited.
fn backend_carries_out(
    st: &AppState,
    tx: &Connection,
    ctx: &ReqCtx,
    kind: Kind,
    options: &mdm_model::types::ActionOptions,
    target: &mdm_model::types::Target,
) -> ApiResult<ApiResult<()>> {
    match st.backend.check_action(tx, kind, options, target) {
        Ok(()) => Ok(Ok(())),
        Err(r) => {
            let ev = NewEvent::from_req(
                ctx,
                &format!("action.{}", kind.as_str()),
                "refused_not_supported_by_backend",
            )
            .details(serde_json::json!({
                "backend": r.backend,
                "selector": target.describe(),
                "message": r.message,
            }));
            audit::append(tx, ev)?;
            Ok(Err(r.into()))
        }
    }
}

/// Whether the requester of a stored action may read PII (it decides what the action's
/// filter matched when it was requested).
fn requester_pii(c: &Connection, seq: i64) -> crate::sql::Result<bool> {
    let role: Option<String> = c
        .query_row(SQL_REQUESTER_ROLE, [seq], |r| r.get(0))
        .optional()?;
    Ok(role
        .and_then(|r| mdm_model::domain::Role::parse(&r))
        .is_some_and(|r| crate::authz::allows(r, Perm::PiiRead)))
}

fn audit_ids(ids: &[String]) -> Vec<String> {
    if ids.len() <= AUDIT_IDS {
        ids.to_vec()
    } else {
        Vec::new()
    }
}

fn event_for(ctx: &ReqCtx, action: &str, outcome: &str, resolved: &actions::Resolved) -> NewEvent {
    let mut ev =
        NewEvent::from_req(ctx, action, outcome).target("device", audit_ids(&resolved.ids));
    ev.target.count = resolved.ids.len() as u64;
    ev.target.digest = Some(resolved.digest.clone());
    ev
}

pub async fn preview(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<PreviewRequest>,
) -> ApiResult<Json<Preview>> {
    let kind = Kind::parse(&req.action)?;
    kind_allowed(&ctx, kind, &req.options, &req.target)?;
    backend_sends(&st)?;
    let pii = ctx.who()?.allows(Perm::PiiRead);
    let mut req = req;
    let p = st
        .run(move |s| {
            // Checked on a reader; only a refusal takes the writer, for its audit event.
            let carried = s.db.read(|c| -> ApiResult<bool> {
                Ok(s.backend
                    .check_action(c, kind, &req.options, &req.target)
                    .is_ok())
            })?;
            if !carried {
                s.db.write(|tx| {
                    backend_carries_out(s, tx, &ctx, kind, &req.options, &req.target)
                })??;
            }
            let (resolved, sample, unsupported, requires, this_hour) =
                s.db.read(|c| -> ApiResult<_> {
                    if freeze::stops_kind(kind.as_str()) {
                        freeze::check(c, &ctx, kind.freeze_label())?;
                    }
                    actions::prepare_options(c, kind, &mut req.options)?;
                    let r = actions::resolve(c, &req.target, pii, now_unix())?;
                    let sample = actions::sample(c, &r.ids)?;
                    let unsupported = actions::unsupported(c, kind, &req.options, &r.platforms)?;
                    let window = actions::budget::window(c, ctx.who()?.user_id, now_unix())?;
                    let requires = action_requirements(
                        c,
                        &s.config,
                        kind,
                        &req.options,
                        &req.target,
                        &r,
                        window,
                    )?;
                    let this_hour = gate::this_hour_before(kind, &req.options, &window)
                        .map(|before| before + r.ids.len() as u64);
                    Ok((r, sample, unsupported, requires, this_hour))
                })?;
            let count = resolved.ids.len() as u64;
            let id = format!("prv_{}", random_hex(6));
            let now = now_unix();
            let expires = now + 600;
            s.db.write(|tx| -> ApiResult<()> {
                tx.execute(
                    SQL_INSERT_PREVIEW,
                    params![
                        id,
                        ctx.who()?.user_id,
                        kind.as_str(),
                        count as i64,
                        resolved.digest,
                        now,
                        expires
                    ],
                )?;
                let ev = event_for(&ctx, "action.preview", "success", &resolved).details(
                    serde_json::json!({
                        "preview_id": id,
                        "kind": kind.as_str(),
                        "selector": req.target.describe(),
                        "platforms": resolved.platforms,
                        "requires": requires,
                        "this_hour": this_hour,
                        "sha256": req.options.sha256,
                        "profile_digest": req.options.profile_digest,
                    }),
                );
                audit::append(tx, ev)?;
                Ok(())
            })?;
            Ok(Preview {
                preview_id: id,
                action: kind.as_str().into(),
                count,
                platforms: resolved.platforms,
                sample,
                target_digest: resolved.digest,
                requires,
                unsupported,
                this_hour,
                expires_at: unix_to_rfc3339(expires),
            })
        })
        .await?;
    Ok(Json(p))
}

/// Records that the person declined, or failed, the typed confirmation of a preview.
pub async fn decline(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<DeclineRequest>,
) -> ApiResult<StatusCode> {
    if !matches!(
        req.reason.as_str(),
        "mismatch" | "declined" | "no_terminal" | "step_up_unavailable"
    ) {
        return Err(ApiError::bad_request(
            "reason is one of mismatch, declined, no_terminal, step_up_unavailable",
        ));
    }
    st.run(move |s| {
        s.db.write(|tx| -> ApiResult<()> {
            let who = ctx.who()?;
            let row: Option<(i64, String, i64, String)> = tx
                .query_row(SQL_PREVIEW_OWNER, [&id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?;
            let Some((uid, kind, count, digest)) = row else {
                return Err(ApiError::not_found(format!("no preview {id:?}")));
            };
            if uid != who.user_id {
                return Err(ApiError::forbidden(
                    "a preview can only be declined by whoever asked for it",
                ));
            }
            tx.execute("UPDATE previews SET declined = 1 WHERE id = ?1", [&id])?;
            let mut ev = NewEvent::from_req(&ctx, "action.confirmation_failed", "aborted").details(
                serde_json::json!({
                    "preview_id": id,
                    "kind": kind,
                    "reason": req.reason,
                }),
            );
            ev.target.kind = Some("device".into());
            ev.target.count = count as u64;
            ev.target.digest = Some(digest);
            audit::append(tx, ev)?;
            Ok(())
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn request_hash(req: &CreateActionRequest) -> String {
    let v = serde_json::to_value(req).expect("serializes");
    let mut bytes = Vec::new();
    mdm_model::audit::canonical_json(&v, &mut bytes);
    hex::encode(Sha256::digest(&bytes))
}

/// Whether a request may make the backend re-read the vendor (a whole inventory sync
/// for Intune): only a stepped-up (or break-glass) one. Every action on several devices
/// and every approval needs that step-up, so a request without it is refused by the
/// gate anyway, and cannot be used to spend the vendor's read budget in a loop.
fn may_cost_a_reread(ctx: &ReqCtx) -> ApiResult<bool> {
    let who = ctx.who()?;
    Ok(who.elevation.is_some() || ctx.breakglass())
}

/// Before an action on more than one device is created: the backend re-reads the
/// target from the vendor (no transaction open) and the request is refused with 409
/// `target_changed`, audited, when the vendor's set is not the previewed one. `Some` is
/// that refusal. A replayed request, or one the create step refuses anyway (its target
/// no longer the previewed one in the local copy, a selector that does not resolve), is
/// left to the create step.
fn confirm_before_create(
    s: &AppState,
    ctx: &ReqCtx,
    kind: Kind,
    req: &CreateActionRequest,
    pii: bool,
    key: &str,
) -> ApiResult<Option<ApiError>> {
    if req.expected_count <= 1 || !may_cost_a_reread(ctx)? {
        return Ok(None);
    }
    let user_id = ctx.who()?.user_id;
    let before = s.db.read(|c| -> ApiResult<Option<actions::Resolved>> {
        let replay = c
            .query_row(SQL_IDEMPOTENT, params![user_id, key], |_| Ok(()))
            .optional()?
            .is_some();
        if replay {
            return Ok(None);
        }
        Ok(actions::resolve(c, &req.target, pii, now_unix())
            .ok()
            .filter(|r| r.digest == req.target_digest && r.ids.len() > 1))
    })?;
    let Some(before) = before else {
        return Ok(None);
    };
    let backend = s.backend.as_ref();
    let Some(why) =
        actions::confirm::confirm(&s.db, backend, &req.target, pii, &before, now_unix())?
    else {
        return Ok(None);
    };
    s.db.write(|tx| -> ApiResult<()> {
        let ev = event_for(
            ctx,
            &format!("action.{}", kind.as_str()),
            "refused_target_changed",
            &before,
        )
        .details(serde_json::json!({
            "expected_count": req.expected_count,
            "backend": backend.name(),
            "reason": why,
        }));
        audit::append(tx, ev)?;
        Ok(())
    })?;
    Ok(Some(
        ApiError::conflict(ErrorCode::TargetChanged, format!("{why}; nothing was done"))
            .with_details(serde_json::json!({
                "expected_count": req.expected_count,
                "backend": backend.name(),
                "reason": why,
            })),
    ))
}

/// Before an approved action on more than one device fans out: the re-read of
/// [`confirm_before_create`], against the target as requested. Only for a caller who
/// may approve it at all (another user than the requester; the approve step checks the
/// rest), so a refused approval costs no vendor reads.
fn confirm_before_approve(s: &AppState, ctx: &ReqCtx, id: &str) -> ApiResult<Option<ApiError>> {
    if !may_cost_a_reread(ctx)? {
        return Ok(None);
    }
    let who = ctx.who()?.user.clone();
    let prepared = s.db.read(|c| -> ApiResult<_> {
        let (seq, action) = actions::load(c, id)?;
        if action.status != ActionStatus::PendingApproval
            || action.total <= 1
            || action.requested_by == who
        {
            return Ok(None);
        }
        let pii = requester_pii(c, seq)?;
        Ok(actions::resolve(c, &action.target, pii, now_unix())
            .ok()
            .filter(|r| r.digest == action.target_digest)
            .map(|r| (action, pii, r)))
    })?;
    let Some((action, pii, before)) = prepared else {
        return Ok(None);
    };
    let backend = s.backend.as_ref();
    let Some(why) =
        actions::confirm::confirm(&s.db, backend, &action.target, pii, &before, now_unix())?
    else {
        return Ok(None);
    };
    let e = ApiError::conflict(
        ErrorCode::TargetChanged,
        format!("{why}; nothing was sent: reject it and ask again"),
    )
    .with_details(serde_json::json!({
        "expected_count": action.total,
        "backend": backend.name(),
        "reason": why,
    }));
    s.db.write(|tx| -> ApiResult<()> {
        let ev = NewEvent::from_req(ctx, "approval.approve", "refused_target_changed")
            .target("action", vec![id.to_string()])
            .details(serde_json::json!({
                "requested_by": action.requested_by,
                "error": e.code,
                "backend": backend.name(),
                "reason": why,
            }));
        audit::append(tx, ev)?;
        Ok(())
    })?;
    Ok(Some(e))
}

pub async fn create(
    State(st): State<AppState>,
    ctx: ReqCtx,
    headers: HeaderMap,
    JsonBody(req): JsonBody<CreateActionRequest>,
) -> ApiResult<(StatusCode, Json<Action>)> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .map(str::to_string)
        .ok_or_else(|| {
            ApiError::bad_request("an Idempotency-Key header (1-200 characters) is required")
        })?;
    let kind = Kind::parse(&req.action)?;
    kind_allowed(&ctx, kind, &req.options, &req.target)?;
    backend_sends(&st)?;
    let pii = ctx.who()?.allows(Perm::PiiRead);
    let hash = request_hash(&req);
    let mut req = req;
    let result = st
        .run(move |s| {
            if let Some(e) = confirm_before_create(s, &ctx, kind, &req, pii, &key)? {
                return Ok(Err(e));
            }
            s.db.write(|tx| -> ApiResult<ApiResult<(StatusCode, Action)>> {
                let who = ctx.who()?.clone();
                // A repeated request returns what the first one created.
                let existing: Option<(String, String)> = tx
                    .query_row(SQL_IDEMPOTENT, params![who.user_id, key], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                if let Some((id, h)) = existing {
                    if h != hash {
                        return Ok(Err(ApiError::new(
                            StatusCode::UNPROCESSABLE_ENTITY,
                            ErrorCode::IdempotencyKeyReused,
                            "this Idempotency-Key was used for a different request",
                        )));
                    }
                    let (_, action) = actions::load(tx, &id)?;
                    return Ok(Ok((StatusCode::OK, action)));
                }
                if freeze::stops_kind(kind.as_str())
                    && let Err(e) = freeze::check(tx, &ctx, kind.freeze_label())
                {
                    return Ok(Err(e));
                }
                // A preview named by the request must be the caller's, fresh, and not
                // declined: a refused confirmation cannot be reused.
                if let Some(pid) = &req.preview_id {
                    let row: Option<(i64, i64, i64)> = tx
                        .query_row(SQL_PREVIEW_STATE, [pid], |r| {
                            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                        })
                        .optional()?;
                    let problem = match row {
                        None => Some("is unknown"),
                        Some((uid, _, _)) if uid != who.user_id => Some("belongs to someone else"),
                        Some((_, _, 1)) => Some("was declined"),
                        Some((_, exp, _)) if exp <= now_unix() => Some("has expired"),
                        _ => None,
                    };
                    if let Some(p) = problem {
                        return Ok(Err(ApiError::conflict(
                            ErrorCode::PreviewInvalid,
                            format!("preview {pid} {p}; preview the action again"),
                        )));
                    }
                }
                if let Err(e) = actions::prepare_options(tx, kind, &mut req.options) {
                    return Ok(Err(e));
                }
                if let Err(e) = backend_carries_out(s, tx, &ctx, kind, &req.options, &req.target)? {
                    return Ok(Err(e));
                }
                let resolved = match actions::resolve(tx, &req.target, pii, now_unix()) {
                    Ok(r) => r,
                    Err(e) => return Ok(Err(e)),
                };
                let count = resolved.ids.len() as u64;
                if count != req.expected_count || resolved.digest != req.target_digest {
                    let ev = event_for(
                        &ctx,
                        &format!("action.{}", kind.as_str()),
                        "refused_target_changed",
                        &resolved,
                    )
                    .details(
                        serde_json::json!({ "expected_count": req.expected_count, "count": count }),
                    );
                    audit::append(tx, ev)?;
                    return Ok(Err(ApiError::conflict(
                        ErrorCode::TargetChanged,
                        format!(
                            "the target changed since the preview: \
                             it was {} devices, it is now {count}; nothing was done",
                            req.expected_count
                        ),
                    )
                    .with_details(serde_json::json!({
                        "expected_count": req.expected_count,
                        "count": count,
                        "expected_digest": req.target_digest,
                        "digest": resolved.digest,
                    }))));
                }
                if count == 0 {
                    return Ok(Err(ApiError::bad_request("the target matches no devices")));
                }
                let unsupported =
                    actions::unsupported(tx, kind, &req.options, &resolved.platforms)?;
                if let Some(u) = unsupported.first() {
                    return Ok(Err(ApiError::bad_request(format!(
                        "{} is not supported on {} ({} of the targeted devices)",
                        u.option, u.platform, u.count
                    ))
                    .with_details(serde_json::json!({ "unsupported": unsupported }))));
                }
                let window = actions::budget::window(tx, who.user_id, now_unix())?;
                let this_hour = gate::this_hour_before(kind, &req.options, &window)
                    .map(|before| before + count);
                let requires = action_requirements(
                    tx,
                    &s.config,
                    kind,
                    &req.options,
                    &req.target,
                    &resolved,
                    window,
                )?;
                if requires.reason && req.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    let ev = event_for(
                        &ctx,
                        &format!("action.{}", kind.as_str()),
                        "refused_reason_required",
                        &resolved,
                    )
                    .details(serde_json::json!({ "fleet_wide": true }));
                    audit::append(tx, ev)?;
                    return Ok(Err(ApiError::bad_request(
                        "a fleet-wide action needs a reason (the target covers the fleet's \
                         configured share, or more devices than the approval threshold)",
                    )));
                }
                if requires.step_up
                    && let Err(e) = ctx.require_elevation(totp_store::is_enrolled(tx, who.user_id)?)
                {
                    let ev = event_for(
                        &ctx,
                        &format!("action.{}", kind.as_str()),
                        "refused_step_up_required",
                        &resolved,
                    );
                    audit::append(tx, ev)?;
                    return Ok(Err(e));
                }
                // The profile's bytes are not kept: its name and digest identify it.
                req.options.profile = None;
                let now = now_unix();
                let id = format!("act_{}", random_hex(6));
                let status = if requires.approval {
                    "pending_approval"
                } else {
                    "queued"
                };
                let seq: i64 = tx.query_row(
                    SQL_INSERT_ACTION,
                    params![
                        id,
                        kind.as_str(),
                        status,
                        who.user,
                        who.user_id,
                        ctx.elevation_id(),
                        serde_json::to_string(&req.target).expect("serializes"),
                        resolved.digest,
                        count as i64,
                        serde_json::to_string(&resolved.platforms).expect("serializes"),
                        serde_json::to_string(&req.options).expect("serializes"),
                        req.reason,
                        req.ticket,
                        key,
                        hash,
                        requires.approval,
                        requires
                            .approval
                            .then(|| now + s.config.approval_ttl.as_secs() as i64),
                        now,
                        ctx.breakglass(),
                    ],
                    |r| r.get(0),
                )?;
                if !requires.approval {
                    actions::fan_out(tx, seq, &resolved.rids, &req.options.rollout, now)?;
                }
                let mut logged = req.options.clone();
                logged.profile = None; // the digest identifies it; the bytes stay out of the log
                // Investigators read names, not catalog ids.
                let app_name = match (kind, &req.options.app) {
                    (Kind::PushApp, Some(app)) => super::apps::resolve(tx, app)
                        .ok()
                        .map(|a| format!("{}@{} ({})", a.name, a.version, a.bundle_id)),
                    _ => None,
                };
                let mut ev = event_for(
                    &ctx,
                    &format!("action.{}", kind.as_str()),
                    status,
                    &resolved,
                )
                .details(serde_json::json!({
                    "action_id": id,
                    "app_name": app_name,
                    "selector": req.target.describe(),
                    "options": logged,
                    "platforms": resolved.platforms,
                    "approval_required": requires.approval,
                    "fleet_wide": requires.reason,
                    "this_hour": this_hour,
                }));
                ev.reason = req.reason.clone();
                ev.ticket = req.ticket.clone();
                audit::append(tx, ev)?;
                let (_, action) = actions::load(tx, &id)?;
                let action = with_approval_requirements(action, &s.config);
                let code = if requires.approval {
                    StatusCode::ACCEPTED
                } else {
                    StatusCode::CREATED
                };
                Ok(Ok((code, action)))
            })
        })
        .await?;
    let (code, action) = result?;
    st.kick.notify_one();
    if code != StatusCode::OK
        && st
            .faults
            .drop_next_action_response
            .swap(false, std::sync::atomic::Ordering::SeqCst)
    {
        // Test-only fault: the action is committed, but the answer is lost on the way.
        return Err(ApiError::new(
            StatusCode::BAD_GATEWAY,
            ErrorCode::FaultInjected,
            "response lost (fault injection)",
        ));
    }
    Ok((code, Json(action)))
}

/// Expires the approvals whose window has passed before a read shows them. Checked on a
/// reader first: a read takes the writer only when there is something to expire, so
/// following an action never queues behind a fan-out's write transactions.
fn expire_due_approvals(s: &AppState) -> ApiResult<()> {
    if s.db
        .read(|c| actions::store::approvals_due(c, now_unix()))?
    {
        s.db.write(|tx| {
            actions::expire_approvals(tx, &mut Appender::new(tx)?)?;
            Ok::<_, ApiError>(())
        })?;
    }
    Ok(())
}

pub async fn get(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Action>> {
    let a = st
        .run(move |s| {
            expire_due_approvals(s)?;
            s.db.read(|c| actions::load(c, &id))
                .map(|(_, a)| with_approval_requirements(a, &s.config))
        })
        .await?;
    Ok(Json(a))
}

fn list_actions(
    c: &Connection,
    cfg: &crate::ServerConfig,
    where_sql: &str,
    args: &[&dyn crate::sql::ToSql],
    before: Option<i64>,
    limit: u32,
) -> ApiResult<Page<Action>> {
    let sql = format!(
        "SELECT {} FROM actions WHERE {where_sql} AND seq < ?{} ORDER BY seq DESC LIMIT ?{}",
        actions::ACTION_COLUMNS,
        args.len() + 1,
        args.len() + 2
    );
    let before = before.unwrap_or(i64::MAX);
    let lim = i64::from(limit) + 1;
    let mut all: Vec<&dyn crate::sql::ToSql> = args.to_vec();
    all.push(&before);
    all.push(&lim);
    let mut stmt = c.prepare(&sql)?;
    let rows: Vec<(i64, Action)> = stmt
        .query_map(all.as_slice(), |r| {
            actions::from_row(c, r).map(|(seq, a)| (seq, with_approval_requirements(a, cfg)))
        })?
        .collect::<crate::sql::Result<_>>()?;
    Ok(super::page_of(rows, limit, None))
}

pub async fn list(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Page<Action>>> {
    let p = Params::from_query(q.as_deref())?;
    p.only(&["status", "limit", "cursor"])?;
    let status = p.one_of("status", ActionStatus::NAMES)?;
    let limit = p.limit(50, 500)?;
    let before = p.get("cursor").map(decode_cursor).transpose()?;
    let page = st
        .run(move |s| {
            expire_due_approvals(s)?;
            s.db.read(|c| match &status {
                Some(v) => list_actions(c, &s.config, "status = ?1", &[v], before, limit),
                None => list_actions(c, &s.config, "1 = 1", &[], before, limit),
            })
        })
        .await?;
    Ok(Json(page))
}

pub async fn devices(
    State(st): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Page<ActionDevice>>> {
    let p = Params::from_query(q.as_deref())?;
    p.only(&["status", "limit", "cursor"])?;
    let status = p.one_of("status", CommandStatus::NAMES)?;
    let limit = p.limit(100, 1000)?;
    let after = p.get("cursor").map(decode_cursor).transpose()?.unwrap_or(0);
    let page = st
        .run(move |s| {
            s.db.read(|c| {
                let (seq, _) = actions::load(c, &id)?;
                let mut stmt = c.prepare_cached(SQL_ACTION_DEVICES_PAGE)?;
                let rows: Vec<(i64, ActionDevice)> = stmt
                    .query_map(params![seq, status, after, i64::from(limit) + 1], |r| {
                        Ok((
                            r.get(0)?,
                            ActionDevice {
                                device_id: r.get(1)?,
                                serial: r.get(2)?,
                                name: r.get(3)?,
                                platform: crate::db::name_col(r, 4)?,
                                status: crate::db::name_col(r, 5)?,
                                error: r.get(6)?,
                                updated_at: unix_to_rfc3339(r.get(7)?),
                            },
                        ))
                    })?
                    .collect::<crate::sql::Result<_>>()?;
                Ok(super::page_of(rows, limit, None))
            })
        })
        .await?;
    Ok(Json(page))
}

pub async fn cancel(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
) -> ApiResult<Json<Action>> {
    let a = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<Action> {
                let who = ctx.who()?;
                let (seq, action) = actions::load(tx, &id)?;
                may_steer(who, &action, "cancel")?;
                // Only what can still reach a device can be cancelled.
                if action.status.is_final() {
                    return Err(ApiError::conflict(
                        ErrorCode::NotCancellable,
                        format!(
                            "action {id} is {} and can no longer be cancelled",
                            action.status
                        ),
                    ));
                }
                let now = now_unix();
                let n = tx.execute(SQL_CANCEL_DEVICES, params![seq, now])?;
                tx.execute(SQL_CANCEL_ACTION, params![seq, now])?;
                let ev = NewEvent::from_req(&ctx, "action.cancel", "success")
                    .target("action", vec![id.clone()])
                    .details(serde_json::json!({ "cancelled_devices": n, "was": action.status }));
                audit::append(tx, ev)?;
                Ok(actions::load(tx, &id)?.1)
            })
        })
        .await?;
    Ok(Json(a))
}

/// `actions pins`: the unlock PINs a backend set on the action's devices (a Mac locked
/// or erased through Jamf Pro, or locked through Fleet). Only the admin who requested the
/// action, with a step-up; each PIN is answered once and then forgotten by the gateway
/// (the vendor still shows it to its own admins). Audited with the devices, never the PINs.
pub async fn pins(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
) -> ApiResult<Json<ActionPins>> {
    let out = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ActionPins> {
                let who = ctx.who()?;
                let (_, action) = actions::load(tx, &id)?;
                if action.requested_by != who.user {
                    return Err(ApiError::forbidden(format!(
                        "only {}, who requested action {id}, may see its unlock PINs",
                        action.requested_by
                    )));
                }
                ctx.require_elevation(totp_store::is_enrolled(tx, who.user_id)?)?;
                let mut pins = Vec::new();
                let mut already = 0u64;
                {
                    let mut q = tx.prepare(
                        "SELECT p.device_id, p.pin, COALESCE(d.serial, ''), COALESCE(d.name, '')
                         FROM action_pins p LEFT JOIN devices d ON d.id = p.device_id
                         WHERE p.action_id = ?1 ORDER BY p.device_id",
                    )?;
                    let rows = q.query_map([&id], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                        ))
                    })?;
                    for row in rows {
                        let (device_id, pin, serial, name) = row?;
                        match pin {
                            Some(pin) => pins.push(DevicePin {
                                device_id,
                                serial,
                                name,
                                pin,
                            }),
                            None => already += 1,
                        }
                    }
                }
                tx.execute(
                    "UPDATE action_pins SET pin = NULL, revealed_at = ?2
                     WHERE action_id = ?1 AND pin IS NOT NULL",
                    params![id, now_unix()],
                )?;
                let devices: Vec<String> = pins.iter().map(|p| p.device_id.clone()).collect();
                let ev = NewEvent::from_req(&ctx, "action.pins_revealed", "success")
                    .target("action", vec![id.clone()])
                    .details(serde_json::json!({
                        "devices": devices,
                        "already_revealed": already,
                    }));
                audit::append(tx, ev)?;
                Ok(ActionPins {
                    action: id.clone(),
                    pins,
                    already_revealed: already,
                })
            })
        })
        .await?;
    Ok(Json(out))
}

/// The requester, or anyone who may decide approvals, may steer a running action.
fn may_steer(who: &crate::http::Principal, action: &Action, verb: &str) -> ApiResult<()> {
    if action.requested_by != who.user && !who.allows(Perm::ApprovalsDecide) {
        return Err(ApiError::forbidden(format!(
            "only the requester or an admin may {verb} an action"
        )));
    }
    Ok(())
}

/// `actions advance`: releases a staged rollout's next wave now, without waiting for the
/// current wave's unanswered devices (the failure limit still halts it). No step-up: the
/// confirmed phrase already named every device of every wave.
pub async fn advance(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
) -> ApiResult<Json<Action>> {
    let a = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<Action> {
                let who = ctx.who()?;
                let (seq, action) = actions::load(tx, &id)?;
                may_steer(who, &action, "advance")?;
                let now = now_unix();
                let mut appender = Appender::new(tx)?;
                let done = actions::dispatch::advance(tx, &mut appender, seq, now)?;
                let Some(done) = done else {
                    return Err(ApiError::conflict(
                        ErrorCode::NotPending,
                        format!(
                            "action {id} is {} and has no held wave to release",
                            action.status
                        ),
                    ));
                };
                let details = match &done {
                    actions::dispatch::Advanced::Released(w) => {
                        serde_json::json!({ "released_wave": w })
                    }
                    actions::dispatch::Advanced::Halted(r) => serde_json::json!({ "halted": r }),
                };
                let ev = NewEvent::from_req(&ctx, "action.wave_advanced", "success")
                    .target("action", vec![id.clone()])
                    .details(details);
                appender.append(tx, ev)?;
                Ok(actions::load(tx, &id)?.1)
            })
        })
        .await?;
    Ok(Json(a))
}

/// `actions halt`: stops a running action the way a failed wave does; devices not yet
/// sent are cancelled, the reason is kept on the action.
pub async fn halt(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<HaltRequest>,
) -> ApiResult<Json<Action>> {
    let reason = req.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ApiError::bad_request("reason is 1 to 500 characters"));
    }
    let a = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<Action> {
                let who = ctx.who()?;
                let (seq, action) = actions::load(tx, &id)?;
                may_steer(who, &action, "halt")?;
                let now = now_unix();
                let mut appender = Appender::new(tx)?;
                let why = format!("halted by {}: {reason}", who.user);
                if !actions::dispatch::halt_now(tx, &mut appender, seq, &why, now)? {
                    return Err(ApiError::conflict(
                        ErrorCode::NotPending,
                        format!("action {id} is {} and is not running", action.status),
                    ));
                }
                let mut ev = NewEvent::from_req(&ctx, "action.halt", "success")
                    .target("action", vec![id.clone()]);
                ev.reason = Some(reason.clone());
                appender.append(tx, ev)?;
                Ok(actions::load(tx, &id)?.1)
            })
        })
        .await?;
    Ok(Json(a))
}

pub async fn approvals(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Page<Action>>> {
    let p = Params::from_query(q.as_deref())?;
    p.only(&["status", "limit", "cursor"])?;
    let status = p
        .one_of("status", &["pending", "all"])?
        .unwrap_or_else(|| "pending".into());
    let limit = p.limit(50, 500)?;
    let before = p.get("cursor").map(decode_cursor).transpose()?;
    let page = st
        .run(move |s| {
            expire_due_approvals(s)?;
            s.db.read(|c| {
                if status == "pending" {
                    // mdm's own two-person rule, and requests the vendor holds for its
                    // own approval (Intune Multi Admin Approval: `vendor_approvals`).
                    list_actions(
                        c,
                        &s.config,
                        "(status = 'pending_approval' OR seq IN (SELECT action_seq FROM \
                         action_devices WHERE status = 'vendor_approval'))",
                        &[],
                        before,
                        limit,
                    )
                } else {
                    list_actions(c, &s.config, "approval_required = 1", &[], before, limit)
                }
            })
        })
        .await?;
    Ok(Json(page))
}

pub async fn approve(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<DecideRequest>,
) -> ApiResult<Json<Action>> {
    let result = st
        .run(move |s| {
            if let Some(e) = confirm_before_approve(s, &ctx, &id)? {
                return Ok(Err(e));
            }
            s.db.write(|tx| -> ApiResult<ApiResult<Action>> {
                let mut appender = Appender::new(tx)?;
                actions::expire_approvals(tx, &mut appender)?;
                let who = ctx.who()?.clone();
                let (seq, action) = actions::load(tx, &id)?;
                type Answer = ApiResult<ApiResult<Action>>;
                let deny = |appender: &mut Appender, outcome: &str, e: ApiError| -> Answer {
                    let details =
                        serde_json::json!({ "requested_by": action.requested_by, "error": e.code });
                    let ev = NewEvent::from_req(&ctx, "approval.approve", outcome)
                        .target("action", vec![id.clone()])
                        .details(details);
                    appender.append(tx, ev)?;
                    Ok(Err(e))
                };
                if action.status == ActionStatus::Expired {
                    return deny(
                        &mut appender,
                        "refused_expired",
                        ApiError::conflict(
                            ErrorCode::ApprovalExpired,
                            format!(
                                "the approval window of {id} has passed; \
                             the requester must ask again"
                            ),
                        ),
                    );
                }
                if action.status != ActionStatus::PendingApproval {
                    return Ok(Err(ApiError::conflict(
                        ErrorCode::NotPending,
                        format!("action {id} is {}, not waiting for approval", action.status),
                    )));
                }
                if freeze::stops_kind(&action.action)
                    && let Err(e) = freeze::check(tx, &ctx, "approving a wipe, retire or push")
                {
                    return deny(&mut appender, "refused_change_freeze", e);
                }
                if action.requested_by == who.user {
                    return deny(
                        &mut appender,
                        "refused_self_approval",
                        ApiError::forbidden(
                            "the requester cannot approve their own action: a second admin must",
                        ),
                    );
                }
                let kind = Kind::parse(&action.action)?;
                let requires = gate::requirements(
                    &Guarded::Approve {
                        kind,
                        count: action.total,
                    },
                    &s.config,
                );
                if let Err(e) = gate::enforce(&requires, &ctx, tx, None, None) {
                    return deny(&mut appender, "refused_step_up_required", e);
                }
                let changed = |count| changed_since_request(action.total, count);
                // Stored options that do not parse fail the approval, never run as defaults.
                let options = match actions::store::stored_options(tx, seq) {
                    Ok(o) => o,
                    Err(e) => return deny(&mut appender, "refused_corrupt_options", e),
                };
                let pii = requester_pii(tx, seq)?;
                let resolved = match actions::resolve(tx, &action.target, pii, now_unix()) {
                    Ok(r) => r,
                    // A device since wiped, or a group since deleted: the set changed.
                    Err(_) => return deny(&mut appender, "refused_target_changed", changed(None)),
                };
                if resolved.digest != action.target_digest {
                    return deny(
                        &mut appender,
                        "refused_target_changed",
                        changed(Some(resolved.ids.len())),
                    );
                }

                let now = now_unix();
                actions::fan_out(tx, seq, &resolved.rids, &options.rollout, now)?;
                tx.execute(SQL_APPROVE, params![seq, who.user, now, ctx.breakglass()])?;
                let mut ev = NewEvent::from_req(&ctx, "approval.approve", "success")
                    .target("action", vec![id.clone()])
                    .details(serde_json::json!({
                        "requested_by": action.requested_by,
                        "kind": action.action,
                        "count": action.total,
                        "digest": action.target_digest,
                    }));
                ev.reason = req.reason.clone();
                appender.append(tx, ev)?;
                Ok(Ok(actions::load(tx, &id)?.1))
            })
        })
        .await?;
    if result.is_ok() {
        st.kick.notify_one();
    }
    result.map(Json)
}

/// The refusal of an approval whose target set is no longer the requested one.
fn changed_since_request(total: u64, count: Option<usize>) -> ApiError {
    let now = count.map_or_else(|| "different".to_string(), |c| c.to_string());
    ApiError::conflict(
        ErrorCode::TargetChanged,
        format!(
            "the target changed since the request: it was {total} devices, it is now {now}; \
             reject it and ask again"
        ),
    )
    .with_details(serde_json::json!({ "expected_count": total, "count": count }))
}

pub async fn reject(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<DecideRequest>,
) -> ApiResult<Json<Action>> {
    let a = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<Action> {
                actions::expire_approvals(tx, &mut Appender::new(tx)?)?;
                let who = ctx.who()?.clone();
                let (seq, action) = actions::load(tx, &id)?;
                if action.status != ActionStatus::PendingApproval {
                    return Err(ApiError::conflict(
                        ErrorCode::NotPending,
                        format!("action {id} is {}, not waiting for approval", action.status),
                    ));
                }
                let now = now_unix();
                tx.execute(SQL_REJECT, params![seq, who.user, now])?;
                let mut ev = NewEvent::from_req(&ctx, "approval.reject", "success")
                    .target("action", vec![id.clone()])
                    .details(serde_json::json!({ "requested_by": action.requested_by }));
                ev.reason = req.reason.clone();
                audit::append(tx, ev)?;
                Ok(actions::load(tx, &id)?.1)
            })
        })
        .await?;
    Ok(Json(a))
}
