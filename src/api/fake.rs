//! A fake server for unit tests: implements every capability trait, records every call
//! in order (with whether it carried an elevation), and answers from what the test set
//! up. A call the test did not set up fails loudly instead of inventing an answer.

use super::*;
use crate::error::{Error, Result};
use mdm_model::domain::{ActionStatus, CommandStatus};
use serde_json::{Value, json};
use std::cell::RefCell;

/// The one TOTP code the fake accepts.
pub const GOOD_CODE: &str = "123456";
/// The elevation token it grants for that code.
pub const ELEVATION: &str = "elev-fake";

#[derive(Default)]
pub struct FakeApi {
    pub calls: RefCell<Vec<String>>,
    /// The answer to `preview_action` (its `action` is set from the request).
    pub preview: Option<Preview>,
    /// `requires` on dry runs (freeze, revoke, rotate) and pending actions.
    pub requires: Option<Requirements>,
    /// The answer to `get_action`.
    pub action: Option<Action>,
    pub policies: Vec<PolicyRecord>,
    /// Policy plans answer without `requires` (an old server), to test the refusal.
    pub plans_without_requires: bool,
    pub frozen: bool,
    /// Pages `list_devices` answers, in order.
    pub device_pages: RefCell<std::collections::VecDeque<Page<Device>>>,
}

fn from<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("fake answers deserialize")
}

/// A device summary as previews show it.
pub fn device(id: &str, serial: &str) -> DeviceSummary {
    from(
        json!({"id": id, "serial": serial, "name": "Phone", "platform": "ios",
        "status": "online", "owner_name": "Jane"}),
    )
}

/// A preview of `count` devices (sample: the first), needing what `requires` says.
pub fn preview(count: u64, requires: Requirements) -> Preview {
    from(json!({
        "preview_id": "prv_1", "action": "wipe", "count": count,
        "platforms": {"ios": count},
        "sample": [device("dev_1", "SER1")],
        "target_digest": "digest", "requires": requires,
        "unsupported": [], "expires_at": "2030-01-01T00:00:00Z",
    }))
}

/// An action in `status` of `total` devices.
pub fn action(kind: &str, status: &str, total: u64) -> Action {
    from(json!({
        "id": "act_1", "action": kind, "status": status, "requested_by": "alice",
        "target": {"group": "sales"}, "target_digest": "digest", "total": total,
        "counts": {"queued": total, "sent": 0, "acknowledged": 0, "failed": 0,
            "pending": 0, "cancelled": 0, "held": 0},
        "platforms": {}, "options": {}, "approval": {"required": status == "pending_approval"},
        "waves": [], "created_at": "2030-01-01T00:00:00Z", "updated_at": "2030-01-01T00:00:00Z",
    }))
}

/// A policy record parsed from YAML.
pub fn policy(yaml: &str, version: u64) -> PolicyRecord {
    let loaded = mdm_model::policy::parse::parse_bytes("fake.yaml", yaml.as_bytes(), false)
        .expect("fake policy parses");
    let p = loaded.into_iter().next().expect("one policy").policy;
    PolicyRecord {
        name: p.name.0.clone(),
        version,
        policy: p,
        updated_at: "2030-01-01T00:00:00Z".into(),
        updated_by: "root".into(),
    }
}

fn sent<T>(v: T) -> Result<Sent<T>> {
    Ok(Sent::new(v, Some("req_fake".into())))
}

fn not_set_up(what: &str) -> Error {
    Error::failure(format!("fake: the test did not set up {what}"))
}

impl FakeApi {
    fn log(&self, call: impl Into<String>) {
        self.calls.borrow_mut().push(call.into());
    }

    /// Logs a call that changes state, with whether it carried the fake's elevation.
    fn log_elev(&self, call: &str, elev: Elev<'_>) {
        let e = match elev {
            Some(t) if t.0.expose() == ELEVATION => " +elevation",
            Some(_) => " +bad-elevation",
            None => "",
        };
        self.log(format!("{call}{e}"));
    }

    pub fn calls(&self) -> Vec<String> {
        self.calls.borrow().clone()
    }

