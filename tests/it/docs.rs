//! Generated documentation stays in sync with the code: completions, man pages, help, and
//! the OpenAPI description versus the routes the server serves.
//! Regenerate with `MDM_BLESS=1 cargo nextest run docs`.

use crate::common::{BIN, Env, Sandbox};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const SHELLS: &[(&str, &str)] = &[
    ("bash", "mdm.bash"),
    ("zsh", "_mdm"),
    ("fish", "mdm.fish"),
    ("powershell", "_mdm.ps1"),
    ("elvish", "mdm.elv"),
];

fn bless() -> bool {
    std::env::var_os("MDM_BLESS").is_some()
}

#[test]
fn committed_completions_match_the_code() {
    let env = Env::new();
    for (shell, file) in SHELLS {
        let out = env.run(&["completions", shell]);
        out.ok();
        assert!(out.stdout.contains("mdm"), "{shell} completion is empty");
        let path = repo().join("completions").join(file);
        if bless() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &out.stdout).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "{} is stale; run `MDM_BLESS=1 cargo nextest run docs`",
            path.display()
        );
    }
}

fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn committed_man_pages_match_the_code_and_pass_mandoc_lint() {
    let env = Env::new();
    let tmp = env.root.path().join("man");
    env.run(&["man", tmp.to_str().unwrap()])
        .ok()
        .stderr_has("man pages");
    let generated = files(&tmp);
    assert!(generated.contains("mdm.1"));
    assert!(generated.contains("mdm-devices-list.1"));
    assert!(generated.contains("mdm-sandbox-user-add.1"));
    let committed_dir = repo().join("man");
    if bless() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for f in &generated {
            std::fs::copy(tmp.join(f), committed_dir.join(f)).unwrap();
        }
    }
    assert_eq!(
        files(&committed_dir),
        generated,
        "man/ is stale; run `MDM_BLESS=1 cargo nextest run docs`"
    );
    for f in &generated {
        let a = std::fs::read(tmp.join(f)).unwrap();
        let b = std::fs::read(committed_dir.join(f)).unwrap();
        assert!(
            a == b,
            "man/{f} is stale; run `MDM_BLESS=1 cargo nextest run docs`"
        );
        let lint = Command::new("mandoc")
            .args(["-T", "lint", "-W", "error"])
            .arg(tmp.join(f))
            .output()
            .expect("mandoc is installed");
        assert!(
            lint.status.success(),
            "mandoc -T lint found errors in {f}:\n{}",
            String::from_utf8_lossy(&lint.stdout)
        );
    }
}

/// Every command in the tree answers `--help` (a command in `--help` works).
#[test]
fn every_command_has_working_help() {
    use clap::CommandFactory;
    let env = Env::new();
    let mut paths = Vec::new();
    fn walk(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut p = prefix.clone();
            p.push(sub.get_name().to_string());
            out.push(p.clone());
            walk(sub, p, out);
        }
    }
    walk(&mdm::cli::Cli::command(), vec![], &mut paths);
    assert!(paths.len() > 15);
    for p in paths {
        let mut args: Vec<&str> = p.iter().map(String::as_str).collect();
        args.push("--help");
        let out = env.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(out.stdout.contains("Usage: mdm"), "{args:?}");
    }
}

#[test]
fn version_is_quick_and_needs_nothing() {
    let out = Command::new(BIN)
        .arg("--version")
        .env_clear()
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("mdm "));
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Op(String, String);

fn spec_ops(spec: &serde_json::Value, planned: bool) -> BTreeSet<Op> {
    let mut out = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            let is_planned = op
                .get("x-mdm-planned")
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if is_planned == planned {
                out.insert(Op(method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

/// A route the server serves must be in the spec, and a (non-planned) route in the spec
/// must be served, with the permission the spec states.
#[test]
fn openapi_spec_and_served_routes_agree() {
    let text =
        std::fs::read_to_string(repo().join("crates/mdm-server/openapi/mdm-v1.yaml")).unwrap();
    let spec: serde_json::Value = serde_norway::from_str(&text).expect("the spec is valid YAML");
    assert_eq!(spec["openapi"].as_str().unwrap(), "3.1.0");
    let served: BTreeSet<Op> = mdm_server::routes::routes()
        .iter()
        .map(|r| Op(r.method.to_string(), r.path.to_string()))
        .collect();
    let documented = spec_ops(&spec, false);
    let missing: Vec<_> = served.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "served but not in crates/mdm-server/openapi/mdm-v1.yaml: {missing:?}"
    );
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        unserved.is_empty(),
        "in the spec (not planned) but not served: {unserved:?}"
    );
    let planned_but_served: Vec<_> = spec_ops(&spec, true)
        .intersection(&served)
        .cloned()
        .collect();
    assert!(
        planned_but_served.is_empty(),
        "served routes still marked x-mdm-planned: {planned_but_served:?}"
    );
    for r in mdm_server::routes::routes() {
        let op = &spec["paths"][r.path][r.method.as_str().to_lowercase()];
        assert_eq!(
            op["x-mdm-permission"].as_str(),
            Some(r.perm.as_str()),
            "{} {}: spec and server disagree on the permission",
            r.method,
            r.path
        );
    }
}

#[test]
fn the_server_publishes_the_spec() {
    let sb = Sandbox::new(1);
    let out = Command::new("curl")
        .args(["-s", &format!("{}/v1/openapi.yaml", sb.server.url)])
        .output()
        .unwrap();
    let committed =
        std::fs::read_to_string(repo().join("crates/mdm-server/openapi/mdm-v1.yaml")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), committed);
}
