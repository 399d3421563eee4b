//! Jamf's computers and mobile devices as mdm's [`Device`]. Decisions, in one place:
//! - The mdm id is `jamf_c<id>` for a computer and `jamf_m<id>` for a mobile device:
//!   Jamf numbers the two inventories separately, so a bare id would be ambiguous.
//! - Platform: a computer is `macos`; a mobile device of `type` `ios` is `ios`. Apple TV,
//!   Watch and Vision Pro have no word in mdm's vocabulary: left out and counted.
//! - Status: `retired` when Jamf no longer manages the device
//!   (`general.remoteManagement.managed`, or the detail's `managed`, is false), else
//!   `online` when it checked in within the last day (`lastContactTime`,
//!   `lastInventoryUpdateTimestamp`), else `offline`. `wiped` is mdm's own (an erase
//!   acknowledged), kept until Jamf shows the device re-enrolled.
//! - Owner: `userAndLocation` (computers) or `location` (mobile devices): real name,
//!   email and phone. Compliance is `unknown`: Jamf has no compliance state of mdm's kind.
//! - Groups: the computer's `groupMemberships`, the mobile device's detail `groups`.

use mdm_model::domain::{Compliance, DeviceStatus, Platform};
use mdm_model::types::Device;
use serde::Deserialize;

pub const COMPUTER_PREFIX: &str = "jamf_c";
pub const MOBILE_PREFIX: &str = "jamf_m";

/// A device checked in within this long reads as online.
const ONLINE_WITHIN: i64 = 24 * 3600;

/// Which of Jamf's two inventories a device is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inventory {
    Computer,
    Mobile,
}

