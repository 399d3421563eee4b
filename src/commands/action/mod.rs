//! `mdm wipe|lock|unlock|retire TARGET`: one pipeline for every guarded device action.
//!
//! preview (the server resolves the blast radius) → show it → refuse unsupported options
//! → `--dry-run` stops here → typed confirmation → step-up → create with expected count,
//! digest and an Idempotency-Key → pending approval (exit 8) or follow progress.
//! Nothing that changes a device is sent before every gate has passed.

mod lock;
mod retire;
mod unlock;
mod wipe;

pub use lock::run as lock;
pub use retire::run as retire;
pub use unlock::run as unlock;
pub use wipe::run as wipe;

use crate::api::{
    Action, ActionOptions, CreateActionRequest, DeviceSummary, MdmApi, Preview, PreviewRequest,
    Target,
};
use crate::app::{Ctx, Factory};
use crate::cli::action::{GuardArgs, TargetArgs};
use crate::error::{Error, ExitKind, Result};
use crate::guard::{self, OtpSource};
use crate::outcome::{Change, Outcome};
use mdm_model::escape::terminal;

/// What to do, to which devices, with which options.
pub struct Spec {
    pub kind: &'static str,
    pub target: Target,
    pub options: ActionOptions,
}

pub fn target_from(args: &TargetArgs) -> Result<Target> {
    let t = Target {
        ids: args
            .devices
            .iter()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect(),
        group: args.group.clone(),
        filter: args.filter.clone(),
        all: args.all,
    };
    if let Some(f) = &t.filter {
        check_filter(f)?;
    }
    if !args.devices.is_empty() && t.ids.is_empty() {
        return Err(Error::usage("empty device id"));
    }
    Ok(t)
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

/// The word for an action in confirmations: every push is `push`.
pub fn verb(kind: &str) -> &str {
    if kind.starts_with("push") {
        "push"
    } else {
        kind
    }
}

/// The phrase to type: the serial for one device, else `<verb> <N> devices in <context>`.
pub fn expected_phrase(kind: &str, how: &str, preview: &Preview, context: &str) -> Result<String> {
    let kind = verb(kind);
    match how {
        "serial" => preview
            .sample
            .first()
            .map(|d| d.serial.clone())
            .ok_or_else(|| Error::failure("the preview names no device to confirm")),
        _ => Ok(format!(
            "{kind} {} {} in {context}",
            preview.count,
            if preview.count == 1 {
                "device"
            } else {
                "devices"
            }
        )),
    }
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
        spec.kind.replace('_', " "),
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

/// Asks for (or checks) the typed confirmation. On failure the server is told, for its
/// audit log, and nothing else is sent.
fn confirm(
    app: &Factory,
    api: &dyn MdmApi,
    preview: &Preview,
    phrase: &str,
    given: Option<&str>,
) -> Result<()> {
    let decline = |reason: &str| {
        if let Err(e) = api.decline_preview(&preview.preview_id, reason) {
            app.ui.debug(&format!(
                "could not record the declined confirmation: {}",
                e.message
            ));
        }
    };
    let typed = match given {
        Some(g) => g.to_string(),
        None => {
            if !app.ui.can_prompt() {
                decline("no_terminal");
                return Err(Error::aborted(
                    "this action needs a typed confirmation and there is no terminal to ask; nothing was sent",
                )
                .with_hint(format!("to run it from a script, add: --confirm {:?}", phrase)));
            }
            match app
                .ui
                .prompt_text(&format!("Type `{phrase}` to confirm"), "use --confirm")
            {
                Ok(t) => t.trim().to_string(),
                Err(e) => {
                    decline("declined");
                    return Err(e);
                }
            }
        }
    };
    if typed == phrase {
        return Ok(());
    }
    decline("mismatch");
    Err(Error::aborted("the confirmation does not match; nothing was sent")
        .with_cause(format!("expected `{phrase}`, got `{}`", terminal(&typed)))
        .with_hint("the phrase carries the device count and the context, so a script written for another target cannot run this one"))
}

fn explain_create_error(mut e: Error) -> Error {
    if e.is_code("target_changed") {
        e.kind = ExitKind::Failure;
        e.hints.push("devices joined or left the target between preview and execution; run the command again to see the new preview".into());
    }
    e
}

/// Runs the pipeline. The outcome carries what the journal records: the target count
/// once previewed, the action id and request id once created; a failure carries them too.
pub fn run(app: &Factory, spec: Spec, g: &GuardArgs) -> Result<Outcome> {
    let mut change = Change::default();
    match gate_and_send(app, spec, g, &mut change) {
        Ok(true) => Ok(Outcome::Changed(change)),
        Ok(false) => Ok(Outcome::Unchanged),
        Err(e) => Err(e.in_change(change)),
    }
}

/// Returns whether anything was sent that changes state.
fn gate_and_send(app: &Factory, spec: Spec, g: &GuardArgs, change: &mut Change) -> Result<bool> {
    let timeout = g
        .wait_timeout
        .as_deref()
        .map(crate::timeutil::parse_duration)
        .transpose()?;
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let preview = api.preview_action(&PreviewRequest {
        action: spec.kind.to_string(),
        target: spec.target.clone(),
        options: spec.options.clone(),
    })?;
    show_preview(app, &ctx, &spec, &preview);
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
        .with_hint("narrow the target, e.g. --filter 'platform = windows', or drop the option"));
    }
    change.target_count = Some(preview.count);
    if preview.count == 0 {
        app.ui.info("no devices match; nothing to do");
        return Ok(false);
    }
    if g.dry_run {
        if out.is_machine() {
            out.value(&preview)?;
        }
        app.ui.success("Dry run: nothing was sent");
        return Ok(false);
    }
    if preview.requires.reason && g.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(Error::usage(
            "a fleet-wide action needs --reason (it goes into the audit log); nothing was sent",
        ));
    }
    if let Some(how) = &preview.requires.confirmation {
        let phrase = expected_phrase(spec.kind, how, &preview, &ctx.name)?;
        confirm(app, api, &preview, &phrase, g.confirm.as_deref())?;
    }
    let otp = OtpSource::new(g.otp.clone());
    let why = format!("{} of {} device(s)", spec.kind, preview.count);
    if preview.requires.step_up
        && let Err(e) = guard::elevate(app, &ctx, api, &otp, &why)
    {
        if e.kind == ExitKind::Aborted {
            let _ = api.decline_preview(&preview.preview_id, "step_up_unavailable");
        }
        return Err(e);
    }
    let req = CreateActionRequest {
        action: spec.kind.to_string(),
        target: spec.target.clone(),
        options: spec.options.clone(),
        expected_count: preview.count,
        target_digest: preview.target_digest.clone(),
        reason: g.reason.clone(),
        ticket: g.ticket.clone(),
        preview_id: Some(preview.preview_id.clone()),
    };
    let key = format!("mdm-{}", hex::encode(rand::random::<[u8; 16]>()));
    let action = guard::with_step_up(app, &ctx, api, &otp, &why, |api| {
        api.create_action(&req, &key)
    })
    .map_err(explain_create_error)?;
    *change = Change::default()
        .targets(action.total)
        .action(&action.id)
        .request(crate::api::rest::last_request_id());
    finish(app, &ctx, api, action, g.no_wait, timeout).map(|()| true)
}

/// After creation: pending approval (exit 8), return at once, or follow to the end.
fn finish(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn MdmApi,
    action: Action,
    no_wait: bool,
    timeout: Option<std::time::Duration>,
) -> Result<()> {
    let out = app.output(Some(ctx));
    if action.status == "pending_approval" {
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
    let done = crate::commands::actions::follow(app, api, &action.id, timeout, true)?;
    crate::commands::actions::conclude(app, ctx, api, &done)
}
