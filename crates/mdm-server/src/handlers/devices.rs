use super::{Params, decode_cursor};
use crate::AppState;
use crate::authz::{self, Perm};
use crate::http::{ApiError, ApiResult, ReqCtx};
use crate::pii;
use crate::sql::{Connection, OptionalExtension, ToSql};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::{Device, DeviceQuery, Page};

use mdm_model::domain::{Compliance, DeviceStatus, Platform};

/// Columns of the device SELECT, in the order `from_row` reads them.
pub const DEVICE_COLUMNS: &str = "d.rid, d.id, d.serial, d.name, d.platform, d.model, d.os_version,
    d.owner_name, d.owner_email, d.owner_phone, d.status, d.compliance, d.locked,
    d.enrolled_at, d.last_seen,
    (SELECT group_concat(g.name, char(31)) FROM device_groups dg JOIN groups g ON g.id = dg.group_id
      WHERE dg.device_rid = d.rid)";

pub fn from_row(r: &crate::sql::Row<'_>, show_pii: bool) -> crate::sql::Result<(i64, Device)> {
    let email: String = r.get(8)?;
    let phone: String = r.get(9)?;
    let groups: Option<String> = r.get(15)?;
    let mut groups: Vec<String> = groups
        .map(|g| g.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default();
    groups.sort();
    Ok((
        r.get(0)?,
        Device {
            id: r.get(1)?,
            serial: r.get(2)?,
            name: r.get(3)?,
            platform: crate::db::name_col(r, 4)?,
            model: r.get(5)?,
            os_version: r.get(6)?,
            owner_name: r.get(7)?,
            owner_email: if show_pii { email } else { mask_email(&email) },
            owner_phone: if show_pii { phone } else { mask_phone(&phone) },
            groups,
            status: crate::db::name_col(r, 10)?,
            compliance: crate::db::name_col(r, 11)?,
            locked: r.get::<_, i64>(12)? != 0,
            enrolled_at: unix_to_rfc3339(r.get(13)?),
            last_seen: unix_to_rfc3339(r.get(14)?),
        },
    ))
}

/// `jane.doe@example.org` → `j***@example.org`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_string(),
    }
}

