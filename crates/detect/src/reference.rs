//! Events named as a reference, not reported (issue 11, session 27): "منفذ
//! الهجوم"، "ضحايا هجوم سوسة"، "في إطار قضية اغتيال الزواري"، "مرتكب هجوم نيس".
//! The real sentences labelled by people who never read the code (realcas7–11)
//! showed these as the commonest false "happened" events: the attack is the
//! topic of a trial, an inquiry, a statement or a profile of its author, and
//! was reported when it happened. Such an event is kept as a background
//! mention (found, linked to its incident, not counted as a new one) unless
//! the sentence states a toll for it, which makes it a report again ("أسفر
//! هجوم سوسة عن مقتل 38").

use marsad_core::{Document, Event, Token};

/// Words that make the event after them (in construct, "منفذ الهجوم", or
/// with في, "التحقيق في الهجوم") a reference: its author, its file or case,
/// its memory, the inquiry into it. Normalised as tokens' `base` is.
const HEADS: &[&str] = &[
    "منفذ", "منفذي", "منفذو", "منفذه", "مرتكب", "مرتكبي", "مرتكبو", "ملف", "قضيه", "ذكري", "خلفيه", "تحقيق", "تحقيقات", "متورط",
    "متورطين", "متورطون", "متهم", "متهمين", "متهمون", "مدبر", "مدبري", "ضالع", "ضالعين", "تهمه", "تهم",
];

/// Verbs and nouns of foiling, cancelling or postponing: the event they govern
/// did not happen (أحبطت الشرطة هجوما، إحباط مخطط، إلغاء إضراب، تأجيل الوقفة).
const FOIL: &[&str] = &["احبط", "احبطت", "احبطوا", "يحبط", "تحبط", "احباط", "افشل", "افشلت", "افشال", "تفشل", "يفشل", "الغاء", "الغت", "الغي", "تاجيل"];

/// Words of threatening (normalised `base`): what they govern has not happened.
const THREAT: &[&str] = &["هدد", "هددت", "هددوا", "يهدد", "تهدد", "يهددون", "تهديد", "تهديدات", "لوح", "لوحت", "لوحوا", "يلوح", "يلوحون"];

/// Whether `ev` is foiled or only planned: the object of a foiling word a few
/// words before it in its clause (أحبطت الشرطة الإيطالية اليوم هجوما), or the
/// purpose of a plan (مخططات لتنفيذ تفجيرات). Such an event is kept as
/// hypothetical: named, never carried out.
pub fn is_unrealised(doc: &Document, ev: &Event) -> bool {
    if ev.fatalities.is_some() || ev.injured.is_some() || ev.arrested.is_some() {
        return false;
    }
    let Some((toks, ti)) = at_trigger(doc, ev) else { return false };
    if ti >= 1 && base(&toks[ti - 1]) == "تنفيذ" && lam(&toks[ti - 1]) {
        return true;
    }
    if planned_after(toks, ti) || (ti >= 2 && base(&toks[ti - 1]) == "في" && is_future_verb(&toks[ti - 2])) {
        return true;
    }
    // a threat of it (تهديد بتفجيرات، هدد الأعوان بالدخول في إضراب، لوحوا بالاعتصام):
    // the event behind بـ or في, a threat word up to three words before, in the clause
    // (not هدد مسلحون السكان وأطلقوا النار: a conjoined verb is a deed)
    let governed = toks[ti].prefix.starts_with('ب') || ti >= 1 && base(&toks[ti - 1]) == "في";
    if governed && toks[ti.saturating_sub(3)..ti].iter().rev().take_while(|k| k.kind != marsad_core::TokenKind::Punct).any(|k| THREAT.contains(&k.base.as_str())) {
        return true;
    }
    // back to the clause's start: punctuation ends the look-back, and so does the
    // trigger's own و/ف (أحبطت … هجوما واعتقلت ثلاثة: the arrest is a new clause)
    if toks[ti].prefix.starts_with(['و', 'ف']) {
        return false;
    }
    let mut j = ti;
    while j > 0 && ti - j < 6 {
        j -= 1;
        let k = &toks[j];
        if k.kind == marsad_core::TokenKind::Punct || doc.events.iter().any(|o| o.sentence == ev.sentence && o.trigger.start == k.start && !FOIL.contains(&k.base.as_str())) {
            return false;
        }
        if FOIL.contains(&k.base.as_str()) {
            return true;
        }
    }
    false
}

