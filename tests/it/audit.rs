//! The audit trail: every mutating command leaves its event, the chain and the pinned
//! checkpoints catch tampering (naming the first bad event), `--follow` survives a
//! server restart, and the CLI's own journal.

use crate::common::http::Http;
use crate::common::{Env, Sandbox, Server, otp_at};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn head(sb: &Sandbox) -> i64 {
    sb.server
        .db()
        .read(|c| {
            c.query_row("SELECT COALESCE(MAX(id), 0) FROM audit_events", [], |r| {
                r.get(0)
            })
        })
        .unwrap()
}

/// Every event after `after`, through the API (paged).
fn events_after(sb: &Sandbox, mut after: i64) -> Vec<Value> {
    let http = Http::new(&sb.server.url);
    let mut out = Vec::new();
    loop {
        let r = http.get(
            &format!("/v1/audit/events?after={after}&limit=1000"),
            &sb.admin_token,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let items = r.body["items"].as_array().unwrap().clone();
        let Some(last) = items.last() else { break };
        after = last["id"].as_i64().unwrap();
        out.extend(items);
    }
    out
}

fn journal(env: &Env) -> Vec<Value> {
    std::fs::read_to_string(env.state.join("journal.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn devices(sb: &Sandbox) -> Vec<Value> {
    sb.run(&["devices", "list", "--all", "-o", "json"])
        .json()
        .as_array()
        .unwrap()
        .clone()
}

/// Runs a mutating command and checks that the server recorded `expected` (each action at
/// least once, by `actor`) and that the local journal has the command, secrets redacted.
fn expect(
    sb: &Sandbox,
    args: &[&str],
    stdin: Option<&str>,
    code: i32,
    actor: &str,
    expected: &[&str],
) -> Vec<Value> {
    let before = head(sb);
    let journaled = journal(&sb.env).len();
    let out = sb.env.run_with_stdin(args, stdin);
    out.code(code);
    let new = events_after(sb, before);
    for action in expected {
        assert!(
            new.iter()
                .any(|e| e["action"] == *action && e["actor"] == actor),
            "`mdm {}` left no {action} event by {actor}; it left {:?}",
            args.join(" "),
            new.iter()
                .map(|e| format!("{} by {}", e["action"], e["actor"]))
                .collect::<Vec<_>>()
        );
    }
    for e in new
        .iter()
        .filter(|e| e["role"] != "device" && e["role"] != "system")
    {
        assert_eq!(e["source_ip"], "127.0.0.1", "{e}");
        assert!(e["user_agent"].as_str().unwrap().starts_with("mdm/"), "{e}");
        assert!(e["request_id"].as_str().unwrap().starts_with("req_"), "{e}");
    }
    let j = journal(&sb.env);
    assert_eq!(
        j.len(),
        journaled + 1,
        "`mdm {}` is not journaled",
        args.join(" ")
    );
    let entry = j.last().unwrap();
    let argv: Vec<&str> = entry["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(argv[0], "mdm");
    let mut want: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    for i in 0..want.len() {
        if i > 0 && want[i - 1] == "--otp" {
            want[i] = "[redacted]".into();
        }
    }
    assert_eq!(
        argv[1..],
        want.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert_eq!(entry["exit_code"], code);
    new
}

#[test]
fn every_mutating_command_leaves_its_event_and_a_journal_entry() {
    let env = Env::new();
    let server = Server::start_args(
        &env,
        &[
            "--devices",
            "30",
            "--tick-ms",
            "100",
            "--approval-threshold",
            "2",
            "--offline-percent",
            "0",
            "--fail-percent",
            "0",
        ],
    );
    let sb = Sandbox::with_server(env, server);
    let d = devices(&sb);
    let id = |i: usize| d[i]["id"].as_str().unwrap().to_string();
    let serial = |i: usize| d[i]["serial"].as_str().unwrap().to_string();
    let token = sb.admin_token.clone();

    expect(
        &sb,
        &["auth", "login", "--with-token"],
        Some(&token),
        0,
        "root",
        &["auth.login"],
    );
    expect(
        &sb,
        &["auth", "step-up", "--otp", &sb.otp("root")],
        None,
        0,
        "root",
        &["auth.step_up"],
    );
    let lock = expect(
        &sb,
        &[
            "lock",
            &id(0),
            "--reason",
            "lost on the train",
            "--ticket",
            "INC-7",
        ],
        None,
        0,
        "root",
        &["action.lock"],
    );
    let ev = lock.iter().find(|e| e["action"] == "action.lock").unwrap();
    assert_eq!(ev["reason"], "lost on the train");
    assert_eq!(ev["ticket"], "INC-7");
    assert_eq!(ev["target"]["kind"], "device");
    assert_eq!(ev["target"]["ids"][0], id(0).as_str());
    assert!(ev["elevation_id"].as_str().unwrap().starts_with("elv_"));
    expect(
        &sb,
        &["unlock", &id(0)],
        None,
        0,
        "root",
        &["action.unlock"],
    );
    expect(
        &sb,
        &["wipe", &id(1), "--confirm", &serial(1)],
        None,
        0,
        "root",
        &["action.wipe"],
    );
    let outcome = events_after(&sb, 0)
        .into_iter()
        .rfind(|e| e["action"] == "action.device_outcome")
        .expect("a per-device outcome");
    assert_eq!(outcome["actor"], format!("device:{}", id(1)));
    assert_eq!(outcome["details"]["kind"], "wipe");
    expect(
        &sb,
        &["retire", &id(2), "--confirm", &serial(2), "--no-wait"],
        None,
        0,
        "root",
        &["action.retire"],
    );
    expect(
        &sb,
        &["push", "command", "restart", &id(3), "--no-wait"],
        None,
        0,
        "root",
        &["action.push_command"],
    );
    // Above the approval threshold: pending, then approved by a second admin; another
    // rejected; a third cancelled by its requester.
    // The phrase names the requester's running total of wiped/retired devices this hour
    // (`before` of them already, rejected requests aside).
    let pending = |from: usize, n: usize, before: usize| {
        let ids: Vec<String> = (from..from + n).map(id).collect();
        let mut args: Vec<String> = vec!["wipe".into()];
        args.extend(ids);
        args.extend([
            "--confirm".into(),
            format!("wipe {n} devices in t ({} this hour)", before + n),
        ]);
        args.extend([
            "--reason".into(),
            "drill".into(),
            "-o".into(),
            "json".into(),
        ]);
        args
    };
    let args = pending(10, 3, 2);
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    expect(&sb, &a, None, 8, "root", &["action.wipe"]);
    let first = sb.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let second = sb.user_full("second", "admin");
    sb.login("second", &second.token);
    expect(
        &sb,
        &[
            "approvals",
            "approve",
            &first,
            "-c",
            "second",
            "--confirm",
            "wipe 3 devices in second",
            "--otp",
            &otp_at(&second.seed, None),
        ],
        None,
        0,
        "second",
        &["approval.approve", "auth.step_up"],
    );
    let args = pending(13, 4, 5);
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    expect(&sb, &a, None, 8, "root", &["action.wipe"]);
    let to_reject = sb.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(to_reject, first);
    expect(
        &sb,
        &[
            "approvals",
            "reject",
            &to_reject,
            "-c",
            "second",
            "--reason",
            "not now",
        ],
        None,
        0,
        "second",
        &["approval.reject"],
    );
    let args = pending(17, 5, 5);
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    expect(&sb, &a, None, 8, "root", &["action.wipe"]);
    let to_cancel = sb.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    expect(
        &sb,
        &["actions", "cancel", &to_cancel],
        None,
        0,
        "root",
        &["action.cancel"],
    );

    // Enrollment.
    let e = expect(
        &sb,
        &[
            "enroll",
            "create",
            "--user",
            "ana@example.org",
            "-o",
            "json",
        ],
        None,
        0,
        "root",
        &["enrollment.create"],
    );
    // Device outcomes of earlier actions may land in between: pick the enrollment's event.
    let enr = e
        .iter()
        .find(|x| x["action"] == "enrollment.create")
        .unwrap()["target"]["ids"][0]
        .as_str()
        .unwrap()
        .to_string();
    expect(
        &sb,
        &["enroll", "revoke", &enr],
        None,
        0,
        "root",
        &["enrollment.revoke"],
    );
    let csv = sb.env.root.path().join("people.csv");
    std::fs::write(
        &csv,
        "user,platform,group\nbo@example.org,ios,sales\ncy@example.org,android,\n",
    )
    .unwrap();
    expect(
        &sb,
        &["enroll", "bulk", csv.to_str().unwrap()],
        None,
        0,
        "root",
        &["enrollment.bulk_create"],
    );

    // Catalog and pushes.
    let pkg = sb.env.root.path().join("Notes.pkg");
    std::fs::write(&pkg, b"notes").unwrap();
    let platform = d[4]["platform"].as_str().unwrap().to_string();
    expect(
        &sb,
        &[
            "apps",
            "add",
            "--name",
            "Notes",
            "--version",
            "1.0",
            "--bundle-id",
            "org.example.notes",
            "--platform",
            &platform,
            "--package",
            pkg.to_str().unwrap(),
        ],
        None,
        0,
        "root",
        &["app.add"],
    );
    expect(
        &sb,
        &["push", "app", "Notes", &id(4), "--no-wait"],
        None,
        0,
        "root",
        &["action.push_app"],
    );

    // Policy as code.
    let pol = sb.env.root.path().join("p.yaml");
    std::fs::write(
        &pol,
        "name: baseline\npasscode:\n  required: true\n  min_length: 8\nassignments: [sales]\n",
    )
    .unwrap();
    expect(
        &sb,
        &["policy", "apply", "-f", pol.to_str().unwrap()],
        None,
        0,
        "root",
        &["policy.create"],
    );
    expect(
        &sb,
        &["policy", "assign", "baseline", "--group", "finance"],
        None,
        0,
        "root",
        &["policy.assign"],
    );
    expect(
        &sb,
        &[
            "policy",
            "delete",
            "baseline",
            "--confirm",
            "weaken baseline in t",
        ],
        None,
        0,
        "root",
        &["policy.delete"],
    );

    // Sessions: revoking the elevation.
    let sessions = sb.run(&["auth", "sessions", "list", "-o", "json"]).json();
    let elv = sessions
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["id"].as_str().filter(|i| i.starts_with("elv_")))
        .expect("an elevation session")
        .to_string();
    expect(
        &sb,
        &["auth", "sessions", "revoke", &elv],
        None,
        0,
        "root",
        &["session.revoke"],
    );

    // Reads that are audited too: PII and the log itself.
    let before = head(&sb);
    sb.run(&[
        "devices",
        "list",
        "--show-pii",
        "--limit",
        "3",
        "-o",
        "json",
    ])
    .ok();
    sb.run(&["audit", "export"]).ok();
    let reads = events_after(&sb, before);
    let actions: Vec<&str> = reads
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"devices.pii_read"), "{actions:?}");
    assert!(actions.contains(&"audit.export"), "{actions:?}");

    // Failures are events too: a wrong code, and a token the server does not know.
    let before = head(&sb);
    sb.run(&["auth", "step-up", "--otp", "000000"]).code(5);
    let http = Http::new(&sb.server.url);
    assert_eq!(
        http.get("/v1/me", "mdm_pat_forged0000000000000000").status,
        401
    );
    let fails = events_after(&sb, before);
    assert!(
        fails
            .iter()
            .any(|e| e["action"] == "auth.step_up" && e["outcome"] != "success"),
        "{fails:?}"
    );
    assert!(
        fails.iter().any(|e| e["action"] == "auth.token_rejected"),
        "{fails:?}"
    );

    // The whole log still verifies, and so does the journal.
    sb.run(&["audit", "verify"]).ok();
    sb.run(&["audit", "journal", "--verify"]).ok();
}

/// Runs `audit verify` once (pinning a checkpoint), tampers with the server's database,
/// and returns the second `audit verify`.
fn tampered(f: impl FnOnce(&mdm_server::sql::Connection)) -> (crate::common::Out, Sandbox) {
    let sb = Sandbox::new(3);
    let http = Http::new(&sb.server.url);
    for _ in 0..10 {
        assert_eq!(
            http.post("/v1/auth/login", &sb.admin_token, serde_json::json!({}))
                .status,
            204
        );
    }
    sb.run(&["audit", "verify"]).ok().stderr_has("verifies");
    sb.server
        .db()
        .write(|tx| {
            f(tx);
            Ok::<_, mdm_server::sql::Error>(())
        })
        .unwrap();
    let out = sb.run(&["audit", "verify"]);
    (out, sb)
}

fn body_of(c: &mdm_server::sql::Connection, id: i64) -> String {
    c.query_row("SELECT body FROM audit_events WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn an_edited_event_is_named() {
    let (out, _sb) = tampered(|c| {
        let body = body_of(c, 6).replace("\"root\"", "\"mallory\"");
        c.execute(
            "UPDATE audit_events SET body = ?1, actor = 'mallory' WHERE id = 6",
            [body],
        )
        .unwrap();
    });
    out.code(1)
        .stderr_has("the first bad event is #6")
        .stderr_has("#6 was altered");
}

#[test]
fn an_edited_last_event_is_caught_by_the_signed_checkpoint() {
    // Nothing chains to the newest event: only a checkpoint can vouch for it.
    let (out, _sb) = tampered(|c| {
        let last: i64 = c
            .query_row("SELECT MAX(id) FROM audit_events", [], |r| r.get(0))
            .unwrap();
        let body = body_of(c, last).replace("\"success\"", "\"failure\"");
        c.execute(
            "UPDATE audit_events SET body = ?1 WHERE id = ?2",
            mdm_server::sql::params![body, last],
        )
        .unwrap();
    });
    out.code(1).stderr_has("does not match");
}

#[test]
fn a_deleted_event_is_named() {
    let (out, _sb) = tampered(|c| {
        c.execute("DELETE FROM audit_events WHERE id = 5", [])
            .unwrap();
    });
    out.code(1)
        .stderr_has("the first bad event is #5")
        .stderr_has("deleted, inserted or moved");
}

#[test]
fn swapped_events_are_named() {
    let (out, _sb) = tampered(|c| {
        let (a, b) = (body_of(c, 4), body_of(c, 7));
        c.execute("UPDATE audit_events SET body = ?1 WHERE id = 4", [&b])
            .unwrap();
        c.execute("UPDATE audit_events SET body = ?1 WHERE id = 7", [&a])
            .unwrap();
    });
    out.code(1).stderr_has("the first bad event is #4");
}

#[test]
fn a_rewritten_and_re_signed_history_is_caught_by_the_pinned_checkpoint() {
    // The server drops its last events and every checkpoint that saw them, re-chains a
    // different tail and signs it with its own key: internally consistent, but not the
    // history this CLI saw.
    let (out, sb) = tampered(|c| {
        c.execute("DELETE FROM audit_events WHERE id > 6", [])
            .unwrap();
        c.execute("DELETE FROM audit_checkpoints WHERE tree_size > 6", [])
            .unwrap();
    });
    // Shorter than a pinned checkpoint: caught even before anything new is appended.
    out.code(1)
        .stderr_has("truncated or rewritten")
        .stderr_has("the first bad event is #7");
    // Now the rewritten log grows past the pinned size: every link and every signature
    // the server holds is consistent, but the pinned head differs.
    let http = Http::new(&sb.server.url);
    for _ in 0..10 {
        http.post("/v1/auth/login", &sb.admin_token, serde_json::json!({}));
    }
    let out = sb.run(&["audit", "verify"]);
    out.code(1)
        .stderr_has("does not match a checkpoint pinned by this CLI earlier");
}

#[test]
fn a_new_signing_key_is_refused() {
    let (out, _sb) = tampered(|c| {
        c.execute("DELETE FROM meta WHERE key = 'audit_signing_key'", [])
            .unwrap();
        c.execute("DELETE FROM audit_checkpoints", []).unwrap();
    });
    out.code(1).stderr_has("different key than before");
}

/// The attack of finding 6: the body and its hash stay intact, but the indexed columns
/// that `audit log --actor/--action/--device/--since` filter on are rewritten, hiding the
/// event from filtered queries. `audit verify` reads the server's index next to the chain,
/// recomputes it from the hashed body and names the first disagreement.
fn index_tampered(
    f: impl FnOnce(&mdm_server::sql::Connection, i64),
) -> (crate::common::Out, Sandbox, i64, String) {
    let sb = Sandbox::new(3);
    let id = devices(&sb)[0]["id"].as_str().unwrap().to_string();
    // The simulated device may fail the command (exit 7); its events are written either way.
    let _ = sb.run(&["lock", &id]);
    let ev: i64 = sb
        .server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT MIN(event_id) FROM audit_devices WHERE device_id = ?1",
                [&id],
                |r| r.get(0),
            )
        })
        .unwrap();
    sb.run(&["audit", "verify"]).ok().stderr_has("verifies");
    sb.server
        .db()
        .write(|tx| {
            f(tx, ev);
            Ok::<_, mdm_server::sql::Error>(())
        })
        .unwrap();
    let out = sb.run(&["audit", "verify"]);
    (out, sb, ev, id)
}

