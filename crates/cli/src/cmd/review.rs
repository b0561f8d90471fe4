//! `marsad review ...` (reviewers, history, queue), the reviewed side of
//! `marsad export` (`--reviewed` gold JSON Lines, `--deletions`), and
//! `marsad eval reviewed --gold FILE` (the pipeline scored per field
//! against reviewed events). The review loop itself is in
//! `marsad-dataset` (`review`, `review_io`) and `marsad-store` (`review`).

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use marsad_core::Document;
use marsad_store::review::{self as rv, Role};
use std::io::Write;

#[derive(Subcommand)]
pub enum ReviewCmd {
    /// Add a reviewer (or give one a new role and token); prints the token once.
    AddUser(AddUserArgs),
    /// List reviewers.
    Users(DbArg),
    /// Withdraw a reviewer's token (their revisions stay attributed).
    Disable(NameArgs),
    /// The revision history, newest first.
    History(HistoryArgs),
    /// The review queue, most needed first.
    Queue(QueueArgs),
}

#[derive(Args)]
pub struct DbArg {
    /// SQLite database file, or a PostgreSQL server: postgres://user@host:port/db.
    #[arg(long, default_value = "marsad.db")]
    pub db: String,
}

#[derive(Args)]
pub struct AddUserArgs {
    pub name: String,
    /// analyst or adjudicator (adjudicators also merge, split and resolve conflicts).
    #[arg(long, default_value = "analyst")]
    pub role: String,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct NameArgs {
    pub name: String,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct HistoryArgs {
    /// Only revisions of events or of incidents.
    #[arg(long)]
    pub target: Option<String>,
    /// Only revisions of this event (DOC:START-END) or incident (number).
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: u64,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct QueueArgs {
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArg,
}

fn open(db: &str) -> Result<marsad_store::Store> {
    if !marsad_store::db::is_pg_url(db) && !std::path::Path::new(db).exists() {
        bail!("no database {db} (run marsad ingest first)");
    }
    let mut s = marsad_dataset::open(db)?;
    marsad_dataset::sync(&mut s)?;
    Ok(s)
}

pub fn run(cmd: ReviewCmd) -> Result<i32> {
    match cmd {
        ReviewCmd::AddUser(a) => {
            let role: Role = a.role.parse().map_err(anyhow::Error::msg)?;
            let store = open(&a.db.db)?;
            let token = rv::add_reviewer(store.conn(), &a.name, role)?;
            eprintln!("reviewer {} ({}) added; give them this token (it is not stored, only its hash):", a.name, role.as_str());
            println!("{token}");
        }
        ReviewCmd::Users(a) => {
            let store = open(&a.db)?;
            for r in rv::reviewers(store.conn())? {
                println!("{}\t{}\t{}\t{}", r.name, r.role, r.created_at, if r.active { "active" } else { "disabled" });
            }
        }
        ReviewCmd::Disable(a) => {
            let store = open(&a.db.db)?;
            if !rv::disable_reviewer(store.conn(), &a.name)? {
                eprintln!("marsad: no reviewer {}", a.name);
                return Ok(1);
            }
        }
        ReviewCmd::History(a) => {
            let store = open(&a.db.db)?;
            let (total, revs) = rv::history(store.conn(), a.target.as_deref(), a.id.as_deref(), a.limit, 0)?;
            for r in &revs {
                println!(
                    "#{} {} {} {} {} {} v{} {} {}",
                    r.rev,
                    r.at,
                    r.reviewer,
                    r.action,
                    r.target,
                    r.target_id,
                    r.version,
                    r.reason.as_deref().unwrap_or("-"),
                    r.diff
                );
            }
            eprintln!("{} of {total} revisions", revs.len());
        }
        ReviewCmd::Queue(a) => {
            let store = open(&a.db.db)?;
            let (total, items) = marsad_dataset::review_io::queue(store.conn(), a.limit, 0)?;
            if a.json {
                println!("{}", serde_json::json!({"total": total, "items": items}));
            } else {
                for i in &items {
                    println!("{:.2}\t{}\t{}\t{}\t{}", i.need, i.uid, i.kind, i.trigger, i.why.join("; "));
                }
                eprintln!("{} of {total} events to review", items.len());
            }
        }
    }
    Ok(0)
}

/// `marsad export --reviewed` / `--deletions`: write to `output` or stdout.
pub fn export_reviewed(db: &str, deletions: bool, output: Option<&str>) -> Result<i32> {
    let store = open(db)?;
    let mut w: Box<dyn Write> = match output {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).with_context(|| format!("cannot create {p}"))?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let n = if deletions {
        marsad_dataset::export::export_deletions(store.conn(), &mut w)?
    } else {
        marsad_dataset::review_io::export_gold(store.conn(), &mut w)?
    };
    w.flush()?;
    if let Some(p) = output {
        eprintln!("{n} {} → {p}", if deletions { "deleted incidents" } else { "reviewed events" });
    }
    Ok(0)
}

#[derive(Args)]
pub struct EvalReviewedArgs {
    /// Gold JSON Lines from `marsad export --reviewed`.
    #[arg(long)]
    pub gold: String,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Run the pipeline over each gold document and score it per field against
/// the reviewed events.
pub fn eval_reviewed(a: EvalReviewedArgs) -> Result<i32> {
    let raw = std::fs::read_to_string(&a.gold).with_context(|| format!("reading {}", a.gold))?;
    let pipe = crate::pipeline::Pipeline::global()?;
    let mut s = marsad_dataset::review_io::GoldScore::default();
    for (i, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let g: marsad_dataset::review_io::GoldDoc =
            serde_json::from_str(line).with_context(|| format!("{}:{}: not a gold line of marsad export --reviewed", a.gold, i + 1))?;
        let mut d = Document::new(g.id.clone(), g.text.clone());
        d.title = g.title.clone();
        d.published = g.published.clone();
        pipe.annotate(&mut d).with_context(|| format!("{}: annotating {}", a.gold, g.id))?;
        marsad_dataset::review_io::score_doc(&g, &d.events, &mut s);
    }
    let pct = |a: u64, b: u64| if b == 0 { None } else { Some(100.0 * a as f64 / b as f64) };
    if a.json {
        let fields: serde_json::Map<String, serde_json::Value> =
            s.fields.iter().map(|(k, (x, n))| (k.clone(), serde_json::json!({"agree": x, "of": n, "pct": pct(*x, *n)}))).collect();
        println!(
            "{}",
            serde_json::json!({"gold": a.gold, "documents": s.documents, "events": s.events, "found": s.found,
                "recall": pct(s.found, s.events), "rejected": s.rejected, "still_reported": s.still_reported, "fields": fields})
        );
        return Ok(0);
    }
    let show = |x: u64, n: u64| pct(x, n).map_or("-".into(), |p| format!("{p:5.1}% ({x}/{n})"));
    println!("reviewed gold {}: {} documents", a.gold, s.documents);
    println!("  events found at the reviewed trigger {}", show(s.found, s.events));
    println!("  rejected events still reported      {}", show(s.still_reported, s.rejected));
    for (k, (x, n)) in &s.fields {
        println!("  {k:<12} agrees with the reviewer {}", show(*x, *n));
    }
    Ok(0)
}
