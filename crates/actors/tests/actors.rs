//! Behaviour of the actors stage: coding phrases, clustering aliases,
//! relations, and the reference article (skipped when ../shared is absent).

use marsad_actors::{actor_ref, code_phrase, mentions_in, ActorStage};
use marsad_core::{Actor, Document, Stage};

fn run(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    marsad_text::annotate(&mut doc);
    ActorStage::load().unwrap().annotate(&mut doc);
    doc
}

fn actor_with<'a>(doc: &'a Document, surface: &str) -> Option<&'a Actor> {
    doc.actors.iter().find(|a| a.mentions.iter().any(|m| m.text.contains(surface)))
}

fn code(s: &str) -> (Option<String>, Option<String>) {
    let c = code_phrase(s).unwrap_or_else(|| panic!("no code for {s}"));
    (c.country, c.sector)
}

fn cs(c: &str, s: &str) -> (Option<String>, Option<String>) {
    (if c.is_empty() { None } else { Some(c.to_string()) }, if s.is_empty() { None } else { Some(s.to_string()) })
}

#[test]
fn generic_phrases_get_country_and_sector() {
    assert_eq!(code("الحكومة العراقية"), cs("IRQ", "GOV"));
    assert_eq!(code("للحكومة العراقية"), cs("IRQ", "GOV"));
    assert_eq!(code("الجيش السوري"), cs("SYR", "MIL"));
    assert_eq!(code("قوات الحكومة العراقية"), cs("IRQ", "MIL"));
    assert_eq!(code("الاسرائيليين"), cs("ISR", ""));
    assert_eq!(code("التونسيين"), cs("TUN", ""));
    assert_eq!(code("المتظاهرون"), cs("", "CVL"));
    assert_eq!(code("والمتظاهرين"), cs("", "CVL"));
    assert_eq!(code("متظاهرون فلسطينيون"), cs("PSE", "CVL"));
    assert_eq!(code("المتظاهرين المعارضين"), cs("", "OPP"));
    assert_eq!(code("الطلاب"), cs("", "EDU"));
    assert_eq!(code("الشرطة"), cs("", "COP"));
    assert_eq!(code("قوات الأمن المصرية"), cs("EGY", "COP"));
    assert_eq!(code("المسلحون"), cs("", "UAF"));
    assert_eq!(code("وزير الخارجية الأمريكي"), cs("USA", "GOV"));
    assert_eq!(code("عناصر الشرطة العراقية"), cs("IRQ", "COP"));
    assert_eq!(code("حكومة السنيورة"), cs("LBN", "GOV"));
    assert_eq!(code("الغارات الإسرائيلية"), cs("ISR", ""));
    assert_eq!(code("Iraqi forces"), cs("IRQ", "MIL"));
    assert_eq!(code("the Syrian government"), cs("SYR", "GOV"));
    assert_eq!(code("US troops"), cs("USA", "MIL"));
    assert_eq!(code("Israeli airstrikes"), cs("ISR", ""));
    assert_eq!(code("Iraq's army"), cs("IRQ", "MIL"));
    assert!(code_phrase("في الصباح الباكر").is_none());
    assert!(code_phrase("").is_none());
}

#[test]
fn named_groups_resolve_through_clitics_and_languages() {
    for s in ["وداعش", "لداعش", "بداعش", "تنظيم الدولة", "الدولة الإسلامية في العراق والشام", "ISIS", "ISIL", "Daesh"] {
        let c = code_phrase(s).unwrap_or_else(|| panic!("{s}"));
        assert_eq!(c.actor_id.as_deref(), Some("kb:isis"), "{s}");
    }
    assert_eq!(code_phrase("الحشد الشعبي").unwrap().country.as_deref(), Some("IRQ"));
    assert_eq!(code_phrase("قسد").unwrap().actor_id.as_deref(), Some("kb:sdf"));
    assert_eq!(code_phrase("الحوثيون").unwrap().actor_id.as_deref(), Some("kb:houthis"));
    // "is" is a verb, not the Islamic State; "the base" is not al-Qaeda
    assert!(code_phrase("this is it").is_none());
    let d = run("انسحبت القوات من القاعدة العسكرية أمس.");
    assert!(!d.actors.iter().any(|a| a.actor_id == "kb:al_qaeda"));
    let d = run("أعلن تنظيم القاعدة مسؤوليته.");
    assert!(d.actors.iter().any(|a| a.actor_id == "kb:al_qaeda"));
}

