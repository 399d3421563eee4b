//! The Intune gateway when things go wrong around it, through the real binary
//! (`mdm` → gateway → Graph fake): a change made in the Intune portal shows up in
//! `incident report` (once, across a restart); Graph down (the fake stopped); the token
//! endpoint refusing the credential; a 429 storm. Every exchange is validated against
//! Microsoft's Graph contracts.

use crate::common::Env;
use crate::common::gateway::{self, Gateway, admin_user, private, write_config};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SECRET: &str = "fake-client-secret-7f3a";
/// The gateway's app id in the config (the fake writes its audit events under it).
const CLIENT_ID: &str = "00000000-0000-0000-0000-000000000000";

fn fake_on(port: u16) -> graph_fake::FakeHandle {
    fake_with(port, Duration::from_secs(3599))
}

fn fake_with(port: u16, token_lifetime: Duration) -> graph_fake::FakeHandle {
    graph_fake::Fake::start(graph_fake::Options {
        port,
        devices: 6,
        client_secret: Some(SECRET.into()),
        token_lifetime,
        ..graph_fake::Options::default()
    })
    .unwrap()
}

fn port_of(fake: &graph_fake::FakeHandle) -> u16 {
    let u = url::Url::parse(fake.url()).unwrap();
    u.port().unwrap()
}

/// An Intune gateway config against `url` that syncs and reads audit events every second.
fn config(env: &Env, url: &str) -> PathBuf {
    config_on(env, url, 0)
}

/// A free loopback port, so a restarted gateway answers where the context points.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn config_on(env: &Env, url: &str, listen_port: u16) -> PathBuf {
    let file = env.root.path().join("graph-secret");
    std::fs::write(&file, SECRET).unwrap();
    private(&file);
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    let text = format!(
        "listen = \"127.0.0.1:{listen_port}\"\ndatabase = {db:?}\n[backend]\nkind = \"intune\"\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"{CLIENT_ID}\"\ngraph_url = \"{url}\"\nlogin_url = \"{url}\"\nclient_secret_file = {file:?}\nsync_interval = \"1s\"\naudit_interval = \"1s\"\n",
        url = url.trim_end_matches('/'),
    );
    write_config(env, "gateway.toml", &text)
}

fn login(env: &Env, config: &Path, url: &str) {
    let u = admin_user(env, config, "ann");
    gateway::login(env, "gw", url, &u.token);
}

fn assert_contracts(env: &Env, fake: &graph_fake::FakeHandle, name: &str) {
    let log = env
        .root
        .path()
        .join(format!("graph-exchanges-{name}.jsonl"));
    fake.write_log(&log).unwrap();
    let report = graph_fake::contract::validate(&log).unwrap();
    assert!(
        report.violations.is_empty(),
        "contract violations: {:#?}",
        report.violations
    );
}

/// The gateway's backend state, as `mdm auth status -o json` shows it (from health).
fn backend_state(env: &Env) -> Value {
    let out = env.run(&["auth", "status", "-o", "json", "--context", "gw"]);
    out.ok();
    out.json()["backend"].clone()
}

