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
    create(app, &db, &args.name, args.role, args.expires.as_deref())
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
    let expires_at = match expires {
        Some(d) => {
            let d = crate::timeutil::parse_duration(d)?;
            Some(mdm_model::time::now().unix_timestamp() + d.as_secs() as i64)
        }
        None => None,
    };
    let created = mdm_server::local::add_user(db, name, role, expires_at)?;
    let user = NewUser {
        user: name.to_string(),
        role,
        token: created.token,
        token_expires_at: expires_at.map(mdm_model::time::unix_to_rfc3339),
        otpauth_uri: created.otpauth_uri,
    };
    let out = app.output(None);
    out.item(&user)?;
    if !out.is_machine() && app.ui.stderr_tty {
        app.ui.info("Authenticator QR code for this user:");
        eprint!("{}", crate::ui::qr::terminal(&user.otpauth_uri)?);
    }
    app.ui.warn("the token and the authenticator seed are shown only this once; store the token with `mdm auth login --with-token`");
    Ok(())
}
