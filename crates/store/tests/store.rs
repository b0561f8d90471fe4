use marsad_core::{Actor, Document, Entity, EntityType, Event, Lang, TextSpan};
use marsad_store::{Counts, Fault, Outcome, Store};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The back ends each test runs on (SQLite; PostgreSQL when MARSAD_TEST_PG
/// is set) and their throwaway databases.
use marsad_store::testing::{targets, TestDb};

/// A database file in the temp dir, removed on drop (SQLite-only tests).
struct TempDb;

impl TempDb {
    fn new(name: &str) -> TestDb {
        marsad_store::testing::Target::Sqlite.db(name)
    }
}

fn raw(id: &str, title: &str, text: &str) -> Document {
    let mut d = Document::new(id, text);
    d.title = Some(title.to_string());
    d.published = Some("2017-12-03".into());
    d.source = Some(format!("test/{id}.txt"));
    d
}

/// Text stage plus a few synthetic annotations so every table gets rows.
fn annotate(d: &mut Document) -> anyhow::Result<()> {
    marsad_text::annotate(d);
    let first_word = d
        .tokens
        .iter()
        .find(|t| t.kind != marsad_core::TokenKind::Punct)
        .cloned();
    if let Some(t) = first_word {
        let text = d.slice(t.start, t.end).to_string();
        d.entities.push(Entity {
            kind: if d.lang == Lang::Ar {
                EntityType::LOC
            } else {
                EntityType::ORG
            },
            text: text.clone(),
            start: t.start,
            end: t.end,
            sentence: 0,
            confidence: 0.9,
            source: "test".into(),
        });
        d.events.push(Event {
            kind: marsad_core::EventType::Assault,
            trigger: TextSpan {
                text: text.clone(),
                start: t.start,
                end: t.end,
            },
            evidence: marsad_core::Span::new(0, d.char_len()),
            confidence: 0.5,
            ..Default::default()
        });
        d.actors.push(Actor {
            actor_id: "test-actor".into(),
            name: "Test Actor".into(),
            known: true,
            aliases: vec!["TA".into()],
            mentions: vec![TextSpan {
                text,
                start: t.start,
                end: t.end,
            }],
            ..Default::default()
        });
    }
    Ok(())
}

const AR1: &str =
    "قصفت الطائرات مواقع في الموصل وبغداد يوم الأحد، وقال مسؤول للحكومة إن ثلاثين شخصاً قُتِلوا.";
const AR2: &str = "أعلنت الحكومة العراقية أن القوات دخلت بغداد بعد معارك عنيفة مع مسلحي داعش.";
const AR3: &str = "ووزارة الداخلية نشرت بياناً عن الهجوم على المستشفى في البصرة.";
const EN1: &str = "Militants attacked a checkpoint near Kirkuk on Sunday, killing three soldiers, officials said.";
const EN2: &str =
    "The government announced new attacks would be met with force. BAGHDAD remained calm.";

fn corpus() -> Vec<Document> {
    vec![
        raw("ar1", "غارات على الموصل", AR1),
        raw("ar2", "الحكومة تعلن", AR2),
        raw("ar3", "بيان وزارة الداخلية", AR3),
        raw("en1", "Checkpoint attack", EN1),
        raw("en2", "Government statement", EN2),
    ]
}

fn ingest_all(store: &mut Store, docs: Vec<Document>) -> Counts {
    let mut c = Counts::default();
    for d in docs {
        c.read += 1;
        match store.ingest(d, annotate) {
            Ok(o) => c.add(&o),
            Err(_) => c.failed += 1,
        }
    }
    store.commit().unwrap();
    c
}

fn chars_slice(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

#[test]
fn schema_is_versioned_wal_and_has_fts5() {
    let db = TempDb::new("schema");
    let s = Store::open(&db.0).unwrap();
    assert_eq!(
        s.schema_version().unwrap() as usize,
        marsad_store::schema::MIGRATIONS.len()
    );
    let mode: String = s
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let mut st = s.conn().prepare("PRAGMA compile_options").unwrap();
    let opts: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(opts.iter().any(|o| o == "ENABLE_FTS5"), "{opts:?}");
    drop(st);
    drop(s);
    // reopening migrates nothing and keeps the version
    let s = Store::open(&db.0).unwrap();
    assert_eq!(
        s.schema_version().unwrap() as usize,
        marsad_store::schema::MIGRATIONS.len()
    );
}

#[test]
fn newer_schema_and_non_database_files_are_refused() {
    let db = TempDb::new("newer");
    {
        let s = Store::open(&db.0).unwrap();
        s.conn().execute_batch("PRAGMA user_version = 99").unwrap();
    }
    let e = Store::open(&db.0)
        .err()
        .expect("must refuse a newer schema");
    assert!(format!("{e:#}").contains("newer"), "{e:#}");

    let junk = TempDb::new("junk");
    std::fs::write(
        &junk.0,
        "this is not a database, just some text that is long enough to look like a header ......",
    )
    .unwrap();
    assert!(Store::open(&junk.0).is_err());
    assert!(Store::open(std::env::temp_dir()).is_err());
}

#[test]
fn a_newer_postgresql_schema_is_refused() {
    let Some(t) = marsad_store::testing::pg_target() else { return };
    let db = t.db("newer");
    {
        let s = Store::open(&db.0).unwrap();
        s.conn().execute("UPDATE marsad_schema SET version = 99", []).unwrap();
    }
    let e = Store::open(&db.0).err().expect("must refuse a newer schema");
    assert!(format!("{e:#}").contains("newer"), "{e:#}");
}

#[test]
fn postgresql_connections_are_reused_only_when_clean() {
    let Some(t) = marsad_store::testing::pg_target() else { return };
    let db = t.db("reuse");
    let pid = |s: &Store| -> i64 { s.conn().query_row("SELECT pg_backend_pid()", [], |r| r.get(0)).unwrap() };
    let s = Store::open(&db.0).unwrap();
    let first = pid(&s);
    s.conn().execute_batch("SET application_name = 'left_behind'").unwrap();
    drop(s);
    // dropped outside a transaction: the same server process comes back,
    // with the session reset
    let s = Store::open(&db.0).unwrap();
    assert_eq!(pid(&s), first, "a clean connection is reused");
    let app: String = s.conn().query_row("SELECT current_setting('application_name')", [], |r| r.get(0)).unwrap();
    assert_ne!(app, "left_behind", "a reused connection starts with a reset session");
    // dropped inside a transaction: closed, never handed out again
    s.conn().execute_batch("BEGIN").unwrap();
    drop(s);
    let s = Store::open(&db.0).unwrap();
    assert_ne!(pid(&s), first, "a connection left in a transaction is not reused");
    assert!(s.conn().is_autocommit());
}

#[test]
fn ingest_twice_changes_nothing() {
    for t in targets() {
        eprintln!("backend: {t}");
        let db = t.db("twice");
        let mut s = Store::open(&db.0).unwrap();
        let c1 = ingest_all(&mut s, corpus());
        assert_eq!((c1.new, c1.unchanged, c1.failed), (5, 0, 0));
        let st1 = s.stats().unwrap();
        drop(s);

        let mut s = Store::open(&db.0).unwrap();
        let calls = AtomicUsize::new(0);
        let mut c2 = Counts::default();
        for d in corpus() {
            let o = s
                .ingest(d, |d| {
                    calls.fetch_add(1, Ordering::SeqCst);
                    annotate(d)
                })
                .unwrap();
            c2.add(&o);
        }
        s.commit().unwrap();
        assert_eq!((c2.new, c2.updated, c2.unchanged), (0, 0, 5));
        assert_eq!(
            calls.load(Ordering::SeqCst),
            0,
            "unchanged documents must not be re-annotated"
        );
        let mut st2 = s.stats().unwrap();
        st2.wal_bytes = st1.wal_bytes;
        assert_eq!(st1, st2);
        assert_eq!(st2.documents, 5);
        assert_eq!(st2.entities, 5);
        assert_eq!(st2.events, 5);
        assert_eq!(st2.actors, 1);
        assert!(s.check_consistency().unwrap().is_empty());
    }
}

#[test]
fn changed_content_replaces_the_document() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        ingest_all(&mut s, corpus());
        assert_eq!(s.search("كركوك", 10).unwrap().total, 0);
        let o = s
            .ingest(
                raw("ar2", "الحكومة تعلن", "اشتباكات في كركوك صباح اليوم."),
                annotate,
            )
            .unwrap();
        assert_eq!(o, Outcome::Updated);
        s.commit().unwrap();
        assert_eq!(s.count().unwrap(), 5);
        let st = s.stats().unwrap();
        assert_eq!(st.entities, 5, "old annotations are replaced, not added to");
        assert_eq!(s.search("كركوك", 10).unwrap().results[0].id, "ar2");
        assert!(
            s.search("العراقية", 10).unwrap().results.is_empty(),
            "old text no longer indexed"
        );
        assert_eq!(
            s.get("ar2").unwrap().unwrap().text,
            "اشتباكات في كركوك صباح اليوم."
        );
        assert!(s.check_consistency().unwrap().is_empty());
    }
}

