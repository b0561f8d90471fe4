//! marsad-pipeline: the one place that builds marsad's pipeline and runs it.
//!
//! The whole pipeline is the list in [`Pipeline::load`]:
//!
//! ```text
//! text → topic → entities → places → time → actors → events → detect
//! ```
//!
//! Each stage is a [`Stage`] from its own crate and annotates one shared
//! [`Document`]. A stage says which parts of the document it reads and
//! writes ([`Stage::requires`] / [`Stage::assigns`]); building a pipeline
//! ([`Pipeline::new`]) refuses an order in which a stage would read a part
//! that no earlier stage wrote. To add a stage, write it in its crate and
//! put it in the list.
//!
//! - [`Pipeline::annotate`] runs every stage on one document; a stage that
//!   panics becomes an [`AnnotateError`] naming the stage (panics are caught
//!   here and nowhere else).
//! - [`Pipeline::annotate_many`] annotates a stream of documents on several
//!   threads and gives the results back in input order, with a bounded
//!   number in flight ([`parallel`]).
//! - [`ingest`] reads, annotates (in parallel) and stores documents, then
//!   merges incidents: what `marsad ingest` and the server's
//!   `POST /api/ingest` both do.

pub mod bench;
pub mod bench_ingest;
pub mod ingest;
pub mod parallel;

pub use ingest::{ingest, ingest_in_batches, IngestEvent, IngestReport};
pub use parallel::{batches, default_threads, ordered_map, Ordered};

use marsad_core::{Document, Stage};
use std::cell::RefCell;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Once, OnceLock};

/// The pipeline: stages in a checked order. Cloning is cheap (the stages
/// are shared), so worker threads each hold a clone.
#[derive(Clone)]
pub struct Pipeline {
    stages: Arc<[Box<dyn Stage>]>,
}

/// A stage panicked on a document: which stage, and the panic's message
/// and place in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotateError {
    pub stage: &'static str,
    pub message: String,
}

impl fmt::Display for AnnotateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error: the {} stage failed on this document ({}); document skipped", self.stage, self.message)
    }
}

impl std::error::Error for AnnotateError {}

/// A stage list whose order does not work: `stage` requires `part`, which
/// no earlier stage assigns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderError {
    pub stage: &'static str,
    pub part: &'static str,
    /// The stage (later in the list) that assigns `part`, if any.
    pub assigned_by: Option<&'static str>,
}

impl fmt::Display for OrderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.assigned_by {
            Some(later) => write!(
                f,
                "pipeline order: the {} stage requires `{}`, which the {later} stage assigns only after it",
                self.stage, self.part
            ),
            None => write!(f, "pipeline order: the {} stage requires `{}`, which no stage assigns", self.stage, self.part),
        }
    }
}

impl std::error::Error for OrderError {}

/// A stage with declarations given by the list, for a stage whose crate
/// does not declare them itself. Its own declarations, once it makes them,
/// win.
struct Declared<S> {
    stage: S,
    requires: &'static [&'static str],
    assigns: &'static [&'static str],
}

impl<S: Stage> Stage for Declared<S> {
    fn name(&self) -> &'static str {
        self.stage.name()
    }
    fn annotate(&self, doc: &mut Document) {
        self.stage.annotate(doc)
    }
    fn requires(&self) -> &'static [&'static str] {
        let own = self.stage.requires();
        if own.is_empty() && self.stage.assigns().is_empty() {
            self.requires
        } else {
            own
        }
    }
    fn assigns(&self) -> &'static [&'static str] {
        let own = self.stage.assigns();
        if own.is_empty() && self.stage.requires().is_empty() {
            self.assigns
        } else {
            own
        }
    }
}

