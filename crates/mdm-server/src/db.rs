//! SQLite storage of the sandbox server: one writer connection behind a mutex (SQLite
//! allows one writer anyway) and a small pool of readers, all in WAL mode so reads never
//! wait for the simulator's writes.
//!
//! Writers come in two kinds. A request's write (`Db::write`: a step-up, a lock, an audit
//! event) goes first; background work (`Db::write_bg`: the simulator's tick, the dispatch
//! step, the inventory sync, bookkeeping) gives way to it before each of its short
//! transactions, so a request waits for at most one background transaction, never for a
//! whole step. A plain mutex would not do that: the thread that unlocks it can take it
//! again before a waiting request thread is even scheduled.

use crate::sql::{Connection, pg};
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

pub const DB_FILE: &str = "mdm.sqlite3";

pub struct Db {
    writer: Mutex<Connection>,
    /// Request writes waiting for the writer or holding it; background writes start only
    /// while it is zero.
    urgent: AtomicUsize,
    /// Where background writers wait for `urgent` to fall to zero.
    calm: (Mutex<()>, Condvar),
    /// Its own connection for WAL checkpoints (`wal_checkpoint`), opened on first use.
    checkpointer: Mutex<Option<Connection>>,
    readers: Mutex<Vec<Connection>>,
    path: PathBuf,
    /// PostgreSQL: where to connect again when a connection is lost.
    pg: Option<std::sync::Arc<pg::Target>>,
    /// Whether this replica runs background work (see `leader`).
    pub leader: crate::leader::Leadership,
    /// Held by the dispatch step (`actions::dispatch::process`) for its whole run, so
    /// one step at a time hands commands to the backend and a claim found by a step is
    /// never one a running step still holds.
    dispatch: Mutex<()>,
}

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    // 1: foundation
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        hash BLOB NOT NULL UNIQUE,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at INTEGER,
        revoked_at TEXT,
        last_used_at INTEGER
    );
    CREATE INDEX tokens_user ON tokens(user_id);
    CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE devices (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        serial TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        platform TEXT NOT NULL,
        model TEXT NOT NULL,
        os_version TEXT NOT NULL,
        owner_name TEXT NOT NULL,
        owner_email TEXT NOT NULL,
        owner_phone TEXT NOT NULL,
        status TEXT NOT NULL,
        compliance TEXT NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0,
        enrolled_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        offline_until INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX devices_platform ON devices(platform);
    CREATE INDEX devices_status ON devices(status, last_seen);
    CREATE TABLE device_groups (
        group_id INTEGER NOT NULL REFERENCES groups(id),
        device_rid INTEGER NOT NULL REFERENCES devices(rid),
        PRIMARY KEY (group_id, device_rid)
    ) WITHOUT ROWID;
    CREATE INDEX device_groups_device ON device_groups(device_rid);
    CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL,
        body TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX audit_ts ON audit_events(ts);
    CREATE INDEX audit_actor ON audit_events(actor, id);
    CREATE INDEX audit_action ON audit_events(action, id);
    CREATE TABLE audit_devices (
        device_id TEXT NOT NULL,
        event_id INTEGER NOT NULL,
        PRIMARY KEY (device_id, event_id)
    ) WITHOUT ROWID;
    "#,
    // 2: MFA step-up
    r#"
    ALTER TABLE users ADD COLUMN totp_secret TEXT;
    ALTER TABLE users ADD COLUMN totp_pending TEXT;
    ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN stepup_failures INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN stepup_locked_until INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE elevations (
        id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        token_id TEXT NOT NULL REFERENCES tokens(id),
        hash BLOB NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
    );
    CREATE INDEX elevations_user ON elevations(user_id);
    "#,
    // 3: guarded actions, previews and approvals
    r#"
    CREATE TABLE previews (
        id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        count INTEGER NOT NULL,
        digest TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        declined INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE actions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_by_id INTEGER NOT NULL,
        elevation_id TEXT,
        target TEXT NOT NULL,
        target_digest TEXT NOT NULL,
        total INTEGER NOT NULL,
        platforms TEXT NOT NULL,
        options TEXT NOT NULL,
        reason TEXT,
        ticket TEXT,
        idempotency_key TEXT,
        request_hash TEXT,
        approval_required INTEGER NOT NULL DEFAULT 0,
        approval_expires_at INTEGER,
        approved_by TEXT,
        approved_at INTEGER,
        rejected_by TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER
    );
    CREATE UNIQUE INDEX actions_idempotency ON actions(requested_by_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL;
    CREATE INDEX actions_status ON actions(status);
    CREATE TABLE action_devices (
        action_seq INTEGER NOT NULL REFERENCES actions(seq),
        device_rid INTEGER NOT NULL REFERENCES devices(rid),
        status TEXT NOT NULL,
        error TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (action_seq, device_rid)
    ) WITHOUT ROWID;
    CREATE INDEX action_devices_status ON action_devices(status, action_seq);
    "#,
    // 4: enrollment, the app catalog, pushes and staged rollouts
    r#"
    CREATE TABLE enrollments (
        id TEXT PRIMARY KEY,
        token_hash BLOB NOT NULL UNIQUE,
        user_email TEXT NOT NULL,
        platform TEXT,
        group_name TEXT,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        uses_allowed INTEGER NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0,
        revoked_at INTEGER,
        last_used_at INTEGER,
        bulk_id TEXT
    );
    CREATE INDEX enrollments_created ON enrollments(created_at);
    CREATE TABLE apps (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        bundle_id TEXT NOT NULL,
        version TEXT NOT NULL,
        platform TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        source TEXT,
        size INTEGER,
        added_by TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        UNIQUE (bundle_id, version)
    );
    CREATE TABLE device_apps (
        device_rid INTEGER NOT NULL,
        app_id TEXT NOT NULL,
        installed_at INTEGER NOT NULL,
        PRIMARY KEY (device_rid, app_id)
    ) WITHOUT ROWID;
    CREATE TABLE device_profiles (
        device_rid INTEGER NOT NULL,
        name TEXT NOT NULL,
        digest TEXT NOT NULL,
        installed_at INTEGER NOT NULL,
        PRIMARY KEY (device_rid, name)
    ) WITHOUT ROWID;
    ALTER TABLE action_devices ADD COLUMN wave INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE actions ADD COLUMN current_wave INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE actions ADD COLUMN halt_reason TEXT;
    "#,
    // 5: security policies
    r#"
    CREATE TABLE policies (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
    );
    "#,
    // 6: signed audit checkpoints
    r#"
    CREATE TABLE audit_checkpoints (
        instance_id TEXT NOT NULL,
        tree_size INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        time TEXT NOT NULL,
        public_key TEXT NOT NULL,
        key_id TEXT NOT NULL,
        signature TEXT NOT NULL
    );
    CREATE INDEX audit_checkpoints_size ON audit_checkpoints(tree_size);
    CREATE INDEX audit_outcome ON audit_events(outcome, id);
    "#,
    // 7: break-glass sessions; actions requested under break-glass
    r#"
    CREATE TABLE breakglass_sessions (
        id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        "user" TEXT NOT NULL,
        token_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        ticket TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        ended_at INTEGER,
        ended_by TEXT,
        end_reason TEXT,
        alert TEXT
    );
    CREATE INDEX breakglass_user ON breakglass_sessions(user_id, expires_at);
    ALTER TABLE actions ADD COLUMN breakglass INTEGER NOT NULL DEFAULT 0;
    "#,
    // 8: folding of identical refusals (one audit event per token, route and code per minute)
    r#"
    CREATE TABLE refusal_folds (
        token_id TEXT NOT NULL,
        method TEXT NOT NULL,
        route TEXT NOT NULL,
        code TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        folded INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (token_id, method, route, code)
    );
    "#,
    // 9: dispatch outside the write transaction. A command is claimed (`sending`, with
    // `claimed_at`) and committed before the backend is called; a claim found by a later
    // step (the gateway died mid-request) is never sent again: it becomes `sent` with
    // `recovered` set, and the backend is asked what became of it. The simulator records
    // every command it received, per action and device (its answer to `recovered`).
    r#"
    ALTER TABLE action_devices ADD COLUMN claimed_at INTEGER;
    ALTER TABLE action_devices ADD COLUMN recovered INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE sim_deliveries (
        action_id TEXT NOT NULL,
        device_rid INTEGER NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        PRIMARY KEY (action_id, device_rid)
    ) WITHOUT ROWID;
    "#,
    // 10: the vendor's own approval (Intune Multi Admin Approval). A device whose request
    // the vendor holds is `vendor_approval`, with the vendor's approval code; it is sent
    // again (once, with the code) when the vendor reports the request approved;
    // `vendor_checked_at`: when the vendor was last asked about the code.
    r#"
    ALTER TABLE action_devices ADD COLUMN vendor_approval_code TEXT;
    ALTER TABLE action_devices ADD COLUMN vendor TEXT;
    ALTER TABLE action_devices ADD COLUMN vendor_checked_at INTEGER;
    "#,
    // 11: what every dispatch step looks up, indexed, so a step's cost follows the devices
    // it moves, not the size of the action: commands in flight (and devices waiting on
    // the vendor) by action and status, the devices still to claim (a partial index:
    // those are few once a fan-out is under way), and an actor's recent actions for
    // the gate's rolling budgets.
    r#"
    CREATE INDEX action_devices_seq_status ON action_devices(action_seq, status, updated_at);
    CREATE INDEX action_devices_todo ON action_devices(action_seq, device_rid)
        WHERE status IN ('queued', 'pending');
    CREATE INDEX actions_requester ON actions(requested_by_id, created_at);
    "#,
    // 12: the audit index stream (`GET /v1/audit/index`, read by `audit verify`) walks
    // the device links in event order; keyed by device, they had to be sorted whole.
    r#"
    CREATE INDEX audit_devices_event ON audit_devices(event_id, device_id);
    "#,
    // 13: a staged rollout's wave deadline (`wave_timeout_seconds`) counts from when the
    // dispatcher first saw the current wave running.
    r#"
    ALTER TABLE actions ADD COLUMN wave_started_at INTEGER;
    "#,
    // 14: the Jamf Pro backend. Jamf addresses MDM commands by a device's management id
    // (kept per mdm device id by the sync), and answers each with a command uuid: the
    // gateway records which command it sent each device of an action (outcomes are read
    // by uuid, and a command in Jamf's history whose uuid is not here was sent around
    // the gateway). `action_pins`: the unlock PIN a backend set on a device (a Mac
    // locked or erased through Jamf Pro or Fleet), until the requester has seen it once
    // (`POST /v1/actions/{id}/pins`): then the PIN is forgotten, `revealed_at` kept.
    r#"
    CREATE TABLE jamf_devices (
        id TEXT PRIMARY KEY,
        management_id TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX jamf_devices_management ON jamf_devices(management_id);
    CREATE TABLE jamf_commands (
        action_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        uuid TEXT NOT NULL,
        command TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (action_id, device_id)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX jamf_commands_uuid ON jamf_commands(uuid);
    CREATE TABLE action_pins (
        action_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        pin TEXT,
        created_at INTEGER NOT NULL,
        revealed_at INTEGER,
        PRIMARY KEY (action_id, device_id)
    ) WITHOUT ROWID;
    "#,
    // 15: several replicas on one PostgreSQL: the lease of the one that runs background
    // work (`leader`; times in milliseconds of the database server's clock).
    r#"
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        since INTEGER NOT NULL
    );
    "#,
];

fn open_conn(path: &Path, read_only: bool) -> crate::sql::Result<Connection> {
    Ok(Connection::from_sqlite(open_sqlite(path, read_only)?))
}

fn open_sqlite(path: &Path, read_only: bool) -> rusqlite::Result<rusqlite::Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = rusqlite::Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if !read_only {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    Ok(conn)
}

impl Db {
    /// Opens (creating if needed) the database in `dir`, and brings the schema up to date.
    pub fn open(dir: &Path) -> crate::sql::Result<Db> {
        Db::open_with_key(dir, None)
    }

    /// `open`, with the TOTP key file at `key_file` (default: `totp.key` beside the
    /// database; see `seedbox`).
    pub fn open_with_key(dir: &Path, key_file: Option<&Path>) -> crate::sql::Result<Db> {
        std::fs::create_dir_all(dir)
            .map_err(|e| cant_open(format!("cannot create {}: {e}", dir.display())))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        Db::open_file(&dir.join(DB_FILE), key_file)
    }

    /// Opens (creating if needed) the database file at `path` (a gateway's `database`),
    /// with its TOTP key at `key_file` (default: `totp.key` beside it). A missing parent
    /// directory is created, private (0700); an existing one is left as it is.
    pub fn open_file(path: &Path, key_file: Option<&Path>) -> crate::sql::Result<Db> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.exists()
        {
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            b.create(parent)
                .map_err(|e| cant_open(format!("cannot create {}: {e}", parent.display())))?;
        }
        let path = path.to_path_buf();
        let mut writer = open_sqlite(&path, false)?;
        migrate(&mut writer)?;
        let writer = Connection::from_sqlite(writer);
        crate::seedbox::prepare(&writer, &path, key_file)?;
        let mut readers = Vec::new();
        for _ in 0..4 {
            readers.push(open_conn(&path, true)?);
        }
        Ok(Db {
            writer: Mutex::new(writer),
            urgent: AtomicUsize::new(0),
            calm: (Mutex::new(()), Condvar::new()),
            checkpointer: Mutex::new(None),
            readers: Mutex::new(readers),
            path,
            pg: None,
            leader: crate::leader::Leadership::new(true),
            dispatch: Mutex::new(()),
        })
    }

    /// Opens the PostgreSQL database at `target` (shared by the gateway's replicas),
    /// brings its schema up to date under the write lock (replicas starting together
    /// migrate once), and loads the TOTP key from `key_file`, which must exist: a
    /// replica never makes a key of its own.
    pub fn open_postgres(
        target: pg::Target,
        key_file: &Path,
        checkpoint_key: [u8; 32],
    ) -> crate::sql::Result<Db> {
        let target = std::sync::Arc::new(target);
        let writer = Connection::from_postgres(pg::Conn::connect(&target)?);
        migrate_postgres(&writer)?;
        writer.begin_write()?;
        let prepared = crate::seedbox::prepare_with(&writer, &target.shown, key_file, false)
            .and_then(|()| crate::checkpoint::install(&writer, &target.shown, checkpoint_key));
        match prepared {
            Ok(()) => writer.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = writer.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
        Ok(Db {
            writer: Mutex::new(writer),
            urgent: AtomicUsize::new(0),
            calm: (Mutex::new(()), Condvar::new()),
            checkpointer: Mutex::new(None),
            readers: Mutex::new(Vec::new()),
            path: PathBuf::from(&target.shown),
            pg: Some(target),
            leader: crate::leader::Leadership::new(false),
            dispatch: Mutex::new(()),
        })
    }

    /// The database file, or the PostgreSQL URL without its password.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn engine(&self) -> &'static str {
        if self.pg.is_some() {
            "postgres"
        } else {
            "sqlite"
        }
    }

    /// The schema version recorded in the database (what `gateway check` reports).
    pub fn schema_in_database(&self) -> crate::sql::Result<i64> {
        self.read(|c| match c.as_sqlite() {
            Some(s) => Ok(s.pragma_query_value(None, "user_version", |r| r.get(0))?),
            None => c.query_row("SELECT version FROM mdm_schema", [], |r| r.get(0)),
        })
    }

    /// A write that is rolled back: the database takes writes from this gateway (its
    /// role may write; it is not a read-only standby; the write lock is free enough).
    pub fn write_test(&self) -> crate::sql::Result<()> {
        let conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        conn.begin_write()?;
        let wrote = conn.execute(
            "INSERT INTO meta(key, value) VALUES ('write_test', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [crate::clock::now_rfc3339()],
        );
        conn.execute_batch("ROLLBACK")?;
        wrote.map(|_| ())
    }

    fn connect(&self, read_only: bool) -> crate::sql::Result<Connection> {
        match &self.pg {
            Some(t) => Ok(Connection::from_postgres(pg::Conn::connect(t)?)),
            None => open_conn(&self.path, read_only),
        }
    }

    /// Runs `f` on a reader connection (blocking; call from `spawn_blocking`).
    pub fn read<T, E: From<crate::sql::Error>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let conn = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match conn {
            Some(c) if !c.is_closed() => c,
            _ => self.connect(true)?,
        };
        let result = f(&conn);
        let mut pool = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if pool.len() < 8 {
            pool.push(conn);
        }
        result
    }

    /// Runs `f` in an IMMEDIATE transaction on the writer; commits when it returns Ok.
    /// Audit events are written inside the same transaction as the change they record.
    /// For a request's writes: background writers give way to it (see the module docs).
    pub fn write<T, E: From<crate::sql::Error>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        self.urgent.fetch_add(1, Ordering::SeqCst);
        let _done = UrgentDone(self);
        self.transact(f)
    }

    /// `write` for background work: first waits while any request's write is waiting or
    /// running. Keep each such transaction short (a few milliseconds): a request arriving
    /// meanwhile waits for it. Never waits longer than `GIVE_WAY_AT_MOST`, so a steady
    /// stream of requests slows background work down but cannot stop it.
    pub fn write_bg<T, E: From<crate::sql::Error>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        self.give_way();
        self.transact(f)
    }

    /// Whether a request's write is waiting for (or holding) the writer: a background
    /// slice checks it to end early.
    pub fn request_waiting(&self) -> bool {
        self.urgent.load(Ordering::SeqCst) > 0
    }

    fn give_way(&self) {
        if !self.request_waiting() {
            return;
        }
        let until = Instant::now() + GIVE_WAY_AT_MOST;
        let (lock, cv) = &self.calm;
        let mut g = lock.lock().unwrap_or_else(|p| p.into_inner());
        while self.request_waiting() && Instant::now() < until {
            // A short timeout as well as the notification: a wakeup sent between the
            // check and the wait is not lost for long.
            g = cv
                .wait_timeout(g, Duration::from_millis(2))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    fn transact<T, E: From<crate::sql::Error>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if conn.is_closed() {
            // PostgreSQL restarted or dropped us: a new connection, or this request
            // fails (nothing of it was written) and the next one tries again.
            *conn = self.connect(false)?;
        }
        conn.begin_write()?;
        // Rolls back unless committed: when `f` fails, and when it panics.
        let open = OpenTx(&conn);
        let value = f(&conn)?;
        conn.execute_batch("COMMIT")?;
        std::mem::forget(open);
        Ok(value)
    }

    /// The dispatch step's lock (see the field); blocks while another step runs.
    pub fn dispatch_lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.dispatch.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// From now on WAL checkpoints run only when `wal_checkpoint` is called (a server's
    /// housekeeping step does so every second) instead of inside whichever commit
    /// crosses SQLite's threshold, which could be a request's.
    pub fn manual_wal_checkpoints(&self) -> crate::sql::Result<()> {
        let conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        match conn.as_sqlite() {
            Some(c) => Ok(c.pragma_update(None, "wal_autocheckpoint", 0)?),
            None => Ok(()),
        }
    }

    /// Copies committed WAL pages into the database file on its own connection, taking
    /// no write lock: writers and readers go on meanwhile (SQLite's PASSIVE mode).
    pub fn wal_checkpoint(&self) -> crate::sql::Result<()> {
        if self.pg.is_some() {
            return Ok(());
        }
        let mut slot = self.checkpointer.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(open_conn(&self.path, false)?);
        }
        let conn = slot.as_ref().expect("opened above");
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
    }

    pub fn checkpoint(&self) {
        let conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
    }
}

