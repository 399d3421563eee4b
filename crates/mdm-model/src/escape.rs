//! Escaping of server-supplied text before it reaches a terminal. A device named
//! `"\x1b[2J"` must show as text, not clear the admin's screen; a bidi override must not
//! reorder what the admin reads.

use std::borrow::Cow;

/// Replaces control characters (C0, DEL, C1) and bidi/invisible formatting characters
/// with visible escapes. Ordinary text, including emoji and accents, is unchanged.
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

pub fn needs_escape(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || u == 0x7f
        || (0x80..0xa0).contains(&u)
        // bidi embeddings/overrides/isolates, and the invisible marks that hide text
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || u == 0x200e
        || u == 0x200f
        || u == 0x061c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ansi_and_controls_are_made_visible() {
        assert_eq!(terminal("\x1b[2J\x1b[31mPWNED"), "\\e[2J\\e[31mPWNED");
        assert_eq!(terminal("a\nb\rc\td"), "a\\nb\\rc\\td");
        assert_eq!(terminal("bell\x07"), "bell\\x07");
        assert_eq!(terminal("c1\u{9b}31m"), "c1\\x9b31m");
        assert_eq!(terminal("rtl\u{202e}gnp.exe"), "rtl\\u{202e}gnp.exe");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        for s in ["Zoë's iPhone 📱", "a,b \"quoted\"", "日本語", ""] {
            assert!(matches!(terminal_cow(s), Cow::Borrowed(_)));
            assert_eq!(terminal(s), s);
        }
    }
}
