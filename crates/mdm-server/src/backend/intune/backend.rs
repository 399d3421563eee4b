//! The Intune backend (`intune`): mdm's inventory and device commands through Graph.
//!
//! - Inventory is a copy: [`Intune::sync`] reads every `managedDevice` (paging along
//!   `@odata.nextLink`) and the configured Entra device groups, then writes them into the
//!   gateway's `devices`, `groups` and `device_groups` tables in one transaction, so the
//!   API's filters, previews and digests work as with the simulator. The mdm device id
//!   is the Graph id itself (the model does not require the `dev_` form), so no mapping
//!   table is needed. A device gone from Graph is marked `retired`, not deleted: actions
//!   and audit events keep pointing at its row.
//! - Graph is read before the write transaction opens; the transaction only holds the
//!   local writes.
//! - Commands: lock → `remoteLock`, wipe → `wipe`, retire → `retire`, `push command
//!   sync|restart` → `syncDevice`|`rebootNow`, one device per request (through the
//!   write scheduler); anything else fails per device naming Intune. Outcomes come from
//!   the device's `deviceActionResults`.

use super::devices::{self, MANAGED_DEVICE_SELECT, ManagedDevice};
use super::graph::{BlockingGraph, GraphError, ListQuery};
use crate::actions::Kind;
use crate::backend::{
    Backend, BackendError, BackendResult, Capability, Command, DeviceRef, InFlight, Limits,
    Outcome, Submission,
};
use crate::db::Db;
use crate::handlers::devices::find_device;
use mdm_model::domain::CommandStatus;
use mdm_model::types::{ActionOptions, Device};
use reqwest::Method;
use rusqlite::{Connection, Transaction, params};
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

/// The Intune backend; one per gateway.
pub struct Intune {
    pub(super) graph: BlockingGraph,
    /// Entra ID device groups (display names) shown as mdm groups.
    groups: Vec<String>,
    /// How the inventory syncs went, for the gateway's health.
    sync_state: std::sync::Mutex<SyncState>,
}

/// The last successful inventory sync and the error of the last failed one (cleared by
/// a success).
#[derive(Debug, Clone, Default)]
struct SyncState {
    last_ok: Option<i64>,
    last_error: Option<String>,
}

/// What one inventory sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Devices read from Graph and written.
    pub devices: u64,
    /// Devices Graph returned that mdm cannot show (no id, unknown platform).
    pub skipped: u64,
    /// Local devices no longer in Graph, marked retired.
    pub retired: u64,
}

/// A managed device as read for the sync, with its Entra device id for groups.
struct Synced {
    device: Device,
    aad_device_id: Option<String>,
}

#[derive(serde::Deserialize)]
struct GraphGroup {
    id: String,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Member {
    #[serde(default)]
    device_id: Option<String>,
}

fn vendor(e: GraphError) -> BackendError {
    e.into()
}

/// Graph's action for an mdm command, or why Intune cannot carry it out.
fn graph_action(kind: Kind, o: &ActionOptions) -> Result<&'static str, String> {
    match kind {
        Kind::Lock => Ok("remoteLock"),
        Kind::Wipe => Ok("wipe"),
        Kind::Retire => Ok("retire"),
        Kind::PushCommand => match o.command.as_deref() {
            Some("sync") => Ok("syncDevice"),
            Some("restart") => Ok("rebootNow"),
            other => Err(format!(
                "the intune backend does not carry out push command {}; Intune supports \
                 sync and restart",
                other.unwrap_or("(none)")
            )),
        },
        Kind::Unlock => Err(
            "the intune backend cannot unlock a device; Intune has no unlock action \
             (reset the passcode in the Intune admin center)"
                .into(),
        ),
        Kind::PushApp | Kind::PushProfile => Err(format!(
            "the intune backend does not carry out {}; assign apps and profiles in Intune",
            kind.as_str()
        )),
    }
}

/// The JSON body of a Graph action (`wipe` carries mdm's wipe options).
fn action_body(action: &str, o: &ActionOptions) -> Option<serde_json::Value> {
    match action {
        "wipe" => Some(serde_json::json!({
            "keepEnrollmentData": o.keep_enrollment,
            "keepUserData": o.keep_user_data,
        })),
        _ => None,
    }
}