fn wait_for(what: &str, secs: u64, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn lock_no_wait(env: &Env, id: &str) -> String {
    let out = env.run(&["lock", id, "--no-wait", "-o", "json", "--context", "gw"]);
    out.ok();
    out.json()["id"].as_str().unwrap().to_string()
}

fn action(env: &Env, id: &str) -> Value {
    let out = env.run(&["actions", "show", id, "-o", "json", "--context", "gw"]);
    out.ok();
    out.json()
}

fn report(env: &Env) -> Value {
    let out = env.run(&[
        "incident",
        "report",
        "--since",
        "1h",
        "-o",
        "json",
        "--context",
        "gw",
    ]);
    out.ok();
    out.json()
}

#[test]
fn intune_a_portal_change_shows_once_in_the_incident_report() {
    let fake = fake_on(0);
    let env = Env::new();
    let config = config_on(&env, fake.url(), free_port());
    let mut gw = Gateway::start(&env, &config);
    login(&env, &config, &gw.url);
    let ids = fake.device_ids();
    // The gateway's own change is in Intune's log under its app id: not out of band.
    env.run(&["lock", &ids[0], "--context", "gw"]).ok();
    fake.portal_change(
        "eve@contoso.com",
        "Wipe ManagedDevice \u{1b}[2J| x",
        Some(&ids[1]),
    );
    wait_for("the portal change in the report", 20, || {
        !report(&env)["out_of_band"].as_array().unwrap().is_empty()
    });
    // A few more turns of the loop and a restart add nothing.
    std::thread::sleep(Duration::from_millis(2500));
    gw.stop();
    let mut gw = Gateway::start(&env, &config);
    std::thread::sleep(Duration::from_millis(2500));
    let r = report(&env);
    let oob = r["out_of_band"].as_array().unwrap();
    assert_eq!(oob.len(), 1, "{r:#}");
    let c = &oob[0];
    assert_eq!(c["actor"], "eve@contoso.com");
    assert_eq!(c["activity"], "Wipe ManagedDevice \u{1b}[2J| x");
    assert_eq!(c["activity_result"], "Success");
    assert_eq!(c["resources"][0]["id"], ids[1].as_str());
    assert_eq!(c["resources"][0]["type"], "ManagedDevice");
    assert!(c["vendor_event_id"].as_str().is_some_and(|s| !s.is_empty()));
    // The text report: its own heading, the vendor's text escaped.
    let text = env.run(&["incident", "report", "--since", "1h", "--context", "gw"]);
    text.ok().stdout_has("## Changes made outside mdm");
    assert!(!text.stdout.contains('\u{1b}'), "{}", text.stdout);
    assert!(text.stdout.contains("eve@contoso.com"));
    // The chain still verifies with the vendor's events in it.
    env.run(&["audit", "verify", "--context", "gw"]).ok();
    gw.stop();
    assert_contracts(&env, &fake, "oob");
}

#[test]
fn intune_graph_down_serves_the_local_copy_and_defers_a_lock_until_it_is_back() {
    let fake = fake_on(0);
    let port = port_of(&fake);
    let env = Env::new();
    let config = config(&env, fake.url());
    let mut gw = Gateway::start(&env, &config);
    login(&env, &config, &gw.url);
    let health: Value = reqwest::blocking::get(format!("{}/v1/health", gw.url))
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        health["sandbox"], false,
        "a gateway is not the sandbox: {health}"
    );
    let b = backend_state(&env);
    assert_eq!(b["name"], "intune", "{b}");
    assert_eq!(b["token"]["state"], "ok", "{b}");
    assert!(b["last_sync_at"].is_string(), "{b}");
    let id = fake.device_ids()[0].clone();
    assert_contracts(&env, &fake, "before");
    drop(fake);

    // Graph is gone: the inventory answers from the gateway's copy.
    let list = env.run(&["devices", "list", "--all", "-o", "json", "--context", "gw"]);
    list.ok();
    assert_eq!(list.json().as_array().unwrap().len(), 6);
    wait_for("the sync error in health", 20, || {
        backend_state(&env)["last_sync_error"]
            .as_str()
            .is_some_and(|e| e.contains("unreachable"))
    });
    let act = lock_no_wait(&env, &id);
    std::thread::sleep(Duration::from_millis(2500));
    let mid = action(&env, &act);
    assert_eq!(mid["counts"]["acknowledged"], 0, "{mid}");
    assert_eq!(mid["counts"]["failed"], 0, "deferred, not failed: {mid}");

    // Graph is back (same port, same fleet): the lock goes out once and completes.
    let fake = fake_on(port);
    wait_for("the lock to complete", 40, || {
        action(&env, &act)["counts"]["acknowledged"] == 1
    });
    assert_eq!(fake.command_count(&id, "remoteLock"), 1);
    wait_for("a clean sync in health", 20, || {
        backend_state(&env)["last_sync_error"].is_null()
    });
    gw.stop();
    assert_contracts(&env, &fake, "after");
}

