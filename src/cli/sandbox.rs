use clap::{Args, Subcommand};

pub use mdm_model::domain::Role;

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Start the sandbox in the background, create the `sandbox` context and log in
    Up(UpArgs),
    /// Stop the background sandbox (its data is kept)
    Down(DownArgs),
    /// Show whether the background sandbox is running, and where
    Status,
    /// Run the sandbox server in the foreground and print its address
    Serve(ServeArgs),
    /// Manage sandbox users (local administration of the sandbox database)
    #[command(subcommand)]
    User(SandboxUserCommand),
    /// Print a current TOTP code for a sandbox user (a demo and test convenience)
    Otp(OtpArgs),
    /// Play a device that enrolls with a token (the sandbox's device simulator)
    EnrollDevice(EnrollDeviceArgs),
}

#[derive(Debug, Args)]
pub struct EnrollDeviceArgs {
    /// The enrollment token, the URL shown by `enroll create`, or - to read either from stdin
    pub token: String,

    /// The device's platform (default: the token's, else ios)
    #[arg(long, value_enum)]
    pub platform: Option<super::enroll::Platform>,

    /// The device's name
    #[arg(long)]
    pub name: Option<String>,

    /// The device's serial number
    #[arg(long)]
    pub serial: Option<String>,
}

#[derive(Debug, Args)]
pub struct OtpArgs {
    /// Sandbox user (default: the context's user)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Directory of the sandbox database (default: <data dir>/sandbox)
    #[arg(long, value_name = "DIR")]
    pub db_dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct UpArgs {
    /// TCP port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// Number of simulated devices to seed on first start
    #[arg(long, default_value_t = 250)]
    pub devices: u32,

    /// Name of the context to create or update
    #[arg(long = "name", default_value = "sandbox", value_name = "CONTEXT")]
    pub context_name: String,
}

#[derive(Debug, Args)]
pub struct DownArgs {
    /// Also delete the sandbox database
    #[arg(long)]
    pub purge: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// TCP port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// Number of simulated devices to seed on first start
    #[arg(long, default_value_t = 250)]
    pub devices: u32,

    /// Seed for the synthetic fleet (same seed, same fleet)
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// Milliseconds between simulator ticks (0 disables the simulator)
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    pub tick_ms: u64,

    /// Directory for the SQLite database (default: <data dir>/sandbox)
    #[arg(long, value_name = "DIR")]
    pub db_dir: Option<std::path::PathBuf>,

    /// Keep the sandbox in PostgreSQL instead (postgres://user@host:port/db): several
    /// `sandbox serve` on one URL and one --db-dir are replicas of one gateway
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,

    /// A file holding the PostgreSQL password, readable only by you
    #[arg(long, value_name = "FILE", requires = "database")]
    pub database_password_file: Option<std::path::PathBuf>,

    /// Lifetime of an elevation after step-up (at most 5m)
    #[arg(long, default_value = "5m", value_name = "DURATION")]
    pub elevation_ttl: String,

    /// How long step-up is locked after 5 wrong codes in a row
    #[arg(long, default_value = "5m", value_name = "DURATION")]
    pub stepup_lockout: String,

    /// Wipes/retires of more devices than this need a second admin's approval
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub approval_threshold: u64,

    /// Pushes to more devices than this need a second admin's approval
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub push_approval_threshold: u64,

    /// A target covering at least this percentage of the active fleet is fleet-wide
    /// (a reason and a second admin's approval), whatever its selector
    #[arg(long, default_value_t = 50, value_name = "PERCENT")]
    pub fleet_share_percent: u32,

    /// After this many single-device pushes or wipes/retires by one user in an hour, the
    /// next needs a step-up (budgets: devices wiped/retired or pushed to per user per hour
    /// also count toward the approval thresholds)
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub single_action_budget: u64,

    /// The PII guard: unmasking owner email and phone for more than this many devices
    /// per user per hour needs a step-up and alerts the webhook (0: every unmasked read
    /// needs a step-up; at most 10000)
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub pii_budget: u64,

    /// How long a request waits for its approval before it expires
    #[arg(long, default_value = "1h", value_name = "DURATION")]
    pub approval_ttl: String,

    /// Percentage of device commands the simulator fails
    #[arg(long, default_value_t = 2.0, value_name = "PERCENT")]
    pub fail_percent: f64,

