//! A gateway in front of Intune killed mid fan-out resumes without sending any device
//! the same command twice: the Graph fake counts every `remoteLock` it receives.

use crate::common::gateway::{Gateway, private, write_config};
use crate::common::{Env, otp_at};
use std::time::{Duration, Instant};

const SECRET: &str = "fake-client-secret-restart";

#[test]
fn an_intune_gateway_killed_mid_fan_out_never_sends_a_command_twice() {
    let fake = graph_fake::Fake::start(graph_fake::Options {
        devices: 30,
        client_secret: Some(SECRET.into()),
        ..graph_fake::Options::default()
    })
    .unwrap();
    let env = Env::new();
    let secret = env.root.path().join("graph-secret");
    std::fs::write(&secret, SECRET).unwrap();
    private(&secret);
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    // A fixed port: the restarted gateway must be where the context points.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // One write a second: the fan-out to the ten pilot devices takes about ten seconds.
    let config = write_config(
        &env,
        "gateway.toml",
        &format!(
            "listen = \"127.0.0.1:{port}\"\ndatabase = {db:?}\n[backend]\nkind = \"intune\"\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\ngraph_url = \"{url}\"\nlogin_url = \"{url}\"\ngroups = [\"mdm-pilot\"]\nclient_secret_file = {secret:?}\nwrite_budget = {{ writes = 1, per_seconds = 1 }}\nmax_concurrency = 1\n",
            url = fake.url().trim_end_matches('/'),
        ),
    );
    let c = config.to_str().unwrap();
    let mut gw = Gateway::start(&env, &config);
    let user = env.run(&[
        "gateway", "user", "add", "ann", "--role", "admin", "--config", c, "-o", "json",
    ]);
    user.ok();
    let user = user.json();
    let seed = user["otpauth_uri"]
        .as_str()
        .unwrap()
        .split(['?', '&'])
        .find_map(|kv| kv.strip_prefix("secret="))
        .unwrap()
        .to_string();
    env.run(&["context", "add", "gw", "--server", &gw.url]).ok();
    env.run_with_stdin(
        &["auth", "login", "--with-token", "--context", "gw"],
        Some(user["token"].as_str().unwrap()),
    )
    .ok();

    let pilot: Vec<String> = env
        .run(&[
            "devices",
            "list",
            "--group",
            "mdm-pilot",
            "--all",
            "-o",
            "json",
            "--context",
            "gw",
        ])
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(pilot.len(), 10);
    let out = env.run(&[
        "lock",
        "--group",
        "mdm-pilot",
        "--confirm",
        "lock 10 devices in gw",
        "--otp",
        &otp_at(&seed, None),
        "--no-wait",
        "-o",
        "json",
        "--context",
        "gw",
    ]);
    out.ok();
    let id = out.json()["id"].as_str().unwrap().to_string();

    let sent = |fake: &graph_fake::FakeHandle| -> u64 {
        pilot
            .iter()
            .map(|d| fake.command_count(d, "remoteLock"))
            .sum()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while sent(&fake) < 4 {
        assert!(Instant::now() < deadline, "the gateway never sent 4 locks");
        std::thread::sleep(Duration::from_millis(50));
    }
    gw.kill();
    let before = sent(&fake);
    assert!(
        before < 10,
        "killed mid fan-out, not after it ({before} sent)"
    );

    let _gw = Gateway::start(&env, &config);
    let watch = env.run(&[
        "actions",
        "watch",
        &id,
        "--timeout",
        "120s",
        "--context",
        "gw",
    ]);
    assert!(
        watch.code == 0 || watch.code == 7,
        "the action ends (all done, or some failed): {} {}",
        watch.code,
        watch.stderr
    );
    let shown = env.run(&["actions", "show", &id, "-o", "json", "--context", "gw"]);
    shown.ok();
    let shown = shown.json();
    let counts = &shown["counts"];
    let acknowledged = counts["acknowledged"].as_u64().unwrap();
    let failed = counts["failed"].as_u64().unwrap();
    assert_eq!(acknowledged + failed, 10, "{shown}");
    let mut received = 0;
    for d in &pilot {
        let n = fake.command_count(d, "remoteLock");
        assert!(n <= 1, "{d} got {n} remoteLock commands");
        received += n;
    }
    // Every device Intune received the lock for is done; one that the killed gateway
    // had claimed but may not have sent fails as delivery unknown, never resent.
    assert_eq!(received, acknowledged, "{shown}");
    assert!(
        failed <= 1,
        "at most the one claimed in flight fails: {shown}"
    );
    for other in fake.device_ids().iter().filter(|d| !pilot.contains(d)) {
        assert_eq!(fake.command_count(other, "remoteLock"), 0);
    }
    let log = env.root.path().join("graph-exchanges.jsonl");
    fake.write_log(&log).unwrap();
    let report = graph_fake::contract::validate(&log).unwrap();
    assert!(
        report.violations.is_empty(),
        "contract violations: {:#?}",
        report.violations
    );
}
