//! The gateway: API v1 in front of a fleet backend, configured by one TOML file
//! (`mdm gateway serve --config FILE`). The sandbox is this same server with the
//! simulator backend on loopback, its config made from `mdm sandbox serve`'s flags.

pub mod config;
pub mod secrets;
pub mod tls;

use crate::ServerConfig;
use crate::backend::Backend;
use crate::backend::intune::{BlockingGraph, GraphClient, Intune, IntuneConfig, SecretValue};
use crate::backend::sim::Simulator;
use crate::local::LocalError;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// A gateway's config, resolved: addresses parsed, settings checked, secrets read.
#[derive(Debug, Clone)]
pub struct GatewayConfig {
    pub listen: SocketAddr,
    /// Where the gateway keeps its state.
    pub database: Database,
    /// HTTPS; required unless `listen` is a loopback address.
    pub tls: Option<TlsConfig>,
    pub backend: BackendConfig,
    /// The server settings (for the simulator also its failure and offline shares).
    pub settings: ServerConfig,
}

/// The gateway's database: an SQLite file (one gateway), or PostgreSQL shared by
/// several replicas.
#[derive(Debug, Clone)]
pub enum Database {
    /// The file; its TOTP key (`totp.key`) lives beside it.
    Sqlite(PathBuf),
    Postgres(Box<PostgresConfig>),
}

/// PostgreSQL, and the keys every replica must share.
#[derive(Debug, Clone)]
pub struct PostgresConfig {
    /// `postgres://user@host:port/db?…`, never with a password.
    pub url: String,
    /// From `[postgres] password_file` or `password_env`.
    pub password: Option<SecretValue>,
    /// `[postgres] ca_file`: the roots the database's certificate is checked against.
    pub ca_pem: Option<Vec<u8>>,
    /// `[keys] totp_key_file`: seals TOTP seeds at rest (64 hex digits).
    pub totp_key_file: PathBuf,
    /// `[keys] checkpoint_key_file` or `checkpoint_key_env`: the Ed25519 seed (64 hex
    /// digits) every replica signs audit checkpoints with.
    pub checkpoint_key: SecretValue,
}

impl PostgresConfig {
    /// Where to connect, with the password from its secret source.
    pub fn target(&self) -> Result<crate::sql::pg::Target, crate::sql::Error> {
        let password = self.password.as_ref().map(|s| s.expose_str().unwrap_or(""));
        crate::sql::pg::Target::new(&self.url, password, self.ca_pem.as_deref())
            .map_err(crate::sql::Error::Unusable)
    }

    /// The checkpoint key's Ed25519 seed; `None` unless it is 64 hex digits.
    pub fn checkpoint_seed(&self) -> Option<[u8; 32]> {
        let text = self.checkpoint_key.expose_str()?;
        <[u8; 32]>::try_from(hex::decode(text).ok()?.as_slice()).ok()
    }
}

impl Database {
    /// The file, or the URL (no password), for messages.
    pub fn shown(&self) -> String {
        match self {
            Database::Sqlite(p) => p.display().to_string(),
            Database::Postgres(p) => p.url.clone(),
        }
    }

    /// The SQLite file, when it is one.
    pub fn file(&self) -> Option<&std::path::Path> {
        match self {
            Database::Sqlite(p) => Some(p),
            Database::Postgres(_) => None,
        }
    }

    /// PostgreSQL's schema version without changing anything: `None` before the first
    /// start made the schema.
    pub fn probe(&self) -> Result<Option<i64>, crate::sql::Error> {
        let Database::Postgres(p) = self else {
            return Ok(None);
        };
        let c = crate::sql::Connection::from_postgres(crate::sql::pg::Conn::connect(&p.target()?)?);
        let exists: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'mdm_schema')",
            [],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(None);
        }
        c.query_row("SELECT version FROM mdm_schema", [], |r| r.get(0))
    }

    /// Opens it (creating an SQLite file, migrating either).
    pub fn open(&self) -> Result<crate::db::Db, crate::sql::Error> {
        match self {
            Database::Sqlite(p) => crate::db::Db::open_file(p, None),
            Database::Postgres(p) => {
                let seed = p.checkpoint_seed().ok_or_else(|| {
                    crate::sql::Error::Unusable(
                        "the checkpoint key is not 64 hex digits (32 bytes)".into(),
                    )
                })?;
                crate::db::Db::open_postgres(p.target()?, &p.totp_key_file, seed)
            }
        }
    }
}

/// The certificate chain and private key the gateway serves HTTPS with.
#[derive(Debug, Clone)]
pub struct TlsConfig {
    pub cert: PathBuf,
    pub cert_pem: Vec<u8>,
    pub key: PathBuf,
    pub key_pem: SecretValue,
}

/// Which fleet the gateway fronts, with what it needs to reach it.
#[derive(Debug, Clone)]
pub enum BackendConfig {
    Simulator(SimulatorConfig),
    Intune(Box<IntuneConfig>),
    Jamf(Box<crate::backend::jamf::JamfConfig>),
    Fleet(Box<crate::backend::fleet::FleetConfig>),
}

