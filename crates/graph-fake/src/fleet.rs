//! A deterministic synthetic fleet: the same seed and size give the same devices, fast
//! enough for 100,000 of them (no per-device allocation beyond the strings it shows).

use serde_json::{Map, Value, json};

/// One of the fake's managed devices, with the fields of Graph v1.0 `managedDevice` it serves.
#[derive(Debug, Clone)]
pub struct Device {
    pub id: String,
    pub azure_ad_device_id: String,
    pub user_id: String,
    pub device_name: String,
    pub operating_system: &'static str,
    pub os_version: String,
    pub model: &'static str,
    pub manufacturer: &'static str,
    pub serial_number: String,
    pub imei: String,
    pub user_principal_name: String,
    pub email_address: String,
    pub user_display_name: String,
    pub phone_number: String,
    pub compliance_state: &'static str,
    pub management_agent: &'static str,
    pub owner_type: &'static str,
    pub enrolled: i64,
    pub last_sync: i64,
    pub is_encrypted: bool,
    pub is_supervised: bool,
    pub deleted: bool,
    pub action_results: Vec<ActionResult>,
}

/// One entry of a device's `deviceActionResults`.
#[derive(Debug, Clone)]
pub struct ActionResult {
    pub action_name: String,
    pub action_state: &'static str,
    pub start: i64,
    pub last_updated: i64,
    /// Polls of the device (GET by id) still to answer with `pending`.
    pub polls_left: u32,
}

const FIRST: [&str; 16] = [
    "Ada", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemal",
    "Lena", "Mateo", "Noor", "Olga", "Pavel",
];
const LAST: [&str; 16] = [
    "Adams",
    "Berg",
    "Costa",
    "Dahl",
    "Eriksen",
    "Fischer",
    "García",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Müller",
    "Nowak",
    "Olsen",
    "Petrov",
];

/// A small deterministic mixer (splitmix64): the fleet must not depend on `rand`'s algorithms.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A GUID-shaped id derived from the seed, a namespace and an index.
pub fn guid(seed: u64, ns: u64, i: u64) -> String {
    let a = mix(seed ^ mix(ns.wrapping_mul(0x1000_0000_01b3) ^ i));
    let b = mix(a ^ i);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        (a as u16) & 0x0fff,
        ((b >> 48) as u16 & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

/// `n` devices for `seed`; the base time is the fake's start (seconds since the epoch).
pub fn generate(seed: u64, n: usize, now: i64) -> Vec<Device> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n as u64 {
        let r = mix(seed ^ mix(i));
        let (os, versions, models, manufacturer, agent): (
            &'static str,
            &[&str],
            &[&'static str],
            &'static str,
            &'static str,
        ) = match r % 4 {
            0 => (
                "iOS",
                &["17.5.1", "17.6", "18.1", "18.2"],
                &["iPhone 15", "iPhone 14", "iPhone SE (3rd generation)"],
                "Apple",
                "mdm",
            ),
            1 => (
                "Android",
                &["13", "14", "15"],
                &["Pixel 8", "Galaxy S23", "Galaxy A54"],
                "Google",
                "mdm",
            ),
            2 => (
                "macOS",
                &["14.6.1", "15.0", "15.1"],
                &["MacBook Pro (14-inch, 2023)", "MacBook Air (M2, 2022)"],
                "Apple",
                "mdm",
            ),
            _ => (
                "Windows",
                &["10.0.19045.4780", "10.0.22631.4169", "10.0.26100.2033"],
                &["Surface Laptop 5", "Latitude 7440", "ThinkPad T14 Gen 4"],
                "Microsoft Corporation",
                "mdm",
            ),
        };
        let first = FIRST[(r >> 8) as usize % FIRST.len()];
        let last = LAST[(r >> 12) as usize % LAST.len()];
        let login = format!(
            "{}.{}{}",
            ascii(first).to_lowercase(),
            ascii(last).to_lowercase(),
            i
        );
        let compliance = match (r >> 20) % 10 {
            0 => "noncompliant",
            1 => "inGracePeriod",
            _ => "compliant",
        };
        let prefix = match os {
            "iOS" => "IPH",
            "Android" => "AND",
            "macOS" => "MAC",
            _ => "WIN",
        };
        out.push(Device {
            id: guid(seed, 1, i),
            azure_ad_device_id: guid(seed, 2, i),
            user_id: guid(seed, 3, (r >> 12) % 4096 + i * 4096),
            device_name: format!("{}-{}-{:05}", ascii(first), prefix, i),
            operating_system: os,
            os_version: versions[(r >> 24) as usize % versions.len()].to_string(),
            model: models[(r >> 28) as usize % models.len()],
            manufacturer: if os == "Android" && !(r >> 28).is_multiple_of(3) {
                "samsung"
            } else {
                manufacturer
            },
            serial_number: serial(prefix, seed, i),
            imei: if os == "iOS" || os == "Android" {
                format!("35{:013}", mix(r ^ 7) % 10_000_000_000_000)
            } else {
                String::new()
            },
            user_principal_name: format!("{login}@contoso.onmicrosoft.com"),
            email_address: format!("{login}@contoso.com"),
            user_display_name: format!("{first} {last}"),
            phone_number: if os == "iOS" || os == "Android" {
                format!("+4915{:09}", mix(r ^ 11) % 1_000_000_000)
            } else {
                String::new()
            },
            compliance_state: compliance,
            management_agent: agent,
            owner_type: if (r >> 32).is_multiple_of(5) {
                "personal"
            } else {
                "company"
            },
            enrolled: now - 86_400 * (30 + ((r >> 36) % 700) as i64),
            last_sync: now - ((r >> 40) % (86_400 * 3)) as i64,
            is_encrypted: !(r >> 44).is_multiple_of(20),
            is_supervised: os == "iOS" && (r >> 45).is_multiple_of(2),
            deleted: false,
            action_results: Vec::new(),
        });
    }
    out
}

/// A serial number unique within the fleet: the index through a bijection of 36^10
/// (a multiplier coprime to 36), in base 36 behind the platform's letter.
fn serial(prefix: &str, seed: u64, i: u64) -> String {
    const SPACE: u64 = 3_656_158_440_062_976; // 36^10
    let mut n = ((i + seed % 1_000_000) as u128 * 1_000_000_007 % SPACE as u128) as u64;
    let mut out = [b'0'; 10];
    for c in out.iter_mut().rev() {
        *c = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n % 36) as usize];
        n /= 36;
    }
    format!("{}{}", &prefix[..1], String::from_utf8_lossy(&out))
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' => 'e',
            'í' => 'i',
            'ü' => 'u',
            c => c,
        })
        .collect()
}

