//! The Intune gateway with `use_beta`: commands to many devices go through the beta
//! bulk `executeAction` (one request per batch, per-id results back per device), and
//! Intune Multi Admin Approval holds a protected wipe until a second Intune admin
//! approves it in Intune (here: the fake's control API), after which the gateway sends
//! the identical request again, once, with the code. Without `use_beta` a held request
//! fails naming the code and `use_beta`. Every exchange validated against Graph's
//! contracts (beta routes are counted as skipped, as the fake's README says).

use crate::common::gateway::{Gateway, admin_user, login, private, write_config};
use crate::common::{Env, otp_at};
use serde_json::Value;
use std::path::{Path, PathBuf};

const SECRET: &str = "fake-client-secret-bulk-1";
const EXECUTE_ACTION: &str = "POST /beta/deviceManagement/managedDevices/executeAction";

fn fake(devices: usize) -> graph_fake::FakeHandle {
    graph_fake::Fake::start(graph_fake::Options {
        devices,
        client_secret: Some(SECRET.into()),
        ..graph_fake::Options::default()
    })
    .unwrap()
}

/// A free loopback port, so a restarted gateway keeps its URL (and the CLI context).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An Intune gateway config against `fake` with the groups and extra `[backend]` lines.
fn config(env: &Env, fake: &graph_fake::FakeHandle, groups: &[&str], backend: &str) -> PathBuf {
    let file = env.root.path().join("graph-secret");
    std::fs::write(&file, SECRET).unwrap();
    private(&file);
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    let groups: Vec<String> = groups.iter().map(|g| format!("{g:?}")).collect();
    let text = format!(
        "listen = \"127.0.0.1:{port}\"\ndatabase = {db:?}\n[backend]\nkind = \"intune\"\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\ngraph_url = \"{url}\"\nlogin_url = \"{url}\"\ngroups = [{groups}]\nclient_secret_file = {file:?}\n{backend}",
        url = fake.url().trim_end_matches('/'),
        groups = groups.join(", "),
        port = free_port(),
    );
    write_config(env, "gateway.toml", &text)
}

/// A gateway admin logged in as context `ctx`; returns its TOTP seed.
fn admin(env: &Env, config: &Path, url: &str, name: &str, ctx: &str) -> String {
    let u = admin_user(env, config, name);
    login(env, ctx, url, &u.token);
    u.seed
}

/// A new Entra device group in the fake (synced by the gateway at its start).
fn group(fake: &graph_fake::FakeHandle, name: &str, ids: &[String]) {
    let r = reqwest::blocking::Client::new()
        .post(format!("{}/_fake/groups", fake.url().trim_end_matches('/')))
        .json(&serde_json::json!({ "displayName": name, "device_ids": ids }))
        .send()
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
}

/// Approves or rejects an approval request through the fake's control API, as the
/// second Intune admin would in the admin center.
fn decide(fake: &graph_fake::FakeHandle, code: &str, verb: &str) {
    let r = reqwest::blocking::Client::new()
        .post(format!(
            "{}/_fake/approvals/{code}/{verb}",
            fake.url().trim_end_matches('/')
        ))
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 204, "{verb} {code}");
}

fn route_count(fake: &graph_fake::FakeHandle, route: &str) -> u64 {
    fake.counters()["requests_by_route"][route]
        .as_u64()
        .unwrap_or(0)
}

fn assert_contracts(env: &Env, fake: &graph_fake::FakeHandle) {
    let log = env.root.path().join("graph-exchanges.jsonl");
    fake.write_log(&log).unwrap();
    let report = graph_fake::contract::validate(&log).unwrap();
    assert!(
        report.violations.is_empty(),
        "contract violations: {:#?}",
        report.violations
    );
    assert!(report.validated > 0);
}

fn action_json(env: &Env, id: &str, ctx: &str) -> Value {
    let out = env.run(&["actions", "show", id, "-o", "json", "--context", ctx]);
    out.ok();
    out.json()
}

/// The action id an action command printed (`act_… accepted` on stderr).
fn action_id(out: &crate::common::Out) -> String {
    let at = out.stderr.find("act_").expect("an action id on stderr");
    out.stderr[at..at + 16].to_string()
}

