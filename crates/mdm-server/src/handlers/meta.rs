use crate::AppState;
use crate::http::{ApiResult, ReqCtx};
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use mdm_model::types::{BackendState, ElevationInfo, Health, Me, ServerInfo};

pub const OPENAPI: &str = include_str!("../../openapi/mdm-v1.yaml");

pub async fn health(State(st): State<AppState>) -> ApiResult<Json<Health>> {
    let devices = st
        .run(|s| {
            Ok(s.db.read(|c| {
                c.query_row("SELECT COUNT(*) FROM devices", [], |r| r.get::<_, i64>(0))
            })?)
        })
        .await?;
    let b = st.backend.health();
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        instance_id: st.instance_id.clone(),
        sandbox: st.sandbox,
        devices: devices as u64,
        pid: Some(std::process::id()),
        backend: Some(BackendState {
            name: st.backend.name().into(),
            token: b.token,
            last_sync_at: b.last_sync_at.map(mdm_model::time::unix_to_rfc3339),
            last_sync_error: b.last_sync_error,
        }),
    }))
}

pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/yaml")], OPENAPI)
}

pub async fn me(State(st): State<AppState>, ctx: ReqCtx) -> ApiResult<Json<Me>> {
    let p = ctx.who()?.clone();
    let uid = p.user_id;
    let bg = p.breakglass.as_ref().map(|b| b.0.clone());
    let (mfa_enrolled, breakglass, freeze) = st
        .run(move |s| {
            Ok(s.db.read(|c| -> crate::sql::Result<_> {
                let now = crate::clock::now_unix();
                Ok((
                    crate::totp_store::is_enrolled(c, uid)?,
                    match &bg {
                        Some(id) => crate::breakglass::get(c, id, now)?,
                        None => None,
                    },
                    crate::freeze::current(c)?,
                ))
            })?)
        })
        .await?;
    Ok(Json(Me {
        user: p.user.clone(),
        role: p.role,
        permissions: p
            .permissions()
            .iter()
            .map(|perm| perm.as_str().to_string())
            .collect(),
        token_id: p.token_id.clone(),
        token_expires_at: p.token_expires_at.map(mdm_model::time::unix_to_rfc3339),
        mfa_enrolled,
        elevation: p.elevation.as_ref().map(|(id, exp)| ElevationInfo {
            elevation_id: id.clone(),
            expires_at: mdm_model::time::unix_to_rfc3339(*exp),
        }),
        breakglass,
        freeze,
        server: st.server_info(),
    }))
}

impl AppState {
    pub fn server_info(&self) -> ServerInfo {
        ServerInfo {
            name: if self.sandbox {
                "mdm sandbox"
            } else {
                "mdm gateway"
            }
            .into(),
            version: env!("CARGO_PKG_VERSION").into(),
            instance_id: self.instance_id.clone(),
            sandbox: self.sandbox,
        }
    }
}
