//! The server's seams, end to end: the backend's missing capabilities, the gate's
//! phrases, required preconditions, corrupt rows, and the test hooks themselves.

use crate::common::http::Http;
use crate::common::{Env, Sandbox, Server};
use serde_json::{Value, json};

fn audit_outcomes(sb: &Sandbox, action: &str) -> Vec<String> {
    sb.run(&["audit", "log", "--action", action, "-o", "json"])
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["outcome"].as_str().unwrap().to_string())
        .collect()
}

const POLICY: &str =
    "name: baseline\npasscode:\n  required: true\n  min_length: 8\nassignments: [sales]\n";

#[test]
fn policy_delete_and_assignments_need_if_match() {
    let sb = Sandbox::new(3);
    sb.server.fixture_group("sales", &[]);
    let f = sb.env.root.path().join("p.yaml");
    std::fs::write(&f, POLICY).unwrap();
    sb.run(&["policy", "apply", "-f", f.to_str().unwrap()]).ok();
    let http = Http::new(&sb.server.url);
    for (method, path) in [
        ("DELETE", "/v1/policies/baseline"),
        ("PUT", "/v1/policies/baseline/assignments/sales"),
        ("DELETE", "/v1/policies/baseline/assignments/sales"),
    ] {
        let r = http.call(method, path, Some(&sb.admin_token), None, None);
        assert_eq!(
            (r.status, r.code()),
            (428, "precondition_required"),
            "{method} {path}: {:?}",
            r.body
        );
    }
    let p = http.get("/v1/policies/baseline", &sb.admin_token);
    assert_eq!(p.body["version"], 1, "nothing changed: {:?}", p.body);
    // With it, the CLI's way, the change goes through.
    sb.run(&["policy", "assign", "baseline", "--group", "sales"])
        .ok();
}

#[test]
fn a_backend_without_a_capability_refuses_clearly_and_audits_it() {
    let sb = Sandbox::new(3);
    let http = Http::new(&sb.server.url);
    sb.server.hook(
        "/_test/backend/capability",
        json!({ "capability": "policies", "enabled": false }),
    );
    let body = json!({ "policies": [serde_yaml_policy()], "base_versions": {} });
    let r = http.post("/v1/policies/apply", &sb.admin_token, body);
    assert_eq!(
        (r.status, r.code()),
        (501, "not_supported_by_backend"),
        "{:?}",
        r.body
    );
    assert_eq!(r.body["error"]["details"]["backend"], "simulator");
    assert_eq!(r.body["error"]["details"]["capability"], "policies");
    // Through the CLI: a failure naming the backend and the capability; nothing stored.
    let f = sb.env.root.path().join("p.yaml");
    std::fs::write(&f, POLICY.replace("assignments: [sales]\n", "")).unwrap();
    sb.run(&["policy", "apply", "-f", f.to_str().unwrap()])
        .code(1)
        .stderr_has("simulator backend does not support policies");
    let stored = http.get("/v1/policies", &sb.admin_token);
    assert_eq!(stored.body["items"], json!([]), "{:?}", stored.body);
    assert!(
        audit_outcomes(&sb, "policy.apply")
            .iter()
            .any(|o| o == "refused_not_supported_by_backend"),
        "the refusal is audited"
    );
    // Device commands off: a preview is refused before anything is recorded.
    sb.server.hook(
        "/_test/backend/capability",
        json!({ "capability": "device_commands", "enabled": false }),
    );
    let id = sb.device_ids(&[])[0].clone();
    let r = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "lock", "target": {"ids": [id]}}),
    );
    assert_eq!((r.status, r.code()), (501, "not_supported_by_backend"));
    assert_eq!(r.body["error"]["details"]["capability"], "device_commands");
    sb.run(&["lock", &id, "--no-wait"])
        .code(1)
        .stderr_has("does not support device_commands");
    // Inventory off: one device is read from the backend, so it is refused too.
    sb.server.hook(
        "/_test/backend/capability",
        json!({ "capability": "inventory", "enabled": false }),
    );
    let r = http.get(&format!("/v1/devices/{id}"), &sb.admin_token);
    assert_eq!((r.status, r.code()), (501, "not_supported_by_backend"));
    assert_eq!(r.body["error"]["details"]["capability"], "inventory");
    sb.server.hook(
        "/_test/backend/capability",
        json!({ "capability": "inventory", "enabled": true }),
    );
    let r = http.get(&format!("/v1/devices/{id}"), &sb.admin_token);
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert!(
        r.body["owner_email"].as_str().unwrap().contains("***"),
        "masked"
    );
}

/// The policy file above as the API's JSON.
fn serde_yaml_policy() -> Value {
    json!({ "name": "baseline", "passcode": { "required": true, "min_length": 8 } })
}

