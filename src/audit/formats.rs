//! Audit events in the formats SIEMs ingest: JSON lines, ArcSight CEF, Elastic ECS,
//! OCSF 1.1 API Activity, and RFC 5424 syslog with structured data. Each function renders
//! one event as one line, escaping exactly as its specification asks.

use mdm_model::escape::needs_escape;
use mdm_model::types::AuditEvent;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use std::borrow::Cow;

/// A SIEM line format (`--format` of `audit export` and `audit forward`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Cef,
    Ecs,
    Ocsf,
    Syslog,
}

/// Context that is not in the event itself.
#[derive(Debug, Clone)]
pub struct Source {
    /// The server's host name, for syslog's HOSTNAME and ECS `observer`.
    pub host: String,
}

pub const PRODUCT: &str = "mdm";
pub const ECS_VERSION: &str = "8.11.0";
pub const OCSF_VERSION: &str = "1.1.0";
/// IANA's documentation Private Enterprise Number (RFC 5612), for `[mdm@32473 …]`.
pub const SD_ID: &str = "mdm@32473";

/// Risk of an action on CEF's 0-10 scale.
pub fn severity(ev: &AuditEvent) -> u8 {
    severity_of(&ev.action, &ev.outcome, || {
        ev.details
            .get("weakens")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    })
}

/// [`severity`] from the action, the outcome and (asked for `policy.*` only) whether
/// the details say the change weakens a policy.
fn severity_of(a: &str, outcome: &str, weakens: impl FnOnce() -> bool) -> u8 {
    let failed = is_failure(outcome);
    let base: u8 = match a {
        "action.wipe" | "action.retire" => 10,
        _ if a.starts_with("breakglass.") => 10,
        "policy.delete" | "policy.unassign" => 9,
        // A plan changes nothing: a preview's risk, whatever it would weaken.
        "policy.plan" => 3,
        _ if a.starts_with("policy.") => {
            if weakens() {
                9
            } else {
                6
            }
        }
        "auth.step_up_lockout" => 8,
        _ if a.starts_with("action.push")
            || a.starts_with("approval.")
            || a.starts_with("incident.") =>
        {
            8
        }
        "app.add" | "session.revoke" | "session.revoke_bulk" => 7,
        "auth.step_up" | "auth.token_rejected" if failed => 7,
        "action.lock" | "action.unlock" | "action.cancel" | "mfa.enroll_started"
        | "mfa.activate" => 6,
        "devices.pii_read" | "audit.export" | "audit.forward" => 5,
        _ if a.starts_with("enrollment.") || a.starts_with("user.") || a.starts_with("token.") => 5,
        "action.device_outcome" => 4,
        _ => 3,
    };
    if failed { (base + 1).min(10) } else { base }
}

pub fn is_failure(outcome: &str) -> bool {
    matches!(outcome, "failure" | "denied" | "aborted" | "locked") || outcome.starts_with("refused")
}

fn summary(ev: &AuditEvent) -> String {
    let mut s = format!("{} {} {}", ev.actor, ev.action, ev.outcome);
    if ev.target.count > 0 {
        s.push_str(&format!(
            " ({} {}{})",
            ev.target.count,
            ev.target.kind.as_deref().unwrap_or("item"),
            if ev.target.count == 1 { "" } else { "s" }
        ));
    }
    if let Some(r) = &ev.reason {
        s.push_str(&format!(": {r}"));
    }
    s
}

fn millis(time: &str) -> i64 {
    mdm_model::time::parse_rfc3339(time)
        .map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
        .unwrap_or(0)
}

fn valid_ip(s: &str) -> Option<&str> {
    s.parse::<std::net::IpAddr>().ok().map(|_| s)
}

fn target_text(ev: &AuditEvent) -> String {
    let kind = ev.target.kind.as_deref().unwrap_or("-");
    if ev.target.ids.is_empty() {
        format!("{kind}:{}", ev.target.count)
    } else {
        format!("{kind}:{}", ev.target.ids.join(","))
    }
}

/// JSON with every control and invisible formatting character as a `\uXXXX` escape:
/// serde_json escapes only C0, and a raw C1 or bidi override in a SIEM's file is one
/// `cat` away from a terminal. Such characters only occur inside strings, where the
/// escape means the same character, so parsers read back the exact value.
fn json_line(v: &impl serde::Serialize) -> String {
    let s = serde_json::to_string(v).expect("events serialize");
    mdm_model::escape::json_text(&s).into_owned()
}

