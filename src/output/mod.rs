//! The one place data reaches stdout. Every format comes from the same serde types:
//! tables (comfy-table, fitted to the terminal) for people, json/jsonl/csv/yaml for
//! scripts. Lists stream item by item, so `--all` over a large fleet stays small.

pub mod records;
pub mod records_actions;
pub mod records_audit;
pub mod records_catalog;
pub mod table;

use crate::error::{Error, Result};
use mdm_model::escape;
use serde::Serialize;
use std::io::{BufWriter, IsTerminal, Stdout, Write};

/// The first 16 characters of a hash for messages and tables. Counts characters, not
/// bytes: the text comes from a server and need not be ASCII hex.
pub fn short_hash(h: &str) -> &str {
    h.char_indices().nth(16).map_or(h, |(i, _)| &h[..i])
}

/// A type that can be printed as a row of a table or CSV file.
pub trait Record: Serialize {
    /// Every column, in order; CSV headers and `--columns` names.
    const COLUMNS: &'static [&'static str];
    /// What a table shows when no `--columns` were given.
    const DEFAULT_COLUMNS: &'static [&'static str];
    /// The raw text of one cell. `human` asks for the table form (relative times, etc.);
    /// escaping for the terminal happens later, in one place.
    fn cell(&self, column: &str, human: bool) -> String;
}

/// How data is printed on stdout (`--output`, `MDM_OUTPUT`, a context's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    Yaml,
    /// Markdown (tables, and documents such as `incident report`)
    Md,
}

#[derive(Debug, Clone)]
pub struct Output {
    pub format: OutputFormat,
    stdout_tty: bool,
    color: bool,
}

impl Output {
    pub fn new(format: OutputFormat, color: bool) -> Self {
        Output {
            format,
            stdout_tty: std::io::stdout().is_terminal(),
            color,
        }
    }

    pub fn is_machine(&self) -> bool {
        self.format != OutputFormat::Table
    }

    /// Checks `--columns` against the record's columns; `help` lists them.
    pub fn columns<T: Record>(&self, requested: Option<&[String]>) -> Result<Vec<&'static str>> {
        let Some(req) = requested else {
            return Ok(match self.format {
                OutputFormat::Csv => T::COLUMNS.to_vec(),
                _ => T::DEFAULT_COLUMNS.to_vec(),
            });
        };
        let mut cols = Vec::new();
        for name in req {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            match T::COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(name)) {
                Some(c) => cols.push(*c),
                None => {
                    return Err(Error::usage(format!(
                        "unknown column {:?}",
                        escape::terminal(name)
                    ))
                    .with_hint(format!("available columns: {}", T::COLUMNS.join(", "))));
                }
            }
        }
        if cols.is_empty() {
            return Err(Error::usage("--columns needs at least one column")
                .with_hint(format!("available columns: {}", T::COLUMNS.join(", "))));
        }
        Ok(cols)
    }

    /// Starts a streamed list; call `push` per item and `finish` at the end.
    pub fn list<T: Record>(&self, columns: Vec<&'static str>) -> Result<ListWriter<T>> {
        let mut w = ListWriter {
            format: self.format,
            sink: BufWriter::with_capacity(64 * 1024, std::io::stdout()),
            columns,
            rows: Vec::new(),
            count: 0,
            escape_csv: self.stdout_tty,
            color: self.color,
            tty: self.stdout_tty,
            csv: None,
            live: None,
            _t: std::marker::PhantomData,
        };
        if self.format == OutputFormat::Csv {
            let mut wtr = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(BufWriter::with_capacity(64 * 1024, std::io::stdout()));
            wtr.write_record(w.columns.iter()).map_err(csv_err)?;
            w.csv = Some(wtr);
        }
        Ok(w)
    }

    /// Starts a list that is printed as it goes (a follow): tables and Markdown print
    /// their header at the first `flush` and then one line per item.
    pub fn list_live<T: Record>(&self, columns: Vec<&'static str>) -> Result<ListWriter<T>> {
        let mut w = self.list(columns)?;
        w.live = Some(None);
        Ok(w)
    }

    /// Prints one record: aligned `key  value` lines, or the object itself.
    pub fn item<T: Record>(&self, item: &T) -> Result<()> {
        match self.format {
            OutputFormat::Table => {
                let pairs: Vec<(&str, String)> = T::COLUMNS
                    .iter()
                    .map(|c| (*c, escape::terminal(&item.cell(c, true))))
                    .collect();
                self.write_bytes(table::key_values(&pairs).as_bytes())
            }
            OutputFormat::Csv | OutputFormat::Jsonl => {
                let mut l = self.list::<T>(T::COLUMNS.to_vec())?;
                l.push(item)?;
                l.finish().map(|_| ())
            }
            OutputFormat::Json => self.write_bytes(&self.pretty_json(item)?),
            OutputFormat::Yaml => self.write_bytes(self.yaml(item)?.as_bytes()),
            OutputFormat::Md => {
                let rows: Vec<Vec<String>> = T::COLUMNS
                    .iter()
                    .map(|c| vec![c.to_string(), item.cell(c, true)])
                    .collect();
                self.write_bytes(md_table(&["field", "value"], &rows).as_bytes())
            }
        }
    }

    /// Prints any serializable value in a machine format; tables fall back to YAML-ish
    /// `key: value` lines, since such values have no natural columns.
    pub fn value<T: Serialize>(&self, v: &T) -> Result<()> {
        match self.format {
            OutputFormat::Json => self.write_bytes(&self.pretty_json(v)?),
            OutputFormat::Jsonl => {
                let mut b = json_bytes(v, self.stdout_tty)?;
                b.push(b'\n');
                self.write_bytes(&b)
            }
            OutputFormat::Md => {
                let text = format!("```yaml\n{}```\n", escape_lines(&yaml(v)?));
                self.write_bytes(text.as_bytes())
            }
            OutputFormat::Yaml | OutputFormat::Table | OutputFormat::Csv => {
                self.write_bytes(self.yaml(v)?.as_bytes())
            }
        }
    }

    /// Pretty JSON; on a terminal with every unsafe character as a `\uXXXX` escape
    /// (the same value for a parser), to a pipe exactly as serialized.
    fn pretty_json<T: Serialize + ?Sized>(&self, v: &T) -> Result<Vec<u8>> {
        let b = pretty_json(v)?;
        Ok(if self.stdout_tty { tty_json(b) } else { b })
    }

    /// YAML; on a terminal with strings holding unsafe characters double-quoted and
    /// escaped (`"\u202e"`), which parses back to the same value.
    fn yaml<T: Serialize + ?Sized>(&self, v: &T) -> Result<String> {
        if self.stdout_tty {
            escape::yaml_text(v).map_err(|e| Error::failure("cannot format YAML").with_source(&e))
        } else {
            yaml(v)
        }
    }

    fn write_bytes(&self, bytes: &[u8]) -> Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
            .and_then(|_| out.flush())
            .map_err(|e| Error::io("cannot write to stdout", e))
    }
}