#[test]
fn same_content_under_another_id_is_a_duplicate() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        ingest_all(&mut s, corpus());
        let mut copy = raw("copy-of-en1", "Checkpoint attack", EN1);
        copy.source = Some("elsewhere/en1.html".into());
        let o = s.ingest(copy.clone(), annotate).unwrap();
        assert_eq!(o, Outcome::Duplicate("en1".into()));
        assert_eq!(s.ingest(copy, annotate).unwrap(), Outcome::Unchanged);
        s.commit().unwrap();
        assert_eq!(s.count().unwrap(), 5);
        assert_eq!(s.stats().unwrap().duplicate_ids, 1);
        assert_eq!(s.get("copy-of-en1").unwrap().unwrap().id, "en1");
        // the alias later gets its own content: it becomes a document
        let o = s
            .ingest(
                raw("copy-of-en1", "Other", "A different story about Mosul."),
                annotate,
            )
            .unwrap();
        assert_eq!(o, Outcome::New);
        s.commit().unwrap();
        assert_eq!(s.count().unwrap(), 6);
        assert_eq!(s.stats().unwrap().duplicate_ids, 0);
    }
}

/// The ids of the documents a query finds, sorted.
fn search_ids(s: &marsad_store::Store, q: &str) -> Vec<String> {
    let mut v: Vec<String> = s.search(q, 10).unwrap().results.into_iter().map(|h| h.id).collect();
    v.sort();
    v
}