impl BackendConfig {
    pub fn kind(&self) -> &'static str {
        match self {
            BackendConfig::Simulator(_) => "simulator",
            BackendConfig::Intune(_) => "intune",
            BackendConfig::Jamf(_) => "jamf",
            BackendConfig::Fleet(_) => "fleet",
        }
    }
}

/// The simulated fleet: seeded on first start, then ticking.
#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    /// Devices seeded on first start.
    pub devices: u32,
    /// Same seed, same fleet.
    pub seed: u64,
    /// Time between simulator ticks (zero: no ticking).
    pub tick: Duration,
    /// Seed the starter policies (one baseline per platform) on first start.
    pub baseline_policies: bool,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        SimulatorConfig {
            devices: 250,
            seed: 1,
            tick: Duration::from_secs(1),
            baseline_policies: false,
        }
    }
}

/// Maps a resolved backend config to a running backend: the one place that knows
/// which backends this build has. The Intune backend drives its Graph client on the
/// current tokio runtime (the gateway's), so call this inside it (`Runtime::enter`).
pub fn start_backend(
    backend: &BackendConfig,
    settings: &ServerConfig,
) -> Result<Arc<dyn Backend>, LocalError> {
    match backend {
        BackendConfig::Simulator(_) => Ok(Arc::new(Simulator::new(settings.fail_rate))),
        BackendConfig::Intune(cfg) => Ok(start_intune(cfg)?),
        BackendConfig::Jamf(cfg) => Ok(start_jamf(cfg)?),
        BackendConfig::Fleet(cfg) => Ok(start_fleet(cfg)?),
    }
}

/// The Jamf Pro backend on the current runtime; `serve` keeps it to run the sync.
pub fn start_jamf(
    cfg: &crate::backend::jamf::JamfConfig,
) -> Result<Arc<crate::backend::jamf::Jamf>, LocalError> {
    let handle = tokio::runtime::Handle::try_current()
        .map_err(|_| LocalError::failure("the jamf backend needs the gateway's async runtime"))?;
    let client = crate::backend::jamf::JamfClient::new(cfg, handle)
        .map_err(|e| LocalError::failure(format!("cannot set up the Jamf client: {e}")))?;
    Ok(Arc::new(crate::backend::jamf::Jamf::new(
        client,
        cfg.page_size,
    )))
}

/// The Fleet backend on the current runtime; `serve` keeps it to run the inventory sync.
pub fn start_fleet(
    cfg: &crate::backend::fleet::FleetConfig,
) -> Result<Arc<crate::backend::fleet::Fleet>, LocalError> {
    let handle = tokio::runtime::Handle::try_current()
        .map_err(|_| LocalError::failure("the fleet backend needs the gateway's async runtime"))?;
    let client =
        crate::backend::fleet::FleetClient::new(cfg.url.clone(), cfg.api_token.clone(), handle)
            .map_err(|e| LocalError::failure(format!("cannot set up the Fleet client: {e}")))?;
    Ok(Arc::new(crate::backend::fleet::Fleet::new(
        client,
        cfg.per_page,
    )))
}

/// The Intune backend on the current runtime; `serve` keeps it to run the inventory sync.
pub fn start_intune(cfg: &IntuneConfig) -> Result<Arc<Intune>, LocalError> {
    let handle = tokio::runtime::Handle::try_current()
        .map_err(|_| LocalError::failure("the intune backend needs the gateway's async runtime"))?;
    let client = GraphClient::new(cfg)
        .map_err(|e| LocalError::failure(format!("cannot set up the Graph client: {e}")))?;
    let graph = BlockingGraph::new(Arc::new(client), handle);
    Ok(Arc::new(
        Intune::new(graph, cfg.groups.clone())
            .with_execute_action_batch(cfg.use_beta.then_some(cfg.execute_action_batch)),
    ))
}

/// The URL the gateway answers on.
pub fn url_of(local: SocketAddr, tls: bool) -> String {
    format!("{}://{local}", if tls { "https" } else { "http" })
}

/// What `mdm gateway check` found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckReport {
    /// `https://…` or `http://…`, as the gateway would listen.
    pub url: String,
    pub backend: &'static str,
    /// The database file, or its URL without the password.
    pub database: String,
    /// Whether the database exists yet (it is created at first start).
    pub database_exists: bool,
    /// `sqlite` or `postgres`.
    pub database_engine: &'static str,
    /// The schema version in the database, and the one this binary knows (it refuses
    /// to start on a newer one).
    pub schema_version: Option<i64>,
    pub schema_known: usize,
    /// A write (rolled back) went through.
    pub database_writable: Option<bool>,
    /// The replica that runs background work now (PostgreSQL), if any holds the lease.
    pub leader: Option<crate::leader::Leader>,
    pub tls: bool,
    /// The backend answered (for the simulator: its database could be read).
    pub backend_reachable: bool,
    /// Devices the backend holds now (`None` before the first start).
    pub devices: Option<u64>,
    /// Intune: what the token and Graph reads found, step by step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intune: Option<crate::backend::intune::CheckReport>,
    /// Fleet: what the token and the reads found, step by step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fleet: Option<crate::backend::fleet::check::CheckReport>,
    /// Jamf Pro: what the token and the reads found, step by step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jamf: Option<crate::backend::jamf::check::CheckReport>,
}

