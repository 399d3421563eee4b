//! Intune's `microsoft.graph.managedDevice` as mdm's [`Device`], and Intune's
//! `deviceActionResults` as mdm's per-device [`CommandStatus`].
//!
//! Decisions, in one place:
//! - Platform from `operatingSystem`: iOS and iPadOS are `ios`, Android in every flavour
//!   (`Android`, `AndroidEnterprise`, `AndroidForWork`) `android`, macOS `macos`, every
//!   Windows (`Windows`, `Windows Mobile`, `WindowsHolographic`) `windows`. Anything else
//!   (Linux, ChromeOS, `unknown`) is [`Unmapped`]: mdm's vocabulary has no word for it,
//!   and calling a Linux box `windows` would aim the wrong commands at it. The backend
//!   leaves such devices out and counts them.
//! - Compliance: `compliant`; `noncompliant` and `inGracePeriod` (non-compliant, access
//!   not yet blocked) are `noncompliant`; `unknown`, `conflict`, `error` and
//!   `configManager` (Intune does not decide) are `unknown`.
//! - Status: `wiped`/`retired` once Intune reports the wipe/retire done (its
//!   `deviceActionResults`, or beta's `managementState` `wipeIssued`/`retireIssued`);
//!   otherwise `online` if the device synced within [`ONLINE_WITHIN`] (Intune devices
//!   check in about every 8 hours), else `offline`.
//! - Locked: Graph has no lock state; a device counts as locked when its latest
//!   `remoteLock` is done and no `resetPasscode` was done after it.
//! - Owner e-mail is `emailAddress`, else `userPrincipalName`; mdm masks it on read.
//! - Groups are left empty: they come from Entra ID group membership, not from the device.

use mdm_model::domain::{CommandStatus, Compliance, DeviceStatus, Platform};
use mdm_model::types::Device;
use serde::Deserialize;
use std::fmt;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A device that synced this recently is shown `online`.
pub const ONLINE_WITHIN: i64 = 24 * 3600;

/// The `$select` of a v1.0 `managedDevices` list: exactly the fields [`to_device`] reads
/// (the full object is ~60 fields; 100,000 of them is a lot of bytes).
pub const MANAGED_DEVICE_SELECT: &[&str] = &[
    "id",
    "serialNumber",
    "deviceName",
    "operatingSystem",
    "osVersion",
    "model",
    "userDisplayName",
    "emailAddress",
    "userPrincipalName",
    "phoneNumber",
    "complianceState",
    "enrolledDateTime",
    "lastSyncDateTime",
    "deviceActionResults",
    "azureADDeviceId",
];

/// The beta list adds `managementState` (not in v1.0, where selecting it is a 400).
pub const MANAGED_DEVICE_SELECT_BETA: &[&str] = &[
    "id",
    "serialNumber",
    "deviceName",
    "operatingSystem",
    "osVersion",
    "model",
    "userDisplayName",
    "emailAddress",
    "userPrincipalName",
    "phoneNumber",
    "complianceState",
    "enrolledDateTime",
    "lastSyncDateTime",
    "deviceActionResults",
    "azureADDeviceId",
    "managementState",
];

/// The fields of a Graph `managedDevice` mdm reads; Graph sends `null` for many.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ManagedDevice {
    pub id: String,
    pub serial_number: Option<String>,
    pub device_name: Option<String>,
    pub operating_system: Option<String>,
    pub os_version: Option<String>,
    pub model: Option<String>,
    pub user_display_name: Option<String>,
    pub email_address: Option<String>,
    pub user_principal_name: Option<String>,
    pub phone_number: Option<String>,
    pub compliance_state: Option<String>,
    pub enrolled_date_time: Option<String>,
    pub last_sync_date_time: Option<String>,
    /// Beta only.
    pub management_state: Option<String>,
    #[serde(deserialize_with = "null_as_empty")]
    pub device_action_results: Vec<DeviceActionResult>,
    #[serde(rename = "azureADDeviceId")]
    pub azure_ad_device_id: Option<String>,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<DeviceActionResult>, D::Error> {
    Ok(Option::<Vec<DeviceActionResult>>::deserialize(d)?.unwrap_or_default())
}

