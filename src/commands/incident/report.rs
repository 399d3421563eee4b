//! `mdm incident report`: what changed in a window, by actor, from the audit log, ready
//! to hand to a CERT. Reads (PII) are folded into one entry per actor; routine noise
//! (previews and policy plans, logins, successful step-ups, device acknowledgements) is left out.

use crate::api::{AuditEvent, AuditQuery};
use crate::app::Factory;
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use crate::output::{md_cell, md_table};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub since: String,
    pub until: Option<String>,
    pub actor: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    pub time: String,
    pub actor: String,
    pub role: String,
    /// push, policy, device_action, approval, catalog, enrollment, users, sessions,
    /// step_up_failure, pii_read, pii_budget (over the PII budget), probing (refused
    /// requests), breakglass, incident, audit_export.
    pub category: String,
    pub action: String,
    pub outcome: String,
    pub summary: String,
    pub target_kind: Option<String>,
    pub target_count: u64,
    /// Up to 20 target ids; `target_count` has the full number.
    pub target_ids: Vec<String>,
    pub reason: Option<String>,
    pub ticket: Option<String>,
    pub weakens: bool,
    pub breakglass: bool,
    pub event_ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorReport {
    pub actor: String,
    pub roles: Vec<String>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditHead {
    pub tree_size: u64,
    pub head_hash: String,
    pub key_id: String,
    pub signed_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub context: String,
    pub server: String,
    pub generated_at: String,
    pub since: String,
    pub until: String,
    pub audit_head: AuditHead,
    pub events_examined: u64,
    /// Requests refused for an unknown, revoked or expired token (not tied to an actor).
    pub rejected_tokens: u64,
    pub actors: Vec<ActorReport>,
    /// Changes the vendor's own audit log shows that were not made through mdm (an
    /// admin in the vendor's portal, another app), oldest first.
    pub out_of_band: Vec<OutOfBandChange>,
}

/// A change made around the gateway (`vendor.out_of_band_change`). Every text is the
/// vendor's, as recorded: escaped where it is rendered.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OutOfBandChange {
    /// When the vendor says it happened.
    pub time: String,
    /// When the gateway recorded it.
    pub recorded_at: String,
    pub actor: String,
    pub backend: Option<String>,
    pub activity: String,
    pub activity_type: Option<String>,
    pub activity_result: Option<String>,
    pub resources: Vec<serde_json::Value>,
    pub vendor_event_id: Option<String>,
    pub event_id: i64,
}

/// The out-of-band changes among `events`, oldest first by the vendor's time.
pub fn out_of_band(events: &[AuditEvent]) -> Vec<OutOfBandChange> {
    let mut out: Vec<OutOfBandChange> = events
        .iter()
        .filter(|ev| ev.action == "vendor.out_of_band_change")
        .map(|ev| OutOfBandChange {
            time: dstr(ev, &["vendor_time"]).unwrap_or_else(|| ev.time.clone()),
            recorded_at: ev.time.clone(),
            actor: ev.actor.clone(),
            backend: dstr(ev, &["backend"]),
            activity: dstr(ev, &["activity"]).unwrap_or_default(),
            activity_type: dstr(ev, &["activity_type"]),
            activity_result: dstr(ev, &["activity_result"]),
            resources: detail(ev, &["resources"])
                .and_then(|r| r.as_array())
                .cloned()
                .unwrap_or_default(),
            vendor_event_id: dstr(ev, &["vendor_event_id"]),
            event_id: ev.id,
        })
        .collect();
    out.sort_by(|a, b| a.time.cmp(&b.time).then(a.event_id.cmp(&b.event_id)));
    out
}

fn resource_text(r: &serde_json::Value) -> String {
    let get = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let (name, kind, id) = (get("display_name"), get("type"), get("id"));
    match (name.is_empty(), id.is_empty()) {
        (false, false) => format!("{kind} {name} ({id})"),
        (true, false) => format!("{kind} {id}"),
        _ => format!("{kind} {name}"),
    }
    .trim()
    .to_string()
}

