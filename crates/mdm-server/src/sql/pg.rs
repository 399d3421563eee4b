//! The PostgreSQL side of the storage seam: tokio-postgres (with rustls) driven from
//! the blocking threads the storage code runs on.
//!
//! Each connection's I/O task runs on one small runtime of its own, so a query can be
//! awaited from any thread (`futures_executor::block_on`), inside the server's runtime
//! or not. Statements are prepared once per connection and text; their parameter types
//! come from the server, and `ValueRef`s are bound to them (an integer to BIGINT,
//! INTEGER, SMALLINT or BOOLEAN, text to TEXT).

use super::{Error, Result, ValueRef};
use bytes::BytesMut;
use rustls_pki_types::pem::PemObject;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};
use tokio_postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};

/// Runs every connection's I/O task.
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("mdm-postgres")
        .enable_all()
        .build()
        .expect("a runtime for PostgreSQL connections")
});

/// Where and how to connect: the parsed URL, the password (from the gateway's secret
/// sources, never from the URL) and the TLS roots.
pub struct Target {
    pub config: tokio_postgres::Config,
    pub tls: Option<tokio_postgres_rustls::MakeRustlsConnect>,
    /// The URL as it may be shown: no password.
    pub shown: String,
}

impl Target {
    /// `postgres://user@host:port/db?...`, `password` and the CA file's PEM (`None`: the
    /// system's roots). TLS is used when asked (`sslmode=require`) or when a CA file is
    /// given; a database that is not on the loopback must be reached over TLS.
    pub fn new(
        url: &str,
        password: Option<&str>,
        ca_pem: Option<&[u8]>,
    ) -> std::result::Result<Target, String> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| format!("the database URL is not a PostgreSQL URL ({e})"))?;
        if config.get_password().is_some() {
            return Err(
                "the database URL holds a password; a secret does not belong in a config \
                 file: give it with [postgres] password_file or password_env"
                    .into(),
            );
        }
        if let Some(p) = password {
            config.password(p);
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(5));
        }
        if config.get_application_name().is_none() {
            config.application_name("mdm-gateway");
        }
        let loopback = config.get_hosts().iter().all(|h| match h {
            tokio_postgres::config::Host::Tcp(name) => {
                name == "localhost"
                    || name
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
            tokio_postgres::config::Host::Unix(_) => true,
        });
        let want_tls =
            ca_pem.is_some() || config.get_ssl_mode() == tokio_postgres::config::SslMode::Require;
        if !want_tls && !loopback {
            return Err(
                "the database is not on this machine and the URL does not ask for TLS: the \
                 password and every row would cross the network in clear text; add \
                 ?sslmode=require (and [postgres] ca_file)"
                    .into(),
            );
        }
        let tls = if want_tls {
            config.ssl_mode(tokio_postgres::config::SslMode::Require);
            let mut roots = rustls::RootCertStore::empty();
            match ca_pem {
                Some(pem) => {
                    let mut n = 0;
                    for cert in rustls_pki_types::CertificateDer::pem_slice_iter(pem) {
                        let cert = cert.map_err(|e| format!("the CA file is not PEM ({e})"))?;
                        roots
                            .add(cert)
                            .map_err(|e| format!("the CA file holds a bad certificate ({e})"))?;
                        n += 1;
                    }
                    if n == 0 {
                        return Err("the CA file holds no certificate".into());
                    }
                }
                None => {
                    for cert in rustls_native_certs::load_native_certs().certs {
                        let _ = roots.add(cert);
                    }
                }
            }
            let client = rustls::ClientConfig::builder_with_provider(Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
            Some(tokio_postgres_rustls::MakeRustlsConnect::new(client))
        } else {
            None
        };
        Ok(Target {
            shown: shown_url(&config),
            config,
            tls,
        })
    }
}

