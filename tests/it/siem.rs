//! The audit log as a SIEM sees it: every export format against a golden file and parsed
//! back by an independent parser (CEF, RFC 5424, JSON), and forwarding to a real rsyslog
//! (stopped and restarted mid-stream), UDP, TLS (openssl s_server) and a HEC collector.
//! Regenerate the golden files with `MDM_BLESS=1 cargo nextest run siem`.

use crate::common::fixture::{Fixture, response};
use crate::common::http::Http;
use crate::common::{Env, Sandbox};
use mdm::audit::formats::{self, Format, Source};
use mdm_model::types::AuditEvent;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Read;
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// Independent parsers

/// A CEF line: the seven header fields (unescaped) and the extension as key → value.
#[derive(Debug)]
struct Cef {
    header: Vec<String>,
    ext: BTreeMap<String, String>,
}

fn parse_cef(line: &str) -> Cef {
    let body = line.strip_prefix("CEF:").expect("starts with CEF:");
    let mut header = Vec::new();
    let mut cur = String::new();
    let mut chars = body.chars();
    while header.len() < 7 {
        match chars.next().expect("seven header fields") {
            '\\' => match chars.next().expect("escape") {
                c @ ('\\' | '|') => cur.push(c),
                c => panic!("bad header escape \\{c} in {line}"),
            },
            '|' => header.push(std::mem::take(&mut cur)),
            c => {
                assert!(c != '\n' && c != '\r', "line break in a CEF header");
                cur.push(c)
            }
        }
    }
    let ext_text: Vec<char> = chars.collect();
    // Keys are runs of [A-Za-z0-9_] ending at an unescaped '='; a value runs to the space
    // before the next key.
    let mut eqs = Vec::new();
    let mut i = 0;
    while i < ext_text.len() {
        match ext_text[i] {
            '\\' => i += 2,
            '=' => {
                eqs.push(i);
                i += 1
            }
            _ => i += 1,
        }
    }
    let mut ext = BTreeMap::new();
    let key_start = |eq: usize| {
        let mut k = eq;
        while k > 0 && (ext_text[k - 1].is_ascii_alphanumeric() || ext_text[k - 1] == '_') {
            k -= 1;
        }
        assert!(k == 0 || ext_text[k - 1] == ' ', "key not after a space");
        k
    };
    for (n, &eq) in eqs.iter().enumerate() {
        let k = key_start(eq);
        let key: String = ext_text[k..eq].iter().collect();
        let end = eqs
            .get(n + 1)
            .map_or(ext_text.len(), |&next| key_start(next) - 1);
        let raw = &ext_text[eq + 1..end];
        let mut v = String::new();
        let mut j = 0;
        while j < raw.len() {
            if raw[j] == '\\' {
                j += 1;
                v.push(match raw[j] {
                    '\\' => '\\',
                    '=' => '=',
                    'n' => '\n',
                    'r' => '\r',
                    c => panic!("bad extension escape \\{c}"),
                });
            } else {
                assert!(raw[j] != '\n' && raw[j] != '\r', "raw line break in CEF");
                v.push(raw[j]);
            }
            j += 1;
        }
        assert!(ext.insert(key.clone(), v).is_none(), "duplicate key {key}");
    }
    Cef { header, ext }
}

/// An RFC 5424 message: header fields, the structured data of one SD-ID, and MSG.
#[derive(Debug)]
struct Syslog {
    pri: u32,
    timestamp: String,
    hostname: String,
    app: String,
    msgid: String,
    sd_id: String,
    params: BTreeMap<String, String>,
    msg: String,
}

