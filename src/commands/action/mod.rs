//! `mdm wipe|lock|unlock|retire TARGET`: one pipeline for every guarded device action.
//!
//! preview (the server resolves the blast radius) → show it → refuse unsupported options
//! → `--dry-run` stops here → typed confirmation → step-up → create with expected count,
//! digest and an Idempotency-Key → pending approval (exit 8) or follow progress.
//! Nothing that changes a device is sent before every gate has passed.

use crate::api::{
    Action, Api, CreateActionRequest, DeviceSummary, Preview, PreviewRequest, Target,
};
use crate::app::{Ctx, Factory};
use crate::commands::attempt;
use crate::error::{Error, ExitKind, Result};
use crate::guard::{self, Answers, Gate};
use crate::outcome::{Change, Outcome};
use mdm_model::action::ActionKind;
use mdm_model::domain::ActionStatus;
use mdm_model::escape::terminal;

/// What to do (the action with its options), to which devices.
pub struct Spec {
    pub kind: ActionKind,
    pub target: Target,
}

/// How the pipeline runs: the gate's answers and how to follow the action.
#[derive(Debug, Clone, Default)]
pub struct RunSettings {
    pub answers: Answers,
    pub dry_run: bool,
    pub no_wait: bool,
    pub wait_timeout: Option<std::time::Duration>,
}

/// One guarded device action (wipe, lock, unlock, retire, push), ready to run.
pub struct Settings {
    pub spec: Spec,
    pub run: RunSettings,
}

/// The device ids or serials of a target, trimmed; an empty one is a usage error.
pub fn device_ids(given: &[String]) -> Result<Vec<String>> {
    let ids: Vec<String> = given
        .iter()
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .collect();
    if !given.is_empty() && ids.is_empty() {
        return Err(Error::usage("empty device id"));
    }
    Ok(ids)
}

/// Checks a filter expression locally, pointing at the error, before anything is sent.
pub fn check_filter(f: &str) -> Result<()> {
    mdm_model::filter::parse(f).map(|_| ()).map_err(|e| {
        Error::usage(format!(
            "invalid --filter expression at column {}",
            e.column
        ))
        .with_cause(mdm_model::filter::render_error(f, &e))
        .with_hint(format!(
            "fields: {}; operators: = != < <= > >= ~ (contains); combine with and, or, not, ( )",
            mdm_model::filter::FIELDS.join(", ")
        ))
    })
}

fn show_preview(app: &Factory, ctx: &Ctx, spec: &Spec, p: &Preview) {
    if app.ui.quiet > 0 {
        return;
    }
    let platforms: Vec<String> = p
        .platforms
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    app.ui.info(&format!(
        "{} {} in {}: {} {}{}",
        spec.kind.name().as_str().replace('_', " "),
        terminal(&spec.target.describe()),
        ctx.name,
        p.count,
        if p.count == 1 { "device" } else { "devices" },
        if platforms.is_empty() {
            String::new()
        } else {
            format!(" ({})", platforms.join(", "))
        }
    ));
    if !p.sample.is_empty() {
        eprintln!(
            "{}",
            crate::output::table_string::<DeviceSummary>(
                &p.sample,
                &["id", "serial", "name", "platform", "status", "owner_name"],
                app.ui.color
            )
        );
        if p.count > p.sample.len() as u64 {
            app.ui
                .info(&format!("  … and {} more", p.count - p.sample.len() as u64));
        }
    }
    let mut needs = Vec::new();
    if p.requires.step_up {
        needs.push("step-up (TOTP)".to_string());
    }
    match p.requires.confirmation.as_deref() {
        Some("serial") => needs.push("typing the serial".into()),
        Some(_) => needs.push("typing the blast radius".into()),
        None => {}
    }
    if p.requires.approval {
        needs.push("a second admin's approval".into());
    }
    if p.requires.reason {
        needs.push("--reason".into());
    }
    if !needs.is_empty() {
        app.ui.info(&format!("Requires: {}", needs.join(" · ")));
    }
}

fn explain_create_error(mut e: Error) -> Error {
    if e.is_code(mdm_model::domain::ErrorCode::TargetChanged) {
        e.kind = ExitKind::Failure;
        e.hints.push("devices joined or left the target between preview and execution; run the command again to see the new preview".into());
    }
    e
}

/// Runs the pipeline. The outcome carries what the journal records: the target count
/// once previewed, the action id and request id once created; a failure carries them too.
pub fn run(app: &Factory, s: &Settings) -> Result<Outcome> {
    attempt(s.run.dry_run, || pipeline(app, &s.spec, &s.run))
}

/// [`run`] for callers that build the spec themselves (pushes) inside their own
/// `attempt`.
pub fn pipeline(app: &Factory, spec: &Spec, s: &RunSettings) -> Result<Outcome> {
    let mut change = Change::default();
    match gate_and_send(app, spec, s, &mut change) {
        Ok(true) => Ok(Outcome::Changed(change)),
        Ok(false) => Ok(Outcome::Unchanged),
        Err(e) => Err(e.in_change(change)),
    }
}