#[test]
fn intune_a_refused_credential_shows_in_check_and_health_and_nothing_is_sent() {
    // Short-lived tokens: the gateway asks Entra ID again every second or so.
    let fake = fake_with(0, Duration::from_secs(2));
    let env = Env::new();
    let config = config(&env, fake.url());
    let c = config.to_str().unwrap();
    let mut gw = Gateway::start(&env, &config);
    login(&env, &config, &gw.url);
    assert_eq!(backend_state(&env)["token"]["state"], "ok");
    // The secret is revoked in Entra ID while the gateway runs.
    fake.add_fault(graph_fake::Fault::TokenError {
        status: 401,
        error: "invalid_client".into(),
        error_description: "AADSTS7000215: Invalid client secret provided.".into(),
    });
    env.run(&["gateway", "check", "--config", c])
        .code(1)
        .stderr_has("invalid_client");
    wait_for("the refused token in health", 20, || {
        let b = backend_state(&env);
        b["token"]["state"] == "failing" && b["token"]["reason"] == "invalid_client"
    });
    let b = backend_state(&env);
    assert!(
        b["token"]["message"]
            .as_str()
            .unwrap()
            .contains("AADSTS7000215"),
        "{b}"
    );
    wait_for("the sync error in health", 20, || {
        backend_state(&env)["last_sync_error"]
            .as_str()
            .is_some_and(|e| e.contains("invalid_client"))
    });
    let text = env.run(&["auth", "status", "--context", "gw"]);
    text.ok().stdout_has("invalid_client");
    assert!(!text.stdout.contains(SECRET));
    let id = fake.device_ids()[0].clone();
    let act = lock_no_wait(&env, &id);
    wait_for("the lock to fail", 20, || {
        action(&env, &act)["counts"]["failed"] == 1
    });
    assert_eq!(fake.command_count(&id, "remoteLock"), 0, "nothing sent");
    let writes = fake
        .exchanges()
        .iter()
        .filter(|e| e.method == "POST" && !e.path.contains("oauth2"))
        .count();
    assert_eq!(writes, 0);
    gw.stop();
    assert_contracts(&env, &fake, "token");
}

#[test]
fn intune_a_429_storm_delays_a_lock_without_a_duplicate() {
    let fake = fake_on(0);
    let env = Env::new();
    let config = config(&env, fake.url());
    let mut gw = Gateway::start(&env, &config);
    login(&env, &config, &gw.url);
    let id = fake.device_ids()[0].clone();
    fake.add_fault(graph_fake::Fault::Throttle {
        count: 2,
        retry_after: Some(1),
        writes_only: true,
    });
    fake.add_fault(graph_fake::Fault::Throttle {
        count: 2,
        retry_after: None,
        writes_only: true,
    });
    let act = lock_no_wait(&env, &id);
    wait_for("the lock to complete", 60, || {
        action(&env, &act)["counts"]["acknowledged"] == 1
    });
    assert_eq!(fake.command_count(&id, "remoteLock"), 1, "no duplicate");
    let sends: Vec<graph_fake::Exchange> = fake
        .exchanges()
        .into_iter()
        .filter(|e| e.method == "POST" && e.path.ends_with("/remoteLock"))
        .collect();
    let statuses: Vec<u16> = sends.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [429, 429, 429, 429, 204], "{statuses:?}");
    // Retry-After: 1 was honoured: the next attempt came at least a second later.
    let t = |e: &graph_fake::Exchange| {
        time::OffsetDateTime::parse(&e.time, &time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    for w in sends.windows(2).take(2) {
        let gap = t(&w[1]) - t(&w[0]);
        assert!(gap >= time::Duration::milliseconds(950), "gap {gap}");
    }
    gw.stop();
    assert_contracts(&env, &fake, "429");
}

#[test]
fn intune_faults_the_sandbox_health_names_the_simulator() {
    let sb = crate::common::Sandbox::new(3);
    let health: Value = reqwest::blocking::get(format!("{}/v1/health", sb.server.url))
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(health["sandbox"], true, "{health}");
    assert_eq!(health["backend"]["name"], "simulator", "{health}");
    assert!(health["backend"].get("token").is_none(), "{health}");
    let st = sb.run(&["auth", "status", "-o", "json"]);
    st.ok();
    assert_eq!(st.json()["backend"]["name"], "simulator");
}

#[test]
fn intune_a_portal_change_while_graph_refused_the_first_reads_is_not_lost() {
    let fake = fake_on(0);
    // Every Graph read is refused from the start: no audit read succeeds at first.
    fake.add_fault(graph_fake::Fault::Forbidden {
        permission: "DeviceManagementApps.Read.All".into(),
        all_requests: true,
    });
    let env = Env::new();
    let config = config(&env, fake.url());
    let mut gw = Gateway::start(&env, &config);
    login(&env, &config, &gw.url);
    fake.portal_change("mallory@contoso.com", "Delete DeviceCompliancePolicy", None);
    std::thread::sleep(Duration::from_millis(2200));
    assert!(report(&env)["out_of_band"].as_array().unwrap().is_empty());
    fake.clear_faults();
    wait_for("the change made during the refusal", 20, || {
        report(&env)["out_of_band"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["actor"] == "mallory@contoso.com")
    });
    gw.stop();
    assert_contracts(&env, &fake, "gap");
}
