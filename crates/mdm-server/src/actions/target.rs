//! Target resolution: a selector (ids, group, filter or all) becomes the exact set of
//! active devices, with a digest the create and approve steps re-check.

use crate::handlers::devices::group_id;
use crate::http::{ApiError, ApiResult};
use crate::sql::{Connection, OptionalExtension};
use mdm_model::domain::DeviceStatus;
use mdm_model::domain::ErrorCode;
use mdm_model::types::{DeviceSummary, Target};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};

/// The exact device set a target resolved to.
pub struct Resolved {
    pub rids: Vec<i64>,
    pub ids: Vec<String>,
    pub platforms: BTreeMap<String, u64>,
    pub digest: String,
}

/// Devices that can still receive commands.
pub const ACTIVE: &str = "d.status IN ('online', 'offline')";

const SQL_BY_ID_OR_SERIAL: &str =
    "SELECT rid, id, platform, status FROM devices WHERE id = ?1 OR serial = ?1";

const SQL_SAMPLE: &str =
    "SELECT id, serial, name, platform, status, owner_name FROM devices WHERE id = ?1";

pub fn digest(ids: &[String]) -> String {
    let mut h = Sha256::new();
    for id in ids {
        h.update(id.as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

fn check_selector(t: &Target) -> ApiResult<()> {
    // A group and a filter together are one selector: the group's devices that match.
    let n = usize::from(!t.ids.is_empty())
        + usize::from(t.group.is_some() || t.filter.is_some())
        + usize::from(t.all);
    if n != 1 {
        return Err(ApiError::bad_request(
            "a target has exactly one selector: ids, group (optionally with filter), filter or all",
        ));
    }
    if t.ids.len() > 10_000 {
        return Err(ApiError::bad_request(
            "at most 10,000 device ids per action; use a group or filter",
        ));
    }
    Ok(())
}

type Row = (i64, String, String);

fn by_ids(c: &Connection, ids: &[String]) -> ApiResult<Vec<Row>> {
    let mut stmt = c.prepare_cached(SQL_BY_ID_OR_SERIAL)?;
    let (mut rows, mut unknown, mut inactive) = (Vec::new(), Vec::new(), Vec::new());
    let mut seen = HashSet::new();
    for key in ids {
        let row: Option<(i64, String, String, DeviceStatus)> = stmt
            .query_row([key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, crate::db::name_col(r, 3)?))
            })
            .optional()?;
        match row {
            None => unknown.push(key.clone()),
            Some((_, id, _, status)) if !status.is_active() => {
                inactive.push(format!("{id} ({status})"))
            }
            Some((rid, id, platform, _)) => {
                if seen.insert(rid) {
                    rows.push((rid, id, platform));
                }
            }
        }
    }
    if !unknown.is_empty() {
        let named: Vec<String> = unknown.iter().map(|u| format!("{u:?}")).collect();
        return Err(ApiError::not_found(format!(
            "no device with id or serial {}",
            named.join(", ")
        ))
        .with_details(serde_json::json!({ "unknown": unknown })));
    }
    if !inactive.is_empty() {
        return Err(ApiError::conflict(
            ErrorCode::DeviceInactive,
            format!("not an active device: {}", inactive.join(", ")),
        ));
    }
    Ok(rows)
}

/// The columns a filter's facts come from; groups only when the filter asks about them.
/// Read by a plain scan of the table in rid order (`NOT INDEXED`): a target is most of
/// the fleet, and the status index would visit the rows at random.
const SQL_FILTER_FACTS: &str = "SELECT d.rid, d.id, d.serial, d.name, d.platform, d.model,
        d.os_version, d.owner_name, d.owner_email, d.status, d.compliance, d.last_seen";

/// Devices matching a filter, with the same facts `devices list` filters on (owner
/// email only for callers who may read PII, so a filter cannot probe addresses). Each
/// row's facts are borrowed from SQLite's row, nothing is built per device but the
/// matches.
fn by_filter(c: &Connection, filter: &str, pii_allowed: bool, now: i64) -> ApiResult<Vec<Row>> {
    let expr = mdm_model::filter::parse(filter).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid filter at column {}: {}",
            e.column, e.message
        ))
        .with_details(serde_json::json!({ "column": e.column }))
    })?;
    let with_groups = expr.uses(mdm_model::filter::Field::Group);
    let groups_col = if with_groups {
        ", (SELECT group_concat(g.name, char(31)) FROM device_groups dg
             JOIN groups g ON g.id = dg.group_id WHERE dg.device_rid = d.rid)"
    } else {
        ""
    };
    let sql = format!("{SQL_FILTER_FACTS}{groups_col} FROM devices d NOT INDEXED WHERE {ACTIVE}");
    let mut stmt = c.prepare_cached(&sql)?;
    let mut q = stmt.query([])?;
    let mut rows = Vec::new();
    let mut groups: Vec<String> = Vec::new();
    while let Some(r) = q.next()? {
        let text = |i: usize| -> crate::sql::Result<&str> { r.get_ref(i)?.as_str() };
        groups.clear();
        if with_groups {
            let g: Option<String> = r.get(12)?;
            groups.extend(g.iter().flat_map(|g| g.split('\u{1f}').map(str::to_string)));
        }
        let last_seen: i64 = r.get(11)?;
        let facts = mdm_model::filter::Facts {
            id: text(1)?,
            serial: text(2)?,
            name: text(3)?,
            platform: text(4)?,
            model: text(5)?,
            os_version: text(6)?,
            owner_name: text(7)?,
            owner_email: if pii_allowed { text(8)? } else { "" },
            status: text(9)?,
            compliance: text(10)?,
            groups: &groups,
            age_secs: (now - last_seen).max(0) as u64,
        };
        if mdm_model::filter::eval(&expr, &facts) {
            rows.push((r.get(0)?, facts.id.to_string(), facts.platform.to_string()));
        }
    }
    Ok(rows)
}