#[test]
fn arabic_search_absorbs_clitics_both_ways() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        ingest_all(&mut s, corpus());
        let ids = |q: &str| search_ids(&s, q);
        // بغداد finds وبغداد (ar1) and بغداد (ar2); وبغداد finds both too
        assert_eq!(ids("بغداد"), vec!["ar1", "ar2"]);
        assert_eq!(ids("وبغداد"), vec!["ar1", "ar2"]);
        // الحكومة finds للحكومة (ar1) and الحكومة (ar2), and the reverse
        assert_eq!(ids("الحكومة"), vec!["ar1", "ar2"]);
        assert_eq!(ids("للحكومة"), vec!["ar1", "ar2"]);
        // وزارة finds ووزارة; بالموصل finds الموصل; normalisation of ى/ي
        assert_eq!(ids("وزارة"), vec!["ar3"]);
        assert_eq!(ids("بالموصل"), vec!["ar1"]);
        assert_eq!(ids("مستشفي"), vec!["ar3"]);
        // all words must match
        assert_eq!(ids("بغداد داعش"), vec!["ar2"]);
        assert!(ids("القاهرة").is_empty());

        // snippets are original text, hits slice it exactly
        let r = s.search("بغداد", 10).unwrap();
        let ar1 = r.results.iter().find(|h| h.id == "ar1").unwrap();
        assert_eq!(ar1.hits.len(), 1);
        assert_eq!(ar1.hits[0].text, "وبغداد");
        assert_eq!(
            chars_slice(AR1, ar1.hits[0].start, ar1.hits[0].end),
            "وبغداد"
        );
        assert_eq!(
            chars_slice(AR1, ar1.snippet_start, ar1.snippet_end),
            ar1.snippet
        );
        assert!(ar1.highlighted.contains("«وبغداد»"), "{}", ar1.highlighted);
        assert_eq!(ar1.title.as_deref(), Some("غارات على الموصل"));

        // diacritics stay in the highlighted surface
        let r = s.search("قتلوا", 10).unwrap();
        assert_eq!(r.results.len(), 1);
        assert!(
            r.results[0].highlighted.contains("«قُتِلوا»"),
            "{}",
            r.results[0].highlighted
        );
    }
}

