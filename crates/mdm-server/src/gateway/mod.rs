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
    /// The SQLite database file (its TOTP key, `totp.key`, lives beside it).
    pub database: PathBuf,
    /// HTTPS; required unless `listen` is a loopback address.
    pub tls: Option<TlsConfig>,
    pub backend: BackendConfig,
    /// The server settings (for the simulator also its failure and offline shares).
    pub settings: ServerConfig,
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
    pub database: PathBuf,
    /// Whether the database exists yet (it is created at first start).
    pub database_exists: bool,
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
    let exists = config.database.exists();
    let devices = if exists {
        let db = crate::local::open_existing_file(&config.database, "")?;
        let n = db
            .read(|c| c.query_row("SELECT COUNT(*) FROM devices", [], |r| r.get::<_, i64>(0)))
            .map_err(|e| LocalError::failure("cannot read the gateway database").with_source(&e))?;
        Some(n.max(0) as u64)
    } else {
        None
    };
    Ok(CheckReport {
        url: url_of(config.listen, config.tls.is_some()),
        backend: config.backend.kind(),
        database: config.database.clone(),
        database_exists: exists,
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