const MAX_IDS: usize = 20;

fn category(ev: &AuditEvent) -> Option<&'static str> {
    let a = ev.action.as_str();
    let ok = ev.outcome == "success" || ev.outcome == "pending_approval";
    Some(match a {
        "action.push_app" | "action.push_profile" | "action.push_command" => "push",
        "action.wipe" | "action.retire" | "action.lock" | "action.unlock" | "action.cancel" => {
            "device_action"
        }
        // A plan is a policy write's preview: it changes nothing.
        "policy.plan" => return None,
        _ if a.starts_with("policy.") => "policy",
        _ if a.starts_with("approval.") && a != "approval.expired" => "approval",
        "app.add" => "catalog",
        _ if a.starts_with("enrollment.") && a != "enrollment.consume" => "enrollment",
        _ if a.starts_with("user.") || a.starts_with("token.") || a.starts_with("mfa.") => "users",
        "session.revoke" | "session.revoke_bulk" => "sessions",
        "auth.step_up" if !ok => "step_up_failure",
        "auth.step_up_lockout" => "step_up_failure",
        "devices.pii_read" => "pii_read",
        "pii.budget_exceeded" => "pii_budget",
        "request.refused" => "probing",
        _ if a.starts_with("breakglass.") && a != "breakglass.alert" => "breakglass",
        _ if a.starts_with("incident.") => "incident",
        "audit.export" | "audit.forward" => "audit_export",
        _ => return None,
    })
}

fn target_text(ev: &AuditEvent) -> String {
    let kind = ev.target.kind.as_deref().unwrap_or("item");
    match ev.target.ids.as_slice() {
        [one] if ev.target.count <= 1 => format!("{kind} {one}"),
        _ => format!(
            "{} {kind}{}",
            ev.target.count,
            if ev.target.count == 1 { "" } else { "s" }
        ),
    }
}

fn detail<'a>(ev: &'a AuditEvent, path: &[&str]) -> Option<&'a serde_json::Value> {
    let mut v = &ev.details;
    for p in path {
        v = v.get(p)?;
    }
    (!v.is_null()).then_some(v)
}

fn dstr(ev: &AuditEvent, path: &[&str]) -> Option<String> {
    detail(ev, path).map(|v| match v.as_str() {
        Some(s) => s.to_string(),
        None => v.to_string(),
    })
}

