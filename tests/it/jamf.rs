//! The gateway with `kind = "jamf"` against the Jamf Pro fake, through the real binary:
//! `gateway check`, the inventory of computers and mobile devices (PII masked) and Jamf's
//! groups, a lock reaching Jamf once (a Mac with a 6-digit PIN) and acknowledged from the
//! MDM command history, a group wipe behind step-up, phrase and a second admin, what
//! Jamf cannot do refused naming Jamf, a refused API client, a 403 naming the privilege,
//! a command sent from the Jamf Pro UI in the incident report, a gateway killed mid
//! fan-out that sends nothing twice, throttling and outages; every exchange validated
//! against the Jamf Pro API files.

use crate::common::gateway::{Gateway, GatewayUser, admin_user, login, private, write_config};
use crate::common::{Env, otp_at};
use graph_fake::jamf::{Device, JamfFake, JamfFault, JamfHandle, JamfOptions, Kind};
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const SECRET: &str = "fake-jamf-client-secret";

/// Fields drop in order: the gateway stops before the fake it talks to.
struct Rig {
    _gw: Gateway,
    fake: JamfHandle,
    env: Env,
    config: PathBuf,
    ann: GatewayUser,
    bob: GatewayUser,
}

fn config(env: &Env, fake: &JamfHandle, secret: &str, settings: &str) -> PathBuf {
    let file = env.root.path().join("jamf-secret");
    std::fs::write(&file, format!("{secret}\n")).unwrap();
    private(&file);
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    let text = format!(
        "listen = \"127.0.0.1:0\"\ndatabase = {db:?}\n[backend]\nkind = \"jamf\"\n\
         url = \"{url}\"\nclient_id = \"fake-jamf-client\"\nclient_secret_file = {file:?}\n\
         page_size = 5\naudit_interval = \"1s\"\n[settings]\n{settings}\n",
        url = fake.url(),
    );
    write_config(env, "gateway.toml", &text)
}

fn rig_with(opts: JamfOptions, settings: &str) -> Rig {
    let fake = JamfFake::start(opts).unwrap();
    let env = Env::new();
    let config = config(&env, &fake, SECRET, settings);
    let gw = Gateway::start(&env, &config);
    let ann = admin_user(&env, &config, "ann");
    let bob = admin_user(&env, &config, "bob");
    login(&env, "gw", &gw.url, &ann.token);
    login(&env, "gw2", &gw.url, &bob.token);
    Rig {
        fake,
        env,
        config,
        _gw: gw,
        ann,
        bob,
    }
}

fn rig(computers: usize, mobile_devices: usize, settings: &str) -> Rig {
    rig_with(
        JamfOptions {
            computers,
            mobile_devices,
            ..JamfOptions::default()
        },
        settings,
    )
}

impl Rig {
    fn run(&self, args: &[&str]) -> crate::common::Out {
        let mut a = args.to_vec();
        a.extend_from_slice(&["--context", "gw"]);
        self.env.run(&a)
    }

    fn devices(&self, extra: &[&str]) -> Vec<Value> {
        let mut a = vec!["devices", "list", "--all", "-o", "json"];
        a.extend_from_slice(extra);
        self.run(&a).json().as_array().unwrap().clone()
    }

    /// The fake's device behind an mdm id (`jamf_c3`, `jamf_m2`).
    fn jamf(&self, id: &str) -> Device {
        let (kind, n) = if let Some(n) = id.strip_prefix("jamf_c") {
            (Kind::Computer, n)
        } else {
            (Kind::Mobile, id.strip_prefix("jamf_m").unwrap())
        };
        let n: u64 = n.parse().unwrap();
        self.fake
            .devices()
            .into_iter()
            .find(|d| d.kind == kind && d.id == n)
            .unwrap()
    }

    fn count(&self, id: &str, command: &str) -> usize {
        self.fake
            .command_count(&self.jamf(id).management_id, command)
    }

    fn assert_contracts(&self) {
        let log = self.env.root.path().join("jamf-exchanges.jsonl");
        self.fake.write_log(&log).unwrap();
        let report = graph_fake::contract::validate_jamf(&log).unwrap();
        assert!(
            report.violations.is_empty(),
            "contract violations: {:#?}",
            report.violations
        );
    }
}

