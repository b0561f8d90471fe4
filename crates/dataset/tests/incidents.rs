//! End to end: documents through the real pipeline into a store, then
//! incidents, links, queries and exports.

use marsad_core::Document;
use marsad_dataset::export::{self, Format, ACLED_COLUMNS};
use marsad_dataset::{EventFilter, IncidentSummary};
use marsad_pipeline::Pipeline;
use marsad_store::testing::{targets, Target};
use marsad_store::Store;

const NEWS: &[(&str, &str, &str, &str)] = &[
    ("reuters-1", "2023-03-14", "https://www.reuters.com/world/kirkuk-1", "A car bomb exploded in a crowded market in Kirkuk on Tuesday, killing five people and wounding 12 others, police said. No group claimed responsibility for the attack."),
    ("afp-1", "2023-03-14", "https://www.afp.com/en/kirkuk", "At least six people were killed when a car bomb went off in a busy market in the northern Iraqi city of Kirkuk on Tuesday, security sources said."),
    ("jazeera-1", "2023-03-14", "https://www.aljazeera.net/news/kirkuk", "قتل خمسة أشخاص وأصيب 12 آخرون يوم الثلاثاء في انفجار سيارة مفخخة في سوق مزدحم في مدينة كركوك شمالي العراق، بحسب الشرطة."),
    ("asharq-1", "2023-03-15", "https://aawsat.com/kirkuk", "لقي ستة أشخاص مصرعهم أمس الثلاثاء في تفجير سيارة مفخخة استهدف سوقا شعبيا في كركوك."),
    ("reuters-2", "2023-03-14", "https://www.reuters.com/world/basra", "Hundreds of protesters gathered in Basra on Tuesday to demand better electricity services, witnesses said."),
    ("afp-2", "2023-03-14", "https://www.afp.com/en/mosul", "Gunmen shot dead two soldiers at a checkpoint in Mosul on Tuesday, a security official said."),
];

fn doc(id: &str, date: &str, src: &str, text: &str) -> Document {
    let mut d = Document::new(id, text);
    d.published = Some(date.into());
    d.source = Some(src.into());
    d
}

fn tmp_db(t: &Target, name: &str) -> std::path::PathBuf {
    if t.is_pg() {
        return t.db(name).0.clone(); // a fresh schema on the test server
    }
    let p = std::env::temp_dir().join(format!("marsad-dataset-{}-{name}.db", std::process::id()));
    for s in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", p.display()));
    }
    p
}

fn ingest(store: &mut Store, docs: &[(&str, &str, &str, &str)]) {
    for (id, date, src, text) in docs {
        store
            .ingest(doc(id, date, src, text), |d| {
                Ok(Pipeline::global()?.annotate(d)?)
            })
            .unwrap();
    }
}

fn all(store: &Store) -> Vec<IncidentSummary> {
    let mut f = EventFilter::default();
    f.ascending = true;
    let (n, v) = marsad_dataset::events(store.conn(), &f).unwrap();
    assert_eq!(n as usize, v.len());
    v
}

fn without_time(mut v: Vec<IncidentSummary>) -> Vec<IncidentSummary> {
    for s in &mut v {
        s.updated_at = 0;
    }
    v
}

fn kirkuk(v: &[IncidentSummary]) -> Vec<&IncidentSummary> {
    v.iter()
        .filter(|s| {
            s.documents
                .iter()
                .any(|d| d == "reuters-1" || d == "jazeera-1")
        })
        .collect()
}

