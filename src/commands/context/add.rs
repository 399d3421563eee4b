use crate::api::url::validate_server_url;
use crate::app::Factory;
use crate::commands::attempt;
use crate::config::{ContextConfig, validate_context_name};
use crate::error::{Error, Result};
use crate::outcome::Outcome;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub server: String,
    pub ca_bundle: Option<std::path::PathBuf>,
    pub default_output: Option<crate::output::OutputFormat>,
    pub force: bool,
    pub make_current: bool,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    validate_context_name(&args.name)?;
    let server = validate_server_url(&args.server)?;
    let ca_bundle = match &args.ca_bundle {
        Some(p) => Some(std::fs::canonicalize(p).map_err(|e| {
            Error::usage(format!("cannot use CA bundle {}", p.display())).with_source(&e)
        })?),
        None => None,
    };
    let mut config = app.load_config()?;
    if let Some(existing) = config.contexts.get(&args.name)
        && !args.force
    {
        return Err(Error::usage(format!(
            "context {:?} already exists (server {})",
            args.name, existing.server
        ))
        .with_hint("use --force to replace it, or pick another name"));
    }
    let mut ctx = ContextConfig::new(server.clone());
    ctx.ca_bundle = ca_bundle;
    ctx.default_output = args.default_output;
    if let Some(old) = config.contexts.get(&args.name)
        && old.server == server
    {
        // Same server: keep what we learned about it.
        ctx.user = old.user.clone();
        ctx.sandbox = old.sandbox;
    }
    config.contexts.insert(args.name.clone(), ctx);
    let make_current = args.make_current || config.current_context.is_none();
    if make_current {
        config.current_context = Some(args.name.clone());
    }
    app.save_config(&config)?;
    app.ui.success(&format!(
        "Added context {} → {}{}",
        args.name,
        server,
        if make_current { " (current)" } else { "" }
    ));
    app.ui.hint(&format!(
        "log in with `mdm auth login --context {}`",
        args.name
    ));
    Ok(())
}
