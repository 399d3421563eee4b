//! The Jamf Pro backend (`jamf`): mdm's inventory and device commands through the Jamf
//! Pro API with an API client's credentials, which live only in the gateway.
//!
//! - Inventory is a copy, as for Intune and Fleet: [`Jamf::sync`] pages through
//!   `GET /v3/computers-inventory` (the sections mdm shows, `sort=id:asc`) and
//!   `GET /v2/mobile-devices` (each device's detail read for its OS, owner and groups,
//!   several at once within the connection limit), 0-based `page`/`page-size`; a walk
//!   that lists a different number of devices than Jamf's `totalCount` retires and
//!   regroups nothing. Jamf's computer and mobile device groups (static and smart) are
//!   mdm's groups, by name. A device gone from Jamf is marked `retired`, not deleted.
//! - Before an action on more than one device, `confirm_target` reads Jamf again the
//!   same way, and the gateway compares the target resolved again with the previewed set.
//! - Commands, one device per request, up to `max_connections` at once: lock →
//!   `DEVICE_LOCK` through `POST /v2/mdm/commands` (a Mac gets a random 6-digit PIN,
//!   kept until the requester reads it once: `POST /v1/actions/{id}/pins`), wipe → the
//!   computer and mobile erase endpoints (a Mac again with a PIN), retire → `remove-mdm-profile` (computers) or `unmanage` (mobile
//!   devices), `push command restart|shutdown|sync` → `RESTART_DEVICE`,
//!   `SHUT_DOWN_DEVICE`, `DEVICE_INFORMATION`. Each answer's command uuid is recorded;
//!   outcomes are read from the MDM command history by uuid (RSQL `uuid=in=(…)`), a
//!   retire from the device's managed flag.
//! - `push app` is an App Installers deployment ([`apps`](super::apps)).
//! - Jamf has no tenant-wide audit log: `vendor_audit` reads the MDM command history
//!   (`dateSent=ge=…`) and reports every command whose uuid the gateway did not record
//!   as sent around it.
//! - What Jamf cannot do through its API as asked is refused at preview, naming Jamf.

use super::client::{JamfClient, JamfError};
use super::inventory::{self, Computer, Inventory, Mobile, MobileDetail};
use crate::actions::Kind;
use crate::backend::copy;
use crate::backend::features::{self, Feature};
use crate::backend::{
    ActionRefused, Backend, BackendHealth, BackendResult, Capability, Command, DeviceRef, InFlight,
    InventoryPage, Limits, Outcome, Submission, TargetCheck, VendorAudit, VendorEvent,
    VendorResource,
};
use crate::db::Db;
use crate::sql::{Connection, OptionalExtension, params};
use mdm_model::escape;
use mdm_model::types::{ActionOptions, Device, Target};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Mutex;

const PRIV_READ_COMPUTERS: &str = "the privilege \"Read Computers\"";
const PRIV_READ_MOBILE: &str = "the privilege \"Read Mobile Devices\"";
pub(super) const PRIV_READ_GROUPS: &str =
    "the privileges \"Read Smart Computer Groups\" and \"Read Static Computer Groups\"";
const PRIV_COMMANDS: &str = "the privilege \"View MDM command information in Jamf Pro API\"";
const PRIV_LOCK_COMPUTER: &str = "the privileges \"View MDM command information in Jamf Pro API\" and \"Send Computer Remote Lock Command\"";
const PRIV_LOCK_MOBILE: &str = "the privileges \"View MDM command information in Jamf Pro API\" and \"Send Mobile Device Remote Lock Command\"";
const PRIV_WIPE_COMPUTER: &str = "the privilege \"Send Computer Remote Wipe Command\"";
const PRIV_WIPE_MOBILE: &str = "the privilege \"Send Mobile Device Remote Wipe Command\"";
const PRIV_UNMANAGE_COMPUTER: &str = "the privilege \"Send Computer Unmanage Command\"";
const PRIV_UNMANAGE_MOBILE: &str = "the privilege \"Unmanage Mobile Devices\"";

/// Devices per `submit` (few store transactions per device): sent up to
/// `max_connections` at once.
const BATCH: usize = 200;
/// Command uuids per history read (Jamf's own limit on uuid lists is 40).
const UUIDS_PER_READ: usize = 40;

const NO_LONGER_IN_JAMF: &str = "the device is no longer in Jamf Pro (Jamf answered 404)";

/// The Jamf Pro backend; one per gateway.
pub struct Jamf {
    client: JamfClient,
    page_size: u32,
    /// Held while a sync runs (they share the writer's table of seen ids).
    syncing: Mutex<()>,
    sync_state: Mutex<copy::SyncState>,
}

