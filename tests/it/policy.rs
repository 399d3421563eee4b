//! Policy as code: validate, diff, apply, round trips, concurrency, bad files, and
//! weakenings that need a step-up and a typed phrase.

use crate::common::http::Http;
use crate::common::{Env, Sandbox, Server, otp_at};
use serde_json::{Value, json};
use std::path::PathBuf;

const BASE: &str = r#"name: baseline
description: every phone
passcode:
  required: true
  min_length: 8
  complexity: alphanumeric
  max_failed_attempts: 10
  auto_lock_minutes: 5
  history: 5
encryption:
  required: true
minimum_os:
  ios: "17.4"
  android: "14"
apps:
  block: [com.example.spyware]
restrictions:
  block_usb: true
jailbreak_detection: true
compliance:
  action: block_access
assignments: [sales, engineering]
---
name: kiosk
restrictions:
  block_camera: true
  block_screen_capture: true
compliance:
  action: retire
  retire_after_days: 14
assignments: [kiosks]
"#;

fn write(sb: &Sandbox, name: &str, text: &str) -> PathBuf {
    let p = sb.env.root.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn applied(sb: &Sandbox) -> Value {
    Http::new(&sb.server.url)
        .get("/v1/policies", &sb.admin_token)
        .body
}

#[test]
fn apply_diff_export_round_trip() {
    let sb = Sandbox::new(5);
    let f = write(&sb, "policies.yaml", BASE);
    let file = f.to_str().unwrap();
    sb.run(&["policy", "validate", file])
        .ok()
        .stderr_has("2 policies in 1 file(s) are valid");
    let d = sb.run(&["policy", "diff", "-f", file, "--exit-code"]);
    assert_eq!(d.code, 10, "{}", d.stderr);
    d.stdout_has("+ policy baseline (new)")
        .stdout_has("+ passcode.min_length: 8")
        .stdout_has("Plan: 2 to create");
    assert!(
        !d.stdout.contains("WEAKENS"),
        "creating policies weakens nothing"
    );
    sb.run(&["policy", "diff", "-f", file]).ok();
    // Creating policies is not a weakening: no step-up, no phrase.
    sb.run(&["policy", "apply", "-f", file])
        .ok()
        .stderr_has("Applied: 2 created");
    let list = sb.run(&["policy", "list", "-o", "json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["version"], 1);
    // Export then apply is a no-op; so is export then diff.
    let exported = sb.run(&["policy", "export"]);
    let e = write(&sb, "exported.yaml", &exported.ok().stdout);
    sb.run(&["policy", "diff", "-f", e.to_str().unwrap(), "--exit-code"])
        .ok()
        .stderr_has("No changes");
    sb.run(&["policy", "apply", "-f", e.to_str().unwrap()])
        .ok()
        .stderr_has("No changes");
    let json_export = sb.run(&["policy", "export", "-o", "json"]);
    let j = write(&sb, "exported.json", &json_export.ok().stdout);
    sb.run(&["policy", "diff", "-f", j.to_str().unwrap(), "--exit-code"])
        .ok();
    let one = sb.run(&["policy", "export", "kiosk"]);
    assert!(one.ok().stdout.contains("name: kiosk") && !one.stdout.contains("baseline"));
    assert_eq!(
        sb.run(&["policy", "list", "-o", "json"]).json()[0]["version"],
        1,
        "no-op applies bump nothing"
    );
    // Strengthening is free.
    let stronger = BASE
        .replace("min_length: 8", "min_length: 12")
        .replace("[sales, engineering]", "[sales, engineering, finance]");
    let s = write(&sb, "stronger.yaml", &stronger);
    let out = sb.run(&["policy", "apply", "-f", s.to_str().unwrap()]);
    out.ok()
        .stdout_has("~ passcode.min_length: 8 → 12")
        .stdout_has("+ assignments[finance]");
    assert!(!out.stdout.contains("WEAKENS"));
    sb.run(&["policy", "show", "baseline"])
        .ok()
        .stdout_has("min_length: 12");
    sb.run(&["policy", "schema"]).ok().stdout_has("\"$schema\"");
}

#[test]
fn weakening_needs_a_step_up_and_the_phrase_and_is_audited() {
    let sb = Sandbox::new(5);
    let f = write(&sb, "policies.yaml", BASE);
    sb.run(&["policy", "apply", "-f", f.to_str().unwrap()]).ok();
    let weaker = BASE.replace("min_length: 8", "min_length: 6").replace(
        "  block: [com.example.spyware]\n",
        "  allow: [com.example.spyware]\n",
    );
    let w = write(&sb, "weaker.yaml", &weaker);
    let file = w.to_str().unwrap();
    let plan = sb.run(&["policy", "diff", "-f", file]);
    plan.ok()
        .stdout_has("passcode.min_length: 8 → 6")
        .stdout_has("WEAKENS")
        .stdout_has("- apps.block[com.example.spyware]");
    // No terminal, no phrase: exit 3, nothing changed.
    sb.run(&["policy", "apply", "-f", file])
        .code(3)
        .stderr_has("--confirm \"weaken baseline in t\"");
    sb.run(&[
        "policy",
        "apply",
        "-f",
        file,
        "--confirm",
        "weaken kiosk in t",
    ])
    .code(3);
    // The phrase without a code: still nothing.
    sb.run(&[
        "policy",
        "apply",
        "-f",
        file,
        "--confirm",
        "weaken baseline in t",
    ])
    .code(3)
    .stderr_has("needs a step-up");
    assert_eq!(applied(&sb)["items"][0]["version"], 1);
    // The server decides, whatever the client: an apply without elevation is refused.
    let http = Http::new(&sb.server.url);
    let docs: Vec<Value> = serde_norway::Deserializer::from_str(&weaker)
        .map(|d| <Value as serde::Deserialize>::deserialize(d).unwrap())
        .collect();
    let r = http.post(
        "/v1/policies/apply",
        &sb.admin_token,
        json!({"policies": docs, "base_versions": {"baseline": 1, "kiosk": 1}}),
    );
    assert_eq!(
        (r.status, r.code()),
        (403, "step_up_required"),
        "{:?}",
        r.body
    );
    assert_eq!(applied(&sb)["items"][0]["version"], 1);
    // Phrase and code: applied, and audited as a weakening with before/after.
    sb.run(&[
        "policy",
        "apply",
        "-f",
        file,
        "--confirm",
        "weaken baseline in t",
        "--otp",
        &sb.admin_otp(),
        "--reason",
        "CHG-9",
    ])
    .ok()
    .stderr_has("1 weakening policy change(s), audited");
    assert_eq!(applied(&sb)["items"][0]["version"], 2);
    let ev: String = sb
        .server
        .db()
        .read(|c| c.query_row("SELECT body FROM audit_events WHERE action = 'policy.update' ORDER BY id DESC LIMIT 1", [], |r| r.get(0)))
        .unwrap();
    let ev: Value = serde_json::from_str(&ev).unwrap();
    assert_eq!(ev["details"]["weakens"], true);
    assert_eq!(ev["reason"], "CHG-9");
    assert!(ev["elevation_id"].as_str().unwrap().starts_with("elv_"));
    let changes = ev["details"]["changes"].as_array().unwrap();
    let len = changes
        .iter()
        .find(|c| c["path"] == "passcode.min_length")
        .unwrap();
    assert_eq!(
        (
            len["old"].as_u64(),
            len["new"].as_u64(),
            len["weakens"].as_bool()
        ),
        (Some(8), Some(6), Some(true))
    );
    // Several weakened policies: the phrase counts them.
    let both = weaker
        .replace("block_camera: true", "block_camera: false")
        .replace("history: 5", "history: 1");
    let b = write(&sb, "both.yaml", &both);
    sb.run(&["policy", "apply", "-f", b.to_str().unwrap()])
        .code(3)
        .stderr_has("weaken 2 policies in t");
    // Unassigning and deleting weaken too.
    sb.run(&["policy", "assign", "kiosk", "--group", "kiosks", "--remove"])
        .code(3)
        .stderr_has("weaken kiosk in t");
    sb.run(&[
        "policy",
        "assign",
        "kiosk",
        "--group",
        "kiosks",
        "--remove",
        "--confirm",
        "weaken kiosk in t",
    ])
    .ok();
    sb.run(&["policy", "assign", "kiosk", "--group", "support"])
        .ok()
        .stderr_has("now applies to support");
    sb.run(&["policy", "assign", "kiosk", "--group", "no-such-group"])
        .code(6);
    sb.run(&["policy", "delete", "kiosk"]).code(3);
    sb.run(&[
        "policy",
        "delete",
        "kiosk",
        "--confirm",
        "weaken kiosk in t",
    ])
    .ok()
    .stderr_has("Deleted policy kiosk");
    sb.run(&["policy", "show", "kiosk"]).code(6);
    // A viewer can read policies, not change them.
    let v = sb.user_full("vic", "viewer");
    sb.login("viewer", &v.token);
    sb.run(&["policy", "list", "-c", "viewer"]).ok();
    sb.run(&[
        "policy",
        "apply",
        "-c",
        "viewer",
        "-f",
        f.to_str().unwrap(),
        "--confirm",
        "weaken baseline in viewer",
        "--otp",
        &otp_at(&v.seed, None),
    ])
    .code(5);
}

#[test]
fn a_change_between_plan_and_apply_is_refused() {
    let sb = Sandbox::new(5);
    let f = write(&sb, "policies.yaml", BASE);
    sb.run(&["policy", "apply", "-f", f.to_str().unwrap()]).ok();
    let http = Http::new(&sb.server.url);
    // A plan computed at version 1...
    let docs: Vec<Value> =
        serde_norway::Deserializer::from_str(&BASE.replace("history: 5", "history: 9"))
            .map(|d| <Value as serde::Deserialize>::deserialize(d).unwrap())
            .collect();
    // ...while someone else moves the policy to version 2.
    let s = write(
        &sb,
        "other.yaml",
        &BASE.replace("min_length: 8", "min_length: 10"),
    );
    sb.run(&["policy", "apply", "-f", s.to_str().unwrap()]).ok();
    let r = http.post(
        "/v1/policies/apply",
        &sb.admin_token,
        json!({"policies": docs, "base_versions": {"baseline": 1, "kiosk": 1}}),
    );
    assert_eq!(
        (r.status, r.code()),
        (409, "policy_changed"),
        "{:?}",
        r.body
    );
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("the plan saw version 1")
    );
    let now = applied(&sb);
    assert_eq!(now["items"][0]["version"], 2);
    assert_eq!(
        now["items"][0]["policy"]["passcode"]["history"], 5,
        "nothing of the stale apply landed"
    );
    assert_eq!(now["items"][0]["policy"]["passcode"]["min_length"], 10);
    // The current version, but no elevation: deleting weakens, so a step-up is needed.
    let kiosk = http.get("/v1/policies/kiosk", &sb.admin_token);
    let version = format!("\"v{}\"", kiosk.body["version"]);
    let r = http.call_with(
        "DELETE",
        "/v1/policies/kiosk",
        Some(&sb.admin_token),
        None,
        &[("if-match", &version)],
        None,
    );
    assert_eq!(r.code(), "step_up_required");
}

#[test]
fn a_multi_policy_apply_with_an_invalid_policy_applies_none() {
    let sb = Sandbox::new(5);
    let three = format!("{BASE}---\nname: third\npasscode:\n  min_length: 99\n");
    let f = write(&sb, "three.yaml", &three);
    let out = sb.run(&["-v", "policy", "apply", "-f", f.to_str().unwrap()]);
    out.code(2)
        .stderr_has("three.yaml:")
        .stderr_has("expected a whole number from 4 to 16")
        .stderr_has("nothing was sent");
    assert!(!out.stderr.contains("> "), "a request was sent");
    assert_eq!(applied(&sb)["items"], json!([]));
    // The server refuses the whole batch too when one policy is bad.
    let http = Http::new(&sb.server.url);
    let r = http.post(
        "/v1/policies/apply",
        &sb.admin_token,
        json!({"policies": [{"name": "a"}, {"name": "b"}, {"name": "c", "assignments": ["no-such-group"]}]}),
    );
    assert_eq!(r.status, 400, "{:?}", r.body);
    assert_eq!(applied(&sb)["items"], json!([]));
    let r = http.post(
        "/v1/policies/apply",
        &sb.admin_token,
        json!({"policies": [{"name": "a", "passcode": {"min_length": 3}}]}),
    );
    assert_eq!(r.status, 400);
}

#[test]
fn bad_files_are_pinpointed_and_nothing_is_sent() {
    let sb = Sandbox::new(1);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "tabs.yaml",
            b"name: a\npasscode:\n\tmin_length: 8\n".to_vec(),
            "tabs.yaml:3:",
        ),
        (
            "dup.yaml",
            b"name: a\npasscode:\n  min_length: 8\n  min_length: 9\n".to_vec(),
            "duplicate field `min_length`",
        ),
        (
            "typo.yaml",
            b"name: a\npasscode:\n  min_lenght: 8\n".to_vec(),
            "typo.yaml:3:3: passcode: unknown field `min_lenght`",
        ),
        (
            "type.yaml",
            b"name: a\npasscode:\n  min_length: eight\n".to_vec(),
            "expected a whole number from 4 to 16",
        ),
        (
            "empty.yaml",
            Vec::new(),
            "empty.yaml:1:1: the file is empty",
        ),
        (
            "big.yaml",
            vec![b'#'; 10 * 1024 * 1024],
            "big.yaml:1:1: the file is 10485760 bytes",
        ),
        (
            "utf8.yaml",
            b"name: a\ndescription: \xff\xfe\n".to_vec(),
            "utf8.yaml:2:14: invalid UTF-8",
        ),
        (
            "bad.json",
            b"{\"name\": \"a\",\n \"encryption\": {\"required\": 1}}".to_vec(),
            "bad.json:2:",
        ),
        ("reserved.yaml", b"name: schema\n".to_vec(), "reserved name"),
    ];
    for (name, bytes, needle) in cases {
        let p = sb.env.root.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        for cmd in [
            vec!["policy", "validate", p.to_str().unwrap()],
            vec!["-v", "policy", "apply", "-f", p.to_str().unwrap()],
        ] {
            let out = sb.run(&cmd);
            out.code(2).stderr_has(needle);
            assert!(
                !out.stderr.contains("> GET") && !out.stderr.contains("> POST"),
                "{name}: a request was sent"
            );
        }
    }
    // A directory: every file is checked, and a policy defined twice is an error.
    let dir = sb.env.root.path().join("dir");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.yaml"), "name: x\n").unwrap();
    std::fs::write(dir.join("b.json"), "{\"name\": \"x\"}").unwrap();
    std::fs::write(dir.join("notes.txt"), "ignored").unwrap();
    sb.run(&["policy", "validate", dir.to_str().unwrap()])
        .code(2)
        .stderr_has("policy x is also defined at");
    sb.run(&["policy", "validate", "/nonexistent"]).code(2);
}

