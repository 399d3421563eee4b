//! Graph beta for the Intune backend (`use_beta = true`): bulk device actions and
//! Intune Multi Admin Approval.
//!
//! - Bulk: one `POST /beta/deviceManagement/managedDevices/executeAction` per batch of
//!   up to `execute_action_batch` devices (`actionName`, `deviceIds`, and for `wipe`
//!   `keepEnrollmentData`/`keepUserData`, which the beta action carries), one write of
//!   the scheduler's budget. Its per-id lists (`successfulDeviceIds`, `notFoundDeviceIds`,
//!   `failedDeviceIds`, `notSupportedDeviceIds`) become one [`Submission`] per device,
//!   in order; outcomes still come from each device's `deviceActionResults`.
//! - Multi Admin Approval: every write carries `x-msft-approval-justification` (the mdm
//!   action, its requester and reason). A protected write answers 412 with
//!   `x-msft-approval-code`: with beta the devices wait ([`Submission::ApprovalRequired`])
//!   while the gateway reads `GET /beta/deviceManagement/operationApprovalRequests/{code}`;
//!   once Intune reports it `approved` the identical request is sent again with
//!   `x-msft-approval-code`, once. The gateway never approves: a second Intune admin does,
//!   in Intune. Without beta the devices fail, the message naming the code and `use_beta`.

use super::backend::{Intune, action_body, graph_action};
use super::graph::{APPROVAL_CODE_HEADER, GraphError};
use crate::backend::{
    BackendError, BackendResult, Command, DeviceRef, Submission, VendorApprovalState,
};
use crate::db::Db;
use reqwest::Method;
use std::collections::HashMap;

/// Devices per `executeAction` request unless `[backend] execute_action_batch` says
/// otherwise (the Intune admin center's bulk device actions take 100 at a time).
pub const DEFAULT_EXECUTE_ACTION_BATCH: usize = 100;

/// Most devices per `executeAction` the config accepts.
pub const MAX_EXECUTE_ACTION_BATCH: usize = 1000;

/// The request header that tells the Intune approver why.
pub const JUSTIFICATION_HEADER: &str = "x-msft-approval-justification";

/// Longest justification Intune keeps (`requestJustification`: 1024 characters).
const MAX_JUSTIFICATION: usize = 1024;

/// `executeAction`'s answer (`bulkManagedDeviceActionResult`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct BulkResult {
    #[serde(default)]
    successful_device_ids: Vec<String>,
    #[serde(default)]
    failed_device_ids: Vec<String>,
    #[serde(default)]
    not_found_device_ids: Vec<String>,
    #[serde(default)]
    not_supported_device_ids: Vec<String>,
}

/// An `operationApprovalRequest` as read for its status.
#[derive(Debug, serde::Deserialize)]
struct ApprovalRequest {
    #[serde(default)]
    status: String,
}

/// The message of a device whose id `executeAction` named in none of its lists.
pub const UNNAMED: &str = "Intune's executeAction answer does not name this device; \
     delivery unknown, not resent";

impl Intune {
    /// With `Some(n)` (only when `use_beta` is on) commands go `n` devices per
    /// `executeAction` request.
    pub fn with_execute_action_batch(mut self, batch: Option<usize>) -> Intune {
        self.execute_action_batch = batch.map(|n| n.clamp(1, MAX_EXECUTE_ACTION_BATCH));
        self
    }

    /// The answer for devices Intune holds for Multi Admin Approval under `code`.
    pub(super) fn approval_answer(&self, code: &str) -> Submission {
        if self.graph.client().beta("").is_some() {
            Submission::ApprovalRequired { code: code.into() }
        } else {
            Submission::Failed(format!(
                "Intune Multi Admin Approval holds this request (approval code {code}); not \
                 carried out: the gateway follows Intune's approvals only with use_beta = true \
                 in its [backend] config (Graph beta operationApprovalRequests); enable it and \
                 send the action again"
            ))
        }
    }

