//! Issue 12 finding 10: the server accepts only what its schema allows. A JSON array
//! where an object is expected (at the top or nested), `null` where a value is required,
//! or a body on a route that ignores it but is not an object, is `400 invalid_request`,
//! changes nothing, and is recorded as a refusal.

use crate::common::Sandbox;
use crate::common::http::Http;
use serde_json::{Value, json};

fn active_enrollments(sb: &Sandbox) -> i64 {
    sb.server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM enrollments WHERE revoked_at IS NULL",
                [],
                |r| r.get(0),
            )
        })
        .unwrap()
}

fn events(sb: &Sandbox, action: &str) -> Vec<Value> {
    crate::gate_attacks::events(sb, action)
}

#[test]
fn bodies_of_the_wrong_shape_are_refused_and_change_nothing() {
    let sb = Sandbox::new(3);
    let http = Http::new(&sb.server.url);
    let tok = sb.admin_token.clone();
    let elev = http.step_up(&tok, &sb.otp("root")).unwrap();
    let dev = sb.device_ids(&[])[0].clone();

    // An unused enrollment token that a wrongly accepted revoke-unused would revoke.
    let r = http.call(
        "POST",
        "/v1/enrollments",
        Some(&tok),
        Some(&elev),
        Some(json!({"user_email": "jane@example.org"})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    let before = active_enrollments(&sb);
    assert!(before >= 1);
    let logins = events(&sb, "auth.login").len();

    let cases: Vec<(&str, Value, &str)> = vec![
        // The reproduced ones: arrays for objects at the top of the body.
        ("/v1/auth/login", json!([null, null]), "expected"),
        ("/v1/auth/login", Value::Null, "expected an object"),
        (
            "/v1/enrollments/revoke-unused",
            json!([null, null]),
            "expected an object",
        ),
        (
            "/v1/enrollments/revoke-unused",
            json!([null, false]),
            "expected an object",
        ),
        // Nested: the preview's options and a policy's compliance section.
        (
            "/v1/actions/preview",
            json!({"action": "lock", "target": {"ids": [dev]}, "options": [null, null]}),
            "expected an object",
        ),
        (
            "/v1/actions/preview",
            json!({"action": "lock", "target": [[dev]]}),
            "expected an object",
        ),
        (
            "/v1/policies/plan",
            json!({"policies": [{"name": "p", "compliance": [null, null]}]}),
            "expected an object",
        ),
        (
            "/v1/policies/plan",
            json!({"policies": [[null]]}),
            "expected an object",
        ),
        (
            "/v1/policies/plan",
            json!({"policies": [], "base_versions": [1]}),
            "invalid request body",
        ),
        // An integer above int64 (the API's integers are int64), once accepted by apply.
        (
            "/v1/policies/apply",
            json!({"policies": [], "prune": true, "base_versions": {"+": 9_223_372_036_854_775_808u64}}),
            "out of range",
        ),
        (
            "/v1/actions",
            json!({"action": "lock", "target": {"ids": [dev]}, "expected_count": u64::MAX, "target_digest": "x"}),
            "out of range",
        ),
        // A code that cannot be one is malformed input, whatever the lockout state.
        (
            "/v1/auth/mfa/enroll",
            json!({"otp": "054175*"}),
            "otp: a TOTP code is 6 digits",
        ),
        // `null` where a value is required.
        (
            "/v1/auth/step-up",
            json!({"code": null}),
            "invalid request body",
        ),
        (
            "/v1/actions/preview",
            json!({"action": null, "target": {"ids": [dev]}}),
            "invalid request body",
        ),
    ];
    for (path, body, needle) in cases {
        let r = http.call("POST", path, Some(&tok), Some(&elev), Some(body.clone()));
        assert_eq!(r.status, 400, "{path} {body}: {:?}", r.body);
        assert_eq!(r.code(), "invalid_request", "{path} {body}");
        let msg = r.body["error"]["message"].as_str().unwrap();
        assert!(msg.contains(needle), "{path} {body}: {msg}");
    }
    assert_eq!(active_enrollments(&sb), before, "nothing was revoked");
    assert_eq!(events(&sb, "auth.login").len(), logins, "no login recorded");
    // Every refused mutating request is on record.
    let refused = events(&sb, "request.refused");
    let routes: Vec<&str> = refused
        .iter()
        .filter(|e| e["details"]["code"] == "invalid_request")
        .map(|e| e["details"]["route"].as_str().unwrap())
        .collect();
    for route in [
        "/v1/auth/login",
        "/v1/enrollments/revoke-unused",
        "/v1/actions/preview",
        "/v1/policies/plan",
        "/v1/policies/apply",
    ] {
        assert!(routes.contains(&route), "{route} not in {routes:?}");
    }

    // What the schema allows still works: no body, or an object, where a body is ignored.
    let r = http.call("POST", "/v1/auth/login", Some(&tok), None, None);
    assert_eq!(r.status, 204, "{:?}", r.body);
    let r = http.post("/v1/auth/login", &tok, json!({}));
    assert_eq!(r.status, 204, "{:?}", r.body);
    // And `null` for an optional field the schema marks nullable is "absent".
    let r = http.call(
        "POST",
        "/v1/enrollments/revoke-unused",
        Some(&tok),
        Some(&elev),
        Some(json!({"dry_run": true, "reason": null})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(active_enrollments(&sb), before);
}
