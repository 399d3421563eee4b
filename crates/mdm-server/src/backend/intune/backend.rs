//! The Intune backend (`intune`): mdm's inventory and device commands through Graph.
//!
//! - Inventory is a copy: [`Intune::sync`] reads every `managedDevice` (paging along
//!   `@odata.nextLink`) and the configured Entra device groups into the gateway's
//!   `devices`, `groups` and `device_groups` tables, a page per short transaction and
//!   the retirements and group members in one at the end, so the API's filters,
//!   previews and digests work as with the simulator. The mdm device id
//!   is the Graph id itself (the model does not require the `dev_` form), so no mapping
//!   table is needed. A device gone from Graph is marked `retired`, not deleted: actions
//!   and audit events keep pointing at its row.
//! - No transaction is open while Graph is read; each only holds local writes. The first page asks `$count`: a list shorter than it (Graph lists are
//!   known to end early without a `nextLink`) writes nothing, so the copy stays whole.
//! - Before an action on more than one device (created, or approved), `confirm_target`
//!   reads Graph again the same way and rewrites the copy; the gateway then re-resolves
//!   the target against it and refuses when the set is not the previewed one.
//! - Commands: lock → `remoteLock`, wipe → `wipe`, retire → `retire`, `push command
//!   sync|restart` → `syncDevice`|`rebootNow`, one device per request (through the
//!   write scheduler), or with `use_beta` many per bulk `executeAction` (see
//!   [`super::bulk`], also for Multi Admin Approval); anything else fails per device
//!   naming Intune. Outcomes come from the device's `deviceActionResults`. A 404 fails
//!   that device alone; a 403 naming a missing permission fails the rest of the
//!   action's devices without more requests.
//! - Policies and apps: [`super::policies`] and [`super::apps`].

use super::devices::{self, MANAGED_DEVICE_SELECT, ManagedDevice};
use super::graph::{BlockingGraph, GraphError, ListQuery, Listed};
use crate::actions::Kind;
use crate::backend::copy;
use crate::backend::{
    Backend, BackendError, BackendResult, Command, DeviceRef, InFlight, Limits, Outcome,
    Submission, TargetCheck,
};
use crate::db::Db;
use crate::sql::{Connection, params};
use mdm_model::domain::CommandStatus;
use mdm_model::escape;
use mdm_model::policy::Policy;
use mdm_model::types::{ActionOptions, Device};
use reqwest::Method;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::Mutex;

/// The Intune backend; one per gateway.
pub struct Intune {
    pub(super) graph: BlockingGraph,
    /// Entra ID device groups (display names) shown as mdm groups.
    groups: Vec<String>,
    /// Actions Graph refused with a 403 naming a missing permission, and that refusal:
    /// the permission is the app's, so every other device of the action would be refused
    /// the same way. Its remaining devices fail with it without a request each (no storm
    /// of 403s against Graph's budget).
    forbidden: Mutex<HashMap<String, String>>,
    /// `use_beta`: devices per bulk `executeAction` (see [`super::bulk`]); `None`: one
    /// request per device.
    pub(super) execute_action_batch: Option<usize>,
    /// Held while a sync runs (the first one, the periodic refresh and the re-read
    /// before a multi-device action share the writer's table of seen ids).
    syncing: std::sync::Mutex<()>,
    /// How the inventory syncs went, for the gateway's health.
    sync_state: std::sync::Mutex<copy::SyncState>,
}

/// Forbidden actions remembered at most (a gateway restart forgets them too: the next
/// device then asks Graph once more).
const FORBIDDEN_KEPT: usize = 1000;

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

/// Why a walk through `managedDevices` is not Intune's whole set, if it is not.
fn list_problem(listed: &Listed) -> Option<String> {
    if !listed.complete {
        return Some("the managedDevices list stopped before its end".into());
    }
    match listed.count {
        Some(count) if listed.items < count => Some(format!(
            "Intune lists {} devices but counts {count} ($count); the list ended early",
            listed.items
        )),
        _ => None,
    }
}

