//! `mdm sandbox …`: run the embedded reference server locally.

pub mod down;
pub mod enroll_device;
pub mod otp;
pub mod serve;
pub mod status;
pub mod up;
pub mod user_add;

use crate::app::Factory;
use crate::cli::sandbox::{SandboxCommand, SandboxUserCommand};
use crate::commands::read;
use crate::config::Dirs;
use crate::error::{Context as _, Result};
use crate::outcome::Outcome;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub fn run(app: &Factory, cmd: SandboxCommand) -> Result<Outcome> {
    match cmd {
        SandboxCommand::Up(a) => up::run(app, &a.settings()),
        SandboxCommand::Down(a) => down::run(app, &a.settings()),
        SandboxCommand::Status => read(status::run(app)),
        SandboxCommand::Serve(a) => read(serve::run(app, &a.settings())),
        SandboxCommand::User(SandboxUserCommand::Add(a)) => user_add::run(app, &a.settings()),
        SandboxCommand::Otp(a) => read(otp::run(app, &a.settings())),
        SandboxCommand::EnrollDevice(a) => read(enroll_device::run(app, &a.settings())),
    }
}

/// What `sandbox up` remembers about the background server (no secrets).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunState {
    pub pid: u32,
    pub url: String,
    pub instance_id: String,
    pub db_dir: PathBuf,
    pub log: PathBuf,
    pub started_at: String,
}

fn state_file(dirs: &Dirs) -> PathBuf {
    dirs.state.join("sandbox.json")
}

fn load_state(dirs: &Dirs) -> Result<Option<RunState>> {
    let path = state_file(dirs);
    match std::fs::read(&path) {
        Ok(b) => Ok(serde_json::from_slice(&b).ok()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

fn save_state(dirs: &Dirs, st: &RunState) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(st).expect("state serializes");
    crate::config::write_atomic(&state_file(dirs), &bytes, 0o600)?;
    remember_url(dirs, &st.url)
}

fn urls_file(dirs: &Dirs) -> PathBuf {
    dirs.state.join("sandbox-urls.json")
}

/// Every URL a sandbox has run at (ports change), so `down --purge` finds the
/// credentials stored under each of them.
pub fn urls_used(dirs: &Dirs) -> Vec<String> {
    std::fs::read(urls_file(dirs))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn remember_url(dirs: &Dirs, url: &str) -> Result<()> {
    let mut urls = urls_used(dirs);
    if urls.iter().any(|u| u == url) {
        return Ok(());
    }
    urls.push(url.to_string());
    let bytes = serde_json::to_vec_pretty(&urls).expect("urls serialize");
    crate::config::write_atomic(&urls_file(dirs), &bytes, 0o600)
}

fn forget_urls(dirs: &Dirs) {
    let _ = std::fs::remove_file(urls_file(dirs));
}

fn clear_state(dirs: &Dirs) {
    let _ = std::fs::remove_file(state_file(dirs));
}

/// True when a process with this pid exists.
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: kill with signal 0 only checks for existence and permission.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// Asks the server at `url` whether it is the sandbox instance we expect.
fn healthy(app: &Factory, url: &str, instance_id: Option<&str>) -> Option<crate::api::Health> {
    let ctx = crate::app::Ctx {
        name: "sandbox-probe".into(),
        config: crate::config::ContextConfig::new(url.to_string()),
    };
    let mut opts = app.client_options(&ctx);
    opts.retries = 0;
    opts.timeout = std::time::Duration::from_secs(3);
    let client = crate::api::rest::RestClient::new(url, None, opts).ok()?;
    let h = crate::api::Server::health(&client).ok()?;
    match instance_id {
        Some(id) if h.instance_id != id => None,
        _ => Some(h),
    }
}
