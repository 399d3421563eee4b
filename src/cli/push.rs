use super::action::{GuardArgs, TargetArgs};
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum PushCommand {
    /// Install (or --uninstall) a catalog app on devices
    App(AppArgs),
    /// Install a configuration profile (.mobileconfig or JSON), checked before sending
    Profile(ProfileArgs),
    /// Send a device command (clear-passcode is destructive)
    Command(CommandArgs),
}

/// Staged rollout: waves of growing size, stopping when failures exceed a limit.
#[derive(Debug, Args, Clone, Default)]
pub struct RolloutArgs {
    /// Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)
    #[arg(long, value_name = "WAVES")]
    pub rollout: Option<String>,

    /// Halt the rollout when a wave's failure rate exceeds this, e.g. 2%
    #[arg(long, value_name = "PERCENT", requires = "rollout")]
    pub halt_above_failure: Option<String>,

    /// How long offline devices may hold a wave before the next one starts (1m to 7d;
    /// default 30m). They are not failures, and still get it when they check in
    #[arg(long, value_name = "DURATION", requires = "rollout")]
    pub wave_timeout: Option<String>,
}

#[derive(Debug, Args)]
pub struct AppArgs {
    /// Catalog app (id, bundle id or name), optionally @VERSION
    pub app: String,

    #[command(flatten)]
    pub target: TargetArgs,

    /// Remove the app instead of installing it
    #[arg(long)]
    pub uninstall: bool,

    /// The package you intend to push: its hash must match the catalog's pinned hash
    #[arg(long, value_name = "FILE")]
    pub package: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub rollout: RolloutArgs,

    #[command(flatten)]
    pub guard: GuardArgs,
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// The profile file
    pub file: std::path::PathBuf,

    #[command(flatten)]
    pub target: TargetArgs,

    #[command(flatten)]
    pub rollout: RolloutArgs,

    #[command(flatten)]
    pub guard: GuardArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeviceCommand {
    Restart,
    Shutdown,
    Sync,
    Locate,
    UpdateOs,
    ClearPasscode,
}

impl DeviceCommand {
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceCommand::Restart => "restart",
            DeviceCommand::Shutdown => "shutdown",
            DeviceCommand::Sync => "sync",
            DeviceCommand::Locate => "locate",
            DeviceCommand::UpdateOs => "update-os",
            DeviceCommand::ClearPasscode => "clear-passcode",
        }
    }
}

#[derive(Debug, Args)]
pub struct CommandArgs {
    /// The command
    #[arg(value_enum)]
    pub name: DeviceCommand,

    #[command(flatten)]
    pub target: TargetArgs,

    #[command(flatten)]
    pub rollout: RolloutArgs,

    #[command(flatten)]
    pub guard: GuardArgs,
}

// Flags → settings.

use crate::commands::push::{Payload, Settings, rollout};

impl RolloutArgs {
    fn options(&self) -> crate::error::Result<mdm_model::action::Rollout> {
        rollout(
            self.rollout.as_deref(),
            self.halt_above_failure.as_deref(),
            self.wave_timeout.as_deref(),
        )
    }
}

impl PushCommand {
    pub fn settings(&self) -> crate::error::Result<Settings> {
        let (payload, target, roll, guard) = match self {
            PushCommand::App(a) => (
                Payload::App {
                    app: a.app.clone(),
                    uninstall: a.uninstall,
                    package: a.package.clone(),
                },
                &a.target,
                &a.rollout,
                &a.guard,
            ),
            PushCommand::Profile(a) => (
                Payload::Profile(a.file.clone()),
                &a.target,
                &a.rollout,
                &a.guard,
            ),
            PushCommand::Command(a) => (
                Payload::Command(a.name.as_str().to_string()),
                &a.target,
                &a.rollout,
                &a.guard,
            ),
        };
        Ok(Settings {
            payload,
            rollout: roll.options()?,
            target: target.target()?,
            run: guard.settings()?,
        })
    }
}
