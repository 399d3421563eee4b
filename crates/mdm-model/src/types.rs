//! Wire types of the mdm REST API v1. Field names are snake_case and stable: they are
//! also what `-o json|jsonl|csv|yaml` prints, so scripts depend on them.

use crate::domain::{
    ActionStatus, CommandStatus, Compliance, DeviceStatus, EnrollmentStatus, Platform, Role,
};
use serde::{Deserialize, Serialize};

/// The header carrying the elevation token obtained by step-up (lower case, as HTTP/2
/// sends it).
pub const ELEVATION_HEADER: &str = "x-mdm-elevation";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Device {
    pub id: String,
    pub serial: String,
    pub name: String,
    pub platform: Platform,
    pub model: String,
    pub os_version: String,
    pub owner_name: String,
    /// Masked (`j***@example.org`) unless PII was requested and allowed.
    pub owner_email: String,
    /// Masked (`+32 *** *** 412`) unless PII was requested and allowed.
    pub owner_phone: String,
    pub groups: Vec<String>,
    /// `online`, `offline`, `wiped`, `retired`.
    pub status: DeviceStatus,
    /// `compliant`, `noncompliant`, `unknown`.
    pub compliance: Compliance,
    pub locked: bool,
    /// RFC 3339, UTC.
    pub enrolled_at: String,
    /// RFC 3339, UTC.
    pub last_seen: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Total matching items; only on the first page (it costs a count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Group {
    pub name: String,
    pub description: String,
    pub device_count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Me {
    pub user: String,
    pub role: Role,
    pub permissions: Vec<String>,
    /// Id of the token used for this request.
    pub token_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_expires_at: Option<String>,
    pub mfa_enrolled: bool,
    /// The elevation sent with this request, if the server accepted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elevation: Option<ElevationInfo>,
    /// This token's active break-glass session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakglass: Option<BreakglassSession>,
    /// The change freeze, when one is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freeze: Option<FreezeState>,
    pub server: ServerInfo,
}

/// A time-boxed break-glass session: admin powers for one token, loudly.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BreakglassSession {
    pub id: String,
    pub user: String,
    pub reason: String,
    pub ticket: String,
    pub started_at: String,
    pub expires_at: String,
    pub active: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_by: Option<String>,
    /// `ended`, `expired`, or `superseded` (by a new activation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_reason: Option<String>,
    /// The activation alert: `sent`, `pending`, `failed: …`, or `not_configured`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakglassActivateRequest {
    pub reason: String,
    pub ticket: String,
    pub duration_seconds: u64,
    /// The current TOTP code, verified in this very request: break-glass is always
    /// fresh, a cached elevation does not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakglassEndRequest {
    /// The session to end; the caller's own active one by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The server-wide change freeze.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct FreezeState {
    pub frozen: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreezeRequest {
    /// `true` freezes, `false` lifts the freeze.
    pub frozen: bool,
    /// Shown in every refusal while frozen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FreezeResult {
    pub freeze: FreezeState,
    /// Whether this request changed (or, in a dry run, would change) the state.
    pub changed: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
    /// What carrying this out needs (set on plans and dry runs; see `Requirements`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Requirements>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ElevationInfo {
    pub elevation_id: String,
    pub expires_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerInfo {
    pub name: String,
    pub version: String,
    /// Stable id of this server instance; elevations are bound to it.
    pub instance_id: String,
    pub sandbox: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub instance_id: String,
    pub sandbox: bool,
    #[serde(default)]
    pub devices: u64,
    /// The sandbox's process id, so `mdm sandbox down` signals only the process that
    /// answers as this instance (absent on a gateway).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
    /// The fleet backend's state (absent from servers that predate it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend: Option<BackendState>,
}

/// The fleet backend as `GET /v1/health` shows it; never a secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackendState {
    /// `simulator`, `intune`, …
    pub name: String,
    /// The vendor sign-in, for a backend that has one (Intune).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenHealth>,
    /// When the last inventory sync completed (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_at: Option<String>,
    /// Why the last inventory sync failed; absent once one succeeds again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_error: Option<String>,
}

/// How the backend's last token request to its vendor ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenState {
    Ok,
    Failing,
}

impl TokenState {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenState::Ok => "ok",
            TokenState::Failing => "failing",
        }
    }
}

