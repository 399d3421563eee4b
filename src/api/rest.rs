//! The mdm REST API v1 client: reqwest (blocking, rustls), timeouts, retries with jittered
//! backoff, `Retry-After`, and errors that carry the server's request id.

use super::{Assignment, AuditChain, ChainPurpose, Elev, EnrollmentStatus, Secret, Sent};
use crate::error::{Error, ExitKind, Result};
use mdm_model::domain::{ActionStatus, CommandStatus};
use mdm_model::types::*;
use reqwest::Method;
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::header::{HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::time::{Duration, Instant};

use mdm_model::types::ELEVATION_HEADER;

/// `mdm/0.1.0 (linux; x86_64)`.
pub static USER_AGENT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "mdm/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
});

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Extra attempts after the first one, for requests that are safe to repeat.
    pub retries: u32,
    pub verbose: u8,
    pub ca_bundle: Option<std::path::PathBuf>,
    /// The context the client speaks for, so hints name it (`mdm auth login --context X`).
    pub context: Option<String>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            retries: 3,
            verbose: 0,
            ca_bundle: None,
            context: None,
        }
    }
}

pub struct RestClient {
    http: Client,
    base: String,
    token: Option<Secret>,
    opts: ClientOptions,
}

/// One request, described so it can be rebuilt for each retry.
pub struct Call<'a> {
    pub method: Method,
    pub path: &'a str,
    pub query: Vec<(&'a str, String)>,
    pub body: Option<serde_json::Value>,
    pub headers: Vec<(&'static str, String)>,
    /// Safe to send twice (GET/PUT/DELETE, or a POST carrying an Idempotency-Key).
    pub idempotent: bool,
    /// Overrides the client's request timeout (long polls, streams).
    pub timeout: Option<Duration>,
    /// The elevation this one request carries.
    pub elevation: Elev<'a>,
}

impl<'a> Call<'a> {
    pub fn get(path: &'a str) -> Self {
        Call {
            method: Method::GET,
            path,
            query: Vec::new(),
            body: None,
            headers: Vec::new(),
            idempotent: true,
            timeout: None,
            elevation: None,
        }
    }

    pub fn post(path: &'a str, body: &impl Serialize) -> Self {
        Call {
            method: Method::POST,
            path,
            query: Vec::new(),
            body: Some(serde_json::to_value(body).expect("request bodies serialize")),
            headers: Vec::new(),
            idempotent: false,
            timeout: None,
            elevation: None,
        }
    }

    /// Same path, another method (`PUT`, `DELETE`).
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    pub fn elevated(mut self, elev: Elev<'a>) -> Self {
        self.elevation = elev;
        self
    }

    pub fn query(mut self, key: &'a str, value: impl ToString) -> Self {
        self.query.push((key, value.to_string()));
        self
    }
}

impl RestClient {
    pub fn new(base: &str, token: Option<Secret>, opts: ClientOptions) -> Result<Self> {
        let base = super::url::validate_server_url(base)?;
        let mut builder = Client::builder()
            .user_agent(USER_AGENT.as_str())
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!base.starts_with("http://"));
        if let Some(path) = &opts.ca_bundle {
            let pem = std::fs::read(path).map_err(|e| {
                Error::usage(format!("cannot read CA bundle {}", path.display()))
                    .with_source(&e)
                    .with_hint("fix the path with `mdm context add NAME --server URL --ca-bundle FILE --force`")
            })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                Error::usage(format!("CA bundle {} is not valid PEM", path.display()))
                    .with_source(&e)
            })?;
            if certs.is_empty() {
                return Err(Error::usage(format!(
                    "CA bundle {} holds no certificates",
                    path.display()
                )));
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder
            .build()
            .map_err(|e| Error::failure("cannot set up the HTTP client").with_source(&e))?;
        Ok(RestClient {
            http,
            base,
            token,
            opts,
        })
    }

    /// Sends a call with retries and decodes the JSON answer.
    pub fn call<T: DeserializeOwned>(&self, call: &Call<'_>) -> Result<T> {
        let resp = self.send(call)?;
        decode(resp, &self.base)
    }

    /// [`call`](Self::call) for a request that changes state: the answer keeps the
    /// server's request id.
    pub fn call_sent<T: DeserializeOwned>(&self, call: &Call<'_>) -> Result<Sent<T>> {
        let resp = self.send(call)?;
        let rid = request_id(resp.headers());
        decode(resp, &self.base).map(|v| Sent::new(v, rid))
    }

    /// A state change whose answer has no body worth reading.
    pub fn send_sent(&self, call: &Call<'_>) -> Result<Sent<()>> {
        let resp = self.send(call)?;
        Ok(Sent::new((), request_id(resp.headers())))
    }

    /// Sends a call with retries; any non-2xx answer becomes an `Error`.
    pub fn send(&self, call: &Call<'_>) -> Result<Response> {
        // The server's free-text rules, checked before anything is sent (exit 2).
        if let Some(body) = &call.body {
            mdm_model::validate::free_text(body).map_err(|e| {
                Error::usage(format!("{e} (nothing was sent)"))
                    .with_hint("free text is one line of printable characters; see the README's safety section")
            })?;
        }
        let url = format!("{}{}", self.base, call.path);
        let mut attempt = 0u32;
        loop {
            let started = Instant::now();
            self.trace_request(call, &url);
            let result = self.build(call, &url).send();
            match result {
                Ok(resp) => {
                    let status = resp.status();
                    self.trace_response(&resp, started);
                    if status.is_success() {
                        return Ok(resp);
                    }
                    let retry_after = retry_after(resp.headers());
                    let retryable = match status.as_u16() {
                        429 => true,
                        503 => call.idempotent || retry_after.is_some(),
                        502 | 504 => call.idempotent,
                        _ => false,
                    };
                    if retryable && attempt < self.opts.retries {
                        let wait = retry_after
                            .map(|d| d.min(Duration::from_secs(30)))
                            .unwrap_or_else(|| backoff(attempt));
                        if self.opts.verbose > 0 {
                            eprintln!("* HTTP {status}: retrying in {} ms", wait.as_millis());
                        }
                        std::thread::sleep(wait);
                        attempt += 1;
                        continue;
                    }
                    return Err(error_from_response(
                        resp,
                        &self.base,
                        self.opts.context.as_deref(),
                    ));
                }
                Err(err) => {
                    // A refused connection never reached the server, so even a POST may
                    // be repeated; a lost answer (reset, timeout) only when idempotent.
                    let retryable = err.is_connect() || call.idempotent;
                    if retryable && attempt < self.opts.retries {
                        let wait = backoff(attempt);
                        if self.opts.verbose > 0 {
                            eprintln!(
                                "* {}: retrying in {} ms",
                                short_reason(&err),
                                wait.as_millis()
                            );
                        }
                        std::thread::sleep(wait);
                        attempt += 1;
                        continue;
                    }
                    return Err(transport_error(&err, &self.base, &self.opts));
                }
            }
        }
    }

    fn build(&self, call: &Call<'_>, url: &str) -> RequestBuilder {
        let mut req = self
            .http
            .request(call.method.clone(), url)
            .header(reqwest::header::ACCEPT, "application/json");
        if !call.query.is_empty() {
            req = req.query(&call.query);
        }
        if let Some(t) = call.timeout {
            req = req.timeout(t);
        }
        if let Some(token) = &self.token {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                .unwrap_or_else(|_| HeaderValue::from_static("Bearer invalid"));
            value.set_sensitive(true);
            req = req.header(reqwest::header::AUTHORIZATION, value);
        }
        if let Some(e) = call.elevation
            && let Ok(mut value) = HeaderValue::from_str(e.0.expose())
        {
            value.set_sensitive(true);
            req = req.header(ELEVATION_HEADER, value);
        }
        for (name, value) in &call.headers {
            req = req.header(*name, value);
        }
        if let Some(body) = &call.body {
            req = req.json(body);
        }
        req
    }

    fn trace_request(&self, call: &Call<'_>, url: &str) {
        if self.opts.verbose == 0 {
            return;
        }
        let mut line = format!("> {} {}", call.method, url);
        if !call.query.is_empty() {
            let q: Vec<String> = call.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
            line.push('?');
            line.push_str(&q.join("&"));
        }
        eprintln!("{}", mdm_model::escape::terminal(&line));
        if self.opts.verbose > 1 {
            eprintln!("> user-agent: {}", *USER_AGENT);
            if self.token.is_some() {
                eprintln!("> authorization: Bearer [redacted]");
            }
            if call.elevation.is_some() {
                eprintln!("> {ELEVATION_HEADER}: [redacted]");
            }
            for (name, value) in &call.headers {
                let shown = if is_sensitive_header(name) {
                    "[redacted]".to_string()
                } else {
                    mdm_model::escape::terminal(value)
                };
                eprintln!("> {name}: {shown}");
            }
        }
    }

    fn trace_response(&self, resp: &Response, started: Instant) {
        if self.opts.verbose == 0 {
            return;
        }
        eprintln!(
            "< {} ({} ms) request-id={}",
            resp.status(),
            started.elapsed().as_millis(),
            request_id(resp.headers()).unwrap_or_else(|| "-".into())
        );
        if self.opts.verbose > 1 {
            for (name, value) in resp.headers() {
                let shown = if is_sensitive_header(name.as_str()) {
                    "[redacted]".to_string()
                } else {
                    mdm_model::escape::terminal(&String::from_utf8_lossy(value.as_bytes()))
                };
                eprintln!("< {name}: {shown}");
            }
        }
    }
}

