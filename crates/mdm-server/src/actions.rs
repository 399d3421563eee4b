//! Actions on devices (wipe, lock, unlock, retire): target resolution with a digest of
//! the exact device set, the safety requirements of each action, fan-out into
//! per-device commands, and the simulator step that plays the devices' answers.

use super::ServerConfig;
use super::audit::{Appender, NewEvent};
use super::authz::Perm;
use super::http::{ApiError, ApiResult};
use mdm_model::time::{now_unix, unix_to_rfc3339};
use mdm_model::types::{
    Action, ActionCounts, ActionOptions, ApprovalInfo, DeviceSummary, Requirements, Target,
    Unsupported,
};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Wipe,
    Lock,
    Unlock,
    Retire,
    PushApp,
    PushProfile,
    PushCommand,
}

/// Commands a push may send, and which of them destroy data.
pub const COMMANDS: &[&str] = &[
    "restart",
    "shutdown",
    "sync",
    "locate",
    "update-os",
    "clear-passcode",
];

impl Kind {
    pub fn parse(s: &str) -> ApiResult<Kind> {
        Ok(match s {
            "wipe" => Kind::Wipe,
            "lock" => Kind::Lock,
            "unlock" => Kind::Unlock,
            "retire" => Kind::Retire,
            "push_app" => Kind::PushApp,
            "push_profile" => Kind::PushProfile,
            "push_command" => Kind::PushCommand,
            other => {
                return Err(ApiError::bad_request(format!(
                    "unknown action {other:?} (actions: wipe, lock, unlock, retire, push_app, push_profile, push_command)"
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
            Kind::PushApp => "push_app",
            Kind::PushProfile => "push_profile",
            Kind::PushCommand => "push_command",
        }
    }

    pub fn is_push(self) -> bool {
        matches!(self, Kind::PushApp | Kind::PushProfile | Kind::PushCommand)
    }

    /// Destroys data or management: needs a step-up even for one device.
    pub fn destructive(self, o: &ActionOptions) -> bool {
        match self {
            Kind::Wipe | Kind::Retire => true,
            Kind::PushCommand => o.command.as_deref() == Some("clear-passcode"),
            _ => false,
        }
    }

    /// The permission this action needs for this target.
    pub fn perm(self, o: &ActionOptions, single: bool) -> Perm {
        if self.destructive(o) {
            return Perm::DevicesWipe;
        }
        match self {
            Kind::Lock | Kind::Unlock => Perm::DevicesLock,
            _ if single => Perm::PushSingle,
            _ => Perm::PushMany,
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
        let expr = mdm_model::filter::parse(f).map_err(|e| {
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
            let facts = mdm_model::filter::Facts {
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
            if mdm_model::filter::eval(&expr, &facts) {
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
pub fn requirements(
    kind: Kind,
    o: &ActionOptions,
    target: &Target,
    count: u64,
    cfg: &ServerConfig,
) -> Requirements {
    let single = target.is_single();
    let destructive = kind.destructive(o);
    let step_up = destructive || !single;
    let confirmation = if !single {
        Some("phrase".to_string())
    } else if destructive {
        Some("serial".to_string())
    } else {
        None
    };
    let threshold = if kind.is_push() && !destructive {
        cfg.push_approval_threshold
    } else {
        cfg.approval_threshold
    };
    Requirements {
        step_up,
        step_up_mode: if step_up {
            mdm_model::domain::StepUp::Cached
        } else {
            mdm_model::domain::StepUp::None
        },
        confirmation,
        phrase: None,
        approval: target.all || ((destructive || kind.is_push()) && count > threshold),
        reason: target.all,
        ticket: false,
    }
}

/// Which platforms support which option.
fn supports(option: &str, platform: &str) -> bool {
    match option {
        "message" => matches!(platform, "ios" | "macos" | "android"),
        "callback_number" => matches!(platform, "ios" | "android"),
        "keep_enrollment" => matches!(platform, "windows" | "android"),
        "keep_user_data" => platform == "windows",
        "locate" | "clear-passcode" => matches!(platform, "ios" | "android"),
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
    if o.app.is_some() || o.sha256.is_some() || o.uninstall {
        v.push("app");
    }
    if o.profile.is_some() || o.profile_name.is_some() || o.profile_digest.is_some() {
        v.push("profile");
    }
    if o.command.is_some() {
        v.push("command");
    }
    if !o.rollout.is_empty() || o.halt_above_failure.is_some() {
        v.push("rollout");
    }
    v
}

/// Options must belong to the action and be well-formed. For pushes this also resolves
/// the catalog app and checks the profile, filling in what the server vouches for.
pub fn prepare_options(c: &Connection, kind: Kind, o: &mut ActionOptions) -> ApiResult<()> {
    let allowed: &[&str] = match kind {
        Kind::Lock => &["message", "callback_number"],
        Kind::Wipe => &["keep_enrollment", "keep_user_data"],
        Kind::Unlock | Kind::Retire => &[],
        Kind::PushApp => &["app", "rollout"],
        Kind::PushProfile => &["profile", "rollout"],
        Kind::PushCommand => &["command", "rollout"],
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
    if !o.rollout.is_empty() {
        let ok = o.rollout.len() <= 10
            && o.rollout.windows(2).all(|w| w[0] < w[1])
            && o.rollout.iter().all(|p| (1..=100).contains(p))
            && o.rollout.last() == Some(&100);
        if !ok {
            return Err(ApiError::bad_request(
                "rollout is up to 10 increasing percentages from 1 to 100, ending with 100 (e.g. 5,25,100)",
            ));
        }
    }
    if let Some(h) = o.halt_above_failure {
        if o.rollout.is_empty() {
            return Err(ApiError::bad_request(
                "halt_above_failure needs a staged rollout",
            ));
        }
        if !(0.0..=100.0).contains(&h) || !h.is_finite() {
            return Err(ApiError::bad_request(
                "halt_above_failure is a percentage from 0 to 100",
            ));
        }
    }
    match kind {
        Kind::PushApp => {
            let r = o
                .app
                .clone()
                .ok_or_else(|| ApiError::bad_request("push_app needs options.app"))?;
            let app = super::handlers::apps::resolve(c, &r)?;
            if let Some(h) = &o.sha256
                && !h.eq_ignore_ascii_case(&app.sha256)
            {
                return Err(ApiError::conflict(
                    "app_hash_mismatch",
                    format!(
                        "the package hash {h} does not match the catalog's pinned hash for {} {} ({}); nothing was sent",
                        app.name, app.version, app.sha256
                    ),
                )
                .with_details(serde_json::json!({ "expected": app.sha256, "got": h })));
            }
            o.app = Some(app.id);
            o.sha256 = Some(app.sha256);
        }
        Kind::PushProfile => {
            use base64::Engine;
            let b64 = o
                .profile
                .as_deref()
                .ok_or_else(|| ApiError::bad_request("push_profile needs options.profile"))?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|_| ApiError::bad_request("options.profile is not base64"))?;
            let info = mdm_model::profile::validate(&bytes)
                .map_err(|e| ApiError::bad_request(format!("invalid profile: {e}")))?;
            o.profile_name = Some(info.name);
            o.profile_digest = Some(info.digest);
        }
        Kind::PushCommand => {
            let cmd = o
                .command
                .as_deref()
                .ok_or_else(|| ApiError::bad_request("push_command needs options.command"))?;
            if !COMMANDS.contains(&cmd) {
                return Err(ApiError::bad_request(format!(
                    "unknown command {cmd:?} (commands: {})",
                    COMMANDS.join(", ")
                )));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Devices in the set whose platform does not support what is asked.
pub fn unsupported(
    c: &Connection,
    kind: Kind,
    o: &ActionOptions,
    platforms: &BTreeMap<String, u64>,
) -> ApiResult<Vec<Unsupported>> {
    let mut out = Vec::new();
    let mut check = |label: &str, ok: &dyn Fn(&str) -> bool| {
        for (platform, count) in platforms {
            if !ok(platform) {
                out.push(Unsupported {
                    option: label.to_string(),
                    platform: platform.clone(),
                    count: *count,
                });
            }
        }
    };
    match kind {
        Kind::PushApp => {
            let app = super::handlers::apps::resolve(c, o.app.as_deref().unwrap_or(""))?;
            let label = format!("app {} (for {})", app.name, app.platform);
            check(&label, &|p: &str| p == app.platform);
        }
        Kind::PushProfile => {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(o.profile.as_deref().unwrap_or(""))
                .unwrap_or_default();
            if let Ok(info) = mdm_model::profile::validate(&bytes) {
                let label = format!("{} profile", info.format);
                check(&label, &|p: &str| info.platforms().contains(&p));
            }
        }
        Kind::PushCommand => {
            let cmd = o.command.clone().unwrap_or_default();
            check(&cmd, &|p: &str| supports(&cmd, p));
        }
        _ => {
            for opt in options_used(o) {
                check(opt, &|p: &str| supports(opt, p));
            }
        }
    }
    Ok(out)
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

/// One command per device; with a staged rollout, the first wave is queued and the
/// later ones are held until the wave before them succeeds.
pub fn fan_out(
    c: &Connection,
    seq: i64,
    rids: &[i64],
    rollout: &[u32],
    now: i64,
) -> rusqlite::Result<()> {
    let mut stmt = c.prepare_cached(
        "INSERT INTO action_devices(action_seq, device_rid, status, wave, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let n = rids.len();
    let bounds: Vec<usize> = if rollout.is_empty() {
        vec![n]
    } else {
        rollout
            .iter()
            .map(|p| (n * *p as usize).div_ceil(100).max(1).min(n))
            .collect()
    };
    for (i, rid) in rids.iter().enumerate() {
        let wave = bounds
            .iter()
            .position(|b| i < *b)
            .unwrap_or(bounds.len() - 1)
            + 1;
        let status = if wave == 1 { "queued" } else { "held" };
        stmt.execute(params![seq, rid, status, wave as i64, now])?;
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
        add_count(&mut counts, &status, n);
    }
    Ok(counts)
}

pub const ACTION_COLUMNS: &str =
    "seq, id, kind, status, requested_by, target, target_digest, total, platforms, options,
    reason, ticket, approval_required, approved_by, approved_at, rejected_by, approval_expires_at,
    created_at, updated_at, finished_at, halt_reason, current_wave";

fn add_count(k: &mut ActionCounts, status: &str, n: u64) {
    match status {
        "queued" => k.queued = n,
        "sent" => k.sent = n,
        "acknowledged" => k.acknowledged = n,
        "failed" => k.failed = n,
        "pending" => k.pending = n,
        "cancelled" => k.cancelled = n,
        "held" => k.held = n,
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
) -> rusqlite::Result<Vec<mdm_model::types::Wave>> {
    if o.rollout.is_empty() {
        return Ok(Vec::new());
    }
    let mut per: BTreeMap<i64, ActionCounts> = BTreeMap::new();
    let mut stmt = c.prepare_cached(
        "SELECT wave, status, COUNT(*) FROM action_devices WHERE action_seq = ?1 GROUP BY wave, status",
    )?;
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
                + counts.held;
            let st = if status == "halted" && idx == current {
                "halted"
            } else if counts.held == total && total > 0 {
                "held"
            } else if counts.queued + counts.sent + counts.pending > 0 {
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
    let waves_v = waves(c, seq, &options, &r.get::<_, String>(3)?, r.get(21)?)?;
    Ok((
        seq,
        Action {
            requires: None,
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
            waves: waves_v,
            halt_reason: r.get(20)?,
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

/// Whether the simulated device fails this kind of command: a fixed share of devices,
/// chosen by a hash of the device id, so the same broken devices fail every time.
fn device_fails(device_id: &str, kind: &str, rate: f64) -> bool {
    if rate <= 0.0 {
        return false;
    }
    let h = Sha256::digest(format!("{device_id}/{kind}").as_bytes());
    let x = u64::from_be_bytes(h[..8].try_into().expect("8 bytes")) as f64 / u64::MAX as f64;
    x < rate
}

fn apply_effect(
    c: &Connection,
    kind: &str,
    o: &ActionOptions,
    rid: i64,
    now: i64,
) -> rusqlite::Result<()> {
    match kind {
        "wipe" => c.execute("UPDATE devices SET status = 'wiped', locked = 0 WHERE rid = ?1", [rid]).map(|_| ()),
        "retire" => c.execute("UPDATE devices SET status = 'retired' WHERE rid = ?1", [rid]).map(|_| ()),
        "lock" => c.execute("UPDATE devices SET locked = 1 WHERE rid = ?1", [rid]).map(|_| ()),
        "unlock" => c.execute("UPDATE devices SET locked = 0 WHERE rid = ?1", [rid]).map(|_| ()),
        "push_app" if o.uninstall => c
            .execute("DELETE FROM device_apps WHERE device_rid = ?1 AND app_id = ?2", params![rid, o.app])
            .map(|_| ()),
        "push_app" => c
            .execute(
                "INSERT OR REPLACE INTO device_apps(device_rid, app_id, installed_at) VALUES (?1, ?2, ?3)",
                params![rid, o.app, now],
            )
            .map(|_| ()),
        "push_profile" => c
            .execute(
                "INSERT OR REPLACE INTO device_profiles(device_rid, name, digest, installed_at) VALUES (?1, ?2, ?3, ?4)",
                params![rid, o.profile_name, o.profile_digest, now],
            )
            .map(|_| ()),
        _ => Ok(()),
    }
}

/// The simulator's part in actions: commands reach online devices, wait for offline
/// ones to check in, and come back acknowledged (with the effect applied) or failed.
/// Staged rollouts release the next wave only while failures stay under the limit.
pub fn process(c: &Connection, cfg: &ServerConfig) -> rusqlite::Result<()> {
    let now = now_unix();
    let mut appender = Appender::new(c)?;
    expire_approvals(c, &mut appender)?;
    type Row = (i64, String, String, String, String, i64, bool);
    let active: Vec<Row> = {
        let mut stmt = c.prepare_cached(
            "SELECT seq, id, kind, status, options, current_wave, breakglass FROM actions
             WHERE status IN ('queued', 'running') OR (status IN ('cancelled', 'halted') AND finished_at IS NULL) ORDER BY seq",
        )?;
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    let frozen = super::freeze::current(c)?.is_some();
    let mut budget = BATCH;
    for (seq, id, kind, status, options, mut wave, breakglass) in active {
        let options: ActionOptions = serde_json::from_str(&options).unwrap_or_default();
        let live = status == "queued" || status == "running";
        // A freeze holds what has not reached a device yet; commands already sent finish.
        let held = frozen && !breakglass && super::freeze::stops_kind(&kind);
        if live && !held {
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
        for (rid, device_id) in due {
            let failed = device_fails(&device_id, &kind, cfg.fail_rate);
            let error =
                failed.then(|| "the device reported an error executing the command".to_string());
            c.execute(
                "UPDATE action_devices SET status = ?3, error = ?4, updated_at = ?5 WHERE action_seq = ?1 AND device_rid = ?2",
                params![seq, rid, if failed { "failed" } else { "acknowledged" }, error, now],
            )?;
            if !failed {
                apply_effect(c, &kind, &options, rid, now)?;
            }
            let mut details = serde_json::json!({ "action_id": id, "kind": kind, "error": error });
            if let Some(h) = &options.sha256 {
                details["sha256"] = serde_json::json!(h);
            }
            if let Some(d) = &options.profile_digest {
                details["profile_digest"] = serde_json::json!(d);
            }
            let ev = NewEvent {
                actor: format!("device:{device_id}"),
                role: "device".into(),
                breakglass,
                action: "action.device_outcome".into(),
                outcome: if failed {
                    "failure".into()
                } else {
                    "success".into()
                },
                details,
                ..NewEvent::default()
            }
            .target("device", vec![device_id]);
            appender.append(c, ev)?;
        }
        let mut new_status = status.clone();
        let mut halt_reason: Option<String> = None;
        // Staged rollout: when every device of the current wave has answered (offline
        // ones included: a wave waits for its acknowledgements), judge it.
        if live && !held && !options.rollout.is_empty() {
            let (in_flight, acked, failed, held): (i64, i64, i64, i64) = c.query_row(
                "SELECT COALESCE(SUM(status IN ('queued', 'sent', 'pending')), 0), COALESCE(SUM(status = 'acknowledged'), 0),
                        COALESCE(SUM(status = 'failed'), 0),
                        (SELECT COUNT(*) FROM action_devices WHERE action_seq = ?1 AND status = 'held')
                 FROM action_devices WHERE action_seq = ?1 AND wave = ?2",
                params![seq, wave],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            if in_flight == 0 && held > 0 {
                let rate = if acked + failed > 0 {
                    100.0 * failed as f64 / (acked + failed) as f64
                } else {
                    0.0
                };
                let limit = options.halt_above_failure.unwrap_or(100.0);
                if rate > limit {
                    halt_reason = Some(format!(
                        "wave {wave} failed on {failed} of {} devices ({rate:.1}% > {limit}%)",
                        acked + failed
                    ));
                    new_status = "halted".into();
                    c.execute(
                        "UPDATE actions SET halt_reason = ?2 WHERE seq = ?1",
                        params![seq, halt_reason],
                    )?;
                } else {
                    wave += 1;
                    c.execute(
                        "UPDATE action_devices SET status = 'queued', updated_at = ?3 WHERE action_seq = ?1 AND wave = ?2 AND status = 'held'",
                        params![seq, wave, now],
                    )?;
                    c.execute(
                        "UPDATE actions SET current_wave = ?2 WHERE seq = ?1",
                        params![seq, wave],
                    )?;
                    let ev = NewEvent {
                        actor: "server".into(),
                        role: "system".into(),
                        action: "action.wave_started".into(),
                breakglass,
                        outcome: "success".into(),
                        details: serde_json::json!({ "action_id": id, "wave": wave, "previous_failure_percent": rate }),
                        ..NewEvent::default()
                    }
                    .target("action", vec![id.clone()]);
                    appender.append(c, ev)?;
                }
            }
        }
        let k = counts(c, seq)?;
        if live && new_status != "halted" {
            new_status = if k.queued + k.sent + k.pending + k.held == 0 {
                if k.failed > 0 {
                    "completed_with_failures".into()
                } else {
                    "completed".into()
                }
            } else {
                "running".into()
            };
        }
        let stopped = matches!(new_status.as_str(), "cancelled" | "halted");
        let finished = matches!(new_status.as_str(), "completed" | "completed_with_failures")
            || (stopped && k.sent == 0);
        c.execute(
            "UPDATE actions SET status = ?2, updated_at = ?3,
                    finished_at = CASE WHEN ?4 AND finished_at IS NULL THEN ?3 ELSE finished_at END
             WHERE seq = ?1",
            params![seq, new_status, now, finished],
        )?;
        if let Some(reason) = &halt_reason {
            let ev = NewEvent {
                actor: "server".into(),
                role: "system".into(),
                action: "action.halted".into(),
                breakglass,
                outcome: "halted".into(),
                details: serde_json::json!({ "action_id": id, "kind": kind, "reason": reason, "counts": k }),
                ..NewEvent::default()
            }
            .target("action", vec![id.clone()]);
            appender.append(c, ev)?;
        }
        if finished && !stopped {
            let ev = NewEvent {
                actor: "server".into(),
                role: "system".into(),
                action: format!("action.{new_status}"),
                breakglass,
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
