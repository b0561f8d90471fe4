//! The dataset layer's own tables, in the store's database, migrated by
//! version with `Store::migrate_component("dataset", MIGRATIONS)` (version in
//! `meta["schema.dataset"]`). Never edit a released migration: append one.
//! The tables are documented in `crates/dataset/README.md`.

pub const COMPONENT: &str = "dataset";

pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

const V1: &str = r#"
CREATE TABLE dataset_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE doc_state (
    doc          INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL,
    minhash      BLOB NOT NULL
);

CREATE TABLE doc_lsh (
    band   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    doc    INTEGER NOT NULL,
    PRIMARY KEY (band, bucket, doc)
) WITHOUT ROWID;
CREATE INDEX doc_lsh_doc ON doc_lsh(doc);

CREATE TABLE doc_links (
    doc          INTEGER PRIMARY KEY,
    duplicate_of INTEGER NOT NULL,
    similarity   REAL NOT NULL
);
CREATE INDEX doc_links_of ON doc_links(duplicate_of);

CREATE TABLE incidents (
    id                   INTEGER PRIMARY KEY,
    type                 TEXT NOT NULL,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    date                 TEXT,
    date_precision       TEXT,
    date_lo              INTEGER,
    date_hi              INTEGER,
    day                  INTEGER,
    place                TEXT,
    geonameid            INTEGER,
    lat                  REAL,
    lon                  REAL,
    country              TEXT,
    admin1               TEXT,
    geo_precision        TEXT,
    fatalities           INTEGER,
    injured              INTEGER,
    arrested             INTEGER,
    actor_id             TEXT,
    actor_name           TEXT,
    actor_key            TEXT,
    recipient_id         TEXT,
    recipient_name       TEXT,
    recipient_key        TEXT,
    n_reports            INTEGER NOT NULL,
    n_documents          INTEGER NOT NULL,
    sources              TEXT NOT NULL,
    first_doc            INTEGER NOT NULL,
    first_idx            INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE INDEX incidents_type_date ON incidents(type, date_lo);
CREATE INDEX incidents_acled_date ON incidents(acled_event_type, date_lo);
CREATE INDEX incidents_day ON incidents(day);
CREATE INDEX incidents_country ON incidents(country, admin1);
CREATE INDEX incidents_actor ON incidents(actor_id);

CREATE TABLE incident_reports (
    doc          INTEGER NOT NULL,
    idx          INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    sentence     INTEGER NOT NULL,
    status       TEXT NOT NULL,
    incident     INTEGER,
    date_lo      INTEGER,
    date_hi      INTEGER,
    date_rank    INTEGER,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX incident_reports_incident ON incident_reports(incident);
"#;

/// Version 2 (throughput): LSH rows are found for removal from the
/// document's signature (`doc_state.minhash`), so the index by document,
/// one more B-tree insert for each of a document's 16 rows, goes.
const V2: &str = r#"
DROP INDEX IF EXISTS doc_lsh_doc;
"#;

/// Version 3 (throughput): candidate incidents are looked up by type (or
/// ACLED type), whether they span more than two days, and start date, so
/// that a report reads the few incidents of its own days instead of a
/// 35-day window (see `sync::best_incident`). The type/ACLED-type prefixes
/// still serve filters by type.
const V3: &str = r#"
DROP INDEX IF EXISTS incidents_type_date;
DROP INDEX IF EXISTS incidents_acled_date;
CREATE INDEX incidents_type_span ON incidents(type, date_hi - date_lo > 2, date_lo);
CREATE INDEX incidents_acled_span ON incidents(acled_event_type, date_hi - date_lo > 2, date_lo);
"#;

/// Version 4 (issue 15, review): the reviewed state of each incident (the
/// fields a reviewer set, the machine's values when they did, and the
/// machine's values now, so that a disagreement shows as a flag), the
/// incidents' review status (a rejected incident stays stored but leaves
/// queries and exports), and the deletions list published with exports.
const V4: &str = r#"
ALTER TABLE incidents ADD COLUMN review_status TEXT NOT NULL DEFAULT 'unreviewed';

CREATE TABLE incident_reviews (
    incident    INTEGER PRIMARY KEY,
    status      TEXT NOT NULL,
    fields      TEXT NOT NULL,
    machine     TEXT NOT NULL,
    machine_now TEXT NOT NULL,
    version     INTEGER NOT NULL,
    reviewer    TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    merged_into INTEGER
);

CREATE TABLE deletions (
    incident      INTEGER PRIMARY KEY,
    event_id_cnty TEXT NOT NULL,
    deleted_at    TEXT NOT NULL,
    reviewer      TEXT NOT NULL,
    reason        TEXT,
    merged_into   INTEGER
);
"#;