fn is_sensitive_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "authorization" || n == ELEVATION_HEADER || n == "set-cookie" || n == "cookie"
}

impl super::Server for RestClient {
    fn base_url(&self) -> &str {
        &self.base
    }

    fn health(&self) -> Result<Health> {
        self.call(&Call::get("/v1/health"))
    }
}

impl RestClient {
    /// One page of devices with items of any shape the caller decodes them into: a
    /// [`Device`], or the server's own bytes (`Box<RawValue>`) to pass through.
    pub fn device_page<T: DeserializeOwned>(
        &self,
        q: &DeviceQuery,
        elev: Elev<'_>,
    ) -> Result<Page<T>> {
        let mut call = Call::get("/v1/devices").elevated(elev);
        for (key, value) in q.to_pairs() {
            call = call.query(key, value);
        }
        self.call(&call)
    }
}

impl RestClient {
    /// One page of `devices list`, its body unread, with the next page's cursor from the
    /// `Link` header: the caller can ask for the next page before reading this one.
    pub fn device_page_unread(&self, q: &DeviceQuery) -> Result<(Unread, Option<String>)> {
        let mut call = Call::get("/v1/devices");
        for (key, value) in q.to_pairs() {
            call = call.query(key, value);
        }
        let resp = self.send(&call)?;
        let next = next_cursor_of(resp.headers());
        Ok((Unread::read(resp, &self.base)?, next))
    }
}

