//! Drives every endpoint of the Jamf Pro fake the way the Jamf backend does (client
//! credentials token, 0-based pages with sections and sort, mobile device details,
//! computer groups, MDM commands and the command history with RSQL filters, the erase
//! endpoints, removing the MDM profile and unmanaging, App Installers deployments, Jamf's errors, a 403 for a
//! missing privilege, 429 with `retry-after`), then validates the whole exchange log
//! against the Jamf Pro API files (`tests/contracts/validate_jamf.py`): zero
//! violations. A drifted response and a malformed request must be reported, so the
//! validator cannot pass silently.

use graph_fake::jamf::{JamfFake, JamfFault, JamfHandle, JamfOptions, Kind};
use reqwest::blocking::{Client, Response};
use serde_json::{Value, json};
use std::path::Path;

struct Jamf {
    http: Client,
    base: String,
    token: String,
}

impl Jamf {
    fn new(fake: &JamfHandle) -> Jamf {
        let http = Client::new();
        let base = format!("{}/api", fake.url());
        let r = http
            .post(format!("{base}/v1/oauth/token"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", "fake-jamf-client"),
                ("client_secret", "fake-jamf-client-secret"),
            ])
            .send()
            .unwrap();
        assert_eq!(r.status(), 200);
        let v: Value = r.json().unwrap();
        Jamf {
            http,
            base,
            token: v["access_token"].as_str().unwrap().to_string(),
        }
    }
    fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("accept", "application/json")
            .send()
            .unwrap()
    }
    fn post(&self, path: &str, body: Option<Value>) -> Response {
        let mut r = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("accept", "application/json");
        if let Some(b) = body {
            r = r.json(&b);
        }
        r.send().unwrap()
    }
}

