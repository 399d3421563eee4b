//! A fake of the parts of the Jamf Pro API that the gateway's Jamf backend uses: the
//! OAuth client-credentials token, computers inventory (v3) and mobile devices (v2, and
//! their detail), computer groups, MDM commands (send, and the command history with RSQL
//! filters), the computer and mobile erase endpoints, removing a computer's MDM profile
//! and unmanaging a mobile device, and App Installers deployments (to smart computer
//! groups, with each computer's install status).
//!
//! Shapes follow the Jamf Pro API description (`../shared/contracts/jamf/`); every
//! exchange is recorded for `tests/contracts/validate_jamf.py`. Serves plain http on
//! 127.0.0.1 only.
//!
//! A command is queued (`PENDING`) when Jamf answers it and acknowledged after
//! `polls_until_done` reads of it in the command history, as a device that checks in.
//! Each route answers 403 when the API client's roles lack the privilege the API
//! description lists for it ([`JamfFault::MissingPrivilege`]).

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
use std::time::Duration;

/// How the Jamf fake is set up.
#[derive(Debug, Clone)]
pub struct JamfOptions {
    /// 0 picks a free port.
    pub port: u16,
    pub computers: usize,
    pub mobile_devices: usize,
    /// Same seed and sizes, same devices.
    pub seed: u64,
    /// Computer groups (the first is smart, the rest static); computers are spread over them.
    pub computer_groups: Vec<String>,
    /// Mobile device groups, likewise.
    pub mobile_groups: Vec<String>,
    /// The API client the token endpoint knows.
    pub client_id: String,
    pub client_secret: String,
    /// `expires_in` of issued tokens (Jamf's default is 60 s).
    pub token_lifetime: Duration,
    /// Reads of a command in the history after which it is acknowledged.
    pub polls_until_done: u32,
    /// How long each write takes before Jamf answers it (a slow server, so a test can
    /// stop the gateway in the middle of a fan-out).
    pub write_delay: Duration,
    /// Also append every exchange as a JSON line to this file.
    pub log_file: Option<PathBuf>,
    /// Keep exchanges in memory (benches may turn this off).
    pub keep_log: bool,
    /// The App Installers titles Jamf offers.
    pub app_titles: Vec<AppTitle>,
}

/// One App Installers title of Jamf's catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppTitle {
    pub id: String,
    pub name: String,
    pub bundle_id: String,
    /// The version Jamf installs now.
    pub version: String,
}

/// One App Installers deployment.
#[derive(Debug, Clone)]
pub struct Deployment {
    pub id: u64,
    pub name: String,
    pub enabled: bool,
    pub title: String,
    pub smart_group: Option<String>,
    pub deployment_type: String,
    pub update_behavior: String,
    pub deleted: bool,
}

impl Default for JamfOptions {
    fn default() -> Self {
        JamfOptions {
            port: 0,
            computers: 12,
            mobile_devices: 8,
            seed: 11,
            computer_groups: vec!["All Managed Macs".into(), "Design Macs".into()],
            mobile_groups: vec!["Field iPads".into(), "Exec iPhones".into()],
            client_id: "fake-jamf-client".into(),
            client_secret: "fake-jamf-client-secret".into(),
            token_lifetime: Duration::from_secs(60),
            polls_until_done: 1,
            write_delay: Duration::ZERO,
            log_file: None,
            keep_log: true,
            app_titles: vec![
                AppTitle {
                    id: "0C6".into(),
                    name: "Google Chrome".into(),
                    bundle_id: "com.google.Chrome".into(),
                    version: "131.0.6778.86".into(),
                },
                AppTitle {
                    id: "1B4".into(),
                    name: "Slack".into(),
                    bundle_id: "com.tinyspeck.slackmacgap".into(),
                    version: "4.41.105".into(),
                },
            ],
        }
    }
}

/// Faults a test can inject.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum JamfFault {
    /// The next `count` requests answer 429, with `Retry-After` when given.
    Throttle {
        count: u32,
        #[serde(default)]
        retry_after: Option<u64>,
    },
    /// The next `count` requests answer 503.
    Unavailable { count: u32 },
    /// The API client is disabled: the token endpoint answers `invalid_client` and
    /// every token already issued answers 401, until cleared.
    ClientDisabled,
    /// The API client's roles lack this privilege: routes that need it answer 403.
    MissingPrivilege { privilege: String },
}

/// Computer or mobile device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Computer,
    Mobile,
}

/// One device as the fake keeps it.
#[derive(Debug, Clone)]
pub struct Device {
    pub kind: Kind,
    pub id: u64,
    pub management_id: String,
    pub udid: String,
    pub name: String,
    pub serial: String,
    pub model: String,
    pub model_identifier: String,
    pub os_version: String,
    pub username: String,
    pub realname: String,
    pub email: String,
    pub phone: String,
    pub last_contact: i64,
    pub enrolled: i64,
    pub managed: bool,
    /// Indexes into the groups of its kind.
    pub groups: Vec<usize>,
    pub deleted: bool,
}

/// One MDM command in the history.
#[derive(Debug, Clone)]
pub struct Command {
    pub uuid: String,
    pub management_id: String,
    pub client_type: &'static str,
    pub command_type: String,
    pub state: &'static str,
    pub sent: i64,
    pub completed: Option<i64>,
    pub polls_left: u32,
    /// The PIN a lock or erase carried (tests check one was sent; never served back).
    pub pin: Option<String>,
    /// Sent by the fake's "admin in the Jamf Pro UI", not through the API.
    pub from_ui: bool,
}

struct Inner {
    /// Computers (ids 1…) then mobile devices (ids 1…); deleted ones stay in place.
    devices: Vec<Device>,
    computers: usize,
    by_mid: std::collections::HashMap<String, usize>,
    commands: Vec<Command>,
    faults: Vec<JamfFault>,
    tokens: Vec<(String, i64)>,
    deployments: Vec<Deployment>,
    /// Computer id → the error its App Installers install reports.
    install_errors: std::collections::HashMap<u64, String>,
    /// Title id → its version now (a title Jamf moved on).
    title_versions: std::collections::HashMap<String, String>,
    log: Vec<Exchange>,
    seq: u64,
}