/// `policy.plan` events in the server's audit log, oldest first.
fn plan_events(sb: &Sandbox) -> Vec<Value> {
    sb.server
        .db()
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT body FROM audit_events WHERE action = 'policy.plan' ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<Result<Vec<_>, _>>()
        })
        .unwrap()
        .iter()
        .map(|b| serde_json::from_str(b).unwrap())
        .collect()
}

/// The server's plan is the only source of what a policy write needs: it names the
/// phrase and the step-up, a dry run changes nothing and is audited like a preview, and
/// the client renders exactly that.
#[test]
fn the_servers_plan_says_what_a_policy_write_needs() {
    let sb = Sandbox::new(5);
    let f = write(&sb, "policies.yaml", BASE);
    sb.run(&["policy", "apply", "-f", f.to_str().unwrap()]).ok();
    let http = Http::new(&sb.server.url);
    let weaker = BASE.replace("min_length: 8", "min_length: 6");
    let docs: Vec<Value> = serde_norway::Deserializer::from_str(&weaker)
        .map(|d| <Value as serde::Deserialize>::deserialize(d).unwrap())
        .collect();
    let before = plan_events(&sb).len();
    // A weakening apply: the plan names the phrase (with `<context>`) and a step-up.
    let r = http.post(
        "/v1/policies/plan",
        &sb.admin_token,
        json!({"policies": docs, "base_versions": {"baseline": 1, "kiosk": 1}}),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["applied"], false);
    assert_eq!(r.body["changes"][0]["weakens"], true);
    let req = &r.body["requires"];
    assert_eq!(req["phrase"], "weaken baseline in <context>");
    assert_eq!(req["confirmation"], "phrase");
    assert_eq!(
        (req["step_up"].as_bool(), req["step_up_mode"].as_str()),
        (Some(true), Some("cached"))
    );
    // Nothing changed, and the plan is audited as the server audits previews.
    assert_eq!(applied(&sb)["items"][0]["version"], 1);
    let evs = plan_events(&sb);
    assert_eq!(evs.len(), before + 1);
    let ev = evs.last().unwrap();
    assert_eq!(ev["outcome"], "success");
    assert_eq!(ev["details"]["op"], "apply");
    assert_eq!(ev["details"]["weakens"], true);
    assert_eq!(
        ev["details"]["requires"]["phrase"],
        "weaken baseline in <context>"
    );
    // The CLI's dry run is the server's plan: shown, audited, nothing changed.
    let w = write(&sb, "weaker.yaml", &weaker);
    let file = w.to_str().unwrap();
    sb.run(&["policy", "apply", "-f", file, "--dry-run"])
        .ok()
        .stdout_has("passcode.min_length: 8 → 6")
        .stdout_has("WEAKENS");
    assert_eq!(plan_events(&sb).len(), before + 2);
    assert_eq!(applied(&sb)["items"][0]["version"], 1);
    // The phrase the server named, without a step-up the server accepts: refused
    // (exit 5), nothing changed.
    sb.run(&[
        "policy",
        "apply",
        "-f",
        file,
        "--confirm",
        "weaken baseline in t",
        "--otp",
        "000000",
    ])
    .code(5);
    assert_eq!(applied(&sb)["items"][0]["version"], 1);
    // The refusal came from the server's step-up, after the CLI asked for its plan.
    assert_eq!(plan_events(&sb).len(), before + 3);
    // Deleting and unassigning: `?dry_run=true` answers the plan and changes nothing.
    let if_match = [("if-match", "\"v1\"")];
    let del = http.call_with(
        "DELETE",
        "/v1/policies/kiosk?dry_run=true",
        Some(&sb.admin_token),
        None,
        &if_match,
        None,
    );
    assert_eq!(del.status, 200, "{:?}", del.body);
    assert_eq!(del.body["applied"], false);
    assert_eq!(del.body["changes"][0]["op"], "delete");
    assert_eq!(del.body["requires"]["phrase"], "weaken kiosk in <context>");
    let un = http.call_with(
        "DELETE",
        "/v1/policies/kiosk/assignments/kiosks?dry_run=true",
        Some(&sb.admin_token),
        None,
        &if_match,
        None,
    );
    assert_eq!(un.status, 200, "{:?}", un.body);
    assert_eq!(un.body["changes"][0]["op"], "unassign");
    assert_eq!(un.body["requires"]["phrase"], "weaken kiosk in <context>");
    let add = http.call_with(
        "PUT",
        "/v1/policies/kiosk/assignments/support?dry_run=true",
        Some(&sb.admin_token),
        None,
        &if_match,
        None,
    );
    assert_eq!(add.status, 200, "{:?}", add.body);
    assert_eq!(add.body["requires"]["step_up"], false);
    assert!(add.body["requires"]["phrase"].is_null());
    let kiosk = http.get("/v1/policies/kiosk", &sb.admin_token).body;
    assert_eq!(
        (
            kiosk["version"].as_u64(),
            kiosk["policy"]["assignments"].clone()
        ),
        (Some(1), json!(["kiosks"]))
    );
    let ops: Vec<Value> = plan_events(&sb)
        .iter()
        .skip(before + 3)
        .map(|e| e["details"]["op"].clone())
        .collect();
    assert_eq!(ops, [json!("delete"), json!("unassign"), json!("assign")]);
    // Bad input: an unknown policy is 404 (exit 6 in the CLI), an unknown query
    // parameter or a bad dry_run value 400, a stale version 412; none audited.
    let audited = plan_events(&sb).len();
    let nope = http.call_with(
        "DELETE",
        "/v1/policies/nope?dry_run=true",
        Some(&sb.admin_token),
        None,
        &if_match,
        None,
    );
    assert_eq!(
        (nope.status, nope.code()),
        (404, "not_found"),
        "{:?}",
        nope.body
    );
    for path in [
        "/v1/policies/kiosk?dry=true",
        "/v1/policies/kiosk?dry_run=maybe",
    ] {
        let bad = http.call_with("DELETE", path, Some(&sb.admin_token), None, &if_match, None);
        assert_eq!(bad.status, 400, "{path}: {:?}", bad.body);
    }
    let stale = http.call_with(
        "DELETE",
        "/v1/policies/kiosk?dry_run=true",
        Some(&sb.admin_token),
        None,
        &[("if-match", "\"v7\"")],
        None,
    );
    assert_eq!(stale.status, 412, "{:?}", stale.body);
    assert_eq!(plan_events(&sb).len(), audited);
    sb.run(&["policy", "delete", "nope", "--confirm", "weaken nope in t"])
        .code(6);
    sb.run(&["policy", "assign", "nope", "--group", "sales", "--remove"])
        .code(6);
    // A viewer may not plan (policies:write), as it may not apply.
    let v = sb.user_full("vic", "viewer");
    let r = http.post(
        "/v1/policies/plan",
        &v.token,
        json!({"policies": [], "base_versions": {}}),
    );
    assert_eq!(r.status, 403, "{:?}", r.body);
    assert!(http.get("/v1/policies/kiosk", &sb.admin_token).status == 200);
}

