//! Field-by-field diff of policies, and which direction of each setting weakens security.
//! The CLI uses it to show a plan; the server uses the very same code to decide whether a
//! change needs a step-up.
//!
//! An absent setting is not enforced, so it counts as the weakest value: removing
//! `passcode.min_length` weakens like lowering it would.

use super::model::Policy;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One policy's part of a plan.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PolicyChange {
    pub name: String,
    /// `create`, `update` or `delete`.
    pub op: crate::domain::PolicyOp,
    #[serde(default)]
    pub base_version: Option<u64>,
    pub fields: Vec<FieldChange>,
    pub weakens: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// `passcode.min_length`, `apps.block[com.example]`, `assignments[sales]`, ...
    pub path: String,
    #[serde(default)]
    pub old: Option<Value>,
    #[serde(default)]
    pub new: Option<Value>,
    pub weakens: bool,
}

/// The list settings whose items are shown one by one.
const SETS: &[&str] = &["apps.allow", "apps.block", "assignments"];

/// Flattens a policy to `path → value`; list items become `path[item] → true`.
pub fn flatten(p: &Policy) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let v = serde_json::to_value(p).expect("policies serialize");
    walk(&v, "", &mut out);
    out.remove("name");
    out
}

fn walk(v: &Value, prefix: &str, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                walk(v, &p, out);
            }
        }
        Value::Array(items) if SETS.contains(&prefix) => {
            for item in items {
                let key = item
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| item.to_string());
                out.insert(format!("{prefix}[{key}]"), Value::Bool(true));
            }
        }
        other => {
            out.insert(prefix.to_string(), other.clone());
        }
    }
}

fn rank(v: Option<&Value>, order: &[&str]) -> i64 {
    v.and_then(|v| v.as_str())
        .and_then(|s| order.iter().position(|o| *o == s))
        .map(|i| i as i64)
        .unwrap_or(-1)
}

fn num(v: Option<&Value>, missing: f64) -> f64 {
    v.and_then(|v| v.as_f64()).unwrap_or(missing)
}

fn truthy(v: Option<&Value>) -> bool {
    v.and_then(|v| v.as_bool()).unwrap_or(false)
}

fn version(v: Option<&Value>) -> super::model::Version {
    super::model::Version(v.and_then(|v| v.as_str()).unwrap_or("0").to_string())
}

/// Whether changing `path` from `old` to `new` weakens security. `allow_before` and
/// `allow_after` are the sizes of the app allow-list, whose meaning flips when empty.
fn weakens(
    path: &str,
    old: Option<&Value>,
    new: Option<&Value>,
    allow_before: usize,
    allow_after: usize,
) -> bool {
    let base = path.split('[').next().unwrap_or(path);
    match base {
        "description" => false,
        "passcode.required"
        | "encryption.required"
        | "jailbreak_detection"
        | "restrictions.block_camera"
        | "restrictions.block_usb"
        | "restrictions.block_screen_capture" => truthy(old) && !truthy(new),
        "passcode.min_length" | "passcode.history" => num(new, 0.0) < num(old, 0.0),
        "passcode.max_failed_attempts"
        | "passcode.auto_lock_minutes"
        | "compliance.retire_after_days" => num(new, f64::INFINITY) > num(old, f64::INFINITY),
        "passcode.complexity" => {
            // Absent is the same as `none`.
            let order = ["none", "numeric", "alphanumeric", "complex"];
            rank(new, &order).max(0) < rank(old, &order).max(0)
        }
        "compliance.action" => {
            let order = ["notify", "block_access", "retire"];
            rank(new, &order) < rank(old, &order)
        }
        b if b.starts_with("minimum_os.") => {
            version(new).cmp_to(&version(old)) == std::cmp::Ordering::Less
        }
        // Blocking an app or assigning a group protects; undoing it weakens.
        "apps.block" | "assignments" => old.is_some() && new.is_none(),
        // An allow-list restricts once it is not empty: adding to a non-empty list, or
        // emptying it, lets more apps in.
        "apps.allow" => {
            (old.is_none() && new.is_some() && allow_before > 0)
                || (old.is_some() && new.is_none() && allow_after == 0)
        }
        // Unknown settings: a change is treated as weakening, to be safe.
        _ => true,
    }
}

fn allow_len(m: &BTreeMap<String, Value>) -> usize {
    m.keys().filter(|k| k.starts_with("apps.allow[")).count()
}

/// The changes from `old` to `new` (`None` = the policy does not exist).
pub fn diff(old: Option<&Policy>, new: Option<&Policy>) -> Vec<FieldChange> {
    let empty = BTreeMap::new();
    let a = old.map(flatten).unwrap_or_default();
    let b = new.map(flatten).unwrap_or_default();
    let (a, b) = (
        if old.is_some() { &a } else { &empty },
        if new.is_some() { &b } else { &empty },
    );
    let (allow_a, allow_b) = (allow_len(a), allow_len(b));
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| FieldChange {
            path: k.clone(),
            old: a.get(k).cloned(),
            new: b.get(k).cloned(),
            weakens: weakens(k, a.get(k), b.get(k), allow_a, allow_b),
        })
        .collect()
}

