//! The README's "Trying the Jamf Pro and Fleet backends" runs as written: the fakes
//! started by `mdm-graph-fake jamf|fleet`, a gateway in front of each from the README's
//! config files, `gateway check`, `serve`, `user add`, a login, lists of devices and
//! groups; no secret on the terminal or in the gateways' logs.
//!
//! What the test changes, and only by text substitution: the build line is left out
//! (the test builds `mdm-graph-fake` itself, and its own `mdm` is on `PATH`), `~/mdm-try`
//! moves under a temporary root, the ports 8450, 8451, 8460, 8461 become free ones, and a
//! trap stops what the blocks started in the background when they end.

use crate::common::readme::{Block, section_blocks};
use crate::common::{BIN, Env};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const SECTION: &str = "## Trying the Jamf Pro and Fleet backends";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `mdm-graph-fake`, built now (a no-op when it is up to date): it is another package's
/// program, which `cargo nextest` does not build for this one's tests.
fn fake_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let st = Command::new(cargo)
        .args(["build", "-q", "-p", "graph-fake", "--bin", "mdm-graph-fake"])
        .current_dir(root)
        .status()
        .expect("cargo runs");
    assert!(st.success(), "building mdm-graph-fake failed");
    let bin = Path::new(BIN).parent().unwrap().join("mdm-graph-fake");
    assert!(bin.exists(), "{} after the build", bin.display());
    bin
}

#[test]
fn the_readme_jamf_and_fleet_tryout_runs_as_written_against_the_fakes() {
    let env = Env::new();
    let blocks = section_blocks(SECTION);
    let shell: Vec<&Block> = blocks.iter().filter(|b| b.info == "sh").collect();
    assert_eq!(shell.len(), 2, "start the fakes, then the gateways");
    let configs: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.info.starts_with("toml file="))
        .collect();
    assert_eq!(configs.len(), 2, "jamf.toml and fleet.toml");
    assert!(shell[0].text.starts_with("cargo build --workspace\n"));

    let try_dir = env.root.path().join("mdm-try");
    let bin = env.root.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("mdm")).unwrap();
    std::os::unix::fs::symlink(fake_binary(), bin.join("mdm-graph-fake")).unwrap();
    let ports: Vec<(String, String)> = ["8450", "8451", "8460", "8461"]
        .iter()
        .map(|p| (p.to_string(), free_port().to_string()))
        .collect();
    let rewrite = |t: &str| {
        let mut t = t
            .replace("cargo build --workspace\n", "")
            .replace(
                "export PATH=\"$PWD/target/debug:$PATH\"\n",
                &format!("export PATH=\"{}:$PATH\"\n", bin.display()),
            )
            .replace("~/mdm-try", &try_dir.display().to_string());
        for (from, to) in &ports {
            t = t.replace(&format!(":{from}"), &format!(":{to}"));
            t = t.replace(&format!("--port {from}"), &format!("--port {to}"));
        }
        t
    };
    // What the blocks start in the background stops when the script ends.
    let script = format!(
        "trap 'kill $(jobs -p) 2>/dev/null' EXIT\n{}\n{}\n{}",
        rewrite(&shell[0].text),
        configs
            .iter()
            .map(|b| {
                let file = b.info.split_once("file=").unwrap().1.trim();
                format!("cat > {file} <<'EOF'\n{}EOF\n", rewrite(&b.text))
            })
            .collect::<String>(),
        rewrite(&shell[1].text)
    );
    // Bounded: a block that waits forever fails the test instead of hanging it.
    let mut cmd = Command::new("timeout");
    env.apply(&mut cmd);
    let out = cmd
        .args(["120", "bash", "-euo", "pipefail", "-c", &script])
        .current_dir(env.root.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "README blocks failed ({}):\n{script}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    // Both checks, both inventories and the vendors' groups.
    assert!(stdout.contains("jamf_c1"), "{stdout}");
    assert!(stdout.contains("All Managed Macs"), "{stdout}");
    assert!(stdout.contains("fleet_"), "{stdout}");
    assert!(stdout.contains("Workstations"), "{stdout}");
    for secret in ["try-jamf-secret", "try-fleet-token"] {
        assert!(!stdout.contains(secret) && !stderr.contains(secret));
        for log in ["jamf-gateway.log", "fleet-gateway.log"] {
            let text = std::fs::read_to_string(try_dir.join(log)).unwrap_or_default();
            assert!(!text.contains(secret), "{log} shows a secret");
        }
    }
}