/// An open transaction on the writer, rolled back when dropped.
struct OpenTx<'a>(&'a Connection);

impl Drop for OpenTx<'_> {
    fn drop(&mut self) {
        let _ = self.0.execute_batch("ROLLBACK");
    }
}

/// The longest a background write waits for requests' writes to pass.
const GIVE_WAY_AT_MOST: Duration = Duration::from_millis(250);

/// Ends a request's claim on the writer (also when its closure fails or panics), and
/// wakes background writers when it was the last.
struct UrgentDone<'a>(&'a Db);

impl Drop for UrgentDone<'_> {
    fn drop(&mut self) {
        if self.0.urgent.fetch_sub(1, Ordering::SeqCst) == 1 {
            let (lock, cv) = &self.0.calm;
            let _g = lock.lock().unwrap_or_else(|p| p.into_inner());
            cv.notify_all();
        }
    }
}

fn cant_open(message: String) -> crate::sql::Error {
    crate::sql::Error::Unusable(message)
}

/// The SQLite migrations in PostgreSQL's types: BIGINT for INTEGER (an `INTEGER
/// PRIMARY KEY` an identity column, as SQLite's rowid alias numbers itself), BYTEA for
/// BLOB; no `WITHOUT ROWID`. The tables read in `rowid` order get a `rowid` column.
fn pg_migration(i: usize, sql: &str) -> String {
    let mut s = sql
        .replace(
            "INTEGER PRIMARY KEY",
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        )
        .replace("INTEGER", "BIGINT")
        .replace("BLOB", "BYTEA")
        .replace(") WITHOUT ROWID;", ");");
    match i + 1 {
        4 => s.push_str(
            "ALTER TABLE enrollments ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
             ALTER TABLE apps ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;",
        ),
        6 => s.push_str(
            "ALTER TABLE audit_checkpoints ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;",
        ),
        _ => {}
    }
    s
}

