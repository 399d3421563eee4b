//! The simulator: the first backend. Its fleet lives in the gateway's own database
//! (the `devices` table is at once the inventory and the simulated devices), devices
//! check in and drop off on each tick (`tick`), answer commands a step after they
//! receive them, and a fixed share fails. Every command a device receives is counted
//! in `sim_deliveries` (per action and device), so the simulator knows, as a vendor's
//! own records would, whether a command the gateway lost track of reached the device.

pub mod seed;
pub mod tick;

use super::features::{Feature, Features, Support};
use super::{
    Backend, BackendError, BackendResult, Command, DeviceRef, Enrolled, EnrollingDevice,
    EnrollmentTarget, InFlight, InventoryPage, Limits, Outcome, Submission, VendorAudit,
    VendorEvent, VendorResource,
};
use crate::actions::Kind;
use crate::db::Db;
use crate::handlers::devices::{DEVICE_COLUMNS, find_device, from_row};
use crate::sql::{Connection, OptionalExtension, params};
use mdm_model::policy::Policy;
use mdm_model::types::{ActionOptions, Device};
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::sync::Mutex;

/// Devices per `submit` call; the simulator has no vendor limit, this keeps calls short.
const MAX_BATCH: usize = 500;

/// What the simulator does (the README's backend table is rendered from this).
pub const FEATURES: Features = [
    (
        Feature::Inventory,
        Support::Yes("its own store (the simulated fleet)"),
    ),
    (Feature::Groups, Support::Yes("its own groups")),
    (
        Feature::Lock,
        Support::Yes("yes (`--message`, `--callback-number`)"),
    ),
    (Feature::Unlock, Support::Yes("yes")),
    (
        Feature::Wipe,
        Support::Yes("yes (`--keep-enrollment`, `--keep-user-data`)"),
    ),
    (Feature::Retire, Support::Yes("yes")),
    (
        Feature::SyncRestart,
        Support::Yes("`sync`, `restart`, `shutdown`, `locate`, `update-os`, `clear-passcode`"),
    ),
    (Feature::PushApp, Support::Yes("to devices and groups")),
    (Feature::PushProfile, Support::Yes("yes")),
    (Feature::Policy, Support::Yes("yes")),
    (
        Feature::Enrollment,
        Support::Yes("yes (gateway-made tokens)"),
    ),
    (Feature::VendorApproval, Support::Absent),
    (Feature::OutOfBand, Support::Absent),
    (Feature::Batching, Support::Yes("500 devices per step")),
];

/// Entries the simulated vendor log keeps (the oldest go first, as a vendor's would).
const LOG_KEEP: usize = 10_000;

const SQL_REACHABLE: &str =
    "SELECT rid, status = 'online' AND offline_until <= ?1 FROM devices WHERE rid IN ({ids})";

const SQL_INVENTORY_PAGE: &str = "WHERE d.rid > ?1 ORDER BY d.rid LIMIT ?2";

// For `Connection::execute_for_ids`. The rows come from `devices`, so an id
// twice in a chunk is one row, and CASTs give PostgreSQL the types of the parameters
// in the select list.
const SQL_UNINSTALL: &str = "DELETE FROM device_apps WHERE app_id = ?1 AND device_rid IN ({ids})";
const SQL_INSTALL: &str = "INSERT INTO device_apps(device_rid, app_id, installed_at)
     SELECT rid, CAST(?1 AS TEXT), CAST(?2 AS BIGINT) FROM devices WHERE rid IN ({ids})
     ON CONFLICT(device_rid, app_id) DO UPDATE SET installed_at = excluded.installed_at";
const SQL_INSTALL_PROFILE: &str =
    "INSERT INTO device_profiles(device_rid, name, digest, installed_at)
     SELECT rid, CAST(?1 AS TEXT), CAST(?2 AS TEXT), CAST(?3 AS BIGINT) FROM devices
     WHERE rid IN ({ids})
     ON CONFLICT(device_rid, name) DO UPDATE
         SET digest = excluded.digest, installed_at = excluded.installed_at";