#[test]
fn a_rewritten_actor_or_action_column_is_named() {
    let (out, sb, ev, _) = index_tampered(|c, ev| {
        c.execute(
            "UPDATE audit_events SET actor = 'nobody' WHERE id = ?1",
            [ev],
        )
        .unwrap();
    });
    out.code(1)
        .stderr_has(&format!("the first bad event is #{ev}"))
        .stderr_has("index says actor \"nobody\"");
    // The blinding itself: the filtered query no longer finds the event.
    let listed = sb.run(&[
        "audit", "log", "--actor", "root", "-o", "json", "--limit", "1000",
    ]);
    let listed = listed.ok().json();
    assert!(
        !listed.as_array().unwrap().iter().any(|e| e["id"] == ev),
        "{listed}"
    );

    let (out, _sb, ev, _) = index_tampered(|c, ev| {
        c.execute(
            "UPDATE audit_events SET action = 'auth.login' WHERE id = ?1",
            [ev],
        )
        .unwrap();
    });
    out.code(1)
        .stderr_has(&format!("the first bad event is #{ev}"))
        .stderr_has("index says action");

    let (out, _sb, ev, _) = index_tampered(|c, ev| {
        c.execute(
            "UPDATE audit_events SET ts = ts - 86400 WHERE id = ?1",
            [ev],
        )
        .unwrap();
    });
    out.code(1)
        .stderr_has(&format!("the first bad event is #{ev}"))
        .stderr_has("index dates it");
}