/// Renders records as a table for stderr (previews, failed devices): escaped, fitted to
/// the terminal, never on stdout.
pub fn table_string<T: Record>(items: &[T], columns: &[&str], color: bool) -> String {
    let tty = std::io::stderr().is_terminal();
    let mut t = table::new_table(tty, color, columns);
    for item in items {
        let cells = columns
            .iter()
            .map(|c| escape::terminal(&item.cell(c, true)))
            .collect();
        table::add_row(&mut t, cells);
    }
    table::render(&t).trim_end_matches('\n').to_string()
}

/// One Markdown table cell: control characters made visible, `|` escaped, line breaks
/// as `<br>`, so server text can neither break the table nor reach a terminal raw.
pub fn md_cell(s: &str) -> String {
    escape::terminal(&s.replace("\r\n", "\n").replace('\n', "<br>"))
        .replace('\\', "\\\\")
        .replace('|', "\\|")
}

/// A GitHub-flavoured Markdown table.
pub fn md_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "| {} |\n",
        header
            .iter()
            .map(|h| md_cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    s.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        s.push_str(&md_row(row));
    }
    s
}

/// One Markdown table row, for a table printed line by line.
fn md_row(row: &[String]) -> String {
    format!(
        "| {} |\n",
        row.iter()
            .map(|c| md_cell(c))
            .collect::<Vec<_>>()
            .join(" | ")
    )
}

fn escape_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|l| match l.strip_suffix('\n') {
            Some(body) => format!("{}\n", escape::terminal(body)),
            None => escape::terminal(l),
        })
        .collect()
}

pub struct ListWriter<T: Record> {
    format: OutputFormat,
    sink: BufWriter<Stdout>,
    columns: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    count: usize,
    escape_csv: bool,
    color: bool,
    tty: bool,
    csv: Option<csv::Writer<BufWriter<Stdout>>>,
    /// A live list: `Some(None)` until the header is out, then the column widths.
    live: Option<Option<Vec<usize>>>,
    _t: std::marker::PhantomData<fn(&T)>,
}