pub fn jsonl(ev: &AuditEvent) -> String {
    json_line(ev)
}

/// What stands in for a control or invisible formatting character in formats that have
/// no escape for it (CEF, syslog structured data): the exact value stays in the JSON
/// formats and the hash, and no terminal or log viewer ever sees the raw character.
pub const REPLACEMENT: char = '\u{fffd}';

/// CEF header fields: `\` and `|` escaped; line breaks are not allowed, so become spaces.
pub fn cef_header(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            c if needs_escape(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

/// CEF extension values: `\`, `=` escaped, line breaks as `\n` and `\r`.
pub fn cef_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_cef_value(&mut out, s);
    out
}

fn push_cef_value(out: &mut String, s: &str) {
    // Most values are plain ASCII: copy them whole.
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'\\' && b != b'=')
    {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '=' => out.push_str("\\="),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
}

pub fn cef(ev: &AuditEvent) -> String {
    let view = EventView::of(ev);
    let mut out = String::new();
    cef_into(&view, &ev.hash, &mut out);
    out
}

/// An event borrowed from a line of the chain (a `Cow` owns only a string that had
/// escapes; `details` stays raw JSON), so `audit export` renders a million of them
/// without building each one. Same fields and rules as [`AuditEvent`].
#[derive(Debug, serde::Deserialize)]
pub struct EventView<'a> {
    pub id: i64,
    #[serde(borrow)]
    pub time: Cow<'a, str>,
    #[serde(borrow)]
    pub actor: Cow<'a, str>,
    #[serde(borrow)]
    pub role: Cow<'a, str>,
    #[serde(default, borrow)]
    pub elevation_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub source_ip: Cow<'a, str>,
    #[serde(borrow)]
    pub user_agent: Cow<'a, str>,
    #[serde(borrow)]
    pub request_id: Cow<'a, str>,
    #[serde(borrow)]
    pub action: Cow<'a, str>,
    #[serde(borrow)]
    pub target: TargetView<'a>,
    #[serde(default, borrow)]
    pub reason: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub ticket: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub outcome: Cow<'a, str>,
    #[serde(default)]
    pub breakglass: bool,
    /// `None` for `null` or absent.
    #[serde(default, borrow)]
    pub details: Option<&'a RawValue>,
    #[serde(borrow)]
    pub prev_hash: Cow<'a, str>,
    #[serde(default, borrow)]
    pub hash: Cow<'a, str>,
    /// The parsed details of an owned event (then `details` is unused).
    #[serde(skip)]
    value: Option<&'a Value>,
    /// The raw details of a scanned line (then `details` is unused).
    #[serde(skip)]
    raw: Option<&'a str>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct TargetView<'a> {
    #[serde(default, borrow)]
    pub kind: Option<Cow<'a, str>>,
    #[serde(default)]
    pub count: u64,
    #[serde(default, borrow)]
    pub ids: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub digest: Option<Cow<'a, str>>,
}

impl<'a> EventView<'a> {
    /// A view of an owned event.
    pub fn of(ev: &'a AuditEvent) -> Self {
        let b = |s: &'a String| Cow::Borrowed(s.as_str());
        EventView {
            id: ev.id,
            time: b(&ev.time),
            actor: b(&ev.actor),
            role: b(&ev.role),
            elevation_id: ev.elevation_id.as_ref().map(b),
            source_ip: b(&ev.source_ip),
            user_agent: b(&ev.user_agent),
            request_id: b(&ev.request_id),
            action: b(&ev.action),
            target: TargetView {
                kind: ev.target.kind.as_ref().map(b),
                count: ev.target.count,
                ids: ev.target.ids.iter().map(b).collect(),
                digest: ev.target.digest.as_ref().map(b),
            },
            reason: ev.reason.as_ref().map(b),
            ticket: ev.ticket.as_ref().map(b),
            outcome: b(&ev.outcome),
            breakglass: ev.breakglass,
            details: None,
            prev_hash: b(&ev.prev_hash),
            hash: b(&ev.hash),
            value: Some(&ev.details),
            raw: None,
        }
    }

    /// The view of a chain line the scanner reads without surprise (`None`: read it
    /// with `serde_json`, which then says what is wrong with it, if anything).
    pub fn scanned(line: &'a [u8]) -> Option<Self> {
        use super::scan::{int, members, plain_str, plain_strs, scan};
        let s = scan(line)?;
        let req = |k| plain_str(s.get(k)?).map(Cow::Borrowed);
        let opt = |k| match s.get(k) {
            None | Some(b"null") => Some(None),
            Some(v) => plain_str(v).map(|v| Some(Cow::Borrowed(v))),
        };
        let t = members(s.get("target")?)?;
        let t_opt = |k| match t.get(k) {
            None | Some(b"null") => Some(None),
            Some(v) => plain_str(v).map(|v| Some(Cow::Borrowed(v))),
        };
        let count = match t.get("count") {
            None => 0,
            Some(v) if v.iter().all(u8::is_ascii_digit) => {
                std::str::from_utf8(v).ok()?.parse::<u64>().ok()?
            }
            Some(_) => return None,
        };
        let target = TargetView {
            kind: t_opt("kind")?,
            count,
            ids: match t.get("ids") {
                None => Vec::new(),
                Some(v) => plain_strs(v)?.map(Cow::Borrowed).collect(),
            },
            digest: t_opt("digest")?,
        };
        Some(EventView {
            id: int(s.get("id")?)?,
            time: req("time")?,
            actor: req("actor")?,
            role: req("role")?,
            elevation_id: opt("elevation_id")?,
            source_ip: req("source_ip")?,
            user_agent: req("user_agent")?,
            request_id: req("request_id")?,
            action: req("action")?,
            target,
            reason: opt("reason")?,
            ticket: opt("ticket")?,
            outcome: req("outcome")?,
            breakglass: match s.get("breakglass") {
                None | Some(b"false") => false,
                Some(b"true") => true,
                Some(_) => return None,
            },
            details: None,
            prev_hash: req("prev_hash")?,
            hash: match s.get("hash") {
                None => Cow::Borrowed(""),
                Some(v) => Cow::Borrowed(plain_str(v)?),
            },
            value: None,
            raw: match s.get("details") {
                None | Some(b"null") => None,
                Some(v) => Some(std::str::from_utf8(v).ok()?),
            },
        })
    }

    /// `details` as `serde_json` prints the parsed value: the raw text when it is
    /// already in that form (the server writes it canonically), else reprinted.
    fn details_text(&self) -> Option<Cow<'a, str>> {
        if let Some(v) = self.value {
            return (!v.is_null()).then(|| Cow::Owned(v.to_string()));
        }
        let raw = match self.raw {
            Some(r) => r,
            None => self.details?.get(),
        };
        if super::scan::canonical_value(raw.as_bytes()) {
            return Some(Cow::Borrowed(raw));
        }
        match serde_json::from_str::<Value>(raw) {
            Ok(v) => (!v.is_null()).then(|| Cow::Owned(v.to_string())),
            // Beyond what a `Value` holds (a number out of range): the text as sent.
            Err(_) => Some(Cow::Borrowed(raw)),
        }
    }
}