fn action_id(out: &crate::common::Out) -> String {
    out.stderr
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .find(|w| w.starts_with("act_"))
        .expect("an action id")
        .to_string()
}

#[test]
fn jamf_inventory_groups_and_a_lock_go_through_jamf() {
    let r = rig(9, 6, "");
    let check = r.env.run(&[
        "gateway",
        "check",
        "--config",
        r.config.to_str().unwrap(),
        "-o",
        "json",
    ]);
    check.ok();
    let c = check.json();
    assert_eq!(c["backend"], "jamf");
    assert_eq!(c["jamf"]["computers"], 9);
    assert_eq!(c["jamf"]["mobile_devices"], 6);
    assert!(!check.stdout.contains(SECRET), "the secret is never shown");

    // Both inventories, paged in fives; PII masked in lists.
    let all = r.devices(&[]);
    assert_eq!(all.len(), 15);
    let macs: Vec<&Value> = all.iter().filter(|d| d["platform"] == "macos").collect();
    assert_eq!(macs.len(), 9);
    let mac_id = macs[0]["id"].as_str().unwrap().to_string();
    let real = r.jamf(&mac_id);
    assert_ne!(macs[0]["owner_email"], real.email.as_str());
    let shown = r.run(&["devices", "show", &mac_id, "--show-pii", "-o", "json"]);
    shown.ok();
    assert_eq!(shown.json()["owner_email"], real.email.as_str());
    assert_eq!(shown.json()["serial"], real.serial.as_str());
    // Jamf's computer and mobile device groups are groups, with their members.
    let groups = r.run(&["groups", "list", "-o", "json"]).json();
    let names: Vec<&str> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    for g in [
        "All Managed Macs",
        "Design Macs",
        "Field iPads",
        "Exec iPhones",
    ] {
        assert!(names.contains(&g), "{names:?}");
    }
    assert_eq!(r.devices(&["--group", "All Managed Macs"]).len(), 9);
    assert_eq!(r.devices(&["--group", "Field iPads"]).len(), 6);

    // A Mac's lock reaches Jamf once, as DEVICE_LOCK with a 6-digit PIN, and is
    // acknowledged from the command history.
    r.run(&["lock", &mac_id, "--wait-timeout", "60s"])
        .ok()
        .stderr_has("1 acknowledged");
    assert_eq!(r.count(&mac_id, "DEVICE_LOCK"), 1);
    let cmd = r
        .fake
        .commands()
        .into_iter()
        .find(|c| c.management_id == real.management_id)
        .unwrap();
    let pin = cmd.pin.expect("a Mac lock carries a PIN");
    assert!(pin.len() == 6 && pin.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(cmd.state, "ACKNOWLEDGED");
    let d = r.run(&["devices", "show", &mac_id, "-o", "json"]).json();
    assert_eq!(d["locked"], true);
    // The PIN is shown once, to the requester only, after a step-up; never in the audit.
    let act = r.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    r.env
        .run(&[
            "actions",
            "pins",
            &act,
            "-c",
            "gw2",
            "--otp",
            &otp_at(&r.bob.seed, None),
        ])
        .code(5)
        .stderr_has("only ann, who requested action");
    let shown = r.run(&[
        "actions",
        "pins",
        &act,
        "--otp",
        &otp_at(&r.ann.seed, None),
        "-o",
        "json",
    ]);
    shown.ok();
    let got = shown.json();
    assert_eq!(got["pins"][0]["device_id"], mac_id.as_str());
    assert_eq!(got["pins"][0]["pin"], pin.as_str());
    let again = r.run(&["actions", "pins", &act, "-o", "json"]).json();
    assert_eq!(again["pins"].as_array().unwrap().len(), 0);
    assert_eq!(again["already_revealed"], 1);
    let audit = r.run(&["audit", "log", "--since", "1h", "-o", "json"]);
    audit.ok();
    assert!(audit.stdout.contains("action.pins_revealed"));
    assert!(
        !audit.stdout.contains(&pin),
        "the PIN is never in the audit log"
    );
    // A phone's lock carries the message and the callback number, no PIN.
    let phone = all.iter().find(|d| d["platform"] == "ios").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    r.run(&[
        "lock",
        &phone,
        "--message",
        "Call IT",
        "--callback-number",
        "+15550100",
        "--wait-timeout",
        "60s",
    ])
    .ok();
    let sent = r
        .fake
        .exchanges()
        .into_iter()
        .rev()
        .find(|x| x.method == "POST" && x.path == "/api/v2/mdm/commands")
        .unwrap();
    assert_eq!(sent.request_body["commandData"]["message"], "Call IT");
    assert_eq!(sent.request_body["commandData"]["phoneNumber"], "+15550100");
    assert!(sent.request_body["commandData"].get("pin").is_none());
    // A restart is RESTART_DEVICE.
    r.run(&[
        "push",
        "command",
        "restart",
        &phone,
        "--wait-timeout",
        "60s",
    ])
    .ok();
    assert_eq!(r.count(&phone, "RESTART_DEVICE"), 1);

    // What Jamf's API cannot do is refused at preview, naming Jamf; nothing is sent.
    let before = r.fake.commands().len();
    r.run(&["unlock", &mac_id, "--no-wait"])
        .code(1)
        .stderr_has("Jamf Pro has no remote unlock");
    r.run(&["push", "command", "locate", &phone, "--no-wait"])
        .code(1)
        .stderr_has("takes no locate command");
    let dir = r.env.root.path().join("policies");
    r.env.run(&["policy", "init", dir.to_str().unwrap()]).ok();
    r.run(&["policy", "apply", "-f", dir.to_str().unwrap(), "--no-input"])
        .code(1)
        .stderr_has("configuration profiles");
    r.run(&["enroll", "create", "--user", "jane@example.org"])
        .code(1)
        .stderr_has("jamf backend does not support enrollment")
        .stderr_has("Automated Device Enrollment");
    let profile = r.env.root.path().join("wifi.mobileconfig");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/wifi.mobileconfig"),
        &profile,
    )
    .unwrap();
    r.run(&[
        "push",
        "profile",
        profile.to_str().unwrap(),
        &phone,
        "--no-wait",
    ])
    .code(1)
    .stderr_has("scope configuration profiles in Jamf Pro");
    r.run(&[
        "wipe",
        &phone,
        "--keep-user-data",
        "--confirm",
        &r.jamf(&phone).serial,
    ])
    .code(1)
    .stderr_has("cannot keep user data");
    assert_eq!(r.fake.commands().len(), before);

    r.assert_contracts();
}

