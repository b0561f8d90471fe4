//! The argument ranker's feature functions as they were before issue 12's
//! fourteenth pass, with names as `format_args!` (kept for the test
//! `names_are_the_formatted_ones` in `args.rs`, which requires the
//! `Name` parts of today's functions to join into these names, in order).

use super::*;

type OldSink<'a> = dyn FnMut(std::fmt::Arguments<'_>, f32) + 'a;

pub(super) fn place_features(doc: &Document, e: &Event, c: Option<&PlaceCandidate>, n_cands: usize, sink: &mut OldSink) {
    let t = e.kind.as_str();
    let Some(c) = c else {
        sink(format_args!("P:none"), 1.0);
        sink(format_args!("P:none|{t}"), 1.0);
        sink(format_args!("P:none|n={}", n_cands.min(3)), 1.0);
        return;
    };
    let p = &c.place;
    sink(format_args!("P:bias"), 1.0);
    if c.rule {
        sink(format_args!("P:rule"), 1.0);
        if doc.sentences.get(e.sentence).is_some_and(|s| s.lang.code() == "en") {
            sink(format_args!("P:rule|en"), 1.0);
        }
    }
    let toks: &[Token] = doc.sentence_tokens(e.sentence);
    let lang = doc.sentences.get(e.sentence).map(|s| s.lang.code()).unwrap_or("und");
    let ti = toks.iter().position(|k| k.end > e.trigger.start).unwrap_or(0);
    let ci = toks.iter().position(|k| k.end > p.start).unwrap_or(0);
    let (side, dist) = if p.end <= e.trigger.start { ("before", ti.saturating_sub(ci)) } else { ("after", ci.saturating_sub(ti)) };
    sink(format_args!("P:side={side}|{lang}"), 1.0);
    sink(format_args!("P:dist={side}{}|{lang}", bucket(dist)), 1.0);
    sink(format_args!("P:feature={}", p.feature.as_deref().unwrap_or("unresolved")), 1.0);
    sink(format_args!("P:precision={}", p.precision.as_deref().unwrap_or("-")), 1.0);
    if p.relation.is_some() {
        sink(format_args!("P:relative"), 1.0);
    }
    if let Some(first) = toks.get(ci) {
        sink(format_args!("P:pre={}|{lang}", first.prefix), 1.0);
    }
    if ci > 0 {
        let prev = &toks[ci - 1];
        sink(format_args!("P:prev={}", prev.base), 1.0);
    }
    let lo = ci.saturating_sub(4);
    if toks[lo..ci].iter().any(|k| SPEAKER_PLACE.contains(&k.base.as_str()) || SOURCE_WORDS.contains(&k.base.as_str())) {
        sink(format_args!("P:speaker_ctx"), 1.0);
    }
    // the nearest place after the trigger is the usual "in X"
    let nearer = doc
        .places
        .iter()
        .filter(|q| q.sentence == e.sentence && q.start >= e.trigger.end && q.start < p.start)
        .count();
    if side == "after" {
        sink(format_args!("P:after_rank={}", nearer.min(3)), 1.0);
    }
    if doc.places.iter().any(|q| q.sentence == e.sentence && q.start < p.start && q.end > p.start) {
        sink(format_args!("P:nested"), 1.0);
    }
}

pub(super) fn en_place_features_all(doc: &Document, e: &Event, c: Option<&PlaceCandidate>, n_cands: usize, sink: &mut OldSink) {
    place_features(doc, e, c, n_cands, sink);
    let Some(c) = c else { return };
    let toks: &[Token] = doc.sentence_tokens(e.sentence);
    let ti = toks.iter().position(|k| k.end > e.trigger.start).unwrap_or(0);
    let ci = toks.iter().position(|k| k.end > c.place.start).unwrap_or(0);
    en_place_features(doc, e, toks, (ci, ti), sink);
}

