//! The Microsoft Intune backend: the gateway carries out mdm's actions through Microsoft
//! Graph with an app registration's credential, which lives only in the gateway.
//!
//! This module holds the settings the gateway's config resolves for it
//! ([`IntuneConfig`]: secrets already read from their source, never from the config
//! file). The Graph client (auth, paging, the write scheduler) and the backend itself
//! are built on these types:
//!
//! - [`auth`]: app-only tokens (client secret or certificate assertion), cached and
//!   renewed early;
//! - [`throttle`]: the scheduler that paces writes to Intune's budget and obeys 429s;
//! - [`graph`]: the Graph HTTP client (paging along `@odata.nextLink`, `$count`, typed
//!   errors) and its blocking wrapper for the sync `Backend` trait;
//! - [`devices`]: `managedDevice` and `deviceActionResults` in mdm's terms;
//! - [`policies`]: mdm policies as `deviceCompliancePolicies`, per platform;
//! - [`apps`]: catalog apps as required `mobileApp` assignments to groups;
//! - [`check`](mod@check): what `mdm gateway check` reports.

pub mod apps;
pub mod audit;
pub mod auth;
pub mod backend;
pub mod bulk;
pub mod check;
pub mod devices;
pub mod graph;
pub mod policies;
pub mod throttle;

pub use auth::{AccessToken, AuthError, TokenProvider};
pub use backend::{Intune, SyncReport};
pub use check::{CheckReport, check};
pub use graph::{BlockingGraph, GraphClient, GraphError, ListQuery, Listed, Page};
pub use throttle::{RetryPolicy, Scheduler, Stats};

use std::time::Duration;

use super::features::{Feature, Features, Support};

/// What the Intune backend does (the README's backend table is rendered from this).
pub const FEATURES: Features = [
    (
        Feature::Inventory,
        Support::Yes("synced from `managedDevices` (every page, checked against `$count`)"),
    ),
    (
        Feature::Groups,
        Support::Yes("the Entra device groups named in `groups`"),
    ),
    (Feature::Lock, Support::Yes("`remoteLock`")),
    (
        Feature::Unlock,
        Support::FailsPerDevice("Intune has no unlock (reset the passcode in the admin center)"),
    ),
    (
        Feature::Wipe,
        Support::Yes("`wipe` (`--keep-enrollment`, `--keep-user-data`)"),
    ),
    (Feature::Retire, Support::Yes("`retire`")),
    (
        Feature::SyncRestart,
        Support::Yes("`sync` → `syncDevice`, `restart` → `rebootNow`; others fail per device"),
    ),
    (
        Feature::PushApp,
        Support::Yes(
            "to a group only (the Intune `mobileApp`'s required assignment); packages are not uploaded",
        ),
    ),
    (
        Feature::PushProfile,
        Support::FailsPerDevice("assign configuration profiles in Intune"),
    ),
    (
        Feature::Policy,
        Support::Yes(
            "compliance policies per platform; settings Intune cannot hold are refused before anything is written",
        ),
    ),
    (
        Feature::Enrollment,
        Support::Refused(
            "enroll devices with Intune's own flows (Company Portal, Apple Automated Device \
             Enrollment, Android Enterprise, Windows Autopilot); they appear in mdm at the next sync",
        ),
    ),
    (
        Feature::VendorApproval,
        Support::Yes("Intune Multi Admin Approval (`use_beta`)"),
    ),
    (
        Feature::OutOfBand,
        Support::Yes("Intune `auditEvents` → `vendor.out_of_band_change`, in `incident report`"),
    ),
    (
        Feature::Batching,
        Support::Yes(
            "`write_budget` (100 writes per 20 s), `max_concurrency`; with `use_beta`, `executeAction` up to 1000 devices per request",
        ),
    ),
];

/// A secret read from a file, `$CREDENTIALS_DIRECTORY` or an environment variable.
/// Its `Debug` never shows the value, so it cannot reach a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretValue(Vec<u8>);

impl SecretValue {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        SecretValue(bytes.into())
    }

    /// The bytes, for the one place that sends or signs with them.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// The value as text with surrounding whitespace (a trailing newline in a secret
    /// file) removed; `None` if it is not UTF-8.
    pub fn expose_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok().map(str::trim)
    }
}

impl std::fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretValue(<redacted>)")
    }
}

/// How the gateway proves itself to Entra ID (OAuth 2.0 client credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphCredential {
    /// A client secret (`client_secret_file`, or its systemd credential / env variable).
    Secret(SecretValue),
    /// A certificate: a JWT client assertion signed with the private key, carrying the
    /// certificate's SHA-256 thumbprint (`x5t#S256`).
    Certificate {
        /// The certificate, PEM (public: may be shown).
        cert_pem: Vec<u8>,
        /// Its private key, PEM (PKCS#8 or RSA).
        key_pem: SecretValue,
    },
}

/// Intune's write budget: at most `writes` write requests per `per`, per app and tenant
/// (Graph's documented default for Intune is 100 per 20 s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteBudget {
    pub writes: u32,
    pub per: Duration,
}

impl Default for WriteBudget {
    fn default() -> Self {
        WriteBudget {
            writes: 100,
            per: Duration::from_secs(20),
        }
    }
}

/// Everything the Intune backend needs, resolved from the gateway's config.
#[derive(Debug, Clone, PartialEq)]
pub struct IntuneConfig {
    /// The tenant (`contoso.onmicrosoft.com` or its GUID).
    pub tenant: String,
    /// The app registration's application (client) id.
    pub client_id: String,
    pub credential: GraphCredential,
    /// `https://graph.microsoft.com` (national clouds and tests override it; `http://`
    /// only to loopback). No trailing slash, no version segment.
    pub graph_url: url::Url,
    /// `https://login.microsoftonline.com` (same rules).
    pub login_url: url::Url,
    /// Allow beta endpoints (bulk `executeAction`, approvals).
    pub use_beta: bool,
    /// With `use_beta`: devices per bulk `executeAction` request
    /// ([`bulk::DEFAULT_EXECUTE_ACTION_BATCH`] unless configured).
    pub execute_action_batch: usize,
    /// Entra ID device groups (display names) that mdm shows as its groups.
    pub groups: Vec<String>,
    pub write_budget: WriteBudget,
    /// Requests in flight to Graph at once.
    pub max_concurrency: usize,
    /// How often the inventory is refreshed after the first full sync.
    pub sync_interval: Duration,
    /// How often Graph `auditEvents` are read for changes made around the gateway.
    pub audit_interval: Duration,
}
