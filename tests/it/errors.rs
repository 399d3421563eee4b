use crate::common::fixture::{Fixture, response};
use crate::common::{Env, Sandbox};
use std::time::{Duration, Instant};

/// An environment whose current context points at `url`, authenticated by MDM_TOKEN.
fn env_for(url: &str) -> Env {
    let mut env = Env::new();
    env.run(&["context", "add", "x", "--server", url]).ok();
    env.set("MDM_TOKEN", "mdm_pat_fixture-token");
    env
}

#[test]
fn server_down_fails_fast_with_a_hint() {
    // Reserve a port, then close it: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = env_for(&format!("http://127.0.0.1:{port}"));
    let started = Instant::now();
    let out = env.run(&["devices", "list"]);
    out.code(1)
        .stderr_has(&format!("error: cannot connect to http://127.0.0.1:{port}"))
        .stderr_has("hint: is the server running?");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn garbage_json_and_html_are_explained() {
    let garbage = Fixture::start(vec![response(
        "200 OK",
        &[("content-type", "application/json")],
        "{\"items\": [1, 2,",
    )]);
    let out = env_for(&garbage.url).run(&["devices", "list"]);
    out.code(1)
        .stderr_has("the server sent an answer mdm cannot read")
        .stderr_has("invalid JSON")
        .stderr_has("hint: is http://127.0.0.1");
    let html = Fixture::start(vec![response(
        "502 Bad Gateway",
        &[("content-type", "text/html")],
        "<html><body><h1>502 Bad Gateway</h1>\x1b[2J</body></html>",
    )]);
    let out = env_for(&html.url).run(&["devices", "list"]);
    out.code(1)
        .stderr_has("answered HTTP 502 Bad Gateway with a body that is not an mdm error")
        .stderr_has("<html>");
    assert!(
        !out.stderr.contains('\x1b'),
        "server text reached the terminal raw"
    );
    // 502 on a GET is retried before giving up.
    assert_eq!(html.hits(), 4);
}

#[test]
fn server_errors_carry_the_request_id() {
    let body =
        r#"{"error":{"code":"internal","message":"database error","request_id":"req_abc123"}}"#;
    let fx = Fixture::start(vec![response(
        "500 Internal Server Error",
        &[
            ("content-type", "application/json"),
            ("x-request-id", "req_abc123"),
        ],
        body,
    )]);
    let out = env_for(&fx.url).run(&["groups", "list"]);
    out.code(1)
        .stderr_has("error: database error")
        .stderr_has("request id: req_abc123")
        .stderr_has("quote the request id");
    assert_eq!(fx.hits(), 1, "a 500 is not retried");
}

#[test]
fn retry_after_is_honoured_for_503_and_429() {
    let ok = response(
        "200 OK",
        &[("content-type", "application/json")],
        r#"{"items":[],"total":0}"#,
    );
    let fx = Fixture::start(vec![
        response("503 Service Unavailable", &[("retry-after", "1")], ""),
        response("429 Too Many Requests", &[("retry-after", "1")], ""),
        ok,
    ]);
    let started = Instant::now();
    env_for(&fx.url).run(&["groups", "list", "-o", "json"]).ok();
    assert_eq!(fx.hits(), 3);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "Retry-After ignored: {:?}",
        started.elapsed()
    );
}

#[test]
fn unauthenticated_and_bad_tokens() {
    let sb = Sandbox::new(3);
    let mut env = Env::new();
    env.run(&["context", "add", "x", "--server", &sb.server.url])
        .ok();
    // No credential at all.
    env.run(&["devices", "list"])
        .code(4)
        .stderr_has("not logged in to context \"x\"")
        .stderr_has("mdm auth login");
    // A wrong token: 401 from the server.
    env.set("MDM_TOKEN", "mdm_pat_not-a-real-token");
    let out = env.run(&["devices", "list"]);
    out.code(4)
        .stderr_has("the token is not valid")
        .stderr_has("request id: req_");
    // Login refuses to store a token the server rejects.
    env.unset("MDM_TOKEN");
    env.run_with_stdin(&["auth", "login", "--with-token"], Some("mdm_pat_wrong"))
        .code(4)
        .stderr_has("nothing was stored");
    env.run(&["auth", "status"]).code(4);
    // The rejected attempts are audit events.
    let n: i64 = sb
        .server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM audit_events WHERE action = 'auth.token_rejected'",
                [],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert!(n >= 2, "rejected tokens not audited ({n})");
}