#[test]
fn a_group_wipe_needs_step_up_phrase_and_a_second_admin_and_reaches_each_mac_once() {
    let r = rig(8, 2, "approval_threshold = 1");
    let group = r.devices(&["--group", "Design Macs"]);
    let n = group.len();
    assert!(n >= 2, "{n}");
    let out = r.run(&[
        "wipe",
        "--group",
        "Design Macs",
        "--reason",
        "stolen laptops",
        "--confirm",
        &format!("wipe {n} devices in gw"),
        "--otp",
        &otp_at(&r.ann.seed, None),
    ]);
    out.code(8).stderr_has("needs a second admin's approval");
    let id = action_id(&out);
    assert!(r.fake.commands().is_empty(), "nothing before approval");
    r.env
        .run(&[
            "approvals",
            "approve",
            &id,
            "-c",
            "gw2",
            "--confirm",
            &format!("wipe {n} devices in gw2"),
            "--otp",
            &otp_at(&r.bob.seed, None),
        ])
        .ok();
    r.run(&["actions", "watch", &id, "--timeout", "90s"]).ok();
    for d in &group {
        let id = d["id"].as_str().unwrap();
        assert_eq!(r.count(id, "ERASE_DEVICE"), 1, "{id}");
    }
    assert_eq!(r.fake.commands().len(), n, "only the group's Macs");
    let erases: Vec<_> = r
        .fake
        .exchanges()
        .into_iter()
        .filter(|x| x.method == "POST" && x.path.ends_with("/erase"))
        .collect();
    assert_eq!(erases.len(), n);
    for e in &erases {
        let pin = e.request_body["pin"].as_str().unwrap();
        assert_eq!(pin.len(), 6, "{}", e.request_body);
    }
    let a = r.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(a["approval"]["approved_by"], "bob");
    assert_eq!(a["counts"]["acknowledged"], n as u64);
    r.assert_contracts();
}

