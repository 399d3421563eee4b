//! The gateway's step for live actions: hand queued commands to the backend in batches,
//! poll the outcomes of commands in flight, judge staged-rollout waves, and close
//! finished actions. It knows nothing of how the backend reaches devices.
//!
//! The backend is never called inside a write transaction (a vendor request takes
//! seconds; every API request that writes, and every audit event, would wait for it).
//! Per batch of `limits().max_batch` devices:
//! 1. a short write transaction claims the batch: its rows become `sending` (with
//!    `claimed_at`), and commit; what is about to be sent is recorded per device
//!    before the request;
//! 2. `submit` runs with no transaction open;
//! 3. a short write transaction records the answers (`sent`, `pending`, `failed`)
//!    with their audit events.
//!
//! Polling works the same way: read what is in flight, ask `outcomes` with no
//! transaction open, record the answers. A row still `sending` when a step starts was
//! claimed by a gateway that stopped before recording the answer (one step runs at a
//! time: `Db::dispatch_lock`). It is never submitted again: it becomes `sent` with
//! `recovered` set, and `outcomes` says what became of it (`InFlight::recovered`).
//!
//! `sending` is internal: the API shows it as `sent` (the request is on its way).

use super::kind::Kind;
use super::store::{self, counts, expire_approvals};
use crate::audit::{Appender, NewEvent};
use crate::backend::{
    Backend, BackendError, Command, DeviceRef, InFlight, Outcome, Submission, VendorApprovalState,
};
use crate::db::Db;
use crate::sql::{Connection, OptionalExtension, params};
use mdm_model::domain::ActionStatus;
use mdm_model::types::ActionOptions;
use std::collections::BTreeMap;

/// Most per-device outcomes recorded in one step.
const BATCH: usize = 20_000;

/// Device outcomes recorded per background transaction: a request's write waiting
/// meanwhile goes before the next one (a few statements each, on PostgreSQL a few
/// milliseconds under the write lock).
const OUTCOMES_PER_WRITE: usize = 100;

const SQL_LIVE_ACTIONS: &str =
    "SELECT seq, id, kind, status, options, current_wave, breakglass FROM actions
     WHERE status IN ('queued', 'running')
        OR (status IN ('cancelled', 'halted') AND finished_at IS NULL)
     ORDER BY seq";

const SQL_LIVE_ACTION: &str =
    "SELECT seq, id, kind, status, options, current_wave, breakglass FROM actions
     WHERE seq = ?1 AND (status IN ('queued', 'running')
        OR (status IN ('cancelled', 'halted') AND finished_at IS NULL))";

/// Claims left by a step that never recorded its answers: delivery unknown, never resent.
const SQL_RECOVER: &str = "UPDATE action_devices
     SET status = 'sent', recovered = 1, updated_at = COALESCE(claimed_at, updated_at)
     WHERE status = 'sending' AND COALESCE(claimed_at, updated_at) <= ?1";

const SQL_UNRECORDED_CLAIMS: &str = "SELECT a.id, a.kind, a.breakglass, COUNT(*)
     FROM action_devices ad JOIN actions a ON a.seq = ad.action_seq
     WHERE ad.status = 'sending' AND COALESCE(ad.claimed_at, ad.updated_at) <= ?1
     GROUP BY a.seq ORDER BY a.seq";

const SQL_ACTION_STATUS: &str = "SELECT status FROM actions WHERE seq = ?1";

/// The next devices to hand to the backend, after the last one of this step. Through the
/// partial index of the devices still to claim, named: without statistics the planner
/// would walk the primary key, past every device already sent, at every step.
const SQL_CLAIMABLE: &str = "SELECT ad.device_rid, d.id, ad.status, ad.updated_at
     FROM action_devices ad INDEXED BY action_devices_todo
     JOIN devices d ON d.rid = ad.device_rid
     WHERE ad.action_seq = ?1 AND ad.status IN ('queued', 'pending') AND ad.device_rid > ?2
     ORDER BY ad.device_rid LIMIT ?3";

/// For `Connection::execute_for_ids`: one statement per chunk of claimed devices.
///
/// In these statements by device, `status || ''` keeps the status out of the index
/// choice: PostgreSQL's statistics of a fan-out's statuses are those of its approval
/// (all queued), so it took the few `sent` rows it expected from the (action, status)
/// index and walked tens of thousands (0.44 s per 250 devices under the write lock);
/// the primary key finds the 250 rows whatever their status.
const SQL_CLAIM: &str =
    "UPDATE action_devices SET status = 'sending', claimed_at = ?2, updated_at = ?2
     WHERE action_seq = ?1 AND device_rid IN ({ids}) AND status || '' IN ('queued', 'pending')";

/// A claimed device back to where it was (deferred, or the backend took nothing).
const SQL_UNCLAIM: &str = "UPDATE action_devices SET status = ?3, updated_at = ?4
     WHERE action_seq = ?1 AND device_rid = ?2 AND status = 'sending'";

const SQL_MARK_SENT: &str =
    "UPDATE action_devices SET status = 'sent', error = NULL, updated_at = ?2, recovered = ?3
     WHERE action_seq = ?1 AND device_rid IN ({ids}) AND status || '' = 'sending'";

/// Whether any device of an action is still on its way (what keeps it `running`).
const SQL_ANY_UNFINISHED: &str = "SELECT 1 FROM action_devices INDEXED BY action_devices_seq_status
     WHERE action_seq = ?1
       AND status IN ('queued', 'sending', 'sent', 'pending', 'held', 'vendor_approval')
     LIMIT 1";

/// Commands sent before this step (one just sent cannot have an answer yet).
const SQL_IN_FLIGHT: &str = "SELECT ad.device_rid, d.id, ad.updated_at, ad.recovered
     FROM action_devices ad INDEXED BY action_devices_seq_status
     JOIN devices d ON d.rid = ad.device_rid
     WHERE ad.action_seq = ?1 AND ad.status = 'sent' AND ad.updated_at < ?2 LIMIT ?3";

/// The devices that had a command in flight come back: each gets one audit event.
const SQL_SET_OUTCOME: &str = "UPDATE action_devices SET status = ?2, error = ?3, updated_at = ?4
     WHERE action_seq = ?1 AND device_rid IN ({ids})
       AND status || '' IN ('sending', 'sent', 'vendor_approval')
     RETURNING device_rid";

/// A claimed device the vendor holds for its own approval, with the vendor's code.
const SQL_MARK_VENDOR_APPROVAL: &str = "UPDATE action_devices
     SET status = 'vendor_approval', vendor_approval_code = ?3, vendor = ?4, updated_at = ?5
     WHERE action_seq = ?1 AND device_rid = ?2 AND status = 'sending'";

/// How often the vendor is asked about one approval code (a person decides it, in
/// minutes or hours; a fleet-wide wipe may wait on a hundred codes at once).
pub const VENDOR_APPROVAL_POLL_SECS: i64 = 5;

/// Devices waiting on the vendor's approval whose code is due to be asked about again,
/// per code in the order first submitted.
const SQL_VENDOR_WAITING: &str =
    "SELECT ad.device_rid, d.id, ad.vendor_approval_code, ad.updated_at
     FROM action_devices ad INDEXED BY action_devices_seq_status
     JOIN devices d ON d.rid = ad.device_rid
     WHERE ad.action_seq = ?1 AND ad.status = 'vendor_approval'
       AND COALESCE(ad.vendor_checked_at, 0) <= ?2
     ORDER BY ad.vendor_approval_code, ad.device_rid";

