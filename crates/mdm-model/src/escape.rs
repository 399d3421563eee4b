//! The one definition of "unsafe for a terminal or a log line", and the escapes every
//! output path uses for it. A device named `"\x1b[2J"` must show as text, not clear the
//! admin's screen; a bidi override must not reorder what the admin reads; a zero-width
//! space, a line separator or a tag character must not hide or split what an
//! investigator reads in a SIEM.
//!
//! Unsafe ([`needs_escape`]) is every character of the Unicode general categories Cc
//! (C0, DEL, C1), Cf (format: bidi embeddings, overrides, isolates and marks, zero-width
//! space/joiners, word joiner, BOM, invisible operators, tag characters, ...), Zl (U+2028)
//! and Zp (U+2029), plus the whole tag block U+E0000–E007F.
//!
//! - Tables, CSV on a terminal, error messages: [`terminal`] (`\e`, `\n`, `\x07`,
//!   `\u{202e}`): readable, not meant to be parsed back.
//! - JSON/JSONL: [`json_text`] turns the unsafe characters of serialized JSON into
//!   `\uXXXX` escapes, which parsers read back as the exact value.
//! - YAML: [`yaml_text`] writes strings holding unsafe characters as double-quoted
//!   scalars with `\uXXXX`/`\UXXXXXXXX` escapes, which parsers read back exactly.
//! - CEF and syslog structured data have no escape for them: the cleaners there replace
//!   them with U+FFFD (the exact value stays in the JSON formats and the hash).

use std::borrow::Cow;

/// Replaces unsafe characters with visible escapes. Ordinary text, including emoji and
/// accents, is unchanged.
pub fn terminal(s: &str) -> String {
    terminal_cow(s).into_owned()
}

