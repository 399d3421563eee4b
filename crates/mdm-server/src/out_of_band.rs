//! Changes made around the gateway: the vendor's own audit log, read periodically, and
//! every change not made by the gateway's own credential appended to the hash chain as
//! `vendor.out_of_band_change` (an admin who still has portal rights shows up here).
//!
//! The vendor is read with no transaction open; the events and the cursor they end at
//! are then written in one transaction, so a gateway stopped at any point neither
//! records an event twice nor skips one: it reads on from the last cursor it committed.

use crate::audit::{self, NewEvent};
use crate::backend::{Backend, BackendError, VendorEvent};
use crate::db::{self, Db};

/// The audit action of a change made around the gateway.
pub const ACTION: &str = "vendor.out_of_band_change";

/// Vendor events per page.
const PAGE: u32 = 200;

fn cursor_key(backend: &dyn Backend) -> String {
    format!("vendor_audit_cursor:{}", backend.name())
}

/// The chain's event for a change the vendor saw and the gateway did not make.
fn event(backend: &str, e: &VendorEvent) -> NewEvent {
    NewEvent {
        actor: e.actor.clone(),
        role: "vendor".into(),
        action: ACTION.into(),
        outcome: "success".into(),
        details: serde_json::json!({
            "backend": backend,
            "vendor_event_id": e.id,
            "vendor_time": mdm_model::time::unix_to_rfc3339(e.at),
            "actor_app_id": e.actor_app_id,
            "activity": e.activity,
            "activity_type": e.activity_type,
            "activity_result": e.result,
            "resources": e.resources,
        }),
        ..NewEvent::default()
    }
    .target(
        "vendor_resource",
        e.resources
            .iter()
            .map(|r| {
                if r.id.is_empty() {
                    r.display_name.clone()
                } else {
                    r.id.clone()
                }
            })
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

/// One read of the vendor's log: appends the changes made around the gateway and moves
/// the cursor. Answers how many events were appended. Blocking.
pub fn step(db: &Db, backend: &dyn Backend) -> Result<u64, BackendError> {
    let key = cursor_key(backend);
    let cursor = db.read(|c| db::meta_get(c, &key))?;
    // The vendor request, no transaction open.
    let read = backend.vendor_audit(db, cursor.as_deref(), PAGE)?;
    let name = backend.name();
    let appended = db.write_bg(|tx| -> crate::sql::Result<u64> {
        // Another replica (or an earlier turn) may have moved the cursor meanwhile.
        if db::meta_get(tx, &key)? != cursor {
            return Ok(0);
        }
        let mut appender = audit::Appender::new(tx)?;
        let mut n = 0;
        for e in read.events.iter().filter(|e| !e.by_gateway) {
            appender.append(tx, event(name, e))?;
            n += 1;
        }
        db::meta_set(tx, &key, &read.cursor)?;
        Ok(n)
    })?;
    Ok(appended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::{BackendResult, Capability, VendorAudit, VendorResource};
    use std::sync::Mutex;

    /// A vendor whose log the test writes; answers like Intune (events after a cursor).
    struct Vendor(Mutex<Vec<VendorEvent>>);

    impl Backend for Vendor {
        fn name(&self) -> &'static str {
            "vendor"
        }
        fn supports(&self, c: Capability) -> bool {
            c == Capability::VendorAudit
        }
        fn vendor_audit(
            &self,
            _store: &Db,
            cursor: Option<&str>,
            _limit: u32,
        ) -> BackendResult<VendorAudit> {
            let after: i64 = cursor.map_or(0, |c| c.parse().unwrap());
            let log = self.0.lock().unwrap();
            let events: Vec<VendorEvent> = log.iter().filter(|e| e.at > after).cloned().collect();
            let cursor = events.last().map_or(after, |e| e.at).to_string();
            Ok(VendorAudit { events, cursor })
        }
    }

    fn ev(at: i64, by_gateway: bool, actor: &str) -> VendorEvent {
        VendorEvent {
            id: format!("e{at}"),
            at,
            actor: actor.into(),
            actor_app_id: Some(if by_gateway { "gw" } else { "portal" }.into()),
            by_gateway,
            activity: "Wipe ManagedDevice".into(),
            activity_type: "Wipe ManagedDevice".into(),
            result: "Success".into(),
            resources: vec![VendorResource {
                display_name: "Phone".into(),
                kind: "ManagedDevice".into(),
                id: format!("d{at}"),
            }],
        }
    }

    fn oob(db: &Db) -> Vec<(String, String)> {
        db.read(|c| {
            c.prepare("SELECT actor, body FROM audit_events WHERE action = ?1 ORDER BY id")?
                .query_map([ACTION], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<crate::sql::Result<Vec<_>>>()
        })
        .unwrap()
    }

    #[test]
    fn changes_not_made_by_the_gateway_are_chained_once() {
        let dir = std::env::temp_dir().join(format!("mdm-oob-{}", crate::ids::random_hex(4)));
        let db = Db::open(&dir).unwrap();
        let v = Vendor(Mutex::new(vec![
            ev(1, true, "mdm gateway"),
            ev(2, false, "eve@contoso.com"),
        ]));
        assert_eq!(step(&db, &v).unwrap(), 1);
        assert_eq!(
            step(&db, &v).unwrap(),
            0,
            "the cursor keeps it from coming twice"
        );
        v.0.lock()
            .unwrap()
            .push(ev(3, false, "mallory@contoso.com"));
        assert_eq!(step(&db, &v).unwrap(), 1);
        let got = oob(&db);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "eve@contoso.com");
        assert!(got[0].1.contains("d2"), "{}", got[0].1);
        assert_eq!(got[1].0, "mallory@contoso.com");
        drop(db);
        let _ = std::fs::remove_dir_all(dir);
    }
}
