//! The simulator's clock tick: plays the fleet. Each tick a slice of devices checks in, a few
//! drop off the network for a while, and devices silent for ten minutes show as offline.

use crate::AppState;
use crate::backend::BackendError;
use rand::Rng;
use rusqlite::params;
use std::time::Duration;

/// Devices not seen for this long are shown as offline.
pub const OFFLINE_AFTER_SECS: i64 = 600;

pub async fn run(state: AppState, tick: Duration) {
    let mut interval = tokio::time::interval(tick);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let st = state.clone();
        let result = tokio::task::spawn_blocking(move || tick_once(&st)).await;
        if let Ok(Err(e)) = result {
            eprintln!("mdm sandbox: simulator: {e}");
        }
    }
}

/// Check-ins written per transaction: a request's write waits for at most one of them.
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
        checkins -= n;
        state.db.write_bg(|tx| -> rusqlite::Result<()> {
            let mut rng = rand::rng();
            let mut stmt = tx.prepare_cached(
                "UPDATE devices SET last_seen = ?1, status = 'online'
                 WHERE rid = ?2 AND status IN ('online', 'offline') AND offline_until <= ?1",
            )?;
            for _ in 0..n {
                stmt.execute(params![now, rng.random_range(1..=max_rid)])?;
            }
            Ok(())
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
