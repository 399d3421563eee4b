//! The Microsoft Graph HTTP client the Intune backend stands on: bearer tokens from
//! [`TokenProvider`], every request through the [`Scheduler`] (write budget, 429s,
//! concurrency), lists followed page by page along `@odata.nextLink`, and Graph's error
//! bodies turned into [`GraphError`]s that name what to fix (a missing permission, a
//! throttle that did not clear).
//!
//! The client is async (reqwest on the gateway's tokio runtime). The [`Backend`] trait is
//! sync and runs on blocking threads, so [`BlockingGraph`] drives the async client from
//! there on the gateway's runtime handle: one connection pool, one scheduler and one
//! token cache for the whole gateway, whichever thread asks.
//!
//! [`Backend`]: crate::backend::Backend

use super::IntuneConfig;
use super::auth::{AuthError, TokenProvider, error_chain};
use super::throttle::{Class, RetryPolicy, Scheduler};
use crate::backend::BackendError;
use reqwest::Method;
use serde::de::DeserializeOwned;
use std::fmt;
use std::future::Future;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// The header `$count` needs on directory and Intune lists.
const EVENTUAL: (&str, &str) = ("ConsistencyLevel", "eventual");
/// Multi Admin Approval: the id of the approval request a protected write opened.
pub const APPROVAL_CODE_HEADER: &str = "x-msft-approval-code";

/// How long one Graph request may take (a page of 1,000 devices answers in seconds).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// Longest Graph message kept in an error (they can carry whole HTML pages).
const MAX_MESSAGE: usize = 600;

/// Why a Graph call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphError {
    /// No token (see [`AuthError`]).
    Auth(AuthError),
    /// Graph could not be reached, or the answer was cut off.
    Unreachable { reason: String },
    /// Still throttled when the retries ran out.
    Throttled { retry_after: Option<Duration> },
    /// 403: the app lacks a permission (named when Graph names it) or an Intune role.
    Forbidden {
        code: String,
        message: String,
        /// Graph permission names found in the answer
        /// (`DeviceManagementManagedDevices.PrivilegedOperations.All`).
        permissions: Vec<String>,
    },
    /// 404: no such object (a device removed from Intune meanwhile).
    NotFound { code: String, message: String },
    /// Any other refusal (400, 401 after a fresh token, 409, 412, 5xx after retries).
    Status {
        status: u16,
        code: String,
        message: String,
    },
    /// 412 with `x-msft-approval-code`: Intune Multi Admin Approval holds the write
    /// until a second Intune admin approves; send the identical request again with
    /// this code then.
    ApprovalRequired { approval_code: String },
    /// A 2xx answer that is not what the call expects.
    Decode { reason: String },
    /// An `@odata.nextLink` that leaves the configured Graph origin: not followed, so
    /// the token never goes to another host.
    ForeignLink { link: String },
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphError::Auth(e) => e.fmt(f),
            GraphError::Unreachable { reason } => write!(f, "Graph is unreachable: {reason}"),
            GraphError::Throttled { retry_after } => match retry_after {
                Some(d) => write!(
                    f,
                    "Graph is still throttling after retries (retry after {} s)",
                    d.as_secs()
                ),
                None => f.write_str("Graph is still throttling after retries"),
            },
            GraphError::Forbidden {
                code,
                message,
                permissions,
            } => {
                if permissions.is_empty() {
                    write!(
                        f,
                        "Graph refused (403 {code}): {message}; check the app's Graph \
                         permissions and its Intune role"
                    )
                } else {
                    write!(
                        f,
                        "Graph refused (403 {code}): the app registration lacks the \
                         permission {}; grant it with admin consent ({message})",
                        permissions.join(" or ")
                    )
                }
            }
            GraphError::NotFound { code, message } => {
                write!(f, "Graph: not found (404 {code}): {message}")
            }
            GraphError::Status {
                status,
                code,
                message,
            } => write!(f, "Graph answered {status} {code}: {message}"),
            GraphError::ApprovalRequired { approval_code } => write!(
                f,
                "Intune holds the request for Multi Admin Approval (approval request \
                 {approval_code}); a second Intune admin must approve it"
            ),
            GraphError::Decode { reason } => write!(f, "unexpected Graph answer: {reason}"),
            GraphError::ForeignLink { link } => write!(
                f,
                "Graph's next-page link {link} leaves the configured Graph URL; not followed"
            ),
        }
    }
}

impl std::error::Error for GraphError {}

impl From<AuthError> for GraphError {
    fn from(e: AuthError) -> Self {
        GraphError::Auth(e)
    }
}

impl From<GraphError> for BackendError {
    fn from(e: GraphError) -> Self {
        let retry_after = match &e {
            GraphError::Throttled { retry_after } => *retry_after,
            _ => None,
        };
        BackendError::Vendor {
            message: e.to_string(),
            retry_after,
        }
    }
}

impl GraphError {
    /// The HTTP status Graph answered, when it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            GraphError::Throttled { .. } => Some(429),
            GraphError::Forbidden { .. } => Some(403),
            GraphError::NotFound { .. } => Some(404),
            GraphError::ApprovalRequired { .. } => Some(412),
            GraphError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// Graph permission names in `text` (`DeviceManagementManagedDevices.PrivilegedOperations.All`,
/// `User.Read`): dotted words of capitalised segments ending in a grant word. Intune's
/// 403s name the scope they want inside a free-text message.
pub fn permission_names(text: &str) -> Vec<String> {
    const GRANTS: [&str; 6] = ["All", "Read", "ReadWrite", "ReadBasic", "Write", "Shared"];
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.')) {
        let word = word.trim_matches('.');
        let segs: Vec<&str> = word.split('.').collect();
        let shaped = segs.len() >= 2
            && segs.iter().all(|s| {
                s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && s.chars().all(|c| c.is_ascii_alphanumeric())
            })
            && segs.last().is_some_and(|l| GRANTS.contains(l));
        if shaped && !out.iter().any(|p| p == word) {
            out.push(word.to_string());
        }
    }
    out
}

