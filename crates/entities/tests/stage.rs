//! Behaviour of the entities stage on whole documents, training determinism,
//! and the reference article (skipped when ../shared is absent).

use marsad_core::{Document, EntityType, Stage};
use marsad_entities::{conll, EntityStage, Tagger, TrainOptions};

fn annotate(text: &str) -> Document {
    let mut d = Document::new("t", text);
    marsad_text::TextStage.annotate(&mut d);
    EntityStage::load().unwrap().annotate(&mut d);
    d
}

fn shared(rel: &str) -> Option<String> {
    std::fs::read_to_string(format!("../../../shared/{rel}")).ok()
}

#[test]
fn entity_text_matches_offsets() {
    let d = annotate("قال الرئيس الأمريكي دونالد ترامب في واشنطن يوم الأحد إن 25 شخصا قتلوا في بغداد. وأعلن حزب الله ذلك.");
    assert!(!d.entities.is_empty());
    for e in &d.entities {
        assert_eq!(e.text, d.slice(e.start, e.end), "{e:?}");
        assert!(e.confidence > 0.0 && e.confidence <= 1.0, "{e:?}");
        assert!(e.sentence < d.sentences.len());
    }
    let has = |k: EntityType, s: &str| d.entities.iter().any(|e| e.kind == k && e.text == s);
    assert!(has(EntityType::PERS, "دونالد ترامب"), "{:?}", d.entities);
    assert!(has(EntityType::LOC, "بغداد"), "{:?}", d.entities);
    assert!(has(EntityType::NUM, "25"), "{:?}", d.entities);
}

#[test]
fn proclitic_is_left_out_of_the_entity() {
    let d = annotate("وصل الوفد إلى بغداد ثم غادر وبغداد تشهد توترا.");
    assert!(d.entities.iter().filter(|e| e.kind == EntityType::LOC).all(|e| e.text == "بغداد"), "{:?}", d.entities);
}

#[test]
fn english_sentences_use_the_rules() {
    let d = annotate("President Donald Trump said ISIS was defeated in Iraq.");
    let has = |k: EntityType, s: &str| d.entities.iter().any(|e| e.kind == k && e.text == s);
    assert!(has(EntityType::PERS, "Donald Trump"), "{:?}", d.entities);
    assert!(has(EntityType::LOC, "Iraq"), "{:?}", d.entities);
    assert!(has(EntityType::ORG, "ISIS"), "{:?}", d.entities);
}

#[test]
fn odd_input_does_not_panic() {
    for t in ["", " ", "\u{0}\u{1}\u{fffd}", "ـــــ", "\u{200f}\u{200f}", "ّ", "و", "123456789012345678901234567890", "«»،؛؟"] {
        let d = annotate(t);
        for e in &d.entities {
            assert_eq!(e.text, d.slice(e.start, e.end));
        }
    }
    let big = "قال محمد في بغداد إن ".repeat(5000);
    let d = annotate(&big);
    assert!(d.entities.len() > 1000);
}

#[test]
fn training_is_deterministic_and_learns() {
    let text = "ذهب\tO\nمحمد\tB-PERS\nإلى\tO\nبغداد\tB-LOC\n.\tO\n\nزار\tO\nعلي\tB-PERS\nدمشق\tB-LOC\n.\tO\n\nقال\tO\nحزب\tB-ORG\nالله\tI-ORG\nإن\tO\nمحمد\tB-PERS\nفي\tO\nبغداد\tB-LOC\n\n";
    let sents = conll::parse(&text.repeat(5));
    let opt = TrainOptions { epochs: 3, folds: 2, window: 5, ..Default::default() };
    let a = marsad_entities::train_conll(&sents, None, &opt).to_bytes();
    let b = marsad_entities::train_conll(&sents, None, &opt).to_bytes();
    assert_eq!(a, b, "same data and seed must give the same model");
    let t = Tagger::from_bytes(&a).unwrap();
    assert!(t.stage2().is_some());
    let sc = marsad_entities::evaluate(&t, &sents);
    assert!(sc.micro.f() > 90.0, "{}", sc.report());
}

#[test]
fn conll_dev_score_of_embedded_model() {
    // The shipped model is trained on train+dev, so this is a regression
    // check, not an estimate (README has the train-only scores).
    let Some(dev) = shared("eval/anercorp/dev.conll") else { return };
    let t = marsad_entities::embedded_tagger().unwrap();
    let sc = marsad_entities::evaluate(t, &conll::parse(&dev));
    assert!(sc.micro.f() > 75.0, "{}", sc.report());
}

#[test]
fn reference_article_people_places_groups() {
    let Some(text) = shared("examples/white-flags.ar.txt") else { return };
    let d = annotate(&text);
    let of = |k: EntityType| -> Vec<&str> { d.entities.iter().filter(|e| e.kind == k).map(|e| e.text.as_str()).collect() };
    let pers = of(EntityType::PERS);
    for p in ["خالد المرادي", "هيوا شور", "دونالد ترامب", "بورزو دراغاهي"] {
        assert!(pers.contains(&p), "{p} not PERS: {pers:?}");
    }
    let loc = of(EntityType::LOC);
    for p in ["العراق", "سوريا", "بغداد", "كركوك"] {
        assert!(loc.contains(&p), "{p} not LOC: {loc:?}");
    }
    let org = of(EntityType::ORG);
    for g in ["داعش", "أنصار الإسلام"] {
        assert!(org.contains(&g), "{g} not ORG: {org:?}");
    }
    assert!(org.iter().any(|g| g.contains("الرايات البيضاء") || g.contains("الراية البيضاء")), "{org:?}");
    for e in &d.entities {
        assert_eq!(e.text, d.slice(e.start, e.end));
    }
}
