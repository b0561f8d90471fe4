//! The database connection behind every layer: SQLite (embedded, the
//! default) or PostgreSQL (`postgres://…`), behind one small API shaped like
//! `rusqlite`'s (`execute`, `query_row`, `prepare`, `Row::get`, `params!`,
//! `optional()`), so that the store, the dataset layer and the server write
//! their SQL once.
//!
//! SQL is written in SQLite's dialect, restricted to what both servers
//! understand, and sent to SQLite unchanged (so SQLite's behaviour is exactly
//! what it was). For PostgreSQL, [`pg_sql`] rewrites the few differences
//! mechanically: `?N` placeholders become `$N`, `INSERT OR IGNORE` becomes
//! `ON CONFLICT DO NOTHING`, the column name `end` (reserved in PostgreSQL)
//! is quoted, `LIKE` becomes `ILIKE` (SQLite's `LIKE` ignores ASCII case),
//! and `BEGIN IMMEDIATE` (SQLite's "take the write lock now") becomes a
//! transaction holding one advisory lock, so writers serialise exactly as
//! they do on SQLite. Everything that cannot be rewritten this way (the
//! full-text index, `PRAGMA`s, sizes) branches on [`Connection::is_pg`] at
//! its call site.
//!
//! Values travel as [`Value`] (SQLite's five storage classes). On
//! PostgreSQL a parameter is converted to whatever type the server inferred
//! for it (an integer bound to a `text` column is written as its decimal
//! string, as SQLite's column affinity does), and any result column of a
//! numeric, text, boolean or byte type is read back as a [`Value`].
//! Statements are prepared once per connection and cached (both back ends).
//! Results are read whole before the caller sees the first row, so a caller
//! may run other statements while it walks them (on either back end).
//!
//! PostgreSQL connections are reused: the server opens a store per request,
//! and a new connection (a forked backend, authentication, a fresh statement
//! cache) cost more than most requests. A connection dropped outside a
//! transaction is reset with `DISCARD ALL` (session settings, prepared
//! statements, temporary tables and session locks) and kept in a small
//! per-process idle list ([`IDLE_MAX`] per URL, `MARSAD_PG_IDLE`, 0 = never
//! keep one; four times that in all, the oldest closed first); one dropped
//! inside a transaction, or whose reset fails, is closed.
//! A kept connection is checked alive before it is handed out again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Errors of the database layer.
#[derive(Debug)]
pub enum Error {
    /// `query_row` found no row (see [`OptionalExtension`]).
    QueryReturnedNoRows,
    Sqlite(rusqlite::Error),
    Pg(postgres::Error),
    /// A value could not be read as the requested Rust type, or written as
    /// the column's type.
    Conversion(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::QueryReturnedNoRows => f.write_str("query returned no rows"),
            Error::Sqlite(e) => write!(f, "{e}"),
            Error::Pg(e) => match e.as_db_error() {
                Some(d) => write!(f, "PostgreSQL: {}{}", d.message(), d.detail().map(|x| format!(" ({x})")).unwrap_or_default()),
                None => write!(f, "PostgreSQL: {e}"),
            },
            Error::Conversion(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::QueryReturnedNoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Pg(e)
    }
}

impl Error {
    /// The SQLSTATE of a PostgreSQL error (`40001` serialization failure…).
    pub fn pg_code(&self) -> Option<&str> {
        match self {
            Error::Pg(e) => e.code().map(|c| c.code()),
            _ => None,
        }
    }
}

/// `query_row(…).optional()`: no row is `None`, not an error.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A value: SQLite's storage classes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

macro_rules! value_from {
    ($($t:ty => $e:expr),* $(,)?) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                #[allow(clippy::redundant_closure_call)]
                ($e)(v)
            }
        }
    )*};
}
value_from!(
    i64 => Value::Integer,
    i32 => |v| Value::Integer(i64::from(v)),
    u32 => |v| Value::Integer(i64::from(v)),
    bool => |v| Value::Integer(i64::from(v)),
    f64 => Value::Real,
    f32 => |v| Value::Real(f64::from(v)),
    String => Value::Text,
    &str => |v: &str| Value::Text(v.to_string()),
    Vec<u8> => Value::Blob,
);
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// Something that can be bound as a parameter.
pub trait ToSql {
    fn to_value(&self) -> Value;
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}
impl<T: ToSql> ToSql for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToSql::to_value)
    }
}
impl<T: ToSql + ?Sized> ToSql for Box<T> {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}
impl ToSql for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}
impl ToSql for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}
impl ToSql for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}
impl ToSql for std::borrow::Cow<'_, str> {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}
impl ToSql for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}
impl ToSql for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}
impl ToSql for bool {
    fn to_value(&self) -> Value {
        Value::Integer(i64::from(*self))
    }
}
macro_rules! int_to_sql {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_value(&self) -> Value {
                Value::Integer(*self as i64)
            }
        }
    )*};
}
int_to_sql!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);
impl ToSql for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}
impl ToSql for f32 {
    fn to_value(&self) -> Value {
        Value::Real(f64::from(*self))
    }
}

