//! Runs the tagger over real news text from /work/shared (skipped when the
//! shared folder is absent): the reference article and the 272 sentences of
//! the Arabic protest set, each against its article's date. Checks offsets,
//! the reference article's expected expressions, and prints what was found
//! (`-- --nocapture`) for inspection.

use std::path::Path;

fn shared(rel: &str) -> Option<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(rel);
    std::fs::read_to_string(p).ok()
}

fn check_offsets(text: &str, times: &[marsad_core::TimeExpr]) {
    for t in times {
        let s: String = text.chars().skip(t.start).take(t.end - t.start).collect();
        assert_eq!(s, t.text);
    }
}

#[test]
fn reference_article() {
    let Some(text) = shared("examples/white-flags.ar.txt") else {
        eprintln!("shared/ absent: skipped");
        return;
    };
    for (published, december) in [(None, "--12"), (Some("2018-02-15"), "2017-12"), (Some("2017-12-20"), "2016-12")] {
        let times = marsad_time::tag_text(&text, published);
        check_offsets(&text, &times);
        let get = |s: &str| times.iter().find(|t| t.text == s).unwrap_or_else(|| panic!("{s} not found in {times:#?}"));
        let dec = get("كانون الأول (ديسمبر) الماضي");
        assert_eq!(dec.value.as_deref(), Some(december));
        assert_eq!(dec.precision, "month");
        assert_eq!(dec.anchor.as_deref(), published);
        let late = get("أواخر عام 2017");
        assert_eq!((late.value.as_deref(), late.modifier.as_deref()), (Some("2017"), Some("late")));
        assert_eq!(get("2014").value.as_deref(), Some("2014"));
        let after = get("بعد عام 2003");
        assert_eq!((after.value.as_deref(), after.modifier.as_deref()), (Some("2003"), Some("after")));
        // the rest: "يوم الأحد" and the vague "الأسابيع الأخيرة" / "الأشهر الأخيرة" (no value)
        assert_eq!(times.len(), 7, "{times:#?}");
        assert_eq!(get("الأسابيع الأخيرة").value, None);
    }
}

#[test]
fn protest_sentences() {
    let Some(data) = shared("eval/events/up-arabic-protest.jsonl") else {
        eprintln!("shared/ absent: skipped");
        return;
    };
    let mut n = 0;
    for line in data.lines() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        let text = v["text"].as_str().unwrap_or("");
        let date = v["date"].as_str().unwrap_or("");
        let published = if date.len() == 8 { format!("{}-{}-{}", &date[0..4], &date[4..6], &date[6..8]) } else { String::new() };
        let times = marsad_time::tag_text(text, if published.is_empty() { None } else { Some(&published) });
        check_offsets(text, &times);
        for t in &times {
            n += 1;
            println!("{published}\t{}\t{}\t{}\t{}", t.text, t.value.as_deref().unwrap_or("null"), t.precision, t.modifier.as_deref().unwrap_or(""));
        }
    }
    println!("{n} expressions");
    assert!(n > 0);
}
