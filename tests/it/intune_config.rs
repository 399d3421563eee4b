//! Policies and apps through the Intune backend, end to end: `mdm` → gateway
//! (`kind = "intune"`) → Graph fake. Policies become per-platform compliance policies
//! with group assignments, drift made in the portal shows in `policy diff`, export
//! round-trips, a setting Intune cannot hold refuses the plan with nothing written, and
//! a weakening still needs its gate; a catalog app pushed to a group becomes the
//! mobileApp's required assignment, and a push to a device is refused. Every exchange
//! is validated against Microsoft's Graph contracts.

use crate::common::gateway::{Gateway, admin_user, login, private, write_config};
use crate::common::{Env, otp_at};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const SECRET: &str = "fake-client-secret-5c2e";

const IOS_GROUP: &str = "All iOS devices";

fn fake() -> graph_fake::FakeHandle {
    graph_fake::Fake::start(graph_fake::Options {
        devices: 12,
        client_secret: Some(SECRET.into()),
        ..graph_fake::Options::default()
    })
    .unwrap()
}

fn config(env: &Env, fake: &graph_fake::FakeHandle) -> PathBuf {
    let file = env.root.path().join("graph-secret");
    std::fs::write(&file, SECRET).unwrap();
    private(&file);
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    let text = format!(
        "listen = \"127.0.0.1:0\"\ndatabase = {db:?}\n[backend]\nkind = \"intune\"\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\ngraph_url = \"{url}\"\nlogin_url = \"{url}\"\ngroups = [\"mdm-pilot\", \"Sales\", \"{IOS_GROUP}\"]\nclient_secret_file = {file:?}\n[settings]\napproval_threshold = 50\n",
        url = fake.url().trim_end_matches('/'),
    );
    write_config(env, "gateway.toml", &text)
}

/// A gateway admin logged in as context `gw`; returns the TOTP seed.
fn admin(env: &Env, config: &Path, url: &str) -> String {
    let u = admin_user(env, config, "ann");
    login(env, "gw", url, &u.token);
    u.seed
}

