use crate::app::App;
use crate::cli::sandbox::UserAddArgs;
use crate::error::Result;
use crate::output::Record;
use crate::sandbox::authz::Role;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct NewUser {
    pub user: String,
    pub role: String,
    pub token: String,
}

impl Record for NewUser {
    const COLUMNS: &'static [&'static str] = &["user", "role", "token"];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, _human: bool) -> String {
        match column {
            "user" => self.user.clone(),
            "role" => self.role.clone(),
            "token" => self.token.clone(),
            _ => String::new(),
        }
    }
}

pub fn run(app: &App, args: &UserAddArgs) -> Result<()> {
    let dir = match &args.db_dir {
        Some(d) => d.clone(),
        None => app.dirs()?.sandbox_db_dir(),
    };
    let db = crate::sandbox::local::open_existing(&dir)?;
    let role = Role::parse(args.role.as_str()).expect("cli roles are server roles");
    let token = crate::sandbox::local::add_user(&db, &args.name, role)?;
    let user = NewUser {
        user: args.name.clone(),
        role: role.as_str().into(),
        token,
    };
    app.output(None).item(&user)?;
    app.ui
        .warn("the token is shown only this once; store it with `mdm auth login --with-token`");
    Ok(())
}