fn unix(s: &str) -> i64 {
    mdm_model::time::parse_rfc3339(s).map_or(0, |t| t.unix_timestamp())
}

/// A Graph string literal for `$filter` (single quotes doubled).
fn odata_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

impl Intune {
    /// The backend over `graph` showing the Entra device groups named in `groups`.
    pub fn new(graph: BlockingGraph, groups: Vec<String>) -> Intune {
        Intune {
            graph,
            groups,
            sync_state: std::sync::Mutex::default(),
        }
    }

    fn devices_url(&self) -> BackendResult<url::Url> {
        self.graph
            .client()
            .v1("deviceManagement/managedDevices")
            .map_err(vendor)
    }

    fn device_url(&self, id: &str) -> BackendResult<url::Url> {
        let mut u = self.devices_url()?;
        if let Ok(mut segs) = u.path_segments_mut() {
            segs.push(id);
        }
        Ok(u)
    }

    fn read_device(&self, id: &str) -> Result<ManagedDevice, GraphError> {
        let u = self.device_url(id).map_err(|e| GraphError::Decode {
            reason: e.to_string(),
        })?;
        self.graph
            .get(ListQuery::select(MANAGED_DEVICE_SELECT).apply(u))
    }

    /// Reads the whole inventory and the configured groups from Graph, then writes them
    /// into the gateway's tables (one transaction, opened after Graph was
    /// read). Blocking: call from a blocking thread. The outcome shows in
    /// [`Backend::health`].
    pub fn sync(&self, db: &crate::db::Db, now: i64) -> BackendResult<SyncReport> {
        let r = self.sync_inventory(db, now);
        let mut st = self.sync_state.lock().unwrap_or_else(|p| p.into_inner());
        match &r {
            Ok(_) => {
                st.last_ok = Some(now);
                st.last_error = None;
            }
            Err(e) => st.last_error = Some(e.to_string()),
        }
        r
    }

    fn sync_inventory(&self, db: &crate::db::Db, now: i64) -> BackendResult<SyncReport> {
        let mut read: Vec<Synced> = Vec::new();
        let mut skipped = 0u64;
        let first = ListQuery::select(MANAGED_DEVICE_SELECT).apply(self.devices_url()?);
        let listed = self
            .graph
            .for_each_page(first, |page: Vec<ManagedDevice>| {
                for md in page {
                    match devices::to_device(&md, now) {
                        Ok(device) => read.push(Synced {
                            device,
                            aad_device_id: md.azure_ad_device_id.clone(),
                        }),
                        Err(_) => skipped += 1,
                    }
                }
                ControlFlow::Continue(())
            })
            .map_err(vendor)?;
        if !listed.complete {
            return Err(BackendError::Vendor {
                message: "the managedDevices list stopped before its end".into(),
                retry_after: None,
            });
        }
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for name in &self.groups {
            groups.push((name.clone(), self.group_members(name)?));
        }
        db.write(|tx| write_inventory(tx, &read, skipped, &groups))
            .map_err(BackendError::Store)
    }

    /// The Entra device ids (`deviceId`) of the members of the group named `name`
    /// (none when no such group exists).
    fn group_members(&self, name: &str) -> BackendResult<Vec<String>> {
        let client = self.graph.client();
        let q = ListQuery {
            filter: Some(format!("displayName eq {}", odata_literal(name))),
            select: vec!["id".into()],
            ..ListQuery::default()
        };
        let found: super::graph::Page<GraphGroup> = self
            .graph
            .page(q.apply(client.v1("groups").map_err(vendor)?))
            .map_err(vendor)?;
        let mut members = Vec::new();
        let Some(g) = found.value.first() else {
            return Ok(members);
        };
        let mut u = client.v1("groups").map_err(vendor)?;
        if let Ok(mut segs) = u.path_segments_mut() {
            segs.push(&g.id).push("members");
        }
        self.graph
            .for_each_page(u, |page: Vec<Member>| {
                members.extend(page.into_iter().filter_map(|m| m.device_id));
                ControlFlow::Continue(())
            })
            .map_err(vendor)?;
        Ok(members)
    }
}