/// `+32 470 12 34 12` → `+32 *** *** 412`: country code and last three digits only.
pub fn mask_phone(phone: &str) -> String {
    let cc = phone
        .split_whitespace()
        .next()
        .filter(|p| p.starts_with('+'));
    let digits: Vec<char> = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let tail: String = digits[digits.len().saturating_sub(3)..].iter().collect();
    match cc {
        Some(cc) => format!("{cc} *** *** {tail}"),
        None => format!("*** *** {tail}"),
    }
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_pattern(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A group's id by its exact name; an unknown name is 404 with the closest group name
/// suggested (a typo at 3 a.m. should not cost a second lookup).
pub fn group_id(c: &Connection, name: &str) -> ApiResult<i64> {
    let found = c
        .query_row("SELECT id FROM groups WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let names: Vec<String> = c
        .prepare_cached("SELECT name FROM groups ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<crate::sql::Result<_>>()?;
    let hint = mdm_model::suggest::closest(name, names.iter().map(String::as_str))
        .map(|n| format!("; did you mean {n:?}?"))
        .unwrap_or_default();
    Err(ApiError::not_found(format!(
        "no group named {name:?}{hint}"
    )))
}

struct Filters {
    expr: Option<mdm_model::filter::Expr>,
    /// Whether the caller may read PII: without it, `owner` matches names only, so a
    /// filter cannot be used to probe email addresses.
    pii_allowed: bool,
    group: Option<String>,
    platform: Option<Platform>,
    status: Option<DeviceStatus>,
    compliance: Option<Compliance>,
    search: Option<String>,
}

pub async fn list(
    State(st): State<AppState>,
    ctx: ReqCtx,
    RawQuery(q): RawQuery,
) -> ApiResult<(HeaderMap, Json<Page<Device>>)> {
    let p = Params::from_query(q.as_deref())?;
    p.only(DeviceQuery::KEYS)?;
    let q = DeviceQuery::from_query(|k| p.get(k)).map_err(ApiError::bad_request)?;
    let expr = q
        .filter
        .as_deref()
        .map(|f| {
            mdm_model::filter::parse(f).map_err(|e| {
                ApiError::bad_request(format!(
                    "invalid filter at column {}: {}",
                    e.column, e.message
                ))
                .with_details(serde_json::json!({ "column": e.column }))
            })
        })
        .transpose()?;
    let filters = Filters {
        expr,
        pii_allowed: ctx.who()?.allows(Perm::PiiRead),
        group: q.group,
        platform: q.platform,
        status: q.status,
        compliance: q.compliance,
        search: q.search,
    };
    let limit = q.limit.unwrap_or(100);
    let after = q.cursor.as_deref().map(decode_cursor).transpose()?;
    let show_pii = q.show_pii;
    let who = ctx.who()?;
    if show_pii && !who.allows(Perm::PiiRead) {
        return Err(pii_forbidden(who.role));
    }
    let st2 = st.clone();
    let (page, breach) = st
        .run(move |s| {
            if !show_pii {
                let page =
                    s.db.read(|c| query_page(c, &filters, after, limit, false))?;
                return Ok((page, None));
            }
            // Read, check the PII budget and record the read in one transaction.
            s.db.write(|tx| {
                let page = query_page(tx, &filters, after, limit, true)?;
                if page.items.is_empty() {
                    return Ok((page, None));
                }
                let ids: Vec<String> = page.items.iter().map(|d| d.id.clone()).collect();
                let read = pii::check(tx, &ctx, s.config.pii_budget, &ids)?;
                let breach = pii::record(tx, &ctx, &read, ids, s.config.alert_webhook.is_some())?
                    .map(|id| (ctx.actor(), read, id));
                Ok((page, breach))
            })
        })
        .await?;
    if let Some((actor, read, id)) = breach {
        pii::alert(&st2, actor, &read, id);
    }
    Ok((
        next_link("/v1/devices", &p, page.next_cursor.as_deref()),
        Json(page),
    ))
}

/// RFC 8288 `Link: <…>; rel="next"`, so plain HTTP tools can follow pages too.
pub fn next_link(path: &str, p: &Params, cursor: Option<&str>) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Some(c) = cursor {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in p.0.iter().filter(|(k, _)| k != "cursor") {
            q.append_pair(k, v);
        }
        q.append_pair("cursor", c);
        if let Ok(v) = HeaderValue::from_str(&format!("<{path}?{}>; rel=\"next\"", q.finish())) {
            h.insert(header::LINK, v);
        }
    }
    h
}

fn pii_forbidden(role: authz::Role) -> ApiError {
    ApiError::forbidden(format!(
        "role {} may not read owner email and phone numbers",
        role.as_str()
    ))
    .with_details(serde_json::json!({ "required_permission": Perm::PiiRead.as_str() }))
}

fn query_page(
    c: &Connection,
    f: &Filters,
    after: Option<i64>,
    limit: u32,
    show_pii: bool,
) -> ApiResult<Page<Device>> {
    // Plain `?` placeholders bind in order, so conditions and arguments grow together.
    let mut conds: Vec<&str> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(g) = &f.group {
        conds.push("d.rid IN (SELECT device_rid FROM device_groups WHERE group_id = ?)");
        args.push(Box::new(group_id(c, g)?));
    }
    if let Some(v) = f.platform {
        conds.push("d.platform = ?");
        args.push(Box::new(v.as_str()));
    }
    if let Some(v) = f.status {
        conds.push("d.status = ?");
        args.push(Box::new(v.as_str()));
    }
    if let Some(v) = f.compliance {
        conds.push("d.compliance = ?");
        args.push(Box::new(v.as_str()));
    }
    if let Some(s) = &f.search {
        conds.push(
            "(d.name LIKE ? ESCAPE '\\' OR d.serial LIKE ? ESCAPE '\\' OR d.model LIKE ? ESCAPE '\\' \
             OR d.owner_name LIKE ? ESCAPE '\\' OR d.id = ?)",
        );
        for _ in 0..4 {
            args.push(Box::new(like_pattern(s)));
        }
        args.push(Box::new(s.clone()));
    }
    if let Some(expr) = &f.expr {
        return filtered_page(c, f, expr, conds, args, after, limit, show_pii);
    }
    let total = if after.is_none() {
        let mut sql = String::from("SELECT COUNT(*) FROM devices d");
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        let refs: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
        Some(c.query_row(&sql, refs.as_slice(), |r| r.get::<_, i64>(0))? as u64)
    } else {
        None
    };
    conds.push("d.rid > ?");
    args.push(Box::new(after.unwrap_or(0)));
    let sql = format!(
        "SELECT {DEVICE_COLUMNS} FROM devices d WHERE {} ORDER BY d.rid LIMIT ?",
        conds.join(" AND ")
    );
    args.push(Box::new(i64::from(limit) + 1));
    let refs: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    let mut stmt = c.prepare_cached(&sql)?;
    let rows: Vec<(i64, Device)> = stmt
        .query_map(refs.as_slice(), |r| from_row(r, show_pii))?
        .collect::<crate::sql::Result<_>>()?;
    Ok(super::page_of(rows, limit, total))
}

/// A page of devices matching a filter expression, evaluated row by row after the SQL
/// conditions (the first page also counts every match, for `total`).
#[allow(clippy::too_many_arguments)]
fn filtered_page(
    c: &Connection,
    f: &Filters,
    expr: &mdm_model::filter::Expr,
    conds: Vec<&str>,
    args: Vec<Box<dyn ToSql>>,
    after: Option<i64>,
    limit: u32,
    show_pii: bool,
) -> ApiResult<Page<Device>> {
    let now = crate::clock::now_unix();
    let mut conds = conds;
    let mut args = args;
    conds.push("d.rid > ?");
    args.push(Box::new(after.unwrap_or(0)));
    let sql = format!(
        "SELECT {DEVICE_COLUMNS} FROM devices d WHERE {} ORDER BY d.rid",
        conds.join(" AND ")
    );
    let refs: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    let mut stmt = c.prepare_cached(&sql)?;
    let mut q = stmt.query(refs.as_slice())?;
    let (mut rows, mut matched) = (Vec::new(), 0u64);
    while let Some(r) = q.next()? {
        let (rid, mut d) = from_row(&r, true)?;
        if !mdm_model::filter::eval(expr, &filter_facts(&d, f.pii_allowed, now)) {
            continue;
        }
        matched += 1;
        if rows.len() <= limit as usize {
            if !show_pii {
                d.owner_email = mask_email(&d.owner_email);
                d.owner_phone = mask_phone(&d.owner_phone);
            }
            rows.push((rid, d));
        } else if after.is_some() {
            break;
        }
    }
    Ok(super::page_of(
        rows,
        limit,
        after.is_none().then_some(matched),
    ))
}

/// What a filter expression sees of a device. One definition for `devices list` and
/// action targets: without `pii_allowed` the owner's email is blank, so a filter cannot
/// probe addresses. `d` must be read with PII (`from_row(r, true)`).
pub fn filter_facts(d: &Device, pii_allowed: bool, now: i64) -> mdm_model::filter::Facts<'_> {
    let last = mdm_model::time::parse_rfc3339(&d.last_seen)
        .map(|t| t.unix_timestamp())
        .unwrap_or(now);
    mdm_model::filter::Facts {
        id: &d.id,
        serial: &d.serial,
        name: &d.name,
        platform: d.platform.as_str(),
        model: &d.model,
        os_version: &d.os_version,
        owner_name: &d.owner_name,
        owner_email: if pii_allowed { &d.owner_email } else { "" },
        status: d.status.as_str(),
        compliance: d.compliance.as_str(),
        groups: &d.groups,
        age_secs: (now - last).max(0) as u64,
    }
}

pub fn find_device(c: &Connection, id_or_serial: &str, show_pii: bool) -> ApiResult<Device> {
    let sql = format!("SELECT {DEVICE_COLUMNS} FROM devices d WHERE d.id = ?1 OR d.serial = ?1");
    c.query_row(&sql, [id_or_serial], |r| from_row(r, show_pii))
        .optional()?
        .map(|(_, d)| d)
        .ok_or_else(|| ApiError::not_found(format!("no device with id or serial {id_or_serial:?}")))
}

pub async fn get(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Device>> {
    let p = Params::from_query(q.as_deref())?;
    p.only(&["show_pii"])?;
    let show_pii = p.bool("show_pii")?;
    let who = ctx.who()?;
    if show_pii && !who.allows(Perm::PiiRead) {
        return Err(pii_forbidden(who.role));
    }
    let st2 = st.clone();
    let (dev, breach) = st
        .run(move |s| {
            // One device is read from the backend (the fleet's truth), then masked here.
            let found =
                s.db.read(|c| s.backend.device(c, &id).map_err(ApiError::from))?;
            let mut dev = found.ok_or_else(|| {
                ApiError::not_found(format!("no device with id or serial {id:?}"))
            })?;
            if !show_pii {
                dev.owner_email = mask_email(&dev.owner_email);
                dev.owner_phone = mask_phone(&dev.owner_phone);
                return Ok((dev, None));
            }
            let breach = s.db.write(|tx| {
                let ids = vec![dev.id.clone()];
                let read = pii::check(tx, &ctx, s.config.pii_budget, &ids)?;
                Ok::<_, ApiError>(
                    pii::record(tx, &ctx, &read, ids, s.config.alert_webhook.is_some())?
                        .map(|id| (ctx.actor(), read, id)),
                )
            })?;
            Ok((dev, breach))
        })
        .await?;
    if let Some((actor, read, id)) = breach {
        pii::alert(&st2, actor, &read, id);
    }
    Ok(Json(dev))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking() {
        assert_eq!(mask_phone("+32 470 12 34 12"), "+32 *** *** 412");
        assert_eq!(mask_phone("0470123412"), "*** *** 412");
        assert_eq!(mask_email("jane.doe@example.org"), "j***@example.org");
        assert_eq!(mask_email("nope"), "***");
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
