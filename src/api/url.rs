//! Server URL rules: `https://` anywhere, `http://` only to loopback, so a token is never
//! sent in clear text over a network.

use crate::error::{Error, Result};
use std::net::IpAddr;

/// Parses and checks a server URL; returns it normalised without a trailing slash.
pub fn validate_server_url(input: &str) -> Result<String> {
    let trimmed = input.trim();
    let url = ::url::Url::parse(trimmed).map_err(|e| {
        Error::usage(format!("invalid server URL {trimmed:?}"))
            .with_cause(e)
            .with_hint("use a full URL such as https://mdm.example.org")
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::usage("a server URL must not contain credentials")
            .with_hint("store the token with `mdm auth login` instead"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::usage(format!(
            "invalid server URL {trimmed:?}: it must not have a query or fragment"
        )));
    }
    let host = match url.host() {
        Some(h) => h,
        None => {
            return Err(
                Error::usage(format!("invalid server URL {trimmed:?}: no host"))
                    .with_hint("use a full URL such as https://mdm.example.org"),
            );
        }
    };
    match url.scheme() {
        "https" => {}
        "http" => {
            if !is_loopback(&host) {
                return Err(Error::usage(format!(
                    "refusing http:// to {host}: tokens would cross the network in clear text"
                ))
                .with_hint(format!(
                    "use https://{}{} (http:// is allowed only for 127.0.0.1, ::1 and localhost)",
                    host,
                    url.port().map(|p| format!(":{p}")).unwrap_or_default()
                )));
            }
        }
        other => {
            return Err(Error::usage(format!(
                "invalid server URL {trimmed:?}: unsupported scheme {other:?}"
            ))
            .with_hint("use https://"));
        }
    }
    let mut s = url.to_string();
    while s.ends_with('/') {
        s.pop();
    }
    Ok(s)
}

fn is_loopback(host: &::url::Host<&str>) -> bool {
    match host {
        ::url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        ::url::Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        ::url::Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_loopback() {
        assert_eq!(
            validate_server_url("https://mdm.example.org/").unwrap(),
            "https://mdm.example.org"
        );
        assert!(validate_server_url("http://127.0.0.1:8080").is_ok());
        assert!(validate_server_url("http://127.1.2.3:8080").is_ok());
        assert!(validate_server_url("http://[::1]:8080").is_ok());
        assert!(validate_server_url("http://localhost:1").is_ok());
        for bad in [
            "http://mdm.example.org",
            "http://10.0.0.1",
            "http://127.0.0.1.nip.io",
            "http://localhost.evil.com",
            "ftp://127.0.0.1",
            "mdm.example.org",
            "https://user:pw@mdm.example.org",
            "https://mdm.example.org/?x=1",
            "",
            "https://",
        ] {
            let e = validate_server_url(bad).unwrap_err();
            assert_eq!(e.kind, crate::error::ExitKind::Usage, "{bad}");
        }
    }
}
