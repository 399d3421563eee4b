//! A throwaway PostgreSQL cluster: `initdb` and `pg_ctl` from Debian's packages in a
//! temporary directory, on a loopback port, with a password (SCRAM) for TCP. Run as the
//! `postgres` user when the tests run as root (PostgreSQL refuses to run as root).
//! Stopped (immediate mode) and removed when dropped.
//!
//! `MDM_TEST_POSTGRES=1` runs the sandbox of every `Server` on one of these instead of
//! SQLite (scripts/test runs the server-facing tests a second time so).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

pub struct Postgres {
    pub dir: PathBuf,
    pub port: u16,
    bin: PathBuf,
    /// Commands run as this user (`runuser -u`) when we are root.
    run_as: Option<String>,
    /// A private copy of the password, for `--database-password-file`.
    pub password_file: PathBuf,
    running: Mutex<bool>,
    /// Serving TLS with a certificate for 127.0.0.1 from a throwaway CA (`ca.crt`).
    tls: bool,
}

pub const USER: &str = "mdm";
pub const PASSWORD: &str = "test-only-pg-password";

/// Whether this test run keeps the sandbox in PostgreSQL.
pub fn enabled() -> bool {
    std::env::var("MDM_TEST_POSTGRES").is_ok_and(|v| v == "1")
}

fn bin_dir() -> PathBuf {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return dir;
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed (Debian: apt-get install postgresql)")
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found
        .pop()
        .expect("initdb under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
}

impl Postgres {
    pub fn start() -> Postgres {
        Self::init(false)
    }

    /// A cluster that serves TLS (as well as plain TCP) with a certificate for
    /// 127.0.0.1 signed by a throwaway CA, whose certificate is at `ca_file()`.
    pub fn start_tls() -> Postgres {
        Self::init(true)
    }

    pub fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.crt")
    }

    fn init(tls: bool) -> Postgres {
        let root = unsafe { libc::geteuid() } == 0;
        let dir = std::env::temp_dir().join(format!(
            "mdm-pg-{}-{}",
            std::process::id(),
            super::random_suffix()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let run_as = root.then(|| "postgres".to_string());
        if root {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir)
                .status()
                .unwrap();
            assert!(status.success(), "chown the cluster directory to postgres");
        }
        let pwfile = dir.join("pwfile");
        std::fs::write(&pwfile, PASSWORD).unwrap();
        if root {
            Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&pwfile)
                .status()
                .unwrap();
        }
        let password_file = dir.join("password.gateway");
        std::fs::write(&password_file, format!("{PASSWORD}\n")).unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&password_file, std::fs::Permissions::from_mode(0o600))
                .unwrap();
        }
        let pg = Postgres {
            port: super::free_port(),
            bin: bin_dir(),
            run_as,
            password_file,
            running: Mutex::new(false),
            tls,
            dir,
        };
        let out = pg
            .cmd("initdb")
            .arg("-D")
            .arg(pg.data())
            .args(["-U", USER, "-E", "UTF8", "--no-sync", "--no-instructions"])
            .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
            .arg(format!("--pwfile={}", pwfile.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if tls {
            pg.make_certificate();
        }
        pg.start_again();
        pg
    }

    fn make_certificate(&self) {
        let openssl = |args: &[&str]| {
            let out = Command::new("openssl")
                .current_dir(&self.dir)
                .args(args)
                .output()
                .expect("openssl is installed");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        let ec: Vec<&str> = ec.split(' ').collect();
        let mut ca = vec!["req", "-x509"];
        ca.extend(&ec);
        ca.extend([
            "-days",
            "2",
            "-subj",
            "/CN=mdm test db CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
        ]);
        openssl(&ca);
        let mut csr = vec!["req"];
        csr.extend(&ec);
        csr.extend([
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ]);
        openssl(&csr);
        std::fs::write(
            self.dir.join("server.ext"),
            "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "server.ext",
            "-out",
            "server.crt",
        ]);
        let key = self.dir.join("server.key");
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        if self.run_as.is_some() {
            for f in ["server.key", "server.crt"] {
                Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(self.dir.join(f))
                    .status()
                    .unwrap();
            }
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn cmd(&self, tool: &str) -> Command {
        let path = self.bin.join(tool);
        let mut c = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        };
        c.current_dir(&self.dir).stdin(Stdio::null());
        c
    }

    /// Starts the server (again), on the same port and data.
    pub fn start_again(&self) {
        let mut opts = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=off -c full_page_writes=off \
             -c max_connections=200",
            self.port,
            self.dir.display()
        );
        if self.tls {
            opts.push_str(&format!(
                " -c ssl=on -c ssl_cert_file={0}/server.crt -c ssl_key_file={0}/server.key",
                self.dir.display()
            ));
        }
        let out = self
            .cmd("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-w", "-t", "30", "-o", &opts, "start"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl start: {}{}",
            String::from_utf8_lossy(&out.stdout),
            std::fs::read_to_string(self.dir.join("log")).unwrap_or_default()
        );
        *self.running.lock().unwrap() = true;
    }

    /// Stops the server at once (`-m immediate`: as a crash would, no checkpoint).
    pub fn stop(&self) {
        let mut running = self.running.lock().unwrap();
        if *running {
            let _ = self
                .cmd("pg_ctl")
                .arg("-D")
                .arg(self.data())
                .args(["-m", "immediate", "-w", "stop"])
                .output();
            *running = false;
        }
    }

    /// Runs SQL as the superuser over the Unix socket; panics unless psql succeeds.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let out = self
            .cmd("psql")
            .arg("-h")
            .arg(&self.dir)
            .args(["-p", &self.port.to_string(), "-U", USER, "-d", db])
            .args(["-v", "ON_ERROR_STOP=1", "-XAtq", "-c", sql])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "psql {sql:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Creates database `name`; returns its URL (no password: that is in
    /// `password_file`).
    pub fn create_database(&self, name: &str) -> String {
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        self.url(name)
    }

    pub fn url(&self, db: &str) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/{db}", self.port)
    }

    /// Opens database `db` as the gateway would (for fixtures and tampering), with the
    /// TOTP key in `key_dir`.
    pub fn open(&self, db: &str, key_dir: &Path) -> mdm_server::db::Db {
        let target = mdm_server::sql::pg::Target::new(&self.url(db), Some(PASSWORD), None).unwrap();
        let checkpoint = std::fs::read_to_string(key_dir.join("checkpoint.key")).unwrap();
        let seed: [u8; 32] = hex::decode(checkpoint.trim()).unwrap().try_into().unwrap();
        mdm_server::db::Db::open_postgres(
            target,
            &key_dir.join(mdm_server::seedbox::KEY_FILE),
            seed,
        )
        .unwrap()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