#[test]
fn english_search_is_case_insensitive_and_stemmed() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        ingest_all(&mut s, corpus());
        let ids = |q: &str| search_ids(&s, q);
        assert_eq!(ids("attack"), vec!["en1", "en2"]);
        assert_eq!(ids("KIRKUK"), vec!["en1"]);
        assert_eq!(ids("baghdad"), vec!["en2"]);
        assert_eq!(ids("killed soldier"), vec!["en1"]);
        assert!(ids("Mosul").is_empty());
        let r = s.search("soldiers", 10).unwrap();
        assert_eq!(r.results[0].hits[0].text, "soldiers");
        assert!(r.results[0].highlighted.contains("«soldiers»"));
        // title matches rank first: "Government" is in en2's title
        let r = s.search("government", 10).unwrap();
        assert_eq!(r.results[0].id, "en2");
    }
}

#[test]
fn odd_queries_do_not_fail() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        ingest_all(&mut s, corpus());
        for q in [
            "",
            "   ",
            "\"",
            "NEAR(a b)",
            "a* OR",
            "،؟",
            "\u{0}x",
            "attack\"s",
            "-1",
            "کرکوک",
        ] {
            let r = s.search(q, 5);
            assert!(r.is_ok(), "query {q:?}: {:?}", r.err());
        }
        assert_eq!(s.search("", 5).unwrap().total, 0);
    }
}

#[test]
fn failing_document_mid_batch_leaves_the_rest() {
    for t in targets() {
        eprintln!("backend: {t}");
        let db = t.db("failing");
        let mut s = Store::open(&db.0).unwrap();
        s.batch_size = 3;
        let docs: Vec<Document> = (0..10)
            .map(|i| raw(&format!("d{i}"), "t", &format!("نص رقم {i} عن بغداد")))
            .collect();
        let mut failed = 0;
        for (i, d) in docs.iter().cloned().enumerate() {
            let r = s.ingest(d, |d| {
                if i == 4 {
                    anyhow::bail!("annotator failed")
                }
                annotate(d)
            });
            if r.is_err() {
                failed += 1;
            }
        }
        s.commit().unwrap();
        assert_eq!(failed, 1);
        assert_eq!(s.count().unwrap(), 9);
        assert!(s.get("d4").unwrap().is_none());
        assert!(s.check_consistency().unwrap().is_empty());
        // rerun completes it
        let c = ingest_all(&mut s, docs);
        assert_eq!((c.new, c.unchanged), (1, 9));
        assert_eq!(s.count().unwrap(), 10);
        assert_eq!(s.search("بغداد", 20).unwrap().total, 10);
    }
}

#[test]
fn a_write_failing_half_way_is_undone_whole() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        s.batch_size = 100;
        s.inject_fault(Fault::BeforeFts, 2);
        let c = ingest_all(&mut s, corpus());
        assert_eq!((c.new, c.failed), (4, 1));
        // the third document (ar3) left nothing: no row, no annotations
        assert!(s.get("ar3").unwrap().is_none());
        let st = s.stats().unwrap();
        assert_eq!((st.documents, st.entities, st.events), (4, 4, 4));
        assert!(s.check_consistency().unwrap().is_empty());
        let c = ingest_all(&mut s, corpus());
        assert_eq!((c.new, c.unchanged), (1, 4));
        assert_eq!(s.search("وزارة", 5).unwrap().results[0].id, "ar3");
    }
}

#[test]
fn dropping_the_store_mid_batch_loses_only_that_batch() {
    for t in targets() {
        eprintln!("backend: {t}");
        let db = t.db("drop");
        let docs: Vec<Document> = (0..25)
            .map(|i| {
                raw(
                    &format!("d{i}"),
                    "t",
                    &format!("Report {i} about an attack in Mosul"),
                )
            })
            .collect();
        {
            let mut s = Store::open(&db.0).unwrap();
            s.batch_size = 10;
            for d in docs.iter().cloned() {
                s.ingest(d, annotate).unwrap();
            }
            // no commit: like a process killed before the end
        }
        let mut s = Store::open(&db.0).unwrap();
        assert_eq!(s.count().unwrap(), 20);
        assert!(s.check_consistency().unwrap().is_empty());
        let c = ingest_all(&mut s, docs);
        assert_eq!((c.new, c.unchanged), (5, 20));
        assert_eq!(s.count().unwrap(), 25);
        assert_eq!(s.search("mosul", 50).unwrap().total, 25);
    }
}

