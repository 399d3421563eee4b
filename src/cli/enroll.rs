use clap::{Args, Subcommand};

pub use crate::api::EnrollmentStatus;
pub use mdm_model::domain::Platform;

#[derive(Debug, Subcommand)]
pub enum EnrollCommand {
    /// Create an enrollment token for a user: URL, token and a QR code, shown once
    Create(CreateArgs),
    /// List enrollment tokens (never the tokens themselves)
    List(ListArgs),
    /// Revoke an enrollment token, or every one that could still enroll a device
    Revoke(RevokeArgs),
    /// Create tokens for every row of a CSV file (columns: email, platform, group)
    Bulk(BulkArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Email of the person whose device will enroll
    #[arg(long, value_name = "EMAIL")]
    pub user: String,

    /// Only a device of this platform may use the token
    #[arg(long, value_enum)]
    pub platform: Option<Platform>,

    /// Put the enrolled device in this group
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// Lifetime of the token (at most 90d)
    #[arg(long, default_value = "7d", value_name = "DURATION")]
    pub expires: String,

    /// How many devices may enroll with it
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub uses: u32,

    /// Also write the QR code as a PNG file (created with mode 0600: it holds the token)
    #[arg(long, value_name = "FILE")]
    pub qr_png: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only tokens in this state
    #[arg(long, value_enum)]
    pub status: Option<EnrollmentStatus>,

    /// Show at most N tokens
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: u32,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Enrollment id (enr_…)
    #[arg(required_unless_present = "all_unused", conflicts_with = "all_unused")]
    pub id: Option<String>,

    /// Revoke every token that could still enroll a device
    #[arg(long)]
    pub all_unused: bool,

    /// Why (recorded in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct BulkArgs {
    /// CSV file with a header row: email (or user), and optionally platform and group
    pub file: std::path::PathBuf,

    /// Check every row and report problems; create nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Create the valid rows even if some are invalid (by default nothing is created)
    #[arg(long)]
    pub skip_invalid: bool,

    /// Write the results (user, token, url, expires_at) to this file, created with mode 0600
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,

    /// Lifetime of the tokens (at most 90d)
    #[arg(long, default_value = "7d", value_name = "DURATION")]
    pub expires: String,

    /// How many devices may enroll with each token
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub uses: u32,
}

impl CreateArgs {
    pub fn settings(&self) -> crate::commands::enroll::create::Settings {
        crate::commands::enroll::create::Settings {
            user: self.user.clone(),
            platform: self.platform,
            group: self.group.clone(),
            expires: self.expires.clone(),
            uses: self.uses,
            qr_png: self.qr_png.clone(),
        }
    }
}

impl RevokeArgs {
    pub fn settings(&self) -> crate::commands::enroll::revoke::Settings {
        crate::commands::enroll::revoke::Settings {
            id: self.id.clone(),
            all_unused: self.all_unused,
            reason: self.reason.clone(),
        }
    }
}

impl ListArgs {
    pub fn settings(&self) -> crate::commands::enroll::list::Settings {
        crate::commands::enroll::list::Settings {
            status: self.status,
            limit: self.limit,
        }
    }
}

impl BulkArgs {
    pub fn settings(&self) -> crate::commands::enroll::bulk::Settings {
        crate::commands::enroll::bulk::Settings {
            file: self.file.clone(),
            dry_run: self.dry_run,
            skip_invalid: self.skip_invalid,
            out: self.out.clone(),
            expires: self.expires.clone(),
            uses: self.uses,
        }
    }
}
