//! The Intune gateway's safety checks, end to end (`mdm` → gateway with the Intune backend →
//! the Graph fake): a group wipe with step-up, the typed phrase and a second admin; the
//! re-read of the target before an action on several devices (a group changed in Intune,
//! a device deleted, a list that ends early); a device deleted after the action was
//! created; a 403 for a missing permission during the fan-out. Every exchange with the fake
//! is validated against Microsoft's Graph contracts.

use crate::common::Env;
use crate::common::gateway::{Gateway, GatewayUser, admin_user, login, private, write_config};
use crate::common::http::Http;
use crate::common::otp_at;
use serde_json::{Value, json};

const SECRET: &str = "fake-client-secret-safety";
const PRIVILEGED: &str = "DeviceManagementManagedDevices.PrivilegedOperations.All";

/// A fake, a gateway in front of it, and two admins: `ann` in context `gw`, `bob` in `gw2`.
struct Rig {
    fake: graph_fake::FakeHandle,
    env: Env,
    gw: Gateway,
    ann: GatewayUser,
    bob: GatewayUser,
}

/// Starts the fake (`devices` devices, `prep` applied before the gateway's first sync)
/// and an Intune gateway showing `groups`, with `backend_extra` appended to `[backend]`
/// and `settings` as `[settings]`.
fn rig(
    devices: usize,
    groups: &[&str],
    backend_extra: &str,
    settings: &str,
    prep: impl FnOnce(&graph_fake::FakeHandle),
) -> Rig {
    let fake = graph_fake::Fake::start(graph_fake::Options {
        devices,
        client_secret: Some(SECRET.into()),
        ..graph_fake::Options::default()
    })
    .unwrap();
    prep(&fake);
    let env = Env::new();
    let file = env.root.path().join("graph-secret");
    std::fs::write(&file, SECRET).unwrap();
    private(&file);
    let db = env.root.path().join("gateway").join("gateway.sqlite3");
    let groups = groups
        .iter()
        .map(|g| format!("{g:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        "listen = \"127.0.0.1:0\"\ndatabase = {db:?}\n[backend]\nkind = \"intune\"\n\
         tenant = \"contoso.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\n\
         graph_url = \"{url}\"\nlogin_url = \"{url}\"\ngroups = [{groups}]\n\
         client_secret_file = {file:?}\n{backend_extra}\n[settings]\n{settings}\n",
        url = fake.url().trim_end_matches('/'),
    );
    let config = write_config(&env, "gateway.toml", &text);
    let gw = Gateway::start(&env, &config);
    let ann = admin_user(&env, &config, "ann");
    let bob = admin_user(&env, &config, "bob");
    login(&env, "gw", &gw.url, &ann.token);
    login(&env, "gw2", &gw.url, &bob.token);
    Rig {
        fake,
        env,
        gw,
        ann,
        bob,
    }
}

impl Rig {
    /// `mdm` as ann (context `gw`).
    fn run(&self, args: &[&str]) -> crate::common::Out {
        let mut a = args.to_vec();
        a.extend_from_slice(&["--context", "gw"]);
        self.env.run(&a)
    }

    /// The ids of the group's members as the gateway lists them (listing order).
    fn group_ids(&self, group: &str) -> Vec<String> {
        let v = self
            .run(&["devices", "list", "--group", group, "--all", "-o", "json"])
            .json();
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// The gateway's audit events with this outcome.
    fn audit_outcome(&self, outcome: &str) -> Vec<Value> {
        let v = self
            .run(&["audit", "log", "--limit", "1000", "-o", "json"])
            .json();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["outcome"] == outcome)
            .cloned()
            .collect()
    }

    /// Device actions the fake received (`wipe`, `remoteLock`, ...), failed ones included.
    fn posts_of(&self, action: &str) -> Vec<graph_fake::Exchange> {
        self.fake
            .exchanges()
            .into_iter()
            .filter(|x| x.method == "POST" && x.path.ends_with(&format!("/{action}")))
            .collect()
    }

    /// The whole exchange log has no contract violation.
    fn assert_contracts(&self) {
        let log = self.env.root.path().join("graph-exchanges.jsonl");
        self.fake.write_log(&log).unwrap();
        let report = graph_fake::contract::validate(&log).unwrap();
        assert!(
            report.violations.is_empty(),
            "contract violations: {:#?}",
            report.violations
        );
    }
}

/// The action id in a CLI answer (`-o json`), or in its stderr.
fn action_id(out: &crate::common::Out) -> String {
    if let Ok(v) = serde_json::from_str::<Value>(&out.stdout)
        && let Some(id) = v["id"].as_str()
    {
        return id.to_string();
    }
    out.stderr
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .find(|w| w.starts_with("act_"))
        .expect("an action id")
        .to_string()
}

#[test]
fn intune_group_wipe_with_step_up_phrase_and_a_second_admin() {
    let r = rig(
        24,
        &["All Windows devices"],
        "",
        "approval_threshold = 1",
        |_| {},
    );
    let members = r.group_ids("All Windows devices");
    let n = members.len();
    assert!(n >= 2, "the seeded fleet has several Windows devices: {n}");
    let phrase = format!("wipe {n} devices in gw");
    // Without the phrase and the code nothing is sent.
    r.run(&[
        "wipe",
        "--group",
        "All Windows devices",
        "--keep-enrollment",
        "--keep-user-data",
        "--confirm",
        &phrase,
        "--reason",
        "stolen laptops",
        "--no-input",
    ])
    .code(3)
    .stderr_has("nothing was sent");
    let out = r.run(&[
        "wipe",
        "--group",
        "All Windows devices",
        "--keep-enrollment",
        "--keep-user-data",
        "--confirm",
        &phrase,
        "--otp",
        &otp_at(&r.ann.seed, None),
        "--reason",
        "stolen laptops",
        "-o",
        "json",
    ]);
    out.code(8).stderr_has("needs a second admin's approval");
    let id = action_id(&out);
    assert!(
        r.posts_of("wipe").is_empty(),
        "nothing sent before approval"
    );

    // The second admin types the phrase and steps up.
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
        .ok()
        .stderr_has("Approved");
    r.run(&["actions", "watch", &id, "--timeout", "60s"]).ok();
    let a = r.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(a["status"], "completed", "{a}");
    assert_eq!(a["approval"]["approved_by"], "bob");
    let acked = r
        .run(&[
            "actions",
            "show",
            &id,
            "--devices",
            "acknowledged",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(acked.as_array().unwrap().len(), n);

    // Exactly one wipe per member, none elsewhere, with mdm's options mapped.
    for d in r.fake.device_ids() {
        let want = u64::from(members.contains(&d));
        assert_eq!(r.fake.command_count(&d, "wipe"), want, "{d}");
    }
    let wipes = r.posts_of("wipe");
    assert_eq!(wipes.len(), n);
    for w in &wipes {
        assert_eq!(w.status, 204);
        assert_eq!(
            w.request_body,
            json!({"keepEnrollmentData": true, "keepUserData": true})
        );
    }
    // The re-reads before the create and the approval asked Graph for `$count`.
    assert!(
        r.fake
            .exchanges()
            .iter()
            .any(|x| x.query.contains("%24count=true")
                && x.request_headers
                    .get("consistencylevel")
                    .map(String::as_str)
                    == Some("eventual")),
        "a $count list with ConsistencyLevel: eventual"
    );
    r.assert_contracts();
}

#[test]
fn a_group_changed_in_intune_before_the_approval_is_refused() {
    let r = rig(12, &["mdm-pilot"], "", "approval_threshold = 1", |_| {});
    let members = r.group_ids("mdm-pilot");
    assert_eq!(members.len(), 10);
    let out = r.run(&[
        "lock",
        "--group",
        "mdm-pilot",
        "--confirm",
        "lock 10 devices in gw",
        "--otp",
        &otp_at(&r.ann.seed, None),
        "--reason",
        "lost bag",
        "-o",
        "json",
    ]);
    out.code(8);
    let id = action_id(&out);
    // Someone removes a device from the group in Entra ID meanwhile.
    let kept: Vec<&str> = members[1..].iter().map(String::as_str).collect();
    assert!(r.fake.set_group_members("mdm-pilot", &kept));
    r.env
        .run(&[
            "approvals",
            "approve",
            &id,
            "-c",
            "gw2",
            "--confirm",
            "lock 10 devices in gw2",
            "--otp",
            &otp_at(&r.bob.seed, None),
        ])
        .code(1)
        .stderr_has("the target changed at the intune backend: it was 10 devices, it is now 9")
        .stderr_has(&format!("1 device left the target ({})", members[0]))
        .stderr_has("nothing was sent");
    assert!(r.posts_of("remoteLock").is_empty(), "nothing sent");
    let refused = r.audit_outcome("refused_target_changed");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0]["action"], "approval.approve");
    assert_eq!(refused[0]["details"]["backend"], "intune");
    assert!(
        refused[0]["details"]["reason"]
            .as_str()
            .unwrap()
            .contains(&members[0])
    );
    let a = r.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(a["status"], "pending_approval");
    r.assert_contracts();
}

#[test]
fn a_device_deleted_in_intune_between_preview_and_create_is_refused() {
    let r = rig(12, &["mdm-pilot"], "", "", |_| {});
    let http = Http::new(&r.gw.url);
    let target = json!({"group": "mdm-pilot"});
    let p = http.post(
        "/v1/actions/preview",
        &r.ann.token,
        json!({"action": "lock", "target": target}),
    );
    assert_eq!(p.status, 200, "{:?}", p.body);
    assert_eq!(p.body["count"], 10);
    let gone = r.group_ids("mdm-pilot")[3].clone();
    assert!(r.fake.delete_device(&gone));
    let elevation = http
        .step_up(&r.ann.token, &otp_at(&r.ann.seed, None))
        .unwrap();
    let created = http.call_with(
        "POST",
        "/v1/actions",
        Some(&r.ann.token),
        Some(&elevation),
        &[("Idempotency-Key", "safety-1")],
        Some(json!({
            "action": "lock",
            "target": target,
            "expected_count": 10,
            "target_digest": p.body["target_digest"],
            "preview_id": p.body["preview_id"],
            "reason": "lost bag",
        })),
    );
    assert_eq!(created.status, 409, "{:?}", created.body);
    assert_eq!(created.code(), "target_changed");
    let msg = created.body["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!(
            "the target changed in Intune: 1 device is no longer in Intune ({gone})"
        )) && msg.ends_with("nothing was done"),
        "{msg}"
    );
    assert!(r.posts_of("remoteLock").is_empty(), "nothing sent");
    let refused = r.audit_outcome("refused_target_changed");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0]["action"], "action.lock");
    let list = r.run(&["actions", "list", "-o", "json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 0, "no action was created");
    r.assert_contracts();
}

#[test]
fn a_list_that_ends_early_keeps_the_local_copy_and_refuses_the_action() {
    let r = rig(12, &["mdm-pilot"], "sync_interval = \"1s\"", "", |_| {});
    assert_eq!(r.group_ids("mdm-pilot").len(), 10);
    // From now on Intune's lists silently drop 3 devices while `@odata.count` counts them.
    r.fake
        .add_fault(graph_fake::Fault::TruncateList { missing: 3 });
    std::thread::sleep(std::time::Duration::from_millis(2500));
    // The periodic syncs refused: the local copy is whole, not a third retired.
    let all = r.run(&["devices", "list", "--all", "-o", "json"]).json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 12);
    assert!(
        all.iter().all(|d| d["status"] != "retired"),
        "no device retired by a short list"
    );
    let out = r.run(&[
        "lock",
        "--group",
        "mdm-pilot",
        "--confirm",
        "lock 10 devices in gw",
        "--otp",
        &otp_at(&r.ann.seed, None),
        "--reason",
        "lost bag",
    ]);
    out.code(1)
        .stderr_has("Intune lists 9 devices but counts 12")
        .stderr_has("nothing was done");
    assert!(r.posts_of("remoteLock").is_empty(), "nothing sent");
    let refused = r.audit_outcome("refused_target_changed");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0]["details"]["reason"]
            .as_str()
            .unwrap()
            .contains("counts 12")
    );
    assert_eq!(r.group_ids("mdm-pilot").len(), 10, "the copy was kept");
    // Once Graph lists everything again, the same action goes through.
    // (Ten of twelve is fleet-wide: it waits for a second admin, so it was created.)
    r.fake.clear_faults();
    r.env
        .run(&[
            "lock",
            "--group",
            "mdm-pilot",
            "--confirm",
            "lock 10 devices in gw2",
            "--otp",
            &otp_at(&r.bob.seed, None),
            "--reason",
            "lost bag",
            "-c",
            "gw2",
        ])
        .code(8);
    r.assert_contracts();
}

