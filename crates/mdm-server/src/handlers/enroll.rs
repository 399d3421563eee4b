//! Enrollment tokens: created (one or in bulk), listed, revoked, and consumed by a device.
//! Tokens are single-use by default, expire, and are stored hashed; the plain token and
//! its URL are answered once.

use super::{Params, decode_cursor};
use crate::AppState;
use crate::audit::{Appender, NewEvent};
use crate::backend::Capability;
use crate::clock::now_unix;
use crate::http::{ApiError, ApiResult, JsonBody, ReqCtx};
use crate::ids::random_hex;
use crate::sql::{Connection, OptionalExtension, params};
use crate::tokens::hash_token;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use base64::Engine;
use mdm_model::domain::{EnrollmentStatus, ErrorCode};
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::{
    BulkEnrollment, BulkResult, CreateEnrollment, Device, DeviceEnroll, Enrollment,
    EnrollmentRequest, NewEnrollment, Page, RevokeUnused, Revoked, RowError,
};

pub const TOKEN_PREFIX: &str = "mdm_enr_";
const DEFAULT_TTL: u64 = 7 * 86_400;
const MAX_TTL: u64 = 90 * 86_400;
pub const MAX_BULK: usize = 10_000;

const COLUMNS: &str = "id, user_email, platform, group_name, uses, uses_allowed, created_by,
     created_at, expires_at, revoked_at";

/// Followed by `VALUES` rows (`sql::value_rows`).
const SQL_INSERT_ENROLLMENTS: &str = "INSERT INTO enrollments(id, token_hash, user_email,
     platform, group_name, created_by, created_at, expires_at, uses_allowed, bulk_id)";

const SQL_COUNT_UNUSED: &str = "SELECT COUNT(*) FROM enrollments WHERE revoked_at IS NULL
     AND uses < uses_allowed AND expires_at > ?1";

const SQL_REVOKE_UNUSED: &str = "UPDATE enrollments SET revoked_at = ?1 WHERE revoked_at IS NULL
     AND uses < uses_allowed AND expires_at > ?1";

const SQL_BY_TOKEN: &str = "SELECT id, user_email, platform, group_name, uses, uses_allowed,
     expires_at, revoked_at
     FROM enrollments WHERE token_hash = ?1";

const SQL_USE_ENROLLMENT: &str =
    "UPDATE enrollments SET uses = uses + 1, last_used_at = ?2 WHERE id = ?1";

fn status_of(
    uses: i64,
    allowed: i64,
    expires: i64,
    revoked: Option<i64>,
    now: i64,
) -> EnrollmentStatus {
    if revoked.is_some() {
        EnrollmentStatus::Revoked
    } else if uses >= allowed {
        EnrollmentStatus::Used
    } else if expires <= now {
        EnrollmentStatus::Expired
    } else {
        EnrollmentStatus::Unused
    }
}

fn load(c: &Connection, id: &str) -> ApiResult<Enrollment> {
    c.query_row(
        &format!("SELECT rowid, {COLUMNS} FROM enrollments WHERE id = ?1"),
        [id],
        |r| row_offset(r, now_unix()),
    )
    .optional()?
    .map(|(_, e)| e)
    .ok_or_else(|| ApiError::not_found(format!("no enrollment {id:?}")))
}

/// Checks one request row; `groups` are the group names that exist.
fn ttl(seconds: Option<u64>) -> ApiResult<u64> {
    match seconds.unwrap_or(DEFAULT_TTL) {
        0 => Err(ApiError::bad_request("expires_in_seconds must be positive")),
        s if s > MAX_TTL => Err(ApiError::bad_request(
            "an enrollment token lives at most 90 days",
        )),
        s => Ok(s),
    }
}

fn uses(n: Option<u32>) -> ApiResult<u32> {
    match n.unwrap_or(1) {
        0 => Err(ApiError::bad_request("uses must be at least 1")),
        n if n > 10_000 => Err(ApiError::bad_request("uses is at most 10,000")),
        n => Ok(n),
    }
}