fn declared<S: Stage + 'static>(stage: S, requires: &'static [&'static str], assigns: &'static [&'static str]) -> Box<dyn Stage> {
    Box::new(Declared { stage, requires, assigns })
}

impl Pipeline {
    /// The full pipeline, every model loaded.
    pub fn load() -> anyhow::Result<Self> {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(marsad_text::TextStage),
            declared(marsad_detect::TopicStage::load()?, &["lang", "tokens"], &["topic"]),
            Box::new(marsad_entities::EntityStage::load()?),
            Box::new(marsad_places::PlaceStage::load()?),
            Box::new(marsad_time::TimeStage::load()?),
            Box::new(marsad_actors::ActorStage::load()?),
            declared(
                marsad_events::EventStage::load(std::sync::Arc::new(marsad_actors::KbPhraseCoder))?,
                &["lang", "sentences", "tokens", "entities", "places", "times", "actors"],
                &["events"],
            ),
            // `detect` keeps the real events among the rule candidates
            declared(marsad_detect::DetectStage::load()?, &["lang", "tokens", "times", "events"], &["events"]),
        ];
        Ok(Pipeline::new(stages)?)
    }

    /// The text and entity stages alone, with a given NER model: what
    /// `marsad ner` runs on plain text.
    pub fn ner(tagger: &'static marsad_entities::Tagger) -> Result<Self, OrderError> {
        Pipeline::new(vec![Box::new(marsad_text::TextStage), Box::new(marsad_entities::EntityStage::with_tagger(tagger))])
    }

    /// A pipeline of the given stages, refused when a stage requires a part
    /// of the document that no earlier stage assigns.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Self, OrderError> {
        for (i, s) in stages.iter().enumerate() {
            for &part in s.requires() {
                if !stages[..i].iter().any(|e| e.assigns().contains(&part)) {
                    let assigned_by = stages[i + 1..].iter().find(|l| l.assigns().contains(&part)).map(|l| l.name());
                    return Err(OrderError { stage: s.name(), part, assigned_by });
                }
            }
        }
        Ok(Pipeline { stages: stages.into() })
    }

    /// The process-wide pipeline, loaded on first use.
    pub fn global() -> anyhow::Result<&'static Pipeline> {
        static P: OnceLock<Pipeline> = OnceLock::new();
        if let Some(p) = P.get() {
            return Ok(p);
        }
        let p = Pipeline::load()?;
        Ok(P.get_or_init(|| p))
    }

    /// Run every stage on `doc`. A stage that panics stops the run: the
    /// error names it, and `doc` is left half annotated (callers skip it).
    pub fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        for s in self.stages.iter() {
            run_stage(s.as_ref(), doc)?;
        }
        Ok(())
    }

    /// Run every stage on each of `docs`, stage by stage (each stage over
    /// all of them before the next), so that a stage's tables stay in the
    /// cache across documents. The same annotations as [`Pipeline::annotate`]
    /// on each document (stages read only their own document; their
    /// per-thread memos never change an answer); a document on which a stage
    /// panics gets no later stage and its error.
    pub fn annotate_batch(&self, docs: &mut [Document]) -> Vec<Result<(), AnnotateError>> {
        let mut out: Vec<Result<(), AnnotateError>> = docs.iter().map(|_| Ok(())).collect();
        for s in self.stages.iter() {
            for (doc, r) in docs.iter_mut().zip(out.iter_mut()) {
                if r.is_ok() {
                    *r = run_stage(s.as_ref(), doc);
                }
            }
        }
        out
    }

    /// Every stage but `detect`: the rule events are candidates, none
    /// rejected. For training and explaining the detection model. Panics
    /// are not caught.
    pub fn annotate_candidates(&self, doc: &mut Document) {
        for s in self.stages.iter().filter(|s| s.name() != "detect") {
            s.annotate(doc);
        }
    }

    /// The stages in order, for tools that time them one by one (`bench`).
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// Annotate documents on `threads` threads (1: on this one), [`BATCH`]
    /// at a time ([`Pipeline::annotate_batch`]). Results come back in input
    /// order, each document with its annotations or the error of the stage
    /// that failed on it; at most a few batches per thread are in flight,
    /// whatever the length of the stream.
    pub fn annotate_many<I>(&self, docs: I, threads: usize) -> impl Iterator<Item = Result<Document, (Document, AnnotateError)>>
    where
        I: IntoIterator,
        I::Item: Into<Document> + Send + 'static,
    {
        let p = self.clone();
        ordered_map(batches(docs, BATCH), threads, move |batch: Vec<I::Item>| {
            let mut batch: Vec<Document> = batch.into_iter().map(Into::into).collect();
            let rs = p.annotate_batch(&mut batch);
            batch.into_iter().zip(rs).map(|(d, r)| match r { Ok(()) => Ok(d), Err(e) => Err((d, e)) }).collect::<Vec<_>>()
        })
        .flatten()
    }
}

