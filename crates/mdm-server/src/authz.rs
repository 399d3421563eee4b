//! Roles and permissions. The server decides; the CLI never relies on its own checks.
//! Every route names the permission it needs in the route table, and the authorization
//! matrix test walks that table against every role.

use serde::Serialize;

/// The one definition of a role is the model's; the server adds what each may do.
pub use mdm_model::domain::Role;

/// What a route requires. `Public` needs no token; `Authenticated` needs any valid token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Perm {
    Public,
    Authenticated,
    DevicesRead,
    PiiRead,
    GroupsRead,
    /// See and revoke other users' tokens and elevations.
    SessionsManage,
    /// Preview and request actions (which ones: DevicesLock / DevicesWipe).
    ActionsCreate,
    ActionsRead,
    ActionsCancel,
    DevicesLock,
    DevicesWipe,
    ApprovalsRead,
    ApprovalsDecide,
    /// Push an app, profile or command to one device.
    PushSingle,
    /// Push to several devices (a group, a filter, the fleet).
    PushMany,
    AppsRead,
    /// Add apps to the trusted catalog (pinned hashes).
    AppsWrite,
    EnrollmentsRead,
    EnrollmentsWrite,
    PoliciesRead,
    /// Create, change, assign and delete policies (weakening ones also need a step-up).
    PoliciesWrite,
    AuditRead,
    /// Bulk export and forwarding of the audit log (audited themselves).
    AuditExport,
    /// Start a time-boxed break-glass session (the break-glass role's only power).
    BreakglassActivate,
    /// See who holds break-glass access now.
    BreakglassRead,
    /// End a break-glass session (one's own, or, for admins, anyone's).
    BreakglassEnd,
    /// Change freeze on and off.
    IncidentManage,
}

impl Perm {
    pub fn as_str(self) -> &'static str {
        match self {
            Perm::Public => "public",
            Perm::Authenticated => "authenticated",
            Perm::DevicesRead => "devices:read",
            Perm::PiiRead => "pii:read",
            Perm::GroupsRead => "groups:read",
            Perm::SessionsManage => "sessions:manage",
            Perm::ActionsCreate => "actions:create",
            Perm::ActionsRead => "actions:read",
            Perm::ActionsCancel => "actions:cancel",
            Perm::DevicesLock => "devices:lock",
            Perm::DevicesWipe => "devices:wipe",
            Perm::ApprovalsRead => "approvals:read",
            Perm::ApprovalsDecide => "approvals:decide",
            Perm::PushSingle => "push:single",
            Perm::PushMany => "push:many",
            Perm::AppsRead => "apps:read",
            Perm::AppsWrite => "apps:write",
            Perm::EnrollmentsRead => "enrollments:read",
            Perm::EnrollmentsWrite => "enrollments:write",
            Perm::PoliciesRead => "policies:read",
            Perm::PoliciesWrite => "policies:write",
            Perm::AuditRead => "audit:read",
            Perm::AuditExport => "audit:export",
            Perm::BreakglassActivate => "breakglass:activate",
            Perm::BreakglassRead => "breakglass:read",
            Perm::BreakglassEnd => "breakglass:end",
            Perm::IncidentManage => "incident:manage",
        }
    }
}

/// The permissions of each role. Break-glass has almost none of its own: an active
/// break-glass session adds the admin's (see `Principal::allows`).
#[rustfmt::skip]
pub fn permissions(role: Role) -> &'static [Perm] {
    use Perm::*;
    match role {
        Role::Viewer => &[DevicesRead, GroupsRead, ActionsRead, AppsRead, PoliciesRead],
        Role::Auditor => &[DevicesRead, GroupsRead, ActionsRead, ApprovalsRead, AppsRead, EnrollmentsRead,
                           PoliciesRead, AuditRead, AuditExport, BreakglassRead],
        Role::Operator => &[DevicesRead, GroupsRead, PiiRead, ActionsRead, ActionsCreate, ActionsCancel,
                            DevicesLock, PushSingle, AppsRead, EnrollmentsRead, EnrollmentsWrite, PoliciesRead],
        Role::Admin => &[DevicesRead, GroupsRead, PiiRead, SessionsManage, ActionsRead, ActionsCreate,
                         ActionsCancel, DevicesLock, DevicesWipe, ApprovalsRead, ApprovalsDecide, PushSingle,
                         PushMany, AppsRead, AppsWrite, EnrollmentsRead, EnrollmentsWrite, PoliciesRead,
                         PoliciesWrite, AuditRead, AuditExport, BreakglassRead, BreakglassEnd,
                         IncidentManage],
        Role::Breakglass => &[DevicesRead, GroupsRead, BreakglassActivate, BreakglassRead, BreakglassEnd],
    }
}

pub fn allows(role: Role, perm: Perm) -> bool {
    matches!(perm, Perm::Public | Perm::Authenticated) || permissions(role).contains(&perm)
}