#[test]
fn init_writes_a_starter_set_that_validates_applies_and_is_the_sandbox_seed() {
    let sb = Sandbox::new(3);
    let dir = sb.env.root.path().join("policies");
    let d = dir.to_str().unwrap();
    sb.run(&["policy", "init", d])
        .ok()
        .stderr_has("Wrote 4 starter policies")
        .stderr_has("mdm policy validate");
    sb.run(&["policy", "validate", d])
        .ok()
        .stderr_has("4 policies in 4 file(s) are valid");
    let plan = sb.run(&["policy", "diff", "-f", d, "--exit-code"]);
    assert_eq!(plan.code, 10, "{}", plan.stderr);
    plan.stdout_has("Plan: 4 to create");
    sb.run(&["policy", "apply", "-f", d])
        .ok()
        .stderr_has("Applied: 4 created");
    sb.run(&["policy", "diff", "-f", d, "--exit-code"]).ok();
    // Bad input: an occupied directory, a file.
    sb.run(&["policy", "init", d])
        .code(2)
        .stderr_has("is not empty")
        .stderr_has("--force");
    let file = write(&sb, "one.yaml", BASE);
    sb.run(&["policy", "init", file.to_str().unwrap()])
        .code(2)
        .stderr_has("is a file");
    sb.run(&["policy", "init", d, "--force"]).ok();

    // `sandbox up` seeds the same set: the starter files plan no change against it.
    let env = Env::new();
    let server = Server::start_args(&env, &["--devices", "2", "--baseline-policies"]);
    let seeded = Sandbox::with_server(env, server);
    let list = seeded.run(&["policy", "list", "-o", "json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 4, "{list:#}");
    seeded
        .run(&["policy", "diff", "-f", d, "--exit-code"])
        .ok()
        .stderr_has("No changes");
    let ev = seeded
        .run(&[
            "audit",
            "log",
            "--action",
            "policy.create",
            "--actor",
            "sandbox",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(ev.as_array().unwrap().len(), 4, "{ev:#}");
}