/// The refusal when devices of a target are gone from Intune.
fn gone_from_intune(gone: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut names = gone
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if gone.len() > SHOWN {
        names.push_str(&format!(" and {} more", gone.len() - SHOWN));
    }
    let n = gone.len();
    format!(
        "the target changed in Intune: {n} device{} no longer in Intune ({names})",
        if n == 1 { " is" } else { "s are" }
    )
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

/// A device Graph answers 404 for (deleted from Intune meanwhile).
const NO_LONGER_IN_INTUNE: &str = "the device is no longer in Intune (Graph answered 404)";

fn vendor(e: GraphError) -> BackendError {
    e.into()
}

/// Graph's action for an mdm command, or why Intune cannot carry it out.
pub(super) fn graph_action(kind: Kind, o: &ActionOptions) -> Result<&'static str, String> {
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
pub(super) fn action_body(action: &str, o: &ActionOptions) -> Option<serde_json::Value> {
    match action {
        "wipe" => Some(serde_json::json!({
            "keepEnrollmentData": o.keep_enrollment,
            "keepUserData": o.keep_user_data,
        })),
        _ => None,
    }
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
            forbidden: Mutex::new(HashMap::new()),
            syncing: Mutex::new(()),
            sync_state: Mutex::default(),
            execute_action_batch: None,
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

    /// One request per device (`POST managedDevices/{id}/{action}`); with `code`, the
    /// identical request again after Intune approved it (Multi Admin Approval).
    fn submit_each(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        code: Option<&str>,
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
        let justification = super::bulk::justification(store, cmd.action);
        let mut headers = vec![(super::bulk::JUSTIFICATION_HEADER, justification.as_str())];
        if let Some(c) = code {
            headers.push((super::graph::APPROVAL_CODE_HEADER, c));
        }
        let mut out = Vec::with_capacity(devices.len());
        for d in devices {
            let known = self
                .forbidden
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(cmd.action)
                .cloned();
            if let Some(why) = known {
                out.push(Submission::Failed(why));
                continue;
            }
            let mut u = self.device_url(&d.id)?;
            if let Ok(mut segs) = u.path_segments_mut() {
                segs.push(action);
            }
            let sent = self
                .graph
                .send_json_with_headers(Method::POST, u, body.as_ref(), &headers);
            out.push(match sent {
                Ok(_) => Submission::Accepted,
                // Deleted from Intune after the action was created: this device fails,
                // the others go on.
                Err(GraphError::NotFound { .. }) => Submission::Failed(NO_LONGER_IN_INTUNE.into()),
                Err(GraphError::ApprovalRequired { approval_code }) => {
                    self.approval_answer(&approval_code)
                }
                // Graph did not carry it out (still throttled, unavailable after the
                // scheduler's retries): sent again at a later step. A 504 is not among
                // them: Intune may have taken the request, and it is never sent twice.
                Err(
                    GraphError::Throttled { .. }
                    | GraphError::Unreachable { .. }
                    | GraphError::Status { status: 503, .. },
                ) => Submission::Deferred,
                // No token because Entra ID could not be reached: nothing was sent.
                Err(GraphError::Auth(a)) if a.is_transient() => Submission::Deferred,
                Err(e) => {
                    let why = escape::terminal(&format!("Intune refused {action}: {e}"));
                    if let GraphError::Forbidden { permissions, .. } = &e
                        && !permissions.is_empty()
                    {
                        let mut f = self.forbidden.lock().unwrap_or_else(|p| p.into_inner());
                        if f.len() >= FORBIDDEN_KEPT {
                            f.clear();
                        }
                        f.insert(cmd.action.to_string(), why.clone());
                    }
                    Submission::Failed(why)
                }
            });
        }
        Ok(out)
    }

    /// One pass over Graph's inventory into the store. Each page is upserted in a short
    /// transaction of its own (none is open while Graph is read; the next page is
    /// fetched while this one is written, at most three in memory) and its ids noted in
    /// a temporary table on the writer connection, so memory stays flat whatever the
    /// fleet's size. Only when the list is Intune's whole set (it reached its end, and
    /// it holds as many devices as `$count` says: Graph lists are known to end early
    /// without a `nextLink`) does one short transaction retire the devices not seen,
    /// replace the groups' members and name which of `targets` Graph no longer lists;
    /// otherwise the inner `Err` says why, and nothing was retired or regrouped.
    /// Blocking: call from a blocking thread.
    fn sync_pages(
        &self,
        db: &Db,
        now: i64,
        targets: &[DeviceRef],
    ) -> BackendResult<Result<(SyncReport, Vec<String>), String>> {
        // The seen-table is shared by every sync on this writer: one at a time.
        let _one = self.syncing.lock().unwrap_or_else(|p| p.into_inner());
        db.write_bg(|tx| tx.execute_batch(SQL_SEEN_RESET))
            .map_err(BackendError::Store)?;
        let query = ListQuery {
            count: true,
            ..ListQuery::select(MANAGED_DEVICE_SELECT)
        };
        let first = query.apply(self.devices_url()?);
        let (listed, written) = std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<ManagedDevice>>(1);
            let writer = s.spawn(move || -> crate::sql::Result<(u64, u64)> {
                let (mut written, mut skipped) = (0, 0);
                for page in rx {
                    let (w, k) = db.write_bg(|t| write_page(t, &page, now))?;
                    written += w;
                    skipped += k;
                }
                Ok((written, skipped))
            });
            let listed = self.graph.for_each_page(first, |page: Vec<ManagedDevice>| {
                // A closed channel: the writer stopped on an error (reported below).
                match tx.send(page) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(_) => ControlFlow::Break(()),
                }
            });
            drop(tx);
            // A panic in the writer is the gateway's bug: it goes on unwinding here.
            let written = writer
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (listed, written)
        });
        let (devices, skipped) = written.map_err(BackendError::Store)?;
        let mut listed = listed.map_err(vendor)?;
        if listed.complete && listed.count.is_none() {
            // No `@odata.count` on the list: ask `/$count` itself.
            listed.count = Some(
                self.graph
                    .count(self.devices_url()?, None)
                    .map_err(vendor)?,
            );
        }
        if let Some(why) = list_problem(&listed) {
            return Ok(Err(why));
        }
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for name in &self.groups {
            groups.push((name.clone(), self.group_members(name)?));
        }
        let (retired, gone) = db
            .write_bg(|tx| finish_sync(tx, &groups, targets))
            .map_err(BackendError::Store)?;
        Ok(Ok((
            SyncReport {
                devices,
                skipped,
                retired,
            },
            gone,
        )))
    }

    /// Reads the whole inventory and the configured groups from Graph into the
    /// gateway's tables (see `sync_pages`). A list that cannot be taken as Intune's
    /// whole set retires nothing and keeps the groups: an error saying why.
    /// The outcome shows in [`Backend::health`].
    pub fn sync(&self, db: &crate::db::Db, now: i64) -> BackendResult<SyncReport> {
        copy::SyncState::settle(
            &self.sync_state,
            now,
            self.sync_pages(db, now, &[])
                .map(|w| w.map(|(report, _)| report)),
        )
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

/// The ids (and Entra device ids) the running sync has seen so far, on the writer
/// connection only; emptied when a sync starts.
const SQL_SEEN_RESET: &str = "CREATE TEMP TABLE IF NOT EXISTS intune_sync_seen(
        id TEXT PRIMARY KEY, aad TEXT) WITHOUT ROWID;
     CREATE INDEX IF NOT EXISTS temp.intune_sync_seen_aad ON intune_sync_seen(aad);
     DELETE FROM temp.intune_sync_seen;";

