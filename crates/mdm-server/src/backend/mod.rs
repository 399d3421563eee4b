//! The gateway's seam to a fleet. The safety machinery (step-up, previews and digests,
//! approvals, freeze, break-glass, audit) sits above this trait and never asks which
//! backend runs; a backend only knows how to reach devices.
//!
//! The shape fits vendors that answer later: `submit` says per device whether the
//! command was taken (Intune answers 204 and reports in `deviceActionResults` later), and
//! `outcomes` is polled for commands in flight. `limits` says whether the backend takes
//! several devices per call and how many, so the gateway batches and never floods a vendor.
//!
//! `submit` and `outcomes` may take seconds (a vendor request, throttled), so the
//! gateway never calls them inside a write transaction of its store: per batch it
//! claims the devices (`sending`, committed), calls the backend with no transaction
//! open, then records the answers in a second short transaction. What was sent is so
//! recorded per device before the request, and a gateway that died in between never
//! sends those devices the command again: it asks `outcomes` about them instead, with
//! [`InFlight::recovered`] set (see there for what a backend must answer).
//!
//! A vendor backend's store is a copy of the vendor's fleet, so before an action on more
//! than one device the gateway asks `confirm_target` to re-read it (no transaction
//! open either) and compares the target resolved again with the previewed set.
//!
//! A capability a backend lacks answers [`Unsupported`], which the API renders as
//! `501 not_supported_by_backend` naming the backend and the capability.

pub mod copy;
pub mod features;
pub mod fleet;
pub mod intune;
pub mod jamf;
pub mod sim;

use crate::actions::Kind;
use crate::db::Db;
use crate::http::ApiError;
use crate::sql::Connection;
use axum::http::StatusCode;
use mdm_model::domain::ErrorCode;
use mdm_model::policy::Policy;
use mdm_model::types::{ActionOptions, Device};
use std::fmt;

/// The answer of a backend that cannot tell whether a [`InFlight::recovered`] command
/// reached the device: the device fails with this error, and nothing is resent.
pub const DELIVERY_UNKNOWN: &str = "delivery unknown after a gateway restart; not resent";

/// The answer of a backend that knows a [`InFlight::recovered`] command never reached it.
pub const NOT_DELIVERED: &str =
    "not delivered: the gateway restarted before the request reached the backend; not resent";

/// What a backend can do; each names one group of trait methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// `inventory_page`, `device`.
    Inventory,
    /// `submit`, `outcomes`.
    DeviceCommands,
    /// `apply_policy`, `remove_policy`, `read_policy`, `assign_policy`.
    Policies,
    /// `assign_app`.
    AppAssignment,
    /// `create_enrollment`, `enroll_device`.
    Enrollment,
    /// `vendor_audit`.
    VendorAudit,
}

impl Capability {
    pub const ALL: [Capability; 6] = [
        Capability::Inventory,
        Capability::DeviceCommands,
        Capability::Policies,
        Capability::AppAssignment,
        Capability::Enrollment,
        Capability::VendorAudit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Inventory => "inventory",
            Capability::DeviceCommands => "device_commands",
            Capability::Policies => "policies",
            Capability::AppAssignment => "app_assignment",
            Capability::Enrollment => "enrollment",
            Capability::VendorAudit => "vendor_audit",
        }
    }

    pub fn parse(s: &str) -> Option<Capability> {
        Capability::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The backend lacks a capability: a clear refusal, never a silent no-op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    pub backend: &'static str,
    pub capability: Capability,
    /// What to use instead, when the vendor has its own way (Intune enrolls through
    /// Company Portal and Autopilot); said in the message and in `details.alternative`.
    pub alternative: Option<&'static str>,
}

impl From<Unsupported> for ApiError {
    fn from(u: Unsupported) -> ApiError {
        let instead = u.alternative.map(|a| format!("; {a}")).unwrap_or_default();
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            ErrorCode::NotSupportedByBackend,
            format!(
                "the {} backend does not support {}; nothing was changed{instead}",
                u.backend, u.capability
            ),
        )
        .with_details(serde_json::json!({
            "backend": u.backend,
            "capability": u.capability.as_str(),
            "alternative": u.alternative,
        }))
    }
}