struct Shared {
    opts: JamfOptions,
    /// Requests being served now, and the most at once (Jamf's connection guidance).
    in_flight: std::sync::atomic::AtomicUsize,
    max_in_flight: std::sync::atomic::AtomicUsize,
    inner: Mutex<Inner>,
    log_file: Mutex<Option<std::fs::File>>,
}

impl Inner {
    /// The index of the live device of `kind` with this id.
    fn at(&self, kind: Kind, id: &str) -> Option<usize> {
        let n: usize = id.parse().ok().filter(|&n| n > 0)?;
        let i = match kind {
            Kind::Computer if n <= self.computers => n - 1,
            Kind::Computer => return None,
            Kind::Mobile => self.computers + n - 1,
        };
        self.devices
            .get(i)
            .filter(|d| d.kind == kind && !d.deleted)
            .map(|_| i)
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The entry point: `JamfFake::start(options)`.
pub struct JamfFake;

/// A running Jamf fake; stops when dropped.
pub struct JamfHandle {
    url: String,
    shared: Arc<Shared>,
    _server: Running,
}

const LOGGED_HEADERS: [&str; 3] = ["authorization", "content-type", "accept"];

/// The privileges each route needs, as the API description lists them
/// (`x-required-privileges`).
pub fn privileges(route: &str) -> &'static [&'static str] {
    match route {
        "GET /api/v3/computers-inventory" | "GET /api/v3/computers-inventory/{id}" => {
            &["Read Computers"]
        }
        "GET /api/v2/mobile-devices"
        | "GET /api/v2/mobile-devices/{id}"
        | "GET /api/v2/mobile-devices/{id}/detail" => &["Read Mobile Devices"],
        "GET /api/v1/computer-groups" => {
            &["Read Smart Computer Groups", "Read Static Computer Groups"]
        }
        "GET /api/v2/mdm/commands" | "POST /api/v2/mdm/commands" => {
            &["View MDM command information in Jamf Pro API"]
        }
        "POST /api/v1/computer-inventory/{id}/erase" => &["Send Computer Remote Wipe Command"],
        "POST /api/v2/mobile-devices/{id}/erase" => &["Send Mobile Device Remote Wipe Command"],
        "POST /api/v1/computer-inventory/{id}/remove-mdm-profile" => {
            &["Send Computer Unmanage Command"]
        }
        "POST /api/v2/mobile-devices/{id}/unmanage" => &["Unmanage Mobile Devices"],
        "GET /api/v1/app-installers/deployments"
        | "GET /api/v1/app-installers/deployments/{id}"
        | "GET /api/v1/app-installers/deployments/{id}/computers" => &["Read App Installers"],
        "POST /api/v1/app-installers/deployments" => &["Create App Installers"],
        "PUT /api/v1/app-installers/deployments/{id}" => &["Update App Installers"],
        "DELETE /api/v1/app-installers/deployments/{id}" => &["Delete App Installers"],
        _ => &[],
    }
}

const MAC_MODELS: [(&str, &str); 3] = [
    ("MacBook Pro (14-inch, 2023)", "Mac14,9"),
    ("MacBook Air (M2, 2022)", "Mac14,2"),
    ("Mac mini (2023)", "Mac14,3"),
];
const MOBILE_MODELS: [(&str, &str); 3] = [
    ("iPhone 15", "iPhone15,4"),
    ("iPad Pro (11-inch) (4th generation)", "iPad14,3"),
    ("iPhone 14 Pro", "iPhone15,2"),
];

fn seed_devices(o: &JamfOptions, now: i64) -> Vec<Device> {
    let all = crate::fleet::generate(o.seed, o.computers + o.mobile_devices, now);
    all.into_iter()
        .enumerate()
        .map(|(i, d)| {
            let computer = i < o.computers;
            let (kind, n, groups) = if computer {
                (Kind::Computer, i, o.computer_groups.len())
            } else {
                (Kind::Mobile, i - o.computers, o.mobile_groups.len())
            };
            let (model, ident) = if computer {
                MAC_MODELS[n % MAC_MODELS.len()]
            } else {
                MOBILE_MODELS[n % MOBILE_MODELS.len()]
            };
            // The first group is smart and holds every device of its kind; the others
            // are static and hold every n-th.
            let mut member: Vec<usize> = Vec::new();
            if groups > 0 {
                member.push(0);
            }
            if groups > 1 {
                member.push(1 + n % (groups - 1));
            }
            Device {
                kind,
                id: n as u64 + 1,
                management_id: crate::fleet::guid(o.seed, 41, i as u64),
                udid: crate::fleet::guid(o.seed, 42, i as u64).to_uppercase(),
                name: d.device_name,
                serial: d.serial_number,
                model: model.into(),
                model_identifier: ident.into(),
                os_version: if computer {
                    format!("14.{}.{}", n % 7, n % 3)
                } else {
                    format!("17.{}", n % 6)
                },
                username: d
                    .user_principal_name
                    .split('@')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                realname: d.user_display_name,
                email: d.email_address,
                phone: d.phone_number,
                last_contact: d.last_sync,
                enrolled: d.enrolled,
                managed: true,
                groups: member,
                deleted: false,
            }
        })
        .collect()
}

impl JamfFake {
    /// Starts the fake on its own runtime thread and returns once it listens.
    pub fn start(options: JamfOptions) -> std::io::Result<JamfHandle> {
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
        let devices = seed_devices(&options, now_unix());
        let by_mid = devices
            .iter()
            .enumerate()
            .map(|(i, d)| (d.management_id.clone(), i))
            .collect();
        let inner = Inner {
            devices,
            computers: options.computers,
            by_mid,
            commands: Vec::new(),
            faults: Vec::new(),
            tokens: Vec::new(),
            deployments: Vec::new(),
            install_errors: Default::default(),
            title_versions: Default::default(),
            log: Vec::new(),
            seq: 0,
        };
        let shared = Arc::new(Shared {
            opts: options,
            in_flight: Default::default(),
            max_in_flight: Default::default(),
            inner: Mutex::new(inner),
            log_file: Mutex::new(log_file),
        });
        let app = axum::Router::new()
            .fallback(serve)
            .with_state(shared.clone());
        let server = spawn_http(listener, app, "jamf-fake")?;
        Ok(JamfHandle {
            url,
            shared,
            _server: server,
        })
    }
}

impl JamfHandle {
    /// `http://127.0.0.1:PORT`: the Jamf Pro server URL (`url` in the gateway config).
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
    /// Every device (a clone), deleted ones too.
    pub fn devices(&self) -> Vec<Device> {
        self.shared.lock().devices.clone()
    }
    /// The command history (clones), oldest first.
    pub fn commands(&self) -> Vec<Command> {
        self.shared.lock().commands.clone()
    }
    /// Commands in the history so far.
    pub fn command_total(&self) -> usize {
        self.shared.lock().commands.len()
    }
    /// The most requests the fake served at once (a cut connection may leave one
    /// counted).
    pub fn max_in_flight(&self) -> usize {
        self.shared
            .max_in_flight
            .load(std::sync::atomic::Ordering::SeqCst)
    }
    /// Commands of `command_type` sent to the device with this management id.
    pub fn command_count(&self, management_id: &str, command_type: &str) -> usize {
        self.shared
            .lock()
            .commands
            .iter()
            .filter(|c| c.management_id == management_id && c.command_type == command_type)
            .count()
    }
    pub fn add_fault(&self, fault: JamfFault) {
        self.shared.lock().faults.push(fault);
    }
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }
    /// Every App Installers deployment (clones), deleted ones too.
    pub fn deployments(&self) -> Vec<Deployment> {
        self.shared.lock().deployments.clone()
    }
    /// The computer's App Installers install fails with this error.
    pub fn fail_install(&self, computer_id: u64, error: &str) {
        self.shared
            .lock()
            .install_errors
            .insert(computer_id, error.to_string());
    }
    /// Jamf moves the title on to `version` (what new deployments of it install).
    pub fn set_title_version(&self, title: &str, version: &str) {
        self.shared
            .lock()
            .title_versions
            .insert(title.to_string(), version.to_string());
    }
    /// Deletes a device as an admin in Jamf Pro would.
    pub fn delete_device(&self, kind: Kind, id: u64) -> bool {
        let mut g = self.shared.lock();
        match g
            .devices
            .iter_mut()
            .find(|d| d.kind == kind && d.id == id && !d.deleted)
        {
            Some(d) => {
                d.deleted = true;
                true
            }
            None => false,
        }
    }
    /// A command sent from the Jamf Pro UI by an admin, around the gateway.
    pub fn ui_command(&self, management_id: &str, command_type: &str) -> Option<String> {
        let mut g = self.shared.lock();
        let polls = self.shared.opts.polls_until_done;
        let d = g
            .devices
            .iter()
            .find(|d| d.management_id == management_id && !d.deleted)?
            .clone();
        Some(queue(&mut g, &d, command_type, None, polls, true))
    }
}

