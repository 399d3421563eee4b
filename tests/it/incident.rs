//! Incident response: the attacker scenario end to end, the change freeze over every
//! mutating endpoint, break-glass (step-up, expiry, supersession, alerts), the evidence
//! snapshot, and bad input.

use crate::common::fixture::{Fixture, response};
use crate::common::http::Http;
use crate::common::{Env, NewUser, Sandbox, Server, otp_at};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn sandbox(devices: u32, extra: &[&str]) -> Sandbox {
    Sandbox::online(devices, 100, extra)
}

/// A group of the first `n` devices of `platform`.
fn make_group(sb: &Sandbox, name: &str, platform: &str, n: i64) {
    let mut ids = sb.device_ids(&["--platform", platform]);
    ids.truncate(n as usize);
    sb.server.fixture_group(name, &ids);
}

fn write(sb: &Sandbox, name: &str, text: &str) -> String {
    let p = sb.env.root.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn add_app(sb: &Sandbox, ctx: &str, seed: &str, name: &str, platform: &str) {
    sb.add_app(ctx, &otp_at(seed, None), name, platform, name.as_bytes());
}

const BASELINE: &str =
    "name: baseline\npasscode:\n  required: true\n  min_length: 8\nassignments: [field-team]\n";
const WEAK: &str =
    "name: baseline\npasscode:\n  required: true\n  min_length: 4\nassignments: [field-team]\n";

#[test]
fn an_attacker_is_contained_and_the_report_tells_exactly_what_they_did() {
    let sb = sandbox(600, &["--push-approval-threshold", "1000"]);
    make_group(&sb, "field-team", "ios", 20);
    // Before the attack: a legitimate admin fills the catalog; the responder sets policy
    // and hands out an enrollment token.
    let alice = sb.user_full("alice", "admin");
    sb.login("a", &alice.token);
    add_app(&sb, "a", &alice.seed, "RemoteHelper", "ios");
    let base = write(&sb, "baseline.yaml", BASELINE);
    sb.run(&["policy", "apply", "-f", &base]).ok();
    sb.run(&["enroll", "create", "--user", "new.hire@example.org"])
        .ok();

    // The attack, with a stolen admin token.
    let mallory = sb.user_full("mallory", "admin");
    sb.login("m", &mallory.token);
    let attack_start = crate::common::now_unix();
    sb.run(&[
        "push",
        "app",
        "RemoteHelper",
        "--group",
        "field-team",
        "--confirm",
        "push 20 devices in m",
        "--otp",
        &otp_at(&mallory.seed, None),
        "--no-wait",
        "-c",
        "m",
    ])
    .ok();
    let weak = write(&sb, "weak.yaml", WEAK);
    sb.run(&[
        "policy",
        "apply",
        "-f",
        &weak,
        "--confirm",
        "weaken baseline in m",
        "-c",
        "m",
    ])
    .ok();
    let pii = sb
        .run(&[
            "devices",
            "list",
            "--show-pii",
            "--limit",
            "500",
            "-o",
            "json",
            "-c",
            "m",
        ])
        .json();
    assert_eq!(pii.as_array().unwrap().len(), 500);
    assert!(pii[0]["owner_email"].as_str().unwrap().contains('@'));

    // The responder's drill: every step one line on stderr, and JSON for scripts.
    let one_line = |out: &crate::common::Out| {
        let done: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with('✔')).collect();
        assert_eq!(done.len(), 1, "one summary line expected:\n{}", out.stderr);
    };
    let out = sb.run(&[
        "incident",
        "freeze",
        "--message",
        "INC-7: MDM compromised, call the SOC",
        "--reason",
        "attacker pushed an app",
        "--ticket",
        "INC-7",
        "--otp",
        &sb.admin_otp(),
        "-o",
        "json",
    ]);
    out.ok();
    one_line(&out);
    assert_eq!(out.json()["freeze"]["frozen"], true);
    let dry = sb
        .run(&[
            "incident",
            "revoke-sessions",
            "--all-except-me",
            "--dry-run",
            "-o",
            "json",
        ])
        .json();
    let n = dry["revoked_tokens"].as_u64().unwrap() + dry["revoked_elevations"].as_u64().unwrap();
    assert!(dry["users"].as_array().unwrap().contains(&json!("mallory")));
    sb.run(&["devices", "list", "--limit", "1", "-c", "m"]).ok(); // still in, for now
    sb.run(&[
        "incident",
        "revoke-sessions",
        "--all-except-me",
        "--confirm",
        &format!("revoke {} sessions in t", n + 1),
    ])
    .code(3)
    .stderr_has("does not match");
    let out = sb.run(&[
        "incident",
        "revoke-sessions",
        "--all-except-me",
        "--confirm",
        &format!("revoke {n} sessions in t"),
        "--ticket",
        "INC-7",
    ]);
    out.ok().stderr_has("next request fails with 401");
    one_line(&out);
    // The attacker is out; the responder is not.
    sb.run(&["devices", "list", "--limit", "1", "-c", "m"])
        .code(4);
    sb.run(&["devices", "list", "--limit", "1"]).ok();
    let out = sb.run(&[
        "incident",
        "rotate-enrollment",
        "--ticket",
        "INC-7",
        "-o",
        "json",
    ]);
    out.ok();
    one_line(&out);
    assert_eq!(out.json()["revoked"], 1);
    let out = sb.run(&[
        "lock",
        "--group",
        "field-team",
        "--confirm",
        "lock 20 devices in t",
        "--message",
        "Security incident: call IT",
        "--no-wait",
    ]);
    out.ok();
    one_line(&out);
    // Frozen: even an admin cannot push or enroll now.
    sb.run(&["enroll", "create", "--user", "x@example.org"])
        .code(5)
        .stderr_has("INC-7: MDM compromised, call the SOC");

    // The report: exactly the three things mallory did, with their targets.
    let report = sb
        .run(&["incident", "report", "--since", "1h", "-o", "json"])
        .json();
    let actors = report["actors"].as_array().unwrap();
    let m = actors
        .iter()
        .find(|a| a["actor"] == "mallory")
        .expect("mallory is in the report");
    let entries = m["entries"].as_array().unwrap();
    let cats: Vec<&str> = entries
        .iter()
        .map(|e| e["category"].as_str().unwrap())
        .collect();
    // Reading 500 owners' details went over the PII budget (her step-up was cached),
    // and the report says so.
    assert_eq!(
        cats,
        ["push", "policy", "pii_read", "pii_budget"],
        "{entries:#?}"
    );
    let push = &entries[0];
    assert_eq!(push["target_count"], 20);
    assert!(push["summary"].as_str().unwrap().contains("RemoteHelper"));
    assert!(
        push["summary"]
            .as_str()
            .unwrap()
            .contains("--group field-team")
    );
    let policy = &entries[1];
    assert_eq!(policy["weakens"], true);
    assert!(
        policy["summary"]
            .as_str()
            .unwrap()
            .contains("passcode.min_length: 8 → 4 (weakens)"),
        "{policy}"
    );
    assert_eq!(entries[2]["target_count"], 500);
    assert!(
        entries[3]["summary"]
            .as_str()
            .unwrap()
            .contains("owner details of 500 devices within an hour (budget 50"),
        "{}",
        entries[3]
    );
    for e in entries {
        let t = mdm_model::time::parse_rfc3339(e["time"].as_str().unwrap())
            .unwrap()
            .unix_timestamp();
        assert!(t >= attack_start - 1);
    }
    assert!(report["rejected_tokens"].as_u64().unwrap() >= 1);
    // The responder's containment is in it too.
    let root = actors.iter().find(|a| a["actor"] == "root").unwrap();
    let root_cats: Vec<&str> = root["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["category"].as_str().unwrap())
        .collect();
    for c in ["incident", "sessions", "enrollment", "device_action"] {
        assert!(root_cats.contains(&c), "{c} missing: {root_cats:?}");
    }
    // Markdown by default, for the CERT.
    let md = sb.run(&["incident", "report", "--since", "1h", "--actor", "mallory"]);
    md.ok();
    assert!(md.stdout.starts_with("# Incident report: t"));
    assert!(
        md.stdout.contains(
            "| mallory | admin | 4 | 1 | 1 | 0 | 1 | 0 | weakened policy, over the PII budget |"
        ),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("⚠ update policy baseline"));
    // And the log it was built from verifies.
    sb.run(&["audit", "verify"]).ok();
}

/// (what, method, path, body, needs an Idempotency-Key)
fn frozen_endpoints(dev: &str, pending: &str) -> Vec<(&'static str, &'static str, String, Value)> {
    let target = json!({ "ids": [dev] });
    vec![
        (
            "wipe preview",
            "POST",
            "/v1/actions/preview".into(),
            json!({"action": "wipe", "target": target}),
        ),
        (
            "push preview",
            "POST",
            "/v1/actions/preview".into(),
            json!({"action": "push_command", "target": target, "options": {"command": "restart"}}),
        ),
        (
            "wipe",
            "POST",
            "/v1/actions".into(),
            json!({"action": "wipe", "target": target, "expected_count": 1, "target_digest": "x"}),
        ),
        (
            "retire",
            "POST",
            "/v1/actions".into(),
            json!({"action": "retire", "target": target, "expected_count": 1, "target_digest": "x"}),
        ),
        (
            "push app",
            "POST",
            "/v1/actions".into(),
            json!({"action": "push_app", "target": target, "options": {"app": "Tool"}, "expected_count": 1, "target_digest": "x"}),
        ),
        (
            "push profile",
            "POST",
            "/v1/actions".into(),
            json!({"action": "push_profile", "target": target, "options": {"profile_name": "wifi", "profile": "{\"PayloadType\":\"Configuration\",\"PayloadContent\":[]}"}, "expected_count": 1, "target_digest": "x"}),
        ),
        (
            "approve",
            "POST",
            format!("/v1/approvals/{pending}/approve"),
            json!({}),
        ),
        (
            "app add",
            "POST",
            "/v1/apps".into(),
            json!({"name": "Other", "bundle_id": "org.example.other", "version": "1", "platform": "ios", "sha256": "a".repeat(64)}),
        ),
        (
            "policy apply",
            "POST",
            "/v1/policies/apply".into(),
            json!({"policies": [{"name": "p2", "encryption": {"required": true}}], "base_versions": {}}),
        ),
        (
            "policy delete",
            "DELETE",
            "/v1/policies/p1".into(),
            Value::Null,
        ),
        (
            "policy assign",
            "PUT",
            "/v1/policies/p1/assignments/finance".into(),
            Value::Null,
        ),
        (
            "policy unassign",
            "DELETE",
            "/v1/policies/p1/assignments/sales".into(),
            Value::Null,
        ),
        (
            "enrollment",
            "POST",
            "/v1/enrollments".into(),
            json!({"user_email": "z@example.org"}),
        ),
        (
            "bulk enrollment",
            "POST",
            "/v1/enrollments/bulk".into(),
            json!({"rows": [{"user_email": "y@example.org"}]}),
        ),
    ]
}

fn elevated(http: &Http, u: &NewUser) -> String {
    crate::common::away_from_step_edge(3);
    http.step_up(&u.token, &otp_at(&u.seed, None)).unwrap()
}

#[test]
fn a_freeze_blocks_every_change_endpoint_except_for_break_glass() {
    let sb = sandbox(12, &["--approval-threshold", "1"]);
    let http = Http::new(&sb.server.url);
    let devs = sb.run(&["devices", "list", "--all", "-o", "json"]).json();
    let id = |i: usize| devs[i]["id"].as_str().unwrap().to_string();
    add_app(
        &sb,
        "t",
        &sb.admin_seed,
        "Tool",
        devs[3]["platform"].as_str().unwrap(),
    );
    let p1 = write(
        &sb,
        "p1.yaml",
        "name: p1\npasscode:\n  required: true\nassignments: [sales]\n",
    );
    sb.run(&["policy", "apply", "-f", &p1]).ok();
    // A wipe waiting for a second admin, from before the freeze.
    let out = sb.run(&[
        "wipe",
        &id(0),
        &id(1),
        "--confirm",
        "wipe 2 devices in t",
        "--reason",
        "INC-9",
        "-o",
        "json",
    ]);
    out.code(8);
    let pending = out.json()["id"].as_str().unwrap().to_string();
    // Another, to cancel during the freeze (the first is approved under break-glass).
    let out = sb.run(&[
        "wipe",
        &id(7),
        &id(8),
        "--confirm",
        "wipe 2 devices in t (4 this hour)",
        "--reason",
        "INC-9",
        "-o",
        "json",
    ]);
    out.code(8);
    let to_cancel = out.json()["id"].as_str().unwrap().to_string();
    // An enrollment token a device could use.
    let token = sb
        .run(&["enroll", "create", "--user", "d@example.org", "-o", "json"])
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    sb.run(&["incident", "freeze", "--message", "INC-9 in progress"])
        .ok();

    let admin = sb.user_full("second", "admin");
    let bg = sb.user_full("glass", "breakglass");
    let admin_elv = elevated(&http, &admin);
    let bg_elv = elevated(&http, &bg);
    let r = http.call(
        "POST",
        "/v1/breakglass/activate",
        Some(&bg.token),
        None,
        Some(json!({
            "reason": "admins locked out", "ticket": "INC-9", "duration_seconds": 600,
            "otp": sb.otp("glass"),
        })),
    );
    assert_eq!(r.status, 201, "{}", r.body);

    let mut failures = Vec::new();
    for (what, method, path, body) in frozen_endpoints(&id(3), &pending) {
        let body = (!body.is_null()).then_some(body);
        let key = format!("k-{what}-{}", crate::common::random_suffix());
        let headers = [("idempotency-key", key.as_str()), ("if-match", "\"v1\"")];
        let r = http.call_with(
            method,
            &path,
            Some(&admin.token),
            Some(&admin_elv),
            &headers,
            body.clone(),
        );
        if r.status != 423 || r.code() != "change_freeze" {
            failures.push(format!("{what}: admin got {} {}", r.status, r.body));
        } else if !r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("INC-9 in progress")
        {
            failures.push(format!(
                "{what}: the refusal lacks the freeze message: {}",
                r.body
            ));
        }
        let key = format!("b-{what}-{}", crate::common::random_suffix());
        let headers = [("idempotency-key", key.as_str()), ("if-match", "\"v1\"")];
        let r = http.call_with(
            method,
            &path,
            Some(&bg.token),
            Some(&bg_elv),
            &headers,
            body,
        );
        if r.status == 423 {
            failures.push(format!("{what}: break-glass was refused by the freeze"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A device cannot enroll during a freeze either.
    let r = http.call(
        "POST",
        "/v1/enroll",
        None,
        None,
        Some(json!({"token": token})),
    );
    assert_eq!((r.status, r.code()), (423, "change_freeze"));
    // Containment still works for admins: locks, cancels, revocations.
    sb.run(&["lock", &id(5), "--no-wait"]).ok();
    sb.run(&["actions", "cancel", &to_cancel]).ok();
    sb.run(&["incident", "rotate-enrollment"]).ok();
    // Break-glass really acts: an enrollment and a wipe go through.
    let r = http.call(
        "POST",
        "/v1/enrollments",
        Some(&bg.token),
        Some(&bg_elv),
        Some(json!({"user_email": "bg@example.org"})),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    sb.login("b", &bg.token);
    sb.run(&[
        "wipe",
        &id(6),
        "--confirm",
        devs[6]["serial"].as_str().unwrap(),
        "-c",
        "b",
        "--otp",
        &sb.otp("glass"),
    ])
    .ok();
    // Every refusal above is in the audit log; the break-glass requests are marked.
    let events = sb
        .run(&[
            "audit", "log", "--actor", "glass", "--limit", "1000", "-o", "json",
        ])
        .json();
    let events = events.as_array().unwrap();
    assert!(events.iter().any(|e| e["action"] == "breakglass.activate"));
    assert!(
        events
            .iter()
            .filter(|e| e["action"] != "auth.step_up")
            .all(|e| e["breakglass"] == true),
        "{events:#?}"
    );
    // Unfreezing needs the phrase: without a terminal and without --confirm, nothing.
    sb.run(&["incident", "unfreeze"]).code(3);
    sb.run(&["incident", "unfreeze", "--confirm", "unfreeze other"])
        .code(3);
    assert_eq!(
        http.get("/v1/incident/freeze", &sb.admin_token).body["frozen"],
        true
    );
    // Lifting it takes two admins (issue 12, finding 7).
    sb.run(&["incident", "unfreeze", "--confirm", "unfreeze t"])
        .code(8);
    crate::gate_attacks::second_admin_unfreezes(&sb);
    assert_eq!(
        http.get("/v1/incident/freeze", &sb.admin_token).body["frozen"],
        false
    );
    sb.run(&["enroll", "create", "--user", "after@example.org"])
        .ok();
}

#[test]
fn a_freeze_holds_queued_pushes_until_it_is_lifted() {
    let sb = sandbox(5, &[]);
    let devs = sb.run(&["devices", "list", "--all", "-o", "json"]).json();
    let id = devs[0]["id"].as_str().unwrap().to_string();
    // The device is away: the push waits for it.
    let away = |seconds: u32| {
        sb.server.hook(
            "/_test/fixtures/device-away",
            serde_json::json!({ "device": id, "seconds": seconds }),
        );
    };
    away(3600);
    let a = sb
        .run(&["push", "command", "sync", &id, "--no-wait", "-o", "json"])
        .json();
    let act = a["id"].as_str().unwrap().to_string();
    sb.run(&["incident", "freeze", "--otp", &sb.admin_otp()])
        .ok();
    away(0); // back online: without the freeze the command would be delivered now
    sb.server.step_sim(3);
    let state = sb.run(&["actions", "show", &act, "-o", "json"]).json();
    assert_eq!(state["counts"]["acknowledged"], 0, "{state}");
    sb.run(&["incident", "unfreeze", "--confirm", "unfreeze t"])
        .code(8);
    crate::gate_attacks::second_admin_unfreezes(&sb);
    // Two steps: one delivers the held command, the next hears the device's answer.
    sb.server.step_sim(2);
    let s = sb.run(&["actions", "show", &act, "-o", "json"]).json();
    assert_eq!(
        s["status"], "completed",
        "not delivered after unfreeze: {s}"
    );
}

#[test]
fn break_glass_needs_a_step_up_is_time_boxed_and_leaves_a_loud_trail() {
    let hook = Fixture::start(vec![response("200 OK", &[], "ok")]);
    let env = Env::new();
    let server = Server::start_args(
        &env,
        &[
            "--devices",
            "5",
            "--tick-ms",
            "100",
            "--alert-webhook",
            &format!("{}/hooks/secops", hook.url),
        ],
    );
    let sb = Sandbox::with_server(env, server);
    let http = Http::new(&sb.server.url);
    let bg = sb.user_full("glass", "breakglass");
    sb.login("b", &bg.token);
    let devs = sb.run(&["devices", "list", "--all", "-o", "json"]).json();
    let dev = devs[0]["id"].as_str().unwrap().to_string();
    // Sealed: no powers before activation.
    sb.run(&["lock", &dev, "-c", "b"]).code(5);
    sb.run(&["devices", "list", "--show-pii", "-c", "b"])
        .code(5);
    // Activation needs a step-up, the break-glass role, and sane bounds.
    let r = http.post(
        "/v1/breakglass/activate",
        &bg.token,
        json!({"reason": "r", "ticket": "t", "duration_seconds": 600}),
    );
    assert_eq!((r.status, r.code()), (403, "step_up_required"));
    let admin_elv = elevated(
        &http,
        &NewUser {
            token: sb.admin_token.clone(),
            seed: sb.admin_seed.clone(),
        },
    );
    let r = http.call(
        "POST",
        "/v1/breakglass/activate",
        Some(&sb.admin_token),
        Some(&admin_elv),
        Some(json!({"reason": "r", "ticket": "t", "duration_seconds": 600})),
    );
    assert_eq!(r.status, 403);
    sb.run(&[
        "breakglass",
        "activate",
        "-c",
        "b",
        "--reason",
        "x",
        "--ticket",
        "T",
        "--duration",
        "5h",
    ])
    .code(2)
    .stderr_has("1m to 4h");
    sb.run(&[
        "breakglass",
        "activate",
        "-c",
        "b",
        "--reason",
        " ",
        "--ticket",
        "T",
    ])
    .code(2);
    sb.run(&["breakglass", "activate", "-c", "b", "--reason", "x"])
        .code(2);
    sb.run(&[
        "breakglass",
        "activate",
        "-c",
        "b",
        "--reason",
        "x",
        "--ticket",
        "T",
    ])
    .code(3)
    .stderr_has("--otp");
    sb.run(&[
        "breakglass",
        "activate",
        "-c",
        "b",
        "--reason",
        "x",
        "--ticket",
        "T",
        "--otp",
        "000000",
    ])
    .code(5);
    // Activation.
    let out = sb.run(&[
        "breakglass",
        "activate",
        "-c",
        "b",
        "--reason",
        "SSO down, admins locked out",
        "--ticket",
        "INC-11",
        "--duration",
        "30m",
        "--otp",
        &sb.otp("glass"),
        "-o",
        "json",
    ]);
    out.ok().stderr_has("BREAK-GLASS ACTIVE");
    let first = out.json();
    let first_id = first["id"].as_str().unwrap().to_string();
    let expires = mdm_model::time::parse_rfc3339(first["expires_at"].as_str().unwrap()).unwrap();
    let left = expires.unix_timestamp() - crate::common::now_unix();
    assert!((1700..=1800).contains(&left), "{left}");
    // The alert reached the webhook, with who, why and until when.
    let deadline = Instant::now() + Duration::from_secs(10);
    while hook.hits() == 0 {
        assert!(Instant::now() < deadline, "no webhook alert");
        std::thread::sleep(Duration::from_millis(50));
    }
    let req = hook.requests.lock().unwrap()[0].clone();
    assert!(req.starts_with("POST /hooks/secops "), "{req}");
    let body: Value = serde_json::from_str(&req[req.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    assert_eq!(body["type"], "mdm.breakglass.activated");
    assert_eq!(body["session"]["user"], "glass");
    assert_eq!(body["session"]["ticket"], "INC-11");
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .contains("SSO down, admins locked out")
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let s = sb.run(&["breakglass", "status", "-o", "json"]).json();
        if s[0]["alert"] == "sent" {
            break;
        }
        assert!(Instant::now() < deadline, "alert not recorded: {s}");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Admin powers, every request marked.
    sb.run(&["lock", &dev, "-c", "b", "--no-wait"]).ok();
    sb.run(&["devices", "list", "--show-pii", "--limit", "2", "-c", "b"])
        .ok();
    let status = sb.run(&["auth", "status", "-c", "b", "-o", "json"]).json();
    assert_eq!(status["breakglass"]["id"], first_id.as_str());
    assert!(
        status["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("devices:wipe"))
    );
    // A second activation is a new session, not a silent extension.
    let second = sb
        .run(&[
            "breakglass",
            "activate",
            "-c",
            "b",
            "--reason",
            "still down",
            "--ticket",
            "INC-11",
            "--duration",
            "10m",
            "--otp",
            &sb.otp("glass"),
            "-o",
            "json",
        ])
        .json();
    assert_ne!(second["id"], first_id.as_str());
    let list = sb.run(&["breakglass", "status", "-o", "json"]).json();
    let old = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == first_id.as_str())
        .unwrap();
    assert_eq!(old["end_reason"], "superseded");
    assert_eq!(old["active"], false);
    // Time runs out (the server clock moves past the 30 minutes): the powers go, and
    // the expiry is an event of its own, written by the next simulator step.
    sb.server.advance_clock(1801);
    sb.run(&["lock", &dev, "-c", "b", "--no-wait"]).code(5);
    sb.server.step_sim(1);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let ev = sb
            .run(&["audit", "log", "--action", "breakglass.*", "-o", "json"])
            .json();
        let actions: Vec<&str> = ev
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        if actions.contains(&"breakglass.expired") {
            let activations = ev
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["action"] == "breakglass.activate" && e["outcome"] == "success")
                .count();
            assert_eq!(activations, 2, "{actions:?}");
            assert!(
                ev.as_array()
                    .unwrap()
                    .iter()
                    .all(|e| e["breakglass"] == true)
            );
            break;
        }
        assert!(Instant::now() < deadline, "no expiry event: {actions:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let marked = sb
        .run(&[
            "audit",
            "log",
            "--actor",
            "glass",
            "--action",
            "action.lock",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(marked[0]["breakglass"], true);
    // End: by the holder, or by an admin.
    let third = sb
        .run(&[
            "breakglass",
            "activate",
            "-c",
            "b",
            "--reason",
            "again",
            "--ticket",
            "INC-11",
            "--otp",
            &sb.otp("glass"),
            "-o",
            "json",
        ])
        .json();
    sb.run(&[
        "breakglass",
        "end",
        third["id"].as_str().unwrap(),
        "--reason",
        "done",
    ])
    .ok()
    .stderr_has("Ended break-glass session");
    sb.run(&["breakglass", "end", "-c", "b"]).code(6);
    sb.run(&["lock", &dev, "-c", "b"]).code(5);
}

#[test]
fn a_failing_webhook_is_recorded() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = Env::new();
    let server = Server::start_args(
        &env,
        &[
            "--devices",
            "2",
            "--alert-webhook",
            &format!("http://127.0.0.1:{port}/hook"),
        ],
    );
    let sb = Sandbox::with_server(env, server);
    let bg = sb.user_full("glass", "breakglass");
    sb.login("b", &bg.token);
    sb.run(&[
        "breakglass",
        "activate",
        "-c",
        "b",
        "--reason",
        "x",
        "--ticket",
        "T",
        "--otp",
        &sb.otp("glass"),
    ])
    .ok();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let ev = sb
            .run(&["audit", "log", "--action", "breakglass.alert", "-o", "json"])
            .json();
        if let Some(e) = ev.as_array().unwrap().first() {
            assert_eq!(e["outcome"], "failure");
            assert!(
                e["details"]["result"]
                    .as_str()
                    .unwrap()
                    .contains("cannot connect")
            );
            break;
        }
        assert!(Instant::now() < deadline, "no alert outcome recorded");
        std::thread::sleep(Duration::from_millis(200));
    }
    // A webhook that would send the alert in clear text over the network is refused.
    let env = Env::new();
    env.run(&[
        "sandbox",
        "serve",
        "--port",
        "0",
        "--alert-webhook",
        "http://hooks.example.org/x",
    ])
    .code(2)
    .stderr_has("loopback");
}

#[test]
fn a_snapshot_is_evidence_with_a_checkable_manifest() {
    let sb = sandbox(30, &[]);
    let dir = sb.env.root.path().join("evidence");
    let out = sb.run(&[
        "incident",
        "snapshot",
        "--out",
        dir.to_str().unwrap(),
        "--with-chain",
        "-o",
        "json",
    ]);
    out.ok().stderr_has("sha256sum -c MANIFEST.sha256");
    let m = out.json();
    assert_eq!(m["devices"], 30);
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", "MANIFEST.sha256"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let devices = std::fs::read_to_string(dir.join("devices.jsonl")).unwrap();
    assert_eq!(devices.lines().count(), 30);
    for line in devices.lines() {
        let d: Value = serde_json::from_str(line).unwrap();
        assert!(
            d["owner_email"].as_str().unwrap().contains("***@"),
            "PII without --show-pii: {d}"
        );
    }
    let chain = std::fs::read_to_string(dir.join("audit-chain.ndjson")).unwrap();
    let head: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("audit-checkpoint.json")).unwrap())
            .unwrap();
    assert_eq!(
        chain.lines().count() as u64,
        head["tree_size"].as_u64().unwrap()
    );
    let last = chain.lines().last().unwrap();
    assert_eq!(
        mdm_model::audit::hash_bytes(last.as_bytes()),
        head["head_hash"].as_str().unwrap()
    );
    use std::os::unix::fs::PermissionsExt;
    for f in std::fs::read_dir(&dir).unwrap() {
        let mode = f.unwrap().metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    // Tampering shows.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("devices.jsonl"))
        .unwrap();
    std::io::Write::write_all(&mut f, b"{\"id\":\"dev_planted\"}\n").unwrap();
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "--quiet", "MANIFEST.sha256"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(!check.status.success());
    // Never into a directory with files in it.
    sb.run(&["incident", "snapshot", "--out", dir.to_str().unwrap()])
        .code(2)
        .stderr_has("not empty");
    // With PII when asked (and that read is audited).
    let pii = sb.env.root.path().join("pii");
    sb.run(&[
        "incident",
        "snapshot",
        "--out",
        pii.to_str().unwrap(),
        "--show-pii",
    ])
    .ok();
    assert!(
        std::fs::read_to_string(pii.join("devices.jsonl"))
            .unwrap()
            .contains('@')
    );
    let ev = sb
        .run(&["audit", "log", "--action", "devices.pii_read", "-o", "json"])
        .json();
    assert!(!ev.as_array().unwrap().is_empty());
}

#[test]
fn incident_commands_refuse_bad_input() {
    let sb = sandbox(3, &[]);
    sb.run(&["incident", "revoke-sessions"]).code(2);
    sb.run(&[
        "incident",
        "revoke-sessions",
        "--all-except-me",
        "--user",
        "x",
    ])
    .code(2);
    sb.run(&[
        "incident",
        "revoke-sessions",
        "--user",
        "nobody",
        "--dry-run",
    ])
    .code(6);
    sb.run(&["incident", "report", "--since", "last tuesday"])
        .code(2);
    sb.run(&["incident", "report", "--since", "1h", "--until", "2h"])
        .code(2);
    sb.run(&["incident", "unfreeze"])
        .ok()
        .stderr_has("not frozen");
    sb.run(&["incident", "freeze", "--dry-run"])
        .ok()
        .stderr_has("Dry run");
    assert_eq!(
        Http::new(&sb.server.url)
            .get("/v1/incident/freeze", &sb.admin_token)
            .body["frozen"],
        false
    );
    sb.run(&["incident", "freeze"]).code(3).stderr_has("--otp");
    let viewer = sb.user("vic", "viewer");
    sb.login("v", &viewer);
    sb.run(&["incident", "freeze", "-c", "v", "--otp", &sb.otp("vic")])
        .code(5)
        .stderr_has("incident:manage");
    sb.run(&["incident", "report", "-c", "v"]).code(5);
    sb.run(&[
        "breakglass",
        "activate",
        "-c",
        "v",
        "--reason",
        "x",
        "--ticket",
        "T",
        "--otp",
        &otp_at(&sb.admin_seed, None),
    ])
    .code(5);
    sb.run(&["incident", "snapshot", "--out", "/proc/nope/x"])
        .code(1);
    // Dry runs are not journaled; real containment steps are.
    sb.run(&["incident", "rotate-enrollment", "--dry-run"]).ok();
    let journal = std::fs::read_to_string(sb.env.state.join("journal.jsonl")).unwrap_or_default();
    assert!(!journal.contains("rotate-enrollment"));
    sb.run(&["incident", "rotate-enrollment"]).ok();
    let journal = std::fs::read_to_string(sb.env.state.join("journal.jsonl")).unwrap();
    assert!(journal.contains("rotate-enrollment"));
}

/// Finding 3 of issue 12: a stolen token with one cached step-up could (re)activate
/// break-glass, and ending a session left the holder's elevations alive.
#[test]
fn break_glass_is_always_fresh_and_ending_it_takes_the_holders_step_ups() {
    let sb = sandbox(3, &[]);
    let http = Http::new(&sb.server.url);
    let bg = sb.user_full("glass", "breakglass");
    let body = |otp: Option<&str>| {
        let mut b = json!({"reason": "r", "ticket": "INC-1", "duration_seconds": 600});
        if let Some(o) = otp {
            b["otp"] = json!(o);
        }
        b
    };
    let activate = |elv: Option<&str>, otp: Option<&str>| {
        http.call(
            "POST",
            "/v1/breakglass/activate",
            Some(&bg.token),
            elv,
            Some(body(otp)),
        )
    };
    let live_elevations = || {
        let r = http.get("/v1/sessions", &bg.token);
        assert_eq!(r.status, 200, "{}", r.body);
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == "elevation")
            .count()
    };
    // The attack: a live elevation alone does not break the glass.
    let cached = http.step_up(&bg.token, &sb.otp("glass")).unwrap();
    let r = activate(Some(&cached), None);
    assert_eq!(
        (r.status, r.code()),
        (403, "step_up_required"),
        "{}",
        r.body
    );
    assert_eq!(r.body["error"]["details"]["reason"], "fresh_code_required");
    // A code in the request does.
    let code = sb.otp("glass");
    let r = activate(None, Some(&code));
    assert_eq!(r.status, 201, "{}", r.body);
    let first = r.body["id"].as_str().unwrap().to_string();
    // The holder steps up under the session; a replayed activation code is refused.
    let held = http.step_up(&bg.token, &sb.otp("glass")).unwrap();
    let r = activate(Some(&held), Some(&code));
    assert_eq!((r.status, r.code()), (403, "step_up_failed"), "{}", r.body);
    assert_eq!(live_elevations(), 2);
    // An admin ends the session: the holder's elevations go with it.
    let r = http.post("/v1/breakglass/end", &sb.admin_token, json!({"id": first}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(live_elevations(), 0);
    // Within the 5 minutes the holder cannot re-activate with what was cached.
    let r = activate(Some(&held), None);
    assert_eq!(
        (r.status, r.code()),
        (403, "step_up_required"),
        "{}",
        r.body
    );
    // Superseding revokes them too.
    let r = activate(None, Some(&sb.otp("glass")));
    assert_eq!(r.status, 201, "{}", r.body);
    http.step_up(&bg.token, &sb.otp("glass")).unwrap();
    assert_eq!(live_elevations(), 1);
    let r = activate(None, Some(&sb.otp("glass")));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(live_elevations(), 0);
    // Every refusal and every end is in the audit trail.
    let ev = sb
        .run(&["audit", "log", "--action", "breakglass.*", "-o", "json"])
        .json();
    let ev = ev.as_array().unwrap();
    let outcomes: Vec<&str> = ev
        .iter()
        .filter(|e| e["action"] == "breakglass.activate" && e["actor"] == "glass")
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    assert!(
        outcomes.contains(&"refused_step_up_required"),
        "{outcomes:?}"
    );
    assert!(outcomes.contains(&"refused_step_up_failed"), "{outcomes:?}");
    assert_eq!(outcomes.iter().filter(|o| **o == "success").count(), 3);
    let end = ev
        .iter()
        .find(|e| e["action"] == "breakglass.end")
        .expect("an end event");
    assert_eq!(end["details"]["revoked_elevations"], 2, "{end}");
    // The CLI sends the code in the activation (no elevation is needed first).
    sb.login("b", &bg.token);
    sb.run(&[
        "breakglass",
        "activate",
        "-c",
        "b",
        "--reason",
        "x",
        "--ticket",
        "T",
        "--otp",
        &sb.otp("glass"),
    ])
    .ok();
}

/// Finding 4 of issue 12: a stolen token with one cached step-up replaced the user's
/// authenticator for good, even during a freeze, silently.
#[test]
fn replacing_an_authenticator_needs_the_current_one_in_the_request_and_is_loud() {
    let hook = Fixture::start(vec![response("200 OK", &[], "ok")]);
    let env = Env::new();
    let server = Server::start_args(
        &env,
        &[
            "--devices",
            "2",
            "--alert-webhook",
            &format!("{}/hooks/secops", hook.url),
        ],
    );
    let sb = Sandbox::with_server(env, server);
    let http = Http::new(&sb.server.url);
    crate::common::away_from_step_edge(5);
    let vic = sb.user_full("vic", "admin");
    let enroll = |elv: Option<&str>, body: Value| {
        http.call(
            "POST",
            "/v1/auth/mfa/enroll",
            Some(&vic.token),
            elv,
            Some(body),
        )
    };
    // The attack: the token and a cached elevation are not enough.
    let cached = http.step_up(&vic.token, &sb.otp("vic")).unwrap();
    let r = enroll(Some(&cached), json!({}));
    assert_eq!(
        (r.status, r.code()),
        (403, "step_up_required"),
        "{}",
        r.body
    );
    assert_eq!(r.body["error"]["details"]["reason"], "fresh_code_required");
    let r = enroll(Some(&cached), json!({"otp": "000000"}));
    assert_eq!((r.status, r.code()), (403, "step_up_failed"), "{}", r.body);
    // The holder of the current authenticator can.
    let r = enroll(None, json!({"otp": sb.otp("vic")}));
    assert_eq!(r.status, 200, "{}", r.body);
    let seed = r.body["secret"].as_str().unwrap().to_string();
    let r = http.post(
        "/v1/auth/mfa/activate",
        &vic.token,
        json!({"code": otp_at(&seed, None)}),
    );
    assert_eq!(r.status, 204, "{}", r.body);
    // Loud: an alert and an audit event.
    let deadline = Instant::now() + Duration::from_secs(10);
    while hook.hits() == 0 {
        assert!(Instant::now() < deadline, "no webhook alert");
        std::thread::sleep(Duration::from_millis(50));
    }
    let req = hook.requests.lock().unwrap()[0].clone();
    let body: Value = serde_json::from_str(&req[req.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    assert_eq!(body["type"], "mdm.mfa.replaced");
    assert_eq!(body["user"], "vic");
    // During a freeze, even with a good code, no replacement.
    sb.run(&[
        "incident",
        "freeze",
        "--message",
        "INC-4",
        "--otp",
        &sb.otp("root"),
    ])
    .ok();
    let r = enroll(None, json!({"otp": sb.otp("vic")}));
    assert_eq!((r.status, r.code()), (423, "change_freeze"), "{}", r.body);
    let ev = sb
        .run(&["audit", "log", "--action", "mfa.*", "-o", "json"])
        .json();
    let seen: Vec<(String, String)> = ev
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor"] == "vic")
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for want in [
        ("mfa.enroll", "refused_step_up_required"),
        ("mfa.enroll", "refused_step_up_failed"),
        ("mfa.enroll", "refused_change_freeze"),
        ("mfa.replaced", "success"),
    ] {
        assert!(
            seen.iter().any(|(a, o)| a == want.0 && o == want.1),
            "{want:?} not in {seen:?}"
        );
    }
}
