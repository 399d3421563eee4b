//! A strict, allocation-free reader of the canonical form of a chained event (one JSON
//! object, keys in byte order, no whitespace; see `mdm_model::audit`), for `audit verify`
//! and `audit export`, which read a million of them. It borrows the fields it needs and
//! checks the syntax of everything else as `serde_json` would. Anything it does not
//! expect (an escape in a field it returns, a `\u` escape anywhere, a key out of order,
//! whitespace, deep nesting, a number outside `i64` for `id`, invalid UTF-8 or a control
//! character) makes it answer `None`, and the caller takes the `serde_json` path, so
//! errors and their messages are exactly what they were: the fast path only ever
//! accepts lines that `serde_json` reads the same way.

/// Where each top-level value of a canonical line is: raw JSON spans of the line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Spans<'a> {
    /// Every top-level key with its raw value, in order (at most [`MAX_KEYS`]).
    keys: [(&'a [u8], &'a [u8]); MAX_KEYS],
    len: usize,
}

/// More top-level keys than an event has means it is not an event's canonical form.
pub const MAX_KEYS: usize = 24;

/// Nesting deeper than this goes to `serde_json` (whose own limit is 128).
const MAX_DEPTH: usize = 64;

impl<'a> Spans<'a> {
    /// The raw value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'a [u8]> {
        let key = key.as_bytes();
        self.keys[..self.len]
            .iter()
            .find(|(k, _)| same(k, key))
            .map(|(_, v)| *v)
    }

    /// The string value of `key` without its quotes, when it has no escape.
    pub fn plain_str(&self, key: &str) -> Option<Option<&'a str>> {
        match self.get(key) {
            None => Some(None),
            Some(v) => plain_str(v).map(Some),
        }
    }
}

/// Byte equality of short keys, inline (a call to `memcmp` per key costs more).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Whether key `a` sorts strictly before key `b` (byte order, as `canonical_json`).
fn before(a: &[u8], b: &[u8]) -> bool {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x < y;
        }
    }
    a.len() < b.len()
}

/// The content of a raw JSON string value that has no escape (`None` otherwise, or when
/// it is not a string). The line was checked as UTF-8 as a whole.
pub fn plain_str(v: &[u8]) -> Option<&str> {
    let inner = v.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    if inner.contains(&b'\\') {
        return None;
    }
    std::str::from_utf8(inner).ok()
}

