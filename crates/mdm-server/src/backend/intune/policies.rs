//! mdm policies as Intune compliance policies (`deviceCompliancePolicies`).
//!
//! - One mdm policy is one compliance policy per platform it covers, named
//!   `mdm:<policy>:<platform>` (so no mapping table: the name finds it, and an admin in
//!   the portal sees whose it is). The platforms covered are those `minimum_os` names,
//!   or all four when it names none. Types: `iosCompliancePolicy`,
//!   `androidWorkProfileCompliancePolicy` (Android Enterprise; device administrator is
//!   deprecated), `macOSCompliancePolicy`, `windows10CompliancePolicy`.
//! - Mapped: `passcode.required`, `min_length`, `complexity`, `auto_lock_minutes`,
//!   `history`; `encryption.required` (not on iOS, which has no such compliance
//!   setting); `minimum_os.<platform>`; `jailbreak_detection` (iOS and Android only);
//!   `description`; `assignments` (Entra groups by displayName, through `/assign`).
//!   Everything else (`passcode.max_failed_attempts`, `apps`, `restrictions`,
//!   `compliance`) has no compliance-policy equivalent and refuses the policy whole
//!   ([`check`]) before the first write.
//! - Read back ([`read`]): the platform policies are merged into one mdm policy taking
//!   the weakest value of each setting, so drift made in the portal on any platform
//!   shows in `policy diff` and classifies as the weakening it is.
//! - Writes go through the Graph client's write scheduler (`send_json`).

use super::graph::{BlockingGraph, GraphError, ListQuery, Page};
use crate::backend::{BackendError, BackendResult, Unmappable};
use mdm_model::domain::Platform;
use mdm_model::policy::Policy;
use mdm_model::policy::model::{
    Bounded, Complexity, Encryption, Ident, MinimumOs, Passcode, Version,
};
use reqwest::Method;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};
use std::ops::ControlFlow;

const BACKEND: &str = "intune";

/// The Graph type of the compliance policy for `platform`.
pub fn odata_type(platform: Platform) -> &'static str {
    match platform {
        Platform::Ios => "#microsoft.graph.iosCompliancePolicy",
        Platform::Android => "#microsoft.graph.androidWorkProfileCompliancePolicy",
        Platform::Macos => "#microsoft.graph.macOSCompliancePolicy",
        Platform::Windows => "#microsoft.graph.windows10CompliancePolicy",
    }
}

/// `mdm:<policy>:<platform>`: the displayName an mdm policy's part has in Intune.
pub fn display_name(policy: &str, platform: Platform) -> String {
    format!("mdm:{policy}:{}", platform.as_str())
}

/// The platform of a displayName made by [`display_name`] for `policy`.
fn platform_of(display: &str, policy: &str) -> Option<Platform> {
    let rest = display.strip_prefix("mdm:")?.strip_prefix(policy)?;
    Platform::parse(rest.strip_prefix(':')?)
}

/// The platforms `p` covers: those `minimum_os` names, or all four.
pub fn platforms_of(p: &Policy) -> Vec<Platform> {
    let named: Vec<Platform> = match &p.minimum_os {
        Some(m) => [
            (Platform::Ios, m.ios.is_some()),
            (Platform::Android, m.android.is_some()),
            (Platform::Macos, m.macos.is_some()),
            (Platform::Windows, m.windows.is_some()),
        ]
        .into_iter()
        .filter_map(|(p, set)| set.then_some(p))
        .collect(),
        None => Vec::new(),
    };
    if named.is_empty() {
        Platform::ALL.to_vec()
    } else {
        named
    }
}

/// Graph's property names per platform (iOS says "passcode", the others "password").
struct Names {
    required: &'static str,
    min_length: &'static str,
    kind: &'static str,
    char_sets: Option<&'static str>,
    idle: &'static str,
    history: &'static str,
}

