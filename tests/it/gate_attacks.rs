//! Issue 12's attacks on the gates, performed against a real sandbox: each must now fail
//! to do harm, with the refusal, its status or exit code, and its audit event.

use crate::actions::make_group;
use crate::common::Sandbox;
use crate::common::http::Http;
use serde_json::{Value, json};

/// The audit events with `action`, oldest first (their bodies).
pub fn events(sb: &Sandbox, action: &str) -> Vec<Value> {
    sb.server
        .db()
        .read(|c| {
            let mut s = c.prepare("SELECT body FROM audit_events WHERE action = ?1 ORDER BY id")?;
            let rows = s
                .query_map([action], |r| r.get::<_, String>(0))?
                .collect::<mdm_server::sql::Result<Vec<_>>>()?;
            Ok::<_, mdm_server::sql::Error>(rows)
        })
        .unwrap()
        .iter()
        .map(|b| serde_json::from_str(b).unwrap())
        .collect()
}

fn wiped(sb: &Sandbox) -> usize {
    sb.run(&[
        "devices", "list", "--all", "--status", "wiped", "-o", "json",
    ])
    .json()
    .as_array()
    .unwrap()
    .len()
}

pub fn create(http: &Http, token: &str, elevation: &str, key: &str, body: Value) -> (u16, Value) {
    let r = http.call_with(
        "POST",
        "/v1/actions",
        Some(token),
        Some(elevation),
        &[("Idempotency-Key", key)],
        Some(body),
    );
    (r.status, r.body)
}

/// Finding 2: `{"filter": "id ~ dev_"}` resolves to the whole fleet; it is fleet-wide
/// (reason and approval) like `--all`, and so is a group covering half the fleet.
#[test]
fn a_filter_that_covers_the_fleet_is_fleet_wide() {
    let sb = Sandbox::online(40, 150, &[]);
    let http = Http::new(&sb.server.url);
    let target = json!({"filter": "id ~ dev_"});
    let p = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "lock", "target": target}),
    );
    assert_eq!(p.status, 200, "{:?}", p.body);
    assert_eq!(p.body["count"], 40);
    assert_eq!(p.body["requires"]["approval"], true);
    assert_eq!(p.body["requires"]["reason"], true);
    let elevation = http.step_up(&sb.admin_token, &sb.otp("root")).unwrap();
    let body = json!({"action": "lock", "target": target, "expected_count": 40,
                      "target_digest": p.body["target_digest"]});
    // Without a reason: refused, and the refusal is an audit event.
    let (status, b) = create(&http, &sb.admin_token, &elevation, "fw-1", body.clone());
    assert_eq!(status, 400, "{b:?}");
    assert!(b["error"]["message"].as_str().unwrap().contains("reason"));
    let refused = events(&sb, "action.lock");
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0]["outcome"], "refused_reason_required");
    assert_eq!(refused[0]["target"]["count"], 40);
    // With a reason: it waits for a second admin instead of running.
    let mut with_reason = body.clone();
    with_reason["reason"] = json!("incident 7");
    let (status, b) = create(&http, &sb.admin_token, &elevation, "fw-2", with_reason);
    assert_eq!(status, 202, "{b:?}");
    assert_eq!(b["status"], "pending_approval");
    let ev = events(&sb, "action.lock");
    assert_eq!(ev[1]["outcome"], "pending_approval");
    assert_eq!(ev[1]["details"]["fleet_wide"], true);
    assert_eq!(ev[1]["details"]["approval_required"], true);

    // Through the CLI: a group of half the fleet (exactly the share) is fleet-wide too.
    make_group(&sb, "half", 20);
    sb.run(&[
        "wipe",
        "--group",
        "half",
        "--confirm",
        "wipe 20 devices in t",
        "--otp",
        &sb.otp("root"),
    ])
    .code(2)
    .stderr_has("needs --reason");
    let out = sb.run(&[
        "wipe",
        "--filter",
        "id ~ dev_",
        "--confirm",
        "wipe 40 devices in t",
        "--reason",
        "fleet compromise",
        "--otp",
        &sb.otp("root"),
        "-o",
        "json",
    ]);
    out.code(8).stderr_has("needs a second admin's approval");
    assert_eq!(wiped(&sb), 0, "nothing was wiped without a second admin");
    // Below the share and the threshold, a filter stays an ordinary multi-device action.
    make_group(&sb, "few", 3);
    sb.run(&[
        "lock",
        "--group",
        "few",
        "--confirm",
        "lock 3 devices in t",
        "--otp",
        &sb.otp("root"),
    ])
    .ok();
}

