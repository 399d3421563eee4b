//! Time on the wire: RFC 3339 in UTC with whole seconds, Unix seconds in storage, and
//! human durations (`30m`, `24h`, `7d`) in settings. Shared by client and server.

use std::time::Duration;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

pub fn now_unix() -> i64 {
    now().unix_timestamp()
}

/// RFC 3339 in UTC with whole seconds, the form used everywhere on the wire.
pub fn rfc3339(t: OffsetDateTime) -> String {
    let t = t
        .to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t);
    t.format(&Rfc3339).unwrap_or_default()
}

pub fn now_rfc3339() -> String {
    rfc3339(now())
}

pub fn parse_rfc3339(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// Unix seconds as RFC 3339; empty for a time out of range.
pub fn unix_to_rfc3339(ts: i64) -> String {
    OffsetDateTime::from_unix_timestamp(ts)
        .map(rfc3339)
        .unwrap_or_default()
}

/// Parses `90s`, `30m`, `24h`, `7d`, `1h30m` (humantime syntax).
pub fn parse_duration(s: &str) -> Result<Duration, humantime::DurationError> {
    humantime::parse_duration(s.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_times() {
        assert_eq!(parse_duration("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(
            parse_duration(" 7d ").unwrap(),
            Duration::from_secs(7 * 86400)
        );
        assert!(parse_duration("soon").is_err());
        let t = parse_rfc3339("2026-01-02T03:04:05Z").unwrap();
        assert_eq!(rfc3339(t), "2026-01-02T03:04:05Z");
        assert_eq!(unix_to_rfc3339(0), "1970-01-01T00:00:00Z");
    }
}