/// A policy setting the backend cannot carry out (on one platform, or at all). A
/// policy holding one is refused whole before anything is written, so nothing is
/// half-applied and nothing is silently dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmappable {
    pub backend: &'static str,
    /// The setting's path in the policy model (`encryption.required`).
    pub setting: String,
    /// The platform it has no equivalent on; `None` when on none.
    pub platform: Option<&'static str>,
}

impl Unmappable {
    /// The refusal of `policy` (`501 not_supported_by_backend`, naming setting and backend).
    pub fn into_api(self, policy: &str) -> ApiError {
        let on = self
            .platform
            .map(|p| format!(" for {p}"))
            .unwrap_or_default();
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            ErrorCode::NotSupportedByBackend,
            format!(
                "policy {policy}: the {} backend has no equivalent of {}{on}; nothing was applied",
                self.backend, self.setting
            ),
        )
        .with_details(serde_json::json!({
            "backend": self.backend,
            "capability": Capability::Policies.as_str(),
            "policy": policy,
            "setting": self.setting,
            "platform": self.platform,
        }))
    }
}

/// An action the backend cannot carry out as asked (Intune assigns apps to groups,
/// never to single devices, and uploads no packages): `501 not_supported_by_backend`
/// with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRefused {
    pub backend: &'static str,
    pub capability: Capability,
    pub message: String,
    pub alternative: &'static str,
}

impl From<ActionRefused> for ApiError {
    fn from(t: ActionRefused) -> ApiError {
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            ErrorCode::NotSupportedByBackend,
            format!("{}; nothing was sent; {}", t.message, t.alternative),
        )
        .with_details(serde_json::json!({
            "backend": t.backend,
            "capability": t.capability.as_str(),
            "alternative": t.alternative,
        }))
    }
}

/// Why a backend call failed.
#[derive(Debug)]
pub enum BackendError {
    Unsupported(Unsupported),
    /// The gateway's own store failed (the simulator keeps its fleet there).
    Store(crate::sql::Error),
    /// The vendor refused or failed; `retry_after` when it asked to slow down.
    Vendor {
        message: String,
        retry_after: Option<std::time::Duration>,
    },
}

pub type BackendResult<T> = Result<T, BackendError>;

impl From<crate::sql::Error> for BackendError {
    fn from(e: crate::sql::Error) -> Self {
        BackendError::Store(e)
    }
}

impl From<Unsupported> for BackendError {
    fn from(u: Unsupported) -> Self {
        BackendError::Unsupported(u)
    }
}

impl From<BackendError> for ApiError {
    fn from(e: BackendError) -> ApiError {
        match e {
            BackendError::Unsupported(u) => u.into(),
            BackendError::Store(e) => e.into(),
            BackendError::Vendor { message, .. } => ApiError::new(
                StatusCode::BAD_GATEWAY,
                ErrorCode::BackendFailed,
                format!("the fleet backend failed: {message}"),
            ),
        }
    }
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackendError::Unsupported(u) => {
                write!(
                    f,
                    "the {} backend does not support {}",
                    u.backend, u.capability
                )
            }
            BackendError::Store(e) => write!(f, "store: {e}"),
            BackendError::Vendor { message, .. } => write!(f, "vendor: {message}"),
        }
    }
}

/// Runs `fut` to completion on the runtime behind `handle`, from the sync code of a
/// backend (its vendor client is async): inside a worker of a multi-threaded runtime it
/// steps aside first (`block_in_place`), so the runtime keeps serving.
pub fn block_on<F: std::future::Future>(handle: &tokio::runtime::Handle, fut: F) -> F::Output {
    let in_worker = tokio::runtime::Handle::try_current()
        .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
    if in_worker {
        tokio::task::block_in_place(|| handle.block_on(fut))
    } else {
        handle.block_on(fut)
    }
}

/// How the backend wants commands delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most devices per `submit` call (1 for a vendor that takes one device per request).
    pub max_batch: usize,
}

/// One device as the gateway knows it (`rid` is the gateway's row, `id` the device id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRef {
    pub rid: i64,
    pub id: String,
}

/// A command to devices, with its options already checked by the gateway.
#[derive(Debug, Clone, Copy)]
pub struct Command<'a> {
    /// The gateway's action id (`act_…`): the same for every batch and every poll of
    /// one action, so a backend can key what it sent by action and device.
    pub action: &'a str,
    pub kind: Kind,
    pub options: &'a ActionOptions,
}

