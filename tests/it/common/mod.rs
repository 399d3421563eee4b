//! Test support: the real `mdm` binary against a real sandbox server on an ephemeral
//! loopback port, with config/state/data dirs and the keyring namespace isolated per test.
#![allow(dead_code)]

pub mod fixture;
pub mod gateway;
pub mod http;
pub mod postgres;
pub mod readme;
pub mod secret_service;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_mdm");

/// Isolated directories and environment for one test.
pub struct Env {
    pub root: tempfile::TempDir,
    pub config: PathBuf,
    pub state: PathBuf,
    pub data: PathBuf,
    pub home: PathBuf,
    /// Keyring service name, unique per test so tests never see each other's entries.
    pub service: String,
    pub vars: Vec<(String, String)>,
}

impl Env {
    pub fn new() -> Env {
        let root = tempfile::Builder::new()
            .prefix("mdm-test-")
            .tempdir()
            .unwrap();
        let p = root.path().to_path_buf();
        let env = Env {
            config: p.join("config"),
            state: p.join("state"),
            data: p.join("data"),
            home: p.join("home"),
            service: format!("mdm-test-{}", random_suffix()),
            vars: vec![("MDM_KEYRING".into(), "keyutils".into())],
            root,
        };
        std::fs::create_dir_all(&env.home).unwrap();
        env
    }

    pub fn set(&mut self, key: &str, value: &str) {
        self.vars.retain(|(k, _)| k != key);
        self.vars.push((key.to_string(), value.to_string()));
    }

    pub fn unset(&mut self, key: &str) {
        self.vars.retain(|(k, _)| k != key);
    }

    /// A clean environment: nothing from the developer's shell leaks in.
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("MDM_CONFIG_DIR", &self.config)
            .env("MDM_STATE_DIR", &self.state)
            .env("MDM_DATA_DIR", &self.data)
            .env("MDM_KEYRING_SERVICE", &self.service)
            .env("MDM_SANDBOX_QUIET", "1")
            .env("MDM_TIMEOUT", "10");
        for (k, v) in &self.vars {
            cmd.env(k, v);
        }
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        self.apply(&mut cmd);
        cmd.stdin(Stdio::null());
        cmd
    }

    /// `assert_cmd` wrapper around the isolated command.
    pub fn mdm(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.command())
    }

    pub fn run(&self, args: &[&str]) -> Out {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Out {
        let mut cmd = self.mdm();
        cmd.args(args);
        if let Some(s) = stdin {
            cmd.write_stdin(s.to_string());
        }
        let o = cmd.timeout(Duration::from_secs(120)).output().unwrap();
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Every file under the config/state/data dirs, for leak scans.
    pub fn all_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for d in [&self.config, &self.state, &self.data] {
            walk(d, &mut out);
        }
        out
    }
}

