//! `marsad eval events --gold FILE [--json] [--misses N]`.
//!
//! Gold: JSON Lines as in shared/eval/events/up-arabic-protest.jsonl, one
//! sentence a line: {"id", "date" (YYYYMMDD, or any shape the input stage reads), "text", "events": [{"plover",
//! "source_code", "target_code", "source_text", "target_text"}]}; optional
//! per-event "fatalities" / "injured" / "arrested" (a number, or null for
//! "none stated"), "trigger" (the annotated verb as it appears in the text)
//! and "place" (the annotated location text, "" for none). A line with
//! `"events": []` is an event-free sentence (for the false-event rate).
//!
//! Each sentence goes through the full pipeline as its own document.
//!
//! Matching. Actor (recipient) text matches when the gold source_text
//! (target_text) and the predicted actor (recipient) span share a content
//! word after normalisation and clitic stripping (`marsad_text::key`), or
//! one normalised string contains the other. The predicted event is the best
//! matching one among the events of the gold type in that sentence.
//! Percentages for actor / recipient / country are over the gold events that
//! give one (a miss when the type is not found). "Actor invented" is over the
//! found gold events whose source_text is "" (the sentence names no actor): the
//! share given an actor anyway.

use anyhow::{Context, Result};
use clap::Args;
use marsad_core::{Document, Event};
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Args)]
pub struct EvalArgs {
    #[arg(long)]
    pub gold: String,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print up to N missed sentences of each kind to stderr.
    #[arg(long, default_value_t = 0)]
    pub misses: usize,
    /// Score the rules' candidates, without the learned detection stage (to
    /// measure what the model adds or loses).
    #[arg(long)]
    pub candidates: bool,
    /// Only the gold lines whose `split` field has this value (e.g. `test`).
    #[arg(long)]
    pub split: Option<String>,
}

#[derive(Deserialize)]
struct GoldLine {
    #[serde(default)]
    id: String,
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    date: Option<String>,
    text: String,
    #[serde(default)]
    events: Vec<GoldEvent>,
}

#[derive(Deserialize)]
struct GoldEvent {
    plover: String,
    #[serde(default)]
    source_code: Option<String>,
    #[serde(default)]
    source_text: Option<String>,
    #[serde(default)]
    target_text: Option<String>,
    #[serde(default, deserialize_with = "opt_field")]
    fatalities: Option<Option<u32>>,
    #[serde(default, deserialize_with = "opt_field")]
    injured: Option<Option<u32>>,
    #[serde(default, deserialize_with = "opt_field")]
    arrested: Option<Option<u32>>,
    #[serde(default)]
    trigger: Option<String>,
    #[serde(default)]
    place: Option<String>,
}

/// Distinguish a missing key (None) from an explicit null (Some(None)).
fn opt_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u32>>, D::Error> {
    Ok(Some(Option::<u32>::deserialize(d)?))
}

const STOP: &[&str] = &["في", "من", "علي", "الى", "عن", "و", "the", "of", "in", "and", "a", "an", "to", "on", "(", ")"];

fn keys(s: &str) -> Vec<String> {
    marsad_text::key(s)
        .split(' ')
        .filter(|k| k.chars().count() >= 2 && !STOP.contains(k))
        .map(|k| k.to_string())
        .collect()
}

/// Gold text and predicted span agree (see the module docs).
pub fn text_match(gold: &str, pred: &str) -> bool {
    let (g, p) = (marsad_text::normalize(gold), marsad_text::normalize(pred));
    if g.trim().is_empty() || p.trim().is_empty() {
        return false;
    }
    if g.contains(p.trim()) || p.contains(g.trim()) {
        return true;
    }
    let pk = keys(pred);
    keys(gold).iter().any(|k| pk.contains(k))
}

#[derive(Default)]
struct Count {
    hit: usize,
    n: usize,
}

impl Count {
    fn add(&mut self, ok: bool) {
        self.n += 1;
        if ok {
            self.hit += 1;
        }
    }
    fn pct(&self) -> Option<f64> {
        if self.n == 0 {
            None
        } else {
            Some(100.0 * self.hit as f64 / self.n as f64)
        }
    }
    fn json(&self) -> serde_json::Value {
        json!({"hit": self.hit, "n": self.n, "pct": self.pct()})
    }
    fn show(&self) -> String {
        match self.pct() {
            Some(p) => format!("{p:5.1}%  ({}/{})", self.hit, self.n),
            None => "   n/a".to_string(),
        }
    }
}