/// Finding 12: settings that switch a protection off are refused at start (exit 2),
/// before a database exists or a port is bound.
#[test]
fn settings_that_switch_a_protection_off_are_refused_at_start() {
    let env = crate::common::Env::new();
    let db = env.root.path().join("refused-db");
    let cases: &[(&[&str], &str)] = &[
        (
            &["--stepup-lockout", "0s"],
            "--stepup-lockout must be at least 1m",
        ),
        (
            &["--stepup-lockout", "59s"],
            "--stepup-lockout must be at least 1m",
        ),
        (
            &["--elevation-ttl", "6m"],
            "--elevation-ttl must be between 1s and 5m",
        ),
        (
            &["--elevation-ttl", "0s"],
            "--elevation-ttl must be between 1s and 5m",
        ),
        (
            &["--approval-threshold", "0"],
            "--approval-threshold must be at least 1",
        ),
        (
            &["--push-approval-threshold", "0"],
            "--push-approval-threshold must be at least 1",
        ),
        (
            &["--fleet-share-percent", "0"],
            "--fleet-share-percent must be between 1 and 100",
        ),
        (
            &["--fleet-share-percent", "101"],
            "--fleet-share-percent must be between 1 and 100",
        ),
    ];
    for (flags, message) in cases {
        let mut args = vec![
            "sandbox",
            "serve",
            "--port",
            "0",
            "--db-dir",
            db.to_str().unwrap(),
        ];
        args.extend_from_slice(flags);
        env.run(&args)
            .code(2)
            .stderr_has(message)
            .stderr_has("only make the safety gates stricter");
        assert!(
            !db.join("mdm.sqlite3").exists(),
            "{flags:?}: nothing was started"
        );
    }
}

fn preview(http: &Http, token: &str, body: Value) -> Value {
    let p = http.post("/v1/actions/preview", token, body);
    assert_eq!(p.status, 200, "{:?}", p.body);
    p.body
}

/// Finding 1: the two-person rule split into batches. Ten wipes, then one more device
/// in the same hour, needs a second admin however it is split; the window rolls with
/// the server clock.
#[test]
fn wipes_split_into_batches_still_need_a_second_admin() {
    let sb = Sandbox::online(40, 150, &[]);
    let http = Http::new(&sb.server.url);
    let ids = sb.device_ids(&[]);
    let elevation = http.step_up(&sb.admin_token, &sb.otp("root")).unwrap();
    let batch: Vec<&String> = ids[..10].iter().collect();
    let p = preview(
        &http,
        &sb.admin_token,
        json!({"action": "wipe", "target": {"ids": batch}}),
    );
    assert_eq!(p["requires"]["approval"], false);
    assert_eq!(p["this_hour"], 10);
    assert_eq!(p["requires"]["phrase"], "wipe 10 devices in <context>");
    let (status, b) = create(
        &http,
        &sb.admin_token,
        &elevation,
        "b-1",
        json!({"action": "wipe", "target": {"ids": batch}, "expected_count": 10,
               "target_digest": p["target_digest"]}),
    );
    assert_eq!(status, 201, "{b:?}");
    // The 11th device in the window, alone: a second admin (and a reason).
    let p = preview(
        &http,
        &sb.admin_token,
        json!({"action": "wipe", "target": {"ids": [ids[10]]}}),
    );
    assert_eq!(p["this_hour"], 11);
    assert_eq!(p["requires"]["approval"], true);
    assert_eq!(p["requires"]["reason"], true);
    let (status, b) = create(
        &http,
        &sb.admin_token,
        &elevation,
        "b-2",
        json!({"action": "wipe", "target": {"ids": [ids[10]]}, "expected_count": 1,
               "target_digest": p["target_digest"], "reason": "one more"}),
    );
    assert_eq!(status, 202, "{b:?}");
    assert_eq!(b["status"], "pending_approval");
    let ev = events(&sb, "action.wipe");
    let last = ev.last().unwrap();
    assert_eq!(last["outcome"], "pending_approval");
    assert_eq!(last["details"]["this_hour"], 11);
    // A batch of two, through the CLI: the phrase names the running total.
    let p = preview(
        &http,
        &sb.admin_token,
        json!({"action": "wipe", "target": {"ids": [ids[11], ids[12]]}}),
    );
    assert_eq!(
        p["requires"]["phrase"],
        "wipe 2 devices in <context> (13 this hour)"
    );
    sb.run(&[
        "wipe",
        &ids[11],
        &ids[12],
        "--confirm",
        "wipe 2 devices in t",
        "--reason",
        "more",
        "--otp",
        &sb.otp("root"),
    ])
    .code(3);
    let out = sb.run(&[
        "wipe",
        &ids[11],
        &ids[12],
        "--confirm",
        "wipe 2 devices in t (13 this hour)",
        "--reason",
        "more",
        "--otp",
        &sb.otp("root"),
        "-o",
        "json",
    ]);
    out.code(8).stderr_has("needs a second admin's approval");
    // The window rolls with the server clock: an hour later one device is one device.
    sb.server.advance_clock(3601);
    let p = preview(
        &http,
        &sb.admin_token,
        json!({"action": "wipe", "target": {"ids": [ids[13]]}}),
    );
    assert_eq!(p["this_hour"], 1);
    assert_eq!(p["requires"]["approval"], false);
}

