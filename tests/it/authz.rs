//! The authorization matrix: every route the server serves × every role. The expectation
//! is written out here by hand; a route without an entry fails the test, so a new
//! endpoint cannot ship without someone deciding who may call it.

use crate::common::Sandbox;
use crate::common::http::Http;

const ALL: &[&str] = &["viewer", "operator", "admin", "auditor", "breakglass"];
const OPS: &[&str] = &["operator", "admin"];
const READERS: &[&str] = &["viewer", "operator", "admin", "auditor"];
const POLICY_READERS: &[&str] = &["viewer", "operator", "admin", "auditor"];
const ANYONE: &[&str] = &[
    "anonymous",
    "viewer",
    "operator",
    "admin",
    "auditor",
    "breakglass",
];

/// (method, path, roles that pass the route's permission check)
fn matrix() -> Vec<(&'static str, &'static str, &'static [&'static str])> {
    vec![
        ("GET", "/v1/health", ANYONE),
        ("GET", "/v1/openapi.yaml", ANYONE),
        ("GET", "/v1/me", ALL),
        ("GET", "/v1/devices", ALL),
        ("GET", "/v1/devices/{id}", ALL),
        ("GET", "/v1/groups", ALL),
        ("GET", "/v1/groups/{name}", ALL),
        ("POST", "/v1/auth/mfa/enroll", ALL),
        ("POST", "/v1/auth/mfa/activate", ALL),
        ("POST", "/v1/auth/step-up", ALL),
        ("GET", "/v1/sessions", ALL),
        ("DELETE", "/v1/sessions/{id}", ALL),
        ("POST", "/v1/actions/preview", OPS),
        ("POST", "/v1/actions/previews/{id}/decline", OPS),
        ("POST", "/v1/actions", OPS),
        ("GET", "/v1/actions", READERS),
        ("GET", "/v1/actions/{id}", READERS),
        ("GET", "/v1/actions/{id}/devices", READERS),
        ("POST", "/v1/actions/{id}/cancel", OPS),
        ("POST", "/v1/actions/{id}/advance", OPS),
        ("POST", "/v1/actions/{id}/halt", OPS),
        ("POST", "/v1/actions/{id}/pins", OPS),
        ("GET", "/v1/approvals", &["admin", "auditor"]),
        ("POST", "/v1/approvals/{id}/approve", &["admin"]),
        ("POST", "/v1/approvals/{id}/reject", &["admin"]),
        ("POST", "/v1/enrollments", OPS),
        ("GET", "/v1/enrollments", &["operator", "admin", "auditor"]),
        ("POST", "/v1/enrollments/bulk", OPS),
        ("POST", "/v1/enrollments/{id}/revoke", OPS),
        ("POST", "/v1/enrollments/revoke-unused", OPS),
        ("POST", "/v1/enroll", ANYONE),
        ("GET", "/v1/apps", READERS),
        ("POST", "/v1/apps", &["admin"]),
        ("GET", "/v1/apps/{id}", READERS),
        ("GET", "/v1/policies", POLICY_READERS),
        ("GET", "/v1/policies/schema", POLICY_READERS),
        ("POST", "/v1/policies/plan", &["admin"]),
        ("POST", "/v1/policies/apply", &["admin"]),
        ("GET", "/v1/policies/{name}", POLICY_READERS),
        ("DELETE", "/v1/policies/{name}", &["admin"]),
        ("PUT", "/v1/policies/{name}/assignments/{group}", &["admin"]),
        (
            "DELETE",
            "/v1/policies/{name}/assignments/{group}",
            &["admin"],
        ),
        ("GET", "/v1/audit/events", &["admin", "auditor"]),
        ("GET", "/v1/audit/chain", &["admin", "auditor"]),
        ("GET", "/v1/audit/index", &["admin", "auditor"]),
        ("POST", "/v1/audit/exports", &["admin", "auditor"]),
        ("GET", "/v1/audit/checkpoint", &["admin", "auditor"]),
        ("GET", "/v1/audit/checkpoints", &["admin", "auditor"]),
        ("POST", "/v1/auth/login", ALL),
        ("GET", "/v1/breakglass", &["admin", "auditor", "breakglass"]),
        ("POST", "/v1/breakglass/activate", &["breakglass"]),
        ("POST", "/v1/breakglass/end", &["admin", "breakglass"]),
        ("GET", "/v1/incident/freeze", ALL),
        ("PUT", "/v1/incident/freeze", &["admin"]),
        // Last: with an empty body it revokes the caller's own sessions.
        ("POST", "/v1/sessions/revoke", ALL),
    ]
}

fn concrete(path: &str) -> String {
    path.replace("{id}", "x-nonexistent")
        .replace("{name}", "x-nonexistent")
}

#[test]
fn every_route_against_every_role() {
    let sb = Sandbox::new(2);
    let http = Http::new(&sb.server.url);
    let mut tokens = vec![("anonymous", None)];
    for role in ALL {
        tokens.push((role, Some(sb.user(&format!("matrix-{role}"), role))));
    }
    let served = mdm_server::routes::routes();
    let m = matrix();
    for r in &served {
        assert!(
            m.iter()
                .any(|(meth, p, _)| *meth == r.method.as_str() && *p == r.path),
            "{} {} is served but has no entry in the authorization matrix",
            r.method,
            r.path
        );
    }
    assert_eq!(
        m.len(),
        served.len(),
        "the matrix lists routes the server does not serve"
    );
    let mut failures = Vec::new();
    for (method, path, allowed) in &m {
        for (role, token) in &tokens {
            let body = matches!(*method, "POST" | "PUT").then(|| serde_json::json!({}));
            let r = http.call(method, &concrete(path), token.as_deref(), None, body);
            let denied = r.status == 401 || (r.status == 403 && r.code() == "forbidden");
            let expect_allowed = allowed.contains(role);
            if expect_allowed == denied {
                failures.push(format!(
                    "{method} {path} as {role}: expected {}, got {} {}",
                    if expect_allowed { "allowed" } else { "denied" },
                    r.status,
                    r.code()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix mismatches:\n{}",
        failures.join("\n")
    );
}