fn shown_url(c: &tokio_postgres::Config) -> String {
    let host = c
        .get_hosts()
        .first()
        .map(|h| match h {
            tokio_postgres::config::Host::Tcp(n) => n.clone(),
            tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
        })
        .unwrap_or_default();
    let port = c.get_ports().first().copied().unwrap_or(5432);
    format!(
        "postgres://{}@{host}:{port}/{}",
        c.get_user().unwrap_or(""),
        c.get_dbname().unwrap_or("")
    )
}

/// One connection.
pub struct Conn {
    client: tokio_postgres::Client,
    shown: Arc<str>,
    prepared: RefCell<HashMap<String, tokio_postgres::Statement>>,
}

fn pg_err(e: tokio_postgres::Error) -> Error {
    Error::Postgres(Box::new(e))
}

impl Conn {
    pub fn connect(t: &Target) -> Result<Conn> {
        let config = t.config.clone();
        let tls = t.tls.clone();
        let connected = RUNTIME.spawn(async move {
            let client = match tls {
                Some(tls) => {
                    let (client, conn) = config.connect(tls).await?;
                    tokio::spawn(async move {
                        let _ = conn.await;
                    });
                    client
                }
                None => {
                    let (client, conn) = config.connect(tokio_postgres::NoTls).await?;
                    tokio::spawn(async move {
                        let _ = conn.await;
                    });
                    client
                }
            };
            Ok::<_, tokio_postgres::Error>(client)
        });
        let client = futures_executor::block_on(connected)
            .map_err(|e| Error::Unusable(format!("the PostgreSQL connection task failed ({e})")))?
            .map_err(pg_err)?;
        Ok(Conn {
            client,
            shown: Arc::from(t.shown.as_str()),
            prepared: RefCell::new(HashMap::new()),
        })
    }

    /// The database's URL without the password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The connection is gone (the database restarted, the network dropped it).
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    pub fn statement(&self, sql: &str, cache: bool) -> Result<tokio_postgres::Statement> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(s.clone());
        }
        let text = translate(sql);
        let stmt = futures_executor::block_on(self.client.prepare(&text)).map_err(|e| {
            // The statement, not its values, for whoever reads the gateway's log.
            if e.as_db_error().is_some() {
                let short: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                eprintln!(
                    "mdm gateway: PostgreSQL refused: {}: {}",
                    e.as_db_error().map(|d| d.message()).unwrap_or(""),
                    short.chars().take(300).collect::<String>()
                );
            }
            pg_err(e)
        })?;
        if cache {
            let mut map = self.prepared.borrow_mut();
            if map.len() > 512 {
                map.clear();
            }
            map.insert(sql.to_string(), stmt.clone());
        }
        Ok(stmt)
    }

    pub fn execute(&self, stmt: &tokio_postgres::Statement, v: &[ValueRef<'_>]) -> Result<usize> {
        let params: Vec<Param<'_>> = v.iter().map(|v| Param(*v)).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        let n = futures_executor::block_on(self.client.execute(stmt, &refs)).map_err(pg_err)?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    pub fn query(
        &self,
        stmt: &tokio_postgres::Statement,
        v: &[ValueRef<'_>],
    ) -> Result<Vec<tokio_postgres::Row>> {
        let params: Vec<Param<'_>> = v.iter().map(|v| Param(*v)).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        futures_executor::block_on(self.client.query(stmt, &refs)).map_err(pg_err)
    }

    /// Statements separated by `;`, no parameters (the simple query protocol).
    pub fn batch(&self, sql: &str) -> Result<()> {
        futures_executor::block_on(self.client.batch_execute(&translate(sql))).map_err(pg_err)
    }
}

/// SQLite's spellings in PostgreSQL's: `?N` and `?` placeholders become `$N` (outside
/// quoted text), `group_concat` `string_agg`, `char(N)` `chr(N)`, `LIKE` (ASCII
/// case-insensitive in SQLite) `ILIKE`, the `temp.` schema `pg_temp.`.
pub fn translate(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.chars().peekable();
    let mut quoted = false;
    let mut highest = 0u32;
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
            out.push(c);
        } else if c == '?' && !quoted {
            let mut digits = String::new();
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(*d);
                chars.next();
            }
            let n = if digits.is_empty() {
                highest + 1
            } else {
                digits.parse().unwrap_or(0)
            };
            highest = highest.max(n);
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    // SQLite's index hints: PostgreSQL's planner has statistics and takes no hints.
    let out = strip_index_hints(&out);
    out.replace("group_concat(", "string_agg(")
        .replace("char(31)", "chr(31)")
        .replace(" LIKE ", " ILIKE ")
        .replace("temp.", "pg_temp.")
        .replace(") WITHOUT ROWID", ")")
}