#[test]
fn stats_count_by_kind() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        ingest_all(&mut s, corpus());
        let run = s.start_run().unwrap();
        s.finish_run(
            run,
            &Counts {
                read: 5,
                unchanged: 5,
                ..Default::default()
            },
        )
        .unwrap();
        let st = s.stats().unwrap();
        assert_eq!(st.documents, 5);
        assert_eq!(st.documents_by_lang.get("ar"), Some(&3));
        assert_eq!(st.documents_by_lang.get("en"), Some(&2));
        assert_eq!(st.entities_by_type.get("LOC"), Some(&3));
        assert_eq!(st.entities_by_type.get("ORG"), Some(&2));
        assert_eq!(st.events_by_type.get("ASSAULT"), Some(&5));
        assert_eq!(st.actors, 1);
        assert_eq!(st.actors_known, 1);
        assert_eq!(st.actor_mentions, 5);
        assert!(st.actor_aliases >= 2);
        assert_eq!(st.ingest_runs, 1);
        assert_eq!(st.published_first.as_deref(), Some("2017-12-03"));
        assert!(st.db_bytes > 0);
        // JSON form
        let j = serde_json::to_value(&st).unwrap();
        assert_eq!(j["documents"], 5);
    }
}

#[test]
fn reference_article_is_searchable() {
    for t in targets() {
        eprintln!("backend: {t}");
        let p = std::path::Path::new("../../../shared/examples/white-flags.ar.txt");
        let Ok(text) = std::fs::read_to_string(p) else {
            eprintln!("skipping: {} not found", p.display());
            return;
        };
        let mut s = t.store();
        let o = s
            .ingest(raw("white-flags", "الرايات البيض", &text), annotate)
            .unwrap();
        assert_eq!(o, Outcome::New);
        s.commit().unwrap();
        // every hit for a frequent word slices the original text
        for q in ["العراق", "داعش", "كركوك"] {
            let r = s.search(q, 5).unwrap();
            for h in &r.results {
                assert_eq!(
                    chars_slice(&text, h.snippet_start, h.snippet_end),
                    h.snippet
                );
                for x in &h.hits {
                    assert_eq!(chars_slice(&text, x.start, x.end), x.text);
                }
            }
        }
        let stored = s.get("white-flags").unwrap().unwrap();
        assert_eq!(stored.text, text);
    }
}

#[test]
fn reindex_rebuilds_the_same_index() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        ingest_all(&mut s, corpus());
        let before = s.search("الحكومة", 10).unwrap();
        s.reindex().unwrap();
        let after = s.search("الحكومة", 10).unwrap();
        assert_eq!(before.total, after.total);
        assert!(s.check_consistency().unwrap().is_empty());
    }
}

#[test]
fn bench_reports_throughput() {
    let docs = corpus();
    let b = marsad_store::bench::bench_ingest(&docs, &|d| {
        let _ = annotate(d);
    })
    .unwrap();
    assert_eq!(b.docs, 5);
    assert!(b.docs_per_s > 0.0);
    assert!(b.db_bytes > 0);
}

#[test]
fn a_changed_key_derivation_rebuilds_the_index_on_open() {
    for t in targets() {
        eprintln!("backend: {t}");
        let db = t.db("rekey");
        {
            let mut s = Store::open(&db.0).unwrap();
            ingest_all(&mut s, corpus());
            // pretend the index was built by an older text layer
            let clear = if t.is_pg() {
                "DELETE FROM doc_fts;"
            } else {
                "INSERT INTO doc_fts(doc_fts) VALUES ('delete-all');"
            };
            s.conn()
                .execute_batch(&format!(
                    "{clear} UPDATE meta SET value = 'old' WHERE key = 'keys_version';"
                ))
                .unwrap();
            assert_eq!(s.search("بغداد", 10).unwrap().total, 0);
        }
        let mut s = Store::open(&db.0).unwrap();
        assert_eq!(s.search("بغداد", 10).unwrap().total, 2);
        let kv: String = s
            .conn()
            .query_row(
                "SELECT value FROM meta WHERE key = 'keys_version'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kv, marsad_store::keys::fingerprint());
        assert!(s.check_consistency().unwrap().is_empty());
    }
}

#[test]
fn ranking_prefers_title_and_frequent_matches() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        let docs = vec![
            raw(
                "once",
                "Weather",
                "Rain fell over the region; one convoy passed near Mosul late at night.",
            ),
            raw(
                "often",
                "Market news",
                "Mosul traders said Mosul prices rose as Mosul roads reopened to Mosul.",
            ),
            raw(
                "title",
                "Mosul",
                "Reconstruction continued in the old city.",
            ),
            raw("none", "Other", "Nothing about that city here."),
        ];
        ingest_all(&mut s, docs);
        let r = s.search("mosul", 10).unwrap();
        let ids: Vec<&str> = r.results.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, vec!["title", "often", "once"]);
        assert!(r.results[0].score < r.results[2].score);
    }
}