/// Parameters of a statement: `params![…]`, an array (`[id]`), `[]`, or
/// [`params_from_iter`].
pub trait Params {
    fn values(self) -> Vec<Value>;
}

impl Params for &[&dyn ToSql] {
    fn values(self) -> Vec<Value> {
        self.iter().map(|p| p.to_value()).collect()
    }
}
impl Params for [&(dyn ToSql + Send + Sync); 0] {
    fn values(self) -> Vec<Value> {
        Vec::new()
    }
}
macro_rules! array_params {
    ($($n:literal),*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(self) -> Vec<Value> {
                self.iter().map(ToSql::to_value).collect()
            }
        }
        impl<T: ToSql> Params for &[T; $n] {
            fn values(self) -> Vec<Value> {
                self.iter().map(ToSql::to_value).collect()
            }
        }
    )*};
}
array_params!(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 48, 49, 50);

/// Parameters from an iterator (a list built at run time).
pub struct ParamsFromIter(Vec<Value>);

pub fn params_from_iter<I>(it: I) -> ParamsFromIter
where
    I: IntoIterator,
    I::Item: ToSql,
{
    ParamsFromIter(it.into_iter().map(|v| v.to_value()).collect())
}

impl Params for ParamsFromIter {
    fn values(self) -> Vec<Value> {
        self.0
    }
}

/// `params![a, b, …]`: a parameter list of mixed types.
#[macro_export]
#[doc(hidden)]
macro_rules! __db_params {
    () => {
        &[] as &[&dyn $crate::db::ToSql]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::db::ToSql),+] as &[&dyn $crate::db::ToSql]
    };
}
pub use crate::__db_params as params;

/// A value read back as a Rust type.
pub trait FromSql: Sized {
    fn from_value(v: &Value) -> Result<Self>;
}

fn conv_err<T>(v: &Value, want: &str) -> Result<T> {
    Err(Error::Conversion(format!("cannot read {v:?} as {want}")))
}

impl FromSql for Value {
    fn from_value(v: &Value) -> Result<Self> {
        Ok(v.clone())
    }
}
impl<T: FromSql> FromSql for Option<T> {
    fn from_value(v: &Value) -> Result<Self> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}