fn en_place_features(doc: &Document, e: &Event, toks: &[Token], (ci, ti): (usize, usize), sink: &mut OldSink) {
    let w = |i: usize| toks.get(i).map_or("", |t| t.norm.as_str());
    let p = |s: &str| s.ends_with("'s") || s.ends_with("’s");
    let mut b = ci;
    while b > 0 && EN_DIRECTION.contains(&w(b - 1)) {
        b -= 1;
    }
    let prev = if b == 0 { "^" } else { w(b - 1) };
    let prev = if p(prev) {
        "'s"
    } else if matches!(prev, "in" | "at" | "near" | "outside" | "of" | "from" | "to" | "into" | "across" | "through" | "on" | "around" | "inside" | "^" | "," | "and" | "by") {
        prev
    } else if ti < toks.len() && b == ti + 1 {
        "trigger"
    } else {
        "other"
    };
    sink(format_args!("P:en:prev={prev}"), 1.0);
    if prev == "of" && b >= 2 && EN_UNIT.contains(&w(b - 2)) {
        sink(format_args!("P:en:unit_of"), 1.0);
    }
    let ce = toks.iter().position(|k| k.start >= e.trigger.end).unwrap_or(toks.len()).max(ti + 1);
    let pe = (ci..toks.len()).take_while(|&q| doc.places.iter().any(|x| x.start <= toks[q].start && toks[q].end <= x.end && x.sentence == e.sentence)).last().unwrap_or(ci);
    if p(w(pe)) {
        sink(format_args!("P:en:possessive"), 1.0);
    }
    if EN_UNIT.contains(&w(pe + 1)) || EN_UNIT_KIND.contains(&w(pe + 1)) && EN_UNIT.contains(&w(pe + 2)) {
        sink(format_args!("P:en:unit_after"), 1.0);
    }
    let lo = ci.saturating_sub(5);
    if (lo..ci).any(|q| EN_SAY.contains(&w(q))) && !(lo..ci).any(|q| q == ti) {
        sink(format_args!("P:en:say_before"), 1.0);
    }
    if (pe + 1..(pe + 3).min(toks.len())).any(|q| matches!(w(q), "said" | "say" | "says" | "told" | "reported")) {
        sink(format_args!("P:en:say_after"), 1.0);
    }
    if (ci.saturating_sub(7)..ci).any(|q| EN_MOVED.contains(&w(q))) && (ci.saturating_sub(7)..ci).any(|q| matches!(w(q), "to" | "from")) {
        sink(format_args!("P:en:moved"), 1.0);
    }
    // another event's trigger between this trigger and the place
    let (a, z) = if ci < ti { (toks[ci].end, e.trigger.start) } else { (e.trigger.end, toks[ci].start) };
    if doc.events.iter().any(|o| o.sentence == e.sentence && o.trigger.start != e.trigger.start && o.trigger.start >= a && o.trigger.end <= z) {
        sink(format_args!("P:en:other_event_between"), 1.0);
    }
    // the dateline: before the dash of "KABUL, Afghanistan (AP) —"
    if e.sentence == 0 && (ci + 1..toks.len().min(14)).any(|q| matches!(w(q), "—" | "–" | "-") && toks[q - 1].end != toks[q].start) && toks.iter().take(14).any(|k| k.norm == "(" || k.norm == "—") {
        sink(format_args!("P:en:dateline"), 1.0);
    }
    // the trigger's object noun phrase ("stormed the Zamzam camp", "captured the town of X")
    if ci >= ce && ci <= ce + 6 && (ce..ci).all(|q| matches!(w(q), "the" | "a" | "an" | "of" | "border") || EN_UNIT.contains(&w(q)) || EN_DIRECTION.contains(&w(q)) || toks[q].kind == TokenKind::Latin && doc.slice(toks[q].start, toks[q].end).starts_with(char::is_uppercase)) {
        sink(format_args!("P:en:object"), 1.0);
    }
    // the clause: how many clause boundaries (a comma, a reporting word, a subordinator)
    // stand between the trigger and the place, and a locative preposition right before a
    // place in the trigger's own clause (issue 11, round 4)
    let (lo, hi) = if ci < ti { (ci + 1, ti) } else { (ti + 1, ci) };
    let seps = (lo..hi.min(toks.len()))
        .filter(|&q| matches!(w(q), "," | ";" | "said" | "says" | "told" | "after" | "when" | "while" | "as" | "before" | "since" | "where" | "who" | "which" | "and"))
        .count();
    let side = if ci < ti { "before" } else { "after" };
    sink(format_args!("P:en:seps={side}{}", seps.min(2)), 1.0);
    if seps == 0 && ci > ti && matches!(prev, "in" | "at" | "near" | "outside" | "on" | "across" | "through" | "inside" | "around" | "of" | "trigger") {
        sink(format_args!("P:en:governed"), 1.0);
    }
    // against the rules' choice: a container named right before it ("Y's X", "the Y city of X")
    if let Some(r) = &e.place {
        let ri = toks.iter().position(|k| k.end > r.start).unwrap_or(0);
        if ri > ci && ri <= pe + 4 {
            sink(format_args!("P:en:just_before_rule"), 1.0);
        } else if ci > ri && ci <= ri + 4 {
            sink(format_args!("P:en:just_after_rule"), 1.0);
        }
    }
}

