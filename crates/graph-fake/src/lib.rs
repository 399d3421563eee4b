//! A faithful fake of the parts of Microsoft Graph (and the Entra token endpoint) that the
//! gateway's Intune backend uses, for tests, benches and trying the gateway out; and, in
//! [`fleetdm`], a fake of Fleet's REST API for the Fleet backend. Both record every
//! exchange in the same form for the contract validators.
//!
//! Shapes follow Microsoft's published OpenAPI documents (`../shared/contracts/graph/v1.0/`);
//! every exchange is recorded so a test can validate the whole traffic against them with
//! [`contract::validate`]. Serves plain http on 127.0.0.1 only.
//!
//! ```no_run
//! let fake = graph_fake::Fake::start(graph_fake::Options {
//!     devices: 50,
//!     ..graph_fake::Options::default()
//! })
//! .unwrap();
//! println!("graph_url = login_url = {}", fake.url());
//! ```

pub mod auth;
pub mod contract;
pub mod fleet;
pub mod fleetdm;
mod graph;
pub mod jamf;

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How the fake is set up. `Options::default()` is a small fleet, a client secret
/// (`client_id`/`client_secret` below) and Intune's documented write budget.
#[derive(Debug, Clone)]
pub struct Options {
    /// 0 picks a free port.
    pub port: u16,
    /// Size of the synthetic fleet.
    pub devices: usize,
    /// Seed of the synthetic fleet (same seed and size, same devices).
    pub seed: u64,
    /// The tenant the token endpoint answers for (`None`: any tenant in the path).
    pub tenant: Option<String>,
    /// The app registration's client id (the only one the token endpoint knows).
    pub client_id: String,
    /// The app's client secret, if it has one.
    pub client_secret: Option<String>,
    /// The app's certificate (PEM, `-----BEGIN CERTIFICATE-----`), if it has one.
    pub client_certificate_pem: Option<String>,
    /// `expires_in` of issued access tokens.
    pub token_lifetime: Duration,
    /// Write budget: this many writes ...
    pub write_budget_writes: u32,
    /// ... per this period (a token bucket refilled continuously).
    pub write_budget_period: Duration,
    /// How many GETs of a device show a new action as `pending` before it is `done`.
    pub action_polls_until_done: u32,
    /// Or: an action is `done` after this long, whichever comes first.
    pub action_done_after: Option<Duration>,
    /// Actions under Multi Admin Approval (e.g. `wipe`, `retire`).
    pub approval_actions: Vec<String>,
    /// Page size of managedDevices lists when `$top` is absent (Intune: 1000).
    pub page_size: usize,
    /// Also append every exchange as a JSON line to this file.
    pub log_file: Option<PathBuf>,
    /// Keep exchanges in memory (benches with 100k devices may turn this off).
    pub keep_log: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            port: 0,
            devices: 20,
            seed: 13,
            tenant: None,
            client_id: "00000000-0000-0000-0000-000000000000".into(),
            client_secret: Some("fake-graph-client-secret".into()),
            client_certificate_pem: None,
            token_lifetime: Duration::from_secs(3599),
            write_budget_writes: 100,
            write_budget_period: Duration::from_secs(20),
            action_polls_until_done: 2,
            action_done_after: None,
            approval_actions: Vec::new(),
            page_size: 1000,
            log_file: None,
            keep_log: true,
        }
    }
}

/// One recorded request/response pair, as written to the JSON-lines log.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Exchange {
    pub seq: u64,
    pub time: String,
    pub method: String,
    /// The path as requested, e.g. `/v1.0/deviceManagement/managedDevices/{id}/wipe`.
    pub path: String,
    /// The raw query string (percent-encoded), empty when there is none.
    pub query: String,
    /// The headers that matter to Graph (lower-case names; `authorization` redacted).
    pub request_headers: BTreeMap<String, String>,
    /// JSON if the body parsed as JSON, else the text, else null. Secrets in the token
    /// request (`client_secret`, `client_assertion`) and response (`access_token`) are
    /// redacted; so is the `authorization` header.
    pub request_body: Value,
    pub status: u16,
    pub response_headers: BTreeMap<String, String>,
    pub response_body: Value,
    /// The route template the fake matched (`GET /v1.0/deviceManagement/managedDevices/{id}`).
    pub route: String,
}

