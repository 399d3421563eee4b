//! A gateway (`mdm gateway serve`) as the vendor benches run it: started from a config,
//! timed to its address line (the first inventory sync runs before it), its peak RSS,
//! admins made with `gateway user add`, TOTP codes, and the keep-alive `curl` floor.
#![allow(dead_code)]

use super::{BIN, env};
use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Gateway {
    pub child: Child,
    pub url: String,
    /// Spawn to the listen address printed (the first sync included).
    pub started: Duration,
    /// VmHWM once the address was printed, in KiB.
    pub peak_kb: u64,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        // SIGTERM (a clean stop), then reap.
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn vm_hwm_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status")
}

/// Starts `mdm gateway serve`; Err(stderr) when it exits without printing its address.
pub fn gateway(dir: &Path, config: &Path) -> Result<Gateway, String> {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, dir);
    let log = dir.join("gateway.stderr");
    cmd.args(["gateway", "serve", "--config"])
        .arg(config)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap());
    let t = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let started = t.elapsed();
    if !line.starts_with("http") {
        let _ = child.wait();
        return Err(std::fs::read_to_string(&log).unwrap_or_default());
    }
    let peak_kb = vm_hwm_kb(child.id());
    Ok(Gateway {
        child,
        url: line.trim().to_string(),
        started,
        peak_kb,
    })
}

pub fn mdm(dir: &Path, token: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, dir);
    cmd.env("MDM_TOKEN", token).args(args);
    cmd
}

/// A gateway admin: (token, TOTP seed).
pub fn admin(dir: &Path, config: &Path, name: &str) -> (String, String) {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, dir);
    let out = cmd
        .args([
            "gateway", "user", "add", name, "--role", "admin", "--config",
        ])
        .arg(config)
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = url::Url::parse(v["otpauth_uri"].as_str().unwrap()).unwrap();
    let seed = uri
        .query_pairs()
        .find(|(k, _)| k == "secret")
        .map(|(_, v)| v.to_string())
        .unwrap();
    (v["token"].as_str().unwrap().to_string(), seed)
}

pub fn totp(seed: &str) -> String {
    let out = Command::new("oathtool")
        .args(["--totp", "-b", seed])
        .output()
        .expect("oathtool is installed (apt-get install oathtool)");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// One curl process fetching every page over one keep-alive connection; the token and
/// the URLs go in a config file (`-K`), not argv.
pub fn curl(dir: &Path, token: &str, urls: &[String]) -> Duration {
    let k = dir.join("curl.conf");
    let mut f = std::fs::File::create(&k).unwrap();
    writeln!(
        f,
        "silent\nfail\nheader = \"Authorization: Bearer {token}\""
    )
    .unwrap();
    for u in urls {
        writeln!(f, "url = \"{u}\"\noutput = \"/dev/null\"").unwrap();
    }
    drop(f);
    let t = Instant::now();
    let out = Command::new("curl")
        .arg("-K")
        .arg(&k)
        .arg("-w")
        .arg("%{num_connects}\n")
        .output()
        .unwrap();
    let wall = t.elapsed();
    assert!(
        out.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let connects: u64 = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse::<u64>().ok())
        .sum();
    assert_eq!(connects, 1, "curl kept one connection for all pages");
    wall
}
