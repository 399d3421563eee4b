//! Input rules shared by the CLI (which reports problems before sending) and the server
//! (which enforces them).

pub const PLATFORMS: &[&str] = &["ios", "android", "macos", "windows"];

/// The free-text fields of request bodies and their longest allowed value in characters.
/// A field of one of these names, at any depth of a request body, must be a string of at
/// most that many characters with no character unsafe for a terminal or a log line
/// (see [`text`]). The server enforces this on every JSON body (400 `invalid_request`
/// naming the field); the CLI checks the same before it sends anything.
pub const FREE_TEXT: &[(&str, usize)] = &[
    ("reason", 1000),
    ("ticket", 200),
    ("message", 1000),
    ("end_reason", 1000),
    ("name", 200),
    ("display_name", 200),
    ("model", 200),
    ("serial", 100),
    ("os_version", 100),
    ("owner_name", 200),
    ("description", 2000),
    ("destination", 2000),
    ("note", 1000),
    ("comment", 1000),
    ("bundle_id", 200),
];

/// One free-text value: at most `max` characters and no character unsafe for a terminal
/// or a log line ([`crate::escape::needs_escape`]: Cc, Cf, Zl, Zp, tags), except U+200D
/// ZERO WIDTH JOINER, which emoji sequences need (it is still escaped on output). The
/// error names the field, the position and the character, never the raw value.
pub fn text(field: &str, value: &str, max: usize) -> Result<(), String> {
    if let Some((i, c)) = value
        .chars()
        .enumerate()
        .find(|(_, c)| crate::escape::needs_escape(*c) && *c != '\u{200d}')
    {
        return Err(format!(
            "{field}: control or invisible formatting character U+{:04X} at position {} is not allowed",
            c as u32,
            i + 1
        ));
    }
    let n = value.chars().count();
    if n > max {
        return Err(format!(
            "{field}: {n} characters is longer than the {max} allowed"
        ));
    }
    Ok(())
}

/// Checks every [`FREE_TEXT`] field of a JSON request body, at any depth; the error
/// names the field by its path (`devices[2].name`).
pub fn free_text(body: &serde_json::Value) -> Result<(), String> {
    fn walk(v: &serde_json::Value, path: &str) -> Result<(), String> {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    if let (Some((_, max)), serde_json::Value::String(s)) =
                        (FREE_TEXT.iter().find(|(f, _)| f == k), x)
                    {
                        text(&crate::escape::terminal(&p), s, *max)?;
                    }
                    walk(x, &p)?;
                }
                Ok(())
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"))?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
    walk(body, "")
}

/// A practical email check: one `@`, a non-empty local part, a dotted domain, no
/// spaces or control characters, at most 254 bytes.
pub fn email(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("the email is empty".into());
    }
    if s.len() > 254 {
        return Err("the email is longer than 254 characters".into());
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{s:?} contains spaces or control characters"));
    }
    let Some((local, domain)) = s.split_once('@') else {
        return Err(format!("{s:?} has no @"));
    };
    if local.is_empty() || domain.contains('@') {
        return Err(format!("{s:?} is not an email address"));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
    {
        return Err(format!("{s:?} has no valid domain"));
    }
    Ok(())
}

pub fn platform(s: &str) -> Result<(), String> {
    if PLATFORMS.contains(&s) {
        Ok(())
    } else {
        Err(format!(
            "unknown platform {s:?} (platforms: {})",
            PLATFORMS.join(", ")
        ))
    }
}

/// One enrollment request as both sides check it: a valid email, a known platform, and
/// a group that exists (`groups` are the server's group names).
pub fn enrollment_row(
    r: &crate::types::EnrollmentRequest,
    groups: &[String],
) -> Result<(), String> {
    email(&r.user_email)?;
    if let Some(p) = &r.platform {
        platform(p)?;
    }
    if let Some(g) = &r.group
        && !groups.iter().any(|x| x == g)
    {
        return Err(format!("unknown group {g:?}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn free_text_fields() {
        let ok = serde_json::json!({"reason": "lost phone — INC-1 Zoë 👨\u{200d}👩", "n": 1});
        super::free_text(&ok).unwrap();
        for (body, field) in [
            (serde_json::json!({"reason": "a\u{0}b"}), "reason"),
            (serde_json::json!({"ticket": "x\u{1b}[2J"}), "ticket"),
            (serde_json::json!({"reason": "line\r\nbreak"}), "reason"),
            (
                serde_json::json!({"devices": [{"name": "ok"}, {"name": "rtl\u{202e}"}]}),
                "devices[1].name",
            ),
            (serde_json::json!({"serial": "x".repeat(101)}), "serial"),
            (serde_json::json!({"message": "a\u{2028}b"}), "message"),
        ] {
            let e = super::free_text(&body).unwrap_err();
            assert!(e.starts_with(&format!("{field}: ")), "{e}");
        }
    }

    #[test]
    fn emails() {
        for ok in ["a@b.co", "jane.doe+mdm@example.org", "x@sub.example.org"] {
            super::email(ok).unwrap();
        }
        for bad in [
            "",
            "nobody",
            "@example.org",
            "a@b",
            "a@@b.co",
            "a b@c.de",
            "a@-b.co",
            "a@b..co",
        ] {
            assert!(super::email(bad).is_err(), "{bad}");
        }
    }
}
