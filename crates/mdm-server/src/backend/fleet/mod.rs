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

use super::features::{Feature, Features, Support};

/// What the Fleet backend does (the README's backend table is rendered from this).
pub const FEATURES: Features = [
    (
        Feature::Inventory,
        Support::Yes(
            "synced from `GET /hosts` (id cursor, checked against `/hosts/count`); Linux and ChromeOS hosts are left out",
        ),
    ),
    (
        Feature::Groups,
        Support::Yes("Fleet teams, and its regular labels as `label: NAME`"),
    ),
    (
        Feature::Lock,
        Support::Yes(
            "`POST /hosts/:id/lock` (a Mac's unlock PIN, `view_pin`, shown once by `mdm actions pins`); no lock message or callback number (refused at preview)",
        ),
    ),
    (
        Feature::Unlock,
        Support::Yes("`POST /hosts/:id/unlock` (a Mac is unlocked at the device with its PIN)"),
    ),
    (
        Feature::Wipe,
        Support::Yes(
            "`POST /hosts/:id/wipe` (Windows: `doWipeProtected`); keeping data or enrollment is refused at preview",
        ),
    ),
    (
        Feature::Retire,
        Support::Yes("`DELETE /hosts/:id/mdm` (macOS, iOS, iPadOS, Android)"),
    ),
    (
        Feature::SyncRestart,
        Support::Yes(
            "`sync` → `refetch`; others refused at preview (raw MDM commands only, from Fleet)",
        ),
    ),
    (
        Feature::PushApp,
        Support::Refused("install software from Fleet's own library (Fleet's software page)"),
    ),
    (
        Feature::PushProfile,
        Support::Refused("add the profile to Fleet's OS settings"),
    ),
    (
        Feature::Policy,
        Support::Refused(
            "Fleet's policies are osquery checks, not mdm's settings: manage them in Fleet \
             (its policies and OS settings)",
        ),
    ),
    (
        Feature::Enrollment,
        Support::Refused(
            "enroll hosts with Fleet's own packages and enrollment profiles; they appear in \
             mdm at the next sync",
        ),
    ),
    (Feature::VendorApproval, Support::Absent),
    (
        Feature::OutOfBand,
        Support::Yes(
            "Fleet's activity feed (`GET /activities`; the gateway's own API user told apart) → `vendor.out_of_band_change`",
        ),
    ),
    (
        Feature::Batching,
        Support::Yes(
            "one host per request, explicit ids (never the batch delete); 429 `retry-after` honoured",
        ),
    ),
];

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
