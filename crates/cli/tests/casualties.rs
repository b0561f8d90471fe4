//! Floors for the casualty grammar (crates/events/src/casualty.rs) on its two gold sets:
//! crates/events/data/dev/casualties.jsonl (dev part, tuned on) and casualties_test.jsonl
//! (test part, never inspected while tuning). `marsad eval events --json` gives the
//! killed / injured / invented figures, with `--candidates` (the rules alone) and through
//! the full pipeline (the learned detection stage may drop a candidate, so its floor is
//! lower). Two things eval does not score are scored here from `marsad extract`: each
//! incident of a two-incident sentence with its own figures (one-to-one), and a party's
//! claimed toll attributed to that party (`reported_by`).
//!
//! The floors are the measured values (README, "Casualties") minus a small margin.

mod common;
use common::*;
use serde_json::Value;

fn gold(name: &str) -> String {
    repo_root().join("crates/events/data/dev").join(name).to_string_lossy().into_owned()
}

fn eval(name: &str, candidates: bool) -> Value {
    let g = gold(name);
    let mut args = vec!["eval", "events", "--json", "--gold", g.as_str()];
    if candidates {
        args.push("--candidates");
    }
    let out = marsad(&args);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("eval prints JSON")
}

fn pct(r: &Value, k: &str) -> f64 {
    r[k]["pct"].as_f64().unwrap_or_else(|| panic!("{k} has no percentage: {}", r[k]))
}

/// (killed ≥, injured ≥, killed invented ≤, injured invented ≤), in percent.
fn check(name: &str, candidates: bool, floor: (f64, f64, f64, f64)) {
    let r = eval(name, candidates);
    let what = format!("{name}{}", if candidates { " --candidates" } else { "" });
    assert_eq!(r["bad_lines"], 0, "{what}: unreadable gold lines");
    let (k, i, ki, ii) = (pct(&r, "killed"), pct(&r, "injured"), pct(&r, "killed_invented"), pct(&r, "injured_invented"));
    assert!(k >= floor.0, "{what}: killed figure right {k:.1}% < floor {}%", floor.0);
    assert!(i >= floor.1, "{what}: injured figure right {i:.1}% < floor {}%", floor.1);
    assert!(ki <= floor.2, "{what}: killed invented {ki:.1}% > ceiling {}%", floor.2);
    assert!(ii <= floor.3, "{what}: injured invented {ii:.1}% > ceiling {}%", floor.3);
}

// measured (both modes): dev killed 56/59 = 94.9%, injured 23/23, invented 1/20 and 1/55;
// test killed 37/40 = 92.5%, injured 16/17 = 94.1%, invented 1/14 and 1/37. One more miss
// passes, two fail; the full pipeline may also lose one event to the detection model.
#[test]
fn dev_part_floors() {
    check("casualties.jsonl", true, (92.0, 95.0, 6.0, 3.0));
    check("casualties.jsonl", false, (90.0, 95.0, 6.0, 3.0));
}

#[test]
fn test_part_floors() {
    check("casualties_test.jsonl", true, (90.0, 88.0, 8.0, 3.0));
    check("casualties_test.jsonl", false, (87.5, 88.0, 8.0, 3.0));
}

/// casreal (crates/events/data/dev/CASREAL.md): real Jawhara FM sentences and English wire
/// copy written here, labelled before the grammar was tuned on its train part. Floors are
/// (killed ≥, injured ≥, arrested ≥, killed invented ≤, injured invented ≤), in percent.
fn check_real(name: &str, candidates: bool, floor: (f64, f64, f64, f64, f64)) {
    let r = eval(name, candidates);
    let what = format!("{name}{}", if candidates { " --candidates" } else { "" });
    assert_eq!(r["bad_lines"], 0, "{what}: unreadable gold lines");
    let (k, i, a) = (pct(&r, "killed"), pct(&r, "injured"), pct(&r, "arrested"));
    let (ki, ii) = (pct(&r, "killed_invented"), pct(&r, "injured_invented"));
    eprintln!("{what}: killed {k:.1}% injured {i:.1}% arrested {a:.1}% invented {ki:.1}% / {ii:.1}%; {}", r["figures"]);
    assert!(k >= floor.0, "{what}: killed figure right {k:.1}% < floor {}%", floor.0);
    assert!(i >= floor.1, "{what}: injured figure right {i:.1}% < floor {}%", floor.1);
    assert!(a >= floor.2, "{what}: arrested figure right {a:.1}% < floor {}%", floor.2);
    assert!(ki <= floor.3, "{what}: killed invented {ki:.1}% > ceiling {}%", floor.3);
    assert!(ii <= floor.4, "{what}: injured invented {ii:.1}% > ceiling {}%", floor.4);
    let arr_inv = r["figures"]["arrested"]["invented"].as_u64().unwrap_or(0);
    assert!(arr_inv <= 1, "{what}: {arr_inv} arrest figures invented");
}

