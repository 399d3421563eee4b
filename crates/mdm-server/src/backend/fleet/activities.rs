//! Fleet's activity feed (`GET /api/v1/fleet/activities`), read to catch changes made
//! around the gateway: an admin locking or wiping from Fleet's UI, `fleetctl`, another
//! API user. Activities have increasing integer ids, so the cursor is the newest id read:
//! a read walks the feed newest first until it reaches the cursor and hands back what is
//! newer, oldest first. Without a cursor (the first read of a new gateway) it starts at
//! the gateway's first start. What the gateway's own API user did is marked `by_gateway`
//! (already in the chain as the mdm action that caused it).

use super::client::{FleetClient, FleetError};
use crate::backend::{VendorAudit, VendorEvent, VendorResource};
use serde_json::Value;

/// Pages read at most per turn (a larger backlog continues at the next turn, oldest
/// first, since the cursor only moves over what was handed back).
const MAX_PAGES: u32 = 20;

#[derive(serde::Deserialize)]
struct Page {
    activities: Vec<Activity>,
    #[serde(default)]
    meta: Option<Meta>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Meta {
    has_next_results: bool,
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
struct Activity {
    id: u64,
    created_at: String,
    actor_full_name: Option<String>,
    actor_id: Option<u64>,
    actor_email: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    fleet_initiated: bool,
    details: Value,
}

fn to_event(a: &Activity, gateway_user: Option<u64>) -> VendorEvent {
    let nonempty = |s: &Option<String>| s.as_deref().filter(|s| !s.is_empty()).map(str::to_string);
    let actor = nonempty(&a.actor_email)
        .or_else(|| nonempty(&a.actor_full_name))
        .unwrap_or_else(|| {
            if a.fleet_initiated {
                "Fleet".into()
            } else {
                "unknown".into()
            }
        });
    let mut resources = Vec::new();
    if let Some(h) = a.details.get("host_id").and_then(Value::as_u64) {
        resources.push(VendorResource {
            display_name: a.details["host_display_name"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            kind: "host".into(),
            id: format!("{}{h}", super::hosts::ID_PREFIX),
        });
    } else if let Some(serial) = a.details.get("host_serial").and_then(Value::as_str) {
        resources.push(VendorResource {
            display_name: a.details["host_display_name"]
                .as_str()
                .unwrap_or(serial)
                .to_string(),
            kind: "host".into(),
            id: String::new(),
        });
    }
    VendorEvent {
        id: a.id.to_string(),
        at: crate::backend::copy::unix(&a.created_at),
        actor,
        actor_app_id: a.actor_id.map(|i| format!("fleet-user-{i}")),
        by_gateway: gateway_user.is_some() && a.actor_id == gateway_user,
        activity: a.kind.clone(),
        activity_type: a.kind.clone(),
        result: "success".into(),
        resources,
    }
}

/// The activities newer than `cursor` (or, without one, since `start`), oldest first, and
/// the cursor to keep.
pub fn read(
    client: &FleetClient,
    cursor: Option<&str>,
    start: i64,
    per_page: u32,
    gateway_user: Option<u64>,
) -> Result<VendorAudit, FleetError> {
    let after: Option<u64> = cursor.and_then(|c| c.parse().ok());
    let mut newer = Vec::new();
    'pages: for page in 0..MAX_PAGES {
        let p: Page = client.get(
            "activities",
            &[
                ("page", page.to_string()),
                ("per_page", per_page.to_string()),
                ("order_key", "id".into()),
                ("order_direction", "desc".into()),
            ],
        )?;
        for a in &p.activities {
            let old = match after {
                Some(c) => a.id <= c,
                None => crate::backend::copy::unix(&a.created_at) < start,
            };
            if old {
                break 'pages;
            }
            newer.push(a.clone());
        }
        if p.activities.is_empty() || !p.meta.unwrap_or_default().has_next_results {
            break;
        }
    }
    newer.reverse();
    let next = newer.last().map(|a| a.id).or(after).unwrap_or(0);
    Ok(VendorAudit {
        events: newer.iter().map(|a| to_event(a, gateway_user)).collect(),
        cursor: next.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_activity_names_its_actor_and_host_and_the_gateway_is_told_apart() {
        let a = Activity {
            id: 7,
            created_at: "2026-12-03T10:00:00Z".into(),
            actor_full_name: Some("Ada Admin".into()),
            actor_id: Some(1),
            actor_email: Some("ada@example.org".into()),
            kind: "wiped_host".into(),
            fleet_initiated: false,
            details: serde_json::json!({"host_id": 12, "host_display_name": "Kiosk 3"}),
        };
        let e = to_event(&a, Some(3));
        assert_eq!(e.actor, "ada@example.org");
        assert!(!e.by_gateway);
        assert_eq!(e.resources[0].id, "fleet_12");
        assert_eq!(e.activity, "wiped_host");
        let ours = Activity {
            actor_id: Some(3),
            ..a.clone()
        };
        assert!(to_event(&ours, Some(3)).by_gateway);
        let auto = Activity {
            actor_id: None,
            actor_email: None,
            actor_full_name: None,
            fleet_initiated: true,
            ..a
        };
        assert_eq!(to_event(&auto, Some(3)).actor, "Fleet");
    }
}
