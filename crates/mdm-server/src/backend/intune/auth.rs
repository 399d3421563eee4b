//! Entra ID app-only tokens for Graph: OAuth 2.0 client credentials against
//! `{login_url}/{tenant}/oauth2/v2.0/token` with `scope={graph_url}/.default`, proven by a
//! client secret or by a certificate (an RS256 client assertion carrying the
//! certificate's `x5t#S256` thumbprint).
//!
//! One [`TokenProvider`] per gateway: it caches the token and renews it before it
//! expires (5 minutes early, or at half its lifetime when that is shorter), and callers
//! that arrive while a renewal runs wait for that one instead of starting their own.
//! No error, log line or `Debug` output carries the secret, the assertion or a token:
//! what Entra ID answers is scrubbed of them before it is kept.

use super::{GraphCredential, IntuneConfig, SecretValue};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use url::Url;

/// Lifetime of a client assertion (Entra ID accepts up to 10 minutes).
const ASSERTION_LIFETIME: Duration = Duration::from_secs(600);
/// Renew this long before a token expires (or at half its lifetime if that is shorter).
const RENEW_MARGIN: Duration = Duration::from_secs(300);
/// How long one token request may take before it counts as unreachable.
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);
/// Retries of a token request that failed in passing (unreachable, 5xx, 429).
const TOKEN_RETRIES: u32 = 2;
/// Half the first wait between token retries (it doubles).
const TOKEN_BACKOFF: Duration = Duration::from_millis(125);

/// The time source; tests move it to check expiry and renewal without sleeping.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(SystemTime::now)
}

/// Why no token could be had. Messages name the cause and what to fix, never a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// Entra ID does not accept the credential (`invalid_client`): a wrong or expired
    /// client secret, or a certificate not uploaded to the app registration.
    InvalidClient { description: String },
    /// The app may not use this grant (`unauthorized_client`): wrong tenant, app disabled
    /// or not consented there.
    UnauthorizedClient { description: String },
    /// The configured certificate's validity ended; found locally before signing.
    CertificateExpired { not_after: String },
    /// The configured certificate is not valid yet.
    CertificateNotYetValid { not_before: String },
    /// The certificate or private key PEM could not be used.
    BadCredential { reason: String },
    /// The token endpoint could not be reached (DNS, TCP, TLS, timeout).
    Unreachable { reason: String },
    /// Entra ID refused for another reason (its `error` code and description).
    Rejected {
        status: u16,
        error: String,
        description: String,
    },
    /// The token endpoint answered something that is not a token.
    Malformed { reason: String },
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::InvalidClient { description } => write!(
                f,
                "Entra ID rejected the gateway's credential (invalid_client): {description}; \
                 check the client secret or that the certificate is uploaded to the app registration"
            ),
            AuthError::UnauthorizedClient { description } => write!(
                f,
                "the app registration may not get tokens here (unauthorized_client): {description}; \
                 check the tenant and that the app is enabled and consented"
            ),
            AuthError::CertificateExpired { not_after } => write!(
                f,
                "the gateway's Graph certificate expired at {not_after}; upload a new one to the app \
                 registration and configure it"
            ),
            AuthError::CertificateNotYetValid { not_before } => write!(
                f,
                "the gateway's Graph certificate is not valid before {not_before}; check the clock"
            ),
            AuthError::BadCredential { reason } => {
                write!(f, "the configured Graph credential is unusable: {reason}")
            }
            AuthError::Unreachable { reason } => {
                write!(f, "the Entra ID token endpoint is unreachable: {reason}")
            }
            AuthError::Rejected {
                status,
                error,
                description,
            } => write!(
                f,
                "Entra ID refused a token (HTTP {status}, {error}): {description}"
            ),
            AuthError::Malformed { reason } => {
                write!(f, "the token endpoint's answer is not a token: {reason}")
            }
        }
    }
}

impl std::error::Error for AuthError {}

