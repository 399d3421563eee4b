//! The seam between commands and a server, as capability traits: each command asks only
//! for what it uses (`&dyn Inventory`, `&dyn Governance`, ...), the mdm REST v1 client
//! implements them all, and unit tests put a fake in its place.
//!
//! Two rules hold for every call: an elevation (from step-up) is a value passed to the
//! calls that need it, never state kept on the client; and an answer to a call that
//! changes state comes back as [`Sent`], with the server's request id for the journal.

#[cfg(test)]
pub mod fake;
pub mod rest;
pub mod url;

pub use mdm_model::types::*;

use crate::error::Result;
use mdm_model::domain::{ActionStatus, CommandStatus};

/// The elevation token a step-up granted, sent as `X-MDM-Elevation` with the calls that
/// need it. A secret: it lives in the keyring cache and in requests only.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ElevationToken(pub Secret);

impl ElevationToken {
    pub fn new(token: impl Into<String>) -> Self {
        ElevationToken(Secret::new(token))
    }
}

/// The elevation a call carries, if any.
pub type Elev<'a> = Option<&'a ElevationToken>;

/// The answer to a request that changes state, with the server's request id.
#[derive(Debug, Clone)]
pub struct Sent<T> {
    pub value: T,
    pub request_id: Option<String>,
}

impl<T> Sent<T> {
    pub fn new(value: T, request_id: Option<String>) -> Self {
        Sent { value, request_id }
    }
}

impl<T> Sent<T> {
    /// The value, keeping the request id in `request_id` (for a command's outcome).
    pub fn noting(self, request_id: &mut Option<String>) -> T {
        if self.request_id.is_some() {
            *request_id = self.request_id;
        }
        self.value
    }
}

impl<T> std::ops::Deref for Sent<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A group assignment of a policy: added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    Add,
    Remove,
}

/// The state of an enrollment token (`enroll list --status`).
pub use mdm_model::domain::EnrollmentStatus;

/// Why the audit chain is read; the server records it with the read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainPurpose {
    Verify,
    Export,
}

impl ChainPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            ChainPurpose::Verify => "verify",
            ChainPurpose::Export => "export",
        }
    }
}

/// The audit chain as the server hashed it: one canonical event per line, streamed.
/// Iterating yields each line's exact bytes (without the newline), so a verifier can
/// hash what the server hashed.
pub struct AuditChain {
    reader: std::io::BufReader<Box<dyn std::io::Read>>,
}

/// One event of the chain, as the exact canonical bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainLine(pub Vec<u8>);

impl AuditChain {
    pub fn new(reader: Box<dyn std::io::Read>) -> Self {
        AuditChain {
            reader: std::io::BufReader::with_capacity(1 << 20, reader),
        }
    }

    /// A chain held in memory (tests, and servers that answer at once).
    pub fn from_lines(lines: Vec<Vec<u8>>) -> Self {
        let mut bytes = Vec::new();
        for l in lines {
            bytes.extend_from_slice(&l);
            bytes.push(b'\n');
        }
        AuditChain::new(Box::new(std::io::Cursor::new(bytes)))
    }
}

impl AuditChain {
    /// Reads the next line into `line` (its exact bytes, without the newline), reusing
    /// the buffer; `false` at the end.
    pub fn next_into(&mut self, line: &mut Vec<u8>) -> Result<bool> {
        line.clear();
        match std::io::BufRead::read_until(&mut self.reader, b'\n', line) {
            Ok(0) => Ok(false),
            Ok(_) => {
                if line.last() == Some(&b'\n') {
                    line.pop();
                }
                Ok(true)
            }
            Err(e) => Err(crate::error::Error::failure(
                "the connection broke while reading the audit chain",
            )
            .with_source(&e)),
        }
    }
}

