//! Authentication: the bearer token (and any elevation sent with it) becomes a
//! `Principal` before any handler runs.

use crate::AppState;
use crate::http::{ApiError, ELEVATION_HEADER, RequestId};
use crate::tokens;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
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
    let mut principal = None;
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
                req.extensions_mut().insert(p.clone());
                principal = Some(p);
            }
            Ok(Err(e)) => return e.into_response(),
            Err(_) => return ApiError::internal("authentication failed").into_response(),
        }
    }
    let Some(principal) = principal else {
        return next.run(req).await;
    };
    // Refusals leave a trace (see `refusals`): only routes of the table, by matched path.
    let method = req.method().clone();
    let query = req.uri().query().map(str::to_string);
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let request_id = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let source_ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let user_agent: String = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let resp = next.run(req).await;
    let status = resp.status();
    if let Some(route) = route
        && crate::refusals::is_recorded(&method, query.as_deref(), status)
    {
        let code = crate::refusals::code_of(resp.extensions().get::<ApiError>(), status);
        let refusal = crate::refusals::Refusal {
            principal,
            method,
            route,
            request_id,
            source_ip,
            user_agent,
            status,
            code,
        };
        crate::refusals::record_async(&state, refusal).await;
    }
    resp
}