#[test]
fn a_deleted_or_added_device_link_is_named() {
    let (out, _sb, ev, id) = index_tampered(|c, ev| {
        c.execute("DELETE FROM audit_devices WHERE event_id = ?1", [ev])
            .unwrap();
    });
    out.code(1)
        .stderr_has(&format!("the first bad event is #{ev}"))
        .stderr_has(&format!("missing: [{id}]"));

    let (out, _sb, _, _) = index_tampered(|c, _| {
        c.execute(
            "INSERT INTO audit_devices(device_id, event_id) VALUES ('dev_planted', 2)",
            [],
        )
        .unwrap();
    });
    out.code(1)
        .stderr_has("the first bad event is #2")
        .stderr_has("not in the event: [dev_planted]");
}

#[test]
fn log_filters_and_bad_input() {
    let sb = Sandbox::new(5);
    let http = Http::new(&sb.server.url);
    for _ in 0..3 {
        http.post("/v1/auth/login", &sb.admin_token, serde_json::json!({}));
    }
    sb.run(&["devices", "list", "--show-pii", "-o", "json"])
        .ok();
    let v = sb
        .run(&["audit", "log", "--action", "auth.*", "-o", "json"])
        .json();
    let items = v.as_array().unwrap();
    assert!(items.len() >= 3);
    assert!(
        items
            .iter()
            .all(|e| e["action"].as_str().unwrap().starts_with("auth."))
    );
    let v = sb
        .run(&[
            "audit", "log", "--actor", "root", "--since", "1h", "-o", "json",
        ])
        .json();
    assert!(v.as_array().unwrap().iter().all(|e| e["actor"] == "root"));
    let dev = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "devices.pii_read")
        .unwrap()["target"]["ids"][0]
        .as_str()
        .unwrap()
        .to_string();
    let v = sb
        .run(&["audit", "log", "--device", &dev, "-o", "json"])
        .json();
    assert!(!v.as_array().unwrap().is_empty());
    let v = sb
        .run(&["audit", "log", "--limit", "2", "-o", "json"])
        .json();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let v = sb
        .run(&[
            "audit",
            "log",
            "--until",
            "2000-01-01T00:00:00Z",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(v, serde_json::json!([]));
    sb.run(&["audit", "log", "--since", "yesterday"])
        .code(2)
        .stderr_has("error:");
    sb.run(&["audit", "log", "--limit", "0"]).code(2);
    sb.run(&["audit", "export", "--format", "xml"]).code(2);
    sb.run(&["audit", "forward", "--to", "syslog+tcp://nohost"])
        .code(2)
        .stderr_has("a port is required")
        .stderr_has("hint:");
    sb.run(&[
        "audit",
        "forward",
        "--to",
        "hec+http://splunk.example.org/x",
    ])
    .code(2);
    // Auditors read the log; operators and viewers do not.
    let auditor = sb.user("audrey", "auditor");
    sb.login("aud", &auditor);
    sb.run(&["audit", "log", "-c", "aud"]).ok();
    sb.run(&["audit", "verify", "-c", "aud"]).ok();
    let op = sb.user("oscar", "operator");
    sb.login("op", &op);
    sb.run(&["audit", "log", "-c", "op"])
        .code(5)
        .stderr_has("audit:read");
}

#[test]
fn log_keeps_the_newest_and_says_when_it_cuts() {
    let env = Env::new();
    let server = Server::start_args(&env, &["--devices", "2", "--seed-audit", "2500"]);
    let sb = Sandbox::with_server(env, server);
    let total = || -> i64 {
        sb.server
            .db()
            .read(|c| c.query_row("SELECT COUNT(*) FROM audit_events", [], |r| r.get(0)))
            .unwrap()
    };
    let ids = |out: &crate::common::Out| -> Vec<i64> {
        out.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    // With or without --since: the newest 100, oldest first, and a note that it cut.
    for args in [&["audit", "log"][..], &["audit", "log", "--since", "24h"]] {
        let (h, n) = (head(&sb), total());
        let out = sb.run(&[args, &["-o", "json"]].concat());
        let got = ids(out.ok());
        assert_eq!(got, ((h - 99)..=h).collect::<Vec<_>>(), "{args:?}");
        out.stderr_has(&format!(
            "showing 100 of {n} events (the newest); use --limit N or --all"
        ));
    }
    // More than one page back (the server gives at most 1000 a page).
    let h = head(&sb);
    let out = sb.run(&["audit", "log", "--limit", "1500", "-o", "json"]);
    assert_eq!(ids(out.ok()), ((h - 1499)..=h).collect::<Vec<_>>());
    // Everything: no note. A limit above the count: no note.
    let n = total();
    let out = sb.run(&["audit", "log", "--all", "-o", "json"]);
    let all = ids(out.ok());
    assert_eq!(all.len() as i64, n);
    assert!(all.windows(2).all(|w| w[0] < w[1]));
    out.stderr_lacks("showing");
    sb.run(&["audit", "log", "--limit", "5000", "-o", "json"])
        .ok()
        .stderr_lacks("showing");
    // A filter counts its own matches.
    let alice: i64 = sb
        .server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM audit_events WHERE actor = 'alice'",
                [],
                |r| r.get(0),
            )
        })
        .unwrap();
    sb.run(&["audit", "log", "--actor", "alice", "--limit", "3"])
        .ok()
        .stderr_has(&format!("showing 3 of {alice} events"));
    // Bad input: refused before anything is fetched.
    for bad in [
        &["--limit", "0"][..],
        &["--limit", "100001"],
        &["--all", "--limit", "5"],
        &["--since", "yesterdayish"],
        &["--until", "2026-13-01"],
    ] {
        sb.run(&[&["audit", "log"][..], bad].concat())
            .code(2)
            .stderr_has("error:");
    }
}

