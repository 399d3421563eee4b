//! Enrollment tokens, bulk CSV, the trusted app catalog, pushes and staged rollouts.

use crate::common::http::Http;
use crate::common::{Env, Sandbox, Server, otp_at};
use serde_json::{Value, json};

fn sandbox(extra: &[&str]) -> Sandbox {
    Sandbox::online(60, 150, extra)
}

fn enroll_device(sb: &Sandbox, token: &str, extra: &[&str]) -> crate::common::Out {
    let mut args = vec!["sandbox", "enroll-device", "-", "-o", "json"];
    args.extend_from_slice(extra);
    sb.env.run_with_stdin(&args, Some(token))
}

fn count(sb: &Sandbox, sql: &str) -> i64 {
    sb.server
        .db()
        .read(|c| c.query_row(sql, [], |r| r.get(0)))
        .unwrap()
}

#[test]
fn enrollment_lifecycle() {
    let sb = sandbox(&[]);
    let out = sb.run(&[
        "enroll",
        "create",
        "--user",
        "jane.doe@example.org",
        "--group",
        "kiosks",
        "--platform",
        "android",
        "-o",
        "json",
    ]);
    let e = out.ok().json();
    let token = e["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("mdm_enr_"));
    assert!(
        e["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("#token={token}"))
    );
    assert_eq!(e["status"], "unused");
    // The device enrolls (with the URL, as a QR scanner would) and shows up in its group.
    let d = enroll_device(&sb, e["url"].as_str().unwrap(), &["--name", "Kiosk 7"]);
    let device = d.ok().json();
    assert_eq!(device["platform"], "android");
    assert_eq!(device["groups"], json!(["kiosks"]));
    let kiosks = sb
        .run(&[
            "devices", "list", "--all", "--group", "kiosks", "-o", "json",
        ])
        .json();
    assert!(
        kiosks
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == device["id"] && x["name"] == "Kiosk 7")
    );
    let shown = sb
        .run(&[
            "devices",
            "show",
            device["id"].as_str().unwrap(),
            "--show-pii",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(shown["owner_email"], "jane.doe@example.org");
    // Single use: a second device is refused.
    enroll_device(&sb, &token, &[])
        .code(1)
        .stderr_has("already used");
    let listed = sb.run(&["enroll", "list", "-o", "json"]).json();
    assert_eq!(listed[0]["status"], "used");
    // A platform mismatch is refused.
    let ios_only = sb
        .run(&[
            "enroll",
            "create",
            "--user",
            "a@example.org",
            "--platform",
            "ios",
            "-o",
            "json",
        ])
        .json();
    enroll_device(
        &sb,
        ios_only["token"].as_str().unwrap(),
        &["--platform", "windows"],
    )
    .code(1)
    .stderr_has("for ios devices");
    // Expired.
    let short = sb
        .run(&[
            "enroll",
            "create",
            "--user",
            "b@example.org",
            "--expires",
            "1s",
            "-o",
            "json",
        ])
        .json();
    sb.server.advance_clock(2);
    enroll_device(&sb, short["token"].as_str().unwrap(), &[])
        .code(1)
        .stderr_has("has expired");
    // Revoked.
    let r = sb
        .run(&[
            "enroll",
            "create",
            "--user",
            "c@example.org",
            "--uses",
            "3",
            "-o",
            "json",
        ])
        .json();
    sb.run(&["enroll", "revoke", r["id"].as_str().unwrap()])
        .ok()
        .stderr_has("Revoked");
    enroll_device(&sb, r["token"].as_str().unwrap(), &[])
        .code(1)
        .stderr_has("was revoked");
    // A made-up token.
    enroll_device(&sb, "mdm_enr_madeup", &[])
        .code(1)
        .stderr_has("not valid");
    // revoke --all-unused leaves used ones alone.
    sb.run(&["enroll", "create", "--user", "d@example.org"])
        .ok();
    sb.run(&["enroll", "create", "--user", "e@example.org"])
        .ok();
    let n = sb
        .run(&[
            "enroll",
            "revoke",
            "--all-unused",
            "--reason",
            "rotation",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(n["revoked"], 3, "d, e and the platform-mismatch one");
    // Tokens are stored hashed; every step is audited.
    let db = std::fs::read(sb.server.db_dir.join("mdm.sqlite3")).unwrap();
    let wal = std::fs::read(sb.server.db_dir.join("mdm.sqlite3-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()));
    }
    assert_eq!(
        count(
            &sb,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'enrollment.create'"
        ),
        6
    );
    assert_eq!(
        count(
            &sb,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'enrollment.consume' AND outcome = 'success'"
        ),
        1
    );
    assert!(
        count(
            &sb,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'enrollment.consume' AND outcome = 'failure'"
        ) >= 5
    );
    assert_eq!(
        count(
            &sb,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'enrollment.revoke_unused'"
        ),
        1
    );
    // Bad input.
    sb.run(&["enroll", "create", "--user", "not-an-email"])
        .code(2);
    sb.run(&[
        "enroll",
        "create",
        "--user",
        "x@example.org",
        "--group",
        "nope",
    ])
    .code(2)
    .stderr_has("unknown group");
    sb.run(&[
        "enroll",
        "create",
        "--user",
        "x@example.org",
        "--expires",
        "365d",
    ])
    .code(2);
}

fn csv_with_bad_rows() -> (String, Vec<usize>) {
    let mut s = String::from("email,platform,group\n");
    let mut bad = Vec::new();
    for i in 0..50 {
        let line = i + 2;
        match i {
            7 => {
                s.push_str("not-an-email,ios,sales\n");
                bad.push(line);
            }
            19 => {
                s.push_str("user19@example.org,beos,sales\n");
                bad.push(line);
            }
            33 => {
                s.push_str("user33@example.org,android,no-such-group\n");
                bad.push(line);
            }
            _ => s.push_str(&format!(
                "\"user{i}@example.org\",{},{}\n",
                ["ios", "android", ""][i % 3],
                ["sales", "", "kiosks"][i % 3]
            )),
        }
    }
    (s, bad)
}

#[test]
fn bulk_csv_reports_every_bad_row_and_is_all_or_nothing() {
    let sb = sandbox(&[]);
    let (csv, bad) = csv_with_bad_rows();
    let file = sb.env.root.path().join("users.csv");
    std::fs::write(&file, csv).unwrap();
    let f = file.to_str().unwrap();
    let out = sb.run(&["enroll", "bulk", f]);
    out.code(2)
        .stderr_has("3 of 50 rows are invalid; nothing was created");
    for line in &bad {
        out.stderr_has(&format!("users.csv:{line}:"));
    }
    out.stderr_has("has no @")
        .stderr_has("unknown platform \"beos\"")
        .stderr_has("unknown group \"no-such-group\"");
    assert_eq!(count(&sb, "SELECT COUNT(*) FROM enrollments"), 0);
    sb.run(&["enroll", "bulk", f, "--dry-run", "--skip-invalid"])
        .ok()
        .stderr_has("47 valid row(s)");
    assert_eq!(count(&sb, "SELECT COUNT(*) FROM enrollments"), 0);
    let dest = sb.env.root.path().join("tokens.csv");
    sb.run(&[
        "enroll",
        "bulk",
        f,
        "--skip-invalid",
        "--out",
        dest.to_str().unwrap(),
    ])
    .ok()
    .stderr_has("Created 47 enrollment token(s); skipped 3");
    assert_eq!(count(&sb, "SELECT COUNT(*) FROM enrollments"), 47);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let mut rdr = csv::Reader::from_path(&dest).unwrap();
    assert_eq!(
        rdr.headers().unwrap(),
        vec!["user", "token", "url", "expires_at"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 47);
    assert!(rows.iter().all(|r| r[1].starts_with("mdm_enr_")));
    // Never overwrite a file of tokens.
    sb.run(&[
        "enroll",
        "bulk",
        f,
        "--skip-invalid",
        "--out",
        dest.to_str().unwrap(),
    ])
    .code(2)
    .stderr_has("refusing to overwrite");
    assert_eq!(
        count(&sb, "SELECT COUNT(*) FROM enrollments"),
        47,
        "nothing created when the output cannot be written"
    );
    // A token from the file works.
    enroll_device(&sb, &rows[0][1], &[]).ok();
    // Duplicates and odd files.
    let dup = sb.env.root.path().join("dup.csv");
    std::fs::write(
        &dup,
        "\u{feff}User,Platform\r\na@example.org,ios\r\nA@example.org,ios\r\n",
    )
    .unwrap();
    sb.run(&["enroll", "bulk", dup.to_str().unwrap()])
        .code(2)
        .stderr_has("dup.csv:3: duplicate of line 2");
    let wrong = sb.env.root.path().join("wrong.csv");
    std::fs::write(&wrong, "name,phone\nx,y\n").unwrap();
    sb.run(&["enroll", "bulk", wrong.to_str().unwrap()])
        .code(2)
        .stderr_has("unknown column");
    sb.run(&["enroll", "bulk", "/nonexistent.csv"]).code(2);
}

#[test]
fn bulk_handles_ten_thousand_rows() {
    let sb = sandbox(&[]);
    let mut s = String::from("email\n");
    for i in 0..10_000 {
        s.push_str(&format!("person{i}@example.org\n"));
    }
    let file = sb.env.root.path().join("big.csv");
    std::fs::write(&file, s).unwrap();
    let out = sb.run(&["enroll", "bulk", file.to_str().unwrap()]);
    out.ok();
    assert_eq!(out.stdout.lines().count(), 10_001);
    assert_eq!(count(&sb, "SELECT COUNT(*) FROM enrollments"), 10_000);
}

fn add_app(sb: &Sandbox, name: &str, platform: &str, content: &[u8]) -> String {
    sb.add_app("t", &sb.otp("root"), name, platform, content)
}

#[test]
fn the_catalog_pins_hashes_and_pushes_are_gated() {
    let sb = sandbox(&[]);
    // Adding to the catalog needs a step-up.
    let pkg = sb.env.root.path().join("x.pkg");
    std::fs::write(&pkg, b"x").unwrap();
    sb.run(&[
        "apps",
        "add",
        "--name",
        "X",
        "--version",
        "1",
        "--bundle-id",
        "x",
        "--platform",
        "ios",
        "--package",
        pkg.to_str().unwrap(),
    ])
    .code(3);
    let id = add_app(&sb, "Notes", "ios", b"the real package");
    let listed = sb.run(&["apps", "list", "-o", "json"]).json();
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(
        sb.run(&["apps", "show", "Notes@1.0", "-o", "json"]).json()["id"],
        id.as_str()
    );
    sb.run(&["apps", "show", "Nope"]).code(6);
    // A tampered package is refused by the server.
    let bad = sb.env.root.path().join("tampered.pkg");
    std::fs::write(&bad, b"the real package, with spyware").unwrap();
    let ios: Value = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--platform",
            "ios",
            "-o",
            "json",
        ])
        .json();
    let one = ios[0]["id"].as_str().unwrap();
    sb.run(&[
        "push",
        "app",
        "Notes",
        one,
        "--package",
        bad.to_str().unwrap(),
    ])
    .code(1)
    .stderr_has("does not match the catalog's pinned hash");
    // One device: no gate. The right package: fine.
    let good = sb.env.root.path().join("Notes.pkg");
    sb.run(&[
        "push",
        "app",
        "Notes",
        one,
        "--package",
        good.to_str().unwrap(),
    ])
    .ok()
    .stderr_has("completed");
    // An iOS app cannot go to Android devices: refused before sending.
    let android: Value = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--platform",
            "android",
            "-o",
            "json",
        ])
        .json();
    sb.run(&["push", "app", "Notes", android[0]["id"].as_str().unwrap()])
        .code(2)
        .stderr_has("is not supported on android");
    // Several devices: step-up and the exact phrase (after dropping the elevation that
    // adding the app left in the keyring).
    sb.run(&["auth", "step-down"])
        .ok()
        .stderr_has("Dropped elevation");
    let n = ios.as_array().unwrap().len();
    sb.run(&["push", "app", "Notes", "--filter", "platform = ios"])
        .code(3)
        .stderr_has(&format!(
            "--confirm \"push {n} devices in t ({} this hour)\"",
            n + 1
        ));
    sb.run(&[
        "push",
        "app",
        "Notes",
        "--filter",
        "platform = ios",
        "--confirm",
        &format!("push {} devices in t", n - 1),
    ])
    .code(3);
    sb.run(&[
        "push",
        "app",
        "Notes",
        "--filter",
        "platform = ios",
        "--confirm",
        &format!("push {n} devices in t ({} this hour)", n + 1),
    ])
    .code(3)
    .stderr_has("needs a step-up");
    assert_eq!(count(&sb, "SELECT COUNT(*) FROM actions"), 1);
    sb.run(&[
        "push",
        "app",
        "Notes",
        "--filter",
        "platform = ios",
        "--confirm",
        &format!("push {n} devices in t ({} this hour)", n + 1),
        "--otp",
        &sb.otp("root"),
    ])
    .ok();
    assert_eq!(count(&sb, "SELECT COUNT(*) FROM device_apps"), n as i64);
    // The push is audited with the pinned hash.
    let ev: String = sb
        .server
        .db()
        .read(|c| c.query_row("SELECT body FROM audit_events WHERE action = 'action.push_app' ORDER BY id DESC LIMIT 1", [], |r| r.get(0)))
        .unwrap();
    let ev: Value = serde_json::from_str(&ev).unwrap();
    assert_eq!(
        ev["details"]["options"]["sha256"].as_str().unwrap().len(),
        64
    );
    // Operators may push to one device, not to many.
    let op = sb.user_full("opal", "operator");
    sb.login("op", &op.token);
    sb.run(&["push", "command", "sync", one, "-c", "op"]).ok();
    sb.run(&[
        "push",
        "command",
        "sync",
        "--group",
        "sales",
        "-c",
        "op",
        "--confirm",
        "x",
        "--otp",
        &otp_at(&op.seed, None),
    ])
    .code(5)
    .stderr_has("may not push to several devices");
    // clear-passcode is destructive: step-up and the serial even for one device.
    let serial = ios[1]["serial"].as_str().unwrap();
    sb.run(&["push", "command", "clear-passcode", serial])
        .code(3)
        .stderr_has(&format!("--confirm \"{serial}\""));
    sb.run(&[
        "push",
        "command",
        "clear-passcode",
        serial,
        "-c",
        "op",
        "--confirm",
        serial,
        "--otp",
        &otp_at(&op.seed, Some(crate::common::now_unix() + 30)),
    ])
    .code(5);
}

#[test]
fn profiles_are_checked_before_sending() {
    let sb = sandbox(&[]);
    let ios: Value = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--platform",
            "ios",
            "-o",
            "json",
        ])
        .json();
    let one = ios[0]["id"].as_str().unwrap();
    let dir = sb.env.root.path();
    for (name, content, needle) in [
        (
            "junk.mobileconfig",
            &b"\x00\x01garbage"[..],
            "does not look like a configuration profile",
        ),
        (
            "broken.mobileconfig",
            b"<plist><dict><key>PayloadType</key>",
            "not well-formed XML",
        ),
        (
            "html.mobileconfig",
            b"<html><body>hi</body></html>",
            "not <plist>",
        ),
        ("empty.json", b"", "empty"),
        ("nosettings.json", br#"{"name": "x"}"#, "settings"),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        let out = sb.run(&["-v", "push", "profile", p.to_str().unwrap(), one]);
        out.code(2)
            .stderr_has("is not a valid configuration profile; nothing was sent")
            .stderr_has(needle);
        assert!(
            !out.stderr.contains("> POST"),
            "a request was sent for {name}"
        );
    }
    let big = dir.join("big.mobileconfig");
    std::fs::write(&big, vec![b' '; 300 * 1024]).unwrap();
    sb.run(&["push", "profile", big.to_str().unwrap(), one])
        .code(2)
        .stderr_has("at most");
    let good = dir.join("wifi.mobileconfig");
    std::fs::write(
        &good,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
  <key>PayloadContent</key><array/>
  <key>PayloadIdentifier</key><string>org.example.wifi</string>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadUUID</key><string>9A1B2C3D-0000-4000-8000-000000000001</string>
</dict></plist>"#,
    )
    .unwrap();
    sb.run(&["push", "profile", good.to_str().unwrap(), one])
        .ok()
        .stderr_has("profile org.example.wifi");
    assert_eq!(
        count(
            &sb,
            "SELECT COUNT(*) FROM device_profiles WHERE name = 'org.example.wifi'"
        ),
        1
    );
    // A mobileconfig cannot go to Windows devices.
    let win: Value = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--platform",
            "windows",
            "-o",
            "json",
        ])
        .json();
    sb.run(&[
        "push",
        "profile",
        good.to_str().unwrap(),
        win[0]["id"].as_str().unwrap(),
    ])
    .code(2)
    .stderr_has("not supported on windows");
    // The server checks too, whatever the client.
    let http = Http::new(&sb.server.url);
    let r = http.post("/v1/actions/preview", &sb.admin_token, json!({"action": "push_profile", "target": {"ids": [one]}, "options": {"profile": "aGVsbG8="}}));
    assert_eq!(r.status, 400);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("invalid profile")
    );
}

