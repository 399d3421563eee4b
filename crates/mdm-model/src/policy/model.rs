//! The security policy model. Ranges and enumerations are checked while deserializing, so
//! every mistake is reported with the file position where it happened.

use serde::de::{self, Unexpected};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A number within `MIN..=MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Bounded<const MIN: u32, const MAX: u32>(pub u32);

impl<const MIN: u32, const MAX: u32> Serialize for Bounded<MIN, MAX> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.0)
    }
}

impl<'de, const MIN: u32, const MAX: u32> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const MIN: u32, const MAX: u32>;
        impl<const MIN: u32, const MAX: u32> de::Visitor<'_> for V<MIN, MAX> {
            type Value = Bounded<MIN, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a whole number from {MIN} to {MAX}")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                if (u64::from(MIN)..=u64::from(MAX)).contains(&v) {
                    Ok(Bounded(v as u32))
                } else {
                    Err(E::invalid_value(Unexpected::Unsigned(v), &self))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                if v < 0 {
                    return Err(E::invalid_value(Unexpected::Signed(v), &self));
                }
                self.visit_u64(v as u64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Err(E::invalid_type(Unexpected::Float(v), &self))
            }
        }
        d.deserialize_u64(V::<MIN, MAX>)
    }
}

/// A dotted numeric version such as `17.4` or `10.0.22631`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version(pub String);

impl Version {
    pub fn parts(&self) -> Vec<u64> {
        self.0.split('.').filter_map(|p| p.parse().ok()).collect()
    }

    pub fn cmp_to(&self, other: &Version) -> std::cmp::Ordering {
        let (a, b) = (self.parts(), other.parts());
        for i in 0..a.len().max(b.len()) {
            match a.get(i).unwrap_or(&0).cmp(b.get(i).unwrap_or(&0)) {
                std::cmp::Ordering::Equal => continue,
                o => return o,
            }
        }
        std::cmp::Ordering::Equal
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Version;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a version such as \"17.4\" (quoted, so YAML keeps it text)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Version, E> {
                let ok = !v.is_empty()
                    && v.len() <= 32
                    && v.split('.').all(|p| {
                        !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit())
                    });
                if ok {
                    Ok(Version(v.to_string()))
                } else {
                    Err(E::invalid_value(Unexpected::Str(v), &self))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Version, E> {
                // The same bound as one part of the string form (at most 9 digits).
                if v > 999_999_999 {
                    return Err(E::invalid_value(Unexpected::Unsigned(v), &self));
                }
                Ok(Version(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Version, E> {
                // `17.4` unquoted arrives as a float; `17.10` would lose its meaning.
                Err(E::invalid_type(Unexpected::Float(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// Names of policies, apps and groups: short, printable, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident(pub String);

impl Serialize for Ident {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Ident {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Ident;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name of 1-100 letters, digits, '.', '-', '_' (no spaces)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ident, E> {
                let ok = !v.is_empty()
                    && v.chars().count() <= 100
                    && v.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
                if ok {
                    Ok(Ident(v.to_string()))
                } else {
                    Err(E::invalid_value(Unexpected::Str(v), &self))
                }
            }
        }
        d.deserialize_str(V)
    }
}

/// Passcode complexity, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Complexity {
    None,
    Numeric,
    Alphanumeric,
    Complex,
}

/// What happens to a noncompliant device, mildest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Enforcement {
    Notify,
    BlockAccess,
    Retire,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Passcode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<Bounded<4, 16>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<Complexity>,
    /// Wrong passcodes before the device wipes itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_failed_attempts: Option<Bounded<2, 20>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_lock_minutes: Option<Bounded<1, 60>>,
    /// How many previous passcodes cannot be reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Bounded<0, 50>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Encryption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MinimumOs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ios: Option<Version>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub android: Option<Version>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub macos: Option<Version>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub windows: Option<Version>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Apps {
    /// When not empty, only these apps may be installed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Ident>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub block: Vec<Ident>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Restrictions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_camera: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_usb: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_screen_capture: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Compliance {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Enforcement>,
    /// With `action: retire`: days of noncompliance before the device is retired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retire_after_days: Option<Bounded<1, 365>>,
}

/// Names the API uses as paths under /v1/policies/.
pub const RESERVED: &[&str] = &["schema", "plan", "apply"];

/// One named policy. Absent settings are not enforced (the weakest value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub name: Ident,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passcode: Option<Passcode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<Encryption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_os: Option<MinimumOs>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apps: Option<Apps>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jailbreak_detection: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<Compliance>,
    /// Groups the policy applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<Ident>,
}

impl Policy {
    /// Checks what a field-by-field parse cannot: relations between fields.
    pub fn check(&self) -> Result<(), String> {
        if RESERVED.contains(&self.name.0.as_str()) {
            return Err(format!(
                "{:?} is a reserved name (the API uses it); pick another",
                self.name.0
            ));
        }
        if let Some(c) = &self.compliance
            && c.retire_after_days.is_some()
            && c.action != Some(Enforcement::Retire)
        {
            return Err("compliance.retire_after_days needs compliance.action: retire".into());
        }
        if let Some(d) = &self.description
            && (d.chars().count() > 500 || d.chars().any(|c| c.is_control() && c != '\n'))
        {
            return Err("description is at most 500 characters, without control characters".into());
        }
        if let Some(a) = &self.apps {
            for app in &a.allow {
                if a.block.contains(app) {
                    return Err(format!("app {} is both allowed and blocked", app.0));
                }
            }
            for (list, name) in [(&a.allow, "apps.allow"), (&a.block, "apps.block")] {
                let mut seen = std::collections::HashSet::new();
                if let Some(dup) = list.iter().find(|x| !seen.insert(*x)) {
                    return Err(format!("{name} lists {} twice", dup.0));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(dup) = self.assignments.iter().find(|x| !seen.insert(*x)) {
            return Err(format!("assignments list {} twice", dup.0));
        }
        Ok(())
    }
}
