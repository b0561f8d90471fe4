//! The review loop end to end on real pipeline output: decisions, versions
//! and conflicts, roles, merge/split/move, re-ingest keeping decisions,
//! flags when the machine changes its mind, exports and gold.

use marsad_core::Document;
use marsad_dataset::review::{self, EventRequest, IncidentRequest};
use marsad_dataset::{review_io, EventFilter};
use marsad_pipeline::Pipeline;
use marsad_store::review::{self as rv, ReviewError, Reviewer, Role};
use marsad_store::testing::{targets, Target};
use marsad_store::Store;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const NEWS: &[(&str, &str, &str, &str)] = &[
    ("reuters-1", "2023-03-14", "https://www.reuters.com/world/kirkuk-1", "A car bomb exploded in a crowded market in Kirkuk on Tuesday, killing five people and wounding 12 others, police said. No group claimed responsibility for the attack."),
    ("afp-1", "2023-03-14", "https://www.afp.com/en/kirkuk", "At least six people were killed when a car bomb went off in a busy market in the northern Iraqi city of Kirkuk on Tuesday, security sources said."),
    ("reuters-2", "2023-03-14", "https://www.reuters.com/world/basra", "Hundreds of protesters gathered in Basra on Tuesday to demand better electricity services, witnesses said."),
    ("afp-2", "2023-03-14", "https://www.afp.com/en/mosul", "Gunmen shot dead two soldiers at a checkpoint in Mosul on Tuesday, a security official said."),
];

fn tmp_db(t: &Target, name: &str) -> std::path::PathBuf {
    if t.is_pg() {
        return t.db(name).0.clone(); // a fresh schema on the test server
    }
    let p = std::env::temp_dir().join(format!("marsad-review-{}-{name}.db", std::process::id()));
    for s in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", p.display()));
    }
    p
}

fn ingest(store: &mut Store) {
    for (id, date, src, text) in NEWS {
        let mut d = Document::new(*id, *text);
        d.published = Some((*date).into());
        d.source = Some((*src).into());
        store
            .ingest(d, |d| Ok(Pipeline::global()?.annotate(d)?))
            .unwrap();
    }
    marsad_dataset::sync(store).unwrap();
}

fn setup(t: &Target, name: &str) -> (Store, Reviewer, Reviewer) {
    let mut store = marsad_dataset::open(tmp_db(t, name)).unwrap();
    store.set_pipeline("marsad-test");
    ingest(&mut store);
    let c = store.conn();
    rv::add_reviewer(c, "amal", Role::Analyst).unwrap();
    rv::add_reviewer(c, "badr", Role::Adjudicator).unwrap();
    (
        store,
        Reviewer {
            name: "amal".into(),
            role: Role::Analyst,
        },
        Reviewer {
            name: "badr".into(),
            role: Role::Adjudicator,
        },
    )
}

fn incidents(store: &Store) -> Vec<marsad_dataset::IncidentSummary> {
    marsad_dataset::events(
        store.conn(),
        &EventFilter {
            ascending: true,
            ..Default::default()
        },
    )
    .unwrap()
    .1
}

fn incident_of(store: &Store, doc: &str) -> marsad_dataset::IncidentSummary {
    incidents(store)
        .into_iter()
        .find(|s| s.documents.iter().any(|d| d == doc))
        .unwrap_or_else(|| panic!("no incident of {doc}"))
}

fn uid_of(store: &Store, doc: &str) -> String {
    let s = incident_of(store, doc);
    let st = review::incident_state(store.conn(), s.id).unwrap().unwrap();
    st.reports
        .iter()
        .find(|r| r.doc == doc)
        .unwrap()
        .uid
        .clone()
}

fn req(uid: &str, version: i64, action: &str, fields: Value, reason: Option<&str>) -> EventRequest {
    EventRequest {
        uid: uid.into(),
        version,
        action: action.into(),
        fields: fields.as_object().cloned().unwrap_or_default(),
        reason: reason.map(String::from),
        ..Default::default()
    }
}

fn kind(e: &anyhow::Error) -> Option<ReviewError> {
    e.downcast_ref::<ReviewError>().cloned()
}