fn validate(fake: &JamfHandle, dir: &Path) -> graph_fake::contract::Report {
    let log = dir.join("jamf.jsonl");
    fake.write_log(&log).unwrap();
    if let Some(keep) = std::env::var_os("KEEP_JAMF_LOG") {
        std::fs::copy(&log, keep).unwrap();
    }
    graph_fake::contract::validate_jamf(&log).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_jamf_endpoint_as_a_backend_drives_it_matches_the_jamf_descriptions() {
    let dir = tempfile::tempdir().unwrap();
    let fake = JamfFake::start(JamfOptions {
        computers: 7,
        mobile_devices: 5,
        ..JamfOptions::default()
    })
    .unwrap();
    let j = Jamf::new(&fake);
    // Computers, two pages of sections, sorted by id.
    let sections = "section=GENERAL&section=HARDWARE&section=OPERATING_SYSTEM&section=USER_AND_LOCATION&section=GROUP_MEMBERSHIPS";
    let p0: Value = j
        .get(&format!(
            "/v3/computers-inventory?page=0&page-size=4&sort=id:asc&{sections}"
        ))
        .json()
        .unwrap();
    assert_eq!(p0["totalCount"], 7);
    assert_eq!(p0["results"].as_array().unwrap().len(), 4);
    assert_eq!(p0["results"][0]["id"], "1");
    assert!(p0["results"][0]["hardware"]["serialNumber"].is_string());
    let p1: Value = j
        .get(&format!(
            "/v3/computers-inventory?page=1&page-size=4&sort=id:asc&{sections}"
        ))
        .json()
        .unwrap();
    assert_eq!(p1["results"].as_array().unwrap().len(), 3);
    let mac = &p0["results"][1];
    let mac_id = mac["id"].as_str().unwrap().to_string();
    let mac_mid = mac["general"]["managementId"].as_str().unwrap().to_string();
    let one: Value = j
        .get(&format!("/v3/computers-inventory/{mac_id}"))
        .json()
        .unwrap();
    assert_eq!(one["general"]["managementId"], mac_mid.as_str());
    let filtered: Value = j
        .get(&format!(
            "/v3/computers-inventory?filter=general.managementId==\"{mac_mid}\""
        ))
        .json()
        .unwrap();
    assert_eq!(filtered["totalCount"], 1);
    assert_eq!(
        j.get("/v3/computers-inventory?filter=nonsense").status(),
        400,
        "a filter without an operator"
    );
    // Mobile devices and their detail.
    let m: Value = j
        .get("/v2/mobile-devices?page=0&page-size=10&sort=id:asc")
        .json()
        .unwrap();
    assert_eq!(m["totalCount"], 5);
    let mob = &m["results"][0];
    let mob_id = mob["id"].as_str().unwrap().to_string();
    let mob_mid = mob["managementId"].as_str().unwrap().to_string();
    let detail: Value = j
        .get(&format!("/v2/mobile-devices/{mob_id}/detail"))
        .json()
        .unwrap();
    assert!(detail["osVersion"].is_string());
    assert_eq!(detail["groups"][0]["groupName"], "Field iPads");
    assert_eq!(j.get(&format!("/v2/mobile-devices/{mob_id}")).status(), 200);
    assert_eq!(j.get("/v2/mobile-devices/9999/detail").status(), 404);
    let groups: Value = j.get("/v1/computer-groups").json().unwrap();
    assert_eq!(groups[0]["name"], "All Managed Macs");
    // Commands: a Mac lock needs its PIN; a mobile lock with a message.
    let lock = |mid: &str, pin: Option<&str>| {
        let mut data = json!({"commandType": "DEVICE_LOCK", "message": "Return to IT"});
        if let Some(p) = pin {
            data["pin"] = json!(p);
        }
        j.post(
            "/v2/mdm/commands",
            Some(json!({"clientData": [{"managementId": mid}], "commandData": data})),
        )
    };
    assert_eq!(
        lock(&mac_mid, None).status(),
        400,
        "a Mac lock without a PIN"
    );
    let r = lock(&mac_mid, Some("123456"));
    assert_eq!(r.status(), 201);
    let sent: Value = r.json().unwrap();
    let uuid = sent[0]["id"].as_str().unwrap().to_string();
    assert_eq!(lock(&mob_mid, None).status(), 201);
    let restart = j.post(
        "/v2/mdm/commands",
        Some(json!({"clientData": [{"managementId": mob_mid}], "commandData": {"commandType": "RESTART_DEVICE"}})),
    );
    assert_eq!(restart.status(), 201);
    assert_eq!(
        j.post(
            "/v2/mdm/commands",
            Some(json!({"clientData": [{"managementId": "no-such"}], "commandData": {"commandType": "SHUT_DOWN_DEVICE"}})),
        )
        .status(),
        404
    );
    // The history: pending at the first read by uuid, acknowledged at the second.
    let hist = |filter: &str| -> Value {
        j.get(&format!(
            "/v2/mdm/commands?filter={}&page-size=40",
            urlencode(filter)
        ))
        .json()
        .unwrap()
    };
    let h = hist(&format!("uuid=in=({uuid})"));
    assert_eq!(h["results"][0]["commandState"], "PENDING");
    let h = hist(&format!("uuid=={uuid}"));
    assert_eq!(h["results"][0]["commandState"], "ACKNOWLEDGED");
    assert!(h["results"][0]["dateCompleted"].is_string());
    let h = hist("dateSent=ge=2000-01-01T00:00:00Z");
    assert_eq!(h["totalCount"], 3);
    assert_eq!(j.get("/v2/mdm/commands").status(), 400, "no filter");
    assert_eq!(
        j.get(&format!(
            "/v2/mdm/commands?filter={}",
            urlencode("dateSent==2026-01-01T00:00:00Z")
        ))
        .status(),
        400,
        "a date filter with =="
    );
    // Erase, with and without options; remove the MDM profile; unmanage.
    let e = j.post(
        &format!("/v1/computer-inventory/{mac_id}/erase"),
        Some(json!({"pin": "654321"})),
    );
    assert_eq!(e.status(), 200);
    assert!(e.json::<Value>().unwrap()["commandUuid"].is_string());
    assert_eq!(
        j.post(
            &format!("/v1/computer-inventory/{mac_id}/erase"),
            Some(json!({"pin": "12"}))
        )
        .status(),
        400
    );
    assert_eq!(
        j.post(
            &format!("/v2/mobile-devices/{mob_id}/erase"),
            Some(json!({"preserveDataPlan": true}))
        )
        .status(),
        200
    );
    assert_eq!(
        j.post(
            &format!("/v2/mobile-devices/{mob_id}/erase"),
            Some(json!({"returnToService": true}))
        )
        .status(),
        400
    );
    let other_mac = p0["results"][2]["id"].as_str().unwrap().to_string();
    let rm = j.post(
        &format!("/v1/computer-inventory/{other_mac}/remove-mdm-profile"),
        None,
    );
    assert_eq!(rm.status(), 200);
    let other_mob = m["results"][1]["id"].as_str().unwrap().to_string();
    assert_eq!(
        j.post(&format!("/v2/mobile-devices/{other_mob}/unmanage"), None)
            .status(),
        200
    );
    assert_eq!(
        j.post("/v1/computer-inventory/999/erase", Some(json!({})))
            .status(),
        404
    );
    // Faults: a missing privilege (403, no body), throttling, an outage, a bad token.
    fake.add_fault(JamfFault::MissingPrivilege {
        privilege: "Send Computer Remote Wipe Command".into(),
    });
    assert_eq!(
        j.post(
            &format!("/v1/computer-inventory/{mac_id}/erase"),
            Some(json!({}))
        )
        .status(),
        403
    );
    assert_eq!(
        j.get("/v1/computer-groups").status(),
        200,
        "other privileges still held"
    );
    fake.clear_faults();
    fake.add_fault(JamfFault::Throttle {
        count: 1,
        retry_after: Some(2),
    });
    let r = j.get("/v2/mobile-devices?page=0&page-size=1");
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "2");
    fake.add_fault(JamfFault::Unavailable { count: 1 });
    assert_eq!(j.get("/v1/computer-groups").status(), 503);
    assert_eq!(j.get("/v1/computer-groups").status(), 200);
    let bad = j
        .http
        .get(format!("{}/v1/computer-groups", j.base))
        .bearer_auth("not-a-token")
        .send()
        .unwrap();
    assert_eq!(bad.status(), 401);
    let refused = j
        .http
        .post(format!("{}/v1/oauth/token", j.base))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "fake-jamf-client"),
            ("client_secret", "wrong"),
        ])
        .send()
        .unwrap();
    assert_eq!(refused.status(), 401);
    // A command sent in the Jamf Pro UI shows in the history like any other.
    assert!(fake.ui_command(&mob_mid, "DEVICE_LOCK").is_some());
    assert!(fake.delete_device(Kind::Mobile, 3));
    assert_eq!(
        fake.command_count(&mac_mid, "DEVICE_LOCK"),
        1,
        "the lock refused for its missing PIN was not queued"
    );
    let report = validate(&fake, dir.path());
    let msgs: Vec<String> = report
        .violations
        .iter()
        .map(|v| {
            format!(
                "#{} {} {} [{}] {}",
                v.seq, v.method, v.path, v.side, v.message
            )
        })
        .collect();
    assert!(report.validated >= 30, "{}", report.validated);
    assert!(msgs.is_empty(), "{msgs:#?}");
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[test]
fn a_drifted_response_and_a_malformed_request_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let fake = JamfFake::start(JamfOptions::default()).unwrap();
    let j = Jamf::new(&fake);
    let m: Value = j
        .get("/v2/mobile-devices?page=0&page-size=2")
        .json()
        .unwrap();
    let mid = m["results"][0]["managementId"]
        .as_str()
        .unwrap()
        .to_string();
    let r = j.post(
        "/v2/mdm/commands",
        Some(json!({"clientData": [{"managementId": mid}], "commandData": {"commandType": "RESTART_DEVICE"}})),
    );
    assert_eq!(r.status(), 201);
    let log = fake.exchanges();
    // A list whose count is text, a command type Jamf does not know, a history state
    // outside the enum, an error in another shape than Jamf's.
    let mut list = log[1].clone();
    list.response_body["totalCount"] = json!("two");
    let mut cmd = log[2].clone();
    cmd.request_body["commandData"]["commandType"] = json!("SELF_DESTRUCT");
    let mut hist = log[1].clone();
    hist.path = "/api/v2/mdm/commands".into();
    hist.query = "filter=uuid%3D%3Dx".into();
    hist.response_body =
        json!({"totalCount": 1, "results": [{"uuid": "x", "commandState": "EXPLODED"}]});
    let mut err = log[1].clone();
    err.status = 401;
    err.response_body = json!({"httpStatus": 401, "errors": [{"code": "X"}]});
    let drift = dir.path().join("drift.jsonl");
    let lines: Vec<String> = [list, cmd, hist, err]
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    std::fs::write(&drift, lines.join("\n") + "\n").unwrap();
    let report = graph_fake::contract::validate_jamf(&drift).unwrap();
    let msgs: Vec<String> = report
        .violations
        .iter()
        .map(|v| format!("{} {}: {}", v.side, v.path, v.message))
        .collect();
    assert_eq!(report.violations.len(), 4, "{msgs:#?}");
    assert!(
        msgs[0].starts_with("response") && msgs[0].contains("two"),
        "{msgs:#?}"
    );
    assert!(
        msgs[1].starts_with("request") && msgs[1].contains("SELF_DESTRUCT"),
        "{msgs:#?}"
    );
    assert!(msgs[2].contains("EXPLODED"), "{msgs:#?}");
    assert!(msgs[3].contains("field"), "{msgs:#?}");
    let _ = validate(&fake, dir.path());
}