impl super::Inventory for RestClient {
    fn list_devices(&self, q: &DeviceQuery, elev: Elev<'_>) -> Result<Page<Device>> {
        self.device_page(q, elev)
    }

    fn get_device(&self, id_or_serial: &str, show_pii: bool, elev: Elev<'_>) -> Result<Device> {
        let path = format!("/v1/devices/{}", path_segment(id_or_serial)?);
        let mut call = Call::get(&path).elevated(elev);
        if show_pii {
            call = call.query("show_pii", "true");
        }
        self.call(&call)
    }

    fn list_groups(&self) -> Result<Vec<Group>> {
        let page: Page<Group> = self.call(&Call::get("/v1/groups"))?;
        Ok(page.items)
    }

    fn get_group(&self, name: &str) -> Result<Group> {
        let path = format!("/v1/groups/{}", path_segment(name)?);
        self.call(&Call::get(&path))
    }
}

impl super::Sessions for RestClient {
    fn me(&self, elev: Elev<'_>) -> Result<Me> {
        self.call(&Call::get("/v1/me").elevated(elev))
    }

    fn mfa_enroll(&self, otp: Option<&str>) -> Result<Sent<MfaEnrollment>> {
        let body = MfaEnrollRequest {
            otp: otp.map(str::to_string),
        };
        self.call_sent(&Call::post("/v1/auth/mfa/enroll", &body))
    }

    fn mfa_activate(&self, code: &str) -> Result<Sent<()>> {
        let body = CodeRequest {
            code: code.to_string(),
        };
        self.send_sent(&Call::post("/v1/auth/mfa/activate", &body))
    }

    fn step_up(&self, code: &str) -> Result<Elevation> {
        let body = CodeRequest {
            code: code.to_string(),
        };
        self.call(&Call::post("/v1/auth/step-up", &body))
    }