fn parse_5424(line: &str) -> Syslog {
    let rest = line.strip_prefix('<').expect("<PRI>");
    let (pri, rest) = rest.split_once('>').unwrap();
    let rest = rest.strip_prefix("1 ").expect("VERSION 1");
    let mut fields = rest.splitn(6, ' ');
    let timestamp = fields.next().unwrap().to_string();
    let hostname = fields.next().unwrap().to_string();
    let app = fields.next().unwrap().to_string();
    let _procid = fields.next().unwrap();
    let msgid = fields.next().unwrap().to_string();
    let sd: Vec<char> = fields.next().unwrap().chars().collect();
    for h in [&timestamp, &hostname, &app, &msgid] {
        assert!(h.chars().all(|c| c.is_ascii_graphic()), "header {h:?}");
    }
    assert_eq!(sd[0], '[');
    let mut i = 1;
    let mut sd_id = String::new();
    while sd[i] != ' ' && sd[i] != ']' {
        sd_id.push(sd[i]);
        i += 1;
    }
    let mut params = BTreeMap::new();
    while sd[i] == ' ' {
        i += 1;
        let mut name = String::new();
        while sd[i] != '=' {
            assert!(!matches!(sd[i], ' ' | ']' | '"'), "bad PARAM-NAME");
            name.push(sd[i]);
            i += 1;
        }
        assert!(name.len() <= 32);
        assert_eq!(sd[i + 1], '"');
        i += 2;
        let mut v = String::new();
        loop {
            match sd[i] {
                '\\' if matches!(sd[i + 1], '"' | '\\' | ']') => {
                    v.push(sd[i + 1]);
                    i += 2;
                }
                '"' => {
                    i += 1;
                    break;
                }
                ']' => panic!("unescaped ] inside a PARAM-VALUE"),
                c => {
                    v.push(c);
                    i += 1;
                }
            }
        }
        params.insert(name, v);
    }
    assert_eq!(sd[i], ']', "SD-ELEMENT closes");
    let msg: String = sd[i + 1..].iter().collect();
    Syslog {
        pri: pri.parse().unwrap(),
        timestamp,
        hostname,
        app,
        msgid,
        sd_id,
        params,
        msg: msg.strip_prefix(' ').unwrap_or(&msg).to_string(),
    }
}

