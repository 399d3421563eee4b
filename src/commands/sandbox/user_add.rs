use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::Outcome;
use crate::output::Record;
use mdm_model::domain::Role;
use serde::Serialize;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub role: mdm_model::domain::Role,
    pub expires: Option<String>,
    /// `--login CONTEXT`: a sandbox context for the new user, the token in the keyring.
    pub login: Option<String>,
    pub db_dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct NewUser {
    pub user: String,
    pub role: Role,
    pub token: String,
    pub token_expires_at: Option<String>,
    pub otpauth_uri: String,
}

impl Record for NewUser {
    const COLUMNS: &'static [&'static str] =
        &["user", "role", "token", "token_expires_at", "otpauth_uri"];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "user" => self.user.clone(),
            "role" => self.role.to_string(),
            "token" => self.token.clone(),
            "token_expires_at" => self
                .token_expires_at
                .clone()
                .unwrap_or_else(|| if human { "never".into() } else { String::new() }),
            "otpauth_uri" => self.otpauth_uri.clone(),
            _ => String::new(),
        }
    }
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let dir = match &args.db_dir {
        Some(d) => d.clone(),
        None => app.dirs()?.sandbox_db_dir(),
    };
    let db = mdm_server::local::open_existing(&dir)?;
    match &args.login {
        None => create(app, &db, &args.name, args.role, args.expires.as_deref()),
        Some(ctx) => create_and_login(app, &db, args, ctx),
    }
}

/// `--login CONTEXT`: the user, a sandbox-marked context for the running sandbox, and
/// the token stored under it; only the authenticator seed is shown (once).
fn create_and_login(
    app: &Factory,
    db: &mdm_server::db::Db,
    args: &Settings,
    name: &str,
) -> Result<()> {
    crate::config::validate_context_name(name)?;
    let dirs = app.dirs()?;
    let Some(state) = super::load_state(dirs)? else {
        return Err(crate::error::Error::usage(
            "--login needs the sandbox running (it adds a context for its URL)",
        )
        .with_hint("start it with `mdm sandbox up`"));
    };
    let mut config = app.load_config()?;
    // Only a context this very user had on this sandbox may be taken over: anything else
    // (`--login sandbox`, another server) would swap someone's credential underneath them.
    if let Some(c) = config.contexts.get(name)
        && !(c.sandbox && c.server == state.url && c.user.as_deref() == Some(&args.name))
    {
        let whose = c
            .user
            .as_deref()
            .map(|u| format!(", user {u}"))
            .unwrap_or_default();
        return Err(crate::error::Error::usage(format!(
            "context {name:?} already exists (server {}{whose}); nothing was created",
            c.server
        ))
        .with_hint("pick another name for --login, or `mdm context remove` it first"));
    }
    let expires_at = expires_at(args.expires.as_deref())?;
    let created = mdm_server::local::add_user(db, &args.name, args.role, expires_at)?;
    let mut ctx = crate::config::ContextConfig::new(state.url.clone());
    ctx.sandbox = true;
    ctx.user = Some(args.name.clone());
    app.keyring()?.set(
        &crate::auth::token_account(name, &state.url),
        &created.token,
    )?;
    config.contexts.insert(name.to_string(), ctx);
    app.save_config(&config)?;
    let user = NewUser {
        user: args.name.clone(),
        role: args.role,
        token: format!("(stored in the OS keyring for context {name})"),
        token_expires_at: expires_at.map(mdm_model::time::unix_to_rfc3339),
        otpauth_uri: created.otpauth_uri,
    };
    show(app, &user)?;
    app.ui.success(&format!(
        "Logged in as {} in context {name}: add `-c {name}` to act as them (`mdm sandbox otp --user {}` gives their codes)",
        args.name, args.name
    ));
    Ok(())
}

/// `--expires 30d` as a Unix time from now.
fn expires_at(expires: Option<&str>) -> Result<Option<i64>> {
    expires
        .map(|d| {
            let d = crate::timeutil::parse_duration(d)?;
            Ok(mdm_model::time::now().unix_timestamp() + d.as_secs() as i64)
        })
        .transpose()
}

/// The new user's record, and on a terminal the authenticator QR code.
fn show(app: &Factory, user: &NewUser) -> Result<()> {
    let out = app.output(None);
    out.item(user)?;
    if !out.is_machine() && app.ui.stderr_tty {
        app.ui.info("Authenticator QR code for this user:");
        eprint!("{}", crate::ui::qr::terminal(&user.otpauth_uri)?);
    }
    Ok(())
}

/// Creates the user in `db` and prints its token and authenticator URI once: the one
/// code path of `sandbox user add` and `gateway user add`.
pub fn create(
    app: &Factory,
    db: &mdm_server::db::Db,
    name: &str,
    role: Role,
    expires: Option<&str>,
) -> Result<()> {
    let expires_at = expires_at(expires)?;
    let created = mdm_server::local::add_user(db, name, role, expires_at)?;
    let user = NewUser {
        user: name.to_string(),
        role,
        token: created.token,
        token_expires_at: expires_at.map(mdm_model::time::unix_to_rfc3339),
        otpauth_uri: created.otpauth_uri,
    };
    show(app, &user)?;
    app.ui.warn("the token and the authenticator seed are shown only this once; store the token with `mdm auth login --with-token`");
    Ok(())
}