    fn list_sessions(&self, user: Option<&str>) -> Result<Vec<Session>> {
        let mut call = Call::get("/v1/sessions");
        if let Some(u) = user {
            call = call.query("user", u);
        }
        let page: Page<Session> = self.call(&call)?;
        Ok(page.items)
    }

    fn revoke_session(&self, id: &str, elev: Elev<'_>) -> Result<Sent<RevokeResult>> {
        let path = format!("/v1/sessions/{}", path_segment(id)?);
        self.call_sent(&Call::get(&path).method(Method::DELETE).elevated(elev))
    }

    fn revoke_sessions(
        &self,
        req: &RevokeSessionsRequest,
        elev: Elev<'_>,
    ) -> Result<Sent<RevokeResult>> {
        self.call_sent(&Call::post("/v1/sessions/revoke", req).elevated(elev))
    }

    fn login_notice(&self) -> Result<()> {
        self.send(&Call::post("/v1/auth/login", &serde_json::json!({})))
            .map(|_| ())
    }
}

impl super::DeviceCommands for RestClient {
    fn preview_action(&self, req: &PreviewRequest) -> Result<Preview> {
        // Changes no state: safe to repeat.
        let mut call = Call::post("/v1/actions/preview", req);
        call.idempotent = true;
        self.call(&call)
    }

    fn decline_preview(&self, preview_id: &str, reason: &str) -> Result<()> {
        let path = format!("/v1/actions/previews/{}/decline", path_segment(preview_id)?);
        let body = DeclineRequest {
            reason: reason.to_string(),
        };
        self.send(&Call::post(&path, &body)).map(|_| ())
    }

    fn create_action(
        &self,
        req: &CreateActionRequest,
        idempotency_key: &str,
        elev: Elev<'_>,
    ) -> Result<Sent<Action>> {
        let mut call = Call::post("/v1/actions", req).elevated(elev);
        call.headers
            .push(("idempotency-key", idempotency_key.to_string()));
        // The key makes a repeat return the first result instead of a second action.
        call.idempotent = true;
        self.call_sent(&call)
    }

    fn get_action(&self, id: &str) -> Result<Action> {
        self.call(&Call::get(&format!("/v1/actions/{}", path_segment(id)?)))
    }

