//! `marsad train topic`, `marsad train events` and `marsad explain`: the
//! learned stages of `marsad-detect`, trained and inspected.

use crate::cmd::extract::{bundled, InputArgs};
use crate::pipeline::Pipeline;
use anyhow::{bail, Context, Result};
use clap::Args;
use marsad_core::Document;
use marsad_detect::labels::{self, is_test_article, Example};
use marsad_detect::topic::{label_of_section, LABELS};
use marsad_detect::train::{self, Settings};
use marsad_detect::{DetectStage, TopicModel};

#[derive(Args)]
pub struct TrainTopicArgs {
    /// JSON Lines of articles with `id`, `title`, `text` and `section`
    /// (e.g. ../shared/corpus/ant-v1.1-jawharafm.jsonl).
    #[arg(long)]
    pub corpus: String,
    /// Where to write the model.
    #[arg(short, long, default_value = "crates/detect/models/topic.model")]
    pub output: String,
    /// Keep words found in at least this many training articles.
    #[arg(long, default_value_t = 3)]
    pub min_df: u32,
}

pub fn train_topic(a: TrainTopicArgs) -> Result<i32> {
    let text = std::fs::read_to_string(&a.corpus).with_context(|| format!("reading {}", a.corpus))?;
    let mut train_docs = Vec::new();
    let mut test_docs = Vec::new();
    let mut skipped = 0;
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).with_context(|| format!("{}:{}", a.corpus, i + 1))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let (id, body) = (s("id"), s("text"));
        let Some(y) = label_of_section(&s("section")) else {
            skipped += 1;
            continue;
        };
        if body.trim().is_empty() {
            skipped += 1;
            continue;
        }
        let mut d = Document::new(id.clone(), body);
        d.title = Some(s("title")).filter(|t| !t.is_empty());
        marsad_text::annotate(&mut d);
        if is_test_article(&id) {
            test_docs.push((d, y));
        } else {
            train_docs.push((d, y));
        }
    }
    eprintln!("{} training and {} test articles ({} skipped: no known section or no text)", train_docs.len(), test_docs.len(), skipped);
    let refs: Vec<(&Document, usize)> = train_docs.iter().map(|(d, y)| (d, *y)).collect();
    let m = TopicModel::train(&refs, a.min_df);
    // scores on the test articles (fixed split, never trained on)
    let c = LABELS.len();
    let mut conf = vec![vec![0usize; c]; c];
    for (d, y) in &test_docs {
        let p = m.probs(d).unwrap_or_else(|| vec![0.0; c]);
        let guess = (0..c).max_by(|&i, &j| p[i].total_cmp(&p[j])).unwrap_or(0);
        conf[*y][guess] += 1;
    }
    let right: usize = (0..c).map(|i| conf[i][i]).sum();
    println!("topic accuracy on {} test articles: {:.1}%", test_docs.len(), 100.0 * right as f64 / test_docs.len().max(1) as f64);
    println!("{:<11} {:>6} {:>6} {:>6} {:>5}", "label", "P", "R", "F1", "n");
    let mut macro_f = 0.0;
    for i in 0..c {
        let tp = conf[i][i] as f64;
        let pred: usize = (0..c).map(|g| conf[g][i]).sum();
        let gold: usize = conf[i].iter().sum();
        let (p, r) = (tp / pred.max(1) as f64, tp / gold.max(1) as f64);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        macro_f += f / c as f64;
        println!("{:<11} {:>6.1} {:>6.1} {:>6.1} {:>5}", LABELS[i], 100.0 * p, 100.0 * r, 100.0 * f, gold);
    }
    println!("macro-F1 {:.1}; vocabulary {} words", 100.0 * macro_f, m.vocabulary_size());
    std::fs::write(&a.output, m.to_text()).with_context(|| format!("writing {}", a.output))?;
    eprintln!("wrote {}", a.output);
    Ok(0)
}

