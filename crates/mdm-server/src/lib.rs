//! The sandbox: a real MDM server (axum + SQLite) with a simulated fleet. It enforces
//! authentication, roles and audit exactly as the API says; it is what newcomers try the
//! tool on and what the integration tests run against.

pub mod actions;
pub mod audit;
pub mod authn;
pub mod authz;
pub mod backend;
pub mod breakglass;
pub mod checkpoint;
pub mod clock;
pub mod db;
pub mod freeze;
pub mod gateway;
pub mod handlers;
pub mod http;
pub mod ids;
pub mod leader;
pub mod local;
pub mod out_of_band;
pub mod pii;
pub mod refusals;
pub mod routes;
pub mod seedbox;
pub mod sql;
pub mod strict_json;
pub mod test_hooks;
pub mod tokens;
pub mod totp_store;

use backend::Backend;
use backend::sim::{seed, tick as sim};
use db::Db;
use gateway::{BackendConfig, GatewayConfig};
use local::LocalError;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub instance_id: String,
    pub config: ServerConfig,
    pub faults: Faults,
    /// The fleet this gateway fronts; the safety machinery never asks which one.
    pub backend: Arc<dyn Backend>,
    /// The simulator's sandbox (simulated devices), not a gateway in front of a fleet.
    pub sandbox: bool,
    /// Test hooks (`/_test/…`), present only when the sandbox was started with them.
    pub hooks: Option<test_hooks::Hooks>,
    /// Tokens' last use, not yet written (see `tokens::Touched`).
    pub touched: tokens::Touched,
    /// Wakes a vendor backend's dispatcher at once when an action was queued (created
    /// or approved), instead of at its next tick.
    pub kick: tokio::sync::Notify,
}

/// Test-only fault injection, switched on by hidden `sandbox serve` flags.
#[derive(Debug, Default)]
pub struct Faults {
    /// Commit the next action creation, then answer 502 as if a proxy lost the response.
    pub drop_next_action_response: std::sync::atomic::AtomicBool,
}

/// Server-side security settings (the server decides; clients only display them).
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Lifetime of an elevation after a step-up; never more than five minutes.
    pub elevation_ttl: Duration,
    /// Wrong codes in a row before step-up is locked.
    pub stepup_max_failures: u32,
    /// How long step-up stays locked after too many wrong codes.
    pub stepup_lockout: Duration,
    /// Wipes/retires of more devices than this need a second admin's approval.
    pub approval_threshold: u64,
    /// Pushes to more devices than this need a second admin's approval.
    pub push_approval_threshold: u64,
    /// A target covering at least this share (percent) of the active fleet is
    /// fleet-wide (a reason and a second admin), whatever its selector (1-100).
    pub fleet_share_percent: u32,
    /// After this many single-device pushes or destructive commands by one actor in
    /// the past hour, the next needs a step-up.
    pub single_action_budget: u64,
    /// Unmasked owner details (`show_pii`) of more distinct devices than this by one
    /// actor in the past hour need a step-up, and crossing it alerts (the PII guard).
    pub pii_budget: u64,
    /// How long a pending approval stays valid.
    pub approval_ttl: Duration,
    /// Share of device commands the simulator fails (0.0-1.0).
    pub fail_rate: f64,
    /// Share of the seeded fleet that starts offline (0-100).
    pub offline_percent: u32,
    /// Where break-glass activations are announced (a webhook URL).
    pub alert_webhook: Option<String>,
}

pub const MAX_ELEVATION_TTL: Duration = Duration::from_secs(300);

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            elevation_ttl: MAX_ELEVATION_TTL,
            stepup_max_failures: 5,
            stepup_lockout: Duration::from_secs(300),
            approval_threshold: 10,
            push_approval_threshold: 100,
            fleet_share_percent: 50,
            single_action_budget: 5,
            pii_budget: 50,
            approval_ttl: Duration::from_secs(3600),
            fail_rate: 0.02,
            offline_percent: 15,
            alert_webhook: None,
        }
    }
}