    fn list_actions(
        &self,
        status: Option<ActionStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Action>> {
        let mut call = Call::get("/v1/actions").query("limit", limit);
        if let Some(s) = status {
            call = call.query("status", s.as_str());
        }
        if let Some(c) = cursor {
            call = call.query("cursor", c);
        }
        self.call(&call)
    }

    fn action_devices(
        &self,
        id: &str,
        status: Option<CommandStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<ActionDevice>> {
        let path = format!("/v1/actions/{}/devices", path_segment(id)?);
        let mut call = Call::get(&path).query("limit", limit);
        if let Some(s) = status {
            call = call.query("status", s.as_str());
        }
        if let Some(c) = cursor {
            call = call.query("cursor", c);
        }
        self.call(&call)
    }

    fn cancel_action(&self, id: &str, elev: Elev<'_>) -> Result<Sent<Action>> {
        let path = format!("/v1/actions/{}/cancel", path_segment(id)?);
        self.call_sent(&Call::post(&path, &serde_json::json!({})).elevated(elev))
    }

    fn advance_action(&self, id: &str) -> Result<Sent<Action>> {
        let path = format!("/v1/actions/{}/advance", path_segment(id)?);
        self.call_sent(&Call::post(&path, &serde_json::json!({})))
    }

    fn reveal_pins(&self, id: &str, elev: Elev<'_>) -> Result<mdm_model::types::ActionPins> {
        let path = format!("/v1/actions/{}/pins", path_segment(id)?);
        self.call_sent(&Call::post(&path, &serde_json::json!({})).elevated(elev))
            .map(|s| s.value)
    }

    fn halt_action(&self, id: &str, reason: &str) -> Result<Sent<Action>> {
        let path = format!("/v1/actions/{}/halt", path_segment(id)?);
        self.call_sent(&Call::post(
            &path,
            &HaltRequest {
                reason: reason.into(),
            },
        ))
    }
}

impl super::Governance for RestClient {
    fn list_approvals(&self, all: bool) -> Result<Vec<Action>> {
        let call = Call::get("/v1/approvals").query("status", if all { "all" } else { "pending" });
        let page: Page<Action> = self.call(&call)?;
        Ok(page.items)
    }

    fn approve(&self, id: &str, reason: Option<&str>, elev: Elev<'_>) -> Result<Sent<Action>> {
        let path = format!("/v1/approvals/{}/approve", path_segment(id)?);
        let body = DecideRequest {
            reason: reason.map(str::to_string),
        };
        self.call_sent(&Call::post(&path, &body).elevated(elev))
    }

    fn reject(&self, id: &str, reason: Option<&str>, elev: Elev<'_>) -> Result<Sent<Action>> {
        let path = format!("/v1/approvals/{}/reject", path_segment(id)?);
        let body = DecideRequest {
            reason: reason.map(str::to_string),
        };
        self.call_sent(&Call::post(&path, &body).elevated(elev))
    }

    fn breakglass_activate(
        &self,
        req: &BreakglassActivateRequest,
        elev: Elev<'_>,
    ) -> Result<Sent<BreakglassSession>> {
        self.call_sent(&Call::post("/v1/breakglass/activate", req).elevated(elev))
    }

    fn breakglass_list(&self) -> Result<Vec<BreakglassSession>> {
        let page: Page<BreakglassSession> = self.call(&Call::get("/v1/breakglass"))?;
        Ok(page.items)
    }

    fn breakglass_end(&self, req: &BreakglassEndRequest) -> Result<Sent<BreakglassSession>> {
        let mut call = Call::post("/v1/breakglass/end", req);
        call.idempotent = true;
        self.call_sent(&call)
    }

    fn freeze_state(&self) -> Result<FreezeState> {
        self.call(&Call::get("/v1/incident/freeze"))
    }

    fn set_freeze(&self, req: &FreezeRequest, elev: Elev<'_>) -> Result<Sent<FreezeResult>> {
        let mut call = Call::post("/v1/incident/freeze", req)
            .method(Method::PUT)
            .elevated(elev);
        // Setting the same state twice is harmless.
        call.idempotent = true;
        self.call_sent(&call)
    }
}

impl super::Enrollments for RestClient {
    fn create_enrollment(
        &self,
        req: &CreateEnrollment,
        elev: Elev<'_>,
    ) -> Result<Sent<NewEnrollment>> {
        self.call_sent(&Call::post("/v1/enrollments", req).elevated(elev))
    }

    fn list_enrollments(
        &self,
        status: Option<EnrollmentStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Enrollment>> {
        let mut call = Call::get("/v1/enrollments").query("limit", limit);
        if let Some(s) = status {
            call = call.query("status", s.as_str());
        }
        if let Some(c) = cursor {
            call = call.query("cursor", c);
        }
        self.call(&call)
    }

    fn revoke_enrollment(&self, id: &str, elev: Elev<'_>) -> Result<Sent<Enrollment>> {
        let path = format!("/v1/enrollments/{}/revoke", path_segment(id)?);
        let mut call = Call::post(&path, &serde_json::json!({})).elevated(elev);
        call.idempotent = true;
        self.call_sent(&call)
    }

    fn revoke_unused_enrollments(
        &self,
        req: &RevokeUnused,
        elev: Elev<'_>,
    ) -> Result<Sent<Revoked>> {
        let mut call = Call::post("/v1/enrollments/revoke-unused", req).elevated(elev);
        call.idempotent = true;
        self.call_sent(&call)
    }

    fn bulk_enroll(&self, req: &BulkEnrollment, elev: Elev<'_>) -> Result<Sent<BulkResult>> {
        self.call_sent(&Call::post("/v1/enrollments/bulk", req).elevated(elev))
    }
}

impl super::DeviceEnrollment for RestClient {
    fn device_enroll(&self, req: &DeviceEnroll) -> Result<Device> {
        self.call(&Call::post("/v1/enroll", req))
    }
}

impl super::Catalog for RestClient {
    fn list_apps(&self) -> Result<Vec<App>> {
        let page: Page<App> = self.call(&Call::get("/v1/apps"))?;
        Ok(page.items)
    }

    fn get_app(&self, reference: &str) -> Result<App> {
        self.call(&Call::get(&format!(
            "/v1/apps/{}",
            path_segment(reference)?
        )))
    }

    fn add_app(&self, app: &NewApp, elev: Elev<'_>) -> Result<Sent<App>> {
        self.call_sent(&Call::post("/v1/apps", app).elevated(elev))
    }
}

impl super::Policies for RestClient {
    fn list_policies(&self) -> Result<Vec<PolicyRecord>> {
        let page: Page<PolicyRecord> = self.call(&Call::get("/v1/policies"))?;
        Ok(page.items)
    }

    fn get_policy(&self, name: &str) -> Result<PolicyRecord> {
        self.call(&Call::get(&format!("/v1/policies/{}", path_segment(name)?)))
    }

    fn plan_policies(&self, req: &ApplyPolicies) -> Result<PolicyPlan> {
        self.call(&Call::post("/v1/policies/plan", req))
    }

    fn plan_delete_policy(&self, name: &str, version: u64) -> Result<PolicyPlan> {
        let path = format!("/v1/policies/{}", path_segment(name)?);
        let mut call = Call::get(&path)
            .method(Method::DELETE)
            .query("dry_run", "true");
        call.headers.push(("if-match", format!("\"v{version}\"")));
        self.call(&call)
    }

    fn plan_assign_policy(
        &self,
        name: &str,
        group: &str,
        change: Assignment,
        version: u64,
    ) -> Result<PolicyPlan> {
        let path = format!(
            "/v1/policies/{}/assignments/{}",
            path_segment(name)?,
            path_segment(group)?
        );
        let method = match change {
            Assignment::Add => Method::PUT,
            Assignment::Remove => Method::DELETE,
        };
        let mut call = Call::get(&path).method(method).query("dry_run", "true");
        call.headers.push(("if-match", format!("\"v{version}\"")));
        self.call(&call)
    }

    fn apply_policies(&self, req: &ApplyPolicies, elev: Elev<'_>) -> Result<Sent<PolicyPlan>> {
        // Not repeated after a lost answer: the versions would have moved, and a retry
        // would report a conflict with our own change.
        self.call_sent(&Call::post("/v1/policies/apply", req).elevated(elev))
    }

    fn delete_policy(&self, name: &str, version: u64, elev: Elev<'_>) -> Result<Sent<()>> {
        let path = format!("/v1/policies/{}", path_segment(name)?);
        let mut call = Call::get(&path).method(Method::DELETE).elevated(elev);
        call.headers.push(("if-match", format!("\"v{version}\"")));
        self.send_sent(&call)
    }

    fn assign_policy(
        &self,
        name: &str,
        group: &str,
        change: Assignment,
        version: u64,
        elev: Elev<'_>,
    ) -> Result<Sent<PolicyRecord>> {
        let path = format!(
            "/v1/policies/{}/assignments/{}",
            path_segment(name)?,
            path_segment(group)?
        );
        let method = match change {
            Assignment::Add => Method::PUT,
            Assignment::Remove => Method::DELETE,
        };
        let mut call = Call::get(&path).method(method).elevated(elev);
        call.headers.push(("if-match", format!("\"v{version}\"")));
        self.call_sent(&call)
    }
}

impl super::AuditTrail for RestClient {
    fn audit_events(&self, q: &AuditQuery) -> Result<Page<AuditEvent>> {
        let mut call = Call::get("/v1/audit/events")
            .query("after", q.after)
            .query("limit", q.limit.max(1));
        let opts: [(&str, &Option<String>); 6] = [
            ("since", &q.since),
            ("until", &q.until),
            ("actor", &q.actor),
            ("action", &q.action),
            ("outcome", &q.outcome),
            ("device", &q.device),
        ];
        for (k, v) in opts {
            if let Some(v) = v {
                call = call.query(k, v);
            }
        }
        if q.newest_first {
            call = call.query("order", "desc");
        }
        if q.with_total {
            call = call.query("total", "true");
        }
        if let Some(b) = q.before {
            call = call.query("before", b);
        }
        if q.wait > 0 {
            call = call.query("wait", q.wait);
            call.timeout = Some(Duration::from_secs(q.wait + 30));
        }
        self.call(&call)
    }

    fn audit_chain(
        &self,
        after: i64,
        until_id: Option<i64>,
        purpose: ChainPurpose,
    ) -> Result<AuditChain> {
        let mut call = Call::get("/v1/audit/chain")
            .query("after", after)
            .query("purpose", purpose.as_str());
        if let Some(u) = until_id {
            call = call.query("until_id", u);
        }
        // A stream of a large log takes as long as it takes.
        call.timeout = Some(Duration::from_secs(24 * 3600));
        Ok(AuditChain::new(Box::new(self.send(&call)?)))
    }

    fn audit_index(&self, after: i64, until_id: i64) -> Result<AuditChain> {
        let mut call = Call::get("/v1/audit/index")
            .query("after", after)
            .query("until_id", until_id);
        call.timeout = Some(Duration::from_secs(24 * 3600));
        Ok(AuditChain::new(Box::new(self.send(&call)?)))
    }

    fn audit_checkpoint(&self) -> Result<mdm_model::audit::Checkpoint> {
        self.call(&Call::get("/v1/audit/checkpoint"))
    }

    fn audit_checkpoints(&self) -> Result<Vec<mdm_model::audit::Checkpoint>> {
        let page: Page<mdm_model::audit::Checkpoint> =
            self.call(&Call::get("/v1/audit/checkpoints"))?;
        Ok(page.items)
    }

    fn forwarder_started(&self, destination: &str, from_id: i64) -> Result<()> {
        let body = serde_json::json!({ "kind": "forward", "destination": destination, "from_id": from_id });
        self.send(&Call::post("/v1/audit/exports", &body))
            .map(|_| ())
    }
}

/// Percent-encodes one path segment so an id like `../x` stays one segment.
pub fn path_segment(s: &str) -> Result<String> {
    if s.trim().is_empty() {
        return Err(Error::usage("an empty id or name; nothing was sent")
            .with_hint("give the id (or serial, or name) of what you mean"));
    }
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out == "." || out == ".." {
        return Ok(out.replace('.', "%2E"));
    }
    Ok(out)
}

fn backoff(attempt: u32) -> Duration {
    let base = 200u64.saturating_mul(1 << attempt.min(5));
    let jitter = rand::random_range(0.5..1.5);
    Duration::from_millis(((base as f64) * jitter).min(5000.0) as u64)
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    if let Ok(secs) = v.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate(v)?;
    Some(
        when.saturating_sub(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?,
        ),
    )
}

/// Parses the IMF-fixdate form of `Retry-After` into a duration since the epoch.
fn httpdate(v: &str) -> Option<Duration> {
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let dt = time::PrimitiveDateTime::parse(v.trim(), &fmt).ok()?;
    let ts = dt.assume_utc().unix_timestamp();
    u64::try_from(ts).ok().map(Duration::from_secs)
}

pub fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(mdm_model::escape::terminal)
}

/// Decodes a successful JSON answer, with a clear error when it is not JSON.
pub fn decode<T: DeserializeOwned>(resp: Response, base: &str) -> Result<T> {
    Unread::read(resp, base)?.decode()
}

/// An answer's body read off the wire but not yet parsed, with what an error about it
/// names: a listing's fetching thread hands it to the writing one (see
/// `api::walk_all_pipelined`).
pub struct Unread {
    bytes: Vec<u8>,
    ctype: String,
    rid: Option<String>,
    base: String,
}

impl Unread {
    fn read(resp: Response, base: &str) -> Result<Unread> {
        let rid = request_id(resp.headers());
        let ctype = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let bytes = resp.bytes().map_err(|e| {
            Error::failure("the connection broke while reading the answer").with_source(&e)
        })?;
        Ok(Unread {
            bytes: bytes.into(),
            ctype,
            rid,
            base: base.to_string(),
        })
    }

    pub fn decode<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.bytes).map_err(|e| {
            let mut err = Error::failure(format!(
                "the server sent an answer mdm cannot read ({})",
                if self.ctype.is_empty() {
                    "no content type".into()
                } else {
                    mdm_model::escape::terminal(&self.ctype)
                }
            ))
            .with_cause(format!("invalid JSON: {e}"))
            .with_cause(format!("body starts with: {}", snippet(&self.bytes)))
            .with_hint(format!(
                "is {} an mdm REST API v1 server? Check with `mdm context show`",
                self.base
            ));
            err.request_id = self.rid.clone();
            err
        })
    }
}

