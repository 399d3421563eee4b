//! HTTP plumbing of the server: request ids, the one error format, who is calling, and
//! the per-route permission check. Authentication itself is `authn` (it needs the token
//! and elevation stores, which depend on these types).

use super::authz::{self, Perm, Role};
use axum::Json;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mdm_model::domain::ErrorCode;
use mdm_model::types::{ErrorBody, ErrorDetail};
use std::net::SocketAddr;

/// An error answer. Rendered by `finish` so every error body carries the request id.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
    pub details: Option<serde_json::Value>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidRequest, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            message,
        )
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden, message)
    }

    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            message,
        )
    }
}

impl From<crate::sql::Error> for ApiError {
    fn from(e: crate::sql::Error) -> Self {
        eprintln!("mdm gateway: database error: {e}");
        if e.is_unavailable() {
            // PostgreSQL went away mid-request: its transaction is gone with the
            // connection, so nothing of this request was written.
            return ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Internal,
                "the gateway cannot reach its database; nothing was changed",
            );
        }
        ApiError::internal("database error")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = self.status.into_response();
        resp.extensions_mut().insert(self);
        resp
    }
}

#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Who is calling, once the bearer token checked out.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub user: String,
    pub role: Role,
    pub token_id: String,
    pub token_expires_at: Option<i64>,
    /// A valid elevation sent with this request: (id, expires_at).
    pub elevation: Option<(String, i64)>,
    /// Why an elevation sent with this request does not count.
    pub elevation_problem: Option<ElevationProblem>,
    /// An active break-glass session of this token: (id, expires_at).
    pub breakglass: Option<(String, i64)>,
}

impl Principal {
    /// The role's permissions, plus the admin's while a break-glass session is active.
    pub fn allows(&self, perm: Perm) -> bool {
        authz::allows(self.role, perm)
            || (self.breakglass.is_some() && authz::allows(Role::Admin, perm))
    }

    /// Every permission `allows` grants, the role's first.
    pub fn permissions(&self) -> Vec<Perm> {
        let extra: &[Perm] = if self.breakglass.is_some() {
            authz::permissions(Role::Admin)
        } else {
            &[]
        };
        let mut perms: Vec<Perm> = Vec::new();
        for p in authz::permissions(self.role).iter().chain(extra) {
            if !perms.contains(p) {
                perms.push(*p);
            }
        }
        perms
    }
}

pub use mdm_model::types::ELEVATION_HEADER;

/// Why an elevation presented with a request does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElevationProblem {
    Invalid,
    Expired,
    Revoked,
}

impl ElevationProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            ElevationProblem::Invalid => "invalid",
            ElevationProblem::Expired => "expired",
            ElevationProblem::Revoked => "revoked",
        }
    }
}

/// Facts about the request that handlers need for audit events.
#[derive(Debug, Clone)]
pub struct ReqCtx {
    pub request_id: String,
    /// The Host the client used, for links back to this server.
    pub host: String,
    pub source_ip: String,
    pub user_agent: String,
    pub principal: Option<Principal>,
}

impl ReqCtx {
    /// The principal; routes that reach a handler without one are public by table.
    pub fn who(&self) -> ApiResult<&Principal> {
        self.principal
            .as_ref()
            .ok_or_else(|| ApiError::unauthenticated("a bearer token is required"))
    }

    pub fn actor(&self) -> String {
        self.principal
            .as_ref()
            .map(|p| p.user.clone())
            .unwrap_or_else(|| "anonymous".to_string())
    }

    pub fn elevation_id(&self) -> Option<String> {
        self.principal
            .as_ref()
            .and_then(|p| p.elevation.as_ref().map(|e| e.0.clone()))
    }

    /// The request's elevation, or `403 step_up_required` (the client then asks for a
    /// TOTP code, steps up, and repeats the request).
    pub fn require_elevation(&self, mfa_enrolled: bool) -> ApiResult<&(String, i64)> {
        let p = self.who()?;
        if let Some(e) = &p.elevation {
            return Ok(e);
        }
        let reason = p.elevation_problem.map(|r| r.as_str()).unwrap_or("missing");
        let message = match reason {
            "expired" => "this action needs a fresh step-up: the elevation has expired",
            "revoked" => "this action needs a fresh step-up: the elevation was revoked",
            "invalid" => {
                "this action needs a step-up: the elevation sent is not valid for this token"
            }
            _ => "this action needs a step-up (a TOTP code verified by the server)",
        };
        Err(
            ApiError::new(StatusCode::FORBIDDEN, ErrorCode::StepUpRequired, message).with_details(
                serde_json::json!({ "reason": reason, "mfa_enrolled": mfa_enrolled }),
            ),
        )
    }

    /// Whether the request acts under an active break-glass session.
    pub fn breakglass(&self) -> bool {
        self.principal
            .as_ref()
            .is_some_and(|p| p.breakglass.is_some())
    }

    pub fn role(&self) -> String {
        self.principal
            .as_ref()
            .map(|p| p.role.as_str().to_string())
            .unwrap_or_else(|| "none".to_string())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ReqCtx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let source_ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .take(200)
            .collect();
        let principal = parts.extensions.get::<Principal>().cloned();
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .filter(|h| {
                h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
            })
            .unwrap_or("127.0.0.1")
            .to_string();
        Ok(ReqCtx {
            request_id,
            host,
            source_ip,
            user_agent,
            principal,
        })
    }
}