#[test]
fn previews_and_plans_carry_the_exact_phrase_from_the_gate_table() {
    let sb = Sandbox::online(5, 0, &[]);
    let http = Http::new(&sb.server.url);
    let ids = sb.device_ids(&[]);
    sb.server.fixture_group("three", &ids[..3]);
    let p = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "wipe", "target": {"group": "three"}}),
    );
    assert_eq!(p.status, 200, "{:?}", p.body);
    assert_eq!(p.body["requires"]["phrase"], "wipe 3 devices in <context>");
    assert_eq!(p.body["requires"]["step_up_mode"], "cached");
    let p = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "push_command", "options": {"command": "sync"}, "target": {"group": "three"}}),
    );
    assert_eq!(p.body["requires"]["phrase"], "push 3 devices in <context>");
    let one = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "retire", "target": {"ids": [ids[0]]}}),
    );
    assert_eq!(one.body["requires"]["confirmation"], "serial");
    assert_eq!(
        one.body["requires"]["phrase"], one.body["sample"][0]["serial"],
        "{:?}",
        one.body
    );
    let lock = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "lock", "target": {"ids": [ids[0]]}}),
    );
    assert_eq!(lock.body["requires"]["step_up"], false);
    assert!(lock.body["requires"].get("phrase").is_none());
    // A weakening plan names the policy.
    let f = sb.env.root.path().join("p.yaml");
    std::fs::write(&f, POLICY.replace("assignments: [sales]\n", "")).unwrap();
    sb.run(&["policy", "apply", "-f", f.to_str().unwrap()]).ok();
    let weaker = json!({ "policies": [{ "name": "baseline", "passcode": { "required": true, "min_length": 4 } }], "base_versions": { "baseline": 1 } });
    let plan = http.post("/v1/policies/plan", &sb.admin_token, weaker);
    assert_eq!(plan.status, 200, "{:?}", plan.body);
    assert_eq!(
        plan.body["requires"]["phrase"],
        "weaken baseline in <context>"
    );
    assert_eq!(plan.body["requires"]["step_up"], true);
}

#[test]
fn corrupt_stored_options_fail_the_action_instead_of_running_with_defaults() {
    // No ticking: the action waits for the steps the test takes.
    let sb = Sandbox::online(3, 0, &[]);
    let id = sb.device_ids(&[])[0].clone();
    let a = sb
        .run(&["push", "command", "sync", &id, "--no-wait", "-o", "json"])
        .json();
    let act = a["id"].as_str().unwrap().to_string();
    sb.server.hook(
        "/_test/fixtures/corrupt-action-options",
        json!({ "action_id": act }),
    );
    sb.server.step_sim(2);
    let s = sb.run(&["actions", "show", &act, "-o", "json"]).json();
    assert_eq!(s["status"], "halted", "{s}");
    assert!(
        s["halt_reason"].as_str().unwrap().contains("unreadable"),
        "{s}"
    );
    assert_eq!(s["counts"]["acknowledged"], 0, "nothing ran: {s}");
    assert!(
        audit_outcomes(&sb, "action.halted")
            .iter()
            .any(|o| o == "halted")
    );
}

#[test]
fn the_simulator_steps_on_demand() {
    let sb = Sandbox::online(2, 0, &[]);
    let id = sb.device_ids(&[])[0].clone();
    let a = sb.run(&["lock", &id, "--no-wait", "-o", "json"]).json();
    let act = a["id"].as_str().unwrap().to_string();
    let s = sb.run(&["actions", "show", &act, "-o", "json"]).json();
    assert_eq!(s["status"], "queued", "no tick, no progress: {s}");
    sb.server.step_sim(2);
    let s = sb.run(&["actions", "show", &act, "-o", "json"]).json();
    assert_eq!(s["status"], "completed", "{s}");
    let d = sb.run(&["devices", "show", &id, "-o", "json"]).json();
    assert_eq!(d["locked"], true);
}

#[test]
fn hostile_device_names_come_from_the_fixtures_hook_and_are_escaped() {
    let sb = Sandbox::new(1);
    let id = sb.server.fixture_device(json!({
        "name": "evil\u{1b}[2J\u{1b}]0;owned\u{7}name",
        "platform": "ios",
    }));
    let out = sb.run(&["devices", "show", &id]);
    out.ok();
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
}

#[test]
fn test_hooks_exist_only_with_the_hidden_flag() {
    let env = Env::new();
    let server = Server::start_without_hooks(&env, &["--devices", "1", "--tick-ms", "0"]);
    let http = Http::new(&server.url);
    for path in [
        "/_test/clock/advance",
        "/_test/sim/step",
        "/_test/fixtures/group",
        "/_test/backend/capability",
    ] {
        let r = http.call("POST", path, None, None, Some(json!({})));
        assert_eq!((r.status, r.code()), (404, "not_found"), "{path}");
    }
}

