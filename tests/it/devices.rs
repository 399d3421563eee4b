use crate::common::Sandbox;

#[test]
fn list_pages_and_all_streams_every_device() {
    let sb = Sandbox::new(2_345);
    let first = sb.run(&["devices", "list", "-o", "json"]);
    first.ok().stderr_has("showing 50 of 2345 devices");
    assert_eq!(first.json().as_array().unwrap().len(), 50);

    let limited = sb.run(&["devices", "list", "--limit", "1500", "-o", "jsonl"]);
    assert_eq!(limited.ok().stdout.lines().count(), 1500);

    let all = sb.run(&["devices", "list", "--all", "-o", "jsonl"]);
    all.ok();
    let ids: std::collections::HashSet<String> = all
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 2_345, "every device exactly once");
    assert!(
        !all.stderr.contains("showing"),
        "no hint when everything was shown"
    );
}

#[test]
fn fields_are_stable_snake_case_and_pii_is_masked() {
    let sb = Sandbox::new(20);
    let v = sb
        .run(&["devices", "list", "-o", "json", "--limit", "3"])
        .json();
    let d = &v[0];
    for field in [
        "id",
        "serial",
        "name",
        "platform",
        "model",
        "os_version",
        "owner_name",
        "owner_email",
        "owner_phone",
        "groups",
        "status",
        "compliance",
        "enrolled_at",
        "last_seen",
    ] {
        assert!(d.get(field).is_some(), "missing {field} in {d}");
    }
    let phone = d["owner_phone"].as_str().unwrap();
    assert!(phone.contains("*** ***"), "phone not masked: {phone}");
    let email = d["owner_email"].as_str().unwrap();
    assert!(email.contains("***@"), "email not masked: {email}");

    // --show-pii unmasks, and the server records the read with the device ids.
    let id = d["id"].as_str().unwrap().to_string();
    let shown = sb
        .run(&["devices", "show", &id, "--show-pii", "-o", "json"])
        .json();
    assert!(!shown["owner_phone"].as_str().unwrap().contains('*'));
    let listed = sb
        .run(&[
            "devices",
            "list",
            "--show-pii",
            "--limit",
            "7",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 7);
    let db = sb.server.db();
    let events: Vec<(String, String)> = db
        .read(|c| {
            let mut s = c.prepare("SELECT action, body FROM audit_events WHERE action = 'devices.pii_read' ORDER BY id")?;
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<mdm_server::sql::Result<Vec<_>>>()
        })
        .unwrap();
    assert_eq!(events.len(), 2, "one event per PII read request");
    let single: serde_json::Value = serde_json::from_str(&events[0].1).unwrap();
    assert_eq!(single["target"]["ids"], serde_json::json!([id]));
    assert_eq!(single["actor"], "root");
    let bulk: serde_json::Value = serde_json::from_str(&events[1].1).unwrap();
    assert_eq!(bulk["target"]["count"], 7);
}

#[test]
fn viewer_cannot_read_pii() {
    let sb = Sandbox::new(5);
    let token = sb.user("vic", "viewer");
    sb.login("viewer", &token);
    sb.run(&["devices", "list", "-c", "viewer", "--limit", "2"])
        .ok();
    sb.run(&["devices", "list", "-c", "viewer", "--show-pii"])
        .code(5)
        .stderr_has("may not read owner email and phone numbers")
        .stderr_has("request id: req_");
}

#[test]
fn show_by_id_or_serial_and_not_found() {
    let sb = Sandbox::new(10);
    let v = sb
        .run(&["devices", "list", "-o", "json", "--limit", "1"])
        .json();
    let (id, serial) = (
        v[0]["id"].as_str().unwrap(),
        v[0]["serial"].as_str().unwrap(),
    );
    assert_eq!(
        sb.run(&["devices", "show", id, "-o", "json"]).json()["serial"],
        serial
    );
    assert_eq!(
        sb.run(&["devices", "show", serial, "-o", "json"]).json()["id"],
        id
    );
    sb.run(&["devices", "show", "dev_doesnotexist"])
        .code(6)
        .stderr_has("no device with id or serial")
        .stderr_has("request id: req_");
    // A path-like id stays one path segment.
    sb.run(&["devices", "show", "../groups"]).code(6);
}

#[test]
fn filters_narrow_the_list() {
    let sb = Sandbox::new(300);
    let ios = sb
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
    assert!(!ios.as_array().unwrap().is_empty());
    assert!(
        ios.as_array()
            .unwrap()
            .iter()
            .all(|d| d["platform"] == "ios")
    );
    let eng = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--group",
            "engineering",
            "-o",
            "json",
        ])
        .json();
    assert!(eng.as_array().unwrap().iter().all(|d| {
        d["groups"]
            .as_array()
            .unwrap()
            .contains(&"engineering".into())
    }));
    let groups = sb
        .run(&["groups", "show", "engineering", "-o", "json"])
        .json();
    assert_eq!(
        groups["device_count"].as_u64().unwrap() as usize,
        eng.as_array().unwrap().len()
    );
    let off = sb
        .run(&[
            "devices", "list", "--all", "--status", "offline", "-o", "json",
        ])
        .json();
    assert!(
        off.as_array()
            .unwrap()
            .iter()
            .all(|d| d["status"] == "offline")
    );
    let serial = ios[0]["serial"].as_str().unwrap();
    let found = sb
        .run(&["devices", "list", "--search", &serial[2..8], "-o", "json"])
        .json();
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["serial"] == serial)
    );
    // A search with LIKE wildcards matches them literally.
    let none = sb
        .run(&["devices", "list", "--search", "%_%", "-o", "json"])
        .json();
    assert_eq!(none, serde_json::json!([]));
    sb.run(&["devices", "list", "--group", "no-such-group"])
        .code(6)
        .stderr_has("no group named");
    sb.run(&["groups", "show", "no-such-group"]).code(6);
    sb.run(&["devices", "list", "--platform", "beos"]).code(2);
    sb.run(&["devices", "list", "--all", "--limit", "5"])
        .code(2);
    sb.run(&["devices", "list", "--limit", "0"]).code(2);
    sb.run(&["devices", "list", "--columns", "id,nope"])
        .code(2)
        .stderr_has("unknown column \"nope\"")
        .stderr_has("available columns: id, serial");
}