#[derive(serde::Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    error: ErrorMain,
}

#[derive(serde::Deserialize, Default)]
struct ErrorMain {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

/// Intune wraps its own JSON (`{"_version":3,"Message":"… - Operation ID …"}`) inside
/// Graph's message; keep the human part.
fn clean_message(raw: &str) -> String {
    let inner = innermost(raw);
    let human = inner
        .split(" - Operation ID")
        .next()
        .unwrap_or(&inner)
        .trim();
    let mut out: String = human.chars().take(MAX_MESSAGE).collect();
    if human.chars().count() > MAX_MESSAGE {
        out.push('…');
    }
    out
}

/// The message at the bottom of Intune's nesting (`{"ErrorCode":…,"Message":"{\"_version\":3,
/// \"Message\":\"…\"}"}`), at most a few levels down.
fn innermost(raw: &str) -> String {
    let mut cur = raw.to_string();
    for _ in 0..4 {
        let next = serde_json::from_str::<serde_json::Value>(cur.trim())
            .ok()
            .and_then(|v| {
                v.get("Message")
                    .or_else(|| v.get("message"))
                    .or_else(|| v.get("error").and_then(|e| e.get("message")))
                    .and_then(|m| m.as_str())
                    .map(str::to_string)
            });
        match next {
            Some(n) => cur = n,
            None => break,
        }
    }
    cur
}

/// The typed error for a non-2xx answer.
async fn error_from(answer: reqwest::Response) -> GraphError {
    let status = answer.status().as_u16();
    if status == 429 {
        return GraphError::Throttled {
            retry_after: super::throttle::retry_after(
                answer.headers(),
                std::time::SystemTime::now(),
            ),
        };
    }
    if status == 412
        && let Some(code) = answer
            .headers()
            .get(APPROVAL_CODE_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|c| !c.is_empty())
    {
        return GraphError::ApprovalRequired {
            approval_code: code.to_string(),
        };
    }
    let text = answer.text().await.unwrap_or_default();
    let body: ErrorBody = serde_json::from_str(&text).unwrap_or_default();
    let code = if body.error.code.is_empty() {
        "no error code".to_string()
    } else {
        body.error.code
    };
    let message = if body.error.message.is_empty() {
        clean_message(&text)
    } else {
        clean_message(&body.error.message)
    };
    match status {
        403 => GraphError::Forbidden {
            code,
            message,
            // The whole answer: Intune nests the scope deep in escaped JSON.
            permissions: {
                let mut p = permission_names(&innermost(&text));
                for extra in permission_names(&text.replace("\\r\\n", " ").replace("\\\"", " ")) {
                    if !p.contains(&extra) {
                        p.push(extra);
                    }
                }
                p
            },
        },
        404 => GraphError::NotFound { code, message },
        _ => GraphError::Status {
            status,
            code,
            message,
        },
    }
}

/// A list request's OData options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// `$select`: only these properties (Graph sends dozens otherwise).
    pub select: Vec<String>,
    /// `$filter`, as Graph's OData expression.
    pub filter: Option<String>,
    /// `$top`: page size (Intune caps it at 1,000).
    pub top: Option<u32>,
    /// `$count=true` with `ConsistencyLevel: eventual`: the total on the first page.
    pub count: bool,
}

impl ListQuery {
    /// `$select` of `fields`.
    pub fn select(fields: &[&str]) -> ListQuery {
        ListQuery {
            select: fields.iter().map(|s| s.to_string()).collect(),
            ..ListQuery::default()
        }
    }

    /// `url` with these options in its query string.
    pub fn apply(&self, mut url: Url) -> Url {
        {
            let mut q = url.query_pairs_mut();
            if !self.select.is_empty() {
                q.append_pair("$select", &self.select.join(","));
            }
            if let Some(f) = &self.filter {
                q.append_pair("$filter", f);
            }
            if let Some(t) = self.top {
                q.append_pair("$top", &t.to_string());
            }
            if self.count {
                q.append_pair("$count", "true");
            }
        }
        if url.query() == Some("") {
            url.set_query(None);
        }
        url
    }
}

/// One page of a Graph list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub value: Vec<T>,
    /// `@odata.nextLink`, to be followed as given; `None` on the last page.
    pub next_link: Option<Url>,
    /// `@odata.count`, when `$count=true` was asked.
    pub count: Option<u64>,
}

#[derive(serde::Deserialize)]
struct RawPage<T> {
    value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<String>,
    #[serde(rename = "@odata.count", default)]
    count: Option<u64>,
}

/// What a walk through a list saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Listed {
    pub pages: u32,
    pub items: u64,
    /// `@odata.count` of the first page, when asked.
    pub count: Option<u64>,
    /// Followed to the last page (not stopped by the callback).
    pub complete: bool,
}

impl Listed {
    /// The list ended before `$count` said it would: Graph lists are known to stop
    /// early, and a bulk action must not trust such a list.
    pub fn ended_early(&self) -> bool {
        self.complete && self.count.is_some_and(|c| self.items < c)
    }
}

/// The Graph client; one per gateway, shared.
#[derive(Debug)]
pub struct GraphClient {
    http: reqwest::Client,
    v1: Url,
    beta: Option<Url>,
    auth: TokenProvider,
    scheduler: Scheduler,
}