// measured (README "Casualties", casreal): train --candidates killed 98/112 = 87.5%,
// injured 34/45 = 75.6%, arrested 66/69 = 95.7%; full pipeline 95/112, 31/45, 66/69 (the
// detection model drops a few candidates); invented 0/31 and 0/38.
#[test]
fn casreal_train_part_floors() {
    check_real("casreal.jsonl", true, (85.0, 72.0, 93.0, 4.0, 3.0));
    check_real("casreal.jsonl", false, (80.0, 64.0, 93.0, 4.0, 3.0));
}

// measured once after tuning: test --candidates killed 56/75 = 74.7%, injured 25/29 = 86.2%,
// arrested 44/54 = 81.5%; full pipeline 56/75, 23/29, 44/54; invented 0/21, 0/20.
#[test]
fn casreal_test_part_floors() {
    check_real("casreal_test.jsonl", true, (72.0, 82.0, 79.0, 5.0, 5.0));
    // (full pipeline killed raised 70 -> 85 in session cas27: 62 -> 65/75, one item below)
    check_real("casreal_test.jsonl", false, (85.0, 75.0, 79.0, 5.0, 5.0));
}

// casreal2 (CASREAL.md, "casreal2"; session casualty5): real sentences of unused articles.
// Test part, first run (main ad0a910) -> final, full pipeline: killed 9/11 -> 9/11, injured
// 2/4 -> 2/4, arrested 51/59 -> 51/59, invented 0/10 and 0/2; --candidates injured 2/4 -> 3/4.
#[test]
fn casreal2_test_part_floors() {
    check_real("casreal2_test.jsonl", true, (80.0, 74.0, 85.0, 5.0, 5.0));
    check_real("casreal2_test.jsonl", false, (80.0, 49.0, 85.0, 5.0, 5.0));
}

// casreal2 train part (tuned on), full pipeline: killed 23/31 -> 25/31, injured 4/10 -> 6/10,
// arrested 57/67 -> 61/67; --candidates 25/31, 7/10, 61/67; invented 0/5, 0/6.
#[test]
fn casreal2_train_part_floors() {
    check_real("casreal2.jsonl", true, (80.0, 69.0, 90.0, 5.0, 5.0));
    check_real("casreal2.jsonl", false, (80.0, 59.0, 90.0, 5.0, 5.0));
}

/// casreal3 (CASREAL.md, "casreal3"; session casualty10): wire-style sentences written here,
/// the test part committed with its first run before any code change. Floors are (killed ≥,
/// injured ≥, killed invented ≤, injured invented ≤) in percent; a class with no "none
/// stated" gold has no invented percentage and counts as 0.
fn check_casreal3(name: &str, candidates: bool, floor: (f64, f64, f64, f64)) {
    let r = eval(name, candidates);
    let what = format!("{name}{}", if candidates { " --candidates" } else { "" });
    assert_eq!(r["bad_lines"], 0, "{what}: unreadable gold lines");
    let (k, i) = (pct(&r, "killed"), pct(&r, "injured"));
    let inv = |key: &str| r[key]["pct"].as_f64().unwrap_or(0.0);
    let (ki, ii) = (inv("killed_invented"), inv("injured_invented"));
    eprintln!("{what}: killed {k:.1}% injured {i:.1}% invented {ki:.1}% / {ii:.1}%; {}", r["figures"]);
    assert!(k >= floor.0, "{what}: killed figure right {k:.1}% < floor {}%", floor.0);
    assert!(i >= floor.1, "{what}: injured figure right {i:.1}% < floor {}%", floor.1);
    assert!(ki <= floor.2, "{what}: killed invented {ki:.1}% > ceiling {}%", floor.2);
    assert!(ii <= floor.3, "{what}: injured invented {ii:.1}% > ceiling {}%", floor.3);
}

