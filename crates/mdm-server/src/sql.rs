//! The storage seam: one connection type the whole server writes its SQL against, over
//! SQLite (the embedded default) and PostgreSQL (several replicas on one database).
//!
//! It keeps rusqlite's shape (`execute`, `query_row`, `prepare_cached`, `query_map`,
//! `params!`, `.optional()`), so a query reads the same whichever database runs it.
//! Values cross it as SQLite's five storage classes (`ValueRef`); the PostgreSQL side
//! maps them onto the column types its schema uses (BIGINT, TEXT, BYTEA, DOUBLE).
//! SQL is written in the dialect both understand (`ON CONFLICT`, `RETURNING`,
//! `COALESCE`, `?N` placeholders); the few SQLite spellings left are translated once
//! per statement text (`pg::translate`).

use std::fmt;

pub mod pg;

/// A value as SQL sees it, borrowed from the Rust value bound or the row read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// An owned `ValueRef`.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    pub fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}

impl<'a> ValueRef<'a> {
    pub fn to_owned(self) -> Value {
        match self {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(s) => Value::Text(s.to_string()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }

    pub fn as_str(&self) -> Result<&'a str> {
        match *self {
            ValueRef::Text(s) => Ok(s),
            v => Err(Error::Conversion {
                index: 0,
                message: wrong(v, "text"),
            }),
        }
    }

    pub fn as_bytes(&self) -> Result<&'a [u8]> {
        match *self {
            ValueRef::Text(s) => Ok(s.as_bytes()),
            ValueRef::Blob(b) => Ok(b),
            v => Err(Error::Conversion {
                index: 0,
                message: wrong(v, "text or a blob"),
            }),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ValueRef::Null => "NULL",
            ValueRef::Integer(_) => "an integer",
            ValueRef::Real(_) => "a real",
            ValueRef::Text(_) => "text",
            ValueRef::Blob(_) => "a blob",
        }
    }
}

/// Why a statement failed.
#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    Postgres(Box<tokio_postgres::Error>),
    /// `query_row` found no row (`.optional()` turns it into `None`).
    NoRows,
    /// A column held something the Rust type cannot take.
    Conversion {
        index: usize,
        message: String,
    },
    /// The database cannot be used as it is (cannot open, schema newer than this
    /// binary, wrong key): said once, plainly, at start.
    Unusable(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => write!(f, "{e}"),
            Error::Postgres(e) => match e.as_db_error() {
                Some(db) => write!(f, "{}: {}", db.severity(), db.message()),
                None if e.is_closed() => f.write_str("the connection to PostgreSQL is closed"),
                None => write!(f, "{e}"),
            },
            Error::NoRows => f.write_str("query returned no rows"),
            Error::Conversion { index, message } => write!(f, "column {index}: {message}"),
            Error::Unusable(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl Error {
    /// A uniqueness or primary-key violation (the row is there already).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::ConstraintViolation
            }
            Error::Postgres(e) => {
                e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION)
            }
            _ => false,
        }
    }

    /// The database could not be reached or dropped the connection: the request may be
    /// retried once it is back (nothing of it was committed).
    pub fn is_unavailable(&self) -> bool {
        match self {
            Error::Postgres(e) => {
                e.is_closed()
                    || e.as_db_error().is_none()
                    || e.code().is_some_and(|c| {
                        c.code().starts_with("08")
                            || c.code().starts_with("57P")
                            || *c == tokio_postgres::error::SqlState::CANNOT_CONNECT_NOW
                    })
            }
            _ => false,
        }
    }
}

/// `.optional()` on a `query_row`: no row is `Ok(None)`.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A Rust value bound as a statement parameter.
pub trait ToSql {
    fn to_sql(&self) -> ValueRef<'_>;
}

macro_rules! to_sql_int {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> ValueRef<'_> {
                ValueRef::Integer(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
to_sql_int!(i64, i32, i16, i8, u32, u16, u8, u64, usize, isize);

impl ToSql for bool {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Integer(i64::from(*self))
    }
}
impl ToSql for f64 {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Real(*self)
    }
}
impl ToSql for str {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}
impl ToSql for String {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}
impl ToSql for [u8] {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}
impl ToSql for Vec<u8> {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}
impl<const N: usize> ToSql for [u8; N] {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}
impl ToSql for Value {
    fn to_sql(&self) -> ValueRef<'_> {
        self.as_ref()
    }
}
impl ToSql for ValueRef<'_> {
    fn to_sql(&self) -> ValueRef<'_> {
        *self
    }
}
impl<T: ToSql> ToSql for Option<T> {
    fn to_sql(&self) -> ValueRef<'_> {
        match self {
            Some(v) => v.to_sql(),
            None => ValueRef::Null,
        }
    }
}
impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_sql(&self) -> ValueRef<'_> {
        (**self).to_sql()
    }
}
impl<T: ToSql + ?Sized> ToSql for Box<T> {
    fn to_sql(&self) -> ValueRef<'_> {
        (**self).to_sql()
    }
}
impl ToSql for std::borrow::Cow<'_, str> {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}