impl FromSql for String {
    fn from_value(v: &Value) -> Result<Self> {
        match v {
            Value::Text(s) => Ok(s.clone()),
            v => conv_err(v, "text"),
        }
    }
}
impl FromSql for Vec<u8> {
    fn from_value(v: &Value) -> Result<Self> {
        match v {
            Value::Blob(b) => Ok(b.clone()),
            Value::Text(s) => Ok(s.as_bytes().to_vec()),
            v => conv_err(v, "bytes"),
        }
    }
}
impl FromSql for f64 {
    fn from_value(v: &Value) -> Result<Self> {
        match v {
            Value::Real(x) => Ok(*x),
            Value::Integer(i) => Ok(*i as f64),
            v => conv_err(v, "a real number"),
        }
    }
}
impl FromSql for f32 {
    fn from_value(v: &Value) -> Result<Self> {
        f64::from_value(v).map(|x| x as f32)
    }
}
impl FromSql for bool {
    fn from_value(v: &Value) -> Result<Self> {
        match v {
            Value::Integer(i) => Ok(*i != 0),
            v => conv_err(v, "a boolean"),
        }
    }
}
macro_rules! int_from_sql {
    ($($t:ty),*) => {$(
        impl FromSql for $t {
            fn from_value(v: &Value) -> Result<Self> {
                match v {
                    Value::Integer(i) => <$t>::try_from(*i).or_else(|_| conv_err(v, stringify!($t))),
                    v => conv_err(v, stringify!($t)),
                }
            }
        }
    )*};
}
int_from_sql!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

/// A column index: a number or a column name.
pub trait RowIndex {
    fn idx(&self, names: &[String]) -> Result<usize>;
}
impl RowIndex for usize {
    fn idx(&self, names: &[String]) -> Result<usize> {
        if *self < names.len() {
            Ok(*self)
        } else {
            Err(Error::Conversion(format!("no column {self} (the row has {})", names.len())))
        }
    }
}
impl RowIndex for &str {
    fn idx(&self, names: &[String]) -> Result<usize> {
        names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(self))
            .ok_or_else(|| Error::Conversion(format!("no column named {self}")))
    }
}

/// One result row.
#[derive(Debug, Clone)]
pub struct Row {
    vals: Vec<Value>,
    names: Arc<Vec<String>>,
}

impl Row {
    pub fn get<I: RowIndex, T: FromSql>(&self, i: I) -> Result<T> {
        let i = i.idx(&self.names)?;
        T::from_value(&self.vals[i]).map_err(|e| match e {
            Error::Conversion(m) => Error::Conversion(format!("column {} ({}): {m}", i, self.names[i])),
            e => e,
        })
    }
    pub fn get_value(&self, i: usize) -> &Value {
        &self.vals[i]
    }
    pub fn len(&self) -> usize {
        self.vals.len()
    }
    pub fn is_empty(&self) -> bool {
        self.vals.is_empty()
    }
}

/// Rows of a query, read whole; walk them with `next()`.
pub struct Rows {
    rows: std::vec::IntoIter<Row>,
    cur: Option<Row>,
}

impl Rows {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<&Row>> {
        self.cur = self.rows.next();
        Ok(self.cur.as_ref())
    }
}

/// The back end a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How many idle PostgreSQL connections a process keeps per URL by default
/// (`MARSAD_PG_IDLE` overrides; 0 keeps none).
pub const IDLE_MAX: usize = 8;

/// Idle connections, with the URL each was opened with (a URL may carry a
/// schema through `options`, so only the same URL may take it back).
static IDLE: Mutex<Vec<(String, postgres::Client)>> = Mutex::new(Vec::new());

fn idle_max() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| std::env::var("MARSAD_PG_IDLE").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(IDLE_MAX))
}

/// An idle connection to `url` that still answers, if one is kept.
fn take_idle(url: &str) -> Option<postgres::Client> {
    loop {
        let mut c = {
            let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
            let i = idle.iter().rposition(|(u, _)| u == url)?;
            idle.swap_remove(i).1
        };
        if !c.is_closed() && c.is_valid(Duration::from_secs(5)).is_ok() {
            return Some(c);
        }
    }
}

/// A PostgreSQL connection with its statement cache.
pub struct PgConn {
    /// Always `Some` until the connection is dropped (then it may go back
    /// to the idle list).
    client: RefCell<Option<postgres::Client>>,
    url: String,
    stmts: RefCell<HashMap<String, postgres::Statement>>,
    /// Depth of open transactions (BEGIN … COMMIT), to answer
    /// `is_autocommit`.
    in_tx: std::cell::Cell<bool>,
}

