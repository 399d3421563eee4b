//! Drives every endpoint of the Fleet fake the way a Fleet backend does (bearer token,
//! 0-based pages and the `after` cursor, teams, lock / unlock / wipe and the host's
//! `mdm.device_status` after them, turning MDM off, the activity feed, Fleet's errors,
//! 429 with `retry-after`), then validates the whole exchange log against Fleet's API
//! descriptions (`tests/contracts/validate_fleet.py`): zero violations. A drifted
//! response and a malformed request must be reported, so the validator cannot pass
//! silently.

use graph_fake::fleetdm::{FleetFake, FleetFault, FleetHandle, FleetOptions};
use reqwest::blocking::{Client, Response};
use serde_json::{Value, json};
use std::path::Path;

const TOKEN: &str = "fake-fleet-api-token";

struct Fleet {
    http: Client,
    base: String,
}

impl Fleet {
    fn new(fake: &FleetHandle) -> Fleet {
        Fleet {
            http: Client::new(),
            base: format!("{}/api/v1/fleet", fake.url()),
        }
    }
    fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base))
            .bearer_auth(TOKEN)
            .send()
            .unwrap()
    }
    fn post(&self, path: &str, body: Option<Value>) -> Response {
        let mut r = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(TOKEN);
        if let Some(b) = body {
            r = r.json(&b);
        }
        r.send().unwrap()
    }
    fn delete(&self, path: &str) -> Response {
        self.http
            .delete(format!("{}{path}", self.base))
            .bearer_auth(TOKEN)
            .send()
            .unwrap()
    }
}

fn validate(fake: &FleetHandle, dir: &Path) -> graph_fake::contract::Report {
    let log = dir.join("fleet.jsonl");
    fake.write_log(&log).unwrap();
    if let Some(keep) = std::env::var_os("KEEP_FLEET_LOG") {
        std::fs::copy(&log, keep).unwrap();
    }
    graph_fake::contract::validate_fleet(&log).unwrap_or_else(|e| panic!("{e}"))
}

fn host_where(f: &Fleet, pred: impl Fn(&Value) -> bool) -> Value {
    let v: Value = f.get("/hosts?page=0&per_page=100").json().unwrap();
    v["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| pred(h))
        .cloned()
        .expect("a host of that kind in the fake's fleet")
}

#[test]
fn every_fleet_endpoint_as_a_backend_drives_it_matches_the_fleet_descriptions() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FleetFake::start(FleetOptions {
        hosts: 40,
        ..FleetOptions::default()
    })
    .unwrap();
    let f = Fleet::new(&fake);
    assert_eq!(f.get("/me").status(), 200);
    let teams: Value = f.get("/teams").json().unwrap();
    assert_eq!(teams["teams"].as_array().unwrap().len(), 3);
    // Pages from 0, and the cursor over ids, see the same hosts.
    let mut by_page = Vec::new();
    for page in 0.. {
        let v: Value = f
            .get(&format!(
                "/hosts?page={page}&per_page=15&device_mapping=true"
            ))
            .json()
            .unwrap();
        let hosts = v["hosts"].as_array().unwrap().clone();
        if hosts.is_empty() {
            break;
        }
        by_page.extend(hosts.iter().map(|h| h["id"].as_u64().unwrap()));
    }
    let mut by_cursor = Vec::new();
    let mut after = 0;
    loop {
        let v: Value = f
            .get(&format!("/hosts?order_key=id&after={after}&per_page=15"))
            .json()
            .unwrap();
        let hosts = v["hosts"].as_array().unwrap();
        if hosts.is_empty() {
            break;
        }
        by_cursor.extend(hosts.iter().map(|h| h["id"].as_u64().unwrap()));
        after = *by_cursor.last().unwrap();
    }
    assert_eq!(by_page.len(), 40);
    assert_eq!(by_page, by_cursor);
    let count: Value = f.get("/hosts/count?team_id=1").json().unwrap();
    let team1: Value = f
        .get("/hosts?team_id=1&page=0&per_page=100")
        .json()
        .unwrap();
    assert_eq!(
        count["count"].as_u64().unwrap() as usize,
        team1["hosts"].as_array().unwrap().len()
    );

    let mac = host_where(&f, |h| h["platform"] == "darwin" && h["status"] == "online");
    let win = host_where(&f, |h| {
        h["platform"] == "windows" && h["status"] == "online"
    });
    let (mac_id, win_id) = (mac["id"].as_u64().unwrap(), win["id"].as_u64().unwrap());
    assert_eq!(
        f.get(&format!(
            "/hosts/identifier/{}",
            mac["hardware_serial"].as_str().unwrap()
        ))
        .status(),
        200
    );
    // Lock with the macOS PIN, pending until the host checks in, then locked.
    let r: Value = f
        .post(&format!("/hosts/{mac_id}/lock?view_pin=true"), None)
        .json()
        .unwrap();
    assert!(r["unlock_pin"].as_str().unwrap().len() == 6, "{r}");
    assert_eq!(
        f.post(&format!("/hosts/{mac_id}/lock"), None).status(),
        422,
        "a command while another is pending"
    );
    let mut status = String::new();
    for _ in 0..3 {
        let h: Value = f.get(&format!("/hosts/{mac_id}")).json().unwrap();
        status = h["host"]["mdm"]["device_status"]
            .as_str()
            .unwrap()
            .to_string();
    }
    assert_eq!(status, "locked");
    assert_eq!(
        f.post(&format!("/hosts/{mac_id}/unlock"), None).status(),
        200
    );
    // Wipe a Windows host with a wipe type; turning MDM off is for Apple hosts only.
    assert_eq!(
        f.post(
            &format!("/hosts/{win_id}/wipe"),
            Some(json!({"windows": {"wipe_type": "doWipeProtected"}}))
        )
        .status(),
        200
    );
    assert_eq!(f.delete(&format!("/hosts/{win_id}/mdm")).status(), 400);
    let ios = host_where(&f, |h| {
        matches!(h["platform"].as_str(), Some("ios" | "ipados"))
    });
    assert_eq!(f.delete(&format!("/hosts/{}/mdm", ios["id"])).status(), 204);
    // The activity feed, newest first, says who did what.
    let a: Value = f
        .get("/activities?page=0&per_page=2&order_key=id&order_direction=desc")
        .json()
        .unwrap();
    assert_eq!(a["activities"][0]["type"], "mdm_unenrolled");
    assert_eq!(a["meta"]["has_next_results"], true);
    // Fleet's errors: unknown host, a revoked token, throttled with retry-after,
    // unavailable.
    assert_eq!(f.get("/hosts/99999").status(), 404);
    fake.add_fault(FleetFault::TokenRevoked);
    assert_eq!(f.get("/hosts?page=0&per_page=5").status(), 401);
    fake.clear_faults();
    fake.add_fault(FleetFault::Throttle {
        count: 1,
        retry_after: Some(2),
    });
    let t = f.get("/hosts?page=0&per_page=5");
    assert_eq!(t.status(), 429);
    assert_eq!(t.headers()["retry-after"], "2");
    fake.add_fault(FleetFault::Unavailable { count: 1 });
    assert_eq!(f.get("/teams").status(), 503);
    assert_eq!(f.get("/teams").status(), 200, "faults are used up");

    let report = validate(&fake, dir.path());
    assert!(
        report.violations.is_empty(),
        "contract violations:\n{:#?}",
        report.violations
    );
    assert!(report.validated >= 25, "{report:?}");
}

