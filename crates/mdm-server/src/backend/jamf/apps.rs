//! Catalog apps as Jamf App Installers deployments to smart computer groups.
//!
//! - A catalog entry for Jamf references an App Installers title that Jamf already
//!   offers: its `source` is `jamf:<title id>` (`mdm apps add --jamf-app-title ID
//!   --platform macos`). The gateway uploads nothing into Jamf.
//! - App Installers deploy to *smart computer groups* only (the deployment's
//!   `smartGroupId`); a push to devices, a filter, a static group or a mobile device
//!   group is refused at preview, as is `--uninstall` (App Installers install and
//!   update; they do not remove).
//! - `mdm push app --group G` creates one deployment per action
//!   (`POST /v1/app-installers/deployments`, `INSTALL_AUTOMATICALLY`) *disabled*, reads
//!   back the version Jamf will install, and enables it (`PUT`) only when that is the
//!   catalog's pinned version; otherwise it deletes it again and fails the push, so an
//!   unvetted version is never deployed. `updateBehavior` is `MANUAL` for the same
//!   reason: Jamf does not move the group on to a later version by itself.
//! - A deployment of the same title to the same group that is already enabled answers
//!   the push (nothing is created twice, also after a gateway restart in the middle).
//! - Each computer is acknowledged once the deployment lists it
//!   (`GET /v1/app-installers/deployments/{id}/computers`) without an error; one with an
//!   error fails with Jamf's words.

use super::backend::Jamf;
use super::client::JamfError;
use super::inventory::{self, Inventory};
use crate::actions::Kind;
use crate::backend::{
    ActionRefused, BackendResult, Capability, Command, DeviceRef, InFlight, Outcome, Submission,
};
use crate::db::Db;
use crate::sql::Connection;
use mdm_model::escape;
use mdm_model::types::{ActionOptions, App, Target};
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

/// The `source` prefix of a catalog entry that references a Jamf App Installers title.
pub const SOURCE_PREFIX: &str = "jamf:";

use super::backend::PRIV_READ_GROUPS as PRIV_GROUPS;
const PRIV_READ: &str = "the privilege \"Read App Installers\"";
const PRIV_CREATE: &str = "the privilege \"Create App Installers\"";
const PRIV_UPDATE: &str = "the privilege \"Update App Installers\"";
const PRIV_DELETE: &str = "the privilege \"Delete App Installers\"";

const DEPLOYMENTS: &str = "v1/app-installers/deployments";
/// The largest `page-size` the deployments list takes.
const PAGE: usize = 1000;

const TO_SMART_GROUPS: &str = "push to a smart computer group of Jamf Pro (--group NAME)";
const ADD_TITLE: &str = "add the App Installers title to the catalog with `mdm apps add \
     --jamf-app-title ID --platform macos --version V --sha256 HEX` (V: the version Jamf offers)";

/// The App Installers title a catalog entry references, if it does.
pub fn title_id(app: &App) -> Option<&str> {
    crate::backend::copy::vendor_app_ref(app, SOURCE_PREFIX)
}