#[test]
fn empty_results_are_success() {
    let sb = Sandbox::new(5);
    let out = sb.run(&["devices", "list", "--search", "zzzz-no-such-device"]);
    out.ok().stderr_has("no devices match");
    assert_eq!(out.stdout, "");
    assert_eq!(
        sb.run(&["devices", "list", "--search", "zzzz", "-o", "json"])
            .ok()
            .stdout,
        "[]\n"
    );
    assert_eq!(
        sb.run(&["devices", "list", "--search", "zzzz", "-o", "yaml"])
            .ok()
            .stdout,
        "[]\n"
    );
    let csv = sb.run(&["devices", "list", "--search", "zzzz", "-o", "csv"]);
    assert_eq!(csv.ok().stdout.lines().count(), 1, "only the header");
}

/// Device names are attacker-controlled (a user names their phone). Every format must
/// carry them faithfully, and tables must not let them drive the terminal.
#[test]
fn hostile_device_names_in_every_format() {
    // One seeded device, then the five hostile ones from the fixtures hook.
    let sb = Sandbox::new(1);
    let names = [
        "\x1b[2J\x1b[31mPWNED",
        "comma, \"quoted\" name",
        "line\nbreak\r\nand tab\t",
        "emoji 📱 Zoë",
        "rtl \u{202e}gnp.exe",
    ];
    for n in names {
        sb.server.fixture_device(serde_json::json!({ "name": n }));
    }

    let table = sb.run(&["devices", "list", "--columns", "id,name"]);
    table.ok();
    assert!(
        !table.stdout.contains('\x1b'),
        "raw ESC reached the terminal: {:?}",
        table.stdout
    );
    assert!(!table.stdout.contains('\u{202e}'));
    assert!(table.stdout.contains("\\e[2J\\e[31mPWNED"));
    assert!(table.stdout.contains("line\\nbreak\\r\\nand tab\\t"));
    assert!(table.stdout.contains("emoji 📱 Zoë"));
    assert!(table.stdout.contains("rtl \\u{202e}gnp.exe"));
    // One line per device plus the header: names cannot add rows.
    assert_eq!(table.stdout.lines().count(), 7);

    let json = sb.run(&["devices", "list", "-o", "json"]).json();
    let got: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(got, names);

    let csv_out = sb.run(&["devices", "list", "-o", "csv", "--columns", "id,name"]);
    let mut rdr = csv::Reader::from_reader(csv_out.ok().stdout.as_bytes());
    let parsed: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .skip(1)
        .collect();
    assert_eq!(parsed, names, "CSV round-trips exactly (RFC 4180 quoting)");
    assert!(csv_out.stdout.contains("\r\n"), "RFC 4180 line endings");

    let jsonl = sb.run(&["devices", "list", "-o", "jsonl"]);
    assert_eq!(
        jsonl.ok().stdout.lines().count(),
        6,
        "one line per device even with newlines in names"
    );

    let yaml = sb.run(&["devices", "list", "-o", "yaml"]);
    assert!(!yaml.ok().stdout.contains('\x1b'));
    let detail = sb.run(&["devices", "show", json[1]["id"].as_str().unwrap()]);
    assert!(!detail.ok().stdout.contains('\x1b'));
}

