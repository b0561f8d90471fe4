//! marsad-store: (being written) the embedded SQLite store: ingest, full-text search, stats.
