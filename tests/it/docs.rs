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

#[test]
fn the_test_script_checks_prerequisites_and_says_what_to_install() {
    let root = repo();
    let out = Command::new(root.join("scripts/test"))
        .arg("--check")
        .env("MDM_TEST_EXTRA_PACKAGES", "mdm-no-such-pkg")
        .env("MDM_TEST_NO_INSTALL", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("sudo apt-get install -y --no-install-recommends mdm-no-such-pkg"),
        "{err}"
    );
    let out = Command::new(root.join("scripts/test"))
        .arg("--check")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "on this machine everything is installed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn ci_runs_the_test_command_the_readme_gives() {
    let root = repo();
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    let last = ci
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap();
    assert_eq!(
        last.trim(),
        "scripts/test",
        ".ci/run ends with the README's command"
    );
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let tests = &readme[readme.find("## Tests").unwrap()..];
    assert!(
        tests.contains("```sh\nscripts/test\n```"),
        "the README's Tests section gives scripts/test"
    );
}

/// Every leaf command has examples, and every example parses as the command it
/// documents (a trailing `< file` or `| …` and `$(…)` values are the shell's, not mdm's).
#[test]
fn every_command_has_examples_that_parse() {
    let mut leaves = Vec::new();
    fn walk(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<String>) {
        let subs: Vec<_> = cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help" && !s.is_hide_set())
            .collect();
        if subs.is_empty() && !prefix.is_empty() {
            out.push(prefix.join(" "));
        }
        for sub in subs {
            let mut p = prefix.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    walk(&mdm::cli::command(), vec![], &mut leaves);
    for leaf in &leaves {
        let Some((_, list)) = mdm::cli::examples::EXAMPLES.iter().find(|(p, _)| p == leaf) else {
            panic!("mdm {leaf} has no examples in src/cli/examples.rs");
        };
        assert!(!list.is_empty(), "{leaf}");
        for (line, what) in list.iter() {
            assert!(!what.is_empty(), "{line}");
            let words = shell_words(line);
            assert_eq!(words[0], "mdm", "{line}");
            let parsed = mdm::cli::command().try_get_matches_from(&words);
            let m = parsed.unwrap_or_else(|e| panic!("example does not parse: {line}\n{e}"));
            let mut path = Vec::new();
            let mut cur = &m;
            while let Some((name, sub)) = cur.subcommand() {
                path.push(name.to_string());
                cur = sub;
            }
            assert_eq!(
                path.join(" "),
                *leaf,
                "{line} is not an example of mdm {leaf}"
            );
            assert!(
                !line.contains("--otp ") || line.contains("--otp \"$(mdm sandbox otp"),
                "a code in argv: {line}"
            );
        }
    }
    for (p, _) in mdm::cli::examples::EXAMPLES {
        assert!(
            leaves.iter().any(|l| l == p),
            "examples for a command that does not exist: {p}"
        );
    }
}

/// Words as sh would split them, for the examples: quotes, a `$(…)` value (replaced by
/// a placeholder), and a trailing redirect or pipe dropped.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut has = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                has = true;
            }
            None if c == '$' && chars.get(i + 1) == Some(&'(') => {
                let mut depth = 0;
                while i < chars.len() {
                    match chars[i] {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                cur.push_str("123456");
                has = true;
            }
            None if c == '<' || c == '|' || c == '>' => break,
            None if c == ' ' => {
                if has || !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            None => cur.push(c),
        }
        i += 1;
    }
    if has || !cur.is_empty() {
        words.push(cur);
    }
    words
}

#[test]
fn man_pages_have_examples_environment_files_and_exit_status() {
    let dir = repo().join("man");
    for f in files(&dir) {
        let text = std::fs::read_to_string(dir.join(&f)).unwrap();
        for section in [".SH ENVIRONMENT", ".SH FILES", ".SH \"EXIT STATUS\""] {
            assert!(text.contains(section), "{f} lacks {section}");
        }
        assert!(!text.contains(".SH EXTRA"), "{f} has an EXTRA section");
        let has_subs = text.contains(".SH SUBCOMMANDS");
        assert!(
            has_subs || text.contains(".SH EXAMPLES"),
            "{f} lacks EXAMPLES"
        );
    }
    let root = std::fs::read_to_string(dir.join("mdm.1")).unwrap();
    assert!(
        root.contains(".SH \"GLOBAL OPTIONS\""),
        "global options under their own heading"
    );
}

#[test]
fn readme_tables_are_the_exit_codes_and_environment_the_code_documents() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let table = |heading: &str| -> Vec<(String, String)> {
        let start = readme
            .find(heading)
            .unwrap_or_else(|| panic!("no {heading}"));
        readme[start..]
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
                (
                    cells[0].trim().replace('`', ""),
                    cells[1].trim().to_string(),
                )
            })
            .collect()
    };
    let codes: Vec<String> = table("## Exit codes").into_iter().map(|(c, _)| c).collect();
    let want: Vec<String> = mdm::error::EXIT_CODES
        .iter()
        .map(|(c, _)| c.to_string())
        .collect();
    assert_eq!(codes, want, "README's exit codes");
    let env: Vec<String> = table("### Environment")
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    let want: Vec<String> = mdm::cli::ENVIRONMENT
        .iter()
        .map(|(v, _)| v.to_string())
        .collect();
    assert_eq!(env, want, "README's environment table");
    // `--help` wraps its lines: compare with the whitespace folded.
    let help = Env::new().run(&["--help"]);
    let folded = help.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for (c, what) in mdm::error::EXIT_CODES {
        assert!(
            folded.contains(&format!("{c} {what}")),
            "--help lacks exit {c}"
        );
    }
}

/// The README's backend table is rendered from the backends' own declarations
/// (`mdm_server::backend::features`), so it cannot drift from what they do.
/// `MDM_BLESS=1` rewrites it in place.
#[test]
fn readme_backend_table_is_the_backends_own_declaration() {
    let path = repo().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- backend-table -->\n", "<!-- /backend-table -->");
    let start = readme.find(begin).expect("README marks the backend table") + begin.len();
    let stop = start + readme[start..].find(end).expect("the table's end marker");
    let want = mdm_server::backend::features::readme_table();
    if readme[start..stop] != want {
        if std::env::var_os("MDM_BLESS").is_some() {
            let text = format!("{}{want}{}", &readme[..start], &readme[stop..]);
            std::fs::write(&path, text).unwrap();
        } else {
            panic!(
                "README's backend table differs from the declarations; run with MDM_BLESS=1 \
                 to rewrite it. Expected:\n{want}"
            );
        }
    }
}
