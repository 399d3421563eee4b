//! Route handlers, one module per resource.

pub mod actions;
pub mod apps;
pub mod audit;
pub mod auth;
pub mod devices;
pub mod enroll;
pub mod groups;
pub mod incident;
pub mod meta;
pub mod policies;

use super::http::{ApiError, ApiResult};

/// Query parameters as given, for parsing with our own error messages (and refusing
/// unknown keys, which catches client typos early).
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn from_query(q: Option<&str>) -> ApiResult<Self> {
        let pairs = url::form_urlencoded::parse(q.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(Params(pairs))
    }

    pub fn only(&self, allowed: &[&str]) -> ApiResult<()> {
        for (k, _) in &self.0 {
            if !allowed.contains(&k.as_str()) {
                let allowed = if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed.join(", ")
                };
                return Err(ApiError::bad_request(format!(
                    "unknown query parameter {k:?} (allowed: {allowed})"
                )));
            }
        }
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn bool(&self, key: &str) -> ApiResult<bool> {
        match self.get(key) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!(
                "{key} must be true or false, not {other:?}"
            ))),
        }
    }

    pub fn one_of(&self, key: &str, allowed: &[&str]) -> ApiResult<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_string())),
            Some(v) => Err(ApiError::bad_request(format!(
                "{key} must be one of {}, not {v:?}",
                allowed.join(", ")
            ))),
        }
    }

    /// `one_of` parsed into the model's type of those names.
    pub fn name<T: std::str::FromStr>(&self, key: &str, names: &[&str]) -> ApiResult<Option<T>> {
        Ok(self.one_of(key, names)?.and_then(|v| v.parse().ok()))
    }

    pub fn limit(&self, default: u32, max: u32) -> ApiResult<u32> {
        match self.get("limit") {
            None => Ok(default),
            Some(v) => match v.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "limit must be a whole number from 1 to {max}, not {v:?}"
                ))),
            },
        }
    }
}

/// Turns `limit + 1` fetched rows (keyed by their cursor position) into a page: the
/// extra row only tells that another page exists.
pub fn page_of<T>(
    mut rows: Vec<(i64, T)>,
    limit: u32,
    total: Option<u64>,
) -> mdm_model::types::Page<T> {
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|(key, _)| encode_cursor(*key))
    } else {
        None
    };
    mdm_model::types::Page {
        items: rows.into_iter().map(|(_, t)| t).collect(),
        next_cursor,
        total,
    }
}

/// Cursors are opaque to clients: base64url of the last row id.
pub fn encode_cursor(rid: i64) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("r:{rid}"))
}

pub fn decode_cursor(c: &str) -> ApiResult<i64> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(c)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("r:").and_then(|n| n.parse::<i64>().ok()))
        .filter(|n| *n >= 0)
        .ok_or_else(|| ApiError::bad_request("the cursor is not valid; start again without one"))
}