/// The plan from `current` (name → (version, policy)) to `desired`; with `prune`,
/// policies missing from `desired` are deleted. Deleting always weakens.
pub fn plan(
    current: &BTreeMap<String, (u64, Policy)>,
    desired: &[Policy],
    prune: bool,
) -> Vec<PolicyChange> {
    let mut changes = Vec::new();
    for p in desired {
        let cur = current.get(&p.name.0);
        let fields = diff(cur.map(|c| &c.1), Some(p));
        if !fields.is_empty() {
            changes.push(PolicyChange {
                name: p.name.0.clone(),
                op: if cur.is_some() {
                    crate::domain::PolicyOp::Update
                } else {
                    crate::domain::PolicyOp::Create
                },
                base_version: cur.map(|c| c.0),
                weakens: fields.iter().any(|f| f.weakens),
                fields,
            });
        }
    }
    if prune {
        for (name, (version, policy)) in current {
            if desired.iter().any(|p| &p.name.0 == name) {
                continue;
            }
            changes.push(PolicyChange {
                name: name.clone(),
                op: crate::domain::PolicyOp::Delete,
                base_version: Some(*version),
                fields: diff(Some(policy), None),
                weakens: true,
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::parse::parse_bytes;

    fn p(yaml: &str) -> Policy {
        let body = if yaml == "{}" { "" } else { yaml };
        parse_bytes("t.yaml", format!("name: t\n{body}").as_bytes(), false)
            .unwrap()
            .remove(0)
            .policy
    }

    /// Checks both directions: `weaker → stronger` does not weaken, the reverse does.
    fn both_ways(weaker: &str, stronger: &str) {
        let (w, s) = (p(weaker), p(stronger));
        let up = diff(Some(&w), Some(&s));
        let down = diff(Some(&s), Some(&w));
        assert!(
            !up.is_empty(),
            "no change between {weaker:?} and {stronger:?}"
        );
        assert!(
            up.iter().all(|c| !c.weakens),
            "strengthening flagged: {up:?}"
        );
        assert!(down.iter().any(|c| c.weakens), "weakening missed: {down:?}");
    }

    #[test]
    fn every_setting_in_both_directions() {
        both_ways(
            "passcode:\n  required: false",
            "passcode:\n  required: true",
        );
        both_ways("passcode:\n  min_length: 6", "passcode:\n  min_length: 8");
        both_ways(
            "passcode:\n  complexity: numeric",
            "passcode:\n  complexity: alphanumeric",
        );
        both_ways(
            "passcode:\n  max_failed_attempts: 10",
            "passcode:\n  max_failed_attempts: 5",
        );
        both_ways(
            "passcode:\n  auto_lock_minutes: 15",
            "passcode:\n  auto_lock_minutes: 2",
        );
        both_ways("passcode:\n  history: 2", "passcode:\n  history: 10");
        both_ways(
            "encryption:\n  required: false",
            "encryption:\n  required: true",
        );
        both_ways(
            "minimum_os:\n  ios: \"16.7\"",
            "minimum_os:\n  ios: \"17.4\"",
        );
        both_ways(
            "minimum_os:\n  android: \"13\"",
            "minimum_os:\n  android: \"14\"",
        );
        both_ways(
            "minimum_os:\n  macos: \"14.9\"",
            "minimum_os:\n  macos: \"14.10\"",
        );
        both_ways(
            "minimum_os:\n  windows: \"10.0.19045\"",
            "minimum_os:\n  windows: \"10.0.22631\"",
        );
        both_ways("apps:\n  block: [a]", "apps:\n  block: [a, b]");
        both_ways("apps:\n  allow: [a, b]", "apps:\n  allow: [a]");
        both_ways(
            "restrictions:\n  block_camera: false",
            "restrictions:\n  block_camera: true",
        );
        both_ways(
            "restrictions:\n  block_usb: false",
            "restrictions:\n  block_usb: true",
        );
        both_ways(
            "restrictions:\n  block_screen_capture: false",
            "restrictions:\n  block_screen_capture: true",
        );
        both_ways("jailbreak_detection: false", "jailbreak_detection: true");
        both_ways(
            "compliance:\n  action: notify",
            "compliance:\n  action: block_access",
        );
        both_ways(
            "compliance:\n  action: block_access",
            "compliance:\n  action: retire",
        );
        both_ways(
            "compliance:\n  action: retire\n  retire_after_days: 30",
            "compliance:\n  action: retire\n  retire_after_days: 7",
        );
        both_ways("assignments: [sales]", "assignments: [sales, engineering]");
        // An absent setting is the weakest value.
        both_ways("{}", "passcode:\n  min_length: 6");
        both_ways("{}", "minimum_os:\n  ios: \"17\"");
    }

    #[test]
    fn tricky_cases() {
        // An app moved from block to allow.
        let c = diff(
            Some(&p("apps:\n  allow: [x]\n  block: [evil]")),
            Some(&p("apps:\n  allow: [x, evil]")),
        );
        assert!(c.iter().filter(|c| c.weakens).count() == 2, "{c:?}");
        // Starting an allow-list restricts everything else; emptying it lifts that.
        assert!(
            diff(Some(&p("{}")), Some(&p("apps:\n  allow: [x]")))
                .iter()
                .all(|c| !c.weakens)
        );
        assert!(
            diff(Some(&p("apps:\n  allow: [x]")), Some(&p("{}")))
                .iter()
                .any(|c| c.weakens)
        );
        // Descriptions are neutral; deleting a policy weakens; creating one does not.
        assert!(
            diff(Some(&p("description: a")), Some(&p("description: b")))
                .iter()
                .all(|c| !c.weakens)
        );
        let full = p("passcode:\n  min_length: 8\nassignments: [sales]");
        assert!(diff(Some(&full), None).iter().all(|c| c.weakens));
        assert!(diff(None, Some(&full)).iter().all(|c| !c.weakens));
        assert!(diff(Some(&full), Some(&full)).is_empty());
        let paths: Vec<String> = diff(None, Some(&full))
            .into_iter()
            .map(|c| c.path)
            .collect();
        assert_eq!(paths, ["assignments[sales]", "passcode.min_length"]);
    }
}
