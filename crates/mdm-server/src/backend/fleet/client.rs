//! Fleet's REST API over HTTP: the API-only user's token as a bearer, Fleet's error body
//! read into a typed error, 429 (with `retry-after`) and 503 waited out a few times.
//! Async underneath (reqwest on the gateway's runtime), blocking for the sync `Backend`.

use crate::backend::BackendError;
use crate::backend::intune::SecretValue;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};
use url::Url;

/// Retries of a request Fleet answered 429 or 503 (reads), or 429 (writes: a 503 may have
/// come after Fleet took the command, so a write is not sent twice).
const RETRIES: u32 = 4;
/// The longest `retry-after` waited in place; longer ones defer to a later step.
const MAX_WAIT: Duration = Duration::from_secs(30);
/// Requests in flight at once. Fleet documents no limit (only 429 with `retry-after`);
/// the gateway keeps to the 5 connections Jamf asks for, a courtesy to a shared server.
pub const MAX_CONNECTIONS: usize = 5;

/// Why a Fleet request failed. Text is Fleet's, unescaped: escape where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FleetError {
    /// 401: the API token is wrong, expired or revoked.
    Unauthorized {
        message: String,
    },
    /// 403: the API user's role may not do this.
    Forbidden {
        message: String,
    },
    NotFound {
        message: String,
    },
    /// Another 4xx (400, 409, 422): Fleet refused this request.
    Refused {
        status: u16,
        message: String,
    },
    /// 429 still after the retries (or with a longer `retry-after` than is waited).
    Throttled {
        retry_after: Option<Duration>,
    },
    /// 5xx still after the retries.
    Unavailable {
        status: u16,
    },
    /// No answer (connect, TLS, timeout).
    Unreachable {
        reason: String,
    },
    /// An answer that is not what Fleet documents.
    Decode {
        reason: String,
    },
}

impl std::fmt::Display for FleetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FleetError::Unauthorized { message } => write!(
                f,
                "Fleet refused the API token (401: {message}); check backend.api_token_file"
            ),
            FleetError::Forbidden { message } => write!(
                f,
                "Fleet's API user may not do this (403: {message}); give it the maintainer or admin role"
            ),
            FleetError::NotFound { message } => write!(f, "not found in Fleet (404: {message})"),
            FleetError::Refused { status, message } => {
                write!(f, "Fleet refused the request ({status}: {message})")
            }
            FleetError::Throttled { retry_after } => match retry_after {
                Some(d) => write!(
                    f,
                    "Fleet is rate limiting (429, retry after {} s)",
                    d.as_secs()
                ),
                None => write!(f, "Fleet is rate limiting (429)"),
            },
            FleetError::Unavailable { status } => write!(f, "Fleet is unavailable ({status})"),
            FleetError::Unreachable { reason } => write!(f, "cannot reach Fleet: {reason}"),
            FleetError::Decode { reason } => write!(f, "unexpected answer from Fleet: {reason}"),
        }
    }
}

impl From<FleetError> for BackendError {
    fn from(e: FleetError) -> BackendError {
        let retry_after = match &e {
            FleetError::Throttled { retry_after } => *retry_after,
            _ => None,
        };
        BackendError::Vendor {
            message: e.to_string(),
            retry_after,
        }
    }
}

impl FleetError {
    /// Whether a later try may succeed (the request was not carried out).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            FleetError::Throttled { .. }
                | FleetError::Unavailable { .. }
                | FleetError::Unreachable { .. }
        )
    }
}

/// Fleet's error body: `{"message": …, "errors": [{"name": …, "reason": …}]}`; the
/// reasons say more than the message.
fn error_text(body: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return String::from_utf8_lossy(body).chars().take(200).collect();
    };
    let reasons: Vec<&str> = v["errors"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["reason"].as_str()).collect())
        .unwrap_or_default();
    if reasons.is_empty() {
        v["message"].as_str().unwrap_or("").to_string()
    } else {
        reasons.join("; ")
    }
}