impl std::fmt::Display for TokenState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the backend can get a token from its vendor, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenHealth {
    pub state: TokenState,
    /// `invalid_client`, `unauthorized_client`, `certificate_expired`,
    /// `certificate_not_yet_valid`, `bad_credential`, `unreachable`, `rejected`,
    /// `malformed` (only when failing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What the vendor said, scrubbed of secrets (only when failing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When the state was last seen (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<String>,
}

/// The JSON body of every error response.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Machine-readable, stable: `not_found`, `unauthenticated`, `forbidden`,
    /// `step_up_required`, `invalid_request`, `already_exists`, `target_changed`, ...
    pub code: String,
    pub message: String,
    pub request_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

impl ErrorDetail {
    /// The code as the model knows it; `None` for a code from a newer server.
    pub fn error_code(&self) -> Option<crate::domain::ErrorCode> {
        crate::domain::ErrorCode::parse(&self.code)
    }
}

/// Filters of `GET /v1/devices`, shared by client and server so they cannot drift: the
/// client sends `to_pairs`, the server reads the query string with `from_query`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DeviceQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DeviceStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<Compliance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// A filter expression (see `crate::filter`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub show_pii: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl DeviceQuery {
    /// The query-string keys of `GET /v1/devices`.
    pub const KEYS: &'static [&'static str] = &[
        "group",
        "platform",
        "status",
        "compliance",
        "search",
        "filter",
        "limit",
        "cursor",
        "show_pii",
    ];
    /// The largest page the server serves.
    pub const MAX_LIMIT: u32 = 1000;

    /// The query string of this query, in a stable order (what the client sends).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        let mut push = |k: &'static str, s: Option<String>| {
            if let Some(s) = s {
                v.push((k, s));
            }
        };
        push("group", self.group.clone());
        push("filter", self.filter.clone());
        push("platform", self.platform.map(|p| p.as_str().into()));
        push("status", self.status.map(|s| s.as_str().into()));
        push("compliance", self.compliance.map(|c| c.as_str().into()));
        push("search", self.search.clone());
        push("cursor", self.cursor.clone());
        push("limit", self.limit.map(|l| l.to_string()));
        push("show_pii", self.show_pii.then(|| "true".into()));
        v
    }

    /// Reads a query string; `get` answers a key's value. The filter expression is kept
    /// as text (the server parses it, with the column of an error); an empty search is
    /// no search. The error is the message of a 400 answer.
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Result<DeviceQuery, String> {
        fn name<T: Copy>(
            key: &str,
            v: Option<&str>,
            names: &[&str],
            parse: fn(&str) -> Option<T>,
        ) -> Result<Option<T>, String> {
            match v {
                None => Ok(None),
                Some(v) => parse(v)
                    .map(Some)
                    .ok_or_else(|| format!("{key} must be one of {}, not {v:?}", names.join(", "))),
            }
        }
        let limit = match get("limit") {
            None => None,
            Some(v) => match v.parse::<u32>() {
                Ok(n) if (1..=Self::MAX_LIMIT).contains(&n) => Some(n),
                _ => {
                    return Err(format!(
                        "limit must be a whole number from 1 to {}, not {v:?}",
                        Self::MAX_LIMIT
                    ));
                }
            },
        };
        let show_pii = match get("show_pii") {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(other) => return Err(format!("show_pii must be true or false, not {other:?}")),
        };
        Ok(DeviceQuery {
            group: get("group").map(str::to_string),
            platform: name(
                "platform",
                get("platform"),
                Platform::NAMES,
                Platform::parse,
            )?,
            status: name(
                "status",
                get("status"),
                DeviceStatus::NAMES,
                DeviceStatus::parse,
            )?,
            compliance: name(
                "compliance",
                get("compliance"),
                Compliance::NAMES,
                Compliance::parse,
            )?,
            search: get("search").filter(|s| !s.is_empty()).map(str::to_string),
            filter: get("filter").map(str::to_string),
            show_pii,
            limit,
            cursor: get("cursor").map(str::to_string),
        })
    }
}

#[cfg(test)]
mod device_query_tests {
    use super::*;