/// What one inventory sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub computers: u64,
    pub mobile_devices: u64,
    /// Devices mdm cannot show (Apple TV, Watch, Vision Pro).
    pub skipped: u64,
    pub retired: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Results<T> {
    total_count: u64,
    results: Vec<T>,
}

#[derive(Deserialize)]
struct Group {
    name: String,
}

/// One command of Jamf's MDM command history.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct HistoryCommand {
    uuid: String,
    command_state: String,
    command_type: String,
    date_sent: String,
    client: Option<HistoryClient>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct HistoryClient {
    management_id: String,
}

/// The ids the running sync has seen and their groups, on the writer connection only.
const SQL_SEEN_RESET: &str = "CREATE TEMP TABLE IF NOT EXISTS jamf_sync_seen(
        id TEXT PRIMARY KEY) WITHOUT ROWID;
     CREATE TEMP TABLE IF NOT EXISTS jamf_sync_member(
        grp TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (grp, id)) WITHOUT ROWID;
     DELETE FROM temp.jamf_sync_seen;
     DELETE FROM temp.jamf_sync_member;";

const COMPUTER_SECTIONS: [&str; 5] = [
    "GENERAL",
    "HARDWARE",
    "OPERATING_SYSTEM",
    "USER_AND_LOCATION",
    "GROUP_MEMBERSHIPS",
];