/// The `cursor` of a `Link: <…>; rel="next"` header (the API names the next page there
/// as well as in the body), decoded; `None` without one.
pub fn next_cursor_of(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find(|l| l.contains("rel=\"next\""))
        .and_then(|l| Some(l[l.find('<')? + 1..l.find('>')?].to_string()))
        .and_then(|target| {
            url::Url::parse("http://link.invalid")
                .ok()?
                .join(&target)
                .ok()
        })
        .and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "cursor")
                .map(|(_, v)| v.into_owned())
        })
}

fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(80)]);
    format!("{:?}", mdm_model::escape::terminal(&text))
}

/// Turns a non-2xx answer into an error with the right exit kind.
pub fn error_from_response(resp: Response, base: &str, context: Option<&str>) -> Error {
    let status = resp.status();
    let rid = request_id(resp.headers());
    let bytes = resp.bytes().unwrap_or_default();
    let kind = match status.as_u16() {
        400 | 422 => ExitKind::Usage,
        401 => ExitKind::Unauthenticated,
        403 | 423 => ExitKind::Forbidden,
        409 | 412 => ExitKind::Failure,
        404 => ExitKind::NotFound,
        _ => ExitKind::Failure,
    };
    let mut err = match serde_json::from_slice::<ErrorBody>(&bytes) {
        Ok(body) => {
            let mut e = Error::new(kind, mdm_model::escape::terminal(&body.error.message));
            e.code = Some(body.error.code.clone());
            e.details = body.error.details;
            e.request_id = Some(mdm_model::escape::terminal(&body.error.request_id));
            e
        }
        Err(_) => Error::new(
            kind,
            format!("the server answered HTTP {status} with a body that is not an mdm error"),
        )
        .with_cause(format!("body starts with: {}", snippet(&bytes)))
        .with_hint(format!(
            "is {base} an mdm REST API v1 server? Check with `mdm context show`"
        )),
    };
    if err.request_id.is_none() {
        err.request_id = rid;
    }
    match status.as_u16() {
        401 => {
            let login = match context {
                Some(c) => format!("mdm auth login --context {c}"),
                None => "mdm auth login".to_string(),
            };
            err.hints
                .push(format!("log in again with `{login}`, or check MDM_TOKEN"));
        }
        423 if err.is_code(mdm_model::domain::ErrorCode::ChangeFreeze) => {
            err.hints.push(
                "`mdm auth status` shows who froze changes and why; a break-glass user can act during a freeze (`mdm breakglass activate`)".into(),
            );
        }
        503 if err.code.is_some() => {
            err.hints.push(
                "the gateway is briefly unable to serve (its database restarting?); nothing was \
                 changed: retry in a moment"
                    .into(),
            );
        }
        500..=599 if err.code.is_some() => {
            err.hints.push(
                "this is a server-side failure; quote the request id when reporting it".into(),
            );
        }
        _ => {}
    }
    err
}

