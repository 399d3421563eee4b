//! Drives every endpoint of the Graph fake the way the Intune backend does (reqwest, client
//! credentials, nextLink paging, actions and their outcomes, throttling, approvals, audit,
//! policies, apps), then validates the whole exchange log against Microsoft's OpenAPI
//! documents: zero violations. A deliberately malformed request and a drifted response must
//! be reported, so the validator cannot pass silently.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use graph_fake::{Fake, FakeHandle, Fault, Options};
use reqwest::blocking::{Client, Response};
use serde_json::{Value, json};

const CLIENT_ID: &str = "7b3c1f52-6a5e-4a39-9d2e-0c1d2e3f4a5b";
const SECRET: &str = "s3cret~value";
const TENANT: &str = "contoso.onmicrosoft.com";
const SCOPE: &str = "https://graph.microsoft.com/.default";

struct Cert {
    key_pem: String,
    cert_pem: String,
}

/// A fresh RSA key and self-signed certificate, made with the openssl CLI.
fn make_cert(dir: &Path) -> Cert {
    let key = dir.join("app.key");
    let cert = dir.join("app.crt");
    let ok = Command::new("openssl")
        .args(["genrsa", "-traditional", "-out"])
        .arg(&key)
        .arg("2048")
        .output()
        .expect("openssl (Debian package openssl, installed by .ci/run)")
        .status
        .success();
    assert!(ok, "openssl genrsa failed");
    let ok = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-days",
            "2",
            "-subj",
            "/CN=mdm-gateway-test",
            "-key",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl")
        .status
        .success();
    assert!(ok, "openssl req failed");
    Cert {
        key_pem: std::fs::read_to_string(key).unwrap(),
        cert_pem: std::fs::read_to_string(cert).unwrap(),
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A client assertion as MSAL builds it: RS256, `x5t#S256`, aud = the token URL.
fn assertion(cert: &Cert, aud: &str, exp_offset: i64, thumb_of: Option<&str>) -> String {
    let der = graph_fake::auth::pem_to_der(thumb_of.unwrap_or(&cert.cert_pem)).unwrap();
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.x5t_s256 = Some(graph_fake::auth::x5t_s256(&der));
    let claims = json!({
        "aud": aud,
        "iss": CLIENT_ID,
        "sub": CLIENT_ID,
        "jti": format!("{}", now()),
        "nbf": now() - 5,
        "iat": now() - 5,
        "exp": (now() as i64 + exp_offset),
    });
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(cert.key_pem.as_bytes()).unwrap();
    jsonwebtoken::encode(&header, &claims, &key).unwrap()
}

struct Graph {
    http: Client,
    base: String,
    token: String,
}

impl Graph {
    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }
    fn get(&self, path: &str) -> Response {
        self.http
            .get(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .unwrap()
    }
    fn post(&self, path: &str, body: Option<Value>) -> Response {
        let mut r = self.http.post(self.url(path)).bearer_auth(&self.token);
        if let Some(b) = body {
            r = r.json(&b);
        }
        r.send().unwrap()
    }
}

fn token_form(fake: &FakeHandle, form: &[(&str, &str)]) -> Response {
    Client::new()
        .post(fake.token_url(TENANT))
        .form(form)
        .send()
        .unwrap()
}

fn secret_token(fake: &FakeHandle) -> String {
    let r = token_form(
        fake,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("scope", SCOPE),
            ("client_secret", SECRET),
        ],
    );
    assert_eq!(r.status(), 200);
    let v: Value = r.json().unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

fn options(cert: Option<&Cert>) -> Options {
    Options {
        devices: 30,
        tenant: Some(TENANT.into()),
        client_id: CLIENT_ID.into(),
        client_secret: Some(SECRET.into()),
        client_certificate_pem: cert.map(|c| c.cert_pem.clone()),
        action_polls_until_done: 1,
        approval_actions: vec!["retire".into()],
        ..Options::default()
    }
}

fn assert_no_violations(fake: &FakeHandle, dir: &Path) -> graph_fake::contract::Report {
    let log = dir.join("exchanges.jsonl");
    fake.write_log(&log).unwrap();
    let report = graph_fake::contract::validate(&log).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.violations.is_empty(),
        "contract violations:\n{:#?}",
        report.violations
    );
    report
}

#[test]
fn every_endpoint_as_the_backend_drives_it_matches_the_graph_contracts() {
    let dir = tempfile::tempdir().unwrap();
    let cert = make_cert(dir.path());
    let fake = Fake::start(options(Some(&cert))).unwrap();
    let token_url = fake.token_url(TENANT);

    // --- Token endpoint: secret, certificate assertion, and Entra's errors.
    let token = secret_token(&fake);
    let bad = token_form(
        &fake,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("scope", SCOPE),
            ("client_secret", "wrong"),
        ],
    );
    assert_eq!(bad.status(), 401);
    let v: Value = bad.json().unwrap();
    assert_eq!(v["error"], "invalid_client");
    assert!(
        v["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS7000215: Invalid client secret provided")
    );
    let unknown = token_form(
        &fake,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "11111111-2222-3333-4444-555555555555"),
            ("scope", SCOPE),
            ("client_secret", SECRET),
        ],
    );
    assert_eq!(unknown.status(), 400);
    assert_eq!(
        unknown.json::<Value>().unwrap()["error"],
        "unauthorized_client"
    );
    let with_cert = |jwt: &str| {
        token_form(
            &fake,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", CLIENT_ID),
                ("scope", SCOPE),
                ("client_assertion_type", graph_fake::auth::ASSERTION_TYPE),
                ("client_assertion", jwt),
            ],
        )
    };
    let ok = with_cert(&assertion(&cert, &token_url, 600, None));
    assert_eq!(ok.status(), 200);
    let v: Value = ok.json().unwrap();
    assert_eq!(v["token_type"], "Bearer");
    assert!(v["expires_in"].as_u64().unwrap() > 0);
    let expired = with_cert(&assertion(&cert, &token_url, -600, None));
    assert_eq!(expired.status(), 401);
    assert!(
        expired.json::<Value>().unwrap()["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS700024")
    );
    std::fs::create_dir(dir.path().join("other")).unwrap();
    let other = make_cert(&dir.path().join("other"));
    let wrong_cert = with_cert(&assertion(&other, &token_url, 600, None));
    assert_eq!(wrong_cert.status(), 401);
    assert!(
        wrong_cert.json::<Value>().unwrap()["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS700027")
    );
    let forged = with_cert(&assertion(&other, &token_url, 600, Some(&cert.cert_pem)));
    assert_eq!(
        forged.status(),
        401,
        "a right thumbprint does not make a wrong signature good"
    );
    let wrong_aud = with_cert(&assertion(
        &cert,
        "https://example.invalid/token",
        600,
        None,
    ));
    assert!(
        wrong_aud.json::<Value>().unwrap()["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS700023")
    );

    let wrong_tenant = Client::new()
        .post(fake.token_url("fabrikam.onmicrosoft.com"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("scope", SCOPE),
            ("client_secret", SECRET),
        ])
        .send()
        .unwrap();
    assert_eq!(wrong_tenant.status(), 400);
    assert!(
        wrong_tenant.json::<Value>().unwrap()["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS90002")
    );
    let g = Graph {
        http: Client::new(),
        base: format!("{}/v1.0", fake.url()),
        token,
    };
    let noauth = Client::new()
        .get(g.url("/deviceManagement/managedDevices"))
        .send()
        .unwrap();
    assert_eq!(noauth.status(), 401);

    // --- Inventory: $select, $top, $count, nextLink paging.
    let mut ids = Vec::new();
    let first = g
        .http
        .get(g.url("/deviceManagement/managedDevices?$select=id,deviceName,serialNumber,operatingSystem,azureADDeviceId&$top=7&$count=true"))
        .bearer_auth(&g.token)
        .header("ConsistencyLevel", "eventual")
        .send()
        .unwrap();
    assert_eq!(first.status(), 200);
    let mut page: Value = first.json().unwrap();
    assert_eq!(page["@odata.count"], 30);
    let mut pages = 1;
    loop {
        for d in page["value"].as_array().unwrap() {
            assert!(d.get("userPrincipalName").is_none(), "$select honoured");
            ids.push(d["id"].as_str().unwrap().to_string());
        }
        let Some(next) = page["@odata.nextLink"].as_str() else {
            break;
        };
        assert!(next.contains("skiptoken"));
        page = g.get(next).json().unwrap();
        pages += 1;
    }
    assert_eq!(pages, 5);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 30);
    let count = g.get("/deviceManagement/managedDevices/$count");
    assert_eq!(count.headers()["content-type"], "text/plain");
    assert_eq!(count.text().unwrap(), "30");
    let filtered: Value = g
        .get(&format!(
            "/deviceManagement/managedDevices?$filter=id eq '{}'",
            ids[3]
        ))
        .json()
        .unwrap();
    assert_eq!(filtered["value"].as_array().unwrap().len(), 1);
    let either: Value = g
        .get(&format!(
            "/deviceManagement/managedDevices?$select=id&$filter=id eq '{}' or id eq '{}'",
            ids[4], ids[5]
        ))
        .json()
        .unwrap();
    assert_eq!(either["value"].as_array().unwrap().len(), 2);
    let slim: Value = g
        .get(&format!(
            "/deviceManagement/managedDevices/{}?$select=id,deviceActionResults",
            ids[4]
        ))
        .json()
        .unwrap();
    assert!(slim.get("serialNumber").is_none() && slim.get("deviceActionResults").is_some());
    let one: Value = g
        .get(&format!("/deviceManagement/managedDevices/{}", ids[3]))
        .json()
        .unwrap();
    for k in [
        "serialNumber",
        "deviceName",
        "operatingSystem",
        "osVersion",
        "model",
        "userPrincipalName",
        "emailAddress",
        "userDisplayName",
        "phoneNumber",
        "complianceState",
        "lastSyncDateTime",
        "deviceActionResults",
    ] {
        assert!(one.get(k).is_some(), "{k} in a managedDevice");
    }
    let missing = g.get("/deviceManagement/managedDevices/00000000-dead-beef-0000-000000000000");
    assert_eq!(missing.status(), 404);
    let v: Value = missing.json().unwrap();
    assert_eq!(v["error"]["code"], "ResourceNotFound");
    assert!(v["error"]["innerError"].is_object());

    // --- Actions: 204, then pending → done; both spellings; counted once each.
    let wipe_body = json!({"keepEnrollmentData": false, "keepUserData": true});
    for (i, (seg, body)) in [
        ("remoteLock", None),
        ("wipe", Some(wipe_body.clone())),
        ("syncDevice", None),
        ("microsoft.graph.rebootNow", None),
        ("microsoft.graph.wipe", Some(wipe_body.clone())),
    ]
    .into_iter()
    .enumerate()
    {
        let id = &ids[i];
        let r = g.post(
            &format!("/deviceManagement/managedDevices/{id}/{seg}"),
            body,
        );
        assert_eq!(r.status(), 204, "{seg}");
        let action = seg.trim_start_matches("microsoft.graph.");
        let state = |g: &Graph| -> String {
            let d: Value = g
                .get(&format!("/deviceManagement/managedDevices/{id}"))
                .json()
                .unwrap();
            let a = d["deviceActionResults"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["actionName"] == action)
                .cloned()
                .unwrap();
            a["actionState"].as_str().unwrap().to_string()
        };
        assert_eq!(state(&g), "pending", "{seg}");
        assert_eq!(state(&g), "done", "{seg}");
        assert_eq!(fake.command_count(id, action), 1);
    }
    assert_eq!(fake.counters()["duplicate_commands"], json!([]));
    // An action that fails on the device.
    fake.add_fault(Fault::DeviceFails {
        device_id: ids[6].clone(),
    });
    assert_eq!(
        g.post(
            &format!("/deviceManagement/managedDevices/{}/remoteLock", ids[6]),
            None
        )
        .status(),
        204
    );
    g.get(&format!("/deviceManagement/managedDevices/{}", ids[6]));
    let d: Value = g
        .get(&format!("/deviceManagement/managedDevices/{}", ids[6]))
        .json()
        .unwrap();
    assert_eq!(d["deviceActionResults"][0]["actionState"], "failed");
    fake.clear_faults();

    // --- Beta executeAction: per-id lists.
    let android = ids
        .iter()
        .find(|id| fake.device(id).unwrap().operating_system == "Android")
        .unwrap()
        .clone();
    let r = g.post(
        &format!("{}/beta/deviceManagement/managedDevices/executeAction", fake.url()),
        Some(json!({"actionName": "remoteLock", "deviceIds": [ids[10], ids[11], "00000000-0000-0000-0000-00000000beef"]})),
    );
    assert_eq!(r.status(), 200);
    let v: Value = r.json().unwrap();
    assert_eq!(v["successfulDeviceIds"], json!([ids[10], ids[11]]));
    assert_eq!(
        v["notFoundDeviceIds"],
        json!(["00000000-0000-0000-0000-00000000beef"])
    );
    assert_eq!(v["failedDeviceIds"], json!([]));
    let v: Value = g
        .post(
            &format!(
                "{}/beta/deviceManagement/managedDevices/executeAction",
                fake.url()
            ),
            Some(json!({"actionName": "rebootNow", "deviceIds": [android]})),
        )
        .json()
        .unwrap();
    assert_eq!(v["notSupportedDeviceIds"], json!([android]));

    // --- Throttling: injected 429 with and without Retry-After, 503, 403 naming the permission.
    let sync = format!("/deviceManagement/managedDevices/{}/syncDevice", ids[12]);
    fake.add_fault(Fault::Throttle {
        count: 1,
        retry_after: Some(3),
        writes_only: true,
    });
    let r = g.post(&sync, None);
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "3");
    fake.add_fault(Fault::Throttle {
        count: 1,
        retry_after: None,
        writes_only: false,
    });
    let r = g.get("/deviceManagement/managedDevices?$top=1");
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_none());
    let ctl = |method: reqwest::Method, path: &str, body: Value| {
        Client::new()
            .request(method, format!("{}/_fake/{path}", fake.url()))
            .json(&body)
            .send()
            .unwrap()
    };
    assert_eq!(
        ctl(
            reqwest::Method::POST,
            "faults",
            json!({"kind": "unavailable"})
        )
        .status(),
        204
    );
    assert_eq!(g.post(&sync, None).status(), 503);
    assert_eq!(
        ctl(reqwest::Method::POST, "faults", json!({"kind": "forbidden", "permission": "DeviceManagementManagedDevices.PrivilegedOperations.All"})).status(),
        204
    );
    let r = g.post(&sync, None);
    assert_eq!(r.status(), 403);
    let v: Value = r.json().unwrap();
    assert_eq!(v["error"]["code"], "Forbidden");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("DeviceManagementManagedDevices.PrivilegedOperations.All")
    );
    assert_eq!(
        ctl(reqwest::Method::DELETE, "faults", json!({})).status(),
        204
    );
    assert_eq!(g.post(&sync, None).status(), 204);
    assert_eq!(
        fake.command_count(&ids[12], "syncDevice"),
        1,
        "refused sends are not commands"
    );
    assert!(fake.counters()["throttled"].as_u64().unwrap() >= 2);

    // --- Multi Admin Approval: 412 + code, 409 duplicate, approve, resend with the code.
    let retire = format!("/deviceManagement/managedDevices/{}/retire", ids[13]);
    let r = g
        .http
        .post(g.url(&retire))
        .bearer_auth(&g.token)
        .header("x-msft-approval-justification", "Lost phone, ticket 4711")
        .send()
        .unwrap();
    assert_eq!(r.status(), 412);
    let code = r.headers()["x-msft-approval-code"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        g.post(&retire, None).status(),
        409,
        "a duplicate while one is open"
    );
    assert_eq!(fake.command_count(&ids[13], "retire"), 0);
    let approvals: Value = Client::new()
        .get(format!("{}/_fake/approvals", fake.url()))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(approvals[0]["status"], "pending");
    assert_eq!(approvals[0]["justification"], "Lost phone, ticket 4711");
    assert_eq!(
        ctl(
            reqwest::Method::POST,
            &format!("approvals/{code}/approve"),
            json!({})
        )
        .status(),
        204
    );
    let r = g
        .http
        .post(g.url(&retire))
        .bearer_auth(&g.token)
        .header("x-msft-approval-code", &code)
        .send()
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(fake.command_count(&ids[13], "retire"), 1);

    // --- A list that ends early, a deleted device.
    fake.add_fault(Fault::TruncateList { missing: 3 });
    let v: Value = g
        .get("/deviceManagement/managedDevices?$count=true&$select=id")
        .json()
        .unwrap();
    assert_eq!(v["@odata.count"], 30);
    assert_eq!(v["value"].as_array().unwrap().len(), 27);
    fake.clear_faults();
    assert_eq!(
        ctl(
            reqwest::Method::DELETE,
            &format!("devices/{}", ids[20]),
            json!({})
        )
        .status(),
        204
    );
    assert_eq!(
        g.get(&format!("/deviceManagement/managedDevices/{}", ids[20]))
            .status(),
        404
    );
    assert_eq!(
        g.post(
            &format!("/deviceManagement/managedDevices/{}/remoteLock", ids[20]),
            None
        )
        .status(),
        404
    );

    // --- Compliance policies: create, get, patch, assign, assignments, delete.
    let groups: Value = g
        .get("/groups?$filter=displayName eq 'mdm-pilot'")
        .json()
        .unwrap();
    let group_id = groups["value"][0]["id"].as_str().unwrap().to_string();
    let members: Value = g
        .get(&format!("/groups/{group_id}/members?$top=4"))
        .json()
        .unwrap();
    assert_eq!(members["value"].as_array().unwrap().len(), 4);
    let first_member = members["value"][0]["deviceId"].as_str().unwrap();
    assert!(
        fake.device_ids()
            .iter()
            .any(|id| fake.device(id).unwrap().azure_ad_device_id == first_member)
    );
    let mut member_count = 4;
    let mut next = members["@odata.nextLink"].as_str().map(str::to_string);
    while let Some(n) = next {
        let p: Value = g.get(&n).json().unwrap();
        member_count += p["value"].as_array().unwrap().len();
        next = p["@odata.nextLink"].as_str().map(str::to_string);
    }
    assert_eq!(member_count, 10);
    let created = g.post(
        "/deviceManagement/deviceCompliancePolicies",
        Some(json!({
            "@odata.type": "#microsoft.graph.iosCompliancePolicy",
            "displayName": "mdm: ios-baseline",
            "description": "managed by mdm",
            "passcodeRequired": true,
            "passcodeMinimumLength": 6,
            "passcodeRequiredType": "numeric",
            "osMinimumVersion": "17.0",
            "securityBlockJailbrokenDevices": true,
            "scheduledActionsForRule": [{
                "ruleName": "PasswordRequired",
                "scheduledActionConfigurations": [{"actionType": "block", "gracePeriodHours": 0, "notificationTemplateId": "", "notificationMessageCCList": []}],
            }],
        })),
    );
    assert_eq!(created.status(), 201);
    let p: Value = created.json().unwrap();
    let pid = p["id"].as_str().unwrap().to_string();
    assert_eq!(p["version"], 1);
    let got: Value = g
        .get(&format!("/deviceManagement/deviceCompliancePolicies/{pid}"))
        .json()
        .unwrap();
    assert_eq!(got["passcodeMinimumLength"], 6);
    let patched = g
        .http
        .patch(g.url(&format!("/deviceManagement/deviceCompliancePolicies/{pid}")))
        .bearer_auth(&g.token)
        .json(&json!({"@odata.type": "#microsoft.graph.iosCompliancePolicy", "passcodeMinimumLength": 8}))
        .send()
        .unwrap();
    assert_eq!(patched.status(), 200);
    let v: Value = patched.json().unwrap();
    assert_eq!(
        (v["passcodeMinimumLength"].clone(), v["version"].clone()),
        (json!(8), json!(2))
    );
    let assigned = g.post(
        &format!("/deviceManagement/deviceCompliancePolicies/{pid}/assign"),
        Some(json!({"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": group_id}}]})),
    );
    assert_eq!(assigned.status(), 200);
    let list: Value = g
        .get(&format!(
            "/deviceManagement/deviceCompliancePolicies/{pid}/assignments"
        ))
        .json()
        .unwrap();
    assert_eq!(list["value"][0]["target"]["groupId"], json!(group_id));
    let all: Value = g
        .get("/deviceManagement/deviceCompliancePolicies?$filter=displayName eq 'mdm: ios-baseline'&$expand=assignments")
        .json()
        .unwrap();
    assert_eq!(all["value"].as_array().unwrap().len(), 1);
    assert_eq!(
        all["value"][0]["assignments"][0]["target"]["groupId"],
        json!(group_id)
    );
    // Every platform's policy type, assigned to all devices, then deleted.
    let rules = json!([{"ruleName": "PasswordRequired", "scheduledActionConfigurations": [{"actionType": "block", "gracePeriodHours": 0, "notificationTemplateId": "", "notificationMessageCCList": []}]}]);
    for body in [
        json!({"@odata.type": "#microsoft.graph.androidCompliancePolicy", "displayName": "mdm: android", "passwordRequired": true, "passwordMinimumLength": 6, "passwordRequiredType": "numericComplex", "storageRequireEncryption": true, "securityBlockJailbrokenDevices": true, "osMinimumVersion": "13"}),
        json!({"@odata.type": "#microsoft.graph.androidWorkProfileCompliancePolicy", "displayName": "mdm: android-wp", "passwordRequired": true, "storageRequireEncryption": true}),
        json!({"@odata.type": "#microsoft.graph.macOSCompliancePolicy", "displayName": "mdm: macos", "passwordRequired": true, "passwordMinimumLength": 10, "storageRequireEncryption": true, "osMinimumVersion": "14.0", "systemIntegrityProtectionEnabled": true}),
        json!({"@odata.type": "#microsoft.graph.windows10CompliancePolicy", "displayName": "mdm: windows", "passwordRequired": true, "bitLockerEnabled": true, "storageRequireEncryption": true, "osMinimumVersion": "10.0.19045"}),
    ] {
        let mut body = body;
        body["scheduledActionsForRule"] = rules.clone();
        let r = g.post("/deviceManagement/deviceCompliancePolicies", Some(body));
        assert_eq!(r.status(), 201);
        let id = r.json::<Value>().unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let r = g.post(
            &format!("/deviceManagement/deviceCompliancePolicies/{id}/microsoft.graph.assign"),
            Some(json!({"assignments": [{"target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}]})),
        );
        assert_eq!(r.status(), 200);
        let r = g
            .http
            .delete(g.url(&format!("/deviceManagement/deviceCompliancePolicies/{id}")))
            .bearer_auth(&g.token)
            .send()
            .unwrap();
        assert_eq!(r.status(), 204);
    }
    let no_rules = g.post(
        "/deviceManagement/deviceCompliancePolicies",
        Some(json!({"@odata.type": "#microsoft.graph.macOSCompliancePolicy", "displayName": "x"})),
    );
    assert_eq!(
        no_rules.status(),
        400,
        "Intune wants scheduledActionsForRule on create"
    );
    let deleted = g
        .http
        .delete(g.url(&format!("/deviceManagement/deviceCompliancePolicies/{pid}")))
        .bearer_auth(&g.token)
        .send()
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(
        g.get(&format!("/deviceManagement/deviceCompliancePolicies/{pid}"))
            .status(),
        404
    );

    // --- Apps: get and assign to a group.
    let apps: Value = g.get("/deviceAppManagement/mobileApps").json().unwrap();
    let app_id = apps["value"][0]["id"].as_str().unwrap().to_string();
    let app: Value = g
        .get(&format!("/deviceAppManagement/mobileApps/{app_id}"))
        .json()
        .unwrap();
    assert!(app["@odata.type"].as_str().unwrap().ends_with("StoreApp"));
    let r = g.post(
        &format!("/deviceAppManagement/mobileApps/{app_id}/assign"),
        Some(json!({"mobileAppAssignments": [{
            "@odata.type": "#microsoft.graph.mobileAppAssignment",
            "intent": "required",
            "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": group_id},
        }]})),
    );
    assert_eq!(r.status(), 204);
    let v: Value = g
        .get(&format!(
            "/deviceAppManagement/mobileApps/{app_id}/assignments"
        ))
        .json()
        .unwrap();
    assert_eq!(v["value"][0]["intent"], "required");

    // --- auditEvents: the fake's own writes (app actor) and a portal change (a human UPN).
    let since = graph_fake::fleet::iso(now() as i64 - 3600);
    assert_eq!(
        ctl(reqwest::Method::POST, "portal-change", json!({"upn": "eve@contoso.onmicrosoft.com", "activity": "wipe ManagedDevice", "device_id": ids[25]})).status(),
        204
    );
    let mut events = Vec::new();
    let mut next = Some(format!(
        "/deviceManagement/auditEvents?$filter=activityDateTime ge {since}&$top=5"
    ));
    while let Some(n) = next {
        let p: Value = g.get(&n).json().unwrap();
        events.extend(p["value"].as_array().unwrap().iter().cloned());
        next = p["@odata.nextLink"].as_str().map(str::to_string);
    }
    assert!(events.len() > 5, "paged");
    assert!(
        events
            .iter()
            .any(|e| e["actor"]["applicationId"] == CLIENT_ID
                && e["activity"] == "wipe ManagedDevice")
    );
    let human: Vec<_> = events
        .iter()
        .filter(|e| e["actor"]["userPrincipalName"] == "eve@contoso.onmicrosoft.com")
        .collect();
    assert_eq!(human.len(), 1);
    assert_eq!(human[0]["resources"][0]["resourceId"], json!(ids[25]));
    let future = graph_fake::fleet::iso(now() as i64 + 3600);
    let none: Value = g
        .get(&format!(
            "/deviceManagement/auditEvents?$filter=activityDateTime ge {future}"
        ))
        .json()
        .unwrap();
    assert_eq!(none["value"], json!([]));

    // --- Counters and the exchange log.
    let c: Value = Client::new()
        .get(format!("{}/_fake/counters", fake.url()))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(c["duplicate_commands"], json!([]));
    assert!(
        c["requests_by_route"]["GET /v1.0/deviceManagement/managedDevices/{id}"]
            .as_u64()
            .unwrap()
            > 5
    );
    // Secrets never reach the log.
    let log_text = serde_json::to_string(&fake.exchanges()).unwrap();
    assert!(!log_text.contains(SECRET) && !log_text.contains(&g.token));
    assert!(log_text.contains("client_secret=***"));
    let report = assert_no_violations(&fake, dir.path());
    assert!(report.validated > 40, "{report:?}");
    for reason in [
        "Entra token endpoint (not Graph)",
        "beta endpoint (the contract files are v1.0)",
        "/groups (Entra ID directory; no contract file)",
    ] {
        assert!(
            report.skipped_by_reason.get(reason).copied().unwrap_or(0) > 0,
            "{reason}: {report:?}"
        );
    }
}

#[test]
fn the_write_budget_answers_429_with_retry_after_and_tokens_expire() {
    let dir = tempfile::tempdir().unwrap();
    let fake = Fake::start(Options {
        write_budget_writes: 3,
        write_budget_period: Duration::from_secs(60),
        token_lifetime: Duration::from_secs(1),
        log_file: Some(dir.path().join("appended.jsonl")),
        ..options(None)
    })
    .unwrap();
    let g = Graph {
        http: Client::new(),
        base: format!("{}/v1.0", fake.url()),
        token: secret_token(&fake),
    };
    let id = fake.device_ids()[0].clone();
    let statuses: Vec<u16> = (0..5)
        .map(|_| {
            g.post(
                &format!("/deviceManagement/managedDevices/{id}/syncDevice"),
                None,
            )
            .status()
            .as_u16()
        })
        .collect();
    assert_eq!(statuses, [204, 204, 204, 429, 429]);
    let r = g.post(
        &format!("/deviceManagement/managedDevices/{id}/syncDevice"),
        None,
    );
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    assert_eq!(fake.command_count(&id, "syncDevice"), 3);
    assert_eq!(fake.counters()["throttled"], 3);
    // Reads are not writes.
    assert_eq!(
        g.get("/deviceManagement/managedDevices?$top=2").status(),
        200
    );
    std::thread::sleep(Duration::from_millis(1100));
    let r = g.get("/deviceManagement/managedDevices?$top=2");
    assert_eq!(r.status(), 401);
    let v: Value = r.json().unwrap();
    assert_eq!(v["error"]["code"], "InvalidAuthenticationToken");
    // The JSON-lines file got every exchange as it happened.
    let appended = std::fs::read_to_string(dir.path().join("appended.jsonl")).unwrap();
    assert_eq!(appended.lines().count(), fake.exchanges().len());
    let report = graph_fake::contract::validate(&dir.path().join("appended.jsonl")).unwrap();
    assert!(report.violations.is_empty(), "{:#?}", report.violations);
}

#[test]
fn a_malformed_request_and_a_drifted_response_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let fake = Fake::start(options(None)).unwrap();
    let g = Graph {
        http: Client::new(),
        base: format!("{}/v1.0", fake.url()),
        token: secret_token(&fake),
    };
    let id = fake.device_ids()[0].clone();
    let r = g.post(
        &format!("/deviceManagement/managedDevices/{id}/wipe"),
        Some(json!({"keepUserData": "yes"})),
    );
    assert_eq!(r.status(), 400, "the fake refuses it as Graph does");
    let log = dir.path().join("bad.jsonl");
    fake.write_log(&log).unwrap();
    let report = graph_fake::contract::validate(&log).unwrap();
    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    let v = &report.violations[0];
    assert_eq!(v.side, "request");
    assert!(v.path.ends_with("/wipe"));
    assert!(v.message.contains("keepUserData"), "{}", v.message);

    // A response that drifted from Graph (a beta-only field in v1.0, a wrong type) is caught.
    assert_eq!(
        g.get(&format!("/deviceManagement/managedDevices/{id}"))
            .status(),
        200
    );
    let mut ex = fake.exchanges().pop().unwrap();
    ex.response_body["managementState"] = json!("managed");
    ex.response_body["isEncrypted"] = json!("yes");
    let drift = dir.path().join("drift.jsonl");
    std::fs::write(&drift, serde_json::to_string(&ex).unwrap() + "\n").unwrap();
    let report = graph_fake::contract::validate(&drift).unwrap();
    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    let m = &report.violations[0].message;
    assert!(
        m.contains("managementState") && m.contains("isEncrypted"),
        "{m}"
    );

    // A setting the platform's policy type does not have (iOS has no storageRequireEncryption)
    // is a violation of the derived type, though the split files omit it.
    let fake2 = Fake::start(options(None)).unwrap();
    let g2 = Graph {
        http: Client::new(),
        base: format!("{}/v1.0", fake2.url()),
        token: secret_token(&fake2),
    };
    let r = g2.post(
        "/deviceManagement/deviceCompliancePolicies",
        Some(json!({"@odata.type": "#microsoft.graph.iosCompliancePolicy", "displayName": "x", "storageRequireEncryption": true, "passcodeMinimumLength": "6", "scheduledActionsForRule": []})),
    );
    assert_eq!(r.status(), 201);
    let log2 = dir.path().join("policy.jsonl");
    fake2.write_log(&log2).unwrap();
    let report = graph_fake::contract::validate(&log2).unwrap();
    let msgs: Vec<&str> = report
        .violations
        .iter()
        .map(|v| v.message.as_str())
        .collect();
    assert!(
        msgs.iter().any(|m| m.contains("storageRequireEncryption")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("passcodeMinimumLength")),
        "{msgs:?}"
    );

    // A path outside the contracts is a violation, not a pass.
    let mut ex2 = ex.clone();
    ex2.path = "/v1.0/deviceManagement/managedDevicez".into();
    std::fs::write(&drift, serde_json::to_string(&ex2).unwrap() + "\n").unwrap();
    let report = graph_fake::contract::validate(&drift).unwrap();
    assert!(
        report.violations[0].message.contains("no operation"),
        "{report:?}"
    );
}

#[test]
fn a_hundred_thousand_devices_page_through_next_links() {
    let fake = Fake::start(Options {
        devices: 100_000,
        keep_log: false,
        ..options(None)
    })
    .unwrap();
    let g = Graph {
        http: Client::new(),
        base: format!("{}/v1.0", fake.url()),
        token: secret_token(&fake),
    };
    let mut seen = HashSet::new();
    let mut next =
        Some("/deviceManagement/managedDevices?$select=id,serialNumber&$count=true".to_string());
    let mut pages = 0;
    let mut count = None;
    while let Some(n) = next {
        let p: Value = g.get(&n).json().unwrap();
        if count.is_none() {
            count = p["@odata.count"].as_u64();
        }
        for d in p["value"].as_array().unwrap() {
            assert!(seen.insert(d["id"].as_str().unwrap().to_string()));
        }
        next = p["@odata.nextLink"].as_str().map(str::to_string);
        pages += 1;
    }
    assert_eq!(count, Some(100_000));
    assert_eq!(seen.len(), 100_000);
    assert_eq!(pages, 100, "Intune's 1000 per page");
    assert!(fake.exchanges().is_empty(), "keep_log: false");
}

#[test]
fn the_binary_prints_its_url_first_and_serves_the_configured_app() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, format!("{SECRET}\n")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mdm-graph-fake"))
        .args([
            "--port",
            "0",
            "--devices",
            "12",
            "--write-budget",
            "5/2",
            "--client-id",
            CLIENT_ID,
        ])
        .arg("--client-secret-file")
        .arg(&secret)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let url = line.trim().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let r = Client::new()
        .post(format!("{url}/{TENANT}/oauth2/v2.0/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("scope", SCOPE),
            ("client_secret", SECRET),
        ])
        .send()
        .unwrap();
    let status = r.status();
    let token: Value = r.json().unwrap();
    let devices: Value = Client::new()
        .get(format!("{url}/v1.0/deviceManagement/managedDevices"))
        .bearer_auth(token["access_token"].as_str().unwrap_or(""))
        .send()
        .unwrap()
        .json()
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 200);
    assert_eq!(devices["value"].as_array().unwrap().len(), 12);
    let usage = Command::new(env!("CARGO_BIN_EXE_mdm-graph-fake"))
        .arg("--bogus")
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}
