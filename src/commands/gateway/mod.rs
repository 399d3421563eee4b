//! `mdm gateway …`: run the gateway from its config file, check the config, and
//! administer its users locally. The sandbox (`mdm sandbox serve`) is the same server
//! with a config made from its flags; both start through `serve::start`.

pub mod check;
pub mod serve;
pub mod user_add;

use crate::app::Factory;
use crate::cli::gateway::{GatewayCommand, GatewayUserCommand};
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;
use std::path::Path;

pub fn run(app: &Factory, cmd: GatewayCommand) -> Result<Outcome> {
    match cmd {
        GatewayCommand::Serve(a) => read(serve::run(app, &a.settings())),
        GatewayCommand::Check(a) => read(check::run(app, &a.settings())),
        GatewayCommand::User(GatewayUserCommand::Add(a)) => user_add::run(app, &a.settings()),
    }
}

/// Reads and resolves the config file (secrets included): config errors exit 2.
pub fn load(path: &Path) -> Result<mdm_server::gateway::GatewayConfig> {
    Ok(mdm_server::gateway::config::load(path)?)
}