const SQL_UPSERT: &str = "INSERT INTO devices(id, serial, name, platform, model, os_version,
        owner_name, owner_email, owner_phone, status, compliance, locked, enrolled_at, last_seen)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
     ON CONFLICT(id) DO UPDATE SET serial = excluded.serial, name = excluded.name,
        platform = excluded.platform, model = excluded.model, os_version = excluded.os_version,
        owner_name = excluded.owner_name, owner_email = excluded.owner_email,
        owner_phone = excluded.owner_phone, status = excluded.status,
        compliance = excluded.compliance, locked = excluded.locked,
        enrolled_at = excluded.enrolled_at, last_seen = excluded.last_seen";

/// The local side of a sync. A device whose serial another device already has (or
/// which has none) gets its Graph id as serial, since the column is unique.
fn write_inventory(
    tx: &Transaction<'_>,
    read: &[Synced],
    skipped: u64,
    groups: &[(String, Vec<String>)],
) -> rusqlite::Result<SyncReport> {
    let mut report = SyncReport {
        skipped,
        ..SyncReport::default()
    };
    let mut seen = HashSet::new();
    let mut serials = HashSet::new();
    let mut by_aad: HashMap<&str, &str> = HashMap::new();
    {
        let mut upsert = tx.prepare_cached(SQL_UPSERT)?;
        let mut taken =
            tx.prepare_cached("SELECT 1 FROM devices WHERE serial = ?1 AND id <> ?2")?;
        for s in read {
            let d = &s.device;
            let mut serial = d.serial.clone();
            if serial.is_empty()
                || !serials.insert(serial.clone())
                || taken.exists(params![serial, d.id])?
            {
                serial = d.id.clone();
            }
            upsert.execute(params![
                d.id,
                serial,
                d.name,
                d.platform.as_str(),
                d.model,
                d.os_version,
                d.owner_name,
                d.owner_email,
                d.owner_phone,
                d.status.as_str(),
                d.compliance.as_str(),
                d.locked as i64,
                unix(&d.enrolled_at),
                unix(&d.last_seen),
            ])?;
            seen.insert(d.id.as_str());
            if let Some(aad) = s.aad_device_id.as_deref() {
                by_aad.insert(aad, d.id.as_str());
            }
            report.devices += 1;
        }
    }
    let local: Vec<String> = tx
        .prepare("SELECT id FROM devices WHERE status NOT IN ('retired', 'wiped')")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in local.iter().filter(|id| !seen.contains(id.as_str())) {
        tx.execute("UPDATE devices SET status = 'retired' WHERE id = ?1", [id])?;
        report.retired += 1;
    }
    for (name, members) in groups {
        tx.execute(
            "INSERT OR IGNORE INTO groups(name, description) VALUES (?1, 'Entra ID device group')",
            [name],
        )?;
        let gid: i64 = tx.query_row("SELECT id FROM groups WHERE name = ?1", [name], |r| {
            r.get(0)
        })?;
        tx.execute("DELETE FROM device_groups WHERE group_id = ?1", [gid])?;
        for aad in members {
            if let Some(id) = by_aad.get(aad.as_str()) {
                tx.execute(
                    "INSERT OR IGNORE INTO device_groups(group_id, device_rid)
                     SELECT ?1, rid FROM devices WHERE id = ?2",
                    params![gid, id],
                )?;
            }
        }
    }
    Ok(report)
}

/// What an acknowledged command changed on the device, mirrored in the local copy
/// until the next sync reads it from Graph.
fn apply_effect(c: &Connection, kind: Kind, rid: i64) -> rusqlite::Result<()> {
    let sql = match kind {
        Kind::Wipe => "UPDATE devices SET status = 'wiped', locked = 0 WHERE rid = ?1",
        Kind::Retire => "UPDATE devices SET status = 'retired' WHERE rid = ?1",
        Kind::Lock => "UPDATE devices SET locked = 1 WHERE rid = ?1",
        _ => return Ok(()),
    };
    c.execute(sql, [rid]).map(|_| ())
}