/// A connection to either back end.
pub enum Connection {
    Sqlite(rusqlite::Connection),
    Pg(PgConn),
}

/// Is `s` a PostgreSQL connection string (`postgres://…`, `postgresql://…`)?
pub fn is_pg_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// A connection string with its password hidden, for messages.
pub fn redact(url: &str) -> String {
    // postgres://user:secret@host → postgres://user:***@host
    if let Some(scheme_end) = url.find("://") {
        let rest = &url[scheme_end + 3..];
        if let Some(at) = rest.find('@') {
            let cred = &rest[..at];
            if let Some(colon) = cred.find(':') {
                return format!("{}{}:***{}", &url[..scheme_end + 3], &cred[..colon], &rest[at..]);
            }
        }
    }
    url.to_string()
}

impl Connection {
    /// Connect to a PostgreSQL server (no TLS: a server on this machine or a
    /// trusted network; see the README).
    pub fn connect_pg(url: &str) -> Result<Connection> {
        let client = match take_idle(url) {
            Some(c) => c,
            None => postgres::Client::connect(url, postgres::NoTls)?,
        };
        Ok(Connection::Pg(PgConn {
            client: RefCell::new(Some(client)),
            url: url.to_string(),
            stmts: RefCell::new(HashMap::new()),
            in_tx: std::cell::Cell::new(false),
        }))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Connection::Sqlite(_) => Backend::Sqlite,
            Connection::Pg(_) => Backend::Postgres,
        }
    }

    pub fn is_pg(&self) -> bool {
        matches!(self, Connection::Pg(_))
    }

    /// The SQLite connection (for SQLite-only maintenance), if this is one.
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Connection::Sqlite(c) => Some(c),
            Connection::Pg(_) => None,
        }
    }

    /// Run one statement; returns the number of rows changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        let vals = params.values();
        match self {
            Connection::Sqlite(c) => Ok(c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(vals.iter().map(to_rusqlite)))?),
            Connection::Pg(p) => p.execute(sql, &vals),
        }
    }

    /// Run several statements without parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Connection::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Connection::Pg(p) => p.batch(sql),
        }
    }

    /// The first row of a query, mapped; [`Error::QueryReturnedNoRows`]
    /// when there is none.
    pub fn query_row<T, P: Params, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        F: FnOnce(&Row) -> Result<T>,
    {
        let rows = self.query_all(sql, params.values())?;
        match rows.first() {
            Some(r) => f(r),
            None => Err(Error::QueryReturnedNoRows),
        }
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement { conn: self, sql: sql.to_string() })
    }

    /// Same as [`Connection::prepare`]: every statement is cached.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare(sql)
    }

    /// The rowid of the last insert (SQLite only: on PostgreSQL use
    /// [`Connection::insert_returning`]).
    pub fn last_insert_rowid(&self) -> i64 {
        match self {
            Connection::Sqlite(c) => c.last_insert_rowid(),
            Connection::Pg(_) => panic!("last_insert_rowid on PostgreSQL: use insert_returning"),
        }
    }

    /// Run an `INSERT` and return the generated key `col` of the new row
    /// (`RETURNING` on PostgreSQL, the rowid on SQLite, where `col` must be
    /// the table's `INTEGER PRIMARY KEY`).
    pub fn insert_returning<P: Params>(&self, sql: &str, col: &str, params: P) -> Result<i64> {
        match self {
            Connection::Sqlite(c) => {
                c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params.values().iter().map(to_rusqlite)))?;
                Ok(c.last_insert_rowid())
            }
            Connection::Pg(_) => {
                let sql = format!("{} RETURNING {col}", sql.trim_end().trim_end_matches(';'));
                self.query_row(&sql, params, |r| r.get(0))
            }
        }
    }

    /// True when no transaction is open.
    pub fn is_autocommit(&self) -> bool {
        match self {
            Connection::Sqlite(c) => c.is_autocommit(),
            Connection::Pg(p) => !p.in_tx.get(),
        }
    }

    /// Start a (deferred) transaction; it rolls back when dropped without
    /// [`Transaction::commit`].
    pub fn transaction(&mut self) -> Result<Transaction<'_>> {
        self.execute_batch("BEGIN")?;
        Ok(Transaction { conn: self, done: false })
    }

    fn query_all(&self, sql: &str, vals: Vec<Value>) -> Result<Vec<Row>> {
        match self {
            Connection::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let names: Arc<Vec<String>> = Arc::new(st.column_names().iter().map(|s| s.to_string()).collect());
                let n = names.len();
                let mut rows = st.query(rusqlite::params_from_iter(vals.iter().map(to_rusqlite)))?;
                let mut out = Vec::new();
                let _ = n;
                while let Some(r) = rows.next()? {
                    out.push(sqlite_row(r, &names)?);
                }
                Ok(out)
            }
            Connection::Pg(p) => p.query(sql, &vals),
        }
    }
}

