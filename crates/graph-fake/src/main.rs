//! `mdm-graph-fake`: the vendor fakes as a program, to try the gateway against: Graph
//! (Intune) by default, `jamf` for Jamf Pro, `fleet` for Fleet. Prints its URL on the
//! first line of stdout, then serves until killed.

use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: mdm-graph-fake [--port N] [--devices N] [--seed N]
       [--tenant TENANT] [--client-id ID] [--client-secret-file FILE] [--certificate FILE.pem]
       [--write-budget WRITES/SECONDS] [--token-lifetime SECONDS]
       [--action-polls N] [--action-done-after SECONDS]
       [--approval ACTION]... [--log FILE.jsonl]

       mdm-graph-fake jamf [--port N] [--computers N] [--mobile-devices N] [--seed N]
       [--client-id ID] --client-secret-file FILE [--token-lifetime SECONDS] [--log FILE.jsonl]
       mdm-graph-fake fleet [--port N] [--hosts N] [--seed N] --api-token-file FILE
       [--log FILE.jsonl]

The Graph secret may also come from $MDM_GRAPH_FAKE_SECRET. Serves http on 127.0.0.1
only; use its URL as both graph_url and login_url (Intune), or as url (Jamf, Fleet).";

/// A secret from a file, trimmed.
fn secret_file(p: &str) -> Result<String, String> {
    std::fs::read_to_string(p)
        .map(|s| s.trim().to_string())
        .map_err(|e| format!("{p}: {e}"))
}

fn num(flag: &str, v: &str) -> Result<u64, String> {
    v.parse::<u64>()
        .map_err(|_| format!("{flag}: not a number: {v}"))
}

fn parse_jamf(args: &[String]) -> Result<graph_fake::jamf::JamfOptions, String> {
    let mut o = graph_fake::jamf::JamfOptions {
        keep_log: false,
        ..graph_fake::jamf::JamfOptions::default()
    };
    let mut secret = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--port" => o.port = num(a, &val()?)? as u16,
            "--computers" => o.computers = num(a, &val()?)? as usize,
            "--mobile-devices" => o.mobile_devices = num(a, &val()?)? as usize,
            "--seed" => o.seed = num(a, &val()?)?,
            "--client-id" => o.client_id = val()?,
            "--client-secret-file" => {
                o.client_secret = secret_file(&val()?)?;
                secret = true;
            }
            "--token-lifetime" => o.token_lifetime = Duration::from_secs(num(a, &val()?)?),
            "--log" => o.log_file = Some(val()?.into()),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if !secret {
        return Err("give --client-secret-file FILE".into());
    }
    Ok(o)
}

fn parse_fleet(args: &[String]) -> Result<graph_fake::fleetdm::FleetOptions, String> {
    let mut o = graph_fake::fleetdm::FleetOptions {
        keep_log: false,
        ..graph_fake::fleetdm::FleetOptions::default()
    };
    let mut token = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--port" => o.port = num(a, &val()?)? as u16,
            "--hosts" => o.hosts = num(a, &val()?)? as usize,
            "--seed" => o.seed = num(a, &val()?)?,
            "--api-token-file" => {
                o.api_token = secret_file(&val()?)?;
                token = true;
            }
            "--log" => o.log_file = Some(val()?.into()),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if !token {
        return Err("give --api-token-file FILE".into());
    }
    Ok(o)
}

fn parse(args: &[String]) -> Result<graph_fake::Options, String> {
    let mut o = graph_fake::Options {
        client_secret: std::env::var("MDM_GRAPH_FAKE_SECRET").ok(),
        ..graph_fake::Options::default()
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or(format!("{a} needs a value"));
        let num = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{a}: not a number: {v}"))
        };
        match a.as_str() {
            "--port" => o.port = num(val()?)? as u16,
            "--devices" => o.devices = num(val()?)? as usize,
            "--seed" => o.seed = num(val()?)?,
            "--client-id" => o.client_id = val()?,
            "--tenant" => o.tenant = Some(val()?),
            "--client-secret-file" => {
                let p = val()?;
                let s = std::fs::read_to_string(&p).map_err(|e| format!("{p}: {e}"))?;
                o.client_secret = Some(s.trim().to_string());
            }
            "--certificate" => {
                let p = val()?;
                o.client_certificate_pem =
                    Some(std::fs::read_to_string(&p).map_err(|e| format!("{p}: {e}"))?);
            }
            "--write-budget" => {
                let v = val()?;
                let (w, s) = v
                    .split_once('/')
                    .ok_or(format!("--write-budget WRITES/SECONDS, not {v}"))?;
                o.write_budget_writes = num(w.to_string())? as u32;
                o.write_budget_period = Duration::from_secs_f64(
                    s.parse::<f64>()
                        .map_err(|_| format!("--write-budget: bad seconds {s}"))?,
                );
            }
            "--token-lifetime" => o.token_lifetime = Duration::from_secs(num(val()?)?),
            "--action-polls" => o.action_polls_until_done = num(val()?)? as u32,
            "--action-done-after" => o.action_done_after = Some(Duration::from_secs(num(val()?)?)),
            "--approval" => o.approval_actions.push(val()?),
            "--log" => o.log_file = Some(val()?.into()),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.client_secret.is_none() && o.client_certificate_pem.is_none() {
        return Err(
            "give --client-secret-file FILE (or $MDM_GRAPH_FAKE_SECRET) or --certificate FILE"
                .into(),
        );
    }
    // A long-running fake keeps no in-memory log unless asked to write one.
    o.keep_log = false;
    Ok(o)
}

/// Which fake to run.
enum Which {
    Graph(graph_fake::Options),
    Jamf(graph_fake::jamf::JamfOptions),
    Fleet(graph_fake::fleetdm::FleetOptions),
}

/// The running fake, kept alive while the program serves.
#[allow(dead_code)]
enum Held {
    Graph(graph_fake::FakeHandle),
    Jamf(graph_fake::jamf::JamfHandle),
    Fleet(graph_fake::fleetdm::FleetHandle),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.first().map(String::as_str) {
        Some("jamf") => parse_jamf(&args[1..]).map(Which::Jamf),
        Some("fleet") => parse_fleet(&args[1..]).map(Which::Fleet),
        _ => parse(&args).map(Which::Graph),
    };
    let opts = match parsed {
        Ok(o) => o,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = match opts {
        Which::Graph(o) => {
            graph_fake::Fake::start(o).map(|f| (f.url().to_string(), Held::Graph(f)))
        }
        Which::Jamf(o) => {
            graph_fake::jamf::JamfFake::start(o).map(|f| (f.url().to_string(), Held::Jamf(f)))
        }
        Which::Fleet(o) => {
            graph_fake::fleetdm::FleetFake::start(o).map(|f| (f.url().to_string(), Held::Fleet(f)))
        }
    };
    let (url, _held) = match started {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot start the fake: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{url}");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}
