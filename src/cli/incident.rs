use super::action::GateArgs;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)
    Freeze(FreezeArgs),
    /// Lift the change freeze (step-up and typed confirmation)
    Unfreeze(UnfreezeArgs),
    /// Revoke tokens and elevations: everyone's but yours, or one user's
    RevokeSessions(RevokeSessionsArgs),
    /// Revoke every enrollment token that could still enroll a device
    RotateEnrollment(RotateArgs),
    /// A timeline of what changed, by actor, for a CERT (Markdown, or -o json)
    Report(ReportArgs),
    /// Save inventory, policies and the audit head with a SHA-256 manifest, as evidence
    Snapshot(SnapshotArgs),
}

#[derive(Debug, Args)]
pub struct FreezeArgs {
    /// Shown to everyone whose change is refused, e.g. "incident INC-42: call the SOC"
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,

    #[command(flatten)]
    pub gate: GateArgs,
}

#[derive(Debug, Args)]
pub struct UnfreezeArgs {
    /// The confirmation typed non-interactively: `unfreeze <context>`
    #[arg(long, value_name = "PHRASE")]
    pub confirm: Option<String>,

    #[command(flatten)]
    pub gate: GateArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("whose").required(true).args(["all_except_me", "user"])))]
pub struct RevokeSessionsArgs {
    /// Every user's tokens and elevations except the one you are using
    #[arg(long)]
    pub all_except_me: bool,

    /// Only this user's tokens and elevations
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,

    /// The confirmation typed non-interactively: `revoke <N> sessions in <context>`
    #[arg(long, value_name = "PHRASE")]
    pub confirm: Option<String>,

    #[command(flatten)]
    pub gate: GateArgs,
}

#[derive(Debug, Args)]
pub struct RotateArgs {
    #[command(flatten)]
    pub gate: GateArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Start of the window: an age (48h, 7d) or an RFC 3339 time
    #[arg(long, default_value = "48h", value_name = "TIME")]
    pub since: String,

    /// End of the window (default: now)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,

    /// Only this actor
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
}

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// A new (or empty) directory for the evidence
    #[arg(long, value_name = "DIR")]
    pub out: std::path::PathBuf,

    /// Include owner emails and phone numbers in the inventory (audited PII read; over
    /// the server's PII budget of devices per hour it needs a step-up)
    #[arg(long)]
    pub show_pii: bool,

    /// One TOTP code (or MDM_OTP) for the step-up the PII budget may need
    #[arg(long, value_name = "CODE", requires = "show_pii")]
    pub otp: Option<String>,

    /// Also save the whole raw audit chain (every event as hashed)
    #[arg(long)]
    pub with_chain: bool,
}

impl RotateArgs {
    pub fn settings(&self) -> crate::commands::incident::rotate_enrollment::Settings {
        crate::commands::incident::rotate_enrollment::Settings {
            answers: self.gate.answers(None),
            dry_run: self.gate.dry_run,
        }
    }
}

impl SnapshotArgs {
    pub fn settings(&self) -> crate::commands::incident::snapshot::Settings {
        crate::commands::incident::snapshot::Settings {
            out: self.out.clone(),
            show_pii: self.show_pii,
            with_chain: self.with_chain,
            otp: crate::guard::OtpSource::new(self.otp.clone()),
        }
    }
}

impl UnfreezeArgs {
    pub fn settings(&self) -> crate::commands::incident::unfreeze::Settings {
        crate::commands::incident::unfreeze::Settings {
            answers: self.gate.answers(self.confirm.clone()),
            dry_run: self.gate.dry_run,
        }
    }
}

impl RevokeSessionsArgs {
    pub fn settings(&self) -> crate::commands::incident::revoke_sessions::Settings {
        crate::commands::incident::revoke_sessions::Settings {
            all_except_me: self.all_except_me,
            user: self.user.clone(),
            answers: self.gate.answers(self.confirm.clone()),
            dry_run: self.gate.dry_run,
        }
    }
}

impl ReportArgs {
    pub fn settings(&self) -> crate::commands::incident::report::Settings {
        crate::commands::incident::report::Settings {
            since: self.since.clone(),
            until: self.until.clone(),
            actor: self.actor.clone(),
        }
    }
}

impl FreezeArgs {
    pub fn settings(&self) -> crate::commands::incident::freeze::Settings {
        crate::commands::incident::freeze::Settings {
            message: self.message.clone(),
            answers: self.gate.answers(None),
            dry_run: self.gate.dry_run,
        }
    }
}