/// One page of the sync, written: (devices written, devices skipped). A device whose
/// serial another device already has (or which has none) gets its Graph id as serial,
/// since the column is unique.
fn write_page(tx: &Connection, page: &[ManagedDevice], now: i64) -> crate::sql::Result<(u64, u64)> {
    let mut seen = tx.prepare_cached(
        "INSERT INTO temp.intune_sync_seen(id, aad) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET aad = excluded.aad",
    )?;
    let (mut written, mut skipped) = (0, 0);
    for md in page {
        let Ok(d) = devices::to_device(md, now) else {
            skipped += 1;
            continue;
        };
        copy::upsert(tx, &d)?;
        seen.execute(params![d.id, md.azure_ad_device_id])?;
        written += 1;
    }
    Ok((written, skipped))
}

/// The end of a complete sync: devices Graph no longer lists are retired (how many is
/// returned, with those of `targets` among them) and the groups' members replaced.
fn finish_sync(
    tx: &Connection,
    groups: &[(String, Vec<String>)],
    targets: &[DeviceRef],
) -> crate::sql::Result<(u64, Vec<String>)> {
    let (retired, gone) = copy::retire_unseen(tx, "intune_sync_seen", targets)?;
    let mut member = tx.prepare_cached(
        "INSERT INTO device_groups(group_id, device_rid)
         SELECT ?1, d.rid FROM temp.intune_sync_seen s JOIN devices d ON d.id = s.id
         WHERE s.aad = ?2 ON CONFLICT DO NOTHING",
    )?;
    for (name, members) in groups {
        let gid = copy::empty_group(tx, name, "Entra ID device group")?;
        for aad in members {
            member.execute(params![gid, aad])?;
        }
    }
    Ok((retired, gone))
}

