//! Runs a contract validator (`tests/contracts/validate_graph.py` for Graph,
//! `validate_fleet.py` for Fleet, `validate_jamf.py` for Jamf Pro; openapi-core) over an exchange log and reads its verdict.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The validator's verdict on one log.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Report {
    /// Exchanges checked against a contract file.
    pub validated: u64,
    /// Exchanges outside the contract files (token endpoint, beta, /groups), by reason.
    pub skipped: u64,
    pub skipped_by_reason: std::collections::BTreeMap<String, u64>,
    /// Every violation, with the exchange it was found in.
    pub violations: Vec<Violation>,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct Violation {
    pub seq: u64,
    pub method: String,
    pub path: String,
    /// `request` or `response`.
    pub side: String,
    pub message: String,
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The Graph contract files: `$MDM_GRAPH_CONTRACTS`, else `../shared/contracts/graph/v1.0`
/// beside the workspace.
pub fn contracts_dir() -> PathBuf {
    match std::env::var_os("MDM_GRAPH_CONTRACTS") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("../shared/contracts/graph/v1.0"),
    }
}

/// The Fleet contract files: `$MDM_FLEET_CONTRACTS`, else `../shared/contracts/fleet`.
pub fn fleet_contracts_dir() -> PathBuf {
    match std::env::var_os("MDM_FLEET_CONTRACTS") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("../shared/contracts/fleet"),
    }
}

/// The Jamf Pro contract files: `$MDM_JAMF_CONTRACTS`, else `../shared/contracts/jamf`.
pub fn jamf_contracts_dir() -> PathBuf {
    match std::env::var_os("MDM_JAMF_CONTRACTS") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("../shared/contracts/jamf"),
    }
}

/// Validates every exchange in `log_path` (JSON lines) against the Graph contracts.
/// `Err` when the validator could not run (no venv, no contracts) or crashed; a log with
/// violations is `Ok` with `violations` filled in.
pub fn validate(log_path: &Path) -> Result<Report, String> {
    run(
        "validate_graph.py",
        &contracts_dir(),
        "DeviceManagement.yml",
        "graph/v1.0",
        "MDM_GRAPH_CONTRACTS",
        log_path,
    )
}

/// Validates every exchange in `log_path` against Fleet's descriptions, as [`validate`].
pub fn validate_fleet(log_path: &Path) -> Result<Report, String> {
    run(
        "validate_fleet.py",
        &fleet_contracts_dir(),
        "fleet-openapi.json",
        "fleet",
        "MDM_FLEET_CONTRACTS",
        log_path,
    )
}

/// Validates every exchange in `log_path` against Jamf Pro's description, as [`validate`].
pub fn validate_jamf(log_path: &Path) -> Result<Report, String> {
    run(
        "validate_jamf.py",
        &jamf_contracts_dir(),
        "MdmCommands.yaml",
        "jamf",
        "MDM_JAMF_CONTRACTS",
        log_path,
    )
}

fn run(
    script: &str,
    contracts: &Path,
    marker: &str,
    shared_dir: &str,
    env: &str,
    log_path: &Path,
) -> Result<Report, String> {
    let root = workspace_root();
    let python = match std::env::var_os("MDM_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => root.join(".ci/venv/bin/python"),
    };
    if !python.exists() {
        return Err(format!(
            "no Python for the contract validator at {}\nhint: run `python3 -m venv .ci/venv && .ci/venv/bin/pip install -r .ci/requirements.txt` in {} (or `scripts/test`), or set MDM_PYTHON",
            python.display(),
            root.display()
        ));
    }
    if !contracts.join(marker).exists() {
        return Err(format!(
            "the contract files are not at {}\nhint: they live in ../shared/contracts/{shared_dir} beside the repository (or set {env})",
            contracts.display()
        ));
    }
    let out = Command::new(&python)
        .arg(root.join("tests/contracts").join(script))
        .arg("--contracts")
        .arg(contracts)
        .arg("--json")
        .arg(log_path)
        .output()
        .map_err(|e| format!("could not run {}: {e}", python.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stdout.lines().rev().find(|l| l.starts_with('{'));
    match last.map(serde_json::from_str::<Report>) {
        Some(Ok(r)) => Ok(r),
        _ => Err(format!(
            "the contract validator failed (exit {:?})\nstdout:\n{stdout}\nstderr:\n{stderr}{}",
            out.status.code(),
            if stderr.contains("No module named") {
                "\nhint: .ci/venv/bin/pip install -r .ci/requirements.txt"
            } else {
                ""
            }
        )),
    }
}
