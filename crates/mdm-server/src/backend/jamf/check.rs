//! `mdm gateway check` for Jamf Pro: the API client gets a token, the computers and
//! mobile devices can be counted (`page-size=1`, their `totalCount`) and the computer
//! groups read. Each read names the privilege it needs when Jamf answers 403.

use super::client::{JamfClient, JamfError};
use serde::Serialize;

/// What the check found, step by step (never the secret or the token).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub computers: Option<u64>,
    pub mobile_devices: Option<u64>,
    pub computer_groups: Option<u64>,
    /// What failed, in order; empty when everything worked.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Count {
    total_count: u64,
}

/// Runs the checks in order; a refused client stops them (the rest would fail the same).
pub fn check(client: &JamfClient) -> CheckReport {
    let mut r = CheckReport::default();
    let one = [("page", "0".to_string()), ("page-size", "1".to_string())];
    let stop = |e: &JamfError| {
        matches!(
            e,
            JamfError::Unauthorized { .. } | JamfError::Unreachable { .. }
        )
    };
    match client.get::<Count>(
        "v3/computers-inventory",
        &one,
        "the privilege \"Read Computers\"",
    ) {
        Ok(c) => r.computers = Some(c.total_count),
        Err(e) => {
            r.problems
                .push(format!("GET /api/v3/computers-inventory: {e}"));
            if stop(&e) {
                return r;
            }
        }
    }
    match client.get::<Count>(
        "v2/mobile-devices",
        &one,
        "the privilege \"Read Mobile Devices\"",
    ) {
        Ok(c) => r.mobile_devices = Some(c.total_count),
        Err(e) => r.problems.push(format!("GET /api/v2/mobile-devices: {e}")),
    }
    match client.get::<Vec<serde_json::Value>>(
        "v1/computer-groups",
        &[],
        "the privileges \"Read Smart Computer Groups\" and \"Read Static Computer Groups\"",
    ) {
        Ok(g) => r.computer_groups = Some(g.len() as u64),
        Err(e) => r.problems.push(format!("GET /api/v1/computer-groups: {e}")),
    }
    r
}
