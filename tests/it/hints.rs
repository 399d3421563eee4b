//! Hints that lead somewhere: each names the context, the group, the platform or the
//! command that actually helps, and refusals that can be known early come early.

use crate::common::{Env, Sandbox, Server};
use serde_json::Value;

fn count(v: &Value) -> usize {
    v.as_array().unwrap().len()
}

#[test]
fn an_expired_token_hint_names_its_context_and_login_warns_before_replacing() {
    let sb = Sandbox::new(3);
    let token = sb.user("boss", "operator");
    sb.login("boss", &token);
    sb.run(&["devices", "list", "-c", "boss"]).ok();
    // A second login over a stored token says so.
    let again = sb.user("boss2", "operator");
    let out = sb.env.run_with_stdin(
        &["auth", "login", "--context", "boss", "--with-token"],
        Some(&again),
    );
    out.ok()
        .stderr_has("replacing the token stored for context boss");
    sb.run(&["auth", "sessions", "revoke", "--all", "-c", "boss"])
        .ok();
    sb.run(&["devices", "list", "-c", "boss"])
        .code(4)
        .stderr_has("`mdm auth login --context boss`");
}

#[test]
fn groups_and_filters_combine_and_typos_get_a_suggestion() {
    let sb = Sandbox::new(60);
    let want = count(
        &sb.run(&[
            "devices",
            "list",
            "--all",
            "--group",
            "sales",
            "--platform",
            "ios",
            "-o",
            "json",
        ])
        .json(),
    );
    assert!(want > 0);
    let p = sb
        .run(&[
            "lock",
            "--group",
            "sales",
            "--filter",
            "platform = ios",
            "--dry-run",
            "-o",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(p["count"].as_u64().unwrap() as usize, want, "{p:#}");
    sb.run(&["lock", "--all", "--group", "sales"]).code(2);
    sb.run(&["lock", "dev_1", "--group", "sales"]).code(2);
    sb.run(&["lock", "dev_1", "--filter", "platform = ios"])
        .code(2);
    for args in [
        &["lock", "--group", "field-team", "--dry-run"][..],
        &["devices", "list", "--group", "field-team"],
        &["groups", "show", "field-team"],
    ] {
        sb.run(args)
            .code(6)
            .stderr_has("did you mean \"field-ops\"?");
    }
    sb.run(&["groups", "show", "payroll"])
        .code(6)
        .stderr_lacks("did you mean");
}

#[test]
fn an_unsupported_option_hints_the_platforms_that_have_it() {
    let sb = Sandbox::new(60);
    sb.add_app("t", &sb.otp("root"), "Notes", "ios", b"the real package");
    let out = sb.run(&["push", "app", "Notes", "--group", "sales", "--dry-run"]);
    out.code(2)
        .stderr_has("--group sales --filter 'platform = ios'")
        .stderr_lacks("windows'");
}

#[test]
fn a_filter_error_keeps_its_lines_and_the_caret_under_the_column() {
    let sb = Sandbox::new(2);
    let out = sb.run(&["devices", "list", "--filter", "platform = "]);
    out.code(2).stderr_lacks("\\n");
    let lines: Vec<&str> = out.stderr.lines().collect();
    let expr = lines
        .iter()
        .position(|l| l.ends_with("platform = ") || l.ends_with("platform ="))
        .unwrap_or_else(|| panic!("no line with the expression: {}", out.stderr));
    assert!(
        lines[expr + 1].trim_start().starts_with('^'),
        "{}",
        out.stderr
    );
}

#[test]
fn empty_ids_are_usage_errors_and_nothing_is_sent() {
    let sb = Sandbox::new(2);
    for args in [
        &["devices", "show", ""][..],
        &["devices", "show", "  "],
        &["actions", "show", ""],
        &["groups", "show", ""],
        &["policy", "show", ""],
        &["apps", "show", ""],
    ] {
        let out = sb.run(&[args, &["-v"]].concat());
        out.code(2).stderr_lacks("no such route");
        assert!(
            !out.stderr.contains("> GET"),
            "{args:?} sent a request:\n{}",
            out.stderr
        );
    }
    sb.run(&["devices", "show", ".."]).code(6);
}

#[test]
fn early_refusals_come_before_the_preview_and_the_phrase() {
    let env = Env::new();
    let server = Server::start_args(&env, &["--devices", "20", "--approval-threshold", "3"]);
    let sb = Sandbox::with_server(env, server);
    let previews = || -> i64 {
        sb.server
            .db()
            .read(|c| {
                c.query_row(
                    "SELECT COUNT(*) FROM audit_events WHERE action = 'action.preview'",
                    [],
                    |r| r.get(0),
                )
            })
            .unwrap()
    };
    let before = previews();
    sb.run(&["wipe", "--all"])
        .code(2)
        .stderr_has("--all needs --reason");
    assert_eq!(previews(), before, "no preview was asked for");
    // Self-approval: refused before any phrase is asked for.
    let ids = sb.device_ids(&[]);
    let targets: Vec<&str> = ids.iter().take(4).map(String::as_str).collect();
    let out = sb.run(
        &[
            &["retire"][..],
            &targets,
            &[
                "--reason",
                "t",
                "--confirm",
                "retire 4 devices in t",
                "--otp",
                &sb.admin_otp(),
                "--no-wait",
                "-o",
                "json",
            ],
        ]
        .concat(),
    );
    out.code(8);
    let id = out.json()["id"].as_str().unwrap().to_string();
    sb.run(&["approvals", "approve", &id])
        .code(5)
        .stderr_has("a second admin must approve it")
        .stderr_has("sandbox user add")
        .stderr_lacks("Type");
}

#[test]
fn show_failed_devices_says_when_there_are_none() {
    let sb = Sandbox::online(4, 100, &[]);
    let ids = sb.device_ids(&[]);
    sb.run(&["lock", &ids[0]]).ok();
    let id = sb.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    sb.run(&["actions", "show", &id, "--devices", "failed"])
        .ok()
        .stderr_has(&format!("no failed devices in {id} (1 acknowledged"));
    let v = sb
        .run(&["actions", "show", &id, "--devices", "failed", "-o", "json"])
        .ok()
        .json();
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn policy_errors_say_what_to_write_not_rust_types() {
    let sb = Sandbox::new(2);
    let f = sb.env.root.path().join("p.yaml");
    std::fs::write(&f, "name: p\nencryption: true\n").unwrap();
    sb.run(&["policy", "validate", f.to_str().unwrap()])
        .code(2)
        .stderr_has("p.yaml:2:")
        .stderr_has("expected a mapping of")
        .stderr_lacks("struct");
}

#[test]
fn sandbox_otp_after_switching_to_another_context() {
    let env = Env::new();
    env.run(&["sandbox", "up", "--devices", "3"]).ok();
    env.run(&[
        "context",
        "add",
        "prod",
        "--server",
        "https://mdm.example.org",
    ])
    .ok();
    env.run(&["context", "use", "prod"]).ok();
    let out = env.run(&["sandbox", "otp"]);
    out.ok()
        .stderr_has("using context sandbox (the running sandbox)")
        .stderr_has("the current context prod is not the sandbox");
    assert_eq!(out.stdout.trim().len(), 6, "{}", out.stdout);
    env.run(&["sandbox", "otp", "-c", "prod"])
        .code(2)
        .stderr_has("not the local sandbox");
    env.run(&["context", "use", "sandbox"]).ok();
    env.run(&["sandbox", "down", "--purge"]).ok();
}

#[test]
fn breakglass_end_without_an_id_finds_the_session() {
    let sb = Sandbox::new(2);
    let activate = |user: &str, ctx: &str| -> String {
        let token = sb.user(user, "breakglass");
        sb.login(ctx, &token);
        sb.run(&[
            "breakglass",
            "activate",
            "-c",
            ctx,
            "--reason",
            "outage",
            "--ticket",
            "INC-1",
            "--otp",
            &sb.otp(user),
            "-o",
            "json",
        ])
        .ok()
        .json()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // An admin with one active session in the fleet ends that one.
    let one = activate("glass", "g1");
    sb.run(&["breakglass", "end"]).ok().stderr_has(&one);
    // Two active: the admin is told which.
    let a = activate("glass2", "g2");
    let b = activate("glass3", "g3");
    sb.run(&["breakglass", "end"])
        .code(1)
        .stderr_has(&a)
        .stderr_has(&b);
    // The holder's own context always finds its own.
    sb.run(&["breakglass", "end", "-c", "g2"]).ok();
    sb.run(&["breakglass", "end"]).ok().stderr_has(&b);
}
