//! The gateway with `kind = "intune"` against the Graph fake: inventory synced from
//! Graph, a lock reaching the fake exactly once and acknowledged from
//! `deviceActionResults`, `mdm gateway check` naming a refused credential; every
//! exchange validated against Microsoft's Graph contracts.

use crate::common::Env;
use crate::common::gateway::{self, Gateway, admin_user, private, write_config};
use std::path::{Path, PathBuf};

const SECRET: &str = "fake-client-secret-7f3a";

/// The fake with a known secret and 12 devices.
fn fake() -> graph_fake::FakeHandle {
    graph_fake::Fake::start(graph_fake::Options {
        devices: 12,
        client_secret: Some(SECRET.into()),
        ..graph_fake::Options::default()
    })
    .unwrap()
}

/// An Intune gateway config against `fake`, its secret in a 0600 file.
fn config(env: &Env, fake: &graph_fake::FakeHandle, secret: &str) -> PathBuf {
    let file = env.root.path().join("graph-secret");
    std::fs::write(&file, secret).unwrap();
    private(&file);
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    let text = format!(
        "listen = \"127.0.0.1:0\"\ndatabase = {db:?}\n[backend]\nkind = \"intune\"\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\ngraph_url = \"{url}\"\nlogin_url = \"{url}\"\ngroups = [\"mdm-pilot\"]\nclient_secret_file = {file:?}\n",
        url = fake.url().trim_end_matches('/'),
    );
    write_config(env, "gateway.toml", &text)
}

fn user_add(env: &Env, config: &Path) -> String {
    admin_user(env, config, "ann").token
}

fn login(env: &Env, url: &str, token: &str) {
    gateway::login(env, "gw", url, token);
}

/// The fake's whole exchange log has no contract violation.
fn assert_contracts(env: &Env, fake: &graph_fake::FakeHandle) {
    let log = env.root.path().join("graph-exchanges.jsonl");
    fake.write_log(&log).unwrap();
    let report = graph_fake::contract::validate(&log).unwrap();
    assert!(
        report.violations.is_empty(),
        "contract violations: {:#?}",
        report.violations
    );
}

#[test]
fn intune_inventory_and_a_lock_go_through_graph() {
    let fake = fake();
    let env = Env::new();
    let config = config(&env, &fake, SECRET);
    let c = config.to_str().unwrap();
    let check = env.run(&["gateway", "check", "--config", c, "-o", "json"]);
    check.ok();
    assert_eq!(check.json()["backend"], "intune");

    let mut gw = Gateway::start(&env, &config);
    let token = user_add(&env, &config);
    login(&env, &gw.url, &token);

    let list = env.run(&["devices", "list", "--all", "-o", "json", "--context", "gw"]);
    list.ok();
    let devices = list.json();
    let devices = devices.as_array().unwrap();
    assert_eq!(devices.len(), fake.device_ids().len());
    let first = &devices[0];
    let id = first["id"].as_str().unwrap().to_string();
    let real = fake.device(&id).expect("the mdm id is the Graph id");
    let masked = first["owner_email"].as_str().unwrap();
    assert!(!real.email_address.is_empty());
    assert_ne!(masked, real.email_address, "PII masked in lists");

    let shown = env.run(&[
        "devices",
        "show",
        &id,
        "--show-pii",
        "-o",
        "json",
        "--context",
        "gw",
    ]);
    shown.ok();
    assert_eq!(shown.json()["owner_email"], real.email_address.as_str());

    let pilot = env.run(&[
        "devices",
        "list",
        "--group",
        "mdm-pilot",
        "--all",
        "-o",
        "json",
        "--context",
        "gw",
    ]);
    pilot.ok();
    assert_eq!(pilot.json().as_array().unwrap().len(), 10);

    env.run(&["lock", &id, "--context", "gw"])
        .ok()
        .stderr_has("completed");
    assert_eq!(fake.command_count(&id, "remoteLock"), 1);
    for other in fake.device_ids().iter().filter(|d| **d != id) {
        assert_eq!(fake.command_count(other, "remoteLock"), 0);
    }
    // What Intune does its own way is a clear refusal naming the alternative.
    env.run(&[
        "enroll",
        "create",
        "--user",
        "jane@example.org",
        "--context",
        "gw",
    ])
    .code(1)
    .stderr_has("intune backend does not support enrollment")
    .stderr_has("Windows Autopilot");
    gw.stop();
    assert_contracts(&env, &fake);
}

#[test]
fn gateway_check_names_a_refused_secret() {
    let fake = fake();
    let env = Env::new();
    let config = config(&env, &fake, "not-the-secret");
    let out = env.run(&["gateway", "check", "--config", config.to_str().unwrap()]);
    out.code(1).stderr_has("invalid_client");
    assert!(!out.stderr.contains("not-the-secret"));
    assert_contracts(&env, &fake);
}

#[test]
fn gateway_check_names_a_missing_permission() {
    let fake = fake();
    fake.add_fault(graph_fake::Fault::Forbidden {
        permission: "DeviceManagementManagedDevices.Read.All".into(),
        all_requests: true,
    });
    let env = Env::new();
    let config = config(&env, &fake, SECRET);
    let out = env.run(&["gateway", "check", "--config", config.to_str().unwrap()]);
    out.code(1)
        .stderr_has("DeviceManagementManagedDevices.Read.All");
    assert!(!out.stderr.contains(SECRET));
    assert_contracts(&env, &fake);
}
