//! Server URL rules: `https://` anywhere, `http://` only to loopback, so a token is never
//! sent in clear text over a network. The rule itself is `mdm_model::url`, shared with the
//! gateway; this maps its refusals to usage errors.

use crate::error::{Error, Result};

/// Parses and checks a server URL; returns it normalised without a trailing slash.
pub fn validate_server_url(input: &str) -> Result<String> {
    mdm_model::url::server_url_text(input).map_err(usage)
}

/// A refused URL as a usage error, with its cause and hint.
pub fn usage(e: mdm_model::url::UrlError) -> Error {
    let mut err = Error::usage(e.message);
    if let Some(c) = e.cause {
        err = err.with_cause(c);
    }
    if let Some(h) = e.hint {
        err = err.with_hint(h);
    }
    err
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
