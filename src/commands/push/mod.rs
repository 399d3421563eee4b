//! `mdm push app|profile|command TARGET`: the same guarded pipeline as a wipe — preview,
//! typed `push <N> devices in <context>`, step-up, idempotent creation, approvals —
//! plus staged rollouts that halt when a wave fails too often.

use crate::api::Target;
use crate::app::Factory;
use crate::commands::action::{RunSettings, Spec, pipeline};
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::outcome::Outcome;
use base64::Engine;
use mdm_model::action::{
    ActionKind, PushAppOptions, PushCommandOptions, PushProfileOptions, Rollout,
};
use std::path::PathBuf;

/// What is pushed.
#[derive(Debug, Clone)]
pub enum Payload {
    App {
        app: String,
        uninstall: bool,
        /// The package the admin means to push; its hash must match the catalog's pin.
        package: Option<PathBuf>,
    },
    Profile(PathBuf),
    Command(String),
}

pub struct Settings {
    pub payload: Payload,
    pub target: Target,
    /// Rollout waves and halt threshold, already checked.
    pub rollout: Rollout,
    pub run: RunSettings,
}

pub fn run(app: &Factory, s: &Settings) -> Result<Outcome> {
    attempt(s.run.dry_run, || {
        let spec = spec(app, s)?;
        pipeline(app, &spec, &s.run)
    })
}

/// Reads and checks what is pushed (package hash, profile) before anything is sent.
fn spec(app: &Factory, s: &Settings) -> Result<Spec> {
    let rollout = s.rollout.clone();
    let kind = match &s.payload {
        Payload::App {
            app: name,
            uninstall,
            package,
        } => {
            // The server refuses the push if the package does not match the pinned hash.
            let sha256 = match package {
                Some(p) => Some(crate::commands::apps::sha256_file(p)?.0),
                None => None,
            };
            ActionKind::PushApp(PushAppOptions {
                app: name.clone(),
                sha256,
                uninstall: *uninstall,
                rollout,
            })
        }
        Payload::Profile(file) => {
            let name = file.display().to_string();
            let meta = std::fs::metadata(file)
                .map_err(|e| Error::usage(format!("cannot read {name}")).with_source(&e))?;
            if meta.len() > mdm_model::profile::MAX_BYTES as u64 {
                return Err(Error::usage(format!(
                    "{name} is {} bytes; a profile is at most {} bytes; nothing was sent",
                    meta.len(),
                    mdm_model::profile::MAX_BYTES
                )));
            }
            let bytes = std::fs::read(file)
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
            ActionKind::PushProfile(PushProfileOptions {
                profile: base64::engine::general_purpose::STANDARD.encode(&bytes),
                profile_name: None,
                profile_digest: None,
                rollout,
            })
        }
        Payload::Command(name) => ActionKind::PushCommand(PushCommandOptions {
            command: name.clone(),
            rollout,
        }),
    };
    Ok(Spec {
        kind,
        target: s.target.clone(),
    })
}

fn percent(s: &str, what: &str) -> Result<f64> {
    let v = s.trim().trim_end_matches('%').trim();
    v.parse::<f64>()
        .ok()
        .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
        .ok_or_else(|| Error::usage(format!("{what}: {s:?} is not a percentage from 0 to 100")))
}

/// `--rollout 5%,25%,100%` → waves [5, 25, 100], `--halt-above-failure` and
/// `--wave-timeout`, checked before anything is sent.
pub fn rollout(
    rollout: Option<&str>,
    halt_above_failure: Option<&str>,
    wave_timeout: Option<&str>,
) -> Result<Rollout> {
    let mut o = Rollout::default();
    if let Some(r) = rollout {
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
        o.percents = waves;
    }
    if let Some(h) = halt_above_failure {
        o.halt_above_failure = Some(percent(h, "--halt-above-failure")?);
    }
    if let Some(t) = wave_timeout {
        let d = crate::timeutil::parse_duration(t)?;
        if !mdm_model::action::WAVE_TIMEOUT_RANGE_SECONDS.contains(&d.as_secs()) {
            return Err(Error::usage(format!(
                "--wave-timeout {t:?} is outside 1m to 7d; nothing was sent"
            )));
        }
        o.wave_timeout = Some(std::time::Duration::from_secs(d.as_secs()));
    }
    Ok(o)
}
