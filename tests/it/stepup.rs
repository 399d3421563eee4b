//! MFA step-up: independent codes accepted, replay refused, drift bounded, lockout,
//! expiry, session control, and no secret leaking anywhere.

use crate::common::http::Http;
use crate::common::{Env, Sandbox, Server, away_from_step_edge, now_unix, otp_at};
use serde_json::json;

#[test]
fn oathtool_codes_are_accepted_and_work_once() {
    let sb = Sandbox::new(2);
    let http = Http::new(&sb.server.url);
    away_from_step_edge(3);
    let code = otp_at(&sb.admin_seed, None);
    let elevation = http
        .step_up(&sb.admin_token, &code)
        .expect("independent code accepted");
    assert!(elevation.starts_with("mdm_elv_"));
    // The same code again: refused (RFC 6238 §5.2), whoever asks.
    let again = http.step_up(&sb.admin_token, &code).unwrap_err();
    assert_eq!(again.status, 403);
    assert_eq!(again.code(), "step_up_failed");
    // The CLI path, with the next code.
    let next = otp_at(&sb.admin_seed, Some(now_unix() + 30));
    sb.run(&["auth", "step-up", "--otp", &next])
        .ok()
        .stderr_has("Elevated for 5m");
    sb.run(&["auth", "step-up", "--otp", &next])
        .code(5)
        .stderr_has("wrong or was already used")
        .stderr_has("each works once");
    // Every attempt is an audit event, success or failure.
    let outcomes: Vec<String> = sb
        .server
        .db()
        .read(|c| {
            let mut s = c.prepare(
                "SELECT outcome FROM audit_events WHERE action = 'auth.step_up' ORDER BY id",
            )?;
            s.query_map([], |r| r.get(0))?
                .collect::<mdm_server::sql::Result<Vec<String>>>()
        })
        .unwrap();
    assert_eq!(outcomes, ["success", "failure", "success", "failure"]);
}

#[test]
fn drift_of_one_step_is_accepted_two_is_not() {
    let sb = Sandbox::new(1);
    let http = Http::new(&sb.server.url);
    let prev = sb.user_full("prev", "admin");
    let next = sb.user_full("next", "admin");
    let far = sb.user_full("far", "admin");
    away_from_step_edge(4);
    let now = now_unix();
    assert!(
        http.step_up(&prev.token, &otp_at(&prev.seed, Some(now - 30)))
            .is_ok(),
        "previous step"
    );
    assert!(
        http.step_up(&next.token, &otp_at(&next.seed, Some(now + 30)))
            .is_ok(),
        "next step"
    );
    for t in [now - 60, now + 60, now - 90, now + 90] {
        let r = http
            .step_up(&far.token, &otp_at(&far.seed, Some(t)))
            .unwrap_err();
        assert_eq!(r.code(), "step_up_failed", "code for t={t} (now={now})");
    }
    // After the next step's code, the current one is older: refused as a replay.
    let r = http
        .step_up(&next.token, &otp_at(&next.seed, Some(now)))
        .unwrap_err();
    assert_eq!(r.code(), "step_up_failed");
}

#[test]
fn five_wrong_codes_lock_step_up() {
    let env = Env::new();
    let server = Server::start_args(
        &env,
        &["--devices", "1", "--tick-ms", "0", "--stepup-lockout", "1m"],
    );
    let sb = Sandbox::with_server(env, server);
    let http = Http::new(&sb.server.url);
    for i in 1..=4 {
        let r = http.step_up(&sb.admin_token, "000000").unwrap_err();
        assert_eq!(r.code(), "step_up_failed");
        assert_eq!(r.body["error"]["details"]["attempts_left"], 5 - i);
    }
    let r = http.step_up(&sb.admin_token, "000000").unwrap_err();
    assert_eq!((r.status, r.code()), (423, "step_up_locked"));
    // Locked: even the right code is refused, and the CLI says so.
    sb.run(&["auth", "step-up", "--otp", &sb.admin_otp()])
        .code(5)
        .stderr_has("step-up is locked");
    let lockouts: i64 = sb
        .server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM audit_events WHERE action = 'auth.step_up_lockout'",
                [],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert_eq!(lockouts, 1);
    // The cooling-off ends (server time moves; the code stays on wall time).
    sb.server.advance_clock(61);
    assert!(http.step_up(&sb.admin_token, &sb.otp("root")).is_ok());
}

