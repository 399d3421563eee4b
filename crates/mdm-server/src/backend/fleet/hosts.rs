//! Fleet's host as mdm's [`Device`]. Decisions, in one place:
//! - The mdm id is `fleet_<host id>`: Fleet's ids are integers, and a bare number would
//!   read as a serial or a count.
//! - Platform from `platform`: `darwin` is `macos`, `ios` and `ipados` are `ios`,
//!   `windows`, `android`. Linux and ChromeOS hosts have no word in mdm's vocabulary;
//!   they are left out and counted (aiming a phone's commands at a server is worse).
//! - `os_version` is Fleet's text without its name (`macOS 14.6.1` → `14.6.1`), the last
//!   word that starts with a digit.
//! - Status: `retired` when MDM is off (`mdm.enrollment_status` `Off`), `wiped` once
//!   `mdm.device_status` says so, else Fleet's `online`/`offline` (`mia`, `new` and
//!   anything newer read as `offline`).
//! - Locked: `mdm.device_status` is `locked`.
//! - Owner: the IdP user Fleet maps to the host (`end_users` on a host, `device_mapping`
//!   on a list); Fleet has no phone number. Compliance is `unknown`: Fleet's policies are
//!   osquery checks, not mdm's compliance.
//! - Groups: the host's team.

use mdm_model::domain::{Compliance, DeviceStatus, Platform};
use mdm_model::types::Device;
use serde::Deserialize;

pub const ID_PREFIX: &str = "fleet_";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FleetHost {
    pub id: u64,
    pub hostname: String,
    pub display_name: String,
    pub computer_name: String,
    pub hardware_serial: String,
    pub hardware_model: String,
    pub platform: String,
    pub os_version: String,
    pub status: String,
    pub seen_time: String,
    pub last_enrolled_at: String,
    pub team_name: Option<String>,
    pub mdm: Option<HostMdm>,
    pub device_mapping: Option<Vec<Mapping>>,
    pub end_users: Option<Vec<EndUser>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HostMdm {
    pub enrollment_status: Option<String>,
    pub device_status: Option<String>,
    pub pending_action: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Mapping {
    pub email: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EndUser {
    pub idp_username: String,
    pub idp_full_name: String,
}

/// A host mdm cannot show (its platform has no mdm name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped(pub String);

impl std::fmt::Display for Unmapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fleet platform {:?} has no mdm platform", self.0)
    }
}

/// The Fleet host id of an mdm device id (`fleet_42` → 42).
pub fn host_id(device_id: &str) -> Option<u64> {
    device_id.strip_prefix(ID_PREFIX)?.parse().ok()
}

pub fn platform(p: &str) -> Option<Platform> {
    match p {
        "darwin" => Some(Platform::Macos),
        "ios" | "ipados" => Some(Platform::Ios),
        "windows" => Some(Platform::Windows),
        "android" => Some(Platform::Android),
        _ => None,
    }
}

fn version(os: &str) -> String {
    os.split_whitespace()
        .rev()
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(os)
        .to_string()
}

impl FleetHost {
    pub fn mdm_state(&self) -> (&str, &str, &str) {
        let m = self.mdm.as_ref();
        (
            m.and_then(|m| m.enrollment_status.as_deref()).unwrap_or(""),
            m.and_then(|m| m.device_status.as_deref()).unwrap_or(""),
            m.and_then(|m| m.pending_action.as_deref()).unwrap_or(""),
        )
    }

    /// Whether MDM is turned off for the host (unenrolled).
    pub fn mdm_off(&self) -> bool {
        self.mdm_state().0.eq_ignore_ascii_case("off")
    }
}

pub fn to_device(h: &FleetHost) -> Result<Device, Unmapped> {
    let platform = platform(&h.platform).ok_or_else(|| Unmapped(h.platform.clone()))?;
    let (_, device_status, _) = h.mdm_state();
    let status = if h.mdm_off() {
        DeviceStatus::Retired
    } else if device_status == "wiped" {
        DeviceStatus::Wiped
    } else if h.status == "online" {
        DeviceStatus::Online
    } else {
        DeviceStatus::Offline
    };
    let user = h.end_users.as_ref().and_then(|u| u.first());
    let email = h
        .device_mapping
        .as_ref()
        .and_then(|m| m.first())
        .map(|m| m.email.clone())
        .or_else(|| user.map(|u| u.idp_username.clone()))
        .unwrap_or_default();
    let name = [&h.display_name, &h.computer_name, &h.hostname]
        .into_iter()
        .find(|n| !n.is_empty())
        .cloned()
        .unwrap_or_default();
    Ok(Device {
        id: format!("{ID_PREFIX}{}", h.id),
        serial: h.hardware_serial.clone(),
        name,
        platform,
        model: h.hardware_model.clone(),
        os_version: version(&h.os_version),
        owner_name: user.map(|u| u.idp_full_name.clone()).unwrap_or_default(),
        owner_email: email,
        owner_phone: String::new(),
        groups: h.team_name.iter().cloned().collect(),
        status,
        compliance: Compliance::Unknown,
        locked: device_status == "locked",
        enrolled_at: h.last_enrolled_at.clone(),
        last_seen: h.seen_time.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(platform: &str, os: &str) -> FleetHost {
        FleetHost {
            id: 42,
            display_name: "Ana's MacBook".into(),
            hardware_serial: "C02XYZ".into(),
            platform: platform.into(),
            os_version: os.into(),
            status: "online".into(),
            ..FleetHost::default()
        }
    }

    #[test]
    fn hosts_map_to_devices_and_linux_is_left_out() {
        let d = to_device(&host("darwin", "macOS 14.6.1")).unwrap();
        assert_eq!(d.id, "fleet_42");
        assert_eq!(host_id(&d.id), Some(42));
        assert_eq!(d.platform, Platform::Macos);
        assert_eq!(d.os_version, "14.6.1");
        assert_eq!(d.status, DeviceStatus::Online);
        assert_eq!(
            to_device(&host("windows", "Windows 11 Pro 23H2 10.0.22631"))
                .unwrap()
                .os_version,
            "10.0.22631"
        );
        assert_eq!(
            to_device(&host("ipados", "iPadOS 17.5")).unwrap().platform,
            Platform::Ios
        );
        assert!(to_device(&host("ubuntu", "Ubuntu 22.04")).is_err());
        let mut h = host("darwin", "macOS 15.1");
        h.status = "mia".into();
        h.mdm = Some(HostMdm {
            device_status: Some("locked".into()),
            ..HostMdm::default()
        });
        let d = to_device(&h).unwrap();
        assert_eq!(d.status, DeviceStatus::Offline);
        assert!(d.locked);
        h.mdm = Some(HostMdm {
            enrollment_status: Some("Off".into()),
            ..HostMdm::default()
        });
        assert_eq!(to_device(&h).unwrap().status, DeviceStatus::Retired);
        assert_eq!(host_id("dev_1"), None);
        assert_eq!(host_id("fleet_x"), None);
    }
}