#[test]
fn outlets_merge_into_one_incident_and_reingest_changes_nothing() {
    for t in targets() {
        eprintln!("backend: {t}");
        let path = tmp_db(&t, "merge");
        let mut store = marsad_dataset::open(&path).unwrap();
        ingest(&mut store, NEWS);
        let st = marsad_dataset::sync(&mut store).unwrap();
        assert_eq!(st.documents, 6);
        let v = all(&store);
        let k = kirkuk(&v);
        assert_eq!(k.len(), 1, "the Kirkuk bombing is one incident: {k:#?}");
        let k = k[0];
        for d in ["reuters-1", "afp-1", "jazeera-1", "asharq-1"] {
            assert!(
                k.documents.iter().any(|x| x == d),
                "{d} reports the Kirkuk bombing: {:?}",
                k.documents
            );
        }
        assert_eq!(k.fatalities, Some(5), "the most conservative figure");
        assert_eq!(k.country.as_deref(), Some("IRQ"));
        assert_eq!(k.date.as_deref(), Some("2023-03-14"));
        assert!(
            k.sources.iter().any(|s| s == "aljazeera.net")
                && k.sources.iter().any(|s| s == "reuters.com")
        );
        // the other events stay apart
        let basra = v
            .iter()
            .find(|s| s.documents == ["reuters-2"])
            .expect("the Basra protest");
        assert_eq!(basra.kind, "PROTEST");
        assert!(
            v.iter().any(|s| s.documents == ["afp-2"]),
            "the Mosul shooting"
        );
        assert!(v
            .iter()
            .all(|s| !(s.documents.contains(&"afp-2".to_string())
                && s.documents.contains(&"afp-1".to_string()))));

        // the incident with its reports and evidence
        let inc = marsad_dataset::incident(store.conn(), k.id)
            .unwrap()
            .unwrap();
        assert_eq!(inc.reports.len() as i64, k.n_reports);
        for r in &inc.reports {
            let d = store.get(&r.doc).unwrap().unwrap();
            assert_eq!(
                d.slice(r.sentence.start as usize, r.sentence.end as usize),
                r.sentence.text
            );
            assert_eq!(
                d.slice(r.trigger.start as usize, r.trigger.end as usize),
                r.trigger.text
            );
            assert!(r.event.get("type").is_some());
        }
        assert!(marsad_dataset::incident(store.conn(), 999_999)
            .unwrap()
            .is_none());

        // re-ingest and re-sync: nothing changes
        let before = without_time(all(&store));
        ingest(&mut store, NEWS);
        let st = marsad_dataset::sync(&mut store).unwrap();
        assert_eq!(st.documents, 0);
        assert_eq!(without_time(all(&store)), before);

        // cleared and merged again from scratch: the same incidents (new ids)
        marsad_dataset::clear(&mut store).unwrap();
        assert!(all(&store).is_empty());
        marsad_dataset::sync(&mut store).unwrap();
        let ids = |v: Vec<IncidentSummary>| -> Vec<IncidentSummary> {
            without_time(v)
                .into_iter()
                .map(|mut s| {
                    s.id = 0;
                    s
                })
                .collect()
        };
        assert_eq!(ids(all(&store)), ids(before.clone()));

        // an updated document leaves the incident it no longer reports
        ingest(
            &mut store,
            &[(
                "asharq-1",
                "2023-03-15",
                "https://aawsat.com/kirkuk",
                "تظاهر مئات الأشخاص في بيروت يوم الأحد.",
            )],
        );
        marsad_dataset::sync(&mut store).unwrap();
        let v = all(&store);
        let k = kirkuk(&v);
        assert_eq!(k.len(), 1);
        assert!(!k[0].documents.iter().any(|d| d == "asharq-1"));
        assert_eq!(k[0].n_documents, 3);
        drop(store);
        let _ = std::fs::remove_file(&path);
    }
}