/// `migrate` on PostgreSQL: the version is kept in `mdm_schema`; the whole run holds the
/// write lock, so replicas starting together migrate once, and a replica older than the
/// schema refuses to start.
fn migrate_postgres(conn: &Connection) -> crate::sql::Result<()> {
    conn.begin_write()?;
    let run = || -> crate::sql::Result<()> {
        conn.execute_batch("CREATE TABLE IF NOT EXISTS mdm_schema (version BIGINT NOT NULL)")?;
        let version: Option<i64> = {
            use crate::sql::OptionalExtension;
            conn.query_row("SELECT version FROM mdm_schema", [], |r| r.get(0))
                .optional()?
        };
        if version.is_none() {
            conn.execute("INSERT INTO mdm_schema(version) VALUES (0)", [])?;
        }
        let version = usize::try_from(version.unwrap_or(0)).unwrap_or(0);
        if version > MIGRATIONS.len() {
            return Err(crate::sql::Error::Unusable(format!(
                "the database has schema version {version}, newer than this mdm ({}); \
                 upgrade this replica to the version the others run",
                MIGRATIONS.len()
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            conn.execute_batch(&pg_migration(i, sql))?;
            conn.execute("UPDATE mdm_schema SET version = ?1", [(i + 1) as i64])?;
        }
        Ok(())
    };
    match run() {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The schema version this binary knows (the number of migrations).
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

fn migrate(conn: &mut rusqlite::Connection) -> crate::sql::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let version = usize::try_from(version).unwrap_or(0);
    if version > MIGRATIONS.len() {
        return Err(crate::sql::Error::Unusable(format!(
            "the sandbox database has schema version {version}, newer than this mdm ({}); upgrade mdm or use another --db-dir",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

pub fn meta_get(conn: &Connection, key: &str) -> crate::sql::Result<Option<String>> {
    use crate::sql::OptionalExtension;
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub fn meta_set(conn: &Connection, key: &str, value: &str) -> crate::sql::Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// A text column holding one of the model's names (`ios`, `queued`, ...), typed. A name
/// the model does not know is a conversion error, never a default.
pub fn name_col<T>(r: &crate::sql::Row<'_>, i: usize) -> crate::sql::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: String = r.get(i)?;
    s.parse()
        .map_err(|e: T::Err| crate::sql::Error::Conversion {
            index: i,
            message: e.to_string(),
        })
}

/// `name_col` for a nullable column.
pub fn opt_name_col<T>(r: &crate::sql::Row<'_>, i: usize) -> crate::sql::Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: Option<String> = r.get(i)?;
    s.map(|s| {
        s.parse()
            .map_err(|e: T::Err| crate::sql::Error::Conversion {
                index: i,
                message: e.to_string(),
            })
    })
    .transpose()
}

/// A database in a new temporary directory for unit tests, removed when dropped.
#[cfg(test)]
pub struct TempDb {
    db: Option<Db>,
    dir: PathBuf,
}

#[cfg(test)]
impl TempDb {
    pub fn new(label: &str) -> TempDb {
        let dir = std::env::temp_dir().join(format!(
            "mdm-{label}-test-{}-{}",
            std::process::id(),
            crate::ids::random_hex(4)
        ));
        TempDb {
            db: Some(Db::open(&dir).expect("a test database")),
            dir,
        }
    }
}

#[cfg(test)]
impl std::ops::Deref for TempDb {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db.as_ref().expect("open until dropped")
    }
}

#[cfg(test)]
impl Drop for TempDb {
    fn drop(&mut self) {
        drop(self.db.take());
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::params;
    use std::sync::{Arc, Barrier};

    /// A request's write that waits behind a background transaction goes next: the
    /// background thread's next transaction, started right after, gives way to it (a
    /// plain mutex lets the thread that unlocks it take it straight back).
    #[test]
    fn a_request_write_goes_before_the_next_background_write() {
        let db = TempDb::new("db");
        let order = Mutex::new(Vec::new());
        let (held, release) = (Barrier::new(2), Arc::new(Barrier::new(2)));
        std::thread::scope(|s| {
            s.spawn(|| {
                db.write_bg(|_| {
                    held.wait();
                    release.wait();
                    order.lock().unwrap().push("background 1");
                    Ok::<_, crate::sql::Error>(())
                })
                .unwrap();
                db.write_bg(|_| {
                    order.lock().unwrap().push("background 2");
                    Ok::<_, crate::sql::Error>(())
                })
                .unwrap();
            });
            held.wait();
            s.spawn(|| {
                db.write(|_| {
                    order.lock().unwrap().push("request");
                    Ok::<_, crate::sql::Error>(())
                })
                .unwrap()
            });
            while !db.request_waiting() {
                std::thread::yield_now();
            }
            // Let the request thread reach the writer's lock (it waits there either way).
            std::thread::sleep(Duration::from_millis(30));
            release.wait();
        });
        assert_eq!(
            *order.lock().unwrap(),
            ["background 1", "request", "background 2"]
        );
        assert!(!db.request_waiting(), "the request's claim ended");
    }

    /// A statement per chunk of ids changes every row once: full chunks, a short last
    /// one (padded), ids given twice, ids with no row.
    #[test]
    fn statements_for_ids_cover_every_chunk_once() {
        let db = TempDb::new("db");
        let n = crate::sql::IDS_PER_STATEMENT as i64 * 2 + 17;
        db.write(|tx| -> crate::sql::Result<()> {
            tx.execute_batch("CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")?;
            for id in 1..=n {
                tx.execute("INSERT INTO t(id, v) VALUES (?1, 0)", [id])?;
            }
            let mut ids: Vec<i64> = (1..=n + 5).collect();
            ids.push(3);
            let changed = tx.execute_for_ids(
                "UPDATE t SET v = v + ?1 WHERE id IN ({ids})",
                params![1],
                &ids,
            )?;
            assert_eq!(
                changed as i64, n,
                "each row once, none for ids without a row"
            );
            let back = tx.query_for_ids(
                "UPDATE t SET v = v + 1 WHERE id IN ({ids}) RETURNING id",
                &[],
                &[5, 6, n],
                |r| r.get::<_, i64>(0),
            )?;
            assert_eq!(back.len(), 3);
            let sum: i64 = tx.query_row("SELECT SUM(v) FROM t", [], |r| r.get(0))?;
            assert_eq!(sum, n + 3);
            assert_eq!(
                tx.execute_for_ids("UPDATE t SET v = 0 WHERE id IN ({ids})", &[], &[])?,
                0
            );
            Ok(())
        })
        .unwrap();
    }

    /// Events appended together make the same chain as one by one: ids in sequence,
    /// each hash over its stored body, each linked to the one before, device targets
    /// indexed.
    #[test]
    fn events_appended_together_continue_one_chain() {
        let db = TempDb::new("db");
        let event = |i: usize| {
            crate::audit::NewEvent {
                actor: format!("device:d{i}"),
                role: "device".into(),
                action: "action.device_outcome".into(),
                outcome: "success".into(),
                ..crate::audit::NewEvent::default()
            }
            .target("device", vec![format!("d{i}")])
        };
        db.write(|tx| -> crate::sql::Result<()> {
            let mut ap = crate::audit::Appender::new(tx)?;
            ap.append(tx, event(0))?;
            ap.append_all(tx, (1..=250).map(event).collect())?;
            ap.append(tx, event(251))?;
            ap.append_all(tx, Vec::new())
        })
        .unwrap();
        let rows: Vec<(i64, String, String)> = db
            .read(|c| {
                let mut stmt = c.prepare("SELECT id, body, hash FROM audit_events ORDER BY id")?;
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<crate::sql::Result<_>>()
            })
            .unwrap();
        assert_eq!(rows.len(), 252);
        let mut prev = mdm_model::audit::GENESIS.to_string();
        for (i, (id, body, hash)) in rows.iter().enumerate() {
            assert_eq!(*id, i as i64 + 1);
            assert_eq!(*hash, mdm_model::audit::hash_bytes(body.as_bytes()));
            let v: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(
                v["prev_hash"],
                prev.as_str(),
                "event {id} follows the one before"
            );
            assert_eq!(v["actor"], format!("device:d{i}"));
            prev = hash.clone();
        }
        let indexed: i64 = db
            .read(|c| c.query_row("SELECT COUNT(*) FROM audit_devices", [], |r| r.get(0)))
            .unwrap();
        assert_eq!(indexed, 252);
    }

    /// A request's write that fails still ends its claim: background work goes on.
    #[test]
    fn a_failed_request_write_does_not_hold_background_work() {
        let db = TempDb::new("db");
        let r: crate::sql::Result<()> = db.write(|tx| {
            tx.execute_batch("SELECT * FROM no_such_table")?;
            Ok(())
        });
        assert!(r.is_err());
        assert!(!db.request_waiting());
        db.write_bg(|tx| tx.execute_batch("CREATE TABLE t(x)"))
            .unwrap();
    }
}
