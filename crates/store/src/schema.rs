//! The schema, as an ordered list of migrations. Migration `i` (0-based)
//! takes a database from `PRAGMA user_version = i` to `i + 1`; each runs in
//! its own transaction together with the version bump, so a database is
//! always at exactly one version. Never edit a released migration: append a
//! new one. `crates/store/README.md` documents the resulting tables.

pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// Version 1: documents with their annotations, actors, ingest runs and the
/// full-text index.
const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    lang         TEXT NOT NULL,
    title        TEXT,
    published    TEXT,
    source       TEXT,
    text         TEXT NOT NULL,
    char_len     INTEGER NOT NULL,
    annotated    TEXT NOT NULL,
    pipeline     TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_lang ON documents(lang);

CREATE TABLE doc_aliases (
    id           TEXT PRIMARY KEY,
    doc          INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    source       TEXT,
    seen_at      TEXT NOT NULL
);
CREATE INDEX doc_aliases_doc ON doc_aliases(doc);

CREATE TABLE entities (
    doc        INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    text       TEXT NOT NULL,
    key        TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    sentence   INTEGER NOT NULL,
    confidence REAL NOT NULL,
    source     TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX entities_type_key ON entities(type, key);

CREATE TABLE places (
    doc        INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    sentence   INTEGER NOT NULL,
    name       TEXT,
    name_ar    TEXT,
    geonameid  INTEGER,
    lat        REAL,
    lon        REAL,
    country    TEXT,
    country2   TEXT,
    admin1     TEXT,
    feature    TEXT,
    precision  TEXT,
    relation   TEXT,
    confidence REAL NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_country ON places(country, admin1);

CREATE TABLE times (
    doc       INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    sentence  INTEGER NOT NULL,
    value     TEXT,
    precision TEXT NOT NULL,
    anchor    TEXT,
    modifier  TEXT,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX times_value ON times(value);

CREATE TABLE events (
    doc                  INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    idx                  INTEGER NOT NULL,
    type                 TEXT NOT NULL,
    mode                 TEXT,
    quad                 TEXT,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    actor_text           TEXT,
    actor_start          INTEGER,
    actor_end            INTEGER,
    actor_id             TEXT,
    actor_name           TEXT,
    recipient_text       TEXT,
    recipient_start      INTEGER,
    recipient_end        INTEGER,
    recipient_id         TEXT,
    recipient_name       TEXT,
    place_text           TEXT,
    place_start          INTEGER,
    place_end            INTEGER,
    place_name           TEXT,
    geonameid            INTEGER,
    lat                  REAL,
    lon                  REAL,
    country              TEXT,
    admin1               TEXT,
    geo_precision        TEXT,
    date_text            TEXT,
    date_start           INTEGER,
    date_end             INTEGER,
    date_value           TEXT,
    date_precision       TEXT,
    fatalities           INTEGER,
    injured              INTEGER,
    arrested             INTEGER,
    negated              INTEGER NOT NULL,
    hypothetical         INTEGER NOT NULL,
    generic              INTEGER NOT NULL,
    reported_by_text     TEXT,
    reported_by_id       TEXT,
    trigger_text         TEXT NOT NULL,
    trigger_start        INTEGER NOT NULL,
    trigger_end          INTEGER NOT NULL,
    evidence_start       INTEGER NOT NULL,
    evidence_end         INTEGER NOT NULL,
    sentence             INTEGER NOT NULL,
    confidence           REAL NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date_value);
CREATE INDEX events_country ON events(country, admin1);
CREATE INDEX events_actor ON events(actor_id);
CREATE INDEX events_recipient ON events(recipient_id);

CREATE TABLE actors (
    actor_id   TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_ar    TEXT,
    actor_type TEXT,
    sector     TEXT,
    country    TEXT,
    known      INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL
);

CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors(actor_id) ON DELETE CASCADE,
    alias    TEXT NOT NULL,
    key      TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
) WITHOUT ROWID;
CREATE INDEX actor_aliases_key ON actor_aliases(key);

CREATE TABLE actor_mentions (
    doc      INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (doc, start, end, actor_id)
) WITHOUT ROWID;
CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);

CREATE TABLE actor_relations (
    doc            INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    actor_id       TEXT NOT NULL,
    relation       TEXT NOT NULL,
    target         TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL
);
CREATE INDEX actor_relations_doc ON actor_relations(doc);
CREATE INDEX actor_relations_actor ON actor_relations(actor_id);

CREATE TABLE ingest_runs (
    run         INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    read        INTEGER NOT NULL DEFAULT 0,
    new         INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    duplicate   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

CREATE VIRTUAL TABLE doc_fts USING fts5(
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
"#;

/// Version 2 (issue 6, throughput): each document's MinHash signature,
/// computed from its tokens on the annotation threads, so that the dataset
/// layer finds near-duplicates without re-reading and re-tokenising texts;
/// `version` is the document's `content_hash@updated_at`. Indexes that no
/// query used are dropped (each was one more B-tree insert per row).
const V2: &str = r#"
CREATE TABLE doc_signatures (
    doc     INTEGER PRIMARY KEY REFERENCES documents(pk) ON DELETE CASCADE,
    version TEXT NOT NULL,
    minhash BLOB NOT NULL
);
DROP INDEX IF EXISTS events_type;
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_country;
DROP INDEX IF EXISTS times_value;
DROP INDEX IF EXISTS places_country;
DROP INDEX IF EXISTS documents_lang;
"#;

/// Version 3: an event dated long before its article's publication is
/// `background` (a recalled past event), kept out of incidents.
const V3: &str = r#"
ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
"#;

/// Version 4 (issue 15, review): reviewers with hashed tokens, the
/// append-only revision log (triggers refuse UPDATE and DELETE), and the
/// reviewed state of each event report, keyed by a stable id
/// (`document id:trigger start-trigger end`, which survives re-extraction
/// of the same text) rather than by `(doc, idx)`, which does not.
const V4: &str = r#"
CREATE TABLE reviewers (
    name       TEXT PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('analyst', 'adjudicator')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE revisions (
    rev       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    reviewer  TEXT NOT NULL,
    target    TEXT NOT NULL CHECK (target IN ('event', 'incident')),
    target_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    version   INTEGER NOT NULL,
    reason    TEXT,
    note      TEXT,
    diff      TEXT NOT NULL,
    pipeline  TEXT NOT NULL
);
CREATE INDEX revisions_target ON revisions(target, target_id, rev);
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

CREATE TABLE event_reviews (
    uid           TEXT PRIMARY KEY,
    doc_id        TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('unreviewed', 'accepted', 'edited', 'rejected')),
    fields        TEXT NOT NULL,
    machine       TEXT NOT NULL,
    incident      INTEGER,
    version       INTEGER NOT NULL,
    reviewer      TEXT NOT NULL,
    reviewed_at   TEXT NOT NULL
);
CREATE INDEX event_reviews_doc ON event_reviews(doc_id);
"#;