const SQL_POLICY_BODY: &str = "SELECT body FROM policies WHERE name = ?1";
const SQL_SERIAL_TAKEN: &str = "SELECT rid FROM devices WHERE serial = ?1";
const SQL_DELIVERED: &str =
    "INSERT INTO sim_deliveries(action_id, device_rid, kind, count, first_at)
     SELECT CAST(?1 AS TEXT), rid, CAST(?2 AS TEXT), 1, CAST(?3 AS BIGINT) FROM devices
     WHERE rid IN ({ids})
     ON CONFLICT(action_id, device_rid) DO UPDATE SET count = sim_deliveries.count + 1";
const SQL_DELIVERIES_OF: &str =
    "SELECT count FROM sim_deliveries WHERE action_id = ?1 AND device_rid = ?2";
const SQL_JOIN_GROUP: &str = "INSERT INTO device_groups(group_id, device_rid)
     SELECT id, ?2 FROM groups WHERE name = ?1 ON CONFLICT DO NOTHING";

/// The simulated fleet.
pub struct Simulator {
    /// Share of device commands that fail (0.0-1.0).
    fail_rate: f64,
    /// The simulated vendor's own audit log (what it was asked to do).
    log: Mutex<VecDeque<(u64, VendorEvent)>>,
}

impl Simulator {
    pub fn new(fail_rate: f64) -> Self {
        Simulator {
            fail_rate,
            log: Mutex::new(VecDeque::new()),
        }
    }

    fn record(&self, now: i64, action: &str, target: String) {
        let mut log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        let seq = log.back().map_or(1, |(seq, _)| seq + 1);
        if log.len() >= LOG_KEEP {
            log.pop_front();
        }
        // Everything the simulated vendor does, the gateway asked for.
        log.push_back((
            seq,
            VendorEvent {
                id: seq.to_string(),
                at: now,
                actor: "gateway".into(),
                actor_app_id: None,
                by_gateway: true,
                activity: action.into(),
                activity_type: action.into(),
                result: "success".into(),
                resources: vec![VendorResource {
                    display_name: target.clone(),
                    kind: "target".into(),
                    id: target,
                }],
            },
        ));
    }
}

/// Whether the simulated device fails this kind of command: a fixed share of devices,
/// chosen by a hash of the device id, so the same broken devices fail every time.
fn device_fails(device_id: &str, kind: &str, rate: f64) -> bool {
    if rate <= 0.0 {
        return false;
    }
    let h = Sha256::digest(format!("{device_id}/{kind}").as_bytes());
    let x = u64::from_be_bytes(h[..8].try_into().expect("8 bytes")) as f64 / u64::MAX as f64;
    x < rate
}

/// What an acknowledged command does to the simulated devices: a few statements for
/// the lot.
fn apply_effects(
    c: &Connection,
    kind: Kind,
    o: &ActionOptions,
    rids: &[i64],
    now: i64,
) -> crate::sql::Result<()> {
    match kind {
        Kind::PushApp if o.uninstall => c.execute_for_ids(SQL_UNINSTALL, params![o.app], rids),
        Kind::PushApp => c.execute_for_ids(SQL_INSTALL, params![o.app, now], rids),
        Kind::PushProfile => c.execute_for_ids(
            SQL_INSTALL_PROFILE,
            params![o.profile_name, o.profile_digest, now],
            rids,
        ),
        _ => return crate::backend::copy::apply_effect(c, kind, rids),
    }
    .map(|_| ())
}

