//! The Jamf Pro backend: the gateway carries out mdm's actions through the Jamf Pro API
//! with an API client's credentials (client id and secret), which live only in the
//! gateway.
//!
//! - [`client`]: the HTTP client (OAuth client credentials → bearer token renewed before
//!   it expires, at most `max_connections` requests at once, 429/503 waited out, Jamf's
//!   errors typed; a 403 names the privilege the operation needs);
//! - [`inventory`]: Jamf's computers and mobile devices in mdm's terms;
//! - [`apps`]: catalog apps as App Installers deployments to smart computer groups;
//! - [`backend`](mod@backend): the backend itself (inventory copy, commands, outcomes,
//!   the MDM command history as the record of changes made around the gateway);
//! - [`check`](mod@check): what `mdm gateway check` reports.

pub mod apps;
pub mod backend;
pub mod check;
pub mod client;
pub mod inventory;

pub use backend::{Jamf, SyncReport};
pub use client::{JamfClient, JamfError};

use super::features::{Feature, Features, Support};
use super::intune::SecretValue;
use std::time::Duration;

/// Jamf asks API clients for at most this many connections at once.
pub const MAX_CONNECTIONS: usize = 5;

/// Everything the Jamf backend needs, resolved from the gateway's config.
#[derive(Debug, Clone, PartialEq)]
pub struct JamfConfig {
    /// The Jamf Pro server (`https://example.jamfcloud.com`; `http://` only to loopback).
    pub url: url::Url,
    /// The API client's id (Jamf Pro: Settings → API roles and clients).
    pub client_id: String,
    /// Its secret (read from its file or variable, never from the config).
    pub client_secret: SecretValue,
    /// Records per inventory page (`page-size`).
    pub page_size: u32,
    /// Requests in flight at once (1 to [`MAX_CONNECTIONS`]).
    pub max_connections: usize,
    /// How often the inventory is refreshed after the first full sync.
    pub sync_interval: Duration,
    /// How often the MDM command history is read for commands sent around the gateway.
    pub audit_interval: Duration,
}

/// What the Jamf Pro backend does (the README's backend table is rendered from this).
pub const FEATURES: Features = [
    (
        Feature::Inventory,
        Support::Yes(
            "synced from `GET /v3/computers-inventory` and `GET /v2/mobile-devices` (0-based `page`/`page-size`, checked against `totalCount`)",
        ),
    ),
    (
        Feature::Groups,
        Support::Yes("Jamf computer groups and mobile device groups (static and smart), by name"),
    ),
    (
        Feature::Lock,
        Support::Yes(
            "`DEVICE_LOCK` through `POST /v2/mdm/commands` (`--message`, `--callback-number`; a Mac gets a random 6-digit PIN, which `mdm actions pins` shows once to the requester)",
        ),
    ),
    (
        Feature::Unlock,
        Support::Refused(
            "unlock a Mac at the device with its PIN (`mdm actions pins`); Jamf Pro has no remote unlock",
        ),
    ),
    (
        Feature::Wipe,
        Support::Yes(
            "`POST /v1/computer-inventory/:id/erase` (a random 6-digit PIN, as for a lock), `POST /v2/mobile-devices/:id/erase`; `--keep-enrollment` and `--keep-user-data` refused at preview (Return to Service is Jamf's own)",
        ),
    ),
    (
        Feature::Retire,
        Support::Yes(
            "computers: `POST /v1/computer-inventory/:id/remove-mdm-profile`; mobile devices: `POST /v2/mobile-devices/:id/unmanage`",
        ),
    ),
    (
        Feature::SyncRestart,
        Support::Yes(
            "`restart` → `RESTART_DEVICE`, `shutdown` → `SHUT_DOWN_DEVICE`, `sync` → `DEVICE_INFORMATION`; others refused at preview (`clear-passcode` needs the device's unlock token, which only Jamf holds)",
        ),
    ),
    (
        Feature::PushApp,
        Support::Yes(
            "catalog apps that reference an App Installers title (`apps add --jamf-app-title ID`) → `POST /v1/app-installers/deployments` to a smart computer group, enabled only once Jamf's version is the pinned one; devices, filters, static or mobile groups and `--uninstall` refused at preview",
        ),
    ),
    (
        Feature::PushProfile,
        Support::Refused("scope configuration profiles in Jamf Pro"),
    ),
    (
        Feature::Policy,
        Support::Refused(
            "Jamf expresses passcode, encryption and OS settings as configuration profiles and smart groups, not as mdm's settings: manage them in Jamf Pro",
        ),
    ),
    (
        Feature::Enrollment,
        Support::Refused(
            "enroll devices with Jamf's own flows (Automated Device Enrollment, user-initiated enrollment); they appear in mdm at the next sync",
        ),
    ),
    (Feature::VendorApproval, Support::Absent),
    (
        Feature::OutOfBand,
        Support::Yes(
            "the MDM command history (`GET /v2/mdm/commands`): commands the gateway did not send → `vendor.out_of_band_change`",
        ),
    ),
    (
        Feature::Batching,
        Support::Yes(
            "one device per command request, 200 per step, at most `max_connections` (5, Jamf's guidance) at once; 429 and 503 waited out",
        ),
    ),
];