/// Milliseconds of an RFC 3339 time (0 if unreadable), the server's form read directly.
fn millis_fast(time: &str) -> i64 {
    match super::scan::unix_seconds(time) {
        Some(s) => s * 1000,
        None => millis(time),
    }
}

/// CEF header fields (see [`cef_header`]), appended.
fn push_cef_header(out: &mut String, s: &str) {
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'\\' && b != b'|')
    {
        out.push_str(s);
    } else {
        out.push_str(&cef_header(s));
    }
}

/// One CEF line for `ev` (whose hash is `hash`) appended to `out`: the exact text of
/// [`cef`], built in place.
pub fn cef_into(ev: &EventView<'_>, hash: &str, out: &mut String) {
    use std::fmt::Write as _;
    let details = ev.details_text();
    out.push_str("CEF:0|");
    push_cef_header(out, PRODUCT);
    out.push('|');
    push_cef_header(out, PRODUCT);
    out.push('|');
    push_cef_header(out, env!("CARGO_PKG_VERSION"));
    out.push('|');
    push_cef_header(out, &ev.action);
    out.push('|');
    let start = out.len();
    out.push_str(&ev.action);
    out.push(' ');
    out.push_str(&ev.outcome);
    if !out[start..]
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'\\' && b != b'|')
    {
        let name = cef_header(&out[start..]);
        out.truncate(start);
        out.push_str(&name);
    }
    let sev = severity_of(&ev.action, &ev.outcome, || {
        details
            .as_deref()
            .and_then(|d| serde_json::from_str::<Value>(d).ok())
            .and_then(|v| v.get("weakens").and_then(Value::as_bool))
            .unwrap_or(false)
    });
    let _ = write!(out, "|{sev}|");
    let mut first = true;
    let mut field = |out: &mut String, k: &str, v: &str| {
        if !std::mem::take(&mut first) {
            out.push(' ');
        }
        out.push_str(k);
        out.push('=');
        push_cef_value(out, v);
    };
    field(out, "rt", itoa(millis_fast(&ev.time)).as_str());
    field(out, "externalId", itoa(ev.id).as_str());
    field(out, "act", &ev.action);
    field(out, "outcome", &ev.outcome);
    field(out, "suser", &ev.actor);
    field(out, "spriv", &ev.role);
    if let Some(ip) = valid_ip(&ev.source_ip) {
        field(out, "src", ip);
    }
    if !ev.user_agent.is_empty() {
        field(out, "requestClientApplication", &ev.user_agent);
    }
    let mut custom = |out: &mut String, n: usize, label: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            field(out, CS[n - 1].0, label);
            field(out, CS[n - 1].1, v);
        }
    };
    const CS: [(&str, &str); 6] = [
        ("cs1Label", "cs1"),
        ("cs2Label", "cs2"),
        ("cs3Label", "cs3"),
        ("cs4Label", "cs4"),
        ("cs5Label", "cs5"),
        ("cs6Label", "cs6"),
    ];
    custom(out, 1, "requestId", Some(&ev.request_id));
    custom(out, 2, "reason", ev.reason.as_deref());
    custom(out, 3, "ticket", ev.ticket.as_deref());
    let kind = ev.target.kind.as_deref().unwrap_or("-");
    let target = if ev.target.ids.is_empty() {
        format!("{kind}:{}", ev.target.count)
    } else {
        let mut t = String::with_capacity(64);
        t.push_str(kind);
        t.push(':');
        for (i, id) in ev.target.ids.iter().enumerate() {
            if i > 0 {
                t.push(',');
            }
            t.push_str(id);
        }
        t
    };
    custom(out, 4, "target", Some(&target));
    custom(out, 5, "hash", Some(hash));
    custom(out, 6, "elevationId", ev.elevation_id.as_deref());
    field(out, "cn1Label", "targetCount");
    field(out, "cn1", itoa(ev.target.count).as_str());
    if let Some(d) = &details {
        field(out, "msg", d);
    }
    if ev.breakglass {
        field(out, "cat", "breakglass");
    }
}

