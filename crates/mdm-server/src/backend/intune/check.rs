//! `mdm gateway check` for the Intune backend: proves, before the gateway serves anyone,
//! that the credential works and the app may read the fleet, step by step, so a failure
//! names the one thing to fix (a wrong secret, an expired certificate, a missing Graph
//! permission) instead of surfacing at the first wipe.

use super::IntuneConfig;
use super::devices::MANAGED_DEVICE_SELECT;
use super::graph::{GraphClient, GraphError, ListQuery, Page};
use serde::Serialize;
use std::fmt;

/// The Graph application permission reading the inventory needs.
pub const READ_PERMISSION: &str = "DeviceManagementManagedDevices.Read.All";

/// What one step found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Ok {
        detail: String,
    },
    Failed {
        reason: String,
        /// Graph permissions the app lacks, when Graph named them (or the step's own).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        missing_permissions: Vec<String>,
    },
    /// Not tried because an earlier step failed.
    Skipped {
        because: String,
    },
}

/// One step of the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// `config`, `token`, `read_devices`.
    pub name: &'static str,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Every step, in order; what `mdm gateway check` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub steps: Vec<Step>,
}

impl CheckReport {
    /// Every step passed.
    pub fn ok(&self) -> bool {
        self.steps
            .iter()
            .all(|s| matches!(s.outcome, Outcome::Ok { .. }))
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.steps {
            match &s.outcome {
                Outcome::Ok { detail } => writeln!(f, "ok      {}: {detail}", s.name)?,
                Outcome::Failed {
                    reason,
                    missing_permissions,
                } => {
                    writeln!(f, "FAILED  {}: {reason}", s.name)?;
                    if !missing_permissions.is_empty() {
                        writeln!(
                            f,
                            "        grant the app the Graph application permission {} \
                             (admin consent)",
                            missing_permissions.join(" or ")
                        )?;
                    }
                }
                Outcome::Skipped { because } => writeln!(f, "skipped {}: {because}", s.name)?,
            }
        }
        Ok(())
    }
}

fn failed(name: &'static str, e: &GraphError) -> Step {
    let missing_permissions = match e {
        GraphError::Forbidden { permissions, .. } if !permissions.is_empty() => permissions.clone(),
        GraphError::Forbidden { .. } => vec![READ_PERMISSION.to_string()],
        _ => Vec::new(),
    };
    Step {
        name,
        outcome: Outcome::Failed {
            reason: e.to_string(),
            missing_permissions,
        },
    }
}

fn skipped(name: &'static str, because: &str) -> Step {
    Step {
        name,
        outcome: Outcome::Skipped {
            because: because.to_string(),
        },
    }
}

/// Checks `cfg` against Entra ID and Graph: builds the client (certificate and key
/// parsed), gets a token, reads one page of `managedDevices` (`$top=1`, `$count`).
pub async fn check(cfg: &IntuneConfig) -> CheckReport {
    match GraphClient::new(cfg) {
        Ok(client) => {
            let mut report = check_with(&client).await;
            report.steps.insert(
                0,
                Step {
                    name: "config",
                    outcome: Outcome::Ok {
                        detail: format!(
                            "tenant {}, app {}, Graph {}",
                            cfg.tenant, cfg.client_id, cfg.graph_url
                        ),
                    },
                },
            );
            report
        }
        Err(e) => CheckReport {
            steps: vec![
                failed("config", &e),
                skipped("token", "the configuration is unusable"),
                skipped("read_devices", "the configuration is unusable"),
            ],
        },
    }
}

/// The token and read steps with a ready client (tests give one on a mock Graph).
pub async fn check_with(client: &GraphClient) -> CheckReport {
    let mut steps = Vec::new();
    if let Err(e) = client.auth().token().await {
        steps.push(failed("token", &GraphError::Auth(e)));
        steps.push(skipped("read_devices", "no token"));
        return CheckReport { steps };
    }
    steps.push(Step {
        name: "token",
        outcome: Outcome::Ok {
            detail: "Entra ID issued an app-only token for Graph".into(),
        },
    });
    let query = ListQuery {
        top: Some(1),
        count: true,
        ..ListQuery::select(MANAGED_DEVICE_SELECT)
    };
    let read = match client.v1("deviceManagement/managedDevices") {
        Ok(url) => client.page::<serde_json::Value>(query.apply(url)).await,
        Err(e) => Err(e),
    };
    steps.push(match read {
        Ok(page) => Step {
            name: "read_devices",
            outcome: Outcome::Ok {
                detail: describe(&page),
            },
        },
        Err(e) => failed("read_devices", &e),
    });
    CheckReport { steps }
}