/// The vendor was asked about a code and still waits.
const SQL_VENDOR_CHECKED: &str = "UPDATE action_devices SET vendor_checked_at = ?3
     WHERE action_seq = ?1 AND vendor_approval_code = ?2 AND status = 'vendor_approval'";

/// Claims a device the vendor approved, for the one resend with the code.
const SQL_CLAIM_APPROVED: &str =
    "UPDATE action_devices SET status = 'sending', claimed_at = ?4, updated_at = ?4
     WHERE action_seq = ?1 AND device_rid = ?2 AND status = 'vendor_approval'
       AND vendor_approval_code = ?3";

const SQL_WAVE_TALLY: &str = "SELECT COALESCE(SUM(CASE WHEN status IN ('queued', 'sending', 'sent') THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN status IN ('pending', 'vendor_approval') THEN 1 ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN status = 'acknowledged' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0),
            (SELECT COUNT(*) FROM action_devices WHERE action_seq = ?1 AND status = 'held')
     FROM action_devices WHERE action_seq = ?1 AND wave = ?2";

/// When the current wave was first seen running; set once per wave.
const SQL_WAVE_STARTED: &str =
    "UPDATE actions SET wave_started_at = COALESCE(wave_started_at, ?2) WHERE seq = ?1
     RETURNING wave_started_at";

const SQL_SET_HALT_REASON: &str = "UPDATE actions SET halt_reason = ?2 WHERE seq = ?1";

const SQL_RELEASE_WAVE: &str = "UPDATE action_devices SET status = 'queued', updated_at = ?3
     WHERE action_seq = ?1 AND wave = ?2 AND status = 'held'";

const SQL_SET_WAVE: &str =
    "UPDATE actions SET current_wave = ?2, wave_started_at = ?3 WHERE seq = ?1";

const SQL_SET_ACTION_STATUS: &str = "UPDATE actions SET status = ?2, updated_at = ?3,
            finished_at = CASE WHEN ?4 AND finished_at IS NULL THEN ?3 ELSE finished_at END
     WHERE seq = ?1";

const SQL_CANCEL_UNSENT: &str = "UPDATE action_devices SET status = 'cancelled', updated_at = ?2
     WHERE action_seq = ?1 AND status IN ('queued', 'pending', 'held', 'vendor_approval')";

/// One live action as stored.
struct Live {
    seq: i64,
    id: String,
    kind: String,
    status: ActionStatus,
    options: String,
    wave: i64,
    breakglass: bool,
}

fn live_row(r: &crate::sql::Row<'_>) -> crate::sql::Result<Live> {
    Ok(Live {
        seq: r.get(0)?,
        id: r.get(1)?,
        kind: r.get(2)?,
        status: crate::db::name_col(r, 3)?,
        options: r.get(4)?,
        wave: r.get(5)?,
        breakglass: r.get(6)?,
    })
}

fn live_actions(c: &Connection) -> crate::sql::Result<Vec<Live>> {
    let mut stmt = c.prepare_cached(SQL_LIVE_ACTIONS)?;
    stmt.query_map([], live_row)?.collect()
}

fn system_event(a: &Live, action: &str, outcome: &str, details: serde_json::Value) -> NewEvent {
    NewEvent {
        actor: "server".into(),
        role: "system".into(),
        action: action.into(),
        breakglass: a.breakglass,
        outcome: outcome.into(),
        details,
        ..NewEvent::default()
    }
    .target("action", vec![a.id.clone()])
}

/// Records devices' final answers (`None`: acknowledged, else the error), with one
/// audit event each, none for a device with no command in flight any more (an answer
/// is recorded once). A few statements for the lot, not three per device.
fn record_outcomes(
    c: &Connection,
    appender: &mut Appender,
    a: &Live,
    o: &ActionOptions,
    answers: &[(&DeviceRef, Option<String>)],
    now: i64,
) -> crate::sql::Result<()> {
    // One statement per distinct answer (acknowledged, or one error text).
    let mut by_answer: Vec<(Option<&str>, Vec<i64>)> = Vec::new();
    for (dev, error) in answers {
        let error = error.as_deref();
        match by_answer.iter_mut().find(|(e, _)| *e == error) {
            Some((_, rids)) => rids.push(dev.rid),
            None => by_answer.push((error, vec![dev.rid])),
        }
    }
    let mut changed = std::collections::HashSet::new();
    for (error, rids) in &by_answer {
        let status = if error.is_some() {
            "failed"
        } else {
            "acknowledged"
        };
        let fixed = params![a.seq, status, error, now];
        changed.extend(c.query_for_ids(SQL_SET_OUTCOME, fixed, rids, |r| r.get::<_, i64>(0))?);
    }
    let events = answers
        .iter()
        .filter(|(dev, _)| changed.remove(&dev.rid))
        .map(|(dev, error)| outcome_event(a, o, dev, error.clone()))
        .collect();
    appender.append_all(c, events)
}

/// The audit event of one device's final answer.
fn outcome_event(a: &Live, o: &ActionOptions, dev: &DeviceRef, error: Option<String>) -> NewEvent {
    let failed = error.is_some();
    let mut details = serde_json::json!({ "action_id": a.id, "kind": a.kind, "error": error });
    if let Some(h) = &o.sha256 {
        details["sha256"] = serde_json::json!(h);
    }
    if let Some(d) = &o.profile_digest {
        details["profile_digest"] = serde_json::json!(d);
    }
    NewEvent {
        actor: format!("device:{}", dev.id),
        role: "device".into(),
        breakglass: a.breakglass,
        action: "action.device_outcome".into(),
        outcome: if failed { "failure" } else { "success" }.into(),
        details,
        ..NewEvent::default()
    }
    .target("device", vec![dev.id.clone()])
}

/// A device claimed for `submit`, with where it was before the claim.
struct Claimed {
    dev: DeviceRef,
    was: String,
    was_updated_at: i64,
}

/// Whether the action may still hand commands to devices: queued or running, and not
/// held by a freeze (re-read in each claim: a cancel, a halt or a freeze may have
/// come between two batches).
fn may_send(c: &Connection, a: &Live) -> crate::sql::Result<bool> {
    let status: Option<String> = c
        .query_row(SQL_ACTION_STATUS, [a.seq], |r| r.get(0))
        .optional()?;
    if !matches!(status.as_deref(), Some("queued" | "running")) {
        return Ok(false);
    }
    let held =
        !a.breakglass && crate::freeze::stops_kind(&a.kind) && crate::freeze::current(c)?.is_some();
    Ok(!held)
}

/// Step 1 of a batch: claims up to `max` devices after `after`, committed before the
/// backend is called.
fn claim(
    c: &Connection,
    a: &Live,
    after: i64,
    max: usize,
    now: i64,
) -> crate::sql::Result<Vec<Claimed>> {
    if !may_send(c, a)? {
        return Ok(Vec::new());
    }
    let rows: Vec<Claimed> = {
        let mut stmt = c.prepare_cached(SQL_CLAIMABLE)?;
        stmt.query_map(params![a.seq, after, max as i64], |r| {
            Ok(Claimed {
                dev: DeviceRef {
                    rid: r.get(0)?,
                    id: r.get(1)?,
                },
                was: r.get(2)?,
                was_updated_at: r.get(3)?,
            })
        })?
        .collect::<crate::sql::Result<_>>()?
    };
    let rids: Vec<i64> = rows.iter().map(|r| r.dev.rid).collect();
    c.execute_for_ids(SQL_CLAIM, params![a.seq, now], &rids)?;
    Ok(rows)
}

