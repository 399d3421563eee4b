//! `mdm push app|profile|command TARGET`: the same guarded pipeline as a wipe — preview,
//! typed `push <N> devices in <context>`, step-up, idempotent creation, approvals —
//! plus staged rollouts that halt when a wave fails too often.

use crate::api::{ActionOptions, CreateActionRequest};
use crate::app::Factory;
use crate::cli::push::{PushCommand, RolloutArgs};
use crate::commands::action::{Spec, run as pipeline, target_from};
use crate::error::{Error, Result};
use crate::outcome::{Outcome, attempt};
use base64::Engine;

pub fn run(app: &Factory, cmd: PushCommand) -> Result<Outcome> {
    let dry_run = match &cmd {
        PushCommand::App(a) => a.guard.dry_run,
        PushCommand::Profile(a) => a.guard.dry_run,
        PushCommand::Command(a) => a.guard.dry_run,
    };
    attempt(dry_run, || push(app, cmd))
}

fn push(app: &Factory, cmd: PushCommand) -> Result<Outcome> {
    match cmd {
        PushCommand::App(a) => {
            let mut options = rollout(&a.rollout)?;
            options.app = Some(a.app.clone());
            options.uninstall = a.uninstall;
            if let Some(p) = &a.package {
                // The server refuses the push if this does not match the pinned hash.
                options.sha256 = Some(crate::commands::apps::sha256_file(p)?.0);
            }
            let spec = Spec {
                kind: "push_app",
                target: target_from(&a.target)?,
                options,
            };
            pipeline(app, spec, &a.guard)
        }
        PushCommand::Profile(a) => {
            let name = a.file.display().to_string();
            let meta = std::fs::metadata(&a.file)
                .map_err(|e| Error::usage(format!("cannot read {name}")).with_source(&e))?;
            if meta.len() > mdm_model::profile::MAX_BYTES as u64 {
                return Err(Error::usage(format!(
                    "{name} is {} bytes; a profile is at most {} bytes; nothing was sent",
                    meta.len(),
                    mdm_model::profile::MAX_BYTES
                )));
            }
            let bytes = std::fs::read(&a.file)
                .map_err(|e| Error::usage(format!("cannot read {name}")).with_source(&e))?;
            let info = mdm_model::profile::validate(&bytes).map_err(|e| {
                Error::usage(format!(
                    "{name} is not a valid configuration profile; nothing was sent"
                ))
                .with_cause(e)
            })?;
            app.ui.info(&format!(
                "profile {} ({}{}, sha256 {})",
                mdm_model::escape::terminal(&info.name),
                info.format,
                if info.signed { ", signed" } else { "" },
                crate::output::short_hash(&info.digest)
            ));
            let mut options = rollout(&a.rollout)?;
            options.profile = Some(base64::engine::general_purpose::STANDARD.encode(&bytes));
            let spec = Spec {
                kind: "push_profile",
                target: target_from(&a.target)?,
                options,
            };
            pipeline(app, spec, &a.guard)
        }
        PushCommand::Command(a) => {
            let mut options = rollout(&a.rollout)?;
            options.command = Some(a.name.as_str().to_string());
            let spec = Spec {
                kind: "push_command",
                target: target_from(&a.target)?,
                options,
            };
            pipeline(app, spec, &a.guard)
        }
    }
}

fn percent(s: &str, what: &str) -> Result<f64> {
    let v = s.trim().trim_end_matches('%').trim();
    v.parse::<f64>()
        .ok()
        .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
        .ok_or_else(|| Error::usage(format!("{what}: {s:?} is not a percentage from 0 to 100")))
}

/// `5%,25%,100%` → [5, 25, 100], checked before anything is sent.
fn rollout(args: &RolloutArgs) -> Result<ActionOptions> {
    let mut o = ActionOptions::default();
    if let Some(r) = &args.rollout {
        let mut waves = Vec::new();
        for part in r.split(',') {
            let p = percent(part, "--rollout")?;
            if p < 1.0 || p.fract() != 0.0 {
                return Err(Error::usage(format!(
                    "--rollout: {part:?} must be a whole percentage from 1 to 100"
                )));
            }
            waves.push(p as u32);
        }
        if !waves.windows(2).all(|w| w[0] < w[1]) || waves.last() != Some(&100) || waves.len() > 10
        {
            return Err(Error::usage(
                "--rollout takes up to 10 increasing percentages ending with 100%, e.g. 5%,25%,100%",
            ));
        }
        o.rollout = waves;
    }
    if let Some(h) = &args.halt_above_failure {
        o.halt_above_failure = Some(percent(h, "--halt-above-failure")?);
    }
    let _ = std::mem::size_of::<CreateActionRequest>();
    Ok(o)
}
