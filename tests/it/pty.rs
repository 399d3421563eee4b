//! Interactive behaviour in a real pseudo-terminal: prompts appear on the terminal and
//! hidden input is not echoed.

use crate::common::{BIN, Sandbox};
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use std::time::Duration;

pub fn spawn(sb: &Sandbox, args: &[&str]) -> OsSession {
    let mut cmd = std::process::Command::new(BIN);
    sb.env.apply(&mut cmd);
    cmd.env("TERM", "xterm").args(args);
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    s
}

#[test]
fn login_prompts_on_the_terminal_without_echo() {
    let sb = Sandbox::new(2);
    let token = sb.user("pat", "viewer");
    sb.run(&["context", "add", "pty", "--server", &sb.server.url])
        .ok();
    let mut s = spawn(&sb, &["auth", "login", "--context", "pty"]);
    s.expect("Token for pty").unwrap();
    s.send_line(&token).unwrap();
    let seen = s.expect("Logged in to pty as pat").unwrap();
    let echoed = String::from_utf8_lossy(seen.before()).into_owned();
    assert!(!echoed.contains(&token), "the token was echoed: {echoed:?}");
    let rest = s.expect(Eof).unwrap();
    assert!(!String::from_utf8_lossy(rest.before()).contains(&token));
    sb.run(&["auth", "status", "-c", "pty", "-o", "json"])
        .ok()
        .stdout_has("\"user\": \"pat\"");
}

#[test]
fn step_up_asks_for_the_code_on_the_terminal_without_echo() {
    let sb = Sandbox::new(1);
    crate::common::away_from_step_edge(3);
    let code = sb.admin_otp();
    let mut s = spawn(&sb, &["auth", "step-up"]);
    s.expect("TOTP code for root on t").unwrap();
    s.send_line(&code).unwrap();
    let seen = s.expect("Elevated for").unwrap();
    assert!(
        !String::from_utf8_lossy(seen.before()).contains(&code),
        "the code was echoed"
    );
    s.expect(Eof).unwrap();
    let st = sb.run(&["auth", "status", "-o", "json"]).json();
    assert!(st["elevation_id"].as_str().unwrap().starts_with("elv_"));
}

#[test]
fn a_wrong_code_can_be_retyped() {
    let sb = Sandbox::new(1);
    let bob = sb.user("bob", "viewer");
    let _ = bob;
    let mut s = spawn(
        &sb,
        &["auth", "sessions", "revoke", "--all", "--user", "bob"],
    );
    s.expect("needs a step-up").unwrap();
    s.expect("TOTP code for root on t").unwrap();
    s.send_line("000000").unwrap();
    s.expect("wrong or was already used").unwrap();
    s.expect("TOTP code for root on t").unwrap();
    s.send_line(sb.otp("root")).unwrap();
    s.expect("Revoked 1 token(s)").unwrap();
    s.expect(Eof).unwrap();
}

fn online_sandbox(extra: &[&str]) -> Sandbox {
    Sandbox::online(30, 150, extra)
}

fn a_device(sb: &Sandbox) -> (String, String) {
    let v = sb
        .run(&["devices", "list", "--limit", "1", "-o", "json"])
        .json();
    (
        v[0]["id"].as_str().unwrap().to_string(),
        v[0]["serial"].as_str().unwrap().to_string(),
    )
}

#[test]
fn wipe_asks_for_the_serial_then_the_code_and_shows_progress() {
    let sb = online_sandbox(&[]);
    let (id, serial) = a_device(&sb);
    let mut s = spawn(&sb, &["wipe", &id]);
    s.expect(format!("Type `{serial}` to confirm").as_str())
        .unwrap();
    s.send_line(&serial).unwrap();
    s.expect("TOTP code for root on t").unwrap();
    let code = sb.otp("root");
    s.send_line(&code).unwrap();
    let done = s.expect("completed").unwrap();
    assert!(
        !String::from_utf8_lossy(done.before()).contains(&code),
        "the code was echoed"
    );
    s.expect(Eof).unwrap();
    assert_eq!(
        sb.run(&["devices", "show", &id, "-o", "json"]).json()["status"],
        "wiped"
    );
}

