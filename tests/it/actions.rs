//! Guarded destructive actions: every gate row, the 409 race, idempotent retries after a
//! lost response, the two-person rule, partial failures, and bad input.

use crate::common::http::Http;
use crate::common::{Env, Sandbox, Server, otp_at};
use serde_json::{Value, json};

fn actions_in_db(sb: &Sandbox) -> i64 {
    sb.server
        .db()
        .read(|c| c.query_row("SELECT COUNT(*) FROM actions", [], |r| r.get(0)))
        .unwrap()
}

fn group_size(sb: &Sandbox, group: &str) -> usize {
    sb.run(&["devices", "list", "--all", "--group", group, "-o", "json"])
        .json()
        .as_array()
        .unwrap()
        .len()
}

/// A group of the first `n` devices (in listing order), made through the fixtures hook.
pub fn make_group(sb: &Sandbox, name: &str, n: i64) {
    let mut ids = sb.device_ids(&[]);
    ids.truncate(n as usize);
    assert_eq!(
        ids.len(),
        n as usize,
        "the fleet has fewer than {n} devices"
    );
    sb.server.fixture_group(name, &ids);
}

fn first_device(sb: &Sandbox, filter: &str) -> Value {
    let v = sb.run(&["devices", "list", "--all", "-o", "json"]).json();
    v.as_array()
        .unwrap()
        .iter()
        .find(|d| {
            (filter.is_empty() || d["platform"] == filter)
                && d["status"] != "wiped"
                && d["status"] != "retired"
        })
        .cloned()
        .expect("a device")
}

fn all_online(extra: &[&str]) -> Sandbox {
    Sandbox::online(40, 150, extra)
}

#[test]
fn lock_one_device_needs_no_step_up_or_confirmation() {
    let sb = all_online(&[]);
    let d = first_device(&sb, "ios");
    let out = sb.run(&[
        "lock",
        d["serial"].as_str().unwrap(),
        "--message",
        "Lost? Call IT",
        "--callback-number",
        "+32 2 555 01 23",
    ]);
    out.ok()
        .stderr_has("accepted: lock 1 device(s)")
        .stderr_has("completed");
    let shown = sb
        .run(&["devices", "show", d["id"].as_str().unwrap(), "-o", "json"])
        .json();
    assert_eq!(shown["locked"], true);
    sb.run(&["unlock", d["id"].as_str().unwrap()]).ok();
    assert_eq!(
        sb.run(&["devices", "show", d["id"].as_str().unwrap(), "-o", "json"])
            .json()["locked"],
        false
    );
}

#[test]
fn wipe_one_device_needs_the_serial_and_a_fresh_code() {
    let sb = all_online(&[]);
    let d = first_device(&sb, "");
    let (id, serial) = (d["id"].as_str().unwrap(), d["serial"].as_str().unwrap());
    // No confirmation, no terminal: exit 3, nothing created.
    sb.run(&["wipe", id])
        .code(3)
        .stderr_has(&format!("--confirm \"{serial}\""));
    // Wrong serial.
    sb.run(&[
        "wipe",
        id,
        "--confirm",
        "WRONGSERIAL",
        "--otp",
        &sb.admin_otp(),
    ])
    .code(3)
    .stderr_has("does not match");
    // Right serial, no code and no terminal.
    sb.run(&["wipe", id, "--confirm", serial])
        .code(3)
        .stderr_has("needs a step-up");
    assert_eq!(
        actions_in_db(&sb),
        0,
        "nothing may be created before the gate passes"
    );
    // A wrong code: refused by the server, exit 5.
    sb.run(&["wipe", id, "--confirm", serial, "--otp", "123456"])
        .code(5);
    assert_eq!(actions_in_db(&sb), 0);
    // Right serial and code: it runs and the device ends up wiped.
    let code = sb.admin_otp();
    sb.run(&["wipe", id, "--confirm", serial, "--otp", &code])
        .ok()
        .stderr_has("completed");
    assert_eq!(
        sb.run(&["devices", "show", id, "-o", "json"]).json()["status"],
        "wiped"
    );
    assert_eq!(actions_in_db(&sb), 1);
    // The same code again is refused (it works once), even for another device.
    let other = first_device(&sb, "");
    sb.run(&[
        "wipe",
        other["id"].as_str().unwrap(),
        "--confirm",
        other["serial"].as_str().unwrap(),
        "--otp",
        &code,
    ])
    .code(5)
    .stderr_has("already used");
    // A wiped device is not a target any more.
    sb.run(&["lock", id])
        .code(1)
        .stderr_has("not an active device");
}

