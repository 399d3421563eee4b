//! The simulator's clock tick: plays the fleet. Each tick a slice of devices checks in, a few
//! drop off the network for a while, and devices silent for ten minutes show as offline.

use crate::AppState;
use crate::backend::BackendError;
use crate::sql::params;
use rand::Rng;
use std::time::Duration;

/// Devices not seen for this long are shown as offline.
pub const OFFLINE_AFTER_SECS: i64 = 600;

/// Runs the simulator's tick, every `tick`, on a thread of its own at a lower CPU
/// priority (nice 10, that thread only): on a small machine the steps of a fleet-wide
/// fan-out then use the CPU that requests leave. Ends within a tick once `stop` is set.
pub fn spawn(
    state: AppState,
    tick: Duration,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("mdm-simulator".into())
        .spawn(move || {
            lower_priority();
            let mut next = std::time::Instant::now();
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let now = std::time::Instant::now();
                if next > now {
                    // In short naps, so a stop is seen soon.
                    std::thread::sleep((next - now).min(Duration::from_millis(100)));
                    continue;
                }
                if state.db.leader.is_leading()
                    && let Err(e) = tick_once(&state)
                {
                    eprintln!("mdm sandbox: simulator: {e}");
                }
                // A late tick delays the next one (no burst of catch-up ticks).
                next = (next + tick).max(std::time::Instant::now());
            }
        })
}

/// Nice 10 for the calling thread (Linux: a thread's own priority); elsewhere nothing.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority on this thread's own id changes only its scheduling priority.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

/// Check-ins written per transaction (two statements): a request's write waits for at
/// most one of them.
const CHECKINS_PER_WRITE: i64 = 500;

/// One simulator step: check-ins, drop-offs and break-glass expiry in short write
/// transactions, then the gateway's step over live actions (which goes through the
/// backend, outside any transaction of this step: see `actions::dispatch`).
pub fn tick_once(state: &AppState) -> Result<(), BackendError> {
    let now = crate::clock::now_unix();
    let max_rid: i64 = state.db.read(|c| {
        c.query_row("SELECT COALESCE(MAX(rid), 0) FROM devices", [], |r| {
            r.get(0)
        })
    })?;
    let fleet = max_rid > 0;
    // About 2% of the fleet checks in per tick (at least a handful).
    let mut checkins = if fleet {
        (max_rid / 50).clamp(5, 5000)
    } else {
        0
    };
    while checkins > 0 {
        let n = checkins.min(CHECKINS_PER_WRITE);
        checkins -= state.db.write_bg(|tx| -> crate::sql::Result<i64> {
            let mut rng = rand::rng();
            let rids: Vec<i64> = (0..n).map(|_| rng.random_range(1..=max_rid)).collect();
            tx.execute_for_ids(
                "UPDATE devices SET last_seen = ?1, status = 'online'
                 WHERE rid IN ({ids}) AND status IN ('online', 'offline') AND offline_until <= ?1",
                params![now],
                &rids,
            )?;
            Ok(n)
        })?;
    }
    state.db.write_bg(|tx| {
        if fleet {
            let mut rng = rand::rng();
            // Now and then a device goes quiet for 2-30 minutes.
            let drops = if state.config.offline_percent == 0 {
                0
            } else {
                (max_rid / 2000).max(1)
            };
            let mut stmt = tx.prepare_cached(
                "UPDATE devices SET offline_until = ?1 WHERE rid = ?2 AND status = 'online'",
            )?;
            for _ in 0..drops {
                if rng.random_range(0..4) == 0 {
                    let until = now + rng.random_range(120..1800);
                    stmt.execute(params![until, rng.random_range(1..=max_rid)])?;
                }
            }
            drop(stmt);
            tx.execute(
                "UPDATE devices SET status = 'offline' WHERE status = 'online' AND last_seen < ?1",
                [now - OFFLINE_AFTER_SECS],
            )?;
        }
        let mut appender = crate::audit::Appender::new(tx)?;
        crate::breakglass::expire(tx, &mut appender, now)?;
        Ok::<_, BackendError>(())
    })?;
    if fleet {
        crate::actions::dispatch::process(&state.db, state.backend.as_ref(), now)?;
    }
    Ok(())
}
