//! `marsad analyze`: a readable report of one article (the bundled Arabic
//! example by default).
use crate::cmd::extract::{bundled, InputArgs};
use crate::examples::{default_example, EXAMPLES};
use crate::pipeline::Pipeline;
use anyhow::{bail, Result};
use clap::Args;
use marsad_core::{ActorRef, Document, EntityType, Event, Place, TimeExpr};
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Args)]
pub struct AnalyzeArgs {
    /// The article (text, HTML, JSON Lines or feed; `-` for standard input).
    /// Without it, the bundled example `kirkuk-ambush.ar.txt`.
    pub file: Option<String>,
    /// A bundled example instead, by (the start of) its file name, e.g.
    /// `beirut`; `all` for every one.
    #[arg(long, conflicts_with = "file")]
    pub example: Option<String>,
    /// Print the annotated document(s) as JSON instead of the report.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub input: InputArgs,
    /// Annotation threads [default: one per core]; the report is the same
    /// whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
}

pub fn run(a: AnalyzeArgs) -> Result<i32> {
    let opts = a.input.options();
    let items = match (&a.file, a.example.as_deref()) {
        (Some(f), _) => marsad_input::read_file(f, &opts).collect::<Vec<_>>(),
        (None, Some("all")) => bundled(&opts),
        (None, Some(name)) => {
            let Some(e) = EXAMPLES.iter().find(|e| e.name.starts_with(name)) else {
                let names: Vec<&str> = EXAMPLES.iter().map(|e| e.name).collect();
                bail!("no bundled example named {name:?}; there are: {}", names.join(", "));
            };
            marsad_input::read_named(&format!("examples/{}", e.name), e.text.as_bytes(), &opts)
        }
        (None, None) => {
            let e = default_example();
            marsad_input::read_named(&format!("examples/{}", e.name), e.text.as_bytes(), &opts)
        }
    };
    // annotated on every core, in input order (marsad_pipeline::ordered_map)
    let pipeline = Pipeline::global()?.clone();
    let results = marsad_pipeline::ordered_map(items, a.threads.unwrap_or(0), move |item: marsad_input::Item| {
        let mut doc = item.map_err(|e| e.to_string())?.into_document();
        match pipeline.annotate(&mut doc) {
            Ok(()) => Ok(doc),
            Err(e) => Err(format!("{}: {e}", doc.source.as_deref().unwrap_or(&doc.id))),
        }
    });
    let mut failed = false;
    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok(doc) => docs.push(doc),
            Err(msg) => {
                failed = true;
                eprintln!("marsad: error: {msg}");
            }
        }
    }
    if a.json {
        let v: Vec<serde_json::Value> = docs
            .iter_mut()
            .map(|d| {
                d.tokens.clear();
                serde_json::to_value(&*d)
            })
            .collect::<Result<_, _>>()?;
        let out = if v.len() == 1 { v.into_iter().next().unwrap() } else { serde_json::Value::Array(v) };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for (i, d) in docs.iter().enumerate() {
            if i > 0 {
                println!("\n{}\n", "=".repeat(72));
            }
            print!("{}", report(d));
        }
    }
    Ok(if failed || docs.is_empty() { 1 } else { 0 })
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

/// One line of text, shortened for the report.
fn short(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        one
    } else {
        format!("{}…", one.chars().take(max).collect::<String>())
    }
}

fn place_line(p: &Place) -> String {
    let mut s = format!("«{}»", p.text);
    if let Some(r) = &p.relation {
        let _ = write!(s, " ({r} of)");
    }
    match (&p.name, p.lat, p.lon) {
        (Some(n), Some(lat), Some(lon)) => {
            let _ = write!(s, " → {n}");
            if let Some(c) = &p.country {
                let _ = write!(s, ", {c}");
            }
            let _ = write!(s, " ({lat:.4}, {lon:.4})");
            if let Some(f) = p.feature.as_ref().or(p.precision.as_ref()) {
                let _ = write!(s, " {f}");
            }
            if let Some(g) = p.geonameid {
                let _ = write!(s, " [geonames {g}]");
            }
        }
        (Some(n), _, _) => {
            let _ = write!(s, " → {n}");
        }
        _ => s.push_str(" → unresolved"),
    }
    s
}

fn time_line(t: &TimeExpr) -> String {
    let mut s = format!("«{}» → {}", t.text, opt(&t.value));
    let _ = write!(s, " ({}", t.precision);
    if let Some(m) = &t.modifier {
        let _ = write!(s, ", {m}");
    }
    if let Some(a) = &t.anchor {
        let _ = write!(s, ", anchored to {a}");
    }
    s.push(')');
    s
}

fn actor_line(a: &ActorRef) -> String {
    let mut s = format!("«{}»", a.text);
    let mut info = Vec::new();
    if let Some(n) = &a.name {
        info.push(n.clone());
    }
    for x in [&a.actor_type, &a.sector, &a.country].into_iter().flatten() {
        info.push(x.clone());
    }
    if !info.is_empty() {
        let _ = write!(s, " → {}", info.join(", "));
    }
    s
}