/// The largest PII budget that still means something (0 is allowed: every unmasked read
/// then needs a step-up).
pub const MAX_PII_BUDGET: u64 = 10_000;

/// The shortest step-up lockout that still slows a guesser down.
pub const MIN_STEPUP_LOCKOUT: Duration = Duration::from_secs(60);

impl ServerConfig {
    /// Refuses settings that would switch a protection off: a step-up lockout under a
    /// minute, an elevation that outlives five minutes (or none at all), an approval
    /// threshold of 0 (read by operators as "never"), a fleet share outside 1-100%.
    /// The message names the setting, as its command-line flag.
    pub fn check(&self) -> Result<(), String> {
        self.check_as(|k| format!("--{}", k.replace('_', "-")))
    }

    /// `check`, naming each setting as `name` spells its key (`elevation_ttl` →
    /// `--elevation-ttl` for the flags, `settings.elevation_ttl` in a gateway config).
    pub fn check_as(&self, name: impl Fn(&str) -> String) -> Result<(), String> {
        if self.elevation_ttl.is_zero() || self.elevation_ttl > MAX_ELEVATION_TTL {
            return Err(format!(
                "{} must be between 1s and 5m",
                name("elevation_ttl")
            ));
        }
        if self.stepup_lockout < MIN_STEPUP_LOCKOUT {
            return Err(format!(
                "{} must be at least 1m (a shorter lockout lets a guesser \
                 try codes almost without pause)",
                name("stepup_lockout")
            ));
        }
        if self.stepup_max_failures == 0 {
            return Err("the step-up failure limit must be at least 1".into());
        }
        if self.approval_threshold == 0 {
            return Err(format!(
                "{} must be at least 1 (0 would read as \"never\"; \
                 to make every wipe need a second admin, use 1)",
                name("approval_threshold")
            ));
        }
        if self.push_approval_threshold == 0 {
            return Err(format!(
                "{} must be at least 1",
                name("push_approval_threshold")
            ));
        }
        if !(1..=100).contains(&self.fleet_share_percent) {
            return Err(format!(
                "{} must be between 1 and 100",
                name("fleet_share_percent")
            ));
        }
        if self.single_action_budget == 0 {
            return Err(format!(
                "{} must be at least 1",
                name("single_action_budget")
            ));
        }
        if self.pii_budget > MAX_PII_BUDGET {
            return Err(format!(
                "{} must be at most {MAX_PII_BUDGET} (a larger budget would let one \
                 stolen session read a whole estate's owner details without a step-up or an alert)",
                name("pii_budget")
            ));
        }
        if self.approval_ttl.is_zero() {
            return Err(format!("{} must be longer than 0s", name("approval_ttl")));
        }
        Ok(())
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Runs blocking database work off the async threads.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&AppState) -> http::ApiResult<T> + Send + 'static,
    ) -> http::ApiResult<T> {
        let st = self.clone();
        tokio::task::spawn_blocking(move || f(&st))
            .await
            .map_err(|_| http::ApiError::internal("worker failed"))?
    }
}

/// What only the sandbox runs with, beyond its gateway config (`mdm sandbox serve`'s
/// hidden flags); a gateway runs with the defaults.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Synthetic audit events appended on first start (benchmarks).
    pub seed_audit: u64,
    pub drop_next_action_response: bool,
    /// Test-only: the backend takes this many device commands, then hangs in `submit`
    /// (`--fault stall-after-submits=N`), so a test can kill the gateway mid fan-out.
    pub stall_after_submits: Option<u64>,
    /// Serve the test hooks (`/_test/…`: clock, simulator step, fixtures). Sandbox only.
    pub test_hooks: bool,
}

/// What the server tells its starter once it listens.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Ready {
    pub url: String,
    pub pid: u32,
    pub instance_id: String,
    pub devices: u64,
}