#[test]
fn a_wrong_typed_phrase_aborts_with_nothing_sent() {
    let sb = online_sandbox(&[]);
    let mut s = spawn(&sb, &["lock", "--group", "engineering"]);
    s.expect("to confirm").unwrap();
    s.send_line("lock all the things").unwrap();
    s.expect("the confirmation does not match; nothing was sent")
        .unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(
        sb.run(&["actions", "list", "-o", "json"]).json(),
        serde_json::json!([])
    );
}

/// The 409 race through the CLI: a device joins the group while the admin reads the
/// preview; the typed phrase names the old count and the server refuses the action.
#[test]
fn a_device_joining_during_confirmation_is_caught() {
    let sb = online_sandbox(&[]);
    let n = sb
        .run(&["devices", "list", "--all", "--group", "sales", "-o", "json"])
        .json()
        .as_array()
        .unwrap()
        .len();
    let code = sb.otp("root");
    let mut s = spawn(&sb, &["lock", "--group", "sales", "--otp", &code]);
    s.expect("to confirm").unwrap();
    // Another device joins the group while the prompt waits.
    let sales = sb.device_ids(&["--group", "sales"]);
    let outsider = sb
        .device_ids(&[])
        .into_iter()
        .find(|id| !sales.contains(id))
        .unwrap();
    sb.server.fixture_group("sales", &[outsider]);
    s.send_line(format!("lock {n} devices in t")).unwrap();
    s.expect("the target changed since the preview").unwrap();
    s.expect("run the command again").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(
        sb.run(&["actions", "list", "-o", "json"]).json(),
        serde_json::json!([])
    );
}

