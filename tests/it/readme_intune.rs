//! The README's "Running the gateway in front of Intune" runs as written: its shell
//! blocks, its config and its systemd unit, against the Graph fake.
//!
//! What the test changes, and only by text substitution: paths move under a temporary
//! root, the Graph and login URLs point at the fake, `mdm.contoso.com:8443` becomes
//! `localhost` on a free port. There is no systemd here, so `systemctl` is a stand-in
//! that checks the unit with the real `systemd-analyze verify`, then starts its
//! `ExecStart=` with the `LoadCredential=` files in a private `$CREDENTIALS_DIRECTORY`
//! and its `StateDirectory=` made, as systemd would; `useradd` only records its call.

use crate::common::readme::{Block, section_blocks};
use crate::common::{BIN, Env};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const SECTION: &str = "## Running the gateway in front of Intune";

/// `key = "value"` from the README's TOML block.
fn toml_value(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
        })
        .unwrap_or_else(|| panic!("the README config has no {key}"))
}

struct Rewrite {
    root: PathBuf,
    fake_url: String,
    port: u16,
}

impl Rewrite {
    fn apply(&self, text: &str) -> String {
        let r = self.root.display().to_string();
        text.replace("/usr/local/bin/mdm", BIN)
            .replace("/etc/systemd/system", &format!("{r}/etc/systemd/system"))
            .replace("/etc/mdm", &format!("{r}/etc/mdm"))
            .replace("/var/lib/mdm", &format!("{r}/var/lib/mdm"))
            .replace("https://graph.microsoft.com", &self.fake_url)
            .replace("https://login.microsoftonline.com", &self.fake_url)
            .replace("0.0.0.0:8443", &format!("127.0.0.1:{}", self.port))
            .replace("mdm.contoso.com:8443", &format!("localhost:{}", self.port))
            .replace("mdm.contoso.com", "localhost")
    }
}

const SYSTEMCTL: &str = r#"#!/bin/bash
# systemctl stand-in for the README test (no systemd in the test machine).
set -euo pipefail
case "${1:-}" in
  daemon-reload) exit 0 ;;
  enable) [ "${2:-}" = "--now" ] || { echo "stand-in: only enable --now" >&2; exit 1; }
          name="${3%.service}" ;;
  *) echo "systemctl stand-in: $* is not supported" >&2; exit 1 ;;
esac
unit="$MDM_TEST_ROOT/etc/systemd/system/$name.service"
systemd-analyze verify "$unit"
creds="$MDM_TEST_ROOT/run/credentials/$name.service"
install -d -m 0700 "$creds"
state=""; exec_start=""
while IFS= read -r line; do
  case "$line" in
    LoadCredential=*) v="${line#LoadCredential=}"; install -m 0400 "${v#*:}" "$creds/${v%%:*}" ;;
    StateDirectory=*) state="${line#StateDirectory=}" ;;
    ExecStart=*) exec_start="${line#ExecStart=}" ;;
  esac
done < "$unit"
[ -n "$exec_start" ] || { echo "stand-in: no ExecStart=" >&2; exit 1; }
[ -z "$state" ] || install -d -m 0700 "$MDM_TEST_ROOT/var/lib/$state"
out="$MDM_TEST_ROOT/$name.stdout"; err="$MDM_TEST_ROOT/$name.stderr"
# Nothing of the caller's environment leaks in but what the test set.
CREDENTIALS_DIRECTORY="$creds" setsid $exec_start >"$out" 2>"$err" </dev/null &
echo $! > "$MDM_TEST_ROOT/$name.pid"
for _ in $(seq 300); do
  [ -s "$out" ] && exit 0
  kill -0 $! 2>/dev/null || break
  sleep 0.1
done
cat "$err" >&2
exit 1
"#;

/// Stops the stand-in's service when the test ends, however it ends.
struct Service(PathBuf);

