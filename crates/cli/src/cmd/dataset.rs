//! `marsad events`, `marsad export` and `marsad bench-ingest`: the command
//! line over `marsad-dataset` (incidents merged from event reports).
use anyhow::{bail, Context, Result};
use clap::Args;
use marsad_dataset::export::Format;
use marsad_dataset::EventFilter;
use std::io::Write;

#[derive(Args, Clone)]
pub struct Filters {
    /// SQLite database file.
    #[arg(long, default_value = "marsad.db")]
    pub db: String,
    /// PLOVER types or ACLED event types, comma-separated (ASSAULT, Protests…).
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Actor id (kb:isis) or part of an actor's name.
    #[arg(long)]
    pub actor: Option<String>,
    /// Countries, comma-separated (IRQ, IQ or Iraq).
    #[arg(long)]
    pub country: Option<String>,
    /// First-level administrative code (IQ.07) or place name.
    #[arg(long)]
    pub admin1: Option<String>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this date, inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Bounding box: min lon, min lat, max lon, max lat (comma-separated).
    #[arg(long, allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// At least this many fatalities.
    #[arg(long)]
    pub min_fatalities: Option<u32>,
    /// Words that must occur in a reporting document.
    #[arg(long)]
    pub text: Option<String>,
}

impl Filters {
    fn filter(&self) -> Result<EventFilter> {
        let bbox = match &self.bbox {
            None => None,
            Some(b) => {
                let v: Vec<f64> = b
                    .split(',')
                    .map(|x| x.trim().parse::<f64>())
                    .collect::<std::result::Result<_, _>>()
                    .context("--bbox takes four numbers: minlon,minlat,maxlon,maxlat")?;
                if v.len() != 4 {
                    bail!("--bbox takes four numbers: minlon,minlat,maxlon,maxlat");
                }
                Some([v[0], v[1], v[2], v[3]])
            }
        };
        Ok(EventFilter {
            kind: self.kind.clone(),
            actor: self.actor.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            date_from: self.from.clone(),
            date_to: self.to.clone(),
            bbox,
            min_fatalities: self.min_fatalities,
            text: self.text.clone(),
            ..Default::default()
        })
    }

    fn open(&self) -> Result<marsad_store::Store> {
        if !std::path::Path::new(&self.db).exists() {
            bail!("no database {} (run marsad ingest first)", self.db);
        }
        let mut s = marsad_dataset::open(&self.db)?;
        // catch up if an ingest was killed before it could merge
        marsad_dataset::sync(&mut s)?;
        Ok(s)
    }
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filters: Filters,
    /// Maximum number of incidents.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: u64,
    /// Skip this many (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Print as JSON ({"total", "incidents"}).
    #[arg(long)]
    pub json: bool,
    /// Show one incident with all its reports (JSON).
    #[arg(long)]
    pub id: Option<i64>,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: Filters,
    /// csv (ACLED columns), jsonl (PLOVER fields), geojson or parquet.
    #[arg(long, default_value = "csv")]
    pub format: Format,
    /// Output file (default: standard output; required for parquet).
    #[arg(long, short = 'o')]
    pub output: Option<String>,
}

fn cut(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

pub fn events(a: EventsArgs) -> Result<i32> {
    let store = a.filters.open()?;
    if let Some(id) = a.id {
        return match marsad_dataset::incident(store.conn(), id)? {
            Some(i) => {
                println!("{}", serde_json::to_string_pretty(&i)?);
                Ok(0)
            }
            None => {
                eprintln!("marsad: no incident {id}");
                Ok(1)
            }
        };
    }
    let mut f = a.filters.filter()?;
    f.limit = Some(a.limit);
    f.offset = a.offset;
    let (total, list) = marsad_dataset::events(store.conn(), &f)?;
    if a.json {
        println!("{}", serde_json::json!({"total": total, "incidents": list}));
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:>6}  {:<10}  {:<12}  {:<22}  {:<28}  {:>4}  {:>3}  actor → recipient", "id", "date", "type", "acled", "place", "dead", "rep")?;
    for s in &list {
        let name = |a: &Option<marsad_dataset::query::ActorBrief>| {
            a.as_ref().and_then(|a| a.name.clone().or(a.id.clone())).unwrap_or_else(|| "?".into())
        };
        writeln!(
            out,
            "{:>6}  {:<10}  {:<12}  {:<22}  {:<28}  {:>4}  {:>3}  {} → {}",
            s.id,
            s.date.as_deref().unwrap_or("?"),
            s.kind,
            cut(s.acled_event_type.as_deref().unwrap_or(""), 22),
            cut(&format!("{} {}", s.place.as_deref().unwrap_or(""), s.country.as_deref().unwrap_or("")), 28),
            s.fatalities.map_or(String::new(), |f| f.to_string()),
            s.n_reports,
            name(&s.actor),
            name(&s.recipient)
        )?;
    }
    writeln!(out, "{} of {} incidents (marsad events --id N shows one with its reports)", list.len(), total)?;
    Ok(0)
}

pub fn export(a: ExportArgs) -> Result<i32> {
    let store = a.filters.open()?;
    let f = a.filters.filter()?;
    let n = match (a.format, &a.output) {
        (Format::Parquet, None) => bail!("parquet output needs a file: -o FILE"),
        (Format::Parquet, Some(p)) => {
            let file = std::fs::File::create(p).with_context(|| format!("cannot create {p}"))?;
            marsad_dataset::export::export_parquet(store.conn(), &f, std::io::BufWriter::new(file))?
        }
        (fmt, Some(p)) => {
            let file = std::fs::File::create(p).with_context(|| format!("cannot create {p}"))?;
            let mut w = std::io::BufWriter::new(file);
            let n = marsad_dataset::export::export(store.conn(), &f, fmt, &mut w)?;
            w.flush()?;
            n
        }
        (fmt, None) => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            let n = marsad_dataset::export::export(store.conn(), &f, fmt, &mut w)?;
            w.flush()?;
            n
        }
    };
    if let Some(p) = &a.output {
        eprintln!("{n} incidents → {p}");
    }
    Ok(0)
}