/// `jane.doe@example.org` → `Jane Doe`.
fn owner_name(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    local
        .split(['.', '_', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn now() -> i64 {
    crate::clock::now_unix()
}

/// How many times each device received the command of `action_id` (device id, count),
/// by device: what a test asks to prove no device got a command twice.
pub fn deliveries(c: &Connection, action_id: &str) -> crate::sql::Result<Vec<(String, i64)>> {
    let mut stmt = c.prepare_cached(
        "SELECT d.id, s.count FROM sim_deliveries s JOIN devices d ON d.rid = s.device_rid
         WHERE s.action_id = ?1 ORDER BY s.device_rid",
    )?;
    stmt.query_map([action_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

impl Backend for Simulator {
    fn name(&self) -> &'static str {
        "simulator"
    }

    fn limits(&self) -> Limits {
        Limits {
            max_batch: MAX_BATCH,
        }
    }

    fn features(&self) -> &'static Features {
        &FEATURES
    }

    fn inventory_page(
        &self,
        c: &Connection,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<InventoryPage> {
        let after: i64 = match cursor {
            None => 0,
            Some(s) => s.parse().map_err(|_| BackendError::Vendor {
                message: format!("bad inventory cursor {s:?}"),
                retry_after: None,
            })?,
        };
        let sql = format!("SELECT {DEVICE_COLUMNS} FROM devices d {SQL_INVENTORY_PAGE}");
        let mut stmt = c.prepare_cached(&sql)?;
        let rows: Vec<(i64, Device)> = stmt
            .query_map(params![after, i64::from(limit) + 1], |r| from_row(r, true))?
            .collect::<crate::sql::Result<_>>()?;
        let more = rows.len() > limit as usize;
        let devices: Vec<(i64, Device)> = rows.into_iter().take(limit as usize).collect();
        let next = if more {
            devices.last().map(|(rid, _)| rid.to_string())
        } else {
            None
        };
        Ok(InventoryPage {
            devices: devices.into_iter().map(|(_, d)| d).collect(),
            next,
        })
    }

    fn device(&self, c: &Connection, id_or_serial: &str) -> BackendResult<Option<Device>> {
        match find_device(c, id_or_serial, true) {
            Ok(d) => Ok(Some(d)),
            Err(e) if e.code == mdm_model::domain::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(BackendError::Vendor {
                message: e.message,
                retry_after: None,
            }),
        }
    }

    /// Online devices take the command (counted as received); offline ones wait until
    /// they check in. One short write transaction of the simulator's own.
    fn submit(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        now: i64,
    ) -> BackendResult<Vec<Submission>> {
        let out = store.write_bg(|tx| -> BackendResult<Vec<Submission>> {
            let rids: Vec<i64> = devices.iter().map(|d| d.rid).collect();
            let reachable: std::collections::HashMap<i64, bool> = tx
                .query_for_ids(SQL_REACHABLE, params![now], &rids, |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .into_iter()
                .collect();
            let out: Vec<Submission> = rids
                .iter()
                .map(|rid| match reachable.get(rid) {
                    None => Submission::NotFound,
                    Some(true) => Submission::Accepted,
                    Some(false) => Submission::Deferred,
                })
                .collect();
            let delivered: Vec<i64> = rids
                .iter()
                .filter(|rid| reachable.get(rid) == Some(&true))
                .copied()
                .collect();
            let fixed = params![cmd.action, cmd.kind.as_str(), now];
            tx.execute_for_ids(SQL_DELIVERED, fixed, &delivered)?;
            Ok(out)
        })?;
        let accepted = out.iter().filter(|s| **s == Submission::Accepted).count();
        if accepted > 0 {
            self.record(now, cmd.kind.as_str(), format!("{accepted} devices"));
        }
        Ok(out)
    }

    /// A device answers a step after it got the command. A recovered command the
    /// device never received fails as not delivered (the simulator knows).
    fn outcomes(
        &self,
        store: &Db,
        cmd: Command<'_>,
        in_flight: &[InFlight],
        now: i64,
    ) -> BackendResult<Vec<Outcome>> {
        store.write_bg(|tx| -> BackendResult<Vec<Outcome>> {
            let mut received = tx.prepare_cached(SQL_DELIVERIES_OF)?;
            let mut out = Vec::with_capacity(in_flight.len());
            let mut acknowledged = Vec::new();
            for f in in_flight {
                if f.recovered {
                    let n: Option<i64> = received
                        .query_row(params![cmd.action, f.device.rid], |r| r.get(0))
                        .optional()?;
                    if n.unwrap_or(0) == 0 {
                        out.push(Outcome::Failed(super::NOT_DELIVERED.into()));
                        continue;
                    }
                }
                if f.sent_at >= now {
                    out.push(Outcome::Waiting);
                } else if device_fails(&f.device.id, cmd.kind.as_str(), self.fail_rate) {
                    out.push(Outcome::Failed(
                        "the device reported an error executing the command".into(),
                    ));
                } else {
                    acknowledged.push(f.device.rid);
                    out.push(Outcome::Acknowledged);
                }
            }
            apply_effects(tx, cmd.kind, cmd.options, &acknowledged, now)?;
            Ok(out)
        })
    }

    /// The simulated fleet enforces the gateway's stored policies directly.
    fn apply_policy(&self, _c: &Connection, p: &Policy) -> BackendResult<()> {
        self.record(now(), "policy.apply", p.name.0.clone());
        Ok(())
    }

    fn remove_policy(&self, _c: &Connection, name: &str) -> BackendResult<()> {
        self.record(now(), "policy.remove", name.to_string());
        Ok(())
    }

    fn read_policy(&self, c: &Connection, name: &str) -> BackendResult<Option<Policy>> {
        let body: Option<String> = c
            .query_row(SQL_POLICY_BODY, [name], |r| r.get(0))
            .optional()?;
        body.map(|b| {
            serde_json::from_str(&b).map_err(|e| BackendError::Vendor {
                message: format!("policy {name} is unreadable: {e}"),
                retry_after: None,
            })
        })
        .transpose()
    }

    fn assign_policy(
        &self,
        _c: &Connection,
        name: &str,
        group: &str,
        assigned: bool,
    ) -> BackendResult<()> {
        let action = if assigned {
            "policy.assign"
        } else {
            "policy.unassign"
        };
        self.record(now(), action, format!("{name} → {group}"));
        Ok(())
    }

    fn assign_app(
        &self,
        _c: &Connection,
        app_id: &str,
        group: &str,
        assigned: bool,
    ) -> BackendResult<()> {
        let action = if assigned {
            "app.assign"
        } else {
            "app.unassign"
        };
        self.record(now(), action, format!("{app_id} → {group}"));
        Ok(())
    }

    /// The simulator enrolls through the gateway's own tokens (`POST /v1/enroll`).
    fn create_enrollment(
        &self,
        _c: &Connection,
        platform: mdm_model::domain::Platform,
    ) -> BackendResult<EnrollmentTarget> {
        self.record(now(), "enrollment.create", platform.as_str().into());
        Ok(EnrollmentTarget {
            reference: format!("sim-{}", platform.as_str()),
        })
    }

    /// A synthetic device for the person the token was made for, online at once.
    fn enroll_device(
        &self,
        c: &Connection,
        e: &EnrollingDevice<'_>,
        now: i64,
    ) -> BackendResult<Enrolled> {
        let mut rng: rand::rngs::StdRng = rand::SeedableRng::from_os_rng();
        let mut serials = std::collections::HashSet::new();
        let mut d = seed::device(
            &mut rng,
            &mut serials,
            Some(e.platform),
            Some(e.owner_email),
        );
        d.owner_name = owner_name(e.owner_email);
        if let Some(n) = e.name {
            d.name = n.to_string();
        }
        if let Some(sn) = e.serial {
            let taken: Option<i64> = c
                .query_row(SQL_SERIAL_TAKEN, [sn], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                return Ok(Enrolled::SerialTaken);
            }
            d.serial = sn.to_string();
        }
        if let Some(m) = e.model {
            d.model = m.to_string();
        }
        let rid = seed::insert_device(c, &d, "online", now, now, 0)?;
        if let Some(g) = e.group {
            c.execute(SQL_JOIN_GROUP, params![g, rid])?;
        }
        self.record(now, "device.enroll", d.id.clone());
        Ok(Enrolled::Device(DeviceRef { rid, id: d.id }))
    }

    /// The cursor is the last sequence number read (the log lives in memory: a
    /// restarted sandbox starts a new one).
    fn vendor_audit(
        &self,
        _store: &Db,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<VendorAudit> {
        let log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        let after = match cursor {
            Some(c) => c.parse::<u64>().unwrap_or(0),
            None => log.back().map_or(0, |(seq, _)| *seq),
        };
        let events: Vec<(u64, VendorEvent)> = log
            .iter()
            .filter(|(seq, _)| *seq > after)
            .take(limit as usize)
            .cloned()
            .collect();
        let cursor = events.last().map_or(after, |(seq, _)| *seq).to_string();
        Ok(VendorAudit {
            events: events.into_iter().map(|(_, e)| e).collect(),
            cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn fleet(n: u32) -> (Db, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "mdm-sim-test-{}-{}",
            std::process::id(),
            crate::ids::random_hex(4)
        ));
        let db = Db::open(&dir).unwrap();
        db.write(|tx| seed::seed(tx, n, 7, 0)).unwrap();
        (db, dir)
    }

    #[test]
    fn inventory_pages_cover_the_fleet_once() {
        let (db, dir) = fleet(25);
        let sim = Simulator::new(0.0);
        let mut seen = std::collections::HashSet::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = db
                .read(|c| sim.inventory_page(c, cursor.as_deref(), 10))
                .unwrap();
            assert!(page.devices.len() <= 10);
            for d in &page.devices {
                assert!(seen.insert(d.id.clone()), "{} twice", d.id);
            }
            match page.next {
                Some(n) => cursor = Some(n),
                None => break,
            }
        }
        assert_eq!(seen.len(), 25);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn commands_are_taken_then_answered_a_step_later_and_logged() {
        let (db, dir) = fleet(3);
        let sim = Simulator::new(0.0);
        let o = ActionOptions::default();
        let cmd = Command {
            action: "act_1",
            kind: Kind::Lock,
            options: &o,
        };
        let now = crate::clock::now_unix();
        let dev = DeviceRef {
            rid: 1,
            id: db
                .read(|c| c.query_row("SELECT id FROM devices WHERE rid = 1", [], |r| r.get(0)))
                .unwrap(),
        };
        let missing = DeviceRef {
            rid: 999,
            id: "dev_missing".into(),
        };
        let got = sim.submit(&db, cmd, &[dev.clone(), missing], now).unwrap();
        assert_eq!(got, [Submission::Accepted, Submission::NotFound]);
        let f = [InFlight {
            device: dev.clone(),
            sent_at: now,
            recovered: false,
        }];
        assert_eq!(sim.outcomes(&db, cmd, &f, now).unwrap(), [Outcome::Waiting]);
        assert_eq!(
            sim.outcomes(&db, cmd, &f, now + 1).unwrap(),
            [Outcome::Acknowledged]
        );
        let locked: bool = db
            .read(|c| c.query_row("SELECT locked FROM devices WHERE rid = 1", [], |r| r.get(0)))
            .unwrap();
        assert!(locked, "the acknowledged lock took effect");
        let log = sim.vendor_audit(&db, Some("0"), 10).unwrap();
        assert_eq!(log.events.len(), 1);
        assert_eq!(log.events[0].activity, "lock");
        assert!(log.events[0].by_gateway);
        assert!(
            sim.vendor_audit(&db, Some(&log.cursor), 10)
                .unwrap()
                .events
                .is_empty()
        );
        assert_eq!(
            db.read(|c| deliveries(c, "act_1")).unwrap(),
            [(dev.id.clone(), 1)]
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_recovered_command_is_answered_from_what_the_device_received() {
        let (db, dir) = fleet(2);
        let sim = Simulator::new(0.0);
        let o = ActionOptions::default();
        let cmd = Command {
            action: "act_2",
            kind: Kind::Lock,
            options: &o,
        };
        let now = crate::clock::now_unix();
        let ids: Vec<String> = db
            .read(|c| {
                c.prepare("SELECT id FROM devices ORDER BY rid")?
                    .query_map([], |r| r.get(0))?
                    .collect::<crate::sql::Result<_>>()
            })
            .unwrap();
        let got = DeviceRef {
            rid: 1,
            id: ids[0].clone(),
        };
        let never = DeviceRef {
            rid: 2,
            id: ids[1].clone(),
        };
        sim.submit(&db, cmd, std::slice::from_ref(&got), now)
            .unwrap();
        let f = [
            InFlight {
                device: got,
                sent_at: now,
                recovered: true,
            },
            InFlight {
                device: never,
                sent_at: now,
                recovered: true,
            },
        ];
        assert_eq!(
            sim.outcomes(&db, cmd, &f, now + 1).unwrap(),
            [
                Outcome::Acknowledged,
                Outcome::Failed(super::super::NOT_DELIVERED.into())
            ]
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
