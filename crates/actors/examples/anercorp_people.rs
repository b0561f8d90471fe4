//! Precision/recall of the actors stage's own person finder (given-name
//! rule, no NER) against ANERcorp PERS spans, and how often knowledge-base
//! or generic mentions overlap gold LOC/ORG/PERS spans:
//! `cargo run -p marsad-actors --example anercorp_people -- ../shared/eval/anercorp/dev.conll`
use marsad_core::Document;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval/anercorp/dev.conll".into());
    let data = std::fs::read_to_string(&path).expect("read conll");
    let kb = marsad_actors::Kb::global();
    let (mut found, mut exact, mut overlap, mut gold_pers) = (0, 0, 0, 0);
    for block in data.split("\n\n") {
        let mut text = String::new();
        let mut spans: Vec<(usize, usize, String)> = Vec::new(); // gold entities (char spans)
        let mut cur: Option<(usize, usize, String)> = None;
        for line in block.lines() {
            let mut it = line.split('\t');
            let (Some(w), Some(tag)) = (it.next(), it.next()) else { continue };
            if !text.is_empty() {
                text.push(' ');
            }
            let s = text.chars().count();
            text.push_str(w);
            let e = text.chars().count();
            if let Some(t) = tag.strip_prefix("B-") {
                if let Some(c) = cur.take() {
                    spans.push(c);
                }
                cur = Some((s, e, t.to_string()));
            } else if let Some(t) = tag.strip_prefix("I-") {
                match cur.as_mut() {
                    Some(c) if c.2 == t => c.1 = e,
                    _ => {
                        if let Some(c) = cur.take() {
                            spans.push(c);
                        }
                        cur = Some((s, e, t.to_string()));
                    }
                }
            } else if let Some(c) = cur.take() {
                spans.push(c);
            }
        }
        if let Some(c) = cur.take() {
            spans.push(c);
        }
        if text.is_empty() {
            continue;
        }
        gold_pers += spans.iter().filter(|s| s.2 == "PERS").count();
        let mut doc = Document::new("s", text);
        marsad_text::annotate(&mut doc);
        marsad_actors::annotate(kb, &mut doc);
        for a in doc.actors.iter().filter(|a| a.actor_id.starts_with("per:")) {
            for m in &a.mentions {
                found += 1;
                if spans.iter().any(|g| g.2 == "PERS" && g.0 == m.start && g.1 == m.end) {
                    exact += 1;
                }
                if spans.iter().any(|g| g.2 == "PERS" && g.0 < m.end && m.start < g.1) {
                    overlap += 1;
                } else if std::env::var("SHOW").is_ok() {
                    println!("FP {}", m.text);
                }
            }
        }
    }
    println!(
        "gold PERS {gold_pers}; own person mentions {found}: exact {exact} ({:.1}%), overlapping a gold PERS {overlap} ({:.1}%)",
        100.0 * exact as f64 / found.max(1) as f64,
        100.0 * overlap as f64 / found.max(1) as f64
    );
}
