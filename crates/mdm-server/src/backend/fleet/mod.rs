//! The Fleet backend (fleetdm.com, open source, osquery-based): the gateway carries out
//! mdm's actions through Fleet's REST API with an API-only user's token, which lives only
//! in the gateway.
//!
//! - [`client`]: the HTTP client (bearer token, Fleet's errors, 429/503 waited out);
//! - [`hosts`]: Fleet's host in mdm's terms;
//! - [`activities`]: Fleet's activity feed, for changes made around the gateway;
//! - [`backend`](mod@backend): the backend itself (inventory copy, commands, outcomes);
//! - [`check`](mod@check): what `mdm gateway check` reports.

pub mod activities;
pub mod backend;
pub mod check;
pub mod client;
pub mod hosts;

pub use backend::{Fleet, SyncReport};
pub use client::{FleetClient, FleetError};

use super::intune::SecretValue;
use std::time::Duration;

/// Everything the Fleet backend needs, resolved from the gateway's config.
#[derive(Debug, Clone, PartialEq)]
pub struct FleetConfig {
    /// The Fleet server (`https://fleet.example.org`; `http://` only to loopback).
    pub url: url::Url,
    /// The API-only user's token (read from its file, never from the config).
    pub api_token: SecretValue,
    /// Hosts per page of a sync.
    pub per_page: u32,
    /// How often the inventory is refreshed after the first full sync.
    pub sync_interval: Duration,
    /// How often Fleet's activity feed is read for changes made around the gateway.
    pub audit_interval: Duration,
}
