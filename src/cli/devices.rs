use clap::{Args, Subcommand};

pub use mdm_model::domain::{Compliance, DeviceStatus, Platform};

#[derive(Debug, Subcommand)]
pub enum DevicesCommand {
    /// List devices (first page by default; --all streams the whole fleet)
    List(ListArgs),
    /// Show one device by id or serial
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only devices in this group
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// Only devices of this platform
    #[arg(long, value_enum)]
    pub platform: Option<Platform>,

    /// Only devices whose name, serial, model or owner contains TEXT
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// Only devices in this state
    #[arg(long, value_enum)]
    pub status: Option<DeviceStatus>,

    /// Only devices with this compliance state
    #[arg(long, value_enum)]
    pub compliance: Option<Compliance>,

    /// Only devices matching an expression (the same language as for actions), e.g.
    /// 'platform = ios and os_version < 17.4'
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,

    /// Show at most N devices
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<u32>,

    /// Follow every page: the whole (filtered) fleet, streamed
    #[arg(long)]
    pub all: bool,

    /// Comma-separated columns for table and CSV output (an unknown name lists them all)
    #[arg(long, value_name = "COLS", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,

    /// Show owner email and phone unmasked (the server records the read in its audit
    /// log; over its PII budget of devices per hour it asks for a step-up)
    #[arg(long)]
    pub show_pii: bool,

    /// One TOTP code (or MDM_OTP) for the step-up an unmasked read over the server's
    /// PII budget needs; otherwise a hidden prompt asks when it is needed
    #[arg(long, value_name = "CODE", requires = "show_pii")]
    pub otp: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Device id or serial number
    pub device: String,

    /// Show owner email and phone unmasked (the server records the read in its audit
    /// log; over its PII budget of devices per hour it asks for a step-up)
    #[arg(long)]
    pub show_pii: bool,

    /// One TOTP code (or MDM_OTP) for the step-up an unmasked read over the server's
    /// PII budget needs; otherwise a hidden prompt asks when it is needed
    #[arg(long, value_name = "CODE", requires = "show_pii")]
    pub otp: Option<String>,
}

impl ShowArgs {
    pub fn settings(&self) -> crate::commands::devices::show::Settings {
        crate::commands::devices::show::Settings {
            device: self.device.clone(),
            show_pii: self.show_pii,
            otp: crate::guard::OtpSource::new(self.otp.clone()),
        }
    }
}

impl ListArgs {
    pub fn settings(&self) -> crate::commands::devices::list::Settings {
        let a = self;
        crate::commands::devices::list::Settings {
            query: crate::api::DeviceQuery {
                group: a.group.clone(),
                platform: a.platform,
                status: a.status,
                compliance: a.compliance,
                search: a.search.clone(),
                filter: a.filter.clone(),
                show_pii: a.show_pii,
                limit: None,
                cursor: None,
            },
            limit: if a.all {
                None
            } else {
                Some(
                    a.limit
                        .unwrap_or(crate::commands::devices::list::DEFAULT_LIMIT),
                )
            },
            columns: a.columns.clone(),
            otp: crate::guard::OtpSource::new(a.otp.clone()),
        }
    }
}