#[test]
fn multi_device_actions_need_the_exact_phrase_and_step_up() {
    let sb = all_online(&[]);
    make_group(&sb, "pilot", 6);
    assert_eq!(group_size(&sb, "pilot"), 6);
    for bad in [
        "wipe 5 devices in t",
        "wipe 7 devices in t",
        "wipe 6 devices in prod",
        "wipe 6 devices",
        "WIPE 6 DEVICES IN T",
    ] {
        sb.run(&[
            "wipe",
            "--group",
            "pilot",
            "--confirm",
            bad,
            "--otp",
            &sb.admin_otp(),
        ])
        .code(3)
        .stderr_has("expected `wipe 6 devices in t`");
    }
    sb.run(&[
        "wipe",
        "--group",
        "pilot",
        "--confirm",
        "wipe 6 devices in t",
    ])
    .code(3)
    .stderr_has("needs a step-up");
    // Several ids count as several devices, and mass locks are guarded too.
    let v = sb.run(&["devices", "list", "--all", "-o", "json"]).json();
    let (a, b) = (v[10]["id"].as_str().unwrap(), v[11]["id"].as_str().unwrap());
    sb.run(&["lock", a, b])
        .code(3)
        .stderr_has("--confirm \"lock 2 devices in t\"");
    assert_eq!(actions_in_db(&sb), 0);
    // The server shows the confirmation failures in its audit log.
    let n: i64 = sb
        .server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM audit_events WHERE action = 'action.confirmation_failed'",
                [],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert!(n >= 7, "confirmation failures audited: {n}");
    sb.run(&[
        "lock",
        a,
        b,
        "--confirm",
        "lock 2 devices in t",
        "--otp",
        &sb.admin_otp(),
        "--reason",
        "test",
    ])
    .ok();
    // The elevation is cached: the next guarded command needs no new code.
    sb.run(&[
        "wipe",
        "--group",
        "pilot",
        "--confirm",
        "wipe 6 devices in t",
        "--ticket",
        "CHG-1",
    ])
    .ok();
    let wiped = sb
        .run(&[
            "devices", "list", "--all", "--status", "wiped", "-o", "json",
        ])
        .json();
    assert_eq!(wiped.as_array().unwrap().len(), 6);
}

#[test]
fn viewers_and_operators_cannot_wipe() {
    let sb = all_online(&[]);
    let d = first_device(&sb, "");
    let (id, serial) = (d["id"].as_str().unwrap(), d["serial"].as_str().unwrap());
    let viewer = sb.user_full("vic", "viewer");
    sb.login("viewer", &viewer.token);
    sb.run(&[
        "wipe",
        id,
        "-c",
        "viewer",
        "--confirm",
        serial,
        "--otp",
        &otp_at(&viewer.seed, None),
    ])
    .code(5)
    .stderr_has("lacks the permission actions:create");
    let op = sb.user_full("opal", "operator");
    sb.login("op", &op.token);
    sb.run(&[
        "wipe",
        id,
        "-c",
        "op",
        "--confirm",
        serial,
        "--otp",
        &otp_at(&op.seed, None),
    ])
    .code(5)
    .stderr_has("may not wipe devices");
    // Operators may lock.
    sb.run(&["lock", id, "-c", "op"]).ok();
    // Directly against the API, an admin token without an elevation cannot wipe either.
    let http = Http::new(&sb.server.url);
    let p = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "wipe", "target": {"ids": [id]}}),
    );
    assert_eq!(p.status, 200, "{:?}", p.body);
    let req = json!({"action": "wipe", "target": {"ids": [id]}, "expected_count": 1, "target_digest": p.body["target_digest"]});
    let r = http.call(
        "POST",
        "/v1/actions",
        Some(&sb.admin_token),
        None,
        Some(req.clone()),
    );
    assert_eq!(
        r.code(),
        "invalid_request",
        "the Idempotency-Key is required"
    );
    let client = reqwest::blocking::Client::new();
    let r = client
        .post(format!("{}/v1/actions", sb.server.url))
        .bearer_auth(&sb.admin_token)
        .header("Idempotency-Key", "k1")
        .json(&req)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().unwrap().contains("step_up_required"));
    assert_eq!(actions_in_db(&sb), 1, "only the operator's lock");
}