fn iso(t: i64) -> String {
    crate::fleet::iso(t)
}

/// Jamf's error body (`ApiError`).
fn error(status: u16, code: &str, field: &str, description: &str) -> Resp {
    Resp::json(
        status,
        json!({"httpStatus": status, "errors": [{"code": code, "field": field, "description": description, "id": "0"}]}),
    )
}

fn client_type(k: Kind) -> &'static str {
    match k {
        Kind::Computer => "COMPUTER",
        Kind::Mobile => "MOBILE_DEVICE",
    }
}

/// Queues a command to `d`; its uuid.
fn queue(
    g: &mut Inner,
    d: &Device,
    command_type: &str,
    pin: Option<String>,
    polls: u32,
    from_ui: bool,
) -> String {
    let n = g.commands.len() as u64;
    let uuid = crate::fleet::guid(now_unix() as u64, 43, n);
    g.commands.push(Command {
        uuid: uuid.clone(),
        management_id: d.management_id.clone(),
        client_type: client_type(d.kind),
        command_type: command_type.to_string(),
        state: "PENDING",
        sent: now_unix(),
        completed: None,
        polls_left: polls,
        pin,
        from_ui,
    });
    uuid
}

/// A command read from the history: one poll closer to done; once acknowledged its
/// effect shows on the device.
fn poll(g: &mut Inner, i: usize) {
    let c = &mut g.commands[i];
    if c.state != "PENDING" {
        return;
    }
    if c.polls_left > 0 {
        c.polls_left -= 1;
        return;
    }
    c.state = "ACKNOWLEDGED";
    c.completed = Some(now_unix());
    let mid = c.management_id.clone();
    if let Some(i) = g.by_mid.get(&mid).copied() {
        g.devices[i].last_contact = now_unix();
    }
}

fn command_json(c: &Command) -> Value {
    let mut v = json!({
        "uuid": c.uuid,
        "client": {"managementId": c.management_id, "clientType": c.client_type},
        "commandState": c.state,
        "commandType": c.command_type,
        "dateSent": iso(c.sent),
    });
    if let Some(t) = c.completed {
        v["dateCompleted"] = json!(iso(t));
    }
    v
}

fn computer_json(d: &Device, groups: &[String], sections: &[String]) -> Value {
    let has = |s: &str| sections.iter().any(|x| x == s);
    let mut v = json!({"id": d.id.to_string(), "udid": d.udid});
    if has("GENERAL") || sections.is_empty() {
        v["general"] = json!({
            "name": d.name,
            "lastContactTime": iso(d.last_contact),
            "lastEnrolledDate": iso(d.enrolled),
            "reportDate": iso(d.last_contact),
            "managementId": d.management_id,
            "platform": "Mac",
            "supervised": true,
            "userApprovedMdm": true,
            "remoteManagement": {"managed": d.managed, "managementUsername": "jamfadmin"},
        });
    }
    if has("HARDWARE") {
        v["hardware"] = json!({
            "make": "Apple",
            "model": d.model,
            "modelIdentifier": d.model_identifier,
            "serialNumber": d.serial,
            "appleSilicon": true,
        });
    }
    if has("OPERATING_SYSTEM") {
        v["operatingSystem"] = json!({"name": "macOS", "version": d.os_version, "build": "23G93"});
    }
    if has("USER_AND_LOCATION") {
        v["userAndLocation"] = json!({
            "username": d.username, "realname": d.realname, "email": d.email,
            "phone": d.phone, "position": "", "room": "",
        });
    }
    if has("GROUP_MEMBERSHIPS") {
        v["groupMemberships"] = json!(
            d.groups
                .iter()
                .filter_map(|&i| groups.get(i).map(|n| (i, n)))
                .map(|(i, n)| json!({"groupId": (i + 1).to_string(), "groupName": n, "smartGroup": i == 0}))
                .collect::<Vec<_>>()
        );
    }
    v
}