fn event_block(d: &Document, i: usize, e: &Event) -> String {
    let mut s = String::new();
    let _ = write!(s, "  {}. {}", i + 1, e.kind);
    if let Some(m) = &e.mode {
        let _ = write!(s, " / {m}");
    }
    if let Some(q) = &e.quad {
        let _ = write!(s, "  [{q}]");
    }
    let _ = writeln!(s, "  confidence {:.2}", e.confidence);
    if let Some(ac) = &e.acled {
        let _ = writeln!(s, "     ACLED:     {} / {}", ac.event_type, ac.sub_event_type);
    }
    let _ = writeln!(s, "     trigger:   «{}» [{}–{}]", e.trigger.text, e.trigger.start, e.trigger.end);
    let _ = writeln!(s, "     actor:     {}", e.actor.as_ref().map(actor_line).unwrap_or_else(|| "—".into()));
    let _ = writeln!(s, "     recipient: {}", e.recipient.as_ref().map(actor_line).unwrap_or_else(|| "—".into()));
    let _ = writeln!(s, "     place:     {}", e.place.as_ref().map(place_line).unwrap_or_else(|| "—".into()));
    let _ = writeln!(s, "     date:      {}", e.date.as_ref().map(time_line).unwrap_or_else(|| "—".into()));
    let mut cas = Vec::new();
    if let Some(n) = e.fatalities {
        cas.push(format!("{n} killed"));
    }
    if let Some(n) = e.injured {
        cas.push(format!("{n} injured"));
    }
    if let Some(n) = e.arrested {
        cas.push(format!("{n} arrested"));
    }
    let _ = writeln!(s, "     casualties: {}", if cas.is_empty() { "—".into() } else { cas.join(", ") });
    let mut modality = Vec::new();
    if e.negated {
        modality.push("negated");
    }
    if e.hypothetical {
        modality.push("hypothetical");
    }
    if e.generic {
        modality.push("generic");
    }
    if e.background {
        modality.push("background");
    }
    let _ = write!(s, "     modality:  {}", if modality.is_empty() { "asserted".into() } else { modality.join(", ") });
    if let Some(r) = &e.reported_by {
        let _ = write!(s, "; reported by {}", actor_line(r));
    }
    s.push('\n');
    let _ = writeln!(s, "     evidence:  «{}»", short(d.slice(e.evidence.start, e.evidence.end), 220));
    s
}

/// The readable report of one annotated document.
pub fn report(d: &Document) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", d.title.as_deref().unwrap_or(&d.id));
    let _ = writeln!(
        s,
        "id: {}   language: {}   published: {}   source: {}",
        d.id,
        d.lang.code(),
        opt(&d.published),
        opt(&d.source)
    );
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    for sent in &d.sentences {
        *langs.entry(sent.lang.code()).or_default() += 1;
    }
    let by_lang: Vec<String> = langs.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let _ = writeln!(
        s,
        "{} characters, {} sentences ({})",
        d.char_len(),
        d.sentences.len(),
        if by_lang.is_empty() { "none".into() } else { by_lang.join(", ") }
    );
    if let Some(t) = &d.topic {
        let _ = writeln!(s, "topic: {} ({:.2})", t.label, t.score);
    }

    let _ = writeln!(s, "\nEntities ({})", d.entities.len());
    for ty in [EntityType::PERS, EntityType::ORG, EntityType::LOC, EntityType::MISC, EntityType::DATE, EntityType::NUM] {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for e in d.entities.iter().filter(|e| e.kind == ty) {
            match counts.iter_mut().find(|(t, _)| *t == e.text) {
                Some(c) => c.1 += 1,
                None => counts.push((e.text.clone(), 1)),
            }
        }
        if counts.is_empty() {
            continue;
        }
        let list: Vec<String> =
            counts.iter().map(|(t, n)| if *n > 1 { format!("{t} ×{n}") } else { t.clone() }).collect();
        let _ = writeln!(s, "  {:<5} {}", ty.as_str(), list.join(" · "));
    }

    // One line per distinct place reading, with its number of mentions.
    let _ = writeln!(s, "\nPlaces ({} mentions)", d.places.len());
    let mut lines: Vec<(String, usize)> = Vec::new();
    for p in &d.places {
        let l = place_line(p);
        match lines.iter_mut().find(|(x, _)| *x == l) {
            Some(e) => e.1 += 1,
            None => lines.push((l, 1)),
        }
    }
    for (l, n) in lines {
        let _ = writeln!(s, "  {l}{}", if n > 1 { format!("  ×{n}") } else { String::new() });
    }

    let _ = writeln!(s, "\nDates ({})", d.times.len());
    for t in &d.times {
        let _ = writeln!(s, "  {}", time_line(t));
    }

    let _ = writeln!(s, "\nActors ({})", d.actors.len());
    for a in &d.actors {
        let mut info = vec![if a.known { "known" } else { "new" }.to_string()];
        for x in [&a.actor_type, &a.sector, &a.country].into_iter().flatten() {
            info.push(x.clone());
        }
        let _ = write!(s, "  {}", a.name);
        if let Some(ar) = &a.name_ar {
            let _ = write!(s, " ({ar})");
        }
        let _ = writeln!(s, " [{}], {} mention{}", info.join(", "), a.mentions.len(), if a.mentions.len() == 1 { "" } else { "s" });
        if !a.aliases.is_empty() {
            let _ = writeln!(s, "      aliases: {}", a.aliases.join(" · "));
        }
        for r in &a.relations {
            let _ = writeln!(s, "      {} {}  «{}»", r.relation, r.target, short(d.slice(r.evidence.start, r.evidence.end), 100));
        }
    }

    let _ = writeln!(s, "\nEvents ({})", d.events.len());
    for (i, e) in d.events.iter().enumerate() {
        s.push_str(&event_block(d, i, e));
    }
    s
}
