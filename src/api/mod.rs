//! The seam between commands and a server. Commands only see `MdmApi`; the mdm REST v1
//! client is one implementation, and vendor adapters (Intune, Jamf, Fleet) can be others.

pub mod rest;
pub mod url;

pub use mdm_model::types::*;

use crate::error::Result;

/// Everything a command may ask of an MDM server.
pub trait MdmApi {
    /// Where requests go, for messages (`https://mdm.example.org`).
    fn base_url(&self) -> &str;
    fn health(&self) -> Result<Health>;
    fn me(&self) -> Result<Me>;
    /// One page of devices; follow `next_cursor` by setting `query.cursor`.
    fn list_devices(&self, query: &DeviceQuery) -> Result<Page<Device>>;
    /// By id or serial number.
    fn get_device(&self, id_or_serial: &str, show_pii: bool) -> Result<Device>;
    fn list_groups(&self) -> Result<Vec<Group>>;
    fn get_group(&self, name: &str) -> Result<Group>;

    /// The elevation (from step-up) sent with every following request, or none.
    fn set_elevation(&self, token: Option<Secret>);
    fn mfa_enroll(&self) -> Result<MfaEnrollment>;
    fn mfa_activate(&self, code: &str) -> Result<()>;
    fn step_up(&self, code: &str) -> Result<Elevation>;
    /// Tokens and elevations of `user` (the caller's by default).
    fn list_sessions(&self, user: Option<&str>) -> Result<Vec<Session>>;
    fn revoke_session(&self, id: &str) -> Result<RevokeResult>;
    fn revoke_sessions(&self, req: &RevokeSessionsRequest) -> Result<RevokeResult>;