/// One entry of `deviceActionResults`: what became of an action sent to the device.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeviceActionResult {
    pub action_name: Option<String>,
    pub action_state: Option<String>,
    pub start_date_time: Option<String>,
    pub last_updated_date_time: Option<String>,
}

/// Graph's `actionState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionState {
    None,
    Pending,
    Canceled,
    Active,
    Done,
    Failed,
    NotSupported,
}

impl ActionState {
    /// Every `actionState` Graph v1.0 defines, by its wire name.
    pub const ALL: [(&'static str, ActionState); 7] = [
        ("none", ActionState::None),
        ("pending", ActionState::Pending),
        ("canceled", ActionState::Canceled),
        ("active", ActionState::Active),
        ("done", ActionState::Done),
        ("failed", ActionState::Failed),
        ("notSupported", ActionState::NotSupported),
    ];

    /// The state by its wire name; `None` for a name Graph does not define.
    pub fn parse(s: &str) -> Option<ActionState> {
        ActionState::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s))
            .map(|(_, st)| *st)
    }

    /// The per-device status mdm shows for it. `none` ("not a valid action state") and
    /// `pending` are still waiting for the device (`sent`); `active` is being carried
    /// out (`sent`); `notSupported` is a failure the admin must see.
    pub fn command_status(self) -> CommandStatus {
        match self {
            ActionState::None | ActionState::Pending | ActionState::Active => CommandStatus::Sent,
            ActionState::Done => CommandStatus::Acknowledged,
            ActionState::Failed | ActionState::NotSupported => CommandStatus::Failed,
            ActionState::Canceled => CommandStatus::Cancelled,
        }
    }
}

/// A device mdm cannot show, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmapped {
    /// `operatingSystem` outside ios/android/macos/windows.
    Platform {
        id: String,
        operating_system: String,
    },
    /// No `id`.
    NoId,
}

impl fmt::Display for Unmapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unmapped::Platform {
                id,
                operating_system,
            } => write!(
                f,
                "Intune device {id} runs {operating_system:?}, which mdm does not manage \
                 (ios, android, macos, windows); left out"
            ),
            Unmapped::NoId => f.write_str("an Intune device without an id; left out"),
        }
    }
}

/// mdm's platform for an `operatingSystem` value.
pub fn platform(operating_system: &str) -> Option<Platform> {
    let os = operating_system.trim().to_ascii_lowercase();
    let os = os.as_str();
    if os == "ios" || os == "ipados" {
        Some(Platform::Ios)
    } else if os.starts_with("android") {
        Some(Platform::Android)
    } else if os == "macos" || os == "mac os" || os == "macmdm" {
        Some(Platform::Macos)
    } else if os.starts_with("windows") {
        Some(Platform::Windows)
    } else {
        None
    }
}

/// mdm's compliance for a `complianceState` value.
pub fn compliance(state: Option<&str>) -> Compliance {
    match state {
        Some("compliant") => Compliance::Compliant,
        Some("noncompliant" | "inGracePeriod") => Compliance::Noncompliant,
        _ => Compliance::Unknown,
    }
}

fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// An RFC 3339 UTC rendering of a Graph timestamp (Graph sends 7 fractional digits);
/// text that is not a timestamp is kept as it came.
fn rfc3339_utc(s: Option<&str>) -> String {
    let Some(s) = s else {
        return String::new();
    };
    parse_time(s)
        .and_then(|t| t.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok())
        .unwrap_or_else(|| s.to_string())
}

/// When an action result was last updated (Unix seconds; unknown is oldest).
fn updated_at(r: &DeviceActionResult) -> i64 {
    r.last_updated_date_time
        .as_deref()
        .or(r.start_date_time.as_deref())
        .and_then(parse_time)
        .map_or(i64::MIN, OffsetDateTime::unix_timestamp)
}

/// The latest result of the action named `action` (Graph's name, any case).
pub fn latest_result<'a>(md: &'a ManagedDevice, action: &str) -> Option<&'a DeviceActionResult> {
    md.device_action_results
        .iter()
        .filter(|r| {
            r.action_name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(action))
        })
        .max_by_key(|r| updated_at(r))
}

