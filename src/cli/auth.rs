use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Store a token for the context in the OS keyring (read from a hidden prompt or stdin)
    Login(LoginArgs),
    /// Remove the context's credentials (token and elevation) from the keyring
    Logout(LogoutArgs),
    /// Show who you are, your role, where the credential lives, and the elevation left
    Status,
    /// Enroll or activate an authenticator app (TOTP) for step-up
    #[command(subcommand)]
    Mfa(MfaCommand),
    /// Elevate now with a TOTP code, so the next guarded actions need no code
    StepUp(OtpArgs),
    /// Drop the elevation now (revoked on the server, removed from the keyring)
    StepDown,
    /// List or revoke tokens and elevations (yours, or another user's as an admin)
    Sessions(SessionsArgs),
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Every context's credentials, and any left behind by removed contexts
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the token from stdin instead of prompting (never pass it as an argument)
    #[arg(long)]
    pub with_token: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct OtpArgs {
    /// One TOTP code, for non-interactive use (or set MDM_OTP); otherwise a hidden prompt asks
    #[arg(long, value_name = "CODE")]
    pub otp: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum MfaCommand {
    /// Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code
    Enroll(EnrollArgs),
    /// Finish an enrollment started without a terminal, with a code from the new app
    Activate(OtpArgs),
}

#[derive(Debug, Args)]
pub struct EnrollArgs {
    /// Also write the QR code as a PNG file (created with mode 0600: it holds the seed)
    #[arg(long, value_name = "FILE")]
    pub qr_png: Option<std::path::PathBuf>,

    /// Code of the authenticator already enrolled (replacing one needs a step-up)
    #[arg(long, value_name = "CODE")]
    pub otp: Option<String>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SessionsArgs {
    #[command(subcommand)]
    pub command: Option<SessionsCommand>,

    #[command(flatten)]
    pub list: SessionsListArgs,
}

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// List tokens and elevations (the default)
    List(SessionsListArgs),
    /// Revoke sessions: by id, or all of a user's
    Revoke(SessionsRevokeArgs),
}

#[derive(Debug, Args, Default)]
pub struct SessionsListArgs {
    /// Whose sessions (admins only for other users)
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
}

#[derive(Debug, Args)]
pub struct SessionsRevokeArgs {
    /// Session ids (tok_… or elv_…) to revoke
    #[arg(value_name = "ID", required_unless_present_any = ["all", "all_except_current"])]
    pub ids: Vec<String>,

    /// Revoke every session of the user (yours by default, including this one)
    #[arg(long, conflicts_with_all = ["ids", "all_except_current"])]
    pub all: bool,

    /// Revoke every session of the user except the one making this request
    #[arg(long, conflicts_with = "ids")]
    pub all_except_current: bool,

    /// Whose sessions (another user's needs the admin role and a step-up)
    #[arg(long, value_name = "USER", conflicts_with = "ids")]
    pub user: Option<String>,

    /// Why (recorded in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub otp: OtpArgs,
}

impl EnrollArgs {
    pub fn settings(&self) -> crate::commands::auth::mfa_enroll::Settings {
        crate::commands::auth::mfa_enroll::Settings {
            qr_png: self.qr_png.clone(),
            otp: self.otp.clone(),
        }
    }
}

impl OtpArgs {
    pub fn settings(&self) -> crate::guard::OtpSource {
        crate::guard::OtpSource::new(self.otp.clone())
    }
}

impl SessionsListArgs {
    pub fn settings(&self) -> crate::commands::auth::sessions_list::Settings {
        crate::commands::auth::sessions_list::Settings {
            user: self.user.clone(),
        }
    }
}

impl SessionsRevokeArgs {
    pub fn settings(&self) -> crate::commands::auth::sessions_revoke::Settings {
        crate::commands::auth::sessions_revoke::Settings {
            ids: self.ids.clone(),
            all: self.all,
            all_except_current: self.all_except_current,
            user: self.user.clone(),
            reason: self.reason.clone(),
            otp: self.otp.otp.clone(),
        }
    }
}

impl LoginArgs {
    pub fn settings(&self) -> crate::commands::auth::login::Settings {
        crate::commands::auth::login::Settings {
            with_token: self.with_token,
        }
    }
}
