//! The domain and wire model of the mdm REST API v1, shared by the CLI and the server:
//! wire types, the filter language, the policy model and its weakening classifier, the
//! audit event's canonical form and chain, TOTP, and the validation both sides apply.
//! No HTTP, no SQLite, no clap: what is decided here is decided the same way on both
//! sides of the wire.

pub mod action;
pub mod audit;
pub mod domain;
pub mod escape;
pub mod filter;
pub mod policy;
pub mod profile;
pub mod suggest;
pub mod time;
pub mod totp;
pub mod types;
pub mod url;
pub mod validate;