/// RFC 3339 in UTC with a `Z`, as Graph writes its date-times.
pub fn iso(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

impl Device {
    /// The managedDevice JSON (all fields, or the `$select`ed ones plus `id`).
    pub fn to_json(&self, select: Option<&[String]>) -> Value {
        let mut m = Map::new();
        let want = |k: &str| select.is_none_or(|s| s.iter().any(|x| x == k));
        let mut put = |k: &str, v: Value| {
            if want(k) {
                m.insert(k.to_string(), v);
            }
        };
        put("id", json!(self.id));
        put("userId", json!(self.user_id));
        put("deviceName", json!(self.device_name));
        put("managedDeviceOwnerType", json!(self.owner_type));
        put(
            "deviceActionResults",
            Value::Array(
                self.action_results
                    .iter()
                    .map(ActionResult::to_json)
                    .collect(),
            ),
        );
        put("enrolledDateTime", json!(iso(self.enrolled)));
        put("lastSyncDateTime", json!(iso(self.last_sync)));
        put("operatingSystem", json!(self.operating_system));
        put("complianceState", json!(self.compliance_state));
        put("jailBroken", json!("False"));
        put("managementAgent", json!(self.management_agent));
        put("osVersion", json!(self.os_version));
        put("easActivated", json!(false));
        put("easDeviceId", json!(""));
        put("azureADRegistered", json!(true));
        put("deviceEnrollmentType", json!("userEnrollment"));
        put("emailAddress", json!(self.email_address));
        put("azureADDeviceId", json!(self.azure_ad_device_id));
        put("deviceRegistrationState", json!("registered"));
        put("deviceCategoryDisplayName", json!("Unknown"));
        put("isSupervised", json!(self.is_supervised));
        put("isEncrypted", json!(self.is_encrypted));
        put("userPrincipalName", json!(self.user_principal_name));
        put("model", json!(self.model));
        put("manufacturer", json!(self.manufacturer));
        put("imei", json!(self.imei));
        put("serialNumber", json!(self.serial_number));
        put("phoneNumber", json!(self.phone_number));
        put("userDisplayName", json!(self.user_display_name));
        put(
            "managedDeviceName",
            json!(format!(
                "{}_{}",
                self.user_display_name, self.operating_system
            )),
        );
        put("partnerReportedThreatState", json!("unknown"));
        put("totalStorageSpaceInBytes", json!(128_849_018_880_i64));
        put("freeStorageSpaceInBytes", json!(64_424_509_440_i64));
        put("physicalMemoryInBytes", json!(0));
        put(
            "complianceGracePeriodExpirationDateTime",
            json!("9999-12-31T23:59:59Z"),
        );
        put("exchangeAccessState", json!("none"));
        put("exchangeAccessStateReason", json!("none"));
        Value::Object(m)
    }
}

impl ActionResult {
    pub fn to_json(&self) -> Value {
        json!({
            "actionName": self.action_name,
            "actionState": self.action_state,
            "startDateTime": iso(self.start),
            "lastUpdatedDateTime": iso(self.last_updated),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_thousand_devices_generate_quickly_and_deterministically() {
        let t = std::time::Instant::now();
        let a = generate(7, 100_000, 1_700_000_000);
        let took = t.elapsed();
        assert_eq!(a.len(), 100_000);
        assert!(took.as_secs_f64() < 5.0, "took {took:?}");
        let b = generate(7, 10, 1_700_000_000);
        assert_eq!(a[3].id, b[3].id);
        assert_eq!(a[3].serial_number, b[3].serial_number);
        let ids: std::collections::HashSet<_> = a.iter().map(|d| &d.id).collect();
        assert_eq!(ids.len(), a.len(), "ids are unique");
        let serials: std::collections::HashSet<_> = a.iter().map(|d| &d.serial_number).collect();
        assert_eq!(serials.len(), a.len(), "serials are unique");
        let names: std::collections::HashSet<_> = a.iter().map(|d| &d.device_name).collect();
        assert_eq!(names.len(), a.len(), "device names are unique");
        for os in ["iOS", "Android", "macOS", "Windows"] {
            assert!(a.iter().any(|d| d.operating_system == os));
        }
    }
}