    fn freeze_result(&self, frozen: bool, dry_run: bool) -> FreezeResult {
        FreezeResult {
            freeze: FreezeState {
                frozen: if dry_run { self.frozen } else { frozen },
                message: None,
                since: self.frozen.then(|| "2030-01-01T00:00:00Z".into()),
                by: self.frozen.then(|| "root".into()),
                reason: None,
                ticket: None,
            },
            changed: frozen != self.frozen,
            dry_run,
            requires: if dry_run { self.requires.clone() } else { None },
        }
    }
}

impl Server for FakeApi {
    fn base_url(&self) -> &str {
        "http://fake"
    }
    fn health(&self) -> Result<Health> {
        self.log("health");
        Err(not_set_up("health"))
    }
}

impl Inventory for FakeApi {
    fn list_devices(&self, q: &DeviceQuery, elev: Elev<'_>) -> Result<Page<Device>> {
        let elevated = if elev.is_some() { " elevated" } else { "" };
        self.log(format!("list_devices cursor={:?}{elevated}", q.cursor));
        self.device_pages
            .borrow_mut()
            .pop_front()
            .ok_or_else(|| not_set_up("another device page"))
    }
    fn get_device(&self, id: &str, _show_pii: bool, _elev: Elev<'_>) -> Result<Device> {
        self.log(format!("get_device {id}"));
        Err(not_set_up("get_device"))
    }
    fn list_groups(&self) -> Result<Vec<Group>> {
        self.log("list_groups");
        Err(not_set_up("list_groups"))
    }
    fn get_group(&self, name: &str) -> Result<Group> {
        self.log(format!("get_group {name}"));
        Err(not_set_up("get_group"))
    }
}

impl DeviceCommands for FakeApi {
    fn preview_action(&self, req: &PreviewRequest) -> Result<Preview> {
        self.log(format!("preview {}", req.action));
        let mut p = self
            .preview
            .clone()
            .ok_or_else(|| not_set_up("a preview"))?;
        p.action = req.action.clone();
        Ok(p)
    }
    fn decline_preview(&self, preview_id: &str, reason: &str) -> Result<()> {
        self.log(format!("decline {preview_id} {reason}"));
        Ok(())
    }
    fn create_action(
        &self,
        req: &CreateActionRequest,
        _key: &str,
        elev: Elev<'_>,
    ) -> Result<Sent<Action>> {
        self.log_elev(
            &format!("create {} expected={}", req.action, req.expected_count),
            elev,
        );
        sent(action(&req.action, "queued", req.expected_count))
    }
    fn get_action(&self, id: &str) -> Result<Action> {
        self.log(format!("get_action {id}"));
        let mut a = self.action.clone().ok_or_else(|| not_set_up("an action"))?;
        a.requires = self.requires.clone();
        Ok(a)
    }
    fn list_actions(
        &self,
        _s: Option<ActionStatus>,
        _l: u32,
        _c: Option<&str>,
    ) -> Result<Page<Action>> {
        self.log("list_actions");
        Err(not_set_up("list_actions"))
    }
    fn action_devices(
        &self,
        id: &str,
        _s: Option<CommandStatus>,
        _l: u32,
        _c: Option<&str>,
    ) -> Result<Page<ActionDevice>> {
        self.log(format!("action_devices {id}"));
        Err(not_set_up("action_devices"))
    }
    fn cancel_action(&self, id: &str, elev: Elev<'_>) -> Result<Sent<Action>> {
        self.log_elev(&format!("cancel {id}"), elev);
        sent(action("wipe", "cancelled", 1))
    }
    fn advance_action(&self, id: &str) -> Result<Sent<Action>> {
        self.log_elev(&format!("advance {id}"), None);
        sent(action("push_app", "running", 2))
    }
    fn reveal_pins(&self, id: &str, elev: Elev<'_>) -> Result<mdm_model::types::ActionPins> {
        self.log_elev(&format!("pins {id}"), elev);
        Ok(mdm_model::types::ActionPins {
            action: id.to_string(),
            pins: Vec::new(),
            already_revealed: 0,
        })
    }
    fn halt_action(&self, id: &str, reason: &str) -> Result<Sent<Action>> {
        self.log_elev(&format!("halt {id}: {reason}"), None);
        sent(action("push_app", "halted", 2))
    }
}