/// A Rust value read from a column.
pub trait FromSql: Sized {
    fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String>;
}

fn wrong(v: ValueRef<'_>, want: &str) -> String {
    format!("{} where {want} was expected", v.kind())
}

macro_rules! from_sql_int {
    ($($t:ty),*) => {$(
        impl FromSql for $t {
            fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String> {
                match v {
                    ValueRef::Integer(i) => <$t>::try_from(i)
                        .map_err(|_| format!("{i} is out of range for {}", stringify!($t))),
                    v => Err(wrong(v, "an integer")),
                }
            }
        }
    )*};
}
from_sql_int!(i64, i32, i16, i8, u32, u16, u8, u64, usize, isize);

impl FromSql for bool {
    fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Integer(i) => Ok(i != 0),
            v => Err(wrong(v, "an integer")),
        }
    }
}
impl FromSql for f64 {
    fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Real(f) => Ok(f),
            ValueRef::Integer(i) => Ok(i as f64),
            v => Err(wrong(v, "a number")),
        }
    }
}
impl FromSql for String {
    fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Text(s) => Ok(s.to_string()),
            v => Err(wrong(v, "text")),
        }
    }
}
impl FromSql for Vec<u8> {
    fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            ValueRef::Text(s) => Ok(s.as_bytes().to_vec()),
            v => Err(wrong(v, "a blob")),
        }
    }
}
impl<const N: usize> FromSql for [u8; N] {
    fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Blob(b) => b
                .try_into()
                .map_err(|_| format!("a blob of {} bytes where {N} were expected", b.len())),
            v => Err(wrong(v, "a blob")),
        }
    }
}
impl FromSql for Value {
    fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        Ok(v.to_owned())
    }
}
impl<T: FromSql> FromSql for Option<T> {
    fn from_sql(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_sql(v).map(Some),
        }
    }
}

/// A statement's parameters: `[]`, `[a, b]` (one type), a tuple, `params![..]` or a
/// slice of `&dyn ToSql`.
pub trait Params {
    fn values(&self) -> Vec<ValueRef<'_>>;
}

impl Params for [&dyn ToSql; 0] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        Vec::new()
    }
}
impl Params for &[&dyn ToSql] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(|v| v.to_sql()).collect()
    }
}
impl Params for &Vec<&dyn ToSql> {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(|v| v.to_sql()).collect()
    }
}
impl Params for () {
    fn values(&self) -> Vec<ValueRef<'_>> {
        Vec::new()
    }
}

macro_rules! params_array {
    ($($n:literal)*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(&self) -> Vec<ValueRef<'_>> {
                self.iter().map(|v| v.to_sql()).collect()
            }
        }
        impl<T: ToSql + ?Sized> Params for &[&T; $n] {
            fn values(&self) -> Vec<ValueRef<'_>> {
                self.iter().map(|v| v.to_sql()).collect()
            }
        }
    )*};
}
params_array!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32);

macro_rules! params_tuple {
    ($(($($t:ident $i:tt),+))*) => {$(
        impl<$($t: ToSql),+> Params for ($($t,)+) {
            fn values(&self) -> Vec<ValueRef<'_>> {
                vec![$(self.$i.to_sql()),+]
            }
        }
    )*};
}
params_tuple!(
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
);

/// Parameters of mixed types: `params![id, name, 3]`.
#[macro_export]
macro_rules! sql_params {
    () => {
        &[] as &[&dyn $crate::sql::ToSql]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::sql::ToSql),+] as &[&dyn $crate::sql::ToSql]
    };
}
pub use crate::sql_params as params;

