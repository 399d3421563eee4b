//! Catalog apps as Intune `mobileApps` assigned to groups.
//!
//! - A catalog entry for Intune references an app that already exists in Intune: its
//!   `source` is `intune:<mobileApp id>` (`mdm apps add --intune-app-id ID`). The gateway
//!   uploads nothing into Intune; an entry without the reference is refused at push.
//! - The catalog's pinned version is checked against the mobileApp's own version where
//!   Graph exposes one (`versionNumber` of iOS/macOS line-of-business apps,
//!   `versionName` of Android ones, `displayVersion` of Win32 ones); store apps carry
//!   none, so there the pin is the admin's word.
//! - `mdm push app --group G` makes the app `required` (with `--uninstall`:
//!   `uninstall`) for the Entra group G
//!   (`POST /deviceAppManagement/mobileApps/{id}/assign`, keeping the app's other
//!   assignments, since `assign` replaces the whole set). It is sent once per action:
//!   each device of the group is accepted when the assignment is there, and
//!   acknowledged when Intune shows it (the install itself is Intune's to report).
//!   Intune assigns apps to groups only, so a push to devices is refused at preview.

use super::graph::{BlockingGraph, GraphError};
use super::policies::group_id;
use crate::actions::Kind;
use crate::backend::{
    ActionRefused, BackendError, BackendResult, Capability, Command, DeviceRef, InFlight, Outcome,
    Submission,
};
use crate::db::Db;
use crate::sql::Connection;
use mdm_model::types::{ActionOptions, App, Target};
use reqwest::Method;
use serde_json::{Value, json};

const BACKEND: &str = "intune";

/// The `source` prefix of a catalog entry that references an Intune app.
pub const SOURCE_PREFIX: &str = "intune:";

/// The Intune app a catalog entry references, if it does.
pub fn intune_app_id(app: &App) -> Option<&str> {
    crate::backend::copy::vendor_app_ref(app, SOURCE_PREFIX)
}

/// The version a mobileApp declares, where its type has one.
pub fn version_of(mobile_app: &Value) -> Option<&str> {
    ["versionNumber", "versionName", "displayVersion"]
        .into_iter()
        .find_map(|k| mobile_app[k].as_str())
        .filter(|v| !v.is_empty())
}

fn refused(message: String, alternative: &'static str) -> ActionRefused {
    ActionRefused {
        backend: BACKEND,
        capability: Capability::AppAssignment,
        message,
        alternative,
    }
}

const TO_GROUPS: &str = "push to a group (--group NAME)";
const ADD_IN_INTUNE: &str = "add the app in Intune, then add it to the catalog with \
     `mdm apps add --intune-app-id ID` (its pinned version must match Intune's)";

/// A catalog app pushed through Intune: resolved, with its Intune id; the mobileApp
/// read from Graph and its version checked against the pin.
fn intune_app(graph: &BlockingGraph, app: &App) -> Result<String, ActionRefused> {
    let Some(id) = intune_app_id(app) else {
        return Err(refused(
            format!(
                "catalog app {} {} references no Intune app: the intune backend does not \
                 upload packages into Intune",
                app.name, app.version
            ),
            ADD_IN_INTUNE,
        ));
    };
    let found: Result<Value, GraphError> = mobile_app_url(graph, id, None)
        .map_err(|e| GraphError::Decode {
            reason: e.to_string(),
        })
        .and_then(|u| graph.get(u));
    let m = match found {
        Ok(m) => m,
        Err(GraphError::NotFound { .. }) => {
            return Err(refused(
                format!(
                    "Intune has no mobileApp {id} (catalog app {} {})",
                    app.name, app.version
                ),
                ADD_IN_INTUNE,
            ));
        }
        Err(e) => {
            return Err(refused(
                format!("cannot read mobileApp {id} from Intune: {e}"),
                "try again later",
            ));
        }
    };
    if let Some(v) = version_of(&m)
        && v != app.version
    {
        return Err(refused(
            format!(
                "the catalog pins {} at version {}, but Intune's app {id} is at version {}",
                app.name,
                app.version,
                mdm_model::escape::terminal(v)
            ),
            "add the version Intune holds to the catalog, or update the app in Intune",
        ));
    }
    Ok(id.to_string())
}

