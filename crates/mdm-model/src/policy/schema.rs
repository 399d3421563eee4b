//! The JSON Schema of policy files (`mdm policy schema`), written out by hand so it says
//! exactly what the parser accepts; a test keeps the two in step.

use serde_json::{Value, json};

fn bounded(min: u32, max: u32, description: &str) -> Value {
    json!({ "type": "integer", "minimum": min, "maximum": max, "description": description })
}

fn flag(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

/// A dotted version as a string, or a whole number (YAML's unquoted `17`).
fn version() -> Value {
    json!({ "anyOf": [
        { "type": "string", "pattern": "^[0-9]{1,9}(\\.[0-9]{1,9})*$", "maxLength": 32 },
        { "type": "integer", "minimum": 0, "maximum": 999_999_999 }
    ] })
}

fn ident() -> Value {
    json!({ "type": "string", "pattern": "^[\\p{L}\\p{N}._-]{1,100}$" })
}

fn ident_set(description: &str) -> Value {
    json!({ "type": "array", "items": ident(), "uniqueItems": true, "description": description })
}

pub fn schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://mdm.example.org/schemas/policy-v1.json",
        "title": "mdm security policy",
        "description": "One policy per YAML document (separate several with ---), or a JSON object or array. Absent settings are not enforced, which counts as the weakest value.",
        "type": "object",
        "additionalProperties": false,
        "required": ["name"],
        "properties": {
            "name": ident(),
            "description": { "type": "string", "maxLength": 500 },
            "passcode": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "required": flag("a passcode is required"),
                    "min_length": bounded(4, 16, "minimum passcode length (shorter weakens)"),
                    "complexity": { "enum": ["none", "numeric", "alphanumeric", "complex"], "description": "weakest first" },
                    "max_failed_attempts": bounded(2, 20, "wrong passcodes before the device wipes itself (more weakens)"),
                    "auto_lock_minutes": bounded(1, 60, "idle minutes before the screen locks (more weakens)"),
                    "history": bounded(0, 50, "previous passcodes that cannot be reused (fewer weakens)")
                }
            },
            "encryption": {
                "type": "object",
                "additionalProperties": false,
                "properties": { "required": flag("storage encryption is required") }
            },
            "minimum_os": {
                "type": "object",
                "additionalProperties": false,
                "description": "minimum OS version per platform (lower weakens); quote versions in YAML",
                "properties": { "ios": version(), "android": version(), "macos": version(), "windows": version() }
            },
            "apps": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "allow": ident_set("when not empty, only these apps may be installed"),
                    "block": ident_set("apps that may not be installed")
                }
            },
            "restrictions": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "block_camera": flag("the camera is disabled"),
                    "block_usb": flag("USB data transfer is disabled"),
                    "block_screen_capture": flag("screenshots and screen recording are disabled")
                }
            },
            "jailbreak_detection": flag("jailbroken or rooted devices are detected and marked noncompliant"),
            "compliance": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "action": { "enum": ["notify", "block_access", "retire"], "description": "what happens to a noncompliant device, mildest first" },
                    "retire_after_days": bounded(1, 365, "with action retire: days before retirement (more weakens)")
                }
            },
            "assignments": ident_set("groups the policy applies to (removing one weakens)")
        }
    })
}

#[cfg(test)]
mod tests {
    /// Every field the schema names is accepted by the parser, and the other way round.
    #[test]
    fn schema_and_model_agree() {
        let s = super::schema();
        let props: Vec<&String> = s["properties"].as_object().unwrap().keys().collect();
        let example = r#"
name: full
description: every setting
passcode: {required: true, min_length: 8, complexity: complex, max_failed_attempts: 10, auto_lock_minutes: 5, history: 5}
encryption: {required: true}
minimum_os: {ios: "17.4", android: "14", macos: "14.6", windows: "10.0.22631"}
apps: {allow: [a], block: [b]}
restrictions: {block_camera: true, block_usb: true, block_screen_capture: true}
jailbreak_detection: true
compliance: {action: retire, retire_after_days: 30}
assignments: [sales]
"#;
        let p = crate::policy::parse::parse_bytes("x.yaml", example.as_bytes(), false)
            .unwrap()
            .remove(0)
            .policy;
        let v = serde_json::to_value(&p).unwrap();
        let fields: Vec<&String> = v.as_object().unwrap().keys().collect();
        let mut a: Vec<_> = props.clone();
        let mut b = fields.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        for section in [
            "passcode",
            "encryption",
            "minimum_os",
            "apps",
            "restrictions",
            "compliance",
        ] {
            let mut sp: Vec<&String> = s["properties"][section]["properties"]
                .as_object()
                .unwrap()
                .keys()
                .collect();
            let mut fp: Vec<&String> = v[section].as_object().unwrap().keys().collect();
            sp.sort();
            fp.sort();
            assert_eq!(sp, fp, "{section}");
        }
    }
}
