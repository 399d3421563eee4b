//! A fake of the parts of Fleet's REST API (fleetdm.com) that the gateway's Fleet
//! backend uses: hosts (list, count, get, by identifier), teams, lock / unlock / wipe,
//! turning MDM off (macOS, iOS, iPadOS, Android), the activity feed, and the dangerous batch delete (served as Fleet
//! does, so a test can prove the gateway never sends it).
//!
//! Shapes follow Fleet's REST documentation (`../shared/contracts/fleet/rest-api.md`,
//! which wins over the community OpenAPI where they disagree); every exchange is recorded
//! for `tests/contracts/validate_fleet.py`. Serves plain http on 127.0.0.1 only.
//!
//! A command is "sent" when Fleet answers it (`pending_action` set) and carried out on
//! the host after `polls_until_done` reads of that host (its `mdm.device_status` then
//! `locked`, `unlocked` or `wiped`), as a host that checks in would.

use crate::{
    Exchange, Req, Resp, Running, now_unix, read_request, respond, spawn_http, to_exchange,
};
use axum::body::Body;
use axum::http::Request;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How the Fleet fake is set up.
#[derive(Debug, Clone)]
pub struct FleetOptions {
    /// 0 picks a free port.
    pub port: u16,
    pub hosts: usize,
    /// Same seed and size, same hosts.
    pub seed: u64,
    /// Team names; hosts are spread over them (and "No team").
    pub teams: Vec<String>,
    /// Regular (manual) labels; host `i` is in label `j` when `i % (labels + 1) == j`.
    /// Fleet's builtin labels (All Hosts, macOS) are served too.
    pub labels: Vec<String>,
    /// The API-only user's token the fake accepts.
    pub api_token: String,
    /// `per_page` when a list request gives none (Fleet's default is 100... per the docs
    /// examples; lists are unbounded without paging parameters, which the backend never
    /// relies on).
    pub per_page: usize,
    /// Reads of a host after which a pending command is carried out.
    pub polls_until_done: u32,
    /// How long each write (POST, DELETE) takes before Fleet answers it: a slow server,
    /// so a test can stop the gateway in the middle of a fan-out.
    pub write_delay: std::time::Duration,
    /// Also append every exchange as a JSON line to this file.
    pub log_file: Option<PathBuf>,
    /// Keep exchanges in memory (benches may turn this off).
    pub keep_log: bool,
}

impl Default for FleetOptions {
    fn default() -> Self {
        FleetOptions {
            port: 0,
            hosts: 20,
            seed: 7,
            teams: vec!["Workstations".into(), "Mobile".into(), "Kiosks".into()],
            labels: vec!["Engineering".into(), "Finance laptops".into()],
            api_token: "fake-fleet-api-token".into(),
            per_page: 100,
            polls_until_done: 1,
            write_delay: std::time::Duration::ZERO,
            log_file: None,
            keep_log: true,
        }
    }
}

/// Faults a test can inject.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FleetFault {
    /// The next `count` requests answer 429, with `retry-after: retry_after` when given.
    Throttle {
        count: u32,
        #[serde(default)]
        retry_after: Option<u64>,
    },
    /// The next `count` requests answer 503.
    Unavailable { count: u32 },
    /// Every request answers 401, as for a revoked API token, until cleared.
    TokenRevoked,
    /// Writes answer 403, as for an API user whose role may only read (observer), until
    /// cleared.
    WritesForbidden,
    /// Commands to the host with this id answer 422 with Fleet's error shape.
    HostRefuses { host_id: u64, reason: String },
}

/// One host as the fake keeps it.
#[derive(Debug, Clone)]
pub struct Host {
    pub id: u64,
    pub uuid: String,
    pub hostname: String,
    pub display_name: String,
    /// Fleet's platform: `darwin`, `ios`, `ipados`, `windows`, `android`, `ubuntu`.
    pub platform: &'static str,
    pub os_version: String,
    pub hardware_model: String,
    pub hardware_serial: String,
    pub team: Option<usize>,
    pub owner_name: String,
    pub owner_email: String,
    pub online: bool,
    pub seen: i64,
    pub enrolled: i64,
    /// `unlocked`, `locked` or `wiped`.
    pub device_status: &'static str,
    /// `""`, `lock`, `unlock` or `wipe`.
    pub pending_action: &'static str,
    pub polls_left: u32,
    /// MDM turned off (`DELETE /hosts/:id/mdm`).
    pub mdm_off: bool,
    pub deleted: bool,
    /// Indexes into the regular labels.
    pub labels: Vec<usize>,
}

