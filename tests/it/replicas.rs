//! Two gateway replicas on one real PostgreSQL (a throwaway cluster per test): the
//! gates hold across them, the audit chain stays one, and background work moves to the
//! other replica when the leader dies, without a device getting its command twice.

use crate::common::http::Http;
use crate::common::{Env, Sandbox, Server};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn on_postgres(extra: &[&str]) -> Sandbox {
    let env = Env::new();
    let server = Server::start_on_postgres(&env, extra);
    Sandbox::with_server(env, server)
}

/// Context `name` for `url`, logged in with the admin's token.
fn context_for(sb: &Sandbox, name: &str, url: &str) {
    sb.run(&["context", "add", name, "--server", url]).ok();
    sb.env
        .run_with_stdin(
            &["auth", "login", "--with-token", "--context", name],
            Some(&sb.admin_token),
        )
        .ok();
}

fn audit_ids(sb: &Sandbox) -> Vec<i64> {
    sb.server
        .db()
        .read(|c| {
            let mut s = c.prepare("SELECT id FROM audit_events ORDER BY id")?;
            s.query_map([], |r| r.get::<_, i64>(0))?.collect()
        })
        .unwrap()
}

#[test]
fn one_totp_code_steps_up_once_across_two_replicas() {
    let sb = on_postgres(&["--devices", "5", "--tick-ms", "0"]);
    let second = sb.server.replica(&sb.env);
    let code = sb.admin_otp();
    let urls = [sb.server.url.clone(), second.url.clone()];
    let results: Vec<bool> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..10)
            .map(|i| {
                let (url, token, code) = (&urls[i % 2], &sb.admin_token, &code);
                s.spawn(move || Http::new(url).step_up(token, code).is_ok())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        results.iter().filter(|ok| **ok).count(),
        1,
        "one code, ten tries on two replicas: {results:?}"
    );
    // Each refusal is on the record, in the one chain.
    sb.run(&["audit", "verify"]).ok().stderr_has("verifies");
}

#[test]
fn audit_appends_from_two_replicas_under_load_are_one_chain_without_a_gap() {
    let sb = on_postgres(&["--devices", "20", "--tick-ms", "100"]);
    let second = sb.server.replica(&sb.env);
    let before = audit_ids(&sb).len();
    let urls = [sb.server.url.clone(), second.url.clone()];
    std::thread::scope(|s| {
        for t in 0..6 {
            let (url, token) = (&urls[t % 2], &sb.admin_token);
            s.spawn(move || {
                let http = Http::new(url);
                for _ in 0..25 {
                    assert_eq!(http.post("/v1/auth/login", token, json!({})).status, 204);
                }
            });
        }
    });
    let ids = audit_ids(&sb);
    assert!(ids.len() >= before + 150, "{} events", ids.len());
    let first = ids[0];
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(*id, first + i as i64, "a gap or a duplicate in the chain");
    }
    sb.run(&["audit", "verify"]).ok().stderr_has("verifies");
    // The other replica serves the same chain.
    context_for(&sb, "r2", &second.url);
    sb.run(&["audit", "verify", "-c", "r2"])
        .ok()
        .stderr_has("verifies");
}

