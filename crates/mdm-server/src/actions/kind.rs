//! The kinds of device action, parsed once at the edge from the wire's `action` string.

use crate::authz::Perm;
use crate::http::{ApiError, ApiResult};
use mdm_model::types::ActionOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Wipe,
    Lock,
    Unlock,
    Retire,
    PushApp,
    PushProfile,
    PushCommand,
}

/// Commands a push may send.
pub const COMMANDS: &[&str] = &[
    "restart",
    "shutdown",
    "sync",
    "locate",
    "update-os",
    "clear-passcode",
];

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Wipe,
        Kind::Lock,
        Kind::Unlock,
        Kind::Retire,
        Kind::PushApp,
        Kind::PushProfile,
        Kind::PushCommand,
    ];

    pub fn parse(s: &str) -> ApiResult<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "unknown action {s:?} (actions: wipe, lock, unlock, retire, \
                     push_app, push_profile, push_command)"
                ))
            })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Wipe => "wipe",
            Kind::Lock => "lock",
            Kind::Unlock => "unlock",
            Kind::Retire => "retire",
            Kind::PushApp => "push_app",
            Kind::PushProfile => "push_profile",
            Kind::PushCommand => "push_command",
        }
    }

    /// The verb of the typed confirmation phrase (`wipe 12 devices in prod`).
    pub fn verb(self) -> &'static str {
        match self {
            Kind::PushApp | Kind::PushProfile | Kind::PushCommand => "push",
            k => k.as_str(),
        }
    }

    pub fn is_push(self) -> bool {
        matches!(self, Kind::PushApp | Kind::PushProfile | Kind::PushCommand)
    }

    /// Destroys data or management: needs a step-up even for one device.
    pub fn destructive(self, o: &ActionOptions) -> bool {
        match self {
            Kind::Wipe | Kind::Retire => true,
            Kind::PushCommand => o.command.as_deref() == Some("clear-passcode"),
            _ => false,
        }
    }

    /// The permission this action needs for this target.
    pub fn perm(self, o: &ActionOptions, single: bool) -> Perm {
        if self.destructive(o) {
            return Perm::DevicesWipe;
        }
        match self {
            Kind::Lock | Kind::Unlock => Perm::DevicesLock,
            _ if single => Perm::PushSingle,
            _ => Perm::PushMany,
        }
    }

    /// What a freeze refusal names.
    pub fn freeze_label(self) -> &'static str {
        match self {
            Kind::Wipe => "wiping devices",
            Kind::Retire => "retiring devices",
            _ => "pushing to devices",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_unknown_is_refused() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()).unwrap(), k);
        }
        assert!(Kind::parse("format").is_err());
    }
}