/// The first admin, created with the database; `mdm sandbox up` mints its tokens.
pub const BOOTSTRAP_USER: &str = "admin";

/// Opens the database, seeding the fleet (simulator) and the bootstrap admin on first
/// start, over the running `backend` (see `gateway::start_backend`).
pub fn open_state(
    config: &GatewayConfig,
    opts: &RunOptions,
    backend: Arc<dyn Backend>,
) -> Result<AppState, String> {
    let db = config
        .database
        .open()
        .map_err(|e| format!("cannot open the database {}: {e}", config.database.shown()))?;
    let instance_id = db
        .write(|tx| -> Result<String, http::ApiError> {
            let instance_id = match db::meta_get(tx, "instance_id")? {
                Some(id) => id,
                None => {
                    let id = format!("sbx_{}", crate::ids::random_hex(8));
                    db::meta_set(tx, "instance_id", &id)?;
                    db::meta_set(tx, "created_at", &crate::clock::now_rfc3339())?;
                    id
                }
            };
            if let BackendConfig::Simulator(sim) = &config.backend
                && db::meta_get(tx, "seeded")?.is_none()
            {
                seed::seed(tx, sim.devices, sim.seed, config.settings.offline_percent)?;
                seed::seed_audit(tx, opts.seed_audit, sim.seed)?;
                if sim.baseline_policies {
                    handlers::policies::seed_baseline(tx)?;
                }
                db::meta_set(tx, "seeded", &sim.devices.to_string())?;
            }
            let admin: Option<i64> = {
                use crate::sql::OptionalExtension;
                tx.query_row(
                    "SELECT id FROM users WHERE name = ?1",
                    [BOOTSTRAP_USER],
                    |r| r.get(0),
                )
                .optional()?
            };
            if admin.is_none() {
                tokens::create_user(tx, BOOTSTRAP_USER, authz::Role::Admin)?;
                let ev = audit::NewEvent {
                    actor: "sandbox".into(),
                    role: "system".into(),
                    action: "user.create".into(),
                    outcome: "success".into(),
                    details: serde_json::json!({ "role": "admin", "bootstrap": true }),
                    ..Default::default()
                }
                .target("user", vec![BOOTSTRAP_USER.to_string()]);
                audit::append(tx, ev)?;
            }
            Ok(instance_id)
        })
        .map_err(|e| format!("cannot prepare the database: {}", e.message))?;
    if opts.test_hooks {
        // A restarted test sandbox keeps the time its tests moved to.
        let offset = db
            .read(|c| db::meta_get(c, clock::OFFSET_META))
            .map_err(|e| format!("cannot read the database: {e}"))?;
        clock::set_offset(offset.and_then(|v| v.parse().ok()).unwrap_or(0));
    }
    // Commands a previous run claimed and never recorded are never sent again (see
    // `actions::dispatch`); the dispatch step would find them too, this says so at once.
    // On PostgreSQL the replica that becomes the leader does this (`lead`).
    if db.leader.is_leading() {
        db.write(|tx| {
            let mut appender = audit::Appender::new(tx)?;
            actions::dispatch::recover(tx, &mut appender, clock::now_unix())
        })
        .map_err(|e| format!("cannot prepare the database: {e}"))?;
    }
    let backend = match opts.stall_after_submits {
        Some(n) => Arc::new(test_hooks::Stalling::new(backend, n)) as Arc<dyn Backend>,
        None => backend,
    };
    let (backend, hooks) = if opts.test_hooks {
        let restricted = Arc::new(test_hooks::Restricted::new(backend));
        let hooks = test_hooks::Hooks {
            backend: restricted.clone(),
        };
        (restricted as Arc<dyn Backend>, Some(hooks))
    } else {
        (backend, None)
    };
    Ok(AppState(Arc::new(Inner {
        db,
        instance_id,
        config: config.settings.clone(),
        faults: Faults {
            drop_next_action_response: opts.drop_next_action_response.into(),
        },
        sandbox: matches!(config.backend, BackendConfig::Simulator(_)),
        backend,
        hooks,
        touched: Default::default(),
        kick: tokio::sync::Notify::new(),
    })))
}