impl Enrollments for FakeApi {
    fn create_enrollment(
        &self,
        _r: &CreateEnrollment,
        elev: Elev<'_>,
    ) -> Result<Sent<NewEnrollment>> {
        self.log_elev("create_enrollment", elev);
        Err(not_set_up("create_enrollment"))
    }
    fn list_enrollments(
        &self,
        _s: Option<EnrollmentStatus>,
        _l: u32,
        _c: Option<&str>,
    ) -> Result<Page<Enrollment>> {
        self.log("list_enrollments");
        Err(not_set_up("list_enrollments"))
    }
    fn revoke_enrollment(&self, id: &str, elev: Elev<'_>) -> Result<Sent<Enrollment>> {
        self.log_elev(&format!("revoke_enrollment {id}"), elev);
        Err(not_set_up("revoke_enrollment"))
    }
    fn revoke_unused_enrollments(
        &self,
        req: &RevokeUnused,
        elev: Elev<'_>,
    ) -> Result<Sent<Revoked>> {
        if req.dry_run {
            self.log("revoke_unused dry_run");
        } else {
            self.log_elev("revoke_unused", elev);
        }
        sent(Revoked {
            revoked: 4,
            dry_run: req.dry_run,
            requires: if req.dry_run {
                self.requires.clone()
            } else {
                None
            },
        })
    }
    fn bulk_enroll(&self, _r: &BulkEnrollment, elev: Elev<'_>) -> Result<Sent<BulkResult>> {
        self.log_elev("bulk_enroll", elev);
        Err(not_set_up("bulk_enroll"))
    }
}

impl Catalog for FakeApi {
    fn list_apps(&self) -> Result<Vec<App>> {
        self.log("list_apps");
        Err(not_set_up("list_apps"))
    }
    fn get_app(&self, r: &str) -> Result<App> {
        self.log(format!("get_app {r}"));
        Err(not_set_up("get_app"))
    }
    fn add_app(&self, app: &NewApp, elev: Elev<'_>) -> Result<Sent<App>> {
        self.log_elev(&format!("add_app {}", app.name), elev);
        Err(not_set_up("add_app"))
    }
}

impl FakeApi {
    fn get_policy_quietly(&self, name: &str) -> Result<PolicyRecord> {
        self.policies
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .ok_or_else(|| Error::not_found(format!("no policy {name}")))
    }

    /// A plan as the real server answers it: a weakening needs a step-up and the
    /// `weaken <policy> in <context>` phrase (the server's gate table).
    fn plan(&self, changes: Vec<PolicyChange>) -> PolicyPlan {
        let weak: Vec<&str> = changes
            .iter()
            .filter(|c| c.weakens)
            .map(|c| c.name.as_str())
            .collect();
        let requires = match weak.as_slice() {
            [] => Requirements::none(),
            [one] => Requirements::step_up(mdm_model::domain::StepUp::Cached)
                .with_phrase("phrase", format!("weaken {one} in <context>")),
            many => Requirements::step_up(mdm_model::domain::StepUp::Cached).with_phrase(
                "phrase",
                format!("weaken {} policies in <context>", many.len()),
            ),
        };
        PolicyPlan {
            changes,
            applied: false,
            requires: (!self.plans_without_requires).then_some(requires),
        }
    }
}

