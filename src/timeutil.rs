//! Time as the command line shows and takes it: relative ages in tables, and durations
//! and points in time from flags, with usage errors. The wire forms are `mdm_model::time`.

use crate::error::{Error, Result};
use mdm_model::time::{now, parse_rfc3339};
use std::time::Duration;
use time::OffsetDateTime;

/// `3m ago`, `2h ago`, `5d ago`, `in 4m`; falls back to the raw text when unparsable.
pub fn relative(s: &str) -> String {
    let Some(t) = parse_rfc3339(s) else {
        return s.to_string();
    };
    let secs = (now() - t).whole_seconds();
    let (future, secs) = if secs < 0 {
        (true, -secs)
    } else {
        (false, secs)
    };
    let text = if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{}m", secs / 60)
    } else if secs < 86_400 {
        format!("{}h", secs / 3600)
    } else {
        format!("{}d", secs / 86_400)
    };
    if future {
        format!("in {text}")
    } else {
        format!("{text} ago")
    }
}

/// Parses `90s`, `30m`, `24h`, `7d`, `1h30m` (humantime syntax).
pub fn parse_duration(s: &str) -> Result<Duration> {
    mdm_model::time::parse_duration(s).map_err(|e| {
        Error::usage(format!("invalid duration {s:?}"))
            .with_cause(e)
            .with_hint("use a number with a unit, such as 30m, 24h or 7d")
    })
}

/// A point in time given as RFC 3339 or as an age (`24h` = 24 hours ago).
pub fn parse_since(s: &str) -> Result<OffsetDateTime> {
    if let Some(t) = parse_rfc3339(s.trim()) {
        return Ok(t);
    }
    let d = parse_duration(s)
        .map_err(|e| e.with_hint("or give a time in RFC 3339, such as 2026-11-26T08:00:00Z"))?;
    Ok(now() - d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_times() {
        assert_eq!(parse_duration("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(
            parse_duration("7d").unwrap(),
            Duration::from_secs(7 * 86400)
        );
        assert!(parse_duration("soon").is_err());
        let t = parse_since("2026-01-02T03:04:05Z").unwrap();
        assert_eq!(mdm_model::time::rfc3339(t), "2026-01-02T03:04:05Z");
        let ago = now() - parse_since("1h").unwrap();
        assert!((ago.whole_seconds() - 3600).abs() < 5);
        assert_eq!(relative("garbage"), "garbage");
        assert!(relative(&mdm_model::time::now_rfc3339()).ends_with("s ago"));
    }
}