fn names(platform: Platform) -> Names {
    match platform {
        Platform::Ios => Names {
            required: "passcodeRequired",
            min_length: "passcodeMinimumLength",
            kind: "passcodeRequiredType",
            char_sets: Some("passcodeMinimumCharacterSetCount"),
            idle: "passcodeMinutesOfInactivityBeforeLock",
            history: "passcodePreviousPasscodeBlockCount",
        },
        Platform::Android => Names {
            required: "passwordRequired",
            min_length: "passwordMinimumLength",
            kind: "passwordRequiredType",
            char_sets: None,
            idle: "passwordMinutesOfInactivityBeforeLock",
            history: "passwordPreviousPasswordBlockCount",
        },
        Platform::Macos | Platform::Windows => Names {
            required: "passwordRequired",
            min_length: "passwordMinimumLength",
            kind: "passwordRequiredType",
            char_sets: Some("passwordMinimumCharacterSetCount"),
            idle: "passwordMinutesOfInactivityBeforeLock",
            history: "passwordPreviousPasswordBlockCount",
        },
    }
}

/// Character sets a `complex` passcode needs where Graph counts them (iOS, macOS,
/// Windows: `alphanumeric` with this many sets).
const COMPLEX_CHAR_SETS: u64 = 3;

fn unmappable(setting: &str, platform: Option<Platform>) -> Unmappable {
    Unmappable {
        backend: BACKEND,
        setting: setting.to_string(),
        platform: platform.map(Platform::as_str),
    }
}

/// Refuses `p` when any setting has no equivalent on a platform it covers.
pub fn check(p: &Policy) -> Result<(), Unmappable> {
    if p.passcode
        .as_ref()
        .is_some_and(|c| c.max_failed_attempts.is_some())
    {
        return Err(unmappable("passcode.max_failed_attempts", None));
    }
    if let Some(a) = &p.apps
        && (!a.allow.is_empty() || !a.block.is_empty())
    {
        let which = if a.allow.is_empty() {
            "apps.block"
        } else {
            "apps.allow"
        };
        return Err(unmappable(which, None));
    }
    if let Some(r) = &p.restrictions {
        for (set, name) in [
            (r.block_camera.is_some(), "restrictions.block_camera"),
            (r.block_usb.is_some(), "restrictions.block_usb"),
            (
                r.block_screen_capture.is_some(),
                "restrictions.block_screen_capture",
            ),
        ] {
            if set {
                return Err(unmappable(name, None));
            }
        }
    }
    if let Some(c) = &p.compliance
        && (c.action.is_some() || c.retire_after_days.is_some())
    {
        return Err(unmappable("compliance.action", None));
    }
    for platform in platforms_of(p) {
        let encrypt = p.encryption.as_ref().is_some_and(|e| e.required.is_some());
        if encrypt && platform == Platform::Ios {
            return Err(unmappable("encryption.required", Some(platform)));
        }
        if p.jailbreak_detection.is_some()
            && matches!(platform, Platform::Macos | Platform::Windows)
        {
            return Err(unmappable("jailbreak_detection", Some(platform)));
        }
    }
    Ok(())
}

/// The compliance policy for `platform` (without `scheduledActionsForRule`, which only
/// a create carries); `check` must have passed.
pub fn to_graph(p: &Policy, platform: Platform) -> Map<String, Value> {
    let n = names(platform);
    let mut m = Map::new();
    m.insert("@odata.type".into(), json!(odata_type(platform)));
    m.insert(
        "displayName".into(),
        json!(display_name(&p.name.0, platform)),
    );
    m.insert("description".into(), json!(p.description));
    let pc = p.passcode.clone().unwrap_or_default();
    m.insert(n.required.into(), json!(pc.required.unwrap_or(false)));
    m.insert(n.min_length.into(), json!(pc.min_length.map(|b| b.0)));
    m.insert(n.idle.into(), json!(pc.auto_lock_minutes.map(|b| b.0)));
    m.insert(n.history.into(), json!(pc.history.map(|b| b.0)));
    let (kind, sets) = match (platform, pc.complexity) {
        (_, None | Some(Complexity::None)) => ("deviceDefault", None),
        (_, Some(Complexity::Numeric)) => ("numeric", None),
        (_, Some(Complexity::Alphanumeric)) => ("alphanumeric", None),
        (Platform::Android, Some(Complexity::Complex)) => ("alphanumericWithSymbols", None),
        (_, Some(Complexity::Complex)) => ("alphanumeric", Some(COMPLEX_CHAR_SETS)),
    };
    m.insert(n.kind.into(), json!(kind));
    if let Some(cs) = n.char_sets {
        m.insert(cs.into(), json!(sets));
    }
    let os = p.minimum_os.as_ref().and_then(|o| match platform {
        Platform::Ios => o.ios.clone(),
        Platform::Android => o.android.clone(),
        Platform::Macos => o.macos.clone(),
        Platform::Windows => o.windows.clone(),
    });
    m.insert("osMinimumVersion".into(), json!(os.map(|v| v.0)));
    if platform != Platform::Ios {
        let enc = p.encryption.as_ref().and_then(|e| e.required);
        m.insert(
            "storageRequireEncryption".into(),
            json!(enc.unwrap_or(false)),
        );
    }
    if matches!(platform, Platform::Ios | Platform::Android) {
        m.insert(
            "securityBlockJailbrokenDevices".into(),
            json!(p.jailbreak_detection.unwrap_or(false)),
        );
    }
    m
}