struct Inner {
    hosts: Vec<Host>,
    teams: Vec<String>,
    faults: Vec<FleetFault>,
    activities: Vec<Value>,
    /// Commands each host received (by kind), successful sends only.
    commands: BTreeMap<u64, BTreeMap<String, u64>>,
    log: Vec<Exchange>,
    seq: u64,
}

struct Shared {
    opts: FleetOptions,
    inner: Mutex<Inner>,
    log_file: Mutex<Option<std::fs::File>>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The entry point: `FleetFake::start(options)`.
pub struct FleetFake;

/// A running Fleet fake; stops when dropped.
pub struct FleetHandle {
    url: String,
    shared: Arc<Shared>,
    _server: Running,
}

const LOGGED_HEADERS: [&str; 3] = ["authorization", "content-type", "accept"];

/// The id of the first regular label (Fleet's builtin ones come first).
pub const LABEL_BASE: u64 = 10;

/// The API-only user the token belongs to (`GET /me`), and the actor of the gateway's
/// own commands in the activity feed.
pub const API_USER_ID: u64 = 3;
pub const API_USER_NAME: &str = "mdm-gateway";
pub const API_USER_EMAIL: &str = "mdm-gateway@example.org";

fn platform_of(os: &str, model: &str) -> &'static str {
    match os {
        "iOS" if model.starts_with("iPad") => "ipados",
        "iOS" => "ios",
        "macOS" => "darwin",
        "Windows" => "windows",
        "Android" => "android",
        _ => "ubuntu",
    }
}

fn seed_hosts(o: &FleetOptions, now: i64) -> Vec<Host> {
    crate::fleet::generate(o.seed, o.hosts, now)
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let platform = platform_of(d.operating_system, d.model);
            let team = match i % (o.teams.len() + 1) {
                t if t < o.teams.len() => Some(t),
                _ => None,
            };
            Host {
                id: i as u64 + 1,
                uuid: d.azure_ad_device_id.to_uppercase(),
                hostname: d.device_name.to_lowercase().replace([' ', '\''], "-"),
                display_name: d.device_name,
                platform,
                os_version: match platform {
                    "darwin" => format!("macOS {}", d.os_version),
                    "ios" => format!("iOS {}", d.os_version),
                    "ipados" => format!("iPadOS {}", d.os_version),
                    "windows" => format!("Windows 11 Pro {}", d.os_version),
                    "android" => format!("Android {}", d.os_version),
                    _ => format!("Ubuntu {}", d.os_version),
                },
                hardware_model: d.model.to_string(),
                hardware_serial: d.serial_number,
                team,
                owner_name: d.user_display_name,
                owner_email: d.email_address,
                online: i % 7 != 3,
                seen: d.last_sync,
                enrolled: d.enrolled,
                device_status: "unlocked",
                pending_action: "",
                polls_left: 0,
                mdm_off: false,
                deleted: false,
                labels: match i % (o.labels.len() + 1) {
                    l if l < o.labels.len() => vec![l],
                    _ => Vec::new(),
                },
            }
        })
        .collect()
}

impl FleetFake {
    /// Starts the fake on its own runtime thread and returns once it listens.
    pub fn start(options: FleetOptions) -> std::io::Result<FleetHandle> {
        let listener =
            std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], options.port)))?;
        listener.set_nonblocking(true)?;
        let url = format!("http://{}", listener.local_addr()?);
        let log_file = match &options.log_file {
            Some(p) => Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)?,
            ),
            None => None,
        };
        let inner = Inner {
            hosts: seed_hosts(&options, now_unix()),
            teams: options.teams.clone(),
            faults: Vec::new(),
            activities: Vec::new(),
            commands: BTreeMap::new(),
            log: Vec::new(),
            seq: 0,
        };
        let shared = Arc::new(Shared {
            opts: options,
            inner: Mutex::new(inner),
            log_file: Mutex::new(log_file),
        });
        let app = axum::Router::new()
            .fallback(serve)
            .with_state(shared.clone());
        let server = spawn_http(listener, app, "fleet-fake")?;
        Ok(FleetHandle {
            url,
            shared,
            _server: server,
        })
    }
}