/// The per-device status of the latest `action` sent to `md`: `None` when Intune shows
/// no such action yet (it answers 204 and records the action later), and `Sent` for an
/// `actionState` Graph does not define.
pub fn action_status(md: &ManagedDevice, action: &str) -> Option<CommandStatus> {
    let r = latest_result(md, action)?;
    Some(
        r.action_state
            .as_deref()
            .and_then(ActionState::parse)
            .map_or(CommandStatus::Sent, ActionState::command_status),
    )
}

fn done(md: &ManagedDevice, action: &str) -> bool {
    action_status(md, action) == Some(CommandStatus::Acknowledged)
}

fn status(md: &ManagedDevice, now: i64) -> DeviceStatus {
    let ms = md.management_state.as_deref();
    if done(md, "wipe") || ms == Some("wipeIssued") {
        return DeviceStatus::Wiped;
    }
    if done(md, "retire") || ms == Some("retireIssued") {
        return DeviceStatus::Retired;
    }
    let synced = md
        .last_sync_date_time
        .as_deref()
        .and_then(parse_time)
        .map(OffsetDateTime::unix_timestamp);
    match synced {
        Some(t) if now - t <= ONLINE_WITHIN => DeviceStatus::Online,
        _ => DeviceStatus::Offline,
    }
}

fn locked(md: &ManagedDevice) -> bool {
    let Some(lock) = latest_result(md, "remoteLock") else {
        return false;
    };
    if lock.action_state.as_deref().and_then(ActionState::parse) != Some(ActionState::Done) {
        return false;
    }
    let reset_after = latest_result(md, "resetPasscode").is_some_and(|r| {
        r.action_state.as_deref().and_then(ActionState::parse) == Some(ActionState::Done)
            && updated_at(r) > updated_at(lock)
    });
    !reset_after
}

fn text(s: &Option<String>) -> String {
    s.as_deref().unwrap_or("").trim().to_string()
}