/// Checks a resolved config as far as it can without serving: the TLS material loads,
/// the backend starts, and (for the simulator) an existing database opens and counts
/// its devices. Changes nothing; a database not created yet is reported as such.
pub fn check(config: &GatewayConfig) -> Result<CheckReport, LocalError> {
    if let Some(t) = &config.tls {
        tls::server_config(t)?;
    }
    let mut fleet = None;
    let mut jamf = None;
    let intune = match &config.backend {
        BackendConfig::Simulator(_) => {
            start_backend(&config.backend, &config.settings)?;
            None
        }
        BackendConfig::Fleet(cfg) => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .map_err(|e| LocalError::failure(format!("cannot start the async runtime: {e}")))?;
            let backend = {
                let _in = rt.enter();
                start_fleet(cfg)?
            };
            let report = crate::backend::fleet::check::check(backend.client());
            if !report.ok() {
                return Err(LocalError::failure(format!(
                    "the fleet backend check failed: {}",
                    report.problems.join("; ")
                )));
            }
            fleet = Some(report);
            None
        }
        BackendConfig::Jamf(cfg) => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .map_err(|e| LocalError::failure(format!("cannot start the async runtime: {e}")))?;
            let backend = {
                let _in = rt.enter();
                start_jamf(cfg)?
            };
            let report = crate::backend::jamf::check::check(backend.client());
            if !report.ok() {
                return Err(LocalError::failure(format!(
                    "the jamf backend check failed: {}",
                    report.problems.join("; ")
                )));
            }
            jamf = Some(report);
            None
        }
        BackendConfig::Intune(cfg) => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| LocalError::failure(format!("cannot start the async runtime: {e}")))?;
            let report = rt.block_on(crate::backend::intune::check(cfg));
            if !report.ok() {
                return Err(LocalError::failure(format!(
                    "the intune backend check failed: {}",
                    report.to_string().trim().replace('\n', "; ")
                )));
            }
            Some(report)
        }
    };
    let exists = match &config.database {
        Database::Sqlite(p) => p.exists(),
        // Reachable, with a schema this binary can run (opening an older one would
        // migrate it: a change `check` does not make).
        Database::Postgres(_) => match config.database.probe() {
            Ok(Some(v)) if v == crate::db::schema_version() as i64 => true,
            Ok(Some(v)) if v > crate::db::schema_version() as i64 => {
                return Err(LocalError::failure(format!(
                    "the database has schema version {v}, newer than this mdm ({})",
                    crate::db::schema_version()
                ))
                .with_hint("upgrade this replica to the version the others run"));
            }
            Ok(_) => false,
            Err(e) => {
                return Err(LocalError::failure(format!(
                    "cannot reach the database {}",
                    config.database.shown()
                ))
                .with_source(&e)
                .with_hint("check that PostgreSQL is up, and the URL, password and CA"));
            }
        },
    };
    let mut schema_version = None;
    let mut database_writable = None;
    let mut leader = None;
    let devices = if exists {
        let db = match &config.database {
            Database::Sqlite(p) => crate::local::open_existing_file(p, "")?,
            Database::Postgres(_) => config.database.open().map_err(|e| {
                LocalError::failure(format!(
                    "cannot open the database {}",
                    config.database.shown()
                ))
                .with_source(&e)
                .with_hint("check that PostgreSQL is up and the URL, password and CA are right")
            })?,
        };
        let n = db
            .read(|c| c.query_row("SELECT COUNT(*) FROM devices", [], |r| r.get::<_, i64>(0)))
            .map_err(|e| LocalError::failure("cannot read the gateway database").with_source(&e))?;
        schema_version =
            Some(db.schema_in_database().map_err(|e| {
                LocalError::failure("cannot read the schema version").with_source(&e)
            })?);
        db.write_test().map_err(|e| {
            LocalError::failure(format!(
                "the database {} does not take writes",
                config.database.shown()
            ))
            .with_source(&e)
            .with_hint("a read-only standby, or a role without INSERT/UPDATE on the schema?")
        })?;
        database_writable = Some(true);
        leader = db
            .read(crate::leader::current)
            .map_err(|e| LocalError::failure("cannot read the leader lease").with_source(&e))?;
        Some(n.max(0) as u64)
    } else {
        None
    };
    Ok(CheckReport {
        url: url_of(config.listen, config.tls.is_some()),
        backend: config.backend.kind(),
        database: config.database.shown(),
        database_exists: exists,
        database_engine: match config.database {
            Database::Sqlite(_) => "sqlite",
            Database::Postgres(_) => "postgres",
        },
        schema_version,
        schema_known: crate::db::schema_version(),
        database_writable,
        leader,
        tls: config.tls.is_some(),
        backend_reachable: true,
        devices,
        intune,
        fleet,
        jamf,
    })
}

#[cfg(test)]
mod tests;