/// What a handler answers.
#[derive(Debug)]
pub(crate) struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
    /// A body that is not JSON (e.g. a form-encoded error); rarely used.
    pub text: Option<String>,
}

impl Resp {
    pub fn json(status: u16, body: Value) -> Resp {
        Resp {
            status,
            headers: Vec::new(),
            body: Some(body),
            text: None,
        }
    }
    pub fn empty(status: u16) -> Resp {
        Resp {
            status,
            headers: Vec::new(),
            body: None,
            text: None,
        }
    }
    pub fn header(mut self, k: &str, v: impl Into<String>) -> Resp {
        self.headers.push((k.to_string(), v.into()));
        self
    }
}

/// A parsed request as handlers see it.
pub(crate) struct Req {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub raw_query: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Req {
    pub fn q(&self, k: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.as_str())
    }
    pub fn h(&self, k: &str) -> Option<&str> {
        self.headers.get(k).and_then(|v| v.to_str().ok())
    }
    pub fn json(&self) -> Option<Value> {
        if self.body.is_empty() {
            None
        } else {
            serde_json::from_slice(&self.body).ok()
        }
    }
}

/// Faults a test can inject through the control API (`POST /_fake/faults`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Fault {
    /// The next `count` Graph requests (writes only if `writes_only`) answer 429, with
    /// `Retry-After: retry_after` when given and without it otherwise.
    Throttle {
        #[serde(default = "one")]
        count: u32,
        #[serde(default)]
        retry_after: Option<u64>,
        #[serde(default)]
        writes_only: bool,
    },
    /// The next `count` Graph requests answer 503 Service Unavailable.
    Unavailable {
        #[serde(default = "one")]
        count: u32,
    },
    /// Writes (or every Graph request with `all_requests`) answer 403 naming the missing
    /// permission, until cleared.
    Forbidden {
        permission: String,
        #[serde(default)]
        all_requests: bool,
    },
    /// Requests for the device action `action` (`wipe`, also in its `microsoft.graph.`
    /// spelling and through `executeAction`) answer 403 naming the missing permission, until
    /// cleared; other requests go on (an app with rights to lock but not to wipe).
    ForbiddenAction { action: String, permission: String },
    /// managedDevices lists silently drop their last `missing` devices while
    /// `@odata.count` still counts them, until cleared.
    TruncateList { missing: usize },
    /// The token endpoint answers this Entra error, until cleared.
    TokenError {
        status: u16,
        error: String,
        error_description: String,
    },
    /// Actions on this device end `failed` instead of `done`.
    DeviceFails { device_id: String },
}

fn one() -> u32 {
    1
}

/// A Multi Admin Approval request the fake opened (`x-msft-approval-code`).
#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    pub code: String,
    pub action: String,
    pub device_id: String,
    pub body: Value,
    /// `pending`, `approved`, `rejected`, `completed`, `expired`, `cancelled` (Graph's
    /// `operationApprovalRequestStatus` names `pending` `needsApproval`).
    pub status: String,
    pub justification: Option<String>,
    /// The app that asked (the caller's client id).
    #[serde(default)]
    pub requestor_app: String,
    /// Unix seconds: created, last changed.
    #[serde(default)]
    pub created: i64,
    #[serde(default)]
    pub updated: i64,
}

pub(crate) struct Group {
    pub id: String,
    pub display_name: String,
    pub members: Vec<usize>,
}

pub(crate) struct Inner {
    pub devices: Vec<fleet::Device>,
    pub by_id: HashMap<String, usize>,
    pub tokens: HashMap<String, (String, Instant)>,
    pub bucket: f64,
    pub bucket_at: Instant,
    pub budget_writes: u32,
    pub budget_period: Duration,
    pub faults: Vec<Fault>,
    pub approvals: Vec<Approval>,
    pub approval_actions: Vec<String>,
    pub commands: BTreeMap<String, BTreeMap<String, u64>>,
    pub throttled: u64,
    pub by_route: BTreeMap<String, u64>,
    pub audit: Vec<Value>,
    pub policies: BTreeMap<String, Value>,
    pub policy_assignments: HashMap<String, Vec<Value>>,
    pub apps: BTreeMap<String, Value>,
    pub app_assignments: HashMap<String, Vec<Value>>,
    pub groups: Vec<Group>,
    pub log: Vec<Exchange>,
    pub seq: u64,
    pub next_id: u64,
    pub polls_until_done: u32,
}

