//! The Fleet backend (`fleet`): mdm's inventory and device commands through Fleet's REST
//! API with an API-only user's token, which lives only in the gateway.
//!
//! - Inventory is a copy, as for Intune: [`Fleet::sync`] pages through `GET /hosts`
//!   along the id cursor (`order_key=id&after=N`, so a host added meanwhile cannot shift
//!   a page) into the gateway's tables, a page per short transaction; Fleet's teams are
//!   mdm's groups, and so are its regular labels (`label: NAME`, each walked along
//!   `GET /labels/:id/hosts`). Hosts lists carry no total, so the walk is compared with
//!   `GET /hosts/count` taken before it: a walk that saw fewer hosts retires and regroups
//!   nothing. A host gone from Fleet is marked `retired`, not deleted.
//! - Before an action on more than one device, `confirm_target` reads Fleet again the
//!   same way, and the gateway compares the target resolved again with the previewed set.
//! - Commands, one host per request, up to 5 at once: lock → `POST /hosts/:id/lock`,
//!   unlock → `/unlock`, wipe → `/wipe` (Windows: `wipe_type` `doWipeProtected`, the wipe for a
//!   lost or stolen device), retire → `DELETE /hosts/:id/mdm` (turn MDM off),
//!   `push command sync` → `POST /hosts/:id/refetch`. The gateway resolves every target
//!   itself and sends explicit host ids: Fleet's batch delete (`POST /hosts/delete`, whose
//!   empty filters match every host) is never sent. Outcomes come from the host's
//!   `mdm.device_status` and `pending_action`.
//! - What Fleet cannot do through its API is refused at preview, naming Fleet: a lock
//!   message or callback number, a wipe that keeps data or enrollment, restart and the
//!   other push commands (raw MDM commands only), apps and profiles (Fleet's software and
//!   profiles are managed in Fleet), and policies (Fleet's policies are osquery checks).

use super::client::{FleetClient, FleetError};
use super::hosts::{self, FleetHost};
use crate::actions::Kind;
use crate::backend::copy;
use crate::backend::features::{self, Feature};
use crate::backend::{
    ActionRefused, Backend, BackendError, BackendHealth, BackendResult, Capability, Command,
    DeviceRef, InFlight, InventoryPage, Outcome, Submission, TargetCheck,
};
use crate::db::Db;
use crate::sql::{Connection, params};
use mdm_model::escape;
use mdm_model::types::{ActionOptions, Device, Target};
use serde_json::json;
use std::sync::Mutex;

/// The Fleet backend; one per gateway.
pub struct Fleet {
    client: FleetClient,
    /// Hosts per list page.
    per_page: u32,
    /// Held while a sync runs (they share the writer's table of seen ids).
    syncing: Mutex<()>,
    sync_state: Mutex<copy::SyncState>,
    /// The API user's Fleet id (`GET /me`, asked once): its activities are the gateway's.
    api_user: Mutex<Option<u64>>,
}

/// What one inventory sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub devices: u64,
    /// Hosts mdm cannot show (Linux, ChromeOS).
    pub skipped: u64,
    pub retired: u64,
}

#[derive(serde::Deserialize)]
struct HostsPage {
    hosts: Vec<FleetHost>,
}

#[derive(serde::Deserialize)]
struct HostOne {
    host: FleetHost,
}

#[derive(serde::Deserialize)]
struct Count {
    count: u64,
}

#[derive(serde::Deserialize)]
struct Teams {
    teams: Vec<Team>,
}

#[derive(serde::Deserialize)]
struct Team {
    name: String,
}

#[derive(serde::Deserialize)]
struct Labels {
    labels: Vec<Label>,
}

#[derive(serde::Deserialize)]
struct Label {
    id: u64,
    name: String,
    #[serde(default)]
    label_type: String,
}

/// The group a Fleet label is in mdm (`label: Engineering`), apart from the teams.
pub const LABEL_GROUP_PREFIX: &str = "label: ";

const NO_LONGER_IN_FLEET: &str = "the host is no longer in Fleet (Fleet answered 404)";