#[test]
fn ctrl_c_detaches_without_cancelling() {
    let sb = {
        let env = crate::common::Env::new();
        let server = crate::common::Server::start_args(
            &env,
            &[
                "--devices",
                "30",
                "--tick-ms",
                "150",
                "--offline-percent",
                "100",
            ],
        );
        Sandbox::with_server(env, server)
    };
    let out = sb.run(&["lock", "--group", "engineering", "--confirm", "x"]);
    let phrase = out.stderr.split('`').nth(1).unwrap().to_string();
    sb.run(&[
        "lock",
        "--group",
        "engineering",
        "--confirm",
        &phrase,
        "--otp",
        &sb.admin_otp(),
        "--no-wait",
    ])
    .ok();
    let id = sb.run(&["actions", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut s = spawn(&sb, &["actions", "watch", &id]);
    s.expect("offline: they get it").unwrap();
    s.send(expectrl::ControlCode::EndOfText).unwrap();
    s.expect(format!("detached from {id}: it keeps running").as_str())
        .unwrap();
    s.expect(format!("mdm actions cancel {id}").as_str())
        .unwrap();
    s.expect(Eof).unwrap();
    let status = s.get_process_mut().wait().unwrap();
    assert!(format!("{status:?}").contains("130"), "{status:?}");
    assert_eq!(
        sb.run(&["actions", "show", &id, "-o", "json"]).json()["status"],
        "running"
    );
}

/// A policy changed by someone else while the admin reads the plan: the apply is refused
/// and nothing of it lands.
#[test]
fn a_policy_changed_during_confirmation_is_refused() {
    let sb = Sandbox::new(1);
    let dir = sb.env.root.path();
    std::fs::write(
        dir.join("v1.yaml"),
        "name: base\npasscode:\n  min_length: 10\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("weaker.yaml"),
        "name: base\npasscode:\n  min_length: 6\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("other.yaml"),
        "name: base\npasscode:\n  min_length: 12\n",
    )
    .unwrap();
    sb.run(&[
        "policy",
        "apply",
        "-f",
        dir.join("v1.yaml").to_str().unwrap(),
    ])
    .ok();
    let mut s = spawn(
        &sb,
        &[
            "policy",
            "apply",
            "-f",
            dir.join("weaker.yaml").to_str().unwrap(),
            "--otp",
            &sb.admin_otp(),
        ],
    );
    s.expect("Type `weaken base in t` to confirm").unwrap();
    sb.run(&[
        "policy",
        "apply",
        "-f",
        dir.join("other.yaml").to_str().unwrap(),
    ])
    .ok();
    s.send_line("weaken base in t").unwrap();
    s.expect("changed (now version 2, the plan saw version 1)")
        .unwrap();
    s.expect("run `mdm policy diff` again").unwrap();
    s.expect(Eof).unwrap();
    let shown = sb.run(&["policy", "show", "base", "-o", "json"]).json();
    assert_eq!(shown["policy"]["passcode"]["min_length"], 12);
    assert_eq!(shown["version"], 2);
}

/// The responder's drill at a terminal: one code for the freeze, then the phrases.
#[test]
fn the_containment_drill_at_a_terminal() {
    let sb = Sandbox::new(3);
    let victim = sb.user("mallory", "admin");
    let _ = victim;
    crate::common::away_from_step_edge(3);
    let code = sb.admin_otp();
    let mut s = spawn(&sb, &["incident", "freeze", "--message", "INC-7"]);
    s.expect("TOTP code for root on t").unwrap();
    s.send_line(&code).unwrap();
    s.expect("Froze changes on t").unwrap();
    s.expect(Eof).unwrap();
    // The elevation is cached: only the phrase is asked now.
    let mut s = spawn(&sb, &["incident", "revoke-sessions", "--all-except-me"]);
    s.expect("Type `revoke ").unwrap();
    let seen = s.expect(" sessions in t` to confirm").unwrap();
    let n = String::from_utf8_lossy(seen.before()).trim().to_string();
    s.send_line(format!("revoke {n} sessions in t")).unwrap();
    s.expect("next request fails with 401").unwrap();
    s.expect(Eof).unwrap();
    // A wrong phrase leaves the freeze on.
    let mut s = spawn(&sb, &["incident", "unfreeze"]);
    s.expect("Type `unfreeze t` to confirm").unwrap();
    s.send_line("unfreeze").unwrap();
    s.expect("does not match").unwrap();
    s.expect(Eof).unwrap();
    let f = sb.run(&["auth", "status", "-o", "json"]).json();
    assert_eq!(f["freeze"]["frozen"], true);
    let mut s = spawn(&sb, &["incident", "unfreeze"]);
    s.expect("Type `unfreeze t` to confirm").unwrap();
    s.send_line("unfreeze t").unwrap();
    s.expect("needs a second admin").unwrap();
    s.expect(Eof).unwrap();
    crate::gate_attacks::second_admin_unfreezes(&sb);
}

/// Finding 8: every character unsafe for a terminal (Cc, Cf, Zl, Zp, bidi controls, tag
/// characters) is escaped in every format written to a terminal — `\u202e` in
/// JSON/JSONL/YAML, which parses back to the same value — and JSON to a pipe stays exact.
#[test]
fn invisible_characters_never_reach_the_terminal_in_any_format() {
    let sb = Sandbox::new(0);
    let names = [
        "rtl \u{202e}gnp.exe",
        "line\u{2028}sep\u{2029}para",
        "zero\u{200b}width\u{200c}\u{200d}joiners\u{2060}\u{feff}",
        "tags\u{e0001}\u{e0041}\u{e007f}",
        "esc \x1b[2J bel\x07 c1\u{9b}",
    ];
    for n in names {
        sb.server.fixture_device(serde_json::json!({ "name": n }));
    }
    let unsafe_char = |c: char| mdm_model::escape::needs_escape(c) && !matches!(c, '\n' | '\r');
    for format in ["table", "json", "jsonl", "yaml", "csv"] {
        // No colour: the only escape sequences allowed are none at all.
        let mut args = vec!["devices", "list", "--color", "never", "-o", format];
        if matches!(format, "table" | "csv") {
            args.extend(["--columns", "id,name"]); // narrow enough not to wrap
        }
        let mut s = spawn(&sb, &args);
        let out = s.expect(Eof).unwrap();
        let text = String::from_utf8_lossy(out.get(0).unwrap_or_default()).into_owned();
        assert!(
            !text.chars().any(unsafe_char),
            "{format}: an unsafe character reached the terminal: {text:?}"
        );
        match format {
            "json" | "jsonl" | "yaml" => {
                assert!(text.contains("\\u202e"), "{format}: {text}");
                assert!(text.contains("\\u2028"), "{format}: {text}");
                let back: Vec<String> = if format == "yaml" {
                    let v: serde_json::Value =
                        serde_norway::from_str(&text.replace("\r\n", "\n")).unwrap();
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|d| d["name"].as_str().unwrap().to_string())
                        .collect()
                } else if format == "json" {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|d| d["name"].as_str().unwrap().to_string())
                        .collect()
                } else {
                    text.lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| {
                            let v: serde_json::Value = serde_json::from_str(l.trim()).unwrap();
                            v["name"].as_str().unwrap().to_string()
                        })
                        .collect()
                };
                assert_eq!(back, names, "{format} on a terminal parses back exactly");
            }
            _ => assert!(text.contains("\\u{202e}"), "{format}: {text}"),
        }
    }
    // To a pipe, JSON is exact: the raw characters, as the server has them.
    let json = sb.run(&["devices", "list", "-o", "json"]).json();
    let got: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(got, names);
}

