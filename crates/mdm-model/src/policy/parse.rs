//! Policy files: YAML (one policy per document, `---` between them) or JSON (one object
//! or an array), a single file or a directory of them. Every problem is reported as
//! `file:line:col: message`, and nothing half-parsed is ever used.

use super::model::Policy;
use std::fmt;
use std::path::Path;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub policy: Policy,
    pub file: String,
    pub line: usize,
}

fn err(file: &str, line: usize, column: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        file: file.to_string(),
        line: line.max(1),
        column: column.max(1),
        message: message.into(),
    }
}

/// Removes every " at line L column C" that serde formats put into messages (the
/// position is reported separately, as `file:line:col`).
fn strip_location(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.chars().take_while(|c| c.is_ascii_digit()).count();
        let tail = &after[digits..];
        match tail.strip_prefix(" column ") {
            Some(t) if digits > 0 => {
                let d2 = t.chars().take_while(|c| c.is_ascii_digit()).count();
                rest = &t[d2..];
            }
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    humanize(&out)
}

/// serde's wording in a person's terms: `expected struct Encryption` names a Rust type
/// the policy author never sees; say what to write instead.
fn humanize(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find("expected struct ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "expected struct ".len()..];
        let n = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        let mut words = String::new();
        for (k, ch) in after[..n].chars().enumerate() {
            if ch.is_ascii_uppercase() && k > 0 {
                words.push(' ');
            }
            words.push(ch.to_ascii_lowercase());
        }
        out.push_str(&format!(
            "expected a mapping of {words} settings (key: value lines)"
        ));
        rest = &after[n..];
    }
    out.push_str(rest);
    out.replace("expected a sequence", "expected a list (`- item` lines)")
        .replace("expected unit", "expected nothing")
}

fn line_col_of_byte(text: &[u8], at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, col)
}

/// Line of `name: <name>` (or `"name": "<name>"`), to point at a policy as a whole.
fn line_of_name(text: &str, name: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches("- ");
            (t.starts_with("name:") || t.starts_with("\"name\"")) && t.contains(name)
        })
        .map(|i| i + 1)
        .unwrap_or(1)
}

