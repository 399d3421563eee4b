//! The kinds of device action, parsed once at the edge from the wire's `action` string.

use crate::authz::Perm;
use crate::http::{ApiError, ApiResult};
use mdm_model::action::ActionKindError;
use mdm_model::domain::ActionName;
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
pub use mdm_model::action::COMMANDS;

impl From<ActionName> for Kind {
    fn from(n: ActionName) -> Kind {
        match n {
            ActionName::Wipe => Kind::Wipe,
            ActionName::Lock => Kind::Lock,
            ActionName::Unlock => Kind::Unlock,
            ActionName::Retire => Kind::Retire,
            ActionName::PushApp => Kind::PushApp,
            ActionName::PushProfile => Kind::PushProfile,
            ActionName::PushCommand => Kind::PushCommand,
        }
    }
}

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
        ActionName::parse(s).map(Kind::from).ok_or_else(|| {
            ApiError::bad_request(ActionKindError::UnknownAction(s.to_string()).to_string())
        })
    }

    /// The model's name of this kind.
    pub fn name(self) -> ActionName {
        match self {
            Kind::Wipe => ActionName::Wipe,
            Kind::Lock => ActionName::Lock,
            Kind::Unlock => ActionName::Unlock,
            Kind::Retire => ActionName::Retire,
            Kind::PushApp => ActionName::PushApp,
            Kind::PushProfile => ActionName::PushProfile,
            Kind::PushCommand => ActionName::PushCommand,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.name().as_str()
    }

    /// The verb of the typed confirmation phrase (`wipe 12 devices in prod`).
    pub fn verb(self) -> &'static str {
        self.name().verb()
    }

    pub fn is_push(self) -> bool {
        self.name().is_push()
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
