//! `marsad extract`: read documents, run the pipeline, print JSON Lines.
use crate::examples::EXAMPLES;
use marsad_pipeline::Pipeline;
use anyhow::Result;
use clap::Args;
use marsad_input::{Format, InputError, InputOptions, Item};
use std::io::{self, IsTerminal, Write};
use std::time::Instant;

/// Options shared by the commands that read documents.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Input format instead of detecting it: text, html, jsonl or rss.
    #[arg(long = "input-format", value_name = "FORMAT")]
    pub input_format: Option<Format>,
    /// JSON field holding the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,
    /// JSON field holding the document id.
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub id_field: String,
    /// JSON field holding the publication date [default: `date`, then `published`].
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,
    /// JSON field holding the title.
    #[arg(long, default_value = "title", value_name = "FIELD")]
    pub title_field: String,
}

impl InputArgs {
    pub fn options(&self) -> InputOptions {
        InputOptions {
            format: self.input_format,
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            date_field: self.date_field.clone(),
            title_field: self.title_field.clone(),
        }
    }
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or directories (read recursively); `-` for standard input.
    /// Without any, the bundled example articles.
    pub paths: Vec<String>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Include tokens (with their normalised and clitic-free keys).
    #[arg(long)]
    pub tokens: bool,
    /// Indented JSON, one document after another (for humans, not JSON Lines).
    #[arg(long)]
    pub pretty: bool,
    /// No progress display and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Annotation threads [default: one per core]. The output is the same
    /// whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
}

/// The bundled examples as input items (ids `examples/<file name>`).
pub fn bundled(opts: &InputOptions) -> Vec<Item> {
    EXAMPLES
        .iter()
        .flat_map(|e| marsad_input::read_named(&format!("examples/{}", e.name), e.text.as_bytes(), opts))
        .collect()
}

/// A one-line progress display on stderr; drawn only when stderr is a terminal.
pub struct Progress {
    on: bool,
    total: usize,
    start: Instant,
    last: Option<Instant>,
    shown: bool,
}

impl Progress {
    pub fn new(on: bool, total: usize) -> Self {
        Progress { on, total, start: Instant::now(), last: None, shown: false }
    }
    pub fn update(&mut self, files_done: usize, docs: usize, errors: usize) {
        if !self.on || self.last.is_some_and(|t| t.elapsed().as_millis() < 100) {
            return;
        }
        self.last = Some(Instant::now());
        let width = 30;
        let filled = (files_done * width).checked_div(self.total).unwrap_or(width).min(width);
        eprint!(
            "\r\x1b[2K[{}{}] {}/{} files, {} docs, {} errors, {:.1}s",
            "#".repeat(filled),
            "-".repeat(width - filled),
            files_done,
            self.total,
            docs,
            errors,
            self.start.elapsed().as_secs_f64()
        );
        let _ = io::stderr().flush();
        self.shown = true;
    }
    /// Erase the line (before printing a message, and at the end).
    pub fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            let _ = io::stderr().flush();
            self.shown = false;
            self.last = None;
        }
    }
}

fn report(progress: &mut Progress, e: &dyn std::fmt::Display) {
    progress.clear();
    eprintln!("marsad: error: {e}");
}

/// One input on its way through the workers, with the index of its file
/// (for the progress display).
enum Done {
    /// The document's JSON, ready to write, and its length in characters.
    Json(Vec<u8>, usize),
    /// A document or file that could not be read or annotated.
    Failed(String),
}

/// Documents annotated together, each stage over all of them before the
/// next ([`Pipeline::annotate_batch`]): a stage's tables and code then stay
/// in the cache from one document to the next, where one document through
/// every stage evicted them (issue 12, session 26). The output is the same
/// whatever the batch. Standard input goes one document at a time, so that
/// a document read is written without waiting for the next ones.
const BATCH: usize = marsad_pipeline::BATCH;

