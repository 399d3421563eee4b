//! A device action with its options, typed: each kind carries only the options it takes.
//! The wire (API v1) keeps `action` (a name) beside a flat `options` object; this is the
//! one conversion between the two, used by the server at its edge and by the CLI when it
//! builds requests.

use crate::domain::ActionName;
use crate::types::ActionOptions;
use std::fmt;

/// Commands `push_command` may send.
pub const COMMANDS: &[&str] = &[
    "restart",
    "shutdown",
    "sync",
    "locate",
    "update-os",
    "clear-passcode",
];

/// A device action and its options.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionKind {
    Wipe(WipeOptions),
    Lock(LockOptions),
    Unlock,
    Retire,
    PushApp(PushAppOptions),
    PushProfile(PushProfileOptions),
    PushCommand(PushCommandOptions),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WipeOptions {
    /// Keep the device enrolled in MDM after the wipe.
    pub keep_enrollment: bool,
    /// Keep user data (reset OS settings and apps only).
    pub keep_user_data: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockOptions {
    /// Shown on the lock screen.
    pub message: Option<String>,
    /// Phone number shown on the lock screen.
    pub callback_number: Option<String>,
}

/// How long offline devices may hold a wave when the request names no deadline (30 min).
pub const WAVE_TIMEOUT_DEFAULT_SECONDS: u64 = 1800;
/// The shortest and longest wave deadlines a request may name.
pub const WAVE_TIMEOUT_RANGE_SECONDS: std::ops::RangeInclusive<u64> = 60..=604_800;

/// A staged rollout of a push; empty `percents` pushes to every device at once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rollout {
    /// Cumulative percentages, e.g. [5, 25, 100].
    pub percents: Vec<u32>,
    /// Halt when a wave's failure rate exceeds this percentage.
    pub halt_above_failure: Option<f64>,
    /// How long offline devices may hold a wave before the next one starts.
    pub wave_timeout: Option<std::time::Duration>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PushAppOptions {
    /// Catalog app (id, bundle id or name), optionally `@version`.
    pub app: String,
    /// The package hash the requester expects; must equal the catalog's.
    pub sha256: Option<String>,
    /// Remove the app instead of installing it.
    pub uninstall: bool,
    pub rollout: Rollout,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PushProfileOptions {
    /// The profile file, base64.
    pub profile: String,
    /// The profile's name (filled in by the server).
    pub profile_name: Option<String>,
    /// SHA-256 of the profile bytes (filled in by the server).
    pub profile_digest: Option<String>,
    pub rollout: Rollout,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PushCommandOptions {
    /// One of `COMMANDS`.
    pub command: String,
    pub rollout: Rollout,
}

/// Why a wire action and its options do not make an `ActionKind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionKindError {
    /// The action name is not one of `ActionName::NAMES`.
    UnknownAction(String),
    /// An option that does not belong to this kind was given.
    NotAnOption {
        action: ActionName,
        option: &'static str,
    },
    /// An option this kind needs is missing.
    Missing {
        action: ActionName,
        option: &'static str,
    },
}

impl fmt::Display for ActionKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionKindError::UnknownAction(s) => write!(
                f,
                "unknown action {s:?} (actions: {})",
                ActionName::NAMES.join(", ")
            ),
            ActionKindError::NotAnOption { action, option } => {
                write!(f, "{action} takes no option {option}")
            }
            ActionKindError::Missing { action, option } => {
                write!(f, "{action} needs options.{option}")
            }
        }
    }
}

impl std::error::Error for ActionKindError {}

/// The option groups of the flat wire options that are set, by their API names.
pub fn options_used(o: &ActionOptions) -> Vec<&'static str> {
    let mut v = Vec::new();
    if o.message.is_some() {
        v.push("message");
    }
    if o.callback_number.is_some() {
        v.push("callback_number");
    }
    if o.keep_enrollment {
        v.push("keep_enrollment");
    }
    if o.keep_user_data {
        v.push("keep_user_data");
    }
    if o.app.is_some() || o.sha256.is_some() || o.uninstall {
        v.push("app");
    }
    if o.profile.is_some() || o.profile_name.is_some() || o.profile_digest.is_some() {
        v.push("profile");
    }
    if o.command.is_some() {
        v.push("command");
    }
    if !o.rollout.is_empty() || o.halt_above_failure.is_some() || o.wave_timeout_seconds.is_some() {
        v.push("rollout");
    }
    v
}

