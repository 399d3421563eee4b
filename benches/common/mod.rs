//! Helpers shared by the benchmarks: a real sandbox, and child processes measured with
//! wait4 (their own peak RSS and CPU time).
#![allow(dead_code)]

pub mod gateway;
/// The tests' throwaway PostgreSQL cluster (initdb + pg_ctl on a loopback port).
#[path = "../../tests/it/common/postgres.rs"]
pub mod postgres;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_mdm");

pub struct Run {
    pub wall: Duration,
    pub max_rss_kb: i64,
    pub cpu: Duration,
}

/// Waits for a child with wait4 to get its own peak RSS and CPU time.
pub fn wait_measured(child: Child, started: Instant) -> Run {
    try_wait_measured(child, started).unwrap_or_else(|status| panic!("child failed: {status}"))
}

/// As `wait_measured`, but a child that did not exit 0 is the caller's to report: the
/// raw wait status.
pub fn try_wait_measured(child: Child, started: Instant) -> Result<Run, i32> {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain FFI; `ru` is fully written by wait4 before we read it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    assert_eq!(r, pid, "wait4 failed");
    let wall = started.elapsed();
    std::mem::forget(child);
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return Err(status);
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Ok(Run {
        wall,
        max_rss_kb: ru.ru_maxrss,
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
    })
}

pub struct Sandbox {
    pub child: Child,
    pub url: String,
    pub token: String,
    pub dir: PathBuf,
    /// From the spawn to the address line: seeding, which happens before it listens.
    pub seeded: Duration,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn env(cmd: &mut Command, dir: &Path) {
    cmd.env("MDM_CONFIG_DIR", dir.join("config"))
        .env("MDM_STATE_DIR", dir.join("state"))
        .env("MDM_DATA_DIR", dir.join("data"))
        .env("MDM_SANDBOX_QUIET", "1")
        .env("MDM_KEYRING", "keyutils")
        .env_remove("MDM_TOKEN");
}

pub fn sandbox(devices: u32, dir: &Path, extra: &[&str]) -> Sandbox {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, dir);
    // Without extra settings: no simulator, so listings measure the server, not ticks.
    let settings: &[&str] = if extra.is_empty() {
        &["--tick-ms", "0"]
    } else {
        extra
    };
    cmd.args(["sandbox", "serve", "--port", "0", "--devices"])
        .arg(devices.to_string())
        .args(settings)
        .stdout(Stdio::piped());
    let t = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let seeded = t.elapsed();
    eprintln!("seeded {devices} devices in {seeded:.1?}");
    let mut add = Command::new(BIN);
    env(&mut add, dir);
    let out = add
        .args([
            "sandbox", "user", "add", "bench", "--role", "admin", "-o", "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = v["token"].as_str().unwrap().to_string();
    let mut ctx = Command::new(BIN);
    env(&mut ctx, dir);
    assert!(
        ctx.args(["context", "add", "b", "--server", line.trim()])
            .output()
            .unwrap()
            .status
            .success()
    );
    Sandbox {
        child,
        url: line.trim().to_string(),
        token,
        dir: dir.to_path_buf(),
        seeded,
    }
}

/// `mdm` against the sandbox as the holder of `token`.
pub fn mdm_as(sb: &Sandbox, token: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, &sb.dir);
    cmd.env("MDM_TOKEN", token).args(args);
    cmd
}

/// A new sandbox admin; its token.
pub fn add_admin(sb: &Sandbox, name: &str) -> String {
    add_user(sb, name, "admin")
}

/// A new sandbox user with `role`; its token.
pub fn add_user(sb: &Sandbox, name: &str, role: &str) -> String {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, &sb.dir);
    let out = cmd
        .args(["sandbox", "user", "add", name, "--role", role, "-o", "json"])
        .stderr(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "sandbox user add {name}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["token"].as_str().unwrap().to_string()
}

/// A TOTP code the sandbox accepts now for `user`.
pub fn otp(sb: &Sandbox, user: &str) -> String {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, &sb.dir);
    let out = cmd
        .args(["sandbox", "otp", "-c", "b", "--user", user])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// HTTP requests in a `-v` trace.
pub fn requests(trace: &str) -> usize {
    trace.lines().filter(|l| l.starts_with("> ")).count()
}

/// A process's peak resident memory and its anonymous part now, in kB (VmHWM, RssAnon of
/// /proc/<pid>/status): read before the kill, as they vanish with the process.
pub fn server_mem(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in /proc/{pid}/status"))
    };
    (field("VmHWM:"), field("RssAnon:"))
}

/// The nearest-rank `p`th percentile of `v` (not empty).
pub fn percentile(v: &[f64], p: f64) -> f64 {
    assert!(!v.is_empty(), "a percentile of no samples");
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

/// A free loopback port (for the PostgreSQL cluster).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn random_suffix() -> String {
    let mut b = [0u8; 8];
    rand::fill(&mut b);
    hex::encode(b)
}

/// `sandbox serve` flags that keep the sandbox in database `db` of `pg`.
pub fn postgres_flags(pg: &postgres::Postgres, db: &str) -> Vec<String> {
    vec![
        "--database".into(),
        pg.url(db),
        "--database-password-file".into(),
        pg.password_file.display().to_string(),
    ]
}

/// Another replica of `sb` (same data dir, so the same keys and database pointer),
/// started with `extra`; its child and URL.
pub fn replica(sb: &Sandbox, extra: &[String]) -> (Child, String) {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, &sb.dir);
    cmd.args(["sandbox", "serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(
        line.starts_with("http://"),
        "replica did not start: {line:?}"
    );
    (child, line.trim().to_string())
}