    /// Percentage of the seeded fleet that starts offline (and of random drop-outs)
    #[arg(long, default_value_t = 15, value_name = "PERCENT")]
    pub offline_percent: u32,

    /// Webhook that is told about every break-glass activation (https://, or http:// to
    /// loopback); the JSON has a `text` field, as chat webhooks expect
    #[arg(long, value_name = "URL")]
    pub alert_webhook: Option<String>,

    /// Seed the starter policies (one baseline per platform, as `mdm policy init`
    /// writes them) on first start; `sandbox up` does
    #[arg(long)]
    pub baseline_policies: bool,

    /// Benchmark-only: N synthetic audit events appended on first start
    #[arg(long, hide = true, default_value_t = 0, value_name = "N")]
    pub seed_audit: u64,

    /// Test-only fault injection (drop-next-action-response, stall-after-submits=N)
    #[arg(long, hide = true, value_name = "FAULT")]
    pub fault: Option<String>,

    /// Test-only: serve the `/_test/…` hooks (server clock, simulator step, fixtures)
    #[arg(long, hide = true)]
    pub test_hooks: bool,
}

#[derive(Debug, Subcommand)]
pub enum SandboxUserCommand {
    /// Create a sandbox user and print its token once
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// User name (letters, digits, `.`, `_`, `-`, `@`)
    pub name: String,

    /// Role of the new user
    #[arg(long, value_enum)]
    pub role: Role,

    /// Let the token expire after this long (e.g. 30d); default: no expiry
    #[arg(long, value_name = "DURATION")]
    pub expires: Option<String>,

    /// Log the new user in: add context CONTEXT for the running sandbox and store the
    /// token in the OS keyring (it is not printed); `-c CONTEXT` then acts as them
    #[arg(long, value_name = "CONTEXT")]
    pub login: Option<String>,

    /// Directory of the sandbox database (default: <data dir>/sandbox)
    #[arg(long, value_name = "DIR")]
    pub db_dir: Option<std::path::PathBuf>,
}

impl UpArgs {
    pub fn settings(&self) -> crate::commands::sandbox::up::Settings {
        crate::commands::sandbox::up::Settings {
            port: self.port,
            devices: self.devices,
            context_name: self.context_name.clone(),
        }
    }
}

impl DownArgs {
    pub fn settings(&self) -> crate::commands::sandbox::down::Settings {
        crate::commands::sandbox::down::Settings { purge: self.purge }
    }
}

impl EnrollDeviceArgs {
    pub fn settings(&self) -> crate::commands::sandbox::enroll_device::Settings {
        crate::commands::sandbox::enroll_device::Settings {
            token: self.token.clone(),
            platform: self.platform,
            name: self.name.clone(),
            serial: self.serial.clone(),
        }
    }
}

impl UserAddArgs {
    pub fn settings(&self) -> crate::commands::sandbox::user_add::Settings {
        crate::commands::sandbox::user_add::Settings {
            name: self.name.clone(),
            role: self.role,
            expires: self.expires.clone(),
            login: self.login.clone(),
            db_dir: self.db_dir.clone(),
        }
    }
}

impl ServeArgs {
    pub fn settings(&self) -> crate::commands::sandbox::serve::Settings {
        crate::commands::sandbox::serve::Settings {
            port: self.port,
            devices: self.devices,
            seed: self.seed,
            tick_ms: self.tick_ms,
            db_dir: self.db_dir.clone(),
            database: self.database.clone(),
            database_password_file: self.database_password_file.clone(),
            elevation_ttl: self.elevation_ttl.clone(),
            stepup_lockout: self.stepup_lockout.clone(),
            approval_threshold: self.approval_threshold,
            push_approval_threshold: self.push_approval_threshold,
            fleet_share_percent: self.fleet_share_percent,
            single_action_budget: self.single_action_budget,
            pii_budget: self.pii_budget,
            approval_ttl: self.approval_ttl.clone(),
            fail_percent: self.fail_percent,
            offline_percent: self.offline_percent,
            alert_webhook: self.alert_webhook.clone(),
            seed_audit: self.seed_audit,
            baseline_policies: self.baseline_policies,
            fault: self.fault.clone(),
            test_hooks: self.test_hooks,
        }
    }
}

impl OtpArgs {
    pub fn settings(&self) -> crate::commands::sandbox::otp::Settings {
        crate::commands::sandbox::otp::Settings {
            user: self.user.clone(),
            db_dir: self.db_dir.clone(),
        }
    }
}