#[test]
fn the_target_changing_between_preview_and_execution_is_refused() {
    let sb = all_online(&[]);
    make_group(&sb, "race", 4);
    let http = Http::new(&sb.server.url);
    let p = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "lock", "target": {"group": "race"}}),
    );
    assert_eq!(p.body["count"], 4);
    // Another device joins the group after the preview.
    let joiner = sb.device_ids(&[])[29].clone();
    sb.server.fixture_group("race", &[joiner]);
    let elevation = http.step_up(&sb.admin_token, &sb.otp("root")).unwrap();
    let r = reqwest::blocking::Client::new()
        .post(format!("{}/v1/actions", sb.server.url))
        .bearer_auth(&sb.admin_token)
        .header("Idempotency-Key", "race-1")
        .header("X-MDM-Elevation", &elevation)
        .json(&json!({"action": "lock", "target": {"group": "race"}, "expected_count": 4, "target_digest": p.body["target_digest"]}))
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 409);
    let body: Value = r.json().unwrap();
    assert_eq!(body["error"]["code"], "target_changed");
    assert_eq!(body["error"]["details"]["count"], 5);
    assert_eq!(actions_in_db(&sb), 0, "nothing was locked");
}

#[test]
fn a_lost_response_is_retried_with_the_same_key_and_creates_one_action() {
    let sb = all_online(&["--fault", "drop-next-action-response"]);
    make_group(&sb, "ops", 3);
    let out = sb.run(&[
        "-v",
        "lock",
        "--group",
        "ops",
        "--confirm",
        "lock 3 devices in t",
        "--otp",
        &sb.admin_otp(),
    ]);
    out.ok()
        .stderr_has("502 Bad Gateway")
        .stderr_has("accepted: lock 3 device(s)");
    let posts = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("> POST") && l.ends_with("/v1/actions"))
        .count();
    assert_eq!(posts, 2, "one lost attempt and one retry:\n{}", out.stderr);
    assert_eq!(
        actions_in_db(&sb),
        1,
        "the retry must not create a second action"
    );
    let keys: i64 = sb
        .server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT COUNT(DISTINCT idempotency_key) FROM actions",
                [],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert_eq!(keys, 1);
}

#[test]
fn two_person_rule() {
    let sb = all_online(&[]);
    make_group(&sb, "big", 12);
    let out = sb.run(&[
        "wipe",
        "--group",
        "big",
        "--confirm",
        "wipe 12 devices in t",
        "--otp",
        &sb.admin_otp(),
        "--reason",
        "stolen batch",
        "-o",
        "json",
    ]);
    out.code(8)
        .stderr_has("needs a second admin's approval")
        .stderr_has("mdm approvals approve act_");
    let id = out.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        sb.run(&[
            "devices", "list", "--all", "--status", "wiped", "-o", "json"
        ])
        .json(),
        json!([])
    );
    // The requester cannot approve their own action.
    sb.run(&[
        "approvals",
        "approve",
        &id,
        "--confirm",
        "wipe 12 devices in t",
    ])
    .code(5)
    .stderr_has("a second admin must approve it");
    // The server refuses it as well, whatever the client.
    let r = crate::common::http::Http::new(&sb.server.url).post(
        &format!("/v1/approvals/{id}/approve"),
        &sb.admin_token,
        serde_json::json!({}),
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot approve their own"),
        "{}",
        r.body
    );
    // A viewer cannot approve at all.
    let viewer = sb.user_full("vic", "viewer");
    sb.login("viewer", &viewer.token);
    sb.run(&[
        "approvals",
        "approve",
        &id,
        "-c",
        "viewer",
        "--confirm",
        "wipe 12 devices in viewer",
        "--otp",
        &otp_at(&viewer.seed, None),
    ])
    .code(5);
    // A second admin: must type the phrase and step up.
    let second = sb.user_full("second", "admin");
    sb.login("second", &second.token);
    let list = sb
        .run(&["approvals", "list", "-c", "second", "-o", "json"])
        .json();
    assert_eq!(list[0]["id"], id.as_str());
    sb.run(&[
        "approvals",
        "approve",
        &id,
        "-c",
        "second",
        "--confirm",
        "wipe 11 devices in second",
    ])
    .code(3);
    sb.run(&[
        "approvals",
        "approve",
        &id,
        "-c",
        "second",
        "--confirm",
        "wipe 12 devices in second",
    ])
    .code(3)
    .stderr_has("needs a step-up");
    sb.run(&[
        "approvals",
        "approve",
        &id,
        "-c",
        "second",
        "--confirm",
        "wipe 12 devices in second",
        "--otp",
        &otp_at(&second.seed, None),
    ])
    .ok()
    .stderr_has("Approved");
    sb.run(&["actions", "watch", &id, "--timeout", "60s"]).ok();
    let a = sb.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(a["approval"]["approved_by"], "second");
    assert_eq!(a["status"], "completed");
    assert_eq!(
        sb.run(&[
            "devices", "list", "--all", "--status", "wiped", "-o", "json"
        ])
        .json()
        .as_array()
        .unwrap()
        .len(),
        12
    );
}