/// What one platform's compliance policy enforces, in mdm's terms.
#[derive(Debug, Clone, PartialEq)]
struct Part {
    required: bool,
    min_length: Option<u32>,
    complexity: Complexity,
    idle: Option<u32>,
    history: Option<u32>,
    min_os: Option<Version>,
    encryption: bool,
    jailbreak: bool,
}

fn u32_of(v: &Value) -> Option<u32> {
    v.as_u64().and_then(|n| u32::try_from(n).ok())
}

fn part_of(platform: Platform, g: &Value) -> Part {
    let n = names(platform);
    let sets = n.char_sets.and_then(|k| g[k].as_u64()).unwrap_or(0);
    let complexity = match g[n.kind].as_str().unwrap_or("deviceDefault") {
        "numeric" | "numericComplex" => Complexity::Numeric,
        "alphanumericWithSymbols" => Complexity::Complex,
        "alphanumeric" if sets >= COMPLEX_CHAR_SETS => Complexity::Complex,
        "alphanumeric" | "alphabetic" => Complexity::Alphanumeric,
        _ => Complexity::None,
    };
    Part {
        required: g[n.required].as_bool().unwrap_or(false),
        min_length: u32_of(&g[n.min_length]),
        complexity,
        idle: u32_of(&g[n.idle]),
        history: u32_of(&g[n.history]),
        min_os: g["osMinimumVersion"]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(|s| Version(s.to_string())),
        encryption: g["storageRequireEncryption"].as_bool().unwrap_or(false),
        jailbreak: g["securityBlockJailbrokenDevices"]
            .as_bool()
            .unwrap_or(false),
    }
}

/// The weakest of `values` where each present one is stronger when larger (`None` when
/// any part lacks it: that part does not enforce it).
fn weakest_min(values: impl Iterator<Item = Option<u32>>) -> Option<u32> {
    let mut out: Option<u32> = None;
    for v in values {
        let v = v?;
        out = Some(out.map_or(v, |o| o.min(v)));
    }
    out
}

fn bounded<const MIN: u32, const MAX: u32>(v: Option<u32>) -> Option<Bounded<MIN, MAX>> {
    v.map(|v| Bounded(v.clamp(MIN, MAX)))
}