fn group_names(c: &Connection) -> crate::sql::Result<Vec<String>> {
    let mut stmt = c.prepare_cached("SELECT name FROM groups")?;
    stmt.query_map([], |r| r.get(0))?.collect()
}

/// Inserts one enrollment and its audit event; returns it with its token and URL.
/// Enrollment tokens need a backend that enrolls devices; refused (and audited) before
/// anything is stored.
fn backend_enrolls(s: &AppState, tx: &Connection, ctx: &ReqCtx) -> ApiResult<ApiResult<()>> {
    if s.backend.supports(Capability::Enrollment) {
        return Ok(Ok(()));
    }
    let e: ApiError = s.backend.unsupported(Capability::Enrollment).into();
    crate::actions::gate::audit_refusal(tx, ctx, "enrollment.create", &e)?;
    Ok(Err(e))
}

/// Creates enrollment tokens for `rows`, each with its audit event: a few statements
/// per `ROWS_PER_STATEMENT` rows (a bulk of 10,000 holds the write lock for
/// a few hundred statements, not 40,000 round trips to PostgreSQL).
#[allow(clippy::too_many_arguments)]
fn insert(
    backend: &dyn crate::backend::Backend,
    tx: &Connection,
    appender: &mut Appender,
    ctx: &ReqCtx,
    rows: &[&EnrollmentRequest],
    ttl: u64,
    uses: u32,
    bulk_id: Option<&str>,
) -> ApiResult<Vec<NewEnrollment>> {
    let now = now_unix();
    let mut made = Vec::with_capacity(rows.len());
    for r in rows {
        let mut buf = [0u8; 32];
        rand::fill(&mut buf);
        let token = format!(
            "{TOKEN_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
        );
        // A platform known now: the vendor side of the enrollment is prepared at once.
        if let Some(p) = r
            .platform
            .as_deref()
            .and_then(mdm_model::domain::Platform::parse)
        {
            backend.create_enrollment(tx, p)?;
        }
        made.push((format!("enr_{}", random_hex(6)), hash_token(&token), token));
    }
    let (expires, uses) = (now + ttl as i64, i64::from(uses));
    let actor = ctx.actor();
    for (chunk, rows) in made
        .chunks(ROWS_PER_STATEMENT)
        .zip(rows.chunks(ROWS_PER_STATEMENT))
    {
        let mut args: Vec<&dyn crate::sql::ToSql> = Vec::with_capacity(10 * chunk.len());
        for ((id, hash, _), r) in chunk.iter().zip(rows) {
            args.extend([
                id as &dyn crate::sql::ToSql,
                hash,
                &r.user_email,
                &r.platform,
                &r.group,
                &actor,
                &now,
                &expires,
                &uses,
                &bulk_id,
            ]);
        }
        let sql = format!(
            "{SQL_INSERT_ENROLLMENTS} {}",
            crate::sql::value_rows(chunk.len(), 10)
        );
        let mut stmt = if chunk.len() == ROWS_PER_STATEMENT {
            tx.prepare_cached(&sql)?
        } else {
            tx.prepare(&sql)?
        };
        stmt.execute(args.as_slice())?;
    }
    let events = made
        .iter()
        .zip(rows)
        .map(|((id, _, _), r)| {
            let details = serde_json::json!({
                "user_email": r.user_email, "platform": r.platform, "group": r.group,
                "uses": uses, "bulk_id": bulk_id,
            });
            NewEvent::from_req(ctx, "enrollment.create", "success")
                .target("enrollment", vec![id.clone()])
                .details(details)
        })
        .collect();
    appender.append_all(tx, events)?;
    let mut stored = load_many(tx, made.iter().map(|(id, _, _)| id.as_str()))?;
    made.into_iter()
        .map(|(id, _, token)| {
            let enrollment = stored
                .remove(&id)
                .ok_or_else(|| ApiError::not_found(format!("no enrollment {id:?}")))?;
            Ok(NewEnrollment {
                url: format!("http://{}/v1/enroll#token={token}", ctx.host),
                token,
                enrollment,
            })
        })
        .collect()
}