#[derive(Args)]
pub struct TrainEventsArgs {
    /// Folder of labelled candidates (`labels.*.jsonl`) and the articles
    /// they come from (`articles.*.jsonl`).
    #[arg(long, default_value = "crates/detect/labels")]
    pub labels: String,
    /// Where to write the model.
    #[arg(short, long, default_value = "crates/detect/models/detect.model")]
    pub output: String,
    /// Choose L2 and threshold by 5-fold cross-validation on the train part
    /// (otherwise the defaults).
    #[arg(long)]
    pub cv: bool,
    #[arg(long)]
    pub l2: Option<f32>,
    #[arg(long)]
    pub threshold: Option<f32>,
    #[arg(long)]
    pub pos_weight: Option<f32>,
    /// Leave out features whose name starts with one of these prefixes
    /// (e.g. `topic=`), to measure what they add.
    #[arg(long)]
    pub ablate: Vec<String>,
    /// Sentence-level gold in the UP format (e.g.
    /// ../shared/eval/events/up-arabic-protest.jsonl): its train half (odd
    /// FNV-1a of the id) adds real events to the train part.
    #[arg(long)]
    pub sentence_gold: Vec<String>,
}

fn files_in(dir: &str, prefix: &str) -> Result<Vec<String>> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {dir}"))?
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| {
            let n = p.rsplit('/').next().unwrap_or("");
            n.starts_with(prefix) && n.ends_with(".jsonl")
        })
        .collect();
    v.sort();
    Ok(v)
}

/// The articles of a label folder, annotated up to the event candidates.
fn candidate_docs(p: &Pipeline, dir: &str, input: &InputArgs) -> Result<Vec<Document>> {
    let paths = files_in(dir, "articles.")?;
    if paths.is_empty() {
        bail!("no articles.*.jsonl in {dir}");
    }
    let mut docs = Vec::new();
    for item in marsad_input::read(&paths, &input.options()) {
        let mut d = item.map_err(|e| anyhow::anyhow!("{e}"))?.into_document();
        p.annotate_candidates(&mut d);
        docs.push(d);
    }
    Ok(docs)
}

fn print_scores(title: &str, exs: &[&Example], keep: impl Fn(&Example) -> bool) {
    print_scores_against(title, exs, |e| e.label.is_event(), keep)
}

fn print_scores_against(title: &str, exs: &[&Example], gold: impl Fn(&Example) -> bool, keep: impl Fn(&Example) -> bool) {
    let (per, all) = train::score_against(exs, &gold, &keep);
    println!("{title}");
    println!("  {:<13} {:>5} {:>5} {:>6} {:>6} {:>6}", "type", "gold", "cand", "P", "R", "F1");
    for (t, c) in &per {
        println!("  {:<13} {:>5} {:>5} {:>6.1} {:>6.1} {:>6.1}", t, c.tp + c.fn_, c.tp + c.fn_ + c.fp + c.tn, 100.0 * c.precision(), 100.0 * c.recall(), 100.0 * c.f1());
    }
    let acp: Vec<&Example> = exs.iter().copied().filter(|e| marsad_detect::features::is_conflict_type(&e.label.kind)).collect();
    let (_, a) = train::score_against(&acp, &gold, &keep);
    println!("  {:<13} {:>5} {:>5} {:>6.1} {:>6.1} {:>6.1}", "A/C/P", a.tp + a.fn_, acp.len(), 100.0 * a.precision(), 100.0 * a.recall(), 100.0 * a.f1());
    println!("  {:<13} {:>5} {:>5} {:>6.1} {:>6.1} {:>6.1}", "all", all.tp + all.fn_, exs.len(), 100.0 * all.precision(), 100.0 * all.recall(), 100.0 * all.f1());
}