fn retry_after(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    h.get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// The Fleet client of one gateway.
pub struct FleetClient {
    http: reqwest::Client,
    base: Url,
    token: SecretValue,
    handle: tokio::runtime::Handle,
    /// One permit per request in flight.
    slots: tokio::sync::Semaphore,
    /// The outcome of the last request (for the gateway's health: is the token good).
    last: Mutex<Option<(SystemTime, Result<(), FleetError>)>>,
}

impl FleetClient {
    /// A client for `base` (`https://fleet.example.org`) on the runtime behind `handle`.
    pub fn new(
        base: Url,
        token: SecretValue,
        handle: tokio::runtime::Handle,
    ) -> Result<FleetClient, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("mdm-gateway/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(FleetClient {
            http,
            base,
            token,
            handle,
            slots: tokio::sync::Semaphore::new(MAX_CONNECTIONS),
            last: Mutex::new(None),
        })
    }

    /// The outcome of the last request and when, if there was one.
    pub fn last_result(&self) -> Option<(SystemTime, Result<(), FleetError>)> {
        self.last.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// `/api/v1/fleet/{path}` with `query`.
    pub fn url(&self, path: &str, query: &[(&str, String)]) -> Url {
        let mut u = self.base.clone();
        let prefix = u.path().trim_end_matches('/').to_string();
        u.set_path(&format!(
            "{prefix}/api/v1/fleet/{}",
            path.trim_start_matches('/')
        ));
        if !query.is_empty() {
            u.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        u
    }

    async fn send_async(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
    ) -> Result<(u16, Vec<u8>), FleetError> {
        let write = method != Method::GET;
        let mut attempt = 0;
        loop {
            let token = self.token.expose_str().unwrap_or("");
            let mut req = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(token)
                .header("accept", "application/json");
            if let Some(b) = body {
                req = req.json(b);
            }
            let slot = self.slots.acquire().await.ok();
            let sent = req.send().await;
            drop(slot);
            let resp = match sent {
                Ok(r) => r,
                // A read that did not connect is tried again; a write is not (it may
                // have reached Fleet).
                Err(_) if !write && attempt < RETRIES => {
                    attempt += 1;
                    tokio::time::sleep(backoff(attempt)).await;
                    continue;
                }
                Err(e) => {
                    return Err(FleetError::Unreachable {
                        reason: e.without_url().to_string(),
                    });
                }
            };
            let status = resp.status().as_u16();
            let wait = retry_after(resp.headers());
            let bytes = resp
                .bytes()
                .await
                .map_err(|e| FleetError::Unreachable {
                    reason: e.without_url().to_string(),
                })?
                .to_vec();
            let again = match status {
                429 => true,
                502..=504 => !write,
                _ => false,
            };
            if again && attempt < RETRIES && wait.is_none_or(|w| w <= MAX_WAIT) {
                attempt += 1;
                tokio::time::sleep(wait.unwrap_or_else(|| backoff(attempt))).await;
                continue;
            }
            let message = || error_text(&bytes);
            return match status {
                200..=299 => Ok((status, bytes)),
                401 => Err(FleetError::Unauthorized { message: message() }),
                403 => Err(FleetError::Forbidden { message: message() }),
                404 => Err(FleetError::NotFound { message: message() }),
                429 => Err(FleetError::Throttled { retry_after: wait }),
                400..=499 => Err(FleetError::Refused {
                    status,
                    message: message(),
                }),
                _ => Err(FleetError::Unavailable { status }),
            };
        }
    }

    /// The runtime the client runs on (the backend fans out on it).
    pub fn handle(&self) -> &tokio::runtime::Handle {
        &self.handle
    }

    fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
    ) -> Result<(u16, Vec<u8>), FleetError> {
        crate::backend::block_on(&self.handle, self.send_noted(method, url, body))
    }

    /// Sends, and notes how the request went (for the health of the token).
    async fn send_noted(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
    ) -> Result<(u16, Vec<u8>), FleetError> {
        let r = self.send_async(method, url, body).await;
        let seen = match &r {
            Ok(_) => Ok(()),
            // The token worked: Fleet answered about this request, not about it.
            Err(
                FleetError::NotFound { .. }
                | FleetError::Refused { .. }
                | FleetError::Throttled { .. },
            ) => Ok(()),
            Err(e) => Err(e.clone()),
        };
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some((SystemTime::now(), seen));
        r
    }

    /// GET, the answer decoded.
    pub fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, FleetError> {
        let (_, body) = self.send(Method::GET, self.url(path, query), None)?;
        serde_json::from_slice(&body).map_err(|e| FleetError::Decode {
            reason: format!("GET {path}: {e}"),
        })
    }

    /// POST with an optional JSON body; the answer (`null` when empty).
    pub fn post(
        &self,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Value, FleetError> {
        crate::backend::block_on(&self.handle, self.post_async(path, query, body))
    }

    /// As [`FleetClient::post`], for fan-outs on the client's runtime.
    pub async fn post_async(
        &self,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Value, FleetError> {
        let (_, bytes) = self
            .send_noted(Method::POST, self.url(path, query), body)
            .await?;
        if bytes.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&bytes).map_err(|e| FleetError::Decode {
            reason: format!("POST {path}: {e}"),
        })
    }

    /// DELETE (async, for fan-outs).
    pub async fn delete_async(&self, path: &str) -> Result<(), FleetError> {
        self.send_noted(Method::DELETE, self.url(path, &[]), None)
            .await
            .map(|_| ())
    }
}

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(250 * 2u64.pow(attempt.min(6)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fleet_errors_say_the_reason_and_the_token_file() {
        assert_eq!(
            error_text(br#"{"message":"Validation Failed","errors":[{"name":"host_id","reason":"Host has pending lock request."}]}"#),
            "Host has pending lock request."
        );
        assert_eq!(
            error_text(br#"{"message":"Not found","errors":[]}"#),
            "Not found"
        );
        assert_eq!(
            error_text(b"<html>bad gateway</html>"),
            "<html>bad gateway</html>"
        );
        let e = FleetError::Unauthorized {
            message: "Authentication required".into(),
        };
        assert!(e.to_string().contains("api_token_file"), "{e}");
        assert!(!e.is_transient());
        assert!(FleetError::Throttled { retry_after: None }.is_transient());
    }
}