    #[test]
    fn what_the_client_sends_the_server_reads() {
        let q = DeviceQuery {
            group: Some("sales".into()),
            platform: Some(Platform::Ios),
            status: Some(DeviceStatus::Offline),
            compliance: Some(Compliance::Noncompliant),
            search: Some("ann".into()),
            filter: Some("os_version < \"17\"".into()),
            show_pii: true,
            limit: Some(50),
            cursor: Some("abc".into()),
        };
        let pairs = q.to_pairs();
        let back = DeviceQuery::from_query(|k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.as_str())
        })
        .unwrap();
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&q).unwrap()
        );
        let e = DeviceQuery::from_query(|k| (k == "platform").then_some("palm")).unwrap_err();
        assert_eq!(
            e,
            "platform must be one of ios, android, macos, windows, not \"palm\""
        );
        assert!(DeviceQuery::from_query(|k| (k == "limit").then_some("0")).is_err());
    }
}

/// One event of the server's hash-chained audit log.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AuditEvent {
    /// Monotonic, gap-free, starting at 1.
    pub id: i64,
    /// RFC 3339, UTC.
    pub time: String,
    pub actor: String,
    pub role: String,
    #[serde(default)]
    pub elevation_id: Option<String>,
    pub source_ip: String,
    pub user_agent: String,
    pub request_id: String,
    /// Dotted verb: `devices.pii_read`, `auth.step_up`, `action.wipe`, ...
    pub action: String,
    pub target: AuditTarget,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub ticket: Option<String>,
    /// `success`, `failure`, `denied`, `pending`, ...
    pub outcome: String,
    #[serde(default)]
    pub breakglass: bool,
    #[serde(default)]
    pub details: serde_json::Value,
    /// Hash of the previous event (64 zeros for the first).
    pub prev_hash: String,
    /// SHA-256 (hex) of the canonical encoding of this event without `hash` (absent from
    /// the raw chain, where it is the hash of the line itself).
    #[serde(default)]
    pub hash: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuditTarget {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub count: u64,
    #[serde(default)]
    pub ids: Vec<String>,
    #[serde(default)]
    pub digest: Option<String>,
}

/// Answer of `POST /v1/auth/mfa/enroll`: shown once, activated by a valid code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MfaEnrollment {
    pub otpauth_uri: String,
    /// Base32 seed, for authenticator apps without a camera.
    pub secret: String,
    pub issuer: String,
    pub account: String,
}

/// Body of `POST /v1/auth/mfa/enroll` (optional: a first enrolment sends none).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MfaEnrollRequest {
    /// When replacing an authenticator: a code from the current one, verified in this
    /// very request (a live elevation does not count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    pub code: String,
}

/// Answer of a successful step-up.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Elevation {
    pub elevation_id: String,
    /// Sent as `X-MDM-Elevation` with requests that need a step-up.
    pub elevation_token: String,
    pub expires_at: String,
    pub ttl_seconds: u64,
}

/// A bearer token or an elevation of a user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    /// `token` or `elevation`.
    pub kind: String,
    pub user: String,
    pub label: String,
    pub created_at: String,
    #[serde(default)]
    pub expires_at: Option<String>,
    #[serde(default)]
    pub last_used_at: Option<String>,
    #[serde(default)]
    pub revoked_at: Option<String>,
    /// The token (or elevation) making this request.
    pub current: bool,
    /// For elevations: the token they belong to.
    #[serde(default)]
    pub token_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokeSessionsRequest {
    /// Whose sessions; the caller's by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Every user's sessions (needs `sessions:manage` and a step-up).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all_users: bool,
    /// Keep the token making the request (and its elevations).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub except_current: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Count what would be revoked, change nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevokeResult {
    pub revoked_tokens: u64,
    pub revoked_elevations: u64,
    pub users: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
    /// What carrying this out needs (set on plans and dry runs; see `Requirements`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Requirements>,
}

/// Which devices an action is for: exactly one selector.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
}

impl Target {
    /// A single device named by id or serial (the lowest-risk selector).
    pub fn is_single(&self) -> bool {
        self.ids.len() == 1 && self.group.is_none() && self.filter.is_none() && !self.all
    }

