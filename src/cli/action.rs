//! Arguments shared by the guarded device actions (wipe, lock, unlock, retire).

use clap::Args;

/// Which devices: ids/serials, --group, --filter (both: the group's devices that
/// match), or --all.
#[derive(Debug, Args, Clone)]
#[group(id = "target", required = true, multiple = true)]
pub struct TargetArgs {
    /// Device ids or serial numbers
    #[arg(value_name = "DEVICE", conflicts_with_all = ["group", "filter", "all"])]
    pub devices: Vec<String>,

    /// Every device in this group (with --filter: those of them that match)
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// Devices matching an expression, e.g. 'platform = ios and os_version < 17.4'
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,

    /// Every active device of the fleet (needs --reason and a second admin's approval)
    #[arg(long, conflicts_with_all = ["group", "filter"])]
    pub all: bool,
}

/// The gate's inputs every guarded command takes, for scripts and for people: one
/// definition, so `--reason`, `--ticket`, `--dry-run` and `--otp` mean the same everywhere.
#[derive(Debug, Args, Clone, Default)]
pub struct GateArgs {
    /// Why (recorded in the audit log; required for fleet-wide actions)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Change or incident ticket (recorded in the audit log)
    #[arg(long, value_name = "ID")]
    pub ticket: Option<String>,

    /// Show what would happen (count, sample, diff) and send nothing that changes state
    #[arg(long)]
    pub dry_run: bool,

    /// One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks
    #[arg(long, value_name = "CODE")]
    pub otp: Option<String>,
}

impl GateArgs {
    /// The gate's answers; `confirm` for the commands that take `--confirm`.
    pub fn answers(&self, confirm: Option<String>) -> Answers {
        Answers {
            confirm,
            otp: OtpSource::new(self.otp.clone()),
            reason: self.reason.clone(),
            ticket: self.ticket.clone(),
        }
    }
}

/// The gate of a guarded change that takes no ticket and has its own dry run, if any
/// (policy writes, approvals): why, the typed phrase, the code.
#[derive(Debug, Args, Clone, Default)]
pub struct PhraseGateArgs {
    /// Why (recorded in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// The confirmation typed non-interactively: the exact phrase the command asks for
    /// (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)
    #[arg(long, value_name = "PHRASE")]
    pub confirm: Option<String>,

    /// One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks
    #[arg(long, value_name = "CODE")]
    pub otp: Option<String>,
}

impl PhraseGateArgs {
    pub fn answers(&self) -> Answers {
        Answers {
            confirm: self.confirm.clone(),
            otp: OtpSource::new(self.otp.clone()),
            reason: self.reason.clone(),
            ticket: None,
        }
    }
}

/// A guarded device action's gate: the common flags, the typed confirmation, and how
/// long to follow the action.
#[derive(Debug, Args, Clone, Default)]
pub struct GuardArgs {
    #[command(flatten)]
    pub gate: GateArgs,

    /// The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`
    #[arg(long, value_name = "PHRASE")]
    pub confirm: Option<String>,

    /// Return as soon as the action is accepted, without following its progress
    #[arg(long)]
    pub no_wait: bool,

    /// Stop following after this long (exit 9 if devices have not answered yet)
    #[arg(long, value_name = "DURATION")]
    pub wait_timeout: Option<String>,
}

#[derive(Debug, Args)]
pub struct WipeArgs {
    #[command(flatten)]
    pub target: TargetArgs,

    /// Keep the device enrolled after the wipe (windows, android)
    #[arg(long)]
    pub keep_enrollment: bool,

    /// Keep user data: reset settings and apps only (windows)
    #[arg(long)]
    pub keep_user_data: bool,

    #[command(flatten)]
    pub guard: GuardArgs,
}

#[derive(Debug, Args)]
pub struct LockArgs {
    #[command(flatten)]
    pub target: TargetArgs,

    /// Message on the lock screen (ios, macos, android)
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,

    /// Phone number on the lock screen (ios, android)
    #[arg(long, value_name = "NUMBER", alias = "phone")]
    pub callback_number: Option<String>,

    #[command(flatten)]
    pub guard: GuardArgs,
}

#[derive(Debug, Args)]
pub struct PlainActionArgs {
    #[command(flatten)]
    pub target: TargetArgs,

    #[command(flatten)]
    pub guard: GuardArgs,
}

// Flags → settings: the commands never see these clap types.

use crate::api::Target;
use crate::commands::action::{RunSettings, Settings, Spec, check_filter, device_ids};
use crate::error::{Error, Result};
use crate::guard::{Answers, OtpSource};
use mdm_model::action::{ActionKind, LockOptions, WipeOptions};

impl TargetArgs {
    pub fn target(&self) -> Result<Target> {
        if let Some(f) = &self.filter {
            check_filter(f)?;
        }
        Ok(Target {
            ids: device_ids(&self.devices)?,
            group: self.group.clone(),
            filter: self.filter.clone(),
            all: self.all,
        })
    }
}

impl GuardArgs {
    pub fn answers(&self) -> Answers {
        self.gate.answers(self.confirm.clone())
    }

    pub fn settings(&self) -> Result<RunSettings> {
        Ok(RunSettings {
            answers: self.answers(),
            dry_run: self.gate.dry_run,
            no_wait: self.no_wait,
            wait_timeout: self
                .wait_timeout
                .as_deref()
                .map(crate::timeutil::parse_duration)
                .transpose()?,
        })
    }
}

impl WipeArgs {
    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            spec: Spec {
                kind: ActionKind::Wipe(WipeOptions {
                    keep_enrollment: self.keep_enrollment,
                    keep_user_data: self.keep_user_data,
                }),
                target: self.target.target()?,
            },
            run: self.guard.settings()?,
        })
    }
}

impl LockArgs {
    pub fn settings(&self) -> Result<Settings> {
        if let Some(n) = &self.callback_number {
            let digits = n.chars().filter(|c| c.is_ascii_digit()).count();
            if !(6..=20).contains(&digits)
                || !n.chars().all(|c| c.is_ascii_digit() || "+ -()".contains(c))
            {
                return Err(Error::usage(format!(
                    "--callback-number {n:?} is not a phone number"
                )));
            }
        }
        if self
            .message
            .as_deref()
            .is_some_and(|m| m.chars().count() > 200)
        {
            return Err(Error::usage("--message is at most 200 characters"));
        }
        Ok(Settings {
            spec: Spec {
                kind: ActionKind::Lock(LockOptions {
                    message: self.message.clone(),
                    callback_number: self.callback_number.clone(),
                }),
                target: self.target.target()?,
            },
            run: self.guard.settings()?,
        })
    }
}

impl PlainActionArgs {
    /// `kind` is `ActionKind::Unlock` or `ActionKind::Retire` (they take no options).
    pub fn settings(&self, kind: ActionKind) -> Result<Settings> {
        Ok(Settings {
            spec: Spec {
                kind,
                target: self.target.target()?,
            },
            run: self.guard.settings()?,
        })
    }
}