/// App Installers deployments as the backend drives them (create disabled, read, enable,
/// list, each computer's status, delete), Jamf's refusals of a bad body, and a request
/// without `updateBehavior` caught by the validator.
#[test]
fn app_installers_deployments_match_their_description_and_refuse_bad_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let fake = JamfFake::start(JamfOptions {
        computers: 4,
        mobile_devices: 1,
        ..JamfOptions::default()
    })
    .unwrap();
    let j = Jamf::new(&fake);
    let send = |method: reqwest::Method, path: &str, body: Option<Value>| {
        let mut r = j
            .http
            .request(method, format!("{}{path}", j.base))
            .bearer_auth(&j.token)
            .header("accept", "application/json");
        if let Some(b) = body {
            r = r.json(&b);
        }
        r.send().unwrap()
    };
    let body = |enabled: bool| {
        json!({"name": "Chrome (mdm act_1)", "enabled": enabled, "appTitleId": "0C6",
               "deploymentType": "INSTALL_AUTOMATICALLY", "updateBehavior": "MANUAL",
               "smartGroupId": "1"})
    };
    let made = j.post("/v1/app-installers/deployments", Some(body(false)));
    assert_eq!(made.status(), 201);
    let id = made.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/v1/app-installers/deployments/{id}");
    let d: Value = j.get(&path).json().unwrap();
    assert_eq!(d["selectedVersion"], "131.0.6778.86");
    assert_eq!(d["enabled"], false);
    let none: Value = j.get(&format!("{path}/computers")).json().unwrap();
    assert_eq!(
        none["totalCount"], 0,
        "a disabled deployment installs nothing"
    );
    assert_eq!(
        send(reqwest::Method::PUT, &path, Some(body(true))).status(),
        200
    );
    fake.fail_install(3, "not enough disk space");
    let list: Value = j
        .get("/v1/app-installers/deployments?page=0&page-size=1000")
        .json()
        .unwrap();
    assert_eq!(list["results"][0]["app"]["id"], "0C6");
    assert_eq!(list["results"][0]["smartGroup"]["id"], "1");
    let computers: Value = j.get(&format!("{path}/computers")).json().unwrap();
    let rows = computers["results"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2]["status"], "FAILED");
    assert_eq!(rows[2]["error"], "not enough disk space");
    // Bad bodies: an unknown title, a static group, a missing field; a page too large.
    let mut unknown = body(true);
    unknown["appTitleId"] = json!("ZZZ");
    let mut static_group = body(true);
    static_group["smartGroupId"] = json!("2");
    let mut missing = body(true);
    missing.as_object_mut().unwrap().remove("updateBehavior");
    for (b, field) in [
        (unknown, "appTitleId"),
        (static_group, "smartGroupId"),
        (missing, "updateBehavior"),
    ] {
        let r = j.post("/v1/app-installers/deployments", Some(b));
        assert_eq!(r.status(), 400);
        assert_eq!(r.json::<Value>().unwrap()["errors"][0]["field"], field);
    }
    assert_eq!(
        j.get("/v1/app-installers/deployments?page-size=2000")
            .status(),
        400
    );
    assert_eq!(send(reqwest::Method::DELETE, &path, None).status(), 204);
    assert_eq!(j.get(&path).status(), 404);
    assert!(fake.deployments()[0].deleted);
    // Everything but the two bad requests (no `updateBehavior`, a page above 1000)
    // matches the description: the validator catches both.
    let report = validate(&fake, dir.path());
    let msgs: Vec<String> = report
        .violations
        .iter()
        .map(|v| format!("{} {} [{}] {}", v.method, v.path, v.side, v.message))
        .collect();
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    assert!(
        msgs[0].contains("[request]") && msgs[0].contains("'updateBehavior' is a required"),
        "{msgs:#?}"
    );
    assert!(
        msgs[1].contains("[request]") && msgs[1].contains("maximum of 1000"),
        "{msgs:#?}"
    );
}
