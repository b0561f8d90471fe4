//! What the detection model sees of one event candidate: the trigger, its
//! type and the rules' reading of it (modality, arguments, casualties), the
//! words around it and in its sentence, the document's topic, how much
//! conflict the rest of the document holds, and how the dates in the
//! sentence sit against the publication date. Each feature is a readable
//! string (so `marsad explain` can print it) with a value.

use marsad_core::{Document, Event, TokenKind};

/// Types whose false positives put battles on the incident map.
pub fn is_conflict_type(t: &str) -> bool {
    matches!(t, "ASSAULT" | "COERCE" | "PROTEST")
}

fn group(t: &str) -> &'static str {
    if is_conflict_type(t) {
        "acp"
    } else {
        "oth"
    }
}

/// Year of an ISO value (`2017-12-03`, `2017-12`, `2017`, `2003/2005`).
pub fn year_of(v: &str) -> Option<i32> {
    let y: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
    if y.len() == 4 {
        y.parse().ok()
    } else {
        None
    }
}

/// Day number (`marsad_time::calendar`) of a (possibly partial) ISO date; a
/// partial date takes its last day, so "2017" counts as the end of 2017 (a
/// month as its 28th, as the model was trained).
pub fn days_of(v: &str, end_of_period: bool) -> Option<i64> {
    let mut it = v.split(['-', '/', 'T']);
    let y: i64 = it.next()?.parse().ok()?;
    let m: Option<u32> = it.next().and_then(|s| s.parse().ok()).filter(|m| (1..=12).contains(m));
    let d: Option<u32> = it.next().and_then(|s| s.parse().ok()).filter(|d| (1..=31).contains(d));
    let (m, d) = match (m, d) {
        (Some(m), Some(d)) => (m, d),
        (Some(m), None) => (m, if end_of_period { 28 } else { 1 }),
        _ => (if end_of_period { 12 } else { 1 }, if end_of_period { 31 } else { 1 }),
    };
    Some(marsad_time::calendar::days_from_civil(y, m, d))
}

/// How long before publication the event's date lies, in days (positive:
/// before). `None` when either date is unknown.
pub fn days_before_publication(doc: &Document, ev: &Event) -> Option<i64> {
    let pubd = days_of(doc.published.as_deref()?, false)?;
    let v = ev.date.as_ref()?.value.as_deref()?;
    // an interval counts by its end
    let end = v.rsplit('/').next().unwrap_or(v);
    if end.contains('W') {
        return None;
    }
    Some(pubd - days_of(end, true)?)
}

/// Collect the features of `doc.events[ev]`. `topic` holds the topic model's
/// probabilities (in `topic::LABELS` order), when it has them.
pub fn features(doc: &Document, ev: usize, topic: Option<&[f32]>, out: &mut Vec<(String, f32)>) {
    out.clear();
    for_each_feature(doc, ev, topic, &mut |k, v| out.push((k.to_string(), v)));
}

/// Where [`for_each_feature`] writes its names: one reused buffer (no
/// allocation per feature: this runs on every candidate of every article),
/// passed to the sink.
struct Names<'s> {
    buf: String,
    sink: &'s mut dyn FnMut(&str, f32),
}

impl Names<'_> {
    /// A name by `format_args!`.
    fn fmt(&mut self, args: std::fmt::Arguments, v: f32) {
        use std::fmt::Write;
        self.buf.clear();
        let _ = self.buf.write_fmt(args);
        (self.sink)(&self.buf, v);
    }

    /// A name made of `parts` one after the other: the same string as a
    /// `format_args!` of them, without the formatting machinery (≈ 350
    /// instructions a name), for the features made per word (test
    /// `names_are_the_formatted_ones`).
    #[inline]
    fn cat(&mut self, parts: &[&str], v: f32) {
        self.buf.clear();
        for p in parts {
            self.buf.push_str(p);
        }
        (self.sink)(&self.buf, v);
    }
}