#[test]
fn documents_prepared_while_a_copy_is_in_flight_are_not_stored_twice() {
    for t in targets() {
        eprintln!("backend: {t}");
        use marsad_store::Prepared;
        let mut s = t.store();
        let mut pending = Vec::new();
        for d in [
            raw("a", "T", EN1),
            raw("a", "T", EN1),
            raw("b", "T", EN1),
            raw("c", "T", EN2),
        ] {
            match s.prepare(d).unwrap() {
                Prepared::Annotate(p) => pending.push(p),
                Prepared::Done(o) => panic!("nothing stored yet, got {o:?}"),
            }
        }
        let mut outcomes = Vec::new();
        for mut p in pending {
            annotate(&mut p.doc).unwrap();
            outcomes.push(s.store(p).unwrap());
        }
        s.commit().unwrap();
        assert_eq!(
            outcomes,
            vec![
                Outcome::New,
                Outcome::Unchanged,
                Outcome::Duplicate("a".into()),
                Outcome::New
            ]
        );
        assert_eq!(s.count().unwrap(), 2);
        assert!(s.check_consistency().unwrap().is_empty());
    }
}

fn generated(i: usize) -> Document {
    let text = if i % 2 == 0 {
        format!("قالت مصادر أمنية إن هجوماً استهدف نقطة تفتيش قرب كركوك رقم {i}، وقتل جنديان.")
    } else {
        format!("Security sources said attack number {i} hit a checkpoint near Kirkuk, killing two soldiers.")
    };
    raw(&format!("gen-{i}"), &format!("report {i}"), &text)
}

const CHILD_ENV: &str = "MARSAD_STORE_KILL_CHILD_DB";
const CHILD_BATCH: usize = 7;