/// What the backend did with one device of a `submit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    /// Taken; the outcome comes later through `outcomes`.
    Accepted,
    /// The device cannot be reached now; the gateway submits it again later.
    Deferred,
    /// The backend does not know the device.
    NotFound,
    /// Refused for this device.
    Failed(String),
    /// The vendor holds the request for its own approval (Intune Multi Admin Approval:
    /// 412 with `x-msft-approval-code`); nothing was carried out. The gateway asks
    /// [`Backend::vendor_approval`] about `code` and, once approved, hands the same
    /// devices to [`Backend::submit_approved`] once.
    ApprovalRequired { code: String },
}

/// What the vendor says of a request it holds for its own approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VendorApprovalState {
    /// Not decided yet.
    Waiting,
    /// Approved: the identical request may be sent again, once, with the code.
    Approved,
    /// Rejected, cancelled, expired or unknown to the vendor: the devices fail with this.
    Refused(String),
}

/// A command the gateway is waiting to hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    pub device: DeviceRef,
    /// When `submit` accepted it (server clock, Unix seconds); for a `recovered` one,
    /// when the gateway claimed it, just before the request.
    pub sent_at: i64,
    /// The gateway claimed the device for `submit` and then stopped (crash, kill, lost
    /// power) before recording the answer: the command may or may not have reached
    /// the backend, and the gateway will never submit it again. The backend answers
    /// from its own state (Intune: the device's `deviceActionResults`; the simulator:
    /// what it received): `Waiting` or `Acknowledged` or `Failed` as for any command
    /// when it did receive it, `Failed(NOT_DELIVERED)` when it knows it did not, and
    /// `Failed(DELIVERY_UNKNOWN)` when it cannot tell. Never `Waiting` forever for a
    /// command it never got.
    pub recovered: bool,
}

/// What became of a command in flight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No answer yet.
    Waiting,
    Acknowledged,
    Failed(String),
}

/// A page of the backend's inventory.
#[derive(Debug, Clone)]
pub struct InventoryPage {
    pub devices: Vec<Device>,
    /// Opaque cursor of the next page, `None` on the last one.
    pub next: Option<String>,
}

/// Where a new device enrolls, as the vendor answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentTarget {
    /// The vendor's reference for the enrollment (profile or invitation id).
    pub reference: String,
}

/// A device presenting a gateway-made enrollment token (`POST /v1/enroll`).
#[derive(Debug, Clone)]
pub struct EnrollingDevice<'a> {
    pub platform: &'a str,
    /// Whom the token was made for.
    pub owner_email: &'a str,
    pub group: Option<&'a str>,
    pub name: Option<&'a str>,
    pub serial: Option<&'a str>,
    pub model: Option<&'a str>,
}

/// What `enroll_device` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enrolled {
    Device(DeviceRef),
    /// Another device already has the serial; nothing was enrolled.
    SerialTaken,
}

/// What [`Backend::confirm_target`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetCheck {
    /// The gateway's store is the fleet itself (the simulator): nothing to re-read, the
    /// digest check of the caller is the whole check.
    Current,
    /// The backend re-read the vendor into the store and every given device is still
    /// there; the caller re-resolves the target against the fresh copy and compares it
    /// with the previewed set (a group's membership may have changed at the vendor).
    Refreshed,
    /// The vendor's set differs from what the gateway holds: why, in words that name
    /// the vendor ("Intune lists 9 devices but counts 12"). Nothing may be sent.
    Changed(String),
}

/// One entry of the vendor's own audit log (changes made around the gateway show here).
/// Every text field is the vendor's text, unescaped: escape it where it is rendered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VendorEvent {
    /// The vendor's id of the event (Intune: the auditEvent's id).
    pub id: String,
    /// When it happened at the vendor (Unix seconds).
    pub at: i64,
    /// Who: a user principal name, else the app's display name or id.
    pub actor: String,
    /// The vendor's app id of the actor, when it names one.
    pub actor_app_id: Option<String>,
    /// Made by this gateway's own credential (Intune: the actor's app id is the
    /// gateway's client id): already in the chain as the mdm action that caused it.
    pub by_gateway: bool,
    pub activity: String,
    pub activity_type: String,
    pub result: String,
    pub resources: Vec<VendorResource>,
}