#[test]
fn follow_in_table_mode_prints_rows_as_they_arrive() {
    let sb = Sandbox::new(3);
    let mut child = sb
        .env
        .command()
        .args(["audit", "log", "-f", "--action", "auth.login"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let http = Http::new(&sb.server.url);
    let mut lines = Vec::new();
    for round in 0..2 {
        let r = http.post("/v1/auth/login", &sb.admin_token, serde_json::json!({}));
        assert_eq!(r.status, 204);
        let deadline = Instant::now() + Duration::from_secs(30);
        while lines
            .iter()
            .filter(|l: &&String| l.contains("auth.login"))
            .count()
            < round + 1
        {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(l) => lines.push(l),
                Err(_) => panic!("no row within 30 s (round {round}): {lines:?}"),
            }
        }
    }
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(
        lines.iter().filter(|l| l.contains("ACTOR")).count(),
        1,
        "the header once: {lines:?}"
    );
    assert!(
        lines[0].contains("ID") && lines[0].contains("ACTION"),
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| l.trim_end() == l), "{lines:?}");
}

#[test]
fn follow_survives_a_server_restart_without_gaps_or_duplicates() {
    let mut sb = Sandbox::new(3);
    let mut child = sb
        .env
        .command()
        .args([
            "audit",
            "log",
            "--follow",
            "-o",
            "jsonl",
            "--action",
            "auth.login",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<i64>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let v: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(v["action"], "auth.login");
            if tx.send(v["id"].as_i64().unwrap()).is_err() {
                break;
            }
        }
    });
    let login = |sb: &Sandbox, n: usize| {
        let http = Http::new(&sb.server.url);
        for _ in 0..n {
            let r = http.post("/v1/auth/login", &sb.admin_token, serde_json::json!({}));
            assert_eq!(r.status, 204);
        }
    };
    let logins = |sb: &Sandbox| -> Vec<i64> {
        sb.server
            .db()
            .read(|c| {
                let mut st = c.prepare(
                    "SELECT id FROM audit_events WHERE action = 'auth.login' ORDER BY id",
                )?;
                let ids: Vec<i64> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
                Ok::<_, mdm_server::sql::Error>(ids)
            })
            .unwrap()
    };
    let collect = |want: &[i64]| -> Vec<i64> {
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        while seen.len() < want.len() {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(id) => seen.push(id),
                Err(_) => panic!("--follow stalled after {seen:?}; want {want:?}"),
            }
        }
        seen
    };
    login(&sb, 5);
    let first = logins(&sb);
    assert_eq!(collect(&first), first);
    // The server goes away while the follower waits, and comes back with the same data.
    sb.server.restart(&sb.env);
    login(&sb, 5);
    let all = logins(&sb);
    assert_eq!(collect(&all[first.len()..]), &all[first.len()..]);
    // Nothing more arrives: no duplicates trail behind.
    assert!(rx.recv_timeout(Duration::from_secs(2)).is_err());
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn the_journal_records_mutating_commands_without_secrets_and_detects_edits() {
    let sb = Sandbox::new(3);
    let d = devices(&sb);
    let code = sb.admin_otp();
    sb.run(&[
        "lock",
        d[0]["id"].as_str().unwrap(),
        "--otp",
        &code,
        "--no-wait",
    ])
    .ok();
    sb.run(&["devices", "list"]).ok(); // a read: not journaled
    sb.run(&["lock", "dev_nonexistent"]).code(6);
    let j = journal(&sb.env);
    let argvs: Vec<String> = j
        .iter()
        .map(|e| {
            e["argv"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert!(
        argvs.iter().all(|a| !a.contains("devices list")),
        "{argvs:?}"
    );
    let lock = j
        .iter()
        .find(|e| e["argv"][1] == "lock" && e["exit_code"] == 0)
        .unwrap();
    assert!(lock["action_id"].as_str().unwrap().starts_with("act_"));
    assert_eq!(lock["target_count"], 1);
    assert_eq!(lock["context"], "t");
    assert_eq!(lock["user"], "root");
    assert!(lock["request_id"].as_str().unwrap().starts_with("req_"));
    let text = std::fs::read_to_string(sb.env.state.join("journal.jsonl")).unwrap();
    assert!(!text.contains(&code), "the OTP reached the journal");
    assert!(
        !text.contains(&sb.admin_token),
        "the token reached the journal"
    );
    let failed = j.last().unwrap();
    assert_eq!(failed["exit_code"], 6);
    assert_ne!(failed["outcome"], "success");
    let shown = sb.run(&["audit", "journal", "-o", "json"]).json();
    assert_eq!(shown.as_array().unwrap().len(), j.len());
    sb.run(&["audit", "journal", "--verify"]).ok();
    // Editing an entry (hiding which device was locked) breaks the chain there.
    let seq = lock["seq"].as_u64().unwrap();
    let edited = text.replacen(d[0]["id"].as_str().unwrap(), "dev_somethingelse", 1);
    assert_ne!(edited, text);
    std::fs::write(sb.env.state.join("journal.jsonl"), edited).unwrap();
    sb.run(&["audit", "journal", "--verify"])
        .code(1)
        .stderr_has(&format!("first bad entry is #{seq}"));
    // Deleting one: the sequence numbers give it away.
    let lines: Vec<&str> = text.lines().collect();
    let mut without = lines.clone();
    without.remove(0);
    std::fs::write(
        sb.env.state.join("journal.jsonl"),
        without.join("\n") + "\n",
    )
    .unwrap();
    sb.run(&["audit", "journal", "--verify"]).code(1);
}