fn summary(ev: &AuditEvent, cat: &str) -> String {
    let selector = dstr(ev, &["selector"])
        .filter(|s| ev.target.ids.len() != 1 || *s != ev.target.ids[0])
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    let action_id = dstr(ev, &["action_id"])
        .map(|s| format!(", {s}"))
        .unwrap_or_default();
    let state = match ev.outcome.as_str() {
        "success" | "queued" => String::new(),
        o => format!(" [{o}]"),
    };
    match cat {
        "push" => {
            let what = match ev.action.as_str() {
                "action.push_app" => format!(
                    "app {}{}",
                    dstr(ev, &["app_name"])
                        .or_else(|| dstr(ev, &["options", "app"]))
                        .unwrap_or_else(|| "?".into()),
                    dstr(ev, &["options", "sha256"])
                        .map(|h| format!(" (sha256 {})", crate::output::short_hash(&h)))
                        .unwrap_or_default()
                ),
                "action.push_profile" => format!(
                    "profile {}{}",
                    dstr(ev, &["options", "profile_name"]).unwrap_or_else(|| "?".into()),
                    dstr(ev, &["options", "profile_digest"])
                        .map(|h| format!(" (sha256 {})", crate::output::short_hash(&h)))
                        .unwrap_or_default()
                ),
                _ => format!(
                    "command {}",
                    dstr(ev, &["options", "command"]).unwrap_or_else(|| "?".into())
                ),
            };
            format!(
                "pushed {what} to {}{selector}{action_id}{state}",
                target_text(ev)
            )
        }
        "device_action" => format!(
            "{} {}{selector}{action_id}{state}",
            ev.action.trim_start_matches("action."),
            target_text(ev)
        ),
        "policy" => {
            let op = ev.action.trim_start_matches("policy.");
            let name = ev.target.ids.first().cloned().unwrap_or_default();
            let changes: Vec<String> = detail(ev, &["changes"])
                .and_then(|c| c.as_array())
                .map(|c| {
                    c.iter()
                        .take(8)
                        .map(|f| {
                            let show = |v: &serde_json::Value| match v {
                                serde_json::Value::Null => "∅".to_string(),
                                serde_json::Value::String(s) => s.clone(),
                                v => v.to_string(),
                            };
                            format!(
                                "{}: {} → {}{}",
                                f["path"].as_str().unwrap_or("?"),
                                show(&f["old"]),
                                show(&f["new"]),
                                if f["weakens"].as_bool() == Some(true) {
                                    " (weakens)"
                                } else {
                                    ""
                                }
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut s = format!("{op} policy {name}");
            if !changes.is_empty() {
                s.push_str(&format!(": {}", changes.join("; ")));
            }
            s + &state
        }
        "approval" => format!(
            "{} {}{}",
            ev.action.trim_start_matches("approval."),
            ev.target.ids.first().cloned().unwrap_or_default(),
            state
        ),
        "pii_read" => format!("read owner emails and phone numbers of {}", target_text(ev)),
        "pii_budget" => format!(
            "went over the PII budget: owner details of {} devices within an hour (budget {}; alert {})",
            dstr(ev, &["window_devices"]).unwrap_or_else(|| "?".into()),
            dstr(ev, &["pii_budget"]).unwrap_or_else(|| "?".into()),
            dstr(ev, &["alert"]).unwrap_or_else(|| "?".into()),
        ),
        "step_up_failure" => format!("failed step-up ({})", ev.outcome),
        "incident" if ev.action == "incident.freeze" => format!(
            "froze changes{}",
            dstr(ev, &["message"])
                .map(|m| format!(": {m}"))
                .unwrap_or_default()
        ),
        "incident" => "lifted the change freeze".to_string(),
        "breakglass" => match ev.action.as_str() {
            "breakglass.activate" => format!(
                "activated break-glass {} until {}{state}",
                dstr(ev, &["session_id"]).unwrap_or_default(),
                dstr(ev, &["expires_at"]).unwrap_or_else(|| "?".into())
            ),
            "breakglass.expired" => format!(
                "break-glass {} of {} expired",
                dstr(ev, &["session_id"]).unwrap_or_default(),
                dstr(ev, &["user"]).unwrap_or_default()
            ),
            _ => format!(
                "ended break-glass {}",
                dstr(ev, &["session_id"]).unwrap_or_default()
            ),
        },
        _ if ev.target.count == 0 && ev.target.ids.is_empty() => format!("{}{state}", ev.action),
        _ => format!("{} {}{}", ev.action, target_text(ev), state),
    }
}

fn entry(ev: &AuditEvent, cat: &str) -> Entry {
    Entry {
        time: ev.time.clone(),
        actor: ev.actor.clone(),
        role: ev.role.clone(),
        category: cat.to_string(),
        action: ev.action.clone(),
        outcome: ev.outcome.clone(),
        summary: summary(ev, cat),
        target_kind: ev.target.kind.clone(),
        target_count: ev.target.count,
        target_ids: ev.target.ids.iter().take(MAX_IDS).cloned().collect(),
        reason: ev.reason.clone(),
        ticket: ev.ticket.clone(),
        weakens: detail(ev, &["weakens"]).and_then(|w| w.as_bool()) == Some(true),
        breakglass: ev.breakglass,
        event_ids: vec![ev.id],
    }
}

/// Folds events into per-actor entries (in time order). PII reads of one actor become
/// one entry counting distinct devices.
pub fn build(events: &[AuditEvent]) -> (Vec<ActorReport>, u64) {
    let mut by_actor: BTreeMap<String, (BTreeSet<String>, Vec<Entry>)> = BTreeMap::new();
    let mut pii: BTreeMap<String, (Entry, BTreeSet<String>)> = BTreeMap::new();
    let mut probing: BTreeMap<String, (Entry, BTreeMap<String, u64>)> = BTreeMap::new();
    let mut rejected = 0;
    for ev in events {
        if ev.action == "auth.token_rejected" {
            rejected += 1;
            continue;
        }
        let Some(cat) = category(ev) else { continue };
        let slot = by_actor.entry(ev.actor.clone()).or_default();
        slot.0.insert(ev.role.clone());
        if cat == "probing" {
            let count = detail(ev, &["count"]).and_then(|c| c.as_u64()).unwrap_or(1);
            let key = format!(
                "{} {} {}",
                dstr(ev, &["method"]).unwrap_or_else(|| "?".into()),
                dstr(ev, &["route"]).unwrap_or_else(|| "?".into()),
                dstr(ev, &["code"]).unwrap_or_else(|| ev.outcome.clone())
            );
            let (e, counts) = probing
                .entry(ev.actor.clone())
                .or_insert_with(|| (entry(ev, cat), BTreeMap::new()));
            *counts.entry(key).or_insert(0) += count;
            if e.event_ids.last() != Some(&ev.id) {
                e.event_ids.push(ev.id);
            }
            e.breakglass |= ev.breakglass;
            continue;
        }
        if cat == "pii_read" {
            let (e, devices) = pii
                .entry(ev.actor.clone())
                .or_insert_with(|| (entry(ev, cat), BTreeSet::new()));
            devices.extend(ev.target.ids.iter().cloned());
            if e.event_ids.last() != Some(&ev.id) {
                e.event_ids.push(ev.id);
            }
            e.breakglass |= ev.breakglass;
            continue;
        }
        slot.1.push(entry(ev, cat));
    }
    for (actor, (mut e, devices)) in pii {
        e.target_count = devices.len() as u64;
        e.target_ids = devices.iter().take(MAX_IDS).cloned().collect();
        e.summary = format!(
            "read owner emails and phone numbers of {} device{} ({} request{})",
            devices.len(),
            if devices.len() == 1 { "" } else { "s" },
            e.event_ids.len(),
            if e.event_ids.len() == 1 { "" } else { "s" }
        );
        let slot = by_actor.entry(actor).or_default();
        slot.1.push(e);
        slot.1
            .sort_by(|a, b| a.time.cmp(&b.time).then(a.event_ids.cmp(&b.event_ids)));
    }
    for (actor, (mut e, counts)) in probing {
        let total: u64 = counts.values().sum();
        let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        e.target_count = total;
        e.summary = format!(
            "probing: {total} refused request{}: {}",
            if total == 1 { "" } else { "s" },
            parts.join("; ")
        );
        let slot = by_actor.entry(actor).or_default();
        slot.1.push(e);
        slot.1
            .sort_by(|a, b| a.time.cmp(&b.time).then(a.event_ids.cmp(&b.event_ids)));
    }
    let actors = by_actor
        .into_iter()
        .filter(|(_, (_, entries))| !entries.is_empty())
        .map(|(actor, (roles, entries))| ActorReport {
            actor,
            roles: roles.into_iter().collect(),
            entries,
        })
        .collect();
    (actors, rejected)
}

fn label(cat: &str) -> &str {
    match cat {
        "device_action" => "device action",
        "step_up_failure" => "failed step-up",
        "pii_read" => "PII read",
        "pii_budget" => "over the PII budget",
        "probing" => "probing (refused requests)",
        "audit_export" => "audit export",
        "breakglass" => "break-glass",
        other => other,
    }
}

pub fn markdown(r: &Report) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "# Incident report: {} ({})\n\n",
        md_cell(&r.context),
        md_cell(&r.server)
    ));
    s.push_str(&format!(
        "- Window: {} → {}\n- Generated: {}\n- Audit log: {} events, head `{}`, checkpoint signed by key `{}` at {}; check it with `mdm audit verify`\n- Events examined: {}; requests refused for invalid, revoked or expired tokens: {}\n\n",
        r.since,
        r.until,
        r.generated_at,
        r.audit_head.tree_size,
        r.audit_head.head_hash,
        r.audit_head.key_id,
        r.audit_head.signed_at,
        r.events_examined,
        r.rejected_tokens
    ));
    if !r.out_of_band.is_empty() {
        s.push_str(&format!(
            "## Changes made outside mdm\n\n{} change{} the vendor's own audit log shows that did not go through mdm (its gates and approvals did not apply):\n\n",
            r.out_of_band.len(),
            if r.out_of_band.len() == 1 { "" } else { "s" }
        ));
        let rows: Vec<Vec<String>> = r
            .out_of_band
            .iter()
            .map(|c| {
                vec![
                    c.time.clone(),
                    c.actor.clone(),
                    c.activity.clone(),
                    c.activity_result.clone().unwrap_or_default(),
                    c.resources
                        .iter()
                        .map(resource_text)
                        .collect::<Vec<_>>()
                        .join(", "),
                    c.vendor_event_id.clone().unwrap_or_default(),
                    format!("#{}", c.event_id),
                ]
            })
            .collect();
        s.push_str(&md_table(
            &[
                "time (UTC)",
                "actor",
                "activity",
                "result",
                "resources",
                "vendor event",
                "event",
            ],
            &rows,
        ));
        s.push('\n');
    }
    if r.actors.is_empty() {
        s.push_str("No changes, PII reads or failed step-ups through mdm in this window.\n");
        return s;
    }
    s.push_str("## Summary by actor\n\n");
    let cats = [
        "push",
        "policy",
        "device_action",
        "pii_read",
        "step_up_failure",
    ];
    let mut header = vec!["actor", "role", "entries"];
    header.extend(cats.iter().map(|c| label(c)));
    header.push("flags");
    let rows: Vec<Vec<String>> = r
        .actors
        .iter()
        .map(|a| {
            let mut row = vec![
                a.actor.clone(),
                a.roles.join(", "),
                a.entries.len().to_string(),
            ];
            for c in cats {
                row.push(
                    a.entries
                        .iter()
                        .filter(|e| e.category == c)
                        .count()
                        .to_string(),
                );
            }
            let mut flags = Vec::new();
            if a.entries.iter().any(|e| e.weakens) {
                flags.push("weakened policy");
            }
            if a.entries.iter().any(|e| e.breakglass) {
                flags.push("break-glass");
            }
            if a.entries.iter().any(|e| e.category == "probing") {
                flags.push("probing");
            }
            if a.entries.iter().any(|e| e.category == "pii_budget") {
                flags.push("over the PII budget");
            }
            row.push(flags.join(", "));
            row
        })
        .collect();
    s.push_str(&md_table(&header, &rows));
    s.push_str("\n## Timeline\n\n");
    let mut all: Vec<&Entry> = r.actors.iter().flat_map(|a| a.entries.iter()).collect();
    all.sort_by(|a, b| a.time.cmp(&b.time).then(a.event_ids.cmp(&b.event_ids)));
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|e| {
            let mut what = e.summary.clone();
            if e.weakens {
                what = format!("⚠ {what}");
            }
            if e.breakglass {
                what.push_str(" [break-glass]");
            }
            vec![
                e.time.clone(),
                e.actor.clone(),
                label(&e.category).to_string(),
                what,
                [e.reason.clone(), e.ticket.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" / "),
                e.event_ids
                    .iter()
                    .map(|i| format!("#{i}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    s.push_str(&md_table(
        &[
            "time (UTC)",
            "actor",
            "kind",
            "what",
            "reason / ticket",
            "events",
        ],
        &rows,
    ));
    s.push_str("\n## Targets by actor\n");
    for a in &r.actors {
        s.push_str(&format!(
            "\n### {} ({})\n\n",
            md_cell(&a.actor),
            md_cell(&a.roles.join(", "))
        ));
        for e in &a.entries {
            let more = e.target_count as usize > e.target_ids.len();
            s.push_str(&format!(
                "- {} {}: {}{}\n",
                e.time,
                md_cell(&e.summary),
                md_cell(&e.target_ids.join(", ")),
                if more { ", …" } else { "" }
            ));
        }
    }
    s
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let since = mdm_model::time::rfc3339(crate::timeutil::parse_since(&args.since)?);
    let until = match &args.until {
        Some(u) => mdm_model::time::rfc3339(crate::timeutil::parse_since(u)?),
        None => mdm_model::time::now_rfc3339(),
    };
    if since > until {
        return Err(Error::usage("--since is after --until"));
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let head = crate::audit::verify::fetch_and_pin(
        api.as_ref(),
        app.dirs()?,
        &ctx.name,
        &ctx.config.server,
    )?;
    let mut events = Vec::new();
    let mut after = 0;
    loop {
        let page = api.audit_events(&AuditQuery {
            after,
            limit: 1000,
            since: Some(since.clone()),
            until: Some(until.clone()),
            actor: args.actor.clone(),
            ..AuditQuery::default()
        })?;
        let Some(last) = page.items.last() else { break };
        after = last.id;
        let full = page.items.len() == 1000;
        events.extend(page.items);
        if !full {
            break;
        }
    }
    let (actors, rejected) = build(&events);
    let report = Report {
        context: ctx.name.clone(),
        server: ctx.config.server.clone(),
        generated_at: mdm_model::time::now_rfc3339(),
        since,
        until,
        audit_head: AuditHead {
            tree_size: head.tree_size,
            head_hash: head.head_hash.clone(),
            key_id: head.key_id.clone(),
            signed_at: head.time.clone(),
        },
        events_examined: events.len() as u64,
        rejected_tokens: rejected,
        actors,
        out_of_band: out_of_band(&events),
    };
    let out = app.output(Some(&ctx));
    match out.format {
        OutputFormat::Table | OutputFormat::Md | OutputFormat::Csv => {
            let text = markdown(&report);
            let mut so = std::io::stdout().lock();
            std::io::Write::write_all(&mut so, text.as_bytes())
                .map_err(|e| Error::io("cannot write to stdout", e))?;
        }
        _ => out.value(&report)?,
    }
    let n: usize = report.actors.iter().map(|a| a.entries.len()).sum();
    app.ui.success(&format!(
        "Report of {} → {}: {n} entr{} by {} actor(s) from {} events",
        report.since,
        report.until,
        if n == 1 { "y" } else { "ies" },
        report.actors.len(),
        report.events_examined
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdm_model::types::AuditTarget;

    fn ev(id: i64, actor: &str, action: &str, outcome: &str, ids: &[&str]) -> AuditEvent {
        AuditEvent {
            id,
            time: format!("2026-01-01T00:00:{id:02}Z"),
            actor: actor.into(),
            role: "admin".into(),
            elevation_id: None,
            source_ip: String::new(),
            user_agent: String::new(),
            request_id: String::new(),
            action: action.into(),
            target: AuditTarget {
                kind: Some("device".into()),
                count: ids.len() as u64,
                ids: ids.iter().map(|s| s.to_string()).collect(),
                digest: None,
            },
            reason: None,
            ticket: None,
            outcome: outcome.into(),
            breakglass: false,
            details: serde_json::Value::Null,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn refusals_fold_into_one_probing_entry_per_actor() {
        let refused = |id, route: &str, code: &str, count| {
            let mut e = ev(
                id,
                "eve",
                "request.refused",
                &format!("refused_{code}"),
                &[],
            );
            e.details =
                serde_json::json!({"method": "POST", "route": route, "code": code, "count": count});
            e
        };
        let events = vec![
            refused(1, "/v1/actions", "forbidden", 1),
            refused(2, "/v1/actions", "forbidden", 49),
            refused(3, "/v1/approvals/{id}/approve", "forbidden", 1),
        ];
        let (actors, _) = build(&events);
        assert_eq!(actors.len(), 1);
        let e = &actors[0].entries[0];
        assert_eq!(e.category, "probing");
        assert_eq!(e.target_count, 51);
        assert_eq!(e.event_ids, [1, 2, 3]);
        assert!(
            e.summary.contains("POST /v1/actions forbidden ×50"),
            "{}",
            e.summary
        );
    }

    #[test]
    fn noise_is_dropped_and_pii_reads_fold_per_actor() {
        let events = vec![
            ev(1, "eve", "auth.login", "success", &[]),
            ev(2, "eve", "auth.step_up", "success", &[]),
            ev(3, "eve", "action.preview", "success", &["a"]),
            ev(3, "eve", "policy.plan", "success", &["baseline"]),
            ev(4, "eve", "devices.pii_read", "success", &["a", "b"]),
            ev(5, "eve", "devices.pii_read", "success", &["b", "c"]),
            ev(6, "device:a", "action.device_outcome", "success", &["a"]),
            ev(7, "eve", "auth.token_rejected", "failure", &[]),
            ev(8, "bob", "auth.step_up", "failure", &[]),
            ev(9, "eve", "action.wipe", "queued", &["a"]),
        ];
        let (actors, rejected) = build(&events);
        assert_eq!(rejected, 1);
        assert_eq!(actors.len(), 2);
        let eve = actors.iter().find(|a| a.actor == "eve").unwrap();
        let cats: Vec<&str> = eve.entries.iter().map(|e| e.category.as_str()).collect();
        assert_eq!(cats, ["pii_read", "device_action"]);
        assert_eq!(eve.entries[0].target_count, 3);
        assert_eq!(eve.entries[0].event_ids, [4, 5]);
        let bob = actors.iter().find(|a| a.actor == "bob").unwrap();
        assert_eq!(bob.entries[0].category, "step_up_failure");
    }

    #[test]
    fn markdown_escapes_hostile_text() {
        let mut e = ev(1, "eve|x", "action.lock", "success", &["a"]);
        e.reason = Some("a | b\n\u{1b}[31m".into());
        let (actors, _) = build(&[e]);
        let mut oob = ev(
            2,
            "eve@contoso.com\u{1b}[2J",
            "vendor.out_of_band_change",
            "success",
            &[],
        );
        oob.details = serde_json::json!({
            "vendor_time": "2026-01-01T00:00:01Z",
            "activity": "Wipe | ManagedDevice\u{1b}[31m",
            "activity_result": "Success",
            "resources": [{"display_name": "Phone\n", "type": "ManagedDevice", "id": "d1"}],
            "vendor_event_id": "e1",
        });
        let r = Report {
            context: "t".into(),
            server: "http://127.0.0.1:1".into(),
            generated_at: "now".into(),
            since: "a".into(),
            until: "b".into(),
            audit_head: AuditHead {
                tree_size: 1,
                head_hash: "h".into(),
                key_id: "k".into(),
                signed_at: "t".into(),
            },
            events_examined: 1,
            rejected_tokens: 0,
            actors,
            out_of_band: out_of_band(&[oob]),
        };
        let md = markdown(&r);
        assert!(!md.contains('\u{1b}'));
        assert!(md.contains("eve\\|x"));
        assert!(md.contains("a \\| b<br>"));
        assert!(md.contains("## Changes made outside mdm"), "{md}");
        assert!(md.contains("Wipe \\| ManagedDevice"), "{md}");
        assert!(md.contains("ManagedDevice Phone<br> (d1)"), "{md}");
    }
}
