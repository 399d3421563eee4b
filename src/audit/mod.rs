//! The audit trail on the client side: the chain's canonical form, SIEM formats, export
//! and forwarding, verification against pinned checkpoints, and the local journal.

pub mod chain;
pub mod formats;
pub mod forward;
pub mod journal;
pub mod verify;
