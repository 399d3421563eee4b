//! Test hooks of the sandbox: move the server clock, step the simulator on demand, switch
//! a backend capability off, and create fixtures (groups, devices with hostile names,
//! corrupt rows) without writing SQL into the server's database.
//!
//! They are served only when `mdm sandbox serve` was started with its hidden
//! `--test-hooks` flag, on `/_test/…` routes kept outside the public route table (so the
//! permission matrix and the OpenAPI coverage test never see them). Without the flag the
//! routes do not exist (404), and the gateway never mounts them.

use crate::backend::{
    Backend, BackendError, BackendResult, Capability, Command, DeviceRef, EnrollmentTarget,
    InFlight, InventoryPage, Limits, Outcome, Submission, VendorAudit,
};
use crate::db::Db;
use crate::http::{ApiError, ApiResult, UncheckedJsonBody as JsonBody};
use crate::sql::{Connection, OptionalExtension, params};
use crate::{AppState, audit};
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use mdm_model::domain::ErrorCode;
use mdm_model::policy::Policy;
use mdm_model::types::Device;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// What the hooks reach into.
pub struct Hooks {
    pub backend: Arc<Restricted>,
}

/// A backend with capabilities switched off by a test, to prove the
/// `not_supported_by_backend` path end to end. Everything else goes to the inner backend.
pub struct Restricted {
    inner: Arc<dyn Backend>,
    off: RwLock<HashSet<Capability>>,
}

impl Restricted {
    pub fn new(inner: Arc<dyn Backend>) -> Self {
        Restricted {
            inner,
            off: RwLock::new(HashSet::new()),
        }
    }

    pub fn set(&self, cap: Capability, on: bool) {
        let mut off = self.off.write().unwrap_or_else(|p| p.into_inner());
        if on {
            off.remove(&cap);
        } else {
            off.insert(cap);
        }
    }

    fn check(&self, cap: Capability) -> BackendResult<()> {
        if self.supports(cap) {
            Ok(())
        } else {
            Err(self.unsupported(cap))
        }
    }
}

