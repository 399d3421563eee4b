//! The clap types, and how each turns into the plain settings its command runs on
//! (`XArgs::settings()`, next to the type): commands never see a clap type, and `output`,
//! `ui` and `audit` keep plain enums that get clap's `ValueEnum` here. Nothing here talks
//! to the network or the disk, so the parser also serves completions and man pages.

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod action;
pub mod actions;
pub mod apps;
pub mod audit;
pub mod auth;
pub mod breakglass;
pub mod context;
pub mod devices;
pub mod enroll;
pub mod gateway;
pub mod groups;
pub mod incident;
pub mod policy;
pub mod push;
pub mod sandbox;

pub mod examples;

/// The environment variables mdm reads, documented once: `--help` of the root, every man
/// page's ENVIRONMENT section and the README's table are checked against this list.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "MDM_TOKEN",
        "automation credential, used as is and never stored; overrides the keyring",
    ),
    (
        "MDM_CONTEXT, MDM_OUTPUT",
        "defaults for --context, --output",
    ),
    (
        "MDM_CONFIG_DIR, MDM_STATE_DIR, MDM_DATA_DIR",
        "override the XDG/OS directories",
    ),
    (
        "MDM_KEYRING",
        "force a keyring: secret-service, keyutils (Linux), keychain, windows",
    ),
    (
        "MDM_KEYRING_SERVICE",
        "keyring service name (default mdm), to isolate several installs on one account",
    ),
    (
        "MDM_TIMEOUT",
        "request timeout in seconds (default 30; connect timeout 5)",
    ),
    (
        "MDM_OTP",
        "one TOTP code for a step-up (scripts); used once",
    ),
    (
        "NO_COLOR, CLICOLOR_FORCE",
        "never, or always, colour (as --color never, --color always)",
    ),
    (
        "COMPLETE",
        "set by the shell completion scripts (`mdm completions SHELL`) to ask mdm for candidates",
    ),
];

/// The files mdm reads and writes (never a secret in any of them).
pub const FILES: &[(&str, &str)] = &[
    (
        "$MDM_CONFIG_DIR/config.toml",
        "contexts: server URL, CA bundle path, default output, the user last logged in",
    ),
    (
        "$MDM_STATE_DIR/journal.jsonl",
        "the local, hash-chained journal of state-changing commands (mdm audit journal)",
    ),
    (
        "$MDM_STATE_DIR/audit/CONTEXT-HASH.json",
        "the audit checkpoints this machine has seen, per context and server (tampering shows)",
    ),
    (
        "$MDM_STATE_DIR/sandbox.json, sandbox-urls.json, sandbox.log",
        "the running sandbox's pid and URL, the URLs it ran at, and its log",
    ),
    (
        "$MDM_DATA_DIR/sandbox/mdm.sqlite3",
        "the sandbox's database (mdm sandbox down --purge deletes it)",
    ),
    (
        "OS keyring, service mdm",
        "tokens and elevations (token:CONTEXT@URL, elevation:CONTEXT@URL), HEC tokens",
    ),
];

/// `Exit codes: 0 ok, 1 failure, …` from the one table.
fn exit_codes_line() -> String {
    let codes: Vec<String> = crate::error::EXIT_CODES
        .iter()
        .map(|(c, what)| format!("{c} {what}"))
        .collect();
    format!("Exit codes: {}.", codes.join(", "))
}

/// The command line as parsed and documented: the derive, plus every command's
/// examples in its long help, the exit codes and environment on the root, and the
/// dynamic completers. `main_entry`, the man pages and the completion scripts use it.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let root = Cli::command()
        .after_help(exit_codes_line())
        .after_long_help(format!(
            "{}\n\nEnvironment:\n{}",
            exit_codes_line(),
            ENVIRONMENT
                .iter()
                .map(|(k, v)| format!("  {k}\n      {v}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    crate::completion::attach(with_examples(root, ""))
}

/// A long example broken before its flags with shell continuations (` \\`), never
/// inside a quoted argument, so help text wrapping cannot split it mid-word.
pub fn fold(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            None if c == '\'' || c == '"' => quote = Some(c),
            _ => {}
        }
        let flag_starts = quote.is_none() && c == ' ' && chars.get(i + 1) == Some(&'-');
        if flag_starts && current.chars().count() > width / 2 {
            let rest: String = chars[i..].iter().collect();
            if current.chars().count() + rest.chars().count() > width {
                out.push_str(&current);
                out.push_str(" \\\n      ");
                current.clear();
                continue;
            }
        }
        current.push(c);
    }
    out.push_str(&current);
    out
}

fn with_examples(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some((_, list)) = examples::EXAMPLES.iter().find(|(p, _)| *p == path) {
        let text = list
            .iter()
            .map(|(line, what)| format!("  # {what}\n  {}", fold(line, 90)))
            .collect::<Vec<_>>()
            .join("\n\n");
        cmd = cmd.after_long_help(format!("Examples:\n{text}"));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        let sub_path = if path.is_empty() {
            s.clone()
        } else {
            format!("{path} {s}")
        };
        cmd = cmd.mut_subcommand(&s, |sc| with_examples(sc, &sub_path));
    }
    cmd
}

#[derive(Debug, Parser)]
#[command(
    name = "mdm",
    version,
    about = "Run a fleet of managed devices through the mdm REST API, safely",
    long_about = "Run a fleet of managed phones, tablets and laptops through the mdm REST API.\n\n\
        Credentials live in the OS keyring; destructive and fleet-wide actions need a \
        server-verified MFA step-up and a typed confirmation naming the blast radius.",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

impl GlobalArgs {
    /// For shell completion: no prompts, nothing on stderr.
    pub fn quiet_for_completion() -> GlobalArgs {
        GlobalArgs {
            context: None,
            output: None,
            no_input: true,
            color: ColorChoice::Never,
            quiet: 2,
            verbose: 0,
        }
    }
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Context (server + credential) to use instead of the current one
    #[arg(
        short = 'c',
        long,
        global = true,
        help_heading = "Global options",
        env = "MDM_CONTEXT",
        value_name = "NAME"
    )]
    pub context: Option<String>,

    /// Output format for data on stdout
    #[arg(
        short = 'o',
        long,
        global = true,
        help_heading = "Global options",
        env = "MDM_OUTPUT",
        value_enum
    )]
    pub output: Option<OutputFormat>,

    /// Never prompt; fail with exit code 3 where a prompt would be needed
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_input: bool,

    /// When to use colour on stderr and in tables
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print less on stderr (errors are always printed)
    #[arg(short = 'q', long, global = true, help_heading = "Global options", action = clap::ArgAction::Count, conflicts_with = "verbose")]
    pub quiet: u8,

    /// Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers
    #[arg(short = 'v', long, global = true, help_heading = "Global options", action = clap::ArgAction::Count)]
    pub verbose: u8,
}

