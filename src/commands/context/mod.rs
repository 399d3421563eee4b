//! `mdm context …`: which server to talk to. Contexts hold no secrets.

pub mod add;
pub mod list;
pub mod remove;
pub mod show;
pub mod use_;

use crate::app::Factory;
use crate::cli::context::ContextCommand;
use crate::commands::read;
use crate::config::ContextConfig;
use crate::error::Result;
use crate::outcome::Outcome;
use crate::output::Record;
use serde::Serialize;

pub fn run(app: &Factory, cmd: ContextCommand) -> Result<Outcome> {
    match cmd {
        ContextCommand::Add(a) => add::run(app, &a.settings()),
        ContextCommand::List => read(list::run(app)),
        ContextCommand::Use(a) => use_::run(app, &a.name),
        ContextCommand::Show(a) => read(show::run(app, a.name.as_deref())),
        ContextCommand::Remove(a) => remove::run(app, &a.name, a.force),
    }
}

/// A context as printed by `list` and `show`.
#[derive(Debug, Serialize)]
pub struct ContextRow {
    pub name: String,
    pub current: bool,
    pub server: String,
    pub provider: String,
    pub ca_bundle: Option<String>,
    pub default_output: Option<String>,
    pub sandbox: bool,
    pub user: Option<String>,
}

impl ContextRow {
    pub fn new(name: &str, cfg: &ContextConfig, current: bool) -> Self {
        ContextRow {
            name: name.to_string(),
            current,
            server: cfg.server.clone(),
            provider: cfg.provider.clone(),
            ca_bundle: cfg.ca_bundle.as_ref().map(|p| p.display().to_string()),
            default_output: cfg.default_output.map(|o| {
                serde_json::to_value(o)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            }),
            sandbox: cfg.sandbox,
            user: cfg.user.clone(),
        }
    }
}

impl Record for ContextRow {
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "current",
        "server",
        "provider",
        "ca_bundle",
        "default_output",
        "sandbox",
        "user",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &["current", "name", "server", "user"];

    fn cell(&self, column: &str, human: bool) -> String {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        match column {
            "name" => self.name.clone(),
            "current" if human => {
                if self.current {
                    "*".into()
                } else {
                    String::new()
                }
            }
            "current" => self.current.to_string(),
            "server" => self.server.clone(),
            "provider" => self.provider.clone(),
            "ca_bundle" => opt(&self.ca_bundle),
            "default_output" => opt(&self.default_output),
            "sandbox" => self.sandbox.to_string(),
            "user" => opt(&self.user),
            _ => String::new(),
        }
    }
}
