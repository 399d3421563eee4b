//! The route table: every route with the permission it requires. It builds the router
//! and is also what the OpenAPI coverage and authorization matrix tests read, so a route
//! cannot be served without being declared here.

use super::AppState;
use super::authz::Perm;
use super::handlers::{
    actions, apps, audit, auth, devices, enroll, groups, incident, meta, policies,
};
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

#[rustfmt::skip]
fn table() -> Table {
    use Method as M;
    let t = Table { router: Router::new(), defs: Vec::new() };
    t.add(M::GET,    "/v1/health",               Perm::Public,        meta::health)
     .add(M::GET,    "/v1/openapi.yaml",         Perm::Public,        meta::openapi)
     .add(M::GET,    "/v1/me",                   Perm::Authenticated, meta::me)
     .add(M::GET,    "/v1/devices",              Perm::DevicesRead,   devices::list)
     .add(M::GET,    "/v1/devices/{id}",         Perm::DevicesRead,   devices::get)
     .add(M::GET,    "/v1/groups",               Perm::GroupsRead,    groups::list)
     .add(M::GET,    "/v1/groups/{name}",        Perm::GroupsRead,    groups::get)
     .add(M::POST,   "/v1/auth/login",           Perm::Authenticated, audit::login)
     .add(M::POST,   "/v1/auth/mfa/enroll",      Perm::Authenticated, auth::mfa_enroll)
     .add(M::POST,   "/v1/auth/mfa/activate",    Perm::Authenticated, auth::mfa_activate)
     .add(M::POST,   "/v1/auth/step-up",         Perm::Authenticated, auth::step_up)
     .add(M::GET,    "/v1/sessions",             Perm::Authenticated, auth::list_sessions)
     .add(M::DELETE, "/v1/sessions/{id}",        Perm::Authenticated, auth::revoke_session)
     .add(M::POST,   "/v1/sessions/revoke",      Perm::Authenticated, auth::revoke_sessions)
     .add(M::POST,   "/v1/actions/preview",      Perm::ActionsCreate, actions::preview)
     .add(M::POST,   "/v1/actions/previews/{id}/decline", Perm::ActionsCreate, actions::decline)
     .add(M::POST,   "/v1/actions",              Perm::ActionsCreate, actions::create)
     .add(M::GET,    "/v1/actions",              Perm::ActionsRead,   actions::list)
     .add(M::GET,    "/v1/actions/{id}",         Perm::ActionsRead,   actions::get)
     .add(M::GET,    "/v1/actions/{id}/devices", Perm::ActionsRead,   actions::devices)
     .add(M::POST,   "/v1/actions/{id}/cancel",  Perm::ActionsCancel, actions::cancel)
     .add(M::POST,   "/v1/actions/{id}/advance", Perm::ActionsCancel, actions::advance)
     .add(M::POST,   "/v1/actions/{id}/halt",    Perm::ActionsCancel, actions::halt)
     .add(M::POST,   "/v1/actions/{id}/pins",    Perm::ActionsCreate, actions::pins)
     .add(M::GET,    "/v1/approvals",            Perm::ApprovalsRead, actions::approvals)
     .add(M::POST,   "/v1/approvals/{id}/approve", Perm::ApprovalsDecide, actions::approve)
     .add(M::POST,   "/v1/approvals/{id}/reject", Perm::ApprovalsDecide, actions::reject)
     .add(M::POST,   "/v1/enrollments",          Perm::EnrollmentsWrite, enroll::create)
     .add(M::GET,    "/v1/enrollments",          Perm::EnrollmentsRead,  enroll::list)
     .add(M::POST,   "/v1/enrollments/bulk",     Perm::EnrollmentsWrite, enroll::bulk)
     .add(M::POST,   "/v1/enrollments/{id}/revoke", Perm::EnrollmentsWrite, enroll::revoke)
     .add(M::POST,   "/v1/enrollments/revoke-unused", Perm::EnrollmentsWrite, enroll::revoke_unused)
     .add(M::POST,   "/v1/enroll",               Perm::Public,        enroll::consume)
     .add(M::GET,    "/v1/apps",                 Perm::AppsRead,      apps::list)
     .add(M::POST,   "/v1/apps",                 Perm::AppsWrite,     apps::add)
     .add(M::GET,    "/v1/apps/{id}",            Perm::AppsRead,      apps::get)
     .add(M::GET,    "/v1/audit/events",         Perm::AuditRead,     audit::events)
     .add(M::GET,    "/v1/audit/chain",          Perm::AuditExport,   audit::chain)
     .add(M::GET,    "/v1/audit/index",          Perm::AuditExport,   audit::index)
     .add(M::POST,   "/v1/audit/exports",        Perm::AuditExport,   audit::export_notice)
     .add(M::GET,    "/v1/audit/checkpoint",     Perm::AuditRead,     audit::checkpoint)
     .add(M::GET,    "/v1/audit/checkpoints",    Perm::AuditRead,     audit::checkpoints)
     .add(M::GET,    "/v1/policies",             Perm::PoliciesRead,  policies::list)
     .add(M::GET,    "/v1/policies/schema",      Perm::PoliciesRead,  policies::schema)
     .add(M::POST,   "/v1/policies/plan",        Perm::PoliciesWrite, policies::plan_only)
     .add(M::POST,   "/v1/policies/apply",       Perm::PoliciesWrite, policies::apply)
     .add(M::GET,    "/v1/policies/{name}",      Perm::PoliciesRead,  policies::get)
     .add(M::DELETE, "/v1/policies/{name}",      Perm::PoliciesWrite, policies::delete)
     .add(M::PUT,    "/v1/policies/{name}/assignments/{group}", Perm::PoliciesWrite, policies::assign)
     .add(M::DELETE, "/v1/policies/{name}/assignments/{group}", Perm::PoliciesWrite, policies::unassign)
     .add(M::GET,    "/v1/breakglass",           Perm::BreakglassRead, incident::list)
     .add(M::POST,   "/v1/breakglass/activate",  Perm::BreakglassActivate, incident::activate)
     .add(M::POST,   "/v1/breakglass/end",       Perm::BreakglassEnd, incident::end)
     .add(M::GET,    "/v1/incident/freeze",      Perm::Authenticated, incident::get_freeze)
     .add(M::PUT,    "/v1/incident/freeze",      Perm::IncidentManage, incident::put_freeze)
}

/// Every route the server serves.
pub fn routes() -> Vec<RouteDef> {
    table().defs
}

pub fn router(state: AppState) -> Router {
    let t = table();
    let mut r = t.router;
    // Test hooks live outside the table: no permission row, no OpenAPI entry, and no
    // route at all unless the sandbox was started with them.
    if state.hooks.is_some() {
        r = r.merge(super::test_hooks::router());
    }
    r.fallback(|| async { http::ApiError::not_found("no such route") })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::authn::authenticate,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(axum::middleware::from_fn(http::finish))
        .with_state(state)
}
