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
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok::<_, rusqlite::Error>(rows)
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