fn happened(e: &Event) -> bool {
    !e.negated && !e.hypothetical && !e.generic && !e.background
}

fn char_find(text: &str, needle: &str) -> Option<(usize, usize)> {
    let b = text.find(needle)?;
    let s = text[..b].chars().count();
    Some((s, s + needle.chars().count()))
}

pub fn eval(a: EvalArgs) -> Result<i32> {
    let raw = std::fs::read_to_string(&a.gold).with_context(|| format!("reading {}", a.gold))?;
    let pipe = crate::pipeline::Pipeline::global()?;
    let (mut type_found, mut actor, mut recip, mut country) = (Count::default(), Count::default(), Count::default(), Count::default());
    let (mut killed, mut injured, mut arrested) = (Count::default(), Count::default(), Count::default());
    let (mut killed_inv, mut injured_inv) = (Count::default(), Count::default());
    // an actor named for a gold event whose sentence names none (gold source_text "")
    let mut actor_inv = Count::default();
    // per figure: [right, wrong, missed, invented, gold stated, gold none] (issue 11's
    // breakdown: a wrong number and a missing one are different failures)
    let mut fig: BTreeMap<&'static str, [usize; 6]> = BTreeMap::new();
    let (mut at_verb, mut place_ok) = (Count::default(), Count::default());
    let mut false_ev = Count::default();
    let mut by_type: BTreeMap<String, Count> = BTreeMap::new();
    let mut modes: BTreeMap<String, usize> = BTreeMap::new();
    let (mut n_sent, mut n_events, mut n_happened, mut bad_lines) = (0usize, 0usize, 0usize, 0usize);
    let mut misses: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut miss = |kind: &'static str, id: &str, text: &str, detail: String| {
        let c = misses.entry(kind).or_insert(0);
        if *c < a.misses {
            eprintln!("MISS {kind} [{id}] {text}\n    {detail}");
        }
        *c += 1;
    };
    for line in raw.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldLine = match serde_json::from_str(line) {
            Ok(g) => g,
            Err(_) => {
                bad_lines += 1;
                continue;
            }
        };
        if a.split.is_some() && g.split != a.split {
            continue;
        }
        n_sent += 1;
        let mut doc = Document::new(g.id.clone(), g.text.clone());
        // the corpus writes 20170131, 2017-01-31 and 31/01/2017: read all as the input stage does
        doc.published = g.date.as_deref().and_then(marsad_input::parse_date);
        if a.candidates {
            pipe.annotate_candidates(&mut doc);
        } else if let Err(e) = pipe.annotate(&mut doc) {
            eprintln!("marsad: error: {}: {e}", g.id);
            bad_lines += 1;
            continue;
        }
        let evs = &doc.events;
        n_events += evs.len();
        n_happened += evs.iter().filter(|e| happened(e)).count();
        let brief = |evs: &[Event]| {
            evs.iter()
                .map(|e| {
                    format!(
                        "{}/{} trig={} actor={} rec={} k={:?} i={:?}",
                        e.kind,
                        e.mode.as_deref().unwrap_or("-"),
                        e.trigger.text,
                        e.actor.as_ref().map_or("-", |x| x.text.as_str()),
                        e.recipient.as_ref().map_or("-", |x| x.text.as_str()),
                        e.fatalities,
                        e.injured
                    )
                })
                .collect::<Vec<_>>()
                .join(" | ")
        };
        if g.events.is_empty() {
            let bad = evs.iter().any(|e| e.kind.is_conflict() && happened(e));
            false_ev.add(bad);
            if bad {
                miss("false-event", &g.id, &g.text, brief(evs));
            }
            continue;
        }
        // a sentence with several gold events of one type (one per incident) is scored one
        // to one: each gold event takes an unused predicted event of its type with the same
        // figures, else the maximum as for a single event
        let mut used = vec![false; evs.len()];
        for ge in &g.events {
            let same: Vec<&Event> = evs.iter().filter(|e| e.kind == ge.plover).collect();
            let found = !same.is_empty();
            type_found.add(found);
            by_type.entry(ge.plover.clone()).or_default().add(found);
            if !found {
                miss("type", &g.id, &g.text, format!("gold {} ; got {}", ge.plover, brief(evs)));
            }
            for e in &same {
                *modes.entry(format!("{}/{}", e.kind, e.mode.as_deref().unwrap_or("-"))).or_insert(0) += 1;
            }
            let src = ge.source_text.as_deref().unwrap_or("").trim();
            let best = same
                .iter()
                .find(|e| !src.is_empty() && e.actor.as_ref().map_or(false, |x| text_match(src, &x.text)))
                .or(same.first())
                .copied();
            if src.is_empty() && ge.source_text.is_some() && found {
                actor_inv.add(best.is_some_and(|e| e.actor.is_some()));
            }
            if !src.is_empty() {
                let ok = best.and_then(|e| e.actor.as_ref()).map_or(false, |x| text_match(src, &x.text));
                actor.add(ok);
                if !ok && found {
                    miss("actor", &g.id, &g.text, format!("gold actor «{src}» ; got {}", brief(&same.iter().map(|e| (*e).clone()).collect::<Vec<_>>())));
                }
            }
            let tgt = ge.target_text.as_deref().unwrap_or("").trim();
            if !tgt.is_empty() {
                let ok = same.iter().any(|e| e.recipient.as_ref().map_or(false, |x| text_match(tgt, &x.text)));
                recip.add(ok);
                if !ok && found {
                    miss("recipient", &g.id, &g.text, format!("gold recipient «{tgt}» ; got {}", brief(&same.iter().map(|e| (*e).clone()).collect::<Vec<_>>())));
                }
            }
            let gc = ge.source_code.as_deref().unwrap_or("").split_whitespace().next().unwrap_or("None");
            if gc != "None" && !gc.is_empty() {
                let ok = same.iter().any(|e| e.actor.as_ref().and_then(|x| x.country.as_deref()) == Some(gc));
                country.add(ok);
                if !ok && found {
                    miss("country", &g.id, &g.text, format!("gold country {gc} (actor «{src}»); got {:?}", same.iter().map(|e| e.actor.as_ref().map(|x| (x.text.clone(), x.country.clone()))).collect::<Vec<_>>()));
                }
            }
            // casualties: on the events of the gold type (max over them)
            let multi = g.events.iter().filter(|x| x.plover == ge.plover).count() > 1;
            let same_figs = |e: &Event| {
                [(ge.fatalities, e.fatalities), (ge.injured, e.injured), (ge.arrested, e.arrested)].iter().all(|(gv, pv)| match gv {
                    Some(v) => v == pv,
                    None => true,
                })
            };
            let own = if multi { evs.iter().enumerate().find(|(k, e)| !used[*k] && e.kind == ge.plover && same_figs(e)).map(|(k, _)| k) } else { None };
            if let Some(k) = own {
                used[k] = true;
            }
            let one: Vec<&Event> = own.map(|k| vec![&evs[k]]).unwrap_or_default();
            let pick = |f: fn(&Event) -> Option<u32>| if one.is_empty() { same.iter().filter_map(|e| f(e)).max() } else { one.iter().filter_map(|e| f(e)).max() };
            for (gold, pred, cnt, inv, name) in [
                (ge.fatalities, pick(|e| e.fatalities), &mut killed, Some(&mut killed_inv), "killed"),
                (ge.injured, pick(|e| e.injured), &mut injured, Some(&mut injured_inv), "injured"),
                (ge.arrested, pick(|e| e.arrested), &mut arrested, None, "arrested"),
            ] {
                let f = fig.entry(name).or_insert([0; 6]);
                match gold {
                    Some(Some(v)) => {
                        f[4] += 1;
                        match pred {
                            Some(p) if p == v => f[0] += 1,
                            Some(_) => f[1] += 1,
                            None => f[2] += 1,
                        }
                    }
                    Some(None) => {
                        f[5] += 1;
                        if pred.is_some() {
                            f[3] += 1;
                        }
                    }
                    None => {}
                }
                match gold {
                    Some(Some(v)) => {
                        cnt.add(pred == Some(v));
                        if pred != Some(v) {
                            miss("casualties", &g.id, &g.text, format!("{name}: gold {v} got {pred:?}"));
                        }
                    }
                    Some(None) => {
                        if let Some(inv) = inv {
                            inv.add(pred.is_some());
                            if pred.is_some() {
                                miss("invented", &g.id, &g.text, format!("{name}: gold none got {pred:?}"));
                            }
                        }
                    }
                    None => {}
                }
            }
            // English-style: an event at the annotated verb, and its place
            if let Some(tr) = ge.trigger.as_deref().filter(|t| !t.is_empty()) {
                if let Some((s, e)) = char_find(&g.text, tr) {
                    let at = evs.iter().find(|ev| ev.trigger.start < e && s < ev.trigger.end);
                    at_verb.add(at.is_some());
                    if at.is_none() {
                        miss("verb", &g.id, &g.text, format!("gold verb «{tr}» ; got {}", brief(evs)));
                    }
                    if let Some(gp) = ge.place.as_deref() {
                        let ok = match (at.and_then(|ev| ev.place.as_ref()), gp.trim().is_empty()) {
                            (None, true) => true,
                            (Some(p), false) => text_match(gp, &p.text),
                            _ => false,
                        };
                        place_ok.add(ok);
                        if !ok {
                            miss("place", &g.id, &g.text, format!("gold place «{gp}» ; got {:?}", at.and_then(|ev| ev.place.as_ref()).map(|p| &p.text)));
                        }
                    }
                }
            }
        }
    }
    let per_sent = if n_sent == 0 { 0.0 } else { n_events as f64 / n_sent as f64 };
    let per_sent_h = if n_sent == 0 { 0.0 } else { n_happened as f64 / n_sent as f64 };
    if a.json {
        let report = json!({
            "gold": a.gold,
            "sentences": n_sent,
            "bad_lines": bad_lines,
            "type_found": type_found.json(),
            "type_found_by_type": by_type.iter().map(|(k, v)| (k.clone(), v.json())).collect::<BTreeMap<_, _>>(),
            "actor_text": actor.json(),
            "recipient_text": recip.json(),
            "actor_country": country.json(),
            "killed": killed.json(),
            "injured": injured.json(),
            "arrested": arrested.json(),
            "killed_invented": killed_inv.json(),
            "actor_invented": actor_inv.json(),
            "injured_invented": injured_inv.json(),
            "false_events": false_ev.json(),
            "figures": fig.iter().map(|(k, f)| (k.to_string(), json!({"right": f[0], "wrong": f[1], "missed": f[2], "invented": f[3], "stated": f[4], "not_stated": f[5]}))).collect::<BTreeMap<_, _>>(),
            "event_at_verb": at_verb.json(),
            "place_right": place_ok.json(),
            "events_per_sentence": per_sent,
            "happened_events_per_sentence": per_sent_h,
            "modes": modes,
        });
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("events eval on {} ({} sentences{})", a.gold, n_sent, if bad_lines > 0 { format!(", {bad_lines} unreadable lines") } else { String::new() });
        println!("  gold type found       {}", type_found.show());
        for (k, v) in &by_type {
            println!("    {k:<14}      {}", v.show());
        }
        println!("  actor text match      {}", actor.show());
        println!("  recipient text match  {}", recip.show());
        println!("  actor country right   {}", country.show());
        println!("  killed figure right   {}", killed.show());
        println!("  injured figure right  {}", injured.show());
        println!("  arrested figure right {}", arrested.show());
        println!("  killed invented       {}", killed_inv.show());
        println!("  actor invented        {}", actor_inv.show());
        println!("  injured invented      {}", injured_inv.show());
        for (k, f) in &fig {
            println!("    {k:<8} right {} wrong {} missed {} (of {} stated); invented {} (of {} not stated)", f[0], f[1], f[2], f[4], f[3], f[5]);
        }
        println!("  false events (no-event sentences with a happened ASSAULT/PROTEST/COERCE) {}", false_ev.show());
        println!("  event at the annotated verb {}", at_verb.show());
        println!("  its place right (none when gold has none) {}", place_ok.show());
        println!("  events per sentence   {per_sent:.2} (happened: {per_sent_h:.2})");
        println!("  modes of gold-type events:");
        for (k, v) in &modes {
            println!("    {k:<28} {v}");
        }
        println!("  (actor/recipient match = a shared content word after normalisation and clitic stripping, or containment)");
    }
    Ok(0)
}