impl Iterator for AuditChain {
    type Item = Result<ChainLine>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut line = Vec::with_capacity(1024);
        match self.next_into(&mut line) {
            Ok(false) => None,
            Ok(true) => Some(Ok(ChainLine(line))),
            Err(e) => Some(Err(e)),
        }
    }
}

/// Where requests go, and whether the server is up.
pub trait Server {
    /// For messages (`https://mdm.example.org`).
    fn base_url(&self) -> &str;
    fn health(&self) -> Result<Health>;
}

/// Devices and groups.
pub trait Inventory {
    /// One page of devices; follow `next_cursor` by setting `query.cursor`. `elev` is
    /// for unmasked reads (`show_pii`) over the server's PII budget.
    fn list_devices(&self, query: &DeviceQuery, elev: Elev<'_>) -> Result<Page<Device>>;
    /// By id or serial number.
    fn get_device(&self, id_or_serial: &str, show_pii: bool, elev: Elev<'_>) -> Result<Device>;
    fn list_groups(&self) -> Result<Vec<Group>>;
    fn get_group(&self, name: &str) -> Result<Group>;
}

/// Guarded actions on devices: preview, create, follow, cancel.
pub trait DeviceCommands {
    /// Resolves a target into its blast radius; changes nothing but the audit log.
    fn preview_action(&self, req: &PreviewRequest) -> Result<Preview>;
    /// Records that the typed confirmation of a preview failed or was declined.
    fn decline_preview(&self, preview_id: &str, reason: &str) -> Result<()>;
    /// Creates an action; the same `idempotency_key` on a retry returns the action the
    /// first attempt created instead of a second one.
    fn create_action(
        &self,
        req: &CreateActionRequest,
        idempotency_key: &str,
        elev: Elev<'_>,
    ) -> Result<Sent<Action>>;
    fn get_action(&self, id: &str) -> Result<Action>;
    fn list_actions(
        &self,
        status: Option<ActionStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Action>>;
    fn action_devices(
        &self,
        id: &str,
        status: Option<CommandStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<ActionDevice>>;
    fn cancel_action(&self, id: &str, elev: Elev<'_>) -> Result<Sent<Action>>;
    /// Releases a staged rollout's next wave now.
    fn advance_action(&self, id: &str) -> Result<Sent<Action>>;
    /// Stops a running action; `reason` is kept and audited.
    fn halt_action(&self, id: &str, reason: &str) -> Result<Sent<Action>>;
    /// The unlock PINs of the action's devices not shown before (needs a step-up).
    fn reveal_pins(&self, id: &str, elev: Elev<'_>) -> Result<mdm_model::types::ActionPins>;
}

/// Enrollment tokens, as an admin sees them.
pub trait Enrollments {
    fn create_enrollment(
        &self,
        req: &CreateEnrollment,
        elev: Elev<'_>,
    ) -> Result<Sent<NewEnrollment>>;
    fn list_enrollments(
        &self,
        status: Option<EnrollmentStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Enrollment>>;
    fn revoke_enrollment(&self, id: &str, elev: Elev<'_>) -> Result<Sent<Enrollment>>;
    /// Revokes (or with `dry_run` counts) every enrollment token that could still enroll.
    fn revoke_unused_enrollments(
        &self,
        req: &RevokeUnused,
        elev: Elev<'_>,
    ) -> Result<Sent<Revoked>>;
    fn bulk_enroll(&self, req: &BulkEnrollment, elev: Elev<'_>) -> Result<Sent<BulkResult>>;
}

/// The device side of enrollment: a device enrolls with a token, no user credential.
/// Not part of [`Api`]: only `mdm sandbox enroll-device` plays a device.
pub trait DeviceEnrollment {
    fn device_enroll(&self, req: &DeviceEnroll) -> Result<Device>;
}

/// The trusted app catalog.
pub trait Catalog {
    fn list_apps(&self) -> Result<Vec<App>>;
    fn get_app(&self, reference: &str) -> Result<App>;
    fn add_app(&self, app: &NewApp, elev: Elev<'_>) -> Result<Sent<App>>;
}

/// Security policies as code.
pub trait Policies {
    fn list_policies(&self) -> Result<Vec<PolicyRecord>>;
    fn get_policy(&self, name: &str) -> Result<PolicyRecord>;
    /// What applying `req` would change and what it needs (`requires`); changes nothing.
    fn plan_policies(&self, req: &ApplyPolicies) -> Result<PolicyPlan>;
    /// What deleting the policy at `version` would change and need; changes nothing.
    fn plan_delete_policy(&self, name: &str, version: u64) -> Result<PolicyPlan>;
    /// What an (un)assignment would change and need; changes nothing.
    fn plan_assign_policy(
        &self,
        name: &str,
        group: &str,
        change: Assignment,
        version: u64,
    ) -> Result<PolicyPlan>;
    /// All or nothing; refused (409) if a policy changed since `base_versions`.
    fn apply_policies(&self, req: &ApplyPolicies, elev: Elev<'_>) -> Result<Sent<PolicyPlan>>;
    /// Refused (412) if the policy is no longer at `version`.
    fn delete_policy(&self, name: &str, version: u64, elev: Elev<'_>) -> Result<Sent<()>>;
    fn assign_policy(
        &self,
        name: &str,
        group: &str,
        change: Assignment,
        version: u64,
        elev: Elev<'_>,
    ) -> Result<Sent<PolicyRecord>>;
}

/// The server's audit log: queries, the raw chain, checkpoints.
pub trait AuditTrail {
    fn audit_events(&self, q: &AuditQuery) -> Result<Page<AuditEvent>>;
    /// The chain after `after` (up to `until_id`), streamed.
    fn audit_chain(
        &self,
        after: i64,
        until_id: Option<i64>,
        purpose: ChainPurpose,
    ) -> Result<AuditChain>;
    /// What the server's index says about events `after < id <= until_id`, one JSON
    /// line per event (not evidence: the verifier recomputes it from the chain).
    fn audit_index(&self, after: i64, until_id: i64) -> Result<AuditChain>;
    fn audit_checkpoint(&self) -> Result<mdm_model::audit::Checkpoint>;
    fn audit_checkpoints(&self) -> Result<Vec<mdm_model::audit::Checkpoint>>;
    /// Tells the server, for its audit log, that a forwarder starts sending events from
    /// `from_id` to `destination`.
    fn forwarder_started(&self, destination: &str, from_id: i64) -> Result<()>;
}

/// Who the caller is, MFA, step-up and sessions.
pub trait Sessions {
    /// Who the caller is; with `elev`, the server also says whether it is still live.
    fn me(&self, elev: Elev<'_>) -> Result<Me>;
    /// Starts (or, with an elevation, replaces) the caller's authenticator enrollment.
    /// Starts an enrollment; replacing an active authenticator sends a code from it
    /// (`otp`), checked in that very request.
    fn mfa_enroll(&self, otp: Option<&str>) -> Result<Sent<MfaEnrollment>>;
    fn mfa_activate(&self, code: &str) -> Result<Sent<()>>;
    /// Trades a TOTP code for an elevation.
    fn step_up(&self, code: &str) -> Result<Elevation>;
    /// Tokens and elevations of `user` (the caller's by default).
    fn list_sessions(&self, user: Option<&str>) -> Result<Vec<Session>>;
    fn revoke_session(&self, id: &str, elev: Elev<'_>) -> Result<Sent<RevokeResult>>;
    fn revoke_sessions(
        &self,
        req: &RevokeSessionsRequest,
        elev: Elev<'_>,
    ) -> Result<Sent<RevokeResult>>;
    /// Tells the server, for its audit log, that this token was just logged in with.
    fn login_notice(&self) -> Result<()>;
}

/// The two-person rule, the change freeze and break-glass.
pub trait Governance {
    fn list_approvals(&self, all: bool) -> Result<Vec<Action>>;
    fn approve(&self, id: &str, reason: Option<&str>, elev: Elev<'_>) -> Result<Sent<Action>>;
    fn reject(&self, id: &str, reason: Option<&str>, elev: Elev<'_>) -> Result<Sent<Action>>;
    /// Starts a break-glass session for this token (needs the break-glass role and a
    /// step-up).
    fn breakglass_activate(
        &self,
        req: &BreakglassActivateRequest,
        elev: Elev<'_>,
    ) -> Result<Sent<BreakglassSession>>;
    /// Active sessions first, then recent ended ones.
    fn breakglass_list(&self) -> Result<Vec<BreakglassSession>>;
    fn breakglass_end(&self, req: &BreakglassEndRequest) -> Result<Sent<BreakglassSession>>;
    fn freeze_state(&self) -> Result<FreezeState>;
    /// Turns the change freeze on or off (or, with `dry_run`, says what would change).
    fn set_freeze(&self, req: &FreezeRequest, elev: Elev<'_>) -> Result<Sent<FreezeResult>>;
}

/// Everything an admin's client can ask of an mdm server.
pub trait Api:
    Server
    + Inventory
    + DeviceCommands
    + Enrollments
    + Catalog
    + Policies
    + AuditTrail
    + Sessions
    + Governance
{
}

impl<T> Api for T where
    T: Server
        + Inventory
        + DeviceCommands
        + Enrollments
        + Catalog
        + Policies
        + AuditTrail
        + Sessions
        + Governance
{
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

/// A whole listing (no limit) whose pages name the next one before their body is read
/// (the `Link` header): the fetching thread asks for the next page as soon as a page has
/// arrived, and `decode` reads each body on the writing side, which checks that the body
/// names the same next page. At most two pages are held, so memory stays flat; the walk
/// ends at the first error of either side, that error returned.
pub fn walk_all_pipelined<W: Send, T>(
    page_size: u32,
    mut fetch: impl FnMut(u32, Option<&str>) -> Result<(W, Option<String>)> + Send,
    mut decode: impl FnMut(W) -> Result<Page<T>>,
    mut each: impl FnMut(&T) -> Result<()>,
) -> Result<Walked> {
    one_page_ahead(
        |cursor| {
            let page = fetch(page_size, cursor);
            let next = page.as_ref().ok().and_then(|(_, n)| n.clone());
            (page, next)
        },
        |pages| {
            let mut walked = Walked::default();
            for (n, fetched) in pages.iter().enumerate() {
                let (raw, linked) = fetched?;
                let page = decode(raw)?;
                if n == 0 {
                    walked.total = page.total;
                }
                if page.next_cursor != linked {
                    return Err(crate::error::Error::failure(
                        "the server's answer names another next page than its Link header",
                    )
                    .with_hint("the server is not an mdm REST API v1 server, or is faulty"));
                }
                for item in &page.items {
                    each(item)?;
                    walked.seen += 1;
                }
                // An empty page ends the walk, as in `walk_pages`.
                if page.items.is_empty() {
                    break;
                }
            }
            Ok(walked)
        },
    )
}

/// [`walk_pages`] with the next page fetched while the current one is handled: `fetch`
/// runs on a second thread, one page ahead (at most two pages held, so memory stays
/// flat), and the walk ends at the first error of either side, that error returned.
pub fn walk_pages_prefetched<T: Send>(
    limit: Option<u32>,
    page_size: u32,
    mut fetch: impl FnMut(u32, Option<&str>) -> Result<Page<T>> + Send,
    mut each: impl FnMut(&T) -> Result<()>,
) -> Result<Walked> {
    let mut fetched = 0u64;
    one_page_ahead(
        move |cursor| {
            let want = limit.map_or(page_size, |l| {
                (u64::from(l) - fetched).min(u64::from(page_size)) as u32
            });
            let page = fetch(want, cursor);
            let next = match &page {
                Ok(p) if !p.items.is_empty() => {
                    fetched += p.items.len() as u64;
                    p.next_cursor
                        .clone()
                        .filter(|_| limit.is_none_or(|l| fetched < u64::from(l)))
                }
                _ => None,
            };
            (page, next)
        },
        |pages| {
            let mut walked = Walked::default();
            for (n, page) in pages.iter().enumerate() {
                let page = page?;
                if n == 0 {
                    walked.total = page.total;
                }
                for item in &page.items {
                    each(item)?;
                    walked.seen += 1;
                }
                if page.next_cursor.is_some()
                    && !page.items.is_empty()
                    && limit.is_some_and(|l| walked.seen >= u64::from(l))
                {
                    walked.more = true;
                }
            }
            Ok(walked)
        },
    )
}

/// Runs `fetch` on a second thread, one page ahead of `consume`: `fetch(cursor)` gives a
/// page and the next page's cursor (`None` ends the walk). At most two pages are held;
/// when `consume` returns (done, or at its first error) the fetcher stops at its next
/// page, and a panic on the fetching side is resumed here.
fn one_page_ahead<P: Send, R>(
    mut fetch: impl FnMut(Option<&str>) -> (Result<P>, Option<String>) + Send,
    consume: impl FnOnce(std::sync::mpsc::Receiver<Result<P>>) -> Result<R>,
) -> Result<R> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<P>>(1);
    std::thread::scope(|scope| {
        let fetcher = scope.spawn(move || {
            let mut cursor: Option<String> = None;
            loop {
                let (page, next) = fetch(cursor.as_deref());
                // The receiver is gone when the consumer is done: stop fetching.
                if tx.send(page).is_err() {
                    return;
                }
                match next {
                    Some(c) => cursor = Some(c),
                    None => return,
                }
            }
        });
        // `consume` owns the receiver: it is dropped before the join below.
        let result = consume(rx);
        if let Err(panic) = fetcher.join() {
            std::panic::resume_unwind(panic);
        }
        result
    })
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

    /// The prefetching walk asks for the same pages, hands over the same items and says
    /// the same as the sequential one, whatever the limit.
    #[test]
    fn the_prefetching_walk_agrees_with_the_sequential_one() {
        let pages = [
            page(&[1, 2], Some("c1")),
            page(&[3, 4], Some("c2")),
            page(&[5], None),
        ];
        let script = |asked: &mut Vec<(u32, Option<String>)>, n: u32, c: Option<&str>| {
            asked.push((n, c.map(str::to_string)));
            Ok(pages[asked.len() - 1].clone())
        };
        for limit in [None, Some(1), Some(2), Some(3), Some(4), Some(5), Some(9)] {
            let (mut a1, mut a2) = (Vec::new(), Vec::new());
            let (mut g1, mut g2) = (Vec::new(), Vec::new());
            let w1 = walk_pages(
                limit,
                2,
                |n, c| script(&mut a1, n, c),
                |i| {
                    g1.push(*i);
                    Ok(())
                },
            )
            .unwrap();
            let w2 = walk_pages_prefetched(
                limit,
                2,
                |n, c| script(&mut a2, n, c),
                |i| {
                    g2.push(*i);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!((&a1, &g1, w1), (&a2, &g2, w2), "limit {limit:?}");
        }
    }

    #[test]
    fn the_prefetching_walk_ends_at_the_first_error_of_either_side() {
        let mut calls = 0;
        let err = walk_pages_prefetched(
            None,
            2,
            |_, _| {
                calls += 1;
                if calls == 2 {
                    Err(crate::error::Error::failure("page 2 broke"))
                } else {
                    Ok(page(&[calls, calls], Some("more")))
                }
            },
            |_| Ok(()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("page 2 broke"), "{err}");
        assert_eq!(calls, 2, "nothing fetched after the failing page");

        // The writer fails (a closed pipe): the fetcher stops within a page or two.
        let mut calls = 0;
        let err = walk_pages_prefetched(
            None,
            2,
            |_, _| {
                calls += 1;
                assert!(calls < 10, "the fetcher kept going after the writer failed");
                Ok(page(&[1, 2], Some("more")))
            },
            |_| Err(crate::error::Error::failure("stdout closed")),
        )
        .unwrap_err();
        assert!(err.to_string().contains("stdout closed"), "{err}");
        assert!(calls <= 3, "{calls} pages fetched");
    }

    /// The pipelined walk (cursor from the Link header, body read on the writer's side)
    /// asks for the same pages and hands over the same items as the sequential one.
    #[test]
    fn the_pipelined_walk_agrees_with_the_sequential_one() {
        let pages = [
            page(&[1, 2], Some("c1")),
            page(&[3, 4], Some("c2")),
            page(&[5], None),
        ];
        let (mut a1, mut a2) = (Vec::new(), Vec::new());
        let (mut g1, mut g2) = (Vec::new(), Vec::new());
        let w1 = walk_pages(
            None,
            2,
            |n, c| {
                a1.push((n, c.map(str::to_string)));
                Ok(pages[a1.len() - 1].clone())
            },
            |i| {
                g1.push(*i);
                Ok(())
            },
        )
        .unwrap();
        let w2 = walk_all_pipelined(
            2,
            |n, c| {
                a2.push((n, c.map(str::to_string)));
                let p = pages[a2.len() - 1].clone();
                let next = p.next_cursor.clone();
                Ok((p, next))
            },
            Ok,
            |i| {
                g2.push(*i);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!((&a1, &g1, w1), (&a2, &g2, w2));
    }

    /// A Link header that names another next page than the body is refused (a proxy or a
    /// server that would make the walk skip or repeat devices); a failing page or body
    /// ends the walk with its own error.
    #[test]
    fn the_pipelined_walk_refuses_a_link_that_disagrees_and_stops_at_errors() {
        let err = walk_all_pipelined(
            2,
            |_, _| Ok((page(&[1, 2], Some("c1")), Some("other".to_string()))),
            Ok,
            |_| Ok(()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("another next page"), "{err}");
        let mut calls = 0;
        let err = walk_all_pipelined(
            2,
            |_, _| {
                calls += 1;
                assert!(calls < 10, "the fetcher kept going");
                Ok((calls, Some("more".to_string())))
            },
            |n| {
                if n == 2 {
                    Err(crate::error::Error::failure("page 2 is not JSON"))
                } else {
                    Ok(page(&[1], Some("more")))
                }
            },
            |_| Ok(()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("page 2 is not JSON"), "{err}");
        assert!(calls <= 4, "{calls} pages fetched");
        let mut calls = 0;
        let w = walk_all_pipelined(
            2,
            |_, _| {
                calls += 1;
                assert!(calls < 10, "the pager keeps asking for empty pages");
                Ok((page(&[], Some("again")), Some("again".to_string())))
            },
            Ok,
            |_| Ok(()),
        )
        .unwrap();
        assert_eq!(w.seen, 0);
    }

    #[test]
    fn the_next_cursor_is_read_from_the_link_header() {
        use reqwest::header::{HeaderMap, HeaderValue, LINK};
        let mut h = HeaderMap::new();
        assert_eq!(rest::next_cursor_of(&h), None);
        h.insert(
            LINK,
            HeaderValue::from_static(
                "</v1/devices?limit=1000&cursor=eyJ%2Bk%3D&filter=a+b>; rel=\"next\"",
            ),
        );
        assert_eq!(rest::next_cursor_of(&h).as_deref(), Some("eyJ+k="));
        h.insert(
            LINK,
            HeaderValue::from_static("</v1/devices?cursor=x>; rel=\"prev\""),
        );
        assert_eq!(rest::next_cursor_of(&h), None);
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
