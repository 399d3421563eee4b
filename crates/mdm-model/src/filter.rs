//! The `--filter` expression language for selecting devices, shared by the CLI (which
//! checks an expression before sending anything, and points at the error) and the
//! server (which evaluates it).
//!
//! ```text
//! expr  := and ("or" and)*
//! and   := unary ("and" unary)*
//! unary := "not" unary | "(" expr ")" | field op value
//! op    := = | != | < | <= | > | >= | ~        (~ means "contains", case-insensitive)
//! ```
//!
//! Fields: `platform`, `os_version` (compared as versions: 17.10 > 17.9), `last_seen`
//! (an age: `last_seen > 30d` = not seen for more than 30 days), `compliance`, `status`,
//! `owner` (name or email), `group`, `model`, `name`, `serial`, `id`.
//! Values are bare words or "quoted strings". Example:
//! `platform = ios and os_version < 17.4 and (group = sales or last_seen > 7d)`

use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Cmp(Field, Op, Value),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Platform,
    OsVersion,
    LastSeen,
    Compliance,
    Status,
    Owner,
    Group,
    Model,
    Name,
    Serial,
    Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// Seconds, for `last_seen`.
    Age(u64),
}

/// A parse error with the 1-based column where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub column: usize,
    pub message: String,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for FilterError {}

pub const FIELDS: &[&str] = &[
    "platform",
    "os_version",
    "last_seen",
    "compliance",
    "status",
    "owner",
    "group",
    "model",
    "name",
    "serial",
    "id",
];

