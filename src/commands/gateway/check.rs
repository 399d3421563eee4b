use crate::app::Factory;
use crate::error::Result;
use crate::output::Record;
use mdm_server::gateway::CheckReport;
use std::path::PathBuf;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: PathBuf,
}

impl Record for CheckReport {
    const COLUMNS: &'static [&'static str] = &[
        "url",
        "backend",
        "backend_reachable",
        "devices",
        "tls",
        "database",
        "database_exists",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "url" => self.url.clone(),
            "backend" => self.backend.to_string(),
            "backend_reachable" => self.backend_reachable.to_string(),
            "devices" => match self.devices {
                Some(n) => n.to_string(),
                None if human => "(seeded at first start)".into(),
                None => String::new(),
            },
            "tls" => self.tls.to_string(),
            "database" => self.database.display().to_string(),
            "database_exists" => match (self.database_exists, human) {
                (true, _) => "true".into(),
                (false, true) => "false (created at first start)".into(),
                (false, false) => "false".into(),
            },
            _ => String::new(),
        }
    }
}

/// Validates the config (secrets read), starts the backend and reads the database;
/// changes nothing.
pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let config = super::load(&args.config)?;
    let report = mdm_server::gateway::check(&config)?;
    app.output(None).item(&report)?;
    app.ui.success(&format!(
        "{} is valid; the {} backend is reachable",
        args.config.display(),
        report.backend
    ));
    Ok(())
}
