//! Finding 9 of issue 12: every free-text field the server accepts is bounded and free of
//! control and invisible formatting characters — action reason/ticket, freeze message,
//! break-glass reason/ticket, session-revocation reasons, app names, and what a device
//! sends to enroll (name, model, serial). Refused with 400 `invalid_request` naming the
//! field, before anything changes; the CLI refuses the same text before it sends (exit 2).

use crate::common::Sandbox;
use crate::common::http::Http;
use serde_json::json;

fn actions_in_db(sb: &Sandbox) -> i64 {
    sb.server
        .db()
        .read(|c| c.query_row("SELECT COUNT(*) FROM actions", [], |r| r.get(0)))
        .unwrap()
}

#[test]
fn hostile_free_text_is_refused_naming_the_field() {
    let sb = Sandbox::new(2);
    let http = Http::new(&sb.server.url);
    let bg = sb.user("responder", "breakglass");
    let dev = sb.run(&["devices", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let long = |n: usize| "x".repeat(n);
    let cases: Vec<(&str, &str, serde_json::Value, &str)> = vec![
        // Action reason/ticket: NUL, ESC, CR/LF (a forged log line), thousands of characters.
        (
            "POST",
            "/v1/actions",
            json!({"preview_id": "prv_x", "reason": "a\u{0}b", "ticket": "T-1"}),
            "reason",
        ),
        (
            "POST",
            "/v1/actions",
            json!({"preview_id": "prv_x", "reason": "wipe\u{1b}[2J", "ticket": "T-1"}),
            "reason",
        ),
        (
            "POST",
            "/v1/actions",
            json!({"preview_id": "prv_x", "reason": "ok\r\nFAKE: approved", "ticket": "T-1"}),
            "reason",
        ),
        (
            "POST",
            "/v1/actions",
            json!({"preview_id": "prv_x", "reason": long(5000)}),
            "reason",
        ),
        (
            "POST",
            "/v1/actions",
            json!({"preview_id": "prv_x", "reason": "ok", "ticket": long(201)}),
            "ticket",
        ),
        (
            "POST",
            "/v1/actions/preview",
            json!({"action": "lock", "target": {"ids": [dev]}, "options": {"message": "hi\u{202e}"}}),
            "options.message",
        ),
        // Freeze message, break-glass reason/ticket, session revocation reason.
        (
            "PUT",
            "/v1/incident/freeze",
            json!({"frozen": true, "message": "frozen\u{2028}x", "reason": "r"}),
            "message",
        ),
        (
            "PUT",
            "/v1/incident/freeze",
            json!({"frozen": true, "reason": "r\u{200b}"}),
            "reason",
        ),
        (
            "POST",
            "/v1/breakglass/activate",
            json!({"reason": "fire\u{7}", "ticket": "T-1", "duration_seconds": 600}),
            "reason",
        ),
        (
            "POST",
            "/v1/breakglass/activate",
            json!({"reason": "fire", "ticket": "T\u{e0041}", "duration_seconds": 600}),
            "ticket",
        ),
        (
            "POST",
            "/v1/breakglass/end",
            json!({"reason": long(1001)}),
            "reason",
        ),
        (
            "POST",
            "/v1/sessions/revoke",
            json!({"reason": "x\u{1b}]0;pwned\u{7}"}),
            "reason",
        ),
        // App names.
        (
            "POST",
            "/v1/apps",
            json!({"name": "Evil\u{202e}ppA", "bundle_id": "com.x", "version": "1", "platform": "ios", "sha256": "0".repeat(64)}),
            "name",
        ),
        (
            "POST",
            "/v1/apps",
            json!({"name": long(201), "bundle_id": "com.x", "version": "1", "platform": "ios", "sha256": "0".repeat(64)}),
            "name",
        ),
    ];
    for (method, path, body, field) in cases {
        let token = if path.starts_with("/v1/breakglass") {
            &bg
        } else {
            &sb.admin_token
        };
        let r = http.call(method, path, Some(token), None, Some(body));
        assert_eq!(
            (r.status, r.code()),
            (400, "invalid_request"),
            "{method} {path}: {:?}",
            r.body
        );
        let msg = r.body["error"]["message"].as_str().unwrap();
        assert!(
            msg.starts_with(&format!("{field}: ")),
            "{method} {path}: {msg}"
        );
        assert!(!msg.chars().any(mdm_model::escape::needs_escape), "{msg:?}");
    }
    // Nothing happened: no action, no freeze, no break-glass, no app.
    assert_eq!(actions_in_db(&sb), 0);
    let f = http.get("/v1/incident/freeze", &sb.admin_token);
    assert_eq!(f.body["frozen"], false, "{:?}", f.body);
    let sessions = http.get("/v1/breakglass", &sb.admin_token);
    assert_eq!(
        sessions.body["items"].as_array().map(Vec::len),
        Some(0),
        "{:?}",
        sessions.body
    );
    let apps = http.get("/v1/apps", &sb.admin_token);
    assert!(!apps.body.to_string().contains("Evil"), "{:?}", apps.body);
}

#[test]
fn a_device_cannot_enroll_with_hostile_text_and_the_token_stays_usable() {
    let sb = Sandbox::new(1);
    let http = Http::new(&sb.server.url);
    let token = sb
        .run(&[
            "enroll",
            "create",
            "--user",
            "jane.doe@example.org",
            "-o",
            "json",
        ])
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    for (body, field) in [
        (
            json!({"token": token, "platform": "ios", "name": "\u{1b}[2J\u{1b}[31mPWNED", "serial": "S1"}),
            "name",
        ),
        (
            json!({"token": token, "platform": "ios", "name": "phone\r\nline", "serial": "S1"}),
            "name",
        ),
        (
            json!({"token": token, "platform": "ios", "name": "ok", "model": "iPhone\u{202e}", "serial": "S1"}),
            "model",
        ),
        (
            json!({"token": token, "platform": "ios", "name": "ok", "serial": "S\u{7}1"}),
            "serial",
        ),
        (
            json!({"token": token, "platform": "ios", "name": "ok", "serial": "S".repeat(101)}),
            "serial",
        ),
        (
            json!({"token": token, "platform": "ios", "name": "n".repeat(201), "serial": "S1"}),
            "name",
        ),
    ] {
        let r = http.call("POST", "/v1/enroll", None, None, Some(body));
        assert_eq!(
            (r.status, r.code()),
            (400, "invalid_request"),
            "{:?}",
            r.body
        );
        let msg = r.body["error"]["message"].as_str().unwrap();
        assert!(msg.starts_with(&format!("{field}: ")), "{msg}");
    }
    // The refusals consumed nothing: the same token enrolls a device with ordinary text
    // (an emoji with a zero-width joiner is ordinary), which is stored as given.
    let name = "Zoë's 👩\u{200d}💻 iPhone";
    let r = http.call(
        "POST",
        "/v1/enroll",
        None,
        None,
        Some(json!({"token": token, "platform": "ios", "name": name, "model": "iPhone 15", "serial": "SERIAL42"})),
    );
    assert!(r.status < 300, "{:?}", r.body);
    let listed = sb.run(&["devices", "list", "-o", "json"]).json();
    assert!(
        listed.as_array().unwrap().iter().any(|d| d["name"] == name),
        "{listed}"
    );
}

#[test]
fn the_cli_refuses_hostile_free_text_before_sending() {
    let sb = Sandbox::new(2);
    let dev = sb.run(&["devices", "list", "-o", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    sb.run(&["lock", &dev, "--reason", "locked\u{1b}[2J", "--no-wait"])
        .code(2)
        .stderr_has("reason: control or invisible formatting character U+001B")
        .stderr_has("nothing was sent");
    assert_eq!(actions_in_db(&sb), 0);
    let long = "t".repeat(201);
    sb.run(&["lock", &dev, "--ticket", &long, "--no-wait"])
        .code(2)
        .stderr_has("ticket: 201 characters is longer than the 200 allowed");
    assert_eq!(actions_in_db(&sb), 0);
}

/// A catalog entry's vendor reference is checked by the server, before the step-up: a
/// Jamf App Installers title only for macOS, and no empty or malformed ids.
#[test]
fn a_vendor_app_reference_must_be_well_formed_and_jamf_titles_are_macos_only() {
    let sb = Sandbox::new(1);
    let http = Http::new(&sb.server.url);
    let app = |source: &str, platform: &str| {
        json!({"name": "Chrome", "bundle_id": "com.google.Chrome", "version": "131",
               "platform": platform, "sha256": "0".repeat(64), "source": source})
    };
    for (body, says) in [
        (app("jamf:0C6", "ios"), "platform macos"),
        (app("jamf:", "macos"), "jamf:<title id>"),
        (app("jamf:0C 6", "macos"), "jamf:<title id>"),
        (app("intune:", "ios"), "intune:<mobileApp id>"),
        (app("ftp://x/y.pkg", "macos"), "https:// URL"),
    ] {
        let r = http.call("POST", "/v1/apps", Some(&sb.admin_token), None, Some(body));
        assert_eq!(
            (r.status, r.code()),
            (400, "invalid_request"),
            "{:?}",
            r.body
        );
        let msg = r.body["error"]["message"].as_str().unwrap();
        assert!(msg.contains(says), "{msg}");
    }
    let apps = http.get("/v1/apps", &sb.admin_token);
    assert!(!apps.body.to_string().contains("Chrome"), "{:?}", apps.body);
}
