use super::config::parse;
use super::*;
use std::path::Path;

fn no_env(_: &str) -> Option<String> {
    None
}

fn parse_str(text: &str) -> Result<GatewayConfig, LocalError> {
    parse(text, Path::new("/etc/mdm/gateway.toml"), &no_env)
}

const SIM: &str = r#"
listen = "127.0.0.1:0"
database = "gw.sqlite3"
[backend]
kind = "simulator"
devices = 12
[settings]
approval_threshold = 3
elevation_ttl = "2m"
"#;

#[test]
fn a_simulator_config_resolves() {
    let c = parse_str(SIM).unwrap();
    assert_eq!(c.database.file(), Some(Path::new("/etc/mdm/gw.sqlite3")));
    assert!(c.tls.is_none());
    assert_eq!(c.settings.approval_threshold, 3);
    assert_eq!(c.settings.elevation_ttl, Duration::from_secs(120));
    match c.backend {
        BackendConfig::Simulator(s) => {
            assert_eq!(s.devices, 12);
            assert_eq!(s.tick, Duration::from_secs(1));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_inputs_name_the_key_and_line() {
    let cases: &[(&str, &str)] = &[
        (
            "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\nbogus = 1\n[backend]\nkind = \"simulator\"\n",
            "gateway.toml:3: bogus: unknown field `bogus`",
        ),
        (
            "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"simulator\"\nspeed = 3\n",
            ":5: backend.speed: unknown field `speed`",
        ),
        (
            "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"simulator\"\n[settings]\napproval_threshold = \"x\"\n",
            ":6: settings.approval_threshold: invalid type",
        ),
        (
            "listen = \"localhost:80\"\ndatabase = \"d\"\n[backend]\nkind = \"simulator\"\n",
            ":1: listen: \"localhost:80\" is not an IP address and port",
        ),
        (
            "listen = \"0.0.0.0:8443\"\ndatabase = \"d\"\n[backend]\nkind = \"simulator\"\n",
            "listen: 0.0.0.0:8443 is not a loopback address, and there is no [tls]",
        ),
        (
            "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"mobileiron\"\n",
            "unknown backend kind \"mobileiron\"; available kinds: simulator, intune, jamf, fleet",
        ),
        (
            "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"simulator\"\n[settings]\nstepup_lockout = \"10s\"\n",
            "settings.stepup_lockout must be at least 1m",
        ),
        (
            "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"simulator\"\n[settings]\nelevation_ttl = \"soon\"\n",
            ":6: settings.elevation_ttl: invalid duration \"soon\"",
        ),
        (
            "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"intune\"\ntenant = \"t\"\nclient_id = \"c\"\nclient_secret_env = \"S\"\ngraph_url = \"http://graph.example.org\"\n",
            ":8: backend.graph_url: refusing http:// to graph.example.org",
        ),
        (
            "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"intune\"\ntenant = \"t\"\nclient_id = \"c\"\nclient_secret = \"hunter2\"\n",
            "backend.client_secret: unknown field `client_secret`",
        ),
    ];
    let missing = parse_str("database = \"d\"\n[backend]\nkind = \"simulator\"\n").unwrap_err();
    assert_eq!(missing.message, "/etc/mdm/gateway.toml: listen: missing");
    let missing = parse_str(
        "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"intune\"\ntenant = \"t\"\n",
    )
    .unwrap_err();
    assert_eq!(
        missing.message, "/etc/mdm/gateway.toml:3: backend.client_id: missing",
        "{missing:?}"
    );
    for (text, want) in cases {
        let e = parse_str(text).unwrap_err();
        assert!(e.message.contains(want), "{want:?} not in {:?}", e.message);
        assert_eq!(e.kind, crate::local::LocalErrorKind::Usage, "{want}");
        assert!(!format!("{e:?}").contains("hunter2"), "{e:?}");
    }
}

#[test]
fn intune_resolves_with_an_env_secret_and_stops_at_the_backend() {
    let text = r#"
listen = "127.0.0.1:8443"
database = "/var/lib/mdm/gateway.sqlite3"
[backend]
kind = "intune"
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000000"
client_secret_env = "GRAPH_SECRET"
graph_url = "http://127.0.0.1:9999"
groups = ["Kiosks"]
write_budget = { writes = 50, per_seconds = 10 }
sync_interval = "1m"
"#;
    let env = |k: &str| (k == "GRAPH_SECRET").then(|| "MARKER-SECRET".to_string());
    let c = parse(text, Path::new("gw.toml"), &env).unwrap();
    assert!(!format!("{c:?}").contains("MARKER"));
    let BackendConfig::Intune(i) = &c.backend else {
        panic!("not intune")
    };
    assert_eq!(i.write_budget.writes, 50);
    assert_eq!(i.sync_interval, Duration::from_secs(60));
    assert_eq!(i.audit_interval, Duration::from_secs(300));
    assert_eq!(i.login_url.as_str(), "https://login.microsoftonline.com/");
    assert_eq!(
        i.credential,
        crate::backend::intune::GraphCredential::Secret(SecretValue::new("MARKER-SECRET"))
    );
    let e = start_backend(&c.backend, &c.settings).err().unwrap();
    assert_eq!(
        e.message,
        "the intune backend needs the gateway's async runtime"
    );
    assert_eq!(e.kind, crate::local::LocalErrorKind::Failure);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _in_rt = rt.enter();
    let b = start_backend(&c.backend, &c.settings).unwrap();
    assert_eq!(b.name(), "intune");
}

#[test]
fn fleet_resolves_with_an_env_token_and_refuses_bad_input() {
    let head = "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"fleet\"\n";
    let env = |k: &str| (k == "FLEET_TOKEN").then(|| "MARKER-TOKEN\n".to_string());
    let c = parse(
        &format!("{head}url = \"https://fleet.example.org\"\napi_token_env = \"FLEET_TOKEN\"\n"),
        Path::new("gw.toml"),
        &env,
    )
    .unwrap();
    assert!(!format!("{c:?}").contains("MARKER"));
    let BackendConfig::Fleet(f) = &c.backend else {
        panic!("not fleet")
    };
    assert_eq!(f.api_token.expose_str(), Some("MARKER-TOKEN"));
    assert_eq!(f.per_page, 500);
    assert_eq!(f.sync_interval, Duration::from_secs(900));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    {
        let _in_rt = rt.enter();
        assert_eq!(
            start_backend(&c.backend, &c.settings).unwrap().name(),
            "fleet"
        );
    }
    let cases: &[(&str, &str)] = &[
        (
            "url = \"https://fleet.example.org\"\n",
            "backend.api_token_file: no Fleet API token configured",
        ),
        (
            "url = \"https://fleet.example.org\"\napi_token_env = \"FLEET_TOKEN\"\napi_token_file = \"t\"\n",
            "use exactly one",
        ),
        (
            "url = \"https://fleet.example.org/api/v1/fleet\"\napi_token_env = \"FLEET_TOKEN\"\n",
            "without /api/v1/fleet",
        ),
        (
            "url = \"http://fleet.example.org\"\napi_token_env = \"FLEET_TOKEN\"\n",
            "backend.url: refusing http:// to fleet.example.org",
        ),
        (
            "url = \"https://fleet.example.org\"\napi_token_env = \"FLEET_TOKEN\"\nper_page = 0\n",
            "backend.per_page: must be between 1 and 10000",
        ),
        (
            "url = \"https://fleet.example.org\"\napi_token = \"hunter2\"\n",
            "backend.api_token: unknown field `api_token`",
        ),
        ("api_token_env = \"FLEET_TOKEN\"\n", "backend.url: missing"),
    ];
    for (body, want) in cases {
        let e = parse(&format!("{head}{body}"), Path::new("gw.toml"), &env).unwrap_err();
        assert!(e.message.contains(want), "{want:?} not in {:?}", e.message);
        assert_eq!(e.kind, crate::local::LocalErrorKind::Usage, "{want}");
        assert!(!format!("{e:?}").contains("hunter2"), "{e:?}");
    }
}

#[test]
fn jamf_resolves_with_an_env_secret_and_refuses_bad_input() {
    let head = "listen = \"127.0.0.1:0\"\ndatabase = \"d\"\n[backend]\nkind = \"jamf\"\n";
    let env = |k: &str| (k == "JAMF_SECRET").then(|| "MARKER-SECRET\n".to_string());
    let ok = "url = \"https://example.jamfcloud.com\"\nclient_id = \"c1\"\nclient_secret_env = \"JAMF_SECRET\"\n";
    let c = parse(&format!("{head}{ok}"), Path::new("gw.toml"), &env).unwrap();
    assert!(!format!("{c:?}").contains("MARKER"));
    let BackendConfig::Jamf(j) = &c.backend else {
        panic!("not jamf")
    };
    assert_eq!(j.client_secret.expose_str(), Some("MARKER-SECRET"));
    assert_eq!(j.client_id, "c1");
    assert_eq!(j.page_size, 500);
    assert_eq!(j.max_connections, 5);
    assert_eq!(j.audit_interval, Duration::from_secs(300));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    {
        let _in_rt = rt.enter();
        assert_eq!(
            start_backend(&c.backend, &c.settings).unwrap().name(),
            "jamf"
        );
    }
    let url = "url = \"https://example.jamfcloud.com\"\n";
    let cases: Vec<(String, &str)> = vec![
        (
            format!("{url}client_id = \"c1\"\n"),
            "backend.client_secret_file: no Jamf API client secret configured",
        ),
        (
            format!(
                "{url}client_id = \"c1\"\nclient_secret_env = \"JAMF_SECRET\"\nclient_secret_file = \"s\"\n"
            ),
            "use exactly one",
        ),
        (
            "url = \"https://example.jamfcloud.com/api\"\nclient_id = \"c1\"\nclient_secret_env = \"JAMF_SECRET\"\n".to_string(),
            "without /api",
        ),
        (
            "url = \"http://jamf.example.org\"\nclient_id = \"c1\"\nclient_secret_env = \"JAMF_SECRET\"\n".to_string(),
            "backend.url: refusing http:// to jamf.example.org",
        ),
        (
            format!("{ok}max_connections = 6\n"),
            "backend.max_connections: must be between 1 and 5",
        ),
        (
            format!("{ok}page_size = 0\n"),
            "backend.page_size: must be between 1 and 2000",
        ),
        (
            format!("{url}client_id = \" \"\nclient_secret_env = \"JAMF_SECRET\"\n"),
            "backend.client_id: must not be empty",
        ),
        (
            format!("{ok}client_secret = \"hunter2\"\n"),
            "backend.client_secret: unknown field `client_secret`",
        ),
        (
            "client_id = \"c1\"\nclient_secret_env = \"JAMF_SECRET\"\n".to_string(),
            "backend.url: missing",
        ),
    ];
    for (body, want) in &cases {
        let e = parse(&format!("{head}{body}"), Path::new("gw.toml"), &env).unwrap_err();
        assert!(e.message.contains(want), "{want:?} not in {:?}", e.message);
        assert_eq!(e.kind, crate::local::LocalErrorKind::Usage, "{want}");
        assert!(!format!("{e:?}").contains("hunter2"), "{e:?}");
    }
}

/// A PostgreSQL database with its secrets from the environment.
fn pg_config(database: &str, extra: &str) -> String {
    format!(
        "listen = \"127.0.0.1:0\"\ndatabase = {database:?}\n{extra}\n[backend]\nkind = \"simulator\"\n"
    )
}

fn pg_env(k: &str) -> Option<String> {
    match k {
        "PGPASS" => Some("s3cret-pg".into()),
        "CKEY" => Some("ab".repeat(32)),
        "SHORT" => Some("abcd".into()),
        _ => None,
    }
}

const PG_TABLES: &str = "[postgres]\npassword_env = \"PGPASS\"\n[keys]\ntotp_key_file = \"totp.key\"\ncheckpoint_key_env = \"CKEY\"";

#[test]
fn a_postgres_database_takes_its_password_and_keys_from_secret_sources() {
    let text = pg_config("postgres://mdm@127.0.0.1:5432/mdm", PG_TABLES);
    let c = parse(&text, Path::new("/etc/mdm/gateway.toml"), &pg_env).unwrap();
    match &c.database {
        Database::Postgres(p) => {
            assert_eq!(p.url, "postgres://mdm@127.0.0.1:5432/mdm");
            assert_eq!(p.password.as_ref().unwrap().expose_str(), Some("s3cret-pg"));
            assert_eq!(p.totp_key_file, Path::new("/etc/mdm/totp.key"));
            assert!(
                !format!("{c:?}").contains("s3cret-pg"),
                "no secret in Debug"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.database.shown(), "postgres://mdm@127.0.0.1:5432/mdm");
}

#[test]
fn bad_postgres_settings_are_refused_naming_the_key_and_never_the_secret() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "postgres://mdm:hunter2@127.0.0.1/mdm",
            PG_TABLES,
            "holds a password",
        ),
        (
            "postgres://mdm@db.example.com/mdm",
            PG_TABLES,
            "does not ask for TLS",
        ),
        (
            "mysql://x@127.0.0.1/db",
            "",
            "neither a file nor a postgres:// URL",
        ),
        (
            "gw.sqlite3",
            "[postgres]\npassword_env = \"PGPASS\"",
            "go with a postgres:// database",
        ),
        (
            "postgres://mdm@127.0.0.1/mdm",
            "[postgres]\npassword_env = \"PGPASS\"",
            "needs a [keys] table",
        ),
        (
            "postgres://mdm@127.0.0.1/mdm",
            "[keys]\ntotp_key_file = \"totp.key\"",
            "no checkpoint key",
        ),
        (
            "postgres://mdm@127.0.0.1/mdm",
            "[keys]\ntotp_key_file = \"totp.key\"\ncheckpoint_key_env = \"SHORT\"",
            "not 64 hex digits",
        ),
        (
            "postgres://mdm@127.0.0.1/mdm",
            "[postgres]\npassword_env = \"NOPE\"\n[keys]\ntotp_key_file = \"t\"\ncheckpoint_key_env = \"CKEY\"",
            "NOPE is not set",
        ),
        (
            "postgres://mdm@127.0.0.1/mdm",
            "[postgres]\npassword_env = \"PGPASS\"\npassword_file = \"p\"\n[keys]\ntotp_key_file = \"t\"\ncheckpoint_key_env = \"CKEY\"",
            "exclusive",
        ),
        (
            "postgres://mdm@127.0.0.1/mdm",
            "[postgres]\nuser = \"x\"",
            "unknown field",
        ),
        ("not a url at all ://", "", "neither a file"),
    ];
    for (db, extra, want) in cases {
        let text = pg_config(db, extra);
        let e = match parse(&text, Path::new("/etc/mdm/gateway.toml"), &pg_env) {
            Ok(_) => panic!("{db} {extra:?} was accepted"),
            Err(e) => e,
        };
        let shown = format!("{e} {:?}", e.hint);
        assert!(shown.contains(want), "{db} {extra:?}: {shown}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("s3cret-pg"),
            "{shown}"
        );
    }
}