pub(super) fn features(doc: &Document, e: &Event, role: Role, c: Option<&Candidate>, sink: &mut OldSink) {
    let r = role.tag();
    let t = e.kind.as_str();
    let Some(c) = c else {
        sink(format_args!("{r}:none"), 1.0);
        sink(format_args!("{r}:none|{t}"), 1.0);
        let had = if role == Role::Actor { e.actor.is_some() } else { e.recipient.is_some() };
        sink(format_args!("{r}:none|rule_had={had}"), 1.0);
        return;
    };
    sink(format_args!("{r}:bias"), 1.0);
    // English rules have a grammar of their own (subjects, by-agents): their choice gets
    // a weight of its own, so that it does not move the Arabic one
    let en = doc.sentences.get(e.sentence).is_some_and(|s| s.lang.code() == "en");
    if c.rule_actor {
        sink(format_args!("{r}:rule_actor"), 1.0);
        sink(format_args!("{r}:rule_actor|{t}"), 1.0);
        if en {
            sink(format_args!("{r}:rule_actor|en"), 1.0);
        }
    }
    if c.rule_recipient {
        sink(format_args!("{r}:rule_recip"), 1.0);
        sink(format_args!("{r}:rule_recip|{t}"), 1.0);
        if en {
            sink(format_args!("{r}:rule_recip|en"), 1.0);
        }
    }
    let toks: &[Token] = doc.sentence_tokens(e.sentence);
    let ti = toks.iter().position(|k| k.end > e.trigger.start).unwrap_or(0);
    let ci = toks.iter().position(|k| k.end > c.start).unwrap_or(0);
    let ce = toks.iter().rposition(|k| k.start < c.end).unwrap_or(ci);
    let lang = doc.sentences.get(e.sentence).map(|s| s.lang.code()).unwrap_or("und");
    let (side, dist) = if c.end <= e.trigger.start {
        ("before", ti.saturating_sub(ce))
    } else if c.start >= e.trigger.end {
        ("after", ci.saturating_sub(ti))
    } else {
        ("at", 0)
    };
    sink(format_args!("{r}:side={side}|{lang}"), 1.0);
    sink(format_args!("{r}:side={side}|{t}"), 1.0);
    sink(format_args!("{r}:dist={side}{}|{lang}", bucket(dist)), 1.0);
    // is it the nearest candidate on its side? (computed by the caller's order)
    if let Some(first) = toks.get(ci) {
        sink(format_args!("{r}:pre={}|{lang}", first.prefix), 1.0);
    }
    if ci > 0 {
        let prev = &toks[ci - 1];
        let w = if prev.kind == TokenKind::Number { "<num>" } else { prev.base.as_str() };
        sink(format_args!("{r}:prev={w}"), 1.0);
        sink(format_args!("{r}:prev={w}|{side}"), 1.0);
        if ci > 1 && PASSIVE_AGENT.contains(&prev.base.as_str()) {
            sink(format_args!("{r}:agent_phrase"), 1.0);
        }
        if prev.kind == TokenKind::Number || marsad_text::key(&prev.norm).chars().all(|ch| ch.is_ascii_digit()) {
            sink(format_args!("{r}:counted"), 1.0);
        }
    }
    let lo = ci.saturating_sub(4);
    if toks[lo..ci].iter().any(|k| SOURCE_WORDS.contains(&k.base.as_str())) {
        sink(format_args!("{r}:source_ctx"), 1.0);
    }
    if side == "after" && dist <= 1 {
        sink(format_args!("{r}:adjacent_after|{lang}"), 1.0);
    }
    if side == "before" && dist <= 1 {
        sink(format_args!("{r}:adjacent_before|{lang}"), 1.0);
    }
    // English passive before the trigger: "were killed", "was arrested"
    if ti > 0 && matches!(toks[ti - 1].base.as_str(), "was" | "were" | "been" | "be" | "is" | "are") {
        sink(format_args!("{r}:passive_trigger|{side}"), 1.0);
    }
    if let Some(ty) = c.entity {
        sink(format_args!("{r}:entity={ty}"), 1.0);
        sink(format_args!("{r}:entity={ty}|{t}"), 1.0);
    }
    if lang == "ar" {
        arabic_features(toks, e, r, c, (ci, ce, ti), side, dist, sink);
    }
    let a = &c.aref;
    sink(format_args!("{r}:sector={}", a.sector.as_deref().unwrap_or("-")), 1.0);
    sink(format_args!("{r}:sector={}|{t}", a.sector.as_deref().unwrap_or("-")), 1.0);
    sink(format_args!("{r}:type={}", a.actor_type.as_deref().unwrap_or("-")), 1.0);
    if a.actor_id.as_deref().is_some_and(|id| !id.starts_with("gen:")) {
        sink(format_args!("{r}:known"), 1.0);
    }
    if a.country.is_some() {
        sink(format_args!("{r}:has_country"), 1.0);
    }
    let n = ce + 1 - ci;
    sink(format_args!("{r}:len={}", if n <= 1 { "1" } else if n <= 3 { "2-3" } else { "4+" }), 1.0);
}