impl FleetHandle {
    /// `http://127.0.0.1:PORT`: the Fleet server URL (`url` in the gateway config).
    pub fn url(&self) -> &str {
        &self.url
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
    /// A host (a clone), deleted ones too.
    pub fn host(&self, id: u64) -> Option<Host> {
        self.shared
            .lock()
            .hosts
            .iter()
            .find(|h| h.id == id)
            .cloned()
    }
    /// Every host id, deleted ones too.
    pub fn host_ids(&self) -> Vec<u64> {
        self.shared.lock().hosts.iter().map(|h| h.id).collect()
    }
    /// How many times a `kind` command (`lock`, `unlock`, `wipe`, `unenroll`) reached
    /// the host.
    pub fn command_count(&self, host_id: u64, kind: &str) -> u64 {
        let g = self.shared.lock();
        g.commands
            .get(&host_id)
            .and_then(|m| m.get(kind))
            .copied()
            .unwrap_or(0)
    }
    /// Commands received so far, every host and kind together.
    pub fn commands_total(&self) -> u64 {
        let g = self.shared.lock();
        g.commands.values().flat_map(|m| m.values()).sum()
    }
    pub fn add_fault(&self, fault: FleetFault) {
        self.shared.lock().faults.push(fault);
    }
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }
    /// Deletes a host as an admin in Fleet's UI would (an activity is recorded).
    pub fn delete_host(&self, id: u64) -> bool {
        let mut g = self.shared.lock();
        let Some(h) = g.hosts.iter_mut().find(|h| h.id == id && !h.deleted) else {
            return false;
        };
        h.deleted = true;
        let details = json!({"host_id": h.id, "host_display_name": h.display_name, "host_serial": h.hardware_serial, "triggered_by": "manual"});
        push_activity(
            &mut g,
            "Ada Admin",
            1,
            "ada@example.org",
            "deleted_host",
            details,
        );
        true
    }
    /// A command sent from Fleet's UI by a human admin, around the gateway: the host
    /// gets it and the activity feed says who.
    pub fn ui_command(&self, id: u64, kind: &str) -> bool {
        let mut g = self.shared.lock();
        let polls = self.shared.opts.polls_until_done;
        let Some(i) = g.hosts.iter().position(|h| h.id == id && !h.deleted) else {
            return false;
        };
        let Some(t) = start_command(&mut g, i, kind, polls) else {
            return false;
        };
        let h = &g.hosts[i];
        let details = json!({"host_id": h.id, "host_display_name": h.display_name});
        push_activity(&mut g, "Ada Admin", 1, "ada@example.org", t, details);
        true
    }
}

fn push_activity(
    g: &mut Inner,
    name: &str,
    actor_id: u64,
    email: &str,
    kind: &str,
    details: Value,
) {
    let id = g.activities.len() as u64 + 1;
    g.activities.push(json!({
        "created_at": crate::fleet::iso(now_unix()),
        "id": id,
        "actor_full_name": name,
        "actor_id": actor_id,
        "actor_gravatar": "",
        "actor_email": email,
        "type": kind,
        "fleet_initiated": false,
        "details": details,
    }));
}

/// Fleet's error body (`{"message", "errors": [{"name", "reason"}]}`).
fn error(status: u16, message: &str, name: &str, reason: &str) -> Resp {
    Resp::json(
        status,
        json!({"message": message, "errors": [{"name": name, "reason": reason}]}),
    )
}

fn not_found() -> Resp {
    error(404, "Resource Not Found", "base", "host not found")
}

fn iso(t: i64) -> String {
    crate::fleet::iso(t)
}

