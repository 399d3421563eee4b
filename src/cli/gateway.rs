use clap::{Args, Subcommand};

pub use mdm_model::domain::Role;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum GatewayCommand {
    /// Run the gateway in the foreground (API v1 in front of the configured backend) and
    /// print its address
    Serve(GatewayServeArgs),
    /// Validate the config, read its secrets and try the backend; changes nothing
    Check(GatewayCheckArgs),
    /// Manage gateway users (local administration of the gateway's database)
    #[command(subcommand)]
    User(GatewayUserCommand),
}

#[derive(Debug, Args)]
pub struct GatewayServeArgs {
    /// The gateway's config file (TOML; see README: The gateway)
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
}

#[derive(Debug, Args)]
pub struct GatewayCheckArgs {
    /// The gateway's config file (TOML; see README: The gateway)
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum GatewayUserCommand {
    /// Create a gateway user and print its token and authenticator URI once
    Add(GatewayUserAddArgs),
}

#[derive(Debug, Args)]
pub struct GatewayUserAddArgs {
    /// User name (letters, digits, `.`, `_`, `-`, `@`)
    pub name: String,

    /// Role of the new user
    #[arg(long, value_enum)]
    pub role: Role,

    /// Let the token expire after this long (e.g. 30d); default: no expiry
    #[arg(long, value_name = "DURATION")]
    pub expires: Option<String>,

    /// The gateway's config file (its `database` is where the user is created)
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
}

impl GatewayServeArgs {
    pub fn settings(&self) -> crate::commands::gateway::serve::Settings {
        crate::commands::gateway::serve::Settings {
            config: self.config.clone(),
        }
    }
}

impl GatewayCheckArgs {
    pub fn settings(&self) -> crate::commands::gateway::check::Settings {
        crate::commands::gateway::check::Settings {
            config: self.config.clone(),
        }
    }
}

impl GatewayUserAddArgs {
    pub fn settings(&self) -> crate::commands::gateway::user_add::Settings {
        crate::commands::gateway::user_add::Settings {
            name: self.name.clone(),
            role: self.role,
            expires: self.expires.clone(),
            config: self.config.clone(),
        }
    }
}
