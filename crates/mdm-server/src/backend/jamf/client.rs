//! The Jamf Pro API over HTTP: an API client's id and secret exchanged for a bearer token
//! (`POST /api/v1/oauth/token`, client credentials), renewed before it expires (Jamf's
//! default lifetime is a minute); at most `max_connections` requests in flight (Jamf asks
//! API clients for 5 at most); 429 and 503 waited out a few times; Jamf's error body read
//! into a typed error. A 403 names the privilege the operation needs (the API
//! description lists them per operation as `x-required-privileges`).
//! Async underneath (reqwest on the gateway's runtime), blocking for the sync `Backend`.

use super::JamfConfig;
use crate::backend::BackendError;
use crate::backend::intune::SecretValue;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};
use url::Url;

/// Retries of a request Jamf answered 429 or 503 (reads), or 429 (writes: after a 503 a
/// write may have been queued, so it is not sent twice).
const RETRIES: u32 = 4;
/// The longest `Retry-After` waited in place; longer ones defer to a later step.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// Why a Jamf request failed. Text is Jamf's, unescaped: escape where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JamfError {
    /// The token endpoint refused the API client (`invalid_client`), or a request was
    /// answered 401 with a fresh token.
    Unauthorized {
        message: String,
    },
    /// 403: the API client's roles lack `privilege` (its words: `the privilege "Read
    /// Computers"`), which this operation needs.
    Forbidden {
        privilege: &'static str,
        message: String,
    },
    NotFound {
        message: String,
    },
    /// Another 4xx: Jamf refused this request.
    Refused {
        status: u16,
        message: String,
    },
    /// 429 still after the retries (or with a longer `Retry-After` than is waited).
    Throttled {
        retry_after: Option<Duration>,
    },
    /// 5xx still after the retries (or a write answered 5xx: not resent).
    Unavailable {
        status: u16,
    },
    /// No answer (connect, TLS, timeout).
    Unreachable {
        reason: String,
    },
    /// An answer that is not what Jamf documents.
    Decode {
        reason: String,
    },
}

impl std::fmt::Display for JamfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JamfError::Unauthorized { message } => write!(
                f,
                "Jamf Pro refused the API client ({message}); check backend.client_id and backend.client_secret_file"
            ),
            JamfError::Forbidden { privilege, message } => write!(
                f,
                "the Jamf API client may not do this (403{}): its API role needs {privilege}",
                if message.is_empty() {
                    String::new()
                } else {
                    format!(": {message}")
                }
            ),
            JamfError::NotFound { message } => write!(f, "not found in Jamf Pro (404: {message})"),
            JamfError::Refused { status, message } => {
                write!(f, "Jamf Pro refused the request ({status}: {message})")
            }
            JamfError::Throttled { retry_after } => match retry_after {
                Some(d) => write!(
                    f,
                    "Jamf Pro is rate limiting (429, retry after {} s)",
                    d.as_secs()
                ),
                None => write!(f, "Jamf Pro is rate limiting (429)"),
            },
            JamfError::Unavailable { status } => write!(f, "Jamf Pro is unavailable ({status})"),
            JamfError::Unreachable { reason } => write!(f, "cannot reach Jamf Pro: {reason}"),
            JamfError::Decode { reason } => {
                write!(f, "unexpected answer from Jamf Pro: {reason}")
            }
        }
    }
}

impl From<JamfError> for BackendError {
    fn from(e: JamfError) -> BackendError {
        let retry_after = match &e {
            JamfError::Throttled { retry_after } => *retry_after,
            _ => None,
        };
        BackendError::Vendor {
            message: e.to_string(),
            retry_after,
        }
    }
}

impl JamfError {
    /// Whether a later try may succeed (the request was not carried out).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            JamfError::Throttled { .. } | JamfError::Unreachable { .. }
        ) || matches!(self, JamfError::Unavailable { status } if *status == 503)
    }
}

