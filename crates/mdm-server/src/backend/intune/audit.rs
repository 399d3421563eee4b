//! Intune's own audit log (`GET /deviceManagement/auditEvents`), read to catch changes
//! made around the gateway (an admin who still has portal rights, another app).
//!
//! The cursor is the time of the newest event read and the ids of the events at that
//! very time: the next read asks for `activityDateTime ge` that time and drops those
//! ids, so events sharing a second with the last one read are neither lost nor read
//! twice. Without a cursor (the first read of a new gateway) reading starts at the
//! gateway's first start: what happened before it existed is not a change around it.

use super::graph::ListQuery;
use crate::backend::{BackendError, BackendResult, VendorAudit, VendorEvent, VendorResource};
use std::ops::ControlFlow;

/// The stored cursor (JSON in the gateway's store, opaque to it).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cursor {
    /// Unix seconds of the newest event read.
    pub at: i64,
    /// Ids of the events read at exactly `at`.
    pub seen: Vec<String>,
}

impl Cursor {
    pub fn parse(s: &str) -> Option<Cursor> {
        serde_json::from_str(s).ok()
    }
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Actor {
    application_id: Option<String>,
    application_display_name: Option<String>,
    user_principal_name: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Resource {
    display_name: Option<String>,
    audit_resource_type: Option<String>,
    resource_id: Option<String>,
}

/// An `auditEvent` as Graph serves it (the fields mdm keeps).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(super) struct AuditEvent {
    id: String,
    activity_date_time: Option<String>,
    activity: Option<String>,
    activity_type: Option<String>,
    activity_result: Option<String>,
    actor: Option<Actor>,
    resources: Option<Vec<Resource>>,
}

fn unix(s: Option<&str>) -> i64 {
    s.and_then(mdm_model::time::parse_rfc3339)
        .map_or(0, |t| t.unix_timestamp())
}

/// Graph's event in mdm's terms; `by_gateway` when the actor is the gateway's own app.
pub(super) fn to_vendor_event(e: AuditEvent, client_id: &str) -> VendorEvent {
    let actor = e.actor.unwrap_or_default();
    let nonempty = |s: &Option<String>| s.as_deref().filter(|s| !s.is_empty()).map(str::to_string);
    let by_gateway = actor
        .application_id
        .as_deref()
        .is_some_and(|a| a.eq_ignore_ascii_case(client_id));
    VendorEvent {
        at: unix(e.activity_date_time.as_deref()),
        actor: nonempty(&actor.user_principal_name)
            .or_else(|| nonempty(&actor.application_display_name))
            .or_else(|| nonempty(&actor.application_id))
            .unwrap_or_else(|| "unknown".into()),
        actor_app_id: actor.application_id,
        by_gateway,
        activity: e.activity.unwrap_or_default(),
        activity_type: e.activity_type.unwrap_or_default(),
        result: e.activity_result.unwrap_or_default(),
        resources: e
            .resources
            .unwrap_or_default()
            .into_iter()
            .map(|r| VendorResource {
                display_name: r.display_name.unwrap_or_default(),
                kind: r.audit_resource_type.unwrap_or_default(),
                id: r.resource_id.unwrap_or_default(),
            })
            .collect(),
        id: e.id,
    }
}

/// The events after `cursor` (read before it was kept), oldest first, and the cursor to
/// keep. `events` is what Graph answered, in any order.
pub(super) fn after_cursor(cursor: &Cursor, mut events: Vec<VendorEvent>) -> VendorAudit {
    events.retain(|e| e.at > cursor.at || (e.at == cursor.at && !cursor.seen.contains(&e.id)));
    events.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    let mut next = cursor.clone();
    for e in &events {
        if e.at > next.at {
            next = Cursor {
                at: e.at,
                seen: Vec::new(),
            };
        }
        if e.at == next.at && !next.seen.contains(&e.id) {
            next.seen.push(e.id.clone());
        }
    }
    VendorAudit {
        events,
        cursor: next.to_text(),
    }
}

impl super::Intune {
    /// Reads Intune's audit events since `cursor`, or since `start` (Unix seconds)
    /// without one (every page; `page_size` per page).
    /// Blocking: call from a blocking thread, with no store transaction open.
    pub fn audit_events(
        &self,
        cursor: Option<&str>,
        page_size: u32,
        start: i64,
    ) -> BackendResult<VendorAudit> {
        let cursor = match cursor {
            Some(c) => Cursor::parse(c).ok_or_else(|| BackendError::Vendor {
                message: "the stored Intune audit cursor is unreadable".into(),
                retry_after: None,
            })?,
            None => Cursor {
                at: start,
                seen: Vec::new(),
            },
        };
        let client = self.graph.client();
        let since = mdm_model::time::unix_to_rfc3339(cursor.at);
        let q = ListQuery {
            filter: Some(format!("activityDateTime ge {since}")),
            top: Some(page_size.clamp(1, 999)),
            ..ListQuery::default()
        };
        let mut first = q.apply(
            client
                .v1("deviceManagement/auditEvents")
                .map_err(BackendError::from)?,
        );
        first
            .query_pairs_mut()
            .append_pair("$orderby", "activityDateTime");
        let client_id = client.auth().client_id().to_string();
        let mut read = Vec::new();
        let listed = self
            .graph
            .for_each_page(first, |page: Vec<AuditEvent>| {
                read.extend(page.into_iter().map(|e| to_vendor_event(e, &client_id)));
                ControlFlow::Continue(())
            })
            .map_err(BackendError::from)?;
        if !listed.complete {
            return Err(BackendError::Vendor {
                message: "the auditEvents list stopped before its end".into(),
                retry_after: None,
            });
        }
        Ok(after_cursor(&cursor, read))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: &str, at: i64) -> VendorEvent {
        VendorEvent {
            id: id.into(),
            at,
            actor: "a".into(),
            actor_app_id: None,
            by_gateway: false,
            activity: String::new(),
            activity_type: String::new(),
            result: String::new(),
            resources: Vec::new(),
        }
    }