    /// Resolves a target into its blast radius; changes nothing but the audit log.
    fn preview_action(&self, req: &PreviewRequest) -> Result<Preview>;
    /// Records that the typed confirmation of a preview failed or was declined.
    fn decline_preview(&self, preview_id: &str, reason: &str) -> Result<()>;
    /// Creates an action; the same `idempotency_key` on a retry returns the action the
    /// first attempt created instead of a second one.
    fn create_action(&self, req: &CreateActionRequest, idempotency_key: &str) -> Result<Action>;
    fn get_action(&self, id: &str) -> Result<Action>;
    fn list_actions(
        &self,
        status: Option<&str>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Action>>;
    fn action_devices(
        &self,
        id: &str,
        status: Option<&str>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<ActionDevice>>;
    fn cancel_action(&self, id: &str) -> Result<Action>;
    fn list_approvals(&self, all: bool) -> Result<Vec<Action>>;
    fn approve(&self, id: &str, reason: Option<&str>) -> Result<Action>;
    fn reject(&self, id: &str, reason: Option<&str>) -> Result<Action>;

    fn create_enrollment(&self, req: &CreateEnrollment) -> Result<NewEnrollment>;
    fn list_enrollments(
        &self,
        status: Option<&str>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Enrollment>>;
    fn revoke_enrollment(&self, id: &str) -> Result<Enrollment>;
    /// Revokes (or with `dry_run` counts) every enrollment token that could still enroll.
    fn revoke_unused_enrollments(&self, req: &RevokeUnused) -> Result<u64>;
    fn bulk_enroll(&self, req: &BulkEnrollment) -> Result<BulkResult>;
    /// The device side: a device enrolls with a token (no user credential).
    fn device_enroll(&self, req: &DeviceEnroll) -> Result<Device>;
    fn list_apps(&self) -> Result<Vec<App>>;
    fn get_app(&self, reference: &str) -> Result<App>;
    fn add_app(&self, app: &NewApp) -> Result<App>;

    fn list_policies(&self) -> Result<Vec<PolicyRecord>>;
    fn get_policy(&self, name: &str) -> Result<PolicyRecord>;
    /// All or nothing; refused (409) if a policy changed since `base_versions`.
    fn apply_policies(&self, req: &ApplyPolicies) -> Result<PolicyPlan>;
    fn delete_policy(&self, name: &str, version: u64) -> Result<()>;
    /// Adds (or with `add = false` removes) a group assignment.
    fn assign_policy(
        &self,
        name: &str,
        group: &str,
        add: bool,
        version: u64,
    ) -> Result<PolicyRecord>;

    fn audit_events(&self, q: &AuditQuery) -> Result<Page<AuditEvent>>;
    /// The raw chain after `after` (up to `until_id`): NDJSON, one canonical event per
    /// line, streamed.
    fn audit_chain(
        &self,
        after: i64,
        until_id: Option<i64>,
        purpose: &str,
    ) -> Result<Box<dyn std::io::Read>>;
    fn audit_checkpoint(&self) -> Result<mdm_model::audit::Checkpoint>;
    fn audit_checkpoints(&self) -> Result<Vec<mdm_model::audit::Checkpoint>>;
    /// Tells the server (for its audit log) that a forwarder starts.
    fn audit_notice(
        &self,
        kind: &str,
        destination: Option<&str>,
        from_id: Option<i64>,
    ) -> Result<()>;
    /// Tells the server (for its audit log) that this token was just logged in with.
    fn login_notice(&self) -> Result<()>;

    /// Starts a break-glass session for this token (needs the break-glass role and a
    /// step-up).
    fn breakglass_activate(&self, req: &BreakglassActivateRequest) -> Result<BreakglassSession>;
    /// Active sessions first, then recent ended ones.
    fn breakglass_list(&self) -> Result<Vec<BreakglassSession>>;
    fn breakglass_end(&self, req: &BreakglassEndRequest) -> Result<BreakglassSession>;
    fn freeze_state(&self) -> Result<FreezeState>;
    /// Turns the change freeze on or off (or, with `dry_run`, says what would change).
    fn set_freeze(&self, req: &FreezeRequest) -> Result<FreezeResult>;
}

/// Walks a cursor-paged listing: `fetch(page_size, cursor)` per page, `each` per item,
/// until the last page or `limit` items (all when `None`). Returns how many were seen.
pub fn for_each_page<T>(
    limit: Option<u32>,
    page_size: u32,
    fetch: impl FnMut(u32, Option<&str>) -> Result<Page<T>>,
    each: impl FnMut(&T) -> Result<()>,
) -> Result<u64> {
    walk_pages(limit, page_size, fetch, each).map(|w| w.seen)
}

/// What a walk over a paged listing saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Walked {
    pub seen: u64,
    /// The walk stopped at `limit` while the server had more.
    pub more: bool,
    /// The total the first page announced, if the listing counts.
    pub total: Option<u64>,
}

/// [`for_each_page`], also saying whether items were left and the announced total. An
/// empty page ends the walk even if it carries a cursor, so a confused server cannot
/// keep the client looping.
pub fn walk_pages<T>(
    limit: Option<u32>,
    page_size: u32,
    mut fetch: impl FnMut(u32, Option<&str>) -> Result<Page<T>>,
    mut each: impl FnMut(&T) -> Result<()>,
) -> Result<Walked> {
    let mut cursor: Option<String> = None;
    let mut walked = Walked::default();
    loop {
        let want = limit.map_or(page_size, |l| {
            (u64::from(l) - walked.seen).min(u64::from(page_size)) as u32
        });
        let page = fetch(want, cursor.as_deref())?;
        if cursor.is_none() {
            walked.total = page.total;
        }
        for item in &page.items {
            each(item)?;
            walked.seen += 1;
        }
        match page.next_cursor {
            Some(c) if !page.items.is_empty() => {
                if limit.is_some_and(|l| walked.seen >= u64::from(l)) {
                    walked.more = true;
                    return Ok(walked);
                }
                cursor = Some(c)
            }
            _ => return Ok(walked),
        }
    }
}

/// A secret string whose `Debug` never shows the value, so it cannot leak through `{:?}`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(items: &[u32], next: Option<&str>) -> Page<u32> {
        Page {
            items: items.to_vec(),
            next_cursor: next.map(str::to_string),
            total: Some(5),
        }
    }

    #[test]
    fn an_empty_page_with_a_cursor_ends_the_walk() {
        let mut calls = 0;
        let w = walk_pages(
            None,
            2,
            |_, _| {
                calls += 1;
                assert!(calls < 10, "the pager keeps asking for empty pages");
                Ok(page(&[], Some("again")))
            },
            |_| Ok(()),
        )
        .unwrap();
        assert_eq!((w.seen, w.more, calls), (0, false, 1));
    }

    #[test]
    fn a_limit_stops_early_and_says_more_remain() {
        let pages = [
            page(&[1, 2], Some("c1")),
            page(&[3, 4], Some("c2")),
            page(&[5], None),
        ];
        let mut asked = Vec::new();
        let mut got = Vec::new();
        let w = walk_pages(
            Some(3),
            2,
            |n, c| {
                asked.push((n, c.map(str::to_string)));
                Ok(pages[asked.len() - 1].clone())
            },
            |i| {
                got.push(*i);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(got, [1, 2, 3, 4]);
        assert_eq!(asked, [(2, None), (1, Some("c1".to_string()))]);
        assert_eq!(
            w,
            Walked {
                seen: 4,
                more: true,
                total: Some(5)
            }
        );
    }
}
