//! Staged rollouts and offline devices: a wave's deadline, `actions advance` and
//! `actions halt`.

use crate::common::Sandbox;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Four devices in `name` (sorted by id, as waves are cut), all online.
fn four(sb: &Sandbox, name: &str) -> Vec<String> {
    let mut ids = sb.device_ids(&[]);
    ids.truncate(4);
    ids.sort();
    sb.server.fixture_group(name, &ids);
    ids
}

fn away(sb: &Sandbox, device: &str) {
    sb.server.hook(
        "/_test/fixtures/device-away",
        serde_json::json!({ "device": device, "seconds": 100000 }),
    );
}

/// Pushes `sync` to the group (4 devices) in waves of 50% and 100%, not waiting;
/// returns the id.
fn push(sb: &Sandbox, group: &str, extra: &[&str]) -> String {
    let base = [
        "push",
        "command",
        "sync",
        "--group",
        group,
        "--rollout",
        "50%,100%",
    ];
    let tail = [
        "--reason",
        "CHG-1 sync",
        "--confirm",
        "push 4 devices in t",
        "--otp",
        &sb.admin_otp(),
        "--no-wait",
        "-o",
        "json",
    ];
    let out = sb.run(&[&base[..], extra, &tail].concat());
    out.ok();
    out.json()["id"].as_str().unwrap().to_string()
}

fn show(sb: &Sandbox, id: &str) -> Value {
    sb.run(&["actions", "show", id, "-o", "json"]).ok().json()
}

/// Polls the action until `ok` holds (the dispatcher runs on its own clock).
fn until(sb: &Sandbox, id: &str, what: &str, ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let a = show(sb, id);
        if ok(&a) {
            return a;
        }
        assert!(Instant::now() < deadline, "never {what}: {a:#}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_wave_of_offline_devices_passes_at_its_deadline() {
    let sb = Sandbox::online(20, 100, &["--push-approval-threshold", "5000"]);
    let ids = four(&sb, "ring");
    away(&sb, &ids[0]);
    away(&sb, &ids[1]);
    let id = push(&sb, "ring", &["--wave-timeout", "2m"]);
    // Both wave-1 devices are offline: the wave holds, the second one stays held.
    let a = until(&sb, &id, "pending", |a| a["counts"]["pending"] == 2);
    assert_eq!(a["waves"][0]["status"], "running", "{a:#}");
    assert_eq!(a["waves"][1]["status"], "held");
    sb.server.advance_clock(60);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        show(&sb, &id)["waves"][1]["status"],
        "held",
        "not before the deadline"
    );
    sb.server.advance_clock(61);
    let a = until(&sb, &id, "the second wave ran", |a| {
        a["waves"][1]["counts"]["acknowledged"] == 2
    });
    assert_eq!(a["waves"][0]["status"], "passed", "{a:#}");
    assert_eq!(a["counts"]["failed"], 0);
    assert_eq!(
        a["counts"]["pending"], 2,
        "the offline ones still wait to check in"
    );
    assert!(a["halt_reason"].is_null(), "{a:#}");
    sb.run(&["actions", "show", &id])
        .ok()
        .stdout_has("1:50% passed 0/2 (2 offline)");
    let ev = sb
        .run(&[
            "audit",
            "log",
            "--action",
            "action.wave_started",
            "-o",
            "json",
        ])
        .json();
    let ev = ev.as_array().unwrap().last().unwrap().clone();
    assert_eq!(ev["details"]["reason"], "wave_timeout", "{ev:#}");
    assert_eq!(ev["details"]["offline"], 2);
}

#[test]
fn operator_can_advance_and_halt() {
    let sb = Sandbox::online(20, 100, &["--push-approval-threshold", "5000"]);
    let ids = four(&sb, "ring");
    for d in &ids {
        away(&sb, d);
    }
    let id = push(&sb, "ring", &[]);
    until(&sb, &id, "pending", |a| a["counts"]["pending"] == 2);
    sb.run(&["actions", "advance", &id])
        .ok()
        .stderr_has("wave 2 of 2 released");
    let a = until(&sb, &id, "wave 2 pending", |a| a["counts"]["pending"] == 4);
    assert_eq!(a["waves"][0]["status"], "passed", "{a:#}");
    // Nothing is held any more: a second advance has nothing to release.
    sb.run(&["actions", "advance", &id])
        .code(1)
        .stderr_has("no held wave");
    sb.run(&["actions", "halt", &id, "--reason", "pager storm"])
        .ok()
        .stderr_has("Halted");
    let a = show(&sb, &id);
    assert_eq!(a["status"], "halted");
    assert_eq!(a["counts"]["cancelled"], 4);
    assert!(
        a["halt_reason"]
            .as_str()
            .unwrap()
            .contains("halted by root: pager storm"),
        "{a:#}"
    );
    for action in ["action.wave_advanced", "action.halt"] {
        let ev = sb
            .run(&["audit", "log", "--action", action, "-o", "json"])
            .json();
        let ev = &ev.as_array().unwrap()[0];
        assert_eq!(ev["actor"], "root", "{ev:#}");
        assert_eq!(ev["target"]["ids"][0], id.as_str());
    }
    sb.run(&["actions", "halt", &id, "--reason", "again"])
        .code(1)
        .stderr_has("not running");
}

#[test]
fn bad_rollout_steering_is_refused() {
    let sb = Sandbox::online(20, 100, &["--push-approval-threshold", "5000"]);
    four(&sb, "ring");
    let actions = || -> i64 {
        sb.server
            .db()
            .read(|c| c.query_row("SELECT COUNT(*) FROM actions", [], |r| r.get(0)))
            .unwrap()
    };
    for bad in [
        &["--rollout", "50%,100%", "--wave-timeout", "0s"][..],
        &["--rollout", "50%,100%", "--wave-timeout", "10d"],
        &["--rollout", "50%,100%", "--wave-timeout", "soon"],
        &["--wave-timeout", "5m"],
    ] {
        sb.run(&[&["push", "command", "sync", "--group", "ring"][..], bad].concat())
            .code(2)
            .stderr_has("error:");
    }
    assert_eq!(actions(), 0, "nothing was created");
    // Not a rollout: nothing to advance.
    let ids = sb.device_ids(&[]);
    sb.run(&["lock", &ids[5], "--no-wait"]).ok();
    let lock = sb.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    sb.run(&["actions", "advance", &lock])
        .code(1)
        .stderr_has("no held wave");
    sb.run(&["actions", "advance", "act_000000000000"]).code(6);
    sb.run(&["actions", "halt", &lock]).code(2);
    sb.run(&["actions", "halt", &lock, "--reason", " "]).code(2);
    // A viewer may not steer.
    let viewer = sb.user("vic", "viewer");
    sb.login("v", &viewer);
    sb.run(&["actions", "advance", &lock, "-c", "v"]).code(5);
    sb.run(&["actions", "halt", &lock, "--reason", "x", "-c", "v"])
        .code(5);
}