/// Call `sink` with every feature of `doc.events[ev]`.
pub fn for_each_feature(doc: &Document, ev: usize, topic: Option<&[f32]>, sink: &mut dyn FnMut(&str, f32)) {
    let mut o = Names { buf: String::with_capacity(64), sink };
    let e = &doc.events[ev];
    let t = e.kind.as_str();
    let g = group(t);
    let lang = doc.sentences.get(e.sentence).map(|s| s.lang.code()).unwrap_or("und");
    o.fmt(format_args!("bias"), 1.0);
    o.fmt(format_args!("lang={lang}|{g}"), 1.0);
    o.fmt(format_args!("type={t}"), 1.0);


    // the trigger word and its clitics
    let toks = doc.sentence_tokens(e.sentence);
    let ti = toks.iter().position(|k| k.start == e.trigger.start).or_else(|| toks.iter().position(|k| k.end > e.trigger.start));
    if let Some(ti) = ti {
        let tk = &toks[ti];
        o.cat(&["trig=", &tk.base, "|", t], 1.0);
        o.cat(&["trigpre=", &tk.prefix, "|", g], 1.0);
        o.cat(&["trigsuf=", &tk.suffix, "|", g], 1.0);
        if e.trigger.end > tk.end {
            o.fmt(format_args!("phrase|{t}"), 1.0);
        }
        // the words next to it, and the window around it
        // `w{d:+}=` written out ("w-2=" … "w+2=")
        for (d, d_name) in [(-2i64, "w-2="), (-1, "w-1="), (1, "w+1="), (2, "w+2=")] {
            let j = ti as i64 + d;
            if j >= 0 && (j as usize) < toks.len() {
                let w = &toks[j as usize];
                let word = if w.kind == TokenKind::Number { "<num>" } else { w.base.as_str() };
                o.cat(&[d_name, word, "|", g], 1.0);
            }
        }
        let lo = ti.saturating_sub(6);
        let hi = (ti + 7).min(toks.len());
        for (j, w) in toks.iter().enumerate().take(hi).skip(lo) {
            if j != ti && matches!(w.kind, TokenKind::Arabic | TokenKind::Latin) && w.base.chars().count() > 1 {
                o.cat(&["win=", &w.base, "|", g], 1.0);
            }
        }
        // inside quotation marks: a title, a slogan, a quoted name
        let before = &doc.text[toks[0].byte_start..tk.byte_start];
        let opens = before.matches(['«', '"', '“']).count() as i64 - before.matches(['»', '”']).count() as i64;
        if before.matches('"').count() % 2 == 1 || opens > 0 && before.contains(['«', '“']) {
            o.fmt(format_args!("quoted|{g}"), 1.0);
        }
        if ti == 0 {
            o.fmt(format_args!("sentstart|{g}"), 1.0);
        }
    }
    // every word of the sentence, weighted down in long sentences
    let words: Vec<&str> = toks
        .iter()
        .filter(|w| matches!(w.kind, TokenKind::Arabic | TokenKind::Latin) && w.base.chars().count() > 1)
        .map(|w| w.base.as_str())
        .collect();
    let sv = 1.0 / (words.len().max(1) as f32).sqrt();
    let mut seen: Vec<&str> = Vec::new();
    for w in words {
        if !seen.contains(&w) {
            seen.push(w);
            o.cat(&["s=", w, "|", g], sv);
        }
    }
    let n = toks.len();
    o.fmt(format_args!("slen={}|{g}", if n < 12 { "s" } else if n < 30 { "m" } else if n < 60 { "l" } else { "xl" }), 1.0);
    if e.sentence == 0 {
        o.fmt(format_args!("first|{g}"), 1.0);
    }

    // the rules' reading
    for (on, name) in [(e.negated, "neg"), (e.hypothetical, "hyp"), (e.generic, "gen")] {
        if on {
            o.fmt(format_args!("{name}|{g}"), 1.0);
        }
    }
    // who acts changes what a word means: a police ambush is an arrest
    // operation, a rebel ambush an attack
    let actgrp = match e.actor.as_ref().map(|a| a.sector.as_deref().unwrap_or("-")) {
        None => "none",
        Some("COP") => "police",
        Some("MIL") => "military",
        Some("REB" | "UAF" | "IMG" | "PMG" | "SEP" | "INS") => "armed",
        Some("GOV" | "LEG" | "JUD") => "gov",
        Some(_) => "other",
    };
    o.fmt(format_args!("actgrp={actgrp}|{t}"), 1.0);
    // the mode, by who acts (an ambush by police is not one by rebels)
    o.fmt(format_args!("mode={t}/{}|{actgrp}", e.mode.as_deref().unwrap_or("-")), 1.0);
    if let Some(tk) = ti.map(|i| &toks[i]) {
        o.cat(&["trigact=", &tk.base, "|", actgrp, "|", t], 1.0);
    }
    if let Some(a) = &e.actor {
        o.fmt(format_args!("actor|{t}"), 1.0);
        o.fmt(format_args!("actorsec={}|{g}", a.sector.as_deref().unwrap_or("-")), 1.0);
        if a.actor_id.is_some() {
            o.fmt(format_args!("actorkb|{g}"), 1.0);
        }
    } else {
        o.fmt(format_args!("noactor|{t}"), 1.0);
    }
    if let Some(r) = &e.recipient {
        o.fmt(format_args!("recip|{t}"), 1.0);
        o.fmt(format_args!("recsec={}|{g}", r.sector.as_deref().unwrap_or("-")), 1.0);
    }
    if let Some(p) = &e.place {
        o.fmt(format_args!("place|{g}"), 1.0);
        o.fmt(format_args!("placecountry={}|{g}", p.country.as_deref().unwrap_or("-")), 1.0);
    }
    if e.reported_by.is_some() {
        o.fmt(format_args!("reported|{g}"), 1.0);
    }
    for (v, name) in [(e.fatalities, "killed"), (e.injured, "injured"), (e.arrested, "arrested")] {
        if v.is_some_and(|v| v > 0) {
            o.fmt(format_args!("{name}|{g}"), 1.0);
        }
    }

    // dates against publication
    match days_before_publication(doc, e) {
        Some(d) if d < -2 => o.fmt(format_args!("date=future|{g}"), 1.0),
        Some(d) if d <= 31 => o.fmt(format_args!("date=recent|{g}"), 1.0),
        Some(d) if d <= 366 => o.fmt(format_args!("date=year|{g}"), 1.0),
        Some(d) if d <= 3 * 366 => o.fmt(format_args!("date=old|{g}"), 1.0),
        Some(_) => o.fmt(format_args!("date=history|{g}"), 1.0),
        None if e.date.is_some() => o.fmt(format_args!("date=unanchored|{g}"), 1.0),
        None => {}
    }
    let pub_year = doc.published.as_deref().and_then(year_of);
    for tx in doc.times.iter().filter(|x| x.sentence == e.sentence) {
        if let (Some(y), Some(p)) = (tx.value.as_deref().and_then(year_of), pub_year) {
            let gap = p - y;
            let b = if gap < 0 { "future" } else if gap == 0 { "same" } else if gap == 1 { "prev" } else if gap <= 5 { "old" } else { "history" };
            o.fmt(format_args!("syear={b}|{g}"), 1.0);
        }
    }

    // the document: topic, and how many other conflict candidates it holds.
    // Only for an article: a lone sentence (sentence-level input) has too
    // little text for a topic, and no other sentences to count.
    let article = doc.sentences.len() >= 3;
    if !article {
        o.fmt(format_args!("lone|{g}"), 1.0);
        return;
    }
    if let Some(p) = topic {
        for (i, &pi) in p.iter().enumerate() {
            if pi > 0.05 {
                let l = crate::topic::LABELS[i];
                o.fmt(format_args!("topic={l}|{g}"), pi);
                o.fmt(format_args!("topic={l}|{t}"), pi);
            }
        }
    } else {
        o.fmt(format_args!("notopic|{g}"), 1.0);
    }
    let others = doc.events.iter().enumerate().filter(|(j, x)| *j != ev && x.kind.is_conflict() && x.sentence != e.sentence).count();
    let b = match others {
        0 => "0",
        1 => "1",
        2..=4 => "2-4",
        _ => "5+",
    };
    o.fmt(format_args!("docconflict={b}|{g}"), 1.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_like_the_calendar() {
        assert_eq!(days_of("2017-03-01", false).unwrap() - days_of("2017-02-28", false).unwrap(), 1);
        assert_eq!(days_of("2016-03-01", false).unwrap() - days_of("2016-02-28", false).unwrap(), 2);
        assert_eq!(days_of("2018-01-01", false).unwrap() - days_of("2017", true).unwrap(), 1);
        assert_eq!(year_of("1988"), Some(1988));
        assert_eq!(year_of("2017-W49"), Some(2017));
        assert_eq!(year_of("--12"), None);
    }

    /// The feature function as it was before the per-word names were
    /// concatenated (every name by `format_args!`), kept to check against.
    mod reference {
        use super::super::*;

        pub fn old_for_each_feature(doc: &Document, ev: usize, topic: Option<&[f32]>, sink: &mut dyn FnMut(&str, f32)) {
            use std::fmt::Write;
            let mut buf = String::with_capacity(64);
            let mut f = |args: std::fmt::Arguments, v: f32| {
                buf.clear();
                let _ = buf.write_fmt(args);
                sink(&buf, v);
            };
            let e = &doc.events[ev];
            let t = e.kind.as_str();
            let g = group(t);
            let lang = doc.sentences.get(e.sentence).map(|s| s.lang.code()).unwrap_or("und");
            f(format_args!("bias"), 1.0);
            f(format_args!("lang={lang}|{g}"), 1.0);
            f(format_args!("type={t}"), 1.0);


            // the trigger word and its clitics
            let toks = doc.sentence_tokens(e.sentence);
            let ti = toks.iter().position(|k| k.start == e.trigger.start).or_else(|| toks.iter().position(|k| k.end > e.trigger.start));
            if let Some(ti) = ti {
                let tk = &toks[ti];
                f(format_args!("trig={}|{t}", tk.base), 1.0);
                f(format_args!("trigpre={}|{g}", tk.prefix), 1.0);
                f(format_args!("trigsuf={}|{g}", tk.suffix), 1.0);
                if e.trigger.end > tk.end {
                    f(format_args!("phrase|{t}"), 1.0);
                }
                // the words next to it, and the window around it
                for d in [-2i64, -1, 1, 2] {
                    let j = ti as i64 + d;
                    if j >= 0 && (j as usize) < toks.len() {
                        let w = &toks[j as usize];
                        let word = if w.kind == TokenKind::Number { "<num>" } else { w.base.as_str() };
                        f(format_args!("w{d:+}={word}|{g}"), 1.0);
                    }
                }
                let lo = ti.saturating_sub(6);
                let hi = (ti + 7).min(toks.len());
                for (j, w) in toks.iter().enumerate().take(hi).skip(lo) {
                    if j != ti && matches!(w.kind, TokenKind::Arabic | TokenKind::Latin) && w.base.chars().count() > 1 {
                        f(format_args!("win={}|{g}", w.base), 1.0);
                    }
                }
                // inside quotation marks: a title, a slogan, a quoted name
                let before = &doc.text[toks[0].byte_start..tk.byte_start];
                let opens = before.matches(['«', '"', '“']).count() as i64 - before.matches(['»', '”']).count() as i64;
                if before.matches('"').count() % 2 == 1 || opens > 0 && before.contains(['«', '“']) {
                    f(format_args!("quoted|{g}"), 1.0);
                }
                if ti == 0 {
                    f(format_args!("sentstart|{g}"), 1.0);
                }
            }
            // every word of the sentence, weighted down in long sentences
            let words: Vec<&str> = toks
                .iter()
                .filter(|w| matches!(w.kind, TokenKind::Arabic | TokenKind::Latin) && w.base.chars().count() > 1)
                .map(|w| w.base.as_str())
                .collect();
            let sv = 1.0 / (words.len().max(1) as f32).sqrt();
            let mut seen: Vec<&str> = Vec::new();
            for w in words {
                if !seen.contains(&w) {
                    seen.push(w);
                    f(format_args!("s={w}|{g}"), sv);
                }
            }
            let n = toks.len();
            f(format_args!("slen={}|{g}", if n < 12 { "s" } else if n < 30 { "m" } else if n < 60 { "l" } else { "xl" }), 1.0);
            if e.sentence == 0 {
                f(format_args!("first|{g}"), 1.0);
            }

            // the rules' reading
            for (on, name) in [(e.negated, "neg"), (e.hypothetical, "hyp"), (e.generic, "gen")] {
                if on {
                    f(format_args!("{name}|{g}"), 1.0);
                }
            }
            // who acts changes what a word means: a police ambush is an arrest
            // operation, a rebel ambush an attack
            let actgrp = match e.actor.as_ref().map(|a| a.sector.as_deref().unwrap_or("-")) {
                None => "none",
                Some("COP") => "police",
                Some("MIL") => "military",
                Some("REB" | "UAF" | "IMG" | "PMG" | "SEP" | "INS") => "armed",
                Some("GOV" | "LEG" | "JUD") => "gov",
                Some(_) => "other",
            };
            f(format_args!("actgrp={actgrp}|{t}"), 1.0);
            // the mode, by who acts (an ambush by police is not one by rebels)
            f(format_args!("mode={t}/{}|{actgrp}", e.mode.as_deref().unwrap_or("-")), 1.0);
            if let Some(tk) = ti.map(|i| &toks[i]) {
                f(format_args!("trigact={}|{actgrp}|{t}", tk.base), 1.0);
            }
            if let Some(a) = &e.actor {
                f(format_args!("actor|{t}"), 1.0);
                f(format_args!("actorsec={}|{g}", a.sector.as_deref().unwrap_or("-")), 1.0);
                if a.actor_id.is_some() {
                    f(format_args!("actorkb|{g}"), 1.0);
                }
            } else {
                f(format_args!("noactor|{t}"), 1.0);
            }
            if let Some(r) = &e.recipient {
                f(format_args!("recip|{t}"), 1.0);
                f(format_args!("recsec={}|{g}", r.sector.as_deref().unwrap_or("-")), 1.0);
            }
            if let Some(p) = &e.place {
                f(format_args!("place|{g}"), 1.0);
                f(format_args!("placecountry={}|{g}", p.country.as_deref().unwrap_or("-")), 1.0);
            }
            if e.reported_by.is_some() {
                f(format_args!("reported|{g}"), 1.0);
            }
            for (v, name) in [(e.fatalities, "killed"), (e.injured, "injured"), (e.arrested, "arrested")] {
                if v.is_some_and(|v| v > 0) {
                    f(format_args!("{name}|{g}"), 1.0);
                }
            }

            // dates against publication
            match days_before_publication(doc, e) {
                Some(d) if d < -2 => f(format_args!("date=future|{g}"), 1.0),
                Some(d) if d <= 31 => f(format_args!("date=recent|{g}"), 1.0),
                Some(d) if d <= 366 => f(format_args!("date=year|{g}"), 1.0),
                Some(d) if d <= 3 * 366 => f(format_args!("date=old|{g}"), 1.0),
                Some(_) => f(format_args!("date=history|{g}"), 1.0),
                None if e.date.is_some() => f(format_args!("date=unanchored|{g}"), 1.0),
                None => {}
            }
            let pub_year = doc.published.as_deref().and_then(year_of);
            for tx in doc.times.iter().filter(|x| x.sentence == e.sentence) {
                if let (Some(y), Some(p)) = (tx.value.as_deref().and_then(year_of), pub_year) {
                    let gap = p - y;
                    let b = if gap < 0 { "future" } else if gap == 0 { "same" } else if gap == 1 { "prev" } else if gap <= 5 { "old" } else { "history" };
                    f(format_args!("syear={b}|{g}"), 1.0);
                }
            }

            // the document: topic, and how many other conflict candidates it holds.
            // Only for an article: a lone sentence (sentence-level input) has too
            // little text for a topic, and no other sentences to count.
            let article = doc.sentences.len() >= 3;
            if !article {
                f(format_args!("lone|{g}"), 1.0);
                return;
            }
            if let Some(p) = topic {
                for (i, &pi) in p.iter().enumerate() {
                    if pi > 0.05 {
                        let l = crate::topic::LABELS[i];
                        f(format_args!("topic={l}|{g}"), pi);
                        f(format_args!("topic={l}|{t}"), pi);
                    }
                }
            } else {
                f(format_args!("notopic|{g}"), 1.0);
            }
            let others = doc.events.iter().enumerate().filter(|(j, x)| *j != ev && x.kind.is_conflict() && x.sentence != e.sentence).count();
            let b = match others {
                0 => "0",
                1 => "1",
                2..=4 => "2-4",
                _ => "5+",
            };
            f(format_args!("docconflict={b}|{g}"), 1.0);
        }
    }

    /// Every feature name and value of events put on the tokens of 120
    /// corpus articles (a trigger at every fifth token, with and without an
    /// actor, recipient, place and topic) is the one the old function gave,
    /// in the same order.
    #[test]
    fn names_are_the_formatted_ones() {
        use marsad_core::Place;
        let mut texts = marsad_core::sample::shared_corpus_texts(120);
        texts.push("قال مسؤول إن مسلحين هاجموا «نقطة» تفتيش في بغداد أمس، وقتل 3 جنود. Police said \"two\" men were killed.".to_string());
        let topic: Vec<f32> = (0..crate::topic::LABELS.len()).map(|i| if i % 2 == 0 { 0.3 } else { 0.01 }).collect();
        let mut n = 0usize;
        for (k, text) in texts.iter().enumerate() {
            let mut d = Document::new("t", text);
            d.published = Some("2017-05-02".into());
            marsad_text::annotate(&mut d);
            d.times = marsad_time::find(&d);
            for (i, t) in d.tokens.iter().enumerate().step_by(5) {
                let mut e = crate::test_events::on_token(&d, i, k, t);
                if i % 3 == 0 {
                    e.place = Some(Place { country: Some("IQ".into()), ..Default::default() });
                    e.fatalities = Some(2);
                }
                d.events.push(e);
            }
            for ev in 0..d.events.len() {
                let tp = if ev % 2 == 0 { Some(&topic[..]) } else { None };
                let (mut new, mut old) = (Vec::new(), Vec::new());
                for_each_feature(&d, ev, tp, &mut |s, v| new.push((s.to_string(), v)));
                reference::old_for_each_feature(&d, ev, tp, &mut |s, v| old.push((s.to_string(), v)));
                assert_eq!(new, old);
                n += new.len();
            }
        }
        assert!(n > 10_000, "{n} names");
        eprintln!("{n} names");
    }

}
