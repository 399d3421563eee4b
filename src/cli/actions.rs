use clap::{Args, Subcommand, ValueEnum};
pub use mdm_model::domain::{ActionStatus, CommandStatus};

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// List actions, newest first
    List(ListArgs),
    /// Show one action, its counts and (with --devices) its devices
    Show(ShowArgs),
    /// Follow an action's progress until it is done (Ctrl-C detaches)
    Watch(WatchArgs),
    /// Cancel what has not reached devices yet
    Cancel(IdArg),
    /// Release a staged rollout's next wave now, without waiting for offline devices
    Advance(IdArg),
    /// Stop a running action or rollout: nothing more is sent
    Halt(HaltArgs),
    /// Show, once, the unlock PINs the backend set on your action's Macs (Jamf, Fleet)
    Pins(PinsArgs),
}

#[derive(Debug, Args)]
pub struct PinsArgs {
    /// Action id (act_…) of a lock or wipe you requested
    pub id: String,

    /// One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks
    #[arg(long, value_name = "CODE")]
    pub otp: Option<String>,
}

#[derive(Debug, Args)]
pub struct HaltArgs {
    /// Action id (act_…)
    pub id: String,

    /// Why (kept on the action and in the audit log)
    #[arg(long, value_name = "TEXT", required = true)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only actions in this state
    #[arg(long, value_parser = super::kebab_names::<ActionStatus>(ActionStatus::ALL, ActionStatus::as_str))]
    pub status: Option<ActionStatus>,

    /// Show at most N actions
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: u32,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Action id (act_…)
    pub id: String,

    /// List the action's devices, optionally only those in one state
    #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "all", value_name = "STATE")]
    pub devices: Option<DeviceState>,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Action id (act_…)
    pub id: String,

    /// Stop following after this long (exit 9 if devices have not answered yet)
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
}

#[derive(Debug, Args)]
pub struct IdArg {
    /// Action id (act_…)
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeviceState {
    All,
    Queued,
    Sent,
    Acknowledged,
    Failed,
    Pending,
    Cancelled,
    Held,
    VendorApproval,
}

impl DeviceState {
    pub fn filter(self) -> Option<CommandStatus> {
        match self {
            DeviceState::All => None,
            DeviceState::Queued => Some(CommandStatus::Queued),
            DeviceState::Sent => Some(CommandStatus::Sent),
            DeviceState::Acknowledged => Some(CommandStatus::Acknowledged),
            DeviceState::Failed => Some(CommandStatus::Failed),
            DeviceState::Pending => Some(CommandStatus::Pending),
            DeviceState::Cancelled => Some(CommandStatus::Cancelled),
            DeviceState::Held => Some(CommandStatus::Held),
            DeviceState::VendorApproval => Some(CommandStatus::VendorApproval),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ApprovalsCommand {
    /// List actions waiting for a second admin (--all: every action that needed one)
    List(ApprovalsListArgs),
    /// Approve another admin's action (needs your own step-up and typed confirmation)
    Approve(DecideArgs),
    /// Reject an action waiting for approval
    Reject(RejectArgs),
}

#[derive(Debug, Args)]
pub struct ApprovalsListArgs {
    /// Include decided and expired ones
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// Action id (act_…)
    pub id: String,

    #[command(flatten)]
    pub gate: super::action::PhraseGateArgs,
}

#[derive(Debug, Args)]
pub struct RejectArgs {
    /// Action id (act_…)
    pub id: String,

    /// Why (recorded in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

impl DecideArgs {
    pub fn settings(&self) -> crate::commands::approvals::approve::Settings {
        crate::commands::approvals::approve::Settings {
            id: self.id.clone(),
            reason: self.gate.reason.clone(),
            answers: self.gate.answers(),
        }
    }
}

impl RejectArgs {
    pub fn settings(&self) -> crate::commands::approvals::reject::Settings {
        crate::commands::approvals::reject::Settings {
            id: self.id.clone(),
            reason: self.reason.clone(),
        }
    }
}

impl ListArgs {
    pub fn settings(&self) -> crate::commands::actions::list::Settings {
        crate::commands::actions::list::Settings {
            status: self.status,
            limit: self.limit,
        }
    }
}

impl WatchArgs {
    pub fn settings(&self) -> crate::commands::actions::watch::Settings {
        crate::commands::actions::watch::Settings {
            id: self.id.clone(),
            timeout: self.timeout.clone(),
        }
    }
}

impl ShowArgs {
    pub fn settings(&self) -> crate::commands::actions::show::Settings {
        crate::commands::actions::show::Settings {
            id: self.id.clone(),
            devices: self.devices.map(DeviceState::filter),
        }
    }
}

impl PinsArgs {
    pub fn settings(&self) -> crate::commands::actions::pins::Settings {
        crate::commands::actions::pins::Settings {
            id: self.id.clone(),
            otp: crate::guard::OtpSource::new(self.otp.clone()),
        }
    }
}