fn audit_events(env: &Env, ctx: &str, action: &str) -> Vec<Value> {
    let out = env.run(&["audit", "log", "-o", "json", "--context", ctx]);
    out.ok();
    out.json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .cloned()
        .collect()
}

#[test]
fn use_beta_locks_many_devices_through_execute_action_batches() {
    // 7 of 20: below the share of the fleet that needs a second mdm admin.
    let fake = fake(20);
    let ids = fake.device_ids();
    let targets: Vec<String> = ids[..7].to_vec();
    group(&fake, "bulk-lock", &targets);
    let env = Env::new();
    let config = config(
        &env,
        &fake,
        &["bulk-lock"],
        "use_beta = true\nexecute_action_batch = 3\n",
    );
    let gw = Gateway::start(&env, &config);
    let seed = admin(&env, &config, &gw.url, "ann", "gw");
    // The first write is throttled for 2 s, and meanwhile one device is deleted in
    // Intune: created before that (a device gone before creation refuses the whole
    // action, 409 target_changed), Intune names it in notFoundDeviceIds.
    let gone = targets[4].clone();
    fake.add_fault(graph_fake::Fault::Throttle {
        count: 1,
        retry_after: Some(2),
        writes_only: true,
    });
    let out = env.run(&[
        "lock",
        "--group",
        "bulk-lock",
        "--confirm",
        "lock 7 devices in gw",
        "--reason",
        "lost in transit",
        "--otp",
        &otp_at(&seed, None),
        "--no-wait",
        "--context",
        "gw",
    ]);
    out.ok();
    let id = action_id(&out);
    assert!(fake.delete_device(&gone));
    env.run(&[
        "actions",
        "watch",
        &id,
        "--timeout",
        "60s",
        "--context",
        "gw",
    ])
    .code(7)
    .stderr_has("1 of 7 devices failed");
    // ceil(7 / 3) bulk requests answered (plus the throttled one), no per-device
    // remoteLock at all.
    let throttled = fake
        .exchanges()
        .iter()
        .filter(|e| e.path.ends_with("/executeAction") && e.status == 429)
        .count() as u64;
    assert_eq!(throttled, 1);
    assert_eq!(route_count(&fake, EXECUTE_ACTION), 3 + throttled);
    assert_eq!(
        route_count(
            &fake,
            "POST /v1.0/deviceManagement/managedDevices/{id}/remoteLock"
        ),
        0
    );
    for d in &targets {
        let want = u64::from(*d != gone);
        assert_eq!(fake.command_count(d, "remoteLock"), want, "{d}");
    }
    for d in &ids[7..] {
        assert_eq!(fake.command_count(d, "remoteLock"), 0);
    }
    assert!(
        fake.counters()["duplicate_commands"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let bodies: Vec<Value> = fake
        .exchanges()
        .into_iter()
        .filter(|e| e.path.ends_with("/executeAction") && e.status != 429)
        .map(|e| e.request_body)
        .collect();
    let mut sizes: Vec<usize> = bodies
        .iter()
        .map(|b| b["deviceIds"].as_array().unwrap().len())
        .collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [1, 3, 3]);
    assert!(bodies.iter().all(|b| b["actionName"] == "remoteLock"));
    let a = action_json(&env, &id, "gw");
    assert_eq!(a["counts"]["acknowledged"], 6);
    assert_eq!(a["counts"]["failed"], 1);
    let failed = env.run(&[
        "actions",
        "show",
        &id,
        "--devices",
        "failed",
        "-o",
        "json",
        "--context",
        "gw",
    ]);
    failed.ok();
    let failed = failed.json();
    assert_eq!(failed.as_array().unwrap().len(), 1);
    assert_eq!(failed[0]["device_id"], gone.as_str());
    assert!(
        failed[0]["error"]
            .as_str()
            .unwrap()
            .contains("does not know this device"),
        "{failed}"
    );
    drop(gw);
    assert_contracts(&env, &fake);
}

#[test]
fn intune_multi_admin_approval_holds_a_wipe_until_intune_approves_it() {
    let fake = fake(12);
    fake.set_approval_actions(&["wipe"]);
    let ids = fake.device_ids();
    let approved: Vec<String> = ids[..3].to_vec();
    let rejected: Vec<String> = ids[3..5].to_vec();
    group(&fake, "maa-wipe", &approved);
    group(&fake, "maa-reject", &rejected);
    let env = Env::new();
    let config = config(
        &env,
        &fake,
        &["maa-wipe", "maa-reject"],
        "use_beta = true\n",
    );
    let mut gw = Gateway::start(&env, &config);
    let ann = admin(&env, &config, &gw.url, "ann", "gw");

    let out = env.run(&[
        "wipe",
        "--group",
        "maa-wipe",
        "--reason",
        "stolen at the depot",
        "--confirm",
        "wipe 3 devices in gw",
        "--otp",
        &otp_at(&ann, None),
        "--context",
        "gw",
    ]);
    out.code(8).stderr_has("Intune Multi Admin Approval");
    let id = action_id(&out);
    let approvals = fake.approvals();
    assert_eq!(approvals.len(), 1, "one request, one approval request");
    let code = approvals[0].code.clone();
    assert_eq!(approvals[0].status, "pending");
    let justification = approvals[0].justification.clone().unwrap_or_default();
    assert!(
        justification.contains("stolen at the depot") && justification.contains(&id),
        "{justification}"
    );
    out.stderr_has(&code);
    for d in &approved {
        assert_eq!(fake.command_count(d, "wipe"), 0, "nothing carried out yet");
    }

    // Shown as waiting for Intune's approval, with the code: actions show, approvals
    // list, the audit log.
    let a = action_json(&env, &id, "gw");
    assert_eq!(a["status"], "running");
    assert_eq!(a["counts"]["vendor_approval"], 3);
    assert_eq!(a["vendor_approvals"][0]["code"], code.as_str());
    assert_eq!(a["vendor_approvals"][0]["vendor"], "intune");
    assert_eq!(a["vendor_approvals"][0]["devices"], 3);
    env.run(&["actions", "show", &id, "--context", "gw"])
        .ok()
        .stdout_has(&format!(
            "waiting for Intune Multi Admin Approval: code {code} (3 devices)"
        ));
    let listed = env.run(&["approvals", "list", "-o", "json", "--context", "gw"]);
    listed.ok();
    let listed = listed.json();
    let entry = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id.as_str())
        .expect("the action is listed as waiting for approval");
    assert_eq!(entry["vendor_approvals"][0]["code"], code.as_str());
    env.run(&["approvals", "list", "--context", "gw"])
        .ok()
        .stdout_has(&code);
    let pending = audit_events(&env, "gw", "action.vendor_approval_pending");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["details"]["approval_code"], code.as_str());

    // A gateway restarted while waiting keeps waiting: nothing is sent without the code.
    gw.stop();
    let before = route_count(&fake, EXECUTE_ACTION);
    assert_eq!(before, 1);
    let gw = Gateway::start(&env, &config);
    std::thread::sleep(std::time::Duration::from_secs(3));
    assert_eq!(
        route_count(&fake, EXECUTE_ACTION),
        before,
        "no resend while waiting"
    );
    let polled = route_count(
        &fake,
        "GET /beta/deviceManagement/operationApprovalRequests/{id}",
    );
    assert!(polled >= 1, "the gateway follows Intune's approval");

    // The second Intune admin approves, in Intune: the gateway resends once, with the code.
    decide(&fake, &code, "approve");
    env.run(&[
        "actions",
        "watch",
        &id,
        "--timeout",
        "60s",
        "--context",
        "gw",
    ])
    .ok();
    for d in &approved {
        assert_eq!(fake.command_count(d, "wipe"), 1, "{d}");
    }
    let sends: Vec<graph_fake::Exchange> = fake
        .exchanges()
        .into_iter()
        .filter(|e| e.path.ends_with("/executeAction"))
        .collect();
    assert_eq!(sends.len(), 2, "the first request and its one resend");
    assert_eq!(sends[0].status, 412);
    assert_eq!(sends[1].status, 200);
    assert_eq!(sends[0].request_body, sends[1].request_body, "identical");
    // The wipe options travel in the bulk body.
    assert_eq!(sends[1].request_body["keepEnrollmentData"], false);
    assert_eq!(sends[1].request_body["keepUserData"], false);
    assert!(
        !sends[0]
            .request_headers
            .contains_key("x-msft-approval-code")
    );
    assert!(
        sends[0]
            .request_headers
            .contains_key("x-msft-approval-justification")
    );
    assert_eq!(
        sends[1].request_headers.get("x-msft-approval-code"),
        Some(&code)
    );
    assert_eq!(fake.approvals()[0].status, "completed");
    let a = action_json(&env, &id, "gw");
    assert_eq!(a["status"], "completed");
    assert_eq!(a["counts"]["acknowledged"], 3);
    assert!(a.get("vendor_approvals").is_none());
    assert_eq!(
        audit_events(&env, "gw", "action.vendor_approval_approved").len(),
        1
    );

    // Another wipe, rejected in Intune: its devices fail, nothing is carried out.
    let bob = admin(&env, &config, &gw.url, "bob", "gw-bob");
    let out = env.run(&[
        "wipe",
        "--group",
        "maa-reject",
        "--confirm",
        "wipe 2 devices in gw-bob",
        "--reason",
        "decommissioned",
        "--otp",
        &otp_at(&bob, None),
        "--context",
        "gw-bob",
    ]);
    out.code(8);
    let id2 = action_id(&out);
    let code2 = fake
        .approvals()
        .into_iter()
        .find(|a| a.status == "pending")
        .expect("a second approval request")
        .code;
    decide(&fake, &code2, "reject");
    env.run(&[
        "actions",
        "watch",
        &id2,
        "--timeout",
        "60s",
        "--context",
        "gw-bob",
    ])
    .code(7)
    .stderr_has("rejected in Intune Multi Admin Approval");
    for d in &rejected {
        assert_eq!(fake.command_count(d, "wipe"), 0);
    }
    let refused = audit_events(&env, "gw-bob", "action.vendor_approval_refused");
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0]["details"]["approval_code"], code2.as_str());
    assert_eq!(
        route_count(&fake, EXECUTE_ACTION),
        3,
        "a rejected one is not resent"
    );
    drop(gw);
    assert_contracts(&env, &fake);
}