    /// How the selector reads to a person: `--group sales`, `2 devices`, `--all`.
    pub fn describe(&self) -> String {
        if self.all {
            "--all".into()
        } else if let Some(g) = &self.group {
            match &self.filter {
                Some(f) => format!("--group {g} --filter {f:?}"),
                None => format!("--group {g}"),
            }
        } else if let Some(f) = &self.filter {
            format!("--filter {f:?}")
        } else if self.ids.len() == 1 {
            self.ids[0].clone()
        } else {
            format!("{} device ids", self.ids.len())
        }
    }
}

/// Options of an action; each kind uses its own, and the server refuses options the
/// targeted platforms do not support.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionOptions {
    /// lock: shown on the lock screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// lock: phone number shown on the lock screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_number: Option<String>,
    /// wipe: keep the device enrolled in MDM after the wipe.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_enrollment: bool,
    /// wipe: keep user data (reset OS settings and apps only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_user_data: bool,
    /// push_app: catalog app (id, bundle id or name), optionally `@version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    /// push_app: the package hash the requester expects; must equal the catalog's.
    /// The server fills it in from the catalog when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// push_app: remove the app instead of installing it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uninstall: bool,
    /// push_profile: the profile's name (its PayloadIdentifier or `name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_name: Option<String>,
    /// push_profile: the profile file, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// push_profile: SHA-256 of the profile bytes (filled in by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_digest: Option<String>,
    /// push_command: restart, shutdown, sync, locate, update-os, clear-passcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Staged rollout: cumulative percentages, e.g. [5, 25, 100].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rollout: Vec<u32>,
    /// Staged rollout: halt when a wave's failure rate exceeds this percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub halt_above_failure: Option<f64>,
    /// Staged rollout: after this many seconds a wave whose remaining devices are all
    /// offline no longer blocks the next one (default 1800; 60 to 604800).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave_timeout_seconds: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviewRequest {
    pub action: String,
    pub target: Target,
    #[serde(default)]
    pub options: ActionOptions,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DeviceSummary {
    pub id: String,
    pub serial: String,
    pub name: String,
    pub platform: Platform,
    pub status: DeviceStatus,
    pub owner_name: String,
}

/// What the server requires before it will carry out a guarded request. The server
/// decides it (from its one gate table and the resolved target), states it in every
/// preview, plan and dry run, and refuses the request when it is not met; the client
/// only renders it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Requirements {
    /// A step-up is needed (`step_up_mode` is not `none`); kept for API v1 clients.
    pub step_up: bool,
    /// How fresh: `cached` (a live elevation will do) or `fresh` (a code in this request).
    #[serde(default)]
    pub step_up_mode: crate::domain::StepUp,
    /// `serial` (type the device's serial) or `phrase` (`<verb> <N> devices in <context>`).
    #[serde(default)]
    pub confirmation: Option<String>,
    /// The exact text the person must type, when `confirmation` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    /// A second admin must approve before it runs.
    pub approval: bool,
    /// `--reason` is mandatory (fleet-wide actions).
    pub reason: bool,
    /// `--ticket` is mandatory.
    #[serde(default)]
    pub ticket: bool,
}

impl Requirements {
    /// Nothing beyond the caller's permission.
    pub fn none() -> Self {
        Requirements::default()
    }

    /// A step-up of this freshness (and nothing else yet).
    pub fn step_up(mode: crate::domain::StepUp) -> Self {
        Requirements {
            step_up: mode != crate::domain::StepUp::None,
            step_up_mode: mode,
            ..Requirements::default()
        }
    }

