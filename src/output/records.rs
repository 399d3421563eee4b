//! How each API type prints as a table row or CSV record. Column names equal the JSON
//! field names so `--columns` and scripts speak the same language.

use super::Record;
use crate::timeutil::relative;
use mdm_model::types::{Device, Group};

impl Record for Device {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "serial",
        "name",
        "platform",
        "model",
        "os_version",
        "owner_name",
        "owner_email",
        "owner_phone",
        "groups",
        "status",
        "compliance",
        "locked",
        "enrolled_at",
        "last_seen",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "id",
        "serial",
        "name",
        "platform",
        "os_version",
        "owner_name",
        "groups",
        "status",
        "compliance",
        "last_seen",
    ];

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "id" => self.id.clone(),
            "serial" => self.serial.clone(),
            "name" => self.name.clone(),
            "platform" => self.platform.to_string(),
            "model" => self.model.clone(),
            "os_version" => self.os_version.clone(),
            "owner_name" => self.owner_name.clone(),
            "owner_email" => self.owner_email.clone(),
            "owner_phone" => self.owner_phone.clone(),
            "groups" => self.groups.join(if human { ", " } else { ";" }),
            "status" => self.status.to_string(),
            "compliance" => self.compliance.to_string(),
            "locked" => self.locked.to_string(),
            "enrolled_at" if human => relative(&self.enrolled_at),
            "enrolled_at" => self.enrolled_at.clone(),
            "last_seen" if human => relative(&self.last_seen),
            "last_seen" => self.last_seen.clone(),
            _ => String::new(),
        }
    }
}

impl Record for Group {
    const COLUMNS: &'static [&'static str] = &["name", "device_count", "description"];
    const DEFAULT_COLUMNS: &'static [&'static str] = &["name", "device_count", "description"];

    fn cell(&self, column: &str, _human: bool) -> String {
        match column {
            "name" => self.name.clone(),
            "device_count" => self.device_count.to_string(),
            "description" => self.description.clone(),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_cell_and_a_json_field() {
        let d = Device {
            id: "dev_1".into(),
            serial: "S1".into(),
            name: "n".into(),
            platform: mdm_model::domain::Platform::Ios,
            model: "m".into(),
            os_version: "1".into(),
            owner_name: "o".into(),
            owner_email: "e".into(),
            owner_phone: "p".into(),
            groups: vec!["a".into(), "b".into()],
            status: mdm_model::domain::DeviceStatus::Online,
            compliance: mdm_model::domain::Compliance::Compliant,
            locked: false,
            enrolled_at: "2026-01-01T00:00:00Z".into(),
            last_seen: "2026-01-01T00:00:00Z".into(),
        };
        let json = serde_json::to_value(&d).unwrap();
        for col in Device::COLUMNS {
            assert!(json.get(col).is_some(), "{col} is not a JSON field");
            assert!(!d.cell(col, false).is_empty(), "{col} has no cell");
        }
        for col in Device::DEFAULT_COLUMNS {
            assert!(Device::COLUMNS.contains(col));
        }
        assert_eq!(d.cell("groups", false), "a;b");
    }
}