fn host_json(h: &Host, teams: &[String], now: i64, detail: bool) -> Value {
    let status = if h.mdm_off {
        "offline"
    } else if h.online {
        "online"
    } else {
        "offline"
    };
    let mut v = json!({
        "id": h.id,
        "created_at": iso(h.enrolled),
        "updated_at": iso(h.seen.max(h.enrolled)),
        "detail_updated_at": iso(h.seen),
        "label_updated_at": iso(h.seen),
        "policy_updated_at": iso(h.seen),
        "last_enrolled_at": iso(h.enrolled),
        "seen_time": iso(if h.online { now } else { h.seen }),
        "refetch_requested": false,
        "hostname": h.hostname,
        "uuid": h.uuid,
        "platform": h.platform,
        "osquery_version": "5.12.1",
        "os_version": h.os_version,
        "build": "",
        "platform_like": h.platform,
        "code_name": "",
        "uptime": 86_400,
        "memory": 17_179_869_184u64,
    });
    let more = json!({
        "cpu_type": "arm64",
        "cpu_subtype": "",
        "cpu_brand": "",
        "cpu_physical_cores": 8,
        "cpu_logical_cores": 8,
        "hardware_vendor": if matches!(h.platform, "darwin" | "ios" | "ipados") { "Apple Inc." } else { "" },
        "hardware_model": h.hardware_model,
        "hardware_version": "",
        "hardware_serial": h.hardware_serial,
        "computer_name": h.display_name,
        "display_name": h.display_name,
        "public_ip": "",
        "primary_ip": "",
        "primary_mac": "",
        "distributed_interval": 10,
        "config_tls_refresh": 60,
        "logger_tls_period": 10,
        "team_id": h.team.map(|t| t as u64 + 1),
        "team_name": h.team.map(|t| teams[t].clone()),
        "gigs_disk_space_available": 100.0,
        "percent_disk_space_available": 50.0,
        "gigs_total_disk_space": 200.0,
        "disk_encryption_enabled": true,
        "status": status,
        "display_text": h.hostname,
        "mdm": {
            "encryption_key_available": false,
            "enrollment_status": if h.mdm_off { "Off" } else { "On (manual)" },
            "name": "Fleet",
            "connected_to_fleet": !h.mdm_off,
            "server_url": "https://fleet.example.org/mdm/apple/mdm",
            "device_status": h.device_status,
            "pending_action": h.pending_action,
        },
    });
    if let (Some(v), Some(more)) = (v.as_object_mut(), more.as_object()) {
        v.extend(more.clone());
    }
    if detail {
        v["end_users"] = json!([{
            "idp_id": format!("idp-{}", h.id),
            "idp_username": h.owner_email,
            "idp_full_name": h.owner_name,
            "idp_groups": [],
            "other_emails": [],
        }]);
        v["labels"] = json!([]);
        v["packs"] = json!([]);
        v["policies"] = json!([]);
        v["users"] = json!([]);
    } else {
        v["device_mapping"] = json!([{"email": h.owner_email, "source": "idp"}]);
    }
    v
}

/// Starts `kind` on host `i`; the activity type it is recorded as, or `None` when the
/// host cannot take it.
fn start_command(g: &mut Inner, i: usize, kind: &str, polls: u32) -> Option<&'static str> {
    let h = &mut g.hosts[i];
    let (pending, activity) = match kind {
        "lock" => ("lock", "locked_host"),
        "unlock" => ("unlock", "unlocked_host"),
        "wipe" => ("wipe", "wiped_host"),
        _ => return None,
    };
    h.pending_action = pending;
    h.polls_left = polls;
    *g.commands
        .entry(g.hosts[i].id)
        .or_default()
        .entry(kind.to_string())
        .or_default() += 1;
    Some(activity)
}

/// A read of the host: a pending command moves on (the host checked in).
fn poll(h: &mut Host) {
    if h.pending_action.is_empty() || !h.online {
        return;
    }
    if h.polls_left > 0 {
        h.polls_left -= 1;
        return;
    }
    h.device_status = match h.pending_action {
        "lock" => "locked",
        "unlock" => "unlocked",
        "wipe" => "wiped",
        other => {
            debug_assert!(false, "unknown pending action {other}");
            h.device_status
        }
    };
    h.pending_action = "";
}

fn page_args(r: &Req, default: usize) -> Result<(usize, usize), Resp> {
    let num = |k: &str, d: usize| -> Result<usize, Resp> {
        match r.q(k) {
            None => Ok(d),
            Some(v) => v
                .parse()
                .map_err(|_| error(400, "Bad request", k, &format!("invalid {k}: {v:?}"))),
        }
    };
    Ok((num("page", 0)?, num("per_page", default)?))
}

/// `page`/`per_page`, and the cursor the docs describe (`order_key=id&after=N`, ids
/// ascending).
fn cursor_args(r: &Req, default: usize) -> Result<(usize, usize, Option<u64>), Resp> {
    let (page, per_page) = page_args(r, default)?;
    let after = match (r.q("order_key"), r.q("after")) {
        (_, None) => None,
        (Some("id"), Some(a)) => Some(
            a.parse::<u64>()
                .map_err(|_| error(400, "Bad request", "after", "invalid after"))?,
        ),
        (_, Some(_)) => return Err(error(400, "Bad request", "after", "after needs order_key")),
    };
    Ok((page, per_page, after))
}

