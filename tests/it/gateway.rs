//! `mdm gateway serve|check|user add --config FILE`: the gateway from its config file,
//! with the simulator backend end to end, HTTPS for real (openssl + curl), every bad
//! config refused naming what is wrong, and secrets never in any output.

use crate::common::gateway::{Gateway, private, simulator_config, write_config};
use crate::common::{Env, Out};
use std::path::Path;
use std::process::Command;

const MARKER: &str = "SECRET-MARKER-7f3a9c";

fn check(env: &Env, config: &Path, json: bool) -> Out {
    let c = config.to_str().unwrap();
    if json {
        env.run(&["gateway", "check", "--config", c, "-o", "json"])
    } else {
        env.run(&["gateway", "check", "--config", c])
    }
}

/// Creates a gateway user; returns its token.
fn user_add(env: &Env, config: &Path, name: &str, role: &str) -> String {
    let out = env.run(&[
        "gateway",
        "user",
        "add",
        name,
        "--role",
        role,
        "--config",
        config.to_str().unwrap(),
        "-o",
        "json",
    ]);
    out.ok();
    let v = out.json();
    assert!(
        v["otpauth_uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/")
    );
    v["token"].as_str().unwrap().to_string()
}

fn login(env: &Env, url: &str, token: &str, ca: Option<&Path>) {
    let mut args = vec!["context", "add", "gw", "--server", url];
    let ca = ca.map(|p| p.to_str().unwrap().to_string());
    if let Some(ca) = &ca {
        args.extend(["--ca-bundle", ca.as_str()]);
    }
    env.run(&args).ok();
    env.run_with_stdin(
        &["auth", "login", "--with-token", "--context", "gw"],
        Some(token),
    )
    .ok();
}

fn device_count(env: &Env) -> usize {
    let out = env.run(&["devices", "list", "--all", "-o", "json", "--context", "gw"]);
    out.ok();
    out.json().as_array().unwrap().len()
}

#[test]
fn a_simulator_gateway_serves_the_cli_with_a_user_from_user_add() {
    let env = Env::new();
    let config = write_config(&env, "gateway.toml", &simulator_config(&env, 17, ""));

    // Before the first start: valid, and the database is still to be made.
    let out = check(&env, &config, true);
    out.ok();
    let v = out.json();
    assert_eq!(v["backend"], "simulator");
    assert_eq!(v["database_exists"], false);
    assert_eq!(v["backend_reachable"], true);
    assert!(v["devices"].is_null());
    // A user needs the database the first start makes.
    let c = config.to_str().unwrap();
    env.run(&[
        "gateway", "user", "add", "ann", "--role", "admin", "--config", c,
    ])
    .code(1)
    .stderr_has("no gateway database at")
    .stderr_has("mdm gateway serve --config");

    let mut gw = Gateway::start(&env, &config);
    assert!(gw.url.starts_with("http://127.0.0.1:"), "{}", gw.url);
    let token = user_add(&env, &config, "ann", "admin");
    login(&env, &gw.url, &token, None);
    assert_eq!(device_count(&env), 17);
    gw.stop();

    // After it: the database is there, with the simulated fleet.
    let out = check(&env, &config, true);
    out.ok();
    let v = out.json();
    assert_eq!(v["database_exists"], true);
    assert_eq!(v["devices"], 17);
    assert_eq!(v["url"], "http://127.0.0.1:0");
    // The human report names the backend and says the config is valid.
    let out = check(&env, &config, false);
    out.ok().stdout_has("simulator").stderr_has("is valid");
    // Gateway serve has no test hooks.
    env.run(&["gateway", "serve", "--config", c, "--test-hooks"])
        .code(2);
}

