use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Query the server's audit log (and --follow new events)
    Log(LogArgs),
    /// Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)
    Export(ExportArgs),
    /// Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once
    Forward(ForwardArgs),
    /// Check the hash chain, every signed checkpoint, and the checkpoints pinned here
    Verify,
    /// Show (or --verify) this CLI's own hash-chained journal of mutating commands
    Journal(JournalArgs),
}

#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only events at or after this time (RFC 3339, or an age such as 24h, 7d)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Only events at or before this time (RFC 3339, or an age)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,

    /// Only events by this actor
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,

    /// Only this action (exact, or a prefix ending in *, e.g. 'policy.*')
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,

    /// Only this outcome (success, failure, ...)
    #[arg(long, value_name = "OUTCOME")]
    pub outcome: Option<String>,

    /// Only events about this device id
    #[arg(long, value_name = "ID")]
    pub device: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Show the newest N matching events, printed oldest first; a note on stderr says
    /// when more matched
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: u32,

    /// Show every matching event, oldest first (instead of the newest --limit)
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    /// Keep printing new events until Ctrl-C (resumes after dropped connections)
    #[arg(long, short = 'f')]
    pub follow: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: crate::audit::formats::Format,

    /// Only events with an id above this one
    #[arg(long, default_value_t = 0, value_name = "ID")]
    pub after: i64,

    /// Only events at or after this time (RFC 3339, or an age such as 24h)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Only events at or before this time
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct ForwardArgs {
    /// syslog+tcp://HOST:PORT, syslog+udp://HOST:PORT, syslog+tls://HOST:PORT or hec+https://HOST/services/collector/event
    #[arg(long, value_name = "URL")]
    pub to: String,

    /// Events per batch
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub batch: u32,

    /// Where to start the first time (later runs resume where they stopped): an event id
    #[arg(long, value_name = "ID", conflicts_with = "from_now")]
    pub from: Option<i64>,

    /// Start the first time with events that happen from now on (skip the history)
    #[arg(long)]
    pub from_now: bool,

    /// PEM file with CA certificates for syslog+tls or HEC
    #[arg(long, value_name = "FILE")]
    pub ca_bundle: Option<std::path::PathBuf>,

    /// Read the HEC token from stdin and store it in the OS keyring for this destination, then exit
    #[arg(long)]
    pub set_token: bool,

    /// Remove the stored HEC token for this destination from the OS keyring, then exit
    #[arg(long, conflicts_with = "set_token")]
    pub unset_token: bool,

    /// Exit once caught up and no new event arrived for this long (for cron and tests)
    #[arg(long, value_name = "DURATION")]
    pub exit_when_idle: Option<String>,
}

#[derive(Debug, Args)]
pub struct JournalArgs {
    /// Check the chain instead of listing entries
    #[arg(long)]
    pub verify: bool,
}

impl ForwardArgs {
    pub fn settings(&self) -> crate::commands::audit::forward::Settings {
        crate::commands::audit::forward::Settings {
            to: self.to.clone(),
            batch: self.batch,
            from: self.from,
            from_now: self.from_now,
            ca_bundle: self.ca_bundle.clone(),
            set_token: self.set_token,
            unset_token: self.unset_token,
            exit_when_idle: self.exit_when_idle.clone(),
        }
    }
}

impl LogArgs {
    pub fn settings(&self) -> crate::commands::audit::log::Settings {
        crate::commands::audit::log::Settings {
            filter: self.filter.settings(),
            limit: (!self.all).then_some(self.limit),
            follow: self.follow,
        }
    }
}

impl ExportArgs {
    pub fn settings(&self) -> crate::commands::audit::export::Settings {
        crate::commands::audit::export::Settings {
            format: self.format,
            after: self.after,
            since: self.since.clone(),
            until: self.until.clone(),
        }
    }
}

impl FilterArgs {
    pub fn settings(&self) -> crate::commands::audit::log::EventFilter {
        crate::commands::audit::log::EventFilter {
            since: self.since.clone(),
            until: self.until.clone(),
            actor: self.actor.clone(),
            action: self.action.clone(),
            outcome: self.outcome.clone(),
            device: self.device.clone(),
        }
    }
}