async fn serve(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
    req: Request<Body>,
) -> Response {
    let r = read_request(req).await;
    if r.method != "GET" && !shared.opts.write_delay.is_zero() {
        tokio::time::sleep(shared.opts.write_delay).await;
    }
    let (route, resp) = dispatch(&shared, &r);
    let mut g = shared.lock();
    g.seq += 1;
    let e = to_exchange(&r, &route, &resp, g.seq, &LOGGED_HEADERS);
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
    drop(g);
    respond(&resp, "application/json; charset=utf-8")
}

fn dispatch(shared: &Shared, r: &Req) -> (String, Resp) {
    let segs: Vec<&str> = r
        .path
        .trim_start_matches("/api/v1/fleet/")
        .split('/')
        .collect();
    let route = match (r.method.as_str(), segs.as_slice()) {
        (m, ["hosts", id, rest @ ..]) if id.parse::<u64>().is_ok() => {
            format!(
                "{m} /api/v1/fleet/hosts/{{id}}{}",
                rest.iter().map(|s| format!("/{s}")).collect::<String>()
            )
        }
        (m, ["hosts", "identifier", _]) => {
            format!("{m} /api/v1/fleet/hosts/identifier/{{identifier}}")
        }
        (m, ["labels", _, "hosts"]) => format!("{m} /api/v1/fleet/labels/{{id}}/hosts"),
        (m, _) => format!("{m} {}", r.path),
    };
    if !r.path.starts_with("/api/v1/fleet/") {
        return (
            route,
            error(404, "Resource Not Found", "base", "no such route"),
        );
    }
    let mut g = shared.lock();
    // Faults come before authentication, as a proxy in front of Fleet would answer.
    if let Some(i) = g.faults.iter().position(|f| {
        matches!(
            f,
            FleetFault::Throttle { .. } | FleetFault::Unavailable { .. }
        )
    }) {
        let resp = match &mut g.faults[i] {
            FleetFault::Throttle { count, retry_after } => {
                *count -= 1;
                let mut resp = error(429, "Too Many Requests", "base", "rate limit exceeded");
                if let Some(s) = retry_after {
                    resp = resp.header("retry-after", s.to_string());
                }
                (*count == 0, resp)
            }
            FleetFault::Unavailable { count } => {
                *count -= 1;
                (
                    *count == 0,
                    error(503, "Service Unavailable", "base", "try again later"),
                )
            }
            _ => unreachable!("matched above"),
        };
        if resp.0 {
            g.faults.remove(i);
        }
        return (route, resp.1);
    }
    let bearer = format!("Bearer {}", shared.opts.api_token);
    let revoked = g
        .faults
        .iter()
        .any(|f| matches!(f, FleetFault::TokenRevoked));
    if r.h("authorization") != Some(bearer.as_str()) || revoked {
        return (
            route,
            error(
                401,
                "Authentication required",
                "base",
                "Authentication required",
            ),
        );
    }
    if r.method != "GET"
        && g.faults
            .iter()
            .any(|f| matches!(f, FleetFault::WritesForbidden))
    {
        return (route, error(403, "forbidden", "base", "forbidden"));
    }
    let now = now_unix();
    let polls = shared.opts.polls_until_done;
    let resp = match (r.method.as_str(), segs.as_slice()) {
        ("GET", ["me"]) => Resp::json(
            200,
            json!({
                "user": {
                    "id": API_USER_ID, "name": API_USER_NAME, "email": API_USER_EMAIL,
                    "global_role": "maintainer", "enabled": true, "api_only": true, "sso_enabled": false,
                    "mfa_enabled": false, "force_password_reset": false, "gravatar_url": "",
                    "position": "", "created_at": iso(now - 86_400), "updated_at": iso(now - 86_400),
                    "teams": [],
                },
                "available_teams": [],
            }),
        ),
        ("GET", ["teams"]) => {
            let teams: Vec<Value> = g.teams.iter().enumerate().map(|(i, name)| {
                let n = g.hosts.iter().filter(|h| !h.deleted && h.team == Some(i)).count();
                json!({"id": i + 1, "created_at": iso(now - 86_400 * 30), "name": name, "description": "", "user_count": 0, "host_count": n})
            }).collect();
            Resp::json(200, json!({"teams": teams}))
        }
        ("GET", ["labels"]) => {
            let live: Vec<&Host> = g.hosts.iter().filter(|h| !h.deleted).collect();
            let label = |id: u64, name: &str, kind: &str, query: &str, n: usize| {
                json!({
                    "id": id, "created_at": iso(now - 86_400 * 60), "updated_at": iso(now - 86_400 * 60),
                    "name": name, "description": "", "query": query, "label_type": kind,
                    "label_membership_type": if kind == "builtin" { "dynamic" } else { "manual" },
                    "host_count": n, "display_text": name,
                })
            };
            let mut labels = vec![
                label(6, "All Hosts", "builtin", "SELECT 1;", live.len()),
                label(
                    7,
                    "macOS",
                    "builtin",
                    "SELECT 1 FROM os_version WHERE platform = 'darwin';",
                    live.iter().filter(|h| h.platform == "darwin").count(),
                ),
            ];
            for (j, name) in shared.opts.labels.iter().enumerate() {
                let n = live.iter().filter(|h| h.labels.contains(&j)).count();
                labels.push(label(LABEL_BASE + j as u64, name, "regular", "", n));
            }
            Resp::json(200, json!({"labels": labels}))
        }
        ("GET", ["labels", id, "hosts"]) => {
            let Ok(id) = id.parse::<u64>() else {
                return (route, not_found());
            };
            let member = |h: &Host| match id {
                6 => true,
                7 => h.platform == "darwin",
                n if n >= LABEL_BASE && ((n - LABEL_BASE) as usize) < shared.opts.labels.len() => {
                    h.labels.contains(&((n - LABEL_BASE) as usize))
                }
                _ => false,
            };
            if !(id == 6
                || id == 7
                || (id >= LABEL_BASE && ((id - LABEL_BASE) as usize) < shared.opts.labels.len()))
            {
                return (
                    route,
                    error(404, "Resource Not Found", "base", "label not found"),
                );
            }
            let (page, per_page, after) = match cursor_args(r, shared.opts.per_page) {
                Ok(p) => p,
                Err(e) => return (route, e),
            };
            let start = if after.is_some() { 0 } else { page * per_page };
            let hosts: Vec<Value> = g
                .hosts
                .iter()
                .filter(|h| !h.deleted && member(h) && after.is_none_or(|a| h.id > a))
                .skip(start)
                .take(per_page)
                .map(|h| host_json(h, &g.teams, now, false))
                .collect();
            Resp::json(200, json!({"hosts": hosts}))
        }
        ("GET", ["hosts"]) | ("GET", ["hosts", "count"]) => {
            let team = match r.q("team_id").map(str::parse::<usize>) {
                None => None,
                Some(Ok(t)) => Some(t),
                Some(Err(_)) => {
                    return (
                        route,
                        error(400, "Bad request", "team_id", "invalid team_id"),
                    );
                }
            };
            let (page, per_page, after) = match cursor_args(r, shared.opts.per_page) {
                Ok(p) => p,
                Err(e) => return (route, e),
            };
            let matching: Vec<&Host> = g
                .hosts
                .iter()
                .filter(|h| {
                    !h.deleted
                        && match team {
                            None => true,
                            Some(0) => h.team.is_none(),
                            Some(t) => h.team == Some(t - 1),
                        }
                        && after.is_none_or(|a| h.id > a)
                })
                .collect();
            if segs.len() == 2 {
                Resp::json(200, json!({"count": matching.len()}))
            } else {
                let start = if after.is_some() { 0 } else { page * per_page };
                let hosts: Vec<Value> = matching
                    .iter()
                    .skip(start)
                    .take(per_page)
                    .map(|h| host_json(h, &g.teams, now, false))
                    .collect();
                Resp::json(200, json!({"hosts": hosts}))
            }
        }
        ("GET", ["hosts", "identifier", ident]) => {
            let teams = g.teams.clone();
            match g.hosts.iter_mut().find(|h| {
                !h.deleted
                    && (h.hardware_serial == *ident || h.uuid == *ident || h.hostname == *ident)
            }) {
                Some(h) => {
                    poll(h);
                    Resp::json(200, json!({"host": host_json(h, &teams, now, true)}))
                }
                None => not_found(),
            }
        }
        ("POST", ["hosts", "delete"]) => {
            // Fleet deletes every host a filter matches; empty filters match all of them.
            let body = r.json().unwrap_or(Value::Null);
            let ids: Vec<u64> = body
                .get("ids")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default();
            let all = ids.is_empty() && body.get("filters").is_some();
            for h in g.hosts.iter_mut().filter(|h| all || ids.contains(&h.id)) {
                h.deleted = true;
            }
            Resp::json(200, json!({}))
        }
        (method, ["hosts", id, rest @ ..]) => {
            let Ok(id) = id.parse::<u64>() else {
                return (route, not_found());
            };
            let Some(i) = g.hosts.iter().position(|h| h.id == id && !h.deleted) else {
                return (route, not_found());
            };
            match (method, rest) {
                ("GET", []) => {
                    let teams = g.teams.clone();
                    let h = &mut g.hosts[i];
                    poll(h);
                    Resp::json(200, json!({"host": host_json(h, &teams, now, true)}))
                }
                ("POST", [kind @ ("lock" | "unlock" | "wipe")]) => {
                    if let Some(FleetFault::HostRefuses { reason, .. }) = g.faults.iter().find(
                        |f| matches!(f, FleetFault::HostRefuses { host_id, .. } if *host_id == id),
                    ) {
                        return (route, error(422, "Validation Failed", "host_id", reason));
                    }
                    if matches!(g.hosts[i].platform, "android") {
                        return (
                            route,
                            error(
                                422,
                                "Validation Failed",
                                "host_id",
                                "Unsupported host platform: android",
                            ),
                        );
                    }
                    if g.hosts[i].mdm_off {
                        return (
                            route,
                            error(
                                422,
                                "Validation Failed",
                                "host_id",
                                "Can't lock, unlock or wipe the host because MDM is turned off.",
                            ),
                        );
                    }
                    if !g.hosts[i].pending_action.is_empty() {
                        return (
                            route,
                            error(
                                422,
                                "Validation Failed",
                                "host_id",
                                &format!(
                                    "Host has pending {} request. The host will {} when it comes online.",
                                    g.hosts[i].pending_action, g.hosts[i].pending_action
                                ),
                            ),
                        );
                    }
                    if *kind == "wipe"
                        && let Some(body) = r.json()
                        && body.get("windows").is_some()
                        && !matches!(
                            body.pointer("/windows/wipe_type").and_then(Value::as_str),
                            Some("doWipe" | "doWipeProtected")
                        )
                    {
                        return (
                            route,
                            error(
                                422,
                                "Validation Failed",
                                "wipe_type",
                                "wipe_type must be doWipe or doWipeProtected",
                            ),
                        );
                    }
                    let before = g.hosts[i].device_status;
                    let Some(activity) = start_command(&mut g, i, kind, polls) else {
                        return (route, not_found());
                    };
                    let h = g.hosts[i].clone();
                    push_activity(
                        &mut g,
                        API_USER_NAME,
                        API_USER_ID,
                        API_USER_EMAIL,
                        activity,
                        json!({"host_id": h.id, "host_display_name": h.display_name}),
                    );
                    match *kind {
                        "lock" => {
                            let mut body =
                                json!({"device_status": before, "pending_action": "lock"});
                            if h.platform == "darwin" && r.q("view_pin") == Some("true") {
                                body["unlock_pin"] =
                                    json!(format!("{:06}", (h.id * 7919 + 104_729) % 1_000_000));
                            }
                            Resp::json(200, body)
                        }
                        "unlock" => Resp::json(
                            200,
                            json!({"host_id": h.id, "device_status": before, "pending_action": "unlock"}),
                        ),
                        _ => Resp::json(
                            200,
                            json!({"device_status": before, "pending_action": "wipe"}),
                        ),
                    }
                }
                ("DELETE", ["mdm"]) => {
                    let h = &mut g.hosts[i];
                    if !matches!(h.platform, "darwin" | "ios" | "ipados" | "android") {
                        return (
                            route,
                            error(
                                400,
                                "Bad request",
                                "host_id",
                                "Turning off MDM is only supported on macOS, iOS, iPadOS and Android hosts.",
                            ),
                        );
                    }
                    h.mdm_off = true;
                    let details = json!({"host_serial": h.hardware_serial, "host_display_name": h.display_name, "installed_from_dep": false});
                    let hid = h.id;
                    *g.commands
                        .entry(hid)
                        .or_default()
                        .entry("unenroll".into())
                        .or_default() += 1;
                    push_activity(
                        &mut g,
                        API_USER_NAME,
                        API_USER_ID,
                        API_USER_EMAIL,
                        "mdm_unenrolled",
                        details,
                    );
                    Resp::empty(204)
                }
                _ => error(404, "Resource Not Found", "base", "no such route"),
            }
        }
        ("GET", ["activities"]) => {
            let (page, per_page) = match page_args(r, shared.opts.per_page) {
                Ok(p) => p,
                Err(e) => return (route, e),
            };
            let desc = r.q("order_direction") != Some("asc");
            let mut all: Vec<&Value> = g.activities.iter().collect();
            if desc {
                all.reverse();
            }
            let slice: Vec<Value> = all
                .iter()
                .skip(page * per_page)
                .take(per_page)
                .map(|v| (*v).clone())
                .collect();
            let has_next = all.len() > (page + 1) * per_page;
            Resp::json(
                200,
                json!({"activities": slice, "meta": {"has_next_results": has_next, "has_previous_results": page > 0}}),
            )
        }
        _ => error(404, "Resource Not Found", "base", "no such route"),
    };
    (route, resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(fake: &FleetHandle, method: reqwest::Method, path: &str) -> (u16, Value) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let r = reqwest::Client::new()
                .request(method, format!("{}{path}", fake.url()))
                .bearer_auth("fake-fleet-api-token")
                .send()
                .await
                .unwrap();
            let s = r.status().as_u16();
            (s, r.json().await.unwrap_or(Value::Null))
        })
    }

    fn get(fake: &FleetHandle, path: &str) -> (u16, Value) {
        call(fake, reqwest::Method::GET, path)
    }

    fn post(fake: &FleetHandle, path: &str) -> (u16, Value) {
        call(fake, reqwest::Method::POST, path)
    }

    #[test]
    fn hosts_page_from_zero_and_the_cursor_agrees() {
        let fake = FleetFake::start(FleetOptions {
            hosts: 25,
            ..FleetOptions::default()
        })
        .unwrap();
        let (s, p0) = get(&fake, "/api/v1/fleet/hosts?page=0&per_page=10");
        assert_eq!(s, 200);
        let ids = |v: &Value| {
            v["hosts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["id"].as_u64().unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&p0), (1..=10).collect::<Vec<_>>());
        let (_, p2) = get(&fake, "/api/v1/fleet/hosts?page=2&per_page=10");
        assert_eq!(ids(&p2), (21..=25).collect::<Vec<_>>());
        let (_, after) = get(
            &fake,
            "/api/v1/fleet/hosts?order_key=id&after=20&per_page=10",
        );
        assert_eq!(ids(&after), ids(&p2));
        let (_, c) = get(&fake, "/api/v1/fleet/hosts/count");
        assert_eq!(c["count"], 25);
        let (s, _) = {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let r = reqwest::get(format!("{}/api/v1/fleet/hosts", fake.url()))
                    .await
                    .unwrap();
                (r.status().as_u16(), ())
            })
        };
        assert_eq!(s, 401, "no token, no hosts");
    }

    #[test]
    fn a_lock_is_pending_until_the_host_is_read_and_then_locked() {
        let fake = FleetFake::start(FleetOptions {
            hosts: 8,
            ..FleetOptions::default()
        })
        .unwrap();
        let id = fake
            .host_ids()
            .into_iter()
            .find(|&i| fake.host(i).unwrap().online)
            .unwrap();
        let (s, b) = post(&fake, &format!("/api/v1/fleet/hosts/{id}/lock"));
        assert_eq!(s, 200, "{b}");
        assert_eq!(b["pending_action"], "lock");
        let (s, again) = post(&fake, &format!("/api/v1/fleet/hosts/{id}/lock"));
        assert_eq!(s, 422, "a second command while one is pending: {again}");
        let (_, h) = get(&fake, &format!("/api/v1/fleet/hosts/{id}"));
        assert_eq!(
            h["host"]["mdm"]["pending_action"], "lock",
            "one poll still pending"
        );
        let (_, h) = get(&fake, &format!("/api/v1/fleet/hosts/{id}"));
        assert_eq!(h["host"]["mdm"]["device_status"], "locked");
        assert_eq!(fake.command_count(id, "lock"), 1);
        let (_, a) = get(&fake, "/api/v1/fleet/activities");
        assert_eq!(a["activities"][0]["type"], "locked_host");
        assert_eq!(a["activities"][0]["actor_id"], API_USER_ID);
    }
}