#[test]
fn a_device_deleted_after_the_action_was_created_fails_alone() {
    // One write per 4 s: the second device is sent well after the create returns.
    let r = rig(
        12,
        &["Sales"],
        "write_budget = { writes = 1, per_seconds = 4 }",
        "",
        |_| {},
    );
    let members = r.group_ids("Sales");
    assert_eq!(members.len(), 2);
    let out = r.run(&[
        "wipe",
        "--group",
        "Sales",
        "--confirm",
        "wipe 2 devices in gw",
        "--otp",
        &otp_at(&r.ann.seed, None),
        "--reason",
        "leaver",
        "--no-wait",
        "-o",
        "json",
    ]);
    out.ok();
    let id = action_id(&out);
    // As soon as the first device got its wipe, the other is deleted from Intune (its
    // turn in the write budget is seconds away).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let first = loop {
        if let Some(d) = members
            .iter()
            .find(|d| r.fake.command_count(d, "wipe") == 1)
        {
            break d.clone();
        }
        assert!(std::time::Instant::now() < deadline, "no wipe sent");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let gone = members.iter().find(|d| **d != first).unwrap();
    assert!(r.fake.delete_device(gone));
    r.run(&["actions", "watch", &id, "--timeout", "60s"])
        .code(7);
    let a = r.run(&["actions", "show", &id, "-o", "json"]).json();
    assert_eq!(a["status"], "completed_with_failures", "{a}");
    let failed = r
        .run(&["actions", "show", &id, "--devices", "failed", "-o", "json"])
        .json();
    let failed = failed.as_array().unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["device_id"], gone.as_str());
    assert!(
        failed[0]["error"]
            .as_str()
            .unwrap()
            .contains("the device is no longer in Intune"),
        "{failed:?}"
    );
    assert_eq!(r.fake.command_count(&first, "wipe"), 1);
    assert_eq!(r.fake.command_count(gone, "wipe"), 0);
    r.assert_contracts();
}

