use crate::common::{Env, Server};

#[test]
fn up_status_down_and_restart_keep_data_and_credentials() {
    let env = Env::new();
    let up = env.run(&["sandbox", "up", "--devices", "40"]);
    up.ok()
        .stderr_has("Sandbox running at http://127.0.0.1:")
        .stderr_has("with 40 simulated devices")
        .stderr_has("Context sandbox is current; logged in as admin")
        .stderr_has("TOTP seed is printed once below")
        .stderr_has("otpauth://");
    let list = env.run(&["devices", "list", "--all", "-o", "json"]);
    let first: Vec<String> = list
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(first.len(), 40);
    let status = env.run(&["sandbox", "status", "-o", "json"]);
    let st = status.ok().json();
    assert_eq!(st["running"], true);
    assert_eq!(st["devices"], 40);
    let url = st["url"].as_str().unwrap().to_string();

    // A second `up` notices the running server, and shows no seed again.
    let again = env.run(&["sandbox", "up"]);
    again.ok().stderr_has("already running");
    assert!(!again.stderr.contains("otpauth://"), "{}", again.stderr);

    env.run(&["sandbox", "down"])
        .ok()
        .stderr_has("Stopped the sandbox");
    let stopped = env.run(&["sandbox", "status", "-o", "json"]);
    stopped.code(1).stderr_has("the sandbox is not running");
    assert_eq!(stopped.json()["running"], false);
    env.run(&["devices", "list"])
        .code(1)
        .stderr_has("sandbox up");

    // Restart: same port, same fleet, the stored credential still works.
    env.run(&["sandbox", "up"]).ok();
    let again = env.run(&["sandbox", "status", "-o", "json"]).json();
    assert_eq!(again["url"], url.as_str());
    let second: Vec<String> = env
        .run(&["devices", "list", "--all", "-o", "json"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(first, second);
    env.run(&["auth", "status"]).ok();

    env.run(&["sandbox", "down", "--purge"])
        .ok()
        .stderr_has("Deleted the sandbox database");
    env.run(&["context", "list", "-o", "json"])
        .ok()
        .stdout_has("[]");
}

#[test]
fn serve_keeps_data_across_restarts_and_simulates_check_ins() {
    let env = Env::new();
    let mut s = Server::start_args(&env, &["--devices", "30", "--tick-ms", "50"]);
    let token = {
        let out = env.run(&[
            "sandbox",
            "user",
            "add",
            "u",
            "--role",
            "admin",
            "--db-dir",
            s.db_dir.to_str().unwrap(),
            "-o",
            "json",
        ]);
        out.ok().json()["token"].as_str().unwrap().to_string()
    };
    let mut env = env;
    env.run(&["context", "add", "t", "--server", &s.url]).ok();
    env.set("MDM_TOKEN", &token);
    let seen = |env: &Env| -> Vec<(String, String)> {
        env.run(&["devices", "list", "--all", "-o", "json"])
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["id"].as_str().unwrap().to_string(),
                    d["last_seen"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let before = seen(&env);
    s.step_sim(5);
    let after = seen(&env);
    assert_eq!(before.len(), 30);
    assert!(
        before.iter().zip(&after).any(|(a, b)| a.1 != b.1),
        "no device checked in"
    );
    s.stop();
    let s2 = Server::start_in(
        &env,
        &s.db_dir.clone(),
        &["--devices", "999", "--tick-ms", "0"],
    );
    env.run(&["context", "add", "t", "--server", &s2.url, "--force"])
        .ok();
    let restarted = seen(&env);
    assert_eq!(
        restarted.len(),
        30,
        "restart reseeded instead of keeping the data"
    );
    assert_eq!(
        restarted.iter().map(|d| &d.0).collect::<Vec<_>>(),
        before.iter().map(|d| &d.0).collect::<Vec<_>>()
    );
    // WAL mode is on.
    let mode: String = s2
        .db()
        .read(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0)))
        .unwrap();
    assert_eq!(mode, "wal");
    // Tokens are stored hashed, never as given.
    let db_bytes = std::fs::read(s2.db_dir.join("mdm.sqlite3")).unwrap();
    assert!(!db_bytes.windows(token.len()).any(|w| w == token.as_bytes()));
}

#[test]
fn user_add_is_clear_about_mistakes() {
    let env = Env::new();
    env.run(&["sandbox", "user", "add", "x", "--role", "admin"])
        .code(1)
        .stderr_has("no sandbox database")
        .stderr_has("sandbox up");
    let s = Server::start(&env, 1);
    let dir = s.db_dir.to_str().unwrap();
    env.run(&[
        "sandbox", "user", "add", "x", "--role", "admin", "--db-dir", dir,
    ])
    .ok();
    env.run(&[
        "sandbox", "user", "add", "x", "--role", "admin", "--db-dir", dir,
    ])
    .code(1)
    .stderr_has("already exists");
    env.run(&[
        "sandbox", "user", "add", "bad name", "--role", "admin", "--db-dir", dir,
    ])
    .code(2);
    env.run(&[
        "sandbox",
        "user",
        "add",
        "y",
        "--role",
        "superuser",
        "--db-dir",
        dir,
    ])
    .code(2);
}

/// Writes the state `sandbox up` leaves behind, pointing at `pid` and `url`.
fn write_state(env: &Env, pid: u32, url: &str, instance_id: &str) {
    std::fs::create_dir_all(&env.state).unwrap();
    let st = serde_json::json!({
        "pid": pid,
        "url": url,
        "instance_id": instance_id,
        "db_dir": env.data.join("sandbox"),
        "log": env.state.join("sandbox.log"),
        "started_at": "2026-01-01T00:00:00Z",
    });
    std::fs::write(env.state.join("sandbox.json"), st.to_string()).unwrap();
}

#[test]
fn down_never_signals_a_process_that_is_not_this_sandbox() {
    let env = Env::new();
    let mut bystander = std::process::Command::new("sleep")
        .arg("120")
        .spawn()
        .unwrap();
    let pid = bystander.id();

    // A stale state file: the sandbox is gone and its pid now belongs to another process.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}", l.local_addr().unwrap().port())
    };
    write_state(&env, pid, &closed, "inst_gone");
    env.run(&["sandbox", "down"]).ok().stderr_has("left alone");
    assert!(
        bystander.try_wait().unwrap().is_none(),
        "down killed a bystander"
    );
    assert!(!env.state.join("sandbox.json").exists());

    // A sandbox answers as the recorded instance, but under another pid: refuse.
    let server = Server::start(&env, 2);
    let health =
        crate::common::http::Http::new(&server.url).call("GET", "/v1/health", None, None, None);
    let instance = health.body["instance_id"].as_str().unwrap().to_string();
    write_state(&env, pid, &server.url, &instance);
    env.run(&["sandbox", "down"])
        .code(1)
        .stderr_has("does not confirm pid");
    assert!(
        bystander.try_wait().unwrap().is_none(),
        "down killed a bystander"
    );
    assert_eq!(
        crate::common::http::Http::new(&server.url)
            .call("GET", "/v1/health", None, None, None)
            .status,
        200
    );
    bystander.kill().unwrap();
    let _ = bystander.wait();
}

#[test]
fn user_add_login_refuses_bad_input_and_creates_nothing() {
    let env = Env::new();
    let add = |user: &str, ctx: &str| {
        env.run(&[
            "sandbox", "user", "add", user, "--role", "admin", "--login", ctx,
        ])
    };
    let contexts = || -> Vec<String> {
        env.run(&["context", "list", "-o", "json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    // No sandbox at all.
    add("alice", "alice")
        .code(1)
        .stderr_has("no sandbox database")
        .stderr_has("mdm sandbox up");
    assert!(contexts().is_empty());

    env.run(&["sandbox", "up", "--devices", "3"]).ok();
    add("alice", "bad name")
        .code(2)
        .stderr_has("invalid context name")
        .stderr_has("hint:");
    // Taking over the admin's own context would swap its token for alice's.
    add("alice", "sandbox")
        .code(2)
        .stderr_has("context \"sandbox\" already exists")
        .stderr_has("user admin")
        .stderr_has("nothing was created");
    env.run(&["auth", "status", "-o", "json"])
        .ok()
        .stdout_has("\"user\": \"admin\"");
    env.run(&[
        "context",
        "add",
        "prod",
        "--server",
        "https://mdm.example.org",
    ])
    .ok();
    add("alice", "prod")
        .code(2)
        .stderr_has("https://mdm.example.org");
    let prod = env.run(&["context", "show", "prod", "-o", "json"]).json();
    assert_eq!(prod["server"], "https://mdm.example.org");
    // None of the refusals created alice: the name is still free.
    add("alice", "alice").ok();
    env.run(&["auth", "status", "-c", "alice", "-o", "json"])
        .ok()
        .stdout_has("\"user\": \"alice\"");
    // A second alice is refused by the database, and the first keeps her context.
    add("alice", "alice2")
        .code(1)
        .stderr_has("user \"alice\" already exists");
    assert!(!contexts().contains(&"alice2".to_string()));
    env.run(&["auth", "status", "-c", "alice", "-o", "json"])
        .ok()
        .stdout_has("\"user\": \"alice\"");

    env.run(&["sandbox", "down"]).ok();
    add("bob", "bob")
        .code(2)
        .stderr_has("needs the sandbox running")
        .stderr_has("mdm sandbox up");
    assert!(!contexts().contains(&"bob".to_string()));
    env.run(&["sandbox", "down", "--purge"]).ok();
}
