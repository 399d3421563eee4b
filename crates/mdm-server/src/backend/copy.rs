//! The local copy of a vendor's inventory (Intune, Fleet): the gateway keeps the vendor's
//! devices in its own `devices` table so filters, previews and digests work as with the
//! simulator. What every vendor backend writes there, written one way.

use crate::actions::Kind;
use crate::sql::{Connection, params};
use mdm_model::types::Device;

const SQL_UPSERT: &str = "INSERT INTO devices(id, serial, name, platform, model, os_version,
        owner_name, owner_email, owner_phone, status, compliance, locked, enrolled_at, last_seen)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
     ON CONFLICT(id) DO UPDATE SET serial = excluded.serial, name = excluded.name,
        platform = excluded.platform, model = excluded.model, os_version = excluded.os_version,
        owner_name = excluded.owner_name, owner_email = excluded.owner_email,
        owner_phone = excluded.owner_phone, status = excluded.status,
        compliance = excluded.compliance, locked = excluded.locked,
        enrolled_at = excluded.enrolled_at, last_seen = excluded.last_seen";

/// Inserts or refreshes `d`. The serial column is unique and a vendor may report a
/// serial twice or none: such a device gets its id as serial.
pub fn upsert(c: &Connection, d: &Device) -> crate::sql::Result<()> {
    let taken = c
        .prepare_cached("SELECT 1 FROM devices WHERE serial = ?1 AND id <> ?2")?
        .exists(params![d.serial, d.id])?;
    let serial = if d.serial.is_empty() || taken {
        d.id.as_str()
    } else {
        d.serial.as_str()
    };
    c.prepare_cached(SQL_UPSERT)?.execute(params![
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
    Ok(())
}

/// An RFC 3339 time as Unix seconds (0 when it does not parse).
pub fn unix(s: &str) -> i64 {
    mdm_model::time::parse_rfc3339(s).map_or(0, |t| t.unix_timestamp())
}

/// What an acknowledged command changed on the devices, mirrored in the local copy
/// until the next sync reads it from the vendor (the simulator's devices too). A
/// statement per `IDS_PER_STATEMENT` devices.
pub fn apply_effect(c: &Connection, kind: Kind, rids: &[i64]) -> crate::sql::Result<()> {
    let sql = match kind {
        Kind::Wipe => "UPDATE devices SET status = 'wiped', locked = 0 WHERE rid IN ({ids})",
        Kind::Retire => "UPDATE devices SET status = 'retired' WHERE rid IN ({ids})",
        Kind::Lock => "UPDATE devices SET locked = 1 WHERE rid IN ({ids})",
        Kind::Unlock => "UPDATE devices SET locked = 0 WHERE rid IN ({ids})",
        _ => return Ok(()),
    };
    c.execute_for_ids(sql, &[], rids).map(|_| ())
}

/// The end of a complete sync: every device not in `seen` (a temporary table of the ids
/// the sync wrote, `temp.<name>(id, …)`) is marked retired, and the ids of `targets` not
/// in it are returned with how many were retired. Retired, not deleted: actions and audit
/// events keep pointing at the row.
pub fn retire_unseen(
    c: &Connection,
    seen: &'static str,
    targets: &[super::DeviceRef],
) -> crate::sql::Result<(u64, Vec<String>)> {
    let mut gone = Vec::new();
    {
        let mut in_seen = c.prepare_cached(&format!("SELECT 1 FROM temp.{seen} WHERE id = ?1"))?;
        for d in targets {
            if !in_seen.exists([&d.id])? {
                gone.push(d.id.clone());
            }
        }
    }
    let retired = c.execute(
        &format!(
            "UPDATE devices SET status = 'retired'
             WHERE status NOT IN ('retired', 'wiped')
               AND id NOT IN (SELECT id FROM temp.{seen})"
        ),
        [],
    )?;
    Ok((retired as u64, gone))
}

/// The last successful inventory sync and the error of the last failed one (cleared by a
/// success), for the gateway's health.
#[derive(Debug, Clone, Default)]
pub struct SyncState {
    pub last_ok: Option<i64>,
    pub last_error: Option<String>,
}

impl SyncState {
    /// Records how a sync ended and gives its result: a walk that could not be taken as
    /// the vendor's whole set (`Ok(Err(why))`) is an error that says the copy was kept.
    pub fn settle<R>(
        state: &std::sync::Mutex<SyncState>,
        now: i64,
        walked: super::BackendResult<Result<R, String>>,
    ) -> super::BackendResult<R> {
        let r = match walked {
            Ok(Ok(report)) => Ok(report),
            Ok(Err(why)) => Err(super::BackendError::Vendor {
                message: format!("{why}; the local copy of the inventory was kept"),
                retry_after: None,
            }),
            Err(e) => Err(e),
        };
        let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
        match &r {
            Ok(_) => {
                st.last_ok = Some(now);
                st.last_error = None;
            }
            Err(e) => st.last_error = Some(e.to_string()),
        }
        r
    }

    /// A copy of the state (the lock held only for it).
    pub fn get(state: &std::sync::Mutex<SyncState>) -> SyncState {
        state.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// When this gateway first started (Unix seconds; now if it never recorded it): a vendor's
/// audit log is read from then on, since what happened before it existed is not a change
/// made around it.
pub fn gateway_started(store: &crate::db::Db) -> super::BackendResult<i64> {
    Ok(store
        .read(|c| crate::db::meta_get(c, "created_at"))?
        .as_deref()
        .and_then(mdm_model::time::parse_rfc3339)
        .map_or_else(crate::clock::now_unix, |t| t.unix_timestamp()))
}

/// Keeps the unlock PINs a backend set on devices of `action` until the requester reads
/// them once (`POST /v1/actions/{id}/pins`). Never logged, never audited.
pub fn record_pins(
    c: &Connection,
    action: &str,
    pins: &[(String, String)],
    now: i64,
) -> crate::sql::Result<()> {
    let mut ins = c.prepare_cached(
        "INSERT INTO action_pins(action_id, device_id, pin, created_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(action_id, device_id) DO UPDATE
             SET pin = excluded.pin, created_at = excluded.created_at, revealed_at = NULL",
    )?;
    for (device, pin) in pins {
        ins.execute(params![action, device, pin, now])?;
    }
    Ok(())
}

/// A vendor group in the copy, created if new (with `description`), emptied of its
/// members so the sync can write them again; its id.
pub fn empty_group(c: &Connection, name: &str, description: &str) -> crate::sql::Result<i64> {
    c.prepare_cached(
        "INSERT INTO groups(name, description) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?
    .execute(params![name, description])?;
    let gid: i64 = c
        .prepare_cached("SELECT id FROM groups WHERE name = ?1")?
        .query_row([name], |r| r.get(0))?;
    c.prepare_cached("DELETE FROM device_groups WHERE group_id = ?1")?
        .execute([gid])?;
    Ok(gid)
}

/// The vendor's id in a catalog entry's `source` (`intune:ID`, `jamf:ID`), if it has one
/// with this prefix.
pub fn vendor_app_ref<'a>(app: &'a mdm_model::types::App, prefix: &str) -> Option<&'a str> {
    app.source
        .as_deref()
        .and_then(|s| s.strip_prefix(prefix))
        .filter(|id| !id.is_empty())
}

/// The group a push app action targets and its catalog app, as stored (either `None`
/// when the action names none).
pub fn push_app_target(
    store: &crate::db::Db,
    cmd: super::Command<'_>,
) -> super::BackendResult<(Option<String>, Option<mdm_model::types::App>)> {
    Ok(store.read(|c| -> crate::sql::Result<_> {
        let target: Option<String> = crate::sql::OptionalExtension::optional(c.query_row(
            "SELECT target FROM actions WHERE id = ?1",
            [cmd.action],
            |r| r.get(0),
        ))?;
        let group = target
            .and_then(|t| serde_json::from_str::<mdm_model::types::Target>(&t).ok())
            .and_then(|t| t.group);
        let app = cmd
            .options
            .app
            .as_deref()
            .and_then(|r| crate::handlers::apps::resolve(c, r).ok());
        Ok((group, app))
    })?)
}

/// The device in the local copy by id or serial (`None`: unknown), before a vendor
/// backend reads it again from its vendor.
pub fn local_device(
    c: &Connection,
    id_or_serial: &str,
) -> super::BackendResult<Option<mdm_model::types::Device>> {
    match crate::handlers::devices::find_device(c, id_or_serial, true) {
        Ok(d) => Ok(Some(d)),
        Err(e) if e.code == mdm_model::domain::ErrorCode::NotFound => Ok(None),
        Err(e) => Err(super::BackendError::Vendor {
            message: e.message,
            retry_after: None,
        }),
    }
}

/// The refusal of a target that changed at the vendor: how many devices are gone, the
/// first five named (`vendor` as the message says it: "Fleet", "Jamf Pro"; `noun`:
/// "host", "device").
pub fn target_changed(vendor: &str, short: &str, noun: &str, gone: &[String]) -> String {
    const SHOWN: usize = 5;
    let n = gone.len();
    let mut names = gone
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if n > SHOWN {
        names.push_str(&format!(" and {} more", n - SHOWN));
    }
    format!(
        "the target changed in {vendor}: {n} {noun}{} no longer in {short} ({names})",
        if n == 1 { " is" } else { "s are" }
    )
}

/// `GET /v1/health` for a vendor backend: the sync state, and the credential's state
/// from the client's last request (`reason` names a failure in the health's words).
pub fn health<E: std::fmt::Display>(
    sync: &std::sync::Mutex<SyncState>,
    last: Option<(std::time::SystemTime, Result<(), E>)>,
    reason: impl Fn(&E) -> &'static str,
) -> super::BackendHealth {
    use mdm_model::types::{TokenHealth, TokenState};
    let st = SyncState::get(sync);
    let token = last.map(|(at, r)| {
        let checked_at = at
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| mdm_model::time::unix_to_rfc3339(d.as_secs() as i64));
        match r {
            Ok(()) => TokenHealth {
                state: TokenState::Ok,
                reason: None,
                message: None,
                checked_at,
            },
            Err(e) => TokenHealth {
                state: TokenState::Failing,
                reason: Some(reason(&e).into()),
                message: Some(e.to_string()),
                checked_at,
            },
        }
    });
    super::BackendHealth {
        token,
        last_sync_at: st.last_ok,
        last_sync_error: st.last_error,
    }
}