/// The mdm policy `name` as its platform parts in Intune hold it (each part with its
/// assignments' group ids), the weakest value of each setting; `groups` names group ids.
fn from_graph(name: &str, parts: &[(Platform, Value)], groups: &HashMap<String, String>) -> Policy {
    let ps: Vec<Part> = parts.iter().map(|(pl, g)| part_of(*pl, g)).collect();
    let minutes_of_idle = {
        // Auto-lock: a longer wait is weaker, so the weakest is the largest.
        let mut out: Option<u32> = None;
        let mut all = true;
        for p in &ps {
            match p.idle {
                Some(v) => out = Some(out.map_or(v, |o| o.max(v))),
                None => all = false,
            }
        }
        out.filter(|_| all)
    };
    let passcode = Passcode {
        required: ps.iter().all(|p| p.required).then_some(true),
        min_length: bounded(weakest_min(ps.iter().map(|p| p.min_length))),
        complexity: ps
            .iter()
            .map(|p| p.complexity)
            .min()
            .filter(|c| *c != Complexity::None),
        max_failed_attempts: None,
        auto_lock_minutes: bounded(minutes_of_idle),
        history: bounded(weakest_min(ps.iter().map(|p| p.history))),
    };
    let mut min_os = MinimumOs::default();
    for ((platform, _), p) in parts.iter().zip(&ps) {
        let slot = match platform {
            Platform::Ios => &mut min_os.ios,
            Platform::Android => &mut min_os.android,
            Platform::Macos => &mut min_os.macos,
            Platform::Windows => &mut min_os.windows,
        };
        *slot = p.min_os.clone();
    }
    let covered: Vec<Platform> = parts.iter().map(|(p, _)| *p).collect();
    let encrypting: Vec<&Part> = parts
        .iter()
        .zip(&ps)
        .filter(|((pl, _), _)| *pl != Platform::Ios)
        .map(|(_, p)| p)
        .collect();
    let encryption =
        (!encrypting.is_empty() && encrypting.iter().all(|p| p.encryption)).then_some(Encryption {
            required: Some(true),
        });
    let jailbreak_parts: Vec<&Part> = parts
        .iter()
        .zip(&ps)
        .filter(|((pl, _), _)| matches!(pl, Platform::Ios | Platform::Android))
        .map(|(_, p)| p)
        .collect();
    let jailbreak = (!jailbreak_parts.is_empty()
        && jailbreak_parts.iter().all(|p| p.jailbreak)
        && covered
            .iter()
            .all(|p| matches!(p, Platform::Ios | Platform::Android)))
    .then_some(true);
    // A group is assigned when every part is assigned to it.
    let mut assignments: Option<Vec<String>> = None;
    for (_, g) in parts {
        let ids = assigned_group_ids(g);
        assignments = Some(match assignments {
            None => ids,
            Some(prev) => prev.into_iter().filter(|i| ids.contains(i)).collect(),
        });
    }
    let mut assignments: Vec<Ident> = assignments
        .unwrap_or_default()
        .into_iter()
        .map(|id| Ident(groups.get(&id).cloned().unwrap_or(id)))
        .collect();
    assignments.sort();
    let description = parts
        .iter()
        .find_map(|(_, g)| g["description"].as_str().filter(|d| !d.is_empty()))
        .map(str::to_string);
    Policy {
        name: Ident(name.to_string()),
        description,
        passcode: (passcode != Passcode::default()).then_some(passcode),
        encryption,
        minimum_os: (min_os != MinimumOs::default()).then_some(min_os),
        apps: None,
        restrictions: None,
        jailbreak_detection: jailbreak,
        compliance: None,
        assignments,
    }
}