impl Backend for Intune {
    fn name(&self) -> &'static str {
        "intune"
    }

    fn limits(&self) -> Limits {
        Limits {
            max_batch: self.execute_action_batch.unwrap_or(1),
        }
    }

    fn features(&self) -> &'static crate::backend::features::Features {
        &super::FEATURES
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
            Some(_) => crate::clock::now_unix(),
            None => copy::gateway_started(store)?,
        };
        self.audit_events(cursor, limit, start)
    }

    fn health(&self) -> crate::backend::BackendHealth {
        let st = copy::SyncState::get(&self.sync_state);
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
        let Some(local) = copy::local_device(c, id_or_serial)? else {
            return Ok(None);
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

    /// A fresh read of the whole inventory and the groups (the same as a sync, `$count`
    /// checked against what the list returned). A list that cannot be trusted refuses
    /// and keeps the local copy; otherwise the copy is rewritten (a short transaction of
    /// its own, after Graph was read) and any device of `devices` Graph no longer lists
    /// refuses, named. The caller then re-resolves the target against the fresh copy.
    fn confirm_target(
        &self,
        store: &Db,
        devices: &[DeviceRef],
        now: i64,
    ) -> BackendResult<TargetCheck> {
        let gone = match self.sync_pages(store, now, devices)? {
            Ok((_, gone)) => gone,
            Err(why) => {
                return Ok(TargetCheck::Changed(format!(
                    "{why}; the local copy was kept"
                )));
            }
        };
        let gone: Vec<&str> = gone.iter().map(String::as_str).collect();
        if gone.is_empty() {
            Ok(TargetCheck::Refreshed)
        } else {
            Ok(TargetCheck::Changed(gone_from_intune(&gone)))
        }
    }

    fn submit(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        _now: i64,
    ) -> BackendResult<Vec<Submission>> {
        if cmd.kind == Kind::PushApp {
            return super::apps::submit(&self.graph, store, cmd, devices);
        }
        if self.execute_action_batch.is_some() {
            return self.submit_bulk(store, cmd, devices, None);
        }
        self.submit_each(store, cmd, devices, None)
    }

    fn vendor_approval(
        &self,
        _store: &Db,
        code: &str,
    ) -> BackendResult<crate::backend::VendorApprovalState> {
        self.approval_state(code)
    }

    fn submit_approved(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        code: &str,
        _now: i64,
    ) -> BackendResult<Vec<Submission>> {
        if self.execute_action_batch.is_some() {
            return self.submit_bulk(store, cmd, devices, Some(code));
        }
        self.submit_each(store, cmd, devices, Some(code))
    }

    fn outcomes(
        &self,
        store: &Db,
        cmd: Command<'_>,
        in_flight: &[InFlight],
        _now: i64,
    ) -> BackendResult<Vec<Outcome>> {
        if cmd.kind == Kind::PushApp {
            return super::apps::outcomes(&self.graph, store, cmd, in_flight);
        }
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
                        store.write_bg(|tx| copy::apply_effect(tx, cmd.kind, &[f.device.rid]))?;
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
                Err(GraphError::NotFound { .. }) => Outcome::Failed(NO_LONGER_IN_INTUNE.into()),
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

    fn check_action(
        &self,
        c: &Connection,
        kind: Kind,
        options: &ActionOptions,
        target: &mdm_model::types::Target,
    ) -> Result<(), crate::backend::ActionRefused> {
        super::apps::check(&self.graph, c, kind, options, target)
    }

    fn check_policy(&self, p: &Policy) -> Result<(), crate::backend::Unmappable> {
        super::policies::check(p)
    }

    fn apply_policy(&self, _c: &Connection, p: &Policy) -> BackendResult<()> {
        super::policies::apply(&self.graph, p)
    }

    fn remove_policy(&self, _c: &Connection, name: &str) -> BackendResult<()> {
        super::policies::remove(&self.graph, name)
    }

    fn read_policy(&self, _c: &Connection, name: &str) -> BackendResult<Option<Policy>> {
        super::policies::read(&self.graph, &self.groups, name)
    }

    fn assign_policy(
        &self,
        _c: &Connection,
        name: &str,
        group: &str,
        assigned: bool,
    ) -> BackendResult<()> {
        super::policies::assign(&self.graph, name, group, assigned)
    }

    /// `app_id` is the catalog's; its entry names the Intune app.
    fn assign_app(
        &self,
        c: &Connection,
        app_id: &str,
        group: &str,
        assigned: bool,
    ) -> BackendResult<()> {
        let app = crate::handlers::apps::resolve(c, app_id).map_err(|e| BackendError::Vendor {
            message: e.message,
            retry_after: None,
        })?;
        let id = super::apps::intune_app_id(&app).ok_or_else(|| BackendError::Vendor {
            message: format!("catalog app {app_id} references no Intune app"),
            retry_after: None,
        })?;
        super::apps::assign(&self.graph, id, group, assigned.then_some("required"))
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

    #[test]
    fn a_list_is_trusted_only_when_complete_and_not_shorter_than_its_count() {
        let full = Listed {
            pages: 2,
            items: 12,
            count: Some(12),
            complete: true,
        };
        assert_eq!(list_problem(&full), None);
        // More than counted ($count is eventually consistent): every listed device is real.
        assert_eq!(list_problem(&Listed { items: 13, ..full }), None);
        let short = list_problem(&Listed { items: 9, ..full }).unwrap();
        assert!(
            short.starts_with("Intune lists 9 devices but counts 12"),
            "{short}"
        );
        let stopped = list_problem(&Listed {
            complete: false,
            ..full
        })
        .unwrap();
        assert!(stopped.contains("stopped before its end"), "{stopped}");
    }

    #[test]
    fn devices_gone_from_intune_are_named_and_a_long_list_is_cut() {
        assert_eq!(
            gone_from_intune(&["d1"]),
            "the target changed in Intune: 1 device is no longer in Intune (d1)"
        );
        let many = ["a", "b", "c", "d", "e", "f", "g"];
        let m = gone_from_intune(&many);
        assert!(m.contains("7 devices are no longer"), "{m}");
        assert!(m.ends_with("(a, b, c, d, e and 2 more)"), "{m}");
    }

    fn md(id: &str, serial: &str, aad: &str) -> ManagedDevice {
        serde_json::from_value(serde_json::json!({
            "id": id, "operatingSystem": "iOS", "serialNumber": serial,
            "azureADDeviceId": aad, "deviceName": id,
        }))
        .unwrap()
    }

    fn status(db: &Db, id: &str) -> String {
        db.read(|c| {
            c.query_row("SELECT status FROM devices WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
        })
        .unwrap()
    }

    /// Page by page: a sync that stops before its end retires nothing; a complete one
    /// retires what it did not see, sets the groups from what it saw, and keeps serials
    /// unique across pages.
    #[test]
    fn a_sync_written_page_by_page_retires_only_when_complete() {
        let dir = std::env::temp_dir().join(format!(
            "mdm-intune-sync-test-{}-{}",
            std::process::id(),
            crate::ids::random_hex(4)
        ));
        let db = Db::open(&dir).unwrap();
        let sync = |pages: &[Vec<ManagedDevice>], complete: bool| -> u64 {
            db.write(|tx| tx.execute_batch(SQL_SEEN_RESET)).unwrap();
            for p in pages {
                db.write(|tx| write_page(tx, p, 0)).unwrap();
            }
            if !complete {
                return 0;
            }
            let groups = vec![("pilot".to_string(), vec!["aad-b".to_string()])];
            db.write(|tx| finish_sync(tx, &groups, &[])).unwrap().0
        };
        let (a, b, c) = (
            md("a", "S1", "aad-a"),
            md("b", "S2", "aad-b"),
            md("c", "S1", "aad-c"),
        );
        assert_eq!(
            sync(&[vec![a.clone()], vec![b.clone(), c.clone()]], true),
            0
        );
        let serial_of_c: String = db
            .read(|x| {
                x.query_row("SELECT serial FROM devices WHERE id = 'c'", [], |r| {
                    r.get(0)
                })
            })
            .unwrap();
        assert_eq!(
            serial_of_c, "c",
            "a serial another device holds gives way to the id"
        );
        let members: Vec<String> = db
            .read(|x| {
                x.prepare(
                    "SELECT d.id FROM device_groups m JOIN devices d ON d.rid = m.device_rid
                     JOIN groups g ON g.id = m.group_id WHERE g.name = 'pilot'",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<crate::sql::Result<_>>()
            })
            .unwrap();
        assert_eq!(members, vec!["b".to_string()]);
        // b is gone from Graph, but this sync stops after its first page.
        sync(&[vec![a.clone()]], false);
        assert_ne!(status(&db, "b"), "retired");
        assert_ne!(status(&db, "c"), "retired");
        // The next complete sync retires b only, whatever the failed one saw.
        assert_eq!(sync(&[vec![c.clone()], vec![a.clone()]], true), 1);
        assert_eq!(status(&db, "b"), "retired");
        assert_ne!(status(&db, "a"), "retired");
        drop(db);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