impl Policies for FakeApi {
    fn list_policies(&self) -> Result<Vec<PolicyRecord>> {
        self.log("list_policies");
        Ok(self.policies.clone())
    }
    fn get_policy(&self, name: &str) -> Result<PolicyRecord> {
        self.log(format!("get_policy {name}"));
        self.policies
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .ok_or_else(|| Error::not_found(format!("no policy {name}")))
    }
    fn plan_policies(&self, req: &ApplyPolicies) -> Result<PolicyPlan> {
        self.log(format!("plan {} policies", req.policies.len()));
        let versions = self
            .policies
            .iter()
            .map(|r| (r.name.clone(), (r.version, r.policy.clone())))
            .collect();
        let changes = mdm_model::policy::classify::plan(&versions, &req.policies, req.prune);
        Ok(self.plan(changes))
    }
    fn plan_delete_policy(&self, name: &str, version: u64) -> Result<PolicyPlan> {
        self.log(format!("plan delete_policy {name} v{version}"));
        let rec = self.get_policy_quietly(name)?;
        Ok(self.plan(vec![PolicyChange {
            name: rec.name.clone(),
            op: mdm_model::domain::PolicyOp::Delete,
            base_version: Some(rec.version),
            fields: mdm_model::policy::classify::diff(Some(&rec.policy), None),
            weakens: true,
        }]))
    }
    fn plan_assign_policy(
        &self,
        name: &str,
        group: &str,
        change: Assignment,
        version: u64,
    ) -> Result<PolicyPlan> {
        self.log(format!(
            "plan assign_policy {name} {change:?} {group} v{version}"
        ));
        let rec = self.get_policy_quietly(name)?;
        let remove = matches!(change, Assignment::Remove);
        Ok(self.plan(vec![PolicyChange {
            name: rec.name.clone(),
            op: if remove {
                mdm_model::domain::PolicyOp::Unassign
            } else {
                mdm_model::domain::PolicyOp::Assign
            },
            base_version: Some(rec.version),
            fields: Vec::new(),
            weakens: remove,
        }]))
    }
    fn apply_policies(&self, req: &ApplyPolicies, elev: Elev<'_>) -> Result<Sent<PolicyPlan>> {
        self.log_elev(&format!("apply {} policies", req.policies.len()), elev);
        sent(PolicyPlan {
            changes: Vec::new(),
            applied: true,
            requires: None,
        })
    }
    fn delete_policy(&self, name: &str, version: u64, elev: Elev<'_>) -> Result<Sent<()>> {
        self.log_elev(&format!("delete_policy {name} v{version}"), elev);
        sent(())
    }
    fn assign_policy(
        &self,
        name: &str,
        group: &str,
        change: Assignment,
        version: u64,
        elev: Elev<'_>,
    ) -> Result<Sent<PolicyRecord>> {
        self.log_elev(
            &format!("assign_policy {name} {change:?} {group} v{version}"),
            elev,
        );
        let mut rec = self
            .policies
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .ok_or_else(|| Error::not_found(format!("no policy {name}")))?;
        rec.version += 1;
        sent(rec)
    }
}

impl AuditTrail for FakeApi {
    fn audit_events(&self, _q: &AuditQuery) -> Result<Page<AuditEvent>> {
        self.log("audit_events");
        Err(not_set_up("audit_events"))
    }
    fn audit_chain(&self, _a: i64, _u: Option<i64>, p: ChainPurpose) -> Result<AuditChain> {
        self.log(format!("audit_chain {}", p.as_str()));
        Err(not_set_up("audit_chain"))
    }
    fn audit_index(&self, _a: i64, _u: i64) -> Result<AuditChain> {
        self.log("audit_index");
        Err(not_set_up("audit_index"))
    }
    fn audit_checkpoint(&self) -> Result<mdm_model::audit::Checkpoint> {
        self.log("audit_checkpoint");
        Err(not_set_up("audit_checkpoint"))
    }
    fn audit_checkpoints(&self) -> Result<Vec<mdm_model::audit::Checkpoint>> {
        self.log("audit_checkpoints");
        Err(not_set_up("audit_checkpoints"))
    }
    fn forwarder_started(&self, d: &str, from_id: i64) -> Result<()> {
        self.log(format!("forwarder_started {d} {from_id}"));
        Ok(())
    }
}

