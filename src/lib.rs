//! `mdm`: administer a fleet of managed devices through the mdm REST API, safely.
//!
//! The binary is a thin `main`; the CLI lives here so integration tests and benchmarks
//! drive the same code. The server is `mdm-server`, the shared model `mdm-model`.

pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod commands;
pub mod completion;
pub mod config;
pub mod error;
pub mod guard;
pub mod outcome;
pub mod output;
pub mod timeutil;
pub mod ui;

use clap::FromArgMatches;
use std::process::ExitCode;

/// Parses the command line, runs the command, and maps the outcome to an exit code.
pub fn main_entry() -> ExitCode {
    // `COMPLETE=bash mdm …` (the completion scripts) answers here and exits.
    clap_complete::CompleteEnv::with_factory(cli::command)
        .completer("mdm")
        .complete();
    let parsed = cli::command()
        .try_get_matches()
        .and_then(|m| cli::Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let app = app::Factory::new(cli.global.clone());
    // Lossy: a non-UTF-8 path argument must not panic here after clap accepted it.
    let argv: Vec<String> = std::env::args_os()
        .enumerate()
        .map(|(i, a)| {
            let p = std::path::PathBuf::from(&a);
            match (i, p.file_name()) {
                (0, Some(name)) => name.to_string_lossy().into_owned(),
                _ => a.to_string_lossy().into_owned(),
            }
        })
        .collect();
    let result = commands::run(&app, cli.command);
    // The command's own result says whether it changed (or tried to change) anything.
    let change = match &result {
        Ok(outcome) => outcome.change().cloned(),
        Err(e) => e.change.clone().map(|c| {
            let request_id = e.request_id.clone();
            c.request(request_id)
        }),
    };
    if let Some(change) = change {
        journal(&app, &argv, change, &result);
    }
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            app.ui.error(&e);
            ExitCode::from(e.kind.code())
        }
    }
}

/// Appends the command to the local journal; a journal problem never fails the command.
fn journal(
    app: &app::Factory,
    argv: &[String],
    change: outcome::Change,
    result: &error::Result<outcome::Outcome>,
) {
    let Ok(dirs) = app.dirs() else { return };
    let ctx = app.ctx().ok();
    let (outcome, code) = match result {
        Ok(_) => ("success".to_string(), 0),
        Err(e) => (e.message.clone(), e.kind.code()),
    };
    let entry = audit::journal::Entry {
        seq: 0,
        time: mdm_model::time::now_rfc3339(),
        context: ctx.as_ref().map(|c| c.name.clone()),
        server: ctx.as_ref().map(|c| c.config.server.clone()),
        user: ctx.as_ref().and_then(|c| c.config.user.clone()),
        argv: audit::journal::redact(argv),
        target_count: change.target_count,
        action_id: change.action_id,
        request_id: change.request_id,
        outcome,
        exit_code: code,
        prev_hash: String::new(),
        hash: String::new(),
    };
    if let Err(e) = audit::journal::append(dirs, entry) {
        app.ui
            .warn(&format!("could not write the local journal: {}", e.message));
    }
}