/// Finding 1: a loop of single-device pushes with no step-up; after the budget (5) the
/// next needs one, and pushes in chunks count toward the push threshold.
#[test]
fn single_device_pushes_in_a_loop_need_a_step_up_after_the_budget() {
    let sb = Sandbox::online(40, 150, &["--push-approval-threshold", "8"]);
    let http = Http::new(&sb.server.url);
    let ids = sb.device_ids(&[]);
    let push = |i: usize, key: &str| {
        let p = preview(
            &http,
            &sb.admin_token,
            json!({"action": "push_command", "target": {"ids": [ids[i]]},
                   "options": {"command": "sync"}}),
        );
        let r = http.call_with(
            "POST",
            "/v1/actions",
            Some(&sb.admin_token),
            None,
            &[("Idempotency-Key", key)],
            Some(
                json!({"action": "push_command", "target": {"ids": [ids[i]]},
                        "options": {"command": "sync"}, "expected_count": 1,
                        "target_digest": p["target_digest"]}),
            ),
        );
        (p, r)
    };
    for i in 0..5 {
        let (p, r) = push(i, &format!("p-{i}"));
        assert_eq!(p["requires"]["step_up"], false, "push {i}");
        assert_eq!(r.status, 201, "push {i}: {:?}", r.body);
    }
    let (p, r) = push(5, "p-5");
    assert_eq!(p["requires"]["step_up"], true);
    assert_eq!(r.status, 403, "{:?}", r.body);
    assert_eq!(r.code(), "step_up_required");
    let ev = events(&sb, "action.push_command");
    assert_eq!(ev.last().unwrap()["outcome"], "refused_step_up_required");
    // Through the CLI, without a code and without a terminal: exit 3, nothing sent.
    sb.run(&["push", "command", "sync", &ids[6]]).code(3);
    // Chunks under the push threshold (8): 5 pushed + 4 more is over it.
    let p = preview(
        &http,
        &sb.admin_token,
        json!({"action": "push_command", "target": {"ids": [ids[7], ids[8], ids[9], ids[10]]},
               "options": {"command": "sync"}}),
    );
    assert_eq!(p["this_hour"], 9);
    assert_eq!(p["requires"]["approval"], true);
    assert_eq!(
        p["requires"]["phrase"],
        "push 4 devices in <context> (9 this hour)"
    );
    // An hour later the budget is fresh again.
    sb.server.advance_clock(3601);
    let (p, r) = push(11, "p-11");
    assert_eq!(p["requires"]["step_up"], false);
    assert_eq!(r.status, 201, "{:?}", r.body);
}

