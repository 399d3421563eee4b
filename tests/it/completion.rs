//! Dynamic shell completion: bash in a real pseudo-terminal completes contexts from the
//! config and groups, devices and action ids from the server; with the server down it
//! stays quiet and quick.

use crate::common::{BIN, Sandbox};
use std::time::{Duration, Instant};

/// An interactive bash in a tmux pseudo-terminal, with `mdm` on its PATH and mdm's
/// completion sourced; killed on drop.
struct Bash {
    socket: String,
}

impl Bash {
    fn start(sb: &Sandbox) -> Bash {
        let bin_dir = std::path::Path::new(BIN).parent().unwrap().to_path_buf();
        let socket = format!("mdm-cmpl-{}", crate::common::random_suffix());
        let mut cmd = std::process::Command::new("tmux");
        sb.env.apply(&mut cmd);
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        cmd.env("PATH", path).env("TERM", "xterm").args([
            "-L",
            &socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "200",
            "-y",
            "50",
            "bash --norc --noprofile -i",
        ]);
        assert!(cmd.status().unwrap().success(), "tmux starts");
        let b = Bash { socket };
        b.keys(&[
            "source <(mdm completions bash); echo sourced-$((6*7))",
            "Enter",
        ]);
        b.wait_for("sourced-42");
        b
    }

    fn keys(&self, keys: &[&str]) {
        let ok = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "0"])
            .args(keys)
            .status()
            .unwrap()
            .success();
        assert!(ok, "send-keys {keys:?}");
    }

    fn screen(&self) -> String {
        let out = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits (10 s at most) until the screen shows `want`; returns the screen.
    fn wait_for(&self, want: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if screen.contains(want) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never showed {want:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Types `line`, presses Tab twice, waits for `want` on the screen, clears the screen.
    fn complete(&self, line: &str, want: &str) -> String {
        self.keys(&[line, "Tab", "Tab"]);
        let screen = self.wait_for(want);
        self.keys(&["C-u", "clear", "Enter"]);
        std::thread::sleep(Duration::from_millis(200));
        screen
    }
}

impl Drop for Bash {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

#[test]
fn bash_completes_contexts_groups_devices_and_actions_in_a_pty() {
    let sb = Sandbox::new(8);
    sb.run(&[
        "context",
        "add",
        "prod",
        "--server",
        "https://mdm.example.org",
    ])
    .ok();
    let dev = sb.device_ids(&[])[0].clone();
    sb.run(&["lock", &dev, "--no-wait"]).ok();
    let act = sb.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut cmd = sb.env.command();
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .args(["--", "mdm", "lock", "--group", "field-"]);
    let out = cmd.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "field-ops", "{out:?}");
    let b = Bash::start(&sb);
    // Both contexts are offered (bash lists them after the second Tab).
    let screen = b.complete("mdm devices list -c ", "prod");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("prod") && l.contains('t')),
        "{screen}"
    );
    // One candidate completes in place.
    b.complete("mdm lock --group field-", "mdm lock --group field-ops");
    b.complete(&format!("mdm wipe {}", &dev[..8]), &dev);
    b.complete(&format!("mdm actions show {}", &act[..6]), &act);
    b.complete("mdm groups show sal", "mdm groups show sales");
}

#[test]
fn completion_with_the_server_down_is_quiet_and_quick() {
    let mut sb = Sandbox::new(2);
    sb.server.stop();
    let started = Instant::now();
    let mut cmd = sb.env.command();
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .args(["--", "mdm", "lock", "--group", ""]);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stdout.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // Contexts need no server.
    let mut cmd = sb.env.command();
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .args(["--", "mdm", "-c", ""]);
    let out = cmd.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "t");
    // An unknown shell is a clear error.
    let mut cmd = sb.env.command();
    cmd.env("COMPLETE", "tcsh").args(["--", "mdm", ""]);
    let out = cmd.output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tcsh"));
}