impl Field {
    fn parse(s: &str) -> Option<Field> {
        Some(match s {
            "platform" => Field::Platform,
            "os_version" | "os" => Field::OsVersion,
            "last_seen" => Field::LastSeen,
            "compliance" => Field::Compliance,
            "status" => Field::Status,
            "owner" => Field::Owner,
            "group" => Field::Group,
            "model" => Field::Model,
            "name" => Field::Name,
            "serial" => Field::Serial,
            "id" => Field::Id,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Field::Platform => "platform",
            Field::OsVersion => "os_version",
            Field::LastSeen => "last_seen",
            Field::Compliance => "compliance",
            Field::Status => "status",
            Field::Owner => "owner",
            Field::Group => "group",
            Field::Model => "model",
            Field::Name => "name",
            Field::Serial => "serial",
            Field::Id => "id",
        }
    }

    /// The operators that make sense for the field, and allowed values if enumerated.
    fn rules(self) -> (&'static [Op], Option<&'static [&'static str]>) {
        use Op::*;
        match self {
            Field::Platform => (&[Eq, Ne], Some(&["ios", "android", "macos", "windows"])),
            Field::Compliance => (&[Eq, Ne], Some(&["compliant", "noncompliant", "unknown"])),
            Field::Status => (&[Eq, Ne], Some(&["online", "offline"])),
            Field::OsVersion => (&[Eq, Ne, Lt, Le, Gt, Ge], None),
            Field::LastSeen => (&[Lt, Le, Gt, Ge], None),
            Field::Group => (&[Eq, Ne], None),
            Field::Owner | Field::Model | Field::Name | Field::Serial | Field::Id => {
                (&[Eq, Ne, Contains], None)
            }
        }
    }
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Contains => "~",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Quoted(String),
    Op(Op),
    LParen,
    RParen,
}

fn tokenize(s: &str) -> Result<Vec<(usize, Tok)>, FilterError> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((col, Tok::LParen));
                i += 1;
            }
            ')' => {
                out.push((col, Tok::RParen));
                i += 1;
            }
            '=' => {
                out.push((col, Tok::Op(Op::Eq)));
                i += if chars.get(i + 1) == Some(&'=') { 2 } else { 1 };
            }
            '!' if chars.get(i + 1) == Some(&'=') => {
                out.push((col, Tok::Op(Op::Ne)));
                i += 2;
            }
            '<' | '>' => {
                let eq = chars.get(i + 1) == Some(&'=');
                let op = match (c, eq) {
                    ('<', true) => Op::Le,
                    ('<', false) => Op::Lt,
                    (_, true) => Op::Ge,
                    _ => Op::Gt,
                };
                out.push((col, Tok::Op(op)));
                i += if eq { 2 } else { 1 };
            }
            '~' => {
                out.push((col, Tok::Op(Op::Contains)));
                i += 1;
            }
            '"' | '\'' => {
                let quote = c;
                let mut text = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(FilterError {
                                column: col,
                                message: "unterminated quoted string".into(),
                            });
                        }
                        Some('\\') if matches!(chars.get(i + 1), Some(&q) if q == quote || q == '\\') =>
                        {
                            text.push(chars[i + 1]);
                            i += 2;
                        }
                        Some(&q) if q == quote => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            text.push(ch);
                            i += 1;
                        }
                    }
                }
                out.push((col, Tok::Quoted(text)));
            }
            c if c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '@' | '+' | ':' | '/') => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric()
                        || matches!(chars[i], '_' | '.' | '-' | '@' | '+' | ':' | '/'))
                {
                    i += 1;
                }
                out.push((col, Tok::Word(chars[start..i].iter().collect())));
                let _ = start;
            }
            other => {
                return Err(FilterError {
                    column: col,
                    message: format!("unexpected character {other:?}"),
                });
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end_col: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn col(&self) -> usize {
        self.toks
            .get(self.pos)
            .map(|(c, _)| *c)
            .unwrap_or(self.end_col)
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T, FilterError> {
        Err(FilterError {
            column: self.col(),
            message: message.into(),
        })
    }

    fn is_keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(kw))
    }

    fn expr(&mut self) -> Result<Expr, FilterError> {
        let mut left = self.and()?;
        while self.is_keyword("or") {
            self.pos += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, FilterError> {
        let mut left = self.unary()?;
        while self.is_keyword("and") {
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, FilterError> {
        self.depth += 1;
        if self.depth > 64 {
            return self.err("the expression is nested too deeply");
        }
        let r = self.unary_inner();
        self.depth -= 1;
        r
    }

    fn unary_inner(&mut self) -> Result<Expr, FilterError> {
        if self.is_keyword("not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        match self.peek() {
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.expr()?;
                if self.peek() != Some(&Tok::RParen) {
                    return self.err("expected `)`");
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Tok::Word(w)) => {
                let w = w.clone();
                let Some(field) = Field::parse(&w.to_ascii_lowercase()) else {
                    return self.err(format!(
                        "unknown field {w:?} (fields: {})",
                        FIELDS.join(", ")
                    ));
                };
                self.pos += 1;
                let op = match self.peek() {
                    Some(Tok::Op(op)) => *op,
                    _ => return self.err("expected an operator (=, !=, <, <=, >, >=, ~)"),
                };
                let (ops, allowed) = field.rules();
                if !ops.contains(&op) {
                    let list: Vec<&str> = ops.iter().map(|o| o.symbol()).collect();
                    return self.err(format!(
                        "{} does not support `{}` (use {})",
                        field.name(),
                        op.symbol(),
                        list.join(" ")
                    ));
                }
                self.pos += 1;
                let raw = match self.peek() {
                    Some(Tok::Word(v)) | Some(Tok::Quoted(v)) => v.clone(),
                    _ => return self.err(format!("expected a value for {}", field.name())),
                };
                let value = match field {
                    Field::LastSeen => match crate::time::parse_duration(&raw) {
                        Ok(d) => Value::Age(d.as_secs()),
                        Err(_) => {
                            return self.err(format!(
                                "last_seen takes an age such as 24h or 30d, not {raw:?}"
                            ));
                        }
                    },
                    Field::OsVersion if parse_version(&raw).is_none() => {
                        return self.err(format!(
                            "{raw:?} is not a version such as 17.4 or 10.0.22631"
                        ));
                    }
                    _ => {
                        if let Some(allowed) = allowed
                            && !allowed.contains(&raw.to_ascii_lowercase().as_str())
                        {
                            return self.err(format!(
                                "{} is one of {}, not {raw:?}",
                                field.name(),
                                allowed.join(", ")
                            ));
                        }
                        Value::Text(raw)
                    }
                };
                self.pos += 1;
                Ok(Expr::Cmp(field, op, value))
            }
            Some(Tok::Quoted(_)) | Some(Tok::Op(_)) | Some(Tok::RParen) => {
                self.err("expected a field name, `not` or `(`")
            }
            None => self.err("unexpected end of the expression: expected a condition"),
        }
    }
}

pub fn parse(s: &str) -> Result<Expr, FilterError> {
    if s.len() > 4096 {
        return Err(FilterError {
            column: 4097,
            message: "the expression is longer than 4096 bytes".into(),
        });
    }
    let toks = tokenize(s)?;
    let mut p = Parser {
        end_col: s.chars().count() + 1,
        toks,
        pos: 0,
        depth: 0,
    };
    if p.toks.is_empty() {
        return p.err("the expression is empty");
    }
    let e = p.expr()?;
    if p.pos < p.toks.len() {
        return p.err("expected `and`, `or` or the end of the expression");
    }
    Ok(e)
}

/// `error: …` with the expression and a caret under the column, for terminals.
pub fn render_error(expr: &str, e: &FilterError) -> String {
    let shown = crate::escape::terminal(expr);
    let caret_at = expr
        .chars()
        .take(e.column.saturating_sub(1))
        .map(|c| crate::escape::terminal(&c.to_string()).chars().count())
        .sum::<usize>();
    format!("{shown}\n{}^ {}", " ".repeat(caret_at), e.message)
}

fn parse_version(s: &str) -> Option<Vec<u64>> {
    let parts: Option<Vec<u64>> = s.split('.').map(|p| p.parse().ok()).collect();
    parts.filter(|p| !p.is_empty() && p.len() <= 6)
}

fn cmp_versions(a: &[u64], b: &[u64]) -> Ordering {
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        match x.cmp(&y) {
            Ordering::Equal => continue,
            o => return o,
        }
    }
    Ordering::Equal
}

/// What the evaluator needs to know about a device.
pub struct Facts<'a> {
    pub id: &'a str,
    pub serial: &'a str,
    pub name: &'a str,
    pub platform: &'a str,
    pub model: &'a str,
    pub os_version: &'a str,
    pub owner_name: &'a str,
    pub owner_email: &'a str,
    pub status: &'a str,
    pub compliance: &'a str,
    pub groups: &'a [String],
    /// Seconds since the device was last seen.
    pub age_secs: u64,
}

fn text_cmp(op: Op, have: &str, want: &str) -> bool {
    match op {
        Op::Eq => have.eq_ignore_ascii_case(want),
        Op::Ne => !have.eq_ignore_ascii_case(want),
        Op::Contains => have.to_lowercase().contains(&want.to_lowercase()),
        _ => false,
    }
}

fn ord_cmp(op: Op, o: Ordering) -> bool {
    match op {
        Op::Eq => o == Ordering::Equal,
        Op::Ne => o != Ordering::Equal,
        Op::Lt => o == Ordering::Less,
        Op::Le => o != Ordering::Greater,
        Op::Gt => o == Ordering::Greater,
        Op::Ge => o != Ordering::Less,
        Op::Contains => false,
    }
}

impl Expr {
    /// Whether the expression looks at `field` anywhere (so a caller can skip reading
    /// facts it does not need, such as a device's groups).
    pub fn uses(&self, field: Field) -> bool {
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => a.uses(field) || b.uses(field),
            Expr::Not(a) => a.uses(field),
            Expr::Cmp(f, _, _) => *f == field,
        }
    }
}