/// A second admin (`second`) lifts the freeze that context `t`'s admin asked to lift.
pub fn second_admin_unfreezes(sb: &Sandbox) {
    let second = sb.user_full(&format!("u2-{}", crate::common::random_suffix()), "admin");
    sb.login("second", &second.token);
    sb.run(&[
        "incident",
        "unfreeze",
        "-c",
        "second",
        "--confirm",
        "unfreeze second",
        "--otp",
        &crate::common::otp_at(&second.seed, None),
    ])
    .ok()
    .stderr_has("Lifted the change freeze");
}

/// Finding 7: a compromised admin lifts the freeze alone. Now the request waits (202,
/// exit 8) for a second admin; asking twice does not count as two; break-glass may.
#[test]
fn unfreeze_needs_a_second_admin_or_break_glass() {
    let sb = Sandbox::new(5);
    let http = Http::new(&sb.server.url);
    sb.run(&["incident", "freeze", "--otp", &sb.otp("root")])
        .ok();
    let dry = sb
        .run(&["incident", "unfreeze", "--dry-run", "-o", "json"])
        .json();
    assert_eq!(dry["requires"]["approval"], true);
    sb.run(&[
        "incident",
        "unfreeze",
        "--confirm",
        "unfreeze t",
        "--otp",
        &sb.otp("root"),
    ])
    .code(8)
    .stderr_has("needs a second admin");
    // The same admin again, through the API: still waiting.
    let elevation = http.step_up(&sb.admin_token, &sb.otp("root")).unwrap();
    let r = http.call(
        "PUT",
        "/v1/incident/freeze",
        Some(&sb.admin_token),
        Some(&elevation),
        Some(json!({"frozen": false})),
    );
    assert_eq!(r.status, 202, "{:?}", r.body);
    assert_eq!(r.body["freeze"]["frozen"], true);
    assert_eq!(
        http.get("/v1/incident/freeze", &sb.admin_token).body["frozen"],
        true
    );
    let ev = events(&sb, "incident.unfreeze");
    assert_eq!(ev.len(), 2);
    assert!(ev.iter().all(|e| e["outcome"] == "pending_approval"));
    // A second admin lifts it; the event names who asked first.
    second_admin_unfreezes(&sb);
    assert_eq!(
        http.get("/v1/incident/freeze", &sb.admin_token).body["frozen"],
        false
    );
    let ev = events(&sb, "incident.unfreeze");
    let last = ev.last().unwrap();
    assert_eq!(last["outcome"], "success");
    assert_eq!(last["details"]["requested_by"], "root");
    // The request does not outlive its window: freeze again, ask, wait past the
    // approval TTL (1h): the second admin's lift is only a new request.
    sb.run(&["incident", "freeze", "--otp", &sb.otp("root")])
        .ok();
    sb.run(&[
        "incident",
        "unfreeze",
        "--confirm",
        "unfreeze t",
        "--otp",
        &sb.otp("root"),
    ])
    .code(8);
    sb.server.advance_clock(3601);
    let second = sb.user_full("late", "admin");
    sb.login("late", &second.token);
    sb.run(&[
        "incident",
        "unfreeze",
        "-c",
        "late",
        "--confirm",
        "unfreeze late",
        "--otp",
        &sb.otp("late"),
    ])
    .code(8);
    assert_eq!(
        http.get("/v1/incident/freeze", &sb.admin_token).body["frozen"],
        true
    );
    // An active break-glass session lifts it alone.
    let bg = sb.user_full("glass", "breakglass");
    // Activation takes a fresh code in the request itself; the unfreeze then a step-up.
    let r = http.call(
        "POST",
        "/v1/breakglass/activate",
        Some(&bg.token),
        None,
        Some(json!({"reason": "admins locked out", "ticket": "INC-9", "duration_seconds": 600, "otp": sb.otp("glass")})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    let bg_elv = http.step_up(&bg.token, &sb.otp("glass")).unwrap();
    let r = http.call(
        "PUT",
        "/v1/incident/freeze",
        Some(&bg.token),
        Some(&bg_elv),
        Some(json!({"frozen": false, "reason": "contained"})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["freeze"]["frozen"], false);
    let last = events(&sb, "incident.unfreeze").pop().unwrap();
    assert_eq!(last["outcome"], "success");
    assert_eq!(last["details"]["breakglass"], true);
}