pub fn train_events(a: TrainEventsArgs) -> Result<i32> {
    let p = Pipeline::global()?;
    let input = InputArgs { input_format: None, text_field: "text".into(), id_field: "id".into(), date_field: None, title_field: "title".into() };
    let docs = candidate_docs(p, &a.labels, &input)?;
    let mut all_labels = Vec::new();
    for f in files_in(&a.labels, "labels.")? {
        all_labels.extend(labels::read(&f)?);
    }
    let det = DetectStage::load()?;
    let topic = |d: &Document| det.topic_probs(d);
    let annotate = |d: &mut Document| p.annotate_candidates(d);
    let (mut exs, missing) = labels::examples(&docs, &all_labels, &topic, Some(&annotate));
    for g in &a.sentence_gold {
        let extra = labels::sentence_gold_examples(g, &annotate, &topic)?;
        eprintln!("{}: {} real-event candidates from its train half", g, extra.len());
        exs.extend(extra);
    }
    // the real assault sentences labelled for the argument ranker (train lines only)
    let args_dir = format!("{}/args", a.labels);
    let assault_files = if std::path::Path::new(&args_dir).is_dir() { files_in(&args_dir, "gold.ar.assault")? } else { Vec::new() };
    for g in assault_files {
        let extra = labels::assault_gold_examples(&g, &annotate, &topic)?;
        eprintln!("{}: {} real-event candidates from its train lines", g, extra.len());
        exs.extend(extra);
    }
    if !a.ablate.is_empty() {
        for e in &mut exs {
            e.features.retain(|(k, _)| !a.ablate.iter().any(|p| k.starts_with(p.as_str())));
        }
        eprintln!("left out features starting with {:?}", a.ablate);
    }
    let whole = exs.iter().filter(|e| !e.sentence_only).count();
    eprintln!(
        "{} articles, {} labels: {} matched a candidate ({} also in the sentence alone), {} did not (the rules changed since labelling)",
        docs.len(),
        all_labels.len(),
        whole,
        exs.len() - whole,
        missing.len()
    );
    let tr: Vec<&Example> = exs.iter().filter(|e| !e.label.is_test()).collect();
    let te: Vec<&Example> = exs.iter().filter(|e| e.label.is_test() && !e.sentence_only).collect();
    let te_sent: Vec<&Example> = exs.iter().filter(|e| e.label.is_test() && e.sentence_only).collect();
    let mut s = train::DEFAULT;
    if a.cv {
        let mut best = (f64::MIN, s);
        for l2 in [3e-4f32, 1e-3, 3e-3] {
            for pos_weight in [1.0f32, 1.5, 2.0] {
                for th in [0.4f32, 0.5, 0.6] {
                    let cand = Settings { l2, threshold: th, pos_weight, ..s };
                    let f = train::cross_validate(&tr, cand, 5);
                    eprintln!("  cv l2={l2:<7} pos_weight={pos_weight:.1} threshold={th:.1}: F1 {:.1}", 100.0 * f);
                    if f > best.0 {
                        best = (f, cand);
                    }
                }
            }
        }
        s = best.1;
        eprintln!("chosen by cross-validation on the train part: {s:?}");
    }
    if let Some(l2) = a.l2 {
        s.l2 = l2;
    }
    if let Some(t) = a.threshold {
        s.threshold = t;
    }
    if let Some(w) = a.pos_weight {
        s.pos_weight = w;
    }
    if !a.ablate.is_empty() && !a.cv {
        eprintln!("5-fold cross-validation F1 on the train part: {:.1}", 100.0 * train::cross_validate(&tr, s, 5));
    }
    let m = train::train(&tr, s);
    println!("trained on {} candidates (train part), {} features; scored on {} (test part, fixed before training)", tr.len(), m.len(), te.len());
    let rules_happened = |e: &Example| !e.features.iter().any(|(k, _)| k.starts_with("neg|") || k.starts_with("hyp|") || k.starts_with("gen|"));
    println!("\nhappened events (gold: label `event`; predicted: not dropped, not a mention, no modality flag)");
    print_scores("rules alone:", &te, rules_happened);
    print_scores("rules + detection model:", &te, |e| train::predicts_happened(&m, e));
    print_scores("rules + detection model, each test sentence alone:", &te_sent, |e| train::predicts_happened(&m, e));
    println!("\nevents kept at all (gold: `event` or a mention: hypothetical, generic, background, legal)");
    let mention_or_event = |e: &Example| train::class_of(e) != marsad_detect::Class::NotEvent;
    print_scores_against("rules alone:", &te, mention_or_event, |_| true);
    print_scores_against("rules + detection model:", &te, mention_or_event, |e| train::predicts_kept(&m, e));
    print_scores_against("rules + detection model, each test sentence alone:", &te_sent, mention_or_event, |e| train::predicts_kept(&m, e));
    for lang in ["ar", "en"] {
        let part: Vec<&Example> = te.iter().copied().filter(|e| e.label.lang == lang).collect();
        if !part.is_empty() {
            print_scores(&format!("happened, rules + detection model, {lang} only:"), &part, |e| train::predicts_happened(&m, e));
        }
    }
    std::fs::write(&a.output, m.to_text()).with_context(|| format!("writing {}", a.output))?;
    eprintln!("wrote {}", a.output);
    Ok(0)
}