    #[test]
    fn the_cursor_neither_repeats_nor_skips_events_sharing_a_second() {
        let start = Cursor {
            at: 10,
            seen: vec![],
        };
        let first = after_cursor(&start, vec![ev("b", 11), ev("a", 9), ev("c", 11)]);
        let ids: Vec<&str> = first.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["b", "c"],
            "older than the cursor is dropped, order by time"
        );
        let c = Cursor::parse(&first.cursor).unwrap();
        assert_eq!(
            c,
            Cursor {
                at: 11,
                seen: vec!["b".into(), "c".into()]
            }
        );
        // Graph answers `ge 11` again: b and c come back, plus d in the same second.
        let second = after_cursor(&c, vec![ev("b", 11), ev("c", 11), ev("d", 11), ev("e", 12)]);
        let ids: Vec<&str> = second.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["d", "e"]);
        let again = after_cursor(&Cursor::parse(&second.cursor).unwrap(), vec![ev("e", 12)]);
        assert!(again.events.is_empty());
        assert_eq!(again.cursor, second.cursor);
    }

    #[test]
    fn the_gateways_own_app_is_recognised_and_the_actor_is_the_upn() {
        let e: AuditEvent = serde_json::from_value(serde_json::json!({
            "id": "e1",
            "activityDateTime": "2026-01-01T00:00:05Z",
            "activity": "Wipe ManagedDevice",
            "activityType": "Wipe ManagedDevice",
            "activityResult": "Success",
            "actor": {"applicationId": "APP-1", "userPrincipalName": "eve@contoso.com"},
            "resources": [{"displayName": "Phone", "auditResourceType": "ManagedDevice", "resourceId": "d1"}]
        }))
        .unwrap();
        let v = to_vendor_event(e, "app-1");
        assert!(v.by_gateway);
        assert_eq!(v.actor, "eve@contoso.com");
        assert_eq!(v.resources[0].kind, "ManagedDevice");
        let other: AuditEvent = serde_json::from_value(serde_json::json!({
            "id": "e2", "actor": {"applicationId": "portal", "applicationDisplayName": "Intune portal"}
        }))
        .unwrap();
        let v = to_vendor_event(other, "app-1");
        assert!(!v.by_gateway);
        assert_eq!(v.actor, "Intune portal");
    }
}