/// The Jamf inventory and id of an mdm device id (`jamf_c12` → computer 12).
pub fn jamf_id(device_id: &str) -> Option<(Inventory, u64)> {
    if let Some(n) = device_id.strip_prefix(COMPUTER_PREFIX) {
        return n.parse().ok().map(|n| (Inventory::Computer, n));
    }
    device_id
        .strip_prefix(MOBILE_PREFIX)?
        .parse()
        .ok()
        .map(|n| (Inventory::Mobile, n))
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Computer {
    pub id: String,
    pub udid: Option<String>,
    pub general: Option<General>,
    pub hardware: Option<Hardware>,
    pub operating_system: Option<OperatingSystem>,
    pub user_and_location: Option<UserAndLocation>,
    pub group_memberships: Option<Vec<GroupMembership>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct General {
    pub name: Option<String>,
    pub last_contact_time: Option<String>,
    pub last_enrolled_date: Option<String>,
    pub management_id: Option<String>,
    pub remote_management: Option<RemoteManagement>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RemoteManagement {
    pub managed: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Hardware {
    pub model: Option<String>,
    pub serial_number: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OperatingSystem {
    pub version: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct UserAndLocation {
    pub username: Option<String>,
    pub realname: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GroupMembership {
    pub group_name: Option<String>,
}

/// A mobile device as the v2 list gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Mobile {
    pub id: String,
    pub name: Option<String>,
    pub serial_number: Option<String>,
    pub management_id: Option<String>,
    pub model: Option<String>,
    pub phone_number: Option<String>,
    pub username: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// A mobile device's detail (`GET /v2/mobile-devices/{id}/detail`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MobileDetail {
    pub id: String,
    pub name: Option<String>,
    pub serial_number: Option<String>,
    pub management_id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub os_version: Option<String>,
    pub managed: Option<bool>,
    pub last_inventory_update_timestamp: Option<String>,
    pub last_enrollment_timestamp: Option<String>,
    pub location: Option<Location>,
    pub ios: Option<IosDetail>,
    pub groups: Option<Vec<MobileGroup>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Location {
    pub username: Option<String>,
    pub real_name: Option<String>,
    pub email_address: Option<String>,
    pub phone_number: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IosDetail {
    pub model: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MobileGroup {
    pub group_name: Option<String>,
}

/// A device mdm cannot show (an Apple TV, Watch or Vision Pro).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped(pub String);

impl std::fmt::Display for Unmapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Jamf device type {:?} has no mdm platform", self.0)
    }
}

fn s(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn status(managed: bool, last: &str, now: i64) -> DeviceStatus {
    if !managed {
        return DeviceStatus::Retired;
    }
    let seen = crate::backend::copy::unix(last);
    if seen > 0 && now - seen <= ONLINE_WITHIN {
        DeviceStatus::Online
    } else {
        DeviceStatus::Offline
    }
}

/// A computer with its management id (commands are addressed by it).
pub fn computer(c: &Computer, now: i64) -> (Device, String) {
    let g = c.general.clone().unwrap_or_default();
    let hw = c.hardware.clone().unwrap_or_default();
    let user = c.user_and_location.clone().unwrap_or_default();
    let managed = g
        .remote_management
        .as_ref()
        .and_then(|m| m.managed)
        .unwrap_or(true);
    let last = s(&g.last_contact_time);
    let groups = c
        .group_memberships
        .iter()
        .flatten()
        .filter_map(|m| m.group_name.clone())
        .collect();
    let d = Device {
        id: format!("{COMPUTER_PREFIX}{}", c.id),
        serial: s(&hw.serial_number),
        name: s(&g.name),
        platform: Platform::Macos,
        model: s(&hw.model),
        os_version: c
            .operating_system
            .as_ref()
            .map(|o| s(&o.version))
            .unwrap_or_default(),
        owner_name: s(&user.realname),
        owner_email: s(&user.email),
        owner_phone: s(&user.phone),
        groups,
        status: status(managed, &last, now),
        compliance: Compliance::Unknown,
        locked: false,
        enrolled_at: s(&g.last_enrolled_date),
        last_seen: last,
    };
    (d, s(&g.management_id))
}

/// A mobile device from its detail, with its management id.
pub fn mobile(m: &MobileDetail, now: i64) -> Result<(Device, String), Unmapped> {
    let kind = m.kind.clone().unwrap_or_else(|| "ios".into());
    if kind != "ios" {
        return Err(Unmapped(kind));
    }
    let loc = m.location.clone().unwrap_or_default();
    let last = s(&m.last_inventory_update_timestamp);
    let d = Device {
        id: format!("{MOBILE_PREFIX}{}", m.id),
        serial: s(&m.serial_number),
        name: s(&m.name),
        platform: Platform::Ios,
        model: m.ios.as_ref().map(|i| s(&i.model)).unwrap_or_default(),
        os_version: s(&m.os_version),
        owner_name: s(&loc.real_name),
        owner_email: s(&loc.email_address),
        owner_phone: s(&loc.phone_number),
        groups: m
            .groups
            .iter()
            .flatten()
            .filter_map(|g| g.group_name.clone())
            .collect(),
        status: status(m.managed.unwrap_or(true), &last, now),
        compliance: Compliance::Unknown,
        locked: false,
        enrolled_at: s(&m.last_enrollment_timestamp),
        last_seen: last,
    };
    Ok((d, s(&m.management_id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computers_and_mobiles_map_and_other_apple_devices_are_left_out() {
        let now = crate::backend::copy::unix("2026-12-01T12:00:00Z");
        let c: Computer = serde_json::from_value(serde_json::json!({
            "id": "12", "udid": "U",
            "general": {"name": "Ana's Mac", "lastContactTime": "2026-12-01T10:00:00Z",
                        "managementId": "m-1", "remoteManagement": {"managed": true}},
            "hardware": {"serialNumber": "C02X", "model": "MacBook Air"},
            "operatingSystem": {"version": "14.6.1"},
            "userAndLocation": {"realname": "Ana", "email": "ana@example.org"},
            "groupMemberships": [{"groupName": "Design Macs", "groupId": "2"}],
        }))
        .unwrap();
        let (d, mid) = computer(&c, now);
        assert_eq!(d.id, "jamf_c12");
        assert_eq!(jamf_id(&d.id), Some((Inventory::Computer, 12)));
        assert_eq!(mid, "m-1");
        assert_eq!(d.status, DeviceStatus::Online);
        assert_eq!(d.groups, vec!["Design Macs".to_string()]);
        assert_eq!(d.os_version, "14.6.1");
        let m: MobileDetail = serde_json::from_value(serde_json::json!({
            "id": "3", "type": "ios", "managed": false, "osVersion": "17.5",
            "lastInventoryUpdateTimestamp": "2026-11-01T10:00:00Z",
            "location": {"realName": "Ben", "emailAddress": "ben@example.org"},
        }))
        .unwrap();
        let (d, _) = mobile(&m, now).unwrap();
        assert_eq!(d.id, "jamf_m3");
        assert_eq!(d.status, DeviceStatus::Retired);
        assert_eq!(jamf_id("jamf_m3"), Some((Inventory::Mobile, 3)));
        let tv = MobileDetail {
            kind: Some("tvos".into()),
            ..MobileDetail::default()
        };
        assert!(mobile(&tv, now).is_err());
        assert_eq!(jamf_id("fleet_3"), None);
        assert_eq!(jamf_id("jamf_cx"), None);
    }
}