#[test]
fn a_refused_api_client_is_named_by_gateway_check() {
    let fake = JamfFake::start(JamfOptions::default()).unwrap();
    let env = Env::new();
    let config = config(&env, &fake, "not-the-secret", "");
    let out = env.run(&["gateway", "check", "--config", config.to_str().unwrap()]);
    out.code(1)
        .stderr_has("Jamf Pro refused the API client (invalid_client")
        .stderr_has("client_secret_file");
    assert!(!out.stderr.contains("not-the-secret"));
}

#[test]
fn a_missing_jamf_privilege_fails_the_device_naming_it_and_nothing_is_queued() {
    let r = rig(3, 1, "");
    let mac = r.devices(&[])[0]["id"].as_str().unwrap().to_string();
    let serial = r.jamf(&mac).serial;
    r.fake.add_fault(JamfFault::MissingPrivilege {
        privilege: "Send Computer Remote Wipe Command".into(),
    });
    let out = r.run(&[
        "wipe",
        &mac,
        "--confirm",
        &serial,
        "--otp",
        &otp_at(&r.ann.seed, None),
        "--wait-timeout",
        "30s",
    ]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    let act = r.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let failed = r
        .run(&["actions", "show", &act, "--devices", "failed", "-o", "json"])
        .json()
        .to_string();
    assert!(
        failed.contains("403") && failed.contains("Send Computer Remote Wipe Command"),
        "{failed}"
    );
    assert!(r.fake.commands().is_empty());
    r.assert_contracts();
}

#[test]
fn a_lock_from_the_jamf_ui_shows_once_in_the_incident_report_and_the_gateways_own_does_not() {
    let r = rig(4, 3, "");
    let all = r.devices(&[]);
    let (a, b) = (
        all[0]["id"].as_str().unwrap().to_string(),
        all[5]["id"].as_str().unwrap().to_string(),
    );
    r.run(&["lock", &a, "--wait-timeout", "30s"]).ok();
    assert!(
        r.fake
            .ui_command(&r.jamf(&b).management_id, "DEVICE_LOCK")
            .is_some()
    );
    let report = || {
        let out = r.run(&["incident", "report", "--since", "1h", "-o", "json"]);
        out.ok();
        out.json()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while report()["out_of_band"].as_array().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "the UI lock never showed");
        std::thread::sleep(Duration::from_millis(300));
    }
    std::thread::sleep(Duration::from_millis(2500));
    let rep = report();
    let oob = rep["out_of_band"].as_array().unwrap();
    assert_eq!(oob.len(), 1, "{rep:#}");
    assert_eq!(oob[0]["activity"], "DEVICE_LOCK");
    assert_eq!(oob[0]["resources"][0]["id"], b.as_str());
    r.run(&["incident", "report", "--since", "1h"])
        .ok()
        .stdout_has("## Changes made outside mdm");
    r.assert_contracts();
}

