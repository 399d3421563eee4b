use crate::api::ChainPurpose;
use crate::app::Factory;
use crate::audit::formats::{self, Source};
use crate::error::{Error, Result};
use std::io::{BufWriter, Write};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub format: crate::audit::formats::Format,
    pub after: i64,
    pub since: Option<String>,
    pub until: Option<String>,
}

/// Streams the chain from the server and writes one formatted event per line: memory
/// stays constant whatever the size of the log.
pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let since = super::time_arg(&args.since)?;
    let until = super::time_arg(&args.until)?;
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    crate::audit::verify::fetch_and_pin(api.as_ref(), app.dirs()?, &ctx.name, &ctx.config.server)?;
    let src = Source {
        host: url::Url::parse(&ctx.config.server)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "-".into()),
    };
    let chain = api.audit_chain(args.after.max(0), None, ChainPurpose::Export)?;
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // SIEM formats are bytes for machines; on a terminal, hostile values are made visible.
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let mut n = 0u64;
    let in_range = |time: &str| {
        // Not `break` past `until`: a clock step backwards must not hide later events.
        !(since.as_deref().is_some_and(|s| time < s) || until.as_deref().is_some_and(|u| time > u))
    };
    let mut write = |text: &str| {
        let text = if tty {
            std::borrow::Cow::Owned(mdm_model::escape::terminal(text))
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        out.write_all(text.as_bytes())
            .and_then(|_| out.write_all(b"\n"))
            .map_err(|e| Error::io("cannot write to stdout", e))
    };
    let mut chain = chain;
    if args.format == formats::Format::Cef {
        // A million events in constant time each: borrowed from the line, written into
        // one reused buffer.
        let (mut line, mut text) = (Vec::with_capacity(4096), String::with_capacity(4096));
        let mut hash = [0u8; 64];
        while chain.next_into(&mut line)? {
            let ev = match formats::EventView::scanned(&line) {
                Some(ev) => ev,
                None => serde_json::from_slice(&line).map_err(|e| {
                    Error::failure("the server sent an unreadable audit event").with_source(&e)
                })?,
            };
            if !in_range(&ev.time) {
                continue;
            }
            use sha2::Digest as _;
            hex::encode_to_slice(sha2::Sha256::digest(&line), &mut hash)
                .expect("64 hex digits hold a SHA-256");
            text.clear();
            formats::cef_into(&ev, std::str::from_utf8(&hash).expect("hex"), &mut text);
            write(&text)?;
            n += 1;
        }
    } else {
        for line in chain {
            let ev = super::event_from_line(&line?.0)?;
            if !in_range(&ev.time) {
                continue;
            }
            write(&formats::render(&ev, args.format, &src))?;
            n += 1;
        }
    }
    out.flush()
        .map_err(|e| Error::io("cannot write to stdout", e))?;
    let name = format!("{:?}", args.format).to_lowercase();
    app.ui.success(&format!(
        "Exported {n} event(s) as {name} (the export itself is in the audit log)"
    ));
    Ok(())
}