#[test]
fn approvals_expire_and_can_be_rejected() {
    let sb = all_online(&["--approval-ttl", "2s"]);
    make_group(&sb, "big", 11);
    let out = sb.run(&[
        "retire",
        "--group",
        "big",
        "--confirm",
        "retire 11 devices in t",
        "--otp",
        &sb.admin_otp(),
        "--reason",
        "lost batch",
        "-o",
        "json",
    ]);
    let id = out.code(8).json()["id"].as_str().unwrap().to_string();
    let second = sb.user_full("second", "admin");
    sb.login("second", &second.token);
    sb.server.advance_clock(3);
    sb.run(&[
        "approvals",
        "approve",
        &id,
        "-c",
        "second",
        "--confirm",
        "retire 11 devices in second",
        "--otp",
        &otp_at(&second.seed, None),
    ])
    .code(1)
    .stderr_has("expired");
    assert_eq!(
        sb.run(&["actions", "show", &id, "-o", "json"]).json()["status"],
        "expired"
    );
    // A fresh request, rejected.
    let out = sb.run(&[
        "retire",
        "--group",
        "big",
        "--confirm",
        "retire 11 devices in t",
        "--reason",
        "lost batch",
        "-o",
        "json",
    ]);
    let id2 = out.code(8).json()["id"].as_str().unwrap().to_string();
    sb.run(&[
        "approvals",
        "reject",
        &id2,
        "-c",
        "second",
        "--reason",
        "not today",
    ])
    .ok();
    assert_eq!(
        sb.run(&["actions", "show", &id2, "-o", "json"]).json()["status"],
        "rejected"
    );
    assert_eq!(
        sb.run(&[
            "devices", "list", "--all", "--status", "retired", "-o", "json"
        ])
        .json(),
        json!([])
    );
}

#[test]
fn fleet_wide_actions_need_a_reason_and_an_approval() {
    let sb = all_online(&[]);
    sb.run(&[
        "lock",
        "--all",
        "--confirm",
        "lock 40 devices in t",
        "--otp",
        &sb.admin_otp(),
    ])
    .code(2)
    .stderr_has("needs --reason");
    let out = sb.run(&[
        "lock",
        "--all",
        "--confirm",
        "lock 40 devices in t",
        "--reason",
        "incident 42",
        "--otp",
        &sb.admin_otp(),
        "-o",
        "json",
    ]);
    out.code(8);
    assert_eq!(out.json()["reason"], "incident 42");
}

