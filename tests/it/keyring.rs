use crate::common::secret_service::SecretService;
use crate::common::{Env, Sandbox, Server, free_port};

fn assert_no_file_contains(env: &Env, secret: &str) {
    for f in env.all_files() {
        let bytes = std::fs::read(&f).unwrap_or_default();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{} contains the secret",
            f.display()
        );
    }
}

#[test]
fn secret_service_holds_the_token() {
    let ss = SecretService::start();
    let mut env = Env::new();
    env.unset("MDM_KEYRING");
    env.set("DBUS_SESSION_BUS_ADDRESS", &ss.address);
    let server = Server::start(&env, 5);
    let sb = Sandbox {
        env,
        server,
        admin_token: String::new(),
        admin_seed: String::new(),
    };
    let token = sb.user("sam", "operator");
    sb.env
        .run(&["context", "add", "t", "--server", &sb.server.url])
        .ok();
    sb.env
        .run_with_stdin(&["auth", "login", "--with-token"], Some(&token))
        .ok()
        .stderr_has("Secret Service");
    let st = sb.run(&["auth", "status", "-o", "json"]).json();
    assert_eq!(st["user"], "sam");
    assert_eq!(st["role"], "operator");
    assert_eq!(
        st["credential_source"],
        "OS keyring: Secret Service (org.freedesktop.secrets)"
    );
    sb.run(&["devices", "list"]).ok();
    assert_no_file_contains(&sb.env, &token);
    // gnome-keyring stores it encrypted on disk: not as plain text either.
    let mut ss_files = Vec::new();
    collect(ss.home.path(), &mut ss_files);
    for f in ss_files {
        let b = std::fs::read(&f).unwrap_or_default();
        assert!(
            !b.windows(token.len()).any(|w| w == token.as_bytes()),
            "{} holds the token in clear",
            f.display()
        );
    }
    sb.run(&["auth", "logout"])
        .ok()
        .stderr_has("removed its credentials");
    sb.run(&["auth", "status"])
        .code(4)
        .stderr_has("not logged in");
    sb.run(&["auth", "logout"])
        .ok()
        .stderr_has("no stored credentials");
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                collect(&p, out)
            } else {
                out.push(p)
            }
        }
    }
}

#[test]
fn keyutils_holds_the_token_on_headless_hosts() {
    let sb = Sandbox::new(3);
    let st = sb.run(&["auth", "status", "-o", "json"]).json();
    assert_eq!(
        st["credential_source"],
        "OS keyring: Linux kernel keyutils (user keyring)"
    );
    let desc = format!("{}:token:t@{}", sb.env.service, sb.server.url);
    let found = std::process::Command::new("keyctl")
        .args(["search", "@u", "user", &desc])
        .output()
        .unwrap();
    assert!(found.status.success(), "key {desc} not in the user keyring");
    assert_no_file_contains(&sb.env, &sb.admin_token);
    sb.run(&["auth", "logout"]).ok();
    let gone = std::process::Command::new("keyctl")
        .args(["search", "@u", "user", &desc])
        .output()
        .unwrap();
    assert!(!gone.status.success(), "logout left the key behind");
}

#[test]
fn no_keyring_means_a_clear_error_and_no_plaintext_fallback() {
    let sb = Sandbox::new(2);
    let mut env = Env::new();
    env.set("MDM_KEYRING", "secret-service");
    env.unset("DBUS_SESSION_BUS_ADDRESS");
    env.set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    env.run(&["context", "add", "t", "--server", &sb.server.url])
        .ok();
    let out = env.run_with_stdin(&["auth", "login", "--with-token"], Some(&sb.admin_token));
    out.code(1)
        .stderr_has("no OS keyring is available")
        .stderr_has("never falls back to a plaintext file")
        .stderr_has("MDM_TOKEN");
    assert_no_file_contains(&env, &sb.admin_token);
    env.set("MDM_KEYRING", "floppy-disk");
    env.run(&["auth", "status"])
        .code(2)
        .stderr_has("MDM_KEYRING=\"floppy-disk\"");
}

#[test]
fn mdm_token_is_used_as_is_and_never_stored() {
    let sb = Sandbox::new(2);
    let viewer = sb.user("vera", "viewer");
    let mut env = Env::new();
    env.run(&["context", "add", "t", "--server", &sb.server.url])
        .ok();
    env.set("MDM_TOKEN", &viewer);
    let st = env.run(&["auth", "status", "-o", "json"]).json();
    assert_eq!(st["user"], "vera");
    assert_eq!(
        st["credential_source"],
        "environment variable MDM_TOKEN (not stored)"
    );
    env.run(&["devices", "list"]).ok();
    env.unset("MDM_TOKEN");
    env.run(&["auth", "status"]).code(4);
    assert_no_file_contains(&env, &viewer);
}

#[test]
fn removing_a_context_removes_its_credentials() {
    let sb = Sandbox::new(2);
    sb.run(&["context", "remove", "t", "--force"]).ok();
    sb.run(&["context", "add", "t", "--server", &sb.server.url])
        .ok();
    sb.run(&["auth", "status"]).code(4);
}