#[test]
fn edit_reject_restore_with_versions_and_history() {
    for t in targets() {
        eprintln!("backend: {t}");
        let (store, amal, badr) = setup(&t, "edit");
        let c = store.conn();
        let uid = uid_of(&store, "afp-2");
        let st = review::event_state(c, &uid).unwrap().unwrap();
        assert_eq!((st.status.as_str(), st.version), ("unreviewed", 0));
        assert!(
            st.sentence.as_ref().unwrap().text.contains("Gunmen"),
            "{:?}",
            st.sentence
        );

        // correct the actor: the incident follows
        let e = review::review_event(
            c,
            &amal,
            &req(
                &uid,
                0,
                "edit",
                json!({"actor": "Islamic State"}),
                Some("wrong actor"),
            ),
        )
        .unwrap();
        assert_eq!((e.status.as_str(), e.version), ("edited", 1));
        assert_eq!(e.edited, vec!["actor".to_string()]);
        let inc = incident_of(&store, "afp-2");
        assert_eq!(
            inc.actor.as_ref().and_then(|a| a.name.as_deref()),
            Some("Islamic State")
        );

        // a second analyst with the stale version gets a conflict naming the first
        let err = review::review_event(
            c,
            &badr,
            &req(
                &uid,
                0,
                "edit",
                json!({"fatalities": 3}),
                Some("wrong count"),
            ),
        )
        .unwrap_err();
        match kind(&err) {
            Some(ReviewError::Conflict {
                current: 1,
                expected: 0,
                by: Some(by),
                ..
            }) => assert_eq!(by, "amal"),
            other => panic!("expected a conflict, got {other:?} ({err:#})"),
        }
        assert_eq!(
            review::event_state(c, &uid).unwrap().unwrap().fields["fatalities"],
            json!(2),
            "nothing written on conflict"
        );

        // reject, then restore: the report leaves its incident and comes back with its edit
        let e = review::review_event(c, &amal, &req(&uid, 1, "reject", json!({}), None)).unwrap();
        assert_eq!(e.status, "rejected");
        assert!(
            incidents(&store)
                .iter()
                .all(|s| !s.documents.iter().any(|d| d == "afp-2")),
            "a rejected report is in no incident"
        );
        let dels = review::deletions(c).unwrap();
        assert_eq!(
            dels.len(),
            1,
            "the emptied incident is in the deletions list: {dels:?}"
        );
        let e = review::review_event(c, &amal, &req(&uid, 2, "restore", json!({}), None)).unwrap();
        assert_eq!((e.status.as_str(), e.version), ("edited", 3));
        assert_eq!(
            incident_of(&store, "afp-2").actor.and_then(|a| a.name),
            Some("Islamic State".into())
        );
        assert_eq!(
            incident_of(&store, "afp-2").id,
            dels[0].incident,
            "the restored report gets its incident id back"
        );

        // bad input is refused with a clear message
        let err = review::review_event(
            c,
            &amal,
            &req(&uid, 3, "edit", json!({"colour": "red"}), None),
        )
        .unwrap_err();
        assert!(
            matches!(kind(&err), Some(ReviewError::Bad { .. })),
            "{err:#}"
        );
        let err = review::review_event(
            c,
            &amal,
            &req(&uid, 3, "edit", json!({"fatalities": 1}), Some("because")),
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("unknown reason"), "{err:#}");

        // history: newest first, attributed, with diffs, append-only
        let (n, h) = rv::history(c, Some("event"), Some(&uid), 10, 0).unwrap();
        assert_eq!(n, 3);
        assert_eq!(
            h.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
            ["restore", "reject", "edit"]
        );
        assert_eq!(h[2].reason.as_deref(), Some("wrong actor"));
        assert_eq!(h[2].diff["actor"]["to"]["name"], json!("Islamic State"));
        assert!(h
            .iter()
            .all(|r| r.reviewer == "amal" && r.pipeline != "unknown"));
        assert!(c
            .execute("UPDATE revisions SET reviewer = 'x'", [])
            .is_err());
        assert!(c.execute("DELETE FROM revisions", []).is_err());
    }
}