    /// One `executeAction` for `devices`; with `code`, the identical request again after
    /// Intune approved it.
    pub(super) fn submit_bulk(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        code: Option<&str>,
    ) -> BackendResult<Vec<Submission>> {
        let action = match graph_action(cmd.kind, cmd.options) {
            Ok(a) => a,
            Err(why) => return Ok(every(devices, Submission::Failed(why))),
        };
        let Some(url) = self
            .graph
            .client()
            .beta("deviceManagement/managedDevices/executeAction")
        else {
            return Err(BackendError::Vendor {
                message: "bulk executeAction needs use_beta = true".into(),
                retry_after: None,
            });
        };
        let body = execute_action_body(action, cmd, devices);
        let justification = justification(store, cmd.action);
        let mut headers = vec![(JUSTIFICATION_HEADER, justification.as_str())];
        if let Some(c) = code {
            headers.push((APPROVAL_CODE_HEADER, c));
        }
        let sent = self
            .graph
            .send_json_with_headers(Method::POST, url, Some(&body), &headers);
        Ok(match sent {
            Ok(answer) => per_device(action, devices, answer),
            Err(GraphError::ApprovalRequired { approval_code }) => {
                every(devices, self.approval_answer(&approval_code))
            }
            Err(GraphError::Throttled { .. } | GraphError::Unreachable { .. }) => {
                every(devices, Submission::Deferred)
            }
            Err(e) => every(
                devices,
                Submission::Failed(format!("Intune refused executeAction {action}: {e}")),
            ),
        })
    }

    /// Where Intune's approval request `code` stands
    /// (`GET /beta/deviceManagement/operationApprovalRequests/{code}`).
    pub(super) fn approval_state(&self, code: &str) -> BackendResult<VendorApprovalState> {
        let Some(mut url) = self
            .graph
            .client()
            .beta("deviceManagement/operationApprovalRequests")
        else {
            return Ok(VendorApprovalState::Refused(format!(
                "Intune Multi Admin Approval request {code} cannot be followed without \
                 use_beta = true; not carried out"
            )));
        };
        if let Ok(mut segs) = url.path_segments_mut() {
            segs.push(code);
        }
        match self.graph.get::<ApprovalRequest>(url) {
            Ok(r) => Ok(approval_status(code, &r.status)),
            Err(GraphError::NotFound { .. }) => Ok(VendorApprovalState::Refused(format!(
                "Intune knows no Multi Admin Approval request {code}; not carried out"
            ))),
            Err(GraphError::Throttled { .. } | GraphError::Unreachable { .. }) => {
                Ok(VendorApprovalState::Waiting)
            }
            Err(e) => Ok(VendorApprovalState::Refused(format!(
                "cannot read Intune Multi Admin Approval request {code}: {e}; not carried out"
            ))),
        }
    }
}

fn every(devices: &[DeviceRef], s: Submission) -> Vec<Submission> {
    devices.iter().map(|_| s.clone()).collect()
}

/// `operationApprovalRequestStatus` in the gateway's terms.
fn approval_status(code: &str, status: &str) -> VendorApprovalState {
    let refused = |what: &str| {
        VendorApprovalState::Refused(format!(
            "{what} in Intune Multi Admin Approval (approval request {code}); not carried out"
        ))
    };
    match status {
        "needsApproval" => VendorApprovalState::Waiting,
        "approved" => VendorApprovalState::Approved,
        "rejected" => refused("rejected"),
        "cancelled" => refused("cancelled"),
        "expired" => VendorApprovalState::Refused(format!(
            "the Intune Multi Admin Approval request {code} expired before a second Intune \
             admin approved it; not carried out"
        )),
        "completed" => VendorApprovalState::Refused(format!(
            "the Intune Multi Admin Approval request {code} was already used; not resent"
        )),
        other => VendorApprovalState::Refused(format!(
            "Intune reports Multi Admin Approval request {code} as {other:?}; not carried out"
        )),
    }
}

/// `actionName`, `deviceIds` in batch order, and the action's options.
fn execute_action_body(action: &str, cmd: Command<'_>, devices: &[DeviceRef]) -> serde_json::Value {
    let mut body = serde_json::json!({
        "actionName": action,
        "deviceIds": devices.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
    });
    if let (Some(serde_json::Value::Object(extra)), Some(obj)) =
        (action_body(action, cmd.options), body.as_object_mut())
    {
        obj.extend(extra);
    }
    body
}

