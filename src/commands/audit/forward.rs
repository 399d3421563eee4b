//! `mdm audit forward`: a long-running feed to a SIEM, at least once, resumable.

use crate::api::{AuditEvent, AuditQuery};
use crate::app::{Ctx, Factory};
use crate::audit::formats::{self, Format, Source};
use crate::audit::forward::{Destination, Sink, connect};
use crate::commands::attempt;
use crate::error::{Error, ExitKind, Result};
use crate::outcome::Outcome;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub to: String,
    pub batch: u32,
    pub from: Option<i64>,
    pub from_now: bool,
    pub ca_bundle: Option<std::path::PathBuf>,
    pub set_token: bool,
    pub unset_token: bool,
    pub exit_when_idle: Option<String>,
}

/// Where a forwarder stands, kept in the state dir (no secrets).
#[derive(Debug, Serialize, Deserialize)]
struct Position {
    destination: String,
    context: String,
    server: String,
    /// The last event known delivered.
    last_id: i64,
    updated_at: String,
}

fn position_file(app: &Factory, ctx: &Ctx, dest: &Destination) -> Result<PathBuf> {
    let key = format!("{}\n{}\n{}", ctx.name, ctx.config.server, dest.describe());
    let h = hex::encode(&Sha256::digest(key.as_bytes())[..8]);
    Ok(app
        .dirs()?
        .state
        .join("forward")
        .join(format!("{}-{h}.json", ctx.name)))
}

fn load_position(path: &Path) -> Option<Position> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
}

fn save_position(path: &Path, pos: &mut Position, last_id: i64) -> Result<()> {
    pos.last_id = last_id;
    pos.updated_at = mdm_model::time::now_rfc3339();
    crate::config::write_atomic(
        path,
        &serde_json::to_vec_pretty(pos).expect("serializes"),
        0o600,
    )
}

/// Drops the connection and goes back to the last delivered event: whatever was sent
/// after it is sent again (at least once).
fn rewind(
    app: &Factory,
    dest: &Destination,
    why: &str,
    delivered: i64,
    sink: &mut Option<Box<dyn Sink>>,
    sent_to: &mut i64,
    unsettled: &mut Option<i64>,
) {
    app.ui.warn(&format!(
        "{} {why}; resending from event #{}",
        dest.describe(),
        delivered + 1
    ));
    *sink = None;
    *sent_to = delivered;
    *unsettled = None;
}