impl ActionName {
    /// The option groups (as `options_used` names them) this kind takes.
    pub fn allowed_options(self) -> &'static [&'static str] {
        match self {
            ActionName::Lock => &["message", "callback_number"],
            ActionName::Wipe => &["keep_enrollment", "keep_user_data"],
            ActionName::Unlock | ActionName::Retire => &[],
            ActionName::PushApp => &["app", "rollout"],
            ActionName::PushProfile => &["profile", "rollout"],
            ActionName::PushCommand => &["command", "rollout"],
        }
    }

    /// The verb of the typed confirmation phrase (`wipe 12 devices in prod`).
    pub fn verb(self) -> &'static str {
        match self {
            ActionName::PushApp | ActionName::PushProfile | ActionName::PushCommand => "push",
            k => k.as_str(),
        }
    }

    pub fn is_push(self) -> bool {
        matches!(
            self,
            ActionName::PushApp | ActionName::PushProfile | ActionName::PushCommand
        )
    }
}

impl ActionKind {
    /// The wire's `action` and `options` as a typed action. Refuses an unknown action,
    /// an option the kind does not take (naming it), and a missing required option.
    pub fn from_wire(action: &str, o: &ActionOptions) -> Result<ActionKind, ActionKindError> {
        let name = ActionName::parse(action)
            .ok_or_else(|| ActionKindError::UnknownAction(action.to_string()))?;
        let allowed = name.allowed_options();
        if let Some(option) = options_used(o).into_iter().find(|u| !allowed.contains(u)) {
            return Err(ActionKindError::NotAnOption {
                action: name,
                option,
            });
        }
        let missing = |option| ActionKindError::Missing {
            action: name,
            option,
        };
        let rollout = || Rollout {
            percents: o.rollout.clone(),
            halt_above_failure: o.halt_above_failure,
            wave_timeout: o.wave_timeout_seconds.map(std::time::Duration::from_secs),
        };
        Ok(match name {
            ActionName::Wipe => ActionKind::Wipe(WipeOptions {
                keep_enrollment: o.keep_enrollment,
                keep_user_data: o.keep_user_data,
            }),
            ActionName::Lock => ActionKind::Lock(LockOptions {
                message: o.message.clone(),
                callback_number: o.callback_number.clone(),
            }),
            ActionName::Unlock => ActionKind::Unlock,
            ActionName::Retire => ActionKind::Retire,
            ActionName::PushApp => ActionKind::PushApp(PushAppOptions {
                app: o.app.clone().ok_or_else(|| missing("app"))?,
                sha256: o.sha256.clone(),
                uninstall: o.uninstall,
                rollout: rollout(),
            }),
            ActionName::PushProfile => ActionKind::PushProfile(PushProfileOptions {
                profile: o.profile.clone().ok_or_else(|| missing("profile"))?,
                profile_name: o.profile_name.clone(),
                profile_digest: o.profile_digest.clone(),
                rollout: rollout(),
            }),
            ActionName::PushCommand => ActionKind::PushCommand(PushCommandOptions {
                command: o.command.clone().ok_or_else(|| missing("command"))?,
                rollout: rollout(),
            }),
        })
    }

    /// The name on the wire.
    pub fn name(&self) -> ActionName {
        match self {
            ActionKind::Wipe(_) => ActionName::Wipe,
            ActionKind::Lock(_) => ActionName::Lock,
            ActionKind::Unlock => ActionName::Unlock,
            ActionKind::Retire => ActionName::Retire,
            ActionKind::PushApp(_) => ActionName::PushApp,
            ActionKind::PushProfile(_) => ActionName::PushProfile,
            ActionKind::PushCommand(_) => ActionName::PushCommand,
        }
    }

