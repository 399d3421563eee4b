//! Leak scan: after a session that logs in, steps up and acts, no token, seed or
//! elevation appears in any file under the config/state/data dirs, nor in any output.

use crate::common::{Out, Sandbox};

fn keyring_value(sb: &Sandbox, account: &str) -> Option<String> {
    let desc = format!("{}:{account}", sb.env.service);
    let id = std::process::Command::new("keyctl")
        .args(["search", "@u", "user", &desc])
        .output()
        .ok()?;
    if !id.status.success() {
        return None;
    }
    let id = String::from_utf8_lossy(&id.stdout).trim().to_string();
    let v = std::process::Command::new("keyctl")
        .args(["pipe", &id])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&v.stdout).into_owned())
}

#[test]
fn no_secret_in_files_or_output() {
    let sb = Sandbox::new(20);
    let victim = sb.user_full("victim", "viewer");
    let mut outputs: Vec<Out> = Vec::new();
    let mut run = |args: &[&str]| {
        let o = sb.run(args);
        outputs.push(o);
    };
    run(&["auth", "status"]);
    run(&["-vv", "auth", "step-up", "--otp", &sb.admin_otp()]);
    run(&["-vv", "auth", "status", "-o", "json"]);
    run(&["-vv", "devices", "list", "--show-pii", "--limit", "5"]);
    run(&["-vv", "auth", "sessions", "list", "--user", "victim"]);
    run(&[
        "-vv",
        "auth",
        "sessions",
        "revoke",
        "--all",
        "--user",
        "victim",
        "--reason",
        "leak test",
    ]);
    run(&["auth", "sessions", "-o", "yaml"]);
    run(&["context", "show", "-o", "json"]);
    for o in &outputs {
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    let cached = keyring_value(&sb, &format!("elevation:t@{}", sb.server.url))
        .expect("elevation cached in the keyring");
    let elevation: serde_json::Value = serde_json::from_str(&cached).unwrap();
    let elevation_token = elevation["token"].as_str().unwrap().to_string();
    assert!(elevation_token.starts_with("mdm_elv_"));
    let secrets = [
        ("admin token", sb.admin_token.clone()),
        ("admin seed", sb.admin_seed.clone()),
        ("victim token", victim.token.clone()),
        ("victim seed", victim.seed.clone()),
        ("elevation", elevation_token),
    ];
    for (what, secret) in &secrets {
        for f in sb.env.all_files() {
            let bytes = std::fs::read(&f).unwrap_or_default();
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{what} found in {}",
                f.display()
            );
        }
        for o in &outputs {
            assert!(
                !o.stdout.contains(secret.as_str()),
                "{what} in stdout:\n{}",
                o.stdout
            );
            assert!(
                !o.stderr.contains(secret.as_str()),
                "{what} in stderr:\n{}",
                o.stderr
            );
        }
    }
    // The server keeps tokens and elevations only as hashes.
    let db = std::fs::read(sb.server.db_dir.join("mdm.sqlite3")).unwrap();
    let wal = std::fs::read(sb.server.db_dir.join("mdm.sqlite3-wal")).unwrap_or_default();
    for (what, secret) in secrets.iter().filter(|(w, _)| !w.contains("seed")) {
        for bytes in [&db, &wal] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{what} stored in clear by the server"
            );
        }
    }
}
