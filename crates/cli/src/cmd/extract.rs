//! `marsad extract`: read documents, run the pipeline, print JSON Lines.
use crate::examples::EXAMPLES;
use crate::pipeline::Pipeline;
use anyhow::Result;
use clap::Args;
use marsad_core::Document;
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
}

/// The bundled examples as input items (ids `examples/<file name>`).
pub fn bundled(opts: &InputOptions) -> Vec<Item> {
    EXAMPLES
        .iter()
        .flat_map(|e| marsad_input::read_named(&format!("examples/{}", e.name), e.text.as_bytes(), opts))
        .collect()
}

/// Run the pipeline on a document; a panic in a stage becomes an error.
pub fn annotate(p: &Pipeline, doc: &mut Document) -> std::result::Result<(), String> {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| p.annotate(doc)));
    std::panic::set_hook(prev);
    r.map_err(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("internal error while annotating (a pipeline stage panicked: {msg}); document skipped")
    })
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

pub fn run(a: ExtractArgs) -> Result<i32> {
    let opts = a.input.options();
    let start = Instant::now();
    let pipeline = Pipeline::global()?;
    // Work list: one entry per file (or the bundled examples as one).
    let files: Vec<Result<String, InputError>> =
        if a.paths.is_empty() { vec![Ok(String::new())] } else { marsad_input::expand(&a.paths) };
    if a.paths.iter().any(|p| p == "-") && io::stdin().is_terminal() && !a.quiet {
        eprintln!("marsad: reading standard input (end with Ctrl-D)");
    }
    let mut progress = Progress::new(!a.quiet && io::stderr().is_terminal(), files.len());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut docs, mut errors, mut chars) = (0usize, 0usize, 0usize);
    'files: for (fi, file) in files.iter().enumerate() {
        let items: Box<dyn Iterator<Item = Item>> = match file {
            Ok(p) if p.is_empty() => Box::new(bundled(&opts).into_iter()),
            Ok(p) => marsad_input::read_file(p, &opts),
            Err(e) => {
                errors += 1;
                report(&mut progress, e);
                continue;
            }
        };
        for item in items {
            let mut doc = match item {
                Ok(raw) => raw.into_document(),
                Err(e) => {
                    errors += 1;
                    report(&mut progress, &e);
                    continue;
                }
            };
            if let Err(msg) = annotate(pipeline, &mut doc) {
                errors += 1;
                let place = doc.source.clone().unwrap_or_else(|| doc.id.clone());
                report(&mut progress, &format!("{place}: {msg}"));
                continue;
            }
            if !a.tokens {
                doc.tokens.clear();
            }
            chars += doc.char_len();
            docs += 1;
            let written = if a.pretty {
                serde_json::to_writer_pretty(&mut out, &doc).map_err(io::Error::from)
            } else {
                serde_json::to_writer(&mut out, &doc).map_err(io::Error::from)
            }
            .and_then(|_| out.write_all(b"\n"));
            if let Err(e) = written {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    break 'files;
                }
                return Err(e.into());
            }
            progress.update(fi, docs, errors);
        }
        progress.update(fi + 1, docs, errors);
    }
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