/// Control and invisible formatting characters, as the line formats replace them.
fn scrubbed(s: &str) -> String {
    s.chars()
        .map(|c| {
            if mdm_model::escape::needs_escape(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// CEF has escapes for line breaks, so only the other characters are replaced.
fn cef_scrubbed(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c != '\n' && c != '\r' && mdm_model::escape::needs_escape(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Formats

const HOSTILE: &str = "lost | stolen = \\ \"quoted\" ] x\nnew line\r\u{1b}[31mred\u{1b}[0m ünïcödé 🚀 \u{202e}evil\u{9b}";

fn hostile_event() -> AuditEvent {
    serde_json::from_value(json!({
        "id": 42,
        "time": "2026-11-26T03:04:05Z",
        "actor": "eve|=\\\"]",
        "role": "admin",
        "elevation_id": "elv_0123456789ab",
        "source_ip": "192.0.2.7",
        "user_agent": "curl/8.0 \u{1b}]0;pwned\u{7}",
        "request_id": "req_00000000000000aa",
        "action": "action.wipe",
        "target": { "kind": "device", "count": 2, "ids": ["dev_a|b", "dev_c=d"], "digest": null },
        "reason": HOSTILE,
        "ticket": "INC=1|2]\"",
        "outcome": "success",
        "breakglass": true,
        "details": { "note": "a=b|c\\d\n]", "n": 3 },
        "prev_hash": "0".repeat(64),
        "hash": "f".repeat(64),
    }))
    .unwrap()
}

fn golden(name: &str, text: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/audit")
        .join(name);
    if std::env::var_os("MDM_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with MDM_BLESS=1", path.display()));
    assert_eq!(text, want, "{name} differs from its golden file");
}

/// Checks one rendered line against the event it came from, through the parsers.
fn check_parse_back(f: Format, line: &str, ev: &AuditEvent, host: &str) {
    assert!(
        !line.contains('\n') && !line.contains('\r'),
        "{f:?} is not one line"
    );
    assert!(
        !line.contains('\u{1b}') && !line.contains('\u{9b}') && !line.contains('\u{7}'),
        "{f:?} lets a raw control character through"
    );
    match f {
        Format::Jsonl => {
            let back: AuditEvent = serde_json::from_str(line).unwrap();
            assert_eq!(
                serde_json::to_value(&back).unwrap(),
                serde_json::to_value(ev).unwrap()
            );
        }
        Format::Cef => {
            let c = parse_cef(line);
            assert_eq!(c.header[0], "0");
            assert_eq!(c.header[1], "mdm");
            assert_eq!(c.header[2], "mdm");
            assert_eq!(c.header[4], ev.action);
            let sev: u8 = c.header[6].parse().unwrap();
            assert!(sev <= 10);
            assert_eq!(sev, formats::severity(ev));
            let e = &c.ext;
            assert_eq!(e["externalId"], ev.id.to_string());
            assert_eq!(e["act"], ev.action);
            assert_eq!(e["suser"], cef_scrubbed(&ev.actor));
            assert_eq!(e["spriv"], ev.role);
            assert_eq!(e["outcome"], ev.outcome);
            if !ev.source_ip.is_empty() {
                assert_eq!(e["src"], ev.source_ip);
            }
            assert_eq!(e["requestClientApplication"], cef_scrubbed(&ev.user_agent));
            let custom = |label: &str| {
                let n = (1..=6)
                    .find(|n| e.get(&format!("cs{n}Label")).map(String::as_str) == Some(label))
                    .unwrap_or_else(|| panic!("no {label}"));
                e[&format!("cs{n}")].clone()
            };
            assert_eq!(custom("requestId"), ev.request_id);
            assert_eq!(custom("hash"), ev.hash);
            if let Some(r) = &ev.reason {
                assert_eq!(custom("reason"), cef_scrubbed(r));
            }
            if let Some(t) = &ev.ticket {
                assert_eq!(custom("ticket"), cef_scrubbed(t));
            }
            let rt: i64 = e["rt"].parse().unwrap();
            assert_eq!(
                rt,
                mdm_model::time::parse_rfc3339(&ev.time)
                    .unwrap()
                    .unix_timestamp()
                    * 1000
            );
            if !ev.details.is_null() {
                assert_eq!(e["msg"], cef_scrubbed(&ev.details.to_string()));
            }
        }
        Format::Syslog => {
            let s = parse_5424(line);
            assert_eq!(s.pri, 13 * 8 + u32::from(formats::syslog_severity(ev)));
            assert_eq!(s.timestamp, ev.time);
            assert_eq!(s.hostname, host);
            assert_eq!(s.app, "mdm");
            assert_eq!(s.msgid, ev.action);
            assert_eq!(s.sd_id, "mdm@32473");
            let p = &s.params;
            assert_eq!(p["id"], ev.id.to_string());
            assert_eq!(p["actor"], scrubbed(&ev.actor));
            assert_eq!(p["action"], ev.action);
            assert_eq!(p["outcome"], ev.outcome);
            assert_eq!(p["hash"], ev.hash);
            assert_eq!(p["requestId"], ev.request_id);
            if let Some(r) = &ev.reason {
                assert_eq!(p["reason"], scrubbed(r));
            }
            if let Some(t) = &ev.ticket {
                assert_eq!(p["ticket"], scrubbed(t));
            }
            assert!(s.msg.contains(&ev.action));
        }
        Format::Ecs => {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["@timestamp"], ev.time);
            assert!(v["ecs"]["version"].as_str().unwrap().starts_with("8."));
            assert_eq!(v["event"]["kind"], "event");
            assert_eq!(v["event"]["action"], ev.action);
            assert_eq!(v["event"]["id"], ev.id.to_string());
            assert!(v["event"]["category"].is_array());
            assert!(v["event"]["type"].is_array());
            assert_eq!(
                v["event"]["outcome"],
                match ev.outcome.as_str() {
                    "success" => "success",
                    o if formats::is_failure(o) => "failure",
                    _ => "unknown",
                }
            );
            assert_eq!(v["user"]["name"], ev.actor);
            assert_eq!(v["event"]["reason"], json!(ev.reason));
            if !ev.source_ip.is_empty() {
                assert_eq!(v["source"]["ip"], ev.source_ip);
            }
            assert_eq!(v["user_agent"]["original"], ev.user_agent);
            assert_eq!(v["mdm"]["hash"], ev.hash);
        }
        Format::Ocsf => {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["class_uid"], 6003);
            assert_eq!(v["category_uid"], 6);
            let activity = v["activity_id"].as_u64().unwrap();
            assert_eq!(v["type_uid"].as_u64().unwrap(), 6003 * 100 + activity);
            assert!(v["metadata"]["version"].as_str().unwrap().starts_with("1."));
            assert_eq!(v["metadata"]["uid"], ev.id.to_string());
            assert_eq!(v["actor"]["user"]["name"], ev.actor);
            assert_eq!(v["api"]["operation"], ev.action);
            assert_eq!(v["api"]["request"]["uid"], ev.request_id);
            if !ev.source_ip.is_empty() {
                assert_eq!(v["src_endpoint"]["ip"], ev.source_ip);
            }
            assert!(v["status_id"].is_u64());
            assert!(v["time"].is_i64());
        }
    }
}

const ALL: &[(Format, &str)] = &[
    (Format::Jsonl, "jsonl"),
    (Format::Cef, "cef"),
    (Format::Ecs, "ecs"),
    (Format::Ocsf, "ocsf"),
    (Format::Syslog, "syslog"),
];

#[test]
fn formats_match_their_golden_files_and_parse_back() {
    let ev = hostile_event();
    let src = Source {
        host: "mdm.example.org".into(),
    };
    for (f, name) in ALL {
        let line = formats::render(&ev, *f, &src);
        golden(&format!("hostile.{name}"), &format!("{line}\n"));
        check_parse_back(*f, &line, &ev, "mdm.example.org");
    }
    // A failed, ordinary event maps its outcome and severity.
    let mut failed = hostile_event();
    failed.outcome = "refused_step_up_required".into();
    failed.reason = None;
    failed.breakglass = false;
    failed.action = "policy.apply".into();
    assert_eq!(formats::severity(&failed), 7);
    let ecs: Value = serde_json::from_str(&formats::ecs(&failed, &src)).unwrap();
    assert_eq!(ecs["event"]["outcome"], "failure");
    let ocsf: Value = serde_json::from_str(&formats::ocsf(&failed, &src)).unwrap();
    assert_eq!(ocsf["status_id"], 2);
}

/// A hostile event stored by the server travels through `mdm audit export` intact.
#[test]
fn exports_of_a_hostile_event_parse_back() {
    let sb = Sandbox::new(2);
    sb.server
        .db()
        .write(|tx| {
            let ev = mdm_server::audit::NewEvent {
                actor: "eve|=\\\"]".into(),
                role: "admin".into(),
                source_ip: "127.0.0.1".into(),
                user_agent: "curl/8.0 \u{1b}]0;pwned\u{7}".into(),
                request_id: "req_00000000000000aa".into(),
                action: "action.lock".into(),
                outcome: "success".into(),
                reason: Some(HOSTILE.into()),
                ticket: Some("INC=1|2]\"".into()),
                details: json!({ "note": "a=b|c\\d\n]" }),
                ..Default::default()
            }
            .target("device", vec!["dev_x".into()]);
            mdm_server::audit::append(tx, ev)?;
            Ok::<_, mdm_server::sql::Error>(())
        })
        .unwrap();
    let stored: AuditEvent = {
        let v = sb
            .run(&["audit", "log", "--action", "action.lock", "-o", "json"])
            .json();
        serde_json::from_value(v[0].clone()).unwrap()
    };
    assert_eq!(stored.reason.as_deref(), Some(HOSTILE));
    for (f, name) in ALL {
        let out = sb.run(&["audit", "export", "--format", name]);
        out.ok();
        let line = out
            .stdout
            .lines()
            .find(|l| l.contains("req_00000000000000aa"))
            .unwrap_or_else(|| panic!("{name}: the event is not in the export"));
        check_parse_back(*f, line, &stored, "127.0.0.1");
    }
    // The table view shows it escaped, on one line.
    let table = sb.run(&["audit", "log", "--action", "action.lock"]);
    assert!(!table.stdout.contains('\u{1b}'));
    assert!(table.stdout.contains("\\e[31m"));
    sb.run(&["audit", "verify"]).ok();
}

// ---------------------------------------------------------------------------------------
// Receivers

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_listening(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn terminate(child: &mut Child) {
    // SAFETY: signalling our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A real rsyslogd (Debian's package) with imtcp on a loopback port, writing each mdm
/// message as received to a file.
struct Rsyslog {
    child: Option<Child>,
    dir: PathBuf,
    port: u16,
}

impl Rsyslog {
    fn start(dir: &Path) -> Rsyslog {
        std::fs::create_dir_all(dir).unwrap();
        let mut r = Rsyslog {
            child: None,
            dir: dir.to_path_buf(),
            port: free_port(),
        };
        r.restart();
        r
    }

    fn out(&self) -> PathBuf {
        self.dir.join("mdm.log")
    }

    fn restart(&mut self) {
        let conf = self.dir.join("rsyslog.conf");
        std::fs::write(
            &conf,
            format!(
                r#"global(workDirectory="{dir}")
main_queue(queue.type="Direct")
module(load="imtcp")
input(type="imtcp" port="{port}" address="127.0.0.1")
template(name="raw" type="string" string="%rawmsg%\n")
if $app-name == "mdm" then action(type="omfile" file="{out}" template="raw")
"#,
                dir = self.dir.display(),
                port = self.port,
                out = self.out().display()
            ),
        )
        .unwrap();
        let child = Command::new("rsyslogd")
            .arg("-n")
            .arg("-f")
            .arg(&conf)
            .arg("-i")
            .arg(self.dir.join("rsyslogd.pid"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("rsyslogd is installed (apt-get install rsyslog)");
        self.child = Some(child);
        wait_listening(self.port);
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            terminate(&mut c);
        }
    }

    fn lines(&self) -> Vec<String> {
        std::fs::read_to_string(self.out())
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Rsyslog {
    fn drop(&mut self) {
        self.stop();
    }
}

fn ids_of(lines: &[String]) -> Vec<i64> {
    lines
        .iter()
        .map(|l| parse_5424(l).params["id"].parse().unwrap())
        .collect()
}

fn all_ids(sb: &Sandbox) -> Vec<i64> {
    let n: i64 = sb
        .server
        .db()
        .read(|c| {
            c.query_row("SELECT COALESCE(MAX(id), 0) FROM audit_events", [], |r| {
                r.get(0)
            })
        })
        .unwrap();
    (1..=n).collect()
}

fn wait_until(what: &str, secs: u64, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Every id present at least once, and no id more than once beyond one batch of repeats.
fn assert_delivered(got: &[i64], want: &[i64], max_repeats: usize) {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for id in got {
        *counts.entry(*id).or_default() += 1;
    }
    let missing: Vec<i64> = want
        .iter()
        .copied()
        .filter(|i| !counts.contains_key(i))
        .collect();
    assert!(missing.is_empty(), "lost events: {missing:?}");
    let repeats: usize = counts.values().map(|c| c - 1).sum();
    assert!(
        repeats <= max_repeats,
        "{repeats} repeated events (at most {max_repeats} allowed): {counts:?}"
    );
}

fn logins(sb: &Sandbox, n: usize) {
    let http = Http::new(&sb.server.url);
    for _ in 0..n {
        let r = http.post("/v1/auth/login", &sb.admin_token, json!({}));
        assert_eq!(r.status, 204);
    }
}

fn spawn_forward(env: &Env, args: &[&str]) -> Child {
    env.command()
        .args(["audit", "forward"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn rsyslog_receives_every_event_intact_across_its_own_restart() {
    let sb = Sandbox::new(3);
    let mut rs = Rsyslog::start(&sb.env.root.path().join("rsyslog"));
    logins(&sb, 20);
    let to = format!("syslog+tcp://127.0.0.1:{}", rs.port);
    let batch = 7;
    let mut fwd = spawn_forward(&sb.env, &["--to", &to, "--batch", &batch.to_string()]);
    wait_until("the first events at rsyslog", 30, || {
        ids_of(&rs.lines()).len() >= 20
    });
    // Events keep coming while rsyslog goes down and comes back.
    let url = sb.server.url.clone();
    let token = sb.admin_token.clone();
    let producer = std::thread::spawn(move || {
        let http = Http::new(&url);
        for _ in 0..60 {
            assert_eq!(http.post("/v1/auth/login", &token, json!({})).status, 204);
            std::thread::sleep(Duration::from_millis(40));
        }
    });
    std::thread::sleep(Duration::from_millis(600));
    rs.stop();
    std::thread::sleep(Duration::from_millis(1500));
    rs.restart();
    producer.join().unwrap();
    let want = all_ids(&sb);
    wait_until("every event at rsyslog", 90, || {
        let got = ids_of(&rs.lines());
        want.iter().all(|i| got.contains(i))
    });
    terminate(&mut fwd);
    let mut stderr = String::new();
    fwd.stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        stderr.contains("hung up") || stderr.contains("failed") || stderr.contains("cannot reach"),
        "the forwarder never noticed rsyslog going away:\n{stderr}"
    );
    let lines = rs.lines();
    assert_delivered(&ids_of(&lines), &want, batch);
    // Intact: each message is the event as the server holds it.
    let events: Vec<AuditEvent> = serde_json::from_value(
        sb.run(&["audit", "log", "--limit", "1000", "-o", "json"])
            .json(),
    )
    .unwrap();
    for line in &lines {
        let s = parse_5424(line);
        let id: i64 = s.params["id"].parse().unwrap();
        let ev = events.iter().find(|e| e.id == id).unwrap();
        check_parse_back(Format::Syslog, line, ev, "127.0.0.1");
    }
}

#[test]
fn a_restarted_forwarder_resumes_where_it_stopped() {
    let sb = Sandbox::new(3);
    let rs = Rsyslog::start(&sb.env.root.path().join("rsyslog"));
    let to = format!("syslog+tcp://127.0.0.1:{}", rs.port);
    logins(&sb, 12);
    let run = || {
        sb.run(&[
            "audit",
            "forward",
            "--to",
            &to,
            "--batch",
            "5",
            "--exit-when-idle",
            "2s",
        ])
        .ok()
        .stderr_has("Caught up");
    };
    run();
    let first = ids_of(&rs.lines());
    assert_delivered(&first, &all_ids(&sb)[..first.len()], 0);
    logins(&sb, 9);
    run();
    // The second run starts after the first one's last delivered event.
    let got = ids_of(&rs.lines());
    assert_delivered(
        &got,
        &all_ids(&sb)[..got.iter().max().copied().unwrap() as usize],
        0,
    );
    assert!(got.len() > first.len() + 9);
    // Killed mid-feed (no chance to save anything): at most one batch comes again.
    let mut fwd = spawn_forward(&sb.env, &["--to", &to, "--batch", "5"]);
    logins(&sb, 30);
    std::thread::sleep(Duration::from_millis(1500));
    fwd.kill().unwrap();
    let _ = fwd.wait();
    run();
    let want = all_ids(&sb);
    let got = ids_of(&rs.lines());
    let up_to: Vec<i64> = want
        .iter()
        .copied()
        .filter(|i| *i <= *got.iter().max().unwrap())
        .collect();
    assert_delivered(&got, &up_to, 5);
}

#[test]
fn udp_delivers_one_datagram_per_event() {
    let sb = Sandbox::new(3);
    logins(&sb, 5);
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let port = sock.local_addr().unwrap().port();
    let to = format!("syslog+udp://127.0.0.1:{port}");
    sb.run(&["audit", "forward", "--to", &to, "--exit-when-idle", "1s"])
        .ok();
    let want = all_ids(&sb);
    let mut got = Vec::new();
    let mut buf = vec![0u8; 65536];
    while got.len() < want.len() - 1 {
        let n = sock.recv(&mut buf).expect("a datagram");
        let text = std::str::from_utf8(&buf[..n]).unwrap().to_string();
        got.push(text);
    }
    let ids = ids_of(&got);
    assert_delivered(&ids, &want[..ids.len()], 0);
}

#[test]
fn tls_needs_a_trusted_certificate_and_then_delivers() {
    let sb = Sandbox::new(3);
    logins(&sb, 4);
    let dir = sb.env.root.path().join("tls");
    std::fs::create_dir_all(&dir).unwrap();
    // A private CA and a server certificate for 127.0.0.1 signed by it.
    let (ca, ca_key) = (dir.join("ca.pem"), dir.join("ca.key"));
    let (cert, key, csr) = (
        dir.join("cert.pem"),
        dir.join("key.pem"),
        dir.join("cert.csr"),
    );
    let ext = dir.join("ext.cnf");
    std::fs::write(
        &ext,
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    let openssl = |args: &[&std::ffi::OsStr]| {
        let out = Command::new("openssl")
            .args(args)
            .output()
            .expect("openssl is installed");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let o = |s: &'static str| std::ffi::OsStr::new(s);
    let ec = [
        o("-newkey"),
        o("ec"),
        o("-pkeyopt"),
        o("ec_paramgen_curve:prime256v1"),
        o("-nodes"),
    ];
    let mut a = vec![o("req"), o("-x509")];
    a.extend(ec);
    a.extend([
        o("-days"),
        o("1"),
        o("-subj"),
        o("/CN=mdm test CA"),
        o("-keyout"),
        ca_key.as_os_str(),
        o("-out"),
        ca.as_os_str(),
    ]);
    openssl(&a);
    let mut a = vec![o("req"), o("-new")];
    a.extend(ec);
    a.extend([
        o("-subj"),
        o("/CN=127.0.0.1"),
        o("-keyout"),
        key.as_os_str(),
        o("-out"),
        csr.as_os_str(),
    ]);
    openssl(&a);
    openssl(&[
        o("x509"),
        o("-req"),
        o("-in"),
        csr.as_os_str(),
        o("-CA"),
        ca.as_os_str(),
        o("-CAkey"),
        ca_key.as_os_str(),
        o("-CAcreateserial"),
        o("-days"),
        o("1"),
        o("-extfile"),
        ext.as_os_str(),
        o("-out"),
        cert.as_os_str(),
    ]);
    let port = free_port();
    let received = dir.join("received");
    let mut server = Command::new("openssl")
        .args(["s_server", "-quiet", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("-cert")
        .arg(&cert)
        .arg("-key")
        .arg(&key)
        .stdin(Stdio::piped()) // keep stdin open: s_server stops on EOF
        .stdout(std::fs::File::create(&received).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_listening(port);
    let to = format!("syslog+tls://127.0.0.1:{port}");
    // Not trusted: a clear, immediate error, not an endless retry.
    sb.run(&["audit", "forward", "--to", &to, "--exit-when-idle", "1s"])
        .code(1)
        .stderr_has("TLS handshake failed")
        .stderr_has("--ca-bundle");
    sb.run(&[
        "audit",
        "forward",
        "--to",
        &to,
        "--ca-bundle",
        ca.to_str().unwrap(),
        "--exit-when-idle",
        "2s",
    ])
    .ok();
    let want = all_ids(&sb);
    let mut messages = Vec::new();
    wait_until("the events at the TLS receiver", 20, || {
        // RFC 6587 octet counting: LEN SP MSG.
        let data = std::fs::read(&received).unwrap();
        messages.clear();
        let mut rest = &data[..];
        while let Some(sp) = rest.iter().position(|b| *b == b' ') {
            let Ok(len) = std::str::from_utf8(&rest[..sp]).unwrap().parse::<usize>() else {
                break;
            };
            if rest.len() < sp + 1 + len {
                break;
            }
            messages.push(String::from_utf8(rest[sp + 1..sp + 1 + len].to_vec()).unwrap());
            rest = &rest[sp + 1 + len..];
        }
        messages.len() >= want.len() - 1
    });
    let ids = ids_of(&messages);
    assert_delivered(&ids, &want[..ids.len()], 0);
    terminate(&mut server);
}

#[test]
fn hec_gets_the_token_from_the_keyring_and_retries_a_busy_collector() {
    let sb = Sandbox::new(3);
    logins(&sb, 3);
    let ok = response(
        "200 OK",
        &[("content-type", "application/json")],
        r#"{"text":"Success","code":0}"#,
    );
    let busy = response(
        "503 Service Unavailable",
        &[],
        r#"{"text":"Server is busy","code":9}"#,
    );
    let hec = Fixture::start(vec![busy, ok]);
    let to = format!("hec+{}/services/collector/event", hec.url);
    let secret = "0f1e2d3c-hec-token-4b5a69788796";
    sb.env
        .run_with_stdin(
            &["audit", "forward", "--to", &to, "--set-token"],
            Some(secret),
        )
        .ok()
        .stderr_has("stored in the OS keyring");
    sb.run(&["audit", "forward", "--to", &to, "--exit-when-idle", "1s"])
        .ok()
        .stderr_has("503");
    let reqs = hec.requests.lock().unwrap().clone();
    assert!(reqs.len() >= 2, "the busy answer was not retried");
    let mut ids = Vec::new();
    for r in &reqs[1..] {
        assert!(
            r.contains(&format!("authorization: Splunk {secret}"))
                || r.contains(&format!("Authorization: Splunk {secret}")),
            "{r}"
        );
        let body = &r[r.find("\r\n\r\n").unwrap() + 4..];
        for line in body.lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["sourcetype"], "mdm:audit");
            ids.push(v["event"]["id"].as_i64().unwrap());
        }
    }
    let want = all_ids(&sb);
    assert_delivered(&ids, &want[..ids.len()], 0);
    // The token never reaches a file or the output.
    for f in sb.env.all_files() {
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        assert!(
            !text.contains(secret),
            "the HEC token is in {}",
            f.display()
        );
    }
    // A collector that refuses the token stops the forwarder with a hint.
    let denied = Fixture::start(vec![response(
        "403 Forbidden",
        &[],
        r#"{"text":"Invalid token","code":4}"#,
    )]);
    let to = format!("hec+{}/services/collector/event", denied.url);
    sb.run(&["audit", "forward", "--to", &to, "--exit-when-idle", "1s"])
        .code(1)
        .stderr_has("Invalid token")
        .stderr_has("--set-token");
}
