//! Per-actor rolling budgets: what one actor asked for in the past hour, read from the
//! stored actions (the database, not memory, so replicas and restarts agree) at the
//! server clock's time, so a fleet split into batches still meets the two-person rule.

use crate::sql::Connection;

/// The budget window: one hour.
pub const WINDOW_SECS: i64 = 3600;

/// One actor's use of the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// Devices wiped or retired (requested, approved or not; rejected and expired
    /// requests did nothing and do not count).
    pub destructive: u64,
    /// Devices pushed to (apps, profiles, commands).
    pub pushed: u64,
    /// Single-device pushes and destructive commands.
    pub singles: u64,
}

const SQL_WINDOW: &str = "SELECT
       COALESCE(SUM(CASE WHEN kind IN ('wipe', 'retire') THEN total END), 0),
       COALESCE(SUM(CASE WHEN kind LIKE 'push_%' THEN total END), 0),
       COALESCE(SUM(CASE WHEN total = 1 AND (kind IN ('wipe', 'retire') OR kind LIKE 'push_%')
                         THEN 1 END), 0)
     FROM actions
     WHERE requested_by_id = ?1 AND created_at > ?2 AND status NOT IN ('rejected', 'expired')";

/// What `user_id` used in the window ending at `now`.
pub fn window(c: &Connection, user_id: i64, now: i64) -> crate::sql::Result<Window> {
    c.query_row(
        SQL_WINDOW,
        crate::sql::params![user_id, now - WINDOW_SECS],
        |r| {
            let n = |i| r.get::<_, i64>(i).map(|v| v.max(0) as u64);
            Ok(Window {
                destructive: n(0)?,
                pushed: n(1)?,
                singles: n(2)?,
            })
        },
    )
}