pub(crate) struct Shared {
    pub opts: Options,
    pub base: String,
    pub inner: Mutex<Inner>,
    pub log_file: Mutex<Option<std::fs::File>>,
}

impl Shared {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The entry point: `Fake::start(options)`.
pub struct Fake;

/// A running fake; stops when dropped.
pub struct FakeHandle {
    url: String,
    shared: Arc<Shared>,
    _server: Running,
}

pub(crate) fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

impl Fake {
    /// Starts the fake on its own runtime thread (usable from sync and async code alike)
    /// and returns once it listens.
    pub fn start(options: Options) -> std::io::Result<FakeHandle> {
        let std_listener =
            std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], options.port)))?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let url = format!("http://{addr}");
        let log_file = match &options.log_file {
            Some(p) => Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)?,
            ),
            None => None,
        };
        let inner = graph::seed(&options);
        let shared = Arc::new(Shared {
            base: url.clone(),
            opts: options,
            inner: Mutex::new(inner),
            log_file: Mutex::new(log_file),
        });
        let app = axum::Router::new()
            .fallback(serve)
            .with_state(shared.clone());
        let server = spawn_http(std_listener, app, "graph-fake")?;
        Ok(FakeHandle {
            url,
            shared,
            _server: server,
        })
    }
}

impl FakeHandle {
    /// `http://127.0.0.1:PORT`: both the Graph base (`graph_url`) and the login base
    /// (`login_url`).
    pub fn url(&self) -> &str {
        &self.url
    }
    /// The token URL for a tenant.
    pub fn token_url(&self, tenant: &str) -> String {
        format!("{}/{tenant}/oauth2/v2.0/token", self.url)
    }
    /// Every exchange recorded so far.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.shared.lock().log.clone()
    }
    /// Writes the recorded exchanges as JSON lines (what the validator reads).
    pub fn write_log(&self, path: &std::path::Path) -> std::io::Result<()> {
        let mut f = std::fs::File::create(path)?;
        for e in self.shared.lock().log.iter() {
            serde_json::to_writer(&mut f, e)?;
            f.write_all(b"\n")?;
        }
        Ok(())
    }
    /// The ids of the fleet's devices (deleted ones too), in list order.
    pub fn device_ids(&self) -> Vec<String> {
        self.shared
            .lock()
            .devices
            .iter()
            .map(|d| d.id.clone())
            .collect()
    }
    /// A device's data (a clone).
    pub fn device(&self, id: &str) -> Option<fleet::Device> {
        let g = self.shared.lock();
        g.by_id.get(id).map(|&i| g.devices[i].clone())
    }
    /// How many times `action` reached the device (successful sends only).
    pub fn command_count(&self, device_id: &str, action: &str) -> u64 {
        let g = self.shared.lock();
        g.commands
            .get(device_id)
            .and_then(|m| m.get(action))
            .copied()
            .unwrap_or(0)
    }
    /// Successful device-action sends so far, and 429s answered: cheap enough to poll
    /// while a bench fans out (unlike the full [`FakeHandle::counters`]).
    pub fn write_totals(&self) -> (u64, u64) {
        let g = self.shared.lock();
        let sent = g.commands.values().flat_map(|m| m.values()).sum();
        (sent, g.throttled)
    }
    /// The counters the control API serves at `GET /_fake/counters`.
    pub fn counters(&self) -> Value {
        graph::counters(&self.shared.lock())
    }
    /// Injects a fault (as `POST /_fake/faults`).
    pub fn add_fault(&self, fault: Fault) {
        self.shared.lock().faults.push(fault);
    }
    /// Clears all faults (as `DELETE /_fake/faults`).
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }
    /// The Multi Admin Approval requests opened so far.
    pub fn approvals(&self) -> Vec<Approval> {
        self.shared.lock().approvals.clone()
    }
    /// Approves a pending approval (as `POST /_fake/approvals/{code}/approve`).
    pub fn approve(&self, code: &str) -> bool {
        graph::set_approval(&mut self.shared.lock(), code, "approved")
    }
    /// Rejects a pending approval (as `POST /_fake/approvals/{code}/reject`).
    pub fn reject(&self, code: &str) -> bool {
        graph::set_approval(&mut self.shared.lock(), code, "rejected")
    }
    /// Puts these actions under Multi Admin Approval (as `PUT /_fake/approval-actions`).
    pub fn set_approval_actions(&self, actions: &[&str]) {
        self.shared.lock().approval_actions = actions.iter().map(|a| a.to_string()).collect();
    }
    /// Replaces the write budget, full (as `PUT /_fake/write-budget`).
    pub fn set_write_budget(&self, writes: u32, period: Duration) {
        let mut g = self.shared.lock();
        g.budget_writes = writes;
        g.budget_period = period;
        g.bucket = writes as f64;
        g.bucket_at = Instant::now();
    }
    /// Marks a device deleted (as `DELETE /_fake/devices/{id}`).
    pub fn delete_device(&self, id: &str) -> bool {
        graph::delete_device(&mut self.shared.lock(), id)
    }
    /// Replaces the members of the group named (or with the id) `group` with these
    /// managedDevice ids, unknown ones ignored (as `PUT /_fake/groups/{group}/members`);
    /// false when there is no such group.
    pub fn set_group_members(&self, group: &str, device_ids: &[&str]) -> bool {
        graph::set_group_members(&mut self.shared.lock(), group, device_ids)
    }
    /// Every compliance policy, its assignments inlined (as `GET /_fake/policies`).
    pub fn policies(&self) -> Vec<Value> {
        graph::policies_with_assignments(&self.shared.lock())
    }
    /// Edits the compliance policy `display_name` as a human admin in the portal would
    /// (as `POST /_fake/portal-policy-edit`); `false` when there is none of that name.
    pub fn portal_edit_policy(&self, upn: &str, display_name: &str, patch: &Value) -> bool {
        graph::portal_policy_edit(&mut self.shared.lock(), upn, display_name, patch)
    }
    /// The mobileApps (a clone of each).
    pub fn apps(&self) -> Vec<Value> {
        self.shared.lock().apps.values().cloned().collect()
    }
    /// A mobileApp's assignments (as `GET /_fake/apps/{id}/assignments`).
    pub fn app_assignments(&self, app_id: &str) -> Vec<Value> {
        self.shared
            .lock()
            .app_assignments
            .get(app_id)
            .cloned()
            .unwrap_or_default()
    }
    /// Simulates a change a human admin made in the portal (as `POST /_fake/portal-change`).
    pub fn portal_change(&self, upn: &str, activity: &str, device_id: Option<&str>) {
        graph::portal_change(&mut self.shared.lock(), upn, activity, device_id);
    }
}

