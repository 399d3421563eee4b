//! Authentication: the bearer token (and any elevation sent with it) becomes a
//! `Principal` before any handler runs.

use crate::AppState;
use crate::http::{ApiError, ELEVATION_HEADER, RequestId};
use crate::tokens;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Resolves the bearer token, if any, to a principal. A presented but invalid token is
/// refused (and audited) even on public routes.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().map(str::to_string));
    let token = match auth {
        None => None,
        // The scheme name is case-insensitive (RFC 7235 §2.1).
        Some(Ok(v)) => match v
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t)
        {
            Some(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => {
                return ApiError::unauthenticated(
                    "the Authorization header must be `Bearer <token>`",
                )
                .into_response();
            }
        },
        Some(Err(_)) => {
            return ApiError::unauthenticated("the Authorization header is not valid text")
                .into_response();
        }
    };
    let elevation = req
        .headers()
        .get(ELEVATION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
    if let Some(token) = token {
        let ctx_ip = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_default();
        let ua = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let rid = req
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let st = state.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut p = tokens::authenticate(&st, &token, &ctx_ip, &ua, &rid)?;
            if let Some(e) = elevation {
                match crate::totp_store::find_elevation(&st, p.user_id, &p.token_id, &e) {
                    Ok(found) => p.elevation = Some(found),
                    Err(problem) => p.elevation_problem = Some(problem),
                }
            }
            Ok::<_, ApiError>(p)
        })
        .await;
        match result {
            Ok(Ok(p)) => {
                req.extensions_mut().insert(p);
            }
            Ok(Err(e)) => return e.into_response(),
            Err(_) => return ApiError::internal("authentication failed").into_response(),
        }
    }
    next.run(req).await
}
