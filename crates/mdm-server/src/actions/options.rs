//! Action options: which belong to which kind, their validation, and which platforms
//! support them. For pushes this also resolves the catalog app and checks the profile.

use super::kind::{COMMANDS, Kind};
use crate::http::{ApiError, ApiResult};
use crate::sql::Connection;
use mdm_model::action::{ActionKind, options_used};
use mdm_model::domain::ErrorCode;
use mdm_model::types::{ActionOptions, Unsupported};
use std::collections::BTreeMap;

/// Which platforms support which option.
fn supports(option: &str, platform: &str) -> bool {
    match option {
        "message" => matches!(platform, "ios" | "macos" | "android"),
        "callback_number" => matches!(platform, "ios" | "android"),
        "keep_enrollment" => matches!(platform, "windows" | "android"),
        "keep_user_data" => platform == "windows",
        "locate" | "clear-passcode" => matches!(platform, "ios" | "android"),
        _ => true,
    }
}

/// Options must belong to the action and be well-formed. For pushes this also resolves
/// the catalog app and checks the profile, filling in what the server vouches for.
pub fn prepare_options(c: &Connection, kind: Kind, o: &mut ActionOptions) -> ApiResult<()> {
    // The one wire → typed conversion refuses options of another kind (naming them) and
    // missing required ones.
    ActionKind::from_wire(kind.as_str(), o).map_err(|e| ApiError::bad_request(e.to_string()))?;
    if let Some(m) = &o.message
        && (m.chars().count() > 200 || m.chars().any(|c| c.is_control()))
    {
        return Err(ApiError::bad_request(
            "the lock message is at most 200 characters, without control characters",
        ));
    }
    if let Some(n) = &o.callback_number {
        let digits = n.chars().filter(|c| c.is_ascii_digit()).count();
        let ok = n
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
            && (6..=20).contains(&digits);
        if !ok {
            return Err(ApiError::bad_request(format!(
                "{n:?} is not a phone number"
            )));
        }
    }
    if !o.rollout.is_empty() {
        let ok = o.rollout.len() <= 10
            && o.rollout.windows(2).all(|w| w[0] < w[1])
            && o.rollout.iter().all(|p| (1..=100).contains(p))
            && o.rollout.last() == Some(&100);
        if !ok {
            return Err(ApiError::bad_request(
                "rollout is up to 10 increasing percentages from 1 to 100, \
                 ending with 100 (e.g. 5,25,100)",
            ));
        }
    }
    if let Some(t) = o.wave_timeout_seconds {
        if o.rollout.is_empty() {
            return Err(ApiError::bad_request(
                "wave_timeout_seconds needs a staged rollout",
            ));
        }
        if !mdm_model::action::WAVE_TIMEOUT_RANGE_SECONDS.contains(&t) {
            return Err(ApiError::bad_request(
                "wave_timeout_seconds is from 60 (1 minute) to 604800 (7 days)",
            ));
        }
    }
    if let Some(h) = o.halt_above_failure {
        if o.rollout.is_empty() {
            return Err(ApiError::bad_request(
                "halt_above_failure needs a staged rollout",
            ));
        }
        if !(0.0..=100.0).contains(&h) || !h.is_finite() {
            return Err(ApiError::bad_request(
                "halt_above_failure is a percentage from 0 to 100",
            ));
        }
    }
    match kind {
        Kind::PushApp => {
            let r = o
                .app
                .clone()
                .ok_or_else(|| ApiError::bad_request("push_app needs options.app"))?;
            let app = crate::handlers::apps::resolve(c, &r)?;
            if let Some(h) = &o.sha256
                && !h.eq_ignore_ascii_case(&app.sha256)
            {
                return Err(ApiError::conflict(
                    ErrorCode::AppHashMismatch,
                    format!(
                        "the package hash {h} does not match the catalog's pinned hash \
                         for {} {} ({}); nothing was sent",
                        app.name, app.version, app.sha256
                    ),
                )
                .with_details(serde_json::json!({ "expected": app.sha256, "got": h })));
            }
            o.app = Some(app.id);
            o.sha256 = Some(app.sha256);
        }
        Kind::PushProfile => {
            use base64::Engine;
            let b64 = o
                .profile
                .as_deref()
                .ok_or_else(|| ApiError::bad_request("push_profile needs options.profile"))?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|_| ApiError::bad_request("options.profile is not base64"))?;
            let info = mdm_model::profile::validate(&bytes)
                .map_err(|e| ApiError::bad_request(format!("invalid profile: {e}")))?;
            o.profile_name = Some(info.name);
            o.profile_digest = Some(info.digest);
        }
        Kind::PushCommand => {
            let cmd = o
                .command
                .as_deref()
                .ok_or_else(|| ApiError::bad_request("push_command needs options.command"))?;
            if !COMMANDS.contains(&cmd) {
                return Err(ApiError::bad_request(format!(
                    "unknown command {cmd:?} (commands: {})",
                    COMMANDS.join(", ")
                )));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Devices in the set whose platform does not support what is asked.
pub fn unsupported(
    c: &Connection,
    kind: Kind,
    o: &ActionOptions,
    platforms: &BTreeMap<String, u64>,
) -> ApiResult<Vec<Unsupported>> {
    let mut out = Vec::new();
    let mut check = |label: &str, ok: &dyn Fn(&str) -> bool| {
        for (platform, count) in platforms {
            if !ok(platform) {
                out.push(Unsupported {
                    option: label.to_string(),
                    platform: platform.clone(),
                    count: *count,
                });
            }
        }
    };
    match kind {
        Kind::PushApp => {
            let app = crate::handlers::apps::resolve(c, o.app.as_deref().unwrap_or(""))?;
            let label = format!("app {} (for {})", app.name, app.platform);
            check(&label, &|p: &str| p == app.platform.as_str());
        }
        Kind::PushProfile => {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(o.profile.as_deref().unwrap_or(""))
                .unwrap_or_default();
            if let Ok(info) = mdm_model::profile::validate(&bytes) {
                let label = format!("{} profile", info.format);
                check(&label, &|p: &str| info.platforms().contains(&p));
            }
        }
        Kind::PushCommand => {
            let cmd = o.command.clone().unwrap_or_default();
            check(&cmd, &|p: &str| supports(&cmd, p));
        }
        _ => {
            for opt in options_used(o) {
                check(opt, &|p: &str| supports(opt, p));
            }
        }
    }
    Ok(out)
}