/// An object a vendor event touched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VendorResource {
    pub display_name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
}

/// A read of the vendor's audit log: the events after the cursor, oldest first, and the
/// cursor to read on from (opaque; the gateway keeps it in its store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorAudit {
    pub events: Vec<VendorEvent>,
    pub cursor: String,
}

/// What a backend says about itself in `GET /v1/health`: never a secret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackendHealth {
    /// `ok` or `failing`, for a backend that signs in to its vendor.
    pub token: Option<mdm_model::types::TokenHealth>,
    /// Last inventory sync that completed (Unix seconds).
    pub last_sync_at: Option<i64>,
    /// Why the last inventory sync failed, when it did (cleared by the next success).
    pub last_sync_error: Option<String>,
}

/// What the gateway needs from a fleet. Methods a backend does not override answer
/// [`Unsupported`] naming the backend and the capability.
///
/// Methods get the gateway's store: the simulator keeps its fleet there, and vendor
/// backends keep their sync cursors and throttling state there. Most get a connection
/// the caller already holds (possibly inside its transaction); `submit` and `outcomes`
/// get the store itself and are called with no transaction of the gateway open.
pub trait Backend: Send + Sync {
    /// Short name shown in errors (`simulator`, `intune`, `jamf`, `fleet`).
    fn name(&self) -> &'static str;

    /// Batching limits for `submit`.
    fn limits(&self) -> Limits {
        Limits { max_batch: 1 }
    }