#[test]
fn dry_runs_and_pending_actions_carry_what_the_real_request_needs() {
    let sb = Sandbox::online(3, 0, &[]);
    let http = Http::new(&sb.server.url);
    let t = Some(sb.admin_token.as_str());
    let dry = |frozen: bool| {
        http.call(
            "PUT",
            "/v1/incident/freeze",
            t,
            None,
            Some(json!({ "frozen": frozen, "dry_run": true })),
        )
    };
    let r = dry(true);
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["requires"]["step_up"], true);
    assert!(r.body["requires"].get("phrase").is_none());
    assert_eq!(dry(false).body["requires"]["phrase"], "unfreeze <context>");
    // The real request without an elevation is refused, and the refusal is audited.
    let r = http.call(
        "PUT",
        "/v1/incident/freeze",
        t,
        None,
        Some(json!({ "frozen": true })),
    );
    assert_eq!((r.status, r.code()), (403, "step_up_required"));
    assert!(
        audit_outcomes(&sb, "incident.freeze")
            .iter()
            .any(|o| o == "refused_step_up_required")
    );
    // Revoking everyone else's sessions: the phrase counts tokens and elevations.
    sb.user("other", "operator");
    let r = http.post(
        "/v1/sessions/revoke",
        &sb.admin_token,
        json!({ "all_users": true, "except_current": true, "dry_run": true }),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let n =
        r.body["revoked_tokens"].as_u64().unwrap() + r.body["revoked_elevations"].as_u64().unwrap();
    assert_eq!(
        r.body["requires"]["phrase"],
        format!("revoke {n} sessions in <context>")
    );
    // A pending action says what approving it needs: the same blast-radius phrase.
    sb.run(&[
        "lock",
        "--all",
        "--reason",
        "lost bag",
        "--confirm",
        "lock 3 devices in t",
        "--otp",
        &sb.admin_otp(),
        "--no-wait",
    ])
    .code(8);
    let pending = http.get("/v1/approvals", &sb.admin_token);
    let item = &pending.body["items"][0];
    assert_eq!(
        item["requires"]["phrase"], "lock 3 devices in <context>",
        "{item}"
    );
    assert_eq!(item["requires"]["step_up"], true);
}

#[test]
fn gate_refusals_of_catalog_additions_and_session_revocations_are_audited() {
    let sb = Sandbox::new(1);
    let http = Http::new(&sb.server.url);
    let app = json!({
        "name": "Notes", "bundle_id": "com.example.notes", "version": "1.0",
        "platform": "ios", "sha256": "ab".repeat(32),
    });
    let r = http.post("/v1/apps", &sb.admin_token, app);
    assert_eq!((r.status, r.code()), (403, "step_up_required"));
    assert!(
        audit_outcomes(&sb, "app.add")
            .iter()
            .any(|o| o == "refused_step_up_required")
    );
    sb.user("victim", "viewer");
    let r = http.post(
        "/v1/sessions/revoke",
        &sb.admin_token,
        json!({ "user": "victim" }),
    );
    assert_eq!((r.status, r.code()), (403, "step_up_required"));
    assert!(
        audit_outcomes(&sb, "session.revoke_bulk")
            .iter()
            .any(|o| o == "refused_step_up_required")
    );
    let victim = http.get("/v1/sessions?user=victim", &sb.admin_token);
    let items = victim.body["items"].as_array().unwrap();
    assert!(!items.is_empty(), "{:?}", victim.body);
    assert!(
        items[0]["revoked_at"].is_null(),
        "nothing was revoked: {items:?}"
    );
}

#[test]
fn devices_enroll_through_the_backend() {
    let sb = Sandbox::new(1);
    let http = Http::new(&sb.server.url);
    let token = |email: &str| {
        sb.run(&["enroll", "create", "--user", email, "-o", "json"])
            .json()["token"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let t = token("jane.doe@example.org");
    let r = http.call(
        "POST",
        "/v1/enroll",
        None,
        None,
        Some(json!({ "token": t, "platform": "android", "serial": "SIM-1" })),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert_eq!(r.body["owner_name"], "Jane Doe");
    assert_eq!(r.body["serial"], "SIM-1");
    // A backend without enrollment: no new tokens, and a device presenting an older
    // one is refused, the token staying unused.
    let t = token("john@example.org");
    sb.server.hook(
        "/_test/backend/capability",
        json!({ "capability": "enrollment", "enabled": false }),
    );
    sb.run(&["enroll", "create", "--user", "late@example.org"])
        .code(1)
        .stderr_has("does not support enrollment");
    assert!(
        audit_outcomes(&sb, "enrollment.create")
            .iter()
            .any(|o| o == "refused_not_supported_by_backend")
    );
    let r = http.call(
        "POST",
        "/v1/enroll",
        None,
        None,
        Some(json!({ "token": t })),
    );
    assert_eq!((r.status, r.code()), (501, "not_supported_by_backend"));
    assert!(
        audit_outcomes(&sb, "enrollment.consume")
            .iter()
            .any(|o| o == "failure")
    );
    assert_eq!(sb.device_ids(&[]).len(), 2, "only the first one enrolled");
}
