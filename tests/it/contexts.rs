use crate::common::{Env, Sandbox};

#[test]
fn add_list_use_show_remove() {
    let env = Env::new();
    env.run(&[
        "context",
        "add",
        "prod",
        "--server",
        "https://mdm.example.org/",
    ])
    .ok();
    env.run(&["context", "add", "lab", "--server", "http://127.0.0.1:9"])
        .ok();
    let list = env.run(&["context", "list", "-o", "json"]);
    list.ok();
    let v = list.json();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["lab", "prod"]);
    // The first context added becomes current; the URL is normalised.
    let cur: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["current"] == true)
        .collect();
    assert_eq!(cur.len(), 1);
    assert_eq!(cur[0]["name"], "prod");
    assert_eq!(cur[0]["server"], "https://mdm.example.org");

    env.run(&["context", "use", "lab"])
        .ok()
        .stderr_has("Switched to context lab");
    let show = env.run(&["context", "show", "-o", "json"]);
    assert_eq!(show.ok().json()["name"], "lab");
    env.run(&["context", "show", "prod", "-o", "yaml"])
        .ok()
        .stdout_has("server: https://mdm.example.org");

    // Adding over an existing name needs --force.
    env.run(&[
        "context",
        "add",
        "lab",
        "--server",
        "https://other.example.org",
    ])
    .code(2)
    .stderr_has("already exists")
    .stderr_has("--force");
    env.run(&[
        "context",
        "add",
        "lab",
        "--server",
        "https://other.example.org",
        "--force",
    ])
    .ok();

    // The current context is not removed without asking (no terminal: exit 3).
    env.run(&["context", "remove", "lab"])
        .code(3)
        .stderr_has("--force");
    let v = env.run(&["context", "list", "-o", "json"]).json();
    assert_eq!(v.as_array().unwrap().len(), 2, "nothing was removed");
    env.run(&["context", "remove", "lab", "--force"]).ok();
    let v = env.run(&["context", "list", "-o", "json"]).json();
    assert_eq!(v.as_array().unwrap().len(), 1);
    // Removing the current context leaves none current; commands then say so.
    env.run(&["devices", "list"])
        .code(2)
        .stderr_has("no context selected")
        .stderr_has("mdm context use");
}

#[test]
fn unknown_context_lists_the_known_ones() {
    let env = Env::new();
    env.run(&[
        "context",
        "add",
        "alpha",
        "--server",
        "https://a.example.org",
    ])
    .ok();
    env.run(&[
        "context",
        "add",
        "beta",
        "--server",
        "https://b.example.org",
    ])
    .ok();
    for args in [
        vec!["devices", "list", "--context", "gamma"],
        vec!["context", "use", "gamma"],
        vec!["context", "remove", "gamma"],
        vec!["auth", "status", "-c", "gamma"],
    ] {
        env.run(&args)
            .code(2)
            .stderr_has("error: unknown context \"gamma\"")
            .stderr_has("known contexts: alpha, beta");
    }
    // MDM_CONTEXT picks the context too.
    let mut env2 = env;
    env2.set("MDM_CONTEXT", "nope");
    env2.run(&["devices", "list"])
        .code(2)
        .stderr_has("unknown context \"nope\"");
}

#[test]
fn malformed_urls_and_remote_http_are_refused() {
    let env = Env::new();
    for (url, needle) in [
        ("not a url", "invalid server URL"),
        ("mdm.example.org", "invalid server URL"),
        ("ftp://127.0.0.1", "unsupported scheme"),
        (
            "https://user:pw@mdm.example.org",
            "must not contain credentials",
        ),
        (
            "http://mdm.example.org",
            "refusing http:// to mdm.example.org",
        ),
        ("http://10.1.2.3:8080", "refusing http://"),
        ("http://localhost.evil.example", "refusing http://"),
    ] {
        let out = env.run(&["context", "add", "x", "--server", url]);
        out.code(2).stderr_has(needle).stderr_has("hint:");
    }
    // Nothing was written.
    assert!(!env.config.join("config.toml").exists());
    for ok in [
        "http://127.0.0.1:8080",
        "http://[::1]:1",
        "http://localhost:3",
    ] {
        env.run(&["context", "add", "x", "--server", ok, "--force"])
            .ok();
    }
}

#[test]
fn bad_context_names_and_broken_config_are_clear_errors() {
    let env = Env::new();
    env.run(&["context", "add", "a b", "--server", "https://x.example.org"])
        .code(2)
        .stderr_has("invalid context name");
    std::fs::create_dir_all(&env.config).unwrap();
    std::fs::write(env.config.join("config.toml"), "this is = = not toml").unwrap();
    env.run(&["context", "list"])
        .code(1)
        .stderr_has("is not a valid mdm config")
        .stderr_has("hint:");
}

#[test]
fn config_never_holds_the_token() {
    let sb = Sandbox::new(5);
    let text = std::fs::read_to_string(sb.env.config.join("config.toml")).unwrap();
    assert!(!text.contains(&sb.admin_token));
    assert!(!text.contains("mdm_pat_"));
    assert!(text.contains("server = "));
    // Hand-editing a token into the config is refused, not silently used.
    std::fs::write(
        sb.env.config.join("config.toml"),
        format!("{text}\ntoken = \"{}\"\n", sb.admin_token),
    )
    .unwrap();
    let out = sb.run(&["devices", "list"]);
    out.code(1).stderr_has("not a valid mdm config");
    assert!(
        !out.stderr.contains(&sb.admin_token),
        "the error echoes the token"
    );
}