fn mobile_json(d: &Device) -> Value {
    json!({
        "id": d.id.to_string(),
        "name": d.name,
        "serialNumber": d.serial,
        "udid": d.udid,
        "managementId": d.management_id,
        "model": d.model,
        "modelIdentifier": d.model_identifier,
        "phoneNumber": d.phone,
        "username": d.username,
        "type": "ios",
        "wifiMacAddress": "",
        "softwareUpdateDeviceId": "",
    })
}

fn mobile_detail_json(d: &Device, groups: &[String]) -> Value {
    json!({
        "id": d.id.to_string(),
        "name": d.name,
        "serialNumber": d.serial,
        "udid": d.udid,
        "managementId": d.management_id,
        "type": "ios",
        "osVersion": d.os_version,
        "osBuild": "21F90",
        "managed": d.managed,
        "lastInventoryUpdateTimestamp": iso(d.last_contact),
        "lastEnrollmentTimestamp": iso(d.enrolled),
        "location": {
            "username": d.username, "realName": d.realname, "emailAddress": d.email,
            "phoneNumber": d.phone, "position": "", "room": "",
        },
        "ios": {"model": d.model, "modelIdentifier": d.model_identifier, "supervised": true},
        "groups": d.groups.iter().filter_map(|&i| groups.get(i).map(|n| (i, n))).map(|(i, n)| json!({
            "groupId": (100 + i + 1).to_string(), "groupName": n, "smart": i == 0, "groupDescription": "",
        })).collect::<Vec<_>>(),
    })
}

/// One clause of an RSQL filter: `field op value`; `op` is `==`, `!=`, `=in=`, `=gt=`,
/// `=ge=`, `=lt=` or `=le=`.
#[derive(Debug, Clone, PartialEq)]
struct Clause {
    field: String,
    op: String,
    values: Vec<String>,
}

/// Parses the subset of RSQL Jamf documents for these lists: clauses joined by `;` or
/// ` and ` (every one must hold).
fn rsql(filter: &str) -> Result<Vec<Clause>, String> {
    let mut out = Vec::new();
    for part in filter.split(';').flat_map(|p| p.split(" and ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (field, op, rest) = ["=in=", "=gt=", "=ge=", "=lt=", "=le=", "==", "!="]
            .iter()
            .find_map(|op| part.split_once(op).map(|(f, v)| (f, *op, v)))
            .ok_or_else(|| format!("no operator in {part:?}"))?;
        let unquote = |s: &str| s.trim().trim_matches('"').to_string();
        let values = if op == "=in=" {
            let inner = rest
                .trim()
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .ok_or_else(|| format!("=in= needs (a,b,…) in {part:?}"))?;
            inner.split(',').map(unquote).collect()
        } else {
            vec![unquote(rest)]
        };
        out.push(Clause {
            field: field.trim().to_string(),
            op: op.to_string(),
            values,
        });
    }
    Ok(out)
}

fn holds(c: &Clause, actual: &str) -> bool {
    let v = &c.values[0];
    match c.op.as_str() {
        "==" => v
            .strip_suffix('*')
            .map_or(actual == v, |p| actual.starts_with(p)),
        "!=" => actual != v,
        "=in=" => c.values.iter().any(|x| x == actual),
        // Dates (RFC 3339, same format) and ids (numbers) compare as such.
        op => {
            let ord = match (actual.parse::<u64>(), v.parse::<u64>()) {
                (Ok(a), Ok(b)) => a.cmp(&b),
                _ => actual.cmp(v.as_str()),
            };
            match op {
                "=gt=" => ord.is_gt(),
                "=ge=" => ord.is_ge(),
                "=lt=" => ord.is_lt(),
                _ => ord.is_le(),
            }
        }
    }
}

fn page_args(r: &Req) -> Result<(usize, usize), Resp> {
    let num = |k: &str, d: usize| match r.q(k) {
        None => Ok(d),
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| error(400, "INVALID_FIELD", k, &format!("{k} must be a number"))),
    };
    let page = num("page", 0)?;
    let size = num("page-size", 100)?;
    if size == 0 || size > 2000 {
        return Err(error(
            400,
            "INVALID_FIELD",
            "page-size",
            "page-size must be between 1 and 2000",
        ));
    }
    Ok((page, size))
}

async fn serve(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
    req: Request<Body>,
) -> Response {
    use std::sync::atomic::Ordering::SeqCst;
    let now = shared.in_flight.fetch_add(1, SeqCst) + 1;
    shared.max_in_flight.fetch_max(now, SeqCst);
    let r = read_request(req).await;
    if r.method != "GET" && !shared.opts.write_delay.is_zero() && !r.path.ends_with("/token") {
        tokio::time::sleep(shared.opts.write_delay).await;
    }
    let (route, resp) = dispatch(&shared, &r);
    shared.in_flight.fetch_sub(1, SeqCst);
    let mut g = shared.lock();
    g.seq += 1;
    let mut e = to_exchange(&r, &route, &resp, g.seq, &LOGGED_HEADERS);
    if r.path.ends_with("/v1/oauth/token") {
        if let Value::String(text) = &e.request_body {
            e.request_body = Value::String(crate::auth::redact_form(text));
        }
        if let Some(t) = e.response_body.get_mut("access_token") {
            *t = Value::String("***".into());
        }
    }
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
    respond(&resp, "application/json;charset=UTF-8")
}

fn route_of(method: &str, path: &str) -> String {
    let segs: Vec<&str> = path.split('/').collect();
    let t: Vec<String> = segs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let numeric = !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            if numeric && i >= 3 {
                "{id}".to_string()
            } else {
                s.to_string()
            }
        })
        .collect();
    format!("{method} {}", t.join("/"))
}