/// A hint for an option some targeted platforms lack: the same selector narrowed to the
/// platforms that support it (`--group sales --filter 'platform = ios'`).
fn narrower(target: &crate::api::Target, preview: &crate::api::Preview) -> String {
    let lacking: std::collections::BTreeSet<&str> = preview
        .unsupported
        .iter()
        .map(|u| u.platform.as_str())
        .collect();
    let ok: Vec<String> = preview
        .platforms
        .keys()
        .filter(|p| !lacking.contains(p.as_str()))
        .map(|p| format!("platform = {p}"))
        .collect();
    if ok.is_empty() {
        return "no targeted platform supports it; drop the option".into();
    }
    let only = ok.join(" or ");
    let filter = match &target.filter {
        Some(f) => format!("({f}) and ({only})"),
        None => only,
    };
    let selector = match (&target.group, target.all) {
        (Some(g), _) => format!("--group {g} "),
        (None, true) => String::new(),
        (None, false) if target.filter.is_none() => {
            return format!("drop the devices on {}, or the option", {
                let l: Vec<&str> = lacking.into_iter().collect();
                l.join(", ")
            });
        }
        (None, false) => String::new(),
    };
    format!("narrow the target, e.g. {selector}--filter '{filter}', or drop the option")
}

/// Returns whether anything was sent that changes state.
fn gate_and_send(app: &Factory, spec: &Spec, s: &RunSettings, change: &mut Change) -> Result<bool> {
    // Known before any request: the whole fleet needs a reason (the server checks too).
    let no_reason = s
        .answers
        .reason
        .as_deref()
        .is_none_or(|r| r.trim().is_empty());
    if spec.target.all && no_reason && !s.dry_run {
        return Err(Error::usage(format!(
            "{} --all needs --reason (it goes into the audit log); nothing was sent",
            spec.kind.name()
        ))
        .with_hint("preview it first with --dry-run"));
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let preview = api.preview_action(&PreviewRequest {
        action: spec.kind.name().to_string(),
        target: spec.target.clone(),
        options: spec.kind.options(),
    })?;
    show_preview(app, &ctx, spec, &preview);
    let out = app.output(Some(&ctx));
    if let Some(u) = preview.unsupported.first() {
        let label = |o: &str| {
            if [
                "message",
                "callback_number",
                "keep_enrollment",
                "keep_user_data",
            ]
            .contains(&o)
            {
                format!("--{}", o.replace('_', "-"))
            } else {
                o.to_string()
            }
        };
        let all: Vec<String> = preview
            .unsupported
            .iter()
            .map(|u| {
                format!(
                    "{} on {} ({} devices)",
                    label(&u.option),
                    u.platform,
                    u.count
                )
            })
            .collect();
        return Err(Error::usage(format!(
            "{} is not supported on {}; nothing was sent",
            terminal(&label(&u.option)),
            u.platform
        ))
        .with_cause(format!("unsupported: {}", terminal(&all.join(", "))))
        .with_hint(narrower(&spec.target, &preview)));
    }
    change.target_count = Some(preview.count);
    if preview.count == 0 {
        app.ui.info("no devices match; nothing to do");
        return Ok(false);
    }
    if s.dry_run {
        if out.is_machine() {
            out.value(&preview)?;
        }
        app.ui.success("Dry run: nothing was sent");
        return Ok(false);
    }
    let why = format!("{} of {} device(s)", spec.kind.name(), preview.count);
    let gate = Gate::new(preview.requires.clone(), &why);
    let decline = |reason: &str| {
        if let Err(e) = api.decline_preview(&preview.preview_id, reason) {
            app.ui.debug(&format!(
                "could not record the declined confirmation: {}",
                e.message
            ));
        }
    };
    let req = CreateActionRequest {
        action: spec.kind.name().to_string(),
        target: spec.target.clone(),
        options: spec.kind.options(),
        expected_count: preview.count,
        target_digest: preview.target_digest.clone(),
        reason: s.answers.reason.clone(),
        ticket: s.answers.ticket.clone(),
        preview_id: Some(preview.preview_id.clone()),
    };
    let key = format!("mdm-{}", hex::encode(rand::random::<[u8; 16]>()));
    let sent = guard::send(app, &ctx, api, &gate, &s.answers, &decline, |elev| {
        api.create_action(&req, &key, elev)
    })
    .map_err(explain_create_error)?;
    *change = Change::default()
        .targets(sent.total)
        .action(&sent.id)
        .request(sent.request_id.clone());
    finish(app, &ctx, api, sent.value, s.no_wait, s.wait_timeout).map(|()| true)
}

/// After creation: pending approval (exit 8), return at once, or follow to the end.
fn finish(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn Api,
    action: Action,
    no_wait: bool,
    timeout: Option<std::time::Duration>,
) -> Result<()> {
    let out = app.output(Some(ctx));
    if action.status == ActionStatus::PendingApproval {
        if out.is_machine() {
            out.value(&action)?;
        }
        app.ui.info(&format!(
            "{} needs a second admin's approval: {} {} devices{}",
            action.id,
            action.action,
            action.total,
            action
                .approval
                .expires_at
                .as_deref()
                .map(|e| format!(" (expires {e})"))
                .unwrap_or_default()
        ));
        return Err(Error::new(
            ExitKind::Pending,
            format!("waiting for approval: {}", action.id),
        )
        .with_hint(format!(
            "another admin runs `mdm approvals approve {}`; follow it with `mdm actions watch {}`",
            action.id, action.id
        )));
    }
    app.ui.success(&format!(
        "{} accepted: {} {} device(s)",
        action.id, action.action, action.total
    ));
    if no_wait {
        if out.is_machine() {
            out.value(&action)?;
        }
        app.ui
            .hint(&format!("follow it with `mdm actions watch {}`", action.id));
        return Ok(());
    }
    let done = crate::commands::actions::progress::follow(app, api, &action.id, timeout, true)?;
    crate::commands::actions::progress::conclude(app, ctx, api, &done)
}