fn assert_contracts(env: &Env, fake: &graph_fake::FakeHandle) {
    let log = env.root.path().join("graph-exchanges.jsonl");
    fake.write_log(&log).unwrap();
    let report = graph_fake::contract::validate(&log).unwrap();
    assert!(report.validated > 0, "the validator checked exchanges");
    assert!(
        report.violations.is_empty(),
        "contract violations: {:#?}",
        report.violations
    );
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn write(env: &Env, name: &str, text: &str) -> String {
    let p = env.root.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

/// The fake's compliance policies made for mdm, by displayName.
fn mdm_policies(fake: &graph_fake::FakeHandle) -> Vec<Value> {
    let mut v: Vec<Value> = fake
        .policies()
        .into_iter()
        .filter(|p| {
            p["displayName"]
                .as_str()
                .is_some_and(|d| d.starts_with("mdm:"))
        })
        .collect();
    v.sort_by_key(|p| p["displayName"].as_str().unwrap_or("").to_string());
    v
}

/// Graph writes the fake has answered so far.
fn writes(fake: &graph_fake::FakeHandle) -> usize {
    fake.exchanges()
        .iter()
        .filter(|e| e.method != "GET" && !e.path.contains("oauth2"))
        .count()
}

const POLICIES: &str = r#"---
name: baseline
description: Company floor
passcode:
  required: true
  min_length: 8
  complexity: alphanumeric
encryption:
  required: true
minimum_os:
  android: "13"
  windows: "10.0.22631"
assignments: [mdm-pilot, Sales]
---
name: phones
passcode:
  required: true
  min_length: 6
  complexity: numeric
minimum_os:
  ios: "17.0"
  android: "13"
jailbreak_detection: true
assignments: [mdm-pilot]
"#;

#[test]
fn intune_policies_apply_read_back_show_portal_drift_and_refuse_what_intune_cannot_hold() {
    let fake = fake();
    let env = Env::new();
    let config = config(&env, &fake);
    let gw = Gateway::start(&env, &config);
    let seed = admin(&env, &config, &gw.url);
    let file = write(&env, "policies.yaml", POLICIES);

    env.run(&["policy", "apply", "-f", &file, "-c", "gw"])
        .ok()
        .stderr_has("Applied: 2 created");
    let held = mdm_policies(&fake);
    let names: Vec<&str> = held
        .iter()
        .map(|p| p["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "mdm:baseline:android",
            "mdm:baseline:windows",
            "mdm:phones:android",
            "mdm:phones:ios"
        ]
    );
    let win = &held[1];
    assert_eq!(
        win["@odata.type"],
        "#microsoft.graph.windows10CompliancePolicy"
    );
    assert_eq!(win["passwordRequired"], true);
    assert_eq!(win["passwordMinimumLength"], 8);
    assert_eq!(win["passwordRequiredType"], "alphanumeric");
    assert_eq!(win["storageRequireEncryption"], true);
    assert_eq!(win["osMinimumVersion"], "10.0.22631");
    assert_eq!(win["description"], "Company floor");
    let ios = &held[3];
    assert_eq!(ios["@odata.type"], "#microsoft.graph.iosCompliancePolicy");
    assert_eq!(ios["passcodeRequired"], true);
    assert_eq!(ios["passcodeMinimumLength"], 6);
    assert_eq!(ios["passcodeRequiredType"], "numeric");
    assert_eq!(ios["securityBlockJailbrokenDevices"], true);
    assert_eq!(
        held[0]["@odata.type"],
        "#microsoft.graph.androidWorkProfileCompliancePolicy"
    );
    // Assignments: the Entra groups' ids, through /assign.
    let groups: Vec<usize> = held
        .iter()
        .map(|p| p["assignments"].as_array().unwrap().len())
        .collect();
    assert_eq!(groups, [2, 2, 1, 1]);
    for p in &held {
        for a in p["assignments"].as_array().unwrap() {
            assert_eq!(
                a["target"]["@odata.type"],
                "#microsoft.graph.groupAssignmentTarget"
            );
            assert!(
                a["target"]["groupId"]
                    .as_str()
                    .is_some_and(|g| g.len() == 36)
            );
        }
    }
    assert!(
        fake.exchanges()
            .iter()
            .any(|e| e.method == "POST" && e.path.ends_with("/assign")),
        "assignments went through /assign"
    );

    // Read back from Intune: no drift, and export round-trips.
    env.run(&["policy", "diff", "-f", &file, "--exit-code", "-c", "gw"])
        .ok()
        .stderr_has("No changes");
    let exported = env.run(&["policy", "export", "-c", "gw"]);
    let e = write(&env, "exported.yaml", &exported.ok().stdout);
    env.run(&["policy", "diff", "-f", &e, "--exit-code", "-c", "gw"])
        .ok()
        .stderr_has("No changes");
    let exported_policies: Vec<Value> = serde_norway::Deserializer::from_str(&exported.stdout)
        .map(|d| <Value as serde::Deserialize>::deserialize(d).unwrap())
        .collect();
    let original: Vec<Value> = serde_norway::Deserializer::from_str(POLICIES)
        .map(|d| <Value as serde::Deserialize>::deserialize(d).unwrap())
        .collect();
    let sorted = |mut v: Value| {
        if let Some(a) = v["assignments"].as_array_mut() {
            a.sort_by_key(|x| x.as_str().unwrap_or("").to_string());
        }
        v
    };
    assert_eq!(
        exported_policies
            .into_iter()
            .map(sorted)
            .collect::<Vec<_>>(),
        original.into_iter().map(sorted).collect::<Vec<_>>(),
        "export is the applied file"
    );

    // Drift in the portal: a shorter passcode on Windows shows, as a weakening, and a
    // re-apply (a strengthening: no gate) puts it back.
    assert!(fake.portal_edit_policy(
        "eve@contoso.onmicrosoft.com",
        "mdm:baseline:windows",
        &json!({"passwordMinimumLength": 4}),
    ));
    let d = env.run(&["policy", "diff", "-f", &file, "--exit-code", "-c", "gw"]);
    assert_eq!(d.code, 10, "{}", d.stderr);
    d.stdout_has("passcode.min_length: 4 → 8");
    env.run(&["policy", "export", "baseline", "-c", "gw"])
        .ok()
        .stdout_has("min_length: 4");
    env.run(&["policy", "apply", "-f", &file, "-c", "gw"]).ok();
    let win = mdm_policies(&fake)
        .into_iter()
        .find(|p| p["displayName"] == "mdm:baseline:windows")
        .unwrap();
    assert_eq!(win["passwordMinimumLength"], 8, "re-applied from the file");
    env.run(&["policy", "diff", "-f", &file, "--exit-code", "-c", "gw"])
        .ok();

    // A setting Intune has no equivalent of: the plan fails naming setting and backend,
    // and nothing is written at the fake (the first policy is fine; none is applied).
    let before = writes(&fake);
    let with_encryption_on_ios = POLICIES.replace(
        "jailbreak_detection: true\n",
        "jailbreak_detection: true\nencryption:\n  required: true\n",
    );
    let bad = write(
        &env,
        "bad.yaml",
        &format!("{with_encryption_on_ios}---\nname: extra\npasscode:\n  required: true\n"),
    );
    let out = env.run(&["policy", "apply", "-f", &bad, "-c", "gw"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stderr_has("encryption.required")
        .stderr_has("intune")
        .stderr_has("ios");
    assert_eq!(writes(&fake), before, "nothing written at the fake");
    assert!(
        !mdm_policies(&fake)
            .iter()
            .any(|p| p["displayName"].as_str().unwrap().starts_with("mdm:extra:")),
    );
    let restricted = write(
        &env,
        "camera.yaml",
        "name: cams\nrestrictions:\n  block_camera: true\n",
    );
    env.run(&["policy", "apply", "-f", &restricted, "-c", "gw"])
        .code(1)
        .stderr_has("restrictions.block_camera")
        .stderr_has("intune");
    assert_eq!(writes(&fake), before);

    // Weakening still needs its gate: refused without it, nothing written.
    let weaker = write(
        &env,
        "weaker.yaml",
        &POLICIES.replace("min_length: 8", "min_length: 6"),
    );
    env.run(&["policy", "apply", "-f", &weaker, "-c", "gw"])
        .code(3)
        .stderr_has("--confirm \"weaken baseline in gw\"");
    assert_eq!(writes(&fake), before);
    let otp = otp_at(&seed, None);
    env.run(&[
        "policy",
        "apply",
        "-f",
        &weaker,
        "-c",
        "gw",
        "--confirm",
        "weaken baseline in gw",
        "--otp",
        &otp,
    ])
    .ok();
    let win = mdm_policies(&fake)
        .into_iter()
        .find(|p| p["displayName"] == "mdm:baseline:windows")
        .unwrap();
    assert_eq!(win["passwordMinimumLength"], 6);

    // Assigning adds the group on every platform part; deleting removes the parts (the
    // elevation of the weakening above is still live).
    env.run(&["policy", "assign", "phones", "--group", "Sales", "-c", "gw"])
        .ok()
        .stderr_has("now applies to Sales");
    let phones: Vec<Value> = mdm_policies(&fake)
        .into_iter()
        .filter(|p| {
            p["displayName"]
                .as_str()
                .unwrap()
                .starts_with("mdm:phones:")
        })
        .collect();
    assert_eq!(phones.len(), 2);
    for p in &phones {
        assert_eq!(p["assignments"].as_array().unwrap().len(), 2, "{p}");
    }
    env.run(&[
        "policy",
        "delete",
        "phones",
        "-c",
        "gw",
        "--confirm",
        "weaken phones in gw",
    ])
    .ok();
    assert!(
        mdm_policies(&fake).iter().all(|p| !p["displayName"]
            .as_str()
            .unwrap()
            .starts_with("mdm:phones:")),
        "the platform parts are deleted"
    );

    // The refusals are in the audit trail.
    let log = env.run(&["audit", "log", "-o", "json", "-c", "gw"]);
    assert!(
        log.ok().stdout.contains("refused_not_supported_by_backend"),
        "{}",
        log.stdout
    );
    assert_contracts(&env, &fake);
}

#[test]
fn intune_push_app_assigns_the_mobile_app_to_a_group_and_refuses_devices() {
    let fake = fake();
    let env = Env::new();
    let config = config(&env, &fake);
    let gw = Gateway::start(&env, &config);
    let seed = admin(&env, &config, &gw.url);
    let field = fake
        .apps()
        .into_iter()
        .find(|a| a["displayName"] == "Field Service")
        .unwrap();
    let app_id = field["id"].as_str().unwrap().to_string();
    let hash = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";
    // The first addition steps up; later ones use the cached elevation.
    let add = |version: &str, otp: Option<String>| {
        let mut args = vec![
            "apps",
            "add",
            "--name",
            "Field Service",
            "--version",
            version,
            "--bundle-id",
            "org.example.fieldservice",
            "--platform",
            "ios",
            "--intune-app-id",
            &app_id,
            "--sha256",
            hash,
            "-c",
            "gw",
            "-o",
            "json",
        ];
        if let Some(code) = &otp {
            args.extend(["--otp", code.as_str()]);
        }
        env.run(&args)
    };
    let added = add("4.2.1", Some(otp_at(&seed, None)));
    assert_eq!(added.ok().json()["source"], format!("intune:{app_id}"));

    // A single device: Intune assigns apps to groups.
    let ios: Vec<String> = fake
        .device_ids()
        .into_iter()
        .filter(|id| fake.device(id).unwrap().operating_system == "iOS")
        .collect();
    assert!(ios.len() > 1, "the fleet has iOS devices");
    let one = env.run(&["push", "app", "Field Service@4.2.1", &ios[0], "-c", "gw"]);
    assert_eq!(one.code, 1, "{}", one.stderr);
    one.stderr_has("Intune assigns apps to groups")
        .stderr_has("--group");
    assert!(fake.app_assignments(&app_id).is_empty());

    // A group: the required assignment at the fake, after the gate.
    let first = env.run(&[
        "push",
        "app",
        "Field Service@4.2.1",
        "--group",
        IOS_GROUP,
        "-c",
        "gw",
    ]);
    assert_eq!(first.code, 3, "{}", first.stderr);
    let phrase = first
        .stderr
        .split("--confirm \"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the phrase is shown")
        .to_string();
    assert!(
        phrase.starts_with(&format!("push {} devices in gw", ios.len())),
        "{phrase}"
    );
    env.run(&[
        "push",
        "app",
        "Field Service@4.2.1",
        "--group",
        IOS_GROUP,
        "-c",
        "gw",
        "--confirm",
        &phrase,
        "--otp",
        // A push to many needs a fresh step-up: the next code (one step of drift is
        // accepted), since the one the addition used works only once.
        &otp_at(&seed, Some(now() + 30)),
    ])
    .ok()
    .stderr_has("completed");
    let assigned = fake.app_assignments(&app_id);
    assert_eq!(assigned.len(), 1, "{assigned:?}");
    assert_eq!(assigned[0]["intent"], "required");
    assert_eq!(
        assigned[0]["target"]["@odata.type"],
        "#microsoft.graph.groupAssignmentTarget"
    );
    let assigns = fake
        .exchanges()
        .iter()
        .filter(|e| e.method == "POST" && e.path.ends_with(&format!("{app_id}/assign")))
        .count();
    assert_eq!(assigns, 1, "one assignment for the whole group");

    // A pin that disagrees with Intune's version is refused before anything is sent.
    add("4.3.0", None).ok();
    env.run(&[
        "push",
        "app",
        "Field Service@4.3.0",
        "--group",
        IOS_GROUP,
        "-c",
        "gw",
    ])
    .code(1)
    .stderr_has("version 4.2.1");
    // A catalog app with a package (no Intune reference): nothing is uploaded.
    let pkg = env.root.path().join("notes.ipa");
    std::fs::write(&pkg, b"notes").unwrap();
    env.run(&[
        "apps",
        "add",
        "--name",
        "Notes",
        "--version",
        "1.0",
        "--bundle-id",
        "org.example.notes",
        "--platform",
        "ios",
        "--package",
        pkg.to_str().unwrap(),
        "-c",
        "gw",
    ])
    .ok();
    env.run(&["push", "app", "Notes", "--group", IOS_GROUP, "-c", "gw"])
        .code(1)
        .stderr_has("does not upload packages")
        .stderr_has("--intune-app-id");
    assert_eq!(fake.app_assignments(&app_id).len(), 1);
    assert_contracts(&env, &fake);
}

/// Intune refuses the writes of an apply (the app lost its permission): the gateway
/// never held its writer across Graph, records what it could not apply
/// (`failed_at_backend`) and answers 502; `policy diff`, which reads Intune, shows the
/// policies still to apply, and applying again once the permission is back finishes it.
#[test]
fn an_apply_intune_refuses_is_recorded_and_applying_again_finishes_it() {
    let fake = fake();
    let env = Env::new();
    let config = config(&env, &fake);
    let gw = Gateway::start(&env, &config);
    admin(&env, &config, &gw.url);
    let file = write(&env, "policies.yaml", POLICIES);
    fake.add_fault(graph_fake::Fault::Forbidden {
        permission: "DeviceManagementConfiguration.ReadWrite.All".into(),
        all_requests: false,
    });
    env.run(&["policy", "apply", "-f", &file, "-c", "gw"])
        .code(1)
        .stderr_has("mdm recorded the change, but the intune backend failed on policy baseline")
        .stderr_has("DeviceManagementConfiguration.ReadWrite.All");
    assert!(mdm_policies(&fake).is_empty(), "Intune holds nothing");
    let log = env.run(&[
        "audit",
        "log",
        "--action",
        "policy.apply",
        "-o",
        "json",
        "-c",
        "gw",
    ]);
    log.ok();
    let events = log.json();
    let failed = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["outcome"] == "failed_at_backend")
        .unwrap_or_else(|| panic!("no failed_at_backend event: {events}"));
    assert_eq!(failed["details"]["applied"], json!([]));
    assert_eq!(
        failed["details"]["not_applied"],
        json!(["baseline", "phones"])
    );
    env.run(&["policy", "diff", "-f", &file, "--exit-code", "-c", "gw"])
        .code(10);

    fake.clear_faults();
    env.run(&["policy", "apply", "-f", &file, "-c", "gw"]).ok();
    assert_eq!(mdm_policies(&fake).len(), 4);
    env.run(&["policy", "diff", "-f", &file, "--exit-code", "-c", "gw"])
        .ok()
        .stderr_has("No changes");
    assert_contracts(&env, &fake);
}