/// Enrollment rows per INSERT statement (ten parameters each).
const ROWS_PER_STATEMENT: usize = 100;

/// The enrollments just written, read back as the API shows them.
fn load_many<'a>(
    c: &Connection,
    ids: impl Iterator<Item = &'a str>,
) -> ApiResult<std::collections::HashMap<String, Enrollment>> {
    let now = now_unix();
    let mut stmt = c.prepare_cached(&format!(
        "SELECT rowid, {COLUMNS} FROM enrollments WHERE id IN ({})",
        (1..=ROWS_PER_STATEMENT)
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let ids: Vec<&str> = ids.collect();
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let mut args: Vec<&dyn crate::sql::ToSql> = chunk
            .iter()
            .map(|id| id as &dyn crate::sql::ToSql)
            .collect();
        // A short chunk repeats its last id (an id twice in `IN` is its row once).
        let last = args[args.len() - 1];
        args.resize(ROWS_PER_STATEMENT, last);
        let rows = stmt
            .query_map(args.as_slice(), |r| row_offset(r, now))?
            .collect::<crate::sql::Result<Vec<_>>>()?;
        out.extend(rows.into_iter().map(|(_, e)| (e.id.clone(), e)));
    }
    Ok(out)
}

pub async fn create(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<CreateEnrollment>,
) -> ApiResult<(StatusCode, Json<NewEnrollment>)> {
    let ttl = ttl(req.expires_in_seconds)?;
    let uses = uses(req.uses)?;
    let row = EnrollmentRequest {
        user_email: req.user_email,
        platform: req.platform,
        group: req.group,
    };
    let created = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<NewEnrollment>> {
                crate::freeze::check(tx, &ctx, "creating enrollment tokens")?;
                if let Err(e) = backend_enrolls(s, tx, &ctx)? {
                    return Ok(Err(e));
                }
                mdm_model::validate::enrollment_row(&row, &group_names(tx)?)
                    .map_err(ApiError::bad_request)?;
                let mut appender = Appender::new(tx)?;
                let backend = s.backend.as_ref();
                let mut made = insert(backend, tx, &mut appender, &ctx, &[&row], ttl, uses, None)?;
                Ok(Ok(made.remove(0)))
            })
        })
        .await??;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn bulk(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<BulkEnrollment>,
) -> ApiResult<Json<BulkResult>> {
    if req.rows.is_empty() {
        return Err(ApiError::bad_request("no rows"));
    }
    if req.rows.len() > MAX_BULK {
        return Err(ApiError::bad_request(format!(
            "at most {MAX_BULK} rows per request"
        )));
    }
    let ttl = ttl(req.expires_in_seconds)?;
    let uses = uses(req.uses)?;
    let result = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<BulkResult>> {
                if !req.dry_run
                    && let Err(e) = crate::freeze::check(tx, &ctx, "creating enrollment tokens")
                {
                    return Ok(Err(e));
                }
                if let Err(e) = backend_enrolls(s, tx, &ctx)? {
                    return Ok(Err(e));
                }
                let groups = group_names(tx)?;
                let mut errors = Vec::new();
                let mut seen = std::collections::HashSet::new();
                for (i, r) in req.rows.iter().enumerate() {
                    let key = (r.user_email.to_ascii_lowercase(), r.platform.clone());
                    let problem = mdm_model::validate::enrollment_row(r, &groups)
                        .err()
                        .or_else(|| {
                            (!seen.insert(key)).then(|| {
                                format!("duplicate of an earlier row for {}", r.user_email)
                            })
                        });
                    if let Some(reason) = problem {
                        errors.push(RowError { index: i, reason });
                    }
                }
                if req.dry_run || (!errors.is_empty() && !req.skip_invalid) {
                    if !errors.is_empty() && !req.dry_run {
                        return Ok(Err(ApiError::bad_request(format!(
                            "{} of {} rows are invalid; nothing was created",
                            errors.len(),
                            req.rows.len()
                        ))
                        .with_details(serde_json::json!({ "errors": errors }))));
                    }
                    return Ok(Ok(BulkResult {
                        created: Vec::new(),
                        errors,
                    }));
                }
                let bulk_id = format!("blk_{}", random_hex(6));
                let mut appender = Appender::new(tx)?;
                let bad: std::collections::HashSet<usize> =
                    errors.iter().map(|e| e.index).collect();
                let good: Vec<&EnrollmentRequest> = req
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !bad.contains(i))
                    .map(|(_, r)| r)
                    .collect();
                let created = insert(
                    s.backend.as_ref(),
                    tx,
                    &mut appender,
                    &ctx,
                    &good,
                    ttl,
                    uses,
                    Some(&bulk_id),
                )?;
                let details = serde_json::json!({
                    "bulk_id": bulk_id, "created": created.len(), "skipped": errors.len(),
                });
                let ev = NewEvent::from_req(&ctx, "enrollment.bulk_create", "success")
                    .target("enrollment", Vec::new())
                    .details(details);
                appender.append(tx, ev)?;
                Ok(Ok(BulkResult { created, errors }))
            })
        })
        .await??;
    Ok(Json(result))
}