/// A column position or name.
pub trait RowIndex {
    fn position(&self, row: &Row<'_>) -> Result<usize>;
}
impl RowIndex for usize {
    fn position(&self, _: &Row<'_>) -> Result<usize> {
        Ok(*self)
    }
}
impl RowIndex for &str {
    fn position(&self, row: &Row<'_>) -> Result<usize> {
        row.column_index(self)
    }
}

/// One row of a result.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    inner: RowRef<'a>,
}

#[derive(Clone, Copy)]
enum RowRef<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Pg(&'a tokio_postgres::Row),
}

impl<'a> Row<'a> {
    fn sqlite(r: &'a rusqlite::Row<'a>) -> Row<'a> {
        Row {
            inner: RowRef::Sqlite(r),
        }
    }

    /// The value of column `idx` as `T`.
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let i = idx.position(self)?;
        let v = self.value(i)?;
        T::from_sql(v).map_err(|message| Error::Conversion { index: i, message })
    }

    /// The raw value of column `i`.
    pub fn value(&self, i: usize) -> Result<ValueRef<'a>> {
        match self.inner {
            RowRef::Sqlite(r) => Ok(match r.get_ref(i)? {
                rusqlite::types::ValueRef::Null => ValueRef::Null,
                rusqlite::types::ValueRef::Integer(i) => ValueRef::Integer(i),
                rusqlite::types::ValueRef::Real(f) => ValueRef::Real(f),
                rusqlite::types::ValueRef::Text(t) => {
                    ValueRef::Text(std::str::from_utf8(t).map_err(|e| Error::Conversion {
                        index: i,
                        message: format!("text that is not UTF-8 ({e})"),
                    })?)
                }
                rusqlite::types::ValueRef::Blob(b) => ValueRef::Blob(b),
            }),
            RowRef::Pg(r) => pg::value(r, i),
        }
    }

    /// `value`, under rusqlite's name.
    pub fn get_ref(&self, i: usize) -> Result<ValueRef<'a>> {
        self.value(i)
    }

    fn column_index(&self, name: &str) -> Result<usize> {
        match self.inner {
            RowRef::Sqlite(r) => Ok(r.as_ref().column_index(name)?),
            RowRef::Pg(r) => r
                .columns()
                .iter()
                .position(|c| c.name() == name)
                .ok_or_else(|| Error::Conversion {
                    index: 0,
                    message: format!("no column named {name:?}"),
                }),
        }
    }
}

/// Binds a `ValueRef` into rusqlite without copying.
struct Bind<'a>(ValueRef<'a>);

impl rusqlite::ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef as R};
        Ok(ToSqlOutput::Borrowed(match self.0 {
            ValueRef::Null => R::Null,
            ValueRef::Integer(i) => R::Integer(i),
            ValueRef::Real(f) => R::Real(f),
            ValueRef::Text(s) => R::Text(s.as_bytes()),
            ValueRef::Blob(b) => R::Blob(b),
        }))
    }
}