fn dispatch(shared: &Shared, r: &Req) -> (String, Resp) {
    let route = route_of(&r.method, &r.path);
    let mut g = shared.lock();
    if let Some(i) = g.faults.iter().position(|f| {
        matches!(
            f,
            JamfFault::Throttle { .. } | JamfFault::Unavailable { .. }
        )
    }) {
        let (done, resp) = match &mut g.faults[i] {
            JamfFault::Throttle { count, retry_after } => {
                *count -= 1;
                let mut resp = error(429, "TOO_MANY_REQUESTS", "", "Too many requests");
                if let Some(s) = retry_after {
                    resp = resp.header("retry-after", s.to_string());
                }
                (*count == 0, resp)
            }
            JamfFault::Unavailable { count } => {
                *count -= 1;
                (
                    *count == 0,
                    error(503, "SERVICE_UNAVAILABLE", "", "Service unavailable"),
                )
            }
            _ => unreachable!("matched above"),
        };
        if done {
            g.faults.remove(i);
        }
        return (route, resp);
    }
    let disabled = g
        .faults
        .iter()
        .any(|f| matches!(f, JamfFault::ClientDisabled));
    let now = now_unix();
    if r.method == "POST" && r.path == "/api/v1/oauth/token" {
        let form: BTreeMap<String, String> =
            url::form_urlencoded::parse(&r.body).into_owned().collect();
        let ct = r.h("content-type").unwrap_or("");
        if !ct.starts_with("application/x-www-form-urlencoded") {
            return (
                route,
                Resp::json(
                    400,
                    json!({"error": "invalid_request", "error_description": "form body expected"}),
                ),
            );
        }
        if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
            return (
                route,
                Resp::json(400, json!({"error": "unsupported_grant_type"})),
            );
        }
        if disabled
            || form.get("client_id") != Some(&shared.opts.client_id)
            || form.get("client_secret") != Some(&shared.opts.client_secret)
        {
            return (
                route,
                Resp::json(
                    401,
                    json!({"error": "invalid_client", "error_description": "Client authentication failed"}),
                ),
            );
        }
        let token = crate::fleet::guid(now as u64, 44, g.tokens.len() as u64);
        let life = shared.opts.token_lifetime.as_secs().max(1) as i64;
        g.tokens.push((token.clone(), now + life));
        return (
            route,
            Resp::json(
                200,
                json!({"access_token": token, "expires_in": life, "scope": "api-role:1", "token_type": "Bearer"}),
            ),
        );
    }
    let token = r
        .h("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or("");
    let valid = g.tokens.iter().any(|(t, exp)| t == token && *exp > now);
    if !valid || disabled {
        return (
            route,
            error(
                401,
                "INVALID_TOKEN",
                "",
                "Unauthorized: the token is invalid or expired",
            ),
        );
    }
    let missing = g.faults.iter().find_map(|f| match f {
        JamfFault::MissingPrivilege { privilege } => Some(privilege.clone()),
        _ => None,
    });
    if let Some(p) = missing
        && privileges(&route).contains(&p.as_str())
    {
        // Jamf answers a missing privilege with 403 and no body.
        return (route, Resp::empty(403));
    }
    let polls = shared.opts.polls_until_done;
    let segs: Vec<&str> = r.path.trim_start_matches("/api/").split('/').collect();
    let cg = shared.opts.computer_groups.clone();
    let mg = shared.opts.mobile_groups.clone();
    let resp = match (r.method.as_str(), segs.as_slice()) {
        ("GET", ["v3", "computers-inventory"]) => {
            let (page, size) = match page_args(r) {
                Ok(p) => p,
                Err(e) => return (route, e),
            };
            let sections: Vec<String> = r
                .query
                .iter()
                .filter(|(k, _)| k == "section")
                .map(|(_, v)| v.clone())
                .collect();
            let clauses = match r.q("filter").map(rsql).transpose() {
                Ok(c) => c.unwrap_or_default(),
                Err(e) => return (route, error(400, "INVALID_FILTER", "filter", &e)),
            };
            for c in &clauses {
                if !matches!(
                    c.field.as_str(),
                    "id" | "udid"
                        | "general.managementId"
                        | "general.name"
                        | "hardware.serialNumber"
                ) {
                    return (
                        route,
                        error(
                            400,
                            "INVALID_FILTER",
                            "filter",
                            &format!("field {} is not allowed in the filter", c.field),
                        ),
                    );
                }
            }
            let sort = r.q("sort").unwrap_or("general.name:asc");
            let mut matching: Vec<&Device> = g
                .devices
                .iter()
                .filter(|d| d.kind == Kind::Computer && !d.deleted)
                .filter(|d| {
                    clauses.iter().all(|c| {
                        let id = d.id.to_string();
                        let actual = match c.field.as_str() {
                            "id" => id.as_str(),
                            "udid" => d.udid.as_str(),
                            "general.managementId" => d.management_id.as_str(),
                            "general.name" => d.name.as_str(),
                            _ => d.serial.as_str(),
                        };
                        holds(c, actual)
                    })
                })
                .collect();
            match sort {
                "id:asc" => matching.sort_by_key(|d| d.id),
                "id:desc" => matching.sort_by_key(|d| std::cmp::Reverse(d.id)),
                _ => matching.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id))),
            }
            let results: Vec<Value> = matching
                .iter()
                .skip(page * size)
                .take(size)
                .map(|d| computer_json(d, &cg, &sections))
                .collect();
            Resp::json(
                200,
                json!({"totalCount": matching.len(), "results": results}),
            )
        }
        ("GET", ["v3", "computers-inventory", id]) => {
            match g.at(Kind::Computer, id).map(|i| &g.devices[i]) {
                Some(d) => Resp::json(
                    200,
                    computer_json(
                        d,
                        &cg,
                        &[
                            "GENERAL".into(),
                            "HARDWARE".into(),
                            "OPERATING_SYSTEM".into(),
                            "USER_AND_LOCATION".into(),
                            "GROUP_MEMBERSHIPS".into(),
                        ],
                    ),
                ),
                None => error(404, "NOT_FOUND", "id", "Computer not found"),
            }
        }
        ("GET", ["v2", "mobile-devices"]) => {
            let (page, size) = match page_args(r) {
                Ok(p) => p,
                Err(e) => return (route, e),
            };
            let mut matching: Vec<&Device> = g
                .devices
                .iter()
                .filter(|d| d.kind == Kind::Mobile && !d.deleted)
                .collect();
            if r.q("sort") == Some("id:desc") {
                matching.reverse();
            }
            let results: Vec<Value> = matching
                .iter()
                .skip(page * size)
                .take(size)
                .map(|d| mobile_json(d))
                .collect();
            Resp::json(
                200,
                json!({"totalCount": matching.len(), "results": results}),
            )
        }
        ("GET", ["v2", "mobile-devices", id, rest @ ..])
            if rest.is_empty() || rest == ["detail"] =>
        {
            match g.at(Kind::Mobile, id).map(|i| &g.devices[i]) {
                Some(d) if rest.is_empty() => Resp::json(200, mobile_json(d)),
                Some(d) => Resp::json(200, mobile_detail_json(d, &mg)),
                None => error(404, "NOT_FOUND", "id", "Mobile device not found"),
            }
        }
        ("GET", ["v1", "computer-groups"]) => {
            let groups: Vec<Value> = cg
                .iter()
                .enumerate()
                .map(|(i, n)| json!({"id": (i + 1).to_string(), "name": n, "smartGroup": i == 0, "description": ""}))
                .collect();
            Resp::json(200, json!(groups))
        }
        ("GET", ["v2", "mdm", "commands"]) => {
            let (page, size) = match page_args(r) {
                Ok(p) => p,
                Err(e) => return (route, e),
            };
            let clauses = match r.q("filter").map(rsql).transpose() {
                Ok(Some(c)) if !c.is_empty() => c,
                Ok(_) => {
                    return (
                        route,
                        error(
                            400,
                            "INVALID_FILTER",
                            "filter",
                            "the filter must contain at least one field",
                        ),
                    );
                }
                Err(e) => return (route, error(400, "INVALID_FILTER", "filter", &e)),
            };
            for c in &clauses {
                if !matches!(
                    c.field.as_str(),
                    "uuid"
                        | "clientManagementId"
                        | "command"
                        | "status"
                        | "dateSent"
                        | "clientType"
                ) {
                    return (
                        route,
                        error(
                            400,
                            "INVALID_FILTER",
                            "filter",
                            &format!("field {} is not allowed in the filter", c.field),
                        ),
                    );
                }
                if c.field == "dateSent" && matches!(c.op.as_str(), "==" | "!=" | "=in=") {
                    return (
                        route,
                        error(
                            400,
                            "INVALID_FILTER",
                            "filter",
                            "date filters must use gt, lt, ge or le",
                        ),
                    );
                }
            }
            let idx: Vec<usize> = (0..g.commands.len())
                .filter(|&i| {
                    let c = &g.commands[i];
                    if matches!(c.command_type.as_str(), "REMOVE_MDM_PROFILE" | "UNMANAGE") {
                        return false;
                    }
                    let sent = iso(c.sent);
                    clauses.iter().all(|k| {
                        let actual = match k.field.as_str() {
                            "uuid" => c.uuid.as_str(),
                            "clientManagementId" => c.management_id.as_str(),
                            "command" => c.command_type.as_str(),
                            "status" => c.state,
                            "clientType" => c.client_type,
                            _ => sent.as_str(),
                        };
                        holds(k, actual)
                    })
                })
                .collect();
            let total = idx.len();
            let page_idx: Vec<usize> = idx.into_iter().skip(page * size).take(size).collect();
            // Reading the history is what moves a command along (a device checked in).
            let uuid_query = clauses.iter().any(|c| c.field == "uuid");
            if uuid_query {
                for &i in &page_idx {
                    poll(&mut g, i);
                }
            }
            let results: Vec<Value> = page_idx
                .iter()
                .map(|&i| command_json(&g.commands[i]))
                .collect();
            Resp::json(200, json!({"totalCount": total, "results": results}))
        }
        ("POST", ["v2", "mdm", "commands"]) => {
            let Some(body) = r.json() else {
                return (
                    route,
                    error(400, "INVALID_BODY", "body", "a JSON body is required"),
                );
            };
            let Some(kind) = body
                .pointer("/commandData/commandType")
                .and_then(Value::as_str)
            else {
                return (
                    route,
                    error(400, "INVALID_FIELD", "commandData.commandType", "missing"),
                );
            };
            if !matches!(
                kind,
                "DEVICE_LOCK"
                    | "RESTART_DEVICE"
                    | "SHUT_DOWN_DEVICE"
                    | "DEVICE_INFORMATION"
                    | "CLEAR_PASSCODE"
            ) {
                return (
                    route,
                    error(
                        400,
                        "INVALID_FIELD",
                        "commandData.commandType",
                        "unsupported by the fake",
                    ),
                );
            }
            let ids: Vec<String> = body["clientData"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| c["managementId"].as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            if ids.is_empty() {
                return (
                    route,
                    error(
                        400,
                        "INVALID_FIELD",
                        "clientData",
                        "at least one client is required",
                    ),
                );
            }
            let mut targets = Vec::new();
            for mid in &ids {
                match g
                    .by_mid
                    .get(mid)
                    .map(|&i| &g.devices[i])
                    .filter(|d| !d.deleted)
                {
                    Some(d) if !d.managed => {
                        return (
                            route,
                            error(
                                400,
                                "INVALID_FIELD",
                                "clientData.managementId",
                                "the device is not managed",
                            ),
                        );
                    }
                    Some(d) => targets.push(d.clone()),
                    None => {
                        return (
                            route,
                            error(
                                404,
                                "NOT_FOUND",
                                "clientData.managementId",
                                &format!("no device has management id {mid}"),
                            ),
                        );
                    }
                }
            }
            let pin = body
                .pointer("/commandData/pin")
                .and_then(Value::as_str)
                .map(String::from);
            if kind == "DEVICE_LOCK"
                && targets.iter().any(|d| d.kind == Kind::Computer)
                && !pin
                    .as_deref()
                    .is_some_and(|p| p.len() == 6 && p.chars().all(|c| c.is_ascii_digit()))
            {
                return (
                    route,
                    error(
                        400,
                        "INVALID_FIELD",
                        "commandData.pin",
                        "a computer lock needs a 6-digit PIN",
                    ),
                );
            }
            if kind == "CLEAR_PASSCODE" && targets.iter().any(|d| d.kind == Kind::Computer) {
                return (
                    route,
                    error(
                        400,
                        "INVALID_FIELD",
                        "commandData.commandType",
                        "CLEAR_PASSCODE is for mobile devices",
                    ),
                );
            }
            let base = r
                .h("host")
                .map(|h| format!("http://{h}"))
                .unwrap_or_default();
            let out: Vec<Value> = targets
                .iter()
                .map(|d| {
                    let uuid = queue(&mut g, d, kind, pin.clone(), polls, false);
                    json!({"id": uuid, "href": format!("{base}/api/v2/mdm/commands?filter=uuid=={uuid}")})
                })
                .collect();
            Resp::json(201, json!(out))
        }
        (
            "POST",
            [
                v,
                coll @ ("computer-inventory" | "mobile-devices"),
                id,
                action,
            ],
        ) => {
            let kind = if *coll == "computer-inventory" {
                Kind::Computer
            } else {
                Kind::Mobile
            };
            let allowed = matches!(
                (kind, *v, *action),
                (Kind::Computer, "v1", "erase" | "remove-mdm-profile")
                    | (Kind::Mobile, "v2", "erase" | "unmanage")
            );
            if !allowed {
                return (route, error(404, "NOT_FOUND", "", "no such route"));
            }
            let Some(d) = g.at(kind, id).map(|i| g.devices[i].clone()) else {
                return (
                    route,
                    error(
                        404,
                        "NOT_FOUND",
                        "id",
                        if kind == Kind::Computer {
                            "Computer not found"
                        } else {
                            "Mobile device not found"
                        },
                    ),
                );
            };
            if !d.managed {
                return (
                    route,
                    error(500, "UNABLE_TO_QUEUE", "id", "the device is not managed"),
                );
            }
            let body = r.json().unwrap_or(json!({}));
            let (command, pin) = match *action {
                "erase" if kind == Kind::Computer => {
                    let pin = body["pin"].as_str().map(String::from);
                    if !pin
                        .as_deref()
                        .is_none_or(|p| p.len() == 6 && p.chars().all(|c| c.is_ascii_digit()))
                    {
                        return (
                            route,
                            error(400, "INVALID_FIELD", "pin", "the PIN must be 6 digits"),
                        );
                    }
                    ("ERASE_DEVICE", pin)
                }
                "erase" => {
                    if body["returnToService"].as_bool() == Some(true) {
                        return (
                            route,
                            error(
                                400,
                                "RETURN_TO_SERVICE",
                                "returnToService",
                                "Return to service requirements not met",
                            ),
                        );
                    }
                    ("ERASE_DEVICE", None)
                }
                "remove-mdm-profile" => ("REMOVE_MDM_PROFILE", None),
                _ => ("UNMANAGE", None),
            };
            let uuid = queue(&mut g, &d, command, pin, polls, false);
            // Unmanaging shows at once on the device (Jamf's history lists no command
            // type for it).
            if matches!(command, "REMOVE_MDM_PROFILE" | "UNMANAGE")
                && let Some(i) = g.at(kind, &d.id.to_string())
            {
                g.devices[i].managed = false;
            }
            Resp::json(
                200,
                json!({"deviceId": d.id.to_string(), "commandUuid": uuid}),
            )
        }
        ("GET" | "POST", ["v1", "app-installers", "deployments"])
        | ("GET" | "PUT" | "DELETE", ["v1", "app-installers", "deployments", _])
        | ("GET", ["v1", "app-installers", "deployments", _, "computers"]) => {
            app_installers(&shared.opts, &mut g, r, &segs[3..])
        }
        _ => error(404, "NOT_FOUND", "", "no such route"),
    };
    (route, resp)
}