#[test]
fn login_without_a_terminal_needs_with_token() {
    let sb = Sandbox::new(1);
    sb.run(&["auth", "login"])
        .code(3)
        .stderr_has("no terminal")
        .stderr_has("--with-token");
    sb.run_with_stdin_empty();
}

impl Sandbox {
    fn run_with_stdin_empty(&self) {
        self.env
            .run_with_stdin(&["auth", "login", "--with-token"], Some("   \n"))
            .code(2)
            .stderr_has("the token is empty");
    }
}

#[test]
fn verbose_output_redacts_credentials() {
    let sb = Sandbox::new(2);
    let out = sb.run(&["-vv", "groups", "list"]);
    out.ok()
        .stderr_has("> GET http://127.0.0.1")
        .stderr_has("authorization: Bearer [redacted]")
        .stderr_has("request-id=req_");
    assert!(!out.stderr.contains(&sb.admin_token));
    assert!(!out.stdout.contains(&sb.admin_token));
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    for args in [
        vec!["devices", "list", "--all", "--limit", "3"],
        vec!["devices", "frobnicate"],
        vec!["--output", "xml", "devices", "list"],
        vec!["-q", "-v", "devices", "list"],
        vec!["devices", "list", "--all", "dev_123"],
        vec!["devices", "show", "dev_1", "--all"],
    ] {
        let out = env.run(&args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("error:"), "{args:?}: {}", out.stderr);
    }
    let out = env.run(&["--help"]);
    out.ok().stdout_has("Exit codes: 0 ok");
}

#[test]
fn unknown_routes_and_methods_answer_in_the_error_format() {
    let sb = Sandbox::new(1);
    let client = |path: &str| {
        let out = std::process::Command::new("curl")
            .args([
                "-s",
                "-i",
                "-H",
                &format!("Authorization: Bearer {}", sb.admin_token),
                &format!("{}{path}", sb.server.url),
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let r = client("/v1/nope");
    assert!(r.starts_with("HTTP/1.1 404"), "{r}");
    assert!(r.contains("x-request-id: req_"));
    assert!(r.contains(r#""code":"not_found""#));
    let r = client("/v1/devices?color=red");
    assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    assert!(r.contains("unknown query parameter"));
    let r = client("/v1/devices?limit=5000");
    assert!(r.contains("limit must be a whole number from 1 to 1000"));
    let r = client("/v1/devices?cursor=garbage");
    assert!(r.contains("the cursor is not valid"));
}

#[test]
fn colour_follows_flag_then_no_color_then_clicolor_force() {
    let mut env = Env::new();
    let err = |env: &Env, args: &[&str]| env.run(args).stderr;
    // Piped stderr: no colour by default.
    assert!(!err(&env, &["devices", "list"]).contains('\x1b'));
    assert!(err(&env, &["--color", "always", "devices", "list"]).contains("\x1b[31;1merror:"));
    env.set("CLICOLOR_FORCE", "1");
    assert!(err(&env, &["devices", "list"]).contains("\x1b["));
    env.set("NO_COLOR", "1");
    assert!(
        !err(&env, &["devices", "list"]).contains('\x1b'),
        "NO_COLOR beats CLICOLOR_FORCE"
    );
    assert!(
        err(&env, &["--color", "always", "devices", "list"]).contains('\x1b'),
        "--color beats NO_COLOR"
    );
    env.unset("NO_COLOR");
    assert!(
        !err(&env, &["--color", "never", "devices", "list"]).contains('\x1b'),
        "--color beats CLICOLOR_FORCE"
    );
}

#[test]
fn requests_identify_the_client() {
    let fx = Fixture::start(vec![response(
        "200 OK",
        &[("content-type", "application/json")],
        r#"{"items":[]}"#,
    )]);
    env_for(&fx.url).run(&["groups", "list"]).ok();
    let reqs = fx.requests.lock().unwrap();
    let r = reqs[0].to_lowercase();
    assert!(r.contains("user-agent: mdm/"), "{r}");
    assert!(r.contains("accept: application/json"), "{r}");
    assert!(
        r.contains("authorization: bearer mdm_pat_fixture-token"),
        "{r}"
    );
}
