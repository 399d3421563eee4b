use crate::app::Factory;
use crate::error::{Error, Result};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub user: Option<String>,
    pub db_dir: Option<std::path::PathBuf>,
}

/// Prints a code the sandbox will accept now. Refused unless the selected context is
/// this very sandbox (checked against the server's instance id): a real deployment's
/// seeds are never within reach of the CLI.
pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let mut ctx = app.ctx()?;
    // `context use prod` and then `sandbox otp`: without an explicit context, a
    // current context that is not the sandbox's gives way to the sandbox's own.
    if app.global.context.is_none()
        && !ctx.config.sandbox
        && let Some(st) = super::load_state(app.dirs()?)?
    {
        let config = app.load_config()?;
        if let Some((name, c)) = config
            .contexts
            .iter()
            .find(|(_, c)| c.sandbox && c.server == st.url)
        {
            app.ui.info(&format!(
                "using context {name} (the running sandbox); the current context {} is not the sandbox",
                ctx.name
            ));
            ctx = crate::app::Ctx {
                name: name.clone(),
                config: c.clone(),
            };
        }
    }
    let dir = match &args.db_dir {
        Some(d) => d.clone(),
        None => app.dirs()?.sandbox_db_dir(),
    };
    let not_sandbox = |ctx: &crate::app::Ctx| {
        Error::usage(format!(
            "refused: context {} ({}) is not the local sandbox",
            ctx.name, ctx.config.server
        ))
        .with_hint("`mdm sandbox otp` is a sandbox convenience; use your authenticator app for real servers")
    };
    let Some(health) = super::healthy(app, &ctx.config.server, None) else {
        if !ctx.config.sandbox {
            return Err(not_sandbox(&ctx));
        }
        return Err(Error::failure(format!(
            "cannot reach {} to check that it is the sandbox",
            ctx.config.server
        ))
        .with_hint("start it with `mdm sandbox up`"));
    };
    let db = mdm_server::local::open_existing(&dir)?;
    let instance = mdm_server::local::instance_id(&db)?;
    if !health.sandbox || health.instance_id != instance {
        return Err(not_sandbox(&ctx));
    }
    let user = args
        .user
        .clone()
        .or_else(|| ctx.config.user.clone())
        .unwrap_or_else(|| mdm_server::BOOTSTRAP_USER.to_string());
    let (code, valid) = mdm_server::local::current_code(&db, &user)?;
    println!("{code}");
    app.ui.info(&format!(
        "sandbox only: TOTP code for {user}, valid for about {valid} s (a real server has no such command)"
    ));
    Ok(())
}
