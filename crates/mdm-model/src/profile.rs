//! Configuration profiles: checked before they are sent (by the CLI) and when they arrive
//! (by the server). Accepted: Apple `.mobileconfig` property lists (plain XML, or signed
//! CMS wrapping one) and JSON profiles `{"name": …, "settings": {…}}`.

use sha2::{Digest, Sha256};

pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInfo {
    /// `mobileconfig` or `json`.
    pub format: &'static str,
    pub name: String,
    pub signed: bool,
    pub digest: String,
    pub size: usize,
}

impl ProfileInfo {
    /// Platforms that can install this kind of profile.
    pub fn platforms(&self) -> &'static [&'static str] {
        match self.format {
            "mobileconfig" => &["ios", "macos"],
            _ => &["android", "windows"],
        }
    }
}

pub fn validate(bytes: &[u8]) -> Result<ProfileInfo, String> {
    if bytes.is_empty() {
        return Err("the profile is empty".into());
    }
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "the profile is {} bytes; the limit is {MAX_BYTES}",
            bytes.len()
        ));
    }
    let digest = hex::encode(Sha256::digest(bytes));
    // A signed .mobileconfig is DER-encoded CMS: a SEQUENCE with the plist inside.
    if bytes[0] == 0x30 {
        let start = find(bytes, b"<?xml")
            .ok_or("a binary file that is not a signed profile (no property list inside)")?;
        let end = find(bytes, b"</plist>")
            .ok_or("a signed profile whose property list is cut off")?
            + b"</plist>".len();
        if end <= start {
            return Err("a signed profile whose property list is malformed".into());
        }
        let name = plist_name(&bytes[start..end])?;
        return Ok(ProfileInfo {
            format: "mobileconfig",
            name,
            signed: true,
            digest,
            size: bytes.len(),
        });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("not valid UTF-8 (byte {})", e.valid_up_to()))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        let name = plist_name(trimmed.as_bytes())?;
        Ok(ProfileInfo {
            format: "mobileconfig",
            name,
            signed: false,
            digest,
            size: bytes.len(),
        })
    } else if trimmed.starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(trimmed).map_err(|e| {
            format!(
                "invalid JSON at line {}, column {}: {e}",
                e.line(),
                e.column()
            )
        })?;
        let name = v
            .get("name")
            .and_then(|n| n.as_str())
            .filter(|n| !n.trim().is_empty())
            .ok_or("a JSON profile needs a non-empty \"name\"")?;
        if !v.get("settings").is_some_and(|s| s.is_object()) {
            return Err("a JSON profile needs a \"settings\" object".into());
        }
        Ok(ProfileInfo {
            format: "json",
            name: name.to_string(),
            signed: false,
            digest,
            size: bytes.len(),
        })
    } else {
        Err("this does not look like a configuration profile (neither a .mobileconfig property list, a signed profile, nor a JSON profile)".into())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Checks the plist is a configuration profile and returns its PayloadIdentifier.
fn plist_name(xml: &[u8]) -> Result<String, String> {
    let text =
        std::str::from_utf8(xml).map_err(|_| "the property list is not valid UTF-8".to_string())?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts)
        .map_err(|e| format!("not well-formed XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "plist" {
        return Err(format!(
            "the XML root is <{}>, not <plist>",
            root.tag_name().name()
        ));
    }
    let dict = root
        .children()
        .find(|n| n.is_element())
        .filter(|n| n.tag_name().name() == "dict")
        .ok_or("the property list has no top-level <dict>")?;
    let mut entries = std::collections::HashMap::new();
    let mut key: Option<String> = None;
    for n in dict.children().filter(|n| n.is_element()) {
        if n.tag_name().name() == "key" {
            key = Some(n.text().unwrap_or("").to_string());
        } else if let Some(k) = key.take() {
            entries.insert(k, n);
        }
    }
    let string = |k: &str| {
        entries
            .get(k)
            .filter(|n| n.tag_name().name() == "string")
            .and_then(|n| n.text())
            .map(str::trim)
    };
    if string("PayloadType") != Some("Configuration") {
        return Err("not a configuration profile: PayloadType must be \"Configuration\"".into());
    }
    for required in ["PayloadUUID", "PayloadIdentifier"] {
        if string(required).is_none_or(str::is_empty) {
            return Err(format!("the profile lacks {required}"));
        }
    }
    if entries
        .get("PayloadContent")
        .is_none_or(|n| n.tag_name().name() != "array")
    {
        return Err("the profile lacks a PayloadContent array".into());
    }
    Ok(string("PayloadIdentifier").unwrap_or_default().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const GOOD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.apple.wifi.managed</string></dict></array>
  <key>PayloadIdentifier</key><string>org.example.wifi</string>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadUUID</key><string>9A1B2C3D-0000-4000-8000-000000000001</string>
  <key>PayloadVersion</key><integer>1</integer>
</dict></plist>"#;

    #[test]
    fn accepts_profiles() {
        let p = validate(GOOD.as_bytes()).unwrap();
        assert_eq!(
            (p.format, p.name.as_str(), p.signed),
            ("mobileconfig", "org.example.wifi", false)
        );
        let mut signed = vec![0x30, 0x82, 0x10, 0x00, 0x06, 0x09];
        signed.extend_from_slice(GOOD.as_bytes());
        signed.extend_from_slice(&[0xa0, 0x82, 0x01]);
        assert!(validate(&signed).unwrap().signed);
        let j = validate(br#"{"name": "Kiosk lockdown", "settings": {"camera": false}}"#).unwrap();
        assert_eq!((j.format, j.name.as_str()), ("json", "Kiosk lockdown"));
    }

    #[test]
    fn refuses_junk_with_a_reason() {
        for (bytes, needle) in [
            (&b""[..], "empty"),
            (b"hello world", "does not look like"),
            (b"<plist><dict>", "not well-formed"),
            (b"<html><body/></html>", "not <plist>"),
            (br#"{"name": "x"}"#, "settings"),
            (br#"{"settings": {}}"#, "name"),
            (b"{not json", "invalid JSON"),
            (
                &[0x30, 0x82, 0x00, 0x10, 0xff, 0xfe][..],
                "not a signed profile",
            ),
            (&[0xff, 0xfe, 0x00][..], "UTF-8"),
        ] {
            let e = validate(bytes).unwrap_err();
            assert!(e.contains(needle), "{e}");
        }
        let no_type = GOOD.replace("<string>Configuration</string>", "<string>Other</string>");
        assert!(
            validate(no_type.as_bytes())
                .unwrap_err()
                .contains("PayloadType")
        );
        assert!(
            validate(&vec![b' '; MAX_BYTES + 1])
                .unwrap_err()
                .contains("limit")
        );
    }
}