impl AuthError {
    /// A short name of the cause, for health reports (`invalid_client`, …).
    pub fn code(&self) -> &'static str {
        match self {
            AuthError::InvalidClient { .. } => "invalid_client",
            AuthError::UnauthorizedClient { .. } => "unauthorized_client",
            AuthError::CertificateExpired { .. } => "certificate_expired",
            AuthError::CertificateNotYetValid { .. } => "certificate_not_yet_valid",
            AuthError::BadCredential { .. } => "bad_credential",
            AuthError::Unreachable { .. } => "unreachable",
            AuthError::Rejected { .. } => "rejected",
            AuthError::Malformed { .. } => "malformed",
        }
    }

    /// A failure that may pass by itself (worth a retry): the endpoint was unreachable,
    /// or Entra ID answered 5xx or 429. A refused credential is not.
    pub fn is_transient(&self) -> bool {
        match self {
            AuthError::Unreachable { .. } => true,
            AuthError::Rejected { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

/// A bearer token for Graph. `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(Arc<str>);

impl AccessToken {
    /// The token, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// The credential, prepared once: the certificate parsed and its thumbprint computed,
/// so a broken PEM fails at start-up and not at the first wipe.
enum Proof {
    Secret(SecretValue),
    Certificate {
        key: EncodingKey,
        /// base64url(SHA-256(certificate DER)).
        x5t_s256: String,
        not_before: SystemTime,
        not_after: SystemTime,
    },
}

struct Cached {
    token: AccessToken,
    /// When to fetch a new one (before the real expiry).
    renew_at: SystemTime,
}

/// Gets and caches Graph tokens for one app registration.
pub struct TokenProvider {
    http: reqwest::Client,
    token_url: Url,
    scope: String,
    client_id: String,
    proof: Proof,
    clock: Clock,
    /// Held across a renewal, so concurrent callers share one request.
    cache: tokio::sync::Mutex<Option<Cached>>,
    requests: std::sync::atomic::AtomicU64,
    /// How the last token request ended (for the gateway's health), and when.
    last: std::sync::Mutex<Option<(SystemTime, Result<(), AuthError>)>>,
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenProvider")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// `{login_url}/{tenant}/oauth2/v2.0/token`: the URL tokens come from and the audience
/// of a client assertion.
pub fn token_url(login_url: &Url, tenant: &str) -> Result<Url, AuthError> {
    let mut u = login_url.clone();
    u.path_segments_mut()
        .map_err(|()| AuthError::BadCredential {
            reason: format!("login_url {login_url} cannot carry a path"),
        })?
        .pop_if_empty()
        .extend([tenant, "oauth2", "v2.0", "token"]);
    Ok(u)
}

/// `{graph_url}/.default`: every application permission the app was granted.
pub fn scope(graph_url: &Url) -> String {
    format!("{}/.default", graph_url.as_str().trim_end_matches('/'))
}

fn unix(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// RFC 3339 for messages.
fn rfc3339(t: SystemTime) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix(t) as i64)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| format!("{} (Unix time)", unix(t)))
}

/// The certificate's DER, SHA-256 thumbprint (base64url) and validity.
fn parse_certificate(cert_pem: &[u8]) -> Result<(String, SystemTime, SystemTime), AuthError> {
    use base64::Engine;
    use x509_cert::der::Decode;
    let der = CertificateDer::from_pem_slice(cert_pem).map_err(|e| AuthError::BadCredential {
        reason: format!("the certificate is not a PEM certificate ({e})"),
    })?;
    let cert =
        x509_cert::Certificate::from_der(der.as_ref()).map_err(|e| AuthError::BadCredential {
            reason: format!("the certificate is not X.509 ({e})"),
        })?;
    let validity = &cert.tbs_certificate.validity;
    let thumb = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(&der));
    Ok((
        thumb,
        UNIX_EPOCH + validity.not_before.to_unix_duration(),
        UNIX_EPOCH + validity.not_after.to_unix_duration(),
    ))
}

fn prepare(credential: &GraphCredential) -> Result<Proof, AuthError> {
    match credential {
        GraphCredential::Secret(s) => {
            if s.expose_str().is_none_or(str::is_empty) {
                return Err(AuthError::BadCredential {
                    reason: "the client secret is empty or not UTF-8".into(),
                });
            }
            Ok(Proof::Secret(s.clone()))
        }
        GraphCredential::Certificate { cert_pem, key_pem } => {
            let (x5t_s256, not_before, not_after) = parse_certificate(cert_pem)?;
            // The library's message names only the PEM problem, never key material.
            let key = EncodingKey::from_rsa_pem(key_pem.expose()).map_err(|e| {
                AuthError::BadCredential {
                    reason: format!("the private key is not an RSA PEM key ({e})"),
                }
            })?;
            Ok(Proof::Certificate {
                key,
                x5t_s256,
                not_before,
                not_after,
            })
        }
    }
}

#[derive(serde::Serialize)]
struct AssertionClaims<'a> {
    aud: &'a str,
    iss: &'a str,
    sub: &'a str,
    jti: String,
    nbf: u64,
    iat: u64,
    exp: u64,
}

#[derive(serde::Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(serde::Deserialize, Default)]
struct TokenFailure {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

impl TokenProvider {
    /// A provider for `cfg`'s app registration; fails at once on an unusable
    /// certificate or key.
    pub fn new(cfg: &IntuneConfig, http: reqwest::Client) -> Result<Self, AuthError> {
        Self::with_clock(cfg, http, system_clock())
    }

    /// As [`TokenProvider::new`] with a chosen clock (tests).
    pub fn with_clock(
        cfg: &IntuneConfig,
        http: reqwest::Client,
        clock: Clock,
    ) -> Result<Self, AuthError> {
        Ok(TokenProvider {
            http,
            token_url: token_url(&cfg.login_url, &cfg.tenant)?,
            scope: scope(&cfg.graph_url),
            client_id: cfg.client_id.clone(),
            proof: prepare(&cfg.credential)?,
            clock,
            cache: tokio::sync::Mutex::new(None),
            requests: std::sync::atomic::AtomicU64::new(0),
            last: std::sync::Mutex::new(None),
        })
    }

    /// Token requests sent to Entra ID so far (renewals show here; tests and benchmarks).
    pub fn token_requests(&self) -> u64 {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The app registration's client id (Graph's `applicationId` of what it does).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// How the last token request ended and when (`None` before the first); the error
    /// carries no secret.
    pub fn last_result(&self) -> Option<(SystemTime, Result<(), AuthError>)> {
        self.last.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// A valid token: the cached one, or a new one when it is due for renewal.
    pub async fn token(&self) -> Result<AccessToken, AuthError> {
        let mut cache = self.cache.lock().await;
        let now = (self.clock)();
        if let Some(c) = cache.as_ref()
            && now < c.renew_at
        {
            return Ok(c.token.clone());
        }
        let mut tries = 0;
        let fresh = loop {
            match self
                .fetch(if tries == 0 { now } else { (self.clock)() })
                .await
            {
                Err(e) if e.is_transient() && tries < TOKEN_RETRIES => {
                    tries += 1;
                    tokio::time::sleep(TOKEN_BACKOFF * (1 << tries)).await;
                }
                other => {
                    *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some((
                        (self.clock)(),
                        other.as_ref().map(|_| ()).map_err(Clone::clone),
                    ));
                    break other?;
                }
            }
        };
        let token = fresh.token.clone();
        *cache = Some(fresh);
        Ok(token)
    }

    /// Graph refused `stale` (401): forget it, so the next [`TokenProvider::token`]
    /// fetches a new one. A token already renewed by another caller is kept.
    pub async fn invalidate(&self, stale: &AccessToken) {
        let mut cache = self.cache.lock().await;
        if cache.as_ref().is_some_and(|c| &c.token == stale) {
            *cache = None;
        }
    }

    /// The signed client assertion for a token request at `now`.
    fn assertion(&self, now: SystemTime) -> Result<Option<String>, AuthError> {
        let Proof::Certificate {
            key,
            x5t_s256,
            not_before,
            not_after,
        } = &self.proof
        else {
            return Ok(None);
        };
        if now >= *not_after {
            return Err(AuthError::CertificateExpired {
                not_after: rfc3339(*not_after),
            });
        }
        if now < *not_before {
            return Err(AuthError::CertificateNotYetValid {
                not_before: rfc3339(*not_before),
            });
        }
        let mut header = Header::new(Algorithm::RS256);
        header.x5t_s256 = Some(x5t_s256.clone());
        let t = unix(now);
        let claims = AssertionClaims {
            aud: self.token_url.as_str(),
            iss: &self.client_id,
            sub: &self.client_id,
            jti: hex::encode(rand::random::<[u8; 16]>()),
            nbf: t,
            iat: t,
            exp: t + ASSERTION_LIFETIME.as_secs(),
        };
        jsonwebtoken::encode(&header, &claims, key)
            .map(Some)
            .map_err(|e| AuthError::BadCredential {
                reason: format!("signing the client assertion failed ({e})"),
            })
    }

    /// Removes anything secret from text that came back from the token endpoint.
    fn scrub(&self, text: &str, assertion: Option<&str>) -> String {
        let mut out = text.to_string();
        if let Proof::Secret(s) = &self.proof
            && let Some(s) = s.expose_str()
            && !s.is_empty()
        {
            out = out.replace(s, "<redacted>");
        }
        if let Some(a) = assertion {
            out = out.replace(a, "<redacted>");
        }
        out
    }

    async fn fetch(&self, now: SystemTime) -> Result<Cached, AuthError> {
        let assertion = self.assertion(now)?;
        let mut form: Vec<(&str, &str)> = vec![
            ("grant_type", "client_credentials"),
            ("client_id", &self.client_id),
            ("scope", &self.scope),
        ];
        match (&self.proof, assertion.as_deref()) {
            (Proof::Secret(s), _) => form.push(("client_secret", s.expose_str().unwrap_or(""))),
            (Proof::Certificate { .. }, Some(a)) => {
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ));
                form.push(("client_assertion", a));
            }
            (Proof::Certificate { .. }, None) => {}
        }
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let answer = self
            .http
            .post(self.token_url.clone())
            .timeout(TOKEN_TIMEOUT)
            .form(&form)
            .send()
            .await
            // reqwest's message names the URL (no secret: the form is the body).
            .map_err(|e| AuthError::Unreachable {
                reason: self.scrub(&error_chain(&e), assertion.as_deref()),
            })?;
        let status = answer.status();
        let body = answer.bytes().await.map_err(|e| AuthError::Unreachable {
            reason: self.scrub(&error_chain(&e), assertion.as_deref()),
        })?;
        if !status.is_success() {
            let failure: TokenFailure = serde_json::from_slice(&body).unwrap_or_default();
            let description =
                self.scrub(first_line(&failure.error_description), assertion.as_deref());
            return Err(match failure.error.as_str() {
                "invalid_client" => AuthError::InvalidClient { description },
                "unauthorized_client" => AuthError::UnauthorizedClient { description },
                _ => AuthError::Rejected {
                    status: status.as_u16(),
                    error: if failure.error.is_empty() {
                        "no error code".into()
                    } else {
                        self.scrub(&failure.error, assertion.as_deref())
                    },
                    description,
                },
            });
        }
        let token: TokenAnswer =
            serde_json::from_slice(&body).map_err(|e| AuthError::Malformed {
                // serde's message quotes at most a type name, not the token.
                reason: format!("{e}"),
            })?;
        if token.access_token.is_empty() {
            return Err(AuthError::Malformed {
                reason: "empty access_token".into(),
            });
        }
        let lifetime = Duration::from_secs(token.expires_in.unwrap_or(3600));
        let early = RENEW_MARGIN.min(lifetime / 2);
        Ok(Cached {
            token: AccessToken(token.access_token.into()),
            renew_at: now + (lifetime - early),
        })
    }
}

/// Entra ID descriptions carry a trace id and timestamp on later lines; the first names
/// the cause.
fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// An error and its sources, one line ("error sending request: connection refused").
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        out.push_str(": ");
        out.push_str(&s.to_string());
        src = s.source();
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::backend::intune::WriteBudget;
    use axum::Router;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::routing::post;
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU64, Ordering};

    pub const CERT_PEM: &str = include_str!("testdata/cert.pem");
    pub const KEY_PEM: &str = include_str!("testdata/key.pem");
    const PUB_PEM: &str = include_str!("testdata/pub.pem");
    /// Computed by `openssl x509 -outform der | openssl dgst -sha256 -binary | basenc --base64url`.
    const X5T_S256: &str = include_str!("testdata/x5t_s256.txt");
    /// `notAfter=Nov 29 07:57:49 2036 GMT`.
    const NOT_AFTER: u64 = 2_111_558_269;
    const SECRET: &str = "s3cr3t~value-never-shown";

    pub fn config(base: &str, credential: GraphCredential) -> IntuneConfig {
        IntuneConfig {
            tenant: "contoso.onmicrosoft.com".into(),
            client_id: "11111111-2222-3333-4444-555555555555".into(),
            credential,
            graph_url: Url::parse(base).unwrap(),
            login_url: Url::parse(base).unwrap(),
            use_beta: false,
            execute_action_batch: crate::backend::intune::bulk::DEFAULT_EXECUTE_ACTION_BATCH,
            groups: vec![],
            write_budget: WriteBudget::default(),
            max_concurrency: 4,
            sync_interval: Duration::from_secs(600),
            audit_interval: Duration::from_secs(300),
        }
    }

    /// What the mock token endpoint does with a request.
    #[derive(Clone, Copy)]
    pub enum Answer {
        Token {
            expires_in: u64,
        },
        InvalidClient,
        UnauthorizedClient,
        /// An error whose description echoes every form field back (a hostile or buggy
        /// endpoint): the client must still not repeat secrets.
        Echo,
        /// 503 to the first request, then tokens.
        FlakyOnce,
    }

    pub struct Mock {
        pub answer: Answer,
        pub hits: AtomicU64,
        pub forms: Mutex<Vec<HashMap<String, String>>>,
        pub delay: Duration,
    }

    async fn token_endpoint(
        State(m): State<Arc<Mock>>,
        axum::extract::Path(tenant): axum::extract::Path<String>,
        body: String,
    ) -> (StatusCode, String) {
        let n = m.hits.fetch_add(1, Ordering::SeqCst) + 1;
        let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .collect();
        m.forms.lock().unwrap().push(form.clone());
        tokio::time::sleep(m.delay).await;
        assert_eq!(tenant, "contoso.onmicrosoft.com");
        let err = |code: &str, d: &str| {
            (
                StatusCode::BAD_REQUEST,
                serde_json::json!({"error": code, "error_description": d}).to_string(),
            )
        };
        match m.answer {
            Answer::Token { expires_in } => (
                StatusCode::OK,
                serde_json::json!({"token_type": "Bearer", "expires_in": expires_in,
                    "access_token": format!("tok-{n}")})
                .to_string(),
            ),
            Answer::InvalidClient => err(
                "invalid_client",
                "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: abc",
            ),
            Answer::UnauthorizedClient => err(
                "unauthorized_client",
                "AADSTS700016: Application not found in the directory.",
            ),
            Answer::FlakyOnce if n == 1 => (
                StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({"error": "temporarily_unavailable",
                    "error_description": "AADSTS90033: A transient error has occurred."})
                .to_string(),
            ),
            Answer::FlakyOnce => (
                StatusCode::OK,
                serde_json::json!({"token_type": "Bearer", "expires_in": 3600,
                    "access_token": format!("tok-{n}")})
                .to_string(),
            ),
            Answer::Echo => err(
                "invalid_request",
                &format!("got {:?}", form.values().collect::<Vec<_>>()),
            ),
        }
    }

    pub async fn serve(answer: Answer, delay: Duration) -> (String, Arc<Mock>) {
        let m = Arc::new(Mock {
            answer,
            hits: AtomicU64::new(0),
            forms: Mutex::new(vec![]),
            delay,
        });
        let app = Router::new()
            .route("/{tenant}/oauth2/v2.0/token", post(token_endpoint))
            .with_state(m.clone());
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(l, app).await });
        (format!("http://{addr}"), m)
    }

    fn secret() -> GraphCredential {
        GraphCredential::Secret(SecretValue::new(format!("{SECRET}\n")))
    }

    fn cert() -> GraphCredential {
        GraphCredential::Certificate {
            cert_pem: CERT_PEM.as_bytes().to_vec(),
            key_pem: SecretValue::new(KEY_PEM),
        }
    }

    fn provider(base: &str, c: GraphCredential, clock: Clock) -> TokenProvider {
        TokenProvider::with_clock(&config(base, c), reqwest::Client::new(), clock).unwrap()
    }

    /// A clock the test moves.
    fn movable(start: u64) -> (Clock, Arc<AtomicU64>) {
        let t = Arc::new(AtomicU64::new(start));
        let t2 = t.clone();
        (
            Arc::new(move || UNIX_EPOCH + Duration::from_secs(t2.load(Ordering::SeqCst))),
            t,
        )
    }

    #[test]
    fn urls_are_built_from_the_config() {
        let u = token_url(&Url::parse("https://login.example/").unwrap(), "t1").unwrap();
        assert_eq!(u.as_str(), "https://login.example/t1/oauth2/v2.0/token");
        assert_eq!(
            scope(&Url::parse("https://graph.microsoft.com").unwrap()),
            "https://graph.microsoft.com/.default"
        );
    }

    #[tokio::test]
    async fn a_secret_gets_a_token_which_is_cached_and_renewed_before_expiry() {
        let (base, m) = serve(Answer::Token { expires_in: 3600 }, Duration::ZERO).await;
        let (clock, t) = movable(1_800_000_000);
        let p = provider(&base, secret(), clock);
        let a = p.token().await.unwrap();
        assert_eq!(a.expose(), "tok-1");
        let form = m.forms.lock().unwrap()[0].clone();
        assert_eq!(form["grant_type"], "client_credentials");
        assert_eq!(form["client_id"], "11111111-2222-3333-4444-555555555555");
        assert_eq!(form["client_secret"], SECRET, "sent trimmed");
        assert_eq!(form["scope"], format!("{base}/.default"));
        // Cached until 5 minutes before expiry.
        t.fetch_add(3600 - 301, Ordering::SeqCst);
        assert_eq!(p.token().await.unwrap().expose(), "tok-1");
        t.fetch_add(2, Ordering::SeqCst);
        assert_eq!(p.token().await.unwrap().expose(), "tok-2");
        assert_eq!(m.hits.load(Ordering::SeqCst), 2);
        assert_eq!(format!("{a:?}"), "AccessToken(<redacted>)");
    }

    #[tokio::test]
    async fn a_short_lived_token_is_renewed_at_half_its_lifetime() {
        let (base, _m) = serve(Answer::Token { expires_in: 120 }, Duration::ZERO).await;
        let (clock, t) = movable(1_800_000_000);
        let p = provider(&base, secret(), clock);
        assert_eq!(p.token().await.unwrap().expose(), "tok-1");
        t.fetch_add(59, Ordering::SeqCst);
        assert_eq!(p.token().await.unwrap().expose(), "tok-1");
        t.fetch_add(1, Ordering::SeqCst);
        assert_eq!(p.token().await.unwrap().expose(), "tok-2");
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_refresh_and_401_invalidates_once() {
        let (base, m) = serve(
            Answer::Token { expires_in: 3600 },
            Duration::from_millis(200),
        )
        .await;
        let p = Arc::new(provider(&base, secret(), system_clock()));
        let mut tasks = vec![];
        for _ in 0..20 {
            let p = p.clone();
            tasks.push(tokio::spawn(async move { p.token().await.unwrap() }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().expose(), "tok-1");
        }
        assert_eq!(m.hits.load(Ordering::SeqCst), 1);
        let stale = p.token().await.unwrap();
        p.invalidate(&stale).await;
        let fresh = p.token().await.unwrap();
        assert_eq!(fresh.expose(), "tok-2");
        // A second caller holding the same stale token does not throw the fresh one away.
        p.invalidate(&stale).await;
        assert_eq!(p.token().await.unwrap().expose(), "tok-2");
        assert_eq!(p.token_requests(), 2);
    }

    #[tokio::test]
    async fn a_certificate_sends_a_signed_assertion_with_the_thumbprint() {
        let (base, m) = serve(Answer::Token { expires_in: 3600 }, Duration::ZERO).await;
        let now = 1_800_000_000;
        let (clock, _t) = movable(now);
        let p = provider(&base, cert(), clock);
        assert_eq!(p.token().await.unwrap().expose(), "tok-1");
        let form = m.forms.lock().unwrap()[0].clone();
        assert!(!form.contains_key("client_secret"));
        assert_eq!(
            form["client_assertion_type"],
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        );
        let jwt = &form["client_assertion"];
        let header = jsonwebtoken::decode_header(jwt).unwrap();
        assert_eq!(header.alg, Algorithm::RS256);
        assert_eq!(header.x5t_s256.as_deref(), Some(X5T_S256.trim()));
        let aud = format!("{base}/contoso.onmicrosoft.com/oauth2/v2.0/token");
        let mut v = jsonwebtoken::Validation::new(Algorithm::RS256);
        v.set_audience(&[aud.as_str()]);
        v.validate_exp = false;
        let key = jsonwebtoken::DecodingKey::from_rsa_pem(PUB_PEM.as_bytes()).unwrap();
        let claims = jsonwebtoken::decode::<serde_json::Value>(jwt, &key, &v)
            .expect("signed by the configured key")
            .claims;
        assert_eq!(claims["aud"], aud);
        assert_eq!(claims["iss"], "11111111-2222-3333-4444-555555555555");
        assert_eq!(claims["sub"], claims["iss"]);
        assert_eq!(claims["iat"], now);
        assert_eq!(claims["nbf"], now);
        assert_eq!(claims["exp"], now + 600);
        assert_eq!(claims["jti"].as_str().unwrap().len(), 32);
        // A second assertion has its own jti.
        p.invalidate(&p.token().await.unwrap()).await;
        p.token().await.unwrap();
        let jwt2 = m.forms.lock().unwrap()[1]["client_assertion"].clone();
        let c2 = jsonwebtoken::decode::<serde_json::Value>(&jwt2, &key, &v)
            .unwrap()
            .claims;
        assert_ne!(c2["jti"], claims["jti"]);
    }

    #[tokio::test]
    async fn an_expired_certificate_is_reported_before_anything_is_sent() {
        let (base, m) = serve(Answer::Token { expires_in: 3600 }, Duration::ZERO).await;
        let (clock, _t) = movable(NOT_AFTER + 1);
        let p = provider(&base, cert(), clock);
        let e = p.token().await.unwrap_err();
        assert_eq!(
            e,
            AuthError::CertificateExpired {
                not_after: "2036-11-29T07:57:49Z".into()
            }
        );
        assert!(
            e.to_string().contains("expired at 2036-11-29T07:57:49Z"),
            "{e}"
        );
        assert_eq!(m.hits.load(Ordering::SeqCst), 0);
        let (clock, _t) = movable(NOT_AFTER - 1);
        assert!(provider(&base, cert(), clock).token().await.is_ok());
    }

    #[test]
    fn broken_pem_fails_at_construction() {
        let bad_cert = GraphCredential::Certificate {
            cert_pem: b"not a cert".to_vec(),
            key_pem: SecretValue::new(KEY_PEM),
        };
        let e = TokenProvider::new(
            &config("http://127.0.0.1:1", bad_cert),
            reqwest::Client::new(),
        )
        .unwrap_err();
        assert!(matches!(e, AuthError::BadCredential { .. }), "{e:?}");
        let bad_key = GraphCredential::Certificate {
            cert_pem: CERT_PEM.as_bytes().to_vec(),
            key_pem: SecretValue::new(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            ),
        };
        let e = TokenProvider::new(
            &config("http://127.0.0.1:1", bad_key),
            reqwest::Client::new(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("private key"), "{e}");
        assert!(!e.to_string().contains("AAAA"), "{e}");
        let empty = GraphCredential::Secret(SecretValue::new("\n"));
        assert!(
            TokenProvider::new(&config("http://127.0.0.1:1", empty), reqwest::Client::new())
                .is_err()
        );
    }

    #[tokio::test]
    async fn entra_errors_map_to_typed_errors() {
        let (base, _m) = serve(Answer::InvalidClient, Duration::ZERO).await;
        let e = provider(&base, secret(), system_clock())
            .token()
            .await
            .unwrap_err();
        assert_eq!(
            e,
            AuthError::InvalidClient {
                description: "AADSTS7000215: Invalid client secret provided.".into()
            }
        );
        let (base, _m) = serve(Answer::UnauthorizedClient, Duration::ZERO).await;
        let e = provider(&base, cert(), system_clock())
            .token()
            .await
            .unwrap_err();
        assert!(matches!(e, AuthError::UnauthorizedClient { .. }), "{e:?}");
        assert!(e.to_string().contains("AADSTS700016"), "{e}");
    }

    #[tokio::test]
    async fn a_transient_token_failure_is_retried_and_a_refusal_is_not() {
        let (base, m) = serve(Answer::FlakyOnce, Duration::ZERO).await;
        let p = provider(&base, cert(), system_clock());
        assert_eq!(p.token().await.unwrap().expose(), "tok-2");
        assert_eq!(m.hits.load(Ordering::SeqCst), 2);
        // Each attempt signs its own assertion.
        let forms = m.forms.lock().unwrap().clone();
        assert_ne!(forms[0]["client_assertion"], forms[1]["client_assertion"]);
        let (base, m) = serve(Answer::InvalidClient, Duration::ZERO).await;
        assert!(
            provider(&base, secret(), system_clock())
                .token()
                .await
                .is_err()
        );
        assert_eq!(m.hits.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn an_unreachable_endpoint_is_its_own_error() {
        // A port nothing listens on.
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", l.local_addr().unwrap());
        drop(l);
        let e = provider(&base, secret(), system_clock())
            .token()
            .await
            .unwrap_err();
        assert!(matches!(e, AuthError::Unreachable { .. }), "{e:?}");
        assert!(!e.to_string().contains(SECRET), "{e}");
    }

    #[tokio::test]
    async fn no_error_repeats_the_secret_or_the_assertion() {
        let (base, m) = serve(Answer::Echo, Duration::ZERO).await;
        let e = provider(&base, secret(), system_clock())
            .token()
            .await
            .unwrap_err();
        let shown = format!("{e} {e:?}");
        assert!(shown.contains("client_credentials"), "echoed: {shown}");
        assert!(!shown.contains(SECRET), "{shown}");
        let p = provider(&base, cert(), system_clock());
        let e = p.token().await.unwrap_err();
        let jwt = m.forms.lock().unwrap()[1]["client_assertion"].clone();
        let shown = format!("{e} {e:?} {p:?}");
        assert!(shown.contains("jwt-bearer"), "echoed: {shown}");
        assert!(!shown.contains(&jwt), "{shown}");
        assert!(!shown.contains("BEGIN"), "{shown}");
    }
}