/// A number's decimal text on the stack.
fn itoa(n: impl std::fmt::Display) -> Digits {
    use std::io::Write as _;
    let mut d = Digits([0; 24], 0);
    let mut w = &mut d.0[..];
    write!(w, "{n}").expect("24 bytes hold a 64-bit integer");
    d.1 = 24 - w.len();
    d
}

struct Digits([u8; 24], usize);

impl Digits {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0[..self.1]).expect("digits are ASCII")
    }
}

fn ecs_category(action: &str) -> (&'static str, &'static str) {
    let verb = action.rsplit('.').next().unwrap_or("");
    let kind = match verb {
        "create" | "add" | "enroll_started" | "consume" | "bulk_create" => "creation",
        "delete" | "revoke" | "revoke_bulk" | "revoke_unused" | "unassign" => "deletion",
        "update" | "assign" | "apply" | "activate" => "change",
        "pii_read" | "export" | "forward" | "preview" | "plan" => "access",
        "login" => "start",
        _ => "info",
    };
    let category = match action.split('.').next().unwrap_or("") {
        "auth" => "authentication",
        "session" => "session",
        "user" | "token" | "mfa" => "iam",
        "policy" | "app" => "configuration",
        "action" | "enrollment" | "devices" => "host",
        _ => "configuration",
    };
    (category, kind)
}