    /// The flat wire options of this action.
    pub fn options(&self) -> ActionOptions {
        let with_rollout = |r: &Rollout, o: ActionOptions| ActionOptions {
            rollout: r.percents.clone(),
            halt_above_failure: r.halt_above_failure,
            wave_timeout_seconds: r.wave_timeout.map(|d| d.as_secs()),
            ..o
        };
        match self {
            ActionKind::Wipe(w) => ActionOptions {
                keep_enrollment: w.keep_enrollment,
                keep_user_data: w.keep_user_data,
                ..ActionOptions::default()
            },
            ActionKind::Lock(l) => ActionOptions {
                message: l.message.clone(),
                callback_number: l.callback_number.clone(),
                ..ActionOptions::default()
            },
            ActionKind::Unlock | ActionKind::Retire => ActionOptions::default(),
            ActionKind::PushApp(a) => with_rollout(
                &a.rollout,
                ActionOptions {
                    app: Some(a.app.clone()),
                    sha256: a.sha256.clone(),
                    uninstall: a.uninstall,
                    ..ActionOptions::default()
                },
            ),
            ActionKind::PushProfile(p) => with_rollout(
                &p.rollout,
                ActionOptions {
                    profile: Some(p.profile.clone()),
                    profile_name: p.profile_name.clone(),
                    profile_digest: p.profile_digest.clone(),
                    ..ActionOptions::default()
                },
            ),
            ActionKind::PushCommand(c) => with_rollout(
                &c.rollout,
                ActionOptions {
                    command: Some(c.command.clone()),
                    ..ActionOptions::default()
                },
            ),
        }
    }

    /// The wire's `action` and `options`.
    pub fn to_wire(&self) -> (String, ActionOptions) {
        (self.name().as_str().to_string(), self.options())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Vec<ActionKind> {
        let rollout = Rollout {
            percents: vec![5, 25, 100],
            halt_above_failure: Some(10.0),
            wave_timeout: Some(std::time::Duration::from_secs(600)),
        };
        vec![
            ActionKind::Wipe(WipeOptions {
                keep_enrollment: true,
                keep_user_data: false,
            }),
            ActionKind::Wipe(WipeOptions::default()),
            ActionKind::Lock(LockOptions {
                message: Some("call IT".into()),
                callback_number: Some("+32 2 123 45 67".into()),
            }),
            ActionKind::Unlock,
            ActionKind::Retire,
            ActionKind::PushApp(PushAppOptions {
                app: "slack@4.1".into(),
                sha256: Some("ab".repeat(32)),
                uninstall: false,
                rollout: rollout.clone(),
            }),
            ActionKind::PushProfile(PushProfileOptions {
                profile: "PD94bWw=".into(),
                profile_name: None,
                profile_digest: None,
                rollout: Rollout::default(),
            }),
            ActionKind::PushCommand(PushCommandOptions {
                command: "restart".into(),
                rollout,
            }),
        ]
    }

    #[test]
    fn every_kind_round_trips_through_the_wire() {
        for k in kinds() {
            let (action, options) = k.to_wire();
            assert_eq!(ActionKind::from_wire(&action, &options).unwrap(), k);
            // and through JSON, as the request carries it
            let json = serde_json::to_string(&options).unwrap();
            let back: ActionOptions = serde_json::from_str(&json).unwrap();
            assert_eq!(ActionKind::from_wire(&action, &back).unwrap(), k);
        }
        assert_eq!(
            serde_json::to_string(&ActionKind::Retire.options()).unwrap(),
            "{}"
        );
    }

    #[test]
    fn a_wipe_with_a_message_is_refused_naming_the_option() {
        let o = ActionOptions {
            message: Some("hello".into()),
            ..ActionOptions::default()
        };
        let e = ActionKind::from_wire("wipe", &o).unwrap_err();
        assert_eq!(
            e,
            ActionKindError::NotAnOption {
                action: ActionName::Wipe,
                option: "message"
            }
        );
        assert_eq!(e.to_string(), "wipe takes no option message");
        let o = ActionOptions {
            rollout: vec![100],
            ..ActionOptions::default()
        };
        assert_eq!(
            ActionKind::from_wire("lock", &o).unwrap_err().to_string(),
            "lock takes no option rollout"
        );
    }

    #[test]
    fn unknown_kind_and_missing_options_are_refused() {
        let e = ActionKind::from_wire("format", &ActionOptions::default()).unwrap_err();
        assert_eq!(e, ActionKindError::UnknownAction("format".into()));
        assert_eq!(
            e.to_string(),
            "unknown action \"format\" (actions: wipe, lock, unlock, retire, push_app, \
             push_profile, push_command)"
        );
        let e = ActionKind::from_wire("push_app", &ActionOptions::default()).unwrap_err();
        assert_eq!(e.to_string(), "push_app needs options.app");
    }
}