#[test]
fn reingest_keeps_decisions_and_flags_machine_changes() {
    for t in targets() {
        eprintln!("backend: {t}");
        let (mut store, amal, badr) = setup(&t, "reingest");
        let uid = uid_of(&store, "afp-2");
        let basra = uid_of(&store, "reuters-2");
        let before = incident_of(&store, "afp-2").id;
        review::review_event(
            store.conn(),
            &amal,
            &req(
                &uid,
                0,
                "edit",
                json!({"actor": "Islamic State", "fatalities": 3}),
                Some("wrong actor"),
            ),
        )
        .unwrap();
        review::review_event(
            store.conn(),
            &amal,
            &req(&basra, 0, "reject", json!({}), Some("not an event")),
        )
        .unwrap();
        // re-extract everything (as after a pipeline upgrade) and merge again
        store.force = true;
        ingest(&mut store);
        let c = store.conn();
        let e = review::event_state(c, &uid).unwrap().unwrap();
        assert_eq!(
            (e.status.as_str(), e.version, e.fields["fatalities"].clone()),
            ("edited", 1, json!(3))
        );
        assert!(
            e.flags.is_empty(),
            "same machine output, no flag: {:?}",
            e.flags
        );
        let inc = incident_of(&store, "afp-2");
        assert_eq!(inc.id, before, "the incident keeps its id");
        assert_eq!(inc.fatalities, Some(3));
        assert_eq!(inc.actor.and_then(|a| a.name), Some("Islamic State".into()));
        assert!(
            incidents(&store)
                .iter()
                .all(|s| !s.documents.iter().any(|d| d == "reuters-2")),
            "the rejection survives"
        );

        // a new pipeline now says something else: a flag, not a change
        c.execute("UPDATE events SET actor_text = 'Unknown militants', actor_name = NULL, actor_id = NULL, fatalities = 4 WHERE doc = (SELECT pk FROM documents WHERE id = 'afp-2')", []).unwrap();
        marsad_dataset::sync(&mut store).unwrap();
        let c = store.conn();
        let e = review::event_state(c, &uid).unwrap().unwrap();
        assert_eq!(
            e.fields["fatalities"],
            json!(3),
            "the reviewer's value stands"
        );
        assert!(
            e.flags.iter().any(|f| f.contains("fatalities"))
                && e.flags.iter().any(|f| f.contains("actor")),
            "{:?}",
            e.flags
        );
        let (_, q) = review_io::queue(c, 50, 0).unwrap();
        assert_eq!(q[0].uid, uid, "flagged events lead the queue");

        // resolving the conflict: adjudicators only; "machine" takes the new values
        let resolve = |who: &Reviewer, version: i64, how: Option<&str>| {
            let mut r = req(&uid, version, "resolve", json!({}), None);
            r.resolution = how.map(String::from);
            review::review_event(c, who, &r)
        };
        let err = resolve(&amal, 1, Some("machine")).unwrap_err();
        assert!(
            matches!(kind(&err), Some(ReviewError::Forbidden { .. })),
            "{err}"
        );
        let err = resolve(&badr, 1, Some("both")).unwrap_err();
        assert!(matches!(kind(&err), Some(ReviewError::Bad { .. })), "{err}");
        let e = resolve(&badr, 1, Some("machine")).unwrap();
        assert_eq!((e.status.as_str(), e.version), ("accepted", 2));
        assert_eq!(e.fields["fatalities"], json!(4), "the machine's value now");
        assert!(e.flags.is_empty(), "{:?}", e.flags);
        let err = resolve(&badr, 2, Some("keep")).unwrap_err();
        assert!(
            matches!(kind(&err), Some(ReviewError::Bad { .. }))
                && err.to_string().contains("no conflict"),
            "{err}"
        );
        // an incident nobody reviewed has no conflict either
        let inc = incident_of(&store, "afp-2").id;
        let ireq = IncidentRequest {
            action: "resolve".into(),
            resolution: Some("keep".into()),
            ..Default::default()
        };
        let err = review::review_incident(c, &badr, inc, &ireq, "marsad-test").unwrap_err();
        assert!(err.to_string().contains("no conflict"), "{err}");
    }
}