pub async fn list(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Page<Enrollment>>> {
    let p = Params::from_query(q.as_deref())?;
    p.only(&["status", "limit", "cursor"])?;
    let status: Option<EnrollmentStatus> = p.name("status", EnrollmentStatus::NAMES)?;
    let limit = p.limit(100, 1000)?;
    let before = p.get("cursor").map(decode_cursor).transpose()?;
    let page = st
        .run(move |s| {
            s.db.read(|c| {
                let now = now_unix();
                let mut stmt = c.prepare_cached(&format!(
                    "SELECT rowid, {COLUMNS} FROM enrollments WHERE rowid < ?1 ORDER BY rowid DESC"
                ))?;
                let mut q = stmt.query([before.unwrap_or(i64::MAX)])?;
                let mut rows = Vec::new();
                while let Some(r) = q.next()? {
                    let rowid: i64 = r.get(0)?;
                    let (_, e) = row_offset(&r, now)?;
                    if status.is_none_or(|s| s == e.status) {
                        rows.push((rowid, e));
                        if rows.len() > limit as usize {
                            break;
                        }
                    }
                }
                Ok::<_, ApiError>(super::page_of(rows, limit, None))
            })
        })
        .await?;
    Ok(Json(page))
}

/// An enrollment from `SELECT rowid, {COLUMNS}`.
fn row_offset(r: &crate::sql::Row<'_>, now: i64) -> crate::sql::Result<(i64, Enrollment)> {
    let (uses, allowed, expires, revoked): (i64, i64, i64, Option<i64>) =
        (r.get(5)?, r.get(6)?, r.get(9)?, r.get(10)?);
    let created: i64 = r.get(8)?;
    Ok((
        created,
        Enrollment {
            id: r.get(1)?,
            user_email: r.get(2)?,
            platform: crate::db::opt_name_col(r, 3)?,
            group: r.get(4)?,
            status: status_of(uses, allowed, expires, revoked, now),
            uses: uses as u32,
            uses_allowed: allowed as u32,
            created_by: r.get(7)?,
            created_at: unix_to_rfc3339(created),
            expires_at: unix_to_rfc3339(expires),
        },
    ))
}

pub async fn revoke(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
) -> ApiResult<Json<Enrollment>> {
    let e = st
        .run(move |s| {
            s.db.write(|tx| {
                let before = load(tx, &id)?;
                if before.status == EnrollmentStatus::Unused {
                    tx.execute(
                        "UPDATE enrollments SET revoked_at = ?2 WHERE id = ?1",
                        params![id, now_unix()],
                    )?;
                    let ev = NewEvent::from_req(&ctx, "enrollment.revoke", "success")
                        .target("enrollment", vec![id.clone()])
                        .details(serde_json::json!({ "user_email": before.user_email }));
                    crate::audit::append(tx, ev)?;
                }
                load(tx, &id)
            })
        })
        .await?;
    Ok(Json(e))
}

/// Makes every token that could still enroll a device useless (incident containment).
pub async fn revoke_unused(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<RevokeUnused>,
) -> ApiResult<Json<Revoked>> {
    let dry = req.dry_run;
    let n = st
        .run(move |s| {
            s.db.write(|tx| {
                let now = now_unix();
                if req.dry_run {
                    return Ok(
                        tx.query_row(SQL_COUNT_UNUSED, [now], |r| r.get::<_, i64>(0))? as u64,
                    );
                }
                let n = tx.execute(SQL_REVOKE_UNUSED, [now])? as u64;
                let mut ev = NewEvent::from_req(&ctx, "enrollment.revoke_unused", "success")
                    .target("enrollment", Vec::new())
                    .details(serde_json::json!({ "revoked": n }));
                ev.target.count = n;
                ev.reason = req.reason.clone();
                ev.ticket = req.ticket.clone();
                crate::audit::append(tx, ev)?;
                Ok::<_, ApiError>(n)
            })
        })
        .await?;
    Ok(Json(Revoked {
        requires: Some(crate::actions::gate::requirements(
            &crate::actions::gate::Guarded::RotateEnrollment,
            &st.config,
        )),
        revoked: n,
        dry_run: dry,
    }))
}

/// The device side: a (simulated) device presents a token and becomes managed.
pub async fn consume(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<DeviceEnroll>,
) -> ApiResult<(StatusCode, Json<Device>)> {
    if let Some(p) = &req.platform {
        mdm_model::validate::platform(p).map_err(ApiError::bad_request)?;
    }
    for (what, v, max) in [
        ("name", &req.name, 100),
        ("serial", &req.serial, 40),
        ("model", &req.model, 100),
    ] {
        if let Some(v) = v
            && (v.trim().is_empty() || v.chars().count() > max)
        {
            return Err(ApiError::bad_request(format!(
                "{what} is 1-{max} characters"
            )));
        }
    }
    let device = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<Device>> {
                let now = now_unix();
                let mut appender = Appender::new(tx)?;
                type Row = (
                    String,
                    String,
                    Option<String>,
                    Option<String>,
                    i64,
                    i64,
                    i64,
                    Option<i64>,
                );
                let found: Option<Row> = tx
                    .query_row(SQL_BY_TOKEN, [hash_token(req.token.trim())], |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            r.get(6)?,
                            r.get(7)?,
                        ))
                    })
                    .optional()?;
                type Answer = ApiResult<ApiResult<Device>>;
                let refuse = |appender: &mut Appender,
                              id: Option<&str>,
                              code: ErrorCode,
                              status: StatusCode,
                              msg: &str|
                 -> Answer {
                    let mut ev = NewEvent::from_req(&ctx, "enrollment.consume", "failure")
                        .details(serde_json::json!({ "reason": code }));
                    ev.actor = "device".into();
                    ev.role = "device".into();
                    if let Some(id) = id {
                        ev = ev.target("enrollment", vec![id.to_string()]);
                    }
                    appender.append(tx, ev)?;
                    Ok(Err(ApiError::new(status, code, msg)))
                };
                let Some((eid, email, platform, group, used, allowed, expires, revoked)) = found
                else {
                    return refuse(
                        &mut appender,
                        None,
                        ErrorCode::EnrollmentTokenInvalid,
                        StatusCode::UNAUTHORIZED,
                        "the enrollment token is not valid",
                    );
                };
                if revoked.is_some() {
                    return refuse(
                        &mut appender,
                        Some(&eid),
                        ErrorCode::EnrollmentTokenRevoked,
                        StatusCode::GONE,
                        "the enrollment token was revoked",
                    );
                }
                if used >= allowed {
                    return refuse(
                        &mut appender,
                        Some(&eid),
                        ErrorCode::EnrollmentTokenUsed,
                        StatusCode::GONE,
                        "the enrollment token was already used",
                    );
                }
                if expires <= now {
                    return refuse(
                        &mut appender,
                        Some(&eid),
                        ErrorCode::EnrollmentTokenExpired,
                        StatusCode::GONE,
                        "the enrollment token has expired",
                    );
                }
                // Checked after the token, so only a holder of a live token learns of it.
                if let Err(e) = crate::freeze::check(tx, &ctx, "enrolling a device") {
                    return refuse(
                        &mut appender,
                        Some(&eid),
                        ErrorCode::ChangeFreeze,
                        StatusCode::LOCKED,
                        &e.message,
                    );
                }
                let platform = match (&platform, &req.platform) {
                    (Some(want), Some(have)) if want != have => {
                        return refuse(
                            &mut appender,
                            Some(&eid),
                            ErrorCode::EnrollmentPlatformMismatch,
                            StatusCode::BAD_REQUEST,
                            &format!("this token is for {want} devices, not {have}"),
                        );
                    }
                    (Some(p), _) | (None, Some(p)) => p.clone(),
                    (None, None) => "ios".to_string(),
                };
                let enrolling = crate::backend::EnrollingDevice {
                    platform: &platform,
                    owner_email: &email,
                    group: group.as_deref(),
                    name: req.name.as_deref(),
                    serial: req.serial.as_deref(),
                    model: req.model.as_deref(),
                };
                let dev = match s.backend.enroll_device(tx, &enrolling, now) {
                    Ok(crate::backend::Enrolled::Device(d)) => d,
                    Err(crate::backend::BackendError::Unsupported(u)) => {
                        let e = ApiError::from(u);
                        return refuse(&mut appender, Some(&eid), e.code, e.status, &e.message);
                    }
                    Err(e) => return Err(e.into()),
                    Ok(crate::backend::Enrolled::SerialTaken) => {
                        return refuse(
                            &mut appender,
                            Some(&eid),
                            ErrorCode::SerialTaken,
                            StatusCode::CONFLICT,
                            "a device with this serial is already enrolled",
                        );
                    }
                };
                let serial = super::devices::find_device(tx, &dev.id, false)?.serial;
                tx.execute(SQL_USE_ENROLLMENT, params![eid, now])?;
                let details = serde_json::json!({
                    "enrollment_id": eid, "platform": platform, "group": group, "serial": serial,
                });
                let mut ev = NewEvent::from_req(&ctx, "enrollment.consume", "success")
                    .target("device", vec![dev.id.clone()])
                    .details(details);
                ev.actor = format!("device:{}", dev.id);
                ev.role = "device".into();
                appender.append(tx, ev)?;
                Ok(Ok(super::devices::find_device(tx, &dev.id, false)?))
            })
        })
        .await??;
    Ok((StatusCode::CREATED, Json(device)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn statuses() {
        use super::status_of;
        use mdm_model::domain::EnrollmentStatus::*;
        assert_eq!(status_of(0, 1, 100, None, 50), Unused);
        assert_eq!(status_of(1, 1, 100, None, 50), Used);
        assert_eq!(status_of(1, 3, 100, None, 50), Unused);
        assert_eq!(status_of(0, 1, 40, None, 50), Expired);
        assert_eq!(status_of(0, 1, 100, Some(1), 50), Revoked);
    }
}