#[test]
fn a_drifted_response_and_a_malformed_request_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FleetFake::start(FleetOptions::default()).unwrap();
    let f = Fleet::new(&fake);
    let id = fake.host_ids()[0];
    assert_eq!(f.get(&format!("/hosts/{id}")).status(), 200);
    assert_eq!(f.post(&format!("/hosts/{id}/lock"), None).status(), 200);
    let log = fake.exchanges();
    // A host without its uuid, and a lock answer without its pending action.
    let mut host = log[0].clone();
    host.response_body["host"]
        .as_object_mut()
        .unwrap()
        .remove("uuid");
    let mut lock = log[1].clone();
    lock.response_body
        .as_object_mut()
        .unwrap()
        .remove("pending_action");
    // A wipe type Fleet does not know.
    let mut wipe = log[1].clone();
    wipe.path = wipe.path.replace("/lock", "/wipe");
    wipe.request_body = json!({"windows": {"wipe_type": "scorched"}});
    wipe.request_headers
        .insert("content-type".into(), "application/json".into());
    wipe.response_body = json!({"device_status": "unlocked", "pending_action": "wipe"});
    // An error in another shape than Fleet's.
    let mut err = log[0].clone();
    err.status = 404;
    err.response_body = json!({"error": "nope"});
    let drift = dir.path().join("drift.jsonl");
    let lines: Vec<String> = [host, lock, wipe, err]
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    std::fs::write(&drift, lines.join("\n") + "\n").unwrap();
    let report = graph_fake::contract::validate_fleet(&drift).unwrap();
    let msgs: Vec<String> = report
        .violations
        .iter()
        .map(|v| format!("{} {}: {}", v.side, v.path, v.message))
        .collect();
    assert_eq!(report.violations.len(), 4, "{msgs:#?}");
    assert!(msgs[0].contains("uuid"), "{msgs:#?}");
    assert!(msgs[1].contains("pending_action"), "{msgs:#?}");
    assert!(
        msgs[2].starts_with("request") && msgs[2].contains("scorched"),
        "{msgs:#?}"
    );
    assert!(msgs[3].contains("error shape"), "{msgs:#?}");
}