    /// Adds a typed confirmation: `kind` is `serial` or `phrase`, `phrase` the exact text.
    pub fn with_phrase(mut self, kind: &str, phrase: impl Into<String>) -> Self {
        self.confirmation = Some(kind.to_string());
        self.phrase = Some(phrase.into());
        self
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Unsupported {
    pub option: String,
    pub platform: String,
    pub count: u64,
}

/// The blast radius of an action, resolved by the server before anything runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Preview {
    pub preview_id: String,
    pub action: String,
    pub count: u64,
    pub platforms: std::collections::BTreeMap<String, u64>,
    pub sample: Vec<DeviceSummary>,
    /// SHA-256 over the sorted device ids: the action must carry it back unchanged.
    pub target_digest: String,
    pub requires: Requirements,
    #[serde(default)]
    pub unsupported: Vec<Unsupported>,
    /// The requester's rolling budget with this action: devices wiped/retired (for a
    /// wipe or retire) or pushed to (for a push) in the past hour, this one included.
    /// Absent for kinds no budget counts (lock, unlock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub this_hour: Option<u64>,
    pub expires_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateActionRequest {
    pub action: String,
    pub target: Target,
    #[serde(default)]
    pub options: ActionOptions,
    pub expected_count: u64,
    pub target_digest: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ActionCounts {
    pub queued: u64,
    pub sent: u64,
    pub acknowledged: u64,
    pub failed: u64,
    /// Waiting for an offline device to check in.
    pub pending: u64,
    pub cancelled: u64,
    /// Staged rollout: waiting for an earlier wave to succeed.
    #[serde(default)]
    pub held: u64,
    /// Held by the vendor's own approval (Intune Multi Admin Approval).
    #[serde(default)]
    pub vendor_approval: u64,
}

impl ActionCounts {
    /// Devices whose outcome is final.
    pub fn done(&self) -> u64 {
        self.acknowledged + self.failed + self.cancelled
    }

    /// Devices that have not answered yet: queued, sent, offline, held for a later
    /// wave, or waiting for the vendor's approval.
    pub fn unanswered(&self) -> u64 {
        self.queued + self.sent + self.pending + self.held + self.vendor_approval
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ApprovalInfo {
    pub required: bool,
    #[serde(default)]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub approved_at: Option<String>,
    #[serde(default)]
    pub rejected_by: Option<String>,
    #[serde(default)]
    pub expires_at: Option<String>,
}

/// An action and its progress over the targeted devices.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub action: String,
    /// `pending_approval`, `queued`, `running`, `completed`, `completed_with_failures`,
    /// `cancelled`, `rejected`, `expired`, `halted` (a staged rollout stopped).
    pub status: ActionStatus,
    pub requested_by: String,
    pub target: Target,
    pub target_digest: String,
    pub total: u64,
    pub counts: ActionCounts,
    pub platforms: std::collections::BTreeMap<String, u64>,
    #[serde(default)]
    pub options: ActionOptions,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub ticket: Option<String>,
    pub approval: ApprovalInfo,
    /// Staged rollouts: one entry per wave.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waves: Vec<Wave>,
    /// Why a staged rollout was halted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub halt_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub finished_at: Option<String>,
    /// While pending approval: what approving it needs (the approver's step-up and phrase).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Requirements>,
    /// Requests the vendor holds for its own approval (Intune Multi Admin Approval),
    /// one per approval code; the gateway sends each again once the vendor approves it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendor_approvals: Vec<VendorApproval>,
}

/// A request the vendor holds for its own approval: a second admin approves it at the
/// vendor (Intune: in the admin center), never through mdm.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VendorApproval {
    /// The backend (`intune`).
    pub vendor: String,
    /// The vendor's approval request id (Intune's `x-msft-approval-code`).
    pub code: String,
    /// Devices of this action waiting on it.
    pub devices: u64,
    /// When the vendor answered that it needs approval.
    pub since: String,
}

/// One wave of a staged rollout.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Wave {
    pub index: u32,
    /// Cumulative share of the target reached by the end of this wave.
    pub percent: u32,
    pub total: u64,
    pub counts: ActionCounts,
    /// `held`, `running`, `passed` (the next wave started while offline devices of this one
    /// had not answered yet), `done`, `halted`.
    pub status: String,
}

impl Action {
    pub fn is_finished(&self) -> bool {
        self.status.is_final() && self.counts.sent == 0
    }
}

/// One device's part in an action.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionDevice {
    pub device_id: String,
    pub serial: String,
    pub name: String,
    pub platform: Platform,
    /// `queued`, `sent`, `acknowledged`, `failed`, `pending`, `cancelled`, `held`,
    /// `vendor_approval`.
    pub status: CommandStatus,
    #[serde(default)]
    pub error: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclineRequest {
    /// `mismatch`, `declined`, `no_terminal`, `step_up_unavailable`.
    pub reason: String,
}

/// `POST /v1/actions/{id}/halt`: why the operator stops the rollout.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HaltRequest {
    pub reason: String,
}

/// `POST /v1/actions/{id}/pins`: the unlock PINs the backend set on the action's devices
/// (a Mac locked or erased through Jamf Pro or Fleet), each shown once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActionPins {
    pub action: String,
    /// The PINs not shown before; after this answer the gateway no longer holds them.
    pub pins: Vec<DevicePin>,
    /// Devices whose PIN was already shown (and forgotten by the gateway).
    pub already_revealed: u64,
}

