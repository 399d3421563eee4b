//! The gateway with `kind = "fleet"` against the Fleet fake, through the real binary:
//! `gateway check`, the inventory (PII masked) and teams as groups, a lock reaching Fleet
//! once and acknowledged from the host's `mdm.device_status`, a team wipe behind step-up,
//! phrase and a second admin, what Fleet cannot do refused naming Fleet, a refused token,
//! a change made in Fleet's UI in the incident report, a gateway killed mid fan-out that
//! sends nothing twice; every exchange validated against Fleet's API descriptions.

use crate::common::gateway::{Gateway, GatewayUser, admin_user, login, private, write_config};
use crate::common::{Env, otp_at};
use graph_fake::fleetdm::{FleetFake, FleetHandle, FleetOptions};
use serde_json::Value;
use std::path::PathBuf;

const TOKEN: &str = "fake-fleet-api-token";

/// Fields drop in order: the gateway stops before the fake it talks to.
struct Rig {
    _gw: Gateway,
    fake: FleetHandle,
    env: Env,
    config: PathBuf,
    ann: GatewayUser,
    bob: GatewayUser,
}

fn config(env: &Env, fake: &FleetHandle, token: &str, settings: &str) -> PathBuf {
    let file = env.root.path().join("fleet-token");
    std::fs::write(&file, format!("{token}\n")).unwrap();
    private(&file);
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    let text = format!(
        "listen = \"127.0.0.1:0\"\ndatabase = {db:?}\n[backend]\nkind = \"fleet\"\n\
         url = \"{url}\"\napi_token_file = {file:?}\nper_page = 7\naudit_interval = \"1s\"\n[settings]\n{settings}\n",
        url = fake.url(),
    );
    write_config(env, "gateway.toml", &text)
}

