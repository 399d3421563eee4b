//! The re-read before an action on more than one device: a vendor backend's store is a
//! copy, and a Graph list can end early without saying so, so the set previewed from
//! the copy is checked against the vendor just before the action is created, and again
//! just before an approved one fans out. The backend re-reads
//! ([`Backend::confirm_target`]) with no transaction open; the target is then resolved
//! again against the fresh copy and must be the same set.

use super::target::{Resolved, resolve};
use crate::backend::{Backend, DeviceRef, TargetCheck};
use crate::db::Db;
use crate::http::ApiResult;
use mdm_model::types::Target;
use std::collections::BTreeSet;

/// Ids named in a message at most, per side.
const SHOWN: usize = 5;

fn some_ids(ids: &[&str]) -> String {
    let mut s = ids
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        s.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    s
}

/// How the device set changed, in words (`2 devices left the target (a, b); 1 joined
/// (c)`); `None` when it is the same set.
pub fn describe_change(before: &[String], after: &[String]) -> Option<String> {
    let b: BTreeSet<&str> = before.iter().map(String::as_str).collect();
    let a: BTreeSet<&str> = after.iter().map(String::as_str).collect();
    let left: Vec<&str> = b.difference(&a).copied().collect();
    let joined: Vec<&str> = a.difference(&b).copied().collect();
    let plural = |n: usize| if n == 1 { "device" } else { "devices" };
    let mut parts = Vec::new();
    if !left.is_empty() {
        parts.push(format!(
            "{} {} left the target ({})",
            left.len(),
            plural(left.len()),
            some_ids(&left)
        ));
    }
    if !joined.is_empty() {
        parts.push(format!(
            "{} {} joined it ({})",
            joined.len(),
            plural(joined.len()),
            some_ids(&joined)
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Asks `backend` to re-read the fleet behind `before` (the target resolved from the
/// local copy, the set that was previewed or requested) and resolves `target` again.
/// `None`: go on; `Some(why)`: the vendor's set differs, and nothing may be sent.
/// Vendor and store failures are errors (a 502 for the vendor: nothing was sent either).
/// Call with no transaction open.
pub fn confirm(
    db: &Db,
    backend: &dyn Backend,
    target: &Target,
    pii_allowed: bool,
    before: &Resolved,
    now: i64,
) -> ApiResult<Option<String>> {
    let devices: Vec<DeviceRef> = before
        .rids
        .iter()
        .zip(&before.ids)
        .map(|(&rid, id)| DeviceRef {
            rid,
            id: id.clone(),
        })
        .collect();
    match backend.confirm_target(db, &devices, now)? {
        TargetCheck::Current => Ok(None),
        TargetCheck::Changed(why) => Ok(Some(why)),
        TargetCheck::Refreshed => {
            let after =
                db.read(|c| Ok::<_, crate::sql::Error>(resolve(c, target, pii_allowed, now)))?;
            let vendor = backend.name();
            Ok(match after {
                Ok(a) if a.digest == before.digest => None,
                Ok(a) => Some(format!(
                    "the target changed at the {vendor} backend: it was {} devices, it is now {}: {}",
                    before.ids.len(),
                    a.ids.len(),
                    describe_change(&before.ids, &a.ids)
                        .unwrap_or_else(|| "a different set".into())
                )),
                Err(e) => Some(format!(
                    "the target changed at the {vendor} backend: {}",
                    e.message
                )),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_change_names_who_left_and_who_joined() {
        assert_eq!(describe_change(&ids(&["a", "b"]), &ids(&["b", "a"])), None);
        assert_eq!(
            describe_change(&ids(&["a", "b", "c"]), &ids(&["a", "d"])).unwrap(),
            "2 devices left the target (b, c); 1 device joined it (d)"
        );
        assert_eq!(
            describe_change(&ids(&["a"]), &ids(&["a", "z"])).unwrap(),
            "1 device joined it (z)"
        );
        let many: Vec<String> = (0..8).map(|i| format!("d{i}")).collect();
        let m = describe_change(&many, &[]).unwrap();
        assert_eq!(
            m,
            "8 devices left the target (d0, d1, d2, d3, d4 and 3 more)"
        );
    }
}