    /// What the backend declares it does, row by row (the README's backend table).
    fn features(&self) -> &'static features::Features {
        &features::NONE
    }

    /// Whether the backend implements `cap` (answers without calling the vendor); by
    /// default what [`Backend::features`] declares.
    fn supports(&self, cap: Capability) -> bool {
        features::supports(self.features(), cap)
    }

    /// What to use instead of a capability this backend lacks, if the vendor has one; by
    /// default the declaration's text for a refused row.
    fn alternative(&self, capability: Capability) -> Option<&'static str> {
        features::alternative(self.features(), capability)
    }

    /// The refusal for a capability this backend lacks.
    fn unsupported(&self, capability: Capability) -> BackendError {
        Unsupported {
            backend: self.name(),
            capability,
            alternative: self.alternative(capability),
        }
        .into()
    }

    /// One page of the inventory, in a stable order; `cursor` from the previous page.
    fn inventory_page(
        &self,
        _c: &Connection,
        _cursor: Option<&str>,
        _limit: u32,
    ) -> BackendResult<InventoryPage> {
        Err(self.unsupported(Capability::Inventory))
    }

    /// One device by id or serial.
    fn device(&self, _c: &Connection, _id_or_serial: &str) -> BackendResult<Option<Device>> {
        Err(self.unsupported(Capability::Inventory))
    }

    /// Before an action on more than one device is created, and again before an
    /// approved one fans out: re-reads from the vendor what the target resolves against,
    /// since a vendor backend's store is only a copy (and Graph lists are known to stop
    /// early without saying so). `devices` is the target as the gateway resolved it from
    /// its copy just before. Called with no transaction of the gateway open, as `submit`;
    /// the backend may rewrite its copy in short write transactions of its own.
    ///
    /// The default answers [`TargetCheck::Current`]: a backend whose store is the fleet
    /// (the simulator) has nothing to re-read.
    fn confirm_target(
        &self,
        _store: &Db,
        _devices: &[DeviceRef],
        _now: i64,
    ) -> BackendResult<TargetCheck> {
        Ok(TargetCheck::Current)
    }

    /// Sends a command to at most `limits().max_batch` devices; one answer per device,
    /// in order.
    ///
    /// Called with no write transaction of the gateway open: the devices are already
    /// recorded as `sending`, so a gateway that dies during the call never sends them
    /// the command again. The backend may read `store` (`Db::read`) and take short
    /// write transactions of its own (`Db::write`: the simulator records what it
    /// received there, as the fleet's store), but never holds one across a vendor
    /// request. `Err` means the backend took none of the batch (the gateway hands the
    /// devices back to the queue and tries again at a later step); a backend that may
    /// have delivered part of a batch answers per device instead.
    fn submit(
        &self,
        _store: &Db,
        _cmd: Command<'_>,
        _devices: &[DeviceRef],
        _now: i64,
    ) -> BackendResult<Vec<Submission>> {
        Err(self.unsupported(Capability::DeviceCommands))
    }

    /// What became of commands in flight; one answer per entry, in order. On
    /// acknowledgement the backend has applied the command to the device. Entries with
    /// `recovered` set are answered as [`InFlight::recovered`] says. Called with no
    /// write transaction of the gateway open, as `submit`; asking again about the same
    /// command (after a gateway restart) must be harmless.
    fn outcomes(
        &self,
        _store: &Db,
        _cmd: Command<'_>,
        _in_flight: &[InFlight],
        _now: i64,
    ) -> BackendResult<Vec<Outcome>> {
        Err(self.unsupported(Capability::DeviceCommands))
    }

    /// Where the vendor's approval `code` (from [`Submission::ApprovalRequired`]) stands.
    /// Asked at every step while devices wait on it; never approves anything itself.
    fn vendor_approval(&self, _store: &Db, _code: &str) -> BackendResult<VendorApprovalState> {
        Err(self.unsupported(Capability::DeviceCommands))
    }

    /// Sends the request the vendor approved under `code` again, identical, with the
    /// code: `devices` are those that got [`Submission::ApprovalRequired`] with it, in
    /// the order they were first submitted. Called once per approval, as `submit` (the
    /// devices are claimed first, no transaction open); answers as `submit`.
    fn submit_approved(
        &self,
        _store: &Db,
        _cmd: Command<'_>,
        _devices: &[DeviceRef],
        _code: &str,
        _now: i64,
    ) -> BackendResult<Vec<Submission>> {
        Err(self.unsupported(Capability::DeviceCommands))
    }

    /// Whether every setting of `p` has an equivalent at the vendor; checked for every
    /// policy of a plan before the first write.
    fn check_policy(&self, _p: &Policy) -> Result<(), Unmappable> {
        Ok(())
    }

    /// Whether the backend can carry out `kind` with these (prepared) options on this
    /// target; checked at preview and before an action is stored.
    fn check_action(
        &self,
        _c: &Connection,
        _kind: Kind,
        _options: &ActionOptions,
        _target: &mdm_model::types::Target,
    ) -> Result<(), ActionRefused> {
        Ok(())
    }

    /// Creates or replaces a policy at the vendor. The policy writes (`apply_policy`,
    /// `remove_policy`, `assign_policy`) are made after the gateway's own change and its
    /// audit event committed, with no write transaction open: `c` is a reader, so a
    /// vendor request never holds the gateway's writer. A failure is recorded by the
    /// caller as `failed_at_backend`, naming what was and was not applied.
    fn apply_policy(&self, _c: &Connection, _p: &Policy) -> BackendResult<()> {
        Err(self.unsupported(Capability::Policies))
    }

    /// Removes a policy at the vendor.
    fn remove_policy(&self, _c: &Connection, _name: &str) -> BackendResult<()> {
        Err(self.unsupported(Capability::Policies))
    }

    /// The policy as the vendor holds it (to detect drift).
    fn read_policy(&self, _c: &Connection, _name: &str) -> BackendResult<Option<Policy>> {
        Err(self.unsupported(Capability::Policies))
    }

    /// Assigns (or unassigns) a policy to a device group.
    fn assign_policy(
        &self,
        _c: &Connection,
        _name: &str,
        _group: &str,
        _assigned: bool,
    ) -> BackendResult<()> {
        Err(self.unsupported(Capability::Policies))
    }

    /// Makes a catalog app required (or not) for a device group.
    fn assign_app(
        &self,
        _c: &Connection,
        _app_id: &str,
        _group: &str,
        _assigned: bool,
    ) -> BackendResult<()> {
        Err(self.unsupported(Capability::AppAssignment))
    }

    /// Prepares the vendor side of an enrollment for a platform.
    fn create_enrollment(
        &self,
        _c: &Connection,
        _platform: mdm_model::domain::Platform,
    ) -> BackendResult<EnrollmentTarget> {
        Err(self.unsupported(Capability::Enrollment))
    }

    /// A device enrolls with a token the gateway made. Only where devices enroll through
    /// the gateway (the simulator); a vendor's devices enroll with the vendor itself.
    fn enroll_device(
        &self,
        _c: &Connection,
        _d: &EnrollingDevice<'_>,
        _now: i64,
    ) -> BackendResult<Enrolled> {
        Err(self.unsupported(Capability::Enrollment))
    }

    /// The vendor's own audit log after `cursor` (`None`: from now on), oldest first,
    /// and the cursor to read on from. Called with no transaction of the gateway open
    /// (a vendor request).
    fn vendor_audit(
        &self,
        _store: &Db,
        _cursor: Option<&str>,
        _limit: u32,
    ) -> BackendResult<VendorAudit> {
        Err(self.unsupported(Capability::VendorAudit))
    }

    /// The backend's state for `GET /v1/health` (answers without calling the vendor).
    fn health(&self) -> BackendHealth {
        BackendHealth::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A backend with inventory only: every other capability must answer the error.
    struct InventoryOnly;

    impl Backend for InventoryOnly {
        fn name(&self) -> &'static str {
            "inventory-only"
        }
        fn supports(&self, cap: Capability) -> bool {
            cap == Capability::Inventory
        }
        fn inventory_page(
            &self,
            _c: &Connection,
            _cursor: Option<&str>,
            _limit: u32,
        ) -> BackendResult<InventoryPage> {
            Ok(InventoryPage {
                devices: Vec::new(),
                next: None,
            })
        }
    }

    #[test]
    fn a_missing_capability_is_a_501_naming_backend_and_capability() {
        let c = Connection::from_sqlite(rusqlite::Connection::open_in_memory().unwrap());
        let b = InventoryOnly;
        assert!(b.inventory_page(&c, None, 10).is_ok());
        let dir = std::env::temp_dir().join(format!(
            "mdm-backend-test-{}-{}",
            std::process::id(),
            crate::ids::random_hex(4)
        ));
        let store = Db::open(&dir).unwrap();
        let o = ActionOptions::default();
        let cmd = Command {
            action: "act_test",
            kind: Kind::Wipe,
            options: &o,
        };
        let dev = [DeviceRef {
            rid: 1,
            id: "dev_1".into(),
        }];
        let err = b.submit(&store, cmd, &dev, 0).unwrap_err();
        // A backend whose store is the fleet has nothing to re-read before a bulk action.
        assert_eq!(
            b.confirm_target(&store, &dev, 0).unwrap(),
            TargetCheck::Current
        );
        assert!(matches!(
            b.vendor_audit(&store, None, 10),
            Err(BackendError::Unsupported(Unsupported {
                capability: Capability::VendorAudit,
                ..
            }))
        ));
        drop(store);
        let _ = std::fs::remove_dir_all(dir);
        let api: ApiError = err.into();
        assert_eq!(api.status, StatusCode::NOT_IMPLEMENTED);
        assert_eq!(api.code, ErrorCode::NotSupportedByBackend);
        assert!(api.message.contains("inventory-only"), "{}", api.message);
        assert!(api.message.contains("device_commands"), "{}", api.message);
        let details = api.details.unwrap();
        assert_eq!(details["backend"], "inventory-only");
        assert_eq!(details["capability"], "device_commands");
        for r in [
            b.apply_policy(&c, &serde_json::from_str(r#"{"name":"p"}"#).unwrap()),
            b.remove_policy(&c, "p"),
            b.assign_policy(&c, "p", "g", true),
        ] {
            match r {
                Err(BackendError::Unsupported(u)) => {
                    assert_eq!(u.capability, Capability::Policies)
                }
                other => panic!("expected unsupported, got {other:?}"),
            }
        }
        // A backend may say what to use instead; the API error carries it.
        let e = ApiError::from(Unsupported {
            backend: "intune",
            capability: Capability::Enrollment,
            alternative: Some("use Company Portal"),
        });
        assert_eq!(e.status, StatusCode::NOT_IMPLEMENTED);
        assert!(
            e.message
                .ends_with("nothing was changed; use Company Portal"),
            "{}",
            e.message
        );
        assert_eq!(e.details.unwrap()["alternative"], "use Company Portal");
    }

    #[test]
    fn capability_names_round_trip() {
        for c in Capability::ALL {
            assert_eq!(Capability::parse(c.as_str()), Some(c));
        }
        assert_eq!(Capability::parse("teleport"), None);
    }
}
