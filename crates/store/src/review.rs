//! The review layer's foundations in the store: reviewers and their tokens,
//! the append-only revision log, and the errors a review write can end in.
//!
//! - A reviewer has a name, a role ([`Role::Analyst`] or
//!   [`Role::Adjudicator`]) and a token. Only the SHA-256 of the token is
//!   stored; [`add_reviewer`] returns the token once.
//! - [`append_revision`] is the only way a revision is written; the table
//!   refuses `UPDATE` and `DELETE` (triggers), so history cannot be edited.
//! - A stale version is a [`ReviewError::Conflict`]: nothing is written and
//!   the caller learns who changed the record, when, and its version now.
//!
//! Event-level and incident-level decisions (and how they survive
//! re-extraction) are in `marsad-dataset`'s `review` module, which writes
//! through these functions. The SQL runs on both back ends ([`crate::db`]);
//! on PostgreSQL `write_tx`'s `BEGIN IMMEDIATE` takes the store's advisory
//! write lock, so writers serialise as on SQLite.

use anyhow::{bail, Context, Result};
use crate::db::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Reasons a reviewer gives for a change (the short list analysts choose from).
pub const REASONS: &[&str] = &[
    "wrong type",
    "wrong actor",
    "wrong recipient",
    "wrong place",
    "wrong date",
    "wrong count",
    "not an event",
    "duplicate",
    "other",
];

/// What a reviewer may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Accept, edit, reject, restore events and incidents; move a report.
    Analyst,
    /// Also merge and split incidents and resolve conflicts.
    Adjudicator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Analyst => "analyst",
            Role::Adjudicator => "adjudicator",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "analyst" => Ok(Role::Analyst),
            "adjudicator" => Ok(Role::Adjudicator),
            _ => Err(format!("unknown role {s:?}: analyst or adjudicator")),
        }
    }
}

/// An authenticated reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reviewer {
    pub name: String,
    pub role: Role,
}

/// Why a review write was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ReviewError {
    /// The record changed since the version the reviewer saw.
    Conflict {
        target: String,
        id: String,
        expected: i64,
        current: i64,
        by: Option<String>,
        at: Option<String>,
    },
    /// The reviewer's role does not allow this action.
    Forbidden { message: String },
    /// No such event or incident.
    NotFound { message: String },
    /// A malformed request (unknown action, field or reason; bad value).
    Bad { message: String },
}

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReviewError::Conflict { target, id, expected, current, by, at } => {
                write!(f, "conflict: {target} {id} is at version {current}, you edited version {expected}")?;
                if let (Some(by), Some(at)) = (by, at) {
                    write!(f, " (changed by {by} at {at})")?;
                }
                write!(f, "; reload it and apply your change again")
            }
            ReviewError::Forbidden { message } | ReviewError::NotFound { message } | ReviewError::Bad { message } => {
                f.write_str(message)
            }
        }
    }
}

impl std::error::Error for ReviewError {}

/// A [`ReviewError::Bad`] as an `anyhow::Error`.
pub fn bad(message: impl Into<String>) -> anyhow::Error {
    ReviewError::Bad { message: message.into() }.into()
}

/// A [`ReviewError::NotFound`] as an `anyhow::Error`.
pub fn not_found(message: impl Into<String>) -> anyhow::Error {
    ReviewError::NotFound { message: message.into() }.into()
}

/// Refuse unless the reviewer is an adjudicator.
pub fn require_adjudicator(who: &Reviewer, what: &str) -> Result<()> {
    if who.role != Role::Adjudicator {
        return Err(ReviewError::Forbidden { message: format!("only adjudicators may {what}; {} is an analyst", who.name) }.into());
    }
    Ok(())
}

/// A reason from [`REASONS`] (case-insensitive), or an error listing them.
pub fn check_reason(reason: Option<&str>) -> Result<Option<String>> {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(r) => match REASONS.iter().find(|x| x.eq_ignore_ascii_case(r)) {
            Some(x) => Ok(Some(x.to_string())),
            None => Err(bad(format!("unknown reason {r:?}: one of {}", REASONS.join(", ")))),
        },
    }
}

fn hash_token(token: &str) -> String {
    let h = Sha256::digest(token.trim().as_bytes());
    h.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_token() -> Result<String> {
    use std::io::Read;
    let mut b = [0u8; 24];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut b))
        .context("cannot read random bytes for a token (/dev/urandom)")?;
    Ok(format!("mrsd_{}", b.iter().map(|x| format!("{x:02x}")).collect::<String>()))
}

/// Add a reviewer (or give an existing one a new role and token); returns
/// the token, which is not stored (only its hash is).
pub fn add_reviewer(conn: &Connection, name: &str, role: Role) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(|c| c.is_control()) {
        bail!("a reviewer name is 1 to 64 printable characters");
    }
    let token = new_token()?;
    conn.execute(
        "INSERT INTO reviewers(name, role, token_hash, created_at, active) VALUES (?1, ?2, ?3, ?4, 1)
         ON CONFLICT(name) DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash, active = 1",
        params![name, role.as_str(), hash_token(&token), crate::now_iso()],
    )?;
    Ok(token)
}

