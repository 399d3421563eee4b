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
        "database_engine",
        "schema_version",
        "database_writable",
        "leader",
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
            "database" => self.database.clone(),
            "database_exists" => match (self.database_exists, human) {
                (true, _) => "true".into(),
                (false, true) => "false (created at first start)".into(),
                (false, false) => "false".into(),
            },
            "database_engine" => self.database_engine.to_string(),
            "schema_version" => match self.schema_version {
                Some(v) => format!("{v} (this mdm knows {})", self.schema_known),
                None => String::new(),
            },
            "database_writable" => self
                .database_writable
                .map(|w| w.to_string())
                .unwrap_or_default(),
            "leader" => match &self.leader {
                Some(l) if l.expires_in_ms >= 0 => {
                    format!(
                        "{} (lease {:.1}s left)",
                        l.holder,
                        l.expires_in_ms as f64 / 1000.0
                    )
                }
                Some(l) if human => format!("none (the lease of {} ran out)", l.holder),
                Some(_) => String::new(),
                None if human && self.database_engine == "sqlite" => "this gateway (SQLite)".into(),
                None => String::new(),
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