/// mdm's view of an Intune device at `now` (Unix seconds), or why it is left out.
pub fn to_device(md: &ManagedDevice, now: i64) -> Result<Device, Unmapped> {
    if md.id.is_empty() {
        return Err(Unmapped::NoId);
    }
    let os = md.operating_system.as_deref().unwrap_or("");
    let platform = platform(os).ok_or_else(|| Unmapped::Platform {
        id: md.id.clone(),
        operating_system: os.to_string(),
    })?;
    let email = match md.email_address.as_deref().map(str::trim) {
        Some(e) if !e.is_empty() => e.to_string(),
        _ => text(&md.user_principal_name),
    };
    Ok(Device {
        id: md.id.clone(),
        serial: text(&md.serial_number),
        name: text(&md.device_name),
        platform,
        model: text(&md.model),
        os_version: text(&md.os_version),
        owner_name: text(&md.user_display_name),
        owner_email: email,
        owner_phone: text(&md.phone_number),
        groups: Vec::new(),
        status: status(md, now),
        compliance: compliance(md.compliance_state.as_deref()),
        locked: locked(md),
        enrolled_at: rfc3339_utc(md.enrolled_date_time.as_deref()),
        last_seen: rfc3339_utc(md.last_sync_date_time.as_deref()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// 2023-07-01T12:00:00Z.
    const NOW: i64 = 1_688_212_800;

    /// A managedDevice as Graph v1.0 sends it (the schema's field names and formats;
    /// fields mdm does not read included, to show they are ignored).
    fn sample() -> serde_json::Value {
        json!({
            "@odata.type": "#microsoft.graph.managedDevice",
            "id": "0b6a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
            "userId": "u-1",
            "deviceName": "Ana's iPhone",
            "managedDeviceOwnerType": "company",
            "deviceActionResults": [
                {"@odata.type": "microsoft.graph.deviceActionResult",
                 "actionName": "remoteLock", "actionState": "done",
                 "startDateTime": "2023-07-01T09:00:00.0000000Z",
                 "lastUpdatedDateTime": "2023-07-01T09:01:00.0000000Z"}
            ],
            "enrolledDateTime": "2022-03-01T08:00:00.1234567Z",
            "lastSyncDateTime": "2023-07-01T10:30:00+02:00",
            "operatingSystem": "iOS",
            "complianceState": "inGracePeriod",
            "jailBroken": "False",
            "managementAgent": "mdm",
            "osVersion": "16.5.1",
            "easActivated": true,
            "azureADRegistered": true,
            "deviceEnrollmentType": "appleBulkWithUser",
            "emailAddress": "ana@example.org",
            "azureADDeviceId": "aad-1",
            "deviceRegistrationState": "registered",
            "isSupervised": true,
            "model": "iPhone 14",
            "manufacturer": "Apple",
            "serialNumber": "F2LXK0ABCD",
            "phoneNumber": "+32 470 12 34 12",
            "userPrincipalName": "ana@contoso.onmicrosoft.com",
            "userDisplayName": "Ana Lopez",
            "physicalMemoryInBytes": 0,
            "freeStorageSpaceInBytes": 1024
        })
    }

    fn md(v: serde_json::Value) -> ManagedDevice {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_graph_managed_device_maps_to_an_mdm_device() {
        let d = to_device(&md(sample()), NOW).unwrap();
        assert_eq!(d.id, "0b6a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d");
        assert_eq!(d.serial, "F2LXK0ABCD");
        assert_eq!(d.name, "Ana's iPhone");
        assert_eq!(d.platform, Platform::Ios);
        assert_eq!(d.model, "iPhone 14");
        assert_eq!(d.os_version, "16.5.1");
        assert_eq!(d.owner_name, "Ana Lopez");
        assert_eq!(d.owner_email, "ana@example.org");
        assert_eq!(d.owner_phone, "+32 470 12 34 12");
        assert!(d.groups.is_empty());
        assert_eq!(d.status, DeviceStatus::Online);
        assert_eq!(d.compliance, Compliance::Noncompliant);
        assert!(d.locked);
        assert_eq!(d.enrolled_at, "2022-03-01T08:00:00.1234567Z");
        assert_eq!(d.last_seen, "2023-07-01T08:30:00Z", "normalised to UTC");
    }

    #[test]
    fn nulls_and_missing_fields_do_not_fail() {
        let v = json!({"id": "x", "operatingSystem": "Windows", "deviceActionResults": null,
                       "serialNumber": null, "emailAddress": "", "userPrincipalName": "u@c.example",
                       "lastSyncDateTime": "0001-01-01T00:00:00Z"});
        let d = to_device(&md(v), NOW).unwrap();
        assert_eq!(d.platform, Platform::Windows);
        assert_eq!(d.serial, "");
        assert_eq!(d.owner_email, "u@c.example", "UPN when no e-mail");
        assert_eq!(d.status, DeviceStatus::Offline, "never synced");
        assert_eq!(d.compliance, Compliance::Unknown);
        assert!(!d.locked);
        assert_eq!(to_device(&md(json!({})), NOW), Err(Unmapped::NoId));
    }

    #[test]
    fn platforms_map_and_the_rest_is_left_out_with_a_reason() {
        for (os, p) in [
            ("iOS", Platform::Ios),
            ("iPadOS", Platform::Ios),
            ("Android", Platform::Android),
            ("AndroidEnterprise", Platform::Android),
            ("AndroidForWork", Platform::Android),
            ("macOS", Platform::Macos),
            ("Windows", Platform::Windows),
            ("Windows Mobile", Platform::Windows),
        ] {
            assert_eq!(platform(os), Some(p), "{os}");
        }
        for os in ["Linux", "ChromeOS", "unknown", ""] {
            assert_eq!(platform(os), None, "{os}");
        }
        let e = to_device(&md(json!({"id": "l1", "operatingSystem": "Linux"})), NOW).unwrap_err();
        assert!(e.to_string().contains("\"Linux\""), "{e}");
    }

    #[test]
    fn compliance_states_map() {
        assert_eq!(compliance(Some("compliant")), Compliance::Compliant);
        for s in ["noncompliant", "inGracePeriod"] {
            assert_eq!(compliance(Some(s)), Compliance::Noncompliant, "{s}");
        }
        for s in ["unknown", "conflict", "error", "configManager", "new"] {
            assert_eq!(compliance(Some(s)), Compliance::Unknown, "{s}");
        }
        assert_eq!(compliance(None), Compliance::Unknown);
    }

    #[test]
    fn status_follows_sync_time_and_finished_wipes_and_retires() {
        let mut v = sample();
        v["lastSyncDateTime"] = json!("2023-06-29T12:00:00Z");
        assert_eq!(
            to_device(&md(v.clone()), NOW).unwrap().status,
            DeviceStatus::Offline
        );
        v["deviceActionResults"] = json!([{"actionName": "wipe", "actionState": "pending"}]);
        assert_eq!(
            to_device(&md(v.clone()), NOW).unwrap().status,
            DeviceStatus::Offline
        );
        v["deviceActionResults"] = json!([{"actionName": "wipe", "actionState": "done"}]);
        assert_eq!(
            to_device(&md(v.clone()), NOW).unwrap().status,
            DeviceStatus::Wiped
        );
        v["deviceActionResults"] = json!([{"actionName": "retire", "actionState": "done"}]);
        assert_eq!(
            to_device(&md(v.clone()), NOW).unwrap().status,
            DeviceStatus::Retired
        );
        v["deviceActionResults"] = json!([]);
        v["managementState"] = json!("wipeIssued");
        assert_eq!(
            to_device(&md(v.clone()), NOW).unwrap().status,
            DeviceStatus::Wiped
        );
        v["managementState"] = json!("retirePending");
        assert_eq!(
            to_device(&md(v), NOW).unwrap().status,
            DeviceStatus::Offline
        );
    }

    #[test]
    fn a_passcode_reset_after_the_lock_unlocks() {
        let mut v = sample();
        v["deviceActionResults"] = json!([
            {"actionName": "remoteLock", "actionState": "done", "lastUpdatedDateTime": "2023-07-01T09:00:00Z"},
            {"actionName": "resetPasscode", "actionState": "done", "lastUpdatedDateTime": "2023-07-01T10:00:00Z"}
        ]);
        assert!(!to_device(&md(v.clone()), NOW).unwrap().locked);
        v["deviceActionResults"][1]["lastUpdatedDateTime"] = json!("2023-07-01T08:00:00Z");
        assert!(to_device(&md(v.clone()), NOW).unwrap().locked);
        v["deviceActionResults"][0]["actionState"] = json!("pending");
        assert!(!to_device(&md(v), NOW).unwrap().locked);
    }

    #[test]
    fn action_states_map_to_command_statuses() {
        let expect = [
            ("none", CommandStatus::Sent),
            ("pending", CommandStatus::Sent),
            ("canceled", CommandStatus::Cancelled),
            ("active", CommandStatus::Sent),
            ("done", CommandStatus::Acknowledged),
            ("failed", CommandStatus::Failed),
            ("notSupported", CommandStatus::Failed),
        ];
        for (name, status) in expect {
            assert_eq!(
                ActionState::parse(name).map(ActionState::command_status),
                Some(status),
                "{name}"
            );
        }
        assert_eq!(ActionState::parse("exploded"), None);
    }

    #[test]
    fn the_latest_result_of_an_action_decides() {
        let v = json!({"id": "d", "operatingSystem": "Android", "deviceActionResults": [
            {"actionName": "remoteLock", "actionState": "failed", "lastUpdatedDateTime": "2023-07-01T09:00:00Z"},
            {"actionName": "RemoteLock", "actionState": "done", "lastUpdatedDateTime": "2023-07-01T11:00:00Z"},
            {"actionName": "remoteLock", "actionState": "pending", "lastUpdatedDateTime": "2023-07-01T10:00:00Z"},
            {"actionName": "syncDevice", "actionState": "exploded"}
        ]});
        let m = md(v);
        assert_eq!(
            action_status(&m, "remoteLock"),
            Some(CommandStatus::Acknowledged)
        );
        assert_eq!(action_status(&m, "syncDevice"), Some(CommandStatus::Sent));
        assert_eq!(action_status(&m, "wipe"), None);
    }

    /// The `managedDevice` schema's block of `DeviceManagement.yml` (text; the file is
    /// 1.6 MB and this crate has no YAML parser).
    fn schema_block(doc: &str, name: &str) -> String {
        let start = doc
            .find(&format!("\n    {name}:\n"))
            .unwrap_or_else(|| panic!("{name} in the contract"));
        let rest = &doc[start + 1..];
        let end = rest[5..]
            .find("\n    microsoft.graph.")
            .map_or(rest.len(), |e| e + 5);
        rest[..end].to_string()
    }

    fn contract() -> String {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/contracts/graph/v1.0/DeviceManagement.yml");
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    #[test]
    fn the_select_names_only_fields_of_the_v1_schema() {
        let doc = contract();
        let block = schema_block(&doc, "microsoft.graph.managedDevice");
        for f in MANAGED_DEVICE_SELECT {
            if *f == "id" {
                continue; // from microsoft.graph.entity
            }
            assert!(
                block.contains(&format!("\n            {f}:\n")),
                "{f} is not a v1.0 managedDevice property"
            );
        }
        assert!(
            !block.contains("\n            managementState:\n"),
            "managementState is beta-only; if v1.0 gained it, select it there too"
        );
        let beta_extra: Vec<_> = MANAGED_DEVICE_SELECT_BETA
            .iter()
            .filter(|f| !MANAGED_DEVICE_SELECT.contains(f))
            .collect();
        assert_eq!(beta_extra, [&"managementState"]);
        // Every field read is selected, and nothing more.
        let read: Vec<String> = serde_json::to_value(ManagedDeviceNames::default())
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let mut sel: Vec<String> = MANAGED_DEVICE_SELECT_BETA
            .iter()
            .map(|s| s.to_string())
            .collect();
        sel.sort();
        let mut read = read;
        read.sort();
        assert_eq!(read, sel);
    }

    #[test]
    fn the_sample_uses_only_fields_of_the_schema_and_the_actions_exist() {
        let doc = contract();
        let block = schema_block(&doc, "microsoft.graph.managedDevice");
        for key in sample().as_object().unwrap().keys() {
            if key == "id" || key.starts_with('@') {
                continue;
            }
            assert!(
                block.contains(&format!("\n            {key}:\n")),
                "{key} is not a managedDevice property"
            );
        }
        let result = schema_block(&doc, "microsoft.graph.deviceActionResult");
        for f in [
            "actionName",
            "actionState",
            "startDateTime",
            "lastUpdatedDateTime",
        ] {
            assert!(result.contains(&format!("\n        {f}:\n")), "{f}");
        }
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/contracts/graph/v1.0/DeviceManagement.Actions.yml");
        let actions = std::fs::read_to_string(&p).unwrap();
        // The action names the status and lock mapping read are Graph's actions.
        for a in ["wipe", "retire", "remoteLock", "resetPasscode"] {
            assert!(
                actions.contains(&format!(
                    "/deviceManagement/managedDevices/{{managedDevice-id}}/microsoft.graph.{a}':"
                )),
                "{a}"
            );
        }
    }

    /// The serde names of [`ManagedDevice`], to compare with the `$select`.
    #[derive(serde::Serialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct ManagedDeviceNames {
        id: (),
        serial_number: (),
        device_name: (),
        operating_system: (),
        os_version: (),
        model: (),
        user_display_name: (),
        email_address: (),
        user_principal_name: (),
        phone_number: (),
        compliance_state: (),
        enrolled_date_time: (),
        last_sync_date_time: (),
        management_state: (),
        device_action_results: (),
        #[serde(rename = "azureADDeviceId")]
        azure_ad_device_id: (),
    }

    #[test]
    fn every_contract_enum_value_is_mapped() {
        let doc = contract();
        let values = |name: &str| -> Vec<String> {
            let block = schema_block(&doc, name);
            let enum_part = block
                .split("\n      enum:\n")
                .nth(1)
                .expect("an enum")
                .split("\n      type:")
                .next()
                .unwrap()
                .to_string();
            enum_part
                .lines()
                .filter_map(|l| l.trim().strip_prefix("- "))
                .map(str::to_string)
                .collect()
        };
        let states = values("microsoft.graph.actionState");
        assert_eq!(states.len(), ActionState::ALL.len(), "{states:?}");
        for s in &states {
            assert!(ActionState::parse(s).is_some(), "actionState {s} unmapped");
        }
        let compliance_states = values("microsoft.graph.complianceState");
        assert!(compliance_states.contains(&"inGracePeriod".to_string()));
        let mapped: Vec<Compliance> = compliance_states
            .iter()
            .map(|s| compliance(Some(s)))
            .collect();
        assert!(mapped.contains(&Compliance::Compliant));
        assert!(mapped.contains(&Compliance::Noncompliant));
    }
}