/// Runs the gateway (and so the sandbox) until SIGINT/SIGTERM: starts the backend,
/// opens the database, listens (HTTPS with `[tls]`), then `on_ready` runs once.
pub fn serve(
    config: GatewayConfig,
    opts: RunOptions,
    on_ready: impl FnOnce(&Ready) + Send + 'static,
) -> Result<(), LocalError> {
    let tls = config
        .tls
        .as_ref()
        .map(gateway::tls::server_config)
        .transpose()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| LocalError::failure(format!("cannot start the async runtime: {e}")))?;
    // A vendor backend's client runs on this runtime.
    let (backend, vendor) = {
        let _in_rt = rt.enter();
        match &config.backend {
            BackendConfig::Intune(cfg) => {
                let i = gateway::start_intune(cfg)?;
                let sync: VendorSync = {
                    let i = i.clone();
                    Arc::new(move |db, now| i.sync(db, now).map(|_| ()))
                };
                (
                    i as Arc<dyn Backend>,
                    Some((sync, cfg.sync_interval, Some(cfg.audit_interval))),
                )
            }
            BackendConfig::Jamf(cfg) => {
                let j = gateway::start_jamf(cfg)?;
                let sync: VendorSync = {
                    let j = j.clone();
                    Arc::new(move |db, now| j.sync(db, now).map(|_| ()))
                };
                (
                    j as Arc<dyn Backend>,
                    Some((sync, cfg.sync_interval, Some(cfg.audit_interval))),
                )
            }
            BackendConfig::Fleet(cfg) => {
                let f = gateway::start_fleet(cfg)?;
                let sync: VendorSync = {
                    let f = f.clone();
                    Arc::new(move |db, now| f.sync(db, now).map(|_| ()))
                };
                (
                    f as Arc<dyn Backend>,
                    Some((sync, cfg.sync_interval, Some(cfg.audit_interval))),
                )
            }
            _ => (
                gateway::start_backend(&config.backend, &config.settings)?,
                None,
            ),
        }
    };
    rt.block_on(async move {
        let state = {
            let (c, o) = (config.clone(), opts.clone());
            tokio::task::spawn_blocking(move || open_state(&c, &o, backend))
                .await
                .map_err(|e| LocalError::failure(e.to_string()))?
                .map_err(LocalError::failure)?
        };
        let addr = config.listen;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| LocalError::failure(format!("cannot listen on {addr}: {e}")))?;
        let local = listener
            .local_addr()
            .map_err(|e| LocalError::failure(e.to_string()))?;
        // A vendor backend: the first full sync runs before the URL is printed, so a
        // ready gateway answers with the inventory; a failed sync is reported and serving
        // goes on (the periodic sync retries). Vendor calls are bounded by the clients'
        // timeouts.
        {
            let st = state.clone();
            let _ = tokio::task::spawn_blocking(move || lead(&st)).await;
        }
        tokio::spawn(leadership(state.clone()));
        if let Some((sync, interval, audit_interval)) = vendor {
            let (s2, st) = (sync.clone(), state.clone());
            let first = tokio::task::spawn_blocking(move || {
                // A replica that does not lead serves what the leader's sync wrote.
                if st.db.leader.is_leading() {
                    s2(&st.db, clock::now_unix())
                } else {
                    Ok(())
                }
            })
            .await
            .map_err(|e| LocalError::failure(e.to_string()))?;
            if let Err(e) = first {
                eprintln!(
                    "warning: the first {} inventory sync failed: {}",
                    state.backend.name(),
                    mdm_model::escape::terminal(&e.to_string())
                );
            }
            tokio::spawn(vendor_sync_loop(sync, state.clone(), interval));
            tokio::spawn(vendor_dispatch_loop(state.clone()));
            if let Some(audit_interval) = audit_interval {
                tokio::spawn(vendor_audit_loop(state.clone(), audit_interval));
            }
        }
        let devices = state
            .db
            .read(|c| c.query_row("SELECT COUNT(*) FROM devices", [], |r| r.get::<_, i64>(0)))
            .map_err(|e| LocalError::failure(e.to_string()))?;
        let ready = Ready {
            url: gateway::url_of(local, tls.is_some()),
            pid: std::process::id(),
            instance_id: state.instance_id.clone(),
            devices: devices as u64,
        };
        on_ready(&ready);
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let simulator = match &config.backend {
            BackendConfig::Simulator(sim) if !sim.tick.is_zero() => Some(
                sim::spawn(state.clone(), sim.tick, stop.clone())
                    .map_err(|e| LocalError::failure(format!("cannot start the simulator: {e}")))?,
            ),
            _ => None,
        };
        state
            .db
            .manual_wal_checkpoints()
            .map_err(|e| LocalError::failure(format!("cannot set up the database: {e}")))?;
        tokio::spawn(housekeeping(state.clone()));
        let app = routes::router(state.clone());
        let served = match tls {
            None => {
                axum::serve(
                    listener,
                    app.into_make_service_with_connect_info::<SocketAddr>(),
                )
                .with_graceful_shutdown(shutdown_signal())
                .await
            }
            Some(cfg) => {
                use axum::serve::ListenerExt;
                let listener = gateway::tls::TlsListener::new(listener, cfg)
                    .map_err(|e| LocalError::failure(format!("cannot listen on {addr}: {e}")))?
                    .tap_io(|_| {});
                axum::serve(
                    listener,
                    app.into_make_service_with_connect_info::<SocketAddr>(),
                )
                .with_graceful_shutdown(shutdown_signal())
                .await
            }
        };
        served.map_err(|e| LocalError::failure(format!("server error: {e}")))?;
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = simulator {
            let _ = tokio::task::spawn_blocking(move || t.join()).await;
        }
        let st = state.clone();
        let _ = tokio::task::spawn_blocking(move || {
            housekeep(&st, true);
            // Another replica takes over at once instead of after the lease.
            let _ = st.db.write(|tx| st.db.leader.resign(tx));
        })
        .await;
        state.db.checkpoint();
        Ok(())
    })
}