fn binds<'a>(v: &'a [ValueRef<'a>]) -> rusqlite::ParamsFromIter<impl Iterator<Item = Bind<'a>>> {
    rusqlite::params_from_iter(v.iter().map(|v| Bind(*v)))
}

/// A connection to the gateway's database (inside a transaction when `Db::write` hands
/// it out).
pub struct Connection {
    inner: ConnInner,
}

enum ConnInner {
    Sqlite(rusqlite::Connection),
    Postgres(pg::Conn),
}

impl Connection {
    pub fn from_sqlite(c: rusqlite::Connection) -> Connection {
        Connection {
            inner: ConnInner::Sqlite(c),
        }
    }

    pub fn from_postgres(c: pg::Conn) -> Connection {
        Connection {
            inner: ConnInner::Postgres(c),
        }
    }

    /// The SQLite connection underneath, for what only SQLite has (pragmas, WAL).
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            ConnInner::Sqlite(c) => Some(c),
            ConnInner::Postgres(_) => None,
        }
    }

    /// The connection cannot be used any more (PostgreSQL restarted or went away).
    pub fn is_closed(&self) -> bool {
        match &self.inner {
            ConnInner::Sqlite(_) => false,
            ConnInner::Postgres(c) => c.is_closed(),
        }
    }

    /// Opens a write transaction that no other writer, on this replica or another,
    /// runs beside: SQLite's `BEGIN IMMEDIATE`; on PostgreSQL a transaction holding the
    /// gateway's advisory lock, so writes from every replica are serialised exactly as
    /// SQLite's one writer serialises them (one audit chain, one TOTP use, one budget).
    pub fn begin_write(&self) -> Result<()> {
        match &self.inner {
            ConnInner::Sqlite(c) => Ok(c.execute_batch("BEGIN IMMEDIATE")?),
            ConnInner::Postgres(c) => {
                // One round trip for both (the write lock is held from here to COMMIT).
                if let Err(e) = c.batch(&format!(
                    "BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
                )) {
                    let _ = c.batch("ROLLBACK");
                    return Err(e);
                }
                Ok(())
            }
        }
    }

    /// The database file (SQLite; `None` in memory), or PostgreSQL's URL without the
    /// password: which TOTP key is this database's (`seedbox`).
    pub fn path(&self) -> Option<&str> {
        match &self.inner {
            ConnInner::Sqlite(c) => c.path(),
            ConnInner::Postgres(c) => Some(c.shown()),
        }
    }

    /// Which database this is: `"sqlite"` or `"postgres"`.
    pub fn engine(&self) -> &'static str {
        match &self.inner {
            ConnInner::Sqlite(_) => "sqlite",
            ConnInner::Postgres(_) => "postgres",
        }
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    pub fn query_row<P: Params, T, F: FnOnce(&Row<'_>) -> Result<T>>(
        &self,
        sql: &str,
        params: P,
        f: F,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.inner {
            ConnInner::Sqlite(c) => Ok(Statement {
                inner: StmtInner::Sqlite(Box::new(c.prepare(sql)?)),
            }),
            ConnInner::Postgres(c) => Ok(Statement {
                inner: StmtInner::Pg(c, c.statement(sql, false)?),
            }),
        }
    }

    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.inner {
            ConnInner::Sqlite(c) => Ok(Statement {
                inner: StmtInner::SqliteCached(c.prepare_cached(sql)?),
            }),
            ConnInner::Postgres(c) => Ok(Statement {
                inner: StmtInner::Pg(c, c.statement(sql, true)?),
            }),
        }
    }

    /// Runs statements separated by `;`, without parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            ConnInner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            ConnInner::Postgres(c) => c.batch(sql),
        }
    }

    /// PostgreSQL: fresh planner statistics for `table` after it grew a lot in one go
    /// (a fan-out, a seeded fleet). Until autovacuum gets to it, the planner sizes the
    /// table as it was: a cached plan made for a few rows scanned 100,000 of them for
    /// each claim of 250 devices (0.4 s under the write lock). SQLite: nothing to do.
    pub fn refresh_statistics(&self, table: &str) -> Result<()> {
        match &self.inner {
            ConnInner::Sqlite(_) => Ok(()),
            ConnInner::Postgres(c) => c.batch(&format!("ANALYZE {table}")),
        }
    }

    /// Runs `sql`, whose `{ids}` stands inside `IN (…)`, for `ids` (each once, however
    /// often given), `IDS_PER_STATEMENT` at a time after the `fixed` parameters; returns
    /// the rows changed. One statement
    /// per chunk instead of one per row: on PostgreSQL each is a round trip taken while
    /// the write lock is held.
    pub fn execute_for_ids(&self, sql: &str, fixed: &[&dyn ToSql], ids: &[i64]) -> Result<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        let ids = unique(ids);
        let mut stmt = self.prepare_cached(&id_slots(sql, fixed.len()))?;
        let mut n = 0;
        for chunk in ids.chunks(IDS_PER_STATEMENT) {
            n += stmt.execute(id_args(fixed, chunk).as_slice())?;
        }
        Ok(n)
    }

    /// `execute_for_ids` for a query (or a statement with `RETURNING`): every chunk's rows.
    pub fn query_for_ids<T>(
        &self,
        sql: &str,
        fixed: &[&dyn ToSql],
        ids: &[i64],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let ids = unique(ids);
        let mut stmt = self.prepare_cached(&id_slots(sql, fixed.len()))?;
        for chunk in ids.chunks(IDS_PER_STATEMENT) {
            let mut rows = stmt.query(id_args(fixed, chunk).as_slice())?;
            while let Some(r) = rows.next()? {
                out.push(f(&r)?);
            }
        }
        Ok(out)
    }
}

/// `VALUES (?1, ?2), (?3, ?4)…`: `rows` rows of `cols` placeholders, for a
/// multi-row INSERT (one round trip for many rows).
pub fn value_rows(rows: usize, cols: usize) -> String {
    let rows: Vec<String> = (0..rows)
        .map(|r| {
            let slots: Vec<String> = (1..=cols).map(|c| format!("?{}", r * cols + c)).collect();
            format!("({})", slots.join(", "))
        })
        .collect();
    format!("VALUES {}", rows.join(", "))
}

