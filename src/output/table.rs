//! The one table builder. A table on a terminal is fitted to its width (80 when it
//! reports none); identifiers (ids, serials: what people copy into a wipe) are never
//! cut or wrapped, every other cell is cut to one line with `…`; no line ends in
//! whitespace, on a terminal or in a pipe. A follow (`audit log -f`) prints its rows
//! live, one line each, with widths fixed by the first screen.

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Row, Table};
use unicode_width::UnicodeWidthStr;

/// Whether a column holds a value that must stay whole: an identifier, or a timestamp
/// (a cut `2026-12-03T12:47:0…` reads as a different time).
pub fn is_identifier(column: &str) -> bool {
    column == "id"
        || column == "serial"
        || column.ends_with("_id")
        || column == "sha256"
        || column == "time"
        || column.ends_with("_at")
}

/// The width tables are fitted to: `COLUMNS` when set to a number, else what the
/// terminal reports, and 80 when it reports nothing or 0 (under `script`, on many CI
/// runners), never a column of single letters per cell.
pub fn terminal_width() -> u16 {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
        .filter(|w| *w > 0)
    {
        return w;
    }
    match comfy_table::Table::new().width() {
        Some(w) if w > 0 => w,
        _ => 80,
    }
}

/// A table for `columns`: on a terminal fitted to its width, off one at full width.
pub fn new_table(tty: bool, color: bool, columns: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_style(comfy_table::presets::NOTHING);
    if tty {
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(terminal_width());
    } else {
        table.set_content_arrangement(ContentArrangement::Disabled);
        table.force_no_tty();
    }
    if color {
        table.enforce_styling();
    }
    let header: Vec<Cell> = columns
        .iter()
        .map(|c| {
            let cell = Cell::new(c.to_uppercase());
            if color {
                cell.add_attribute(comfy_table::Attribute::Bold)
            } else {
                cell
            }
        })
        .collect();
    let mut header = Row::from(header);
    header.max_height(1);
    table.set_header(header);
    for (i, c) in columns.iter().enumerate() {
        let Some(col) = table.column_mut(i) else {
            continue;
        };
        col.set_constraint(if is_identifier(c) {
            ColumnConstraint::ContentWidth
        } else {
            // Never narrower than a short header or four characters (the width counts
            // the padding), so a cut cell still says something.
            ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(c.len().min(4) as u16 + 2))
        });
    }
    table
}

/// Adds a row of already escaped cells; on a terminal a cell too wide is cut to one
/// line with `…` rather than wrapped.
pub fn add_row(table: &mut Table, cells: Vec<String>) {
    let mut row = Row::from(cells);
    row.max_height(1);
    table.add_row(row);
}

/// The table as text, every line trimmed, ending in a newline.
pub fn render(table: &Table) -> String {
    let mut s = table.trim_fmt();
    s.push('\n');
    s
}

/// Aligned `key  value` lines for one record (`* show`, `auth status`): the key padded
/// to the longest key plus two spaces, no line padded at its end.
pub fn key_values(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let mut s = String::new();
    for (k, v) in pairs {
        if v.is_empty() {
            s.push_str(k);
        } else {
            s.push_str(k);
            s.push_str(&" ".repeat(width - k.width() + 2));
            s.push_str(v);
        }
        s.push('\n');
    }
    s
}

