//! TOTP (RFC 6238) on top of totp-rs: SHA-1, 30-second steps, 6 digits for users; the
//! digit count is a parameter only so the RFC's 8-digit test vectors run through the very
//! code path the server uses to verify.

use totp_rs::{Algorithm, Builder, Totp};

pub const STEP_SECS: u64 = 30;
pub const DIGITS: u8 = 6;
/// Steps of clock drift accepted either side of now (RFC 6238 §5.2 recommends one).
pub const DRIFT_STEPS: u16 = 1;

fn totp(secret: &[u8], digits: u8) -> Totp {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(digits)
        .with_skew(DRIFT_STEPS)
        .with_step_duration(STEP_SECS)
        .with_secret(secret.to_vec())
        .build_noncompliant()
}

/// 160 random bits, the size RFC 4226 recommends.
pub fn new_secret() -> Vec<u8> {
    let mut b = vec![0u8; 20];
    rand::fill(&mut b[..]);
    b
}

pub fn to_base32(secret: &[u8]) -> String {
    totp_rs::Secret::from(secret.to_vec()).to_base32()
}

pub fn from_base32(s: &str) -> Option<Vec<u8>> {
    totp_rs::Secret::try_from_base32(s)
        .ok()
        .map(|s| s.as_ref().to_vec())
}

/// `otpauth://totp/Issuer:account?secret=…&issuer=…` for authenticator apps.
pub fn otpauth_uri(secret: &[u8], issuer: &str, account: &str) -> String {
    let clean = |s: &str| s.replace(':', "-");
    let t = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_step_duration(STEP_SECS)
        .with_secret(secret.to_vec())
        .with_issuer(Some(clean(issuer)))
        .with_account_name(clean(account))
        .build_noncompliant();
    t.to_url().unwrap_or_default()
}

/// The code for the step containing unix time `t`.
pub fn code_at(secret: &[u8], digits: u8, t: u64) -> String {
    totp(secret, digits).generate(t).to_string()
}

pub fn step_of(t: u64) -> u64 {
    t / STEP_SECS
}

/// Checks `code` against the steps around `t` (±1 step of drift); returns the matching
/// step, which must be newer than `last_step`: a step accepted once is never accepted
/// again (RFC 6238 §5.2).
/// Whether `code` has the shape of a code (`DIGITS` ASCII digits): a request whose code
/// cannot be one is refused as malformed before it counts as a wrong guess or meets a
/// lockout.
pub fn is_code(code: &str) -> bool {
    code.len() == DIGITS as usize && code.bytes().all(|b| b.is_ascii_digit())
}

/// The `400` message for a field whose code is not shaped like one, or `None`.
pub fn code_shape_error(field: &str, code: Option<&str>) -> Option<String> {
    code.filter(|c| !is_code(c))
        .map(|_| format!("{field}: a TOTP code is {DIGITS} digits"))
}

pub fn verify(secret: &[u8], digits: u8, code: &str, t: u64, last_step: u64) -> Option<u64> {
    let code = code.trim();
    if code.len() != usize::from(digits) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret, digits);
    let now = step_of(t);
    let window = [
        now.saturating_sub(u64::from(DRIFT_STEPS)),
        now,
        now + u64::from(DRIFT_STEPS),
    ];
    let mut found = None;
    // Compare against every candidate, so timing does not tell which step matched.
    for step in window {
        let expected = totp.generate(step * STEP_SECS).to_string();
        if constant_time_eq(expected.as_bytes(), code.as_bytes()) && step > last_step {
            found = Some(step);
        }
    }
    found
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    /// RFC 6238 Appendix B, SHA-1, 8 digits, through the verification path.
    #[test]
    fn rfc6238_appendix_b_vectors() {
        for (t, code) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(RFC_SECRET, 8, t), code, "generate at T={t}");
            assert_eq!(
                verify(RFC_SECRET, 8, code, t, 0),
                Some(step_of(t)),
                "verify at T={t}"
            );
            assert_eq!(verify(RFC_SECRET, 8, "00000000", t, 0), None);
        }
    }

    #[test]
    fn drift_of_one_step_either_way_and_no_more() {
        let t = 1_700_000_000u64;
        let s = step_of(t);
        let at = |step: u64| code_at(RFC_SECRET, 6, step * STEP_SECS);
        assert_eq!(verify(RFC_SECRET, 6, &at(s - 1), t, 0), Some(s - 1));
        assert_eq!(verify(RFC_SECRET, 6, &at(s + 1), t, 0), Some(s + 1));
        assert_eq!(verify(RFC_SECRET, 6, &at(s - 2), t, 0), None);
        assert_eq!(verify(RFC_SECRET, 6, &at(s + 2), t, 0), None);
    }

    #[test]
    fn an_accepted_step_is_never_accepted_again() {
        let t = 1_700_000_000u64;
        let s = step_of(t);
        let code = code_at(RFC_SECRET, 6, t);
        assert_eq!(verify(RFC_SECRET, 6, &code, t, s - 1), Some(s));
        assert_eq!(verify(RFC_SECRET, 6, &code, t, s), None, "replay");
        // An older code after a newer one was used is refused too.
        let older = code_at(RFC_SECRET, 6, (s - 1) * STEP_SECS);
        assert_eq!(verify(RFC_SECRET, 6, &older, t, s), None);
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in ["", "12345", "1234567", "12a456", "１２３４５６"] {
            assert_eq!(
                verify(RFC_SECRET, 6, bad, 1_700_000_000, 0),
                None,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn base32_and_uri() {
        let s = new_secret();
        assert_eq!(s.len(), 20);
        assert_eq!(from_base32(&to_base32(&s)).unwrap(), s);
        let uri = otpauth_uri(&s, "mdm sandbox", "alice@sbx:1");
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(&format!("secret={}", to_base32(&s))));
        assert!(
            uri.contains("issuer=mdm%20sandbox") || uri.contains("issuer=mdm+sandbox"),
            "{uri}"
        );
    }
}