pub use crate::audit::formats::Format as SiemFormat;
pub use crate::output::OutputFormat;
pub use crate::ui::ColorChoice;

/// Gives a plain enum of another module clap's `ValueEnum`, so `output`, `ui` and
/// `audit` stay free of clap while flags still take their values directly.
macro_rules! value_enum {
    ($ty:ty { $($variant:ident = $name:literal $(: $help:literal)?),+ $(,)? }) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(<$ty>::$variant),+]
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(match self {
                    $(<$ty>::$variant => clap::builder::PossibleValue::new($name)$(.help($help))?),+
                })
            }
        }
    };
}

value_enum!(OutputFormat {
    Table = "table",
    Json = "json",
    Jsonl = "jsonl",
    Csv = "csv",
    Yaml = "yaml",
    Md = "md": "Markdown (tables, and documents such as `incident report`)",
});

value_enum!(ColorChoice {
    Auto = "auto",
    Always = "always",
    Never = "never",
});

/// A value parser for a model enum under kebab-case spellings (`pending-approval`):
/// the model's own `ValueEnum` uses its wire names, these flags kept clap's defaults.
pub fn kebab_names<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser as _;
    let spell = move |v: T| name(v).replace('_', "-");
    clap::builder::PossibleValuesParser::new(all.iter().map(move |v| spell(*v))).map(
        move |typed: String| {
            *all.iter()
                .find(|v| spell(**v) == typed)
                .expect("clap only passes listed values")
        },
    )
}

value_enum!(SiemFormat {
    Jsonl = "jsonl",
    Cef = "cef",
    Ecs = "ecs",
    Ocsf = "ocsf",
    Syslog = "syslog",
});

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the embedded sandbox MDM server (a real server with a simulated fleet)
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),

    /// Run the gateway: API v1 with its safety gates in front of a real MDM (--config FILE)
    #[command(subcommand)]
    Gateway(gateway::GatewayCommand),

    /// Manage contexts: which server to talk to and how
    #[command(subcommand)]
    Context(context::ContextCommand),

    /// Log in and out, and show who you are
    #[command(subcommand)]
    Auth(auth::AuthCommand),

    /// List and inspect managed devices
    #[command(subcommand)]
    Devices(devices::DevicesCommand),

    /// List and inspect device groups
    #[command(subcommand)]
    Groups(groups::GroupsCommand),

    /// Enroll devices: tokens with QR codes, one by one or from a CSV file
    #[command(subcommand)]
    Enroll(enroll::EnrollCommand),

    /// The trusted app catalog: only apps with a pinned hash can be pushed
    #[command(subcommand)]
    Apps(apps::AppsCommand),

    /// Push apps, profiles and commands (several devices: step-up and typed confirmation)
    #[command(subcommand)]
    Push(push::PushCommand),

    /// Security policy as code: validate, diff, apply; weakenings need a step-up
    #[command(subcommand)]
    Policy(policy::PolicyCommand),

    /// The audit trail: query, follow, export to SIEMs, forward, verify, local journal
    #[command(subcommand)]
    Audit(audit::AuditCommand),

    /// Erase devices (step-up and typed confirmation; large wipes need a second admin)
    Wipe(action::WipeArgs),

    /// Lock devices, optionally with a message and a callback number
    Lock(action::LockArgs),

    /// Unlock devices
    Unlock(action::PlainActionArgs),

    /// Retire devices: remove management and corporate data, keep personal data
    Retire(action::PlainActionArgs),

    /// Follow, inspect and cancel actions
    #[command(subcommand)]
    Actions(actions::ActionsCommand),

    /// Approve or reject actions that need a second admin (two-person rule)
    #[command(subcommand)]
    Approvals(actions::ApprovalsCommand),

    /// Time-boxed emergency admin access for a sealed break-glass user
    #[command(subcommand)]
    Breakglass(breakglass::BreakglassCommand),

    /// Contain a compromise: freeze changes, revoke sessions, rotate enrollment, report
    #[command(subcommand)]
    Incident(incident::IncidentCommand),

    /// Print a shell completion script to stdout
    Completions(CompletionsArgs),

    /// Write man pages (one per command) into a directory
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Directory to write the pages into (created if missing)
    #[arg(value_name = "DIR")]
    pub dir: std::path::PathBuf,
}