#[test]
fn merge_split_move_need_the_right_role() {
    for t in targets() {
        eprintln!("backend: {t}");
        let (store, amal, badr) = setup(&t, "merge");
        let c = store.conn();
        let kirkuk = incident_of(&store, "reuters-1");
        let mosul = incident_of(&store, "afp-2");
        assert_ne!(kirkuk.id, mosul.id);
        let versions: BTreeMap<i64, i64> = [(kirkuk.id, 0), (mosul.id, 0)].into();
        let err =
            review::merge(c, &amal, kirkuk.id, &[mosul.id], &versions, None, "test").unwrap_err();
        assert!(
            matches!(kind(&err), Some(ReviewError::Forbidden { .. })),
            "{err:#}"
        );
        let merged = review::merge(
            c,
            &badr,
            kirkuk.id,
            &[mosul.id],
            &versions,
            Some("duplicate"),
            "test",
        )
        .unwrap();
        assert!(merged.reports.iter().any(|r| r.doc == "afp-2"));
        assert_eq!(incident_of(&store, "afp-2").id, kirkuk.id);
        let d = review::deletions(c).unwrap();
        assert_eq!(
            (d[0].incident, d[0].merged_into),
            (mosul.id, Some(kirkuk.id))
        );
        assert!(d[0].event_id_cnty.ends_with(&mosul.id.to_string()));
        // stale version after the merge
        let err = review::merge(
            c,
            &badr,
            kirkuk.id,
            &[incident_of(&store, "reuters-2").id],
            &[(kirkuk.id, 0), (incident_of(&store, "reuters-2").id, 0)].into(),
            None,
            "test",
        )
        .unwrap_err();
        assert!(
            matches!(kind(&err), Some(ReviewError::Conflict { .. })),
            "{err:#}"
        );

        // split the Mosul report off again (adjudicator), then an analyst moves it back
        let st = review::incident_state(c, kirkuk.id).unwrap().unwrap();
        let uid = st
            .reports
            .iter()
            .find(|r| r.doc == "afp-2")
            .unwrap()
            .uid
            .clone();
        assert!(review::split(
            c,
            &amal,
            kirkuk.id,
            st.version,
            std::slice::from_ref(&uid),
            None,
            "test"
        )
        .is_err());
        let new = review::split(
            c,
            &badr,
            kirkuk.id,
            st.version,
            std::slice::from_ref(&uid),
            Some("other"),
            "test",
        )
        .unwrap();
        assert!(new.id > mosul.id, "a split never reuses an id");
        assert_eq!(incident_of(&store, "afp-2").id, new.id);
        let ev = review::event_state(c, &uid).unwrap().unwrap();
        let kv = review::incident_state(c, kirkuk.id)
            .unwrap()
            .unwrap()
            .version;
        review::move_report(
            c,
            &amal,
            &uid,
            ev.version,
            kirkuk.id,
            kv,
            Some("duplicate"),
            "test",
        )
        .unwrap();
        assert_eq!(incident_of(&store, "afp-2").id, kirkuk.id);
        assert!(review::deletions(c)
            .unwrap()
            .iter()
            .any(|d| d.incident == new.id && d.merged_into == Some(kirkuk.id)));
    }
}

