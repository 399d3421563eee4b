//! Input rules shared by the CLI (which reports problems before sending) and the server
//! (which enforces them).

pub const PLATFORMS: &[&str] = &["ios", "android", "macos", "windows"];

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
