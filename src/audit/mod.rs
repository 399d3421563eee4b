//! The audit trail on the client side: SIEM formats, export
//! and forwarding, verification against pinned checkpoints, and the local journal.

pub mod formats;
pub mod forward;
pub mod journal;
pub mod scan;
pub mod verify;