/// Documents annotated together by [`Pipeline::annotate_many`], [`ingest`]
/// and `marsad extract` ([`Pipeline::annotate_batch`]: a stage's code and
/// tables stay in the cache across them; issue 12, session 26), cut from
/// their stream by [`batches`].
pub const BATCH: usize = 16;

thread_local! {
    /// Set while a stage runs under [`run_stage`]: the panic hook then keeps
    /// the message here instead of printing it.
    static CAUGHT: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Install, once per process, a panic hook that stays quiet about panics
/// inside a stage (they become an [`AnnotateError`]) and leaves every other
/// panic to the hook that was there before.
fn quiet_stage_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let inside = CAUGHT.with(|c| {
                let mut c = c.borrow_mut();
                match c.as_mut() {
                    Some(slot) => {
                        let msg = info
                            .payload()
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| info.payload().downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown panic".into());
                        *slot = Some(match info.location() {
                            Some(l) => format!("{msg}, at {}:{}", l.file(), l.line()),
                            None => msg,
                        });
                        true
                    }
                    None => false,
                }
            });
            if !inside {
                previous(info);
            }
        }));
    });
}

fn run_stage(stage: &dyn Stage, doc: &mut Document) -> Result<(), AnnotateError> {
    quiet_stage_panics();
    let outer = CAUGHT.with(|c| c.borrow_mut().replace(None));
    let r = panic::catch_unwind(AssertUnwindSafe(|| stage.annotate(doc)));
    let caught = CAUGHT.with(|c| std::mem::replace(&mut *c.borrow_mut(), outer));
    r.map_err(|_| AnnotateError {
        stage: stage.name(),
        message: caught.flatten().unwrap_or_else(|| "unknown panic".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        name: &'static str,
        requires: &'static [&'static str],
        assigns: &'static [&'static str],
        panics: bool,
    }

    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.name
        }
        fn annotate(&self, doc: &mut Document) {
            if self.panics {
                panic!("boom in {}", doc.id);
            }
            doc.title = Some(format!("{}{}", doc.title.clone().unwrap_or_default(), self.name));
        }
        fn requires(&self) -> &'static [&'static str] {
            self.requires
        }
        fn assigns(&self) -> &'static [&'static str] {
            self.assigns
        }
    }

    fn fake(name: &'static str, requires: &'static [&'static str], assigns: &'static [&'static str]) -> Box<dyn Stage> {
        Box::new(Fake { name, requires, assigns, panics: false })
    }

    #[test]
    fn misordered_stages_are_refused() {
        let ok = Pipeline::new(vec![fake("text", &[], &["tokens"]), fake("places", &["tokens"], &["places"])]);
        assert!(ok.is_ok());
        let err = Pipeline::new(vec![fake("places", &["tokens"], &["places"]), fake("text", &[], &["tokens"])])
            .err()
            .expect("places before text must be refused");
        assert_eq!(err, OrderError { stage: "places", part: "tokens", assigned_by: Some("text") });
        assert!(err.to_string().contains("only after it"), "{err}");
        let err = Pipeline::new(vec![fake("events", &["actors"], &["events"])]).err().unwrap();
        assert_eq!(err.assigned_by, None);
    }

    #[test]
    fn the_real_pipeline_is_in_order() {
        let p = Pipeline::global().unwrap();
        let names: Vec<&str> = p.stages().iter().map(|s| s.name()).collect();
        assert_eq!(names, ["text", "topic", "entities", "places", "time", "actors", "events", "detect"]);
        for s in p.stages() {
            assert!(!s.assigns().is_empty(), "{} declares what it assigns", s.name());
            for part in s.requires().iter().chain(s.assigns()) {
                assert!(Document::PARTS.contains(part), "{}: unknown part {part}", s.name());
            }
        }
        // swapping places and entities breaks the order
        let mut stages: Vec<Box<dyn Stage>> = vec![
            Box::new(marsad_text::TextStage),
            Box::new(marsad_places::PlaceStage::load().unwrap()),
            Box::new(marsad_entities::EntityStage::load().unwrap()),
        ];
        let err = Pipeline::new(std::mem::take(&mut stages)).err().unwrap();
        assert_eq!((err.stage, err.part, err.assigned_by), ("places", "entities", Some("entities")));
    }

    #[test]
    fn a_panicking_stage_is_named_and_the_rest_go_on() {
        let p = Pipeline::new(vec![
            fake("first", &[], &["tokens"]),
            Box::new(Fake { name: "broken", requires: &["tokens"], assigns: &["events"], panics: true }),
        ])
        .unwrap();
        let mut d = Document::new("doc-7", "x");
        let e = p.annotate(&mut d).unwrap_err();
        assert_eq!(e.stage, "broken");
        assert!(e.message.starts_with("boom in doc-7, at "), "{}", e.message);
        assert!(e.to_string().contains("the broken stage failed"), "{e}");
        // the thread is fine, and so is a pipeline that does not panic
        let ok = Pipeline::new(vec![fake("a", &[], &[]), fake("b", &[], &[])]).unwrap();
        let mut d = Document::new("d", "x");
        ok.annotate(&mut d).unwrap();
        assert_eq!(d.title.as_deref(), Some("ab"));
    }

    /// A batch gives each document what annotating it alone gives, a
    /// document on which a stage panics gets that stage's error and no later
    /// stage, and the other documents of the batch go on.
    #[test]
    fn a_batch_is_each_document_alone() {
        struct PanicOn(&'static str);
        impl Stage for PanicOn {
            fn name(&self) -> &'static str {
                "picky"
            }
            fn annotate(&self, doc: &mut Document) {
                assert!(doc.id != self.0, "no {}", self.0);
                doc.title = Some(format!("{}p", doc.title.clone().unwrap_or_default()));
            }
        }
        let p = Pipeline::new(vec![fake("a", &[], &[]), Box::new(PanicOn("2")), fake("b", &[], &[])]).unwrap();
        let docs: Vec<Document> = (0..5).map(|i| Document::new(i.to_string(), "t")).collect();
        let mut batch = docs.clone();
        let rs = p.annotate_batch(&mut batch);
        for (i, (mut alone, (b, r))) in docs.into_iter().zip(batch.iter().zip(&rs)).enumerate() {
            let r1 = p.annotate(&mut alone);
            assert_eq!(r.as_ref().map_err(|e| e.stage), r1.as_ref().map_err(|e| e.stage), "doc {i}");
            assert_eq!(b.title, alone.title, "doc {i}");
        }
        assert_eq!(batch[2].title.as_deref(), Some("a"));
        assert_eq!(batch[3].title.as_deref(), Some("apb"));
    }

    #[test]
    fn annotate_many_keeps_input_order_and_reports_failures_in_place() {
        struct FailOn3;
        impl Stage for FailOn3 {
            fn name(&self) -> &'static str {
                "picky"
            }
            fn annotate(&self, doc: &mut Document) {
                assert!(doc.id != "3", "no 3");
                // uneven work, so that threads finish out of order
                let n: u64 = (0..(doc.id.len() as u64 * 20_000 * (doc.id.as_bytes()[0] as u64 % 5))).sum();
                doc.title = Some(format!("{}:{}", doc.id, n % 7));
            }
        }
        let p = Pipeline::new(vec![Box::new(FailOn3)]).unwrap();
        let docs: Vec<Document> = (0..200).map(|i| Document::new(i.to_string(), "t")).collect();
        let one: Vec<_> = p.annotate_many(docs.clone(), 1).map(|r| r.map_err(|(d, e)| (d.id, e.stage))).collect();
        let four: Vec<_> = p.annotate_many(docs, 4).map(|r| r.map_err(|(d, e)| (d.id, e.stage))).collect();
        assert_eq!(one.len(), 200);
        assert_eq!(one, four);
        assert_eq!(one[3].as_ref().unwrap_err(), &("3".to_string(), "picky"));
        assert_eq!(one[17].as_ref().unwrap().id, "17");
    }
}