#[test]
fn closed_stdout_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let sb = Sandbox::new(3000);
    let mut cmd = sb.env.command();
    cmd.args(["devices", "list", "--all", "-o", "jsonl"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // the reader (like `head -1`) is gone now
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with('{'));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no error noise on a closed pipe"
    );
}

#[test]
fn groups_list_and_show() {
    let sb = Sandbox::new(100);
    let v = sb.run(&["groups", "list", "-o", "json"]).json();
    let total: u64 = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["name"] != "byod")
        .map(|g| g["device_count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 100, "every device has exactly one primary group");
    let t = sb.run(&["groups", "list"]);
    t.ok().stdout_has("NAME").stdout_has("engineering");
}

#[test]
fn filter_expressions_select_devices_without_leaking_pii() {
    let sb = Sandbox::new(200);
    let ios = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--filter",
            "platform = ios and os_version >= 18",
            "-o",
            "json",
        ])
        .json();
    assert!(!ios.as_array().unwrap().is_empty());
    for d in ios.as_array().unwrap() {
        assert_eq!(d["platform"], "ios");
        let major: u32 = d["os_version"]
            .as_str()
            .unwrap()
            .split('.')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(major >= 18, "{d}");
    }
    let first = sb.run(&[
        "devices",
        "list",
        "--filter",
        "last_seen < 1h",
        "--limit",
        "5",
    ]);
    first.ok().stderr_has("showing 5 of");
    sb.run(&["devices", "list", "--filter", "os_version <"])
        .code(2)
        .stderr_has("column");
    // Admins may match on owner email; a viewer's filter sees names only.
    let admin = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "--filter",
            "owner ~ \"@example.org\"",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(admin.as_array().unwrap().len(), 200);
    let token = sb.user("vic", "viewer");
    sb.login("viewer", &token);
    let viewer = sb
        .run(&[
            "devices",
            "list",
            "--all",
            "-c",
            "viewer",
            "--filter",
            "owner ~ \"@example.org\"",
            "-o",
            "json",
        ])
        .json();
    assert_eq!(
        viewer,
        serde_json::json!([]),
        "a viewer could probe email addresses"
    );
}