#[test]
fn a_rollout_halts_when_a_wave_fails_too_often() {
    let env = Env::new();
    let server = Server::start_args(
        &env,
        &[
            "--devices",
            "1000",
            "--tick-ms",
            "150",
            "--offline-percent",
            "0",
            "--fail-percent",
            "10",
            "--push-approval-threshold",
            "5000",
        ],
    );
    let sb = Sandbox::with_server(env, server);
    add_app(&sb, "Tracker", "android", b"apk bytes");
    let n = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--platform",
            "android",
            "-o",
            "json",
        ])
        .json()
        .as_array()
        .unwrap()
        .len();
    let out = sb.run(&[
        "push",
        "app",
        "Tracker",
        "--filter",
        "platform = android",
        "--rollout",
        "5%,25%,100%",
        "--halt-above-failure",
        "2%",
        "--confirm",
        &format!("push {n} devices in t"),
        "-o",
        "json",
    ]);
    out.code(7).stderr_has("rollout halted: wave 1 failed");
    let a = out.json();
    assert_eq!(a["status"], "halted");
    assert_eq!(a["waves"][0]["status"], "halted");
    assert_eq!(a["waves"][1]["status"], "held");
    assert_eq!(a["waves"][2]["status"], "held");
    let first = a["waves"][0]["total"].as_u64().unwrap();
    assert_eq!(first, (n as u64 * 5).div_ceil(100));
    assert_eq!(
        a["counts"]["acknowledged"].as_u64().unwrap() + a["counts"]["failed"].as_u64().unwrap(),
        first
    );
    assert_eq!(
        a["counts"]["held"].as_u64().unwrap(),
        n as u64 - first,
        "later waves never reached a device"
    );
    let shown = sb.run(&["actions", "show", a["id"].as_str().unwrap()]);
    shown
        .ok()
        .stdout_has("1:5% halted")
        .stdout_has("2:25% held")
        .stdout_has("wave 1 failed");
    // Bad rollout specs are usage errors before anything is sent.
    for bad in ["5%,25%", "25%,5%,100%", "0%,100%", "5.5%,100%", "x"] {
        sb.run(&[
            "push",
            "app",
            "Tracker",
            "--group",
            "sales",
            "--rollout",
            bad,
        ])
        .code(2);
    }
    sb.run(&[
        "push",
        "app",
        "Tracker",
        "--group",
        "sales",
        "--halt-above-failure",
        "2%",
    ])
    .code(2);
}

#[test]
fn pushes_over_the_threshold_need_a_second_admin() {
    let sb = sandbox(&["--push-approval-threshold", "5"]);
    let n = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--group",
            "engineering",
            "-o",
            "json",
        ])
        .json()
        .as_array()
        .unwrap()
        .len();
    assert!(n > 5);
    let out = sb.run(&[
        "push",
        "command",
        "sync",
        "--group",
        "engineering",
        "--confirm",
        &format!("push {n} devices in t"),
        "--reason",
        "fleet sync",
        "--otp",
        &sb.otp("root"),
        "-o",
        "json",
    ]);
    out.code(8);
    let id = out.json()["id"].as_str().unwrap().to_string();
    let second = sb.user_full("second", "admin");
    sb.login("second", &second.token);
    sb.run(&[
        "approvals",
        "approve",
        &id,
        "-c",
        "second",
        "--confirm",
        &format!("push {n} devices in second"),
        "--otp",
        &otp_at(&second.seed, None),
    ])
    .ok();
    sb.run(&["actions", "watch", &id, "--timeout", "60s"]).ok();
}