/// Issue 15, item 1 (in part): a pseudo-terminal that reports no width (`script` with no
/// terminal around it, as on many CI runners) gets an 80-column table, not a column of
/// single letters per cell: every id and serial comes out whole on one line.
#[test]
fn a_terminal_of_width_zero_gets_80_columns() {
    let sb = Sandbox::new(3);
    let mut cmd = std::process::Command::new("script");
    sb.env.apply(&mut cmd);
    cmd.env("TERM", "xterm")
        .args([
            "-qec",
            &format!("{BIN} devices list --columns id,serial,name,platform,status,owner_name"),
            "/dev/null",
        ])
        .stdin(std::process::Stdio::null());
    let out = cmd.output().expect("script runs");
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(out.status.success(), "{text}");
    let header = text
        .lines()
        .find(|l| l.contains("SERIAL"))
        .unwrap_or_else(|| panic!("no header line: {text}"));
    assert!(
        header.contains("ID") && header.contains("PLATFORM"),
        "{header}"
    );
    let listed = sb.run(&["devices", "list", "-o", "json"]).ok().json();
    for d in listed.as_array().unwrap() {
        for key in ["id", "serial"] {
            let v = d[key].as_str().unwrap();
            assert!(
                text.lines().any(|l| l.contains(v)),
                "{key} {v} is not whole on one line:\n{text}"
            );
        }
    }
    // The table's lines (stderr's hints share the terminal here) fit 80 columns.
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("dev_")).collect();
    assert_eq!(rows.len(), 3, "one line per device: {text:?}");
    assert!(rows.iter().all(|l| l.chars().count() <= 80), "{text}");
    assert!(rows.iter().all(|l| l.trim_end() == *l), "{text:?}");
}