/// `{graph_url}/{version}/`, the base relative paths join onto.
fn versioned(graph_url: &Url, version: &str) -> Url {
    let mut u = graph_url.clone();
    if let Ok(mut segs) = u.path_segments_mut() {
        segs.pop_if_empty().push(version).push("");
    }
    u.set_query(None);
    u
}

impl GraphClient {
    /// A client for `cfg`: a rustls reqwest client, a token provider, and a scheduler with
    /// the configured write budget and concurrency.
    pub fn new(cfg: &IntuneConfig) -> Result<GraphClient, GraphError> {
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("mdm-gateway/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| GraphError::Unreachable {
                reason: format!("cannot build the HTTP client: {}", error_chain(&e)),
            })?;
        let auth = TokenProvider::new(cfg, http.clone())?;
        Ok(GraphClient::from_parts(
            cfg,
            http,
            auth,
            RetryPolicy::default(),
        ))
    }

    /// A client from its parts (tests choose the clock and retry policy).
    pub fn from_parts(
        cfg: &IntuneConfig,
        http: reqwest::Client,
        auth: TokenProvider,
        retry: RetryPolicy,
    ) -> GraphClient {
        GraphClient {
            http,
            v1: versioned(&cfg.graph_url, "v1.0"),
            beta: cfg.use_beta.then(|| versioned(&cfg.graph_url, "beta")),
            auth,
            scheduler: Scheduler::new(cfg.write_budget, cfg.max_concurrency, retry),
        }
    }

    /// The scheduler, for its counters.
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    /// The token provider (the check gets a token on its own first).
    pub fn auth(&self) -> &TokenProvider {
        &self.auth
    }

    /// A v1.0 URL: `v1("deviceManagement/managedDevices")`.
    pub fn v1(&self, path: &str) -> Result<Url, GraphError> {
        self.v1
            .join(path.trim_start_matches('/'))
            .map_err(|e| GraphError::Decode {
                reason: format!("bad Graph path {path:?}: {e}"),
            })
    }

    /// A beta URL; `None` unless the config allows beta endpoints.
    pub fn beta(&self, path: &str) -> Option<Url> {
        self.beta
            .as_ref()
            .and_then(|b| b.join(path.trim_start_matches('/')).ok())
    }

    /// Whether `url` is on the configured Graph origin (scheme, host, port).
    fn same_origin(&self, url: &Url) -> bool {
        url.origin() == self.v1.origin()
    }

    /// Sends one request: token, scheduler, one token refresh on 401, typed errors.
    async fn request(
        &self,
        class: Class,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> Result<reqwest::Response, GraphError> {
        if !self.same_origin(&url) {
            return Err(GraphError::ForeignLink {
                link: url.to_string(),
            });
        }
        let mut refreshed = false;
        loop {
            let token = self.auth.token().await?;
            let answer = self
                .scheduler
                .send(class, || {
                    let mut rb = self
                        .http
                        .request(method.clone(), url.clone())
                        .bearer_auth(token.expose());
                    for (k, v) in headers {
                        rb = rb.header(*k, *v);
                    }
                    if let Some(b) = body {
                        rb = rb.json(b);
                    }
                    rb.send()
                })
                .await
                .map_err(|e| GraphError::Unreachable {
                    reason: error_chain(&e),
                })?;
            let status = answer.status();
            if status == reqwest::StatusCode::UNAUTHORIZED && !refreshed {
                self.auth.invalidate(&token).await;
                refreshed = true;
                continue;
            }
            if status.is_success() {
                return Ok(answer);
            }
            return Err(error_from(answer).await);
        }
    }

    async fn body_of(
        answer: reqwest::Response,
    ) -> Result<impl std::ops::Deref<Target = [u8]>, GraphError> {
        answer.bytes().await.map_err(|e| GraphError::Unreachable {
            reason: error_chain(&e),
        })
    }

    /// One object (`GET`), decoded.
    pub async fn get<T: DeserializeOwned>(&self, url: Url) -> Result<T, GraphError> {
        let answer = self
            .request(Class::Read, Method::GET, url, None, &[])
            .await?;
        let body = Self::body_of(answer).await?;
        serde_json::from_slice(&body).map_err(|e| GraphError::Decode {
            reason: e.to_string(),
        })
    }

    /// One page of a list: the first (`url` with a [`ListQuery`] applied) or a
    /// `next_link` as Graph gave it. `ConsistencyLevel: eventual` goes with `$count`.
    pub async fn page<T: DeserializeOwned>(&self, url: Url) -> Result<Page<T>, GraphError> {
        let eventual = url.query_pairs().any(|(k, v)| k == "$count" && v == "true");
        let headers: &[(&str, &str)] = if eventual { &[EVENTUAL] } else { &[] };
        let answer = self
            .request(Class::Read, Method::GET, url, None, headers)
            .await?;
        let body = Self::body_of(answer).await?;
        let raw: RawPage<T> = serde_json::from_slice(&body).map_err(|e| GraphError::Decode {
            reason: format!("not a Graph list page: {e}"),
        })?;
        let next_link = match raw.next_link {
            None => None,
            Some(s) => {
                let u = Url::parse(&s).map_err(|_| GraphError::ForeignLink { link: s.clone() })?;
                if !self.same_origin(&u) {
                    return Err(GraphError::ForeignLink { link: s });
                }
                Some(u)
            }
        };
        Ok(Page {
            value: raw.value,
            next_link,
            count: raw.count,
        })
    }

    /// Walks a list page by page, handing each page to `on_page` and dropping it before
    /// the next is fetched, so a fleet of 100,000 is never in memory at once.
    /// `on_page` may stop the walk with `ControlFlow::Break`.
    pub async fn for_each_page<T, F>(
        &self,
        first: Url,
        mut on_page: F,
    ) -> Result<Listed, GraphError>
    where
        T: DeserializeOwned,
        F: FnMut(Vec<T>) -> ControlFlow<()>,
    {
        let mut listed = Listed::default();
        let mut next = Some(first);
        while let Some(url) = next.take() {
            let page: Page<T> = self.page(url).await?;
            if listed.pages == 0 {
                listed.count = page.count;
            }
            listed.pages += 1;
            listed.items += page.value.len() as u64;
            next = page.next_link;
            if on_page(page.value).is_break() {
                return Ok(listed);
            }
        }
        listed.complete = true;
        Ok(listed)
    }

    /// `GET {url}/$count` with `ConsistencyLevel: eventual` (and `$filter`): how many
    /// objects the list holds, to compare with what paging returned.
    pub async fn count(&self, url: Url, filter: Option<&str>) -> Result<u64, GraphError> {
        let mut u = url;
        u.set_query(None);
        if let Ok(mut segs) = u.path_segments_mut() {
            segs.pop_if_empty().push("$count");
        }
        if let Some(f) = filter {
            u.query_pairs_mut().append_pair("$filter", f);
        }
        let answer = self
            .request(Class::Read, Method::GET, u, None, &[EVENTUAL])
            .await?;
        let body = Self::body_of(answer).await?;
        let text = String::from_utf8_lossy(&body);
        // Plain text; tolerate a UTF-8 BOM.
        text.trim_start_matches('\u{feff}')
            .trim()
            .parse()
            .map_err(|_| GraphError::Decode {
                reason: format!(
                    "$count answered {:?}",
                    text.chars().take(40).collect::<String>()
                ),
            })
    }

    /// A write with a JSON body; the answer's JSON, or `None` for 204 / an empty body.
    pub async fn send_json(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
    ) -> Result<Option<serde_json::Value>, GraphError> {
        self.send_json_with_headers(method, url, body, &[]).await
    }

    /// [`GraphClient::send_json`] with extra request headers: Multi Admin Approval's
    /// `x-msft-approval-justification` / `x-msft-approval-code`.
    pub async fn send_json_with_headers(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> Result<Option<serde_json::Value>, GraphError> {
        let answer = self
            .request(Class::Write, method, url, body, headers)
            .await?;
        let bytes = Self::body_of(answer).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| GraphError::Decode {
                reason: e.to_string(),
            })
    }

    /// `POST` JSON (actions such as `wipe` answer 204: `None`).
    pub async fn post(
        &self,
        url: Url,
        body: &serde_json::Value,
    ) -> Result<Option<serde_json::Value>, GraphError> {
        self.send_json(Method::POST, url, Some(body)).await
    }

    /// `PATCH` JSON.
    pub async fn patch(
        &self,
        url: Url,
        body: &serde_json::Value,
    ) -> Result<Option<serde_json::Value>, GraphError> {
        self.send_json(Method::PATCH, url, Some(body)).await
    }

    /// `DELETE`.
    pub async fn delete(&self, url: Url) -> Result<(), GraphError> {
        self.send_json(Method::DELETE, url, None).await.map(|_| ())
    }
}

