//! Actions on devices (wipe, lock, unlock, retire): target resolution with a digest of
//! the exact device set, the safety requirements of each action, fan-out into
//! per-device commands, and the simulator step that plays the devices' answers.

use super::ServerConfig;
use super::audit::{Appender, NewEvent};
use super::authz::Perm;
use super::http::{ApiError, ApiResult};
use super::tokens::{now_unix, unix_to_rfc3339};
use crate::api::types::{
    Action, ActionCounts, ActionOptions, ApprovalInfo, DeviceSummary, Requirements, Target,
    Unsupported,
};
use rand::Rng;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Wipe,
    Lock,
    Unlock,
    Retire,
}

impl Kind {
    pub fn parse(s: &str) -> ApiResult<Kind> {
        Ok(match s {
            "wipe" => Kind::Wipe,
            "lock" => Kind::Lock,
            "unlock" => Kind::Unlock,
            "retire" => Kind::Retire,
            other => {
                return Err(ApiError::bad_request(format!(
                    "unknown action {other:?} (actions: wipe, lock, unlock, retire)"
                )));
            }
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Wipe => "wipe",
            Kind::Lock => "lock",
            Kind::Unlock => "unlock",
            Kind::Retire => "retire",
        }
    }

    /// Destroys data or management: needs a step-up even for one device.
    pub fn destructive(self) -> bool {
        matches!(self, Kind::Wipe | Kind::Retire)
    }

    pub fn perm(self) -> Perm {
        match self {
            Kind::Wipe | Kind::Retire => Perm::DevicesWipe,
            Kind::Lock | Kind::Unlock => Perm::DevicesLock,
        }
    }
}

/// The exact device set a target resolved to.
pub struct Resolved {
    pub rids: Vec<i64>,
    pub ids: Vec<String>,
    pub platforms: BTreeMap<String, u64>,
    pub digest: String,
}

pub const ACTIVE: &str = "d.status IN ('online', 'offline')";

pub fn digest(ids: &[String]) -> String {
    let mut h = Sha256::new();
    for id in ids {
        h.update(id.as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

fn check_selector(t: &Target) -> ApiResult<()> {
    let n = usize::from(!t.ids.is_empty())
        + usize::from(t.group.is_some())
        + usize::from(t.filter.is_some())
        + usize::from(t.all);
    if n != 1 {
        return Err(ApiError::bad_request(
            "a target has exactly one selector: ids, group, filter or all",
        ));
    }
    if t.ids.len() > 10_000 {
        return Err(ApiError::bad_request(
            "at most 10,000 device ids per action; use a group or filter",
        ));
    }
    Ok(())
}

/// Resolves a target to active (not wiped or retired) devices.
pub fn resolve(c: &Connection, t: &Target) -> ApiResult<Resolved> {
    check_selector(t)?;
    let mut rows: Vec<(i64, String, String)> = Vec::new();
    if !t.ids.is_empty() {
        let mut stmt = c.prepare_cached(
            "SELECT rid, id, platform, status FROM devices WHERE id = ?1 OR serial = ?1",
        )?;
        let (mut unknown, mut inactive) = (Vec::new(), Vec::new());
        let mut seen = std::collections::HashSet::new();
        for key in &t.ids {
            let row: Option<(i64, String, String, String)> = stmt
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            match row {
                None => unknown.push(key.clone()),
                Some((_, id, _, status)) if status == "wiped" || status == "retired" => {
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
            return Err(ApiError::not_found(format!(
                "no device with id or serial {}",
                unknown
                    .iter()
                    .map(|u| format!("{u:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .with_details(serde_json::json!({ "unknown": unknown })));
        }
        if !inactive.is_empty() {
            return Err(ApiError::conflict(
                "device_inactive",
                format!("not an active device: {}", inactive.join(", ")),
            ));
        }
    } else if let Some(g) = &t.group {
        let gid = super::handlers::devices::group_id(c, g)?;
        let mut stmt = c.prepare_cached(&format!(
            "SELECT d.rid, d.id, d.platform FROM devices d
             WHERE d.rid IN (SELECT device_rid FROM device_groups WHERE group_id = ?1) AND {ACTIVE}"
        ))?;
        rows = stmt
            .query_map([gid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
    } else if let Some(f) = &t.filter {
        let expr = crate::filter::parse(f).map_err(|e| {
            ApiError::bad_request(format!(
                "invalid filter at column {}: {}",
                e.column, e.message
            ))
            .with_details(serde_json::json!({ "column": e.column }))
        })?;
        let now = now_unix();
        let mut stmt = c.prepare_cached(&format!(
            "SELECT d.rid, d.id, d.serial, d.name, d.platform, d.model, d.os_version, d.owner_name,
                    d.owner_email, d.status, d.compliance, d.last_seen,
                    (SELECT group_concat(g.name, char(31)) FROM device_groups dg JOIN groups g ON g.id = dg.group_id
                      WHERE dg.device_rid = d.rid)
             FROM devices d WHERE {ACTIVE}"
        ))?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let groups: Option<String> = r.get(12)?;
            let groups: Vec<String> = groups
                .map(|g| g.split('\u{1f}').map(str::to_string).collect())
                .unwrap_or_default();
            let (id, serial, name, platform, model, os, on, oe, st, co): (
                String,
                String,
                String,
                String,
                String,
                String,
                String,
                String,
                String,
                String,
            ) = (
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            );
            let last: i64 = r.get(11)?;
            let facts = crate::filter::Facts {
                id: &id,
                serial: &serial,
                name: &name,
                platform: &platform,
                model: &model,
                os_version: &os,
                owner_name: &on,
                owner_email: &oe,
                status: &st,
                compliance: &co,
                groups: &groups,
                age_secs: (now - last).max(0) as u64,
            };
            if crate::filter::eval(&expr, &facts) {
                rows.push((r.get(0)?, id, platform));
            }
        }
    } else {
        let mut stmt = c.prepare_cached(&format!(
            "SELECT d.rid, d.id, d.platform FROM devices d WHERE {ACTIVE}"
        ))?;
        rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
    }
    rows.sort_by(|a, b| a.1.cmp(&b.1));
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

/// The safety gate, decided by the server (DESIGN.md, "Safety gate").
pub fn requirements(kind: Kind, target: &Target, count: u64, cfg: &ServerConfig) -> Requirements {
    let single = target.is_single();
    let step_up = kind.destructive() || !single;
    let confirmation = if !single {
        Some("phrase".to_string())
    } else if kind.destructive() {
        Some("serial".to_string())
    } else {
        None
    };
    Requirements {
        step_up,
        confirmation,
        approval: target.all || (kind.destructive() && count > cfg.approval_threshold),
        reason: target.all,
    }
}

/// Which platforms support which option.
fn supports(option: &str, platform: &str) -> bool {
    match option {
        "message" => matches!(platform, "ios" | "macos" | "android"),
        "callback_number" => matches!(platform, "ios" | "android"),
        "keep_enrollment" => matches!(platform, "windows" | "android"),
        "keep_user_data" => platform == "windows",
        _ => true,
    }
}

fn options_used(o: &ActionOptions) -> Vec<&'static str> {
    let mut v = Vec::new();
    if o.message.is_some() {
        v.push("message");
    }
    if o.callback_number.is_some() {
        v.push("callback_number");
    }
    if o.keep_enrollment {
        v.push("keep_enrollment");
    }
    if o.keep_user_data {
        v.push("keep_user_data");
    }
    v
}

/// Options must belong to the action and be well-formed.
pub fn validate_options(kind: Kind, o: &ActionOptions) -> ApiResult<()> {
    let allowed: &[&str] = match kind {
        Kind::Lock => &["message", "callback_number"],
        Kind::Wipe => &["keep_enrollment", "keep_user_data"],
        Kind::Unlock | Kind::Retire => &[],
    };
    for opt in options_used(o) {
        if !allowed.contains(&opt) {
            return Err(ApiError::bad_request(format!(
                "{} takes no option {opt}",
                kind.as_str()
            )));
        }
    }
    if let Some(m) = &o.message
        && (m.chars().count() > 200 || m.chars().any(|c| c.is_control()))
    {
        return Err(ApiError::bad_request(
            "the lock message is at most 200 characters, without control characters",
        ));
    }
    if let Some(n) = &o.callback_number {
        let digits = n.chars().filter(|c| c.is_ascii_digit()).count();
        let ok = n
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
            && (6..=20).contains(&digits);
        if !ok {
            return Err(ApiError::bad_request(format!(
                "{n:?} is not a phone number"
            )));
        }
    }
    Ok(())
}

/// Devices in the set whose platform does not support a requested option.
pub fn unsupported(
    kind: Kind,
    o: &ActionOptions,
    platforms: &BTreeMap<String, u64>,
) -> Vec<Unsupported> {
    let _ = kind;
    let mut out = Vec::new();
    for opt in options_used(o) {
        for (platform, count) in platforms {
            if !supports(opt, platform) {
                out.push(Unsupported {
                    option: opt.to_string(),
                    platform: platform.clone(),
                    count: *count,
                });
            }
        }
    }
    out
}

pub fn sample(c: &Connection, ids: &[String]) -> rusqlite::Result<Vec<DeviceSummary>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, serial, name, platform, status, owner_name FROM devices WHERE id = ?1",
    )?;
    let mut out = Vec::new();
    for id in ids.iter().take(10) {
        out.push(stmt.query_row([id], |r| {
            Ok(DeviceSummary {
                id: r.get(0)?,
                serial: r.get(1)?,
                name: r.get(2)?,
                platform: r.get(3)?,
                status: r.get(4)?,
                owner_name: r.get(5)?,
            })
        })?);
    }
    Ok(out)
}

/// One queued command per device.
pub fn fan_out(c: &Connection, seq: i64, rids: &[i64], now: i64) -> rusqlite::Result<()> {
    let mut stmt = c.prepare_cached(
        "INSERT INTO action_devices(action_seq, device_rid, status, updated_at) VALUES (?1, ?2, 'queued', ?3)",
    )?;
    for rid in rids {
        stmt.execute(params![seq, rid, now])?;
    }
    Ok(())
}

pub fn counts(c: &Connection, seq: i64) -> rusqlite::Result<ActionCounts> {
    let mut stmt = c.prepare_cached(
        "SELECT status, COUNT(*) FROM action_devices WHERE action_seq = ?1 GROUP BY status",
    )?;
    let mut counts = ActionCounts::default();
    let rows = stmt.query_map([seq], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
    })?;
    for row in rows {
        let (status, n) = row?;
        match status.as_str() {
            "queued" => counts.queued = n,
            "sent" => counts.sent = n,
            "acknowledged" => counts.acknowledged = n,
            "failed" => counts.failed = n,
            "pending" => counts.pending = n,
            "cancelled" => counts.cancelled = n,
            _ => {}
        }
    }
    Ok(counts)
}

pub const ACTION_COLUMNS: &str =
    "seq, id, kind, status, requested_by, target, target_digest, total, platforms, options,
    reason, ticket, approval_required, approved_by, approved_at, rejected_by, approval_expires_at,
    created_at, updated_at, finished_at";

pub fn from_row(c: &Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Action)> {
    let seq: i64 = r.get(0)?;
    let parse = |i: usize| -> rusqlite::Result<serde_json::Value> {
        let s: String = r.get(i)?;
        Ok(serde_json::from_str(&s).unwrap_or(serde_json::Value::Null))
    };
    let target: Target = serde_json::from_value(parse(5)?).unwrap_or_default();
    let platforms: BTreeMap<String, u64> = serde_json::from_value(parse(8)?).unwrap_or_default();
    let options: ActionOptions = serde_json::from_value(parse(9)?).unwrap_or_default();
    let opt_time = |i: usize| -> rusqlite::Result<Option<String>> {
        Ok(r.get::<_, Option<i64>>(i)?.map(unix_to_rfc3339))
    };
    Ok((
        seq,
        Action {
            id: r.get(1)?,
            action: r.get(2)?,
            status: r.get(3)?,
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
            finished_at: opt_time(19)?,
        },
    ))
}

pub fn load(c: &Connection, id: &str) -> ApiResult<(i64, Action)> {
    let sql = format!("SELECT {ACTION_COLUMNS} FROM actions WHERE id = ?1");
    c.query_row(&sql, [id], |r| from_row(c, r))
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("no action {id:?}")))
}

/// Marks pending approvals past their deadline as expired (lazily, on read and write).
pub fn expire_approvals(c: &Connection, appender: &mut Appender) -> rusqlite::Result<()> {
    let now = now_unix();
    let expired: Vec<(String, String)> = {
        let mut stmt = c.prepare_cached(
            "SELECT id, requested_by FROM actions WHERE status = 'pending_approval' AND approval_expires_at <= ?1",
        )?;
        stmt.query_map([now], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (id, by) in expired {
        c.execute(
            "UPDATE actions SET status = 'expired', updated_at = ?1, finished_at = ?1 WHERE id = ?2",
            params![now, id],
        )?;
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

/// Most per-device outcomes recorded in one simulator step.
const BATCH: usize = 20_000;

/// The simulator's part in actions: commands reach online devices, wait for offline
/// ones to check in, and come back acknowledged (with the effect applied) or failed.
pub fn process(c: &Connection, cfg: &ServerConfig) -> rusqlite::Result<()> {
    let now = now_unix();
    let mut appender = Appender::new(c)?;
    expire_approvals(c, &mut appender)?;
    let active: Vec<(i64, String, String, String)> = {
        let mut stmt = c.prepare_cached("SELECT seq, id, kind, status FROM actions
             WHERE status IN ('queued', 'running') OR (status = 'cancelled' AND finished_at IS NULL) ORDER BY seq")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut rng = rand::rng();
    let mut budget = BATCH;
    for (seq, id, kind, status) in active {
        if status != "cancelled" {
            c.execute(
                "UPDATE action_devices SET status = 'sent', updated_at = ?2
                 WHERE action_seq = ?1 AND status IN ('queued', 'pending')
                   AND device_rid IN (SELECT rid FROM devices WHERE status = 'online' AND offline_until <= ?2)",
                params![seq, now],
            )?;
            c.execute(
                "UPDATE action_devices SET status = 'pending', updated_at = ?2 WHERE action_seq = ?1 AND status = 'queued'",
                params![seq, now],
            )?;
        }
        let due: Vec<(i64, String)> = {
            let mut stmt = c.prepare_cached(
                "SELECT ad.device_rid, d.id FROM action_devices ad JOIN devices d ON d.rid = ad.device_rid
                 WHERE ad.action_seq = ?1 AND ad.status = 'sent' AND ad.updated_at < ?2 LIMIT ?3",
            )?;
            stmt.query_map(params![seq, now, budget as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        budget = budget.saturating_sub(due.len());
        let effect = match kind.as_str() {
            "wipe" => Some("UPDATE devices SET status = 'wiped', locked = 0 WHERE rid = ?1"),
            "retire" => Some("UPDATE devices SET status = 'retired' WHERE rid = ?1"),
            "lock" => Some("UPDATE devices SET locked = 1 WHERE rid = ?1"),
            "unlock" => Some("UPDATE devices SET locked = 0 WHERE rid = ?1"),
            _ => None,
        };
        for (rid, device_id) in due {
            let failed = rng.random::<f64>() < cfg.fail_rate;
            let error =
                failed.then(|| "the device reported an error executing the command".to_string());
            c.execute(
                "UPDATE action_devices SET status = ?3, error = ?4, updated_at = ?5 WHERE action_seq = ?1 AND device_rid = ?2",
                params![seq, rid, if failed { "failed" } else { "acknowledged" }, error, now],
            )?;
            if !failed && let Some(sql) = effect {
                c.execute(sql, [rid])?;
            }
            let ev = NewEvent {
                actor: format!("device:{device_id}"),
                role: "device".into(),
                action: "action.device_outcome".into(),
                outcome: if failed {
                    "failure".into()
                } else {
                    "success".into()
                },
                details: serde_json::json!({ "action_id": id, "kind": kind, "error": error }),
                ..NewEvent::default()
            }
            .target("device", vec![device_id]);
            appender.append(c, ev)?;
        }
        let k = counts(c, seq)?;
        let new_status = if status == "cancelled" {
            "cancelled"
        } else if k.queued + k.sent + k.pending == 0 {
            if k.failed > 0 {
                "completed_with_failures"
            } else {
                "completed"
            }
        } else {
            "running"
        };
        let finished = matches!(new_status, "completed" | "completed_with_failures")
            || (status == "cancelled" && k.sent == 0);
        c.execute(
            "UPDATE actions SET status = ?2, updated_at = ?3,
                    finished_at = CASE WHEN ?4 AND finished_at IS NULL THEN ?3 ELSE finished_at END
             WHERE seq = ?1",
            params![seq, new_status, now, finished],
        )?;
        if finished && status != "cancelled" {
            let ev = NewEvent {
                actor: "server".into(),
                role: "system".into(),
                action: format!("action.{}", new_status),
                outcome: if k.failed > 0 {
                    "partial".into()
                } else {
                    "success".into()
                },
                details: serde_json::json!({ "action_id": id, "kind": kind, "counts": k }),
                ..NewEvent::default()
            }
            .target("action", vec![id.clone()]);
            appender.append(c, ev)?;
        }
        if budget == 0 {
            break;
        }
    }
    Ok(())
}