#[test]
fn bad_configs_are_refused_naming_what_is_wrong() {
    let env = Env::new();
    let secret = env.root.path().join("graph-secret");
    std::fs::write(&secret, MARKER).unwrap();
    private(&secret);
    let open_secret = env.root.path().join("open-secret");
    std::fs::write(&open_secret, MARKER).unwrap();
    std::fs::set_permissions(
        &open_secret,
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    let intune = |secret_line: &str, graph_url: &str| {
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase = \"gw.sqlite3\"\n[backend]\nkind = \"intune\"\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\n{secret_line}\ngraph_url = \"{graph_url}\"\n"
        )
    };
    let sim = |top: &str, settings: &str| {
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase = \"gw.sqlite3\"\n{top}\n[backend]\nkind = \"simulator\"\n[settings]\n{settings}\n"
        )
    };
    let open_line = format!("client_secret_file = {:?}", open_secret.to_str().unwrap());
    let cases: Vec<(&str, String, Vec<String>)> = vec![
        (
            "unknown key",
            sim("colour = \"blue\"", ""),
            vec!["gateway.toml:3: colour: unknown field `colour`".into()],
        ),
        (
            "unknown settings key",
            sim("", "approval_treshold = 3"),
            vec!["settings.approval_treshold: unknown field".into()],
        ),
        (
            "bad listen address",
            sim("", "").replace("127.0.0.1:0", "127.0.0.1:http"),
            vec![
                "gateway.toml:1: listen:".into(),
                "is not an IP address and port".into(),
            ],
        ),
        (
            "not loopback without tls",
            sim("", "").replace("127.0.0.1:0", "0.0.0.0:8443"),
            vec!["listen: 0.0.0.0:8443 is not a loopback address, and there is no [tls]".into()],
        ),
        (
            "http graph_url off loopback",
            intune(
                &format!("client_secret_file = {:?}", secret.to_str().unwrap()),
                "http://graph.example.org",
            ),
            vec!["gateway.toml:8: backend.graph_url: refusing http:// to graph.example.org".into()],
        ),
        (
            "secret file mode 0644",
            intune(&open_line, "https://graph.microsoft.com"),
            vec![
                open_secret.display().to_string(),
                "mode 0644".into(),
                format!("hint: chmod 600 {}", open_secret.display()),
            ],
        ),
        (
            "setting below a protection floor",
            sim("", "stepup_lockout = \"10s\""),
            vec!["settings.stepup_lockout must be at least 1m".into()],
        ),
        (
            "unknown backend kind",
            sim("", "").replace("\"simulator\"", "\"airwatch\""),
            vec![
                "unknown backend kind \"airwatch\"; available kinds: simulator, intune, jamf, fleet"
                    .into(),
            ],
        ),
        (
            "a Jamf backend without its API client",
            sim("", "").replace("\"simulator\"", "\"jamf\""),
            vec!["backend.url: missing".into()],
        ),
        (
            "a secret in the config",
            intune(
                &format!("client_secret = \"{MARKER}\""),
                "https://graph.microsoft.com",
            ),
            vec![
                "backend.client_secret: unknown field `client_secret`".into(),
                "secrets never go in the config".into(),
            ],
        ),
        (
            "a missing env secret",
            intune(
                "client_secret_env = \"MDM_TEST_NO_SUCH_VAR\"",
                "https://graph.microsoft.com",
            ),
            vec!["environment variable MDM_TEST_NO_SUCH_VAR is not set".into()],
        ),
    ];
    for (what, text, wants) in &cases {
        let config = write_config(&env, "gateway.toml", text);
        for verb in ["check", "serve"] {
            let out = env.run(&["gateway", verb, "--config", config.to_str().unwrap()]);
            assert_eq!(out.code, 2, "{what} ({verb}): {out:?}");
            assert!(out.stdout.is_empty(), "{what} ({verb}): {out:?}");
            for want in wants {
                assert!(
                    out.stderr.contains(want.as_str()),
                    "{what} ({verb}): {want:?} not in\n{}",
                    out.stderr
                );
            }
            assert!(
                !out.stderr.contains(MARKER),
                "{what} ({verb}) leaks the secret"
            );
        }
    }
    // A config that is not there.
    let missing = env.root.path().join("nope.toml");
    env.run(&["gateway", "check", "--config", missing.to_str().unwrap()])
        .code(2)
        .stderr_has("cannot read the gateway config")
        .stderr_has("nope.toml");
}

#[test]
fn a_secret_owned_by_another_user_is_refused() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: needs root to give a file to another user");
        return;
    }
    let env = Env::new();
    let secret = env.root.path().join("graph-secret");
    std::fs::write(&secret, MARKER).unwrap();
    private(&secret);
    std::os::unix::fs::chown(&secret, Some(65534), Some(65534)).unwrap();
    let text = format!(
        "listen = \"127.0.0.1:0\"\ndatabase = \"gw.sqlite3\"\n[backend]\nkind = \"intune\"\ntenant = \"t\"\nclient_id = \"c\"\nclient_secret_file = {:?}\n",
        secret.to_str().unwrap()
    );
    let config = write_config(&env, "gateway.toml", &text);
    let out = check(&env, &config, false);
    out.code(2)
        .stderr_has("belongs to uid 65534")
        .stderr_has(&secret.display().to_string());
    assert!(!out.stderr.contains(MARKER));
}