impl Drop for Env {
    /// Leaves nothing of this test in the shared user keyring (tokens and elevations of
    /// contexts a test never removed, orphans included): `mdm auth logout --all` for its
    /// service. Only for the kernel keyring; a test's private Secret Service is gone with it.
    fn drop(&mut self) {
        let keyutils = self
            .vars
            .iter()
            .any(|(k, v)| k == "MDM_KEYRING" && v == "keyutils");
        if keyutils {
            let _ = self
                .command()
                .args(["auth", "logout", "--all"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn random_suffix() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos(),
    );
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// A sandbox server run in the foreground (`mdm sandbox serve`) on an ephemeral port.
pub struct Server {
    child: Child,
    pub url: String,
    pub db_dir: PathBuf,
    extra: Vec<String>,
    /// The PostgreSQL cluster the sandbox keeps its state in (`MDM_TEST_POSTGRES=1`, or
    /// a replica test), database `mdm`.
    pub pg: Option<std::sync::Arc<postgres::Postgres>>,
}

impl Server {
    pub fn start(env: &Env, devices: u32) -> Server {
        Self::start_args(
            env,
            &["--devices", &devices.to_string(), "--tick-ms", "200"],
        )
    }

    /// The server's database lives outside the client's config/state/data dirs, as a
    /// real server's would, so leak scans of those dirs see only what the CLI wrote.
    pub fn start_args(env: &Env, extra: &[&str]) -> Server {
        let db_dir = env.root.path().join("server");
        Self::start_in(env, &db_dir, extra)
    }

    pub fn start_in(env: &Env, db_dir: &Path, extra: &[&str]) -> Server {
        let pg = postgres::enabled().then(|| {
            let pg = postgres::Postgres::start();
            pg.create_database("mdm");
            std::sync::Arc::new(pg)
        });
        Self::spawn(env, db_dir, 0, extra, pg)
    }

    /// Another replica of this server: the same database and data directory, its own
    /// port (PostgreSQL only).
    pub fn replica(&self, env: &Env) -> Server {
        let pg = self
            .pg
            .clone()
            .expect("a replica shares a PostgreSQL database");
        let extra: Vec<&str> = self.extra.iter().map(String::as_str).collect();
        Self::spawn(env, &self.db_dir, 0, &extra, Some(pg))
    }

    /// `replica` with other server flags than this one's.
    pub fn replica_with(&self, env: &Env, extra: &[&str]) -> Server {
        let pg = self
            .pg
            .clone()
            .expect("a replica shares a PostgreSQL database");
        Self::spawn(env, &self.db_dir, 0, extra, Some(pg))
    }

    /// SIGKILL, no restart (a replica that dies).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A sandbox on its own PostgreSQL cluster, whatever `MDM_TEST_POSTGRES` says.
    pub fn start_on_postgres(env: &Env, extra: &[&str]) -> Server {
        let pg = postgres::Postgres::start();
        pg.create_database("mdm");
        Self::spawn(
            env,
            &env.root.path().join("server"),
            0,
            extra,
            Some(std::sync::Arc::new(pg)),
        )
    }

    /// A server as users run it: without the hidden `--test-hooks` flag.
    pub fn start_without_hooks(env: &Env, extra: &[&str]) -> Server {
        let mut args = vec!["--no-test-hooks"];
        args.extend_from_slice(extra);
        Self::start_args(env, &args)
    }

    fn spawn(
        env: &Env,
        db_dir: &Path,
        port: u16,
        extra: &[&str],
        pg: Option<std::sync::Arc<postgres::Postgres>>,
    ) -> Server {
        let mut cmd = env.command();
        cmd.args(["sandbox", "serve", "--port", &port.to_string()]);
        if let Some(pg) = &pg {
            cmd.args(["--database", &pg.url("mdm"), "--database-password-file"])
                .arg(&pg.password_file);
        }
        // Test hooks on: tests move the server clock and step the simulator instead of
        // sleeping, and make fixtures through the server instead of raw SQL.
        let hooks = !extra.contains(&"--no-test-hooks");
        if hooks {
            cmd.arg("--test-hooks");
        }
        let args = extra.iter().filter(|a| **a != "--no-test-hooks");
        cmd.arg("--db-dir")
            .arg(db_dir)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd.spawn().expect("spawn mdm sandbox serve");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let url = line.trim().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "sandbox did not start: {url:?}"
        );
        Server {
            child,
            url,
            db_dir: db_dir.to_path_buf(),
            extra: extra.iter().map(|s| s.to_string()).collect(),
            pg,
        }
    }

    /// Stops the server and starts it again on the same port and data.
    pub fn restart(&mut self, env: &Env) {
        let port = self.port();
        self.stop();
        let extra: Vec<String> = self.extra.clone();
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // The port is free again once the old process is gone; retry briefly.
            let started = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                Self::spawn(env, &self.db_dir, port, &extra, self.pg.clone())
            }));
            match started {
                Ok(s) => {
                    // The old one is reaped already: dropping it signals nothing.
                    drop(std::mem::replace(self, s));
                    return;
                }
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(200))
                }
                Err(e) => std::panic::resume_unwind(e),
            }
        }
    }

    /// Kills the server with SIGKILL (no shutdown, no checkpoint: as a crash or the
    /// OOM killer would) and starts it again on the same port and data with `extra`
    /// flags instead of the first start's.
    pub fn crash_and_restart(&mut self, env: &Env, extra: &[&str]) {
        // `Child::kill` is SIGKILL on unix.
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.extra = extra.iter().map(|s| s.to_string()).collect();
        self.restart(env);
    }

    pub fn stop(&mut self) {
        stop_child(&mut self.child);
    }

    pub fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Calls a test hook (`/_test/…`, served because of `--test-hooks`); panics unless
    /// it answers 200.
    pub fn hook(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        let r = http::Http::new(&self.url).call("POST", path, None, None, Some(body));
        assert_eq!(r.status, 200, "test hook {path}: {:?}", r.body);
        r.body
    }

    /// Moves the server clock forward (elevations, approvals, tokens, break-glass and
    /// lockouts expire without sleeping).
    pub fn advance_clock(&self, seconds: u32) {
        self.hook(
            "/_test/clock/advance",
            serde_json::json!({ "seconds": seconds }),
        );
    }

    /// Runs `steps` simulator steps now (each one second of server time later).
    pub fn step_sim(&self, steps: u32) {
        self.hook("/_test/sim/step", serde_json::json!({ "steps": steps }));
    }

    /// Creates group `name` (if missing) holding `devices` (ids or serials).
    pub fn fixture_group(&self, name: &str, devices: &[String]) {
        self.hook(
            "/_test/fixtures/group",
            serde_json::json!({ "name": name, "devices": devices }),
        );
    }

    /// Adds a device (any fields of the hook's `DeviceFixture`); returns its id.
    pub fn fixture_device(&self, fields: serde_json::Value) -> String {
        let r = self.hook("/_test/fixtures/device", fields);
        r["id"].as_str().unwrap().to_string()
    }

    /// Direct access to the server's database, for fixtures (hostile names, races).
    pub fn db(&self) -> mdm_server::db::Db {
        match &self.pg {
            Some(pg) => pg.open("mdm", &self.db_dir),
            None => mdm_server::db::Db::open(&self.db_dir).unwrap(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

pub struct NewUser {
    pub token: String,
    pub seed: String,
}

/// A TOTP code from an independent generator (oathtool), for unix time `t` (now if None).
pub fn otp_at(seed: &str, t: Option<i64>) -> String {
    let mut cmd = Command::new("oathtool");
    cmd.args(["--totp", "-b", seed]);
    if let Some(t) = t {
        cmd.arg(format!("--now=@{t}"));
    }
    let out = cmd
        .output()
        .expect("oathtool is installed (apt-get install oathtool)");
    assert!(
        out.status.success(),
        "oathtool failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Waits until at least `margin` seconds remain in the current 30 s TOTP step, so a test
/// computing codes for neighbouring steps is not surprised by the step changing.
pub fn away_from_step_edge(margin: i64) {
    loop {
        let into = now_unix() % 30;
        if 30 - into > margin {
            return;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// A server plus an environment with a logged-in admin in context `t`.
pub struct Sandbox {
    pub env: Env,
    pub server: Server,
    pub admin_token: String,
    pub admin_seed: String,
}

impl Sandbox {
    pub fn new(devices: u32) -> Sandbox {
        let env = Env::new();
        let server = Server::start(&env, devices);
        Self::with_server(env, server)
    }

    /// A fleet that is all online and never fails a command (plus `extra` server flags),
    /// for tests that follow actions to their end.
    pub fn online(devices: u32, tick_ms: u32, extra: &[&str]) -> Sandbox {
        let env = Env::new();
        let (n, tick) = (devices.to_string(), tick_ms.to_string());
        let mut args = vec![
            "--devices",
            n.as_str(),
            "--tick-ms",
            tick.as_str(),
            "--offline-percent",
            "0",
            "--fail-percent",
            "0",
        ];
        args.extend_from_slice(extra);
        let server = Server::start_args(&env, &args);
        Self::with_server(env, server)
    }

    pub fn with_server(env: Env, server: Server) -> Sandbox {
        let mut sb = Sandbox {
            env,
            server,
            admin_token: String::new(),
            admin_seed: String::new(),
        };
        let admin = sb.user_full("root", "admin");
        sb.admin_token = admin.token;
        sb.admin_seed = admin.seed;
        sb.login("t", &sb.admin_token.clone());
        sb
    }

    /// A fresh code for the admin from oathtool.
    pub fn admin_otp(&self) -> String {
        otp_at(&self.admin_seed, None)
    }

    /// A code the sandbox accepts now for `user`, never a replay. The test hook moves the
    /// server clock to the next TOTP step when both usable ones are spent, so nothing
    /// waits for wall time (`mdm sandbox otp` itself is tested on its own).
    pub fn otp(&self, user: &str) -> String {
        let r = self
            .server
            .hook("/_test/otp", serde_json::json!({ "user": user }));
        r["code"].as_str().unwrap().to_string()
    }

    /// Ids of the devices `devices list --all` shows (listing order), with extra filters.
    pub fn device_ids(&self, filters: &[&str]) -> Vec<String> {
        let mut args = vec!["devices", "list", "--all", "-o", "json"];
        args.extend_from_slice(filters);
        let v = self.run(&args).json();
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// Creates a sandbox user and returns its token.
    pub fn user(&self, name: &str, role: &str) -> String {
        self.user_full(name, role).token
    }

    /// Creates a sandbox user; returns its token and TOTP seed (base32).
    pub fn user_full(&self, name: &str, role: &str) -> NewUser {
        let out = self.env.run(&[
            "sandbox",
            "user",
            "add",
            name,
            "--role",
            role,
            "--db-dir",
            self.server.db_dir.to_str().unwrap(),
            "-o",
            "json",
        ]);
        out.ok();
        let v = out.json();
        let uri = v["otpauth_uri"].as_str().unwrap();
        let seed = uri
            .split(['?', '&'])
            .find_map(|kv| kv.strip_prefix("secret="))
            .expect("otpauth URI has a secret")
            .to_string();
        NewUser {
            token: v["token"].as_str().unwrap().to_string(),
            seed,
        }
    }

    /// Adds context `name` for this server and stores `token` in the keyring.
    pub fn login(&self, name: &str, token: &str) {
        let existing = self.env.run(&["context", "show", name]);
        if existing.code != 0 {
            self.env
                .run(&["context", "add", name, "--server", &self.server.url])
                .ok();
        }
        self.env
            .run_with_stdin(
                &["auth", "login", "--with-token", "--context", name],
                Some(token),
            )
            .ok();
    }

    pub fn run(&self, args: &[&str]) -> Out {
        self.env.run(args)
    }

    /// Adds `name` 1.0 to the app catalog as context `ctx`'s user, stepping up with
    /// `otp`; returns the app's id.
    pub fn add_app(
        &self,
        ctx: &str,
        otp: &str,
        name: &str,
        platform: &str,
        content: &[u8],
    ) -> String {
        let pkg = self.env.root.path().join(format!("{name}.pkg"));
        std::fs::write(&pkg, content).unwrap();
        let out = self.run(&[
            "apps",
            "add",
            "--name",
            name,
            "--version",
            "1.0",
            "--bundle-id",
            &format!("org.example.{name}"),
            "--platform",
            platform,
            "--package",
            pkg.to_str().unwrap(),
            "-c",
            ctx,
            "--otp",
            otp,
            "-o",
            "json",
        ]);
        out.ok().json()["id"].as_str().unwrap().to_string()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Leave nothing behind in the shared user keyring.
        let list = self.env.run(&["context", "list", "-o", "json"]);
        if let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&list.stdout) {
            for c in items {
                if let Some(name) = c["name"].as_str() {
                    let _ = self.env.run(&["context", "remove", name, "--force"]);
                }
            }
        }
    }
}

/// Stops a server child: SIGTERM, up to 10 s to exit, then SIGKILL; never signals a pid
/// already reaped (it may belong to someone else by now).
pub fn stop_child(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}