/// A claimed device the backend did not take: back to `pending` (only the move from
/// queued is news, so a pending device keeps its time), or `cancelled` if the action
/// was cancelled or halted meanwhile.
fn unclaim(
    c: &Connection,
    a: &Live,
    row: &Claimed,
    to: &str,
    live: bool,
    now: i64,
) -> crate::sql::Result<()> {
    let (status, at) = if !live {
        ("cancelled", now)
    } else if row.was == to {
        (to, row.was_updated_at)
    } else {
        (to, now)
    };
    c.execute(SQL_UNCLAIM, params![a.seq, row.dev.rid, status, at])?;
    Ok(())
}

/// Step 3 of a batch: records the backend's answers.
#[allow(clippy::too_many_arguments)]
fn record_submissions(
    c: &Connection,
    backend: &dyn Backend,
    a: &Live,
    o: &ActionOptions,
    batch: &[Claimed],
    answers: Vec<Submission>,
    held_code: Option<&str>,
    now: i64,
) -> crate::sql::Result<()> {
    let mut appender = Appender::new(c)?;
    let live = may_send(c, a)?;
    let mut answers = answers.into_iter();
    // Newly held by the vendor's approval, per code: audited once per code.
    let mut held: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Recorded together after the loop, a few statements for the batch.
    let (mut sent, mut unanswered, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for row in batch {
        match answers.next() {
            Some(Submission::ApprovalRequired { code }) if live => {
                c.execute(
                    SQL_MARK_VENDOR_APPROVAL,
                    params![a.seq, row.dev.rid, code, backend.name(), now],
                )?;
                // A new approval request is news; the same one again (a resend the
                // vendor deferred) is not.
                if held_code != Some(code.as_str()) {
                    held.entry(code).or_default().push(row.dev.id.clone());
                }
            }
            // Cancelled meanwhile: nothing was carried out, and nothing is resent.
            Some(Submission::ApprovalRequired { .. }) => unclaim(c, a, row, "pending", live, now)?,
            Some(Submission::Accepted) => sent.push(row.dev.rid),
            Some(Submission::Deferred) => unclaim(c, a, row, "pending", live, now)?,
            Some(Submission::NotFound) => {
                let e = format!("the {} backend does not know this device", backend.name());
                failed.push((&row.dev, Some(e)));
            }
            Some(Submission::Failed(e)) => failed.push((&row.dev, Some(e))),
            // No answer for this device: it may have been sent, so it is never sent
            // again; `outcomes` is asked about it as about a recovered claim.
            None => unanswered.push(row.dev.rid),
        }
    }
    c.execute_for_ids(SQL_MARK_SENT, params![a.seq, now, false], &sent)?;
    c.execute_for_ids(SQL_MARK_SENT, params![a.seq, now, true], &unanswered)?;
    record_outcomes(c, &mut appender, a, o, &failed, now)?;
    for (code, devices) in held {
        let details = serde_json::json!({
            "action_id": a.id,
            "kind": a.kind,
            "vendor": backend.name(),
            "approval_code": code,
            "devices": devices.len(),
            "device_ids": devices,
            "note": "the vendor holds the request for its own approval (a second vendor admin \
                     approves it at the vendor); mdm sends it again, once, with the code \
                     when the vendor reports it approved",
        });
        appender.append(
            c,
            system_event(a, "action.vendor_approval_pending", "pending", details),
        )?;
    }
    Ok(())
}

/// Devices held by the vendor's approval: asks the backend where each approval code
/// stands; an approved one is sent again, once, identical and with the code (claim,
/// `submit_approved` with no transaction open, record), a refused one fails its devices.
/// Nothing here approves anything: the vendor's second admin does, at the vendor.
fn follow_vendor_approvals(
    db: &Db,
    backend: &dyn Backend,
    a: &Live,
    cmd: Command<'_>,
    now: i64,
) -> Result<usize, BackendError> {
    let waiting: Vec<(String, Claimed)> = db.read(|c| {
        let mut stmt = c.prepare_cached(SQL_VENDOR_WAITING)?;
        stmt.query_map(params![a.seq, now - VENDOR_APPROVAL_POLL_SECS], |r| {
            Ok((
                r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                Claimed {
                    dev: DeviceRef {
                        rid: r.get(0)?,
                        id: r.get(1)?,
                    },
                    was: "vendor_approval".into(),
                    was_updated_at: r.get(3)?,
                },
            ))
        })?
        .collect::<crate::sql::Result<_>>()
    })?;
    let mut by_code: BTreeMap<String, Vec<Claimed>> = BTreeMap::new();
    for (code, row) in waiting {
        by_code.entry(code).or_default().push(row);
    }
    let mut answered = 0;
    for (code, rows) in by_code {
        match backend.vendor_approval(db, &code)? {
            VendorApprovalState::Waiting => {
                db.write_bg(|tx| tx.execute(SQL_VENDOR_CHECKED, params![a.seq, code, now]))?;
            }
            VendorApprovalState::Refused(why) => {
                answered += rows.len();
                db.write_bg(|tx| -> crate::sql::Result<()> {
                    let mut appender = Appender::new(tx)?;
                    let details = serde_json::json!({
                        "action_id": a.id, "kind": a.kind, "vendor": backend.name(),
                        "approval_code": code, "devices": rows.len(), "reason": why,
                    });
                    appender.append(
                        tx,
                        system_event(a, "action.vendor_approval_refused", "failure", details),
                    )?;
                    let answers: Vec<_> = rows
                        .iter()
                        .map(|row| (&row.dev, Some(why.clone())))
                        .collect();
                    record_outcomes(tx, &mut appender, a, cmd.options, &answers, now)
                })?;
            }
            VendorApprovalState::Approved => {
                let claimed = db.write_bg(|tx| -> crate::sql::Result<Vec<&Claimed>> {
                    if !may_send(tx, a)? {
                        return Ok(Vec::new());
                    }
                    let mut claimed = Vec::new();
                    let mut stmt = tx.prepare_cached(SQL_CLAIM_APPROVED)?;
                    for row in &rows {
                        if stmt.execute(params![a.seq, row.dev.rid, code, now])? == 1 {
                            claimed.push(row);
                        }
                    }
                    drop(stmt);
                    if !claimed.is_empty() {
                        let details = serde_json::json!({
                            "action_id": a.id, "kind": a.kind, "vendor": backend.name(),
                            "approval_code": code, "devices": claimed.len(),
                            "note": "approved at the vendor; sent again once, with the code",
                        });
                        Appender::new(tx)?.append(
                            tx,
                            system_event(a, "action.vendor_approval_approved", "success", details),
                        )?;
                    }
                    Ok(claimed)
                })?;
                if claimed.is_empty() {
                    continue;
                }
                let batch: Vec<Claimed> = claimed
                    .into_iter()
                    .map(|r| Claimed {
                        dev: r.dev.clone(),
                        was: r.was.clone(),
                        was_updated_at: r.was_updated_at,
                    })
                    .collect();
                let devices: Vec<DeviceRef> = batch.iter().map(|r| r.dev.clone()).collect();
                match backend.submit_approved(db, cmd, &devices, &code, now) {
                    Ok(answers) => {
                        // Not taken now (throttled): still approved, sent again with the
                        // code later, never without it.
                        let answers = answers
                            .into_iter()
                            .map(|s| match s {
                                Submission::Deferred => {
                                    Submission::ApprovalRequired { code: code.clone() }
                                }
                                other => other,
                            })
                            .collect();
                        db.write_bg(|tx| {
                            record_submissions(
                                tx,
                                backend,
                                a,
                                cmd.options,
                                &batch,
                                answers,
                                Some(&code),
                                now,
                            )
                        })?;
                    }
                    Err(e) => {
                        db.write_bg(|tx| -> crate::sql::Result<()> {
                            let live = may_send(tx, a)?;
                            for row in &batch {
                                unclaim(tx, a, row, "vendor_approval", live, now)?;
                            }
                            Ok(())
                        })?;
                        return Err(e);
                    }
                }
            }
        }
    }
    Ok(answered)
}

/// Hands queued and pending commands to the backend, `max_batch` devices per call:
/// claim (committed), submit (no transaction open), record.
fn deliver(
    db: &Db,
    backend: &dyn Backend,
    a: &Live,
    cmd: Command<'_>,
    now: i64,
) -> Result<(), BackendError> {
    let max = backend.limits().max_batch.max(1);
    let mut after = 0_i64;
    loop {
        let batch = db.write_bg(|tx| claim(tx, a, after, max, now))?;
        let Some(last) = batch.last() else {
            return Ok(());
        };
        after = last.dev.rid;
        let devices: Vec<DeviceRef> = batch.iter().map(|r| r.dev.clone()).collect();
        match backend.submit(db, cmd, &devices, now) {
            Ok(answers) => {
                db.write_bg(|tx| {
                    record_submissions(tx, backend, a, cmd.options, &batch, answers, None, now)
                })?;
            }
            Err(e) => {
                // The backend took none of the batch: the devices go back to the queue.
                db.write_bg(|tx| -> crate::sql::Result<()> {
                    let live = may_send(tx, a)?;
                    for row in &batch {
                        let was = row.was.clone();
                        unclaim(tx, a, row, &was, live, now)?;
                    }
                    Ok(())
                })?;
                return Err(e);
            }
        }
        if batch.len() < max {
            return Ok(());
        }
    }
}

/// Polls the backend for commands in flight (read, ask with no transaction open,
/// record); returns how many answered.
fn poll(
    db: &Db,
    backend: &dyn Backend,
    a: &Live,
    cmd: Command<'_>,
    budget: usize,
    now: i64,
) -> Result<usize, BackendError> {
    let in_flight: Vec<InFlight> = db.read(|c| {
        let mut stmt = c.prepare_cached(SQL_IN_FLIGHT)?;
        stmt.query_map(params![a.seq, now, budget as i64], |r| {
            Ok(InFlight {
                device: DeviceRef {
                    rid: r.get(0)?,
                    id: r.get(1)?,
                },
                sent_at: r.get(2)?,
                recovered: r.get(3)?,
            })
        })?
        .collect::<crate::sql::Result<_>>()
    })?;
    let mut answered = 0;
    for chunk in in_flight.chunks(backend.limits().max_batch.max(1)) {
        let outcomes = backend.outcomes(db, cmd, chunk, now)?;
        let answers: Vec<(&DeviceRef, Option<String>)> = chunk
            .iter()
            .zip(outcomes)
            .filter_map(|(f, outcome)| match outcome {
                Outcome::Waiting => None,
                Outcome::Acknowledged => Some((&f.device, None)),
                Outcome::Failed(e) => Some((&f.device, Some(e))),
            })
            .collect();
        // Each outcome is an audit event: a request's write waiting goes between two
        // slices.
        for slice in answers.chunks(OUTCOMES_PER_WRITE) {
            db.write_bg(|tx| {
                record_outcomes(tx, &mut Appender::new(tx)?, a, cmd.options, slice, now)
            })?;
            answered += slice.len();
        }
    }
    Ok(answered)
}

/// Stops an action that cannot run (unreadable options, a backend that cannot send):
/// nothing more is sent, and the reason is on the action and in the audit trail.
fn halt(
    c: &Connection,
    appender: &mut Appender,
    a: &Live,
    reason: &str,
    now: i64,
) -> crate::sql::Result<()> {
    c.execute(SQL_CANCEL_UNSENT, params![a.seq, now])?;
    c.execute(SQL_SET_HALT_REASON, params![a.seq, reason])?;
    let k = counts(c, a.seq)?;
    c.execute(
        SQL_SET_ACTION_STATUS,
        params![a.seq, "halted", now, k.sent == 0],
    )?;
    let details =
        serde_json::json!({ "action_id": a.id, "kind": a.kind, "reason": reason, "counts": k });
    appender.append(c, system_event(a, "action.halted", "halted", details))?;
    Ok(())
}

/// Staged rollout: when every device of the current wave has answered, judge it. Offline
/// devices (and those the vendor holds) hold the wave until its deadline
/// (`wave_timeout_seconds`, from when the wave was first seen running); then it is judged
/// on the devices that answered, and the offline ones still get the command when they
/// check in. Returns the halt reason.
fn judge_wave(
    c: &Connection,
    appender: &mut Appender,
    a: &Live,
    o: &ActionOptions,
    now: i64,
) -> crate::sql::Result<Option<String>> {
    let (active, waiting, acked, failed, held): (i64, i64, i64, i64, i64) =
        c.query_row(SQL_WAVE_TALLY, params![a.seq, a.wave], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    if active != 0 || held == 0 {
        return Ok(None);
    }
    if waiting != 0 {
        let started: i64 = c.query_row(SQL_WAVE_STARTED, params![a.seq, now], |r| r.get(0))?;
        let timeout =
            o.wave_timeout_seconds
                .unwrap_or(mdm_model::action::WAVE_TIMEOUT_DEFAULT_SECONDS) as i64;
        if now < started + timeout {
            return Ok(None);
        }
    }
    judge_and_release(c, appender, a, o, (acked, failed, waiting), now, "answered")
}

/// Judges the current wave on the devices that answered and, under the failure limit,
/// releases the next one. `why` is audited: "answered", "wave_timeout" (offline devices
/// waited out) or "operator" (`actions advance`).
fn judge_and_release(
    c: &Connection,
    appender: &mut Appender,
    a: &Live,
    o: &ActionOptions,
    (acked, failed, waiting): (i64, i64, i64),
    now: i64,
    why: &str,
) -> crate::sql::Result<Option<String>> {
    let why = if why == "answered" && waiting > 0 {
        "wave_timeout"
    } else {
        why
    };
    let answered = acked + failed;
    let rate = if answered > 0 {
        100.0 * failed as f64 / answered as f64
    } else {
        0.0
    };
    let limit = o.halt_above_failure.unwrap_or(100.0);
    let wave = a.wave;
    if rate > limit {
        let reason =
            format!("wave {wave} failed on {failed} of {answered} devices ({rate:.1}% > {limit}%)");
        c.execute(SQL_SET_HALT_REASON, params![a.seq, reason])?;
        return Ok(Some(reason));
    }
    let next = wave + 1;
    c.execute(SQL_RELEASE_WAVE, params![a.seq, next, now])?;
    c.execute(SQL_SET_WAVE, params![a.seq, next, now])?;
    let details = serde_json::json!({
        "action_id": a.id,
        "wave": next,
        "previous_failure_percent": rate,
        "reason": why,
        "offline": waiting,
    });
    appender.append(
        c,
        system_event(a, "action.wave_started", "success", details),
    )?;
    Ok(None)
}

/// What an operator's `actions advance` did.
pub enum Advanced {
    /// The next wave was released (its number).
    Released(i64),
    /// The current wave's failures are above the limit: the rollout halted instead.
    Halted(String),
}

/// `actions advance`: judges the current wave now, whatever has not answered yet, and
/// releases the next one (the failure limit still halts). `None` when the action is not
/// a running rollout with a held wave.
pub fn advance(
    c: &Connection,
    appender: &mut Appender,
    seq: i64,
    now: i64,
) -> crate::sql::Result<Option<Advanced>> {
    let Some(a) = reload(c, seq)? else {
        return Ok(None);
    };
    if !matches!(a.status, ActionStatus::Queued | ActionStatus::Running) {
        return Ok(None);
    }
    let Ok(o) = serde_json::from_str::<ActionOptions>(&a.options) else {
        return Ok(None);
    };
    let (active, waiting, acked, failed, held): (i64, i64, i64, i64, i64) =
        c.query_row(SQL_WAVE_TALLY, params![a.seq, a.wave], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    if o.rollout.is_empty() || held == 0 {
        return Ok(None);
    }
    let unanswered = active + waiting;
    match judge_and_release(
        c,
        appender,
        &a,
        &o,
        (acked, failed, unanswered),
        now,
        "operator",
    )? {
        Some(reason) => {
            halt(c, appender, &a, &reason, now)?;
            Ok(Some(Advanced::Halted(reason)))
        }
        None => Ok(Some(Advanced::Released(a.wave + 1))),
    }
}

/// `actions halt`: stops a running action as a halted rollout would be stopped: nothing
/// more is sent. Returns whether the action was live.
pub fn halt_now(
    c: &Connection,
    appender: &mut Appender,
    seq: i64,
    reason: &str,
    now: i64,
) -> crate::sql::Result<bool> {
    let Some(a) = reload(c, seq)? else {
        return Ok(false);
    };
    if !matches!(a.status, ActionStatus::Queued | ActionStatus::Running) {
        return Ok(false);
    }
    halt(c, appender, &a, reason, now)?;
    Ok(true)
}

/// Updates the action's status from its device counts and audits how it ended.
fn conclude(
    c: &Connection,
    appender: &mut Appender,
    a: &Live,
    live: bool,
    halt_reason: Option<String>,
    now: i64,
) -> crate::sql::Result<()> {
    use ActionStatus as S;
    // Most steps of a big action end here: devices are still on their way, the action
    // stays running, and a probe of the index answers that without counting them all.
    if live && halt_reason.is_none() && a.status == S::Running {
        let unfinished: bool = c
            .prepare_cached(SQL_ANY_UNFINISHED)?
            .exists(params![a.seq])?;
        if unfinished {
            c.execute(SQL_SET_ACTION_STATUS, params![a.seq, "running", now, false])?;
            return Ok(());
        }
    }
    let k = counts(c, a.seq)?;
    let new_status = if halt_reason.is_some() {
        S::Halted
    } else if !live {
        // Cancelled or halted: only commands already sent are still answering.
        a.status
    } else if k.queued + k.sent + k.pending + k.held + k.vendor_approval == 0 {
        if k.failed > 0 {
            S::CompletedWithFailures
        } else {
            S::Completed
        }
    } else {
        S::Running
    };
    let stopped = matches!(new_status, S::Cancelled | S::Halted);
    let finished =
        matches!(new_status, S::Completed | S::CompletedWithFailures) || (stopped && k.sent == 0);
    let new_status = new_status.as_str();
    c.execute(
        SQL_SET_ACTION_STATUS,
        params![a.seq, new_status, now, finished],
    )?;
    if let Some(reason) = &halt_reason {
        let details =
            serde_json::json!({ "action_id": a.id, "kind": a.kind, "reason": reason, "counts": k });
        appender.append(c, system_event(a, "action.halted", "halted", details))?;
    }
    if finished && !stopped {
        let outcome = if k.failed > 0 { "partial" } else { "success" };
        let details = serde_json::json!({ "action_id": a.id, "kind": a.kind, "counts": k });
        appender.append(
            c,
            system_event(a, &format!("action.{new_status}"), outcome, details),
        )?;
    }
    Ok(())
}

/// One step over every live action. A freeze holds what has not reached a device yet;
/// commands already sent finish. Staged rollouts release the next wave only while
/// failures stay under the limit. Takes only short write transactions of its own and
/// calls the backend between them (see the module docs); one step runs at a time.
pub fn process(db: &Db, backend: &dyn Backend, now: i64) -> Result<(), BackendError> {
    let _one_step = db.dispatch_lock();
    let (frozen, actions) = db.write_bg(|tx| -> crate::sql::Result<_> {
        let mut appender = Appender::new(tx)?;
        expire_approvals(tx, &mut appender)?;
        recover(tx, &mut appender, now)?;
        Ok((crate::freeze::current(tx)?.is_some(), live_actions(tx)?))
    })?;
    let mut budget = BATCH;
    for a in actions {
        let parsed = store::parse_options(&a.options)
            .map_err(|e| e.message())
            .and_then(|o| {
                Kind::parse(&a.kind)
                    .map(|k| (k, o))
                    .map_err(|e| format!("the stored kind is unreadable: {}", e.message))
            });
        let (kind, options) = match parsed {
            Ok(p) => p,
            Err(reason) => {
                db.write_bg(|tx| halt(tx, &mut Appender::new(tx)?, &a, &reason, now))?;
                continue;
            }
        };
        let cmd = Command {
            action: &a.id,
            kind,
            options: &options,
        };
        let live = matches!(a.status, ActionStatus::Queued | ActionStatus::Running);
        let held = frozen && !a.breakglass && crate::freeze::stops_kind(&a.kind);
        let step = (|| -> Result<usize, BackendError> {
            let mut answered = 0;
            if live && !held {
                deliver(db, backend, &a, cmd, now)?;
                answered += follow_vendor_approvals(db, backend, &a, cmd, now)?;
            }
            Ok(answered + poll(db, backend, &a, cmd, budget, now)?)
        })();
        let answered = match step {
            Ok(n) => n,
            Err(BackendError::Unsupported(u)) => {
                let reason = crate::http::ApiError::from(u).message;
                db.write_bg(|tx| halt(tx, &mut Appender::new(tx)?, &a, &reason, now))?;
                continue;
            }
            Err(e) => return Err(e),
        };
        budget = budget.saturating_sub(answered);
        db.write_bg(|tx| -> crate::sql::Result<()> {
            // Re-read: a cancel, an approval or a halt may have come during the step.
            let Some(a) = reload(tx, a.seq)? else {
                return Ok(());
            };
            let mut appender = Appender::new(tx)?;
            let live = matches!(a.status, ActionStatus::Queued | ActionStatus::Running);
            let held = !a.breakglass
                && crate::freeze::stops_kind(&a.kind)
                && crate::freeze::current(tx)?.is_some();
            let mut halt_reason = None;
            if live && !held && !options.rollout.is_empty() {
                halt_reason = judge_wave(tx, &mut appender, &a, &options, now)?;
            }
            conclude(tx, &mut appender, &a, live, halt_reason, now)
        })?;
        if budget == 0 {
            break;
        }
    }
    Ok(())
}

/// Claims older than `now` that were never recorded (their gateway stopped between
/// claim and record) become `sent` with `recovered` set: never submitted again, asked
/// about through `outcomes`. Runs on start and at the beginning of every step (while
/// no step holds claims); returns how many were found.
/// Audited per action as `action.delivery_recovered` (in the same transaction).
pub fn recover(c: &Connection, appender: &mut Appender, now: i64) -> crate::sql::Result<usize> {
    let found: Vec<(String, String, bool, i64)> = {
        let mut stmt = c.prepare_cached(SQL_UNRECORDED_CLAIMS)?;
        stmt.query_map([now], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<crate::sql::Result<_>>()?
    };
    if found.is_empty() {
        return Ok(0);
    }
    let n = c.execute(SQL_RECOVER, [now])?;
    for (id, kind, breakglass, devices) in found {
        let ev = NewEvent {
            actor: "server".into(),
            role: "system".into(),
            action: "action.delivery_recovered".into(),
            breakglass,
            outcome: "success".into(),
            details: serde_json::json!({
                "action_id": id,
                "kind": kind,
                "devices": devices,
                "note": "claimed for the backend when the gateway stopped; not resent, \
                         the backend is asked what became of them",
            }),
            ..NewEvent::default()
        }
        .target("action", vec![id.clone()]);
        appender.append(c, ev)?;
    }
    Ok(n)
}

/// One action as stored now, if it is still live.
fn reload(c: &Connection, seq: i64) -> crate::sql::Result<Option<Live>> {
    c.query_row(SQL_LIVE_ACTION, [seq], live_row).optional()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::{Capability, DELIVERY_UNKNOWN, Limits};
    use std::collections::HashMap;
    use std::sync::Mutex;

    /// A test backend that proves it is called with no write transaction open (it takes
    /// `BEGIN IMMEDIATE` on a second connection to the same file, without waiting),
    /// records what it was handed, defers some devices a few times, and cannot tell
    /// what became of a recovered command.
    struct Probe {
        max_batch: usize,
        /// Device rid → how many times it is deferred before it is taken.
        defer: HashMap<i64, usize>,
        /// Fail every `submit` with a vendor error (nothing taken).
        refuse: bool,
        /// Answer only the first device of each batch (a backend that lost the rest).
        short: bool,
        /// The vendor holds every submit for its approval under this code.
        approval: Option<String>,
        /// What the vendor says of that approval.
        vendor: Mutex<VendorApprovalState>,
        seen: Mutex<Seen>,
    }

    #[derive(Default)]
    struct Seen {
        /// Every device handed to `submit`, per call.
        submits: Vec<Vec<i64>>,
        /// Devices `submit` took (answered `Accepted`), with how often.
        accepted: HashMap<i64, usize>,
        /// Every `outcomes` entry: (rid, recovered).
        asked: Vec<(i64, bool)>,
        /// A call found a write transaction open.
        blocked: Vec<String>,
        /// Every `submit_approved`: (code, rids).
        approved: Vec<(String, Vec<i64>)>,
        /// Approval codes asked about.
        approval_asks: Vec<String>,
    }

    impl Probe {
        fn new(max_batch: usize) -> Probe {
            Probe {
                max_batch,
                defer: HashMap::new(),
                refuse: false,
                short: false,
                approval: None,
                vendor: Mutex::new(VendorApprovalState::Waiting),
                seen: Mutex::new(Seen::default()),
            }
        }

        fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
            self.seen.lock().unwrap()
        }

        fn no_write_transaction_open(&self, store: &Db, call: &str) {
            let c = rusqlite::Connection::open(store.path()).unwrap();
            c.busy_timeout(std::time::Duration::ZERO).unwrap();
            match c.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
                Ok(()) => {}
                Err(e) => self.seen().blocked.push(format!("{call}: {e}")),
            }
        }
    }

    impl Backend for Probe {
        fn name(&self) -> &'static str {
            "probe"
        }
        fn limits(&self) -> Limits {
            Limits {
                max_batch: self.max_batch,
            }
        }
        fn supports(&self, cap: Capability) -> bool {
            cap == Capability::DeviceCommands
        }
        fn submit(
            &self,
            store: &Db,
            _cmd: Command<'_>,
            devices: &[DeviceRef],
            _now: i64,
        ) -> crate::backend::BackendResult<Vec<Submission>> {
            self.no_write_transaction_open(store, "submit");
            let mut seen = self.seen();
            seen.submits.push(devices.iter().map(|d| d.rid).collect());
            if self.refuse {
                return Err(BackendError::Vendor {
                    message: "throttled".into(),
                    retry_after: None,
                });
            }
            // One approval request (code) per request, as Intune opens them.
            if let Some(code) = &self.approval {
                let code = format!("{code}-{}", seen.submits.len());
                return Ok(devices
                    .iter()
                    .map(|_| Submission::ApprovalRequired { code: code.clone() })
                    .collect());
            }
            let mut out = Vec::new();
            for d in devices {
                let handed = seen
                    .submits
                    .iter()
                    .flatten()
                    .filter(|r| **r == d.rid)
                    .count();
                if handed <= self.defer.get(&d.rid).copied().unwrap_or(0) {
                    out.push(Submission::Deferred);
                } else {
                    *seen.accepted.entry(d.rid).or_default() += 1;
                    out.push(Submission::Accepted);
                }
            }
            if self.short {
                out.truncate(1);
            }
            Ok(out)
        }
        fn vendor_approval(
            &self,
            store: &Db,
            code: &str,
        ) -> crate::backend::BackendResult<VendorApprovalState> {
            self.no_write_transaction_open(store, "vendor_approval");
            self.seen().approval_asks.push(code.to_string());
            Ok(self.vendor.lock().unwrap().clone())
        }
        fn submit_approved(
            &self,
            store: &Db,
            _cmd: Command<'_>,
            devices: &[DeviceRef],
            code: &str,
            _now: i64,
        ) -> crate::backend::BackendResult<Vec<Submission>> {
            self.no_write_transaction_open(store, "submit_approved");
            let mut seen = self.seen();
            seen.approved
                .push((code.to_string(), devices.iter().map(|d| d.rid).collect()));
            for d in devices {
                *seen.accepted.entry(d.rid).or_default() += 1;
            }
            Ok(devices.iter().map(|_| Submission::Accepted).collect())
        }
        fn outcomes(
            &self,
            store: &Db,
            _cmd: Command<'_>,
            in_flight: &[InFlight],
            _now: i64,
        ) -> crate::backend::BackendResult<Vec<Outcome>> {
            self.no_write_transaction_open(store, "outcomes");
            let mut seen = self.seen();
            Ok(in_flight
                .iter()
                .map(|f| {
                    seen.asked.push((f.device.rid, f.recovered));
                    if f.recovered {
                        Outcome::Failed(DELIVERY_UNKNOWN.into())
                    } else {
                        Outcome::Acknowledged
                    }
                })
                .collect())
        }
    }

    struct Fixture {
        db: Db,
        dir: std::path::PathBuf,
        seq: i64,
        now: i64,
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    /// A fleet of `n` devices and one queued lock of all of them.
    fn fixture(n: u32) -> Fixture {
        let dir = std::env::temp_dir().join(format!(
            "mdm-dispatch-test-{}-{}",
            std::process::id(),
            crate::ids::random_hex(4)
        ));
        let db = Db::open(&dir).unwrap();
        let now = crate::clock::now_unix();
        let seq = db
            .write(|tx| -> crate::sql::Result<i64> {
                crate::backend::sim::seed::seed(tx, n, 7, 0)?;
                tx.execute(
                    "INSERT INTO actions(id, kind, status, requested_by, requested_by_id,
                         target, target_digest, total, platforms, options, created_at, updated_at)
                     VALUES ('act_test', 'lock', 'queued', 'root', 1, '{}', 'd', ?1, '{}', '{}',
                         ?2, ?2)",
                    params![n, now],
                )?;
                let seq: i64 =
                    tx.query_row("SELECT seq FROM actions WHERE id = 'act_test'", [], |r| {
                        r.get(0)
                    })?;
                let rids: Vec<i64> = tx
                    .prepare("SELECT rid FROM devices ORDER BY rid")?
                    .query_map([], |r| r.get(0))?
                    .collect::<crate::sql::Result<_>>()?;
                store::fan_out(tx, seq, &rids, &[], now)?;
                Ok(seq)
            })
            .unwrap();
        Fixture { db, dir, seq, now }
    }

    impl Fixture {
        fn statuses(&self) -> HashMap<String, i64> {
            self.db
                .read(|c| {
                    c.prepare(
                        "SELECT status, COUNT(*) FROM action_devices WHERE action_seq = ?1
                         GROUP BY status",
                    )?
                    .query_map([self.seq], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<crate::sql::Result<_>>()
                })
                .unwrap()
        }

        fn action_status(&self) -> String {
            self.db
                .read(|c| c.query_row(SQL_ACTION_STATUS, [self.seq], |r| r.get(0)))
                .unwrap()
        }

        fn outcome_events(&self) -> i64 {
            self.db
                .read(|c| {
                    c.query_row(
                        "SELECT COUNT(*) FROM audit_events WHERE action = 'action.device_outcome'",
                        [],
                        |r| r.get(0),
                    )
                })
                .unwrap()
        }

        fn live(&self) -> Live {
            self.db
                .read(|c| reload(c, self.seq))
                .unwrap()
                .expect("the action is live")
        }
    }

    #[test]
    fn the_backend_is_called_with_no_write_transaction_open() {
        let f = fixture(7);
        let probe = Probe::new(3);
        for i in 0..3 {
            process(&f.db, &probe, f.now + i).unwrap();
        }
        let seen = probe.seen();
        assert!(seen.blocked.is_empty(), "{:?}", seen.blocked);
        // Batches of `max_batch`, then one poll per batch of answers.
        let sizes: Vec<usize> = seen.submits.iter().map(Vec::len).collect();
        assert_eq!(sizes, [3, 3, 1]);
        assert_eq!(seen.asked.len(), 7);
        drop(seen);
        assert_eq!(f.statuses(), HashMap::from([("acknowledged".into(), 7)]));
        assert_eq!(f.action_status(), "completed");
        assert_eq!(f.outcome_events(), 7);
    }

    #[test]
    fn a_claim_never_recorded_is_never_resubmitted_and_outcomes_are_asked() {
        let f = fixture(6);
        // A gateway claims a batch of 4 and dies before recording the answers.
        let claimed: Vec<i64> =
            f.db.write(|tx| claim(tx, &f.live(), 0, 4, f.now))
                .unwrap()
                .iter()
                .map(|c| c.dev.rid)
                .collect();
        assert_eq!(claimed.len(), 4);
        assert_eq!(
            f.statuses(),
            HashMap::from([("sending".into(), 4), ("queued".into(), 2)])
        );
        // The restarted gateway's steps.
        let probe = Probe::new(10);
        for i in 1..4 {
            process(&f.db, &probe, f.now + i).unwrap();
        }
        let seen = probe.seen();
        assert!(seen.blocked.is_empty(), "{:?}", seen.blocked);
        let submitted: Vec<i64> = seen.submits.iter().flatten().copied().collect();
        assert_eq!(
            submitted.len(),
            2,
            "only the unclaimed devices: {submitted:?}"
        );
        assert!(
            submitted.iter().all(|r| !claimed.contains(r)),
            "a claimed device was submitted again: {submitted:?}"
        );
        let mut recovered: Vec<i64> = seen
            .asked
            .iter()
            .filter(|(_, rec)| *rec)
            .map(|(r, _)| *r)
            .collect();
        recovered.sort();
        assert_eq!(
            recovered, claimed,
            "outcomes asked about each claimed device once"
        );
        drop(seen);
        assert_eq!(
            f.statuses(),
            HashMap::from([("acknowledged".into(), 2), ("failed".into(), 4)])
        );
        let errors: Vec<String> =
            f.db.read(|c| {
                c.prepare("SELECT error FROM action_devices WHERE status = 'failed'")?
                    .query_map([], |r| r.get(0))?
                    .collect::<crate::sql::Result<_>>()
            })
            .unwrap();
        assert!(errors.iter().all(|e| e == DELIVERY_UNKNOWN), "{errors:?}");
        assert_eq!(f.action_status(), "completed_with_failures");
        assert_eq!(f.outcome_events(), 6);
        let recovered: Vec<String> =
            f.db.read(|c| {
                c.prepare(
                    "SELECT body FROM audit_events WHERE action = 'action.delivery_recovered'",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<crate::sql::Result<_>>()
            })
            .unwrap();
        assert_eq!(
            recovered.len(),
            1,
            "one event for the action: {recovered:?}"
        );
        assert!(recovered[0].contains(r#""devices":4"#), "{}", recovered[0]);
    }

    #[test]
    fn each_device_is_taken_once_across_steps_with_deferrals() {
        let f = fixture(25);
        let mut probe = Probe::new(4);
        // Some devices are offline for one, two or five submits.
        for (rid, times) in [(1, 1), (2, 2), (5, 5), (9, 1), (17, 3), (25, 2)] {
            probe.defer.insert(rid, times);
        }
        for i in 0..10 {
            process(&f.db, &probe, f.now + i).unwrap();
        }
        let seen = probe.seen();
        assert!(seen.blocked.is_empty(), "{:?}", seen.blocked);
        assert_eq!(seen.accepted.len(), 25);
        assert!(
            seen.accepted.values().all(|n| *n == 1),
            "a device took the command twice: {:?}",
            seen.accepted
        );
        for (rid, times) in &probe.defer {
            let handed = seen.submits.iter().flatten().filter(|r| *r == rid).count();
            assert_eq!(handed, times + 1, "device {rid}");
        }
        for batch in &seen.submits {
            assert!(batch.len() <= 4);
            let mut unique = batch.clone();
            unique.dedup();
            assert_eq!(unique.len(), batch.len(), "a device twice in one batch");
        }
        assert!(seen.asked.iter().all(|(_, rec)| !rec));
        assert_eq!(seen.asked.len(), 25, "one answer asked per device");
        drop(seen);
        assert_eq!(f.statuses(), HashMap::from([("acknowledged".into(), 25)]));
        assert_eq!(f.outcome_events(), 25);
        assert_eq!(f.action_status(), "completed");
    }

    #[test]
    fn devices_left_without_an_answer_are_never_resubmitted() {
        let f = fixture(3);
        let mut probe = Probe::new(10);
        probe.short = true;
        for i in 0..3 {
            process(&f.db, &probe, f.now + i).unwrap();
        }
        let seen = probe.seen();
        assert_eq!(seen.submits, [vec![1, 2, 3]], "one submit, never again");
        let mut asked = seen.asked.clone();
        asked.sort();
        assert_eq!(asked, [(1, false), (2, true), (3, true)]);
        drop(seen);
        assert_eq!(
            f.statuses(),
            HashMap::from([("acknowledged".into(), 1), ("failed".into(), 2)])
        );
    }

    #[test]
    fn a_refused_batch_goes_back_to_the_queue() {
        let f = fixture(3);
        let mut probe = Probe::new(10);
        probe.refuse = true;
        let err = process(&f.db, &probe, f.now).unwrap_err();
        assert!(matches!(err, BackendError::Vendor { .. }), "{err}");
        assert_eq!(f.statuses(), HashMap::from([("queued".into(), 3)]));
        probe.refuse = false;
        for i in 1..3 {
            process(&f.db, &probe, f.now + i).unwrap();
        }
        assert_eq!(f.statuses(), HashMap::from([("acknowledged".into(), 3)]));
        assert!(probe.seen().accepted.values().all(|n| *n == 1));
    }

    #[test]
    fn a_cancel_between_claim_and_record_cancels_the_deferred_devices() {
        let f = fixture(2);
        let a = f.live();
        let batch = f.db.write(|tx| claim(tx, &a, 0, 10, f.now)).unwrap();
        f.db.write(|tx| {
            tx.execute(
                "UPDATE actions SET status = 'cancelled' WHERE seq = ?1",
                [f.seq],
            )
        })
        .unwrap();
        let answers = vec![Submission::Accepted, Submission::Deferred];
        let probe = Probe::new(10);
        f.db.write(|tx| {
            record_submissions(
                tx,
                &probe,
                &a,
                &ActionOptions::default(),
                &batch,
                answers,
                None,
                f.now,
            )
        })
        .unwrap();
        assert_eq!(
            f.statuses(),
            HashMap::from([("sent".into(), 1), ("cancelled".into(), 1)])
        );
    }

    fn events(f: &Fixture, action: &str) -> Vec<String> {
        f.db.read(|c| {
            c.prepare("SELECT body FROM audit_events WHERE action = ?1")?
                .query_map([action], |r| r.get(0))?
                .collect::<crate::sql::Result<_>>()
        })
        .unwrap()
    }

    #[test]
    fn a_vendor_approval_waits_then_the_approved_batch_is_resent_once_with_its_code() {
        let f = fixture(5);
        let mut probe = Probe::new(3);
        probe.approval = Some("code-1".into());
        for i in 0..3 {
            process(&f.db, &probe, f.now + i).unwrap();
        }
        assert_eq!(f.statuses(), HashMap::from([("vendor_approval".into(), 5)]));
        assert_eq!(f.action_status(), "running");
        // Two batches (3 + 2), each its own approval request.
        let pending = events(&f, "action.vendor_approval_pending");
        assert_eq!(pending.len(), 2, "one event per code: {pending:?}");
        assert!(
            pending[0].contains(r#""approval_code":"code-1-1""#),
            "{}",
            pending[0]
        );
        assert!(pending[1].contains(r#""devices":2"#), "{}", pending[1]);
        let a = f.db.read(|c| store::load(c, "act_test")).unwrap().1;
        assert_eq!(a.counts.vendor_approval, 5);
        let codes: Vec<(&str, u64)> = a
            .vendor_approvals
            .iter()
            .map(|v| (v.code.as_str(), v.devices))
            .collect();
        assert_eq!(codes, [("code-1-1", 3), ("code-1-2", 2)]);
        assert_eq!(a.vendor_approvals[0].vendor, "probe");
        // The gateway restarts while waiting: a new backend, still waiting, no resend.
        let mut again = Probe::new(3);
        again.approval = Some("code-1".into());
        let asked_at = f.now + 3 + VENDOR_APPROVAL_POLL_SECS;
        process(&f.db, &again, asked_at).unwrap();
        assert!(
            again.seen().submits.is_empty(),
            "nothing submitted without the code"
        );
        assert!(again.seen().approved.is_empty());
        assert_eq!(again.seen().approval_asks, ["code-1-1", "code-1-2"]);
        // Asked again only after the poll interval.
        process(&f.db, &again, asked_at + 1).unwrap();
        assert_eq!(again.seen().approval_asks.len(), 2);
        // Intune approves: the same five devices, in order, once, with the code.
        *again.vendor.lock().unwrap() = VendorApprovalState::Approved;
        for i in 0..4 {
            process(&f.db, &again, asked_at + VENDOR_APPROVAL_POLL_SECS + i).unwrap();
        }
        let seen = again.seen();
        assert!(seen.blocked.is_empty(), "{:?}", seen.blocked);
        assert_eq!(
            seen.approved,
            [
                ("code-1-1".to_string(), vec![1, 2, 3]),
                ("code-1-2".to_string(), vec![4, 5])
            ]
        );
        assert!(seen.submits.is_empty());
        drop(seen);
        assert_eq!(f.statuses(), HashMap::from([("acknowledged".into(), 5)]));
        assert_eq!(f.action_status(), "completed");
        assert_eq!(events(&f, "action.vendor_approval_approved").len(), 2);
        assert_eq!(probe.seen().submits.len(), 2, "each device submitted once");
    }

    #[test]
    fn a_rejected_vendor_approval_fails_its_devices_and_a_cancel_cancels_them() {
        let f = fixture(2);
        let mut probe = Probe::new(10);
        probe.approval = Some("code-9".into());
        process(&f.db, &probe, f.now).unwrap();
        *probe.vendor.lock().unwrap() =
            VendorApprovalState::Refused("rejected in Intune Multi Admin Approval".into());
        process(&f.db, &probe, f.now + VENDOR_APPROVAL_POLL_SECS).unwrap();
        assert_eq!(f.statuses(), HashMap::from([("failed".into(), 2)]));
        assert_eq!(f.action_status(), "completed_with_failures");
        let errors: Vec<String> =
            f.db.read(|c| {
                c.prepare("SELECT error FROM action_devices WHERE action_seq = ?1")?
                    .query_map([f.seq], |r| r.get(0))?
                    .collect::<crate::sql::Result<_>>()
            })
            .unwrap();
        assert!(errors.iter().all(|e| e.contains("rejected")), "{errors:?}");
        assert_eq!(events(&f, "action.vendor_approval_refused").len(), 1);
        assert!(probe.seen().approved.is_empty());

        // A cancelled action's waiting devices are cancelled, never resent.
        let g = fixture(2);
        let mut probe = Probe::new(10);
        probe.approval = Some("code-3".into());
        process(&g.db, &probe, g.now).unwrap();
        g.db.write(|tx| {
            tx.execute(SQL_CANCEL_UNSENT, params![g.seq, g.now])?;
            tx.execute(
                "UPDATE actions SET status = 'cancelled' WHERE seq = ?1",
                [g.seq],
            )
        })
        .unwrap();
        *probe.vendor.lock().unwrap() = VendorApprovalState::Approved;
        process(&g.db, &probe, g.now + 1).unwrap();
        assert!(probe.seen().approved.is_empty());
        assert_eq!(g.statuses(), HashMap::from([("cancelled".into(), 2)]));
    }
}

#[cfg(test)]
mod plan_tests {
    use super::*;
    use crate::db::Db;

    /// What a step asks for each live action is an index search, never a scan of the
    /// action's devices: a step's cost must not grow with the action (issue 14).
    #[test]
    fn every_step_statement_searches_an_index() {
        let dir = std::env::temp_dir().join(format!(
            "mdm-plan-test-{}-{}",
            std::process::id(),
            crate::ids::random_hex(4)
        ));
        let db = Db::open(&dir).unwrap();
        let plan = |sql: &str, params: &[&dyn crate::sql::ToSql]| -> String {
            db.read(|c| {
                let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
                let rows: Vec<String> = stmt
                    .query_map(params, |r| r.get::<_, String>(3))?
                    .collect::<crate::sql::Result<_>>()?;
                Ok::<_, crate::sql::Error>(rows.join("; "))
            })
            .unwrap()
        };
        let (one, zero, ten) = (1i64, 0i64, 10i64);
        let three: [&dyn crate::sql::ToSql; 3] = [&one, &zero, &ten];
        let two: [&dyn crate::sql::ToSql; 2] = [&one, &zero];
        for (name, sql, params) in [
            ("in flight", SQL_IN_FLIGHT, &three[..]),
            ("claimable", SQL_CLAIMABLE, &three[..]),
            ("vendor waiting", SQL_VENDOR_WAITING, &two[..]),
            ("unfinished", SQL_ANY_UNFINISHED, &three[..1]),
        ] {
            let p = plan(sql, params);
            assert!(
                !p.contains("SCAN ad") && !p.contains("SCAN action_devices"),
                "{name} scans the action's devices: {p}"
            );
            assert!(
                p.contains("action_devices_seq_status") || p.contains("action_devices_todo"),
                "{name} uses the step indexes: {p}"
            );
        }
        let claim = plan(SQL_CLAIMABLE, &three);
        assert!(
            claim.contains("action_devices_todo") && !claim.contains("TEMP B-TREE"),
            "devices to claim come from the partial index, in order: {claim}"
        );
        drop(db);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