/// A pty of a given size, through `stty` before the command starts.
fn spawn_sized(sb: &Sandbox, cols: u16, args: &[&str]) -> OsSession {
    let mut cmd = std::process::Command::new("sh");
    sb.env.apply(&mut cmd);
    cmd.env("TERM", "xterm")
        .arg("-c")
        .arg(format!("stty cols {cols} rows 40; exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args);
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    s
}

#[test]
fn follow_in_table_mode_prints_rows_on_the_terminal_as_they_arrive() {
    let sb = Sandbox::new(2);
    let mut s = spawn_sized(&sb, 100, &["audit", "log", "-f", "--action", "auth.*"]);
    let http = crate::common::http::Http::new(&sb.server.url);
    for n in 0..2 {
        let r = http.post("/v1/auth/login", &sb.admin_token, serde_json::json!({}));
        assert_eq!(r.status, 204, "login {n}");
        s.expect("auth.login").unwrap();
    }
    s.send(expectrl::ControlCode::EndOfText).unwrap();
    let rest = s.expect(Eof).unwrap();
    let _ = rest;
}

/// Runs a command to its end in a pty of `cols` columns (through `script`) and returns
/// what the terminal showed, stdout and stderr together.
fn run_sized(sb: &Sandbox, cols: u16, args: &[&str]) -> String {
    let mut cmd = std::process::Command::new("script");
    sb.env.apply(&mut cmd);
    let line = format!("stty cols {cols} rows 40; exec {BIN} {}", args.join(" "));
    cmd.env("TERM", "xterm")
        .args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::null());
    let out = cmd.output().expect("script runs");
    String::from_utf8_lossy(&out.stdout).replace('\r', "")
}

#[test]
fn sixty_columns_keep_ids_and_serials_whole() {
    let sb = Sandbox::new(6);
    let listed = sb.run(&["devices", "list", "-o", "json"]).ok().json();
    let text = run_sized(
        &sb,
        60,
        &[
            "devices",
            "list",
            "--columns",
            "id,serial,name,platform,status,owner_name",
        ],
    );
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("dev_")).collect();
    assert_eq!(rows.len(), 6, "one line per device: {text:?}");
    for d in listed.as_array().unwrap() {
        for key in ["id", "serial"] {
            let v = d[key].as_str().unwrap();
            assert!(rows.iter().any(|l| l.contains(v)), "{v} not whole:\n{text}");
        }
    }
    assert!(text.contains('…'), "the other columns are cut: {text}");
    assert!(rows.iter().all(|l| l.chars().count() <= 60), "{text}");
    // The wipe preview (the ids people copy into a wipe) keeps them whole too.
    let text = run_sized(&sb, 60, &["wipe", "--all", "--reason", "t", "--dry-run"]);
    for d in listed.as_array().unwrap() {
        let v = d["id"].as_str().unwrap();
        assert!(
            text.lines().any(|l| l.contains(v)),
            "{v} not whole:\n{text}"
        );
    }
}

#[test]
fn key_value_views_are_aligned_lines_without_trailing_space() {
    let sb = Sandbox::new(2);
    let dev = sb.run(&["devices", "list", "-o", "json"]).ok().json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for args in [
        &["auth", "status"][..],
        &["devices", "show", &dev],
        &["context", "show"],
    ] {
        let out = sb.run(args);
        out.ok();
        assert!(!out.stdout.is_empty(), "{args:?}");
        for l in out.stdout.lines() {
            assert_eq!(l.trim_end(), l, "{args:?}: trailing space in {l:?}");
            assert!(
                l.is_empty() || regex_like_key(l),
                "{args:?}: not a `key  value` line: {l:?}"
            );
        }
    }
}

/// `^[a-z_0-9]+( {2,}\S.*)?$` without a regex crate.
fn regex_like_key(l: &str) -> bool {
    let key_end = l
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        .unwrap_or(l.len());
    if key_end == 0 {
        return false;
    }
    let rest = &l[key_end..];
    rest.is_empty() || (rest.starts_with("  ") && !rest.trim_start().is_empty())
}

#[test]
fn removing_the_current_context_asks_for_its_name() {
    let sb = Sandbox::new(1);
    let mut s = spawn(&sb, &["context", "remove", "t"]);
    s.expect("Remove the current context t and its stored credentials? Type `t` to confirm")
        .unwrap();
    s.send_line("prod").unwrap();
    s.expect(Eof).unwrap();
    let status = s.get_process_mut().wait().unwrap();
    assert!(format!("{status:?}").contains(", 3)"), "{status:?}");
    sb.run(&["auth", "status"]).ok();
    let mut s = spawn(&sb, &["context", "remove", "t"]);
    s.expect("Type `t` to confirm").unwrap();
    s.send_line("t").unwrap();
    s.expect("Removed context t").unwrap();
    s.expect(Eof).unwrap();
    sb.run(&["context", "list", "-o", "json"])
        .ok()
        .stdout_has("[]");
}
