//! Actions as stored: the rows of `actions` and `action_devices`, fan-out into
//! per-device commands, counts and waves, and approval expiry.

use crate::audit::{Appender, NewEvent};
use crate::http::{ApiError, ApiResult};
use crate::sql::{Connection, OptionalExtension, params};
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::{Action, ActionCounts, ActionOptions, ApprovalInfo, Target};
use std::collections::BTreeMap;

/// One command per device; with a staged rollout, the first wave is queued and the
/// later ones are held until the wave before them succeeds.
pub fn fan_out(
    c: &Connection,
    seq: i64,
    rids: &[i64],
    rollout: &[u32],
    now: i64,
) -> crate::sql::Result<()> {
    let mut stmt = c.prepare_cached(SQL_FAN_OUT)?;
    let n = rids.len();
    let bounds: Vec<usize> = if rollout.is_empty() {
        vec![n]
    } else {
        rollout
            .iter()
            .map(|p| (n * *p as usize).div_ceil(100).max(1).min(n))
            .collect()
    };
    // Waves follow the target's order (device ids); the rows go in by device rid, the
    // key's order, so each insert appends to the indexes instead of landing at a random
    // place in them (random inserts made a fan-out grow faster than the fleet).
    let mut rows: Vec<(i64, usize)> = rids
        .iter()
        .enumerate()
        .map(|(i, rid)| {
            let wave = bounds
                .iter()
                .position(|b| i < *b)
                .unwrap_or(bounds.len() - 1)
                + 1;
            (*rid, wave)
        })
        .collect();
    rows.sort_unstable();
    if c.engine() == "postgres" {
        // Each statement is a round trip to PostgreSQL: the rows go in FAN_OUT_CHUNK at
        // a time, so an approval of 100,000 devices holds the write lock for 200
        // statements, not 100,000.
        drop(stmt);
        for chunk in rows.chunks(FAN_OUT_CHUNK) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("(?1, ?{}, ?{}, ?{}, ?2)", 3 * i + 3, 3 * i + 4, 3 * i + 5))
                .collect();
            let sql = format!(
                "INSERT INTO action_devices(action_seq, device_rid, status, wave, updated_at) VALUES {}",
                values.join(", ")
            );
            let waves: Vec<i64> = chunk.iter().map(|(_, w)| *w as i64).collect();
            let mut args: Vec<&dyn crate::sql::ToSql> = vec![&seq, &now];
            for ((rid, wave), w) in chunk.iter().zip(&waves) {
                args.push(rid);
                args.push(if *wave == 1 { &STATUS[0] } else { &STATUS[1] });
                args.push(w);
            }
            c.prepare_cached(&sql)?.execute(args.as_slice())?;
        }
        if rows.len() >= REFRESH_STATISTICS_AT {
            c.refresh_statistics("action_devices")?;
        }
        return Ok(());
    }
    for (rid, wave) in rows {
        let status = if wave == 1 { "queued" } else { "held" };
        stmt.execute(params![seq, rid, status, wave as i64, now])?;
    }
    Ok(())
}

/// A fan-out this big refreshes PostgreSQL's statistics of `action_devices`.
const REFRESH_STATISTICS_AT: usize = 10_000;
/// Rows per statement of a fan-out on PostgreSQL (3 parameters each, and two shared).
const FAN_OUT_CHUNK: usize = 500;
/// A fan-out's first wave is queued, the later ones held.
const STATUS: [&str; 2] = ["queued", "held"];

pub fn counts(c: &Connection, seq: i64) -> crate::sql::Result<ActionCounts> {
    let mut stmt = c.prepare_cached(SQL_COUNTS)?;
    let mut counts = ActionCounts::default();
    let rows = stmt.query_map([seq], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
    })?;
    for row in rows {
        let (status, n) = row?;
        add_count(&mut counts, &status, n);
    }
    Ok(counts)
}

const SQL_FAN_OUT: &str =
    "INSERT INTO action_devices(action_seq, device_rid, status, wave, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5)";

const SQL_COUNTS: &str =
    "SELECT status, COUNT(*) FROM action_devices WHERE action_seq = ?1 GROUP BY status";

const SQL_WAVE_COUNTS: &str = "SELECT wave, status, COUNT(*) FROM action_devices
     WHERE action_seq = ?1 GROUP BY wave, status";