impl Backend for Restricted {
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    fn limits(&self) -> Limits {
        self.inner.limits()
    }
    fn supports(&self, cap: Capability) -> bool {
        let off = self.off.read().unwrap_or_else(|p| p.into_inner());
        !off.contains(&cap) && self.inner.supports(cap)
    }
    fn inventory_page(
        &self,
        c: &Connection,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<InventoryPage> {
        self.check(Capability::Inventory)?;
        self.inner.inventory_page(c, cursor, limit)
    }
    fn device(&self, c: &Connection, id: &str) -> BackendResult<Option<Device>> {
        self.check(Capability::Inventory)?;
        self.inner.device(c, id)
    }
    fn submit(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        now: i64,
    ) -> BackendResult<Vec<Submission>> {
        self.check(Capability::DeviceCommands)?;
        self.inner.submit(store, cmd, devices, now)
    }
    fn outcomes(
        &self,
        store: &Db,
        cmd: Command<'_>,
        in_flight: &[InFlight],
        now: i64,
    ) -> BackendResult<Vec<Outcome>> {
        self.check(Capability::DeviceCommands)?;
        self.inner.outcomes(store, cmd, in_flight, now)
    }
    fn apply_policy(&self, c: &Connection, p: &Policy) -> BackendResult<()> {
        self.check(Capability::Policies)?;
        self.inner.apply_policy(c, p)
    }
    fn remove_policy(&self, c: &Connection, name: &str) -> BackendResult<()> {
        self.check(Capability::Policies)?;
        self.inner.remove_policy(c, name)
    }
    fn read_policy(&self, c: &Connection, name: &str) -> BackendResult<Option<Policy>> {
        self.check(Capability::Policies)?;
        self.inner.read_policy(c, name)
    }
    fn check_policy(&self, p: &Policy) -> Result<(), crate::backend::Unmappable> {
        self.inner.check_policy(p)
    }
    fn check_action(
        &self,
        c: &Connection,
        kind: crate::actions::Kind,
        options: &mdm_model::types::ActionOptions,
        target: &mdm_model::types::Target,
    ) -> Result<(), crate::backend::ActionRefused> {
        self.inner.check_action(c, kind, options, target)
    }
    fn assign_policy(
        &self,
        c: &Connection,
        name: &str,
        group: &str,
        assigned: bool,
    ) -> BackendResult<()> {
        self.check(Capability::Policies)?;
        self.inner.assign_policy(c, name, group, assigned)
    }
    fn assign_app(
        &self,
        c: &Connection,
        app_id: &str,
        group: &str,
        assigned: bool,
    ) -> BackendResult<()> {
        self.check(Capability::AppAssignment)?;
        self.inner.assign_app(c, app_id, group, assigned)
    }
    fn create_enrollment(
        &self,
        c: &Connection,
        platform: mdm_model::domain::Platform,
    ) -> BackendResult<EnrollmentTarget> {
        self.check(Capability::Enrollment)?;
        self.inner.create_enrollment(c, platform)
    }
    fn enroll_device(
        &self,
        c: &Connection,
        d: &crate::backend::EnrollingDevice<'_>,
        now: i64,
    ) -> BackendResult<crate::backend::Enrolled> {
        self.check(Capability::Enrollment)?;
        self.inner.enroll_device(c, d, now)
    }
    fn vendor_audit(
        &self,
        store: &Db,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<VendorAudit> {
        self.check(Capability::VendorAudit)?;
        self.inner.vendor_audit(store, cursor, limit)
    }
    fn health(&self) -> crate::backend::BackendHealth {
        self.inner.health()
    }
}

/// The `--fault stall-after-submits=N` backend: hands the inner backend the first `N`
/// device commands, then blocks forever in `submit` (after handing over what still
/// fits of the batch), as a gateway hung mid fan-out on a vendor request would. The
/// test kills the process there; everything else goes to the inner backend.
pub struct Stalling {
    inner: Arc<dyn Backend>,
    after: u64,
    taken: AtomicU64,
}

impl Stalling {
    pub fn new(inner: Arc<dyn Backend>, after: u64) -> Self {
        Stalling {
            inner,
            after,
            taken: AtomicU64::new(0),
        }
    }
}

impl Backend for Stalling {
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    fn limits(&self) -> Limits {
        self.inner.limits()
    }
    fn supports(&self, cap: Capability) -> bool {
        self.inner.supports(cap)
    }
    fn inventory_page(
        &self,
        c: &Connection,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<InventoryPage> {
        self.inner.inventory_page(c, cursor, limit)
    }
    fn device(&self, c: &Connection, id: &str) -> BackendResult<Option<Device>> {
        self.inner.device(c, id)
    }
    fn submit(
        &self,
        store: &Db,
        cmd: Command<'_>,
        devices: &[DeviceRef],
        now: i64,
    ) -> BackendResult<Vec<Submission>> {
        let taken = self.taken.load(Ordering::SeqCst);
        let room = usize::try_from(self.after.saturating_sub(taken)).unwrap_or(usize::MAX);
        if devices.len() <= room {
            self.taken.fetch_add(devices.len() as u64, Ordering::SeqCst);
            return self.inner.submit(store, cmd, devices, now);
        }
        if room > 0 {
            self.taken.fetch_add(room as u64, Ordering::SeqCst);
            self.inner.submit(store, cmd, &devices[..room], now)?;
        }
        eprintln!(
            "mdm sandbox: fault: stalled in submit after {} commands",
            self.after
        );
        loop {
            std::thread::park();
        }
    }
    fn outcomes(
        &self,
        store: &Db,
        cmd: Command<'_>,
        in_flight: &[InFlight],
        now: i64,
    ) -> BackendResult<Vec<Outcome>> {
        self.inner.outcomes(store, cmd, in_flight, now)
    }
    fn apply_policy(&self, c: &Connection, p: &Policy) -> BackendResult<()> {
        self.inner.apply_policy(c, p)
    }
    fn remove_policy(&self, c: &Connection, name: &str) -> BackendResult<()> {
        self.inner.remove_policy(c, name)
    }
    fn read_policy(&self, c: &Connection, name: &str) -> BackendResult<Option<Policy>> {
        self.inner.read_policy(c, name)
    }
    fn check_policy(&self, p: &Policy) -> Result<(), crate::backend::Unmappable> {
        self.inner.check_policy(p)
    }
    fn check_action(
        &self,
        c: &Connection,
        kind: crate::actions::Kind,
        options: &mdm_model::types::ActionOptions,
        target: &mdm_model::types::Target,
    ) -> Result<(), crate::backend::ActionRefused> {
        self.inner.check_action(c, kind, options, target)
    }
    fn assign_policy(
        &self,
        c: &Connection,
        name: &str,
        group: &str,
        assigned: bool,
    ) -> BackendResult<()> {
        self.inner.assign_policy(c, name, group, assigned)
    }
    fn assign_app(
        &self,
        c: &Connection,
        app_id: &str,
        group: &str,
        assigned: bool,
    ) -> BackendResult<()> {
        self.inner.assign_app(c, app_id, group, assigned)
    }
    fn create_enrollment(
        &self,
        c: &Connection,
        platform: mdm_model::domain::Platform,
    ) -> BackendResult<EnrollmentTarget> {
        self.inner.create_enrollment(c, platform)
    }
    fn enroll_device(
        &self,
        c: &Connection,
        d: &crate::backend::EnrollingDevice<'_>,
        now: i64,
    ) -> BackendResult<crate::backend::Enrolled> {
        self.inner.enroll_device(c, d, now)
    }
    fn vendor_audit(
        &self,
        store: &Db,
        cursor: Option<&str>,
        limit: u32,
    ) -> BackendResult<VendorAudit> {
        self.inner.vendor_audit(store, cursor, limit)
    }
    fn health(&self) -> crate::backend::BackendHealth {
        self.inner.health()
    }
}

/// The hook routes, mounted by `routes::router` only when hooks are on.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/_test/clock/advance", post(advance))
        .route("/_test/otp", post(otp))
        .route("/_test/sim/step", post(step))
        .route("/_test/sim/deliveries", post(deliveries))
        .route("/_test/backend/capability", post(capability))
        .route("/_test/fixtures/group", post(group))
        .route("/_test/fixtures/device", post(device))
        .route("/_test/fixtures/device-away", post(device_away))
        .route(
            "/_test/fixtures/corrupt-action-options",
            post(corrupt_action),
        )
}

fn hooks(st: &AppState) -> ApiResult<&Hooks> {
    st.hooks
        .as_ref()
        .ok_or_else(|| ApiError::not_found("no such route"))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    pub seconds: u32,
}

/// Moves the server clock forward; answers the new server time.
async fn advance(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<Advance>,
) -> ApiResult<Json<serde_json::Value>> {
    hooks(&st)?;
    let now = st.run(move |s| move_clock(s, req.seconds)).await?;
    Ok(Json(serde_json::json!({
        "now": mdm_model::time::unix_to_rfc3339(now),
        "offset_seconds": crate::clock::offset(),
    })))
}

/// Moves the clock and records the offset, so `mdm sandbox otp` and a restart agree.
fn move_clock(s: &AppState, seconds: u32) -> ApiResult<i64> {
    let now = crate::clock::advance(seconds);
    let offset = crate::clock::offset().to_string();
    s.db.write(|tx| crate::db::meta_set(tx, crate::clock::OFFSET_META, &offset))?;
    Ok(now)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtpFor {
    pub user: String,
}

/// A code the server accepts now for `user`. When both usable steps are spent, the
/// clock moves to the next step instead of the caller waiting for it.
async fn otp(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<OtpFor>,
) -> ApiResult<Json<serde_json::Value>> {
    hooks(&st)?;
    st.run(move |s| {
        let (secret, last) =
            s.db.read(|c| crate::totp_store::seed_of(c, &req.user))?
                .ok_or_else(|| ApiError::not_found(format!("no user {:?}", req.user)))?;
        let secret = secret.ok_or_else(|| {
            ApiError::conflict(ErrorCode::MfaNotEnrolled, "no authenticator enrolled")
        })?;
        loop {
            let now = crate::clock::now_unix();
            if let Some((code, _)) = crate::local::next_code(&secret, last, now) {
                return Ok(Json(serde_json::json!({ "code": code })));
            }
            let into = now.rem_euclid(mdm_model::totp::STEP_SECS as i64);
            move_clock(s, (mdm_model::totp::STEP_SECS as i64 - into) as u32)?;
        }
    })
    .await
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub steps: Option<u32>,
    /// Seconds the clock moves before each step (commands answer a step after they
    /// are sent, so 1 by default).
    #[serde(default)]
    pub advance: Option<u32>,
}

/// Runs simulator steps now (check-ins, expiries, and the actions step).
async fn step(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<Step>,
) -> ApiResult<Json<serde_json::Value>> {
    hooks(&st)?;
    let steps = req.steps.unwrap_or(1).clamp(1, 100);
    let adv = req.advance.unwrap_or(1).min(3600);
    st.run(move |s| {
        for _ in 0..steps {
            move_clock(s, adv)?;
            crate::backend::sim::tick::tick_once(s).map_err(|e| match e {
                BackendError::Store(e) => ApiError::from(e),
                other => ApiError::from(other),
            })?;
        }
        Ok(Json(serde_json::json!({ "steps": steps })))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveriesOf {
    pub action_id: String,
}

/// How many times each device received an action's command, as the simulator counted
/// them (`{"devices": {"dev_…": 1, …}, "total": N}`; a device that never received it
/// is absent).
async fn deliveries(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<DeliveriesOf>,
) -> ApiResult<Json<serde_json::Value>> {
    hooks(&st)?;
    st.run(move |s| {
        let rows =
            s.db.read(|c| crate::backend::sim::deliveries(c, &req.action_id))?;
        let total: i64 = rows.iter().map(|(_, n)| n).sum();
        let devices: serde_json::Map<String, serde_json::Value> = rows
            .into_iter()
            .map(|(id, n)| (id, serde_json::json!(n)))
            .collect();
        Ok(Json(
            serde_json::json!({ "devices": devices, "total": total }),
        ))
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilitySwitch {
    pub capability: String,
    pub enabled: bool,
}

/// Switches a capability of the backend off (or back on).
async fn capability(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<CapabilitySwitch>,
) -> ApiResult<Json<serde_json::Value>> {
    let h = hooks(&st)?;
    let cap = Capability::parse(&req.capability).ok_or_else(|| {
        let names: Vec<&str> = Capability::ALL.iter().map(|c| c.as_str()).collect();
        ApiError::bad_request(format!(
            "unknown capability {:?} (capabilities: {})",
            req.capability,
            names.join(", ")
        ))
    })?;
    h.backend.set(cap, req.enabled);
    Ok(Json(
        serde_json::json!({ "capability": cap.as_str(), "enabled": req.enabled }),
    ))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFixture {
    pub name: String,
    /// Device ids or serials to put in the group.
    #[serde(default)]
    pub devices: Vec<String>,
}

/// Creates a group (if missing) and adds devices to it.
async fn group(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<GroupFixture>,
) -> ApiResult<Json<serde_json::Value>> {
    hooks(&st)?;
    st.run(move |s| {
        s.db.write(|tx| -> ApiResult<_> {
            tx.execute(
                "INSERT INTO groups(name, description) VALUES (?1, 'test fixture') ON CONFLICT DO NOTHING",
                [&req.name],
            )?;
            let gid: i64 =
                tx.query_row("SELECT id FROM groups WHERE name = ?1", [&req.name], |r| {
                    r.get(0)
                })?;
            for d in &req.devices {
                let rid: Option<i64> = tx
                    .query_row(
                        "SELECT rid FROM devices WHERE id = ?1 OR serial = ?1",
                        [d],
                        |r| r.get(0),
                    )
                    .optional()?;
                let rid = rid.ok_or_else(|| ApiError::not_found(format!("no device {d:?}")))?;
                tx.execute(
                    "INSERT INTO device_groups(group_id, device_rid) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                    params![gid, rid],
                )?;
            }
            Ok(Json(
                serde_json::json!({ "name": req.name, "devices": req.devices.len() }),
            ))
        })
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceFixture {
    /// Any text, hostile names included (ANSI escapes, bidi controls, …).
    pub name: String,
    #[serde(default)]
    pub serial: Option<String>,
    #[serde(default)]
    pub platform: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub owner_name: Option<String>,
    #[serde(default)]
    pub owner_email: Option<String>,
    /// Seconds since the device last checked in.
    #[serde(default)]
    pub last_seen_ago: Option<u32>,
}

/// Adds one device to the simulated fleet; answers its id and serial.
async fn device(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<DeviceFixture>,
) -> ApiResult<Json<serde_json::Value>> {
    hooks(&st)?;
    if let Some(p) = &req.platform {
        p.parse::<mdm_model::domain::Platform>()
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
    }
    let status = req.status.clone().unwrap_or_else(|| "online".into());
    status
        .parse::<mdm_model::domain::DeviceStatus>()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    st.run(move |s| {
        s.db.write(|tx| -> ApiResult<_> {
            use rand::SeedableRng;
            let mut rng = rand::rngs::StdRng::from_os_rng();
            let mut serials = HashSet::new();
            let mut d = crate::backend::sim::seed::device(
                &mut rng,
                &mut serials,
                req.platform.as_deref(),
                req.owner_email.as_deref(),
            );
            d.name = req.name.clone();
            if let Some(serial) = &req.serial {
                d.serial = serial.clone();
            }
            if let Some(o) = &req.owner_name {
                d.owner_name = o.clone();
            }
            let now = crate::clock::now_unix();
            let seen = now - i64::from(req.last_seen_ago.unwrap_or(0));
            crate::backend::sim::seed::insert_device(tx, &d, &status, now, seen, 0)?;
            Ok(Json(serde_json::json!({ "id": d.id, "serial": d.serial })))
        })
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceAway {
    /// Device id or serial.
    pub device: String,
    /// How long the device stays off the network from now (0: back now).
    pub seconds: u32,
}

/// Takes a simulated device off the network for a while (or brings it back).
async fn device_away(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<DeviceAway>,
) -> ApiResult<Json<serde_json::Value>> {
    hooks(&st)?;
    st.run(move |s| {
        s.db.write(|tx| -> ApiResult<_> {
            let until = if req.seconds == 0 {
                0
            } else {
                crate::clock::now_unix() + i64::from(req.seconds)
            };
            let n = tx.execute(
                "UPDATE devices SET offline_until = ?2 WHERE id = ?1 OR serial = ?1",
                params![req.device, until],
            )?;
            if n == 0 {
                return Err(ApiError::not_found(format!("no device {:?}", req.device)));
            }
            Ok(Json(
                serde_json::json!({ "device": req.device, "offline_until": until }),
            ))
        })
    })
    .await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorruptAction {
    pub action_id: String,
}

/// Overwrites an action's stored options with bytes that do not parse (as a damaged
/// database or a bad migration would), audited like any change.
async fn corrupt_action(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<CorruptAction>,
) -> ApiResult<Json<serde_json::Value>> {
    hooks(&st)?;
    st.run(move |s| {
        s.db.write(|tx| -> ApiResult<_> {
            let n = tx.execute(
                "UPDATE actions SET options = '{\"rollout\": \"not a list' WHERE id = ?1",
                [&req.action_id],
            )?;
            if n == 0 {
                return Err(ApiError::not_found(format!(
                    "no action {:?}",
                    req.action_id
                )));
            }
            let ev = audit::NewEvent {
                actor: "test-hooks".into(),
                role: "system".into(),
                action: "test.corrupt_action_options".into(),
                outcome: "success".into(),
                ..Default::default()
            }
            .target("action", vec![req.action_id.clone()]);
            audit::append(tx, ev)?;
            Ok(Json(serde_json::json!({ "action_id": req.action_id })))
        })
    })
    .await
}