/// The ids (and team names) the running sync has seen, on the writer connection only.
const SQL_SEEN_RESET: &str = "CREATE TEMP TABLE IF NOT EXISTS fleet_sync_seen(
        id TEXT PRIMARY KEY, team TEXT) WITHOUT ROWID;
     DELETE FROM temp.fleet_sync_seen;";

impl Fleet {
    pub fn new(client: FleetClient, per_page: u32) -> Fleet {
        Fleet {
            client,
            per_page: per_page.clamp(1, 10_000),
            syncing: Mutex::new(()),
            sync_state: Mutex::default(),
            api_user: Mutex::new(None),
        }
    }

    pub fn client(&self) -> &FleetClient {
        &self.client
    }

    /// One walk over Fleet's hosts into the store (see the module doc); the inner `Err`
    /// says why the walk cannot be taken as Fleet's whole set.
    fn sync_pages(
        &self,
        db: &Db,
        targets: &[DeviceRef],
    ) -> BackendResult<Result<(SyncReport, Vec<String>), String>> {
        let _one = self.syncing.lock().unwrap_or_else(|p| p.into_inner());
        let expected = self.client.get::<Count>("hosts/count", &[])?.count;
        db.write_bg(|tx| tx.execute_batch(SQL_SEEN_RESET))?;
        let (mut report, mut after) = (SyncReport::default(), 0u64);
        let mut listed = 0u64;
        loop {
            let page: HostsPage = self.client.get(
                "hosts",
                &[
                    ("order_key", "id".into()),
                    ("after", after.to_string()),
                    ("per_page", self.per_page.to_string()),
                    ("device_mapping", "true".into()),
                ],
            )?;
            let Some(last) = page.hosts.last().map(|h| h.id) else {
                break;
            };
            if last <= after {
                return Ok(Err(format!(
                    "Fleet's host list went backwards (after {after} it answered {last})"
                )));
            }
            listed += page.hosts.len() as u64;
            let (w, k) = db.write_bg(|tx| write_page(tx, &page.hosts))?;
            report.devices += w;
            report.skipped += k;
            after = last;
            if (page.hosts.len() as u32) < self.per_page {
                break;
            }
        }
        if listed < expected {
            return Ok(Err(format!(
                "Fleet lists {listed} hosts but counts {expected}; the list ended early"
            )));
        }
        let teams: Teams = self.client.get("teams", &[])?;
        let names: Vec<String> = teams.teams.into_iter().map(|t| t.name).collect();
        let labels = self.label_members()?;
        let (retired, gone) = db.write_bg(|tx| {
            let done = finish_sync(tx, &names, targets)?;
            write_labels(tx, &labels)?;
            Ok::<_, crate::sql::Error>(done)
        })?;
        report.retired = retired;
        Ok(Ok((report, gone)))
    }

    /// The members of each regular label (the ones Fleet's admins made; the builtin ones,
    /// All Hosts and the per-platform ones, say nothing mdm's filters do not), walked
    /// along the id cursor like the hosts: labels as groups where that is cheap.
    fn label_members(&self) -> Result<Vec<(String, Vec<String>)>, FleetError> {
        let labels: Labels = self.client.get("labels", &[])?;
        let mut out = Vec::new();
        for l in labels
            .labels
            .into_iter()
            .filter(|l| l.label_type == "regular")
        {
            let mut ids = Vec::new();
            let mut after = 0u64;
            loop {
                let page: HostsPage = self.client.get(
                    &format!("labels/{}/hosts", l.id),
                    &[
                        ("order_key", "id".into()),
                        ("after", after.to_string()),
                        ("per_page", self.per_page.to_string()),
                    ],
                )?;
                let Some(last) = page.hosts.last().map(|h| h.id) else {
                    break;
                };
                if last <= after {
                    break;
                }
                ids.extend(
                    page.hosts
                        .iter()
                        .map(|h| format!("{}{}", hosts::ID_PREFIX, h.id)),
                );
                after = last;
                if (page.hosts.len() as u32) < self.per_page {
                    break;
                }
            }
            out.push((format!("{LABEL_GROUP_PREFIX}{}", l.name), ids));
        }
        Ok(out)
    }

