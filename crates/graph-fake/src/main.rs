//! `mdm-graph-fake`: the Graph fake as a program, to try the gateway against.
//! Prints its URL on the first line of stdout, then serves until killed.

use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: mdm-graph-fake [--port N] [--devices N] [--seed N]
       [--tenant TENANT] [--client-id ID] [--client-secret-file FILE] [--certificate FILE.pem]
       [--write-budget WRITES/SECONDS] [--token-lifetime SECONDS]
       [--action-polls N] [--action-done-after SECONDS]
       [--approval ACTION]... [--log FILE.jsonl]

The secret may also come from $MDM_GRAPH_FAKE_SECRET. Serves http on 127.0.0.1 only;
use its URL as both graph_url and login_url.";

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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse(&args) {
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
    let fake = match graph_fake::Fake::start(opts) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot start the Graph fake: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", fake.url());
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}
