use crate::app::App;
use crate::error::Result;
use crate::output::Record;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct AuthStatus {
    pub context: String,
    pub server: String,
    pub user: String,
    pub role: String,
    pub permissions: Vec<String>,
    pub credential_source: String,
    pub token_id: String,
    pub token_expires_at: Option<String>,
    pub mfa_enrolled: bool,
    pub server_instance: String,
}

impl Record for AuthStatus {
    const COLUMNS: &'static [&'static str] = &[
        "context",
        "server",
        "user",
        "role",
        "permissions",
        "credential_source",
        "token_id",
        "token_expires_at",
        "mfa_enrolled",
        "server_instance",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "context" => self.context.clone(),
            "server" => self.server.clone(),
            "user" => self.user.clone(),
            "role" => self.role.clone(),
            "permissions" => self.permissions.join(if human { ", " } else { ";" }),
            "credential_source" => self.credential_source.clone(),
            "token_id" => self.token_id.clone(),
            "token_expires_at" => self
                .token_expires_at
                .clone()
                .unwrap_or_else(|| if human { "never".into() } else { String::new() }),
            "mfa_enrolled" => self.mfa_enrolled.to_string(),
            "server_instance" => self.server_instance.clone(),
            _ => String::new(),
        }
    }
}

pub fn run(app: &App) -> Result<()> {
    let ctx = app.ctx()?;
    let (token, source) = app.credential(&ctx)?;
    let api = app.api_with(&ctx, Some(token))?;
    let me = api.me()?;
    let status = AuthStatus {
        context: ctx.name.clone(),
        server: ctx.config.server.clone(),
        user: me.user,
        role: me.role,
        permissions: me.permissions,
        credential_source: source.describe().to_string(),
        token_id: me.token_id,
        token_expires_at: me.token_expires_at,
        mfa_enrolled: me.mfa_enrolled,
        server_instance: me.server.instance_id,
    };
    app.output(Some(&ctx)).item(&status)
}
