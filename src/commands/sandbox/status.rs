use super::{alive, healthy, load_state};
use crate::app::Factory;
use crate::error::{Error, Result};
use crate::output::Record;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct SandboxStatus {
    pub running: bool,
    pub url: Option<String>,
    pub pid: Option<u32>,
    pub devices: Option<u64>,
    pub instance_id: Option<String>,
    pub db_dir: String,
    pub log: Option<String>,
    pub started_at: Option<String>,
}

impl Record for SandboxStatus {
    const COLUMNS: &'static [&'static str] = &[
        "running",
        "url",
        "pid",
        "devices",
        "instance_id",
        "db_dir",
        "log",
        "started_at",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, _human: bool) -> String {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        match column {
            "running" => self.running.to_string(),
            "url" => o(&self.url),
            "pid" => self.pid.map(|p| p.to_string()).unwrap_or_default(),
            "devices" => self.devices.map(|p| p.to_string()).unwrap_or_default(),
            "instance_id" => o(&self.instance_id),
            "db_dir" => self.db_dir.clone(),
            "log" => o(&self.log),
            "started_at" => o(&self.started_at),
            _ => String::new(),
        }
    }
}

pub fn run(app: &Factory) -> Result<()> {
    let dirs = app.dirs()?.clone();
    let st = load_state(&dirs)?;
    let health = st
        .as_ref()
        .filter(|s| alive(s.pid))
        .and_then(|s| healthy(app, &s.url, Some(&s.instance_id)));
    let status = SandboxStatus {
        running: health.is_some(),
        url: st.as_ref().map(|s| s.url.clone()),
        pid: st.as_ref().map(|s| s.pid),
        devices: health.as_ref().map(|h| h.devices),
        instance_id: st.as_ref().map(|s| s.instance_id.clone()),
        db_dir: dirs.sandbox_db_dir().display().to_string(),
        log: st.as_ref().map(|s| s.log.display().to_string()),
        started_at: st.as_ref().map(|s| s.started_at.clone()),
    };
    app.output(None).item(&status)?;
    if status.running {
        Ok(())
    } else {
        Err(Error::failure("the sandbox is not running")
            .with_hint("start it with `mdm sandbox up`"))
    }
}