#[test]
fn aliases_cluster_and_anaphora_resolve() {
    let d = run("هاجمت الرايات البيضاء قرية. وقال مسؤول إن الجماعة تنشط في كركوك. ويعرف التنظيم أيضا باسم White Flags.");
    let wf = d.actors.iter().find(|a| a.actor_id == "kb:white_flags").expect("white flags");
    let texts: Vec<&str> = wf.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains(&"الرايات البيضاء") && texts.contains(&"الجماعة") && texts.contains(&"التنظيم") && texts.contains(&"White Flags"), "{texts:?}");
    assert!(wf.relations.iter().any(|r| r.relation == "operates_in" && r.target.contains("كركوك")), "{:?}", wf.relations);
    for m in &wf.mentions {
        assert_eq!(d.slice(m.start, m.end), m.text);
    }
}

#[test]
fn transliteration_variants_are_one_person() {
    let d = run("قال الصحفي بورزو دراغاهي إن الهجوم وقع. ويضيف دراجاهي أن الوضع خطير.");
    let p = actor_with(&d, "دراغاهي").expect("person");
    assert!(p.mentions.iter().any(|m| m.text == "دراجاهي"), "{:?}", p.mentions);
    assert_eq!(p.actor_type.as_deref(), Some("person"));
}

#[test]
fn founders_and_former_membership() {
    let d = run("تأسست الجماعة المذكورة في 2017. تشكلت الرايات البيضاء من قبل خالد المرادي وهيوا شور ، وهو عضو سابق في جماعة أنصار الإسلام.");
    let wf = d.actors.iter().find(|a| a.actor_id == "kb:white_flags").unwrap();
    let khalid = actor_with(&d, "خالد المرادي").unwrap();
    let hiwa = actor_with(&d, "هيوا شور").unwrap();
    assert_eq!(khalid.name, "Khalid al-Muradi");
    let founders: Vec<&str> = wf.relations.iter().filter(|r| r.relation == "founded_by").map(|r| r.target.as_str()).collect();
    assert!(founders.contains(&khalid.actor_id.as_str()) && founders.contains(&hiwa.actor_id.as_str()), "{founders:?}");
    assert!(hiwa.relations.iter().any(|r| r.relation == "former_member_of" && r.target == "kb:ansar_islam"), "{:?}", hiwa.relations);
    assert!(!khalid.relations.iter().any(|r| r.relation == "former_member_of"));
    // active, verb first
    let d = run("أسس خالد المرادي جماعة الرايات البيضاء عام 2017.");
    let wf = d.actors.iter().find(|a| a.actor_id == "kb:white_flags").unwrap();
    let khalid = actor_with(&d, "خالد المرادي").unwrap();
    assert!(wf.relations.iter().any(|r| r.relation == "founded_by" && r.target == khalid.actor_id), "{:?}", wf.relations);
}

#[test]
fn alliance_and_split() {
    let d = run("اشتبكت الميليشيات الموالية لإيران مع داعش. وانشقت جبهة النصرة عن تنظيم الدولة.");
    let m = d.actors.iter().find(|a| a.aliases.iter().any(|x| x == "الميليشيات")).expect("militias");
    assert!(m.relations.iter().any(|r| r.relation == "allied_with" && r.target == "state:IRN"), "{:?}", m.relations);
    let n = d.actors.iter().find(|a| a.actor_id == "kb:nusra").unwrap();
    assert!(n.relations.iter().any(|r| r.relation == "split_from" && r.target == "kb:isis"), "{:?}", n.relations);
}

#[test]
fn api_for_events() {
    let d = run("تظاهر الاف الاسرائيليين مساء امس في تل ابيب.");
    let ms = mentions_in(&d, 0, d.char_len());
    assert_eq!(ms.len(), 1, "{ms:?}");
    let r = actor_ref(&d.actors[ms[0].0], &ms[0].1);
    assert_eq!(r.text, "الاسرائيليين");
    assert_eq!(r.country.as_deref(), Some("ISR"));
    // context country for a generic actor: the place of the sentence
    let d = run("تظاهر مئات الأشخاص في أثينا احتجاجا على الاتفاقية.");
    let ms = mentions_in(&d, 0, d.char_len());
    let (ai, m) = ms.iter().find(|(_, m)| m.text == "الأشخاص").cloned().expect("mention");
    assert_eq!(d.actors[ai].country, None);
    assert_eq!(marsad_actors::actor_ref_in(&d, ai, &m).unwrap().country.as_deref(), Some("GRC"));
}