impl Drop for Service {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(&self.0) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn write_exec(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs a README shell block with bash (`-euo pipefail`: any failing line fails it).
fn run_block(env: &Env, bin: &Path, cwd: &Path, script: &str, stdin: &str) -> (String, String) {
    use std::io::Write;
    let mut cmd = Command::new("bash");
    env.apply(&mut cmd);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.env("PATH", path)
        .env("MDM_TEST_ROOT", env.root.path())
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "README block failed ({}):\n{script}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    (stdout, stderr)
}

#[test]
fn the_readme_intune_setup_runs_as_written_against_the_fake() {
    let env = Env::new();
    let blocks = section_blocks(SECTION);
    let shell: Vec<&Block> = blocks.iter().filter(|b| b.info == "sh").collect();
    let file = |prefix: &str| {
        blocks
            .iter()
            .find(|b| b.info.starts_with(prefix))
            .unwrap_or_else(|| panic!("the README section has a `{prefix}` block"))
    };
    let config = file("toml file=");
    let unit = file("ini file=");
    assert_eq!(shell.len(), 3, "host setup, start, admin's machine");

    let bin = env.root.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("mdm")).unwrap();
    write_exec(&bin.join("systemctl"), SYSTEMCTL);
    write_exec(
        &bin.join("useradd"),
        "#!/bin/sh\necho \"$@\" >> \"$MDM_TEST_ROOT/useradd.log\"\n",
    );
    let _service = Service(env.root.path().join("mdm-gateway.pid"));

    // Step 2 first: it makes the app's certificate, which the app registration (the
    // fake's) then knows, as an admin uploads it in the portal.
    let mut rw = Rewrite {
        root: env.root.path().to_path_buf(),
        fake_url: String::new(),
        port: free_port(),
    };
    run_block(&env, &bin, env.root.path(), &rw.apply(&shell[0].text), "");
    let etc = env.root.path().join("etc/mdm");
    let app_cert = std::fs::read_to_string(etc.join("graph.crt")).unwrap();
    let fake = graph_fake::Fake::start(graph_fake::Options {
        devices: 12,
        tenant: Some(toml_value(&config.text, "tenant")),
        client_id: toml_value(&config.text, "client_id"),
        client_secret: None,
        client_certificate_pem: Some(app_cert),
        ..graph_fake::Options::default()
    })
    .unwrap();
    rw.fake_url = fake.url().trim_end_matches('/').to_string();

    for block in [config, unit] {
        let path = block.info.split_once("file=").unwrap().1.trim();
        let path = PathBuf::from(rw.apply(path));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, rw.apply(&block.text)).unwrap();
    }

    // Step 5: check, start under the stand-in, the first admin.
    let (out, _) = run_block(&env, &bin, env.root.path(), &rw.apply(&shell[1].text), "");
    let token = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("token"))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| panic!("user add printed no token:\n{out}"));
    assert!(
        std::fs::read_to_string(env.root.path().join("useradd.log"))
            .unwrap()
            .contains("--system"),
    );
    // The service really runs from the unit: its database is in the state directory.
    assert!(env.root.path().join("var/lib/mdm/gateway.sqlite3").exists());

    // Step 6, on "the admin's machine": another directory with a copy of the cert.
    let admin = env.root.path().join("admin");
    std::fs::create_dir_all(&admin).unwrap();
    std::fs::copy(etc.join("gateway.crt"), admin.join("gateway.crt")).unwrap();
    let (out, _) = run_block(
        &env,
        &bin,
        &admin,
        &rw.apply(&shell[2].text),
        &format!("{token}\n"),
    );
    assert!(out.contains("alice"), "auth status names the user:\n{out}");
    let ids = fake.device_ids();
    assert_eq!(ids.len(), 12);
    for id in ids.iter().take(3) {
        let serial = fake.device(id).unwrap().serial_number;
        assert!(out.contains(&serial), "{serial} listed:\n{out}");
    }

    // The gateway signed in with the certificate assertion, and every exchange
    // with the fake is what Graph documents.
    let log = env.root.path().join("graph-exchanges.jsonl");
    fake.write_log(&log).unwrap();
    let report = graph_fake::contract::validate(&log).unwrap();
    assert!(
        report.violations.is_empty(),
        "contract violations: {:#?}",
        report.violations
    );
}