/// The per-id lists back to one answer per device, in order. Graph ids are GUIDs
/// (compared without case); the answer may come bare or wrapped in `value`.
fn per_device(
    action: &str,
    devices: &[DeviceRef],
    answer: Option<serde_json::Value>,
) -> Vec<Submission> {
    let result = answer
        .map(|v| match v.get("value") {
            Some(inner) if inner.is_object() => inner.clone(),
            _ => v,
        })
        .and_then(|v| serde_json::from_value::<BulkResult>(v).ok())
        .unwrap_or_default();
    let mut by_id: HashMap<String, Submission> = HashMap::new();
    let lists = [
        (&result.successful_device_ids, Submission::Accepted),
        (
            &result.failed_device_ids,
            Submission::Failed(format!(
                "Intune could not carry out {action} on this device (executeAction \
                 failedDeviceIds)"
            )),
        ),
        (&result.not_found_device_ids, Submission::NotFound),
        (
            &result.not_supported_device_ids,
            Submission::Failed(format!(
                "Intune does not support {action} on this device (executeAction \
                 notSupportedDeviceIds)"
            )),
        ),
    ];
    for (ids, answer) in lists {
        for id in ids {
            by_id
                .entry(id.to_ascii_lowercase())
                .or_insert_with(|| answer.clone());
        }
    }
    devices
        .iter()
        .map(|d| {
            by_id
                .get(&d.id.to_ascii_lowercase())
                .cloned()
                .unwrap_or_else(|| Submission::Failed(UNNAMED.into()))
        })
        .collect()
}