pub fn ecs(ev: &AuditEvent, src: &Source) -> String {
    let (category, kind) = ecs_category(&ev.action);
    let outcome = if is_failure(&ev.outcome) {
        "failure"
    } else if ev.outcome == "success" {
        "success"
    } else {
        "unknown"
    };
    let mut types = vec![kind];
    if is_failure(&ev.outcome) && ev.outcome != "failure" {
        types.push("denied");
    }
    let mut doc = json!({
        "@timestamp": ev.time,
        "ecs": { "version": ECS_VERSION },
        "event": {
            "kind": "event",
            "category": [category],
            "type": types,
            "action": ev.action,
            "outcome": outcome,
            "id": ev.id.to_string(),
            "sequence": ev.id,
            "severity": severity(ev),
            "dataset": "mdm.audit",
            "provider": "mdm",
            "reason": ev.reason,
        },
        "user": { "name": ev.actor, "roles": [ev.role] },
        "observer": { "hostname": src.host, "product": PRODUCT, "type": "mdm" },
        "message": summary(ev),
        "labels": { "request_id": ev.request_id },
        "mdm": {
            "outcome": ev.outcome,
            "target": ev.target,
            "ticket": ev.ticket,
            "elevation_id": ev.elevation_id,
            "breakglass": ev.breakglass,
            "details": ev.details,
            "hash": ev.hash,
            "prev_hash": ev.prev_hash,
        }
    });
    if let Some(ip) = valid_ip(&ev.source_ip) {
        doc["source"] = json!({ "ip": ip });
    }
    if !ev.user_agent.is_empty() {
        doc["user_agent"] = json!({ "original": ev.user_agent });
    }
    json_line(&doc)
}

fn ocsf_activity(action: &str) -> (u8, &'static str) {
    let verb = action.rsplit('.').next().unwrap_or("");
    match verb {
        "create" | "add" | "consume" | "bulk_create" | "enroll_started" | "approve" | "login"
        | "step_up" | "wipe" | "retire" | "lock" | "unlock" | "push_app" | "push_profile"
        | "push_command" => (1, "Create"),
        "pii_read" | "export" | "forward" | "preview" | "plan" => (2, "Read"),
        "update" | "assign" | "apply" | "activate" | "cancel" | "reject" => (3, "Update"),
        "delete" | "revoke" | "revoke_bulk" | "revoke_unused" | "unassign" => (4, "Delete"),
        _ => (99, "Other"),
    }
}

pub fn ocsf(ev: &AuditEvent, src: &Source) -> String {
    const CLASS: u32 = 6003;
    let (activity, name) = ocsf_activity(&ev.action);
    let sev = severity(ev);
    let (severity_id, severity_name) = match sev {
        0..=2 => (1, "Informational"),
        3..=4 => (2, "Low"),
        5..=6 => (3, "Medium"),
        7..=8 => (4, "High"),
        _ => (5, "Critical"),
    };
    let (status_id, status) = if is_failure(&ev.outcome) {
        (2, "Failure")
    } else if ev.outcome == "success" {
        (1, "Success")
    } else {
        (99, "Other")
    };
    let resources: Vec<Value> = ev
        .target
        .ids
        .iter()
        .take(100)
        .map(|id| json!({ "type": ev.target.kind, "uid": id }))
        .collect();
    let mut doc = json!({
        "class_uid": CLASS,
        "class_name": "API Activity",
        "category_uid": 6,
        "category_name": "Application Activity",
        "activity_id": activity,
        "activity_name": name,
        "type_uid": CLASS * 100 + u32::from(activity),
        "type_name": format!("API Activity: {name}"),
        "time": millis(&ev.time),
        "severity_id": severity_id,
        "severity": severity_name,
        "status_id": status_id,
        "status": status,
        "status_detail": ev.outcome,
        "message": summary(ev),
        "actor": { "user": { "name": ev.actor, "type": ev.role } },
        "api": {
            "operation": ev.action,
            "service": { "name": PRODUCT },
            "request": { "uid": ev.request_id },
        },
        "resources": resources,
        "metadata": {
            "version": OCSF_VERSION,
            "uid": ev.id.to_string(),
            "sequence": ev.id,
            "log_name": "audit",
            "product": { "name": PRODUCT, "vendor_name": PRODUCT, "version": env!("CARGO_PKG_VERSION") },
        },
        "unmapped": {
            "host": src.host,
            "target_kind": ev.target.kind,
            "target_count": ev.target.count,
            "target_digest": ev.target.digest,
            "reason": ev.reason,
            "ticket": ev.ticket,
            "breakglass": ev.breakglass,
            "details": ev.details,
            "hash": ev.hash,
            "prev_hash": ev.prev_hash,
        },
    });
    if let Some(e) = &ev.elevation_id {
        doc["actor"]["session"] = json!({ "uid": e });
    }
    if let Some(ip) = valid_ip(&ev.source_ip) {
        doc["src_endpoint"] = json!({ "ip": ip });
    }
    if !ev.user_agent.is_empty() {
        doc["http_request"] = json!({ "user_agent": ev.user_agent });
    }
    json_line(&doc)
}

