use crate::app::Factory;
use crate::error::{Error, Result};
use mdm_server::RunOptions;
use mdm_server::gateway::{BackendConfig, GatewayConfig, SimulatorConfig};
use std::net::SocketAddr;
use std::time::Duration;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub port: u16,
    pub devices: u32,
    pub seed: u64,
    pub tick_ms: u64,
    pub db_dir: Option<std::path::PathBuf>,
    /// PostgreSQL instead of SQLite, and the file with its password.
    pub database: Option<String>,
    pub database_password_file: Option<std::path::PathBuf>,
    pub elevation_ttl: String,
    pub stepup_lockout: String,
    pub approval_threshold: u64,
    pub push_approval_threshold: u64,
    pub fleet_share_percent: u32,
    pub single_action_budget: u64,
    pub pii_budget: u64,
    pub approval_ttl: String,
    pub fail_percent: f64,
    pub offline_percent: u32,
    pub alert_webhook: Option<String>,
    pub seed_audit: u64,
    /// Seed the starter policies on first start (`sandbox up` asks for them).
    pub baseline_policies: bool,
    pub fault: Option<String>,
    /// Serve the test-only hooks (clock, simulator step, fixtures); hidden flag.
    pub test_hooks: bool,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    if args.devices > 1_000_000 {
        return Err(Error::usage("--devices is limited to 1,000,000"));
    }
    let db_dir = match &args.db_dir {
        Some(d) => d.clone(),
        None => app.dirs()?.sandbox_db_dir(),
    };
    let elevation_ttl = crate::timeutil::parse_duration(&args.elevation_ttl)?;
    if !(0.0..=100.0).contains(&args.fail_percent) || args.offline_percent > 100 {
        return Err(Error::usage("percentages are between 0 and 100"));
    }
    let config = mdm_server::ServerConfig {
        elevation_ttl,
        stepup_lockout: crate::timeutil::parse_duration(&args.stepup_lockout)?,
        approval_threshold: args.approval_threshold,
        push_approval_threshold: args.push_approval_threshold,
        fleet_share_percent: args.fleet_share_percent,
        single_action_budget: args.single_action_budget,
        pii_budget: args.pii_budget,
        approval_ttl: crate::timeutil::parse_duration(&args.approval_ttl)?,
        fail_rate: args.fail_percent / 100.0,
        offline_percent: args.offline_percent,
        alert_webhook: args
            .alert_webhook
            .as_deref()
            .map(|u| {
                mdm_model::url::webhook_url(u).map_err(|e| {
                    Error::usage(format!("--alert-webhook: {}", e.message))
                        .with_hint("use https://…, or http:// to a loopback address")
                })
            })
            .transpose()?,
        ..Default::default()
    };
    config.check().map_err(|m| {
        Error::usage(m).with_hint("these settings may only make the safety gates stricter")
    })?;
    let mut drop_next_action_response = false;
    let mut stall_after_submits = None;
    match args.fault.as_deref() {
        None => {}
        Some("drop-next-action-response") => drop_next_action_response = true,
        Some(f) if f.starts_with("stall-after-submits=") => {
            let n = &f["stall-after-submits=".len()..];
            stall_after_submits =
                Some(n.parse::<u64>().map_err(|_| {
                    Error::usage(format!("fault {f:?}: the count is a whole number"))
                })?);
        }
        Some(other) => return Err(Error::usage(format!("unknown fault {other:?}"))),
    }
    // The sandbox is the gateway with the simulator backend on loopback, its config
    // made from these flags.
    private_dir(&db_dir)?;
    let gateway = GatewayConfig {
        listen: SocketAddr::from(([127, 0, 0, 1], args.port)),
        database: database(args, &db_dir)?,
        tls: None,
        backend: BackendConfig::Simulator(SimulatorConfig {
            devices: args.devices,
            seed: args.seed,
            tick: Duration::from_millis(args.tick_ms),
            baseline_policies: args.baseline_policies,
        }),
        settings: config,
    };
    let opts = RunOptions {
        seed_audit: args.seed_audit,
        drop_next_action_response,
        stall_after_submits,
        test_hooks: args.test_hooks,
    };
    crate::commands::gateway::serve::start(
        app,
        gateway,
        opts,
        "sandbox",
        "is another sandbox using this port or data directory? `mdm sandbox status`",
    )
}

/// SQLite in the data directory, or PostgreSQL with the TOTP key in the data directory
/// (made at first start; replicas given the same directory share it).
fn database(args: &Settings, db_dir: &std::path::Path) -> Result<mdm_server::gateway::Database> {
    use mdm_server::gateway::{Database, PostgresConfig};
    let Some(url) = &args.database else {
        return Ok(Database::Sqlite(db_dir.join(mdm_server::local::DB_FILE)));
    };
    let password = match &args.database_password_file {
        Some(f) => Some(
            mdm_server::gateway::secrets::read_secret_file(
                "--database-password-file",
                f,
                std::path::Path::new("."),
                &|k| std::env::var(k).ok(),
            )
            .map_err(Error::from)?,
        ),
        None => None,
    };
    mdm_server::sql::pg::Target::new(url, None, None).map_err(|m| {
        Error::usage(format!("--database: {m}"))
            .with_hint("use postgres://user@127.0.0.1:5432/db and --database-password-file FILE")
    })?;
    let totp_key_file = db_dir.join(mdm_server::seedbox::KEY_FILE);
    mdm_server::seedbox::ensure_key_file("TOTP key", &totp_key_file).map_err(Error::failure)?;
    // The sandbox's local commands (`sandbox user add`, `sandbox otp`) find it here.
    let password_file = match &args.database_password_file {
        Some(f) => Some(std::path::absolute(f).map_err(|e| {
            Error::usage("--database-password-file: not a usable path").with_source(&e)
        })?),
        None => None,
    };
    let pointer = mdm_server::local::PostgresPointer {
        url: url.clone(),
        password_file,
    };
    std::fs::write(
        db_dir.join(mdm_server::local::POSTGRES_POINTER),
        serde_json::to_string_pretty(&pointer).expect("serializes"),
    )
    .map_err(|e| Error::failure("cannot write the sandbox's database pointer").with_source(&e))?;
    let checkpoint =
        mdm_server::seedbox::ensure_key_file("checkpoint key", &db_dir.join("checkpoint.key"))
            .map_err(Error::failure)?;
    Ok(Database::Postgres(Box::new(PostgresConfig {
        url: url.clone(),
        password,
        ca_pem: None,
        totp_key_file,
        checkpoint_key: mdm_server::backend::intune::SecretValue::new(hex::encode(checkpoint)),
    })))
}

/// The sandbox's data directory, created if missing and private to its user (0700).
fn private_dir(dir: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::failure(format!("cannot create {}", dir.display())).with_source(&e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}
