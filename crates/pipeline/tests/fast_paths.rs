//! Equivalence of the speed fast paths (issue 12) with the plain code they
//! replace, on real documents annotated by the whole pipeline: the first
//! articles of the dev corpus when present, else a fixed article.

use marsad_core::Document;
use marsad_detect::args::{self, ArgModel, Role};

/// Corpus articles (up to `n`), annotated by every stage but `detect`.
fn annotated(n: usize) -> Vec<Document> {
    let p = marsad_pipeline::Pipeline::global().unwrap();
    let mut docs: Vec<Document> = match std::fs::read("../../../shared/corpus/ant-v1.1-jawharafm.jsonl") {
        Ok(bytes) => marsad_input::read_named("corpus.jsonl", &bytes, &Default::default()).into_iter().filter_map(|i| i.ok()).take(n).map(|r| r.into_document()).collect(),
        Err(_) => Vec::new(),
    };
    docs.push(Document::new(
        "fixed",
        "هاجم مسلحون مجهولون نقطة تفتيش للجيش في مدينة العريش أمس، وأعلن تنظيم داعش مسؤوليته عن الهجوم. \
         وقالت الشرطة إن قوات الأمن اعتقلت ثلاثة أشخاص من قبل وحدة خاصة في بغداد، وتعرض الصحفي للاعتداء على يد عناصر مسلحة.",
    ));
    for d in &mut docs {
        p.annotate_candidates(d);
    }
    docs
}

/// The argument ranker formats its feature names into one reused buffer;
/// the score must be the one of the `format!`ed names summed in order.
#[test]
fn argument_scores_match_the_formatted_names() {
    let m = ArgModel::shipped().unwrap();
    let mut buf = String::new();
    let mut checked = 0;
    for d in annotated(300) {
        for e in &d.events {
            let cands = args::candidates(&d, e);
            for role in [Role::Actor, Role::Recipient] {
                for c in std::iter::once(None).chain(cands.iter().map(Some)) {
                    let mut names: Vec<(String, f32)> = Vec::new();
                    args::features(&d, e, role, c, &mut |k, v| names.push((format!("{k}"), v)));
                    let mut z = 0.0f32;
                    for (k, v) in &names {
                        if let Some(w) = m.weight_named(k) {
                            z += w * v;
                        }
                    }
                    assert_eq!(m.score(&d, e, role, c, &mut buf).to_bits(), z.to_bits(), "{}: {names:?}", d.id);
                    checked += 1;
                }
            }
            let pc = args::place_candidates(&d, e);
            for c in std::iter::once(None).chain(pc.iter().map(Some)) {
                let mut z = 0.0f32;
                args::place_features(&d, e, c, pc.len(), &mut |k, v| {
                    if let Some(w) = m.weight_named(&k.to_string()) {
                        z += w * v;
                    }
                });
                assert_eq!(m.place_score(&d, e, c, pc.len(), &mut buf).to_bits(), z.to_bits());
            }
        }
    }
    assert!(checked > 20, "only {checked} candidates scored");
}