/// SD-PARAM values: `"`, `\` and `]` escaped with a backslash (RFC 5424 §6.3.3);
/// control characters, which the RFC has no escape for, replaced so a message stays one
/// line in every receiver's files.
pub fn sd_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if needs_escape(c) {
            out.push(REPLACEMENT);
            continue;
        }
        if matches!(c, '"' | '\\' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A header field: printable US-ASCII without spaces, at most `max`, or `-`.
fn header_token(s: &str, max: usize) -> String {
    let t: String = s
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(max)
        .collect();
    if t.is_empty() { "-".into() } else { t }
}

/// RFC 5424 severity (0 emergency … 7 debug) from the CEF risk.
pub fn syslog_severity(ev: &AuditEvent) -> u8 {
    match severity(ev) {
        9..=10 => 2,
        7..=8 => 3,
        5..=6 => 4,
        3..=4 => 5,
        _ => 6,
    }
}

/// One RFC 5424 message (facility 13, log audit). Control characters in MSG are
/// escaped so the message stays one line in files; structured data carries the fields.
pub fn syslog(ev: &AuditEvent, src: &Source) -> String {
    let pri = 13 * 8 + u32::from(syslog_severity(ev));
    let mut params: Vec<(&str, String)> = vec![
        ("id", ev.id.to_string()),
        ("actor", ev.actor.clone()),
        ("role", ev.role.clone()),
        ("action", ev.action.clone()),
        ("outcome", ev.outcome.clone()),
        ("requestId", ev.request_id.clone()),
        ("src", ev.source_ip.clone()),
        ("target", target_text(ev)),
        ("targetCount", ev.target.count.to_string()),
        ("hash", ev.hash.clone()),
    ];
    if let Some(r) = &ev.reason {
        params.push(("reason", r.clone()));
    }
    if let Some(t) = &ev.ticket {
        params.push(("ticket", t.clone()));
    }
    if let Some(e) = &ev.elevation_id {
        params.push(("elevationId", e.clone()));
    }
    if ev.breakglass {
        params.push(("breakglass", "true".into()));
    }
    let sd: String = params
        .iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", sd_value(v)))
        .collect();
    format!(
        "<{pri}>1 {} {} mdm - {} [{SD_ID}{sd}] {}",
        ev.time,
        header_token(&src.host, 255),
        header_token(&ev.action, 32),
        mdm_model::escape::terminal(&summary(ev))
    )
}

pub fn render(ev: &AuditEvent, f: Format, src: &Source) -> String {
    match f {
        Format::Jsonl => jsonl(ev),
        Format::Cef => cef(ev),
        Format::Ecs => ecs(ev, src),
        Format::Ocsf => ocsf(ev, src),
        Format::Syslog => syslog(ev, src),
    }
}

#[cfg(test)]
mod unsafe_characters {
    use super::*;
    use proptest::prelude::*;

    fn unicode() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '\x1b',
            '\n',
            '\r',
            '\t',
            '\0',
            '\x7f',
            '\u{85}',
            '\u{9b}',
            '\u{ad}',
            '\u{61c}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{2028}',
            '\u{2029}',
            '\u{202e}',
            '\u{2066}',
            '\u{2060}',
            '\u{feff}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '"',
            '\\',
            '|',
            '=',
            ']',
            ' ',
            'a',
            '🚀',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), special], 0..30)
            .prop_map(|v| v.into_iter().collect())
    }

    fn event(s: &str) -> AuditEvent {
        serde_json::from_value(json!({
            "id": 7, "time": "2026-11-26T03:04:05Z", "actor": s, "role": "admin",
            "elevation_id": s, "source_ip": s, "user_agent": s, "request_id": s,
            "action": s, "target": { "kind": "device", "count": 2, "ids": [s, "dev_b"], "digest": null },
            "reason": s, "ticket": s, "outcome": s, "breakglass": true,
            "details": { s: s, "n": [s] },
            "prev_hash": "0".repeat(64), "hash": "f".repeat(64),
        }))
        .unwrap()
    }

    fn contains_string(v: &Value, s: &str) -> bool {
        match v {
            Value::String(x) => x == s,
            Value::Array(a) => a.iter().any(|x| contains_string(x, s)),
            Value::Object(o) => o.iter().any(|(k, x)| k == s || contains_string(x, s)),
            _ => false,
        }
    }

    proptest! {
        /// No unsafe character (Cc, Cf, Zl, Zp, bidi, tags) survives in any SIEM format,
        /// and each format stays one line.
        #[test]
        fn every_format_is_clean_and_one_line(s in unicode()) {
            let ev = event(&s);
            let src = Source { host: s.clone() };
            for f in [Format::Jsonl, Format::Cef, Format::Ecs, Format::Ocsf, Format::Syslog] {
                let line = render(&ev, f, &src);
                prop_assert!(
                    !line.chars().any(needs_escape),
                    "{:?} lets an unsafe character through: {:?}", f, line
                );
            }
        }

        /// The JSON formats keep the exact value: escapes, never replacements.
        #[test]
        fn json_formats_round_trip_exactly(s in unicode()) {
            let ev = event(&s);
            let back: AuditEvent = serde_json::from_str(&jsonl(&ev)).unwrap();
            prop_assert_eq!(&back.reason, &ev.reason);
            prop_assert_eq!(&back.actor, &ev.actor);
            prop_assert_eq!(&back.details, &ev.details);
            prop_assert_eq!(&back.target.ids, &ev.target.ids);
            let src = Source { host: "h".into() };
            for line in [ecs(&ev, &src), ocsf(&ev, &src)] {
                let v: Value = serde_json::from_str(&line).unwrap();
                prop_assert!(v.is_object());
                // The reason travels exactly somewhere in the document.
                prop_assert!(contains_string(&v, &s), "{} lacks {:?}", line, s);
            }
        }
    }
}