/// The group ids of a policy's `assignments` (inlined by `$expand=assignments`).
fn assigned_group_ids(g: &Value) -> Vec<String> {
    g["assignments"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["target"]["groupId"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn vendor(e: GraphError) -> BackendError {
    e.into()
}

fn failed(message: String) -> BackendError {
    BackendError::Vendor {
        message,
        retry_after: None,
    }
}

fn policies_url(graph: &BlockingGraph) -> BackendResult<url::Url> {
    graph
        .client()
        .v1("deviceManagement/deviceCompliancePolicies")
        .map_err(vendor)
}

fn policy_url(graph: &BlockingGraph, id: &str, action: Option<&str>) -> BackendResult<url::Url> {
    let mut u = policies_url(graph)?;
    if let Ok(mut segs) = u.path_segments_mut() {
        segs.push(id);
        if let Some(a) = action {
            segs.push(a);
        }
    }
    Ok(u)
}

/// The parts of `policy` in Intune, by platform, with their assignments.
fn parts(graph: &BlockingGraph, policy: &str) -> BackendResult<BTreeMap<Platform, Value>> {
    let mut u = policies_url(graph)?;
    u.query_pairs_mut().append_pair("$expand", "assignments");
    let mut found = BTreeMap::new();
    let listed = graph
        .for_each_page(u, |page: Vec<Value>| {
            for p in page {
                if let Some(pl) = p["displayName"]
                    .as_str()
                    .and_then(|d| platform_of(d, policy))
                {
                    found.insert(pl, p);
                }
            }
            ControlFlow::Continue(())
        })
        .map_err(vendor)?;
    if !listed.complete {
        return Err(failed(
            "the deviceCompliancePolicies list stopped before its end".into(),
        ));
    }
    Ok(found)
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphGroup {
    id: String,
    #[serde(default)]
    display_name: Option<String>,
}

/// A string literal for `$filter` (single quotes doubled).
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The Entra group id of the group named `name` (its displayName), `None` when Entra
/// has no such group.
fn find_group_id(graph: &BlockingGraph, name: &str) -> BackendResult<Option<String>> {
    let q = ListQuery {
        filter: Some(format!("displayName eq {}", literal(name))),
        select: vec!["id".into(), "displayName".into()],
        ..ListQuery::default()
    };
    let u = graph.client().v1("groups").map_err(vendor)?;
    let found: Page<GraphGroup> = graph.page(q.apply(u)).map_err(vendor)?;
    Ok(found
        .value
        .into_iter()
        .find(|g| g.display_name.as_deref().is_none_or(|d| d == name))
        .map(|g| g.id))
}

/// [`find_group_id`], where a missing group is an error naming it.
pub(super) fn group_id(graph: &BlockingGraph, name: &str) -> BackendResult<String> {
    find_group_id(graph, name)?
        .ok_or_else(|| failed(format!("Entra ID has no group named {name:?}")))
}

fn assign_body(group_ids: &[String]) -> Value {
    let list: Vec<Value> = group_ids
        .iter()
        .map(|id| {
            json!({
                "@odata.type": "#microsoft.graph.deviceCompliancePolicyAssignment",
                "target": {
                    "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                    "groupId": id,
                },
            })
        })
        .collect();
    json!({ "assignments": list })
}

/// What a new compliance policy needs besides its settings: Intune's default action,
/// marking the device noncompliant at once.
fn scheduled_actions() -> Value {
    json!([{
        "ruleName": "PasswordRequired",
        "scheduledActionConfigurations": [{
            "actionType": "block",
            "gracePeriodHours": 0,
            "notificationTemplateId": "",
            "notificationMessageCCList": [],
        }],
    }])
}

/// Creates or updates the platform parts of `p`, assigns them to its groups, and
/// deletes parts of platforms it no longer covers. Everything that can fail without
/// writing (the mapping, the group ids, the current parts) is settled first.
pub(super) fn apply(graph: &BlockingGraph, p: &Policy) -> BackendResult<()> {
    check(p).map_err(|u| failed(u.into_api(&p.name.0).message))?;
    let group_ids = p
        .assignments
        .iter()
        .map(|g| group_id(graph, &g.0))
        .collect::<BackendResult<Vec<String>>>()?;
    let existing = parts(graph, &p.name.0)?;
    let wanted = platforms_of(p);
    for platform in &wanted {
        let body = to_graph(p, *platform);
        let id = match existing.get(platform) {
            Some(cur) => {
                let id = cur["id"].as_str().unwrap_or_default().to_string();
                let u = policy_url(graph, &id, None)?;
                graph
                    .send_json(Method::PATCH, u, Some(&Value::Object(body)))
                    .map_err(vendor)?;
                id
            }
            None => {
                let mut body = body;
                body.insert("scheduledActionsForRule".into(), scheduled_actions());
                let made = graph
                    .send_json(
                        Method::POST,
                        policies_url(graph)?,
                        Some(&Value::Object(body)),
                    )
                    .map_err(vendor)?;
                made.as_ref()
                    .and_then(|m| m["id"].as_str())
                    .map(str::to_string)
                    .ok_or_else(|| failed("Intune created a policy without an id".into()))?
            }
        };
        let same = existing.get(platform).is_some_and(|cur| {
            let mut have = assigned_group_ids(cur);
            let mut want = group_ids.clone();
            have.sort();
            want.sort();
            have == want
        });
        if !same {
            let u = policy_url(graph, &id, Some("assign"))?;
            graph
                .send_json(Method::POST, u, Some(&assign_body(&group_ids)))
                .map_err(vendor)?;
        }
    }
    for (platform, cur) in &existing {
        if !wanted.contains(platform) {
            delete_part(graph, cur)?;
        }
    }
    Ok(())
}

fn delete_part(graph: &BlockingGraph, part: &Value) -> BackendResult<()> {
    let id = part["id"].as_str().unwrap_or_default();
    match graph.send_json(Method::DELETE, policy_url(graph, id, None)?, None) {
        Ok(_) | Err(GraphError::NotFound { .. }) => Ok(()),
        Err(e) => Err(vendor(e)),
    }
}

/// Deletes every platform part of `name`.
pub(super) fn remove(graph: &BlockingGraph, name: &str) -> BackendResult<()> {
    for part in parts(graph, name)?.values() {
        delete_part(graph, part)?;
    }
    Ok(())
}

/// The policy as Intune holds it: `None` when no part of it is there. `groups` are the
/// configured Entra groups, so assignment ids read back as their names.
pub(super) fn read(
    graph: &BlockingGraph,
    groups: &[String],
    name: &str,
) -> BackendResult<Option<Policy>> {
    let found = parts(graph, name)?;
    if found.is_empty() {
        return Ok(None);
    }
    let mut names = HashMap::new();
    for g in groups {
        if let Some(id) = find_group_id(graph, g)? {
            names.insert(id, g.clone());
        }
    }
    let parts: Vec<(Platform, Value)> = found.into_iter().collect();
    Ok(Some(from_graph(name, &parts, &names)))
}

/// Adds or removes `group` on every platform part of `name`.
pub(super) fn assign(
    graph: &BlockingGraph,
    name: &str,
    group: &str,
    assigned: bool,
) -> BackendResult<()> {
    let gid = group_id(graph, group)?;
    let found = parts(graph, name)?;
    if found.is_empty() {
        return Err(failed(format!("Intune holds no part of policy {name}")));
    }
    for part in found.values() {
        let mut ids = assigned_group_ids(part);
        if assigned == ids.contains(&gid) {
            continue;
        }
        if assigned {
            ids.push(gid.clone());
        } else {
            ids.retain(|i| *i != gid);
        }
        let id = part["id"].as_str().unwrap_or_default();
        graph
            .send_json(
                Method::POST,
                policy_url(graph, id, Some("assign"))?,
                Some(&assign_body(&ids)),
            )
            .map_err(vendor)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(yaml: &str) -> Policy {
        serde_yaml_ng_or_json(yaml)
    }

    /// Policies in tests are written as JSON (the model's serde form).
    fn serde_yaml_ng_or_json(s: &str) -> Policy {
        serde_json::from_str(s).expect("test policy parses")
    }

    /// What Intune would hold after `to_graph`, with assignments inlined.
    fn held(p: &Policy, group_ids: &[&str]) -> Vec<(Platform, Value)> {
        platforms_of(p)
            .into_iter()
            .map(|pl| {
                let mut m = to_graph(p, pl);
                let a: Vec<Value> = group_ids
                    .iter()
                    .map(|g| json!({"target": {"groupId": g}}))
                    .collect();
                m.insert("assignments".into(), json!(a));
                (pl, Value::Object(m))
            })
            .collect()
    }

    fn groups() -> HashMap<String, String> {
        HashMap::from([
            ("g1".to_string(), "mdm-pilot".to_string()),
            ("g2".to_string(), "Sales".to_string()),
        ])
    }

    #[test]
    fn settings_map_to_each_platform_and_back() {
        let p = policy(
            r#"{"name": "baseline", "description": "the floor",
                "passcode": {"required": true, "min_length": 8, "complexity": "complex",
                             "auto_lock_minutes": 5, "history": 4},
                "encryption": {"required": true},
                "minimum_os": {"android": "13", "windows": "10.0.22631"},
                "assignments": ["Sales", "mdm-pilot"]}"#,
        );
        check(&p).unwrap();
        assert_eq!(platforms_of(&p), vec![Platform::Android, Platform::Windows]);
        let a = to_graph(&p, Platform::Android);
        assert_eq!(
            a["@odata.type"],
            "#microsoft.graph.androidWorkProfileCompliancePolicy"
        );
        assert_eq!(a["displayName"], "mdm:baseline:android");
        assert_eq!(a["passwordRequired"], true);
        assert_eq!(a["passwordMinimumLength"], 8);
        assert_eq!(a["passwordRequiredType"], "alphanumericWithSymbols");
        assert_eq!(a["storageRequireEncryption"], true);
        assert_eq!(a["osMinimumVersion"], "13");
        assert_eq!(a["securityBlockJailbrokenDevices"], false);
        let w = to_graph(&p, Platform::Windows);
        assert_eq!(
            w["@odata.type"],
            "#microsoft.graph.windows10CompliancePolicy"
        );
        assert_eq!(w["passwordRequiredType"], "alphanumeric");
        assert_eq!(w["passwordMinimumCharacterSetCount"], 3);
        assert_eq!(w["passwordMinutesOfInactivityBeforeLock"], 5);
        assert_eq!(w["passwordPreviousPasswordBlockCount"], 4);
        assert!(w.get("securityBlockJailbrokenDevices").is_none());
        let back = from_graph("baseline", &held(&p, &["g2", "g1"]), &groups());
        let mut want = p.clone();
        want.assignments.sort();
        assert_eq!(back, want);
    }

    #[test]
    fn ios_names_its_passcode_settings_and_detects_jailbreaks() {
        let p = policy(
            r#"{"name": "phones", "passcode": {"required": true, "min_length": 6,
                 "complexity": "numeric"}, "jailbreak_detection": true,
                 "minimum_os": {"ios": "17.4", "android": "14"}}"#,
        );
        check(&p).unwrap();
        let i = to_graph(&p, Platform::Ios);
        assert_eq!(i["@odata.type"], "#microsoft.graph.iosCompliancePolicy");
        assert_eq!(i["passcodeRequired"], true);
        assert_eq!(i["passcodeMinimumLength"], 6);
        assert_eq!(i["passcodeRequiredType"], "numeric");
        assert_eq!(i["securityBlockJailbrokenDevices"], true);
        assert_eq!(i["osMinimumVersion"], "17.4");
        assert!(i.get("storageRequireEncryption").is_none());
        assert_eq!(from_graph("phones", &held(&p, &[]), &groups()), p);
    }

    #[test]
    fn the_weakest_platform_is_what_reads_back() {
        let p = policy(
            r#"{"name": "baseline", "passcode": {"required": true, "min_length": 8},
                "encryption": {"required": true}, "assignments": ["Sales"]}"#,
        );
        let mut parts = held(&p, &["g2"]);
        assert_eq!(parts.len(), 4, "no minimum_os: all four platforms");
        // Drift in the portal on macOS: a shorter passcode, no encryption.
        let mac = parts
            .iter_mut()
            .find(|(pl, _)| *pl == Platform::Macos)
            .unwrap();
        mac.1["passwordMinimumLength"] = json!(4);
        mac.1["storageRequireEncryption"] = json!(false);
        let back = from_graph("baseline", &parts, &groups());
        assert_eq!(back.passcode.as_ref().unwrap().min_length, Some(Bounded(4)));
        assert_eq!(back.encryption, None);
        // An assignment removed on one platform is removed.
        parts[0].1["assignments"] = json!([]);
        assert!(
            from_graph("baseline", &parts, &groups())
                .assignments
                .is_empty()
        );
        // An unknown group reads back as its id.
        let unknown = from_graph("baseline", &held(&p, &["g9"]), &groups());
        assert_eq!(unknown.assignments, vec![Ident("g9".into())]);
    }

    #[test]
    fn settings_without_an_equivalent_name_setting_and_platform() {
        let cases = [
            (
                r#"{"name": "a", "encryption": {"required": true}}"#,
                "encryption.required",
                Some("ios"),
            ),
            (
                r#"{"name": "a", "jailbreak_detection": true, "minimum_os": {"ios": "17", "macos": "14"}}"#,
                "jailbreak_detection",
                Some("macos"),
            ),
            (
                r#"{"name": "a", "passcode": {"max_failed_attempts": 5}}"#,
                "passcode.max_failed_attempts",
                None,
            ),
            (
                r#"{"name": "a", "restrictions": {"block_camera": true}}"#,
                "restrictions.block_camera",
                None,
            ),
            (
                r#"{"name": "a", "apps": {"block": ["x"]}}"#,
                "apps.block",
                None,
            ),
            (
                r#"{"name": "a", "compliance": {"action": "notify"}}"#,
                "compliance.action",
                None,
            ),
        ];
        for (json, setting, platform) in cases {
            let e = check(&policy(json)).unwrap_err();
            assert_eq!(e.setting, setting, "{json}");
            assert_eq!(e.platform, platform, "{json}");
            let api = e.into_api("a");
            assert_eq!(api.status, axum::http::StatusCode::NOT_IMPLEMENTED);
            assert!(api.message.contains(setting), "{}", api.message);
            assert!(api.message.contains("intune"), "{}", api.message);
        }
        // Encryption is fine where the policy covers no iOS devices.
        check(&policy(
            r#"{"name": "a", "encryption": {"required": true}, "minimum_os": {"macos": "14"}}"#,
        ))
        .unwrap();
    }

    #[test]
    fn display_names_find_their_platform() {
        assert_eq!(platform_of("mdm:base:ios", "base"), Some(Platform::Ios));
        assert_eq!(platform_of("mdm:baseline:ios", "base"), None);
        assert_eq!(platform_of("mdm:base:tv", "base"), None);
        assert_eq!(platform_of("Contoso iOS", "base"), None);
    }
}