// casreal3 test part, first run (main 78a37ab) -> final, both modes: killed 86/103 -> 88/103
// (85.4%), injured 43/50 (86.0%), invented 0/1 and 0/1. Two more misses pass, three fail.
#[test]
fn casreal3_test_part_floors() {
    check_casreal3("casreal3_test.jsonl", true, (83.0, 82.0, 5.0, 5.0));
    check_casreal3("casreal3_test.jsonl", false, (83.0, 82.0, 5.0, 5.0));
}

// casreal3 train part (tuned on), both modes: killed 63/72 -> 70/72, injured 20/20,
// injured invented 0/6.
#[test]
fn casreal3_train_part_floors() {
    check_casreal3("casreal3.jsonl", true, (94.0, 95.0, 5.0, 5.0));
    check_casreal3("casreal3.jsonl", false, (94.0, 95.0, 5.0, 5.0));
}

// casreal4 test part (CASREAL.md, "casreal4"; session casualty11: Levant, Iraq, Yemen and
// Sudan agency-style sentences written here, committed with the first run before any code
// change), both modes: killed 80/88 -> 84/88 (95.5%), injured 27/29 -> 28/29 (96.6%),
// invented 0/3 and 0/9.
#[test]
fn casreal4_test_part_floors() {
    check_casreal3("casreal4_test.jsonl", true, (92.0, 93.0, 5.0, 5.0));
    check_casreal3("casreal4_test.jsonl", false, (92.0, 93.0, 5.0, 5.0));
}

/// A phrase with Arabic letter variants and diacritics folded, Latin lowercased.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ة' => 'ه',
            'ى' => 'ي',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .filter(|c| !('\u{064B}'..='\u{0652}').contains(c))
        .collect()
}

fn share_word(gold: &str, pred: &str) -> bool {
    let (g, p) = (fold(gold), fold(pred));
    if g.contains(&p) || p.contains(&g) {
        return true;
    }
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace().map(|w| w.strip_prefix("ال").unwrap_or(w).to_string()).filter(|w| w.chars().count() > 2).collect()
    };
    let pw = words(&p);
    words(&g).iter().any(|w| pw.contains(w))
}