/// The version a title installs now.
fn title_version(o: &JamfOptions, g: &Inner, title: &str) -> Option<String> {
    g.title_versions.get(title).cloned().or_else(|| {
        o.app_titles
            .iter()
            .find(|t| t.id == title)
            .map(|t| t.version.clone())
    })
}

fn deployment_json(o: &JamfOptions, g: &Inner, d: &Deployment) -> Value {
    let mut v = json!({
        "id": d.id.to_string(),
        "name": d.name,
        "enabled": d.enabled,
        "appTitleId": d.title,
        "deploymentType": d.deployment_type,
        "updateBehavior": d.update_behavior,
        "titleAvailableInAis": true,
        "versionRemoved": false,
    });
    if let Some(s) = &d.smart_group {
        v["smartGroupId"] = json!(s);
    }
    if let Some(ver) = title_version(o, g, &d.title) {
        v["selectedVersion"] = json!(ver);
        v["latestAvailableVersion"] = json!(ver);
    }
    v
}

fn deployment_item(o: &JamfOptions, g: &Inner, d: &Deployment) -> Value {
    let title = o.app_titles.iter().find(|t| t.id == d.title);
    let ver = title_version(o, g, &d.title).unwrap_or_default();
    let mut v = json!({
        "id": d.id.to_string(),
        "name": d.name,
        "enabled": d.enabled,
        "deploymentType": d.deployment_type,
        "updateBehavior": d.update_behavior,
        "app": {
            "id": d.title,
            "bundleId": title.map(|t| t.bundle_id.clone()).unwrap_or_default(),
            "latestVersion": ver,
            "selectedVersion": ver,
            "versionRemoved": false,
            "titleAvailableInAis": true,
        },
    });
    if let Some(s) = &d.smart_group {
        let name = s
            .parse::<usize>()
            .ok()
            .and_then(|i| o.computer_groups.get(i.wrapping_sub(1)))
            .cloned()
            .unwrap_or_default();
        v["smartGroup"] = json!({"id": s, "name": name});
    }
    v
}