#[derive(Args)]
pub struct TrainArgsArgs {
    /// Folder of annotated sentences (`gold.*.jsonl`, the `eval events`
    /// format with `trigger`, `source_text`, `target_text`, `place` per event
    /// and the article id in `doc`).
    #[arg(long, default_value = "crates/detect/labels/args")]
    pub gold: String,
    #[arg(short, long, default_value = "crates/detect/models/args.model")]
    pub output: String,
    /// Where the English place ranker goes (issue 11): trained on the places of the
    /// English sentences of `gold.*.jsonl` and of `place.*.jsonl` (place-only labels).
    #[arg(long, default_value = "crates/detect/models/args_en_place.model")]
    pub en_place_output: String,
    #[arg(long, default_value_t = 1e-3)]
    pub l2: f32,
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Weight of an actor list whose gold is "no one" (issue 11, round 3: 0.5 keeps the
    /// train part's actor figures with the assault labels, which name no attacker in
    /// half their events; 1 weighs every list alike)
    #[arg(long, default_value_t = 0.5)]
    pub none_weight: f32,
    /// Print this many gold actors and recipients of the train part that no
    /// candidate span matches (for error analysis; never the test part).
    #[arg(long, default_value_t = 0)]
    pub show_unreachable: usize,
    /// Print this many actor lists of the train part that cross-validation gets
    /// wrong (gold, pick, candidates; for error analysis, never the test part).
    #[arg(long, default_value_t = 0)]
    pub show_cv_errors: usize,
}

pub fn train_args(a: TrainArgsArgs) -> Result<i32> {
    use marsad_detect::args::{self, ArgList, Role};
    let p = Pipeline::global()?;
    let mut lists: Vec<(bool, Role, usize, ArgList)> = Vec::new(); // (test, role, rule pick, list)
    let mut fold_of: Vec<usize> = Vec::new(); // cross-validation fold of each list (by article)
    let mut file_of: Vec<String> = Vec::new(); // the gold file of each list (per-file cross-validation)
    let mut lost_actors: std::collections::HashMap<String, usize> = std::collections::HashMap::new(); // train actors no candidate matches, per file
    let mut shown_of: Vec<String> = Vec::new(); // what an error report shows of each list
    let (mut n_events, mut unmatched, mut unreachable) = (0, 0, 0);
    let mut lost: Vec<(bool, Role)> = Vec::new(); // (test, role) of each gold no candidate matches
    let mut shown = 0;
    let mut en_lists: Vec<(bool, usize, ArgList)> = Vec::new(); // English place lists: (test, rule pick, list)
    let place_files = files_in(&a.gold, "place.")?;
    for f in files_in(&a.gold, "gold.")?.into_iter().chain(place_files.iter().cloned()) {
        let place_only = place_files.contains(&f);
        let text = std::fs::read_to_string(&f).with_context(|| format!("reading {f}"))?;
        for (i, line) in text.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).with_context(|| format!("{f}:{}", i + 1))?;
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
            let mut d = Document::new(s("id"), s("text"));
            // 20170131, 2017-01-31 or 31/01/2017, as `eval events` reads them
            d.published = marsad_input::parse_date(&s("date"));
            p.annotate_candidates(&mut d);
            let test = match v.get("split").and_then(|x| x.as_str()) {
                Some("test") => true,
                Some("train") => false,
                _ => is_test_article(&s("doc")),
            };
            let fold = s("doc").bytes().fold(7usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize)) % 5;
            for ge in v.get("events").and_then(|e| e.as_array()).into_iter().flatten() {
                n_events += 1;
                let g = |k: &str| ge.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
                let trig = marsad_text::normalize(&g("trigger"));
                let Some(e) = d.events.iter().find(|e| e.kind == g("plover") && (marsad_text::normalize(&e.trigger.text).contains(trig.trim()) || trig.contains(marsad_text::normalize(&e.trigger.text).trim()))) else {
                    unmatched += 1;
                    continue;
                };
                if args::is_en(&d, e) {
                    let pc = args::en_place_candidates(&d, e);
                    if let Some(l) = args::en_place_list_for(&d, e, &g("place"), &pc) {
                        en_lists.push((test, pc.iter().position(|c| c.rule).map_or(0, |i| i + 1), l));
                    }
                }
                if place_only {
                    continue;
                }
                let cands = args::candidates(&d, e);
                for (role, gold) in [(Role::Actor, g("source_text")), (Role::Recipient, g("target_text"))] {
                    let rule = cands.iter().position(|c| if role == Role::Actor { c.rule_actor } else { c.rule_recipient }).map_or(0, |i| i + 1);
                    match args::list_for(&d, e, role, &gold, &cands) {
                        Some(l) => {
                            lists.push((test, role, rule, l));
                            fold_of.push(fold);
                            file_of.push(f.rsplit('/').next().unwrap_or("").to_string());
                            let c: Vec<&str> = cands.iter().map(|c| c.text.as_str()).collect();
                            shown_of.push(format!("{role:?} «{gold}» [{}] trig={} {}\n    candidates: - | {}", s("id"), e.trigger.text, s("text"), c.join(" | ")));
                        }
                        None => {
                            unreachable += 1;
                            lost.push((test, role));
                            if !test && role == Role::Actor {
                                *lost_actors.entry(f.rsplit('/').next().unwrap_or("").to_string()).or_default() += 1;
                            }
                            if !test && shown < a.show_unreachable {
                                shown += 1;
                                let c: Vec<&str> = cands.iter().map(|c| c.text.as_str()).collect();
                                eprintln!("UNREACHABLE {role:?} «{gold}» [{}] {}\n    candidates: {}", s("id"), s("text"), c.join(" | "));
                            }
                        }
                    }
                }
                let pc = args::place_candidates(&d, e);
                let rule = pc.iter().position(|c| c.rule).map_or(0, |i| i + 1);
                match args::place_list_for(&d, e, &g("place"), &pc) {
                    Some(l) => {
                        lists.push((test, Role::Place, rule, l));
                        fold_of.push(fold);
                        file_of.push(String::new());
                        shown_of.push(String::new());
                    }
                    None => {
                    unreachable += 1;
                    lost.push((test, Role::Place));
                }
                }
            }
        }
    }
    let train: Vec<&ArgList> = lists.iter().filter(|x| !x.0).map(|x| &x.3).collect();
    eprintln!(
        "{n_events} annotated events: {unmatched} without a candidate of their type and trigger; {} role lists ({} train), {unreachable} roles whose gold no candidate span matches",
        lists.len(),
        train.len()
    );
    // 5-fold cross-validation on the train part: what settings are chosen by
    let mut cv_right = 0;
    let mut cv_n = 0;
    // per role (actor, recipient, place): right, lists
    let mut cv_role = [(0usize, 0usize); 3];
    // actor lists whose gold is "no one": how many cross-validation leaves empty (the
    // out-of-sample side of "actor invented"; round 8)
    let mut cv_none = (0usize, 0usize);
    let mut cv_shown = 0;
    // actor lists right per gold file (round 7: a new file's lists must not hide what the
    // earlier ones lose), and the gold actors of that file no candidate matches
    let mut cv_file: std::collections::BTreeMap<String, (usize, usize)> = std::collections::BTreeMap::new();
    for f in 0..5 {
        let tr: Vec<&ArgList> = lists.iter().zip(&fold_of).filter(|(x, k)| !x.0 && **k != f).map(|(x, _)| &x.3).collect();
        let m = args::train(&tr, a.epochs, 0.1, a.l2, a.none_weight, 20261204);
        for (((x, _), shown), file) in lists.iter().zip(&fold_of).zip(&shown_of).zip(&file_of).filter(|(((x, k), _), _)| !x.0 && **k == f) {
            let pick = args::pick(&m, &x.3);
            let ok = usize::from(x.3.gold.contains(&pick));
            if x.1 == Role::Actor && x.3.gold == [0] {
                cv_none.0 += ok;
                cv_none.1 += 1;
            }
            if x.1 == Role::Actor {
                let e = cv_file.entry(file.clone()).or_default();
                e.0 += ok;
                e.1 += 1;
            }
            if ok == 0 && x.1 == Role::Actor && cv_shown < a.show_cv_errors {
                cv_shown += 1;
                eprintln!("CV-WRONG {shown}\n    picked #{pick} (0 = no one), gold #{:?}", x.3.gold);
            }
            cv_n += 1;
            cv_right += ok;
            let r = match x.1 {
                Role::Actor => 0,
                Role::Recipient => 1,
                Role::Place => 2,
            };
            cv_role[r].0 += ok;
            cv_role[r].1 += 1;
        }
    }
    let pct = |(r, n): (usize, usize)| 100.0 * r as f64 / n.max(1) as f64;
    eprintln!(
        "5-fold cross-validation on the train part: {:.1}% of role lists right (actor {:.1}%, recipient {:.1}%, place {:.1}%)",
        100.0 * cv_right as f64 / cv_n.max(1) as f64,
        pct(cv_role[0]),
        pct(cv_role[1]),
        pct(cv_role[2])
    );
    let named = (cv_role[0].0 - cv_none.0, cv_role[0].1 - cv_none.1);
    eprintln!(
        "  cross-validation, actor lists naming an actor: {:.1}% right ({}/{}); naming none: {:.1}% left empty ({}/{}, the rest invented)",
        pct(named),
        named.0,
        named.1,
        pct(cv_none),
        cv_none.0,
        cv_none.1
    );
    for (file, (right, n)) in &cv_file {
        let all = n + lost_actors.get(file).copied().unwrap_or(0);
        eprintln!("  cross-validation, actor lists of {file}: {:.1}% right ({right}/{n}); of all its train gold actors {:.1}% ({right}/{all})", pct((*right, *n)), pct((*right, all)));
    }
    let m = args::train(&train, a.epochs, 0.1, a.l2, a.none_weight, 20261204);
    println!("role        part   lists  rules right  model right   (gold text among the candidates; 'no one' counts)  model right of all gold");
    for role in [Role::Actor, Role::Recipient, Role::Place] {
        for test in [false, true] {
            let part: Vec<&(bool, Role, usize, ArgList)> = lists.iter().filter(|x| x.0 == test && x.1 == role).collect();
            let rules = part.iter().filter(|x| x.3.gold.contains(&x.2)).count();
            let model = part.iter().filter(|x| x.3.gold.contains(&args::pick(&m, &x.3))).count();
            let pc = |k: usize| 100.0 * k as f64 / part.len().max(1) as f64;
            let all = part.len() + lost.iter().filter(|x| x.0 == test && x.1 == role).count();
            println!(
                "{:<11} {:<6} {:>5}  {:>10.1}%  {:>10.1}%  {:>10.1}% of {all}",
                format!("{role:?}"),
                if test { "test" } else { "train" },
                part.len(),
                pc(rules),
                pc(model),
                100.0 * model as f64 / all.max(1) as f64
            );
        }
    }
    std::fs::write(&a.output, m.to_text()).with_context(|| format!("writing {}", a.output))?;
    eprintln!("wrote {}", a.output);
    // the English place ranker: English place lists only, so the main model's lists
    // (and its Arabic weights) stay as they are
    let en_train: Vec<&ArgList> = en_lists.iter().filter(|x| !x.0).map(|x| &x.2).collect();
    let em = args::train(&en_train, a.epochs, 0.1, a.l2, 1.0, 20261206);
    for test in [false, true] {
        let part: Vec<&(bool, usize, ArgList)> = en_lists.iter().filter(|x| x.0 == test).collect();
        let rules = part.iter().filter(|x| x.2.gold.contains(&x.1)).count();
        let model = part.iter().filter(|x| x.2.gold.contains(&args::pick(&em, &x.2))).count();
        let pc = |k: usize| 100.0 * k as f64 / part.len().max(1) as f64;
        println!("{:<11} {:<6} {:>5}  {:>10.1}%  {:>10.1}%   (English place ranker)", "Place en", if test { "test" } else { "train" }, part.len(), pc(rules), pc(model));
    }
    std::fs::write(&a.en_place_output, em.to_text()).with_context(|| format!("writing {}", a.en_place_output))?;
    eprintln!("wrote {}", a.en_place_output);
    Ok(0)
}