/// Annotate a batch of input items; each item's result, in input order.
fn annotate_batch(pipeline: &Pipeline, items: Vec<(usize, Item)>, tokens: bool, pretty: bool) -> Vec<(usize, Done)> {
    let mut out: Vec<(usize, Option<Done>)> = Vec::with_capacity(items.len());
    let mut docs = Vec::with_capacity(items.len());
    for (fi, item) in items {
        match item {
            Ok(raw) => {
                docs.push(raw.into_document());
                out.push((fi, None));
            }
            Err(e) => out.push((fi, Some(Done::Failed(e.to_string())))),
        }
    }
    let annotated = pipeline.annotate_batch(&mut docs);
    let mut done = docs.into_iter().zip(annotated).map(|(mut doc, r)| {
        if let Err(e) = r {
            let place = doc.source.as_deref().unwrap_or(&doc.id);
            return Done::Failed(format!("{place}: {e}"));
        }
        if !tokens {
            doc.tokens.clear();
        }
        let mut json = if pretty { serde_json::to_vec_pretty(&doc) } else { serde_json::to_vec(&doc) }
            .expect("a document always serialises");
        json.push(b'\n');
        Done::Json(json, doc.char_len())
    });
    // the documents' results in the places left for them
    out.into_iter().map(|(fi, d)| (fi, d.unwrap_or_else(|| done.next().expect("one result per document")))).collect()
}

pub fn run(a: ExtractArgs) -> Result<i32> {
    // a batch that ends with its input: freed pages are kept for the next
    // documents instead of being returned and faulted in again
    crate::allocator::keep_freed_memory();
    let opts = a.input.options();
    let start = Instant::now();
    let pipeline = Pipeline::global()?.clone();
    // Work list: one entry per file (or the bundled examples as one).
    let files: Vec<Result<String, InputError>> =
        if a.paths.is_empty() { vec![Ok(String::new())] } else { marsad_input::expand(&a.paths) };
    if a.paths.iter().any(|p| p == "-") && io::stdin().is_terminal() && !a.quiet {
        eprintln!("marsad: reading standard input (end with Ctrl-D)");
    }
    let mut progress = Progress::new(!a.quiet && io::stderr().is_terminal(), files.len());
    // every document of every file, read on this thread as the workers need more
    let items = files.iter().enumerate().flat_map(|(fi, file)| {
        let items: Box<dyn Iterator<Item = Item>> = match file {
            Ok(p) if p.is_empty() => Box::new(bundled(&opts).into_iter()),
            Ok(p) => marsad_input::read_file(p, &opts),
            Err(e) => Box::new(std::iter::once(Err(e.clone()))),
        };
        items.map(move |item| (fi, item))
    });
    // annotation and JSON on the workers, a batch of documents at a time;
    // results in input order
    let (tokens, pretty) = (a.tokens, a.pretty);
    let batch = if a.paths.iter().any(|p| p == "-") { 1 } else { BATCH };
    let results = marsad_pipeline::ordered_map(marsad_pipeline::batches(items, batch), a.threads.unwrap_or(0), move |items| {
        annotate_batch(&pipeline, items, tokens, pretty)
    })
    .flatten();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut docs, mut errors, mut chars) = (0usize, 0usize, 0usize);
    for (fi, done) in results {
        match done {
            Done::Failed(msg) => {
                errors += 1;
                report(&mut progress, &msg);
            }
            Done::Json(json, n) => {
                chars += n;
                docs += 1;
                if let Err(e) = out.write_all(&json) {
                    if e.kind() == io::ErrorKind::BrokenPipe {
                        break;
                    }
                    return Err(e.into());
                }
            }
        }
        progress.update(fi, docs, errors);
    }
    progress.update(files.len(), docs, errors);
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    progress.clear();
    if !a.quiet {
        let nfiles = if a.paths.is_empty() { EXAMPLES.len() } else { files.iter().filter(|f| f.is_ok()).count() };
        eprintln!(
            "marsad extract: {docs} document{} from {nfiles} file{}{}, {chars} characters, {errors} error{}, {:.2}s",
            if docs == 1 { "" } else { "s" },
            if nfiles == 1 { "" } else { "s" },
            if a.paths.is_empty() { " (bundled examples)" } else { "" },
            if errors == 1 { "" } else { "s" },
            start.elapsed().as_secs_f64()
        );
    }
    Ok(if errors > 0 { 1 } else { 0 })
}