/// The Graph client for sync code (the [`Backend`](crate::backend::Backend) methods, on
/// blocking threads): each call runs on the gateway's runtime through its handle.
///
/// Safe from a blocking thread (`spawn_blocking`) and from a multi-thread runtime's
/// worker (it steps aside with `block_in_place`); not from a current-thread runtime,
/// where blocking would stall every other task.
#[derive(Debug, Clone)]
pub struct BlockingGraph {
    client: Arc<GraphClient>,
    handle: tokio::runtime::Handle,
}

impl BlockingGraph {
    /// Drives `client` on the runtime behind `handle`.
    pub fn new(client: Arc<GraphClient>, handle: tokio::runtime::Handle) -> BlockingGraph {
        BlockingGraph { client, handle }
    }

    /// The async client (for calls this wrapper does not name).
    pub fn client(&self) -> &Arc<GraphClient> {
        &self.client
    }

    /// Runs any future of the client to completion from sync code.
    pub fn run<F: Future>(&self, fut: F) -> F::Output {
        crate::backend::block_on(&self.handle, fut)
    }

    /// [`GraphClient::page`], blocking.
    pub fn page<T: DeserializeOwned>(&self, url: Url) -> Result<Page<T>, GraphError> {
        self.run(self.client.page(url))
    }

    /// [`GraphClient::for_each_page`], blocking.
    pub fn for_each_page<T, F>(&self, first: Url, on_page: F) -> Result<Listed, GraphError>
    where
        T: DeserializeOwned,
        F: FnMut(Vec<T>) -> ControlFlow<()>,
    {
        self.run(self.client.for_each_page(first, on_page))
    }

    /// [`GraphClient::count`], blocking.
    pub fn count(&self, url: Url, filter: Option<&str>) -> Result<u64, GraphError> {
        self.run(self.client.count(url, filter))
    }

    /// [`GraphClient::get`], blocking.
    pub fn get<T: DeserializeOwned>(&self, url: Url) -> Result<T, GraphError> {
        self.run(self.client.get(url))
    }