/// The Intune backend is resolved in full (secrets read) from every secret source; with
/// Graph unreachable, `check` fails naming the step, never showing the secret.
#[test]
fn intune_secrets_resolve_from_systemd_credentials_and_env_then_stop_clearly() {
    let mut env = Env::new();
    let creds = env.root.path().join("credentials");
    std::fs::create_dir_all(&creds).unwrap();
    std::fs::write(creds.join("graph-client-secret"), MARKER).unwrap();
    let base = "listen = \"127.0.0.1:0\"\ndatabase = \"gw.sqlite3\"\n[tls]\ncert = \"none.crt\"\nkey = \"none.key\"\n[backend]\nkind = \"intune\"\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\ngraph_url = \"http://127.0.0.1:9\"\nlogin_url = \"http://localhost:9\"\nuse_beta = true\ngroups = [\"Kiosks\"]\nwrite_budget = { writes = 100, per_seconds = 20 }\nmax_concurrency = 4\nsync_interval = \"15m\"\naudit_interval = \"5m\"\n";
    // No [tls] here: loopback needs none.
    let base = base.replace("[tls]\ncert = \"none.crt\"\nkey = \"none.key\"\n", "");
    let relative = write_config(
        &env,
        "gateway.toml",
        &format!("{base}client_secret_file = \"graph-client-secret\"\n"),
    );
    // Without $CREDENTIALS_DIRECTORY a relative name is beside the config: not there.
    check(&env, &relative, false)
        .code(2)
        .stderr_has("backend.client_secret_file: cannot read");
    env.set("CREDENTIALS_DIRECTORY", creds.to_str().unwrap());
    let out = env.run(&[
        "gateway",
        "check",
        "--config",
        relative.to_str().unwrap(),
        "-v",
    ]);
    out.code(1)
        .stderr_has("error: the intune backend check failed")
        .stderr_has("token");
    assert!(!out.stderr.contains(MARKER) && !out.stdout.contains(MARKER));
    assert!(out.stdout.is_empty());
    env.unset("CREDENTIALS_DIRECTORY");
    let from_env = write_config(
        &env,
        "env.toml",
        &format!("{base}client_secret_env = \"MDM_TEST_GRAPH_SECRET\"\n"),
    );
    check(&env, &from_env, false)
        .code(2)
        .stderr_has("MDM_TEST_GRAPH_SECRET is not set");
    env.set("MDM_TEST_GRAPH_SECRET", MARKER);
    let out = check(&env, &from_env, true);
    out.code(1).stderr_has("the intune backend check failed");
    assert!(!out.stderr.contains(MARKER) && !out.stdout.contains(MARKER));
    // Two credentials at once is a mistake, named.
    let both = write_config(
        &env,
        "both.toml",
        &format!(
            "{base}client_secret_env = \"MDM_TEST_GRAPH_SECRET\"\nclient_secret_file = \"x\"\n"
        ),
    );
    check(&env, &both, false)
        .code(2)
        .stderr_has("more than one Graph credential");
}

/// HTTPS for real: a certificate from a throwaway openssl CA, the gateway on 127.0.0.1
/// with `[tls]`, curl trusting only that CA, and the CLI with `--ca-bundle`.
#[test]
fn tls_serves_https_that_curl_and_the_cli_trust() {
    let env = Env::new();
    let dir = env.root.path();
    let (ca, cert, key) = (dir.join("ca.crt"), dir.join("gw.crt"), dir.join("gw.key"));
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .current_dir(dir)
            .args(args)
            .output()
            .expect("openssl is installed (apt-get install openssl)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    // A throwaway CA, and the gateway's certificate for 127.0.0.1 signed by it.
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &[
                "-days",
                "2",
                "-subj",
                "/CN=mdm test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
            ],
        ]
        .concat(),
    );
    openssl(
        &[
            &["req"][..],
            &ec,
            &[
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                "gw.key",
                "-out",
                "gw.csr",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        dir.join("gw.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "gw.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "gw.ext",
        "-out",
        "gw.crt",
    ]);
    let tls = format!(
        "[tls]\ncert = {:?}\nkey = {:?}\n",
        cert.to_str().unwrap(),
        key.to_str().unwrap()
    );
    let config = write_config(&env, "gateway.toml", &simulator_config(&env, 9, &tls));

    // openssl leaves the key readable by others: refused until it is private.
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    check(&env, &config, false)
        .code(2)
        .stderr_has("tls.key")
        .stderr_has("mode 0644");
    private(&key);
    let out = check(&env, &config, true);
    out.ok();
    assert_eq!(out.json()["tls"], true);
    assert_eq!(out.json()["url"], "https://127.0.0.1:0");

    let gw = Gateway::start(&env, &config);
    assert!(gw.url.starts_with("https://127.0.0.1:"), "{}", gw.url);
    let health = format!("{}/v1/health", gw.url);
    let curl = |extra: &[&str]| {
        Command::new("curl")
            .args(["-sS", "--max-time", "10"])
            .args(extra)
            .arg(&health)
            .output()
            .expect("curl is installed")
    };
    let out = curl(&["--cacert", ca.to_str().unwrap(), "-w", "\n%{http_code}"]);
    let body = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "curl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(body.trim_end().ends_with("200"), "{body}");
    assert!(body.contains("instance_id"), "{body}");
    // Without the certificate curl does not trust it; plain http is not spoken.
    assert!(!curl(&[]).status.success());
    let plain = Command::new("curl")
        .args(["-sS", "--max-time", "5"])
        .arg(health.replace("https://", "http://"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("instance_id"));

    // The CLI, trusting the certificate for this context only.
    let token = user_add(&env, &config, "tess", "admin");
    login(&env, &gw.url, &token, Some(&ca));
    assert_eq!(device_count(&env), 9);
}