/// Parses one file's bytes. `json` chooses the JSON reader (by file extension).
pub fn parse_bytes(file: &str, bytes: &[u8], json: bool) -> Result<Vec<Loaded>, Vec<ParseError>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![err(
            file,
            1,
            1,
            format!(
                "the file is {} bytes; a policy file is at most {MAX_FILE_BYTES}",
                bytes.len()
            ),
        )]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (l, c) = line_col_of_byte(bytes, e.valid_up_to());
            return Err(vec![err(file, l, c, "invalid UTF-8")]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![err(file, 1, 1, "the file is empty: no policy in it")]);
    }
    let mut policies: Vec<Policy> = Vec::new();
    if json {
        let trimmed = text.trim_start();
        let r = if trimmed.starts_with('[') {
            serde_json::from_str::<Vec<Policy>>(text)
        } else {
            serde_json::from_str::<Policy>(text).map(|p| vec![p])
        };
        match r {
            Ok(p) => policies = p,
            Err(e) => {
                return Err(vec![err(
                    file,
                    e.line(),
                    e.column(),
                    strip_location(&e.to_string()),
                )]);
            }
        }
    } else {
        for doc in serde_norway::Deserializer::from_str(text) {
            match <Policy as serde::Deserialize>::deserialize(doc) {
                Ok(p) => policies.push(p),
                Err(e) => {
                    let (l, c) = e
                        .location()
                        .map(|l| (l.line(), l.column()))
                        .unwrap_or((1, 1));
                    let mut msg = strip_location(&e.to_string());
                    if text
                        .lines()
                        .nth(l.saturating_sub(1))
                        .is_some_and(|line| line.contains('\t'))
                    {
                        msg.push_str(" (YAML does not allow tabs for indentation)");
                    }
                    if msg.contains("EOF while parsing") || msg.contains("end of stream") {
                        msg = "the document is empty or cut off".into();
                    }
                    return Err(vec![err(file, l, c, msg)]);
                }
            }
        }
    }
    if policies.is_empty() {
        return Err(vec![err(file, 1, 1, "no policy in the file")]);
    }
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for p in policies {
        let line = line_of_name(text, &p.name.0);
        if let Err(m) = p.check() {
            errors.push(err(file, line, 1, format!("policy {}: {m}", p.name.0)));
        }
        out.push(Loaded {
            policy: p,
            file: file.to_string(),
            line,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn is_policy_file(p: &Path) -> Option<bool> {
    match p
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("yaml" | "yml") => Some(false),
        Some("json") => Some(true),
        _ => None,
    }
}

/// Loads a file or every `.yaml`/`.yml`/`.json` file of a directory (sorted by name).
/// Collects the errors of all files; a policy name defined twice is an error too.
pub fn load_path(path: &Path) -> Result<Vec<Loaded>, Vec<ParseError>> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| vec![err(&shown, 1, 1, format!("cannot read: {e}"))])?;
    let mut files = Vec::new();
    if meta.is_dir() {
        let rd = std::fs::read_dir(path)
            .map_err(|e| vec![err(&shown, 1, 1, format!("cannot read the directory: {e}"))])?;
        for entry in rd.flatten() {
            let p = entry.path();
            if p.is_file()
                && let Some(json) = is_policy_file(&p)
            {
                files.push((p, json));
            }
        }
        files.sort();
        if files.is_empty() {
            return Err(vec![err(
                &shown,
                1,
                1,
                "no .yaml, .yml or .json files in this directory",
            )]);
        }
    } else {
        let json = is_policy_file(path).unwrap_or(false);
        files.push((path.to_path_buf(), json));
    }
    let (mut all, mut errors) = (Vec::new(), Vec::new());
    for (p, json) in files {
        let name = p.display().to_string();
        let bytes = match std::fs::metadata(&p) {
            Ok(m) if m.len() as usize > MAX_FILE_BYTES => {
                errors.push(err(
                    &name,
                    1,
                    1,
                    format!(
                        "the file is {} bytes; a policy file is at most {MAX_FILE_BYTES}",
                        m.len()
                    ),
                ));
                continue;
            }
            _ => match std::fs::read(&p) {
                Ok(b) => b,
                Err(e) => {
                    errors.push(err(&name, 1, 1, format!("cannot read: {e}")));
                    continue;
                }
            },
        };
        match parse_bytes(&name, &bytes, json) {
            Ok(mut l) => all.append(&mut l),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let mut seen: std::collections::HashMap<String, (String, usize)> =
        std::collections::HashMap::new();
    for l in &all {
        if let Some((f, line)) = seen.get(&l.policy.name.0) {
            errors.push(err(
                &l.file,
                l.line,
                1,
                format!("policy {} is also defined at {f}:{line}", l.policy.name.0),
            ));
        } else {
            seen.insert(l.policy.name.0.clone(), (l.file.clone(), l.line));
        }
    }
    if errors.is_empty() {
        Ok(all)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod fuzz {
    //! No input may panic the parser: random bytes, and valid files mangled at random.
    use super::parse_bytes;
    use proptest::prelude::*;

    const SEED: &str = "name: base\npasscode:\n  required: true\n  min_length: 8\n  complexity: complex\nminimum_os:\n  ios: \"17.4\"\napps:\n  allow: [a, b]\n  block: [c]\nassignments: [sales]\n---\nname: other\ncompliance: {action: retire, retire_after_days: 9}\n";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512), json in any::<bool>()) {
            let _ = parse_bytes("fuzz", &bytes, json);
        }

        #[test]
        fn mangled_policies_never_panic(cuts in proptest::collection::vec((0usize..400, any::<u8>()), 1..8), json in any::<bool>()) {
            let mut bytes = SEED.as_bytes().to_vec();
            for (at, b) in cuts {
                let at = at % (bytes.len() + 1);
                match b % 3 {
                    0 => bytes.insert(at, b),
                    1 if at < bytes.len() => { bytes.remove(at); }
                    _ if at < bytes.len() => bytes[at] = b,
                    _ => {}
                }
            }
            let _ = parse_bytes("fuzz", &bytes, json);
        }

        #[test]
        fn deep_nesting_never_overflows(depth in 1usize..400) {
            let s = format!("name: x\napps: {}{}", "[".repeat(depth), "]".repeat(depth));
            let _ = parse_bytes("fuzz", s.as_bytes(), false);
            let j = format!("{{\"name\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
            let _ = parse_bytes("fuzz", j.as_bytes(), true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Result<Vec<Loaded>, Vec<ParseError>> {
        parse_bytes("p.yaml", s.as_bytes(), false)
    }

    fn first_error(s: &str) -> ParseError {
        yaml(s).unwrap_err().remove(0)
    }

    #[test]
    fn parses_yaml_streams_and_json() {
        let ps = yaml(
            "name: a\npasscode:\n  min_length: 8\n---\nname: b\nminimum_os:\n  ios: \"17.4\"\n",
        )
        .unwrap();
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].line, 5);
        let j = parse_bytes(
            "p.json",
            br#"[{"name": "a"}, {"name": "b", "jailbreak_detection": true}]"#,
            true,
        )
        .unwrap();
        assert_eq!(j.len(), 2);
    }

    #[test]
    fn errors_have_positions_and_name_what_was_expected() {
        let e = first_error("name: a\npasscode:\n  min_lenght: 8\n");
        assert_eq!((e.line, e.column), (3, 3), "{e}");
        assert!(e.message.contains("unknown field `min_lenght`"), "{e}");
        assert!(e.message.contains("min_length"), "{e}");
        let e = first_error("name: a\npasscode:\n  min_length: eight\n");
        assert_eq!(e.line, 3, "{e}");
        assert!(
            e.message.contains("expected a whole number from 4 to 16"),
            "{e}"
        );
        let e = first_error("name: a\npasscode:\n  min_length: 3\n");
        assert!(e.message.contains("invalid value: integer `3`"), "{e}");
        let e = first_error("name: a\npasscode:\n  min_length: 8\n  min_length: 9\n");
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("duplicate"), "{e}");
        let e = first_error("name: a\npasscode:\n\tmin_length: 8\n");
        assert!(e.message.contains("tabs"), "{e}");
        let e = first_error("name: a\nminimum_os:\n  ios: 17.4\n");
        assert!(e.message.contains("version"), "{e}");
        let e = first_error("   \n");
        assert!(e.message.contains("empty"), "{e}");
        // No Rust type names: what to write instead.
        for text in ["name: a\nencryption: true\n", "name: a\npasscode: 8\n"] {
            let e = first_error(text);
            assert_eq!(e.line, 2, "{e}");
            assert!(!e.message.contains("struct"), "{e}");
            assert!(e.message.contains("expected a mapping of"), "{e}");
        }
        let e = parse_bytes("p.yaml", b"name: a\n\xff\xfe", false)
            .unwrap_err()
            .remove(0);
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (2, 1, "invalid UTF-8")
        );
        let e = parse_bytes(
            "p.json",
            b"{\"name\": \"a\",\n \"passcode\": {\"required\": \"yes\"}}",
            true,
        )
        .unwrap_err()
        .remove(0);
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("expected a boolean"), "{e}");
        let e = first_error("name: a\ncompliance:\n  retire_after_days: 3\n");
        assert!(e.message.contains("needs compliance.action: retire"), "{e}");
        assert_eq!(e.to_string(), format!("p.yaml:1:1: {}", e.message));
        assert_eq!(
            strip_location("bad at line 3 column 1, while scanning at line 2 column 9"),
            "bad, while scanning"
        );
        let big = vec![b'#'; MAX_FILE_BYTES + 1];
        assert!(
            parse_bytes("p.yaml", &big, false).unwrap_err()[0]
                .message
                .contains("at most")
        );
    }
}
