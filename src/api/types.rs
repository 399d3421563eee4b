//! Wire types of the mdm REST API v1. Field names are snake_case and stable: they are
//! also what `-o json|jsonl|csv|yaml` prints, so scripts depend on them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Device {
    pub id: String,
    pub serial: String,
    pub name: String,
    pub platform: String,
    pub model: String,
    pub os_version: String,
    pub owner_name: String,
    /// Masked (`j***@example.org`) unless PII was requested and allowed.
    pub owner_email: String,
    /// Masked (`+32 *** *** 412`) unless PII was requested and allowed.
    pub owner_phone: String,
    pub groups: Vec<String>,
    /// `online`, `offline`, `wiped`, `retired`.
    pub status: String,
    /// `compliant`, `noncompliant`, `unknown`.
    pub compliance: String,
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
    pub role: String,
    pub permissions: Vec<String>,
    /// Id of the token used for this request.
    pub token_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_expires_at: Option<String>,
    pub mfa_enrolled: bool,
    /// The elevation sent with this request, if the server accepted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elevation: Option<ElevationInfo>,
    pub server: ServerInfo,
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

/// Filters of `GET /v1/devices`, shared by client and server so they cannot drift.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DeviceQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub show_pii: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
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
    /// SHA-256 (hex) of the canonical encoding of this event without `hash`.
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

#[derive(Debug, Clone, Serialize, Deserialize)]
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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevokeResult {
    pub revoked_tokens: u64,
    pub revoked_elevations: u64,
    pub users: Vec<String>,
}