#[test]
fn incident_review_rejects_and_edits_and_exports_say_so() {
    for t in targets() {
        eprintln!("backend: {t}");
        let (store, amal, _) = setup(&t, "incident");
        let c = store.conn();
        let basra = incident_of(&store, "reuters-2");
        let kirkuk = incident_of(&store, "reuters-1");
        let ir = |version, action: &str, fields: Value| IncidentRequest {
            version,
            action: action.into(),
            fields: fields.as_object().cloned().unwrap_or_default(),
            ..Default::default()
        };
        let st = review::review_incident(
            c,
            &amal,
            kirkuk.id,
            &ir(0, "edit", json!({"fatalities": 7, "place": "Baghdad"})),
            "test",
        )
        .unwrap();
        assert_eq!((st.status.as_str(), st.version), ("edited", 1));
        assert_eq!(
            st.fields["place"]["country"],
            json!("IRQ"),
            "a typed place is geocoded: {:?}",
            st.fields["place"]
        );
        review::review_incident(c, &amal, basra.id, &ir(0, "reject", json!({})), "test").unwrap();
        let err = review::review_incident(c, &amal, basra.id, &ir(0, "accept", json!({})), "test")
            .unwrap_err();
        assert!(matches!(kind(&err), Some(ReviewError::Conflict { .. })));

        let mut csv = Vec::new();
        marsad_dataset::export::export(
            c,
            &EventFilter::default(),
            marsad_dataset::export::Format::Csv,
            &mut csv,
        )
        .unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.lines().next().unwrap().ends_with(",review_status"));
        assert!(
            csv.lines().any(|l| l.contains(&format!(
                "{}{}",
                kirkuk.country.as_deref().unwrap_or("XXX"),
                kirkuk.id
            )) && l.ends_with(",edited")),
            "{csv}"
        );
        assert!(
            !csv.contains(&format!("IRQ{},", basra.id)),
            "a rejected incident is not exported"
        );
        let mut dl = Vec::new();
        marsad_dataset::export::export_deletions(c, &mut dl).unwrap();
        let dl = String::from_utf8(dl).unwrap();
        assert!(
            dl.lines().nth(1).unwrap().starts_with(&format!(
                "{}{},",
                basra.country.as_deref().unwrap_or("XXX"),
                basra.id
            )),
            "{dl}"
        );
        // restore brings it back and off the deletions list
        review::review_incident(c, &amal, basra.id, &ir(1, "restore", json!({})), "test").unwrap();
        assert!(incidents(&store).iter().any(|s| s.id == basra.id));
        assert!(review::deletions(c).unwrap().is_empty());
    }
}

#[test]
fn gold_export_and_agreement() {
    for t in targets() {
        eprintln!("backend: {t}");
        let (store, amal, _) = setup(&t, "gold");
        let c = store.conn();
        let a = uid_of(&store, "afp-2");
        let b = uid_of(&store, "reuters-2");
        review::review_event(
            c,
            &amal,
            &req(
                &a,
                0,
                "edit",
                json!({"actor": "Gunmen", "fatalities": 2}),
                Some("wrong actor"),
            ),
        )
        .unwrap();
        review::review_event(c, &amal, &req(&b, 0, "reject", json!({}), None)).unwrap();
        let mut out = Vec::new();
        assert_eq!(review_io::export_gold(c, &mut out).unwrap(), 2);
        let lines: Vec<review_io::GoldDoc> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let g = lines.iter().find(|g| g.id == "afp-2").unwrap();
        let ev = &g.events[0];
        let chars: Vec<char> = g.text.chars().collect();
        let slice = |s: i64, e: i64| chars[s as usize..e as usize].iter().collect::<String>();
        assert_eq!(slice(ev.trigger.start, ev.trigger.end), ev.trigger.text);
        let actor = &ev.fields["actor"];
        assert_eq!(
            slice(
                actor["start"].as_i64().unwrap(),
                actor["end"].as_i64().unwrap()
            ),
            "Gunmen"
        );
        assert_eq!(
            lines
                .iter()
                .find(|g| g.id == "reuters-2")
                .unwrap()
                .rejected
                .len(),
            1
        );

        // the pipeline scored against the gold: the rejected protest is still reported
        let mut s = review_io::GoldScore::default();
        for g in &lines {
            let mut d = Document::new(g.id.clone(), g.text.clone());
            d.published = g.published.clone();
            Pipeline::global().unwrap().annotate(&mut d).unwrap();
            review_io::score_doc(g, &d.events, &mut s);
        }
        assert_eq!(
            (s.events, s.found, s.rejected, s.still_reported),
            (1, 1, 1, 1)
        );
        assert_eq!(s.fields["fatalities"], (1, 1));
        let ag = review_io::agreement(c).unwrap();
        let all = ag.iter().find(|r| r.period == "all").unwrap();
        assert_eq!(all.reviewed, 2);
        assert_eq!(all.agreement["event"], 0.5);
        assert_eq!(all.agreement["fatalities"], 1.0);
        let _: Map<String, Value> = Map::new();
    }
}