fn hec_account(dest: &Destination) -> String {
    format!("hec:{}", dest.describe())
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let dest = Destination::parse(&args.to)?;
    if args.batch == 0 || args.batch > 1000 {
        return Err(Error::usage("--batch is from 1 to 1000"));
    }
    let idle_exit = args
        .exit_when_idle
        .as_deref()
        .map(crate::timeutil::parse_duration)
        .transpose()?;
    if args.unset_token {
        if !matches!(dest, Destination::Hec { .. }) {
            return Err(Error::usage(
                "--unset-token is for hec+https:// destinations",
            ));
        }
        let keyring = app.keyring()?;
        if keyring.delete(&hec_account(&dest))? {
            app.ui.success(&format!(
                "Removed the HEC token for {} from the {}",
                dest.describe(),
                keyring.kind.describe()
            ));
        } else {
            app.ui
                .info(&format!("no HEC token was stored for {}", dest.describe()));
        }
        return Ok(());
    }
    if args.set_token {
        if !matches!(dest, Destination::Hec { .. }) {
            return Err(Error::usage("--set-token is for hec+https:// destinations"));
        }
        let mut token = String::new();
        std::io::stdin()
            .take(8192)
            .read_to_string(&mut token)
            .map_err(|e| Error::usage("cannot read the token from stdin").with_source(&e))?;
        let token = token.trim();
        if token.is_empty() {
            return Err(Error::usage("no token on stdin"));
        }
        app.keyring()?.set(&hec_account(&dest), token)?;
        app.ui.success(&format!(
            "HEC token for {} stored in the {}",
            dest.describe(),
            app.keyring()?.kind.describe()
        ));
        return Ok(());
    }
    if dest.cleartext_remote() {
        app.ui.warn(&format!("{} sends the audit log over the network in clear text; prefer syslog+tls:// or hec+https://", dest.describe()));
    }
    let hec_token = match &dest {
        Destination::Hec { .. } => app
            .keyring()
            .ok()
            .and_then(|k| k.get(&hec_account(&dest)).ok().flatten()),
        _ => None,
    };
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let path = position_file(app, &ctx, &dest)?;
    let mut pos = match load_position(&path) {
        Some(p) => p,
        None => {
            let start = match (args.from, args.from_now) {
                (Some(id), _) => id.max(0),
                (None, true) => api.audit_checkpoint()?.tree_size as i64,
                _ => 0,
            };
            Position {
                destination: dest.describe(),
                context: ctx.name.clone(),
                server: ctx.config.server.clone(),
                last_id: start,
                updated_at: mdm_model::time::now_rfc3339(),
            }
        }
    };
    api.forwarder_started(&dest.describe(), pos.last_id + 1)?;
    app.ui.info(&format!(
        "Forwarding the audit log of {} to {} from event #{} (Ctrl-C stops; it resumes from {})",
        ctx.name,
        dest.describe(),
        pos.last_id + 1,
        path.display()
    ));
    let host = url::Url::parse(&ctx.config.server)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "-".into());
    let src = Source { host: host.clone() };
    let format = match dest {
        Destination::Hec { .. } => Format::Jsonl,
        _ => Format::Syslog,
    };
    let _ = ctrlc::set_handler(|| std::process::exit(130));
    let mut sink: Option<Box<dyn Sink>> = None;
    let mut backoff = Duration::from_millis(500);
    // Sent but not yet known delivered (plain streams settle one batch later).
    let mut unsettled: Option<i64> = None;
    let mut sent_to = pos.last_id;
    let mut idle_since = Instant::now();
    let mut forwarded = 0u64;
    loop {
        if sink.is_none() {
            match connect(&dest, args.ca_bundle.as_deref(), hec_token.clone(), &host) {
                Ok(s) => {
                    sink = Some(s);
                    backoff = Duration::from_millis(500);
                }
                Err(e) if e.permanent => {
                    return Err(Error::failure(format!(
                        "cannot forward to {}",
                        dest.describe()
                    ))
                    .with_cause(e.message)
                    .with_hint(
                        "pass the CA that signed the receiver's certificate with --ca-bundle FILE",
                    ));
                }
                Err(e) => {
                    app.ui.warn(&format!(
                        "cannot reach {}: {}; retrying in {} s",
                        dest.describe(),
                        e.message,
                        backoff.as_secs_f64().ceil()
                    ));
                    std::thread::sleep(backoff);
                    backoff = (backoff * 2).min(Duration::from_secs(30));
                    continue;
                }
            }
        }
        let q = AuditQuery {
            after: sent_to,
            limit: args.batch,
            wait: if unsettled.is_some() {
                1
            } else {
                idle_exit.map_or(5, |d| d.as_secs().clamp(1, 5))
            },
            ..AuditQuery::default()
        };
        let events: Vec<AuditEvent> = match api.audit_events(&q) {
            Ok(p) => p.items,
            Err(e) if e.kind == ExitKind::Failure => {
                app.ui.warn(&format!(
                    "cannot read the audit log: {}; retrying",
                    e.message
                ));
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_secs(30));
                continue;
            }
            Err(e) => return Err(e),
        };
        let s = sink.as_mut().expect("connected above");
        if events.is_empty() {
            // Quiet: settle what was sent if the receiver is still there.
            if let Some(id) = unsettled {
                match s.settled() {
                    Ok(true) => {
                        save_position(&path, &mut pos, id)?;
                        unsettled = None;
                    }
                    _ => {
                        rewind(
                            app,
                            &dest,
                            "hung up",
                            pos.last_id,
                            &mut sink,
                            &mut sent_to,
                            &mut unsettled,
                        );
                        continue;
                    }
                }
            }
            if idle_exit.is_some_and(|d| idle_since.elapsed() >= d) && unsettled.is_none() {
                app.ui.success(&format!(
                    "Caught up: forwarded {forwarded} event(s); the last is #{}",
                    pos.last_id
                ));
                return Ok(());
            }
            continue;
        }
        idle_since = Instant::now();
        let batch: Vec<(i64, String, &AuditEvent)> = events
            .iter()
            .map(|e| (e.id, formats::render(e, format, &src), e))
            .collect();
        let last = events.last().map(|e| e.id).unwrap_or(sent_to);
        match s.send(&batch) {
            Ok(()) => {
                forwarded += events.len() as u64;
                sent_to = last;
                // The batch before this one is delivered if the receiver is still
                // there after taking this one; acknowledged transports settle at once.
                match s.settled() {
                    Ok(true) => {
                        if let Some(prev) = unsettled.take() {
                            save_position(&path, &mut pos, prev)?;
                        }
                        if matches!(
                            dest,
                            Destination::Hec { .. } | Destination::SyslogUdp { .. }
                        ) {
                            save_position(&path, &mut pos, last)?;
                        } else {
                            unsettled = Some(last);
                        }
                    }
                    _ => {
                        rewind(
                            app,
                            &dest,
                            "hung up",
                            pos.last_id,
                            &mut sink,
                            &mut sent_to,
                            &mut unsettled,
                        );
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(Error::failure(format!(
                    "{} refused the events; event #{} and later were not forwarded",
                    dest.describe(),
                    pos.last_id + 1
                ))
                .with_cause(e.to_string())
                .with_hint(format!(
                    "store the right token with `mdm audit forward --to {} --set-token < token-file`",
                    dest.describe()
                )));
            }
            Err(e) => {
                let why = format!("failed ({e})");
                rewind(
                    app,
                    &dest,
                    &why,
                    pos.last_id,
                    &mut sink,
                    &mut sent_to,
                    &mut unsettled,
                );
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_secs(30));
            }
        }
    }
}