/// A vendor backend's inventory sync (blocking: call it on a blocking thread).
type VendorSync = Arc<dyn Fn(&db::Db, i64) -> backend::BackendResult<()> + Send + Sync>;

/// Refreshes a vendor's inventory every `interval` (a failure is reported and retried at
/// the next turn).
async fn vendor_sync_loop(sync: VendorSync, state: AppState, interval: std::time::Duration) {
    let interval = interval.max(std::time::Duration::from_secs(1));
    loop {
        tokio::time::sleep(interval).await;
        if !state.db.leader.is_leading() {
            continue;
        }
        let (s, st) = (sync.clone(), state.clone());
        let name = state.backend.name();
        match tokio::task::spawn_blocking(move || s(&st.db, clock::now_unix())).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!(
                "warning: the {name} inventory sync failed: {}",
                mdm_model::escape::terminal(&e.to_string())
            ),
            Err(e) => eprintln!("warning: the {name} inventory sync stopped: {e}"),
        }
    }
}

/// Reads the vendor's audit log every `interval` for changes made around the gateway
/// (see [`out_of_band`]); the first read, at start, only sets the cursor on a new
/// gateway. A failure is reported and retried at the next turn.
async fn vendor_audit_loop(state: AppState, interval: std::time::Duration) {
    let interval = interval.max(std::time::Duration::from_secs(1));
    loop {
        if !state.db.leader.is_leading() {
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        let st = state.clone();
        match tokio::task::spawn_blocking(move || out_of_band::step(&st.db, st.backend.as_ref()))
            .await
        {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => eprintln!("warning: reading the vendor's audit events failed: {e}"),
            Err(e) => eprintln!("warning: reading the vendor's audit events stopped: {e}"),
        }
        tokio::time::sleep(interval).await;
    }
}

/// The gateway's step over live actions for a vendor backend (the simulator's tick does
/// it for the simulator): submits queued commands and polls those in flight, every second.
async fn vendor_dispatch_loop(state: AppState) {
    let mut interval = tokio::time::interval(Duration::from_secs(1));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = state.kick.notified() => {}
        }
        if !state.db.leader.is_leading() {
            continue;
        }
        let st = state.clone();
        let stepped = tokio::task::spawn_blocking(move || {
            let now = clock::now_unix();
            st.db.write_bg(|tx| -> Result<(), backend::BackendError> {
                let mut appender = audit::Appender::new(tx)?;
                breakglass::expire(tx, &mut appender, now)?;
                Ok(())
            })?;
            // Short transactions of its own, the Graph calls between them.
            actions::dispatch::process(&st.db, st.backend.as_ref(), now)
        })
        .await;
        if let Ok(Err(e)) = stepped {
            eprintln!("mdm gateway: dispatch: {e}");
        }
    }
}