fn strip_index_hints(sql: &str) -> String {
    let mut out = sql.replace(" NOT INDEXED", "");
    while let Some(at) = out.find("INDEXED BY ") {
        let rest = &out[at + "INDEXED BY ".len()..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let end = at + "INDEXED BY ".len() + name_len;
        out.replace_range(at..end, "");
    }
    out
}

/// A `ValueRef` bound to whatever type PostgreSQL expects there.
#[derive(Debug)]
struct Param<'a>(ValueRef<'a>);

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        let text_type = [
            Type::TEXT,
            Type::VARCHAR,
            Type::BPCHAR,
            Type::NAME,
            Type::UNKNOWN,
        ];
        match self.0 {
            ValueRef::Null => Ok(IsNull::Yes),
            ValueRef::Integer(i) => {
                if *ty == Type::INT8 {
                    i.to_sql(ty, out)
                } else if *ty == Type::INT4 {
                    i32::try_from(i)?.to_sql(ty, out)
                } else if *ty == Type::INT2 {
                    i16::try_from(i)?.to_sql(ty, out)
                } else if *ty == Type::BOOL {
                    (i != 0).to_sql(ty, out)
                } else if *ty == Type::FLOAT8 {
                    (i as f64).to_sql(ty, out)
                } else if text_type.contains(ty) {
                    i.to_string().as_str().to_sql(ty, out)
                } else {
                    Err(format!("an integer bound where PostgreSQL expects {ty}").into())
                }
            }
            ValueRef::Real(f) => {
                if *ty == Type::FLOAT8 {
                    f.to_sql(ty, out)
                } else if *ty == Type::FLOAT4 {
                    (f as f32).to_sql(ty, out)
                } else {
                    Err(format!("a real bound where PostgreSQL expects {ty}").into())
                }
            }
            ValueRef::Text(s) => {
                if text_type.contains(ty) {
                    s.to_sql(ty, out)
                } else if *ty == Type::BYTEA {
                    s.as_bytes().to_sql(ty, out)
                } else if *ty == Type::INT8 {
                    s.parse::<i64>()?.to_sql(ty, out)
                } else {
                    Err(format!("text bound where PostgreSQL expects {ty}").into())
                }
            }
            ValueRef::Blob(b) => {
                if *ty == Type::BYTEA {
                    b.to_sql(ty, out)
                } else if text_type.contains(ty) {
                    std::str::from_utf8(b)?.to_sql(ty, out)
                } else {
                    Err(format!("a blob bound where PostgreSQL expects {ty}").into())
                }
            }
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A NUMERIC (what `SUM` of a BIGINT column is) read as an integer when it is whole,
/// else as a real.
struct Numeric(ValueRef<'static>);

impl<'a> FromSql<'a> for Numeric {
    fn from_sql(_: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        let word = |i: usize| -> std::result::Result<u16, BoxError> {
            raw.get(i..i + 2)
                .map(|b| u16::from_be_bytes([b[0], b[1]]))
                .ok_or_else(|| "a short NUMERIC".into())
        };
        let ndigits = usize::from(word(0)?);
        let weight = word(2)? as i16;
        let sign = word(4)?;
        if sign == 0xC000 {
            return Err("NaN".into());
        }
        // Base-10000 digits, the first at 10000^weight.
        let mut whole: Option<i128> = Some(0);
        let mut real = 0f64;
        let mut fractional = false;
        for k in 0..ndigits {
            let d = i128::from(word(8 + 2 * k)?);
            let power = i32::from(weight) - k as i32;
            real += d as f64 * 10000f64.powi(power);
            if power >= 0 {
                whole = whole.and_then(|w| {
                    10000i128
                        .checked_pow(power as u32)
                        .and_then(|p| p.checked_mul(d))
                        .and_then(|v| v.checked_add(w))
                });
            } else if d != 0 {
                fractional = true;
            }
        }
        let negative = sign == 0x4000;
        if !fractional
            && let Some(w) = whole
            && let Ok(i) = i64::try_from(if negative { -w } else { w })
        {
            return Ok(Numeric(ValueRef::Integer(i)));
        }
        Ok(Numeric(ValueRef::Real(if negative { -real } else { real })))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::NUMERIC
    }
}

/// Column `i` of a row as a `ValueRef`.
pub fn value(r: &tokio_postgres::Row, i: usize) -> Result<ValueRef<'_>> {
    let conv = |e: tokio_postgres::Error| Error::Conversion {
        index: i,
        message: e.to_string(),
    };
    let ty = r
        .columns()
        .get(i)
        .ok_or_else(|| Error::Conversion {
            index: i,
            message: format!("no column {i} (the row has {})", r.len()),
        })?
        .type_()
        .clone();
    let int = |v: Option<i64>| v.map_or(ValueRef::Null, ValueRef::Integer);
    Ok(if ty == Type::INT8 {
        int(r.try_get::<_, Option<i64>>(i).map_err(conv)?)
    } else if ty == Type::INT4 {
        int(r.try_get::<_, Option<i32>>(i).map_err(conv)?.map(i64::from))
    } else if ty == Type::INT2 {
        int(r.try_get::<_, Option<i16>>(i).map_err(conv)?.map(i64::from))
    } else if ty == Type::OID {
        int(r.try_get::<_, Option<u32>>(i).map_err(conv)?.map(i64::from))
    } else if ty == Type::BOOL {
        int(r
            .try_get::<_, Option<bool>>(i)
            .map_err(conv)?
            .map(i64::from))
    } else if ty == Type::FLOAT8 {
        r.try_get::<_, Option<f64>>(i)
            .map_err(conv)?
            .map_or(ValueRef::Null, ValueRef::Real)
    } else if ty == Type::FLOAT4 {
        r.try_get::<_, Option<f32>>(i)
            .map_err(conv)?
            .map_or(ValueRef::Null, |f| ValueRef::Real(f64::from(f)))
    } else if ty == Type::NUMERIC {
        r.try_get::<_, Option<Numeric>>(i)
            .map_err(conv)?
            .map_or(ValueRef::Null, |n| n.0)
    } else if ty == Type::BYTEA {
        r.try_get::<_, Option<&[u8]>>(i)
            .map_err(conv)?
            .map_or(ValueRef::Null, ValueRef::Blob)
    } else {
        // TEXT and its kin; anything else is a conversion error naming the type.
        r.try_get::<_, Option<&str>>(i)
            .map_err(conv)?
            .map_or(ValueRef::Null, ValueRef::Text)
    })
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn placeholders_become_dollar_numbers_outside_quotes() {
        assert_eq!(
            translate("SELECT ?1, '?', ? FROM t WHERE a = ?3 AND b = ?"),
            "SELECT $1, '?', $2 FROM t WHERE a = $3 AND b = $4"
        );
        assert_eq!(
            translate("SELECT group_concat(g.name, char(31)) FROM x WHERE n LIKE ?"),
            "SELECT string_agg(g.name, chr(31)) FROM x WHERE n ILIKE $1"
        );
        assert_eq!(
            translate("SELECT a FROM t ad INDEXED BY t_todo JOIN d NOT INDEXED WHERE x"),
            "SELECT a FROM t ad  JOIN d WHERE x"
        );
    }
}