    /// Reads the whole inventory and the teams from Fleet into the gateway's tables. A
    /// walk that cannot be taken as Fleet's whole set retires nothing and keeps the
    /// groups: an error saying why. The outcome shows in [`Backend::health`].
    pub fn sync(&self, db: &Db, now: i64) -> BackendResult<SyncReport> {
        copy::SyncState::settle(
            &self.sync_state,
            now,
            self.sync_pages(db, &[])
                .map(|w| w.map(|(report, _)| report)),
        )
    }

    /// The API user's id, asked of Fleet once.
    fn api_user(&self) -> Result<u64, FleetError> {
        let mut known = self.api_user.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(id) = *known {
            return Ok(id);
        }
        let me: serde_json::Value = self.client.get("me", &[])?;
        let id = me["user"]["id"]
            .as_u64()
            .ok_or_else(|| FleetError::Decode {
                reason: "GET /me: no user id".into(),
            })?;
        *known = Some(id);
        Ok(id)
    }

    fn read_host(&self, id: u64) -> Result<FleetHost, FleetError> {
        self.client
            .get::<HostOne>(&format!("hosts/{id}"), &[])
            .map(|h| h.host)
    }

    /// Sends `kind` to one host of `platform` (mdm's name); the answer for that device
    /// and the Mac's unlock PIN if Fleet gave one (`Err`: the token was refused, nothing
    /// was taken). No store access: the fan-out runs these side by side on one thread.
    async fn send_one(
        &self,
        cmd: Command<'_>,
        d: &DeviceRef,
        platform: &str,
    ) -> BackendResult<(Submission, Option<String>)> {
        let Some(id) = hosts::host_id(&d.id) else {
            return Ok((
                Submission::Failed(format!(
                    "{} is not a Fleet host id",
                    escape::terminal(&d.id)
                )),
                None,
            ));
        };
        let mut pin = None;
        let sent = match cmd.kind {
            // A Mac's lock sets an unlock PIN; Fleet gives it back once with `view_pin`,
            // and the gateway keeps it for the requester (`POST /v1/actions/{id}/pins`).
            Kind::Lock if platform == "macos" => {
                let r = self
                    .client
                    .post_async(
                        &format!("hosts/{id}/lock"),
                        &[("view_pin", "true".into())],
                        None,
                    )
                    .await;
                if let Ok(v) = &r {
                    pin = v["unlock_pin"].as_str().map(String::from);
                }
                r
            }
            Kind::Lock => {
                self.client
                    .post_async(&format!("hosts/{id}/lock"), &[], None)
                    .await
            }
            Kind::Unlock => {
                self.client
                    .post_async(&format!("hosts/{id}/unlock"), &[], None)
                    .await
            }
            Kind::Wipe => {
                let body = (platform == "windows")
                    .then(|| json!({"windows": {"wipe_type": "doWipeProtected"}}));
                self.client
                    .post_async(&format!("hosts/{id}/wipe"), &[], body.as_ref())
                    .await
            }
            Kind::Retire => self
                .client
                .delete_async(&format!("hosts/{id}/mdm"))
                .await
                .map(|_| serde_json::Value::Null),
            Kind::PushCommand if cmd.options.command.as_deref() == Some("sync") => {
                self.client
                    .post_async(&format!("hosts/{id}/refetch"), &[], None)
                    .await
            }
            _ => {
                return Ok((
                    Submission::Failed(unsupported_action(cmd.kind, cmd.options)),
                    None,
                ));
            }
        };
        let answer = match sent {
            Ok(_) => Submission::Accepted,
            Err(FleetError::NotFound { .. }) => Submission::Failed(NO_LONGER_IN_FLEET.into()),
            // Not carried out: sent again at a later step.
            Err(e) if e.is_transient() => Submission::Deferred,
            // The token: every device would fail the same; none of the batch was taken.
            Err(e @ FleetError::Unauthorized { .. }) => return Err(e.into()),
            Err(e) => Submission::Failed(escape::terminal(&e.to_string())),
        };
        Ok((answer, pin))
    }
}