#[test]
fn elevations_expire_and_are_bound_to_user_and_token() {
    let env = Env::new();
    let server = Server::start_args(
        &env,
        &["--devices", "1", "--tick-ms", "0", "--elevation-ttl", "2s"],
    );
    let sb = Sandbox::with_server(env, server);
    let http = Http::new(&sb.server.url);
    let victim = sb.user_full("victim", "viewer");
    let other_admin = sb.user_full("other", "admin");
    let sessions = http.get("/v1/sessions?user=victim", &sb.admin_token);
    assert_eq!(sessions.status, 200, "{:?}", sessions.body);
    let victim_token_id = sessions.body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/v1/sessions/{victim_token_id}");

    // Without an elevation: refused with step_up_required, nothing revoked.
    let r = http.call("DELETE", &path, Some(&sb.admin_token), None, None);
    assert_eq!((r.status, r.code()), (403, "step_up_required"));
    assert_eq!(r.body["error"]["details"]["reason"], "missing");

    let elevation = http.step_up(&sb.admin_token, &sb.otp("root")).unwrap();
    // Another admin cannot use it, nor can the same user with another token.
    let r = http.call(
        "DELETE",
        &path,
        Some(&other_admin.token),
        Some(&elevation),
        None,
    );
    assert_eq!(r.code(), "step_up_required");
    assert_eq!(r.body["error"]["details"]["reason"], "invalid");
    // Expired: refused.
    sb.server.advance_clock(3);
    let r = http.call(
        "DELETE",
        &path,
        Some(&sb.admin_token),
        Some(&elevation),
        None,
    );
    assert_eq!(r.code(), "step_up_required");
    assert_eq!(r.body["error"]["details"]["reason"], "expired");
    assert_eq!(
        http.get("/v1/me", &victim.token).status,
        200,
        "nothing was revoked"
    );

    // A fresh one works.
    let elevation = http.step_up(&sb.admin_token, &sb.otp("root")).unwrap();
    let r = http.call(
        "DELETE",
        &path,
        Some(&sb.admin_token),
        Some(&elevation),
        None,
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(http.get("/v1/me", &victim.token).status, 401);
}

#[test]
fn no_code_and_no_terminal_means_exit_3_and_nothing_sent() {
    let sb = Sandbox::new(1);
    let bob = sb.user_full("bob", "viewer");
    let out = sb.run(&["auth", "sessions", "revoke", "--all", "--user", "bob"]);
    out.code(3)
        .stderr_has("needs a step-up")
        .stderr_has("--otp CODE")
        .stderr_has("nothing was sent");
    // bob still works, and no revocation attempt reached the server's audit log.
    assert_eq!(
        Http::new(&sb.server.url).get("/v1/me", &bob.token).status,
        200
    );
    let n: i64 = sb
        .server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM audit_events WHERE action LIKE 'session.%'",
                [],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert_eq!(n, 0);
    // A malformed code is a usage error, also before anything is sent.
    sb.run(&[
        "auth", "sessions", "revoke", "--all", "--user", "bob", "--otp", "12ab56",
    ])
    .code(2);
    // With a code: done, and the elevation is cached for the next guarded command.
    sb.run(&[
        "auth",
        "sessions",
        "revoke",
        "--all",
        "--user",
        "bob",
        "--otp",
        &sb.admin_otp(),
        "--reason",
        "test",
    ])
    .ok()
    .stderr_has("Revoked 1 token(s)");
    assert_eq!(
        Http::new(&sb.server.url).get("/v1/me", &bob.token).status,
        401
    );
    let st = sb.run(&["auth", "status", "-o", "json"]).json();
    assert!(st["elevation_id"].as_str().unwrap().starts_with("elv_"));
    assert!(st["elevation_seconds_left"].as_i64().unwrap() > 200);
    // The same end as a time, for scripts that compare times.
    let ends = st["elevation_expires_at"].as_str().unwrap();
    assert!(ends.ends_with('Z') && ends.contains('T'), "{ends}");
    let human = sb.run(&["auth", "status"]);
    human.ok().stdout_has("elevation_expires_at");
    let carol = sb.user_full("carol", "viewer");
    sb.run(&["auth", "sessions", "revoke", "--all", "--user", "carol"])
        .ok();
    assert_eq!(
        Http::new(&sb.server.url).get("/v1/me", &carol.token).status,
        401
    );
}

#[test]
fn session_control() {
    let sb = Sandbox::new(1);
    let http = Http::new(&sb.server.url);
    let op = sb.user_full("opal", "operator");
    sb.login("op", &op.token);
    // A second token for opal, as automation would have.
    let second = http.get("/v1/me", &op.token);
    assert_eq!(second.status, 200);
    let list = sb
        .run(&["auth", "sessions", "-c", "op", "-o", "json"])
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["current"], true);
    // An operator cannot look at or revoke other users' sessions.
    sb.run(&["auth", "sessions", "-c", "op", "--user", "root"])
        .code(5);
    sb.run(&[
        "auth",
        "sessions",
        "revoke",
        "-c",
        "op",
        "--all",
        "--user",
        "root",
        "--otp",
        &op_code(&op.seed),
    ])
    .code(5)
    .stderr_has("may only see and revoke its own sessions");
    // The admin sees opal's sessions, and revoking its own current token logs it out.
    let theirs = sb
        .run(&["auth", "sessions", "list", "--user", "opal", "-o", "json"])
        .json();
    assert_eq!(theirs[0]["user"], "opal");
    sb.run(&["auth", "sessions", "revoke", "-c", "op", "--all"])
        .ok()
        .stderr_has("you are logged out of op");
    sb.run(&["auth", "status", "-c", "op"]).code(4);
    sb.run(&["auth", "sessions", "revoke", "dev_nonsense"])
        .code(6);
}

