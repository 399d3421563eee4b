use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::outcome::Outcome;
use std::path::PathBuf;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub role: mdm_model::domain::Role,
    pub expires: Option<String>,
    pub config: PathBuf,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let config = super::load(&args.config)?;
    let db = match &config.database {
        mdm_server::gateway::Database::Sqlite(file) => mdm_server::local::open_existing_file(
            file,
            &format!(
                "start the gateway once first: `mdm gateway serve --config {}`",
                args.config.display()
            ),
        )?,
        db => db.open().map_err(|e| {
            crate::error::Error::failure(format!("cannot open the database {}", db.shown()))
                .with_source(&e)
        })?,
    };
    crate::commands::sandbox::user_add::create(
        app,
        &db,
        &args.name,
        args.role,
        args.expires.as_deref(),
    )
}