/// Why Fleet cannot carry out `kind` with these options, in words that name Fleet.
fn unsupported_action(kind: Kind, o: &ActionOptions) -> String {
    match kind {
        Kind::PushCommand => format!(
            "Fleet's API has no {} command (only sync, as a refetch; other commands are raw MDM \
             commands, sent from Fleet itself)",
            o.command.as_deref().unwrap_or("such")
        ),
        Kind::PushApp => "Fleet installs software from its own library (Fleet's software \
                          page or its API), not from mdm's catalog"
            .into(),
        Kind::PushProfile => "Fleet delivers configuration profiles from Fleet itself \
                              (its OS settings), not as a push"
            .into(),
        _ => format!("Fleet cannot carry out {}", kind.as_str()),
    }
}

/// One page, written: (devices written, hosts skipped). A host whose serial another
/// device has (or which has none) gets its mdm id as serial (the column is unique).
fn write_page(tx: &Connection, page: &[FleetHost]) -> crate::sql::Result<(u64, u64)> {
    let mut seen = tx.prepare_cached(
        "INSERT INTO temp.fleet_sync_seen(id, team) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET team = excluded.team",
    )?;
    let (mut written, mut skipped) = (0, 0);
    for h in page {
        let Ok(d) = hosts::to_device(h) else {
            skipped += 1;
            continue;
        };
        copy::upsert(tx, &d)?;
        seen.execute(params![d.id, h.team_name])?;
        written += 1;
    }
    Ok((written, skipped))
}

/// The end of a complete walk: hosts Fleet no longer lists are retired (how many, with
/// those of `targets` among them), and each team's members replaced.
fn finish_sync(
    tx: &Connection,
    teams: &[String],
    targets: &[DeviceRef],
) -> crate::sql::Result<(u64, Vec<String>)> {
    let (retired, gone) = copy::retire_unseen(tx, "fleet_sync_seen", targets)?;
    for name in teams {
        let gid = copy::empty_group(tx, name, "Fleet team")?;
        tx.execute(
            "INSERT INTO device_groups(group_id, device_rid)
             SELECT ?1, d.rid FROM temp.fleet_sync_seen s JOIN devices d ON d.id = s.id
             WHERE s.team = ?2 ON CONFLICT DO NOTHING",
            params![gid, name],
        )?;
    }
    Ok((retired, gone))
}

/// Each label's members replaced (devices mdm does not show, Linux, are left out).
fn write_labels(tx: &Connection, labels: &[(String, Vec<String>)]) -> crate::sql::Result<()> {
    for (name, ids) in labels {
        let gid = copy::empty_group(tx, name, "Fleet label")?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO device_groups(group_id, device_rid)
             SELECT ?1, rid FROM devices WHERE id = ?2 ON CONFLICT DO NOTHING",
        )?;
        for id in ids {
            ins.execute(params![gid, id])?;
        }
    }
    Ok(())
}

/// The refusal of the target changing in Fleet.
fn gone_from_fleet(gone: &[String]) -> String {
    copy::target_changed("Fleet", "Fleet", "host", gone)
}

/// What the host's MDM state says of a `kind` command sent to it.
fn outcome_of(kind: Kind, h: &FleetHost, recovered: bool) -> Outcome {
    let (_, status, pending) = h.mdm_state();
    let done = match kind {
        Kind::Lock => status == "locked" && pending.is_empty(),
        Kind::Unlock => status == "unlocked" && pending.is_empty(),
        Kind::Wipe => status == "wiped",
        Kind::Retire => h.mdm_off(),
        // A refetch is taken when Fleet answers; the host refetches at its next check-in.
        Kind::PushCommand => true,
        _ => false,
    };
    let waiting = match kind {
        Kind::Lock => pending == "lock",
        Kind::Unlock => pending == "unlock",
        Kind::Wipe => pending == "wipe",
        _ => false,
    };
    if done {
        Outcome::Acknowledged
    } else if waiting {
        Outcome::Waiting
    } else if recovered {
        Outcome::Failed(crate::backend::DELIVERY_UNKNOWN.into())
    } else {
        Outcome::Failed(format!(
            "Fleet shows no pending {} on the host and it is {}",
            kind.as_str(),
            if status.is_empty() {
                "in no MDM state"
            } else {
                status
            }
        ))
    }
}