/// A transaction from [`Connection::transaction`].
pub struct Transaction<'c> {
    conn: &'c Connection,
    done: bool,
}

impl Transaction<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.execute_batch("COMMIT")
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// A statement (prepared on first use, cached by the connection).
pub struct Statement<'c> {
    conn: &'c Connection,
    sql: String,
}

impl Statement<'_> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        self.conn.execute(&self.sql, params)
    }
    pub fn query_row<T, P: Params, F: FnOnce(&Row) -> Result<T>>(&mut self, params: P, f: F) -> Result<T> {
        self.conn.query_row(&self.sql, params, f)
    }
    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows> {
        Ok(Rows { rows: self.conn.query_all(&self.sql, params.values())?.into_iter(), cur: None })
    }
    /// Each row mapped by `f` (all rows are read first).
    pub fn query_map<T, P: Params, F: FnMut(&Row) -> Result<T>>(
        &mut self,
        params: P,
        mut f: F,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let rows = self.conn.query_all(&self.sql, params.values())?;
        Ok(rows.iter().map(&mut f).collect::<Vec<_>>().into_iter())
    }
    /// Call `f` on each row as it is read (SQLite streams: the rows are not
    /// held in memory, and `f` may run other statements on the connection;
    /// PostgreSQL reads them whole first). Stops at the first error.
    pub fn query_each<P: Params, E: From<Error>>(
        &mut self,
        params: P,
        mut f: impl FnMut(&Row) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        match self.conn {
            Connection::Sqlite(c) => {
                let mut st = c.prepare(&self.sql).map_err(Error::from)?;
                let names: Arc<Vec<String>> = Arc::new(st.column_names().iter().map(|s| s.to_string()).collect());
                let vals = params.values();
                let mut rows = st.query(rusqlite::params_from_iter(vals.iter().map(to_rusqlite))).map_err(Error::from)?;
                while let Some(r) = rows.next().map_err(Error::from)? {
                    f(&sqlite_row(r, &names).map_err(Error::from)?)?;
                }
                Ok(())
            }
            Connection::Pg(_) => {
                for r in self.conn.query_all(&self.sql, params.values())? {
                    f(&r)?;
                }
                Ok(())
            }
        }
    }

    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(!self.conn.query_all(&self.sql, params.values())?.is_empty())
    }
}

fn sqlite_row(r: &rusqlite::Row, names: &Arc<Vec<String>>) -> rusqlite::Result<Row> {
    let mut v = Vec::with_capacity(names.len());
    for i in 0..names.len() {
        v.push(match r.get_ref(i)? {
            rusqlite::types::ValueRef::Null => Value::Null,
            rusqlite::types::ValueRef::Integer(i) => Value::Integer(i),
            rusqlite::types::ValueRef::Real(x) => Value::Real(x),
            rusqlite::types::ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            rusqlite::types::ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        });
    }
    Ok(Row { vals: v, names: names.clone() })
}