fn query_rows(c: &Connection, sql: &str, args: impl crate::sql::Params) -> ApiResult<Vec<Row>> {
    let mut stmt = c.prepare_cached(sql)?;
    let rows = stmt
        .query_map(args, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::sql::Result<_>>()?;
    Ok(rows)
}

/// Resolves a target to active (not wiped or retired) devices. `pii_allowed` is whether
/// the requester may read PII (it decides what a filter can match on).
pub fn resolve(c: &Connection, t: &Target, pii_allowed: bool, now: i64) -> ApiResult<Resolved> {
    check_selector(t)?;
    let mut rows = if !t.ids.is_empty() {
        by_ids(c, &t.ids)?
    } else if let Some(g) = &t.group {
        let gid = group_id(c, g)?;
        let sql = format!(
            "SELECT d.rid, d.id, d.platform FROM devices d
             WHERE d.rid IN (SELECT device_rid FROM device_groups WHERE group_id = ?1) AND {ACTIVE}"
        );
        let mut rows = query_rows(c, &sql, [gid])?;
        if let Some(f) = &t.filter {
            let matching: std::collections::HashSet<i64> = by_filter(c, f, pii_allowed, now)?
                .into_iter()
                .map(|r| r.0)
                .collect();
            rows.retain(|r| matching.contains(&r.0));
        }
        rows
    } else if let Some(f) = &t.filter {
        by_filter(c, f, pii_allowed, now)?
    } else {
        let sql =
            format!("SELECT d.rid, d.id, d.platform FROM devices d NOT INDEXED WHERE {ACTIVE}");
        query_rows(c, &sql, [])?
    };
    rows.sort_unstable_by(|a, b| a.1.cmp(&b.1));
    let mut platforms = BTreeMap::new();
    for (_, _, p) in &rows {
        *platforms.entry(p.clone()).or_insert(0) += 1;
    }
    let ids: Vec<String> = rows.iter().map(|r| r.1.clone()).collect();
    Ok(Resolved {
        digest: digest(&ids),
        rids: rows.iter().map(|r| r.0).collect(),
        ids,
        platforms,
    })
}

/// The first ten devices of the set, for the preview.
pub fn sample(c: &Connection, ids: &[String]) -> crate::sql::Result<Vec<DeviceSummary>> {
    let mut stmt = c.prepare_cached(SQL_SAMPLE)?;
    let mut out = Vec::new();
    for id in ids.iter().take(10) {
        out.push(stmt.query_row([id], |r| {
            Ok(DeviceSummary {
                id: r.get(0)?,
                serial: r.get(1)?,
                name: r.get(2)?,
                platform: crate::db::name_col(r, 3)?,
                status: crate::db::name_col(r, 4)?,
                owner_name: r.get(5)?,
            })
        })?);
    }
    Ok(out)
}

/// The serial of a single-device target (what its typed confirmation asks for).
pub fn serial_of(c: &Connection, rid: i64) -> crate::sql::Result<String> {
    c.query_row("SELECT serial FROM devices WHERE rid = ?1", [rid], |r| {
        r.get(0)
    })
}

/// How many devices can still receive commands (the base of the fleet-wide share).
pub fn active_fleet(c: &Connection) -> crate::sql::Result<u64> {
    let sql = format!("SELECT COUNT(*) FROM devices d WHERE {ACTIVE}");
    c.query_row(&sql, [], |r| r.get::<_, i64>(0))
        .map(|n| n.max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::devices::{DEVICE_COLUMNS, filter_facts, from_row};

    /// A filter's target is the set `devices list --filter` shows: the target's lean
    /// scan reads the same facts as the listing's typed rows, PII allowed or not.
    #[test]
    fn a_filter_resolves_to_the_devices_the_listing_filters() {
        let db = crate::db::TempDb::new("target");
        db.write(|tx| crate::backend::sim::seed::seed(tx, 400, 7, 20))
            .unwrap();
        let now = crate::clock::now_unix();
        let filters = [
            "platform = ios",
            "group = engineering",
            "group != engineering and status = online",
            "not group = sales or os_version >= 17",
            "last_seen > 5m",
            "last_seen < 1h",
            "owner ~ a",
            "owner ~ e",
            "compliance = noncompliant or model ~ Pro",
            "status = online or status = offline",
            "serial ~ 1 or name ~ 2",
        ];
        db.read(|c| {
            for pii in [false, true] {
                for f in filters {
                    let expr = mdm_model::filter::parse(f).unwrap();
                    let sql = format!("SELECT {DEVICE_COLUMNS} FROM devices d WHERE {ACTIVE}");
                    let mut stmt = c.prepare(&sql)?;
                    let mut want: Vec<String> = stmt
                        .query_map([], |r| from_row(r, true))?
                        .map(|r| r.unwrap().1)
                        .filter(|d| mdm_model::filter::eval(&expr, &filter_facts(d, pii, now)))
                        .map(|d| d.id)
                        .collect();
                    want.sort();
                    let got: Vec<String> = by_filter(c, f, pii, now)
                        .unwrap()
                        .into_iter()
                        .map(|r| r.1)
                        .collect::<Vec<_>>();
                    let mut got_sorted = got.clone();
                    got_sorted.sort();
                    assert_eq!(got_sorted, want, "{f} (pii {pii})");
                    assert!(!want.is_empty() || f.contains('<'), "{f} matches nothing");
                }
            }
            Ok::<_, crate::sql::Error>(())
        })
        .unwrap();
    }
}
