//! The gateway's step for live actions: hand queued commands to the backend in batches,
//! poll the outcomes of commands in flight, judge staged-rollout waves, and close
//! finished actions. It knows nothing of how the backend reaches devices.

use super::kind::Kind;
use super::store::{self, counts, expire_approvals};
use crate::audit::{Appender, NewEvent};
use crate::backend::{Backend, BackendError, Command, DeviceRef, InFlight, Outcome, Submission};
use mdm_model::domain::ActionStatus;
use mdm_model::types::ActionOptions;
use rusqlite::{Connection, params};

/// Most per-device outcomes recorded in one step.
const BATCH: usize = 20_000;

const SQL_LIVE_ACTIONS: &str =
    "SELECT seq, id, kind, status, options, current_wave, breakglass FROM actions
     WHERE status IN ('queued', 'running')
        OR (status IN ('cancelled', 'halted') AND finished_at IS NULL)
     ORDER BY seq";

const SQL_UNDELIVERED: &str = "SELECT ad.device_rid, d.id, ad.status FROM action_devices ad
     JOIN devices d ON d.rid = ad.device_rid
     WHERE ad.action_seq = ?1 AND ad.status IN ('queued', 'pending') ORDER BY ad.device_rid";

/// Commands sent before this step (one just sent cannot have an answer yet).
const SQL_IN_FLIGHT: &str = "SELECT ad.device_rid, d.id, ad.updated_at FROM action_devices ad
     JOIN devices d ON d.rid = ad.device_rid
     WHERE ad.action_seq = ?1 AND ad.status = 'sent' AND ad.updated_at < ?2 LIMIT ?3";

const SQL_SET_DEVICE_STATUS: &str =
    "UPDATE action_devices SET status = ?3, error = ?4, updated_at = ?5
     WHERE action_seq = ?1 AND device_rid = ?2";

const SQL_WAVE_TALLY: &str = "SELECT COALESCE(SUM(status IN ('queued', 'sent', 'pending')), 0),
            COALESCE(SUM(status = 'acknowledged'), 0), COALESCE(SUM(status = 'failed'), 0),
            (SELECT COUNT(*) FROM action_devices WHERE action_seq = ?1 AND status = 'held')
     FROM action_devices WHERE action_seq = ?1 AND wave = ?2";

const SQL_SET_HALT_REASON: &str = "UPDATE actions SET halt_reason = ?2 WHERE seq = ?1";

const SQL_RELEASE_WAVE: &str = "UPDATE action_devices SET status = 'queued', updated_at = ?3
     WHERE action_seq = ?1 AND wave = ?2 AND status = 'held'";

const SQL_SET_WAVE: &str = "UPDATE actions SET current_wave = ?2 WHERE seq = ?1";

const SQL_SET_ACTION_STATUS: &str = "UPDATE actions SET status = ?2, updated_at = ?3,
            finished_at = CASE WHEN ?4 AND finished_at IS NULL THEN ?3 ELSE finished_at END
     WHERE seq = ?1";

const SQL_CANCEL_UNSENT: &str = "UPDATE action_devices SET status = 'cancelled', updated_at = ?2
     WHERE action_seq = ?1 AND status IN ('queued', 'pending', 'held')";

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