/// A fake's server thread: stopped (and waited for) when dropped.
pub(crate) struct Running {
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Serves `app` on `listener` from a runtime thread of its own (so a fake works from sync
/// and async code alike); returns once it listens.
pub(crate) fn spawn_http(
    listener: std::net::TcpListener,
    app: axum::Router,
    name: &str,
) -> std::io::Result<Running> {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<std::io::Result<()>>();
    let thread = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            rt.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => l,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(()));
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
            });
        })?;
    ready_rx
        .recv()
        .map_err(|_| std::io::Error::other("the fake's thread ended before listening"))??;
    Ok(Running {
        shutdown: Some(tx),
        thread: Some(thread),
    })
}

/// The request as handlers see it (the body read whole, the query parsed).
pub(crate) async fn read_request(req: Request<Body>) -> Req {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 64 << 20)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    let query: Vec<(String, String)> = url::form_urlencoded::parse(raw_query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    Req {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query,
        raw_query,
        headers: parts.headers,
        body,
    }
}

/// The HTTP response of a handler's answer; a JSON body gets `content_type`.
pub(crate) fn respond(resp: &Resp, content_type: &'static str) -> Response {
    let mut out = Response::new(match (&resp.body, &resp.text) {
        (Some(v), _) => Body::from(serde_json::to_vec(v).unwrap_or_default()),
        (None, Some(t)) => Body::from(t.clone()),
        (None, None) => Body::empty(),
    });
    *out.status_mut() =
        StatusCode::from_u16(resp.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = out.headers_mut();
    if resp.body.is_some() {
        h.insert("content-type", HeaderValue::from_static(content_type));
    }
    for (k, v) in &resp.headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::try_from(k.as_str()),
            HeaderValue::try_from(v.as_str()),
        ) {
            h.insert(k, v);
        }
    }
    out
}