/// Helper for `a_killed_ingest_leaves_a_consistent_database`: ingests
/// forever into the database named by the environment; run only as a child.
#[test]
#[ignore]
fn child_ingest_until_killed() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut s = Store::open(&path).unwrap();
    s.batch_size = CHILD_BATCH;
    for i in 0..1_000_000 {
        s.ingest(generated(i), annotate).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

#[test]
fn a_killed_ingest_leaves_a_consistent_database() {
    for t in targets() {
        eprintln!("backend: {t}");
        let db = t.db("killed");
        let exe = std::env::current_exe().unwrap();
        let mut child = std::process::Command::new(exe)
            .args([
                "--exact",
                "child_ingest_until_killed",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &db.0)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // wait until a few batches are committed, then kill -9 mid-batch
        let started = std::time::Instant::now();
        loop {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let n: i64 = if t.is_pg() {
                Store::open(&db.0)
                    .and_then(|s| s.count())
                    .map_or(0, |n| n as i64)
            } else {
                rusqlite::Connection::open(&db.0)
                    .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
                    .unwrap_or(0)
            };
            if n >= 5 * CHILD_BATCH as i64 || started.elapsed().as_secs() > 120 {
                break;
            }
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let mut s = Store::open(&db.0).unwrap();
        assert!(s.check_consistency().unwrap().is_empty());
        let stored = s.count().unwrap() as usize;
        assert!(stored >= 5 * CHILD_BATCH, "child stored only {stored}");
        assert_eq!(stored % CHILD_BATCH, 0, "only whole batches survive a kill");
        // every stored document is whole: its annotations are there
        assert_eq!(s.stats().unwrap().events as usize, stored);
        // a rerun over the same input completes it
        let total = stored + 10;
        let c = ingest_all(&mut s, (0..total).map(generated).collect());
        assert_eq!(
            (c.new as usize, c.unchanged as usize, c.failed),
            (total - stored, stored, 0)
        );
        assert_eq!(s.count().unwrap() as usize, total);
        assert_eq!(
            s.search("كركوك", 1000).unwrap().total as usize,
            (total + 1) / 2
        );
        assert!(s.check_consistency().unwrap().is_empty());
    }
}

#[test]
fn odd_documents_are_stored_and_searchable() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        let giant = "وقصفت بغداد. ".repeat(40_000);
        let docs = vec![
            raw("giant", "giant", &giant),
            raw("nul", "nul", "a\u{0}b بغداد"),
            raw(
                "marks",
                "marks",
                "\u{064B}\u{064B}\u{0640} \u{200F}\u{202E} x",
            ),
            raw("emoji", "emoji", "🔥🔥 💥"),
            raw("empty", "", ""),
        ];
        let c = ingest_all(&mut s, docs);
        assert_eq!((c.new, c.failed), (5, 0));
        let r = s.search("بغداد", 10).unwrap();
        assert_eq!(r.total, 2);
        let g = r.results.iter().find(|h| h.id == "giant").unwrap();
        assert_eq!(
            chars_slice(&giant, g.snippet_start, g.snippet_end),
            g.snippet
        );
        assert!(g.hits.len() >= 10);
        assert_eq!(s.get("nul").unwrap().unwrap().text, "a\u{0}b بغداد");
        assert!(s.search("💥", 10).unwrap().results.is_empty());
        assert!(s.check_consistency().unwrap().is_empty());
    }
}

#[test]
fn search_filters_and_pages() {
    for t in targets() {
        eprintln!("backend: {t}");
        use marsad_store::SearchOptions;
        let mut s = t.store();
        let mut docs = Vec::new();
        for (i, (lang_text, date)) in [
            ("هجوم في كركوك", "2017-11-30"),
            ("هجوم آخر في كركوك", "2017-12-15"),
            ("Attack in Kirkuk", "2017-12-31"),
            ("Kirkuk attack again", "2018-01-02"),
        ]
        .iter()
        .enumerate()
        {
            let mut d = raw(&format!("f{i}"), "t", lang_text);
            d.published = Some(date.to_string());
            docs.push(d);
        }
        ingest_all(&mut s, docs);
        let ids = |q: &str, o: SearchOptions| -> (u64, Vec<String>) {
            let r = s.search_with(q, &o).unwrap();
            let mut v: Vec<String> = r.results.into_iter().map(|h| h.id).collect();
            v.sort();
            (r.total, v)
        };
        let o = |lang: Option<&str>, from: Option<&str>, to: Option<&str>| SearchOptions {
            lang: lang.map(String::from),
            from: from.map(String::from),
            to: to.map(String::from),
            ..Default::default()
        };
        assert_eq!(ids("kirkuk", o(None, None, None)).1, vec!["f2", "f3"]);
        assert_eq!(ids("kirkuk", o(Some("ar"), None, None)).0, 0);
        assert_eq!(
            ids("كركوك", o(Some("ar"), Some("2017-12"), None)),
            (1, vec!["f1".to_string()])
        );
        assert_eq!(
            ids("kirkuk", o(None, None, Some("2017-12"))),
            (1, vec!["f2".to_string()])
        );
        assert_eq!(
            ids("kirkuk", o(None, Some("2018"), Some("2018"))),
            (1, vec!["f3".to_string()])
        );
        // paging
        let all = s
            .search_with(
                "kirkuk",
                &SearchOptions {
                    limit: 1,
                    ..Default::default()
                },
            )
            .unwrap();
        let next = s
            .search_with(
                "kirkuk",
                &SearchOptions {
                    limit: 1,
                    offset: 1,
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(
            (all.total, all.results.len(), next.results.len()),
            (2, 1, 1)
        );
        assert_ne!(all.results[0].id, next.results[0].id);
    }
}

#[test]
fn components_migrate_their_own_tables_by_version() {
    for t in targets() {
        eprintln!("backend: {t}");
        let db = t.db("component");
        let v1: &[&str] =
            &["CREATE TABLE incidents (id INTEGER PRIMARY KEY, label TEXT NOT NULL);"];
        let v2: &[&str] = &[
            v1[0],
            "ALTER TABLE incidents ADD COLUMN fatalities INTEGER;",
        ];
        {
            let mut s = Store::open(&db.0).unwrap();
            assert_eq!(s.migrate_component("incidents", v1).unwrap(), 1);
            s.conn()
                .execute("INSERT INTO incidents(label) VALUES ('x')", [])
                .unwrap();
            // idempotent
            assert_eq!(s.migrate_component("incidents", v1).unwrap(), 1);
        }
        let mut s = Store::open(&db.0).unwrap();
        assert_eq!(s.migrate_component("incidents", v2).unwrap(), 2);
        let (label, f): (String, Option<i64>) = s
            .conn()
            .query_row("SELECT label, fatalities FROM incidents", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((label.as_str(), f), ("x", None));
        // an older binary refuses the newer component schema
        assert!(s.migrate_component("incidents", v1).is_err());
        // a failing migration leaves the version where it was
        let bad: &[&str] = &[v2[0], v2[1], "CREATE TABLE broken (;"];
        assert!(s.migrate_component("incidents", bad).is_err());
        assert_eq!(s.migrate_component("incidents", v2).unwrap(), 2);
    }
}

#[test]
fn a_document_updated_twice_in_one_batch_is_indexed_once_as_its_last_version() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        s.batch_size = 100;
        for text in [
            "first version about Mosul",
            "second version about Basra",
            "third version about Kirkuk",
        ] {
            s.ingest(raw("same", "t", text), annotate).unwrap();
        }
        s.commit().unwrap();
        assert_eq!(s.count().unwrap(), 1);
        assert_eq!(s.search("kirkuk", 5).unwrap().total, 1);
        assert_eq!(s.search("mosul", 5).unwrap().total, 0);
        assert_eq!(s.search("basra", 5).unwrap().total, 0);
        assert!(s.check_consistency().unwrap().is_empty());
    }
}

#[test]
fn quoted_words_must_be_adjacent() {
    for t in targets() {
        eprintln!("backend: {t}");
        let mut s = t.store();
        ingest_all(&mut s, corpus());
        let ids = |q: &str| -> (u64, Vec<String>) {
            let r = s.search(q, 10).unwrap();
            (r.total, r.results.into_iter().map(|h| h.id).collect())
        };
        assert_eq!(ids("\"وزارة الداخلية\""), (1, vec!["ar3".to_string()]));
        assert_eq!(ids("\"الداخلية وزارة\"").0, 0);
        let r = s.search("\"وزارة الداخلية\"", 10).unwrap();
        assert!(
            r.results[0].highlighted.contains("«ووزارة الداخلية»"),
            "{}",
            r.results[0].highlighted
        );
        assert_eq!(r.results[0].hits.len(), 2);
        assert_eq!(
            ids("\"checkpoint near Kirkuk\""),
            (1, vec!["en1".to_string()])
        );
        assert_eq!(ids("\"Kirkuk checkpoint\"").0, 0);
        // without quotes the order does not matter
        assert_eq!(ids("Kirkuk checkpoint").0, 1);
        // a phrase plus a free word; clitics inside phrases still absorbed
        assert_eq!(ids("\"للحكومة إن\" الموصل"), (1, vec!["ar1".to_string()]));
        assert_eq!(ids("\"الحكومة إن\"").0, 1);
    }
}

/// A reader (every `serve` request, `marsad search`) opens the store and
/// reads while an ingest batch holds the write lock, without waiting for it:
/// the writer keeps its batch open until the reader has reported (or a
/// generous bound has passed, which fails the test), so the outcome does not
/// depend on timing.
#[test]
fn a_reader_opens_and_reads_while_a_batch_holds_the_write_lock() {
    use std::sync::mpsc;
    use std::time::Duration;
    for t in targets() {
        eprintln!("backend: {t}");
        let db = t.db("lockfree");
        let mut w = Store::open(&db.0).unwrap();
        w.batch_size = 1000;
        w.ingest(raw("c1", "committed", "Gunmen attacked a checkpoint in Mosul"), annotate).unwrap();
        w.commit().unwrap();
        // an open batch: the write lock is held from here until commit
        w.ingest(raw("c2", "in flight", "Gunmen attacked a checkpoint in Kirkuk"), annotate).unwrap();
        if t.is_pg() {
            let c = marsad_store::db::Connection::connect_pg(&db.location()).unwrap();
            let free: bool = c
                .query_row("SELECT pg_try_advisory_lock(?1)", [marsad_store::db::PG_WRITE_LOCK], |r| r.get(0))
                .unwrap();
            assert!(!free, "the open batch holds the advisory write lock");
        }
        let (tx, rx) = mpsc::channel();
        let loc = db.0.clone();
        let reader = std::thread::spawn(move || {
            let r = Store::open(&loc).and_then(|s| Ok((s.count()?, s.search("gunmen", 10)?.total)));
            let _ = tx.send(r.map_err(|e| format!("{e:#}")));
        });
        let got = rx.recv_timeout(Duration::from_secs(120));
        // only now does the writer let go
        w.commit().unwrap();
        reader.join().unwrap();
        let got = got.expect("the reader waited for the writer's lock");
        assert_eq!(got, Ok((1, 1)), "the reader sees the committed document only");
        assert_eq!(Store::open(&db.0).unwrap().count().unwrap(), 2);
    }
}
