//! The trusted app catalog: only apps added here, with a pinned package hash, can be
//! pushed. Adding one is a privileged act (admin, step-up) and an audit event.

use super::Params;
use crate::AppState;
use crate::actions::gate::{self, Guarded};
use crate::audit::{self, NewEvent};
use crate::clock::now_unix;
use crate::http::{ApiError, ApiResult, JsonBody, ReqCtx};
use crate::ids::random_hex;
use crate::sql::{Connection, OptionalExtension, params};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use mdm_model::domain::ErrorCode;
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::{App, NewApp, Page};

const COLUMNS: &str =
    "id, name, bundle_id, version, platform, sha256, source, size, added_by, added_at";

fn row(r: &crate::sql::Row<'_>) -> crate::sql::Result<App> {
    Ok(App {
        id: r.get(0)?,
        name: r.get(1)?,
        bundle_id: r.get(2)?,
        version: r.get(3)?,
        platform: crate::db::name_col(r, 4)?,
        sha256: r.get(5)?,
        source: r.get(6)?,
        size: r.get::<_, Option<i64>>(7)?.map(|s| s as u64),
        added_by: r.get(8)?,
        added_at: unix_to_rfc3339(r.get(9)?),
    })
}

/// Finds a catalog app by id, bundle id or name (any case), with an optional
/// `@version`; without one, the most recently added version.
pub fn resolve(c: &Connection, reference: &str) -> ApiResult<App> {
    let (name, version) = match reference.rsplit_once('@') {
        Some((n, v)) if !n.is_empty() && !v.is_empty() => (n, Some(v)),
        _ => (reference, None),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM apps WHERE (id = ?1 OR bundle_id = ?1 OR lower(name) = lower(?1))
           AND (CAST(?2 AS TEXT) IS NULL OR version = ?2)
         ORDER BY added_at DESC, rowid DESC LIMIT 1"
    );
    c.query_row(&sql, params![name, version], row)
        .optional()?
        .ok_or_else(|| {
            ApiError::not_found(match version {
                Some(v) => format!("the catalog has no app {name:?} at version {v:?}"),
                None => format!("the catalog has no app {name:?}"),
            })
        })
}

pub async fn list(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult<Json<Page<App>>> {
    Params::from_query(q.as_deref())?.only(&[])?;
    let items = st
        .run(|s| {
            s.db.read(|c| {
                let mut stmt = c.prepare(&format!(
                    "SELECT {COLUMNS} FROM apps ORDER BY lower(name), added_at"
                ))?;
                Ok::<_, ApiError>(
                    stmt.query_map([], row)?
                        .collect::<crate::sql::Result<Vec<_>>>()?,
                )
            })
        })
        .await?;
    Ok(Json(Page {
        total: Some(items.len() as u64),
        items,
        next_cursor: None,
    }))
}

pub async fn get(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<App>> {
    Ok(Json(st.run(move |s| s.db.read(|c| resolve(c, &id))).await?))
}

fn valid_hex_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

const SQL_PINNED: &str = "SELECT sha256 FROM apps WHERE bundle_id = ?1 AND version = ?2";

const SQL_INSERT_APP: &str = "INSERT INTO apps(id, name, bundle_id, version, platform, sha256,
     source, size, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

pub async fn add(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<NewApp>,
) -> ApiResult<(StatusCode, Json<App>)> {
    let text_ok = |s: &str, max: usize| {
        !s.trim().is_empty() && s.chars().count() <= max && !s.chars().any(|c| c.is_control())
    };
    if !text_ok(&req.name, 100) || !text_ok(&req.version, 50) || !text_ok(&req.bundle_id, 200) {
        return Err(ApiError::bad_request(
            "name, version and bundle_id are non-empty text without control characters",
        ));
    }
    if req.name.contains('@') || req.bundle_id.contains('@') {
        return Err(ApiError::bad_request(
            "`@` separates an app from its version; it cannot be part of a name",
        ));
    }
    if mdm_model::domain::Platform::parse(&req.platform).is_none() {
        return Err(ApiError::bad_request(
            "platform is one of ios, android, macos, windows",
        ));
    }
    if !valid_hex_sha256(&req.sha256) {
        return Err(ApiError::bad_request("sha256 is 64 hexadecimal characters"));
    }
    // A reference to an app already in the vendor's MDM: `intune:<mobileApp id>` or
    // `jamf:<App Installers title id>`.
    let vendor_ref = |s: &str| {
        ["intune:", "jamf:"].iter().any(|p| {
            s.strip_prefix(p).is_some_and(|id| {
                !id.is_empty()
                    && id.len() <= 100
                    && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        })
    };
    if let Some(src) = &req.source
        && !(src.starts_with("https://") || src.starts_with("file:") || vendor_ref(src))
    {
        return Err(ApiError::bad_request(
            "source is an https:// URL, file: for a local package, intune:<mobileApp id> for \
             an app already in Intune, or jamf:<title id> for a Jamf App Installers title",
        ));
    }
    if req
        .source
        .as_deref()
        .is_some_and(|s| s.starts_with("jamf:"))
        && mdm_model::domain::Platform::parse(&req.platform)
            != Some(mdm_model::domain::Platform::Macos)
    {
        return Err(ApiError::bad_request(
            "Jamf App Installers titles are macOS apps: a jamf: source needs platform macos",
        ));
    }
    let app = st
        .run(move |s| {
            s.db.write(|tx| -> ApiResult<ApiResult<App>> {
                if let Err(e) = crate::freeze::check(tx, &ctx, "adding an app to the catalog") {
                    return Ok(Err(e));
                }
                let who = ctx.who()?.clone();
                let requires = gate::requirements(&Guarded::CatalogAdd, &s.config);
                if let Err(e) = gate::enforce(&requires, &ctx, tx, None, None) {
                    gate::audit_refusal(tx, &ctx, "app.add", &e)?;
                    return Ok(Err(e));
                }
                let exists: Option<String> = tx
                    .query_row(SQL_PINNED, params![req.bundle_id, req.version], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if exists.is_some() {
                    return Ok(Err(ApiError::conflict(
                        ErrorCode::AlreadyExists,
                        format!(
                            "{} {} is already in the catalog; \
                             a pinned version never changes its hash",
                            req.bundle_id, req.version
                        ),
                    )));
                }
                let id = format!("app_{}", random_hex(6));
                tx.execute(
                    SQL_INSERT_APP,
                    params![
                        id,
                        req.name,
                        req.bundle_id,
                        req.version,
                        req.platform,
                        req.sha256.to_ascii_lowercase(),
                        req.source,
                        req.size.map(|s| s as i64),
                        who.user,
                        now_unix()
                    ],
                )?;
                let details = serde_json::json!({
                    "name": req.name, "bundle_id": req.bundle_id, "version": req.version,
                    "platform": req.platform, "sha256": req.sha256.to_ascii_lowercase(),
                    "source": req.source,
                });
                let ev = NewEvent::from_req(&ctx, "app.add", "success")
                    .target("app", vec![id.clone()])
                    .details(details);
                audit::append(tx, ev)?;
                Ok(Ok(resolve(tx, &id)?))
            })
        })
        .await??;
    Ok((StatusCode::CREATED, Json(app)))
}