fn short_reason(err: &reqwest::Error) -> &'static str {
    if err.is_connect() {
        "connection failed"
    } else if err.is_timeout() {
        "timed out"
    } else {
        "request failed"
    }
}

fn transport_error(err: &reqwest::Error, base: &str, opts: &ClientOptions) -> Error {
    let msg = if err.is_timeout() {
        format!("{base} did not answer within {} s", opts.timeout.as_secs())
    } else if err.is_connect() {
        format!("cannot connect to {base}")
    } else {
        format!("request to {base} failed")
    };
    let mut e = Error::failure(msg).with_source(err);
    // reqwest's Display includes the URL; keep causes free of query strings with ids.
    e.causes.retain(|c| !c.is_empty());
    if err.is_connect() || err.is_timeout() {
        e.hints.push(
            if base.contains("127.0.0.1") || base.contains("localhost") {
                "is the server running? For the sandbox: `mdm sandbox status` / `mdm sandbox up`"
                    .into()
            } else {
                "check the server URL (`mdm context show`) and your network".into()
            },
        );
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_cannot_escape() {
        let seg = |s: &str| path_segment(s).unwrap();
        assert_eq!(seg("dev_1"), "dev_1");
        assert_eq!(seg("../admin"), "..%2Fadmin");
        assert_eq!(seg(".."), "%2E%2E");
        assert_eq!(seg("a b?c#"), "a%20b%3Fc%23");
        assert!(path_segment("").is_err() && path_segment("  ").is_err());
    }

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempt in 0..10 {
            let d = backoff(attempt);
            assert!(d <= Duration::from_millis(5000));
            assert!(d >= Duration::from_millis(100));
        }
    }
}