fn rig(hosts: usize, settings: &str) -> Rig {
    let fake = FleetFake::start(FleetOptions {
        hosts,
        ..FleetOptions::default()
    })
    .unwrap();
    let env = Env::new();
    let config = config(&env, &fake, TOKEN, settings);
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

impl Rig {
    fn run(&self, args: &[&str]) -> crate::common::Out {
        let mut a = args.to_vec();
        a.extend_from_slice(&["--context", "gw"]);
        self.env.run(&a)
    }

    /// The first admin asks to wipe the Workstations team (`n` hosts), with step-up and
    /// phrase: a second admin must approve (the rigs set `approval_threshold = 1`).
    fn ann_wipes_workstations(&self, n: usize) -> crate::common::Out {
        self.run(&[
            "wipe",
            "--group",
            "Workstations",
            "--reason",
            "stolen laptops",
            "--confirm",
            &format!("wipe {n} devices in gw"),
            "--otp",
            &otp_at(&self.ann.seed, None),
        ])
    }

    /// The second admin approves `id`, typing `phrase` and stepping up.
    fn bob_approves(&self, id: &str, phrase: &str) -> crate::common::Out {
        self.env.run(&[
            "approvals",
            "approve",
            id,
            "-c",
            "gw2",
            "--confirm",
            phrase,
            "--otp",
            &otp_at(&self.bob.seed, None),
        ])
    }

    fn devices(&self, extra: &[&str]) -> Vec<Value> {
        let mut a = vec!["devices", "list", "--all", "-o", "json"];
        a.extend_from_slice(extra);
        self.run(&a).json().as_array().unwrap().clone()
    }

    fn assert_contracts(&self) {
        let log = self.env.root.path().join("fleet-exchanges.jsonl");
        self.fake.write_log(&log).unwrap();
        let report = graph_fake::contract::validate_fleet(&log).unwrap();
        assert!(
            report.violations.is_empty(),
            "contract violations: {:#?}",
            report.violations
        );
        assert!(
            !self
                .fake
                .exchanges()
                .iter()
                .any(|x| x.path.ends_with("/hosts/delete")),
            "the batch delete is never sent"
        );
    }
}

fn host_of(id: &str) -> u64 {
    id.strip_prefix("fleet_").unwrap().parse().unwrap()
}

fn action_id(out: &crate::common::Out) -> String {
    out.stderr
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .find(|w| w.starts_with("act_"))
        .expect("an action id")
        .to_string()
}

#[test]
fn fleet_inventory_teams_and_a_lock_go_through_fleet() {
    let r = rig(24, "");
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
    assert_eq!(c["backend"], "fleet");
    assert_eq!(c["fleet"]["user"], "mdm-gateway");
    assert_eq!(c["fleet"]["hosts"], 24);
    assert!(!check.stdout.contains(TOKEN), "the token is never shown");

    // The whole fleet, paged in sevens along the id cursor; PII masked in lists.
    let all = r.devices(&[]);
    assert_eq!(all.len(), 24);
    let first = &all[0];
    let id = first["id"].as_str().unwrap();
    let real = r.fake.host(host_of(id)).unwrap();
    assert_ne!(first["owner_email"], real.owner_email.as_str());
    let shown = r.run(&["devices", "show", id, "--show-pii", "-o", "json"]);
    shown.ok();
    assert_eq!(shown.json()["owner_email"], real.owner_email.as_str());
    assert_eq!(shown.json()["owner_name"], real.owner_name.as_str());
    // Teams are groups, with the team's hosts.
    let groups = r.run(&["groups", "list", "-o", "json"]).json();
    let names: Vec<&str> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    for t in ["Workstations", "Mobile", "Kiosks"] {
        assert!(names.contains(&t), "{names:?}");
    }
    // Regular labels are groups too; the builtin ones are not.
    assert!(names.contains(&"label: Engineering"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("All Hosts")), "{names:?}");
    let engineering = r.devices(&["--group", "label: Engineering"]);
    let labelled = r
        .fake
        .host_ids()
        .into_iter()
        .map(|h| r.fake.host(h).unwrap())
        .filter(|h| h.labels.contains(&0) && h.platform != "ubuntu")
        .count();
    assert!(labelled > 0);
    assert_eq!(engineering.len(), labelled);
    let mobile = r.devices(&["--group", "Mobile"]);
    let in_team = r
        .fake
        .host_ids()
        .into_iter()
        .filter(|&h| r.fake.host(h).unwrap().team == Some(1))
        .count();
    assert_eq!(mobile.len(), in_team);

    // A lock reaches Fleet once and is acknowledged when the host reports it locked.
    let mac = all
        .iter()
        .find(|d| d["platform"] == "macos" && d["status"] == "online")
        .expect("an online Mac");
    let mac_id = mac["id"].as_str().unwrap();
    r.run(&["lock", mac_id, "--wait-timeout", "60s"])
        .ok()
        .stderr_has("1 acknowledged");
    assert_eq!(r.fake.command_count(host_of(mac_id), "lock"), 1);
    assert_eq!(
        r.fake.host(host_of(mac_id)).unwrap().device_status,
        "locked"
    );
    let d = r.run(&["devices", "show", mac_id, "-o", "json"]).json();
    assert_eq!(d["locked"], true);
    // Fleet answered the Mac's unlock PIN (`view_pin`); the requester sees it once.
    let act = r.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let got = r
        .run(&[
            "actions",
            "pins",
            &act,
            "--otp",
            &otp_at(&r.ann.seed, None),
            "-o",
            "json",
        ])
        .json();
    let pin = got["pins"][0]["pin"].as_str().unwrap().to_string();
    assert_eq!(pin.len(), 6, "{got}");
    let lock = r
        .fake
        .exchanges()
        .into_iter()
        .find(|x| x.path.ends_with("/lock") && x.status == 200)
        .unwrap();
    assert_eq!(lock.query, "view_pin=true");
    assert_eq!(lock.response_body["unlock_pin"], pin.as_str());
    assert_eq!(
        r.run(&["actions", "pins", &act, "-o", "json"]).json()["already_revealed"],
        1
    );

    // What Fleet's API cannot do is refused at preview, naming Fleet; nothing is sent.
    r.run(&["lock", mac_id, "--message", "call IT", "--no-wait"])
        .code(1)
        .stderr_has("Fleet's lock takes no lock-screen message");
    r.run(&["push", "command", "restart", mac_id, "--no-wait"])
        .code(1)
        .stderr_has("Fleet's API has no restart command");
    assert_eq!(r.fake.command_count(host_of(mac_id), "lock"), 1);
    r.assert_contracts();
}

#[test]
fn a_team_wipe_needs_step_up_phrase_and_a_second_admin_and_reaches_each_host_once() {
    let r = rig(20, "approval_threshold = 1");
    let team = r.devices(&["--group", "Workstations"]);
    let n = team.len();
    assert!(n >= 2, "{n}");
    let out = r.ann_wipes_workstations(n);
    out.code(8).stderr_has("needs a second admin's approval");
    let id = action_id(&out);
    for h in r.fake.host_ids() {
        assert_eq!(
            r.fake.command_count(h, "wipe"),
            0,
            "nothing before approval"
        );
    }
    r.bob_approves(&id, &format!("wipe {n} devices in gw2"))
        .ok();
    r.run(&["actions", "watch", &id, "--timeout", "90s"]);
    let members: Vec<u64> = team
        .iter()
        .map(|d| host_of(d["id"].as_str().unwrap()))
        .collect();
    // Fleet wipes Apple, Windows and Linux hosts; an Android host's wipe is refused by
    // Fleet and fails alone, with Fleet's reason.
    let android: Vec<u64> = members
        .iter()
        .copied()
        .filter(|&h| r.fake.host(h).unwrap().platform == "android")
        .collect();
    for h in r.fake.host_ids() {
        let want = u64::from(members.contains(&h) && !android.contains(&h));
        assert_eq!(r.fake.command_count(h, "wipe"), want, "host {h}");
    }
    let failed = r
        .run(&["actions", "show", &id, "--devices", "failed", "-o", "json"])
        .json();
    let failed = failed.as_array().unwrap();
    assert_eq!(failed.len(), android.len(), "{failed:?}");
    for f in failed {
        assert!(f.to_string().contains("Unsupported host platform"), "{f}");
    }
    // Windows hosts get the wipe for a lost device.
    let wipes: Vec<_> = r
        .fake
        .exchanges()
        .into_iter()
        .filter(|x| x.method == "POST" && x.path.ends_with("/wipe") && x.status == 200)
        .collect();
    assert_eq!(wipes.len(), n - android.len());
    for w in &wipes {
        let host = r
            .fake
            .host(w.path.split('/').nth(5).unwrap().parse().unwrap())
            .unwrap();
        if host.platform == "windows" {
            assert_eq!(w.request_body["windows"]["wipe_type"], "doWipeProtected");
        } else {
            assert!(w.request_body.is_null(), "{}", w.request_body);
        }
    }
    let a = r.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(a["approval"]["approved_by"], "bob");
    // Policies are osquery checks in Fleet: refused whole, naming what to use instead.
    let dir = r.env.root.path().join("policies");
    r.env.run(&["policy", "init", dir.to_str().unwrap()]).ok();
    r.run(&["policy", "apply", "-f", dir.to_str().unwrap(), "--no-input"])
        .code(1)
        .stderr_has("osquery");
    r.assert_contracts();
}

#[test]
fn a_refused_token_is_named_by_gateway_check() {
    let fake = FleetFake::start(FleetOptions::default()).unwrap();
    let env = Env::new();
    let config = config(&env, &fake, "not-the-token", "");
    let out = env.run(&["gateway", "check", "--config", config.to_str().unwrap()]);
    out.code(1)
        .stderr_has("Fleet refused the API token (401")
        .stderr_has("api_token_file");
    assert!(!out.stderr.contains("not-the-token"));
}

#[test]
fn a_wipe_from_fleets_ui_shows_once_in_the_incident_report_and_the_gateways_own_lock_does_not() {
    let r = rig(10, "");
    let all = r.devices(&[]);
    let online: Vec<&str> = all
        .iter()
        .filter(|d| d["status"] == "online" && d["platform"] != "android")
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    // The gateway's own lock is in Fleet's feed under its API user: not out of band.
    r.run(&["lock", online[0], "--no-wait"]).ok();
    assert!(r.fake.ui_command(host_of(online[1]), "wipe"));
    let report = || {
        let out = r.run(&["incident", "report", "--since", "1h", "-o", "json"]);
        out.ok();
        out.json()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while report()["out_of_band"].as_array().unwrap().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the UI wipe never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    // A few more turns of the loop add nothing.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let rep = report();
    let oob = rep["out_of_band"].as_array().unwrap();
    assert_eq!(oob.len(), 1, "{rep:#}");
    assert_eq!(oob[0]["actor"], "ada@example.org");
    assert_eq!(oob[0]["activity"], "wiped_host");
    assert_eq!(oob[0]["resources"][0]["id"], online[1]);
    r.run(&["incident", "report", "--since", "1h"])
        .ok()
        .stdout_has("## Changes made outside mdm");
    r.assert_contracts();
}

#[test]
fn a_fleet_gateway_killed_mid_fan_out_never_sends_a_command_twice() {
    // A slow Fleet (0.4 s a write): the fan-out to the Windows hosts takes seconds.
    let fake = FleetFake::start(FleetOptions {
        hosts: 16,
        write_delay: std::time::Duration::from_millis(400),
        ..FleetOptions::default()
    })
    .unwrap();
    let env = Env::new();
    // A fixed port: the restarted gateway must be where the context points.
    let port = crate::common::free_port();
    let text = std::fs::read_to_string(config(&env, &fake, TOKEN, "")).unwrap();
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
    let filter = "platform = windows and status = online";
    let targets = run(&["devices", "list", "--filter", filter, "--all", "-o", "json"]).json();
    let hosts: Vec<u64> = targets
        .as_array()
        .unwrap()
        .iter()
        .map(|d| host_of(d["id"].as_str().unwrap()))
        .collect();
    let n = hosts.len();
    assert!(n >= 4, "{n}");
    let out = run(&[
        "lock",
        "--filter",
        filter,
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
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while fake.commands_total() < 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "no lock reached Fleet"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    gw.kill();
    let before = fake.commands_total();
    assert!(
        (before as usize) < n,
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
    for h in &hosts {
        let got = fake.command_count(*h, "lock");
        assert!(got <= 1, "host {h} got {got} locks");
    }
    // Every host either got its lock once, or failed as delivery unknown (the one whose
    // request was cut by the kill), never resent.
    let failed = run(&["actions", "show", &id, "--devices", "failed", "-o", "json"]).json();
    for f in failed.as_array().unwrap() {
        assert!(f.to_string().contains("delivery unknown"), "{f}");
    }
}

#[test]
fn a_host_deleted_in_fleet_before_the_approval_refuses_it_and_sends_nothing() {
    let r = rig(16, "approval_threshold = 1");
    let team = r.devices(&["--group", "Workstations"]);
    let n = team.len();
    let out = r.ann_wipes_workstations(n);
    out.code(8);
    let id = action_id(&out);
    // Someone deletes a member in Fleet meanwhile.
    let gone = team[0]["id"].as_str().unwrap();
    assert!(r.fake.delete_host(host_of(gone)));
    r.bob_approves(&id, &format!("wipe {n} devices in gw2"))
        .code(1)
        .stderr_has(&format!("1 host is no longer in Fleet ({gone})"))
        .stderr_has("nothing was sent");
    for h in r.fake.host_ids() {
        assert_eq!(r.fake.command_count(h, "wipe"), 0, "host {h}");
    }
    let a = r.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(a["status"], "pending_approval");
    r.assert_contracts();
}

#[test]
fn throttling_and_outages_are_waited_out_and_no_command_is_sent_twice() {
    let r = rig(8, "");
    let all = r.devices(&[]);
    let mac = all
        .iter()
        .find(|d| d["platform"] == "macos" && d["status"] == "online")
        .or_else(|| {
            all.iter()
                .find(|d| d["platform"] == "windows" && d["status"] == "online")
        })
        .expect("an online Mac or PC")["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Reads: three 429s with retry-after, then the answer.
    r.fake.add_fault(graph_fake::fleetdm::FleetFault::Throttle {
        count: 3,
        retry_after: Some(1),
    });
    r.run(&["devices", "show", &mac, "-o", "json"]).ok();
    // A write during an outage is not retried in place (Fleet may have taken it): the
    // device waits and is sent at a later step, once.
    r.fake
        .add_fault(graph_fake::fleetdm::FleetFault::Unavailable { count: 4 });
    let out = r.run(&["lock", &mac, "--wait-timeout", "60s"]);
    assert!(
        out.code == 0 || out.code == 9,
        "accepted (9: Fleet was still down, the device waits): {}",
        out.stderr
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while r.fake.host(host_of(&mac)).unwrap().device_status != "locked" {
        assert!(
            std::time::Instant::now() < deadline,
            "the lock never got through"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(r.fake.command_count(host_of(&mac), "lock"), 1);
    let statuses: Vec<u16> = r.fake.exchanges().iter().map(|x| x.status).collect();
    assert!(
        statuses.contains(&429) && statuses.contains(&503),
        "{statuses:?}"
    );
    r.assert_contracts();
}

#[test]
fn a_role_that_may_not_write_fails_the_device_naming_the_role_fleet_needs() {
    let r = rig(8, "");
    let all = r.devices(&[]);
    let id = all
        .iter()
        .find(|d| d["status"] == "online" && d["platform"] != "android")
        .expect("an online host")["id"]
        .as_str()
        .unwrap()
        .to_string();
    r.fake
        .add_fault(graph_fake::fleetdm::FleetFault::WritesForbidden);
    let out = r.run(&["lock", &id, "--wait-timeout", "30s", "-o", "json"]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    let failed = r
        .run(&["actions", "list", "-o", "json"])
        .json()
        .as_array()
        .unwrap()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let devices = r
        .run(&[
            "actions",
            "show",
            &failed,
            "--devices",
            "failed",
            "-o",
            "json",
        ])
        .json();
    let text = devices.to_string();
    assert!(
        text.contains("403") && text.contains("maintainer or admin role"),
        "{text}"
    );
    assert_eq!(r.fake.command_count(host_of(&id), "lock"), 0);
    r.assert_contracts();
}