/// Whether `ev` is named as a reference in its sentence (see the module).
pub fn is_reference(doc: &Document, ev: &Event) -> bool {
    // a stated toll makes the named incident a report; one killed alone is what
    // "اغتيال X" implies and says nothing of a report (ملف اغتيال الزواري)
    let toll = ev.fatalities.is_some_and(|k| k > 1) || ev.injured.is_some() || ev.arrested.is_some();
    let any_toll = toll || ev.fatalities.is_some();
    let Some((toks, ti)) = at_trigger(doc, ev) else { return false };
    let head_at = |j: usize| HEADS.contains(&base(&toks[j]));
    // منفذ الهجوم / مرتكب هجوم نيس: in construct, so no preposition or
    // conjunction on the trigger
    let construct = matches!(toks[ti].prefix.as_str(), "" | "ال");
    if !toll && construct && ti >= 1 && head_at(ti - 1) {
        return true;
    }
    // التحقيق في الهجوم، المتورطين في هجوم باردو
    if !toll && construct && ti >= 2 && base(&toks[ti - 1]) == "في" && head_at(ti - 2) {
        return true;
    }
    // الذكرى الثالثة لاغتيال …: the anniversary of the event, a few words before
    let anniversary = |k: &Token| k.base == "ذكري";
    if !toll && lam(&toks[ti]) && toks[ti.saturating_sub(3)..ti].iter().any(anniversary) {
        return true;
    }
    if any_toll {
        return false;
    }
    // هجوم سوسة، تفجيرات دورتموند: an indefinite event noun in construct with a
    // place name is the incident's name
    let indefinite = toks[ti].prefix.is_empty() && ev.trigger.end <= toks[ti].end;
    if indefinite && ti + 1 < toks.len() && ev.actor.is_none() {
        let next = &toks[ti + 1];
        if next.prefix.is_empty() && doc.places.iter().any(|p| p.start == next.start && p.sentence == ev.sentence) {
            return true;
        }
    }
    false
}

/// A future imperfect verb (سينفذ، ستشارك، سنخوض): س then an imperfect prefix,
/// and a stem long enough not to be a noun such as ستة or سنة. Nouns that
/// look alike (سيارة، سياسي، سيطرة، سيدي) are left out by name.
fn is_future_verb(k: &Token) -> bool {
    let b = k.base.as_str();
    let mut cs = b.chars();
    let (Some('س'), Some(p)) = (cs.next(), cs.next()) else { return false };
    let nouns = ["سياره", "سيارات", "سياسي", "سياسيه", "سياسه", "سيطره", "سيدي", "سيده", "سيناء", "سيول", "ستار", "سنوات", "سنويا", "سيناريو", "سيبرانيه"];
    // verbs whose own root starts with س (سيطرت، سيّر، سنّ): past, not future
    let past = ["سيطر", "سير", "سنح", "ستر"];
    matches!(p, 'ي' | 'ت' | 'ن') && b.chars().count() >= 5 && !nouns.contains(&b) && !past.iter().any(|x| b.starts_with(x))
}

/// After the event noun, in its clause: a relative clause in the future (الوقفة
/// الاحتجاجية التي سينفذها الأساتذة) or a word saying it is planned (الإضراب المزمع
/// تنفيذه، الهجوم المرتقب).
fn planned_after(toks: &[Token], ti: usize) -> bool {
    // the event's own phrase and a relative clause on it (إضراب أعوان المساحات التجارية
    // الكبرى الذي كان مزمعا تنفيذه): up to eight words, in the clause
    let mut relative_seen = false;
    for k in toks.iter().skip(ti + 1).take(8) {
        if k.kind == marsad_core::TokenKind::Punct {
            return false;
        }
        let b = k.base.as_str();
        if matches!(b, "مزمع" | "مزمعا" | "مزمعه" | "مرتقب" | "مرتقبه") {
            return true;
        }
        if relative_seen {
            // the relative clause's verb: future, or the past كان before مزمعا
            if is_future_verb(k) {
                return true;
            }
            if b != "كان" {
                return false;
            }
        }
        relative_seen |= matches!(b, "التي" | "الذي" | "الذين");
    }
    false
}

/// A لـ on the word, after any و/ف (لتنفيذ، ولاغتيال).
fn lam(k: &Token) -> bool {
    k.prefix.trim_start_matches(['و', 'ف']).starts_with('ل')
}

/// The event's sentence tokens and the index of the token its trigger starts on.
fn at_trigger<'d>(doc: &'d Document, ev: &Event) -> Option<(&'d [Token], usize)> {
    let toks = doc.sentence_tokens(ev.sentence);
    toks.iter().position(|k| k.start == ev.trigger.start).map(|ti| (toks, ti))
}

/// A token's `base`, normalised already (ى → ي, ة → ه …) as the lists here are written.
fn base(k: &Token) -> &str {
    k.base.as_str()
}
