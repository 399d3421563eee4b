//! One leader among the gateway's replicas: the one that runs background work (the
//! simulator's tick, vendor dispatch and polling, inventory sync, out-of-band reads,
//! approval and break-glass expiry, checkpoints). Any replica serves requests.
//!
//! Leadership is a lease in the database (`leases`), taken or renewed in a write
//! transaction (so under the write lock every replica's writes take): a replica leads
//! while its lease has not run out, renews it every second, and a replica finds the
//! lease free once its holder stopped renewing for `LEASE`. Time is the database
//! server's clock, so replicas' clocks need not agree. A new leader first recovers the
//! commands the old one claimed and may not have sent (`actions::dispatch::recover`):
//! they are never sent again, the backend is asked what became of them.
//!
//! SQLite is one gateway: it always leads.

use crate::sql::{Connection, OptionalExtension, params};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a lease lasts without renewal: the longest background work pauses when a
/// leader dies.
pub const LEASE: Duration = Duration::from_secs(5);

/// This replica's part in the election.
pub struct Leadership {
    /// This replica's name in `leases.holder` (host, process, random).
    pub me: String,
    /// When this replica's lease runs out by its own clock (a little before the
    /// database's view), `None` when it does not lead.
    until: Mutex<Option<Instant>>,
    always: bool,
}

/// Who leads, as the database says.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Leader {
    pub holder: String,
    /// Milliseconds until the lease runs out unless renewed (negative: run out).
    pub expires_in_ms: i64,
}

impl Leadership {
    pub fn new(always: bool) -> Leadership {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|h| h.trim().to_string())
            .unwrap_or_else(|_| "host".into());
        Leadership {
            me: format!(
                "{host}/{}/{}",
                std::process::id(),
                crate::ids::random_hex(3)
            ),
            until: Mutex::new(None),
            always,
        }
    }

    /// Whether this replica may run background work now.
    pub fn is_leading(&self) -> bool {
        if self.always {
            return true;
        }
        let until = self.until.lock().unwrap_or_else(|p| p.into_inner());
        until.is_some_and(|t| Instant::now() < t)
    }

    /// Takes or renews the lease in `tx` (a write transaction); returns whether this
    /// replica leads now, and whether it just became the leader.
    pub fn renew(&self, tx: &Connection) -> crate::sql::Result<(bool, bool)> {
        if self.always {
            return Ok((true, false));
        }
        let started = Instant::now();
        let now = db_now_ms(tx)?;
        let lease = LEASE.as_millis() as i64;
        tx.execute(
            "INSERT INTO leases(name, holder, expires_at, since) VALUES ('leader', ?1, ?2, ?3)
             ON CONFLICT(name) DO UPDATE SET
                 since = CASE WHEN leases.holder = excluded.holder THEN leases.since
                              ELSE excluded.since END,
                 holder = excluded.holder,
                 expires_at = excluded.expires_at
             WHERE leases.holder = excluded.holder OR leases.expires_at < ?3",
            params![self.me, now + lease, now],
        )?;
        let holder: Option<String> = tx
            .query_row("SELECT holder FROM leases WHERE name = 'leader'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let leading = holder.as_deref() == Some(self.me.as_str());
        let mut until = self.until.lock().unwrap_or_else(|p| p.into_inner());
        let was = until.is_some_and(|t| Instant::now() < t);
        // Counted from before the transaction began: this replica stops leading no later
        // than the database lets another take over.
        *until = leading.then(|| started + LEASE - Duration::from_millis(500));
        Ok((leading, leading && !was))
    }

    /// Gives the lease up (a clean shutdown): another replica takes over at once.
    pub fn resign(&self, tx: &Connection) -> crate::sql::Result<()> {
        if self.always {
            return Ok(());
        }
        *self.until.lock().unwrap_or_else(|p| p.into_inner()) = None;
        tx.execute(
            "DELETE FROM leases WHERE name = 'leader' AND holder = ?1",
            [&self.me],
        )?;
        Ok(())
    }
}

/// The database server's clock in milliseconds.
pub fn db_now_ms(c: &Connection) -> crate::sql::Result<i64> {
    match c.engine() {
        "postgres" => c.query_row(
            "SELECT CAST(floor(extract(epoch from clock_timestamp()) * 1000) AS BIGINT)",
            [],
            |r| r.get(0),
        ),
        _ => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)),
    }
}

/// Who holds the lease now (`gateway check`, `/v1/health`); `None` when nobody has
/// taken it (SQLite, or no replica started).
pub fn current(c: &Connection) -> crate::sql::Result<Option<Leader>> {
    let now = db_now_ms(c)?;
    c.query_row(
        "SELECT holder, expires_at FROM leases WHERE name = 'leader'",
        [],
        |r| {
            Ok(Leader {
                holder: r.get(0)?,
                expires_in_ms: r.get::<_, i64>(1)? - now,
            })
        },
    )
    .optional()
}