/// Ids per statement of `Connection::execute_for_ids` and `query_for_ids`.
pub const IDS_PER_STATEMENT: usize = 250;

/// `sql` with `{ids}` replaced by `IDS_PER_STATEMENT` placeholders numbered after the
/// `fixed` ones: one text, so one cached statement, for every chunk.
fn id_slots(sql: &str, fixed: usize) -> String {
    let slots: Vec<String> = (fixed + 1..=fixed + IDS_PER_STATEMENT)
        .map(|i| format!("?{i}"))
        .collect();
    sql.replacen("{ids}", &slots.join(", "), 1)
}

/// The ids sorted, each once: an id in two chunks would change its row twice.
fn unique(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The fixed parameters and one chunk of ids, a short chunk padded with its last id
/// (an id twice in `IN (…)` selects its row once).
fn id_args<'a>(fixed: &[&'a dyn ToSql], chunk: &'a [i64]) -> Vec<&'a dyn ToSql> {
    let mut args: Vec<&dyn ToSql> = Vec::with_capacity(fixed.len() + IDS_PER_STATEMENT);
    args.extend_from_slice(fixed);
    args.extend(chunk.iter().map(|id| id as &dyn ToSql));
    let last = chunk.last().expect("chunks are never empty");
    args.resize(fixed.len() + IDS_PER_STATEMENT, last);
    args
}

/// The key of the advisory lock every write transaction on PostgreSQL holds
/// (`Connection::begin_write`): "mdm" and a version, as one BIGINT.
pub const WRITE_LOCK: i64 = 0x6d_646d_0001;

/// A prepared statement.
pub struct Statement<'c> {
    inner: StmtInner<'c>,
}

enum StmtInner<'c> {
    Sqlite(Box<rusqlite::Statement<'c>>),
    SqliteCached(rusqlite::CachedStatement<'c>),
    Pg(&'c pg::Conn, tokio_postgres::Statement),
}

impl<'c> Statement<'c> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        let v = params.values();
        match &mut self.inner {
            StmtInner::Sqlite(s) => Ok(s.execute(binds(&v))?),
            StmtInner::SqliteCached(s) => Ok(s.execute(binds(&v))?),
            StmtInner::Pg(c, s) => c.execute(s, &v),
        }
    }

    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        let v = params.values();
        let inner = match &mut self.inner {
            StmtInner::Sqlite(s) => RowsInner::Sqlite(s.query(binds(&v))?),
            StmtInner::SqliteCached(s) => RowsInner::Sqlite(s.query(binds(&v))?),
            StmtInner::Pg(c, s) => RowsInner::Pg(c.query(s, &v)?.into_iter(), None),
        };
        Ok(Rows { inner })
    }

    pub fn query_row<P: Params, T, F: FnOnce(&Row<'_>) -> Result<T>>(
        &mut self,
        params: P,
        f: F,
    ) -> Result<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(r) => f(&r),
            None => Err(Error::NoRows),
        }
    }

    pub fn query_map<P: Params, T, F: FnMut(&Row<'_>) -> Result<T>>(
        &mut self,
        params: P,
        f: F,
    ) -> Result<MappedRows<'_, F>> {
        Ok(MappedRows {
            rows: self.query(params)?,
            f,
        })
    }

    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(self.query(params)?.next()?.is_some())
    }
}

/// The rows of a query, read one at a time.
pub struct Rows<'s> {
    inner: RowsInner<'s>,
}

enum RowsInner<'s> {
    Sqlite(rusqlite::Rows<'s>),
    /// All rows are read at once; the current one is kept for the `Row` handed out.
    Pg(
        std::vec::IntoIter<tokio_postgres::Row>,
        Option<tokio_postgres::Row>,
    ),
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match &mut self.inner {
            RowsInner::Sqlite(r) => Ok(r.next()?.map(Row::sqlite)),
            RowsInner::Pg(rest, current) => {
                *current = rest.next();
                Ok(current.as_ref().map(|r| Row {
                    inner: RowRef::Pg(r),
                }))
            }
        }
    }
}

/// `query_map`'s iterator.
pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    f: F,
}

impl<T, F: FnMut(&Row<'_>) -> Result<T>> Iterator for MappedRows<'_, F> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(r)) => Some((self.f)(&r)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}
