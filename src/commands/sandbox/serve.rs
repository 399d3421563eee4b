use crate::app::Factory;
use crate::error::{Error, Result};
use mdm_server::{ServeOptions, serve};
use std::io::Write;
use std::time::Duration;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub port: u16,
    pub devices: u32,
    pub seed: u64,
    pub tick_ms: u64,
    pub db_dir: Option<std::path::PathBuf>,
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
                // Chat webhooks may carry their key in the query; the rest is checked
                // like a server URL (https, or http only to loopback; no credentials).
                let (base, query) = match u.split_once('?') {
                    Some((b, q)) => (b, Some(q)),
                    None => (u, None),
                };
                crate::api::url::validate_server_url(base)
                    .map(|b| match query {
                        Some(q) => format!("{b}?{q}"),
                        None => b,
                    })
                    .map_err(|e| {
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
    let drop_next_action_response = match args.fault.as_deref() {
        None => false,
        Some("drop-next-action-response") => true,
        Some(other) => return Err(Error::usage(format!("unknown fault {other:?}"))),
    };
    let opts = ServeOptions {
        port: args.port,
        devices: args.devices,
        seed: args.seed,
        seed_audit: args.seed_audit,
        tick: Duration::from_millis(args.tick_ms),
        db_dir: db_dir.clone(),
        config,
        drop_next_action_response,
        test_hooks: args.test_hooks,
    };
    let quiet = app.ui.quiet > 0;
    serve(opts, move |ready| {
        // The address is the data: first line of stdout, for scripts and `sandbox up`.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", ready.url);
        let _ = out.flush();
        if !quiet {
            eprintln!(
                "mdm sandbox: listening on {} with {} devices (data in {}); Ctrl-C stops it",
                ready.url,
                ready.devices,
                db_dir.display()
            );
        }
    })
    .map_err(|e| {
        Error::failure(e)
            .with_hint("is another sandbox using this port or data directory? `mdm sandbox status`")
    })
}