#[test]
fn partial_failures_exit_7_and_list_the_failed_devices() {
    let sb = {
        let env = Env::new();
        let server = Server::start_args(
            &env,
            &[
                "--devices",
                "30",
                "--tick-ms",
                "150",
                "--offline-percent",
                "0",
                "--fail-percent",
                "50",
            ],
        );
        Sandbox::with_server(env, server)
    };
    make_group(&sb, "flaky", 8);
    let out = sb.run(&[
        "lock",
        "--group",
        "flaky",
        "--confirm",
        "lock 8 devices in t",
        "--otp",
        &sb.admin_otp(),
    ]);
    out.code(7)
        .stderr_has("devices failed")
        .stderr_has("the device reported an error");
    let id = out
        .stderr
        .split_whitespace()
        .find(|w| w.starts_with("act_"))
        .unwrap()
        .trim_end_matches(':');
    let failed = sb
        .run(&["actions", "show", id, "--devices", "failed", "-o", "json"])
        .json();
    let acked = sb
        .run(&[
            "actions",
            "show",
            id,
            "--devices",
            "acknowledged",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(
        failed.as_array().unwrap().len() + acked.as_array().unwrap().len(),
        8
    );
    assert!(!failed.as_array().unwrap().is_empty());
}

#[test]
fn offline_devices_stay_pending_and_cancel_stops_them() {
    let sb = {
        let env = Env::new();
        let server = Server::start_args(
            &env,
            &[
                "--devices",
                "40",
                "--tick-ms",
                "150",
                "--offline-percent",
                "100",
                "--fail-percent",
                "0",
            ],
        );
        Sandbox::with_server(env, server)
    };
    make_group(&sb, "away", 5);
    let out = sb.run(&[
        "lock",
        "--group",
        "away",
        "--confirm",
        "lock 5 devices in t",
        "--otp",
        &sb.admin_otp(),
    ]);
    // Accepted and running: exit 9 with a summary that is not an error, and counts
    // that are the devices' own (5 offline, not the fleet's 40).
    out.code(9)
        .stderr_has("accepted · 0 acknowledged · 0 failed · 5 not yet acknowledged (")
        .stderr_has("5 offline: they get it when they check in")
        .stderr_lacks("error:")
        // Not the fleet's count (random ids may hold the digits "40" anywhere).
        .stderr_lacks("40 not yet")
        .stderr_lacks("40 offline");
    let list = sb.run(&["actions", "list", "-o", "json"]).json();
    let id = list[0]["id"].as_str().unwrap().to_string();
    sb.run(&["actions", "watch", &id, "--timeout", "1s"])
        .code(9)
        .stderr_has("still running after the wait timeout")
        .stderr_lacks("error:");
    sb.run(&["actions", "cancel", &id])
        .ok()
        .stderr_has("Cancelled");
    let a = sb.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(a["status"], "cancelled");
    assert_eq!(a["counts"]["cancelled"], 5);
    sb.run(&["actions", "cancel", &id])
        .code(1)
        .stderr_has("can no longer be cancelled");
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let sb = all_online(&[]);
    sb.run(&["wipe", "dev_nope", "--confirm", "x"])
        .code(6)
        .stderr_has("no device with id or serial \"dev_nope\"");
    sb.run(&["wipe", "--all", "dev_123"]).code(2);
    sb.run(&["wipe", "--group", "a", "--filter", "platform = ios"])
        .code(6)
        .stderr_has("no group named \"a\"");
    sb.run(&["wipe"]).code(2);
    let out = sb.run(&["wipe", "--filter", "platform = ios and os_version"]);
    out.code(2)
        .stderr_has("invalid --filter expression at column 30")
        .stderr_has("^ expected an operator");
    sb.run(&["lock", "--filter", "platfrom = ios"])
        .code(2)
        .stderr_has("unknown field");
    let ios = first_device(&sb, "ios");
    sb.run(&[
        "wipe",
        ios["id"].as_str().unwrap(),
        "--keep-user-data",
        "--confirm",
        ios["serial"].as_str().unwrap(),
        "--otp",
        &sb.admin_otp(),
    ])
    .code(2)
    .stderr_has("--keep-user-data is not supported on ios");
    sb.run(&[
        "lock",
        ios["id"].as_str().unwrap(),
        "--callback-number",
        "call me",
    ])
    .code(2);
    sb.run(&["lock", "--group", "no-such-group"]).code(6);
    sb.run(&[
        "lock",
        ios["id"].as_str().unwrap(),
        "--wait-timeout",
        "soon",
    ])
    .code(2);
    assert_eq!(actions_in_db(&sb), 0);
    // A filter that matches nothing is not an error: nothing to do.
    sb.run(&["wipe", "--filter", "serial = none-such"])
        .ok()
        .stderr_has("nothing to do");
    // --dry-run sends nothing that changes state, even with everything else given.
    let dry = sb.run(&[
        "wipe",
        "--filter",
        "platform = android",
        "--dry-run",
        "-o",
        "json",
    ]);
    assert!(dry.ok().json()["count"].as_u64().unwrap() > 0);
    assert_eq!(actions_in_db(&sb), 0);
}

#[test]
fn every_step_is_an_audit_event() {
    let sb = all_online(&[]);
    make_group(&sb, "audited", 3);
    sb.run(&["lock", "--group", "audited", "--confirm", "nope"])
        .code(3);
    sb.run(&[
        "lock",
        "--group",
        "audited",
        "--confirm",
        "lock 3 devices in t",
        "--otp",
        &sb.admin_otp(),
        "--reason",
        "why not",
        "--ticket",
        "INC-7",
    ])
    .ok();
    let events: Vec<Value> = sb
        .server
        .db()
        .read(|c| {
            let mut s = c.prepare("SELECT body FROM audit_events ORDER BY id")?;
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<mdm_server::sql::Result<Vec<_>>>()
        })
        .unwrap()
        .iter()
        .map(|b| serde_json::from_str(b).unwrap())
        .collect();
    let find = |action: &str| {
        events
            .iter()
            .filter(|e| e["action"] == action)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(find("action.preview").len(), 2);
    assert_eq!(find("action.confirmation_failed").len(), 1);
    let created = &find("action.lock")[0];
    assert_eq!(created["actor"], "root");
    assert_eq!(created["role"], "admin");
    assert!(
        created["elevation_id"]
            .as_str()
            .unwrap()
            .starts_with("elv_")
    );
    assert_eq!(created["reason"], "why not");
    assert_eq!(created["ticket"], "INC-7");
    assert_eq!(created["target"]["count"], 3);
    assert!(created["target"]["digest"].as_str().unwrap().len() == 64);
    assert!(created["request_id"].as_str().unwrap().starts_with("req_"));
    assert_eq!(find("action.device_outcome").len(), 3);
    assert_eq!(find("action.completed").len(), 1);
}

#[test]
fn a_declined_preview_cannot_be_used() {
    let sb = all_online(&[]);
    let d = first_device(&sb, "");
    let http = Http::new(&sb.server.url);
    let p = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "lock", "target": {"ids": [d["id"]]}}),
    );
    let pid = p.body["preview_id"].as_str().unwrap().to_string();
    let r = http.post(
        &format!("/v1/actions/previews/{pid}/decline"),
        &sb.admin_token,
        json!({"reason": "mismatch"}),
    );
    assert_eq!(r.status, 204);
    let r = reqwest::blocking::Client::new()
        .post(format!("{}/v1/actions", sb.server.url))
        .bearer_auth(&sb.admin_token)
        .header("Idempotency-Key", "k-declined")
        .json(
            &json!({"action": "lock", "target": {"ids": [d["id"]]}, "expected_count": 1,
                      "target_digest": p.body["target_digest"], "preview_id": pid}),
        )
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 409);
    assert!(r.text().unwrap().contains("preview_invalid"));
    // Unknown option names are refused, not silently dropped.
    let r = http.post("/v1/actions/preview", &sb.admin_token, json!({"action": "wipe", "target": {"ids": [d["id"]]}, "options": {"keep_enrolment": true}}));
    assert_eq!(r.status, 400, "{:?}", r.body);
    assert_eq!(actions_in_db(&sb), 0);
}