/// What the Intune approver reads: the mdm action, who asked, and why. Header-safe
/// (printable ASCII; anything else becomes `?`), at most 1024 characters.
pub(super) fn justification(store: &Db, action: &str) -> String {
    let found: Option<(String, Option<String>, Option<String>)> = store
        .read(|c| {
            c.query_row(
                "SELECT requested_by, reason, ticket FROM actions WHERE id = ?1",
                [action],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
        })
        .ok();
    let mut text = format!("mdm {action}");
    if let Some((by, reason, ticket)) = found {
        text.push_str(&format!(" requested by {by}"));
        if let Some(t) = ticket.filter(|t| !t.trim().is_empty()) {
            text.push_str(&format!(", ticket {t}"));
        }
        if let Some(r) = reason.filter(|r| !r.trim().is_empty()) {
            text.push_str(&format!(": {r}"));
        }
    }
    header_safe(&text)
}

fn header_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() {
                c
            } else {
                '?'
            }
        })
        .take(MAX_JUSTIFICATION)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::Kind;
    use mdm_model::types::ActionOptions;

    fn devs(ids: &[&str]) -> Vec<DeviceRef> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| DeviceRef {
                rid: i as i64 + 1,
                id: id.to_string(),
            })
            .collect()
    }

    #[test]
    fn per_id_lists_map_back_to_each_device_in_order() {
        let d = devs(&["A1", "b2", "c3", "d4", "e5"]);
        let answer = serde_json::json!({
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#microsoft.graph.bulkManagedDeviceActionResult",
            "successfulDeviceIds": ["a1", "e5"],
            "failedDeviceIds": ["b2"],
            "notFoundDeviceIds": ["c3"],
            "notSupportedDeviceIds": [],
        });
        let out = per_device("remoteLock", &d, Some(answer.clone()));
        assert_eq!(out[0], Submission::Accepted, "ids compare without case");
        assert!(matches!(&out[1], Submission::Failed(m) if m.contains("failedDeviceIds")));
        assert_eq!(out[2], Submission::NotFound);
        assert_eq!(out[3], Submission::Failed(UNNAMED.into()), "named nowhere");
        assert_eq!(out[4], Submission::Accepted);
        // The reference page's example wraps the result in `value`.
        let wrapped = serde_json::json!({ "value": answer });
        assert_eq!(per_device("remoteLock", &d, Some(wrapped)), out);
        // No body at all: nobody is known to have it, and nobody gets it again.
        assert!(
            per_device("remoteLock", &d, None)
                .iter()
                .all(|s| *s == Submission::Failed(UNNAMED.into()))
        );
        let ns = per_device(
            "rebootNow",
            &d[..1],
            Some(serde_json::json!({"notSupportedDeviceIds": ["A1"]})),
        );
        assert!(
            matches!(&ns[0], Submission::Failed(m) if m.contains("does not support rebootNow"))
        );
    }

    #[test]
    fn the_body_carries_the_wipe_options_and_the_ids_in_order() {
        let o = ActionOptions {
            keep_enrollment: true,
            ..ActionOptions::default()
        };
        let cmd = Command {
            action: "act_1",
            kind: Kind::Wipe,
            options: &o,
        };
        let body = execute_action_body("wipe", cmd, &devs(&["x", "y"]));
        assert_eq!(
            body,
            serde_json::json!({
                "actionName": "wipe",
                "deviceIds": ["x", "y"],
                "keepEnrollmentData": true,
                "keepUserData": false,
            })
        );
        let lock = Command {
            kind: Kind::Lock,
            ..cmd
        };
        assert_eq!(
            execute_action_body("remoteLock", lock, &devs(&["x"])),
            serde_json::json!({"actionName": "remoteLock", "deviceIds": ["x"]})
        );
    }

    #[test]
    fn approval_statuses_and_justification() {
        assert_eq!(
            approval_status("c", "needsApproval"),
            VendorApprovalState::Waiting
        );
        assert_eq!(
            approval_status("c", "approved"),
            VendorApprovalState::Approved
        );
        for (s, says) in [
            ("rejected", "rejected in Intune Multi Admin Approval"),
            ("cancelled", "cancelled in Intune Multi Admin Approval"),
            ("expired", "expired"),
            ("completed", "already used"),
            ("unknown", "\"unknown\""),
        ] {
            match approval_status("code-1", s) {
                VendorApprovalState::Refused(m) => {
                    assert!(m.contains(says), "{s}: {m}");
                    assert!(m.contains("code-1"), "{m}");
                }
                other => panic!("{s}: {other:?}"),
            }
        }
        assert_eq!(header_safe("Gerät\nweg: ok"), "Ger?t?weg: ok");
        assert_eq!(header_safe(&"x".repeat(5000)).len(), MAX_JUSTIFICATION);
    }

    /// `[backend] execute_action_batch`: default, bounds, and only with `use_beta`.
    #[test]
    fn the_batch_size_is_configured_and_checked() {
        let base = "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"intune\"\ntenant = \"t\"\nclient_id = \"c\"\nclient_secret_env = \"S\"\n";
        let env = |_: &str| Some("x".to_string());
        let parse = |extra: &str| {
            crate::gateway::config::parse(
                &format!("{base}{extra}"),
                std::path::Path::new("gw.toml"),
                &env,
            )
        };
        let batch = |extra: &str| match parse(extra).unwrap().backend {
            crate::gateway::BackendConfig::Intune(i) => (i.use_beta, i.execute_action_batch),
            _ => panic!("not intune"),
        };
        assert_eq!(
            batch("use_beta = true\n"),
            (true, DEFAULT_EXECUTE_ACTION_BATCH)
        );
        assert_eq!(
            batch("use_beta = true\nexecute_action_batch = 7\n"),
            (true, 7)
        );
        for (extra, want) in [
            (
                "use_beta = true\nexecute_action_batch = 0\n",
                "gw.toml:9: backend.execute_action_batch: must be between 1 and 1000",
            ),
            (
                "use_beta = true\nexecute_action_batch = 1001\n",
                "must be between 1 and 1000",
            ),
            (
                "use_beta = true\nexecute_action_batch = -3\n",
                "must be between 1 and 1000",
            ),
            (
                "execute_action_batch = 50\n",
                "gw.toml:8: backend.execute_action_batch: needs use_beta = true",
            ),
        ] {
            let e = parse(extra).unwrap_err();
            assert!(e.message.contains(want), "{want:?} not in {:?}", e.message);
            assert_eq!(e.kind, crate::local::LocalErrorKind::Usage);
        }
    }
}