#[test]
fn concurrent_locks_of_the_same_devices_through_two_replicas_each_reach_a_device_once() {
    let sb = on_postgres(&[
        "--devices",
        "6",
        "--tick-ms",
        "100",
        "--offline-percent",
        "0",
        "--fail-percent",
        "0",
        "--single-action-budget",
        "100",
    ]);
    let second = sb.server.replica(&sb.env);
    context_for(&sb, "r2", &second.url);
    let ids = sb.device_ids(&[]);
    let targets = [ids[0].clone(), ids[1].clone()];
    let actions: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..6)
            .map(|i| {
                let (sb, dev) = (&sb, &targets[i % 2]);
                let ctx = if i % 3 == 0 { "t" } else { "r2" };
                s.spawn(move || {
                    let out = sb.run(&["lock", dev, "-c", ctx, "--no-wait", "-o", "json"]);
                    out.ok();
                    out.json()["id"].as_str().unwrap().to_string()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for id in &actions {
        sb.run(&["actions", "watch", id, "--timeout", "60s"]).ok();
        let r = sb
            .server
            .hook("/_test/sim/deliveries", json!({ "action_id": id }));
        let got = r["devices"].as_object().unwrap();
        assert_eq!(got.len(), 1, "{id}: {got:?}");
        for (device, n) in got {
            assert_eq!(n, 1, "{device} received {id} {n} times");
        }
    }
    sb.run(&["audit", "verify"]).ok();
}

#[test]
fn the_leader_killed_mid_fan_out_hands_over_and_no_device_gets_the_command_twice() {
    let env = Env::new();
    let flags = [
        "--devices",
        "2500",
        "--tick-ms",
        "100",
        "--offline-percent",
        "0",
        "--fail-percent",
        "0",
    ];
    let mut stalling = flags.to_vec();
    stalling.extend(["--fault", "stall-after-submits=700"]);
    // The first replica leads (it took the lease first) and stalls after 700 commands,
    // with more claimed; the second waits.
    let leader = Server::start_on_postgres(&env, &stalling);
    let mut sb = Sandbox::with_server(env, leader);
    let second = sb.server.replica_with(&sb.env, &flags);
    let mut ids = sb.device_ids(&[]);
    ids.truncate(1200);
    sb.server.fixture_group("fanout", &ids);
    let out = sb.run(&[
        "lock",
        "--group",
        "fanout",
        "--confirm",
        "lock 1200 devices in t",
        "--otp",
        &sb.admin_otp(),
        "--no-wait",
        "-o",
        "json",
    ]);
    out.ok();
    let id = out.json()["id"].as_str().unwrap().to_string();
    let deliveries = |url: &str| -> serde_json::Map<String, Value> {
        let r = Http::new(url).call(
            "POST",
            "/_test/sim/deliveries",
            None,
            None,
            Some(json!({ "action_id": id })),
        );
        assert_eq!(r.status, 200, "{:?}", r.body);
        r.body["devices"].as_object().unwrap().clone()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while deliveries(&second.url).len() < 700 {
        assert!(
            Instant::now() < deadline,
            "the leader never sent 700 commands"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(deliveries(&second.url).len(), 700, "the leader stalled");

    sb.server.kill();
    let killed = Instant::now();
    context_for(&sb, "r2", &second.url);
    sb.run(&["actions", "watch", &id, "-c", "r2", "--timeout", "90s"])
        .code(7);
    let done = sb
        .run(&["actions", "show", &id, "-c", "r2", "-o", "json"])
        .json();
    assert_eq!(done["counts"]["acknowledged"], 900, "{done}");
    assert_eq!(done["counts"]["failed"], 300, "{done}");
    let got = deliveries(&second.url);
    assert_eq!(got.len(), 900);
    for (device, n) in &got {
        assert_eq!(n, 1, "{device} received the lock {n} times");
    }
    assert!(
        killed.elapsed() < Duration::from_secs(90),
        "the takeover took {:?}",
        killed.elapsed()
    );
    sb.run(&["audit", "verify", "-c", "r2"])
        .ok()
        .stderr_has("verifies");
}

#[test]
fn a_replica_with_another_checkpoint_key_refuses_to_start() {
    let sb = on_postgres(&["--devices", "3", "--tick-ms", "0"]);
    // A signed checkpoint exists once the chain has been verified.
    sb.run(&["audit", "verify"]).ok();
    let pg = sb.server.pg.clone().unwrap();
    let other = sb.env.root.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::copy(sb.server.db_dir.join("totp.key"), other.join("totp.key")).unwrap();
    std::fs::write(
        other.join("checkpoint.key"),
        format!("{}\n", "ab".repeat(32)),
    )
    .unwrap();
    let out = sb.env.run(&[
        "sandbox",
        "serve",
        "--port",
        "0",
        "--db-dir",
        other.to_str().unwrap(),
        "--database",
        &pg.url("mdm"),
        "--database-password-file",
        pg.password_file.to_str().unwrap(),
    ]);
    out.code(1)
        .stderr_has("checkpoint key does not match")
        .stderr_lacks(crate::common::postgres::PASSWORD);
}

#[test]
fn a_database_that_is_not_there_at_start_is_a_clear_error() {
    let env = Env::new();
    let pg = crate::common::postgres::Postgres::start();
    let url = pg.url("mdm");
    let password = pg.password_file.clone();
    // Saved before the cluster goes: the file goes with it.
    let kept = env.root.path().join("pw");
    std::fs::copy(&password, &kept).unwrap();
    drop(pg);
    let out = env.run(&[
        "sandbox",
        "serve",
        "--port",
        "0",
        "--db-dir",
        env.root.path().join("server").to_str().unwrap(),
        "--database",
        &url,
        "--database-password-file",
        kept.to_str().unwrap(),
    ]);
    out.code(1)
        .stderr_has("cannot open the database postgres://mdm@127.0.0.1")
        .stderr_lacks(crate::common::postgres::PASSWORD);
}

/// Bad `--database` values are refused before anything is opened or written: a
/// password in the URL (it would end up in logs and process lists), a remote database
/// without TLS, something that is not a PostgreSQL URL, a password file that is not
/// there. Exit 2, the cause and a hint, never the password.
#[test]
fn bad_database_settings_are_refused_before_anything_starts() {
    let env = Env::new();
    let dir = env.root.path().join("server");
    let pw = env.root.path().join("pw");
    std::fs::write(&pw, "pw-file-secret\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let serve = |url: &str, pw: &std::path::Path| {
        env.run(&[
            "sandbox",
            "serve",
            "--port",
            "0",
            "--db-dir",
            dir.to_str().unwrap(),
            "--database",
            url,
            "--database-password-file",
            pw.to_str().unwrap(),
        ])
    };
    serve("postgres://mdm:hunter2secret@127.0.0.1:5432/mdm", &pw)
        .code(2)
        .stderr_has("error: --database: the database URL holds a password")
        .stderr_has("hint: use postgres://user@127.0.0.1:5432/db and --database-password-file")
        .stderr_lacks("hunter2secret");
    serve("postgres://mdm@db.example.org:5432/mdm", &pw)
        .code(2)
        .stderr_has("the database is not on this machine and the URL does not ask for TLS")
        .stderr_has("hint:");
    serve("mysql://mdm@127.0.0.1/mdm", &pw)
        .code(2)
        .stderr_has("not a PostgreSQL URL");
    serve(
        "postgres://mdm@127.0.0.1:5432/mdm",
        &env.root.path().join("missing"),
    )
    .code(2)
    .stderr_has("--database-password-file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let open = env.root.path().join("pw-open");
        std::fs::write(&open, "pw-file-secret\n").unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
        serve("postgres://mdm@127.0.0.1:5432/mdm", &open)
            .code(2)
            .stderr_has("refusing to use a secret that is not private")
            .stderr_has("hint: chmod 600")
            .stderr_lacks("pw-file-secret");
    }
    assert!(
        !dir.join(mdm_server::local::POSTGRES_POINTER).exists(),
        "nothing was written for a refused start"
    );
    assert!(!dir.join(mdm_server::seedbox::KEY_FILE).exists());
}

fn logins_recorded_after(sb: &Sandbox, after: i64) -> i64 {
    sb.server
        .db()
        .read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM audit_events WHERE action = 'auth.login' AND id > ?1",
                [after],
                |r| r.get(0),
            )
        })
        .unwrap()
}

#[test]
fn requests_fail_cleanly_while_the_database_restarts_and_the_gateway_recovers() {
    let sb = on_postgres(&["--devices", "5", "--tick-ms", "100"]);
    let pg = sb.server.pg.clone().unwrap();
    let before = audit_ids(&sb);
    let last = *before.last().unwrap();
    let id = sb.device_ids(&[])[0].clone();
    // Load throughout: logins (each one audit event in its own write) on two clients.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (ok, unavailable) = std::thread::scope(|s| {
        let loaders: Vec<_> = (0..2)
            .map(|_| {
                let (stop, url, token) = (&stop, &sb.server.url, &sb.admin_token);
                s.spawn(move || {
                    let http = Http::new(url);
                    let (mut ok, mut unavailable) = (0i64, 0i64);
                    while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                        let r = http.post("/v1/auth/login", token, json!({}));
                        match r.status {
                            204 => ok += 1,
                            503 => unavailable += 1,
                            other => panic!("a login answered {other}: {:?}", r.body),
                        }
                    }
                    (ok, unavailable)
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(500));
        pg.stop();
        let lock = sb.run(&["lock", &id, "--no-wait"]);
        lock.code(1)
            .stderr_has("cannot reach its database")
            .stderr_has("hint:");
        std::thread::sleep(Duration::from_millis(500));
        pg.start_again();
        std::thread::sleep(Duration::from_millis(1500));
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        loaders
            .into_iter()
            .map(|h| h.join().unwrap())
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    assert!(unavailable > 0, "no request met the restart");
    assert!(ok > 0);
    // Every login answered 204 is on the record, and none of those refused.
    assert_eq!(logins_recorded_after(&sb, last), ok);
    let before = before.len();
    // Without a restart of the gateway: its connections are made again.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let out = sb.run(&["devices", "list", "-o", "json"]);
        if out.code == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the gateway did not recover");
        std::thread::sleep(Duration::from_millis(300));
    }
    sb.run(&["lock", &id, "--no-wait"]).ok();
    assert!(audit_ids(&sb).len() > before);
    sb.run(&["audit", "verify"]).ok().stderr_has("verifies");
}

#[test]
fn gateway_check_reports_the_database_its_schema_and_the_leader() {
    use crate::common::gateway::{Gateway, private, write_config};
    let env = Env::new();
    let pg = crate::common::postgres::Postgres::start();
    pg.create_database("gw");
    for (name, value) in [("totp.key", "cd"), ("checkpoint.key", "ef")] {
        let path = env.root.path().join(name);
        std::fs::write(&path, format!("{}\n", value.repeat(32))).unwrap();
        private(&path);
    }
    let config = write_config(
        &env,
        "gw.toml",
        &format!(
            "listen = \"127.0.0.1:0\"\ndatabase = {:?}\n[postgres]\npassword_file = {:?}\n\
             [keys]\ntotp_key_file = \"totp.key\"\ncheckpoint_key_file = \"checkpoint.key\"\n\
             [backend]\nkind = \"simulator\"\ndevices = 7\ntick_ms = 0\n",
            pg.url("gw"),
            pg.password_file
        ),
    );
    let cfg = config.to_str().unwrap();
    // Reachable, no schema yet: check makes none.
    let before = env.run(&["gateway", "check", "--config", cfg, "-o", "json"]);
    before.ok();
    assert!(!before.stdout.contains(crate::common::postgres::PASSWORD));
    let v = before.json();
    assert_eq!(v["database_engine"], "postgres", "{v}");
    assert_eq!(v["database_exists"], false, "{v}");
    assert!(v["schema_version"].is_null(), "{v}");
    assert_eq!(
        pg.psql(
            "gw",
            "SELECT count(*) FROM pg_tables WHERE tablename = 'devices'"
        ),
        "0"
    );

    let gw = Gateway::start(&env, &config);
    let after = env.run(&["gateway", "check", "--config", cfg, "-o", "json"]);
    after.ok();
    let v = after.json();
    assert_eq!(v["database_exists"], true, "{v}");
    assert_eq!(v["devices"], 7, "{v}");
    assert_eq!(v["schema_version"], v["schema_known"], "{v}");
    assert_eq!(v["database_writable"], true, "{v}");
    let holder = v["leader"]["holder"].as_str().expect("a leader");
    assert!(holder.contains('/'), "{holder}");
    assert!(v["leader"]["expires_in_ms"].as_i64().unwrap() > 0, "{v}");
    let table = env.run(&["gateway", "check", "--config", cfg]);
    table.ok().stdout_has("postgres").stdout_has("lease");
    drop(gw);

    // The database gone: a clear failure naming it, no password.
    pg.stop();
    let down = env.run(&["gateway", "check", "--config", cfg]);
    down.code(1)
        .stderr_has("cannot reach the database postgres://mdm@127.0.0.1")
        .stderr_has("hint:")
        .stderr_lacks(crate::common::postgres::PASSWORD);
}

#[test]
fn the_database_is_reached_over_tls_checked_against_the_configured_ca() {
    let pg = crate::common::postgres::Postgres::start_tls();
    pg.create_database("mdm");
    let ca = std::fs::read(pg.ca_file()).unwrap();
    let url = format!("{}?sslmode=require", pg.url("mdm"));
    let password = Some(crate::common::postgres::PASSWORD);
    let env = Env::new();
    let keys = env.root.path();
    std::fs::write(keys.join("totp.key"), "ab".repeat(32)).unwrap();
    let seed = [7u8; 32];
    let open = |ca: Option<&[u8]>| {
        let target = mdm_server::sql::pg::Target::new(&url, password, ca).unwrap();
        mdm_server::db::Db::open_postgres(target, &keys.join("totp.key"), seed)
    };
    let db = open(Some(&ca)).unwrap();
    let ssl: bool = db
        .read(|c| {
            c.query_row(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                [],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert!(ssl, "the connection is TLS");
    // Another CA, or the system's roots, do not vouch for this server.
    let other = crate::common::postgres::Postgres::start_tls();
    let wrong = std::fs::read(other.ca_file()).unwrap();
    let e = open(Some(&wrong))
        .err()
        .expect("a certificate from another CA is refused");
    assert!(
        !e.to_string().contains(crate::common::postgres::PASSWORD),
        "{e}"
    );
    assert!(
        open(None).is_err(),
        "the system's roots do not know the test CA"
    );
    // Off the loopback without TLS: refused before any connection.
    let e = mdm_server::sql::pg::Target::new("postgres://mdm@db.example.com/mdm", password, None)
        .err()
        .unwrap();
    assert!(e.contains("does not ask for TLS"), "{e}");
}