/// Runs the gold sentences through `marsad extract` and scores (per-incident figures
/// right, of n; claims attributed right, of n).
fn incidents_and_claims(name: &str) -> ((usize, usize), (usize, usize)) {
    let raw = std::fs::read_to_string(gold(name)).unwrap();
    let golds: Vec<Value> = raw.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    let input: String = golds
        .iter()
        .map(|g| {
            let d = g["date"].as_str().unwrap();
            serde_json::json!({"id": g["id"], "text": g["text"], "date": format!("{}-{}-{}", &d[0..4], &d[4..6], &d[6..8])}).to_string() + "\n"
        })
        .collect();
    let out = marsad_stdin(&["extract", "-q", "-"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let docs = stdout_docs(&out);
    let (mut inc, mut claims) = ((0, 0), (0, 0));
    for (g, d) in golds.iter().zip(&docs) {
        assert_eq!(g["id"], d["id"]);
        let evs = d["events"].as_array().unwrap();
        let gev = g["events"].as_array().unwrap();
        let assaults: Vec<&Value> = gev.iter().filter(|e| e["plover"] == "ASSAULT").collect();
        if assaults.len() >= 2 {
            // one predicted event per gold incident, with the same figures
            let mut used = vec![false; evs.len()];
            for ge in &assaults {
                inc.1 += 1;
                let hit = evs.iter().enumerate().position(|(k, e)| {
                    !used[k] && e["type"] == "ASSAULT" && e["fatalities"] == ge["fatalities"] && e["injured"] == ge["injured"]
                });
                if let Some(k) = hit {
                    used[k] = true;
                    inc.0 += 1;
                } else {
                    eprintln!("incident miss [{}] gold k={} i={}", g["id"], ge["fatalities"], ge["injured"]);
                }
            }
        }
        for ge in gev {
            let Some(by) = ge["reported_by"].as_str() else { continue };
            claims.1 += 1;
            let ok = evs.iter().any(|e| e["type"] == ge["plover"] && e["reported_by"]["text"].as_str().is_some_and(|t| share_word(by, t)));
            if ok {
                claims.0 += 1;
            } else {
                eprintln!("claim miss [{}] gold reported_by «{by}»", g["id"]);
            }
        }
    }
    (inc, claims)
}

#[test]
fn each_incident_keeps_its_own_toll_and_claims_are_attributed() {
    // measured: dev 8/8 incidents and 4/4 claims, test 6/6 and 3/3
    for (name, inc_floor, claim_floor) in [("casualties.jsonl", 7, 3), ("casualties_test.jsonl", 5, 2)] {
        let ((ih, n), (ch, cn)) = incidents_and_claims(name);
        eprintln!("{name}: per-incident figures {ih}/{n}, claims attributed {ch}/{cn}");
        assert!(ih >= inc_floor, "{name}: per-incident figures {ih}/{n} < {inc_floor}");
        assert!(ch >= claim_floor, "{name}: claimed tolls attributed {ch}/{cn} < {claim_floor}");
    }
}

/// The documents `marsad extract` makes of dated sentences (ids 0, 1, …).
fn extract_dated(input: &[(&str, &str)]) -> Vec<Value> {
    let lines: String = input.iter().enumerate().map(|(i, (d, t))| serde_json::json!({"id": i.to_string(), "date": d, "text": t}).to_string() + "\n").collect();
    let out = marsad_stdin(&["extract", "-q", "-"], Some(lines.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A relative clause about another attack states that attack's toll (issue 11, round 3;
/// the form of two sentences of the assault train labels): its figure is not the main
/// clause's event's, while an attack noun heading the clause keeps its own toll.
#[test]
fn a_relative_clause_about_another_attack_keeps_its_toll() {
    let docs = extract_dated(&[
        ("2016-08-28", "أعلنت الشرطة أنها قتلت ثلاثة متشددين بينهم العقل المدبر للهجوم الذي وقع الشهر الماضي على مقهى في العاصمة داكا وأسفر عن مقتل 22 شخصا."),
        ("2017-06-10", "وأضاف المتحدث أن هذا الهجوم يأتي ردا على الاعتداءات التي استهدفت مجلس الشورى في طهران وأسفرت عن مقتل 17 شخصا."),
        ("2015-06-27", "أدانت تونس الهجوم الإرهابي الذي استهدف نزلا بسوسة وأسفر عن مقتل 38 سائحا."),
    ]);
    let killed = |d: usize, trig: &str| -> Option<u64> {
        let ev = docs[d]["events"].as_array().unwrap().iter().find(|e| e["trigger"]["text"] == trig).unwrap_or_else(|| panic!("no event at {trig}: {}", docs[d]["events"]));
        ev["fatalities"].as_u64()
    };
    assert_eq!(killed(0, "قتلت"), Some(3));
    assert_eq!(killed(1, "الهجوم"), None);
    assert_eq!(killed(2, "الهجوم"), Some(38));
}

/// A dual attack noun split over two places is two incidents sharing one toll, which is
/// neither's own (session cas27, the independent writers' labels); a single attack over
/// two places keeps it.
#[test]
fn a_toll_shared_by_two_attacks_is_neither_s() {
    let docs = extract_dated(&[
        ("2017-04-10", "وسقط نحو 40 ضحية أمس في تفجيرين منفصلين استهدفا مصلين في كنيستين بالاسكندرية وطنطا."),
        ("2017-04-10", "قتل 12 شخصا في تفجير استهدف سوقا بين بغداد والموصل."),
    ]);
    let figs = |d: usize| docs[d]["events"].as_array().unwrap().iter().filter(|e| e["type"] == "ASSAULT").map(|e| e["fatalities"].as_u64()).collect::<Vec<_>>();
    let two = figs(0);
    assert!(two.len() >= 2 && two.iter().all(|f| f.is_none()), "{two:?}: {}", docs[0]["events"]);
    assert!(figs(1).contains(&Some(12)), "{:?}", figs(1));
}