/// Checks a deployment body as Jamf would: the required fields, a known title and a
/// smart computer group.
fn deployment_from(o: &JamfOptions, body: &Value) -> Result<Deployment, Resp> {
    let field = |k: &str| body[k].as_str().filter(|v| !v.is_empty()).map(String::from);
    let bad = |f: &str, why: &str| error(400, "INVALID_FIELD", f, why);
    let name = field("name").ok_or_else(|| bad("name", "name is required"))?;
    let title = field("appTitleId").ok_or_else(|| bad("appTitleId", "appTitleId is required"))?;
    if !o.app_titles.iter().any(|t| t.id == title) {
        return Err(bad("appTitleId", "no App Installers title has this id"));
    }
    let dtype = field("deploymentType")
        .filter(|t| matches!(t.as_str(), "INSTALL_AUTOMATICALLY" | "SELF_SERVICE"))
        .ok_or_else(|| {
            bad(
                "deploymentType",
                "deploymentType is INSTALL_AUTOMATICALLY or SELF_SERVICE",
            )
        })?;
    let update = field("updateBehavior")
        .filter(|t| matches!(t.as_str(), "AUTOMATIC" | "MANUAL"))
        .ok_or_else(|| bad("updateBehavior", "updateBehavior is AUTOMATIC or MANUAL"))?;
    let group = field("smartGroupId");
    if let Some(gid) = &group {
        // The fake's first computer group is its smart one.
        if gid != "1" {
            return Err(bad(
                "smartGroupId",
                "the group is not a smart computer group",
            ));
        }
    }
    Ok(Deployment {
        id: 0,
        name,
        enabled: body["enabled"].as_bool().unwrap_or(false),
        title,
        smart_group: group,
        deployment_type: dtype,
        update_behavior: update,
        deleted: false,
    })
}