fn describe(page: &Page<serde_json::Value>) -> String {
    match page.count {
        Some(n) => format!("managedDevices readable, {n} devices in Intune"),
        None if page.value.is_empty() => "managedDevices readable, no devices".into(),
        None => "managedDevices readable (Graph gave no count)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::intune::auth::tests as authmock;
    use crate::backend::intune::graph::tests::{MockGraph, client, serve_graph, setup};
    use crate::backend::intune::{GraphCredential, SecretValue};
    use std::sync::Arc;
    use std::time::Duration;

    #[tokio::test]
    async fn a_working_setup_passes_every_step() {
        let (g, m) = setup().await;
        let r = check_with(&g).await;
        assert!(r.ok(), "{r}");
        assert_eq!(r.steps.len(), 2);
        assert_eq!(
            r.steps[1].outcome,
            Outcome::Ok {
                detail: "managedDevices readable, 9 devices in Intune".into()
            }
        );
        let seen = m.seen.lock().unwrap().clone();
        assert_eq!(seen.len(), 1, "one page only");
        assert!(seen[0].0.contains("%24top=1"), "{}", seen[0].0);
        assert!(seen[0].0.contains("%24count=true"), "{}", seen[0].0);
        assert_eq!(seen[0].2.as_deref(), Some("eventual"));
        let text = r.to_string();
        assert!(text.contains("ok      token"), "{text}");
        assert!(!text.contains("tok-1"), "never the token: {text}");
    }

    #[tokio::test]
    async fn a_403_names_the_missing_permission() {
        let (g, m) = setup().await;
        *m.list_forbidden.lock().unwrap() = Some(
            serde_json::json!({"error": {"code": "Forbidden", "message":
                "Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.Read.All, DeviceManagementManagedDevices.ReadWrite.All - Operation ID (for customer support): 1"}})
            .to_string(),
        );
        let r = check_with(&g).await;
        assert!(!r.ok());
        match &r.steps[1].outcome {
            Outcome::Failed {
                missing_permissions,
                ..
            } => assert_eq!(
                missing_permissions,
                &vec![
                    "DeviceManagementManagedDevices.Read.All".to_string(),
                    "DeviceManagementManagedDevices.ReadWrite.All".to_string()
                ]
            ),
            other => panic!("{other:?}"),
        }
        let text = r.to_string();
        assert!(
            text.contains("grant the app the Graph application permission DeviceManagementManagedDevices.Read.All"),
            "{text}"
        );
        // A 403 that names nothing still says what reading needs.
        *m.list_forbidden.lock().unwrap() =
            Some(r#"{"error":{"code":"Forbidden","message":"Forbidden"}}"#.into());
        let r = check_with(&g).await;
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["steps"][1]["outcome"], "failed");
        assert_eq!(
            json["steps"][1]["missing_permissions"][0],
            "DeviceManagementManagedDevices.Read.All"
        );
    }

    #[tokio::test]
    async fn a_bad_secret_fails_the_token_step_and_skips_the_rest() {
        let (login, _) = authmock::serve(authmock::Answer::InvalidClient, Duration::ZERO).await;
        let m = Arc::new(MockGraph::default());
        let graph = serve_graph(m.clone()).await;
        let r = check_with(&client(&login, &graph)).await;
        assert!(!r.ok());
        assert!(
            matches!(&r.steps[0].outcome, Outcome::Failed { reason, .. } if reason.contains("invalid_client"))
        );
        assert!(matches!(r.steps[1].outcome, Outcome::Skipped { .. }));
        assert!(m.seen.lock().unwrap().is_empty(), "Graph not called");
        assert!(!r.to_string().contains("the-secret"));
    }

    #[tokio::test]
    async fn an_unusable_certificate_fails_the_config_step() {
        let cfg = authmock::config(
            "http://127.0.0.1:9",
            GraphCredential::Certificate {
                cert_pem: b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                    .to_vec(),
                key_pem: SecretValue::new(authmock::KEY_PEM),
            },
        );
        let r = check(&cfg).await;
        assert_eq!(
            r.steps.iter().map(|s| s.name).collect::<Vec<_>>(),
            ["config", "token", "read_devices"]
        );
        assert!(matches!(r.steps[0].outcome, Outcome::Failed { .. }), "{r}");
        assert!(matches!(r.steps[2].outcome, Outcome::Skipped { .. }));
    }

    #[tokio::test]
    async fn check_from_config_reports_the_config_then_the_steps() {
        let (login, _) =
            authmock::serve(authmock::Answer::Token { expires_in: 3600 }, Duration::ZERO).await;
        let m = Arc::new(MockGraph::default());
        let graph = serve_graph(m.clone()).await;
        let mut cfg = authmock::config(
            &login,
            GraphCredential::Certificate {
                cert_pem: authmock::CERT_PEM.as_bytes().to_vec(),
                key_pem: SecretValue::new(authmock::KEY_PEM),
            },
        );
        cfg.graph_url = url::Url::parse(&graph).unwrap();
        let r = check(&cfg).await;
        assert!(r.ok(), "{r}");
        assert_eq!(r.steps[0].name, "config");
        assert!(!r.to_string().contains("BEGIN"), "{r}");
    }
}