fn op_code(seed: &str) -> String {
    otp_at(seed, None)
}

#[test]
fn expired_tokens_are_refused() {
    let sb = Sandbox::new(1);
    let out = sb.run(&[
        "sandbox",
        "user",
        "add",
        "temp",
        "--role",
        "viewer",
        "--expires",
        "2s",
        "--db-dir",
        sb.server.db_dir.to_str().unwrap(),
        "-o",
        "json",
    ]);
    let v = out.ok().json();
    assert!(v["token_expires_at"].as_str().is_some());
    let token = v["token"].as_str().unwrap();
    let http = Http::new(&sb.server.url);
    assert_eq!(http.get("/v1/me", token).status, 200);
    sb.server.advance_clock(3);
    let r = http.get("/v1/me", token);
    assert_eq!(r.status, 401);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

#[test]
fn mfa_enrollment_replaces_only_with_step_up_and_activates_with_a_code() {
    let sb = Sandbox::new(1);
    let http = Http::new(&sb.server.url);
    // Re-enrolling an enrolled user needs a step-up with the current authenticator.
    let r = http.post("/v1/auth/mfa/enroll", &sb.admin_token, json!({}));
    assert_eq!(r.code(), "step_up_required");
    let out = sb.run(&[
        "auth",
        "mfa",
        "enroll",
        "-o",
        "json",
        "--otp",
        &sb.admin_otp(),
    ]);
    let v = out.ok().json();
    let new_seed = v["secret"].as_str().unwrap().to_string();
    assert!(v["otpauth_uri"].as_str().unwrap().contains(&new_seed));
    out.stderr_has("mdm auth mfa activate --otp CODE");
    // The old authenticator still rules until activation; a wrong code does not activate.
    sb.run(&["auth", "mfa", "activate", "--otp", "000000"])
        .code(5);
    away_from_step_edge(3);
    sb.run(&["auth", "mfa", "activate", "--otp", &otp_at(&new_seed, None)])
        .ok()
        .stderr_has("Authenticator enrolled");
    // Now codes of the new seed work (the next step: the current one was just used).
    assert!(
        http.step_up(&sb.admin_token, &otp_at(&new_seed, Some(now_unix() + 30)))
            .is_ok()
    );
    assert!(
        http.step_up(
            &sb.admin_token,
            &otp_at(&sb.admin_seed, Some(now_unix() + 60))
        )
        .is_err()
    );
    // No terminal and table output: the seed is not printed into a log.
    sb.run(&[
        "auth",
        "mfa",
        "enroll",
        "--otp",
        &otp_at(&new_seed, Some(now_unix() + 60)),
    ])
    .code(3)
    .stderr_has("no terminal to show it on");
    let png = sb.env.root.path().join("qr.png");
    sb.run(&[
        "auth",
        "mfa",
        "enroll",
        "--qr-png",
        png.to_str().unwrap(),
        "--otp",
        &otp_at(&new_seed, Some(now_unix() + 60)),
    ]);
}

#[test]
fn sandbox_otp_is_refused_for_other_servers() {
    let sb = Sandbox::new(1);
    let fx = crate::common::fixture::Fixture::start(vec![crate::common::fixture::response(
        "200 OK",
        &[("content-type", "application/json")],
        r#"{"status":"ok","version":"1","instance_id":"prod-1","sandbox":false}"#,
    )]);
    sb.run(&["context", "add", "prod", "--server", &fx.url])
        .ok();
    sb.run(&[
        "sandbox",
        "otp",
        "-c",
        "prod",
        "--db-dir",
        sb.server.db_dir.to_str().unwrap(),
    ])
    .code(2)
    .stderr_has("refused: context prod")
    .stderr_has("is not the local sandbox");
    let code = sb.otp("root");
    assert_eq!(code.len(), 6);
    // The command itself, for the sandbox it belongs to: a code the server accepts.
    let out = sb.run(&[
        "sandbox",
        "otp",
        "--user",
        "root",
        "--db-dir",
        sb.server.db_dir.to_str().unwrap(),
    ]);
    let http = Http::new(&sb.server.url);
    assert!(
        http.step_up(&sb.admin_token, out.ok().stdout.trim())
            .is_ok()
    );
}

/// Finding 11 of issue 12: the TOTP seeds sat in plaintext in `users.totp_secret`, so a
/// copied database gave every step-up code.
#[test]
fn a_database_copied_without_its_key_yields_no_seed() {
    let mut sb = Sandbox::new(1);
    let db_file = sb.server.db_dir.join(mdm_server::db::DB_FILE);
    let key_file = sb.server.db_dir.join(mdm_server::seedbox::KEY_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    // The attacker copies the database, not the key beside it.
    let copy = sb.env.root.path().join("stolen");
    std::fs::create_dir_all(&copy).unwrap();
    let copy_file = copy.join(mdm_server::db::DB_FILE);
    let conn = rusqlite::Connection::open(&db_file).unwrap();
    conn.execute("VACUUM INTO ?1", [copy_file.to_str().unwrap()])
        .unwrap();
    drop(conn);
    sb.server.stop();
    let stolen = rusqlite::Connection::open(&copy_file).unwrap();
    let seeds: Vec<String> = stolen
        .prepare("SELECT totp_secret FROM users WHERE totp_secret IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!seeds.is_empty());
    for s in &seeds {
        assert!(s.starts_with("enc1:"), "{s}");
        assert!(mdm_model::totp::from_base32(s).is_none(), "{s}");
        assert!(!s.contains(&sb.admin_seed), "{s}");
    }
    // A server on the copy refuses: the key is missing, or it is the wrong one.
    let serve = |dir: &std::path::Path| {
        let out = sb
            .env
            .mdm()
            .args(["sandbox", "serve", "--port", "0", "--db-dir"])
            .arg(dir)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = serve(&copy);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("key file") && err.contains("missing"), "{err}");
    std::fs::write(
        copy.join(mdm_server::seedbox::KEY_FILE),
        format!("{}\n", "ab".repeat(32)),
    )
    .unwrap();
    let (code, err) = serve(&copy);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("does not decrypt"), "{err}");
    // A database from before encryption (plaintext seeds) is sealed at start.
    std::fs::remove_file(copy.join(mdm_server::seedbox::KEY_FILE)).unwrap();
    stolen
        .execute(
            "UPDATE users SET totp_secret = ?1, totp_pending = NULL WHERE totp_secret IS NOT NULL",
            [&sb.admin_seed],
        )
        .unwrap();
    drop(stolen);
    let server = Server::start_in(&sb.env, &copy, &["--devices", "1"]);
    let conn = rusqlite::Connection::open(&copy_file).unwrap();
    let s: String = conn
        .query_row(
            "SELECT totp_secret FROM users WHERE name = 'root'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(s.starts_with("enc1:") && !s.contains(&sb.admin_seed), "{s}");
    away_from_step_edge(3);
    let http = Http::new(&server.url);
    assert!(
        http.step_up(&sb.admin_token, &otp_at(&sb.admin_seed, None))
            .is_ok()
    );
}