/// Issue 13: a gateway killed mid fan-out (here the simulator hangs in `submit` after
/// 700 commands, in the middle of the second batch of 500) resumes on the same database
/// without resending: the devices of the batch cut off are asked about, not sent to
/// again; those the simulator never received fail with the documented reason.
#[test]
fn a_gateway_killed_mid_fan_out_resumes_without_resending() {
    let env = Env::new();
    let flags = [
        "--devices",
        "2500",
        "--tick-ms",
        "100",
        "--offline-percent",
        "0",
        "--fail-percent",
        "0",
    ];
    let mut first = flags.to_vec();
    first.extend(["--fault", "stall-after-submits=700"]);
    let server = Server::start_args(&env, &first);
    let mut sb = Sandbox::with_server(env, server);
    make_group(&sb, "fanout", 1200);
    let out = sb.run(&[
        "lock",
        "--group",
        "fanout",
        "--confirm",
        "lock 1200 devices in t",
        "--otp",
        &sb.admin_otp(),
        "--no-wait",
        "-o",
        "json",
    ]);
    out.ok();
    let id = out.json()["id"].as_str().unwrap().to_string();
    let deliveries = |sb: &Sandbox| -> serde_json::Map<String, Value> {
        let r = sb
            .server
            .hook("/_test/sim/deliveries", json!({ "action_id": id }));
        r["devices"].as_object().unwrap().clone()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while deliveries(&sb).len() < 700 {
        assert!(
            std::time::Instant::now() < deadline,
            "the simulator never reached 700 commands"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Stalled: batch 1 recorded as sent, batch 2 claimed (shown as sent), batch 3 queued.
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(deliveries(&sb).len(), 700);
    let mid = sb.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(mid["counts"]["sent"], 1000, "{mid}");
    assert_eq!(mid["counts"]["queued"], 200, "{mid}");
    assert_eq!(mid["counts"]["acknowledged"], 0, "{mid}");

    sb.server.crash_and_restart(&sb.env, &flags);
    sb.run(&["actions", "watch", &id, "--timeout", "60s"])
        .code(7);
    let done = sb.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(done["counts"]["acknowledged"], 900, "{done}");
    assert_eq!(done["counts"]["failed"], 300, "{done}");
    let got = deliveries(&sb);
    assert_eq!(
        got.len(),
        900,
        "every device that acknowledged got the command"
    );
    for (device, n) in &got {
        assert_eq!(n, 1, "{device} received the lock {n} times");
    }
    let failed = sb
        .run(&["actions", "show", &id, "--devices", "failed", "-o", "json"])
        .json();
    let failed = failed.as_array().unwrap();
    assert_eq!(failed.len(), 300);
    for d in failed {
        let device = d["device_id"].as_str().unwrap();
        assert!(!got.contains_key(device), "{device} failed but received it");
        let error = d["error"].as_str().unwrap();
        assert!(
            error.contains("gateway restarted") && error.contains("not resent"),
            "{error}"
        );
    }
    let acked = sb
        .run(&[
            "actions",
            "show",
            &id,
            "--devices",
            "acknowledged",
            "-o",
            "json",
        ])
        .json();
    let acked = acked.as_array().unwrap();
    assert_eq!(acked.len(), 900);
    for d in acked {
        assert!(got.contains_key(d["device_id"].as_str().unwrap()));
    }
    // The recovery is in the audit trail: one event, naming the batch that was cut off.
    let ev = sb
        .run(&[
            "audit",
            "log",
            "--action",
            "action.delivery_recovered",
            "-o",
            "json",
        ])
        .json();
    let ev = ev.as_array().unwrap();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["details"]["action_id"], id.as_str());
    assert_eq!(ev[0]["details"]["devices"], 500);
}

#[test]
fn pins_of_an_action_without_any_and_of_an_unknown_action_change_nothing() {
    let sb = all_online(&[]);
    let d = first_device(&sb, "macos");
    sb.run(&["lock", d["id"].as_str().unwrap()]).ok();
    let act = sb.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // The simulator sets no PIN: nothing to show, said so, and nothing revealed.
    let otp = sb.admin_otp();
    sb.run(&["actions", "pins", &act, "--otp", &otp])
        .ok()
        .stderr_has("set no unlock PIN");
    let got = sb.run(&["actions", "pins", &act, "-o", "json"]).json();
    assert_eq!(got["pins"].as_array().unwrap().len(), 0);
    assert_eq!(got["already_revealed"], 0);
    let events = |action: &str| {
        sb.run(&["audit", "log", "--action", action, "-o", "json"])
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    let revealed = events("action.pins_revealed");
    sb.run(&["actions", "pins", "act_000000000000"])
        .code(6)
        .stderr_has("act_000000000000");
    sb.run(&["actions", "pins", "../etc"]).code(6);
    assert_eq!(
        events("action.pins_revealed"),
        revealed,
        "a refusal reveals nothing"
    );
}