#[test]
fn incremental_equals_batch_and_filters_work() {
    for t in targets() {
        eprintln!("backend: {t}");
        let (p1, p2) = (tmp_db(&t, "inc1"), tmp_db(&t, "inc2"));
        let mut a = marsad_dataset::open(&p1).unwrap();
        ingest(&mut a, NEWS);
        marsad_dataset::sync(&mut a).unwrap();
        let mut b = marsad_dataset::open(&p2).unwrap();
        for d in NEWS {
            ingest(&mut b, std::slice::from_ref(d));
            marsad_dataset::sync_new(&mut b).unwrap();
        }
        assert_eq!(without_time(all(&a)), without_time(all(&b)));

        let c = a.conn();
        let q = |f: EventFilter| marsad_dataset::events(c, &f).unwrap().0;
        let total = q(EventFilter::default());
        assert!(total >= 3);
        assert_eq!(
            q(EventFilter {
                kind: Some("PROTEST".into()),
                ..Default::default()
            }),
            1
        );
        assert_eq!(
            q(EventFilter {
                kind: Some("protests".into()),
                ..Default::default()
            }),
            1
        );
        assert_eq!(
            q(EventFilter {
                country: Some("iq".into()),
                ..Default::default()
            }),
            q(EventFilter {
                country: Some("IRQ".into()),
                ..Default::default()
            })
        );
        assert_eq!(
            q(EventFilter {
                country: Some("LBN".into()),
                ..Default::default()
            }),
            0
        );
        assert!(
            q(EventFilter {
                min_fatalities: Some(5),
                ..Default::default()
            }) >= 1
        );
        assert_eq!(
            q(EventFilter {
                min_fatalities: Some(500),
                ..Default::default()
            }),
            0
        );
        assert_eq!(
            q(EventFilter {
                date_from: Some("2023-04".into()),
                ..Default::default()
            }),
            0
        );
        assert_eq!(
            q(EventFilter {
                date_from: Some("2023-03-14".into()),
                date_to: Some("2023-03".into()),
                ..Default::default()
            }),
            total
        );
        // Kirkuk is at 44.39E 35.47N
        assert!(
            q(EventFilter {
                bbox: Some([44.0, 35.0, 45.0, 36.0]),
                ..Default::default()
            }) >= 1
        );
        assert_eq!(
            q(EventFilter {
                bbox: Some([0.0, 0.0, 1.0, 1.0]),
                ..Default::default()
            }),
            0
        );
        assert!(
            q(EventFilter {
                text: Some("كركوك".into()),
                ..Default::default()
            }) >= 1
        );
        assert!(marsad_dataset::events(
            c,
            &EventFilter {
                date_from: Some("yesterday".into()),
                ..Default::default()
            }
        )
        .is_err());
        assert!(marsad_dataset::events(
            c,
            &EventFilter {
                bbox: Some([1.0, 0.0, 0.0, 1.0]),
                ..Default::default()
            }
        )
        .is_err());
        let page = marsad_dataset::events(
            c,
            &EventFilter {
                limit: Some(1),
                offset: 1,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!((page.0, page.1.len()), (total, 1));
        let (n, actors) = marsad_dataset::actors(c, None, 100, 0).unwrap();
        assert!(n > 0 && !actors.is_empty());
        let detail = marsad_dataset::actor(c, &actors[0].id).unwrap().unwrap();
        assert!(!detail.aliases.is_empty());
        assert!(marsad_dataset::actor(c, "kb:nobody").unwrap().is_none());
        drop((a, b));
        let _ = std::fs::remove_file(&p1);
        let _ = std::fs::remove_file(&p2);
    }
}

#[test]
fn near_duplicates_are_linked() {
    for t in targets() {
        eprintln!("backend: {t}");
        let path = tmp_db(&t, "dup");
        let mut s = marsad_dataset::open(&path).unwrap();
        let text = NEWS[2].3;
        let copy = format!("{text} (رويترز)");
        ingest(
            &mut s,
            &[
                NEWS[2],
                ("copy-1", "2023-03-14", "https://example.org/x", &copy),
                NEWS[4],
            ],
        );
        let st = marsad_dataset::sync(&mut s).unwrap();
        assert_eq!(st.near_duplicates, 1);
        let (doc, of): (String, String) = s
            .conn()
            .query_row(
                "SELECT a.id, b.id FROM doc_links l JOIN documents a ON a.pk = l.doc JOIN documents b ON b.pk = l.duplicate_of",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((doc.as_str(), of.as_str()), ("copy-1", "jazeera-1"));
        drop(s);
        let _ = std::fs::remove_file(&path);
    }
}

#[test]
fn exports_parse() {
    for t in targets() {
        eprintln!("backend: {t}");
        let path = tmp_db(&t, "export");
        let mut s = marsad_dataset::open(&path).unwrap();
        ingest(&mut s, NEWS);
        marsad_dataset::sync(&mut s).unwrap();
        let n = all(&s).len();
        let f = EventFilter::default();

        let mut csv_out = Vec::new();
        export::export(s.conn(), &f, Format::Csv, &mut csv_out).unwrap();
        let mut r = csv::Reader::from_reader(csv_out.as_slice());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, ACLED_COLUMNS);
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), n);
        let k = rows
            .iter()
            .find(|r| &r[21] == "Kirkuk")
            .expect("Kirkuk row");
        assert_eq!(&k[1], "2023-03-14");
        assert_eq!(&k[15], "368");
        assert_eq!(&k[16], "Middle East");
        assert_eq!(&k[17], "Iraq");
        assert_eq!(&k[28], "5");
        assert_eq!(&k[24], "1");
        assert!(k[0].starts_with("IRQ"));

        let mut j = Vec::new();
        export::export(s.conn(), &f, Format::Jsonl, &mut j).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(j)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), n);
        for key in [
            "event_type",
            "mode",
            "context",
            "actor",
            "actor_country",
            "recipient",
            "date",
            "location",
            "fatalities",
        ] {
            assert!(lines[0].get(key).is_some(), "{key}");
        }

        let mut g = Vec::new();
        let feats = export::export(s.conn(), &f, Format::Geojson, &mut g).unwrap();
        let g: serde_json::Value = serde_json::from_slice(&g).unwrap();
        assert_eq!(g["type"], "FeatureCollection");
        let fs = g["features"].as_array().unwrap();
        assert_eq!(fs.len() as u64, feats);
        assert!(!fs.is_empty());
        for x in fs {
            assert_eq!(x["geometry"]["type"], "Point");
            let c = x["geometry"]["coordinates"].as_array().unwrap();
            let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
            assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        }

        // parquet: write, then read back with the parquet crate's reader
        let pq =
            std::env::temp_dir().join(format!("marsad-dataset-{}.parquet", std::process::id()));
        let file = std::fs::File::create(&pq).unwrap();
        assert_eq!(
            export::export_parquet(s.conn(), &f, file).unwrap() as usize,
            n
        );
        {
            use parquet::file::reader::{FileReader, SerializedFileReader};
            let r = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
            let meta = r.metadata();
            assert_eq!(meta.file_metadata().num_rows() as usize, n);
            let names: Vec<String> = meta
                .file_metadata()
                .schema_descr()
                .columns()
                .iter()
                .map(|c| c.name().to_string())
                .collect();
            assert_eq!(names, ACLED_COLUMNS);
            let mut found = false;
            for row in r.get_row_iter(None).unwrap() {
                let row = row.unwrap();
                let loc = row
                    .get_column_iter()
                    .find(|(k, _)| k.as_str() == "location")
                    .map(|(_, v)| v.to_string());
                let fat = row
                    .get_column_iter()
                    .find(|(k, _)| k.as_str() == "fatalities")
                    .map(|(_, v)| v.to_string());
                if loc.as_deref() == Some("\"Kirkuk\"") {
                    assert_eq!(fat.as_deref(), Some("5"));
                    found = true;
                }
            }
            assert!(found);
        }
        // pandas, when installed
        let py = std::process::Command::new("python3")
            .arg("-c")
            .arg("import sys, pandas as pd; d = pd.read_parquet(sys.argv[1]); print(len(d), list(d.columns)[0])")
            .arg(&pq)
            .output();
        match py {
            Ok(o) if o.status.success() => {
                let out = String::from_utf8_lossy(&o.stdout);
                assert_eq!(out.trim(), format!("{n} event_id_cnty"));
            }
            _ => eprintln!("pandas/pyarrow not available: skipping the pandas check"),
        }
        let _ = std::fs::remove_file(&pq);
        drop(s);
        let _ = std::fs::remove_file(&path);
    }
}