fn arabic_features(toks: &[Token], e: &Event, r: &str, c: &Candidate, (ci, ce, ti): (usize, usize, usize), side: &str, dist: usize, sink: &mut OldSink) {
    let t = e.kind.as_str();
    if let Some(how) = c.phrase {
        sink(format_args!("{r}:phrase={how}"), 1.0);
        sink(format_args!("{r}:phrase={how}|{t}"), 1.0);
    }
    // the head word (the first that is not a count word)
    let head = toks[ci..=ce.min(toks.len().saturating_sub(1))].iter().find(|k| k.kind == TokenKind::Arabic && !in_list(&k.base, COUNT));
    if let Some(h) = head {
        if in_list(&h.base, HEAD | TARGET) {
            sink(format_args!("{r}:head={}", h.base), 1.0);
        }
    }
    // a verb trigger has no article; a masdar with one (الاعتداء على X) puts its
    // recipient, not its subject, after it
    let trig_tok = toks.get(ti);
    let definite = trig_tok.is_some_and(|k| k.prefix.contains("ال"));
    if side == "after" && dist <= 1 {
        sink(format_args!("{r}:adjacent_after|def={definite}"), 1.0);
    }
    if side == "before" && dist <= 2 {
        sink(format_args!("{r}:near_before|def={definite}"), 1.0);
    }
    // passive: تم + masdar, تعرض X إلى الاعتداء (X is the one attacked)
    if ti > 0 && matches!(toks[ti - 1].base.as_str(), "تم" | "يتم" | "تمت") {
        sink(format_args!("{r}:tamma_passive|{side}"), 1.0);
    }
    let lo = ci.saturating_sub(6);
    if toks[lo..ci].iter().any(|k| k.base.starts_with("تعرض") || k.base.starts_with("يتعرض")) && ci < ti {
        sink(format_args!("{r}:taarrud_subject"), 1.0);
    }
    // a claim: the group that claims (تبنى، أعلن مسؤوليته) is the actor
    let lo = ci.saturating_sub(3);
    let claim_verb = toks[lo..ci].iter().any(|k| k.base.starts_with("تبن") || matches!(k.base.as_str(), "اعلن" | "اعلنت"));
    // (the sentence is scanned only when a claim verb is near)
    if claim_verb && toks.iter().any(|k| claim_noun(&k.base) || k.base.starts_with("تبن")) {
        sink(format_args!("{r}:claimant"), 1.0);
    }
    // governed by a preposition: على، ضد، لـ mark the recipient
    if ci > 0 && matches!(toks[ci - 1].norm.as_str(), "علي" | "ضد") {
        sink(format_args!("{r}:after_ala|{side}"), 1.0);
    }
    // the subject before a support verb that governs the trigger (أحد أصحاب مدارس السياقة
    // أقدم على الإعتداء، موظفة قامت بالاعتداء; after it, it is a support_subj phrase)
    if side == "before" && ce + 1 < ti && ti - (ce + 1) <= 3 && (in_list(&toks[ce + 1].base, SUPPORT) || matches!(toks[ce + 1].base.as_str(), "حاول" | "حاولت" | "تولي" | "تولت")) {
        sink(format_args!("{r}:subj_before_support"), 1.0);
    }
    // a name in apposition to the attacker noun (أنيس العامري منفذ هجوم برلين)
    if toks.get(ce + 1).is_some_and(|k| matches!(k.base.as_str(), "منفذ" | "منفذي" | "منفذو" | "مرتكب" | "مدبر")) {
        sink(format_args!("{r}:appos_attacker|{side}"), 1.0);
    }
}