pub fn eval(e: &Expr, d: &Facts<'_>) -> bool {
    match e {
        Expr::And(a, b) => eval(a, d) && eval(b, d),
        Expr::Or(a, b) => eval(a, d) || eval(b, d),
        Expr::Not(a) => !eval(a, d),
        Expr::Cmp(field, op, value) => match (field, value) {
            (Field::LastSeen, Value::Age(age)) => ord_cmp(*op, d.age_secs.cmp(age)),
            (Field::OsVersion, Value::Text(v)) => {
                match (parse_version(d.os_version), parse_version(v)) {
                    (Some(have), Some(want)) => ord_cmp(*op, cmp_versions(&have, &want)),
                    _ => false,
                }
            }
            (Field::Group, Value::Text(v)) => {
                let member = d.groups.iter().any(|g| g.eq_ignore_ascii_case(v));
                if *op == Op::Ne { !member } else { member }
            }
            (Field::Owner, Value::Text(v)) => {
                let hit = text_cmp(if *op == Op::Ne { Op::Eq } else { *op }, d.owner_name, v)
                    || text_cmp(if *op == Op::Ne { Op::Eq } else { *op }, d.owner_email, v);
                if *op == Op::Ne { !hit } else { hit }
            }
            (f, Value::Text(v)) => {
                let have = match f {
                    Field::Platform => d.platform,
                    Field::Compliance => d.compliance,
                    Field::Status => d.status,
                    Field::Model => d.model,
                    Field::Name => d.name,
                    Field::Serial => d.serial,
                    Field::Id => d.id,
                    _ => return false,
                };
                text_cmp(*op, have, v)
            }
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(groups: &'a [String]) -> Facts<'a> {
        Facts {
            id: "dev_1",
            serial: "C02XK1ZJJG5H",
            name: "Zoë's iPhone",
            platform: "ios",
            model: "iPhone 15",
            os_version: "17.10.1",
            owner_name: "Zoë Peeters",
            owner_email: "zoe.peeters@example.org",
            status: "online",
            compliance: "noncompliant",
            groups,
            age_secs: 3 * 86_400,
        }
    }

    #[test]
    fn evaluates_what_admins_write() {
        let g = vec!["sales".to_string(), "byod".to_string()];
        let d = facts(&g);
        for (expr, want) in [
            ("platform = ios", true),
            ("platform != ios", false),
            ("os_version < 17.9", false),
            ("os_version >= 17.10", true),
            ("os_version < 18", true),
            ("last_seen > 2d", true),
            ("last_seen > 7d", false),
            ("compliance = noncompliant and group = sales", true),
            ("group = engineering or owner ~ peeters", true),
            ("not (status = online)", false),
            ("owner = zoe.peeters@example.org", true),
            ("owner != zoe.peeters@example.org", false),
            ("name ~ \"zoë's\"", true),
            ("group != engineering", true),
            ("PLATFORM = IOS", true),
            (
                "platform = ios and (os_version < 17 or last_seen >= 3d)",
                true,
            ),
        ] {
            let e = parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
            assert_eq!(eval(&e, &d), want, "{expr}");
        }
    }

    #[test]
    fn errors_point_at_the_column() {
        for (expr, col, needle) in [
            ("platform = ios and os_version", 30, "expected an operator"),
            ("platfrom = ios", 1, "unknown field \"platfrom\""),
            ("platform < ios", 10, "does not support `<`"),
            ("platform = beos", 12, "is one of ios, android"),
            ("last_seen > soon", 13, "takes an age"),
            ("os_version < seventeen", 14, "is not a version"),
            ("(platform = ios", 16, "expected `)`"),
            ("platform = ios ios", 16, "expected `and`, `or`"),
            ("name = \"open", 8, "unterminated"),
            ("", 1, "empty"),
            ("platform = ios and", 19, "unexpected end"),
            ("status = online; rm -rf /", 16, "unexpected character ';'"),
        ] {
            let e = parse(expr).unwrap_err();
            assert_eq!(e.column, col, "{expr}: {e}");
            assert!(e.message.contains(needle), "{expr}: {e}");
        }
        let r = render_error(
            "platform = ios and os_version",
            &parse("platform = ios and os_version").unwrap_err(),
        );
        assert!(
            r.ends_with(&format!(
                "\n{}^ expected an operator (=, !=, <, <=, >, >=, ~)",
                " ".repeat(29)
            )),
            "{r}"
        );
    }

    #[test]
    fn deep_nesting_and_long_input_are_refused_not_overflowed() {
        let deep = format!("{}platform = ios{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&deep).is_err());
        let nots = format!("{}platform = ios", "not ".repeat(1000));
        assert!(
            parse(&nots)
                .unwrap_err()
                .message
                .contains("nested too deeply")
        );
    }
}
