//! The domain's closed vocabularies, defined once for client and server. On the wire each
//! is its snake_case name (`ios`, `pending_approval`, `step_up_required`), so API v1 is
//! unchanged; in code a misspelt status is a compile error instead of a silent mismatch.

use std::fmt;
use std::str::FromStr;

/// A value outside a closed vocabulary; `expected` lists the names it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    pub what: &'static str,
    pub given: String,
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?} ({}s: {})",
            self.what,
            self.given,
            self.what,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Defines a string enum: serde as the snake_case name, `as_str`, `ALL`, `NAMES`,
/// `Display`, `FromStr`, and clap's `ValueEnum` with the `clap` feature.
macro_rules! names {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The name as a user typed it, or `None`.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, UnknownName> {
                $name::parse(s).ok_or_else(|| UnknownName {
                    what: $what,
                    given: s.to_string(),
                    expected: $name::NAMES,
                })
            }
        }

        #[cfg(feature = "clap")]
        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                $name::ALL
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    };
}

names! {
    /// A device's operating system family.
    Platform, "platform" {
        Ios = "ios",
        Android = "android",
        Macos = "macos",
        Windows = "windows",
    }
}

names! {
    /// A user's role; what each may do is the server's permission table.
    Role, "role" {
        Viewer = "viewer",
        Operator = "operator",
        Admin = "admin",
        Auditor = "auditor",
        /// No powers of its own; admin powers while a break-glass session is active.
        Breakglass = "breakglass",
    }
}

names! {
    /// Where a device is in its life: `online`/`offline` are active, the others final.
    DeviceStatus, "status" {
        Online = "online",
        Offline = "offline",
        Wiped = "wiped",
        Retired = "retired",
    }
}

impl DeviceStatus {
    /// Active devices can still receive commands.
    pub fn is_active(self) -> bool {
        matches!(self, DeviceStatus::Online | DeviceStatus::Offline)
    }
}

names! {
    /// A device's compliance with its assigned policies.
    Compliance, "compliance" {
        Compliant = "compliant",
        Noncompliant = "noncompliant",
        Unknown = "unknown",
    }
}

names! {
    /// Where an action (a wipe, a push, ...) is in its life.
    ActionStatus, "action status" {
        PendingApproval = "pending_approval",
        Queued = "queued",
        Running = "running",
        Completed = "completed",
        CompletedWithFailures = "completed_with_failures",
        Cancelled = "cancelled",
        Rejected = "rejected",
        Expired = "expired",
        /// A staged rollout stopped because too many devices failed.
        Halted = "halted",
    }
}

impl ActionStatus {
    /// No device will get the command any more.
    pub fn is_final(self) -> bool {
        !matches!(
            self,
            ActionStatus::PendingApproval | ActionStatus::Queued | ActionStatus::Running
        )
    }
}

names! {
    /// Where one device's command is.
    CommandStatus, "device status" {
        Queued = "queued",
        Sent = "sent",
        Acknowledged = "acknowledged",
        Failed = "failed",
        /// The device is offline; it gets the command when it checks in.
        Pending = "pending",
        Cancelled = "cancelled",
        /// Held by a change freeze until it is lifted.
        Held = "held",
        /// The vendor holds the request for its own approval (Intune Multi Admin
        /// Approval); sent again, once, when a second vendor admin approves it.
        VendorApproval = "vendor_approval",
    }
}

impl CommandStatus {
    pub fn is_final(self) -> bool {
        matches!(
            self,
            CommandStatus::Acknowledged | CommandStatus::Failed | CommandStatus::Cancelled
        )
    }
}

names! {
    /// The machine code of an error answer (`{"error": {"code": …}}`). Scripts and the
    /// CLI react to these; the message is for people.
    ErrorCode, "error code" {
        InvalidRequest = "invalid_request",
        Unauthenticated = "unauthenticated",
        Forbidden = "forbidden",
        NotFound = "not_found",
        AlreadyExists = "already_exists",
        StepUpRequired = "step_up_required",
        StepUpFailed = "step_up_failed",
        StepUpLocked = "step_up_locked",
        MfaNotEnrolled = "mfa_not_enrolled",
        NoPendingEnrollment = "no_pending_enrollment",
        TargetChanged = "target_changed",
        PreviewInvalid = "preview_invalid",
        PolicyChanged = "policy_changed",
        PreconditionRequired = "precondition_required",
        IdempotencyKeyReused = "idempotency_key_reused",
        ApprovalExpired = "approval_expired",
        NotPending = "not_pending",
        NotCancellable = "not_cancellable",
        NotActive = "not_active",
        DeviceInactive = "device_inactive",
        AppHashMismatch = "app_hash_mismatch",
        ChangeFreeze = "change_freeze",
        NotSupportedByBackend = "not_supported_by_backend",
        /// The fleet backend (a vendor API) failed; nothing was changed.
        BackendFailed = "backend_failed",
        FaultInjected = "fault_injected",
        MethodNotAllowed = "method_not_allowed",
        TooLarge = "too_large",
        EnrollmentTokenInvalid = "enrollment_token_invalid",
        EnrollmentTokenRevoked = "enrollment_token_revoked",
        EnrollmentTokenUsed = "enrollment_token_used",
        EnrollmentTokenExpired = "enrollment_token_expired",
        EnrollmentPlatformMismatch = "enrollment_platform_mismatch",
        SerialTaken = "serial_taken",
        Internal = "internal",
    }
}

names! {
    /// The name of a device action on the wire (`action` of previews and actions); the
    /// action with its options is `crate::action::ActionKind`.
    ActionName, "action" {
        Wipe = "wipe",
        Lock = "lock",
        Unlock = "unlock",
        Retire = "retire",
        PushApp = "push_app",
        PushProfile = "push_profile",
        PushCommand = "push_command",
    }
}

names! {
    /// The state of an enrollment token.
    EnrollmentStatus, "enrollment status" {
        /// Can still enroll.
        Unused = "unused",
        /// No uses left.
        Used = "used",
        Expired = "expired",
        Revoked = "revoked",
    }
}

names! {
    /// What a policy plan does to one policy.
    PolicyOp, "policy change" {
        Create = "create",
        Update = "update",
        Delete = "delete",
        /// A group assignment added (`policy assign`).
        Assign = "assign",
        /// A group assignment removed.
        Unassign = "unassign",
    }
}

names! {
    /// How fresh a step-up a request needs.
    #[derive(Default)]
    StepUp, "step-up" {
        /// No step-up.
        #[default]
        None = "none",
        /// A live elevation will do (one code covers several actions for five minutes).
        Cached = "cached",
        /// A TOTP code verified in this very request (break-glass).
        Fresh = "fresh",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_on_the_wire_and_from_text() {
        for p in Platform::ALL {
            let json = serde_json::to_string(p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(serde_json::from_str::<Platform>(&json).unwrap(), *p);
            assert_eq!(p.as_str().parse::<Platform>().unwrap(), *p);
        }
        assert_eq!(
            serde_json::to_string(&ActionStatus::PendingApproval).unwrap(),
            "\"pending_approval\""
        );
        let e = "blackberry".parse::<Platform>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown platform \"blackberry\" (platforms: ios, android, macos, windows)"
        );
        assert!(serde_json::from_str::<Role>("\"root\"").is_err());
        assert!(ActionStatus::Halted.is_final());
        assert!(!ActionStatus::Running.is_final());
        assert!(DeviceStatus::Offline.is_active());
        assert!(!DeviceStatus::Wiped.is_active());
    }
}