/// Refuses, before anything is stored, a push app Intune cannot carry out: to devices
/// rather than a group, or of a catalog app that references no (matching) Intune app.
pub(super) fn check(
    graph: &BlockingGraph,
    c: &Connection,
    kind: Kind,
    options: &ActionOptions,
    target: &Target,
) -> Result<(), ActionRefused> {
    if kind != Kind::PushApp {
        return Ok(());
    }
    if target.group.is_none() || target.filter.is_some() {
        return Err(refused(
            "Intune assigns apps to groups (whole ones), not to single devices, a filter, a group narrowed by a filter or the whole fleet"
                .into(),
            TO_GROUPS,
        ));
    }
    // An unknown app is the generic not-found of the action's own checks.
    let Some(app) = options
        .app
        .as_deref()
        .and_then(|r| crate::handlers::apps::resolve(c, r).ok())
    else {
        return Ok(());
    };
    intune_app(graph, &app).map(|_| ())
}

fn vendor(e: GraphError) -> BackendError {
    e.into()
}

fn mobile_app_url(graph: &BlockingGraph, id: &str, then: Option<&str>) -> BackendResult<url::Url> {
    let mut u = graph
        .client()
        .v1("deviceAppManagement/mobileApps")
        .map_err(vendor)?;
    if let Ok(mut segs) = u.path_segments_mut() {
        segs.push(id);
        if let Some(t) = then {
            segs.push(t);
        }
    }
    Ok(u)
}

fn assignments(graph: &BlockingGraph, app_id: &str) -> BackendResult<Vec<Value>> {
    let mut out = Vec::new();
    graph
        .for_each_page(
            mobile_app_url(graph, app_id, Some("assignments"))?,
            |page: Vec<Value>| {
                out.extend(page);
                std::ops::ControlFlow::Continue(())
            },
        )
        .map_err(vendor)?;
    Ok(out)
}

fn is_for_group(a: &Value, group_id: &str) -> bool {
    a["target"]["groupId"] == group_id
}

/// The assignment intent of a push app: `required`, or `uninstall` with `--uninstall`.
fn intent_of(o: &ActionOptions) -> &'static str {
    if o.uninstall { "uninstall" } else { "required" }
}

/// One assignment as `assign` takes it back (without its id).
fn as_sent(a: &Value) -> Value {
    let mut out = json!({
        "@odata.type": "#microsoft.graph.mobileAppAssignment",
        "intent": a["intent"],
        "target": a["target"],
    });
    if a["settings"].is_object() {
        out["settings"] = a["settings"].clone();
    }
    out
}

/// Gives `group` the assignment `intent` of `app_id` (`None`: no assignment), keeping
/// the app's other assignments (a group has one intent per app). Nothing is sent when
/// it already is as asked.
pub(super) fn assign(
    graph: &BlockingGraph,
    app_id: &str,
    group: &str,
    intent: Option<&str>,
) -> BackendResult<()> {
    let gid = group_id(graph, group)?;
    let current = assignments(graph, app_id)?;
    let now: Vec<&str> = current
        .iter()
        .filter(|a| is_for_group(a, &gid))
        .filter_map(|a| a["intent"].as_str())
        .collect();
    if now == intent.into_iter().collect::<Vec<_>>() {
        return Ok(());
    }
    let mut list: Vec<Value> = current
        .iter()
        .filter(|a| !is_for_group(a, &gid))
        .map(as_sent)
        .collect();
    if let Some(intent) = intent {
        list.push(json!({
            "@odata.type": "#microsoft.graph.mobileAppAssignment",
            "intent": intent,
            "target": {
                "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                "groupId": gid,
            },
        }));
    }
    graph
        .send_json(
            Method::POST,
            mobile_app_url(graph, app_id, Some("assign"))?,
            Some(&json!({ "mobileAppAssignments": list })),
        )
        .map_err(vendor)?;
    Ok(())
}

/// The group and the Intune app of a push app action, or why it cannot go to Intune.
fn planned(
    graph: &BlockingGraph,
    store: &Db,
    cmd: Command<'_>,
) -> BackendResult<Result<(String, String), String>> {
    let (Some(group), Some(app)) = crate::backend::copy::push_app_target(store, cmd)? else {
        return Ok(Err(
            "Intune assigns catalog apps to groups; this action names no group or no catalog app"
                .into(),
        ));
    };
    Ok(intune_app(graph, &app)
        .map(|id| (group, id))
        .map_err(|r| format!("{}; {}", r.message, r.alternative)))
}

