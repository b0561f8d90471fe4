//! The `marsad` binary: a thin command line over the pipeline crates.
//! Each command group lives in `cmd/<group>.rs`; the pipeline itself is in
//! `pipeline.rs`.

mod cmd;
pub mod examples;
mod pipeline;

mod allocator;

/// mimalloc instead of glibc's allocator: annotation allocates many small,
/// short-lived strings and vectors per token, and glibc's malloc and free
/// took 15–18 % of the instructions on long articles (callgrind); the
/// allocator cannot change any output. Through `allocator::Mi`, which asks
/// mimalloc's plain `mi_malloc` for the usual alignments (see there).
#[global_allocator]
static ALLOC: allocator::Mi = allocator::Mi;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "marsad", version, about = "Arabic-native event extraction from conflict news: who did what to whom, where, when, according to whom.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate documents and print them as JSON Lines.
    Extract(cmd::extract::ExtractArgs),
    /// Print a readable report of one article (the bundled example when no file is given).
    Analyze(cmd::analyze::AnalyzeArgs),
    /// Extract and store documents in the SQLite database.
    Ingest(cmd::store::IngestArgs),
    /// Arabic-aware full-text search over stored documents.
    Search(cmd::store::SearchArgs),
    /// Summarise what the database holds.
    Stats(cmd::store::StatsArgs),
    /// List incidents (event reports merged across documents) with filters.
    Events(cmd::dataset::EventsArgs),
    /// Export incidents: ACLED-style CSV, PLOVER JSON Lines, GeoJSON or Parquet.
    Export(cmd::dataset::ExportArgs),
    /// Ingest throughput on a generated corpus (full extraction and merging).
    BenchIngest(cmd::dataset::BenchIngestArgs),
    /// Throughput benchmarks of the pipeline stages.
    Bench(cmd::bench::BenchArgs),
    /// Train models.
    Train {
        #[command(subcommand)]
        what: TrainWhat,
    },
    /// Named-entity tagging (`--conll` for CoNLL in/out).
    Ner(cmd::ner::NerArgs),
    /// Evaluate against gold data.
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Show, for every event candidate, the detection model's verdict and the features that decided it.
    Explain(cmd::detect::ExplainArgs),
    /// Look a place name up in the shipped gazetteer.
    Geocode(cmd::places::GeocodeArgs),
    /// Find and normalise dates and times in a text.
    Dates(cmd::time::DatesArgs),
    /// Look an actor up in the shipped knowledge base.
    Actors(cmd::actors::ActorsArgs),
    /// HTTP API and map dashboard over a database.
    Serve(cmd::serve::ServeArgs),
    /// Reviewers and their tokens, revision history, review queue.
    Review {
        #[command(subcommand)]
        what: cmd::review::ReviewCmd,
    },
}

#[derive(Subcommand)]
enum TrainWhat {
    /// Train the Arabic named-entity tagger.
    Ner(cmd::ner::TrainArgs),
    /// Learn Brown word clusters (NER tagger features) from unlabelled text.
    Clusters(cmd::clusters::TrainClustersArgs),
    /// Train the document topic classifier on articles filed by section.
    Topic(cmd::detect::TrainTopicArgs),
    /// Train the event detection model on hand-labelled candidates.
    Events(cmd::detect::TrainEventsArgs),
    /// Train the argument ranker (actor, recipient) on hand-annotated sentences.
    Args(cmd::detect::TrainArgsArgs),
}

#[derive(Subcommand)]
enum EvalWhat {
    /// Entity-level precision/recall/F1 on CoNLL gold.
    Ner(cmd::ner::EvalArgs),
    /// Event type, actor and recipient agreement on JSON Lines gold.
    Events(cmd::events::EvalArgs),
    /// The pipeline scored per field against reviewed events (gold from `marsad export --reviewed`).
    Reviewed(cmd::review::EvalReviewedArgs),
}

/// Die quietly when the reader of our output goes away (`marsad search x |
/// head`), as Unix tools do, instead of panicking inside `println!`.
#[cfg(unix)]
fn default_sigpipe() {
    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    const SIGPIPE: i32 = 13;
    const SIG_DFL: usize = 0;
    // SAFETY: restoring the default disposition of one signal, before any
    // other thread exists.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

fn main() {
    let cli = Cli::parse();
    // Not for the server: a client that hangs up must not end it.
    #[cfg(unix)]
    if !matches!(cli.command, Command::Serve(_)) {
        default_sigpipe();
    }
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Analyze(a) => cmd::analyze::run(a),
        Command::Ingest(a) => cmd::store::ingest(a),
        Command::Search(a) => cmd::store::search(a),
        Command::Stats(a) => cmd::store::stats(a),
        Command::Events(a) => cmd::dataset::events(a),
        Command::Export(a) => cmd::dataset::export(a),
        Command::BenchIngest(a) => cmd::dataset::bench_ingest(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Train { what: TrainWhat::Ner(a) } => cmd::ner::train(a),
        Command::Train { what: TrainWhat::Clusters(a) } => cmd::clusters::train(a),
        Command::Train { what: TrainWhat::Topic(a) } => cmd::detect::train_topic(a),
        Command::Train { what: TrainWhat::Events(a) } => cmd::detect::train_events(a),
        Command::Train { what: TrainWhat::Args(a) } => cmd::detect::train_args(a),
        Command::Explain(a) => cmd::detect::explain(a),
        Command::Ner(a) => cmd::ner::run(a),
        Command::Eval { what: EvalWhat::Ner(a) } => cmd::ner::eval(a),
        Command::Eval { what: EvalWhat::Events(a) } => cmd::events::eval(a),
        Command::Geocode(a) => cmd::places::geocode(a),
        Command::Dates(a) => cmd::time::run(a),
        Command::Actors(a) => cmd::actors::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Review { what } => cmd::review::run(what),
        Command::Eval { what: EvalWhat::Reviewed(a) } => cmd::review::eval_reviewed(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("marsad: error: {e:#}");
            std::process::exit(2);
        }
    }
}
