//! Server URL rules, one code path for the CLI (server URLs, SIEM collectors, webhooks)
//! and the gateway (Graph and login URLs, its alert webhook): `https://` anywhere,
//! `http://` only to loopback (127.0.0.0/8, ::1, localhost), so a token or a secret is
//! never sent in clear text over a network.

use std::net::IpAddr;

/// Why a URL was refused: a message, the parser's cause where there is one, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlError {
    pub message: String,
    pub cause: Option<String>,
    pub hint: Option<String>,
}

impl UrlError {
    fn new(message: impl Into<String>) -> Self {
        UrlError {
            message: message.into(),
            cause: None,
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses and checks a server URL: no credentials, no query or fragment, a host, and
/// `https`, or `http` to a loopback host.
pub fn server_url(input: &str) -> Result<::url::Url, UrlError> {
    let trimmed = input.trim();
    let url = ::url::Url::parse(trimmed).map_err(|e| UrlError {
        cause: Some(e.to_string()),
        ..UrlError::new(format!("invalid server URL {trimmed:?}"))
            .hint("use a full URL such as https://mdm.example.org")
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlError::new("a server URL must not contain credentials")
            .hint("store the token with `mdm auth login` instead"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(UrlError::new(format!(
            "invalid server URL {trimmed:?}: it must not have a query or fragment"
        )));
    }
    let Some(host) = url.host() else {
        return Err(
            UrlError::new(format!("invalid server URL {trimmed:?}: no host"))
                .hint("use a full URL such as https://mdm.example.org"),
        );
    };
    match url.scheme() {
        "https" => {}
        "http" => {
            if !is_loopback(&host) {
                return Err(UrlError::new(format!(
                    "refusing http:// to {host}: tokens would cross the network in clear text"
                ))
                .hint(format!(
                    "use https://{}{} (http:// is allowed only for 127.0.0.1, ::1 and localhost)",
                    host,
                    url.port().map(|p| format!(":{p}")).unwrap_or_default()
                )));
            }
        }
        other => {
            return Err(UrlError::new(format!(
                "invalid server URL {trimmed:?}: unsupported scheme {other:?}"
            ))
            .hint("use https://"));
        }
    }
    Ok(url)
}

/// [`server_url`], as text without a trailing slash.
pub fn server_url_text(input: &str) -> Result<String, UrlError> {
    let mut s = server_url(input)?.to_string();
    while s.ends_with('/') {
        s.pop();
    }
    Ok(s)
}

/// A webhook URL: chat webhooks may carry their key in the query; the rest is checked
/// like a server URL (https, or http only to loopback; no credentials).
pub fn webhook_url(input: &str) -> Result<String, UrlError> {
    let (base, query) = match input.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (input, None),
    };
    server_url_text(base).map(|b| match query {
        Some(q) => format!("{b}?{q}"),
        None => b,
    })
}

/// Whether a URL host is a loopback address or `localhost`.
pub fn is_loopback(host: &::url::Host<&str>) -> bool {
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
            server_url_text("https://mdm.example.org/").unwrap(),
            "https://mdm.example.org"
        );
        assert!(server_url("http://127.0.0.1:8080").is_ok());
        assert!(server_url("http://127.1.2.3:8080").is_ok());
        assert!(server_url("http://[::1]:8080").is_ok());
        assert!(server_url("http://localhost:1").is_ok());
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
            assert!(server_url(bad).is_err(), "{bad}");
        }
        assert_eq!(
            webhook_url("https://chat.example.org/hook?key=k").unwrap(),
            "https://chat.example.org/hook?key=k"
        );
        assert!(webhook_url("http://chat.example.org/hook?key=k").is_err());
    }
}
