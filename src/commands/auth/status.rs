use crate::app::Factory;
use crate::error::Result;
use crate::output::Record;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct AuthStatus {
    pub context: String,
    pub server: String,
    pub user: String,
    pub role: mdm_model::domain::Role,
    pub permissions: Vec<String>,
    pub credential_source: String,
    pub token_id: String,
    pub token_expires_at: Option<String>,
    pub mfa_enrolled: bool,
    /// The cached elevation the server still accepts, if any.
    pub elevation_id: Option<String>,
    pub elevation_seconds_left: Option<i64>,
    /// When that elevation ends (RFC 3339, the server's word), for scripts that compare
    /// times rather than count seconds.
    pub elevation_expires_at: Option<String>,
    /// This token's active break-glass session.
    pub breakglass: Option<crate::api::BreakglassSession>,
    /// The server's change freeze, when on.
    pub freeze: Option<crate::api::FreezeState>,
    pub server_instance: String,
    /// The server's fleet backend and its state (`GET /v1/health`): for Intune, whether
    /// the gateway gets Graph tokens and when its inventory last synced.
    pub backend: Option<crate::api::BackendState>,
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
        "elevation_id",
        "elevation_seconds_left",
        "elevation_expires_at",
        "breakglass",
        "freeze",
        "server_instance",
        "backend",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "context" => self.context.clone(),
            "server" => self.server.clone(),
            "user" => self.user.clone(),
            "role" => self.role.to_string(),
            "permissions" => self.permissions.join(if human { ", " } else { ";" }),
            "credential_source" => self.credential_source.clone(),
            "token_id" => self.token_id.clone(),
            "token_expires_at" => self
                .token_expires_at
                .clone()
                .unwrap_or_else(|| if human { "never".into() } else { String::new() }),
            "mfa_enrolled" => self.mfa_enrolled.to_string(),
            "elevation_id" => self.elevation_id.clone().unwrap_or_else(|| {
                if human {
                    "none (step up with `mdm auth step-up`)".into()
                } else {
                    String::new()
                }
            }),
            "elevation_seconds_left" => match self.elevation_seconds_left {
                Some(s) if human => {
                    humantime::format_duration(std::time::Duration::from_secs(s.max(0) as u64))
                        .to_string()
                }
                Some(s) => s.to_string(),
                None if human => "-".into(),
                None => String::new(),
            },
            "elevation_expires_at" => self
                .elevation_expires_at
                .clone()
                .unwrap_or_else(|| if human { "-".into() } else { String::new() }),
            "breakglass" => match &self.breakglass {
                Some(b) => format!("{} until {} ({})", b.id, b.expires_at, b.ticket),
                None if human => "-".into(),
                None => String::new(),
            },
            "freeze" => match &self.freeze {
                Some(f) => format!(
                    "frozen since {} by {}{}",
                    f.since.as_deref().unwrap_or("?"),
                    f.by.as_deref().unwrap_or("?"),
                    f.message
                        .as_deref()
                        .map(|m| format!(": {m}"))
                        .unwrap_or_default()
                ),
                None if human => "off".into(),
                None => String::new(),
            },
            "server_instance" => self.server_instance.clone(),
            "backend" => match &self.backend {
                Some(b) => backend_text(b),
                None if human => "-".into(),
                None => String::new(),
            },
            _ => String::new(),
        }
    }
}

/// One line: the backend, its token state and its last sync.
fn backend_text(b: &crate::api::BackendState) -> String {
    let mut parts = vec![b.name.clone()];
    if let Some(t) = &b.token {
        parts.push(match (&t.reason, &t.message) {
            (Some(r), Some(m)) => format!("token {} ({r}): {m}", t.state),
            (Some(r), None) => format!("token {} ({r})", t.state),
            _ => format!("token {}", t.state),
        });
    }
    if let Some(at) = &b.last_sync_at {
        parts.push(format!("last sync {at}"));
    }
    if let Some(e) = &b.last_sync_error {
        parts.push(format!("last sync failed: {e}"));
    }
    parts.join("; ")
}

pub fn run(app: &Factory) -> Result<()> {
    let ctx = app.ctx()?;
    let (token, source) = app.credential(&ctx)?;
    let api = app.api_with(&ctx, Some(token))?;
    let cached = crate::guard::load_cached(app, &ctx);
    let elev = cached
        .as_ref()
        .map(|c| crate::api::ElevationToken::new(c.token.clone()));
    let me = api.me(elev.as_ref())?;
    // The server's word decides whether the cached elevation still counts.
    let (elevation_id, elevation_seconds_left, elevation_expires_at) =
        match (&me.elevation, &cached) {
            (Some(e), Some(c)) => (
                Some(e.elevation_id.clone()),
                Some(c.seconds_left()),
                Some(e.expires_at.clone()),
            ),
            _ => (None, None, None),
        };
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
        elevation_id,
        elevation_seconds_left,
        elevation_expires_at,
        breakglass: me.breakglass,
        freeze: me.freeze,
        server_instance: me.server.instance_id,
        // Health is informational here: a server that predates it still answers status.
        backend: api.health().ok().and_then(|h| h.backend),
    };
    app.output(Some(&ctx)).item(&status)
}