const SQL_DUE_APPROVALS: &str = "SELECT id, requested_by FROM actions
     WHERE status = 'pending_approval' AND approval_expires_at <= ?1";

const SQL_EXPIRE_APPROVAL: &str =
    "UPDATE actions SET status = 'expired', updated_at = ?1, finished_at = ?1 WHERE id = ?2";

pub const ACTION_COLUMNS: &str =
    "seq, id, kind, status, requested_by, target, target_digest, total, platforms, options,
    reason, ticket, approval_required, approved_by, approved_at, rejected_by, approval_expires_at,
    created_at, updated_at, finished_at, halt_reason, current_wave";

/// Stored per-device statuses to the API's. `sending` (claimed for the backend, the
/// request on its way) is internal and counts as `sent`.
fn add_count(k: &mut ActionCounts, status: &str, n: u64) {
    match status {
        "queued" => k.queued = n,
        "sent" | "sending" => k.sent += n,
        "acknowledged" => k.acknowledged = n,
        "failed" => k.failed = n,
        "pending" => k.pending = n,
        "cancelled" => k.cancelled = n,
        "held" => k.held = n,
        "vendor_approval" => k.vendor_approval = n,
        _ => {}
    }
}

/// Per-wave counts of a staged rollout.
pub fn waves(
    c: &Connection,
    seq: i64,
    o: &ActionOptions,
    status: &str,
    current: i64,
) -> crate::sql::Result<Vec<mdm_model::types::Wave>> {
    if o.rollout.is_empty() {
        return Ok(Vec::new());
    }
    let mut per: BTreeMap<i64, ActionCounts> = BTreeMap::new();
    let mut stmt = c.prepare_cached(SQL_WAVE_COUNTS)?;
    let rows = stmt.query_map([seq], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)? as u64,
        ))
    })?;
    for row in rows {
        let (w, st, n) = row?;
        add_count(per.entry(w).or_default(), &st, n);
    }
    Ok(o.rollout
        .iter()
        .enumerate()
        .map(|(i, pct)| {
            let idx = i as i64 + 1;
            let counts = per.remove(&idx).unwrap_or_default();
            let total = counts.queued
                + counts.sent
                + counts.acknowledged
                + counts.failed
                + counts.pending
                + counts.cancelled
                + counts.held
                + counts.vendor_approval;
            let st = if status == "halted" && idx == current {
                "halted"
            } else if counts.held == total && total > 0 {
                "held"
            } else if idx < current && counts.queued + counts.sent == 0 {
                // Released past: the devices left are offline (or wait for the vendor).
                if counts.pending + counts.vendor_approval > 0 {
                    "passed"
                } else {
                    "done"
                }
            } else if counts.queued + counts.sent + counts.pending + counts.vendor_approval > 0 {
                "running"
            } else {
                "done"
            };
            mdm_model::types::Wave {
                index: idx as u32,
                percent: *pct,
                total,
                counts,
                status: st.to_string(),
            }
        })
        .collect())
}

pub fn from_row(c: &Connection, r: &crate::sql::Row<'_>) -> crate::sql::Result<(i64, Action)> {
    let seq: i64 = r.get(0)?;
    let parse = |i: usize| -> crate::sql::Result<serde_json::Value> {
        let s: String = r.get(i)?;
        Ok(serde_json::from_str(&s).unwrap_or(serde_json::Value::Null))
    };
    let target: Target = serde_json::from_value(parse(5)?).unwrap_or_default();
    let platforms: BTreeMap<String, u64> = serde_json::from_value(parse(8)?).unwrap_or_default();
    // Shown leniently (a listing must not fail on one bad row); running or approving
    // the action reads them strictly through `stored_options`.
    let options: ActionOptions = serde_json::from_value(parse(9)?).unwrap_or_default();
    let opt_time = |i: usize| -> crate::sql::Result<Option<String>> {
        Ok(r.get::<_, Option<i64>>(i)?.map(unix_to_rfc3339))
    };
    let waves_v = waves(c, seq, &options, &r.get::<_, String>(3)?, r.get(21)?)?;
    Ok((
        seq,
        Action {
            requires: None,
            id: r.get(1)?,
            action: r.get(2)?,
            status: crate::db::name_col(r, 3)?,
            requested_by: r.get(4)?,
            target,
            target_digest: r.get(6)?,
            total: r.get::<_, i64>(7)? as u64,
            counts: counts(c, seq)?,
            platforms,
            options,
            reason: r.get(10)?,
            ticket: r.get(11)?,
            approval: ApprovalInfo {
                required: r.get::<_, i64>(12)? != 0,
                approved_by: r.get(13)?,
                approved_at: opt_time(14)?,
                rejected_by: r.get(15)?,
                expires_at: opt_time(16)?,
            },
            created_at: unix_to_rfc3339(r.get(17)?),
            updated_at: unix_to_rfc3339(r.get(18)?),
            waves: waves_v,
            halt_reason: r.get(20)?,
            finished_at: opt_time(19)?,
            vendor_approvals: vendor_approvals(c, seq)?,
        },
    ))
}

