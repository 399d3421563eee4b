//! The server's clock. Every expiry the server decides (elevations, approvals, tokens,
//! break-glass, enrollment tokens, lockouts, previews, TOTP steps) reads this clock, so
//! tests move it forward instead of sleeping. It is wall time plus an offset that only
//! the sandbox's test hooks change (0 otherwise, so real authenticators agree with it).
//! The hooks record the offset in the database (`OFFSET_META`), so a restarted sandbox
//! and `mdm sandbox otp` see the same time.

use std::sync::atomic::{AtomicI64, Ordering};

static OFFSET_SECS: AtomicI64 = AtomicI64::new(0);

/// The `meta` key holding the offset the test hooks set.
pub const OFFSET_META: &str = "test_clock_offset_secs";

/// Sets the offset (restoring a test sandbox's recorded time on start).
pub fn set_offset(secs: i64) {
    OFFSET_SECS.store(secs, Ordering::SeqCst);
}

/// Server time, Unix seconds.
pub fn now_unix() -> i64 {
    mdm_model::time::now_unix() + OFFSET_SECS.load(Ordering::SeqCst)
}

/// Server time, RFC 3339.
pub fn now_rfc3339() -> String {
    mdm_model::time::unix_to_rfc3339(now_unix())
}

/// Moves the clock forward (test hooks only); returns the new server time.
pub fn advance(secs: u32) -> i64 {
    OFFSET_SECS.fetch_add(i64::from(secs), Ordering::SeqCst);
    now_unix()
}

/// How far the clock was moved.
pub fn offset() -> i64 {
    OFFSET_SECS.load(Ordering::SeqCst)
}