fn refused(message: String, alternative: &'static str) -> ActionRefused {
    ActionRefused {
        backend: "jamf",
        capability: Capability::AppAssignment,
        message,
        alternative,
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ComputerGroup {
    id: String,
    name: String,
    #[serde(default)]
    smart_group: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct IdName {
    id: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct TitleRef {
    id: String,
    selected_version: Option<String>,
    deployed_version: Option<String>,
    latest_version: Option<String>,
}

/// One deployment of the list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Listed {
    id: String,
    name: String,
    enabled: bool,
    app: Option<TitleRef>,
    smart_group: Option<IdName>,
}

/// One deployment read by id.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Deployment {
    selected_version: Option<String>,
    latest_available_version: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page<T> {
    #[serde(default)]
    total_count: Option<u64>,
    #[serde(default = "Vec::new")]
    results: Vec<T>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct DeployedComputer {
    id: String,
    status: String,
    error: String,
}

fn known(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|v| !v.is_empty())
}

/// The id of Jamf's smart computer group `name`; the inner `Err` says why it cannot be
/// an App Installers target.
fn smart_group_id(jamf: &Jamf, name: &str) -> Result<Result<String, String>, JamfError> {
    let groups: Vec<ComputerGroup> = jamf.client().get("v1/computer-groups", &[], PRIV_GROUPS)?;
    Ok(match groups.into_iter().find(|g| g.name == name) {
        Some(g) if g.smart_group => Ok(g.id),
        Some(_) => Err(format!(
            "{} is a static computer group in Jamf Pro; App Installers deploy to smart computer groups only",
            escape::terminal(name)
        )),
        None => Err(format!(
            "Jamf Pro has no computer group named {} (App Installers deploy to smart computer groups; mobile device groups cannot be a target)",
            escape::terminal(name)
        )),
    })
}

/// Refuses, before anything is stored, a push app Jamf cannot carry out (see the
/// module doc).
pub(super) fn check(
    jamf: &Jamf,
    c: &Connection,
    kind: Kind,
    options: &ActionOptions,
    target: &Target,
) -> Result<(), ActionRefused> {
    if kind != Kind::PushApp {
        return Ok(());
    }
    if options.uninstall {
        return Err(refused(
            "Jamf App Installers install and update apps; they do not uninstall them".into(),
            "remove the app from Jamf Pro (a policy or a script), or push without --uninstall",
        ));
    }
    let Some(group) = target.group.as_deref().filter(|_| target.filter.is_none()) else {
        return Err(refused(
            "Jamf App Installers deploy to smart computer groups (whole ones), not to single devices, a filter, a group narrowed by a filter or the whole fleet"
                .into(),
            TO_SMART_GROUPS,
        ));
    };
    // An unknown app is the generic not-found of the action's own checks.
    let Some(app) = options
        .app
        .as_deref()
        .and_then(|r| crate::handlers::apps::resolve(c, r).ok())
    else {
        return Ok(());
    };
    if title_id(&app).is_none() {
        return Err(refused(
            format!(
                "catalog app {} {} references no Jamf App Installers title: the jamf backend does not upload packages into Jamf Pro",
                escape::terminal(&app.name),
                escape::terminal(&app.version)
            ),
            ADD_TITLE,
        ));
    }
    match smart_group_id(jamf, group) {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(why)) => Err(refused(why, TO_SMART_GROUPS)),
        Err(e) => Err(refused(
            format!(
                "cannot read Jamf's computer groups: {}",
                escape::terminal(&e.to_string())
            ),
            "try again later",
        )),
    }
}

/// The smart group and the catalog app of a push app action, or why it cannot go to
/// Jamf.
struct Plan {
    group_id: String,
    title: String,
    app: App,
}

fn plan(jamf: &Jamf, store: &Db, cmd: Command<'_>) -> BackendResult<Result<Plan, String>> {
    let (Some(group), Some(app)) = crate::backend::copy::push_app_target(store, cmd)? else {
        return Ok(Err(
            "Jamf App Installers deploy catalog apps to groups; this action names no group or no catalog app"
                .into(),
        ));
    };
    let Some(title) = title_id(&app).map(String::from) else {
        return Ok(Err(format!(
            "catalog app {} references no Jamf App Installers title",
            escape::terminal(&app.name)
        )));
    };
    Ok(smart_group_id(jamf, &group)?.map(|group_id| Plan {
        group_id,
        title,
        app,
    }))
}

/// The deployment of `title` to `group_id`, if Jamf has one.
fn find(jamf: &Jamf, title: &str, group_id: &str) -> Result<Option<Listed>, JamfError> {
    for page in 0usize.. {
        let q = [("page", page.to_string()), ("page-size", PAGE.to_string())];
        let p: Page<Listed> = jamf.client().get(DEPLOYMENTS, &q, PRIV_READ)?;
        let n = p.results.len();
        if let Some(d) = p.results.into_iter().find(|d| {
            d.app.as_ref().is_some_and(|a| a.id == title)
                && d.smart_group.as_ref().is_some_and(|g| g.id == group_id)
        }) {
            return Ok(Some(d));
        }
        let total = p.total_count.unwrap_or(0) as usize;
        if n < PAGE || (page + 1) * PAGE >= total {
            break;
        }
    }
    Ok(None)
}

/// The name the gateway gives its deployment: the action id makes it the gateway's own.
fn name_of(cmd: Command<'_>, app: &App) -> String {
    format!("{} {} (mdm {})", app.name, app.version, cmd.action)
}

fn body(cmd: Command<'_>, p: &Plan, enabled: bool) -> Value {
    json!({
        "name": name_of(cmd, &p.app),
        "enabled": enabled,
        "appTitleId": p.title,
        "deploymentType": "INSTALL_AUTOMATICALLY",
        "updateBehavior": "MANUAL",
        "smartGroupId": p.group_id,
    })
}

fn other_version(p: &Plan, v: &str) -> String {
    format!(
        "Jamf's App Installers title {} is at version {}, but the catalog pins {} at {}: nothing was deployed",
        escape::terminal(&p.title),
        escape::terminal(v),
        escape::terminal(&p.app.name),
        escape::terminal(&p.app.version)
    )
}

/// Creates (disabled), checks and enables the deployment; `Err` is the push's failure.
fn deploy(jamf: &Jamf, cmd: Command<'_>, p: &Plan) -> Result<Result<(), String>, JamfError> {
    let c = jamf.client();
    let id = match find(jamf, &p.title, &p.group_id)? {
        Some(d) if d.enabled => {
            let v = d.app.as_ref().and_then(|a| {
                known(&a.selected_version)
                    .or(known(&a.deployed_version))
                    .or(known(&a.latest_version))
            });
            return Ok(match v {
                Some(v) if v != p.app.version => Err(format!(
                    "{} (an enabled deployment, {}, is already there)",
                    other_version(p, v),
                    escape::terminal(&d.name)
                )),
                _ => Ok(()),
            });
        }
        Some(d) if d.name == name_of(cmd, &p.app) => d.id,
        Some(d) => {
            return Ok(Err(format!(
                "Jamf Pro has a disabled deployment of this title to the group ({}); enable or delete it in Jamf Pro",
                escape::terminal(&d.name)
            )));
        }
        None => {
            let made = c.write(
                Method::POST,
                DEPLOYMENTS,
                Some(&body(cmd, p, false)),
                PRIV_CREATE,
            )?;
            match made["id"].as_str() {
                Some(id) if !id.is_empty() => id.to_string(),
                _ => {
                    return Err(JamfError::Decode {
                        reason: "POST /api/v1/app-installers/deployments answered no id".into(),
                    });
                }
            }
        }
    };
    let path = format!("{DEPLOYMENTS}/{id}");
    let d: Deployment = c.get(&path, &[], PRIV_READ)?;
    if let Some(v) = known(&d.selected_version).or(known(&d.latest_available_version))
        && v != p.app.version
    {
        c.write(Method::DELETE, &path, None, PRIV_DELETE)?;
        return Ok(Err(other_version(p, v)));
    }
    c.write(Method::PUT, &path, Some(&body(cmd, p, true)), PRIV_UPDATE)?;
    Ok(Ok(()))
}

/// `submit` of a push app: one deployment answers every computer of the batch.
pub(super) fn submit(
    jamf: &Jamf,
    store: &Db,
    cmd: Command<'_>,
    devices: &[DeviceRef],
) -> BackendResult<Vec<Submission>> {
    let computer = |d: &DeviceRef| {
        inventory::jamf_id(&d.id).is_some_and(|(inv, _)| inv == Inventory::Computer)
    };
    let each = |s: Submission| -> Vec<Submission> {
        devices
            .iter()
            .map(|d| {
                if computer(d) {
                    s.clone()
                } else {
                    Submission::Failed(
                        "Jamf App Installers are for computers; this is not one".into(),
                    )
                }
            })
            .collect()
    };
    let p = match plan(jamf, store, cmd) {
        Ok(Ok(p)) => p,
        Ok(Err(why)) => return Ok(each(Submission::Failed(why))),
        Err(e) => return Err(e),
    };
    Ok(match deploy(jamf, cmd, &p) {
        Ok(Ok(())) => each(Submission::Accepted),
        Ok(Err(why)) => each(Submission::Failed(why)),
        Err(e) if e.is_transient() => each(Submission::Deferred),
        Err(e @ JamfError::Unauthorized { .. }) => return Err(e.into()),
        Err(e) => each(Submission::Failed(escape::terminal(&format!(
            "Jamf Pro refused the App Installers deployment: {e}"
        )))),
    })
}

/// `outcomes` of a push app: each computer as the deployment lists it.
pub(super) fn outcomes(
    jamf: &Jamf,
    store: &Db,
    cmd: Command<'_>,
    in_flight: &[InFlight],
) -> BackendResult<Vec<Outcome>> {
    let all = |o: Outcome| vec![o; in_flight.len()];
    let p = match plan(jamf, store, cmd)? {
        Ok(p) => p,
        Err(why) => return Ok(all(Outcome::Failed(why))),
    };
    let gone = |f: &InFlight| {
        Outcome::Failed(if f.recovered {
            crate::backend::NOT_DELIVERED.into()
        } else {
            "the App Installers deployment is no longer enabled in Jamf Pro".into()
        })
    };
    let d = match find(jamf, &p.title, &p.group_id) {
        Ok(Some(d)) if d.enabled => d,
        Ok(_) => return Ok(in_flight.iter().map(gone).collect()),
        Err(e) if e.is_transient() => return Ok(all(Outcome::Waiting)),
        Err(e) => return Err(e.into()),
    };
    let listed: Page<DeployedComputer> =
        match jamf
            .client()
            .get(&format!("{DEPLOYMENTS}/{}/computers", d.id), &[], PRIV_READ)
        {
            Ok(l) => l,
            Err(e) if e.is_transient() => return Ok(all(Outcome::Waiting)),
            Err(e) => return Err(e.into()),
        };
    let by_id: std::collections::HashMap<&str, &DeployedComputer> =
        listed.results.iter().map(|c| (c.id.as_str(), c)).collect();
    Ok(in_flight
        .iter()
        .map(|f| {
            let id = inventory::jamf_id(&f.device.id)
                .filter(|(inv, _)| *inv == Inventory::Computer)
                .map(|(_, id)| id.to_string());
            match id.and_then(|id| by_id.get(id.as_str())) {
                Some(c)
                    if !c.error.is_empty() || c.status.to_ascii_lowercase().contains("fail") =>
                {
                    Outcome::Failed(format!(
                        "Jamf App Installers: {}",
                        escape::terminal(if c.error.is_empty() {
                            &c.status
                        } else {
                            &c.error
                        })
                    ))
                }
                Some(_) => Outcome::Acknowledged,
                None => Outcome::Waiting,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(source: Option<&str>) -> App {
        App {
            id: "app_1".into(),
            name: "Chrome".into(),
            bundle_id: "com.google.Chrome".into(),
            version: "131.0".into(),
            platform: mdm_model::domain::Platform::Macos,
            sha256: "0".repeat(64),
            source: source.map(str::to_string),
            size: None,
            added_by: "ann".into(),
            added_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn a_catalog_entry_references_its_title_by_source() {
        assert_eq!(title_id(&app(Some("jamf:0C6"))), Some("0C6"));
        assert_eq!(title_id(&app(Some("jamf:"))), None);
        assert_eq!(title_id(&app(Some("intune:0C6"))), None);
        assert_eq!(title_id(&app(None)), None);
    }

    #[test]
    fn the_deployment_is_the_actions_own_and_never_updates_itself() {
        let p = Plan {
            group_id: "1".into(),
            title: "0C6".into(),
            app: app(Some("jamf:0C6")),
        };
        let o = ActionOptions::default();
        let cmd = Command {
            action: "act_1",
            kind: Kind::PushApp,
            options: &o,
        };
        let b = body(cmd, &p, false);
        assert_eq!(b["name"], "Chrome 131.0 (mdm act_1)");
        assert_eq!(b["enabled"], false);
        assert_eq!(b["updateBehavior"], "MANUAL");
        assert_eq!(b["smartGroupId"], "1");
        assert!(other_version(&p, "132.0").contains("nothing was deployed"));
    }
}