impl Backend for Intune {
    fn name(&self) -> &'static str {
        "intune"
    }

    fn limits(&self) -> Limits {
        Limits { max_batch: 1 }
    }

    fn supports(&self, cap: Capability) -> bool {
        matches!(
            cap,
            Capability::Inventory | Capability::DeviceCommands | Capability::VendorAudit
        )
    }

    /// Intune's `auditEvents` (see [`super::audit`]); without a cursor, from the
    /// gateway's first start on (so a Graph outage at first start leaves no gap).
    fn vendor_audit(
        &self,
        store: &Db,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<crate::backend::VendorAudit> {
        let start = match cursor {
            Some(_) => None,
            None => store
                .read(|c| crate::db::meta_get(c, "created_at"))?
                .as_deref()
                .and_then(mdm_model::time::parse_rfc3339)
                .map(|t| t.unix_timestamp()),
        };
        self.audit_events(cursor, limit, start.unwrap_or_else(crate::clock::now_unix))
    }

    fn health(&self) -> crate::backend::BackendHealth {
        let st = self
            .sync_state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let token = self.graph.client().auth().last_result().map(|(at, r)| {
            let checked_at = at
                .duration_since(std::time::UNIX_EPOCH)
                .ok()
                .map(|d| mdm_model::time::unix_to_rfc3339(d.as_secs() as i64));
            match r {
                Ok(()) => mdm_model::types::TokenHealth {
                    state: mdm_model::types::TokenState::Ok,
                    reason: None,
                    message: None,
                    checked_at,
                },
                Err(e) => mdm_model::types::TokenHealth {
                    state: mdm_model::types::TokenState::Failing,
                    reason: Some(e.code().into()),
                    message: Some(e.to_string()),
                    checked_at,
                },
            }
        });
        crate::backend::BackendHealth {
            token,
            last_sync_at: st.last_ok,
            last_sync_error: st.last_error,
        }
    }

    fn alternative(&self, cap: Capability) -> Option<&'static str> {
        (cap == Capability::Enrollment).then_some(
            "enroll devices with Intune's own flows (Company Portal, Apple Automated Device \
             Enrollment, Android Enterprise, Windows Autopilot); they appear in mdm at the next sync",
        )
    }

    /// The local copy (the sync keeps it current), in the simulator's cursor form.
    fn inventory_page(
        &self,
        c: &Connection,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<crate::backend::InventoryPage> {
        crate::backend::sim::Simulator::new(0.0).inventory_page(c, cursor, limit)
    }

    /// Re-reads the device from Graph (found locally by id or serial); its groups come
    /// from the last sync.
    fn device(&self, c: &Connection, id_or_serial: &str) -> BackendResult<Option<Device>> {
        let local = match find_device(c, id_or_serial, true) {
            Ok(d) => d,
            Err(e) if e.code == mdm_model::domain::ErrorCode::NotFound => return Ok(None),
            Err(e) => {
                return Err(BackendError::Vendor {
                    message: e.message,
                    retry_after: None,
                });
            }
        };
        match self.read_device(&local.id) {
            Ok(md) => match devices::to_device(&md, crate::clock::now_unix()) {
                Ok(mut d) => {
                    d.groups = local.groups;
                    Ok(Some(d))
                }
                Err(e) => Err(BackendError::Vendor {
                    message: e.to_string(),
                    retry_after: None,
                }),
            },
            Err(GraphError::NotFound { .. }) => Ok(None),
            Err(e) => Err(vendor(e)),
        }
    }

    fn submit(
        &self,
        _store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        _now: i64,
    ) -> BackendResult<Vec<Submission>> {
        let action = match graph_action(cmd.kind, cmd.options) {
            Ok(a) => a,
            Err(why) => {
                return Ok(devices
                    .iter()
                    .map(|_| Submission::Failed(why.clone()))
                    .collect());
            }
        };
        let body = action_body(action, cmd.options);
        let mut out = Vec::with_capacity(devices.len());
        for d in devices {
            let mut u = self.device_url(&d.id)?;
            if let Ok(mut segs) = u.path_segments_mut() {
                segs.push(action);
            }
            let sent = self.graph.send_json(Method::POST, u, body.as_ref());
            out.push(match sent {
                Ok(_) => Submission::Accepted,
                Err(GraphError::NotFound { .. }) => Submission::NotFound,
                // Graph did not carry it out (still throttled, unavailable after the
                // scheduler's retries, no answer): sent again at a later step.
                Err(GraphError::Throttled { .. } | GraphError::Unreachable { .. }) => {
                    Submission::Deferred
                }
                Err(GraphError::Status {
                    status: 503 | 504, ..
                }) => Submission::Deferred,
                // No token because Entra ID could not be reached: nothing was sent.
                Err(GraphError::Auth(a)) if a.is_transient() => Submission::Deferred,
                Err(e) => Submission::Failed(format!("Intune refused {action}: {e}")),
            });
        }
        Ok(out)
    }

    fn outcomes(
        &self,
        store: &Db,
        cmd: Command<'_>,
        in_flight: &[InFlight],
        _now: i64,
    ) -> BackendResult<Vec<Outcome>> {
        let action = match graph_action(cmd.kind, cmd.options) {
            Ok(a) => a,
            Err(why) => {
                return Ok(in_flight
                    .iter()
                    .map(|_| Outcome::Failed(why.clone()))
                    .collect());
            }
        };
        let mut out = Vec::with_capacity(in_flight.len());
        for f in in_flight {
            let o = match self.read_device(&f.device.id) {
                Ok(md) => match devices::action_status(&md, action) {
                    Some(CommandStatus::Acknowledged) => {
                        // A short transaction of its own: no gateway transaction is open.
                        store.write(|tx| apply_effect(tx, cmd.kind, f.device.rid))?;
                        Outcome::Acknowledged
                    }
                    // After a gateway restart: Intune shows no such action, so it cannot
                    // be told whether the request reached Graph; it is never resent.
                    None if f.recovered => Outcome::Failed(crate::backend::DELIVERY_UNKNOWN.into()),
                    Some(CommandStatus::Failed) => {
                        Outcome::Failed(format!("Intune reports {action} failed on the device"))
                    }
                    Some(CommandStatus::Cancelled) => {
                        Outcome::Failed(format!("Intune reports {action} was canceled"))
                    }
                    _ => Outcome::Waiting,
                },
                Err(GraphError::NotFound { .. }) => {
                    Outcome::Failed("the device is no longer in Intune".into())
                }
                Err(
                    GraphError::Throttled { .. }
                    | GraphError::Unreachable { .. }
                    | GraphError::Status {
                        status: 503 | 504, ..
                    },
                ) => Outcome::Waiting,
                Err(GraphError::Auth(a)) if a.is_transient() => Outcome::Waiting,
                Err(e) => return Err(vendor(e)),
            };
            out.push(o);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_map_to_graph_actions_and_the_rest_names_intune() {
        let o = ActionOptions::default();
        assert_eq!(graph_action(Kind::Lock, &o), Ok("remoteLock"));
        assert_eq!(graph_action(Kind::Wipe, &o), Ok("wipe"));
        assert_eq!(graph_action(Kind::Retire, &o), Ok("retire"));
        let sync = ActionOptions {
            command: Some("sync".into()),
            ..ActionOptions::default()
        };
        assert_eq!(graph_action(Kind::PushCommand, &sync), Ok("syncDevice"));
        let e = graph_action(Kind::Unlock, &o).unwrap_err();
        assert!(e.contains("intune"), "{e}");
        let wipe = ActionOptions {
            keep_user_data: true,
            ..ActionOptions::default()
        };
        assert_eq!(
            action_body("wipe", &wipe).unwrap(),
            serde_json::json!({"keepEnrollmentData": false, "keepUserData": true})
        );
        assert_eq!(odata_literal("O'Neil"), "'O''Neil'");
    }
}