/// Withdraw a reviewer's token (their revisions stay attributed).
pub fn disable_reviewer(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.execute("UPDATE reviewers SET active = 0 WHERE name = ?1", [name])? > 0)
}

/// A stored reviewer, for listing.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerInfo {
    pub name: String,
    pub role: String,
    pub created_at: String,
    pub active: bool,
}

pub fn reviewers(conn: &Connection) -> Result<Vec<ReviewerInfo>> {
    let mut q = conn.prepare("SELECT name, role, created_at, active FROM reviewers ORDER BY name")?;
    let v = q
        .query_map([], |r| Ok(ReviewerInfo { name: r.get(0)?, role: r.get(1)?, created_at: r.get(2)?, active: r.get(3)? }))?
        .collect::<crate::db::Result<_>>()?;
    Ok(v)
}

/// The reviewer a token belongs to (an active one), if any.
pub fn authenticate(conn: &Connection, token: &str) -> Result<Option<Reviewer>> {
    if token.trim().is_empty() {
        return Ok(None);
    }
    let row: Option<(String, String)> = conn
        .query_row("SELECT name, role FROM reviewers WHERE token_hash = ?1 AND active = 1", [hash_token(token)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(name, role)| role.parse().ok().map(|role| Reviewer { name, role })))
}

/// A revision to append.
#[derive(Debug, Clone)]
pub struct NewRevision<'a> {
    pub reviewer: &'a str,
    /// `event` or `incident`.
    pub target: &'a str,
    pub target_id: &'a str,
    /// accept, edit, reject, restore, resolve, merge, split, move.
    pub action: &'a str,
    /// The target's version after this revision.
    pub version: i64,
    pub reason: Option<&'a str>,
    pub note: Option<&'a str>,
    /// `{field: {"from": old, "to": new}}` (or what the action moved).
    pub diff: &'a Value,
    /// The pipeline version whose output was reviewed.
    pub pipeline: &'a str,
}

/// Append a revision (inside the caller's transaction); returns its number.
pub fn append_revision(conn: &Connection, r: &NewRevision) -> Result<i64> {
    Ok(conn.insert_returning(
        "INSERT INTO revisions(at, reviewer, target, target_id, action, version, reason, note, diff, pipeline)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        "rev",
        params![
        crate::now_iso(),
        r.reviewer,
        r.target,
        r.target_id,
        r.action,
        r.version,
        r.reason,
        r.note,
        serde_json::to_string(r.diff)?,
        r.pipeline
        ],
    )?)
}

/// A stored revision.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Revision {
    pub rev: i64,
    pub at: String,
    pub reviewer: String,
    pub target: String,
    pub target_id: String,
    pub action: String,
    pub version: i64,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub diff: Value,
    pub pipeline: String,
}

/// Revisions, newest first: all of them, those of one kind of target, or
/// those of one target. Returns (total, page).
pub fn history(conn: &Connection, target: Option<&str>, id: Option<&str>, limit: u64, offset: u64) -> Result<(u64, Vec<Revision>)> {
    // typed NULL tests: PostgreSQL cannot infer a bare `$1 IS NULL`
    let wh = "WHERE (CAST(?1 AS TEXT) IS NULL OR target = ?1) AND (CAST(?2 AS TEXT) IS NULL OR target_id = ?2)";
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM revisions {wh}"), params![target, id], |r| r.get(0))?;
    let mut q = conn.prepare(&format!(
        "SELECT rev, at, reviewer, target, target_id, action, version, reason, note, diff, pipeline FROM revisions {wh}
         ORDER BY rev DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let v = q
        .query_map(params![target, id, limit as i64, offset as i64], |r| {
            let diff: String = r.get(9)?;
            Ok(Revision {
                rev: r.get(0)?,
                at: r.get(1)?,
                reviewer: r.get(2)?,
                target: r.get(3)?,
                target_id: r.get(4)?,
                action: r.get(5)?,
                version: r.get(6)?,
                reason: r.get(7)?,
                note: r.get(8)?,
                diff: serde_json::from_str(&diff).unwrap_or(Value::Null),
                pipeline: r.get(10)?,
            })
        })?
        .collect::<crate::db::Result<_>>()?;
    Ok((total.max(0) as u64, v))
}

/// The last revision of a target (who changed it last, and when).
pub fn last_revision(conn: &Connection, target: &str, id: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT reviewer, at FROM revisions WHERE target = ?1 AND target_id = ?2 ORDER BY rev DESC LIMIT 1",
            params![target, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Check an optimistic-concurrency version: `current` is what the database
/// holds, `expected` what the reviewer saw.
pub fn check_version(conn: &Connection, target: &str, id: &str, expected: i64, current: i64) -> Result<()> {
    if expected != current {
        let last = last_revision(conn, target, id)?;
        return Err(ReviewError::Conflict {
            target: target.into(),
            id: id.into(),
            expected,
            current,
            by: last.as_ref().map(|l| l.0.clone()),
            at: last.map(|l| l.1),
        }
        .into());
    }
    Ok(())
}

/// Run `f` in an immediate (write-locking) transaction: everything or
/// nothing is written, and two writers never interleave their version
/// checks.
pub fn write_tx<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    match f(conn) {
        Ok(v) => match conn.execute_batch("COMMIT") {
            Ok(()) => Ok(v),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e.into())
            }
        },
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}