/// The server's own bookkeeping, once a second, off the request path: WAL checkpoints,
/// a signed checkpoint of each new audit head, and (every fifth turn) tokens' last use.
async fn housekeeping(state: AppState) {
    let mut interval = tokio::time::interval(Duration::from_secs(1));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut turn = 0_u64;
    loop {
        interval.tick().await;
        turn += 1;
        let st = state.clone();
        let _ = tokio::task::spawn_blocking(move || housekeep(&st, turn.is_multiple_of(5))).await;
    }
}

/// Takes or renews this replica's lease every second (see [`leader`]).
async fn leadership(state: AppState) {
    let mut interval = tokio::time::interval(Duration::from_secs(1));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let st = state.clone();
        let _ = tokio::task::spawn_blocking(move || lead(&st)).await;
    }
}

/// One turn of `leadership`. A replica that just became the leader first recovers
/// what the previous one claimed and may not have sent; a failure (the database gone)
/// leaves it not leading until a later turn succeeds.
fn lead(st: &AppState) {
    if st.db.engine() == "sqlite" {
        return;
    }
    let renewed = st.db.write(|tx| -> Result<bool, http::ApiError> {
        let (_, became) = st.db.leader.renew(tx)?;
        if became {
            let mut appender = audit::Appender::new(tx)?;
            actions::dispatch::recover(tx, &mut appender, clock::now_unix())?;
        }
        Ok(became)
    });
    match renewed {
        Ok(true) => eprintln!(
            "mdm gateway: this replica ({}) leads: it runs background work now",
            mdm_model::escape::terminal(&st.db.leader.me)
        ),
        Ok(false) => {}
        Err(e) => eprintln!("warning: renewing the leader lease failed: {}", e.message),
    }
}

/// One turn of `housekeeping` (also run at shutdown, with `flush_tokens`). A failure is
/// reported and tried again at the next turn.
fn housekeep(st: &AppState, flush_tokens: bool) {
    if flush_tokens && let Err(e) = st.touched.flush(&st.db) {
        eprintln!("warning: recording tokens' last use failed: {e}");
    }
    if st.db.leader.is_leading()
        && let Err(e) = checkpoint::store_new_head(&st.db, &st.instance_id)
    {
        eprintln!("warning: signing a checkpoint of the audit log failed: {e}");
    }
    if let Err(e) = st.db.wal_checkpoint() {
        eprintln!("warning: the database's WAL checkpoint failed: {e}");
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
