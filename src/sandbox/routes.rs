//! The route table: every route with the permission it requires. It builds the router
//! and is also what the OpenAPI coverage and authorization matrix tests read, so a route
//! cannot be served without being declared here.

use super::AppState;
use super::authz::Perm;
use super::handlers::{devices, groups, meta};
use super::http;
use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::Next;
use axum::routing::{MethodFilter, on};

#[derive(Debug, Clone)]
pub struct RouteDef {
    pub method: Method,
    /// OpenAPI-style path, `{param}` for parameters (axum uses the same syntax).
    pub path: &'static str,
    pub perm: Perm,
}

struct Table {
    router: Router<AppState>,
    defs: Vec<RouteDef>,
}

impl Table {
    fn add<H, T>(mut self, method: Method, path: &'static str, perm: Perm, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).expect("standard method");
        let route = on(filter, handler).route_layer(axum::middleware::from_fn(
            move |req: Request, next: Next| http::require(perm, req, next),
        ));
        self.router = self.router.route(path, route);
        self.defs.push(RouteDef { method, path, perm });
        self
    }
}

fn table() -> Table {
    let t = Table {
        router: Router::new(),
        defs: Vec::new(),
    };
    t.add(Method::GET, "/v1/health", Perm::Public, meta::health)
        .add(Method::GET, "/v1/openapi.yaml", Perm::Public, meta::openapi)
        .add(Method::GET, "/v1/me", Perm::Authenticated, meta::me)
        .add(Method::GET, "/v1/devices", Perm::DevicesRead, devices::list)
        .add(
            Method::GET,
            "/v1/devices/{id}",
            Perm::DevicesRead,
            devices::get,
        )
        .add(Method::GET, "/v1/groups", Perm::GroupsRead, groups::list)
        .add(
            Method::GET,
            "/v1/groups/{name}",
            Perm::GroupsRead,
            groups::get,
        )
}

/// Every route the server serves.
pub fn routes() -> Vec<RouteDef> {
    table().defs
}

pub fn router(state: AppState) -> Router {
    let t = table();
    t.router
        .fallback(|| async { http::ApiError::not_found("no such route") })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::authenticate,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(axum::middleware::from_fn(http::finish))
        .with_state(state)
}