/// The CEF line as it was built before `cef_into` (owned strings, `format!`): the
/// reference the borrowed, in-place rendering must match byte for byte.
#[cfg(test)]
mod cef_in_place {
    use super::*;
    use proptest::prelude::*;

    fn old_cef(ev: &AuditEvent) -> String {
        let mut ext: Vec<(&str, String)> = vec![
            ("rt", millis(&ev.time).to_string()),
            ("externalId", ev.id.to_string()),
            ("act", ev.action.clone()),
            ("outcome", ev.outcome.clone()),
            ("suser", ev.actor.clone()),
            ("spriv", ev.role.clone()),
        ];
        if let Some(ip) = valid_ip(&ev.source_ip) {
            ext.push(("src", ip.to_string()));
        }
        if !ev.user_agent.is_empty() {
            ext.push(("requestClientApplication", ev.user_agent.clone()));
        }
        const CS: [(&str, &str); 6] = [
            ("cs1Label", "cs1"),
            ("cs2Label", "cs2"),
            ("cs3Label", "cs3"),
            ("cs4Label", "cs4"),
            ("cs5Label", "cs5"),
            ("cs6Label", "cs6"),
        ];
        let mut custom = |n: usize, label: &str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                ext.push((CS[n - 1].0, label.to_string()));
                ext.push((CS[n - 1].1, v));
            }
        };
        custom(1, "requestId", Some(ev.request_id.clone()));
        custom(2, "reason", ev.reason.clone());
        custom(3, "ticket", ev.ticket.clone());
        custom(4, "target", Some(target_text(ev)));
        custom(5, "hash", Some(ev.hash.clone()));
        custom(6, "elevationId", ev.elevation_id.clone());
        ext.push(("cn1Label", "targetCount".into()));
        ext.push(("cn1", ev.target.count.to_string()));
        if !ev.details.is_null() {
            ext.push(("msg", ev.details.to_string()));
        }
        if ev.breakglass {
            ext.push(("cat", "breakglass".into()));
        }
        let mut out = format!(
            "CEF:0|{}|{}|{}|{}|{}|{}|",
            cef_header(PRODUCT),
            cef_header(PRODUCT),
            cef_header(env!("CARGO_PKG_VERSION")),
            cef_header(&ev.action),
            cef_header(&format!("{} {}", ev.action, ev.outcome)),
            severity(ev),
        );
        for (i, (k, v)) in ext.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(k);
            out.push('=');
            push_cef_value(&mut out, v);
        }
        out
    }

    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '"', '\\', '/', '|', '=', '\n', '\r', '\x1b', '\u{85}', '\u{202e}', 'é', '🚀', ' ',
            'a', '0', '.',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), special.clone(), special], 0..10)
            .prop_map(|v| v.into_iter().collect())
    }

    fn details() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<u64>().prop_map(|n| json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| json!(f)),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop_oneof![text(), Just("weakens".to_string())],
                    prop_oneof![inner, any::<bool>().prop_map(Value::Bool)],
                    0..4
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    prop_compose! {
        fn event()(
            id in any::<i64>(),
            time in prop_oneof![
                (0i64..4_000_000_000).prop_map(mdm_model::time::unix_to_rfc3339),
                Just("2026-11-26T03:04:05.250Z".to_string()),
                text(),
            ],
            (actor, role, outcome) in (text(), text(), prop_oneof![
                Just("success".to_string()), Just("denied".to_string()), text()]),
            action in prop_oneof![
                Just("policy.apply".to_string()), Just("action.wipe".to_string()), text()],
            (source_ip, user_agent, request_id) in (
                prop_oneof![Just("10.1.2.3".to_string()), Just("::1".to_string()), text()],
                text(), text()),
            (elevation_id, reason, ticket) in (
                prop::option::of(text()), prop::option::of(text()), prop::option::of(text())),
            kind in prop::option::of(text()),
            count in any::<u64>(),
            ids in prop::collection::vec(text(), 0..3),
            breakglass in any::<bool>(),
            details in details(),
        ) -> AuditEvent {
            AuditEvent {
                id, time, actor, role, elevation_id, source_ip, user_agent, request_id, action,
                target: mdm_model::types::AuditTarget { kind, count, ids, digest: None },
                reason, ticket, outcome, breakglass, details,
                prev_hash: mdm_model::audit::GENESIS.to_string(), hash: String::new(),
            }
        }
    }

    #[test]
    fn a_plain_chain_line_is_scanned_not_parsed() {
        let mut ev: AuditEvent = serde_json::from_value(json!({
            "id": 7, "time": "2026-11-26T03:04:05Z", "actor": "alice", "role": "admin",
            "elevation_id": null, "source_ip": "10.0.0.1", "user_agent": "mdm/0.1.0",
            "request_id": "req_1", "action": "policy.apply",
            "target": { "kind": "policy", "count": 1, "ids": ["p1"], "digest": null },
            "reason": "INC-1", "ticket": null, "outcome": "success", "breakglass": true,
            "details": { "weakens": true, "n": [1, -2, "x\ny"] },
            "prev_hash": mdm_model::audit::GENESIS,
        }))
        .unwrap();
        let line = mdm_model::audit::canonical_bytes(&ev);
        ev.hash = mdm_model::audit::hash_bytes(&line);
        let view = EventView::scanned(&line).expect("a plain line scans");
        let mut out = String::new();
        cef_into(&view, &ev.hash, &mut out);
        assert_eq!(out, old_cef(&ev));
        assert!(
            out.contains("|9|") && out.contains(r#"msg={"n":[1,-2,"x\\ny"],"weakens":true}"#),
            "{out}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn in_place_cef_is_byte_equal_to_the_owned_rendering(mut ev in event()) {
            let line = mdm_model::audit::canonical_bytes(&ev);
            ev.hash = mdm_model::audit::hash_bytes(&line);
            prop_assert_eq!(&cef(&ev), &old_cef(&ev));
            // From the chain line itself, as `audit export` read it before: parsed.
            let want = old_cef(&crate::commands::audit::event_from_line(&line).unwrap());
            let view: EventView = serde_json::from_slice(&line).unwrap();
            let mut out = String::from("left over from the previous line");
            out.clear();
            cef_into(&view, &ev.hash, &mut out);
            prop_assert_eq!(&out, &want);
            if let Some(view) = EventView::scanned(&line) {
                out.clear();
                cef_into(&view, &ev.hash, &mut out);
                prop_assert_eq!(&out, &want);
            }
        }
    }
}