impl Sessions for FakeApi {
    fn me(&self, _elev: Elev<'_>) -> Result<Me> {
        self.log("me");
        Err(not_set_up("me"))
    }
    fn mfa_enroll(&self, otp: Option<&str>) -> Result<Sent<MfaEnrollment>> {
        self.log(if otp.is_some() {
            "mfa_enroll +otp"
        } else {
            "mfa_enroll"
        });
        Err(not_set_up("mfa_enroll"))
    }
    fn mfa_activate(&self, _code: &str) -> Result<Sent<()>> {
        self.log("mfa_activate");
        Err(not_set_up("mfa_activate"))
    }
    fn step_up(&self, code: &str) -> Result<Elevation> {
        self.log("step_up");
        if code != GOOD_CODE {
            let mut e = Error::forbidden("the code is wrong");
            e.code = Some(mdm_model::domain::ErrorCode::StepUpFailed.to_string());
            return Err(e);
        }
        Ok(Elevation {
            elevation_id: "elv_1".into(),
            elevation_token: ELEVATION.into(),
            expires_at: "2030-01-01T00:05:00Z".into(),
            ttl_seconds: 300,
        })
    }
    fn list_sessions(&self, _u: Option<&str>) -> Result<Vec<Session>> {
        self.log("list_sessions");
        Err(not_set_up("list_sessions"))
    }
    fn revoke_session(&self, id: &str, elev: Elev<'_>) -> Result<Sent<RevokeResult>> {
        self.log_elev(&format!("revoke_session {id}"), elev);
        sent(RevokeResult {
            revoked_tokens: 1,
            revoked_elevations: 0,
            users: vec!["bob".into()],
            dry_run: false,
            requires: None,
        })
    }
    fn revoke_sessions(
        &self,
        req: &RevokeSessionsRequest,
        elev: Elev<'_>,
    ) -> Result<Sent<RevokeResult>> {
        let who = req.user.clone().unwrap_or_else(|| "everyone".into());
        if req.dry_run {
            self.log(format!("revoke_sessions {who} dry_run"));
        } else {
            self.log_elev(&format!("revoke_sessions {who}"), elev);
        }
        sent(RevokeResult {
            revoked_tokens: 2,
            revoked_elevations: 1,
            users: vec!["bob".into(), "mallory".into()],
            dry_run: req.dry_run,
            requires: if req.dry_run {
                self.requires.clone()
            } else {
                None
            },
        })
    }
    fn login_notice(&self) -> Result<()> {
        self.log("login_notice");
        Ok(())
    }
}

impl Governance for FakeApi {
    fn list_approvals(&self, _all: bool) -> Result<Vec<Action>> {
        self.log("list_approvals");
        Err(not_set_up("list_approvals"))
    }
    fn approve(&self, id: &str, _r: Option<&str>, elev: Elev<'_>) -> Result<Sent<Action>> {
        self.log_elev(&format!("approve {id}"), elev);
        let a = self.action.clone().ok_or_else(|| not_set_up("an action"))?;
        sent(Action {
            status: mdm_model::domain::ActionStatus::Queued,
            ..a
        })
    }
    fn reject(&self, id: &str, _r: Option<&str>, elev: Elev<'_>) -> Result<Sent<Action>> {
        self.log_elev(&format!("reject {id}"), elev);
        let a = self.action.clone().ok_or_else(|| not_set_up("an action"))?;
        sent(Action {
            status: mdm_model::domain::ActionStatus::Rejected,
            ..a
        })
    }
    fn breakglass_activate(
        &self,
        req: &BreakglassActivateRequest,
        elev: Elev<'_>,
    ) -> Result<Sent<BreakglassSession>> {
        if req.otp.as_deref() != Some(GOOD_CODE) {
            self.log("breakglass_activate bad-otp");
            let mut e = Error::forbidden("the code is wrong");
            e.code = Some(mdm_model::domain::ErrorCode::StepUpFailed.to_string());
            return Err(e);
        }
        self.log_elev("breakglass_activate +otp", elev);
        sent(from(json!({
            "id": "bg_1", "user": "carol", "reason": "r", "ticket": "INC-1",
            "started_at": "2030-01-01T00:00:00Z", "expires_at": "2030-01-01T01:00:00Z",
            "active": true,
        })))
    }
    fn breakglass_list(&self) -> Result<Vec<BreakglassSession>> {
        self.log("breakglass_list");
        Err(not_set_up("breakglass_list"))
    }
    fn breakglass_end(&self, _r: &BreakglassEndRequest) -> Result<Sent<BreakglassSession>> {
        self.log("breakglass_end");
        Err(not_set_up("breakglass_end"))
    }
    fn freeze_state(&self) -> Result<FreezeState> {
        self.log("freeze_state");
        Ok(self.freeze_result(self.frozen, true).freeze)
    }
    fn set_freeze(&self, req: &FreezeRequest, elev: Elev<'_>) -> Result<Sent<FreezeResult>> {
        if req.dry_run {
            self.log(format!("set_freeze {} dry_run", req.frozen));
        } else {
            self.log_elev(&format!("set_freeze {}", req.frozen), elev);
        }
        sent(self.freeze_result(req.frozen, req.dry_run))
    }
}