fn live_actions(c: &Connection) -> rusqlite::Result<Vec<Live>> {
    let mut stmt = c.prepare_cached(SQL_LIVE_ACTIONS)?;
    stmt.query_map([], |r| {
        Ok(Live {
            seq: r.get(0)?,
            id: r.get(1)?,
            kind: r.get(2)?,
            status: crate::db::name_col(r, 3)?,
            options: r.get(4)?,
            wave: r.get(5)?,
            breakglass: r.get(6)?,
        })
    })?
    .collect()
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

/// Records one device's final answer, with its audit event.
#[allow(clippy::too_many_arguments)]
fn record_outcome(
    c: &Connection,
    appender: &mut Appender,
    a: &Live,
    o: &ActionOptions,
    dev: &DeviceRef,
    error: Option<String>,
    now: i64,
) -> rusqlite::Result<()> {
    let failed = error.is_some();
    let status = if failed { "failed" } else { "acknowledged" };
    c.execute(
        SQL_SET_DEVICE_STATUS,
        params![a.seq, dev.rid, status, error, now],
    )?;
    let mut details = serde_json::json!({ "action_id": a.id, "kind": a.kind, "error": error });
    if let Some(h) = &o.sha256 {
        details["sha256"] = serde_json::json!(h);
    }
    if let Some(d) = &o.profile_digest {
        details["profile_digest"] = serde_json::json!(d);
    }
    let ev = NewEvent {
        actor: format!("device:{}", dev.id),
        role: "device".into(),
        breakglass: a.breakglass,
        action: "action.device_outcome".into(),
        outcome: if failed { "failure" } else { "success" }.into(),
        details,
        ..NewEvent::default()
    }
    .target("device", vec![dev.id.clone()]);
    appender.append(c, ev)?;
    Ok(())
}

/// Hands queued and pending commands to the backend, `max_batch` devices per call.
fn deliver(
    c: &Connection,
    backend: &dyn Backend,
    appender: &mut Appender,
    a: &Live,
    cmd: Command<'_>,
    now: i64,
) -> Result<(), BackendError> {
    let undelivered: Vec<(DeviceRef, String)> = {
        let mut stmt = c.prepare_cached(SQL_UNDELIVERED)?;
        stmt.query_map([a.seq], |r| {
            Ok((
                DeviceRef {
                    rid: r.get(0)?,
                    id: r.get(1)?,
                },
                r.get(2)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    let max = backend.limits().max_batch.max(1);
    for chunk in undelivered.chunks(max) {
        let devices: Vec<DeviceRef> = chunk.iter().map(|(d, _)| d.clone()).collect();
        let answers = backend.submit(c, cmd, &devices, now)?;
        for ((dev, was), answer) in chunk.iter().zip(answers) {
            match answer {
                Submission::Accepted => {
                    c.execute(
                        SQL_SET_DEVICE_STATUS,
                        params![a.seq, dev.rid, "sent", None::<String>, now],
                    )?;
                }
                // Only the move from queued to pending is news; a pending device stays.
                Submission::Deferred if was == "queued" => {
                    c.execute(
                        SQL_SET_DEVICE_STATUS,
                        params![a.seq, dev.rid, "pending", None::<String>, now],
                    )?;
                }
                Submission::Deferred => {}
                Submission::NotFound => {
                    let e = format!("the {} backend does not know this device", backend.name());
                    record_outcome(c, appender, a, cmd.options, dev, Some(e), now)?;
                }
                Submission::Failed(e) => {
                    record_outcome(c, appender, a, cmd.options, dev, Some(e), now)?;
                }
            }
        }
    }
    Ok(())
}

/// Polls the backend for commands in flight; returns how many answered.
fn poll(
    c: &Connection,
    backend: &dyn Backend,
    appender: &mut Appender,
    a: &Live,
    cmd: Command<'_>,
    budget: usize,
    now: i64,
) -> Result<usize, BackendError> {
    let in_flight: Vec<InFlight> = {
        let mut stmt = c.prepare_cached(SQL_IN_FLIGHT)?;
        stmt.query_map(params![a.seq, now, budget as i64], |r| {
            Ok(InFlight {
                device: DeviceRef {
                    rid: r.get(0)?,
                    id: r.get(1)?,
                },
                sent_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    let mut answered = 0;
    for chunk in in_flight.chunks(backend.limits().max_batch.max(1)) {
        let outcomes = backend.outcomes(c, cmd, chunk, now)?;
        for (f, outcome) in chunk.iter().zip(outcomes) {
            let error = match outcome {
                Outcome::Waiting => continue,
                Outcome::Acknowledged => None,
                Outcome::Failed(e) => Some(e),
            };
            answered += 1;
            record_outcome(c, appender, a, cmd.options, &f.device, error, now)?;
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
) -> rusqlite::Result<()> {
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

/// Staged rollout: when every device of the current wave has answered (offline ones
/// included: a wave waits for its acknowledgements), judge it. Returns the halt reason.
fn judge_wave(
    c: &Connection,
    appender: &mut Appender,
    a: &Live,
    o: &ActionOptions,
    now: i64,
) -> rusqlite::Result<Option<String>> {
    let (in_flight, acked, failed, held): (i64, i64, i64, i64) =
        c.query_row(SQL_WAVE_TALLY, params![a.seq, a.wave], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    if in_flight != 0 || held == 0 {
        return Ok(None);
    }
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
    c.execute(SQL_SET_WAVE, params![a.seq, next])?;
    let details =
        serde_json::json!({ "action_id": a.id, "wave": next, "previous_failure_percent": rate });
    appender.append(
        c,
        system_event(a, "action.wave_started", "success", details),
    )?;
    Ok(None)
}

/// Updates the action's status from its device counts and audits how it ended.
fn conclude(
    c: &Connection,
    appender: &mut Appender,
    a: &Live,
    live: bool,
    halt_reason: Option<String>,
    now: i64,
) -> rusqlite::Result<()> {
    use ActionStatus as S;
    let k = counts(c, a.seq)?;
    let new_status = if halt_reason.is_some() {
        S::Halted
    } else if !live {
        // Cancelled or halted: only commands already sent are still answering.
        a.status
    } else if k.queued + k.sent + k.pending + k.held == 0 {
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
/// failures stay under the limit.
pub fn process(c: &Connection, backend: &dyn Backend, now: i64) -> Result<(), BackendError> {
    let mut appender = Appender::new(c)?;
    expire_approvals(c, &mut appender)?;
    let frozen = crate::freeze::current(c)?.is_some();
    let mut budget = BATCH;
    for a in live_actions(c)? {
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
                halt(c, &mut appender, &a, &reason, now)?;
                continue;
            }
        };
        let cmd = Command {
            kind,
            options: &options,
        };
        let live = matches!(a.status, ActionStatus::Queued | ActionStatus::Running);
        let held = frozen && !a.breakglass && crate::freeze::stops_kind(&a.kind);
        let step = (|| -> Result<usize, BackendError> {
            if live && !held {
                deliver(c, backend, &mut appender, &a, cmd, now)?;
            }
            poll(c, backend, &mut appender, &a, cmd, budget, now)
        })();
        let answered = match step {
            Ok(n) => n,
            Err(BackendError::Unsupported(u)) => {
                let reason = crate::http::ApiError::from(u).message;
                halt(c, &mut appender, &a, &reason, now)?;
                continue;
            }
            Err(e) => return Err(e),
        };
        budget = budget.saturating_sub(answered);
        let mut halt_reason = None;
        if live && !held && !options.rollout.is_empty() {
            halt_reason = judge_wave(c, &mut appender, &a, &options, now)?;
        }
        conclude(c, &mut appender, &a, live, halt_reason, now)?;
        if budget == 0 {
            break;
        }
    }
    Ok(())
}