/// The top-level spans of one canonical line, or `None` for anything unexpected.
pub fn scan(line: &[u8]) -> Option<Spans<'_>> {
    // No whitespace in the canonical form and no raw control character in a JSON
    // string: any byte below 0x20 is a surprise. (Folded, not searched, so that it
    // vectorizes.)
    if line.iter().fold(0u8, |acc, &b| acc | u8::from(b < 0x20)) != 0
        || std::str::from_utf8(line).is_err()
    {
        return None;
    }
    let mut p = Parser { b: line, i: 0 };
    let mut spans = Spans::default();
    p.expect(b'{')?;
    if p.peek()? == b'}' {
        p.i += 1;
    } else {
        loop {
            let key = p.key()?;
            if spans.len > 0 && !before(spans.keys[spans.len - 1].0, key) {
                return None; // out of order or repeated
            }
            p.expect(b':')?;
            let start = p.i;
            p.value(0)?;
            if spans.len == MAX_KEYS {
                return None;
            }
            spans.keys[spans.len] = (key, &line[start..p.i]);
            spans.len += 1;
            match p.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    (p.i == line.len()).then_some(spans)
}

/// The object members of a raw JSON object value (itself from a scanned line), keys in
/// strictly increasing order; `None` for anything else.
pub fn members(v: &[u8]) -> Option<Spans<'_>> {
    let mut p = Parser { b: v, i: 0 };
    let mut spans = Spans::default();
    p.expect(b'{')?;
    if p.peek()? == b'}' {
        p.i += 1;
    } else {
        loop {
            let key = p.key()?;
            if spans.len > 0 && !before(spans.keys[spans.len - 1].0, key) {
                return None;
            }
            p.expect(b':')?;
            let start = p.i;
            p.value(1)?;
            if spans.len == MAX_KEYS {
                return None;
            }
            spans.keys[spans.len] = (key, &v[start..p.i]);
            spans.len += 1;
            match p.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    (p.i == v.len()).then_some(spans)
}

/// The items of a raw JSON array of strings without escapes (from a scanned line).
pub fn plain_strs(v: &[u8]) -> Option<impl Iterator<Item = &str> + Clone> {
    let inner = v.strip_prefix(b"[")?.strip_suffix(b"]")?;
    if inner.contains(&b'\\') {
        return None;
    }
    let mut p = Parser { b: inner, i: 0 };
    while p.i < inner.len() {
        if p.peek()? != b'"' {
            return None;
        }
        p.string()?;
        if p.i < inner.len() {
            p.expect(b',')?;
            if p.i == inner.len() {
                return None;
            }
        }
    }
    // Strings without escapes hold no quote: every other piece between quotes is one.
    let s = std::str::from_utf8(inner).ok()?;
    Some(s.split('"').skip(1).step_by(2))
}

/// Whether a raw JSON value (valid JSON, as `serde_json` borrowed it) is exactly what
/// `serde_json` prints for its parsed `Value`: no whitespace, object keys without
/// escapes in strictly increasing byte order, integers only (in `i64` or `u64`, not
/// `-0`: floats may print otherwise), and escapes only as `serde_json` writes them (no
/// `\u`, no `\/`). `false` means "reprint it", never "invalid".
pub fn canonical_value(v: &[u8]) -> bool {
    let mut p = Parser { b: v, i: 0 };
    p.canonical(0).is_some() && p.i == v.len()
}

/// `i64` from a raw JSON integer (no fraction or exponent), as `serde_json` reads it.
pub fn int(v: &[u8]) -> Option<i64> {
    let (neg, digits) = match v.strip_prefix(b"-") {
        Some(d) => (true, d),
        None => (false, v),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n: i64 = 0;
    for &d in digits {
        let d = i64::from(d - b'0');
        n = n.checked_mul(10)?;
        n = if neg {
            n.checked_sub(d)?
        } else {
            n.checked_add(d)?
        };
    }
    Some(n)
}

/// Unix seconds of `YYYY-MM-DDTHH:MM:SSZ` (the form the server writes), checked as
/// strictly as RFC 3339 asks; `None` for any other form (the caller then parses it
/// the general way).
pub fn unix_seconds(t: &str) -> Option<i64> {
    let b = t.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b[r].iter().try_fold(0i64, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    // Year 0 and leap seconds are left to the general parser.
    if y < 1 || d < 1 || d > month_days || hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    /// A key: a string without escapes; its content.
    fn key(&mut self) -> Option<&'a [u8]> {
        let start = self.i + 1;
        if self.string()? {
            return None;
        }
        Some(&self.b[start..self.i - 1])
    }

    /// Skips a string (at its opening quote); whether it had an escape. A `\u` escape
    /// (whose surrogate rules `serde_json` checks) is a surprise.
    fn string(&mut self) -> Option<bool> {
        self.expect(b'"')?;
        let mut escaped = false;
        loop {
            let rest = &self.b[self.i..];
            let at = memchr::memchr2(b'"', b'\\', rest)?;
            self.i += at;
            match self.next()? {
                b'"' => return Some(escaped),
                _ => {
                    escaped = true;
                    match self.next()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        _ => return None,
                    }
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.i - start
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        // A number runs into its delimiter; anything else after it is a surprise.
        match self.peek() {
            None | Some(b',' | b'}' | b']') => Some(()),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i.checked_add(word.len())?;
        (self.b.get(self.i..end)? == word).then(|| self.i = end)
    }

    /// Skips a value in the form `serde_json` prints (see [`canonical_value`]).
    fn canonical(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => {
                let start = self.i;
                if self.string()? && self.b[start..self.i].windows(2).any(|w| w == b"\\/") {
                    return None;
                }
                Some(())
            }
            b'{' => {
                self.i += 1;
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Some(());
                }
                let mut last: Option<&[u8]> = None;
                loop {
                    let key = self.key()?;
                    if last.is_some_and(|l| !before(l, key)) {
                        return None;
                    }
                    last = Some(key);
                    self.expect(b':')?;
                    self.canonical(depth + 1)?;
                    match self.next()? {
                        b',' => continue,
                        b'}' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                if self.peek()? == b']' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.canonical(depth + 1)?;
                    match self.next()? {
                        b',' => continue,
                        b']' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => {
                let start = self.i;
                self.number()?;
                let n = &self.b[start..self.i];
                let whole = n != b"-0"
                    && (int(n).is_some()
                        || (n.iter().all(u8::is_ascii_digit)
                            && std::str::from_utf8(n).ok()?.parse::<u64>().is_ok()));
                whole.then_some(())
            }
        }
    }

    /// Skips any value, checking its syntax.
    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' => {
                self.i += 1;
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.string()?;
                    self.expect(b':')?;
                    self.value(depth + 1)?;
                    match self.next()? {
                        b',' => continue,
                        b'}' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                if self.peek()? == b']' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.value(depth + 1)?;
                    match self.next()? {
                        b',' => continue,
                        b']' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_a_canonical_line() {
        let line = br#"{"a":1.5e-3,"b":{"y":[true,null,"x\n"],"z":{}},"id":42,"s":"h\u00e9"}"#;
        // `\u` escapes are left to serde_json.
        assert!(scan(line).is_none());
        let line = r#"{"a":1.5e-3,"b":{"y":[true,null,"x\n"],"z":{}},"id":42,"s":"hé"}"#.as_bytes();
        let s = scan(line).unwrap();
        assert_eq!(s.get("a").unwrap(), b"1.5e-3");
        assert_eq!(s.get("b").unwrap(), br#"{"y":[true,null,"x\n"],"z":{}}"#);
        assert_eq!(int(s.get("id").unwrap()), Some(42));
        assert_eq!(s.plain_str("s"), Some(Some("hé")));
        assert_eq!(s.plain_str("missing"), Some(None));
    }

    #[test]
    fn anything_unexpected_is_refused() {
        for bad in [
            &br#"{"b":1,"a":2}"#[..],
            br#"{"a":1,"a":2}"#,
            br#"{"a":1} "#,
            br#"{ "a":1}"#,
            br#"{"a":01}"#,
            br#"{"a":1.}"#,
            br#"{"a":-}"#,
            br#"{"a":1e}"#,
            br#"{"a":tru}"#,
            br#"{"a":[1,]}"#,
            br#"{"a":{"x":1,}}"#,
            br#"{"a":"\x"}"#,
            br#"{"a\"":1}"#,
            br#"{"a":"unterminated}"#,
            br#"{"a":1"#,
            b"{\"a\":\"\x01\"}",
            b"{\"a\":\"\xff\"}",
            br#"{"a":1}{"#,
            br#"{"a":1x}"#,
        ] {
            assert!(scan(bad).is_none(), "{}", String::from_utf8_lossy(bad));
        }
        assert!(serde_json::from_slice::<serde_json::Value>(br#"{"a":1.}"#).is_err());
    }

    #[test]
    fn integers_and_strings() {
        assert_eq!(int(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(int(b"9223372036854775808"), None);
        assert_eq!(int(b"1.0"), None);
        assert_eq!(plain_str(br#""a\"b""#), None);
        let ids: Vec<&str> = plain_strs(br#"["a","b,c",""]"#).unwrap().collect();
        assert_eq!(ids, ["a", "b,c", ""]);
        let ids: Vec<&str> = plain_strs(br#"["a","b"]"#).unwrap().collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(plain_strs(b"[]").unwrap().count(), 0);
        assert!(plain_strs(br#"["a",1]"#).is_none());
    }

    #[test]
    fn times_agree_with_the_general_parser() {
        for t in [
            "2026-12-02T22:12:34Z",
            "1970-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "1900-02-28T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "1969-12-31T23:59:59Z",
        ] {
            let want = mdm_model::time::parse_rfc3339(t).map(|t| t.unix_timestamp());
            assert_eq!(unix_seconds(t), want, "{t}");
        }
        for t in [
            "2026-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-12-02T24:00:00Z",
            "2026-12-02T22:12:34+00:00",
            "2026-12-02 22:12:34Z",
            "2026-12-02T22:12:34.5Z",
        ] {
            assert_eq!(unix_seconds(t), None, "{t}");
        }
    }
}