#[test]
fn a_403_during_the_fan_out_names_the_permission_once() {
    let r = rig(12, &["Sales"], "", "", |fake| {
        // An app that may read and lock, but lacks the permission to wipe; Intune's
        // message carries an escape sequence that must not reach a terminal raw.
        fake.add_fault(graph_fake::Fault::ForbiddenAction {
            action: "wipe".into(),
            permission: format!("{PRIVILEGED}\u{1b}[2J"),
        });
    });
    let members = r.group_ids("Sales");
    assert_eq!(members.len(), 2);
    let out = r.run(&[
        "wipe",
        "--group",
        "Sales",
        "--confirm",
        "wipe 2 devices in gw",
        "--otp",
        &otp_at(&r.ann.seed, None),
        "--reason",
        "leaver",
        "--no-wait",
        "-o",
        "json",
    ]);
    out.ok();
    let id = action_id(&out);
    let watched = r.run(&["actions", "watch", &id, "--timeout", "60s"]);
    assert_ne!(watched.code, 0);
    assert!(!watched.stderr.contains('\u{1b}'), "{}", watched.stderr);
    let failed = r
        .run(&["actions", "show", &id, "--devices", "failed", "-o", "json"])
        .json();
    let failed = failed.as_array().unwrap();
    assert_eq!(failed.len(), 2, "{failed:?}");
    for f in failed {
        let e = f["error"].as_str().unwrap();
        assert!(
            e.contains(&format!("lacks the permission {PRIVILEGED}")),
            "{e}"
        );
        assert!(
            !e.contains('\u{1b}') && e.contains("\\e[2J"),
            "escaped: {e}"
        );
    }
    let shown = r.run(&["actions", "show", &id, "--devices", "failed"]);
    assert!(!shown.stdout.contains('\u{1b}'), "{}", shown.stdout);
    // One request learnt it; the other device was not sent a doomed request, and
    // nothing was retried.
    let wipes = r.posts_of("wipe");
    assert_eq!(wipes.len(), 1, "{wipes:?}");
    assert_eq!(wipes[0].status, 403);
    // A lock still goes through: the 403 was for wipe only.
    r.run(&["lock", &members[0]]).ok();
    assert_eq!(r.fake.command_count(&members[0], "remoteLock"), 1);
    r.assert_contracts();
}