impl Backend for Fleet {
    fn name(&self) -> &'static str {
        "fleet"
    }

    /// Hosts per `submit` (few store transactions per host), sent up to
    /// [`super::client::MAX_CONNECTIONS`] at once.
    fn limits(&self) -> crate::backend::Limits {
        crate::backend::Limits { max_batch: 200 }
    }

    fn features(&self) -> &'static crate::backend::features::Features {
        &super::FEATURES
    }

    /// Fleet's activity feed (see [`super::activities`]); without a cursor, from the
    /// gateway's first start on.
    fn vendor_audit(
        &self,
        store: &Db,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<crate::backend::VendorAudit> {
        let start = copy::gateway_started(store)?;
        let user = self.api_user()?;
        Ok(super::activities::read(
            &self.client,
            cursor,
            start,
            limit.clamp(1, 1000),
            Some(user),
        )?)
    }

    fn health(&self) -> BackendHealth {
        copy::health(&self.sync_state, self.client.last_result(), |e| match e {
            FleetError::Unauthorized { .. } => "token_refused",
            FleetError::Forbidden { .. } => "forbidden",
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

    /// Re-reads the host from Fleet (found locally by id or serial); its groups come
    /// from the last sync.
    fn device(&self, c: &Connection, id_or_serial: &str) -> BackendResult<Option<Device>> {
        let Some(local) = copy::local_device(c, id_or_serial)? else {
            return Ok(None);
        };
        let Some(id) = hosts::host_id(&local.id) else {
            return Ok(Some(local));
        };
        match self.read_host(id) {
            Ok(h) => match hosts::to_device(&h) {
                Ok(mut d) => {
                    d.groups = local.groups;
                    Ok(Some(d))
                }
                Err(e) => Err(BackendError::Vendor {
                    message: e.to_string(),
                    retry_after: None,
                }),
            },
            Err(FleetError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn confirm_target(
        &self,
        store: &Db,
        devices: &[DeviceRef],
        _now: i64,
    ) -> BackendResult<TargetCheck> {
        match self.sync_pages(store, devices)? {
            Err(why) => Ok(TargetCheck::Changed(format!(
                "{why}; the local copy was kept"
            ))),
            Ok((_, gone)) if gone.is_empty() => Ok(TargetCheck::Refreshed),
            Ok((_, gone)) => Ok(TargetCheck::Changed(gone_from_fleet(&gone))),
        }
    }

    fn submit(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        now: i64,
    ) -> BackendResult<Vec<Submission>> {
        let platforms: Vec<String> = store.read(|c| {
            let mut q = c.prepare_cached("SELECT platform FROM devices WHERE rid = ?1")?;
            devices
                .iter()
                .map(|d| q.query_row([d.rid], |r| r.get(0)))
                .collect::<crate::sql::Result<Vec<String>>>()
        })?;
        // Up to the client's connection limit at once.
        let sends = devices
            .iter()
            .zip(&platforms)
            .map(|(d, p)| self.send_one(cmd, d, p));
        let answers =
            crate::backend::block_on(self.client.handle(), futures_util::future::join_all(sends));
        // A refused token fails the batch only if Fleet took none of it; what it did
        // take must be recorded, or it would be sent again.
        if answers.iter().all(Result::is_err) {
            if let Some(Err(e)) = answers.into_iter().next() {
                return Err(e);
            }
            return Ok(Vec::new());
        }
        let mut pins = Vec::new();
        let mut out = Vec::with_capacity(answers.len());
        for (d, a) in devices.iter().zip(answers) {
            match a {
                Ok((s, pin)) => {
                    if let Some(p) = pin {
                        pins.push((d.id.clone(), p));
                    }
                    out.push(s);
                }
                Err(_) => out.push(Submission::Deferred),
            }
        }
        if !pins.is_empty() {
            store.write_bg(|tx| copy::record_pins(tx, cmd.action, &pins, now))?;
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
        let mut out = Vec::with_capacity(in_flight.len());
        for f in in_flight {
            let Some(id) = hosts::host_id(&f.device.id) else {
                out.push(Outcome::Failed(format!(
                    "{} is not a Fleet host id",
                    escape::terminal(&f.device.id)
                )));
                continue;
            };
            let o = match self.read_host(id) {
                Ok(h) => outcome_of(cmd.kind, &h, f.recovered),
                // Unenrolled hosts may be deleted from Fleet right after.
                Err(FleetError::NotFound { .. }) if cmd.kind == Kind::Retire => {
                    Outcome::Acknowledged
                }
                Err(FleetError::NotFound { .. }) => Outcome::Failed(NO_LONGER_IN_FLEET.into()),
                Err(e) if e.is_transient() => Outcome::Waiting,
                Err(e) => return Err(e.into()),
            };
            if o == Outcome::Acknowledged {
                store.write_bg(|tx| copy::apply_effect(tx, cmd.kind, &[f.device.rid]))?;
            }
            out.push(o);
        }
        Ok(out)
    }

    /// Refused before anything is stored: what Fleet's API cannot carry out as asked.
    fn check_action(
        &self,
        _c: &Connection,
        kind: Kind,
        options: &ActionOptions,
        _target: &Target,
    ) -> Result<(), ActionRefused> {
        let refuse = |capability, message: String, alternative| {
            Err(ActionRefused {
                backend: "fleet",
                capability,
                message,
                alternative,
            })
        };
        match kind {
            Kind::Lock if options.message.is_some() || options.callback_number.is_some() => refuse(
                Capability::DeviceCommands,
                "Fleet's lock takes no lock-screen message or callback number".into(),
                "lock without --message and --callback-number",
            ),
            Kind::Wipe if options.keep_user_data || options.keep_enrollment => refuse(
                Capability::DeviceCommands,
                "Fleet's wipe cannot keep user data or the enrollment".into(),
                "wipe without --keep-user-data and --keep-enrollment",
            ),
            Kind::PushCommand if options.command.as_deref() != Some("sync") => refuse(
                Capability::DeviceCommands,
                unsupported_action(kind, options),
                "use `push command sync`, or send the command from Fleet",
            ),
            Kind::PushApp => refuse(
                Capability::AppAssignment,
                unsupported_action(kind, options),
                features::instead(&super::FEATURES, Feature::PushApp),
            ),
            Kind::PushProfile => refuse(
                Capability::DeviceCommands,
                unsupported_action(kind, options),
                features::instead(&super::FEATURES, Feature::PushProfile),
            ),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::fleet::hosts::HostMdm;

    fn host(status: &str, pending: &str, enrollment: &str) -> FleetHost {
        FleetHost {
            mdm: Some(HostMdm {
                enrollment_status: Some(enrollment.into()),
                device_status: Some(status.into()),
                pending_action: Some(pending.into()),
            }),
            ..FleetHost::default()
        }
    }

    #[test]
    fn outcomes_follow_the_host_mdm_state() {
        let on = "On (manual)";
        assert_eq!(
            outcome_of(Kind::Lock, &host("unlocked", "lock", on), false),
            Outcome::Waiting
        );
        assert_eq!(
            outcome_of(Kind::Lock, &host("locked", "", on), false),
            Outcome::Acknowledged
        );
        assert_eq!(
            outcome_of(Kind::Wipe, &host("wiped", "", on), false),
            Outcome::Acknowledged
        );
        assert_eq!(
            outcome_of(Kind::Retire, &host("unlocked", "", "Off"), false),
            Outcome::Acknowledged
        );
        assert!(
            matches!(outcome_of(Kind::Lock, &host("unlocked", "", on), false), Outcome::Failed(m) if m.contains("no pending lock"))
        );
        assert_eq!(
            outcome_of(Kind::Wipe, &host("unlocked", "", on), true),
            Outcome::Failed(crate::backend::DELIVERY_UNKNOWN.into())
        );
        assert_eq!(
            outcome_of(Kind::Wipe, &host("unlocked", "wipe", on), true),
            Outcome::Waiting
        );
    }
}
