//! `mdm enroll bulk users.csv`: every row checked first and every problem reported with its
//! line; by default all or nothing. The results hold live tokens, so `--out` files are
//! created with mode 0600 (and never overwrite an existing file).

use crate::api::{BulkEnrollment, EnrollmentRequest};
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Context as _, Error, ExitKind, Result};
use crate::outcome::Outcome;
use mdm_model::escape::terminal;
use std::io::Write;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub file: std::path::PathBuf,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub out: Option<std::path::PathBuf>,
    pub expires: String,
    pub uses: u32,
}

const MAX_ROWS: usize = 10_000;
const MAX_BYTES: u64 = 16 * 1024 * 1024;

struct Row {
    line: u64,
    req: EnrollmentRequest,
}

/// A problem with one line of the file: (line number, reason).
type Problem = (u64, String);

/// Parses the CSV; returns the rows and the problems found on the way.
fn parse(bytes: &[u8]) -> Result<(Vec<Row>, Vec<Problem>)> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(bytes);
    let headers = rdr
        .headers()
        .map_err(|e| Error::usage("cannot read the CSV header").with_cause(e))?
        .clone();
    let mut cols = (None, None, None);
    for (i, h) in headers.iter().enumerate() {
        match h.to_ascii_lowercase().as_str() {
            "email" | "user" | "user_email" => cols.0 = Some(i),
            "platform" => cols.1 = Some(i),
            "group" => cols.2 = Some(i),
            "" => {}
            other => {
                return Err(
                    Error::usage(format!("line 1: unknown column {:?}", terminal(other)))
                        .with_hint("columns: email (or user), platform, group"),
                );
            }
        }
    }
    let email_col = cols.0.ok_or_else(|| {
        Error::usage("line 1: the header has no email column")
            .with_hint("columns: email (or user), platform, group")
    })?;
    // Line numbers from byte offsets: what an editor shows, whatever the line endings.
    // (csv positions may point at the terminator that ends the previous record.)
    let line_at = |byte: u64| {
        let mut at = (byte as usize).min(bytes.len());
        while at < bytes.len() && (bytes[at] == b'\r' || bytes[at] == b'\n') {
            at += 1;
        }
        bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1
    };
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(p.byte())).unwrap_or(0);
                problems.push((line, format!("unreadable row: {e}")));
                continue;
            }
        };
        let line = rec.position().map(|p| line_at(p.byte())).unwrap_or(0);
        if rec.iter().all(str::is_empty) {
            continue;
        }
        if rec.len() != headers.len() {
            problems.push((
                line,
                format!("{} fields, the header has {}", rec.len(), headers.len()),
            ));
            continue;
        }
        let field = |c: Option<usize>| {
            c.and_then(|i| rec.get(i))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        rows.push(Row {
            line,
            req: EnrollmentRequest {
                user_email: rec.get(email_col).unwrap_or("").to_string(),
                platform: field(cols.1).map(|p| p.to_ascii_lowercase()),
                group: field(cols.2),
            },
        });
    }
    Ok((rows, problems))
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(args.dry_run, || {
        apply(app, args).map(|()| Outcome::changed())
    })
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let name = args.file.display().to_string();
    let meta = std::fs::metadata(&args.file)
        .map_err(|e| Error::usage(format!("cannot read {name}")).with_source(&e))?;
    if meta.len() > MAX_BYTES {
        return Err(Error::usage(format!(
            "{name} is larger than {} MB",
            MAX_BYTES / 1024 / 1024
        )));
    }
    if args.uses == 0 || args.uses > 10_000 {
        return Err(Error::usage("--uses is from 1 to 10000"));
    }
    let expires = super::expiry_seconds(&args.expires)?;
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Error::usage(format!("cannot read {name}")).with_source(&e))?;
    let (rows, mut problems) = parse(&bytes)?;
    if rows.len() > MAX_ROWS {
        return Err(Error::usage(format!(
            "{name} has {} rows; at most {MAX_ROWS} per run",
            rows.len()
        ))
        .with_hint("split the file; each run is all or nothing"));
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let groups: Vec<String> = api.list_groups()?.into_iter().map(|g| g.name).collect();
    let mut seen = std::collections::HashMap::new();
    let mut valid = Vec::new();
    for r in &rows {
        let key = (
            r.req.user_email.to_ascii_lowercase(),
            r.req.platform.clone(),
        );
        let problem = mdm_model::validate::enrollment_row(&r.req, &groups)
            .err()
            .or_else(|| {
                seen.get(&key)
                    .map(|first| format!("duplicate of line {first}"))
            });
        seen.entry(key).or_insert(r.line);
        match problem {
            Some(p) => problems.push((r.line, p)),
            None => valid.push(r),
        }
    }
    problems.sort_by_key(|(l, _)| *l);
    for (line, reason) in &problems {
        eprintln!("{}:{line}: {}", terminal(&name), terminal(reason));
    }
    let total = rows.len()
        + problems
            .iter()
            .filter(|(_, p)| p.starts_with("unreadable") || p.contains("fields, the header"))
            .count();
    if !problems.is_empty() && !args.skip_invalid {
        return Err(Error::usage(format!(
            "{} of {total} rows are invalid; nothing was {}",
            problems.len(),
            if args.dry_run {
                "checked further"
            } else {
                "created"
            }
        ))
        .with_hint("fix them, or pass --skip-invalid to create the valid rows only"));
    }
    if args.dry_run {
        app.ui.success(&format!(
            "Dry run: {} valid row(s){}; nothing was created",
            valid.len(),
            if problems.is_empty() {
                String::new()
            } else {
                format!(", {} skipped", problems.len())
            }
        ));
        return Ok(());
    }
    if valid.is_empty() {
        return Err(Error::usage("no valid rows; nothing was created"));
    }
    // Open the destination before creating anything, so tokens are never created
    // without a place to put them.
    let mut sink: Box<dyn Write> = match &args.out {
        Some(path) => {
            let f = create_new_private(path)?;
            Box::new(std::io::BufWriter::new(f))
        }
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let req = BulkEnrollment {
        rows: valid.iter().map(|r| r.req.clone()).collect(),
        expires_in_seconds: Some(expires),
        uses: Some(args.uses),
        skip_invalid: false,
        dry_run: false,
    };
    let result = api.bulk_enroll(&req, None)?.value;
    let mut wtr = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut sink);
    let io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io("cannot write the results", io),
        other => Error::failure(format!("cannot write the results: {other:?}")),
    };
    wtr.write_record(["user", "token", "url", "expires_at"])
        .map_err(io)?;
    for c in &result.created {
        wtr.write_record([
            &c.enrollment.user_email,
            &c.token,
            &c.url,
            &c.enrollment.expires_at,
        ])
        .map_err(io)?;
    }
    wtr.flush()
        .map_err(|e| Error::io("cannot write the results", e))?;
    drop(wtr);
    sink.flush()
        .map_err(|e| Error::io("cannot write the results", e))?;
    app.ui.success(&format!(
        "Created {} enrollment token(s){}{}",
        result.created.len(),
        if problems.is_empty() {
            String::new()
        } else {
            format!("; skipped {} invalid row(s)", problems.len())
        },
        args.out
            .as_ref()
            .map(|p| format!("; written to {} (mode 0600)", p.display()))
            .unwrap_or_default()
    ));
    if args.out.is_none() && app.ui.quiet == 0 {
        app.ui
            .warn("the output holds live tokens: store it like a password, or use --out FILE");
    }
    let _ = ExitKind::Usage;
    Ok(())
}

fn create_new_private(path: &std::path::Path) -> Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(f) => Ok(f),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::usage(format!(
            "{} already exists; refusing to overwrite a file of tokens",
            path.display()
        ))
        .with_hint("choose a new file name; nothing was created")),
        Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn bom_crlf_quotes_and_line_numbers() {
        let csv = "\u{feff}Email,Platform,Group\r\n\"jane.doe@example.org\",ios,sales\r\n\"pat.o'brien@x.org\",,\r\n\r\nbad,beos,\r\n";
        let (rows, problems) = parse(csv.as_bytes()).unwrap();
        assert!(problems.is_empty());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].req.platform.as_deref(), Some("ios"));
        assert_eq!(rows[1].req.user_email, "pat.o'brien@x.org");
        assert_eq!(rows[2].line, 5);
        assert!(parse(b"name,phone\nx,y\n").is_err());
        let (_, problems) = parse(b"email\na@b.co,extra\n").unwrap();
        assert_eq!(problems[0].0, 2);
    }
}