#[test]
fn ner_names_are_used_and_trimmed_to_the_name() {
    let text = "قال الرئيس الكيني أوهورو كينياتا إن الوضع هادئ. وأضاف كينياتا أن الحكومة مستعدة.";
    let mut doc = Document::new("t", text);
    marsad_text::annotate(&mut doc);
    let start = text.chars().position(|c| c == 'ا').unwrap() + 1; // "الرئيس…"
    let end = start + "الرئيس الكيني أوهورو كينياتا".chars().count();
    doc.entities.push(marsad_core::Entity {
        kind: marsad_core::EntityType::PERS,
        text: doc.slice(start, end).to_string(),
        start,
        end,
        sentence: 0,
        confidence: 0.9,
        source: "model".into(),
    });
    ActorStage::load().unwrap().annotate(&mut doc);
    let p = actor_with(&doc, "أوهورو كينياتا").expect("person from NER");
    assert_eq!(p.actor_type.as_deref(), Some("person"));
    assert_eq!((p.country.as_deref(), p.sector.as_deref()), (Some("KEN"), Some("GOV")));
    assert!(p.mentions.iter().any(|m| m.text == "كينياتا"), "{:?}", p.mentions);
}

#[test]
fn no_panic_on_odd_input() {
    for t in ["", " ", "\u{0}\u{1}", "ال", "و", "داعش", "«»،،", &"داعش ".repeat(2000), "ﻻ ﷲ \u{200f}داعش\u{200e}"] {
        let d = run(t);
        for a in &d.actors {
            for m in &a.mentions {
                assert_eq!(d.slice(m.start, m.end), m.text);
            }
        }
    }
}

#[test]
fn reference_article() {
    let Ok(text) = std::fs::read_to_string("../../../shared/examples/white-flags.ar.txt") else {
        eprintln!("skipped: ../shared absent");
        return;
    };
    let d = run(&text);
    let by_id = |id: &str| d.actors.iter().find(|a| a.actor_id == id);
    // all White Flags spellings as one actor
    let wf = by_id("kb:white_flags").expect("White Flags");
    for s in ["الأعلام البيضاء", "White Flags", "الرايات البيضاء", "الراية البيضاء"] {
        assert!(wf.aliases.iter().any(|a| a == s), "{s} not in {:?}", wf.aliases);
    }
    // all ISIS names as another
    let isis = by_id("kb:isis").expect("ISIS");
    for s in ["إيزيس", "الدولة الإسلامية في العراق وسوريا", "داعش"] {
        assert!(isis.aliases.iter().any(|a| a == s), "{s} not in {:?}", isis.aliases);
    }
    // no other actor holds a White Flags or ISIS spelling
    for a in d.actors.iter().filter(|a| a.actor_id != "kb:white_flags" && a.actor_id != "kb:isis") {
        assert!(!a.aliases.iter().any(|x| x.contains("داعش") || x.contains("البيضاء")), "{:?}", a);
    }
    // both spellings of Daragahi as one person
    let dar = actor_with(&d, "دراغاهي").expect("Daragahi");
    assert!(dar.mentions.iter().any(|m| m.text.contains("دراجاهي")));
    assert_eq!(d.actors.iter().filter(|a| a.mentions.iter().any(|m| m.text.contains("دراجاهي") || m.text.contains("دراغاهي"))).count(), 1);
    // founders and former membership
    let khalid = actor_with(&d, "خالد المرادي").expect("al-Muradi");
    let hiwa = actor_with(&d, "هيوا شور").expect("Hiwa Shur");
    assert_eq!(khalid.name, "Khalid al-Muradi");
    let founders: Vec<&str> = wf.relations.iter().filter(|r| r.relation == "founded_by").map(|r| r.target.as_str()).collect();
    assert!(founders.contains(&khalid.actor_id.as_str()) && founders.contains(&hiwa.actor_id.as_str()), "{founders:?}");
    assert!(hiwa.relations.iter().any(|r| r.relation == "former_member_of" && r.target == "kb:ansar_islam"));
    // "تشكلت الجماعة" is White Flags, "انهيار التنظيم" is ISIS
    assert!(wf.mentions.iter().any(|m| m.text == "الجماعة"));
    assert!(isis.mentions.iter().any(|m| m.text == "التنظيم"));
    // Iraqi government forces and Shia militias
    let igf = actor_with(&d, "لقوات الحكومة العراقية").expect("Iraqi government forces");
    assert_eq!((igf.country.as_deref(), igf.sector.as_deref()), (Some("IRQ"), Some("MIL")));
    let sm = actor_with(&d, "المليشيات الشيعية").expect("Shia militias");
    assert!(sm.mentions.iter().any(|m| m.text == "والميليشيات الشيعية"));
    for a in &d.actors {
        assert!(!a.name.is_empty());
        for m in &a.mentions {
            assert_eq!(d.slice(m.start, m.end), m.text);
        }
    }
}