#[test]
fn concurrent_reviewers_lose_no_revision() {
    for t in targets() {
        eprintln!("backend: {t}");
        let db = tmp_db(&t, "concurrent");
        let uid = {
            let (store, _, _) = {
                let mut store = marsad_dataset::open(&db).unwrap();
                ingest(&mut store);
                rv::add_reviewer(store.conn(), "amal", Role::Analyst).unwrap();
                (store, (), ())
            };
            uid_of(&store, "afp-2")
        };
        // 4 analysts, each retrying on conflict until 5 of their edits landed
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let (db, uid) = (db.clone(), uid.clone());
                std::thread::spawn(move || {
                    let store = marsad_dataset::open(&db).unwrap();
                    let who = Reviewer {
                        name: format!("r{t}"),
                        role: Role::Analyst,
                    };
                    let (mut ok, mut conflicts) = (0, 0);
                    while ok < 5 {
                        let v = review::event_state(store.conn(), &uid)
                            .unwrap()
                            .unwrap()
                            .version;
                        match review::review_event(
                            store.conn(),
                            &who,
                            &req(
                                &uid,
                                v,
                                "edit",
                                json!({"injured": t * 100 + ok}),
                                Some("wrong count"),
                            ),
                        ) {
                            Ok(_) => ok += 1,
                            Err(e) if matches!(kind(&e), Some(ReviewError::Conflict { .. })) => {
                                conflicts += 1
                            }
                            Err(e) => panic!("{e:#}"),
                        }
                    }
                    conflicts
                })
            })
            .collect();
        let _conflicts: i32 = threads.into_iter().map(|t| t.join().unwrap()).sum();
        let store = marsad_dataset::open(&db).unwrap();
        let (n, h) = rv::history(store.conn(), Some("event"), Some(&uid), 100, 0).unwrap();
        assert_eq!(n, 20, "every accepted edit left one revision");
        let mut versions: Vec<i64> = h.iter().map(|r| r.version).collect();
        versions.sort();
        assert_eq!(
            versions,
            (1..=20).collect::<Vec<_>>(),
            "versions are consecutive: no overwrite"
        );
        assert_eq!(
            review::event_state(store.conn(), &uid)
                .unwrap()
                .unwrap()
                .version,
            20
        );
    }
}

#[test]
fn a_database_from_before_review_migrates_in_place() {
    for t in targets() {
        eprintln!("backend: {t}");
        let db = tmp_db(&t, "migrate");
        let before = {
            let mut store = marsad_dataset::open(&db).unwrap();
            ingest(&mut store);
            // back to store schema 3 / dataset schema 3: what marsad wrote before issue 15
            store
                .conn()
                .execute_batch(if t.is_pg() {
                    "DROP TABLE reviewers; DROP TABLE revisions; DROP TABLE event_reviews; UPDATE marsad_schema SET version = 3;
                     DROP FUNCTION revisions_append_only();
                     DROP TABLE incident_reviews; DROP TABLE deletions; ALTER TABLE incidents DROP COLUMN review_status;
                     UPDATE meta SET value = '3' WHERE key = 'schema.dataset';"
                } else {
                    "DROP TABLE reviewers; DROP TABLE revisions; DROP TABLE event_reviews; PRAGMA user_version = 3;
                     DROP TABLE incident_reviews; DROP TABLE deletions; ALTER TABLE incidents DROP COLUMN review_status;
                     UPDATE meta SET value = '3' WHERE key = 'schema.dataset';"
                })
                .unwrap();
            assert_eq!(store.schema_version().unwrap(), 3);
            let n: i64 = store
                .conn()
                .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
                .unwrap();
            n
        };
        let mut store = marsad_dataset::open(&db).unwrap();
        assert_eq!(
            store.schema_version().unwrap() as usize,
            marsad_store::schema::MIGRATIONS.len()
        );
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM incidents WHERE review_status = 'unreviewed'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, before, "every incident kept, unreviewed");
        assert!(store.check_consistency().unwrap().is_empty());
        marsad_dataset::sync(&mut store).unwrap();
        rv::add_reviewer(store.conn(), "amal", Role::Analyst).unwrap();
        let uid = uid_of(&store, "afp-2");
        let who = Reviewer {
            name: "amal".into(),
            role: Role::Analyst,
        };
        assert_eq!(
            review::review_event(store.conn(), &who, &req(&uid, 0, "accept", json!({}), None))
                .unwrap()
                .version,
            1
        );
    }
}
