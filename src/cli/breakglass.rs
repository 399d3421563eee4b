use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum BreakglassCommand {
    /// Take admin powers for a bounded time (step-up; loud: audited and alerted)
    Activate(ActivateArgs),
    /// Who holds break-glass access now, and recent sessions
    Status,
    /// End a break-glass session (your own by default)
    End(EndArgs),
}

#[derive(Debug, Args)]
pub struct ActivateArgs {
    /// Why emergency access is needed (recorded in the audit log and the alert)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,

    /// The incident or change ticket
    #[arg(long, value_name = "ID")]
    pub ticket: String,

    /// How long the powers last (at most 4h); a new activation starts a new session
    #[arg(long, default_value = "1h", value_name = "DURATION")]
    pub duration: String,

    /// One TOTP code for the step-up (or MDM_OTP)
    #[arg(long, value_name = "CODE")]
    pub otp: Option<String>,
}

#[derive(Debug, Args)]
pub struct EndArgs {
    /// The session to end (bgs_…); admins may end anyone's
    #[arg(value_name = "ID")]
    pub id: Option<String>,

    /// Why (recorded in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

impl EndArgs {
    pub fn settings(&self) -> crate::commands::breakglass::end::Settings {
        crate::commands::breakglass::end::Settings {
            id: self.id.clone(),
            reason: self.reason.clone(),
        }
    }
}

impl ActivateArgs {
    pub fn settings(&self) -> crate::commands::breakglass::activate::Settings {
        crate::commands::breakglass::activate::Settings {
            reason: self.reason.clone(),
            ticket: self.ticket.clone(),
            duration: self.duration.clone(),
            otp: self.otp.clone(),
        }
    }
}