impl<T: Record> ListWriter<T> {
    pub fn push(&mut self, item: &T) -> Result<()> {
        match self.format {
            OutputFormat::Md => {
                let row: Vec<String> = self.columns.iter().map(|c| item.cell(c, true)).collect();
                if let Some(Some(_)) = self.live {
                    let line = md_row(&row);
                    self.write(line.as_bytes())?;
                } else {
                    self.rows.push(row);
                }
            }
            OutputFormat::Table => {
                let row: Vec<String> = self
                    .columns
                    .iter()
                    .map(|c| escape::terminal(&item.cell(c, true)))
                    .collect();
                if let Some(Some(widths)) = &self.live {
                    let line = table::live_line(&self.columns, widths, &row);
                    self.write(line.as_bytes())?;
                } else {
                    self.rows.push(row);
                }
            }
            OutputFormat::Csv => {
                let escape = self.escape_csv;
                let cells: Vec<String> = self
                    .columns
                    .iter()
                    .map(|c| {
                        let v = item.cell(c, false);
                        if escape { escape::terminal(&v) } else { v }
                    })
                    .collect();
                let wtr = self.csv.as_mut().expect("csv writer exists in csv mode");
                wtr.write_record(&cells).map_err(csv_err)?;
            }
            OutputFormat::Json => {
                let sep: &[u8] = if self.count == 0 { b"[\n" } else { b",\n" };
                self.write(sep)?;
                let b = json_bytes(item, self.tty)?;
                self.write(&b)?;
            }
            OutputFormat::Jsonl => {
                let mut b = json_bytes(item, self.tty)?;
                b.push(b'\n');
                self.write(&b)?;
            }
            OutputFormat::Yaml => {
                let text = if self.tty {
                    escape::yaml_text(&[item])
                        .map_err(|e| Error::failure("cannot format YAML").with_source(&e))?
                } else {
                    yaml(&[item])?
                };
                self.write(text.as_bytes())?;
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Whether [`push_json_line`](Self::push_json_line) may take the server's own JSON:
    /// JSON Lines to a pipe or file, where an item is written exactly as serialized.
    pub fn passes_json_through(&self) -> bool {
        self.format == OutputFormat::Jsonl && !self.tty
    }

    /// Writes one JSON object as received, for [`passes_json_through`](Self::passes_json_through)
    /// (the bytes serde_json would write for the parsed item, without parsing it).
    pub fn push_json_line(&mut self, object: &serde_json::value::RawValue) -> Result<()> {
        debug_assert!(self.passes_json_through());
        if !object.get().starts_with('{') {
            return Err(Error::failure(
                "the server sent a list item that is not a JSON object",
            ));
        }
        self.write(object.get().as_bytes())?;
        self.write(b"\n")?;
        self.count += 1;
        Ok(())
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// Flushes what was written so far, so a `--follow` stream is seen at once.
    pub fn flush(&mut self) -> Result<()> {
        if self.format == OutputFormat::Csv {
            self.flush_csv()?;
        }
        if let Some(None) = self.live {
            self.start_live()?;
        }
        self.sink
            .flush()
            .map_err(|e| Error::io("cannot write to stdout", e))
    }

    /// A live list's first screen: the header once, then the rows so far at the widths
    /// they set (capped to the terminal).
    fn start_live(&mut self) -> Result<()> {
        let rows = std::mem::take(&mut self.rows);
        let text = match self.format {
            OutputFormat::Table => {
                let max = self.tty.then(table::terminal_width);
                let widths = table::live_widths(&self.columns, &rows, max);
                let header: Vec<String> = self.columns.iter().map(|c| c.to_uppercase()).collect();
                let mut text = table::live_line(&self.columns, &widths, &header);
                for r in &rows {
                    text.push_str(&table::live_line(&self.columns, &widths, r));
                }
                self.live = Some(Some(widths));
                text
            }
            OutputFormat::Md => {
                self.live = Some(Some(Vec::new()));
                md_table(&self.columns, &rows)
            }
            _ => {
                self.live = Some(Some(Vec::new()));
                return Ok(());
            }
        };
        self.write(text.as_bytes())
    }

    pub fn finish(mut self) -> Result<usize> {
        if let Some(None) = self.live
            && !self.rows.is_empty()
        {
            self.start_live()?;
        }
        match self.format {
            _ if matches!(self.live, Some(Some(_))) => {}
            OutputFormat::Table if !self.rows.is_empty() => {
                let mut t = table::new_table(self.tty, self.color, &self.columns);
                for row in std::mem::take(&mut self.rows) {
                    table::add_row(&mut t, row);
                }
                let s = table::render(&t);
                self.write(s.as_bytes())?;
            }
            OutputFormat::Md => {
                let header: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                let text = md_table(&header, &std::mem::take(&mut self.rows));
                self.write(text.as_bytes())?;
            }
            OutputFormat::Json => {
                let end: &[u8] = if self.count == 0 { b"[]\n" } else { b"\n]\n" };
                self.write(end)?;
            }
            OutputFormat::Yaml if self.count == 0 => self.write(b"[]\n")?,
            OutputFormat::Csv => self.flush_csv()?,
            _ => {}
        }
        self.sink
            .flush()
            .map_err(|e| Error::io("cannot write to stdout", e))?;
        Ok(self.count)
    }

    fn flush_csv(&mut self) -> Result<()> {
        if let Some(wtr) = self.csv.as_mut() {
            wtr.flush()
                .map_err(|e| Error::io("cannot write to stdout", e))?;
        }
        Ok(())
    }

    fn write(&mut self, b: &[u8]) -> Result<()> {
        self.sink
            .write_all(b)
            .map_err(|e| Error::io("cannot write to stdout", e))
    }
}

/// Compact JSON; on a terminal (`tty`) with unsafe characters escaped.
fn json_bytes<T: Serialize + ?Sized>(v: &T, tty: bool) -> Result<Vec<u8>> {
    let b = serde_json::to_vec(v).map_err(json_err)?;
    Ok(if tty { tty_json(b) } else { b })
}

fn tty_json(b: Vec<u8>) -> Vec<u8> {
    let s = String::from_utf8(b).expect("serde_json writes UTF-8");
    match escape::json_text(&s) {
        std::borrow::Cow::Borrowed(_) => s.into_bytes(),
        std::borrow::Cow::Owned(o) => o.into_bytes(),
    }
}

fn pretty_json<T: Serialize + ?Sized>(v: &T) -> Result<Vec<u8>> {
    let mut b = serde_json::to_vec_pretty(v).map_err(json_err)?;
    b.push(b'\n');
    Ok(b)
}

pub fn yaml<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_norway::to_string(v).map_err(|e| Error::failure("cannot format YAML").with_source(&e))
}

fn json_err(e: serde_json::Error) -> Error {
    if e.is_io() {
        let io: std::io::Error = e.into();
        return Error::io("cannot write to stdout", io);
    }
    Error::failure("cannot format JSON").with_source(&e)
}

fn csv_err(e: csv::Error) -> Error {
    if let csv::ErrorKind::Io(io) = e.kind()
        && io.kind() == std::io::ErrorKind::BrokenPipe
    {
        return Error::new(crate::error::ExitKind::BrokenPipe, "broken pipe");
    }
    Error::failure("cannot format CSV").with_source(&e)
}

#[cfg(test)]
mod tests {
    use super::short_hash;

    /// JSON Lines to a pipe may pass the server's item through: the server serializes
    /// the same `Device` with serde_json, so the bytes equal the typed path's, hostile
    /// text included.
    #[test]
    fn a_passed_through_device_is_byte_identical_to_the_typed_line() {
        let device: mdm_model::types::Device = serde_json::from_value(serde_json::json!({
            "id": "dev_1", "serial": "S\u{202e}1", "name": "Ann's \"phone\"\u{7}\n",
            "platform": "ios", "model": "iPhone 15", "os_version": "17.4",
            "owner_name": "Zoë", "owner_email": "z***@example.org",
            "owner_phone": "+32 *** *** 412", "groups": ["sales", "a/b"],
            "status": "online", "compliance": "compliant", "locked": false,
            "enrolled_at": "2026-01-01T00:00:00Z", "last_seen": "2026-12-01T10:00:00Z"
        }))
        .unwrap();
        let server = serde_json::to_vec(&device).unwrap();
        let raw: Box<serde_json::value::RawValue> = serde_json::from_slice(&server).unwrap();
        let typed = super::json_bytes(&device, false).unwrap();
        assert_eq!(raw.get().as_bytes(), typed.as_slice());
    }

    #[test]
    fn short_hash_counts_characters_not_bytes() {
        assert_eq!(short_hash("0123456789abcdef0123"), "0123456789abcdef");
        assert_eq!(short_hash("abc"), "abc");
        assert_eq!(short_hash(""), "");
        // Byte 16 falls inside a multi-byte character here: slicing bytes would panic.
        let odd = "ééééééééééééééééé";
        assert_eq!(short_hash(odd), "éééééééééééééééé");
        assert_eq!(short_hash("0123456789abcde☃☃"), "0123456789abcde☃");
    }
}