pub fn terminal_cow(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\x1b' => out.push_str("\\e"),
                c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Unsafe for a terminal or a log line: Unicode Cc, Cf, Zl, Zp and the tag block.
pub fn needs_escape(c: char) -> bool {
    let u = c as u32;
    match u {
        // Cc: C0, DEL, C1
        0x00..=0x1f | 0x7f..=0x9f => true,
        // Plain ASCII and Latin-1 otherwise: the fast path.
        0x20..=0x7e | 0xa0..=0xac | 0xae..=0x5ff => false,
        // Cf (Unicode 16), Zl, Zp
        0xad
        | 0x600..=0x605
        | 0x61c
        | 0x6dd
        | 0x70f
        | 0x890..=0x891
        | 0x8e2
        | 0x180e
        | 0x200b..=0x200f
        | 0x2028..=0x202e
        | 0x2060..=0x2064
        | 0x2066..=0x206f
        | 0xfeff
        | 0xfff9..=0xfffb
        | 0x110bd
        | 0x110cd
        | 0x13430..=0x1343f
        | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a
        // tag characters (the whole block, assigned or not)
        | 0xe0000..=0xe007f => true,
        _ => false,
    }
}

/// Serialized JSON with every unsafe character that serde_json leaves raw turned into a
/// `\uXXXX` escape (UTF-16 units). Such characters only occur inside strings (serde_json
/// escapes C0 itself; structural whitespace is kept), where the escape means the same
/// character, so parsers read back the exact value.
pub fn json_text(s: &str) -> Cow<'_, str> {
    let raw = |c: char| needs_escape(c) && !matches!(c, '\n' | '\r' | '\t' | ' ');
    if !s.chars().any(raw) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if raw(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One YAML double-quoted scalar with every unsafe character, `"` and `\` escaped.
pub fn yaml_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if needs_escape(c) && (c as u32) < 0x10000 => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if needs_escape(c) => out.push_str(&format!("\\U{:08x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// YAML of `v` with no unsafe character raw: strings (values and keys) holding one are
/// written as double-quoted scalars with escapes ([`yaml_quoted`]), so the text is safe on
/// a terminal and still parses back to the exact value.
pub fn yaml_text<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, serde_norway::Error> {
    use serde_norway::Value;
    let mut value = serde_norway::to_value(v)?;
    let nonce: u64 = rand::random();
    let mut quoted: Vec<String> = Vec::new();
    fn walk(v: &mut Value, nonce: u64, quoted: &mut Vec<String>) {
        match v {
            Value::String(s) if s.chars().any(needs_escape) => {
                let token = format!("mdmq{nonce:016x}x{}z", quoted.len());
                quoted.push(yaml_quoted(s));
                *s = token;
            }
            Value::Sequence(items) => {
                for i in items {
                    walk(i, nonce, quoted);
                }
            }
            Value::Mapping(m) => {
                let old = std::mem::take(m);
                for (mut k, mut val) in old {
                    walk(&mut k, nonce, quoted);
                    walk(&mut val, nonce, quoted);
                    m.insert(k, val);
                }
            }
            Value::Tagged(t) => walk(&mut t.value, nonce, quoted),
            _ => {}
        }
    }
    walk(&mut value, nonce, &mut quoted);
    let mut text = serde_norway::to_string(&value)?;
    // Replace the highest-numbered tokens first, so `x1z` never matches inside `x10z`
    // (the `z` terminator already prevents it; the order is belt and braces).
    for (i, q) in quoted.iter().enumerate().rev() {
        text = text.replacen(&format!("mdmq{nonce:016x}x{i}z"), q, 1);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ansi_and_controls_are_made_visible() {
        assert_eq!(terminal("\x1b[2J\x1b[31mPWNED"), "\\e[2J\\e[31mPWNED");
        assert_eq!(terminal("a\nb\rc\td"), "a\\nb\\rc\\td");
        assert_eq!(terminal("bell\x07"), "bell\\x07");
        assert_eq!(terminal("c1\u{9b}31m"), "c1\\x9b31m");
        assert_eq!(terminal("rtl\u{202e}gnp.exe"), "rtl\\u{202e}gnp.exe");
    }

    #[test]
    fn the_invisible_ones_the_old_list_missed_are_unsafe() {
        for c in [
            '\u{2028}',
            '\u{2029}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{e0000}',
            '\u{ad}',
            '\u{180e}',
        ] {
            assert!(needs_escape(c), "{:x}", c as u32);
        }
        for c in ['a', 'é', '日', '📱', ' ', '\u{a0}', '\u{fffd}'] {
            assert!(!needs_escape(c), "{:x}", c as u32);
        }
    }

    #[test]
    fn ordinary_text_is_untouched() {
        for s in ["Zoë's iPhone 📱", "a,b \"quoted\"", "日本語", ""] {
            assert!(matches!(terminal_cow(s), Cow::Borrowed(_)));
            assert_eq!(terminal(s), s);
            assert!(matches!(json_text(s), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn json_and_yaml_escape_as_backslash_u() {
        let j = serde_json::to_string("a\u{202e}b").unwrap();
        assert_eq!(json_text(&j), "\"a\\u202eb\"");
        let y = yaml_text(&serde_json::json!({"name": "a\u{202e}b"})).unwrap();
        assert_eq!(y, "name: \"a\\u202eb\"\n");
    }

    fn unicode() -> impl Strategy<Value = String> {
        // Arbitrary Unicode, weighted towards the characters that matter here.
        let special = prop::sample::select(vec![
            '\x1b',
            '\n',
            '\r',
            '\t',
            '\0',
            '\x7f',
            '\u{85}',
            '\u{9b}',
            '\u{ad}',
            '\u{61c}',
            '\u{200b}',
            '\u{200d}',
            '\u{200e}',
            '\u{2028}',
            '\u{2029}',
            '\u{202e}',
            '\u{2066}',
            '\u{2060}',
            '\u{feff}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '"',
            '\\',
            ':',
            '#',
            '-',
            '\'',
            '|',
            '=',
            ']',
            ' ',
            'a',
            '📱',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), special], 0..40)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn terminal_leaves_nothing_unsafe(s in unicode()) {
            prop_assert!(!terminal(&s).chars().any(needs_escape));
        }

        #[test]
        fn json_leaves_nothing_unsafe_and_round_trips(s in unicode(), k in unicode()) {
            let v = serde_json::json!({ k.clone(): [s.clone(), {"x": s.clone()}] });
            for text in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
                let safe = json_text(&text);
                prop_assert!(!safe.chars().any(|c| needs_escape(c) && c != '\n'));
                let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
                prop_assert_eq!(&back, &v);
            }
        }

        #[test]
        fn yaml_leaves_nothing_unsafe_and_round_trips(s in unicode(), k in unicode()) {
            let v = serde_json::json!({ k.clone(): [s.clone(), {"x": s.clone()}], "n": 1 });
            let text = yaml_text(&v).unwrap();
            prop_assert!(!text.chars().any(|c| needs_escape(c) && c != '\n'), "{}", text);
            let back: serde_json::Value = serde_norway::from_str(&text).unwrap();
            prop_assert_eq!(&back, &v);
        }
    }
}