/// Jamf's error body (`ApiError`: `{"httpStatus", "errors": [{"code", "field",
/// "description", "id"}]}`); the OAuth endpoint answers RFC 6749's
/// `{"error", "error_description"}` instead.
fn error_text(body: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return String::from_utf8_lossy(body).chars().take(200).collect();
    };
    if let Some(e) = v["error"].as_str() {
        return match v["error_description"].as_str() {
            Some(d) => format!("{e}: {d}"),
            None => e.to_string(),
        };
    }
    let causes: Vec<String> = v["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| {
                    let d = e["description"].as_str().or(e["code"].as_str())?;
                    Some(d.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    causes.join("; ")
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

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(250 * 2u64.pow(attempt.min(6)))
}

/// A bearer token and when to stop using it.
struct Token {
    value: String,
    renew_at: Instant,
}

/// The Jamf Pro client of one gateway.
pub struct JamfClient {
    http: reqwest::Client,
    base: Url,
    client_id: String,
    secret: SecretValue,
    handle: tokio::runtime::Handle,
    token: tokio::sync::Mutex<Option<Token>>,
    /// One permit per connection Jamf allows.
    slots: tokio::sync::Semaphore,
    max_connections: usize,
    /// The outcome of the last request (for the gateway's health: is the client good).
    last: Mutex<Option<(SystemTime, Result<(), JamfError>)>>,
    /// Requests answered so far (tokens included), for benches and tests.
    requests: std::sync::atomic::AtomicU64,
}

impl JamfClient {
    /// A client for the server in `cfg` on the runtime behind `handle`.
    pub fn new(cfg: &JamfConfig, handle: tokio::runtime::Handle) -> Result<JamfClient, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .pool_max_idle_per_host(cfg.max_connections)
            .user_agent(concat!("mdm-gateway/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(JamfClient {
            http,
            base: cfg.url.clone(),
            client_id: cfg.client_id.clone(),
            secret: cfg.client_secret.clone(),
            handle,
            token: tokio::sync::Mutex::new(None),
            slots: tokio::sync::Semaphore::new(cfg.max_connections),
            max_connections: cfg.max_connections,
            last: Mutex::new(None),
            requests: Default::default(),
        })
    }

    /// Requests Jamf may have in flight from this client.
    pub fn max_connections(&self) -> usize {
        self.max_connections
    }

    /// The runtime the client runs on (the backend fans out on it).
    pub fn handle(&self) -> &tokio::runtime::Handle {
        &self.handle
    }

    /// The outcome of the last request and when, if there was one.
    pub fn last_result(&self) -> Option<(SystemTime, Result<(), JamfError>)> {
        self.last.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// `/api/{path}` with `query`.
    pub fn url(&self, path: &str, query: &[(&str, String)]) -> Url {
        let mut u = self.base.clone();
        let prefix = u.path().trim_end_matches('/').to_string();
        u.set_path(&format!("{prefix}/api/{}", path.trim_start_matches('/')));
        if !query.is_empty() {
            u.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        u
    }

    /// A token that is good for a while yet; asks Jamf for one when needed.
    async fn bearer(&self, renew: bool) -> Result<String, JamfError> {
        let mut t = self.token.lock().await;
        if !renew
            && let Some(tok) = t.as_ref()
            && Instant::now() < tok.renew_at
        {
            return Ok(tok.value.clone());
        }
        let secret = self.secret.expose_str().unwrap_or("");
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", secret),
        ];
        let mut attempt = 0;
        let (status, body, wait) = loop {
            let _slot = self.slots.acquire().await.ok();
            self.requests
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let sent = self
                .http
                .post(self.url("v1/oauth/token", &[]))
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await;
            let resp = match sent {
                Ok(r) => r,
                Err(_) if attempt < RETRIES => {
                    attempt += 1;
                    tokio::time::sleep(backoff(attempt)).await;
                    continue;
                }
                Err(e) => {
                    return Err(JamfError::Unreachable {
                        reason: e.without_url().to_string(),
                    });
                }
            };
            let status = resp.status().as_u16();
            let wait = retry_after(resp.headers());
            let body = resp.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
            if matches!(status, 429 | 502..=504)
                && attempt < RETRIES
                && wait.is_none_or(|w| w <= MAX_WAIT)
            {
                attempt += 1;
                tokio::time::sleep(wait.unwrap_or_else(|| backoff(attempt))).await;
                continue;
            }
            break (status, body, wait);
        };
        match status {
            200 => {}
            400 | 401 => {
                return Err(JamfError::Unauthorized {
                    message: error_text(&body),
                });
            }
            429 => return Err(JamfError::Throttled { retry_after: wait }),
            s if s >= 500 => return Err(JamfError::Unavailable { status: s }),
            s => {
                return Err(JamfError::Refused {
                    status: s,
                    message: error_text(&body),
                });
            }
        }
        #[derive(serde::Deserialize)]
        struct Issued {
            access_token: String,
            expires_in: u64,
        }
        let issued: Issued = serde_json::from_slice(&body).map_err(|e| JamfError::Decode {
            reason: format!("POST /api/v1/oauth/token: {e}"),
        })?;
        // Renewed with a quarter of its life left (at most 60 s early): Jamf's tokens
        // live a minute by default, and a request must not outlive its token.
        let life = Duration::from_secs(issued.expires_in.max(1));
        let early = (life / 4).min(Duration::from_secs(60));
        *t = Some(Token {
            value: issued.access_token.clone(),
            renew_at: Instant::now() + life - early,
        });
        Ok(issued.access_token)
    }

    async fn send_async(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        privilege: &'static str,
    ) -> Result<Vec<u8>, JamfError> {
        let write = method != Method::GET;
        let mut attempt = 0;
        let mut renew = false;
        loop {
            let token = self.bearer(renew).await?;
            let slot = self.slots.acquire().await.ok();
            self.requests
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut req = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(&token)
                .header("accept", "application/json");
            if let Some(b) = body {
                req = req.json(b);
            }
            let sent = req.send().await;
            let resp = match sent {
                Ok(r) => r,
                // A read that did not connect is tried again; a write is not (it may
                // have reached Jamf).
                Err(_) if !write && attempt < RETRIES => {
                    drop(slot);
                    attempt += 1;
                    tokio::time::sleep(backoff(attempt)).await;
                    continue;
                }
                Err(e) => {
                    return Err(JamfError::Unreachable {
                        reason: e.without_url().to_string(),
                    });
                }
            };
            let status = resp.status().as_u16();
            let wait = retry_after(resp.headers());
            let bytes = resp
                .bytes()
                .await
                .map_err(|e| JamfError::Unreachable {
                    reason: e.without_url().to_string(),
                })?
                .to_vec();
            drop(slot);
            // A token Jamf no longer takes (expired early, invalidated): one new token.
            if status == 401 && !renew {
                renew = true;
                continue;
            }
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
                200..=299 => Ok(bytes),
                401 => Err(JamfError::Unauthorized {
                    message: "401 with a fresh token".into(),
                }),
                403 => Err(JamfError::Forbidden {
                    privilege,
                    message: message(),
                }),
                404 => Err(JamfError::NotFound { message: message() }),
                429 => Err(JamfError::Throttled { retry_after: wait }),
                400..=499 => Err(JamfError::Refused {
                    status,
                    message: message(),
                }),
                _ => Err(JamfError::Unavailable { status }),
            };
        }
    }

    fn note(&self, r: &Result<Vec<u8>, JamfError>) {
        let seen = match r {
            Ok(_) => Ok(()),
            // The credential worked: Jamf answered about this request, not about it.
            Err(
                JamfError::NotFound { .. }
                | JamfError::Refused { .. }
                | JamfError::Throttled { .. }
                | JamfError::Forbidden { .. },
            ) => Ok(()),
            Err(e) => Err(e.clone()),
        };
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some((SystemTime::now(), seen));
    }

    /// GET `/api/{path}`, decoded (async, for fan-outs on the client's runtime).
    pub async fn get_async<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        privilege: &'static str,
    ) -> Result<T, JamfError> {
        let r = self
            .send_async(Method::GET, self.url(path, query), None, privilege)
            .await;
        self.note(&r);
        serde_json::from_slice(&r?).map_err(|e| JamfError::Decode {
            reason: format!("GET /api/{path}: {e}"),
        })
    }

    /// POST `/api/{path}` with an optional JSON body; the answer (`null` when empty).
    pub async fn post_async(
        &self,
        path: &str,
        body: Option<&Value>,
        privilege: &'static str,
    ) -> Result<Value, JamfError> {
        self.write_async(Method::POST, path, body, privilege).await
    }

    /// A write (`POST`, `PUT`, `DELETE`) of `/api/{path}`; the answer (`null` when empty).
    pub async fn write_async(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        privilege: &'static str,
    ) -> Result<Value, JamfError> {
        let r = self
            .send_async(method.clone(), self.url(path, &[]), body, privilege)
            .await;
        self.note(&r);
        let bytes = r?;
        if bytes.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&bytes).map_err(|e| JamfError::Decode {
            reason: format!("{method} /api/{path}: {e}"),
        })
    }

    /// A write, blocking.
    pub fn write(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        privilege: &'static str,
    ) -> Result<Value, JamfError> {
        crate::backend::block_on(
            &self.handle,
            self.write_async(method, path, body, privilege),
        )
    }

    /// GET, blocking.
    pub fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        privilege: &'static str,
    ) -> Result<T, JamfError> {
        crate::backend::block_on(&self.handle, self.get_async(path, query, privilege))
    }

    /// Requests sent so far (token requests included).
    pub fn requests(&self) -> u64 {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jamf_errors_say_the_cause_and_the_privilege() {
        assert_eq!(
            error_text(
                br#"{"httpStatus":400,"errors":[{"code":"INVALID_FIELD","field":"pin","description":"PIN must be 6 digits","id":"0"}]}"#
            ),
            "PIN must be 6 digits"
        );
        assert_eq!(
            error_text(br#"{"error":"invalid_client","error_description":"bad secret"}"#),
            "invalid_client: bad secret"
        );
        let e = JamfError::Forbidden {
            privilege: "the privilege \"Send Computer Remote Wipe Command\"",
            message: String::new(),
        };
        assert!(
            e.to_string()
                .contains("needs the privilege \"Send Computer Remote Wipe Command\""),
            "{e}"
        );
        assert!(!e.is_transient());
        assert!(JamfError::Unavailable { status: 503 }.is_transient());
        assert!(!JamfError::Unavailable { status: 500 }.is_transient());
        assert!(
            JamfError::Unauthorized {
                message: "invalid_client".into()
            }
            .to_string()
            .contains("client_secret_file")
        );
    }
}