#[test]
fn a_jamf_gateway_killed_mid_fan_out_never_sends_a_command_twice() {
    // A slow Jamf (0.4 s a write): the fan-out to the Macs takes seconds.
    let fake = JamfFake::start(JamfOptions {
        computers: 16,
        // Phones too, so the 16 Macs are not most of the fleet (no second admin).
        mobile_devices: 20,
        write_delay: Duration::from_millis(400),
        ..JamfOptions::default()
    })
    .unwrap();
    let env = Env::new();
    let port = crate::common::free_port();
    let text = std::fs::read_to_string(config(&env, &fake, SECRET, "")).unwrap();
    let config = write_config(
        &env,
        "gateway.toml",
        &text.replace("127.0.0.1:0", &format!("127.0.0.1:{port}")),
    );
    let mut gw = Gateway::start(&env, &config);
    let ann = admin_user(&env, &config, "ann");
    login(&env, "gw", &gw.url, &ann.token);
    let run = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend_from_slice(&["--context", "gw"]);
        env.run(&a)
    };
    let n = 16;
    let out = run(&[
        "lock",
        "--group",
        "All Managed Macs",
        "--confirm",
        &format!("lock {n} devices in gw"),
        "--otp",
        &otp_at(&ann.seed, None),
        "--no-wait",
        "-o",
        "json",
    ]);
    out.ok();
    let id = out.json()["id"].as_str().unwrap().to_string();
    let deadline = Instant::now() + Duration::from_secs(60);
    while fake.commands().len() < 2 {
        assert!(Instant::now() < deadline, "no lock reached Jamf");
        std::thread::sleep(Duration::from_millis(20));
    }
    gw.kill();
    let before = fake.commands().len();
    assert!(
        before < n,
        "killed mid fan-out, not after ({before} of {n})"
    );

    let _gw = Gateway::start(&env, &config);
    let watch = run(&["actions", "watch", &id, "--timeout", "60s"]);
    assert!(
        watch.code == 0 || watch.code == 7,
        "the action ends: {} {}",
        watch.code,
        watch.stderr
    );
    let shown = run(&["actions", "show", &id, "-o", "json"]).json();
    let counts = &shown["counts"];
    assert_eq!(
        counts["acknowledged"].as_u64().unwrap() + counts["failed"].as_u64().unwrap(),
        n as u64,
        "{shown}"
    );
    for d in fake.devices().iter().filter(|d| d.kind == Kind::Computer) {
        let got = fake.command_count(&d.management_id, "DEVICE_LOCK");
        assert!(got <= 1, "computer {} got {got} locks", d.id);
    }
    // Every device either got its lock once, or failed saying it was not resent.
    let failed = run(&["actions", "show", &id, "--devices", "failed", "-o", "json"]).json();
    for f in failed.as_array().unwrap() {
        assert!(f.to_string().contains("not resent"), "{f}");
    }
}

#[test]
fn a_device_deleted_in_jamf_before_the_approval_refuses_it_and_sends_nothing() {
    let r = rig(6, 2, "approval_threshold = 1");
    let group = r.devices(&["--group", "All Managed Macs"]);
    let n = group.len();
    let out = r.run(&[
        "wipe",
        "--group",
        "All Managed Macs",
        "--reason",
        "lost shipment",
        "--confirm",
        &format!("wipe {n} devices in gw"),
        "--otp",
        &otp_at(&r.ann.seed, None),
    ]);
    out.code(8);
    let id = action_id(&out);
    let gone = group[0]["id"].as_str().unwrap();
    assert!(r.fake.delete_device(Kind::Computer, r.jamf(gone).id));
    r.env
        .run(&[
            "approvals",
            "approve",
            &id,
            "-c",
            "gw2",
            "--confirm",
            &format!("wipe {n} devices in gw2"),
            "--otp",
            &otp_at(&r.bob.seed, None),
        ])
        .code(1)
        .stderr_has(&format!("1 device is no longer in Jamf ({gone})"))
        .stderr_has("nothing was sent");
    assert!(r.fake.commands().is_empty());
    r.assert_contracts();
}

