//! The Entra ID token endpoint (`POST /{tenant}/oauth2/v2.0/token`), client credentials
//! with a client secret or a certificate assertion (RFC 7523 JWT, RS256, `x5t#S256`),
//! answering errors the way Entra does (`error`, `error_description` with the AADSTS code,
//! `error_codes`, `timestamp`, `trace_id`, `correlation_id`).

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::json;
use sha2::Digest as _;

use crate::{Fault, Req, Resp, Shared, fleet, now_unix};

pub const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The DER of the first certificate in a PEM text.
pub fn pem_to_der(pem: &str) -> Option<Vec<u8>> {
    let start = pem.find("-----BEGIN CERTIFICATE-----")? + "-----BEGIN CERTIFICATE-----".len();
    let end = pem[start..].find("-----END CERTIFICATE-----")? + start;
    let b64: String = pem[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    STANDARD.decode(b64).ok()
}

/// `x5t#S256` of a certificate: base64url (no padding) of the SHA-256 of its DER.
pub fn x5t_s256(der: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(der))
}

/// Replaces the values of `client_secret` and `client_assertion` in a form body.
pub fn redact_form(body: &str) -> String {
    url::form_urlencoded::parse(body.as_bytes())
        .map(|(k, v)| {
            let v = if k == "client_secret" || k == "client_assertion" {
                "***".to_string()
            } else {
                v.into_owned()
            };
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn entra_error(status: u16, error: &str, code: u32, description: &str) -> Resp {
    let trace = fleet::guid(now_unix() as u64, 50, code as u64);
    Resp::json(
        status,
        json!({
            "error": error,
            "error_description": format!("AADSTS{code}: {description} Trace ID: {trace} Correlation ID: {trace} Timestamp: {}", fleet::iso(now_unix())),
            "error_codes": [code],
            "timestamp": fleet::iso(now_unix()).replace('T', " "),
            "trace_id": trace,
            "correlation_id": trace,
            "error_uri": format!("https://login.microsoftonline.com/error?code={code}"),
        }),
    )
}

#[derive(serde::Deserialize)]
struct Claims {
    sub: Option<String>,
}

pub(crate) fn token(shared: &Shared, tenant: &str, r: &Req) -> Resp {
    if let Some(Fault::TokenError {
        status,
        error,
        error_description,
    }) = shared
        .lock()
        .faults
        .iter()
        .find(|f| matches!(f, Fault::TokenError { .. }))
        .cloned()
    {
        return Resp::json(
            status,
            json!({"error": error, "error_description": error_description, "error_codes": []}),
        );
    }
    let form: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(&r.body).into_owned().collect();
    let get = |k: &str| form.get(k).map(String::as_str);
    let opts = &shared.opts;
    if let Some(t) = &opts.tenant
        && !t.eq_ignore_ascii_case(tenant)
    {
        return entra_error(
            400,
            "invalid_request",
            90002,
            &format!(
                "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."
            ),
        );
    }
    match get("grant_type") {
        Some("client_credentials") => {}
        Some(other) => {
            return entra_error(
                400,
                "unsupported_grant_type",
                70003,
                &format!("The app requested an unsupported grant type '{other}'."),
            );
        }
        None => {
            return entra_error(
                400,
                "invalid_request",
                900144,
                "The request body must contain the following parameter: 'grant_type'.",
            );
        }
    }
    let Some(client_id) = get("client_id") else {
        return entra_error(
            400,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'client_id'.",
        );
    };
    if client_id != opts.client_id {
        return entra_error(
            400,
            "unauthorized_client",
            700016,
            &format!(
                "Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
            ),
        );
    }
    // The fake stands in for Graph at its own URL, so `{its URL}/.default` (what a client
    // pointed at it derives from its graph_url) names the same resource.
    let own_scope = r.h("host").map(|h| format!("http://{h}/.default"));
    match get("scope") {
        Some(s) if s == GRAPH_SCOPE || own_scope.as_deref() == Some(s) => {}
        Some(s) => {
            return entra_error(
                400,
                "invalid_scope",
                1002012,
                &format!(
                    "The provided value for scope {s} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."
                ),
            );
        }
        None => {
            return entra_error(
                400,
                "invalid_request",
                90014,
                "The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
            );
        }
    }
    if let Some(secret) = get("client_secret") {
        if opts.client_secret.as_deref() != Some(secret) {
            return entra_error(
                401,
                "invalid_client",
                7000215,
                &format!(
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client_id}'."
                ),
            );
        }
    } else if let Some(assertion) = get("client_assertion") {
        if get("client_assertion_type") != Some(ASSERTION_TYPE) {
            return entra_error(
                400,
                "invalid_request",
                50027,
                &format!("client_assertion_type must be '{ASSERTION_TYPE}'."),
            );
        }
        let token_url = format!("{}/{tenant}/oauth2/v2.0/token", shared.base);
        if let Err(resp) = verify_assertion(opts, assertion, client_id, &token_url) {
            return resp;
        }
    } else {
        return entra_error(
            401,
            "invalid_client",
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        );
    }
    let token = {
        use rand::Rng as _;
        let bytes: [u8; 32] = rand::rng().random();
        format!("fake.{}", URL_SAFE_NO_PAD.encode(bytes))
    };
    let lifetime = opts.token_lifetime;
    shared.lock().tokens.insert(
        token.clone(),
        (client_id.to_string(), std::time::Instant::now() + lifetime),
    );
    Resp::json(
        200,
        json!({
            "token_type": "Bearer",
            "expires_in": lifetime.as_secs(),
            "ext_expires_in": lifetime.as_secs(),
            "access_token": token,
        }),
    )
}

fn verify_assertion(
    opts: &crate::Options,
    assertion: &str,
    client_id: &str,
    token_url: &str,
) -> Result<(), Resp> {
    let Some(pem) = opts.client_certificate_pem.as_deref() else {
        return Err(entra_error(
            401,
            "invalid_client",
            700027,
            "Client assertion failed signature validation. The application has no certificate credential registered.",
        ));
    };
    let bad = |code: u32, msg: &str| entra_error(401, "invalid_client", code, msg);
    let header = jsonwebtoken::decode_header(assertion)
        .map_err(|_| bad(50027, "JWT token is invalid or malformed."))?;
    if header.alg != jsonwebtoken::Algorithm::RS256 && header.alg != jsonwebtoken::Algorithm::PS256
    {
        return Err(bad(
            5002738,
            "Invalid JWT token. Only RS256 and PS256 are supported.",
        ));
    }
    let der =
        pem_to_der(pem).ok_or_else(|| bad(700027, "The configured certificate is invalid."))?;
    let thumb = x5t_s256(&der);
    if header.x5t_s256.as_deref() != Some(thumb.as_str()) {
        return Err(bad(
            700027,
            &format!(
                "The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '{}', Please visit the Azure Portal, Enterprise applications or App registrations to check the keys registered for '{client_id}']",
                header
                    .x5t_s256
                    .as_deref()
                    .or(header.x5t.as_deref())
                    .unwrap_or("")
            ),
        ));
    }
    let key = jsonwebtoken::DecodingKey::from_rsa_pem(pem.as_bytes())
        .map_err(|_| bad(700027, "The configured certificate has no RSA key."))?;
    let mut v = jsonwebtoken::Validation::new(header.alg);
    v.leeway = 30;
    v.set_audience(&[token_url]);
    v.set_issuer(&[client_id]);
    v.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
    let data = jsonwebtoken::decode::<Claims>(assertion, &key, &v).map_err(|e| {
        use jsonwebtoken::errors::ErrorKind as K;
        match e.kind() {
            K::ExpiredSignature | K::ImmatureSignature => bad(
                700024,
                "Client assertion is not within its valid time range.",
            ),
            K::InvalidAudience => bad(
                700023,
                &format!("Client assertion audience claim does not match Realm issuer. Expected '{token_url}'."),
            ),
            K::InvalidIssuer => bad(
                700021,
                "Client assertion application identifier doesn't match 'client_id' parameter.",
            ),
            K::InvalidSignature => bad(700027, "Client assertion contains an invalid signature."),
            K::MissingRequiredClaim(c) => bad(
                50027,
                &format!("JWT token is invalid or malformed: the claim '{c}' is missing."),
            ),
            _ => bad(50027, "JWT token is invalid or malformed."),
        }
    })?;
    if data.claims.sub.as_deref() != Some(client_id) {
        return Err(bad(
            700021,
            "Client assertion application identifier doesn't match 'client_id' parameter.",
        ));
    }
    Ok(())
}
