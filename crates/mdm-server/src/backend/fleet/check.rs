//! `mdm gateway check` for Fleet: the token works (`GET /me`, which also says whether it
//! is an API-only user and its role), the hosts can be counted and the teams read.

use super::client::{FleetClient, FleetError};
use serde::Serialize;

/// What the check found, step by step (never the token).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    /// The API user's name and global role, as Fleet says them.
    pub user: Option<String>,
    pub role: Option<String>,
    pub api_only: Option<bool>,
    pub hosts: Option<u64>,
    pub teams: Option<u64>,
    /// What failed, in order; empty when everything worked.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

#[derive(serde::Deserialize)]
struct Me {
    user: MeUser,
}

#[derive(serde::Deserialize)]
struct MeUser {
    name: String,
    #[serde(default)]
    global_role: Option<String>,
    #[serde(default)]
    api_only: Option<bool>,
}

/// Runs the checks in order; a refused token stops them (the rest would fail the same).
pub fn check(client: &FleetClient) -> CheckReport {
    let mut r = CheckReport::default();
    match client.get::<Me>("me", &[]) {
        Ok(me) => {
            r.user = Some(me.user.name);
            r.role = me.user.global_role;
            r.api_only = me.user.api_only;
        }
        Err(e) => {
            let stop = matches!(
                e,
                FleetError::Unauthorized { .. } | FleetError::Unreachable { .. }
            );
            r.problems.push(format!("GET /api/v1/fleet/me: {e}"));
            if stop {
                return r;
            }
        }
    }
    match client.get::<serde_json::Value>("hosts/count", &[]) {
        Ok(v) => r.hosts = v["count"].as_u64(),
        Err(e) => r
            .problems
            .push(format!("GET /api/v1/fleet/hosts/count: {e}")),
    }
    match client.get::<serde_json::Value>("teams", &[]) {
        Ok(v) => r.teams = v["teams"].as_array().map(|a| a.len() as u64),
        Err(e) => r.problems.push(format!("GET /api/v1/fleet/teams: {e}")),
    }
    r
}