#[test]
fn a_context_repointed_at_another_server_does_not_send_the_old_token() {
    let sb = Sandbox::new(2);
    let fx = crate::common::fixture::Fixture::start(vec![crate::common::fixture::response(
        "200 OK",
        &[("content-type", "application/json")],
        "{}",
    )]);
    sb.run(&["context", "add", "t", "--server", &fx.url, "--force"])
        .ok();
    sb.run(&["devices", "list"])
        .code(4)
        .stderr_has("not logged in");
    let reqs = fx.requests.lock().unwrap();
    assert!(
        reqs.iter().all(|r| !r.contains(&sb.admin_token)),
        "old token sent to the new server"
    );
}

/// Whether the kernel keyring holds `account` of this test's service.
fn keyutils_has(env: &Env, account: &str) -> bool {
    let desc = format!("{}:{account}", env.service);
    std::process::Command::new("keyctl")
        .args(["search", "@u", "user", &desc])
        .output()
        .unwrap()
        .status
        .success()
}

#[test]
fn purge_removes_every_credential_the_sandbox_made() {
    let env = Env::new();
    let first = free_port();
    env.run(&[
        "sandbox",
        "up",
        "--devices",
        "3",
        "--port",
        &first.to_string(),
    ])
    .ok();
    let url1 = format!("http://127.0.0.1:{first}");
    env.run(&[
        "sandbox", "user", "add", "alice", "--role", "admin", "--login", "alice",
    ])
    .ok()
    .stdout_has("stored in the OS keyring for context alice")
    .stderr_has("-c alice");
    env.run(&["auth", "status", "-c", "alice", "-o", "json"])
        .ok()
        .stdout_has("\"user\": \"alice\"");
    // A context added by hand against the sandbox, logged in with a printed token.
    let glass = env
        .run(&[
            "sandbox",
            "user",
            "add",
            "glass",
            "--role",
            "breakglass",
            "-o",
            "json",
        ])
        .ok()
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    env.run(&["context", "add", "glass", "--server", &url1])
        .ok();
    env.run_with_stdin(
        &["auth", "login", "--context", "glass", "--with-token"],
        Some(&glass),
    )
    .ok();
    for a in ["token:sandbox", "token:alice", "token:glass"] {
        assert!(keyutils_has(&env, &format!("{a}@{url1}")), "{a} stored");
    }
    // Down, and up on another port: the sandbox context moves, its old token stays.
    env.run(&["sandbox", "down"]).ok();
    let second = free_port();
    env.run(&["sandbox", "up", "--port", &second.to_string()])
        .ok();
    let url2 = format!("http://127.0.0.1:{second}");
    assert!(keyutils_has(&env, &format!("token:sandbox@{url2}")));
    env.run(&["sandbox", "down", "--purge"]).ok();
    for url in [&url1, &url2] {
        for a in [
            "token:sandbox",
            "elevation:sandbox",
            "token:alice",
            "token:glass",
        ] {
            assert!(
                !keyutils_has(&env, &format!("{a}@{url}")),
                "{a}@{url} was left behind"
            );
        }
    }
    let v = env.run(&["context", "list", "-o", "json"]).json();
    assert_eq!(v, serde_json::json!([]), "every sandbox context is gone");
}

#[test]
fn logout_all_clears_every_context_and_orphans() {
    let sb = Sandbox::new(2);
    let op = sb.user("oscar", "operator");
    sb.login("op", &op);
    let v = sb.user("vera", "viewer");
    sb.login("v", &v);
    // An orphan: the context is gone from the config, its token is not.
    let config = sb.env.config.join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let start = text.find("[contexts.v]").unwrap();
    let end = text[start + 1..]
        .find("\n[")
        .map_or(text.len(), |i| start + 1 + i);
    std::fs::write(&config, format!("{}{}", &text[..start], &text[end..])).unwrap();
    assert!(keyutils_has(&sb.env, &format!("token:v@{}", sb.server.url)));
    sb.run(&["auth", "logout", "--all"])
        .ok()
        .stderr_has("Logged out of every context");
    for ctx in ["t", "op"] {
        sb.run(&["auth", "status", "-c", ctx]).code(4);
    }
    assert!(!keyutils_has(
        &sb.env,
        &format!("token:v@{}", sb.server.url)
    ));
}

#[test]
fn forward_unset_token_removes_the_hec_token() {
    let sb = Sandbox::new(2);
    let dest = "hec+https://splunk.example.org:8088";
    let out = sb.env.run_with_stdin(
        &["audit", "forward", "--to", dest, "--set-token"],
        Some("hec-secret-1"),
    );
    let described = out
        .ok()
        .stderr
        .split("HEC token for ")
        .nth(1)
        .and_then(|r| r.split(" stored").next())
        .unwrap()
        .to_string();
    let account = format!("hec:{described}");
    let account = account.as_str();
    assert!(keyutils_has(&sb.env, account), "stored");
    sb.run(&["audit", "forward", "--to", dest, "--unset-token"])
        .ok()
        .stderr_has("Removed the HEC token");
    assert!(!keyutils_has(&sb.env, account), "removed");
    sb.run(&["audit", "forward", "--to", dest, "--unset-token"])
        .ok()
        .stderr_has("no HEC token was stored");
    sb.run(&[
        "audit",
        "forward",
        "--to",
        "syslog+tcp://127.0.0.1:514",
        "--unset-token",
    ])
    .code(2);
    sb.run(&[
        "audit",
        "forward",
        "--to",
        dest,
        "--set-token",
        "--unset-token",
    ])
    .code(2);
}