#[derive(Args)]
pub struct ExplainArgs {
    /// Files or directories; without any, the bundled examples.
    pub paths: Vec<String>,
    #[command(flatten)]
    pub input: InputArgs,
    /// How many features to show per candidate.
    #[arg(long, default_value_t = 8)]
    pub top: usize,
}

pub fn explain(a: ExplainArgs) -> Result<i32> {
    let p = Pipeline::global()?;
    let det = DetectStage::load()?;
    let opts = a.input.options();
    let items: Vec<marsad_input::Item> = if a.paths.is_empty() { bundled(&opts) } else { marsad_input::read(&a.paths, &opts).collect() };
    let mut code = 0;
    for item in items {
        let mut d = match item {
            Ok(r) => r.into_document(),
            Err(e) => {
                eprintln!("marsad: error: {e}");
                code = 1;
                continue;
            }
        };
        p.annotate_candidates(&mut d);
        let topic = d.topic.as_ref().map(|t| format!("{} {:.2}", t.label, t.score)).unwrap_or_else(|| "none".into());
        println!("# {}  (topic: {topic}; published: {})", d.id, d.published.as_deref().unwrap_or("unknown"));
        let verdicts = det.judge_all(&d);
        if verdicts.is_empty() {
            println!("  no event candidates");
        }
        for (e, v) in d.events.iter().zip(&verdicts) {
            let sent = d.sentences.get(e.sentence).map(|s| d.slice(s.start, s.end)).unwrap_or_default();
            let mut flags = Vec::new();
            for (on, f) in [(e.negated, "negated"), (e.hypothetical, "hypothetical"), (e.generic, "generic"), (v.background, "background")] {
                if on {
                    flags.push(f);
                }
            }
            println!(
                "\n  {} (not-event {:.2}, mention {:.2}, event {:.2})  {} «{}» [{}..{}]{}",
                match v.class {
                    marsad_detect::Class::NotEvent => "DROP",
                    marsad_detect::Class::Mention => "MENTION",
                    marsad_detect::Class::Event => "EVENT",
                },
                v.probs[0],
                v.probs[1],
                v.probs[2],
                e.kind,
                e.trigger.text,
                e.trigger.start,
                e.trigger.end,
                if flags.is_empty() { String::new() } else { format!(" ({})", flags.join(", ")) }
            );
            println!("    {}", sent.trim());
            for c in v.because.iter().take(a.top) {
                println!("    {:>+7.3}  {}{}", c.value * c.weight, c.feature, if c.value != 1.0 { format!(" (×{:.2})", c.value) } else { String::new() });
            }
        }
        println!();
    }
    Ok(code)
}
