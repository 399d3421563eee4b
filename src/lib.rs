//! `mdm`: administer a fleet of managed devices through the mdm REST API, safely.
//!
//! The binary is a thin `main`; everything lives here so integration tests, benchmarks
//! and the sandbox share one implementation.

pub mod api;
pub mod app;
pub mod audit_chain;
pub mod auth;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod filter;
pub mod guard;
pub mod output;
pub mod policy;
pub mod profile;
pub mod sandbox;
pub mod timeutil;
pub mod totp;
pub mod ui;
pub mod validate;

use clap::Parser;
use std::process::ExitCode;

/// Parses the command line, runs the command, and maps the outcome to an exit code.
pub fn main_entry() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let app = app::App::new(cli.global.clone());
    match commands::run(&app, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            app.ui.error(&e);
            ExitCode::from(e.kind.code())
        }
    }
}