#[test]
fn throttling_outages_and_short_tokens_are_waited_out_and_no_command_is_sent_twice() {
    // Tokens that live 4 s: the client renews them before they lapse.
    let r = rig_with(
        JamfOptions {
            computers: 3,
            mobile_devices: 2,
            token_lifetime: Duration::from_secs(4),
            ..JamfOptions::default()
        },
        "",
    );
    let mac = r.devices(&[])[0]["id"].as_str().unwrap().to_string();
    r.fake.add_fault(JamfFault::Throttle {
        count: 3,
        retry_after: Some(1),
    });
    r.run(&["devices", "show", &mac, "-o", "json"]).ok();
    std::thread::sleep(Duration::from_secs(4));
    // A write during an outage is not retried in place: the device waits and is sent at
    // a later step, once.
    r.fake.add_fault(JamfFault::Unavailable { count: 4 });
    let out = r.run(&["lock", &mac, "--wait-timeout", "60s"]);
    assert!(
        out.code == 0 || out.code == 9,
        "accepted (9: Jamf was still down, the device waits): {}",
        out.stderr
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while r.count(&mac, "DEVICE_LOCK") == 0 {
        assert!(Instant::now() < deadline, "the lock never got through");
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(r.count(&mac, "DEVICE_LOCK"), 1);
    let x = r.fake.exchanges();
    let statuses: Vec<u16> = x.iter().map(|x| x.status).collect();
    assert!(
        statuses.contains(&429) && statuses.contains(&503),
        "{statuses:?}"
    );
    assert!(
        !statuses.contains(&401),
        "no request went out with a lapsed token: {statuses:?}"
    );
    let tokens = x.iter().filter(|x| x.path == "/api/v1/oauth/token").count();
    assert!(tokens >= 2, "the token was renewed ({tokens})");
    r.assert_contracts();
}

#[test]
fn a_burst_of_commands_sent_around_the_gateway_in_one_second_is_read_whole_and_once() {
    let r = rig(3, 0, "");
    let mids: Vec<String> = r
        .fake
        .devices()
        .into_iter()
        .map(|d| d.management_id)
        .collect();
    // More than a read of the history (500) and more than one turn of the audit loop
    // (200), most of them in the same second.
    let n = 650;
    for i in 0..n {
        assert!(
            r.fake
                .ui_command(&mids[i % mids.len()], "DEVICE_INFORMATION")
                .is_some()
        );
    }
    let count = || {
        let out = r.run(&["incident", "report", "--since", "1h", "-o", "json"]);
        out.ok();
        out.json()["out_of_band"].as_array().unwrap().len()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while count() < n {
        assert!(Instant::now() < deadline, "only {} of {n} read", count());
        std::thread::sleep(Duration::from_millis(500));
    }
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(count(), n, "each command once");
    r.assert_contracts();
}

/// A catalog app that references an App Installers title goes to a smart computer group
/// as one deployment, enabled only once Jamf's version is the pinned one; what App
/// Installers cannot do is refused at preview, and a computer whose install fails
/// fails with Jamf's words.
#[test]
fn an_app_installers_title_is_deployed_to_a_smart_group_once_and_only_at_the_pinned_version() {
    // Six of eight devices: no second admin at these thresholds.
    let r = rig(
        6,
        2,
        "push_approval_threshold = 100\napproval_threshold = 100\nfleet_share_percent = 100",
    );
    let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let add = |name: &str, version: &str, title: &str, platform: &str, otp: Option<String>| {
        let mut a = vec![
            "apps",
            "add",
            "--name",
            name,
            "--version",
            version,
            "--bundle-id",
            "com.example.app",
            "--platform",
            platform,
            "--jamf-app-title",
            title,
            "--sha256",
            hash,
            "-o",
            "json",
        ];
        if let Some(code) = &otp {
            a.extend(["--otp", code.as_str()]);
        }
        r.run(&a)
    };
    // Bad input: not a Mac app, a malformed title id, a title without --sha256.
    add("Chrome", "131.0.6778.86", "0C6", "ios", None)
        .code(2)
        .stderr_has("needs --platform macos");
    add("Chrome", "131.0.6778.86", "0C 6", "macos", None)
        .code(2)
        .stderr_has("--jamf-app-title is a Jamf App Installers title id");
    r.run(&[
        "apps",
        "add",
        "--name",
        "Chrome",
        "--version",
        "1",
        "--bundle-id",
        "x",
        "--platform",
        "macos",
        "--jamf-app-title",
        "0C6",
    ])
    .code(2)
    .stderr_has("--sha256");
    let added = add(
        "Chrome",
        "131.0.6778.86",
        "0C6",
        "macos",
        Some(otp_at(&r.ann.seed, None)),
    );
    assert_eq!(added.ok().json()["source"], "jamf:0C6");

    // Refused at preview, naming App Installers; nothing reaches Jamf.
    let mac = r.devices(&["--group", "All Managed Macs"]);
    let one = mac[0]["id"].as_str().unwrap();
    let app = "Chrome@131.0.6778.86";
    r.run(&["push", "app", app, one, "--no-wait"])
        .code(1)
        .stderr_has("smart computer groups")
        .stderr_has("--group");
    r.run(&["push", "app", app, "--group", "Design Macs", "--no-wait"])
        .code(1)
        .stderr_has("Design Macs is a static computer group");
    r.run(&["push", "app", app, "--group", "Field iPads", "--no-wait"])
        .code(1)
        .stderr_has("no computer group named Field iPads");
    r.run(&[
        "push",
        "app",
        app,
        "--group",
        "All Managed Macs",
        "--uninstall",
        "--no-wait",
    ])
    .code(1)
    .stderr_has("do not uninstall");
    assert!(r.fake.deployments().is_empty());

    // The smart group: one deployment, its own by name, MANUAL updates; one computer's
    // install fails with Jamf's error.
    r.fake.fail_install(2, "not enough disk space");
    let n = mac.len();
    let out = r.run(&[
        "push",
        "app",
        app,
        "--group",
        "All Managed Macs",
        "--confirm",
        &format!("push {n} devices in gw"),
        "--otp",
        &otp_at(&r.ann.seed, Some(crate::common::now_unix() + 30)),
        "--wait-timeout",
        "60s",
    ]);
    out.code(7).stderr_has(&format!("{} acknowledged", n - 1));
    let id = action_id(&out);
    let deps = r.fake.deployments();
    assert_eq!(deps.len(), 1, "{deps:?}");
    assert!(deps[0].enabled && !deps[0].deleted);
    assert_eq!(deps[0].title, "0C6");
    assert_eq!(deps[0].smart_group.as_deref(), Some("1"));
    assert_eq!(deps[0].update_behavior, "MANUAL");
    assert!(deps[0].name.contains(&id), "{}", deps[0].name);
    let shown = r.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(shown["counts"]["acknowledged"], (n - 1) as u64);
    let failed = r
        .run(&["actions", "show", &id, "--devices", "failed", "-o", "json"])
        .json();
    assert_eq!(failed.as_array().unwrap().len(), 1, "{failed}");
    let failed = failed[0].to_string();
    assert!(
        failed.contains("jamf_c2") && failed.contains("not enough disk space"),
        "{failed}"
    );

    // Pushing the same title to the same group again creates nothing new.
    let creates = |r: &Rig| {
        r.fake
            .exchanges()
            .iter()
            .filter(|x| x.method == "POST" && x.path == "/api/v1/app-installers/deployments")
            .count()
    };
    assert_eq!(creates(&r), 1);
    // The phrase (which now counts the hour's pushes) as the preview shows it.
    let push = |app: &str| {
        let base = ["push", "app", app, "--group", "All Managed Macs"];
        let preview = r.run(&base);
        preview.code(3);
        let phrase = preview
            .stderr
            .split("expected `")
            .nth(1)
            .or_else(|| preview.stderr.split("--confirm \"").nth(1))
            .and_then(|s| s.split(['`', '"']).next())
            .unwrap_or_else(|| panic!("no phrase in {}", preview.stderr))
            .to_string();
        let mut a = base.to_vec();
        a.extend(["--confirm", &phrase, "--wait-timeout", "60s"]);
        r.run(&a)
    };
    push(app).code(7);
    assert_eq!(creates(&r), 1);
    assert_eq!(r.fake.deployments().len(), 1);

    // Jamf moved the title on: the deployment is made, found at another version,
    // deleted again, and the push fails saying so.
    add("Slack", "4.41.105", "1B4", "macos", None).ok();
    // An API role without "Create App Installers": each device fails naming it.
    r.fake.add_fault(JamfFault::MissingPrivilege {
        privilege: "Create App Installers".into(),
    });
    let out = push("Slack@4.41.105");
    out.code(7);
    let shown = r.run(&[
        "actions",
        "show",
        &action_id(&out),
        "--devices",
        "failed",
        "-o",
        "json",
    ]);
    assert!(
        shown
            .stdout
            .contains(r#"the privilege \"Create App Installers\""#),
        "{}",
        shown.stdout
    );
    assert!(r.fake.deployments().iter().all(|d| d.title != "1B4"));
    r.fake.clear_faults();
    r.fake.set_title_version("1B4", "4.42.0");
    let out = push("Slack@4.41.105");
    out.code(7);
    let id = action_id(&out);
    let shown = r.run(&["actions", "show", &id, "--devices", "failed", "-o", "json"]);
    shown.ok();
    assert_eq!(shown.json().as_array().unwrap().len(), n);
    assert!(
        shown.stdout.contains("is at version 4.42.0")
            && shown.stdout.contains("nothing was deployed"),
        "{}",
        shown.stdout
    );
    let slack: Vec<_> = r
        .fake
        .deployments()
        .into_iter()
        .filter(|d| d.title == "1B4")
        .collect();
    assert_eq!(slack.len(), 1);
    assert!(slack[0].deleted && !slack[0].enabled);
    r.assert_contracts();
}
