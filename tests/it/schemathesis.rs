//! API conformance under generated input (issue 12, finding 10): schemathesis (PyPI)
//! reads the sandbox's own `/v1/openapi.yaml`, sends what it generates from it (and data
//! that breaks it), and checks every answer. Any finding fails the test.

use crate::common::*;
use std::path::PathBuf;
use std::process::Command;

/// Where schemathesis is: `$MDM_SCHEMATHESIS`, the venv `.ci/run` makes (`.ci/venv`), or
/// `PATH`.
fn schemathesis() -> PathBuf {
    if let Some(p) = std::env::var_os("MDM_SCHEMATHESIS") {
        return p.into();
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".ci/venv/bin/schemathesis");
    if venv.exists() {
        return venv;
    }
    let on_path = Command::new("schemathesis").arg("--version").output();
    assert!(
        on_path.is_ok_and(|o| o.status.success()),
        "schemathesis is not installed; `.ci/run` installs it, or: \
         python3 -m venv .ci/venv && .ci/venv/bin/pip install -r .ci/requirements.txt"
    );
    PathBuf::from("schemathesis")
}

#[test]
fn the_api_conforms_to_its_openapi_document_under_generated_input() {
    let bin = schemathesis();
    let env = Env::new();
    let server = Server::start_without_hooks(&env, &["--devices", "30", "--tick-ms", "200"]);
    let seconds = std::env::var("MDM_SCHEMATHESIS_SECONDS").unwrap_or_else(|_| "90".into());
    let hooks = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis");
    let out = Command::new(&bin)
        .args([
            "run",
            &format!("{}/v1/openapi.yaml", server.url),
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,\
             response_schema_conformance,negative_data_rejection",
            "--max-time",
            &seconds,
            "--workers",
            "2",
            "--request-timeout",
            "20",
            "--no-color",
        ])
        // A throwaway admin per run, re-made when the run revokes its token (hooks.py).
        .env("SCHEMATHESIS_HOOKS", "hooks")
        .env("PYTHONPATH", &hooks)
        .env("MDM_BIN", env!("CARGO_BIN_EXE_mdm"))
        .env("MDM_DB_DIR", &server.db_dir)
        .env("MDM_URL", &server.url)
        .env("MDM_DATA_DIR", env.root.path().join("data"))
        .current_dir(env.root.path())
        .output()
        .expect("run schemathesis");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "schemathesis found problems (exit {:?}):\n{stdout}\n{stderr}",
        out.status.code()
    );
    // It really ran: every served operation was tested, and it authenticated.
    assert!(stdout.contains("Tested: "), "{stdout}");
    assert!(!stdout.contains("Tested: 0"), "{stdout}");
}