/// A random 6-digit PIN for a Mac's lock or erase.
fn new_pin() -> String {
    use rand::Rng;
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

/// What the gateway sends one device, worked out before any request.
struct Prepared {
    device_id: String,
    path: String,
    body: Option<Value>,
    privilege: &'static str,
    command: &'static str,
    pin: Option<String>,
}

impl Jamf {
    pub fn new(client: JamfClient, page_size: u32) -> Jamf {
        Jamf {
            client,
            page_size: page_size.clamp(1, 2000),
            syncing: Mutex::new(()),
            sync_state: Mutex::default(),
        }
    }

    pub fn client(&self) -> &JamfClient {
        &self.client
    }

    /// One walk over Jamf's inventories into the store (see the module doc); the inner
    /// `Err` says why the walk cannot be taken as Jamf's whole set.
    fn sync_pages(
        &self,
        db: &Db,
        targets: &[DeviceRef],
        now: i64,
    ) -> BackendResult<Result<(SyncReport, Vec<String>), String>> {
        let _one = self.syncing.lock().unwrap_or_else(|p| p.into_inner());
        db.write_bg(|tx| tx.execute_batch(SQL_SEEN_RESET))?;
        let mut report = SyncReport::default();
        let size = self.page_size.to_string();
        // Computers.
        let mut expected = None;
        let mut listed = 0u64;
        for page in 0u64.. {
            let mut q: Vec<(&str, String)> = vec![
                ("page", page.to_string()),
                ("page-size", size.clone()),
                ("sort", "id:asc".into()),
            ];
            q.extend(COMPUTER_SECTIONS.iter().map(|s| ("section", s.to_string())));
            let r: Results<Computer> =
                self.client
                    .get("v3/computers-inventory", &q, PRIV_READ_COMPUTERS)?;
            let total = *expected.get_or_insert(r.total_count);
            if r.total_count != total {
                return Ok(Err(format!(
                    "Jamf's computer count changed during the sync ({total}, then {})",
                    r.total_count
                )));
            }
            if r.results.is_empty() {
                break;
            }
            listed += r.results.len() as u64;
            let rows: Vec<(Device, String)> = r
                .results
                .iter()
                .map(|c| inventory::computer(c, now))
                .collect();
            report.computers += db.write_bg(|tx| write_page(tx, &rows))?;
            if listed >= total {
                break;
            }
        }
        let expected = expected.unwrap_or(0);
        if listed != expected {
            return Ok(Err(format!(
                "Jamf lists {listed} computers but counts {expected}; the list ended early"
            )));
        }
        // Mobile devices: the list, then each one's detail, several at once.
        let mut expected = None;
        let mut listed = 0u64;
        for page in 0u64.. {
            let q = [
                ("page", page.to_string()),
                ("page-size", size.clone()),
                ("sort", "id:asc".to_string()),
            ];
            let r: Results<Mobile> = self.client.get("v2/mobile-devices", &q, PRIV_READ_MOBILE)?;
            let total = *expected.get_or_insert(r.total_count);
            if r.total_count != total {
                return Ok(Err(format!(
                    "Jamf's mobile device count changed during the sync ({total}, then {})",
                    r.total_count
                )));
            }
            if r.results.is_empty() {
                break;
            }
            listed += r.results.len() as u64;
            let details = self.mobile_details(&r.results)?;
            let mut rows = Vec::with_capacity(details.len());
            for d in details.iter().flatten() {
                match inventory::mobile(d, now) {
                    Ok(row) => rows.push(row),
                    Err(_) => report.skipped += 1,
                }
            }
            // A device deleted between the list and its detail is left for the next walk.
            report.mobile_devices += db.write_bg(|tx| write_page(tx, &rows))?;
            if listed >= total {
                break;
            }
        }
        let expected = expected.unwrap_or(0);
        if listed != expected {
            return Ok(Err(format!(
                "Jamf lists {listed} mobile devices but counts {expected}; the list ended early"
            )));
        }
        let groups: Vec<Group> = self
            .client
            .get("v1/computer-groups", &[], PRIV_READ_GROUPS)?;
        let names: Vec<String> = groups.into_iter().map(|g| g.name).collect();
        let (retired, gone) = db.write_bg(|tx| finish_sync(tx, &names, targets))?;
        report.retired = retired;
        Ok(Ok((report, gone)))
    }

    /// The details of a page of mobile devices (`None` for one Jamf no longer has).
    fn mobile_details(&self, page: &[Mobile]) -> Result<Vec<Option<MobileDetail>>, JamfError> {
        let c = &self.client;
        let reads = page.iter().map(|m| async move {
            match c
                .get_async::<MobileDetail>(
                    &format!("v2/mobile-devices/{}/detail", m.id),
                    &[],
                    PRIV_READ_MOBILE,
                )
                .await
            {
                Ok(d) => Ok(Some(d)),
                Err(JamfError::NotFound { .. }) => Ok(None),
                Err(e) => Err(e),
            }
        });
        crate::backend::block_on(c.handle(), futures_util::future::join_all(reads))
            .into_iter()
            .collect()
    }

    /// Reads the whole inventory and the groups from Jamf into the gateway's tables. A
    /// walk that cannot be taken as Jamf's whole set retires nothing and keeps the
    /// groups: an error saying why. The outcome shows in [`Backend::health`].
    pub fn sync(&self, db: &Db, now: i64) -> BackendResult<SyncReport> {
        copy::SyncState::settle(
            &self.sync_state,
            now,
            self.sync_pages(db, &[], now)
                .map(|w| w.map(|(report, _)| report)),
        )
    }

    /// What to send `d` for `cmd`; `Err` is the device's failure, nothing sent.
    fn prepare(&self, c: &Connection, cmd: Command<'_>, d: &DeviceRef) -> Result<Prepared, String> {
        let Some((inv, id)) = inventory::jamf_id(&d.id) else {
            return Err(format!(
                "{} is not a Jamf device id",
                escape::terminal(&d.id)
            ));
        };
        let mid: Option<String> = c
            .query_row(
                "SELECT management_id FROM jamf_devices WHERE id = ?1",
                [&d.id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| e.to_string())?;
        let computer = inv == Inventory::Computer;
        let command_request = |kind: &'static str, extra: Value| -> Result<Prepared, String> {
            let Some(mid) = mid.clone().filter(|m| !m.is_empty()) else {
                return Err("Jamf gave no management id for the device (is it managed?)".into());
            };
            let mut data = json!({"commandType": kind});
            if let (Some(o), Value::Object(more)) = (data.as_object_mut(), extra) {
                o.extend(more);
            }
            let pin = data["pin"].as_str().map(String::from);
            Ok(Prepared {
                device_id: d.id.clone(),
                path: "v2/mdm/commands".into(),
                body: Some(json!({"clientData": [{"managementId": mid}], "commandData": data})),
                privilege: match (kind, computer) {
                    ("DEVICE_LOCK", true) => PRIV_LOCK_COMPUTER,
                    ("DEVICE_LOCK", false) => PRIV_LOCK_MOBILE,
                    _ => PRIV_COMMANDS,
                },
                command: kind,
                pin,
            })
        };
        let o = cmd.options;
        match cmd.kind {
            Kind::Lock => {
                let mut extra = serde_json::Map::new();
                if let Some(m) = &o.message {
                    extra.insert("message".into(), json!(m));
                }
                if let Some(p) = &o.callback_number {
                    extra.insert("phoneNumber".into(), json!(p));
                }
                if computer {
                    extra.insert("pin".into(), json!(new_pin()));
                }
                command_request("DEVICE_LOCK", Value::Object(extra))
            }
            Kind::PushCommand => match o.command.as_deref() {
                Some("restart") => command_request("RESTART_DEVICE", json!({})),
                Some("shutdown") => command_request("SHUT_DOWN_DEVICE", json!({})),
                Some("sync") => command_request("DEVICE_INFORMATION", json!({})),
                other => Err(unsupported_action(cmd.kind, other)),
            },
            Kind::Wipe if computer => {
                let pin = new_pin();
                Ok(Prepared {
                    device_id: d.id.clone(),
                    path: format!("v1/computer-inventory/{id}/erase"),
                    body: Some(json!({"pin": pin})),
                    privilege: PRIV_WIPE_COMPUTER,
                    command: "ERASE_DEVICE",
                    pin: Some(pin),
                })
            }
            Kind::Wipe => Ok(Prepared {
                device_id: d.id.clone(),
                path: format!("v2/mobile-devices/{id}/erase"),
                body: Some(json!({})),
                privilege: PRIV_WIPE_MOBILE,
                command: "ERASE_DEVICE",
                pin: None,
            }),
            Kind::Retire => Ok(Prepared {
                device_id: d.id.clone(),
                path: if computer {
                    format!("v1/computer-inventory/{id}/remove-mdm-profile")
                } else {
                    format!("v2/mobile-devices/{id}/unmanage")
                },
                body: None,
                privilege: if computer {
                    PRIV_UNMANAGE_COMPUTER
                } else {
                    PRIV_UNMANAGE_MOBILE
                },
                command: "UNMANAGE",
                pin: None,
            }),
            _ => Err(unsupported_action(cmd.kind, o.command.as_deref())),
        }
    }

    /// Jamf's history entries for these uuids, by uuid.
    fn history_by_uuid(
        &self,
        uuids: &[String],
    ) -> Result<std::collections::HashMap<String, HistoryCommand>, JamfError> {
        let mut out = std::collections::HashMap::new();
        for chunk in uuids.chunks(UUIDS_PER_READ) {
            let q = [
                ("filter", format!("uuid=in=({})", chunk.join(","))),
                ("page-size", UUIDS_PER_READ.to_string()),
            ];
            let r: Results<HistoryCommand> =
                self.client.get("v2/mdm/commands", &q, PRIV_COMMANDS)?;
            for c in r.results {
                out.insert(c.uuid.clone(), c);
            }
        }
        Ok(out)
    }

    /// Whether the device is still managed by Jamf (`None`: Jamf no longer has it).
    fn managed(&self, device_id: &str) -> Result<Option<bool>, JamfError> {
        let Some((inv, id)) = inventory::jamf_id(device_id) else {
            return Ok(None);
        };
        let r = match inv {
            Inventory::Computer => self
                .client
                .get::<Computer>(
                    &format!("v3/computers-inventory/{id}"),
                    &[],
                    PRIV_READ_COMPUTERS,
                )
                .map(|c| {
                    c.general
                        .and_then(|g| g.remote_management)
                        .and_then(|m| m.managed)
                        .unwrap_or(true)
                }),
            Inventory::Mobile => self
                .client
                .get::<MobileDetail>(
                    &format!("v2/mobile-devices/{id}/detail"),
                    &[],
                    PRIV_READ_MOBILE,
                )
                .map(|m| m.managed.unwrap_or(true)),
        };
        match r {
            Ok(m) => Ok(Some(m)),
            Err(JamfError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A recovered command with no recorded uuid: Jamf's history of this device since
    /// the claim says whether the request reached Jamf.
    fn recovered_lookup(
        &self,
        store: &Db,
        cmd: Command<'_>,
        f: &InFlight,
    ) -> BackendResult<Option<HistoryCommand>> {
        let Some(kind) = history_type(cmd) else {
            return Ok(None);
        };
        let mid: Option<String> = store.read(|c| {
            c.query_row(
                "SELECT management_id FROM jamf_devices WHERE id = ?1",
                [&f.device.id],
                |r| r.get(0),
            )
            .optional()
        })?;
        let Some(mid) = mid else {
            return Ok(None);
        };
        let since = mdm_model::time::unix_to_rfc3339(f.sent_at - 60);
        let q = [
            (
                "filter",
                format!("clientManagementId=={mid};command=={kind};dateSent=ge={since}"),
            ),
            ("page-size", "10".to_string()),
        ];
        let r: Results<HistoryCommand> = self.client.get("v2/mdm/commands", &q, PRIV_COMMANDS)?;
        Ok(r.results.into_iter().next())
    }
}

/// The command type Jamf's history shows for `cmd` (`None`: it shows none, a retire).
fn history_type(cmd: Command<'_>) -> Option<&'static str> {
    match cmd.kind {
        Kind::Lock => Some("DEVICE_LOCK"),
        Kind::Wipe => Some("ERASE_DEVICE"),
        Kind::PushCommand => match cmd.options.command.as_deref() {
            Some("restart") => Some("RESTART_DEVICE"),
            Some("shutdown") => Some("SHUT_DOWN_DEVICE"),
            Some("sync") => Some("DEVICE_INFORMATION"),
            _ => None,
        },
        _ => None,
    }
}

/// Why Jamf cannot carry out `kind` as asked, in words that name Jamf.
fn unsupported_action(kind: Kind, command: Option<&str>) -> String {
    match kind {
        Kind::PushCommand => format!(
            "Jamf Pro's API takes no {} command from mdm (only restart, shutdown and sync)",
            command.unwrap_or("such")
        ),
        Kind::Unlock => "Jamf Pro has no remote unlock".into(),
        Kind::PushProfile => "Jamf Pro scopes configuration profiles in Jamf itself".into(),
        _ => format!("Jamf Pro cannot carry out {}", kind.as_str()),
    }
}

/// One page, written: devices written. A device whose serial another device has (or
/// which has none) gets its mdm id as serial (the column is unique).
fn write_page(tx: &Connection, rows: &[(Device, String)]) -> crate::sql::Result<u64> {
    let mut seen = tx
        .prepare_cached("INSERT INTO temp.jamf_sync_seen(id) VALUES (?1) ON CONFLICT DO NOTHING")?;
    let mut member = tx.prepare_cached(
        "INSERT INTO temp.jamf_sync_member(grp, id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?;
    let mut mid = tx.prepare_cached(
        "INSERT INTO jamf_devices(id, management_id) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET management_id = excluded.management_id",
    )?;
    let mut n = 0;
    for (d, management_id) in rows {
        copy::upsert(tx, d)?;
        seen.execute([&d.id])?;
        mid.execute(params![d.id, management_id])?;
        for g in &d.groups {
            member.execute(params![g, d.id])?;
        }
        n += 1;
    }
    Ok(n)
}

/// The end of a complete walk: devices Jamf no longer lists are retired (how many, with
/// those of `targets` among them), and each group's members replaced.
fn finish_sync(
    tx: &Connection,
    computer_groups: &[String],
    targets: &[DeviceRef],
) -> crate::sql::Result<(u64, Vec<String>)> {
    let (retired, gone) = copy::retire_unseen(tx, "jamf_sync_seen", targets)?;
    let mut names: Vec<String> = computer_groups.to_vec();
    {
        let mut q = tx.prepare("SELECT DISTINCT grp FROM temp.jamf_sync_member")?;
        for g in q.query_map([], |r| r.get::<_, String>(0))? {
            names.push(g?);
        }
    }
    names.sort();
    names.dedup();
    for name in &names {
        let gid = copy::empty_group(tx, name, "Jamf Pro group")?;
        tx.execute(
            "INSERT INTO device_groups(group_id, device_rid)
             SELECT ?1, d.rid FROM temp.jamf_sync_member m JOIN devices d ON d.id = m.id
             WHERE m.grp = ?2 ON CONFLICT DO NOTHING",
            params![gid, name],
        )?;
    }
    Ok((retired, gone))
}

/// The refusal of the target changing in Jamf.
fn gone_from_jamf(gone: &[String]) -> String {
    copy::target_changed("Jamf Pro", "Jamf", "device", gone)
}

/// What Jamf's history state of a command means for mdm.
fn outcome_of(c: &HistoryCommand) -> Outcome {
    match c.command_state.as_str() {
        "ACKNOWLEDGED" => Outcome::Acknowledged,
        "PENDING" | "NOT_NOW" => Outcome::Waiting,
        s => Outcome::Failed(format!(
            "Jamf Pro reports the {} command {}",
            escape::terminal(&c.command_type),
            if s == "COMMAND_FORMAT_ERROR" {
                "malformed".to_string()
            } else {
                format!("failed ({})", escape::terminal(s))
            }
        )),
    }
}

/// The history cursor: the `dateSent` read up to and the uuids already seen at it.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Cursor {
    t: String,
    seen: Vec<String>,
}

impl Backend for Jamf {
    fn name(&self) -> &'static str {
        "jamf"
    }

    fn features(&self) -> &'static features::Features {
        &super::FEATURES
    }

    fn limits(&self) -> Limits {
        Limits { max_batch: BATCH }
    }

    fn health(&self) -> BackendHealth {
        copy::health(&self.sync_state, self.client.last_result(), |e| match e {
            JamfError::Unauthorized { .. } => "invalid_client",
            _ => "unreachable",
        })
    }

    /// The local copy (the sync keeps it current), in the simulator's cursor form.
    fn inventory_page(
        &self,
        c: &Connection,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<InventoryPage> {
        crate::backend::sim::Simulator::new(0.0).inventory_page(c, cursor, limit)
    }

    /// Re-reads the device from Jamf (found locally by id or serial); its groups come
    /// from the last sync.
    fn device(&self, c: &Connection, id_or_serial: &str) -> BackendResult<Option<Device>> {
        let Some(local) = copy::local_device(c, id_or_serial)? else {
            return Ok(None);
        };
        let Some((inv, id)) = inventory::jamf_id(&local.id) else {
            return Ok(Some(local));
        };
        let now = crate::clock::now_unix();
        let read = match inv {
            Inventory::Computer => {
                let q: Vec<(&str, String)> = COMPUTER_SECTIONS
                    .iter()
                    .map(|s| ("section", s.to_string()))
                    .collect();
                self.client
                    .get::<Computer>(
                        &format!("v3/computers-inventory/{id}"),
                        &q,
                        PRIV_READ_COMPUTERS,
                    )
                    .map(|c| Some(inventory::computer(&c, now).0))
            }
            Inventory::Mobile => self
                .client
                .get::<MobileDetail>(
                    &format!("v2/mobile-devices/{id}/detail"),
                    &[],
                    PRIV_READ_MOBILE,
                )
                .map(|m| inventory::mobile(&m, now).ok().map(|(d, _)| d)),
        };
        match read {
            Ok(Some(mut d)) => {
                d.groups = local.groups;
                if local.status == mdm_model::domain::DeviceStatus::Wiped {
                    d.status = local.status;
                }
                d.locked = local.locked;
                Ok(Some(d))
            }
            Ok(None) => Ok(Some(local)),
            Err(JamfError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn confirm_target(
        &self,
        store: &Db,
        devices: &[DeviceRef],
        now: i64,
    ) -> BackendResult<TargetCheck> {
        match self.sync_pages(store, devices, now)? {
            Err(why) => Ok(TargetCheck::Changed(format!(
                "{why}; the local copy was kept"
            ))),
            Ok((_, gone)) if gone.is_empty() => Ok(TargetCheck::Refreshed),
            Ok((_, gone)) => Ok(TargetCheck::Changed(gone_from_jamf(&gone))),
        }
    }

    /// Up to `max_connections` requests at once; each answer's command uuid recorded.
    fn submit(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        now: i64,
    ) -> BackendResult<Vec<Submission>> {
        if cmd.kind == Kind::PushApp {
            return super::apps::submit(self, store, cmd, devices);
        }
        let prepared: Vec<Result<Prepared, String>> = store.read(|c| {
            Ok::<_, crate::sql::Error>(devices.iter().map(|d| self.prepare(c, cmd, d)).collect())
        })?;
        let client = &self.client;
        let sends = prepared.iter().map(|p| async move {
            match p {
                Err(why) => Err(Ok(Submission::Failed(why.clone()))),
                Ok(p) => client
                    .post_async(&p.path, p.body.as_ref(), p.privilege)
                    .await
                    .map_err(Err),
            }
        });
        let answers =
            crate::backend::block_on(client.handle(), futures_util::future::join_all(sends));
        let mut out = Vec::with_capacity(devices.len());
        let mut sent = Vec::new();
        let mut refused = None;
        for (p, a) in prepared.iter().zip(answers) {
            let s = match a {
                Err(Ok(s)) => s,
                Ok(v) => {
                    let p = p.as_ref().expect("sent only when prepared");
                    let uuid = v["commandUuid"]
                        .as_str()
                        .or_else(|| v[0]["id"].as_str())
                        .map(String::from);
                    match uuid {
                        Some(u) => {
                            sent.push((p.device_id.clone(), u, p.command, p.pin.clone()));
                            Submission::Accepted
                        }
                        None => Submission::Failed(
                            "Jamf Pro queued the command but answered no command uuid".into(),
                        ),
                    }
                }
                Err(Err(JamfError::NotFound { .. })) => {
                    Submission::Failed(NO_LONGER_IN_JAMF.into())
                }
                // Not carried out: sent again at a later step.
                Err(Err(e)) if e.is_transient() => Submission::Deferred,
                Err(Err(e @ JamfError::Unauthorized { .. })) => {
                    refused = Some(e);
                    Submission::Deferred
                }
                Err(Err(e)) => Submission::Failed(escape::terminal(&e.to_string())),
            };
            out.push(s);
        }
        store.write_bg(|tx| {
            let mut ins = tx.prepare_cached(
                "INSERT INTO jamf_commands(action_id, device_id, uuid, command, sent_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(action_id, device_id) DO UPDATE SET uuid = excluded.uuid,
                     command = excluded.command, sent_at = excluded.sent_at",
            )?;
            let mut pins = Vec::new();
            for (device, uuid, command, pin) in &sent {
                ins.execute(params![cmd.action, device, uuid, command, now])?;
                if let Some(p) = pin {
                    pins.push((device.clone(), p.clone()));
                }
            }
            copy::record_pins(tx, cmd.action, &pins, now)
        })?;
        // A refused credential: every device would fail the same. What Jamf did take is
        // recorded above; nothing of the batch is failed for it.
        if let Some(e) = refused
            && sent.is_empty()
        {
            return Err(e.into());
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
        if cmd.kind == Kind::PushApp {
            return super::apps::outcomes(self, store, cmd, in_flight);
        }
        let recorded: Vec<Option<String>> = store.read(|c| {
            let mut q = c.prepare_cached(
                "SELECT uuid FROM jamf_commands WHERE action_id = ?1 AND device_id = ?2",
            )?;
            in_flight
                .iter()
                .map(|f| {
                    q.query_row(params![cmd.action, f.device.id], |r| r.get(0))
                        .optional()
                })
                .collect::<crate::sql::Result<Vec<_>>>()
        })?;
        let mut out = Vec::with_capacity(in_flight.len());
        if cmd.kind == Kind::Retire {
            for (f, uuid) in in_flight.iter().zip(&recorded) {
                let o = match self.managed(&f.device.id) {
                    Ok(None) | Ok(Some(false)) if uuid.is_some() || !f.recovered => {
                        Outcome::Acknowledged
                    }
                    Ok(Some(true)) if uuid.is_some() => Outcome::Waiting,
                    Ok(_) => Outcome::Failed(crate::backend::DELIVERY_UNKNOWN.into()),
                    Err(e) if e.is_transient() => Outcome::Waiting,
                    Err(e) => return Err(e.into()),
                };
                if o == Outcome::Acknowledged {
                    store.write_bg(|tx| copy::apply_effect(tx, cmd.kind, &[f.device.rid]))?;
                }
                out.push(o);
            }
            return Ok(out);
        }
        let uuids: Vec<String> = recorded.iter().flatten().cloned().collect();
        let history = match self.history_by_uuid(&uuids) {
            Ok(h) => h,
            Err(e) if e.is_transient() => {
                return Ok(vec![Outcome::Waiting; in_flight.len()]);
            }
            Err(e) => return Err(e.into()),
        };
        for (f, uuid) in in_flight.iter().zip(&recorded) {
            let o = match uuid {
                Some(u) => match history.get(u) {
                    Some(c) => outcome_of(c),
                    None => Outcome::Failed(format!(
                        "Jamf Pro's command history has no command {}",
                        escape::terminal(u)
                    )),
                },
                None if f.recovered => match self.recovered_lookup(store, cmd, f) {
                    Ok(Some(c)) => {
                        let o = outcome_of(&c);
                        store.write_bg(|tx| {
                            tx.execute(
                                "INSERT INTO jamf_commands(action_id, device_id, uuid, command, sent_at)
                                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
                                params![cmd.action, f.device.id, c.uuid, c.command_type, f.sent_at],
                            )
                        })?;
                        o
                    }
                    Ok(None) => Outcome::Failed(crate::backend::NOT_DELIVERED.into()),
                    Err(_) => Outcome::Failed(crate::backend::DELIVERY_UNKNOWN.into()),
                },
                None => Outcome::Failed("no Jamf command was recorded for the device".into()),
            };
            if o == Outcome::Acknowledged {
                store.write_bg(|tx| copy::apply_effect(tx, cmd.kind, &[f.device.rid]))?;
            }
            out.push(o);
        }
        Ok(out)
    }

    /// The MDM command history since the cursor (from the gateway's first start without
    /// one): commands the gateway did not send are changes made around it.
    fn vendor_audit(
        &self,
        store: &Db,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<VendorAudit> {
        let mut cur: Cursor = match cursor.map(serde_json::from_str) {
            Some(Ok(c)) => c,
            _ => Cursor {
                t: mdm_model::time::unix_to_rfc3339(copy::gateway_started(store)?),
                seen: Vec::new(),
            },
        };
        // Pages from the cursor's time on, past the commands already seen at that time
        // (a fan-out puts many commands in one second), until `limit` new ones.
        let limit = limit.clamp(1, 2000) as usize;
        let mut fresh: Vec<HistoryCommand> = Vec::new();
        for page in 0u32.. {
            let q = [
                ("filter", format!("dateSent=ge={}", cur.t)),
                ("sort", "dateSent:asc,uuid:asc".to_string()),
                ("page", page.to_string()),
                ("page-size", "500".to_string()),
            ];
            let r: Results<HistoryCommand> =
                self.client.get("v2/mdm/commands", &q, PRIV_COMMANDS)?;
            let n = r.results.len();
            fresh.extend(
                r.results
                    .into_iter()
                    .filter(|c| !(c.date_sent == cur.t && cur.seen.contains(&c.uuid))),
            );
            if n < 500 || fresh.len() >= limit {
                break;
            }
        }
        fresh.truncate(limit);
        let mut events = Vec::with_capacity(fresh.len());
        store.read(|c| {
            let mut ours = c.prepare_cached("SELECT 1 FROM jamf_commands WHERE uuid = ?1")?;
            let mut dev = c.prepare_cached(
                "SELECT d.id, d.name FROM jamf_devices j JOIN devices d ON d.id = j.id
                 WHERE j.management_id = ?1",
            )?;
            for h in &fresh {
                let mid = h
                    .client
                    .as_ref()
                    .map(|c| c.management_id.clone())
                    .unwrap_or_default();
                let (id, name): (String, String) = dev
                    .query_row([&mid], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .unwrap_or_else(|| (mid.clone(), String::new()));
                events.push(VendorEvent {
                    id: h.uuid.clone(),
                    at: copy::unix(&h.date_sent),
                    actor: "unknown (Jamf Pro's command history does not name the sender)".into(),
                    actor_app_id: None,
                    by_gateway: ours.exists([&h.uuid])?,
                    activity: h.command_type.clone(),
                    activity_type: "mdm_command".into(),
                    result: h.command_state.clone(),
                    resources: vec![VendorResource {
                        display_name: name,
                        kind: "device".into(),
                        id,
                    }],
                });
            }
            Ok::<_, crate::sql::Error>(())
        })?;
        if let Some(last) = fresh.last() {
            if last.date_sent != cur.t {
                cur.t = last.date_sent.clone();
                cur.seen.clear();
            }
            cur.seen.extend(
                fresh
                    .iter()
                    .filter(|c| c.date_sent == cur.t)
                    .map(|c| c.uuid.clone()),
            );
        }
        Ok(VendorAudit {
            events,
            cursor: serde_json::to_string(&cur).unwrap_or_default(),
        })
    }

    /// Refused before anything is stored: what Jamf's API cannot carry out as asked.
    fn check_action(
        &self,
        c: &Connection,
        kind: Kind,
        options: &ActionOptions,
        target: &Target,
    ) -> Result<(), ActionRefused> {
        let refuse = |capability, message: String, alternative| {
            Err(ActionRefused {
                backend: "jamf",
                capability,
                message,
                alternative,
            })
        };
        match kind {
            Kind::Unlock => refuse(
                Capability::DeviceCommands,
                unsupported_action(kind, None),
                features::instead(&super::FEATURES, Feature::Unlock),
            ),
            Kind::Wipe if options.keep_user_data || options.keep_enrollment => refuse(
                Capability::DeviceCommands,
                "Jamf Pro's erase cannot keep user data, and keeps the enrollment only with Return \
                 to Service (which needs a Wi-Fi profile in Jamf)"
                    .into(),
                "wipe without --keep-user-data and --keep-enrollment, or use Return to Service from Jamf Pro",
            ),
            Kind::PushCommand
                if !matches!(
                    options.command.as_deref(),
                    Some("restart" | "shutdown" | "sync")
                ) =>
            {
                refuse(
                    Capability::DeviceCommands,
                    unsupported_action(kind, options.command.as_deref()),
                    "use `push command restart|shutdown|sync`, or send the command from Jamf Pro",
                )
            }
            Kind::PushApp => super::apps::check(self, c, kind, options, target),
            Kind::PushProfile => refuse(
                Capability::DeviceCommands,
                unsupported_action(kind, None),
                features::instead(&super::FEATURES, Feature::PushProfile),
            ),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_states_map_to_outcomes() {
        let c = |s: &str| HistoryCommand {
            command_state: s.into(),
            command_type: "DEVICE_LOCK".into(),
            ..HistoryCommand::default()
        };
        assert_eq!(outcome_of(&c("ACKNOWLEDGED")), Outcome::Acknowledged);
        assert_eq!(outcome_of(&c("PENDING")), Outcome::Waiting);
        assert_eq!(outcome_of(&c("NOT_NOW")), Outcome::Waiting);
        assert!(
            matches!(outcome_of(&c("ERROR")), Outcome::Failed(m) if m.contains("DEVICE_LOCK command failed"))
        );
        let pin = new_pin();
        assert_eq!(pin.len(), 6);
        assert!(pin.chars().all(|c| c.is_ascii_digit()));
    }
}