#[test]
fn without_use_beta_a_request_held_for_approval_fails_naming_the_code_and_use_beta() {
    let fake = fake(4);
    fake.set_approval_actions(&["wipe"]);
    let env = Env::new();
    let config = config(&env, &fake, &[], "");
    let gw = Gateway::start(&env, &config);
    let seed = admin(&env, &config, &gw.url, "ann", "gw");
    let id = fake.device_ids()[0].clone();
    let shown = env.run(&["devices", "show", &id, "-o", "json", "--context", "gw"]);
    shown.ok();
    let serial = shown.json()["serial"].as_str().unwrap().to_string();
    let out = env.run(&[
        "wipe",
        &id,
        "--confirm",
        &serial,
        "--otp",
        &otp_at(&seed, None),
        "--context",
        "gw",
    ]);
    let code = fake.approvals()[0].code.clone();
    out.code(7).stderr_has("use_beta = true").stderr_has(&code);
    assert_eq!(fake.command_count(&id, "wipe"), 0);
    // Per device through v1.0, with the justification header; no beta call at all.
    let sent: Vec<graph_fake::Exchange> = fake
        .exchanges()
        .into_iter()
        .filter(|e| e.path.ends_with("/wipe"))
        .collect();
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0]
            .request_headers
            .contains_key("x-msft-approval-justification")
    );
    assert!(
        fake.exchanges()
            .iter()
            .all(|e| !e.path.starts_with("/beta/"))
    );
    let outcome = audit_events(&env, "gw", "action.device_outcome");
    assert!(
        outcome[0]["details"]["error"]
            .as_str()
            .unwrap()
            .contains(&code),
        "{outcome:?}"
    );
    drop(gw);
    assert_contracts(&env, &fake);
}
