//! Arguments shared by the guarded device actions (wipe, lock, unlock, retire).

use clap::Args;

/// Which devices: ids/serials, or one of --group, --filter, --all (exactly one).
#[derive(Debug, Args, Clone)]
#[group(id = "target", required = true, multiple = false)]
pub struct TargetArgs {
    /// Device ids or serial numbers
    #[arg(value_name = "DEVICE")]
    pub devices: Vec<String>,

    /// Every device in this group
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// Devices matching an expression, e.g. 'platform = ios and os_version < 17.4'
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,

    /// Every active device of the fleet (needs --reason and a second admin's approval)
    #[arg(long)]
    pub all: bool,
}

/// The safety gate's inputs, for scripts and for people.
#[derive(Debug, Args, Clone, Default)]
pub struct GuardArgs {
    /// Why (recorded in the audit log; required for fleet-wide actions)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Change or incident ticket (recorded in the audit log)
    #[arg(long, value_name = "ID")]
    pub ticket: Option<String>,

    /// Show what would happen (count, platforms, sample) and send nothing that changes state
    #[arg(long)]
    pub dry_run: bool,

    /// The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`
    #[arg(long, value_name = "PHRASE")]
    pub confirm: Option<String>,

    /// One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks
    #[arg(long, value_name = "CODE")]
    pub otp: Option<String>,

    /// Return as soon as the action is accepted, without following its progress
    #[arg(long)]
    pub no_wait: bool,

    /// Stop following after this long (exit 8 if devices are still pending)
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
