use crate::app::App;
use crate::cli::sandbox::ServeArgs;
use crate::error::{Error, Result};
use crate::sandbox::{ServeOptions, serve};
use std::io::Write;
use std::time::Duration;

pub fn run(app: &App, args: &ServeArgs) -> Result<()> {
    if args.devices > 1_000_000 {
        return Err(Error::usage("--devices is limited to 1,000,000"));
    }
    let db_dir = match &args.db_dir {
        Some(d) => d.clone(),
        None => app.dirs()?.sandbox_db_dir(),
    };
    let elevation_ttl = crate::timeutil::parse_duration(&args.elevation_ttl)?;
    if elevation_ttl.is_zero() || elevation_ttl > crate::sandbox::MAX_ELEVATION_TTL {
        return Err(Error::usage("--elevation-ttl must be between 1s and 5m"));
    }
    let config = crate::sandbox::ServerConfig {
        elevation_ttl,
        stepup_lockout: crate::timeutil::parse_duration(&args.stepup_lockout)?,
        ..Default::default()
    };
    let opts = ServeOptions {
        port: args.port,
        devices: args.devices,
        seed: args.seed,
        tick: Duration::from_millis(args.tick_ms),
        db_dir: db_dir.clone(),
        config,
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
