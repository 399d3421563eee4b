//! Direct HTTP calls to the sandbox, for tests of the API itself (the server must enforce
//! everything whatever client calls it).

use serde_json::Value;

pub struct Http {
    pub base: String,
    client: reqwest::blocking::Client,
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub body: Value,
}

impl Resp {
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

impl Http {
    pub fn new(base: &str) -> Http {
        Http {
            base: base.to_string(),
            client: reqwest::blocking::Client::new(),
        }
    }

    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        elevation: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        self.call_with(method, path, token, elevation, &[], body)
    }

    pub fn call_with(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        elevation: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Resp {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.client.request(m, format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(e) = elevation {
            req = req.header("X-MDM-Elevation", e);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().unwrap();
        let status = r.status().as_u16();
        let text = r.text().unwrap_or_default();
        Resp {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
        }
    }

    pub fn get(&self, path: &str, token: &str) -> Resp {
        self.call("GET", path, Some(token), None, None)
    }

    pub fn post(&self, path: &str, token: &str, body: Value) -> Resp {
        self.call("POST", path, Some(token), None, Some(body))
    }

    /// Steps up with `code`; returns the elevation token on success.
    pub fn step_up(&self, token: &str, code: &str) -> Result<String, Resp> {
        let r = self.post(
            "/v1/auth/step-up",
            token,
            serde_json::json!({ "code": code }),
        );
        if r.status == 200 {
            Ok(r.body["elevation_token"].as_str().unwrap().to_string())
        } else {
            Err(r)
        }
    }
}