    /// [`GraphClient::send_json_with_headers`], blocking.
    pub fn send_json_with_headers(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> Result<Option<serde_json::Value>, GraphError> {
        self.run(
            self.client
                .send_json_with_headers(method, url, body, headers),
        )
    }

    /// [`GraphClient::send_json`], blocking.
    pub fn send_json(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
    ) -> Result<Option<serde_json::Value>, GraphError> {
        self.run(self.client.send_json(method, url, body))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::backend::intune::GraphCredential;
    use crate::backend::intune::SecretValue;
    use crate::backend::intune::auth::tests as authmock;
    use axum::Router;
    use axum::extract::{Path, RawQuery, State};
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::{get, post};
    use serde_json::{Value, json};
    use std::sync::Mutex;

    /// A Graph stand-in: three pages of devices, `$count`, actions, and error answers.
    #[derive(Default)]
    pub struct MockGraph {
        pub base: Mutex<String>,
        /// (path and query, Authorization, ConsistencyLevel) of each request.
        pub seen: Mutex<Vec<(String, String, Option<String>)>>,
        pub bodies: Mutex<Vec<Value>>,
        /// nextLink to hand out on the last page instead of none (a foreign one).
        pub foreign_next: Mutex<Option<String>>,
        /// A token Graph refuses with 401 (`*`: every token).
        pub refuse_token: Mutex<Option<String>>,
        /// Answer the list with this 403 body.
        pub list_forbidden: Mutex<Option<String>>,
    }

    fn record(m: &MockGraph, path: &str, q: &Option<String>, h: &HeaderMap) {
        let auth = h
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let cl = h
            .get("consistencylevel")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let full = match q {
            Some(q) => format!("{path}?{q}"),
            None => path.to_string(),
        };
        m.seen.lock().unwrap().push((full, auth, cl));
    }

    fn refused(m: &MockGraph, h: &HeaderMap) -> bool {
        let auth = h.get("authorization").and_then(|v| v.to_str().ok());
        let bad = m.refuse_token.lock().unwrap().clone();
        bad.is_some_and(|b| b == "*" || auth == Some(&format!("Bearer {b}")))
    }

    async fn devices(
        State(m): State<Arc<MockGraph>>,
        RawQuery(q): RawQuery,
        h: HeaderMap,
    ) -> (StatusCode, String) {
        record(&m, "/v1.0/deviceManagement/managedDevices", &q, &h);
        if refused(&m, &h) {
            return (
                StatusCode::UNAUTHORIZED,
                json!({"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired."}}).to_string(),
            );
        }
        if let Some(body) = m.list_forbidden.lock().unwrap().clone() {
            return (StatusCode::FORBIDDEN, body);
        }
        let pairs: std::collections::HashMap<String, String> =
            url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
                .into_owned()
                .collect();
        let base = m.base.lock().unwrap().clone();
        let page: u32 = pairs
            .get("$skiptoken")
            .and_then(|t| t.strip_prefix('p'))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        let ids: Vec<Value> = (0..3)
            .map(|i| json!({"id": format!("d{}", (page - 1) * 3 + i), "deviceName": "x"}))
            .collect();
        let mut body = json!({"value": ids});
        if page < 3 {
            body["@odata.nextLink"] = json!(format!(
                "{base}/v1.0/deviceManagement/managedDevices?$skiptoken=p{}",
                page + 1
            ));
        } else if let Some(f) = m.foreign_next.lock().unwrap().clone() {
            body["@odata.nextLink"] = json!(f);
        }
        if pairs.get("$count").map(String::as_str) == Some("true") {
            body["@odata.count"] = json!(9);
        }
        (StatusCode::OK, body.to_string())
    }

    async fn count(
        State(m): State<Arc<MockGraph>>,
        RawQuery(q): RawQuery,
        h: HeaderMap,
    ) -> (StatusCode, String) {
        record(&m, "/v1.0/deviceManagement/managedDevices/$count", &q, &h);
        if h.get("consistencylevel").is_none() {
            return (
                StatusCode::BAD_REQUEST,
                json!({"error": {"code": "Request_BadRequest", "message": "ConsistencyLevel header missing"}}).to_string(),
            );
        }
        (StatusCode::OK, "\u{feff}9".into())
    }

    /// The 403 Intune answers an app without the privileged-operations permission.
    pub const INTUNE_403: &str = r#"{"error":{"code":"Forbidden","message":"{\r\n  \"_version\": 3,\r\n  \"Message\": \"Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.PrivilegedOperations.All - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 7b2c - Url: https://fef.msua06.manage.microsoft.com/DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices('d1')/microsoft.management.services.api.wipe?api-version=2023-05-23\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  \"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{}\"\r\n}","innerError":{"date":"2023-07-01T10:00:00","request-id":"r1","client-request-id":"c1"}}}"#;

    async fn action(
        State(m): State<Arc<MockGraph>>,
        Path((id, verb)): Path<(String, String)>,
        h: HeaderMap,
        body: String,
    ) -> (StatusCode, HeaderMap, String) {
        record(
            &m,
            &format!("/v1.0/deviceManagement/managedDevices/{id}/{verb}"),
            &None,
            &h,
        );
        m.bodies
            .lock()
            .unwrap()
            .push(serde_json::from_str(&body).unwrap_or(Value::Null));
        let mut out = HeaderMap::new();
        let (status, text) = match id.as_str() {
            "protected" => {
                let code = h.get("x-msft-approval-code").and_then(|v| v.to_str().ok());
                if code == Some("ap-7") {
                    (StatusCode::NO_CONTENT, String::new())
                } else if h.contains_key("x-msft-approval-justification") {
                    out.insert("x-msft-approval-code", "ap-7".parse().unwrap());
                    (StatusCode::PRECONDITION_FAILED, String::new())
                } else {
                    (StatusCode::BAD_REQUEST, String::new())
                }
            }
            "throttled" => {
                out.insert("retry-after", "0".parse().unwrap());
                (StatusCode::TOO_MANY_REQUESTS, String::new())
            }
            "forbidden" => (StatusCode::FORBIDDEN, INTUNE_403.into()),
            "gone" => (
                StatusCode::NOT_FOUND,
                json!({"error": {"code": "ResourceNotFound", "message": "managedDevice gone not found"}}).to_string(),
            ),
            "broken" => (StatusCode::BAD_GATEWAY, "<html>bad gateway</html>".into()),
            _ => (StatusCode::NO_CONTENT, String::new()),
        };
        (status, out, text)
    }

    async fn one_device(
        State(m): State<Arc<MockGraph>>,
        Path(id): Path<String>,
        h: HeaderMap,
        body: String,
    ) -> (StatusCode, String) {
        record(
            &m,
            &format!("/v1.0/deviceManagement/managedDevices/{id}"),
            &None,
            &h,
        );
        if !body.is_empty() {
            m.bodies
                .lock()
                .unwrap()
                .push(serde_json::from_str(&body).unwrap_or(Value::Null));
        }
        (
            StatusCode::OK,
            json!({"id": id, "notes": "patched"}).to_string(),
        )
    }

    async fn delete_device(
        State(m): State<Arc<MockGraph>>,
        Path(id): Path<String>,
        h: HeaderMap,
    ) -> StatusCode {
        record(&m, &format!("DELETE {id}"), &None, &h);
        StatusCode::NO_CONTENT
    }

    pub async fn serve_graph(m: Arc<MockGraph>) -> String {
        let app = Router::new()
            .route("/v1.0/deviceManagement/managedDevices", get(devices))
            .route("/v1.0/deviceManagement/managedDevices/$count", get(count))
            .route(
                "/v1.0/deviceManagement/managedDevices/{id}",
                get(one_device).patch(one_device).delete(delete_device),
            )
            .route(
                "/v1.0/deviceManagement/managedDevices/{id}/{verb}",
                post(action),
            )
            .with_state(m.clone());
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", l.local_addr().unwrap());
        *m.base.lock().unwrap() = base.clone();
        tokio::spawn(async move { axum::serve(l, app).await });
        base
    }

    pub fn quick_retry() -> RetryPolicy {
        RetryPolicy {
            max_retries: 2,
            base: Duration::from_millis(10),
            cap: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(2),
        }
    }

    /// A client for a mock Graph at `graph` with tokens from a mock login at `login`.
    pub fn client(login: &str, graph: &str) -> GraphClient {
        let mut cfg = authmock::config(
            login,
            GraphCredential::Secret(SecretValue::new("the-secret")),
        );
        cfg.graph_url = Url::parse(graph).unwrap();
        let http = reqwest::Client::new();
        let auth = TokenProvider::new(&cfg, http.clone()).unwrap();
        GraphClient::from_parts(&cfg, http, auth, quick_retry())
    }

    pub async fn setup() -> (GraphClient, Arc<MockGraph>) {
        let (login, _) =
            authmock::serve(authmock::Answer::Token { expires_in: 3600 }, Duration::ZERO).await;
        let m = Arc::new(MockGraph::default());
        let graph = serve_graph(m.clone()).await;
        (client(&login, &graph), m)
    }

    #[derive(serde::Deserialize, Debug)]
    struct Id {
        id: String,
    }

    #[test]
    fn permission_names_are_found_in_free_text() {
        assert_eq!(
            permission_names(INTUNE_403),
            vec!["DeviceManagementManagedDevices.PrivilegedOperations.All"]
        );
        assert_eq!(
            permission_names("needs User.Read or DeviceManagementManagedDevices.Read.All."),
            vec!["User.Read", "DeviceManagementManagedDevices.Read.All"]
        );
        assert!(permission_names("Operation ID 7.2 at microsoft.graph.wipe, Mr.Smith").is_empty());
    }

    #[test]
    fn doubly_nested_intune_messages_are_unwrapped() {
        let inner = json!({"_version": 3, "Message": "Application is not authorized to perform this operation. Application must have one of the following scopes:\r\nDeviceManagementManagedDevices.Read.All, DeviceManagementManagedDevices.ReadWrite.All - Operation ID (for customer support): 1"}).to_string();
        let middle = json!({"ErrorCode": "Forbidden", "Message": inner}).to_string();
        let body = json!({"error": {"code": "UnknownError", "message": middle}}).to_string();
        let msg = clean_message(&middle);
        assert!(msg.starts_with("Application is not authorized"), "{msg}");
        assert!(!msg.contains("Operation ID"), "{msg}");
        assert_eq!(
            permission_names(&innermost(&body)),
            vec![
                "DeviceManagementManagedDevices.Read.All",
                "DeviceManagementManagedDevices.ReadWrite.All"
            ]
        );
    }

    #[test]
    fn list_queries_encode_the_odata_options() {
        let q = ListQuery {
            select: vec!["id".into(), "serialNumber".into()],
            filter: Some("operatingSystem eq 'iOS'".into()),
            top: Some(1000),
            count: true,
        };
        let u = q.apply(
            Url::parse("https://graph.example/v1.0/deviceManagement/managedDevices").unwrap(),
        );
        let pairs: Vec<(String, String)> = u.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                ("$select".into(), "id,serialNumber".into()),
                ("$filter".into(), "operatingSystem eq 'iOS'".into()),
                ("$top".into(), "1000".into()),
                ("$count".into(), "true".into()),
            ]
        );
        let bare = ListQuery::default().apply(Url::parse("https://g.example/v1.0/x").unwrap());
        assert_eq!(bare.as_str(), "https://g.example/v1.0/x");
    }

    #[tokio::test]
    async fn lists_are_followed_along_next_link_page_by_page() {
        let (g, m) = setup().await;
        let mut q = ListQuery::select(&["id", "deviceName"]);
        q.top = Some(3);
        q.count = true;
        let first = q.apply(g.v1("deviceManagement/managedDevices").unwrap());
        let mut got = vec![];
        let listed = g
            .for_each_page(first, |page: Vec<Id>| {
                got.push(page.into_iter().map(|d| d.id).collect::<Vec<_>>());
                ControlFlow::Continue(())
            })
            .await
            .unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(
            got.concat(),
            (0..9).map(|i| format!("d{i}")).collect::<Vec<_>>()
        );
        assert_eq!(
            listed,
            Listed {
                pages: 3,
                items: 9,
                count: Some(9),
                complete: true
            }
        );
        assert!(!listed.ended_early());
        let seen = m.seen.lock().unwrap().clone();
        assert_eq!(seen.len(), 3);
        assert!(
            seen[0].0.contains("%24select=id%2CdeviceName"),
            "{}",
            seen[0].0
        );
        assert!(seen[0].0.contains("%24count=true"), "{}", seen[0].0);
        assert_eq!(seen[0].2.as_deref(), Some("eventual"));
        // The next links are used as given.
        assert_eq!(
            seen[1].0,
            "/v1.0/deviceManagement/managedDevices?$skiptoken=p2"
        );
        assert_eq!(
            seen[2].0,
            "/v1.0/deviceManagement/managedDevices?$skiptoken=p3"
        );
        assert!(seen.iter().all(|s| s.1 == "Bearer tok-1"));
        // A callback can stop the walk.
        let first = g.v1("deviceManagement/managedDevices").unwrap();
        let listed = g
            .for_each_page(first, |_: Vec<Id>| ControlFlow::Break(()))
            .await
            .unwrap();
        assert_eq!((listed.pages, listed.complete), (1, false));
    }

    #[test]
    fn a_list_shorter_than_its_count_is_flagged() {
        let l = Listed {
            pages: 2,
            items: 1500,
            count: Some(2000),
            complete: true,
        };
        assert!(l.ended_early());
        assert!(
            !Listed {
                complete: false,
                ..l
            }
            .ended_early()
        );
        assert!(!Listed { count: None, ..l }.ended_early());
    }

    #[tokio::test]
    async fn a_next_link_to_another_host_is_not_followed() {
        let (g, m) = setup().await;
        *m.foreign_next.lock().unwrap() = Some("https://evil.example/steal?$skiptoken=x".into());
        let first = g.v1("deviceManagement/managedDevices").unwrap();
        let e = g
            .for_each_page(first, |_: Vec<Id>| ControlFlow::Continue(()))
            .await
            .unwrap_err();
        assert!(matches!(e, GraphError::ForeignLink { .. }), "{e:?}");
        assert_eq!(m.seen.lock().unwrap().len(), 3);
        let e = g
            .get::<Value>(Url::parse("https://evil.example/x").unwrap())
            .await
            .unwrap_err();
        assert!(matches!(e, GraphError::ForeignLink { .. }));
    }

    #[tokio::test]
    async fn count_sends_consistency_level_eventual() {
        let (g, m) = setup().await;
        let url = g.v1("deviceManagement/managedDevices").unwrap();
        assert_eq!(
            g.count(url, Some("operatingSystem eq 'iOS'"))
                .await
                .unwrap(),
            9
        );
        let seen = m.seen.lock().unwrap().clone();
        assert!(
            seen[0]
                .0
                .starts_with("/v1.0/deviceManagement/managedDevices/$count?%24filter="),
            "{}",
            seen[0].0
        );
        assert_eq!(seen[0].2.as_deref(), Some("eventual"));
    }

    #[tokio::test]
    async fn writes_send_json_and_errors_are_typed() {
        let (g, m) = setup().await;
        let wipe = |id: &str| {
            g.v1(&format!("deviceManagement/managedDevices/{id}/wipe"))
                .unwrap()
        };
        let body = json!({"keepEnrollmentData": false});
        assert_eq!(g.post(wipe("d1"), &body).await.unwrap(), None);
        assert_eq!(m.bodies.lock().unwrap()[0], body);
        let e = g.post(wipe("forbidden"), &body).await.unwrap_err();
        match &e {
            GraphError::Forbidden {
                code,
                message,
                permissions,
            } => {
                assert_eq!(code, "Forbidden");
                assert_eq!(
                    permissions,
                    &vec!["DeviceManagementManagedDevices.PrivilegedOperations.All".to_string()]
                );
                assert!(
                    message.starts_with("Application is not authorized"),
                    "{message}"
                );
                assert!(!message.contains("Operation ID"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(
            e.to_string().contains(
                "lacks the permission DeviceManagementManagedDevices.PrivilegedOperations.All"
            ),
            "{e}"
        );
        let e = g.post(wipe("gone"), &body).await.unwrap_err();
        assert_eq!(
            e,
            GraphError::NotFound {
                code: "ResourceNotFound".into(),
                message: "managedDevice gone not found".into()
            }
        );
        let e = g.post(wipe("broken"), &body).await.unwrap_err();
        assert_eq!(e.status(), Some(502));
        assert!(e.to_string().contains("bad gateway"), "{e}");
        let patched = g
            .patch(
                g.v1("deviceManagement/managedDevices/d2").unwrap(),
                &json!({"notes": "patched"}),
            )
            .await
            .unwrap();
        assert_eq!(patched, Some(json!({"id": "d2", "notes": "patched"})));
        g.delete(g.v1("deviceManagement/managedDevices/d3").unwrap())
            .await
            .unwrap();
        assert!(m.seen.lock().unwrap().iter().any(|s| s.0 == "DELETE d3"));
        // Writes went through the write budget.
        assert_eq!(g.scheduler().stats().sent, 6);
        let be: BackendError = e.into();
        assert!(matches!(
            be,
            BackendError::Vendor {
                retry_after: None,
                ..
            }
        ));
    }

    #[tokio::test]
    async fn a_401_refreshes_the_token_once() {
        let (g, m) = setup().await;
        let url = g.v1("deviceManagement/managedDevices").unwrap();
        *m.refuse_token.lock().unwrap() = Some("tok-1".into());
        let page: Page<Id> = g.page(url.clone()).await.unwrap();
        assert_eq!(page.value.len(), 3);
        let seen = m.seen.lock().unwrap().clone();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].1, "Bearer tok-1");
        assert_eq!(seen[1].1, "Bearer tok-2");
        assert_eq!(g.auth().token_requests(), 2);
    }

    #[tokio::test]
    async fn a_token_refused_again_after_the_refresh_is_an_error_not_a_loop() {
        let (g, m) = setup().await;
        *m.refuse_token.lock().unwrap() = Some("*".into());
        let url = g.v1("deviceManagement/managedDevices").unwrap();
        let e = g.page::<Id>(url).await.unwrap_err();
        assert_eq!(e.status(), Some(401));
        assert!(e.to_string().contains("InvalidAuthenticationToken"), "{e}");
        assert_eq!(m.seen.lock().unwrap().len(), 2);
        assert_eq!(g.auth().token_requests(), 2);
    }

    #[tokio::test]
    async fn a_throttle_that_outlasts_the_retries_is_typed_with_its_retry_after() {
        let (g, m) = setup().await;
        let url = g
            .v1("deviceManagement/managedDevices/throttled/remoteLock")
            .unwrap();
        let e = g.post(url, &json!({})).await.unwrap_err();
        assert_eq!(
            e,
            GraphError::Throttled {
                retry_after: Some(Duration::ZERO)
            }
        );
        // First try and quick_retry's two retries.
        assert_eq!(m.seen.lock().unwrap().len(), 3);
        assert_eq!(g.scheduler().stats().throttled, 3);
        match BackendError::from(e) {
            BackendError::Vendor {
                retry_after,
                message,
            } => {
                assert_eq!(retry_after, Some(Duration::ZERO));
                assert!(message.contains("throttling"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn an_approval_hold_carries_its_code_and_the_retry_goes_through() {
        let (g, _m) = setup().await;
        let url = g
            .v1("deviceManagement/managedDevices/protected/wipe")
            .unwrap();
        let e = g
            .send_json_with_headers(
                Method::POST,
                url.clone(),
                Some(&json!({})),
                &[("x-msft-approval-justification", "INC-42 stolen laptop")],
            )
            .await
            .unwrap_err();
        assert_eq!(
            e,
            GraphError::ApprovalRequired {
                approval_code: "ap-7".into()
            }
        );
        assert_eq!(e.status(), Some(412));
        let done = g
            .send_json_with_headers(
                Method::POST,
                url,
                Some(&json!({})),
                &[(APPROVAL_CODE_HEADER, "ap-7")],
            )
            .await
            .unwrap();
        assert_eq!(done, None);
    }

    #[tokio::test]
    async fn an_unreachable_graph_is_its_own_error() {
        let (login, _) =
            authmock::serve(authmock::Answer::Token { expires_in: 3600 }, Duration::ZERO).await;
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let graph = format!("http://{}", l.local_addr().unwrap());
        drop(l);
        let g = client(&login, &graph);
        let e = g
            .get::<Value>(g.v1("deviceManagement/managedDevices/x").unwrap())
            .await
            .unwrap_err();
        assert!(matches!(e, GraphError::Unreachable { .. }), "{e:?}");
        assert!(!e.to_string().contains("tok-"), "{e}");
    }

    #[test]
    fn debug_output_never_shows_a_token() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let (g, _m) = setup().await;
            let t = g.auth().token().await.unwrap();
            let shown = format!("{g:?}");
            assert!(!shown.contains(t.expose()), "{shown}");
            assert!(!shown.contains("the-secret"), "{shown}");
        });
    }

    #[test]
    fn the_blocking_wrapper_runs_on_the_gateway_runtime() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (g, _m) = rt.block_on(setup());
        let b = BlockingGraph::new(Arc::new(g), rt.handle().clone());
        // From a plain thread, as the Backend's callers are.
        let b2 = b.clone();
        let n = std::thread::spawn(move || {
            let url = b2.client().v1("deviceManagement/managedDevices").unwrap();
            let mut items = 0;
            b2.for_each_page(url, |p: Vec<Id>| {
                items += p.len();
                ControlFlow::Continue(())
            })
            .unwrap();
            items
        })
        .join()
        .unwrap();
        assert_eq!(n, 9);
        // From spawn_blocking and from a worker thread of the runtime.
        let b3 = b.clone();
        let via_blocking = rt
            .block_on(rt.spawn_blocking(move || {
                let url = b3.client().v1("deviceManagement/managedDevices").unwrap();
                b3.count(url, None)
            }))
            .unwrap()
            .unwrap();
        assert_eq!(via_blocking, 9);
        let b4 = b.clone();
        let in_worker = rt
            .block_on(rt.spawn(async move {
                let url = b4.client().v1("deviceManagement/managedDevices").unwrap();
                b4.page::<Id>(url).map(|p| p.value.len())
            }))
            .unwrap()
            .unwrap();
        assert_eq!(in_worker, 3);
    }
}