/// One exchange as the log keeps it: the `logged` request headers (`authorization`
/// reduced to its scheme), JSON bodies parsed, anything else as text.
pub(crate) fn to_exchange(
    r: &Req,
    route: &str,
    resp: &Resp,
    seq: u64,
    logged: &[&str],
) -> Exchange {
    let mut request_headers = BTreeMap::new();
    for k in logged {
        if let Some(v) = r.h(k) {
            let v = if *k == "authorization" {
                let scheme = v.split(' ').next().unwrap_or("");
                format!("{scheme} ***")
            } else {
                v.to_string()
            };
            request_headers.insert(k.to_string(), v);
        }
    }
    let request_body = if r.body.is_empty() {
        Value::Null
    } else if let Ok(v) = serde_json::from_slice::<Value>(&r.body) {
        v
    } else {
        Value::String(String::from_utf8_lossy(&r.body).into_owned())
    };
    let mut response_headers = BTreeMap::new();
    for (k, v) in &resp.headers {
        response_headers.insert(k.to_ascii_lowercase(), v.clone());
    }
    if resp.body.is_some() {
        response_headers.insert("content-type".into(), "application/json".into());
    }
    let response_body = resp
        .body
        .clone()
        .or_else(|| resp.text.clone().map(Value::String))
        .unwrap_or(Value::Null);
    Exchange {
        seq,
        time: fleet::iso(now_unix()),
        method: r.method.clone(),
        path: r.path.clone(),
        query: r.raw_query.clone(),
        request_headers,
        request_body,
        status: resp.status,
        response_headers,
        response_body,
        route: route.to_string(),
    }
}

const LOGGED_HEADERS: [&str; 9] = [
    "authorization",
    "content-type",
    "accept",
    "consistencylevel",
    "prefer",
    "client-request-id",
    "x-msft-approval-justification",
    "x-msft-approval-code",
    "if-match",
];

async fn serve(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
    req: Request<Body>,
) -> Response {
    let r = read_request(req).await;
    let (route, mut resp) = graph::dispatch(&shared, &r);
    if !r.path.starts_with("/_fake") {
        let request_id = fleet::guid(now_unix() as u64, 99, shared.lock().seq);
        resp.headers.push(("request-id".into(), request_id.clone()));
        resp.headers.push((
            "client-request-id".into(),
            r.h("client-request-id").unwrap_or(&request_id).to_string(),
        ));
        record(&shared, &r, &route, &resp);
    }
    respond(
        &resp,
        "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8",
    )
}

fn record(shared: &Shared, r: &Req, route: &str, resp: &Resp) {
    let mut g = shared.lock();
    g.seq += 1;
    let mut e = to_exchange(r, route, resp, g.seq, &LOGGED_HEADERS);
    if r.path.ends_with("/oauth2/v2.0/token")
        && let Value::String(text) = &e.request_body
    {
        e.request_body = Value::String(auth::redact_form(text));
    }
    if let Some(t) = e.response_body.get_mut("access_token") {
        *t = Value::String("***".into());
    }
    *g.by_route.entry(route.to_string()).or_default() += 1;
    if let Some(f) = shared
        .log_file
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_mut()
        && let Ok(line) = serde_json::to_string(&e)
    {
        let _ = writeln!(f, "{line}");
    }
    if shared.opts.keep_log {
        g.log.push(e);
    }
}
