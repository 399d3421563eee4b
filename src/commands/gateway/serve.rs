use crate::app::Factory;
use crate::error::{Error, Result};
use mdm_server::gateway::GatewayConfig;
use std::io::Write;
use std::path::PathBuf;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: PathBuf,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let config = super::load(&args.config)?;
    let hint = format!(
        "is another gateway using {} or its database? `mdm gateway check --config {}`",
        config.listen,
        args.config.display()
    );
    start(
        app,
        config,
        mdm_server::RunOptions::default(),
        "gateway",
        &hint,
    )
}

/// Runs the server for a resolved config until Ctrl-C/SIGTERM, printing its URL as the
/// first line of stdout once it listens: `gateway serve` and `sandbox serve` both start
/// here. `who` names the command in the status line; `hint` goes with a failure to start.
pub fn start(
    app: &Factory,
    config: GatewayConfig,
    opts: mdm_server::RunOptions,
    who: &'static str,
    hint: &str,
) -> Result<()> {
    let quiet = app.ui.quiet > 0;
    let database = config.database.clone();
    let backend = config.backend.kind();
    mdm_server::serve(config, opts, move |ready| {
        // The address is the data: first line of stdout, for scripts and `sandbox up`.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", ready.url);
        let _ = out.flush();
        if !quiet {
            eprintln!(
                "mdm {who}: listening on {} with {} devices ({backend} backend, data in {}); Ctrl-C stops it",
                ready.url,
                ready.devices,
                match database.file() {
                    Some(f) => f.parent().unwrap_or(f).display().to_string(),
                    None => database.shown(),
                }
            );
        }
    })
    .map_err(|e| {
        let failure = e.kind == mdm_server::local::LocalErrorKind::Failure && e.hint.is_none();
        let err = Error::from(e);
        if failure { err.with_hint(hint) } else { err }
    })
}