/// Widths for a live table: each column as wide as its header and the rows seen so far;
/// on a terminal, the widest non-identifier columns give way until the line fits.
pub fn live_widths(columns: &[&str], rows: &[Vec<String>], max: Option<u16>) -> Vec<usize> {
    let mut widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|v| v.width())
                .chain([c.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    if let Some(max) = max {
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
        while total(&widths) > max as usize {
            let widest = (0..widths.len())
                .filter(|i| !is_identifier(columns[*i]) && widths[*i] > columns[*i].len().max(4))
                .max_by_key(|i| widths[*i]);
            match widest {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
    }
    widths
}

/// One live line: cells padded to `widths`, cut with `…` when wider (identifiers go
/// past their column instead), trimmed at the end.
pub fn live_line(columns: &[&str], widths: &[usize], cells: &[String]) -> String {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        let w = widths.get(i).copied().unwrap_or(0);
        if i > 0 {
            line.push_str("  ");
        }
        let text = if cell.width() > w && !columns.get(i).is_some_and(|c| is_identifier(c)) {
            cut(cell, w)
        } else {
            cell.clone()
        };
        let pad = w.saturating_sub(text.width());
        line.push_str(&text);
        line.push_str(&" ".repeat(pad));
    }
    let mut line = line.trim_end().to_string();
    line.push('\n');
    line
}

/// `s` cut to `w` columns, the last one `…`.
fn cut(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: &[&str] = &["id", "serial", "name", "platform", "status"];

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec![
                "dev_1ceaa8c60ddc".into(),
                "C02XK1ZJJG5H".into(),
                "a very long device name that will not fit in sixty columns".into(),
                "macos".into(),
                "online".into(),
            ],
            vec![
                "dev_000000000001".into(),
                "F17ABCDEF012".into(),
                "kiosk".into(),
                "ios".into(),
                "offline".into(),
            ],
        ]
    }

    fn table_at(width: u16) -> String {
        let mut t = new_table(false, false, COLS);
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(width);
        for r in rows() {
            add_row(&mut t, r);
        }
        render(&t)
    }

    #[test]
    fn sixty_columns_keep_ids_whole_and_cut_the_name() {
        let s = table_at(60);
        assert!(
            s.contains("dev_1ceaa8c60ddc") && s.contains("C02XK1ZJJG5H"),
            "{s}"
        );
        assert!(s.contains('…'), "{s}");
        assert_eq!(s.lines().count(), 3, "one line per row: {s}");
        for l in s.lines() {
            assert!(l.width() <= 60, "{l:?}");
            assert_eq!(l, l.trim_end());
        }
    }

    #[test]
    fn ids_and_timestamps_are_kept_whole_other_columns_are_not() {
        for c in ["id", "serial", "device_id", "sha256", "time", "expires_at"] {
            assert!(is_identifier(c), "{c}");
        }
        for c in ["name", "reason", "last_seen", "status", "attachment"] {
            assert!(!is_identifier(c), "{c}");
        }
    }

    #[test]
    fn ids_wider_than_the_terminal_go_past_it_rather_than_wrap() {
        let s = table_at(20);
        assert!(
            s.contains("dev_1ceaa8c60ddc") && s.contains("C02XK1ZJJG5H"),
            "{s}"
        );
    }

    #[test]
    fn piped_tables_are_full_and_trimmed() {
        let mut t = new_table(false, false, COLS);
        for r in rows() {
            add_row(&mut t, r);
        }
        let s = render(&t);
        assert!(s.contains("will not fit in sixty columns"));
        assert!(s.lines().all(|l| l == l.trim_end()), "{s:?}");
    }

    #[test]
    fn key_values_are_aligned_and_never_padded() {
        let s = key_values(&[
            ("user", "root".into()),
            ("elevated", String::new()),
            ("server", "http://127.0.0.1:1".into()),
        ]);
        assert_eq!(
            s,
            "user      root\nelevated\nserver    http://127.0.0.1:1\n"
        );
    }

    #[test]
    fn live_lines_cut_other_columns_but_never_an_id() {
        let r = rows();
        let w = live_widths(COLS, &r, Some(58));
        let l = live_line(COLS, &w, &r[0]);
        assert!(l.contains("dev_1ceaa8c60ddc") && l.contains('…'), "{l}");
        assert!(l.trim_end().width() <= 58, "{l}");
        let wider = vec![
            "dev_1ceaa8c60ddc_and_more".to_string(),
            "x".into(),
            "y".into(),
            "z".into(),
            "w".into(),
        ];
        assert!(live_line(COLS, &w, &wider).contains("dev_1ceaa8c60ddc_and_more"));
        let piped = live_widths(COLS, &r, None);
        assert!(live_line(COLS, &piped, &r[0]).contains("sixty columns"));
    }
}