/// The re-read before a multi-device action is a whole inventory sync: a request
/// without a step-up (which the gate refuses anyway) must not cost one, or a caller
/// could spend Intune's read budget in a loop.
#[test]
fn a_request_without_a_step_up_never_makes_the_gateway_re_read_intune() {
    let r = rig(12, &["mdm-pilot"], "", "", |_| {});
    let lists = |fake: &graph_fake::FakeHandle| {
        fake.exchanges()
            .iter()
            .filter(|e| e.method == "GET" && e.path == "/v1.0/deviceManagement/managedDevices")
            .count()
    };
    let http = reqwest::blocking::Client::new();
    let preview: serde_json::Value = http
        .post(format!("{}/v1/actions/preview", r.gw.url))
        .bearer_auth(&r.ann.token)
        .json(&serde_json::json!({"action": "lock", "target": {"group": "mdm-pilot"}}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(preview["count"], 10);
    let before = lists(&r.fake);
    for i in 0..5 {
        let resp = http
            .post(format!("{}/v1/actions", r.gw.url))
            .bearer_auth(&r.ann.token)
            .header("Idempotency-Key", format!("no-step-up-{i}"))
            .json(&serde_json::json!({
                "action": "lock", "target": {"group": "mdm-pilot"},
                "expected_count": 10, "target_digest": preview["target_digest"],
                "reason": "lost bag",
            }))
            .send()
            .unwrap();
        let status = resp.status().as_u16();
        let body: serde_json::Value = resp.json().unwrap();
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["error"]["code"], "step_up_required", "{body}");
    }
    assert_eq!(
        lists(&r.fake),
        before,
        "no Graph re-read for refused requests"
    );
    assert!(r.posts_of("remoteLock").is_empty());
    // With the step-up the same action re-reads Intune once, and is created.
    r.run(&[
        "lock",
        "--group",
        "mdm-pilot",
        "--confirm",
        "lock 10 devices in gw",
        "--otp",
        &otp_at(&r.ann.seed, None),
        "--reason",
        "lost bag",
        "--no-wait",
    ])
    .code(8);
    assert!(
        lists(&r.fake) > before,
        "the stepped-up request re-read Intune"
    );
    r.assert_contracts();
}