/// `submit` of a push app: the group's required assignment, sent once, answers every
/// device of the batch.
pub(super) fn submit(
    graph: &BlockingGraph,
    store: &Db,
    cmd: Command<'_>,
    devices: &[DeviceRef],
) -> BackendResult<Vec<Submission>> {
    let all = |s: Submission| devices.iter().map(|_| s.clone()).collect();
    let (group, app_id) = match planned(graph, store, cmd)? {
        Ok(p) => p,
        Err(why) => return Ok(all(Submission::Failed(why))),
    };
    match assign(graph, &app_id, &group, Some(intent_of(cmd.options))) {
        Ok(()) => Ok(all(Submission::Accepted)),
        Err(BackendError::Vendor {
            retry_after: Some(_),
            ..
        }) => Ok(all(Submission::Deferred)),
        Err(BackendError::Vendor { message, .. }) => Ok(all(Submission::Failed(format!(
            "Intune refused the app assignment: {message}"
        )))),
        Err(e) => Err(e),
    }
}

/// `outcomes` of a push app: acknowledged once Intune shows the group's assignment.
pub(super) fn outcomes(
    graph: &BlockingGraph,
    store: &Db,
    cmd: Command<'_>,
    in_flight: &[InFlight],
) -> BackendResult<Vec<Outcome>> {
    let all = |o: Outcome| in_flight.iter().map(|_| o.clone()).collect();
    let (group, app_id) = match planned(graph, store, cmd)? {
        Ok(p) => p,
        Err(why) => return Ok(all(Outcome::Failed(why))),
    };
    let gid = group_id(graph, &group)?;
    let intent = intent_of(cmd.options);
    let there = assignments(graph, &app_id)?
        .iter()
        .any(|a| is_for_group(a, &gid) && a["intent"] == intent);
    Ok(all(if there {
        Outcome::Acknowledged
    } else if in_flight.iter().all(|f| f.recovered) {
        Outcome::Failed(crate::backend::DELIVERY_UNKNOWN.into())
    } else {
        Outcome::Waiting
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(source: Option<&str>) -> App {
        App {
            id: "app_1".into(),
            name: "Field".into(),
            bundle_id: "org.example.field".into(),
            version: "4.2.1".into(),
            platform: mdm_model::domain::Platform::Ios,
            sha256: "0".repeat(64),
            source: source.map(str::to_string),
            size: None,
            added_by: "ann".into(),
            added_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn a_catalog_entry_references_its_intune_app_by_source() {
        assert_eq!(intune_app_id(&app(Some("intune:abc"))), Some("abc"));
        assert_eq!(intune_app_id(&app(Some("intune:"))), None);
        assert_eq!(intune_app_id(&app(Some("https://x.example/a.ipa"))), None);
        assert_eq!(intune_app_id(&app(None)), None);
    }

    #[test]
    fn versions_come_from_the_types_that_have_one() {
        assert_eq!(
            version_of(&json!({"versionNumber": "4.2.1"})),
            Some("4.2.1")
        );
        assert_eq!(version_of(&json!({"versionName": "7.0"})), Some("7.0"));
        assert_eq!(version_of(&json!({"displayVersion": "1.2"})), Some("1.2"));
        assert_eq!(
            version_of(&json!({"bundleId": "x", "appStoreUrl": "y"})),
            None
        );
    }

    #[test]
    fn reassigning_keeps_other_assignments_without_their_ids() {
        let a = json!({"id": "x_1", "intent": "available",
                       "target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}});
        let sent = as_sent(&a);
        assert!(sent.get("id").is_none());
        assert_eq!(sent["intent"], "available");
        assert!(is_for_group(&json!({"target": {"groupId": "g"}}), "g"));
        assert!(!is_for_group(&json!({"target": {"groupId": "h"}}), "g"));
        let mut o = ActionOptions::default();
        assert_eq!(intent_of(&o), "required");
        o.uninstall = true;
        assert_eq!(intent_of(&o), "uninstall");
    }
}
