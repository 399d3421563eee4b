//! A gateway run in the foreground (`mdm gateway serve --config FILE`), and config files
//! for it, written into a test's directory.

use super::Env;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

/// Writes `text` as a config file `name` in the test's root directory.
pub fn write_config(env: &Env, name: &str, text: &str) -> PathBuf {
    let path = env.root.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A simulator gateway config on an ephemeral loopback port with its database under
/// the test's root, plus `extra` TOML appended (more tables, such as `[tls]`).
pub fn simulator_config(env: &Env, devices: u32, extra: &str) -> String {
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    format!(
        "listen = \"127.0.0.1:0\"\ndatabase = {db:?}\n{extra}\n[backend]\nkind = \"simulator\"\ndevices = {devices}\ntick_ms = 0\n[settings]\napproval_threshold = 5\n"
    )
}

/// Makes `path` private to its owner (0600), as secret files must be.
pub fn private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

pub struct Gateway {
    child: Child,
    pub url: String,
}

impl Gateway {
    /// Starts `mdm gateway serve --config FILE` and reads its URL from stdout.
    pub fn start(env: &Env, config: &Path) -> Gateway {
        let mut cmd = env.command();
        cmd.args(["gateway", "serve", "--config"])
            .arg(config)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd.spawn().expect("spawn mdm gateway serve");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let url = line.trim().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:") || url.starts_with("https://127.0.0.1:"),
            "gateway did not start: {url:?}"
        );
        Gateway { child, url }
    }

    pub fn stop(&mut self) {
        super::stop_child(&mut self.child);
    }

    /// SIGKILL: the gateway dies mid-step, as on a crash or lost power.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A user made with `mdm gateway user add` (its token and TOTP seed, printed once).
pub struct GatewayUser {
    pub token: String,
    pub seed: String,
}

/// `mdm gateway user add NAME --role admin` against the gateway's database.
pub fn admin_user(env: &Env, config: &Path, name: &str) -> GatewayUser {
    let out = env.run(&[
        "gateway",
        "user",
        "add",
        name,
        "--role",
        "admin",
        "--config",
        config.to_str().unwrap(),
        "-o",
        "json",
    ]);
    out.ok();
    let v = out.json();
    let seed = v["otpauth_uri"]
        .as_str()
        .unwrap()
        .split(['?', '&'])
        .find_map(|kv| kv.strip_prefix("secret="))
        .expect("otpauth URI has a secret")
        .to_string();
    GatewayUser {
        token: v["token"].as_str().unwrap().to_string(),
        seed,
    }
}

/// A context `ctx` for `url`, logged in with `token` (from stdin, as a user would).
pub fn login(env: &Env, ctx: &str, url: &str, token: &str) {
    env.run(&["context", "add", ctx, "--server", url]).ok();
    env.run_with_stdin(
        &["auth", "login", "--with-token", "--context", ctx],
        Some(token),
    )
    .ok();
}