/// One device's unlock PIN.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DevicePin {
    pub device_id: String,
    pub serial: String,
    pub name: String,
    pub pin: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecideRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollmentRequest {
    pub user_email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateEnrollment {
    pub user_email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Default 7 days, at most 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<u64>,
    /// How many devices may enroll with it (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<u32>,
}

/// An enrollment token as listed (never the token itself).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Enrollment {
    pub id: String,
    pub user_email: String,
    #[serde(default)]
    pub platform: Option<Platform>,
    #[serde(default)]
    pub group: Option<String>,
    /// `unused` (can still enroll), `used` (no uses left), `expired`, `revoked`.
    pub status: EnrollmentStatus,
    pub uses: u32,
    pub uses_allowed: u32,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
}

/// A new enrollment with its token and URL: shown once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewEnrollment {
    #[serde(flatten)]
    pub enrollment: Enrollment,
    pub token: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulkEnrollment {
    pub rows: Vec<EnrollmentRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<u32>,
    /// Create the valid rows even if some are bad (default: all or nothing).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skip_invalid: bool,
    /// Validate only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RowError {
    /// 0-based index into `rows`.
    pub index: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BulkResult {
    pub created: Vec<NewEnrollment>,
    pub errors: Vec<RowError>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokeUnused {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Count what would be revoked, change nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Revoked {
    pub revoked: u64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
    /// What carrying this out needs (set on plans and dry runs; see `Requirements`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Requirements>,
}

/// What a device sends to enroll (the device side of the API).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceEnroll {
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewApp {
    pub name: String,
    pub bundle_id: String,
    pub version: String,
    pub platform: String,
    /// SHA-256 of the package, hex: pinned; pushes of another hash are refused.
    pub sha256: String,
    /// Where devices download it from (or the local package's file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct App {
    pub id: String,
    pub name: String,
    pub bundle_id: String,
    pub version: String,
    pub platform: Platform,
    pub sha256: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub size: Option<u64>,
    pub added_by: String,
    pub added_at: String,
}

/// A policy as stored by the server, with its version (the ETag for If-Match).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyRecord {
    pub name: String,
    pub version: u64,
    pub policy: crate::policy::Policy,
    pub updated_at: String,
    pub updated_by: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyPolicies {
    pub policies: Vec<crate::policy::Policy>,
    /// Also delete the server's policies that are not in `policies`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prune: bool,
    /// The version of every existing policy the plan was computed against (If-Match per
    /// policy); a policy absent here must not exist.
    #[serde(default)]
    pub base_versions: std::collections::BTreeMap<String, u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One policy's part of a plan (the classifier's output).
pub use crate::policy::classify::PolicyChange;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyPlan {
    pub changes: Vec<PolicyChange>,
    /// Whether the plan was applied (false for a plan or when nothing changed).
    pub applied: bool,
    /// What carrying this out needs (set on plans and dry runs; see `Requirements`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Requirements>,
}

/// Filters of `GET /v1/audit/events`.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only events with a larger id.
    pub after: i64,
    /// Only events with a smaller id: pages a newest-first view backwards.
    pub before: Option<i64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub actor: Option<String>,
    /// Exact, or a prefix ending in `*`.
    pub action: Option<String>,
    pub outcome: Option<String>,
    pub device: Option<String>,
    pub limit: u32,
    /// Long-poll: wait up to this many seconds for new events when there are none.
    pub wait: u64,
    /// Newest first: the latest `limit` events.
    pub newest_first: bool,
    /// Ask for `total`, the count of every match (a page, not a long poll).
    pub with_total: bool,
}
