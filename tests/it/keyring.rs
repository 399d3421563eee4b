use crate::common::secret_service::SecretService;
use crate::common::{Env, Sandbox, Server};

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
    sb.run(&["context", "remove", "t"]).ok();
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