fn to_rusqlite(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Integer(i) => V::Integer(*i),
        Value::Real(x) => V::Real(*x),
        Value::Text(s) => V::Text(s.clone()),
        Value::Blob(b) => V::Blob(b.clone()),
    }
}

/// The advisory lock a PostgreSQL writer takes (`BEGIN IMMEDIATE`).
pub const PG_WRITE_LOCK: i64 = 0x6d61_7273_6164; // "marsad"

/// Rewrite SQLite-dialect SQL for PostgreSQL (see the module docs).
pub fn pg_sql(sql: &str) -> String {
    let trimmed = sql.trim();
    if trimmed.eq_ignore_ascii_case("BEGIN IMMEDIATE") {
        return format!("BEGIN; SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})");
    }
    let mut out = String::with_capacity(sql.len() + 16);
    let cs: Vec<char> = sql.chars().collect();
    let mut i = 0;
    let mut next_param = 1;
    let mut or_ignore = false;
    while i < cs.len() {
        let c = cs[i];
        if c == '\'' || c == '"' {
            // a literal or quoted identifier: copied as is
            let q = c;
            out.push(c);
            i += 1;
            while i < cs.len() {
                out.push(cs[i]);
                if cs[i] == q {
                    if i + 1 < cs.len() && cs[i + 1] == q {
                        out.push(q);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
            continue;
        }
        if c == '?' {
            let mut j = i + 1;
            while j < cs.len() && cs[j].is_ascii_digit() {
                j += 1;
            }
            if j > i + 1 {
                out.push('$');
                out.extend(&cs[i + 1..j]);
            } else {
                out.push_str(&format!("${next_param}"));
                next_param += 1;
            }
            i = j;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut j = i;
            while j < cs.len() && (cs[j].is_ascii_alphanumeric() || cs[j] == '_') {
                j += 1;
            }
            let word: String = cs[i..j].iter().collect();
            let prev_dot = i > 0 && cs[i - 1] == '.';
            if word == "end" {
                // the column (SQL's keyword END is written in capitals)
                out.push_str("\"end\"");
            } else if !prev_dot && (word == "LIKE" || word == "like") {
                out.push_str("ILIKE");
            } else if word.eq_ignore_ascii_case("INSERT") && upcoming_words(&cs, j, &["OR", "IGNORE"]).is_some() {
                let k = upcoming_words(&cs, j, &["OR", "IGNORE"]).unwrap_or(j);
                out.push_str("INSERT");
                or_ignore = true;
                j = k;
            } else {
                out.push_str(&word);
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    if or_ignore {
        let t = out.trim_end().trim_end_matches(';').to_string();
        out = format!("{t} ON CONFLICT DO NOTHING");
    }
    out
}

/// If the words `ws` follow position `j` (after whitespace), the position
/// after the last one.
fn upcoming_words(cs: &[char], mut j: usize, ws: &[&str]) -> Option<usize> {
    for w in ws {
        while j < cs.len() && cs[j].is_whitespace() {
            j += 1;
        }
        let k = j + w.len();
        if k > cs.len() {
            return None;
        }
        let got: String = cs[j..k].iter().collect();
        if !got.eq_ignore_ascii_case(w) || (k < cs.len() && (cs[k].is_ascii_alphanumeric() || cs[k] == '_')) {
            return None;
        }
        j = k;
    }
    Some(j)
}

impl Drop for PgConn {
    fn drop(&mut self) {
        let Some(mut c) = self.client.get_mut().take() else { return };
        if self.in_tx.get() || c.is_closed() {
            return;
        }
        let max = idle_max();
        // close this connection's statements before the reset drops them all
        self.stmts.get_mut().clear();
        if max == 0 || c.batch_execute("DISCARD ALL").is_err() {
            return;
        }
        let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
        if idle.iter().filter(|(u, _)| *u == self.url).count() >= max {
            return;
        }
        // several URLs (schemas) in one process: the oldest idle one goes
        if idle.len() >= 4 * max {
            idle.remove(0);
        }
        idle.push((std::mem::take(&mut self.url), c));
    }
}

impl PgConn {
    /// The client (present for the connection's whole life).
    fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        std::cell::RefMut::map(self.client.borrow_mut(), |c| c.as_mut().expect("a live connection has its client"))
    }

    fn stmt(&self, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.stmts.borrow().get(sql) {
            return Ok(s.clone());
        }
        let st = self.client().prepare(&pg_sql(sql))?;
        self.stmts.borrow_mut().insert(sql.to_string(), st.clone());
        Ok(st)
    }

    fn execute(&self, sql: &str, vals: &[Value]) -> Result<usize> {
        let st = self.stmt(sql)?;
        let ps: Vec<PgIn> = vals.iter().map(PgIn).collect();
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = ps.iter().map(|p| p as _).collect();
        Ok(self.client().execute(&st, &refs)? as usize)
    }

    fn query(&self, sql: &str, vals: &[Value]) -> Result<Vec<Row>> {
        let st = self.stmt(sql)?;
        let ps: Vec<PgIn> = vals.iter().map(PgIn).collect();
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = ps.iter().map(|p| p as _).collect();
        let rows = self.client().query(&st, &refs)?;
        let names: Arc<Vec<String>> = Arc::new(st.columns().iter().map(|c| c.name().to_string()).collect());
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let mut v = Vec::with_capacity(names.len());
            for i in 0..names.len() {
                v.push(r.try_get::<_, PgOut>(i)?.0);
            }
            out.push(Row { vals: v, names: names.clone() });
        }
        Ok(out)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        let t = sql.trim().trim_end_matches(';').trim().to_ascii_uppercase();
        let r = self.client().batch_execute(&pg_sql(sql));
        if r.is_ok() {
            if t.starts_with("BEGIN") {
                self.in_tx.set(true);
            } else if t == "COMMIT" || t == "ROLLBACK" || t == "END" {
                self.in_tx.set(false);
            }
        } else if t == "COMMIT" {
            // a failed COMMIT ends the transaction (PostgreSQL rolls it back)
            self.in_tx.set(false);
        }
        Ok(r?)
    }
}

/// PostgreSQL's `text` cannot hold U+0000, which a document may contain
/// (SQLite stores it): it is written as this noncharacter (one code point,
/// so offsets are unchanged) and read back as U+0000.
const NUL_STANDIN: &str = "\u{FDD0}";

/// A parameter for PostgreSQL: written as whatever type the server
/// inferred for its placeholder.
#[derive(Debug)]
struct PgIn<'a>(&'a Value);

impl postgres::types::ToSql for PgIn<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{IsNull, Type};
        let bad = || -> Box<dyn std::error::Error + Sync + Send> { format!("cannot write {:?} as {ty}", self.0).into() };
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i).map_err(|_| bad())?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i).map_err(|_| bad())?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => i.to_string().as_str().to_sql(ty, out),
                _ => Err(bad()),
            },
            Value::Real(x) => match *ty {
                Type::FLOAT8 => x.to_sql(ty, out),
                Type::FLOAT4 => (*x as f32).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => x.to_string().as_str().to_sql(ty, out),
                _ => Err(bad()),
            },
            Value::Text(s) => match *ty {
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN if s.contains('\0') => {
                    s.replace('\0', NUL_STANDIN).as_str().to_sql(ty, out)
                }
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => s.as_str().to_sql(ty, out),
                Type::INT8 => s.trim().parse::<i64>().map_err(|_| bad())?.to_sql(ty, out),
                Type::FLOAT8 => s.trim().parse::<f64>().map_err(|_| bad())?.to_sql(ty, out),
                Type::BYTEA => s.as_bytes().to_sql(ty, out),
                _ => Err(bad()),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => b.as_slice().to_sql(ty, out),
                _ => Err(bad()),
            },
        }
    }

    fn accepts(_ty: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A result column from PostgreSQL, as a [`Value`].
struct PgOut(Value);

impl<'a> postgres::types::FromSql<'a> for PgOut {
    fn from_sql(ty: &postgres::types::Type, raw: &'a [u8]) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::Type;
        Ok(PgOut(match *ty {
            Type::BOOL => Value::Integer(i64::from(bool::from_sql(ty, raw)?)),
            Type::INT2 => Value::Integer(i64::from(i16::from_sql(ty, raw)?)),
            Type::INT4 => Value::Integer(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::OID => Value::Integer(i64::from(u32::from_sql(ty, raw)?)),
            Type::FLOAT4 => Value::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Value::Blob(raw.to_vec()),
            _ => {
                let s = String::from_utf8(raw.to_vec()).map_err(|_| format!("cannot read a {ty} column"))?;
                Value::Text(if s.contains(NUL_STANDIN) { s.replace(NUL_STANDIN, "\0") } else { s })
            }
        }))
    }

    fn from_sql_null(_: &postgres::types::Type) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(PgOut(Value::Null))
    }

    fn accepts(_ty: &postgres::types::Type) -> bool {
        true
    }
}

/// Decode PostgreSQL's binary `numeric` (what `sum()` of integers returns):
/// an integer when it has no fraction and fits, a real otherwise.
fn numeric(raw: &[u8]) -> std::result::Result<Value, Box<dyn std::error::Error + Sync + Send>> {
    if raw.len() < 8 {
        return Err("short numeric".into());
    }
    let rd = |i: usize| u16::from_be_bytes([raw[i], raw[i + 1]]);
    let ndigits = rd(0) as usize;
    let weight = rd(2) as i16 as i32;
    let sign = rd(4);
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    if raw.len() < 8 + 2 * ndigits {
        return Err("short numeric".into());
    }
    let digits: Vec<i64> = (0..ndigits).map(|k| i64::from(rd(8 + 2 * k))).collect();
    let neg = sign == 0x4000;
    let integral = ndigits as i32 <= weight + 1;
    if integral && weight < 4 {
        let mut v: i64 = 0;
        for k in 0..=weight.max(0) {
            v = v * 10_000 + digits.get(k as usize).copied().unwrap_or(0);
        }
        if ndigits == 0 {
            v = 0;
        }
        return Ok(Value::Integer(if neg { -v } else { v }));
    }
    let mut x = 0f64;
    for (k, d) in digits.iter().enumerate() {
        x += *d as f64 * 10f64.powi(4 * (weight - k as i32));
    }
    Ok(Value::Real(if neg { -x } else { x }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_sql_is_rewritten_for_postgres() {
        assert_eq!(pg_sql("SELECT a FROM t WHERE b = ?1 AND c = ?2"), "SELECT a FROM t WHERE b = $1 AND c = $2");
        assert_eq!(pg_sql("SELECT '?1', x FROM t WHERE y = ?"), "SELECT '?1', x FROM t WHERE y = $1");
        assert_eq!(
            pg_sql("INSERT OR IGNORE INTO m(doc, start, end) VALUES (?1,?2,?3)"),
            "INSERT INTO m(doc, start, \"end\") VALUES ($1,$2,$3) ON CONFLICT DO NOTHING"
        );
        assert_eq!(pg_sql("SELECT CASE WHEN a THEN 1 END FROM t WHERE n LIKE ?1"), "SELECT CASE WHEN a THEN 1 END FROM t WHERE n ILIKE $1");
        assert!(pg_sql("BEGIN IMMEDIATE").contains("pg_advisory_xact_lock"));
    }

    #[test]
    fn numeric_decodes() {
        // 12345678 = digits [1234, 5678], weight 1
        let raw = [0, 2, 0, 1, 0, 0, 0, 0, 0x04, 0xD2, 0x16, 0x2E];
        assert_eq!(numeric(&raw).unwrap(), Value::Integer(12_345_678));
        let zero = [0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(numeric(&zero).unwrap(), Value::Integer(0));
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:pw@h:5/db"), "postgres://u:***@h:5/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