fn app_installers(o: &JamfOptions, g: &mut Inner, r: &Req, rest: &[&str]) -> Resp {
    let live = |g: &Inner, id: &str| {
        let n: u64 = id.parse().ok()?;
        g.deployments.iter().position(|d| d.id == n && !d.deleted)
    };
    match (r.method.as_str(), rest) {
        ("GET", []) => {
            let num = |k: &str, d: usize| r.q(k).map_or(Some(d), |v| v.parse::<usize>().ok());
            let (Some(page), Some(size)) = (num("page", 0), num("page-size", 100)) else {
                return error(
                    400,
                    "INVALID_FIELD",
                    "page",
                    "page and page-size are numbers",
                );
            };
            if size == 0 || size > 1000 {
                return error(
                    400,
                    "INVALID_FIELD",
                    "page-size",
                    "page-size must be between 1 and 1000",
                );
            }
            let all: Vec<&Deployment> = g.deployments.iter().filter(|d| !d.deleted).collect();
            let results: Vec<Value> = all
                .iter()
                .skip(page * size)
                .take(size)
                .map(|d| deployment_item(o, g, d))
                .collect();
            Resp::json(200, json!({"totalCount": all.len(), "results": results}))
        }
        ("POST", []) => {
            let Some(body) = r.json() else {
                return error(400, "INVALID_BODY", "body", "a JSON body is required");
            };
            let d = match deployment_from(o, &body) {
                Ok(d) => d,
                Err(e) => return e,
            };
            let id = g.deployments.len() as u64 + 1;
            g.deployments.push(Deployment { id, ..d });
            let base = r
                .h("host")
                .map(|h| format!("http://{h}"))
                .unwrap_or_default();
            Resp::json(
                201,
                json!({"id": id.to_string(), "href": format!("{base}/api/v1/app-installers/deployments/{id}")}),
            )
        }
        (m, [id]) => {
            // A deployment Jamf does not have: 404 without a body, as described.
            let Some(i) = live(g, id) else {
                return Resp::empty(404);
            };
            match m {
                "GET" => Resp::json(200, deployment_json(o, g, &g.deployments[i])),
                "DELETE" => {
                    g.deployments[i].deleted = true;
                    Resp::empty(204)
                }
                _ => {
                    let Some(body) = r.json() else {
                        return error(400, "INVALID_BODY", "body", "a JSON body is required");
                    };
                    let d = match deployment_from(o, &body) {
                        Ok(d) => d,
                        Err(e) => return e,
                    };
                    let id = g.deployments[i].id;
                    g.deployments[i] = Deployment { id, ..d };
                    Resp::json(200, deployment_json(o, g, &g.deployments[i]))
                }
            }
        }
        (_, [id, _computers]) => {
            let Some(i) = live(g, id) else {
                return Resp::empty(404);
            };
            let d = &g.deployments[i];
            let in_group = d.enabled && d.smart_group.as_deref() == Some("1");
            let results: Vec<Value> = g
                .devices
                .iter()
                .filter(|c| in_group && c.kind == Kind::Computer && !c.deleted && c.groups.contains(&0))
                .map(|c| match g.install_errors.get(&c.id) {
                    Some(e) => json!({"id": c.id.to_string(), "computerName": c.name, "status": "FAILED", "error": e, "retryable": true}),
                    None => json!({"id": c.id.to_string(), "computerName": c.name, "status": "INSTALLED", "retryable": false}),
                })
                .collect();
            Resp::json(
                200,
                json!({"totalCount": results.len(), "results": results}),
            )
        }
        _ => error(404, "NOT_FOUND", "", "no such route"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsql_subset_parses_and_matches() {
        let c = rsql("uuid=in=(a,b);dateSent=ge=2026-01-01T00:00:00Z").unwrap();
        assert_eq!(c.len(), 2);
        assert!(holds(&c[0], "b"));
        assert!(!holds(&c[0], "c"));
        assert!(holds(&c[1], "2026-02-01T00:00:00Z"));
        assert!(!holds(&c[1], "2025-12-31T23:59:59Z"));
        let c = rsql("id=gt=10 and general.name==\"Ana*\"").unwrap();
        assert!(holds(&c[0], "11") && !holds(&c[0], "9"));
        assert!(holds(&c[1], "Ana's Mac"));
        assert!(rsql("uuid").is_err());
        assert!(rsql("uuid=in=a,b").is_err());
    }

    #[test]
    fn routes_have_templates_and_privileges() {
        assert_eq!(
            route_of("POST", "/api/v1/computer-inventory/12/erase"),
            "POST /api/v1/computer-inventory/{id}/erase"
        );
        assert_eq!(
            privileges("POST /api/v1/computer-inventory/{id}/erase"),
            ["Send Computer Remote Wipe Command"]
        );
        assert_eq!(
            route_of("GET", "/api/v2/mdm/commands"),
            "GET /api/v2/mdm/commands"
        );
    }
}