/// Outermost layer: assigns the request id, renders every error in the one JSON format,
/// and logs one line per request (never headers, so never a token).
pub async fn finish(mut req: Request, next: Next) -> Response {
    let rid = format!("req_{}", crate::ids::random_hex(8));
    req.extensions_mut().insert(RequestId(rid.clone()));
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let started = std::time::Instant::now();
    let mut resp = next.run(req).await;
    let status = resp.status();
    if let Some(err) = resp.extensions_mut().remove::<ApiError>() {
        resp = render(&err, &rid);
    } else if (status.is_client_error() || status.is_server_error())
        && !is_json(resp.headers().get(header::CONTENT_TYPE))
    {
        // Rejections produced by axum itself (bad JSON, wrong method, ...).
        let (code, default) = match status {
            StatusCode::METHOD_NOT_ALLOWED => (ErrorCode::MethodNotAllowed, "method not allowed"),
            StatusCode::NOT_FOUND => (ErrorCode::NotFound, "no such route"),
            StatusCode::PAYLOAD_TOO_LARGE => (ErrorCode::TooLarge, "request body too large"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                (ErrorCode::InvalidRequest, "expected a JSON body")
            }
            s if s.is_client_error() => (ErrorCode::InvalidRequest, "invalid request"),
            _ => (ErrorCode::Internal, "internal error"),
        };
        let body = axum::body::to_bytes(std::mem::take(resp.body_mut()), 4096)
            .await
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&body).trim().to_string();
        let message = if text.is_empty() {
            default.to_string()
        } else {
            text
        };
        resp = render(&ApiError::new(status, code, message), &rid);
    }
    if let Ok(v) = HeaderValue::from_str(&rid) {
        resp.headers_mut().insert("x-request-id", v);
    }
    if std::env::var_os("MDM_SANDBOX_QUIET").is_none() {
        eprintln!(
            "{} {} {} {} {}ms",
            rid,
            method,
            path,
            resp.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    resp
}

fn is_json(v: Option<&HeaderValue>) -> bool {
    v.and_then(|v| v.to_str().ok())
        .is_some_and(|s| s.starts_with("application/json"))
}

fn render(err: &ApiError, rid: &str) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: err.code.to_string(),
            message: err.message.clone(),
            request_id: rid.to_string(),
            details: err.details.clone(),
        },
    };
    let mut resp = (err.status, Json(body)).into_response();
    if err.status == StatusCode::UNAUTHORIZED {
        resp.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"mdm\""),
        );
    }
    resp
}

/// Per-route check of the permission named in the route table.
pub async fn require(perm: Perm, req: Request<Body>, next: Next) -> Response {
    if perm == Perm::Public {
        return next.run(req).await;
    }
    let Some(p) = req.extensions().get::<Principal>() else {
        return ApiError::unauthenticated("a bearer token is required").into_response();
    };
    if !p.allows(perm) {
        return ApiError::forbidden(format!(
            "role {} lacks the permission {}",
            p.role.as_str(),
            perm.as_str()
        ))
        .with_details(serde_json::json!({ "required_permission": perm.as_str() }))
        .into_response();
    }
    next.run(req).await
}

/// A JSON request body whose rejections (bad JSON, wrong shape, wrong content type)
/// answer `400 invalid_request` in the one error format, like every other error. Every
/// free-text field (`reason`, `ticket`, `message`, `name`, `model`, `serial`, …, see
/// [`mdm_model::validate::FREE_TEXT`]) is checked before the handler sees the body:
/// bounded, no control or invisible formatting characters, the field named in the error.
pub struct JsonBody<T>(pub T);

fn is_json_request(headers: &axum::http::HeaderMap) -> bool {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

async fn json_body<S: Send + Sync, T: serde::de::DeserializeOwned>(
    req: Request,
    state: &S,
    check_free_text: bool,
) -> Result<T, ApiError> {
    if !is_json_request(req.headers()) {
        return Err(ApiError::bad_request(
            "invalid request body: expected a body with Content-Type: application/json",
        ));
    }
    let bytes = axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|e| ApiError::bad_request(format!("invalid request body: {}", e.body_text())))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("invalid request body: {e}")))?;
    if check_free_text {
        mdm_model::validate::free_text(&value).map_err(ApiError::bad_request)?;
    }
    crate::strict_json::from_value(&value)
        .map_err(|e| ApiError::bad_request(format!("invalid request body: {e}")))
}

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        json_body(req, state, true).await.map(JsonBody)
    }
}

/// A body that may be left out (or empty): `None` then; otherwise exactly what
/// [`JsonBody`] accepts, so an optional body still has to be an object of its shape.
pub struct OptionalJsonBody<T>(pub Option<T>);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for OptionalJsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let bytes =
            axum::body::Bytes::from_request(Request::from_parts(parts.clone(), body), state)
                .await
                .map_err(|e| {
                    ApiError::bad_request(format!("invalid request body: {}", e.body_text()))
                })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJsonBody(None));
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        json_body(req, state, true)
            .await
            .map(|v| OptionalJsonBody(Some(v)))
    }
}

/// A JSON body without the free-text rules: only for the test hooks, which play a
/// backend reporting whatever a device says (hostile names included), so tests can check
/// that such text is never emitted raw.
pub struct UncheckedJsonBody<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for UncheckedJsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        json_body(req, state, false).await.map(UncheckedJsonBody)
    }
}