const SQL_VENDOR_APPROVALS: &str =
    "SELECT COALESCE(vendor, ''), vendor_approval_code, COUNT(*), MIN(updated_at)
     FROM action_devices WHERE action_seq = ?1 AND status = 'vendor_approval'
     GROUP BY vendor, vendor_approval_code ORDER BY MIN(updated_at), vendor_approval_code";

/// The requests of an action the vendor holds for its own approval, one per code.
fn vendor_approvals(
    c: &Connection,
    seq: i64,
) -> crate::sql::Result<Vec<mdm_model::types::VendorApproval>> {
    let mut stmt = c.prepare_cached(SQL_VENDOR_APPROVALS)?;
    stmt.query_map([seq], |r| {
        Ok(mdm_model::types::VendorApproval {
            vendor: r.get(0)?,
            code: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            devices: r.get::<_, i64>(2)? as u64,
            since: unix_to_rfc3339(r.get(3)?),
        })
    })?
    .collect()
}

pub fn load(c: &Connection, id: &str) -> ApiResult<(i64, Action)> {
    let sql = format!("SELECT {ACTION_COLUMNS} FROM actions WHERE id = ?1");
    c.query_row(&sql, [id], |r| from_row(c, r))
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("no action {id:?}")))
}

/// Marks pending approvals past their deadline as expired (lazily, on read and write).
/// Whether any approval window has passed at `now` (what [`expire_approvals`] would do).
pub fn approvals_due(c: &Connection, now: i64) -> crate::sql::Result<bool> {
    c.prepare_cached(SQL_DUE_APPROVALS)?.exists([now])
}

pub fn expire_approvals(c: &Connection, appender: &mut Appender) -> crate::sql::Result<()> {
    let now = crate::clock::now_unix();
    let expired: Vec<(String, String)> = {
        let mut stmt = c.prepare_cached(SQL_DUE_APPROVALS)?;
        stmt.query_map([now], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::sql::Result<_>>()?
    };
    for (id, by) in expired {
        c.execute(SQL_EXPIRE_APPROVAL, params![now, id])?;
        let ev = NewEvent {
            actor: "server".into(),
            role: "system".into(),
            action: "approval.expired".into(),
            outcome: "expired".into(),
            details: serde_json::json!({ "action_id": id, "requested_by": by }),
            ..NewEvent::default()
        }
        .target("action", vec![id.clone()]);
        appender.append(c, ev)?;
    }
    Ok(())
}

/// Stored options that do not parse: the action must fail, not run with defaults.
#[derive(Debug)]
pub struct CorruptOptions(pub String);

impl CorruptOptions {
    pub fn message(&self) -> String {
        format!(
            "the stored options of this action are unreadable ({})",
            self.0
        )
    }
}

/// Parses stored options strictly.
pub fn parse_options(stored: &str) -> Result<ActionOptions, CorruptOptions> {
    serde_json::from_str(stored).map_err(|e| CorruptOptions(e.to_string()))
}

/// The stored options of an action, strictly (for approving and running it).
pub fn stored_options(c: &Connection, seq: i64) -> ApiResult<ActionOptions> {
    let s: String = c.query_row("SELECT options FROM actions WHERE seq = ?1", [seq], |r| {
        r.get(0)
    })?;
    parse_options(&s).map_err(|e| ApiError::internal(e.message()))
}
