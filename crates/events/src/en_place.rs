//! English event places: the locative phrase of the event's own clause, not the
//! speaker's ("said in Geneva", "police in Quetta said"), not a later destination
//! ("taken to hospital in X"), not where a group is based, not a place that modifies
//! another word ("a ceasefire brokered in Moscow", "hostages held in Gaza") or another
//! event noun ("in connection with the attack on Kabul airport"), not a neighbour
//! ("across the border from Laredo"). Of a containment chain ("the town of X in Y
//! province", "X, the capital of Y", "Y's X district") the most specific link is the
//! place. Names the gazetteer lacks are still read from the grammar ("the village of
//! Kinma", "the Bokkos area", "near Bambari in the Central African Republic") and take
//! the enclosing known place's country and coordinates. The dateline city is the
//! fallback when the sentence names no other place of the event.

use crate::sentence::*;
use marsad_core::{Place, TokenKind};

/// Nouns of administrative units and settlements: "the X of NAME" and "the NAME X".
const UNIT: &[&str] = &[
    "town", "city", "village", "villages", "district", "area", "region", "province", "state", "county", "municipality", "township", "camp",
    "neighbourhood", "neighborhood", "suburb", "suburbs", "island", "outskirts", "port", "governorate", "department", "valley", "locality",
    "hamlet", "settlement", "commune", "prefecture", "territory", "districts", "provinces", "areas", "regions", "towns", "cities", "states",
    "neighbourhoods", "neighborhoods", "camps", "islands", "forest", "forests", "pass", "sector", "zone", "mountains", "hills", "crossing",
];
use marsad_text::english::{without_possessive, ARABIC_ARTICLES as AR_ARTICLE, UNIT_KINDS as UNIT_KIND};
/// Words that may stand between a place and the place that contains it.
const LINK: &[&str] = &[
    "in", "of", "the", "a", "near", "outside", "from", "about", "some", "around", "nearly", "km", "kilometres", "kilometers", "miles", "mile",
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern", "southern", "eastern", "western",
    "central", "northeastern", "northwestern", "southeastern", "southwestern", "capital", "occupied", "restive", "disputed", "volatile",
    "neighbouring", "rebel-held", "opposition-held", "government-held", "coastal", "oil-rich", "tribal", "remote", "border", "mountainous",
    "far", "its", "country's", "breakaway", "province", "state", "region", "district", "county", "governorate", "area", "north-east",
    "north-west", "south-east", "south-west", "-", "local", "government",
];
/// Direction adjectives between a preposition and a name ("in northwest Syria").
const DIRECTION: &[&str] = &[
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern", "southern", "eastern", "western",
    "central", "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west", "south-east", "south-west",
    "upper", "lower", "occupied", "restive", "rebel-held", "opposition-held", "government-held", "neighbouring", "remote", "coastal",
];
/// Reporting words: a place right after them (or right before "said") is the speaker's.
const SAY: &[&str] = &[
    "said", "says", "say", "told", "tells", "reported", "reports", "statement", "statements", "spokesman", "spokeswoman", "spokesperson",
    "announced", "added", "address", "briefing", "conference", "interview", "quoted", "according", "wrote", "posted", "tweeted", "stated",
    "reporters", "journalists", "issued", "telephone", "phone",
];
/// Verbs of moving someone elsewhere: a place after them (and "to") is a destination.
const MOVED: &[&str] = &[
    "taken", "rushed", "transferred", "flown", "evacuated", "airlifted", "moved", "brought", "sent", "fled", "flee", "fleeing", "deported",
    "returned", "relocated", "driven", "carried", "admitted", "treated",
];
/// Participles whose "in X" is their own, never the event's.
const OWN_LOC: &[&str] = &[
    "based", "headquartered", "brokered", "signed", "held", "hosted", "born", "trained", "stationed", "exiled", "jailed", "imprisoned",
    "detained", "registered", "published", "released", "made", "produced", "founded", "located", "buried", "displaced",
];

/// A place candidate: token span and the place (resolved or read from the grammar).
struct PC {
    s: usize,
    e: usize,
    p: Place,
    resolved: bool,
}

impl<'a> Sent<'a> {
    fn en_word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }

    fn en_cap(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokenKind::Latin && self.doc.slice(t.start, t.end).chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// A punctuation token glued to words on both sides ("Dasht-e-Barchi", "U.S.").
    pub(crate) fn en_glued(&self, i: usize) -> bool {
        let n = self.toks.len();
        i > 0 && i + 1 < n && self.toks[i].kind == TokenKind::Punct && matches!(self.toks[i].norm.as_str(), "-" | "." | "'" | "’") && self.toks[i - 1].end == self.toks[i].start && self.toks[i].end == self.toks[i + 1].start
    }

    fn tok_of(&self, pos: usize) -> usize {
        self.toks.iter().position(|t| t.end > pos).unwrap_or(0)
    }

    /// A capitalised name starting at token `i` (connectors and glued hyphens inside):
    /// its last token, or None. Months, days and function words are no names.
    fn en_name_at(&self, i: usize) -> Option<usize> {
        const NOT_NAME: &[&str] = &[
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "reuters", "afp", "ap",
        ];
        let n = self.toks.len();
        // "al-Waer", "el-Arish": a lower-case article glued to a capitalised name
        let article = i + 2 < n && AR_ARTICLE.contains(&self.en_word(i)) && self.en_glued(i + 1) && self.toks[i + 1].norm == "-" && self.en_cap(i + 2);
        let bare = |q: usize| without_possessive(self.en_word(q));
        if i >= n || !(self.en_cap(i) || article) || NOT_NAME.contains(&bare(i)) || !article && crate::words::EN_FUNC.contains(&self.en_word(i)) {
            return None;
        }
        let mut e = if article { i + 2 } else { i };
        loop {
            // a possessive ends the name: "Nigeria's Benue state" is two names
            if self.en_word(e).ends_with("'s") || self.en_word(e).ends_with("’s") {
                break;
            }
            let j = e + 1;
            if j + 1 < n && self.en_glued(j) && self.toks[j].norm == "-" && self.toks[j + 1].kind == TokenKind::Latin {
                e = j + 1;
                continue;
            }
            if j < n && self.en_cap(j) && !NOT_NAME.contains(&bare(j)) && !UNIT.contains(&self.en_word(j)) {
                e = j;
                continue;
            }
            if j + 1 < n && matches!(self.en_word(j), "al" | "el" | "ez" | "as" | "ad" | "de" | "del" | "la" | "du") && self.en_cap(j + 1) {
                e = j + 1;
                continue;
            }
            // "Souq al-Juma", "Deir el-Balah": a connector glued to the next word
            if j + 2 < n && matches!(self.en_word(j), "al" | "el" | "ez" | "as" | "ad") && self.en_glued(j + 1) && self.toks[j + 2].kind == TokenKind::Latin {
                e = j + 2;
                continue;
            }
            break;
        }
        Some(e)
    }

    /// Names the grammar says are places: "the town of NAME", "NAME district",
    /// "in NAME, <known place>" — those no gazetteer place covers.
    fn en_grammar_places(&self, known: &[PC]) -> Vec<(usize, usize)> {
        let n = self.toks.len();
        let covered = |s: usize, e: usize| known.iter().any(|k| k.s <= e && s <= k.e);
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            let w = self.en_word(i);
            // "the town of NAME", "on the outskirts of NAME"
            if UNIT.contains(&w) && self.en_word(i + 1) == "of" {
                if let Some(e) = self.en_name_at(i + 2) {
                    if !covered(i + 2, e) {
                        out.push((i + 2, e));
                    }
                    i = e + 1;
                    continue;
                }
            }
            // "in the NAME district", "Kabul's NAME neighbourhood", "NAME province"
            if let Some(e) = self.en_name_at(i).filter(|&e| !self.en_adjective_name(i, e)) {
                // the word before the name, over direction adjectives ("in the southern NAME province")
                let mut b = i;
                while b > 0 && DIRECTION.contains(&self.en_word(b - 1)) {
                    b -= 1;
                }
                let prev = if b > 0 { self.en_word(b - 1) } else { "" };
                // "the Guma local government area of Benue state"
                let unit_after = e + 1 < n && UNIT.contains(&without_possessive(self.en_word(e + 1)))
                    || (self.en_word(e + 1) == "local" && self.en_word(e + 2) == "government")
                    || (UNIT_KIND.contains(&self.en_word(e + 1)) && UNIT.contains(&without_possessive(self.en_word(e + 2))));
                // "in Faizabad, the capital of Badakhshan", "of Dilling, a town in …": an
                // apposition that says what the name is
                // also right after an event verb, as its object ("stormed Yelwata, a farming
                // village in Benue state", "overran Kirawa, a village on the border")
                let after_trigger = b > 0 && self.trig[b - 1] && b == i;
                let apposed = (matches!(prev, "in" | "near" | "at" | "outside" | "of" | "on") || after_trigger)
                    && self.en_word(e + 1) == ","
                    && matches!(self.en_word(e + 2), "the" | "a")
                    && (2..5).any(|d| {
                        let x = self.en_word(e + 1 + d);
                        x == "capital" || (UNIT.contains(&x) && !matches!(x, "area" | "areas"))
                    });
                // "the attack on Gwoza", "an assault on Bunia": the place an event noun is aimed at;
                // "on the road between Bandiagara and Goundaka": the first end of a road
                let aimed = prev == "on"
                    && b >= 2
                    && self.trig[b - 2]
                    && matches!(self.en_word(b - 2), "attack" | "attacks" | "assault" | "assaults" | "raid" | "raids" | "offensive" | "advance" | "strike" | "strikes")
                    && !self.lx().countries.contains_key(self.en_word(i));
                let road = prev == "between" && b >= 2 && matches!(self.en_word(b - 2), "road" | "highway" | "route" | "roads") && self.en_word(e + 1) == "and";
                let possessed = prev.ends_with("'s") || prev.ends_with("’s");
                // "in Nigeria's Zamfara", "in Pakistan's Khyber": a name a country's
                // possessive opens after a locative (not "Nigeria's Super Eagles were …")
                let country_part = possessed
                    && b >= 2
                    && matches!(self.en_word(b - 2), "in" | "near" | "at" | "outside" | "across")
                    && self.lx().countries.contains_key(without_possessive(prev));
                let loc_before = matches!(prev, "the" | "in" | "near" | "at" | "outside" | "of") || possessed;
                // "in NAME, <known place>" / "near NAME in <known place>"
                let contained = matches!(prev, "in" | "near" | "at" | "outside")
                    && matches!(self.en_word(e + 1), "," | "in")
                    && known.iter().any(|k| k.s > e && k.s <= e + 4 && (e + 1..k.s).all(|q| LINK.contains(&self.en_word(q)) || self.en_word(q) == ","));
                if ((unit_after && loc_before) || contained || apposed || aimed || road || country_part) && !covered(i, e) && !self.agent_spans.iter().any(|&(s, x)| s <= self.toks[i].start && self.toks[e].end <= x && !unit_after) {
                    out.push((i, e));
                }
                i = e + 1;
                continue;
            }
            i += 1;
        }
        out
    }

    /// A name that is a nationality adjective ("the central Ukrainian city of Dnipro") or
    /// the modifier of a settlement noun followed by "of" ("the Saudi city of Jeddah").
    fn en_adjective_name(&self, i: usize, e: usize) -> bool {
        let w = self.en_word(i);
        (i == e && (self.lx().countries.contains_key(w) || ["ian", "ean", "ese", "ish", "an", "i"].iter().any(|x| w.ends_with(x)) && self.en_word(e + 1) != "province" && self.en_word(e + 1) != "state"))
            && UNIT.contains(&self.en_word(e + 1))
            || (matches!(self.en_word(e + 1), "city" | "town" | "village" | "port" | "capital" | "island" | "hamlet") && self.en_word(e + 2) == "of")
    }

    /// The place a chain link leads to: the known place starting within a few link
    /// words after token `e` ("X in Y province", "X, 50 km north of Y", "X, the capital
    /// of Y").
    fn en_container(&self, cands: &[PC], e: usize) -> Option<usize> {
        let mut commas = 0;
        for (k, c) in cands.iter().enumerate() {
            if c.s <= e || c.s > e + 9 {
                continue;
            }
            let ok = (e + 1..c.s).all(|q| {
                let w = self.en_word(q);
                if w == "," {
                    commas += 1;
                }
                LINK.contains(&w) || UNIT.contains(&w.trim_end_matches("'s")) || UNIT_KIND.contains(&w) || w == "," || self.toks[q].kind == TokenKind::Number || self.lx().countries.contains_key(w) || self.en_glued(q)
            });
            // "the Cape Town township of Khayelitsha", "the Port-au-Prince suburb of Delmas":
            // a part of a known city named after it (not "the Sheikh Radwan neighbourhood of
            // Gaza City", where the known place comes second)
            let part_of = c.s >= 2 && matches!(self.en_word(c.s - 2), "township" | "suburb" | "neighbourhood" | "neighborhood" | "quarter")
                && !c.resolved
                && cands.iter().any(|x| x.e == e && x.resolved);
            // "the Darfur city of Nyala": the settlement noun and "of" name the later
            // place, which the earlier one contains (not "the Sinjar district of Nineveh")
            let settlement_of = c.s >= e + 3
                && self.en_word(c.s - 1) == "of"
                && (matches!(self.en_word(c.s - 2), "city" | "town" | "village" | "port" | "capital" | "hamlet" | "island") || part_of)
                && !(e + 1..c.s).any(|q| self.en_word(q) == ",");
            if ok && commas <= 1 && (e + 1..c.s).count() > 0 && !settlement_of {
                return Some(k);
            }
            commas = 0;
        }
        None
    }

    /// Why place candidate `c` cannot be the event's place (None: it can).
    fn en_not_event_place(&self, c: &PC, trig: usize, last: usize) -> Option<&'static str> {
        let n = self.toks.len();
        let s = c.s;
        // the speaker's: "said in X", "told Reuters in X", "a statement from X", "by phone from X"
        let lo = s.saturating_sub(5);
        // ("told reporters in X"; not "detained three journalists in X")
        let addressee = |q: usize| !matches!(self.en_word(q), "reporters" | "journalists") || q > 0 && matches!(self.en_word(q - 1), "told" | "tells" | "telling" | "briefed" | "to" | "with");
        if let Some(q) = (lo..s).rev().find(|&q| SAY.contains(&self.en_word(q)) && addressee(q)) {
            if !(q..s).any(|x| self.trig[x]) && !(trig > q && trig < s) {
                return Some("speaker");
            }
        }
        // "police in Quetta said", "officials in Kabul say"
        if (c.e + 1..(c.e + 3).min(n)).take_while(|&q| self.toks[q].kind != TokenKind::Punct).any(|q| matches!(self.en_word(q), "said" | "say" | "says" | "told" | "reported")) && s > last + 1 {
            return Some("speaker");
        }
        // a destination: "taken to hospital in X", "to a detention centre in X"
        if (s.saturating_sub(7)..s).any(|q| MOVED.contains(&self.en_word(q)) && !self.trig[q]) && (s.saturating_sub(7)..s).any(|q| self.en_word(q) == "to") {
            return Some("destination");
        }
        if s >= 2 && matches!(self.en_word(s - 2), "hospital" | "hospitals" | "morgue" | "clinic") && s >= 3 && matches!(self.en_word(s - 3), "to" | "in") {
            return Some("destination");
        }
        // "reached the state capital Maiduguri", "reaching Goma": where people got to
        if (s.saturating_sub(4)..s).any(|q| matches!(self.en_word(q), "reached" | "reaching" | "reach") && !self.trig[q] && (q + 1..s).all(|x| matches!(self.en_word(x), "the" | "state" | "provincial" | "regional" | "capital" | "city" | "town" | "of")))
        {
            return Some("destination");
        }
        // "people had arrived in Goma from X"
        if s >= 2 && matches!(self.en_word(s - 1), "in" | "at") && matches!(self.en_word(s - 2), "arrived" | "arriving" | "arrive" | "arrives") && !self.trig[s - 2] {
            return Some("destination");
        }
        // a base or another word's own place: "based in X", "brokered in X", "X-based"
        if s >= 2 && matches!(self.en_word(s - 1), "in" | "at" | "from") && OWN_LOC.contains(&self.en_word(s - 2)) && !self.trig[s - 2] {
            return Some("participle");
        }
        if c.e + 2 < n && self.en_glued(c.e + 1) && self.en_word(c.e + 2) == "based" {
            return Some("base");
        }
        if (s.saturating_sub(3)..s).any(|q| matches!(self.en_word(q), "exile")) && s > 0 && self.en_word(s - 1) == "in" {
            return Some("base");
        }
        // a neighbour: "across the border from X", "the border with X", "bordering X"
        if (s.saturating_sub(3)..s).any(|q| matches!(self.en_word(q), "border" | "borders" | "bordering" | "frontier")) {
            return Some("neighbour");
        }
        None
    }

    /// The English event place of candidate `c` (see the module docs); `exclude` are
    /// token spans (actor, recipient, speakers), `others` the other events' triggers.
    pub(crate) fn en_places(&self, c: &crate::sentence::Cand, exclude: &[(usize, usize)], others: &[usize], group: &[usize]) -> Vec<Place> {
        let sent = &self.doc.sentences[self.si];
        let mut cands: Vec<PC> = self
            .doc
            .places
            .iter()
            .filter(|p| p.start >= sent.start && p.end <= sent.end && p.end > p.start)
            .map(|p| PC { s: self.tok_of(p.start), e: self.tok_of(p.end.saturating_sub(1)), p: p.clone(), resolved: true })
            .collect();
        for (s, e) in self.en_grammar_places(&cands) {
            let (start, end) = (self.toks[s].start, self.toks[e].end);
            let p = Place { text: self.doc.slice(start, end).to_string(), start, end, sentence: self.si, confidence: 0.3, ..Default::default() };
            cands.push(PC { s, e, p, resolved: false });
        }
        cands.sort_by_key(|k| (k.s, k.e));
        // an unresolved name takes its container's country and coordinates
        for k in 0..cands.len() {
            if !cands[k].resolved {
                if let Some(j) = self.en_container(&cands, cands[k].e) {
                    let q = cands[j].p.clone();
                    cands[k].p.locate_within(&q);
                }
            }
        }
        let trig = c.tok;
        let last = c.last;
        // the dateline ("KABUL, Afghanistan (AP) —"): its places say where the report was
        // filed, never the clause's place; its city is the fallback when the sentence
        // names no place of the event
        let header = self.en_dateline_end();
        if let Some(h) = header {
            if !cands.iter().any(|k| k.s == 0) {
                // a dateline city the gazetteer lacks ("ANTANANARIVO, Madagascar (AP) —")
                if let Some(e) = (0..h).take_while(|&q| self.toks[q].kind == TokenKind::Latin || self.en_glued(q)).last() {
                    let (start, end) = (self.toks[0].start, self.toks[e].end);
                    let mut p = Place { text: self.doc.slice(start, end).to_string(), start, end, sentence: self.si, confidence: 0.3, ..Default::default() };
                    if let Some(q) = cands.iter().find(|k| k.s > e && k.e < h) {
                        p.locate_within(&q.p.clone());
                    }
                    cands.insert(0, PC { s: 0, e, p, resolved: false });
                }
            }
        }
        let dateline = header.is_some() && cands.first().is_some_and(|k| k.s == 0);
        let obj = self.en_object_place(&cands, last);
        let ok: Vec<bool> = cands
            .iter()
            .enumerate()
            .map(|(k, pc)| {
                if header.is_some_and(|h| pc.e < h) {
                    return false;
                }
                if exclude.iter().any(|&(s, e)| pc.s >= s && pc.e <= e) && !self.en_locative_before(pc.s) && !self.en_the_unit(pc) && obj != Some(k) {
                    return false;
                }
                if pc.s <= last && pc.e >= trig {
                    return false;
                }
                if self.en_not_event_place(pc, trig, last).is_some() {
                    return false;
                }
                // a place of another event noun after this one: "in connection with the
                // attack on Kabul airport" (not "in raids in Kirkuk": the manner of this one)
                if pc.s > last {
                    let other_noun = others.iter().any(|&o| {
                        o > last && o < pc.s && !group.contains(&o) && pc.s <= o + 5 && {
                            let before = (o.saturating_sub(3)..o).map(|q| self.en_word(q)).collect::<Vec<_>>();
                            !before.iter().any(|w| matches!(*w, "in" | "during" | "an" | "a")) && !self.en_verbish(o)
                        }
                    });
                    if other_noun {
                        return false;
                    }
                }
                true
            })
            .collect();
        // the container apposed to a speaker's place is the speaker's too ("told reporters in
        // Garissa, the capital of North Eastern province")
        let mut ok = ok;
        for j in 0..cands.len() {
            if !ok[j] && self.en_not_event_place(&cands[j], trig, last) == Some("speaker") {
                if let Some(k) = self.en_container(&cands, cands[j].e).filter(|&k| cands[k].s > last) {
                    ok[k] = false;
                }
            }
        }
        // score: after the trigger with a locative first, then the nearest
        let mut best: Option<(i64, usize)> = None;
        for (k, pc) in cands.iter().enumerate() {
            if !ok[k] {
                continue;
            }
            let before = pc.e < trig;
            if before && others.iter().any(|&o| o > pc.e && o < trig && !group.contains(&o)) {
                continue;
            }
            let d = if before { (trig - pc.e) as i64 } else { (pc.s - last) as i64 };
            let mut score = d;
            if !before {
                score -= 3;
            }
            // "in the Reasi district of …", "on the Nur Shams camp": the article of a unit name
            let the_unit = self.en_the_unit(pc);
            if self.en_locative_before(pc.s) || obj == Some(k) || the_unit {
                score -= 40;
            }
            // a clause mark between trigger and place
            let (a, b) = if before { (pc.e, trig) } else { (last, pc.s) };
            let marks = (a..b).filter(|&q| matches!(self.en_word(q), "," | ";" | "when" | "after" | "as" | "while" | "before")).count() as i64;
            // "from Rutshuru, where fighting had resumed": the relative clause's own place
            let where_clause = before && self.en_word(pc.e + 1) == "," && self.en_word(pc.e + 2) == "where" && !(pc.e + 3..trig).any(|q| self.toks[q].kind == TokenKind::Punct);
            if where_clause {
                score -= 50;
            } else {
                score += 6 * marks;
            }
            // the ends of a route ("a train travelling from Quetta to Peshawar"): another
            // locative of the clause comes first
            if pc.s >= 1 && matches!(self.en_word(pc.s - 1), "from" | "to") && (pc.s.saturating_sub(6)..pc.s).any(|q| matches!(self.en_word(q), "travelling" | "traveling" | "heading" | "bound" | "driving" | "route" | "way" | "plying" | "running")) {
                score += 30;
            }
            if best.map_or(true, |(b, _)| score < b) {
                best = Some((score, k));
            }
        }
        let Some((_, mut k)) = best.or_else(|| dateline.then_some((0, 0))) else { return vec![] };
        // walk the containment chain to its most specific link: "Y's X" → X; a place
        // whose container it is → that place
        for _ in 0..3 {
            let e = cands[k].e;
            let poss = |q: usize| self.en_word(q).ends_with("'s") || self.en_word(q).ends_with("’s");
            let pe = if poss(e) { Some(e) } else if UNIT.contains(&self.en_word(e + 1).trim_end_matches("'s")) && poss(e + 1) { Some(e + 1) } else { None };
            if let Some(pe) = pe {
                if let Some(j) = (0..cands.len()).find(|&j| ok[j] && cands[j].s > pe && cands[j].s <= pe + 4) {
                    k = j;
                    continue;
                }
            }
            if let Some(j) = (0..k).rev().find(|&j| ok[j] && self.en_container(&cands, cands[j].e) == Some(k)) {
                k = j;
                continue;
            }
            // "the Darfur city of Nyala", "the Cape Town township of Khayelitsha": the place
            // a settlement noun after this one names lies inside it
            let w1 = self.en_word(e + 1);
            let settlement = matches!(w1, "city" | "town" | "village" | "port" | "hamlet" | "island");
            // (a part only after "the": not "in Kanbalu township of Sagaing region")
            let part = matches!(w1, "township" | "suburb" | "neighbourhood" | "neighborhood" | "quarter") && cands[k].resolved && cands[k].s >= 1 && self.en_word(cands[k].s - 1) == "the";
            if (settlement || part) && self.en_word(e + 2) == "of" {
                if let Some(j) = (k + 1..cands.len()).find(|&j| ok[j] && cands[j].s == e + 3 && (settlement || !cands[j].resolved)) {
                    k = j;
                    continue;
                }
            }
            break;
        }
        vec![cands[k].p.clone()]
    }

    /// "in the NAME district", "in the Kutupalong refugee camp": a locative before the
    /// article of a name its unit follows.
    fn en_the_unit(&self, pc: &PC) -> bool {
        let unit_next = UNIT.contains(&self.en_word(pc.e + 1)) || UNIT_KIND.contains(&self.en_word(pc.e + 1)) && UNIT.contains(&self.en_word(pc.e + 2));
        pc.s >= 2 && self.en_word(pc.s - 1) == "the" && unit_next && self.en_locative_before(pc.s - 1)
    }

    /// A locative preposition before the place at token `s` (over direction adjectives);
    /// "of" only after a unit, a direction or a distance ("the town of X", "north of X").
    fn en_locative_before(&self, s: usize) -> bool {
        let mut b = s;
        while b > 0 && DIRECTION.contains(&self.en_word(b - 1)) {
            b -= 1;
        }
        if b == 0 {
            return false;
        }
        match self.en_word(b - 1) {
            "in" | "at" | "near" | "outside" | "into" | "across" | "around" | "inside" | "on" | "through" => true,
            // "on the road between X and Y"
            "between" => b >= 2 && matches!(self.en_word(b - 2), "road" | "highway" | "route" | "roads"),
            "of" => b >= 2 && {
                let w = self.en_word(b - 2);
                UNIT.contains(&w) || DIRECTION.contains(&w) || matches!(w, "outskirts" | "km" | "kilometres" | "kilometers" | "miles" | "suburbs" | "capital" | "heart" | "centre" | "center" | "parts" | "part")
            },
            _ => false,
        }
    }

    /// The end of a dateline opening the text (the index of its dash): "KABUL,
    /// Afghanistan (AP) —", "BEIRUT (Reuters) -": a first word in capitals or an agency in
    /// brackets, and only capitalised words, commas and brackets before the dash.
    fn en_dateline_end(&self) -> Option<usize> {
        if self.si != 0 || self.toks.is_empty() {
            return None;
        }
        let t0 = &self.toks[0];
        let w0 = self.doc.slice(t0.start, t0.end);
        let caps = t0.kind == TokenKind::Latin && w0.chars().count() >= 3 && !w0.chars().any(|c| c.is_lowercase());
        let agency = self.toks.iter().take(12).any(|t| t.norm == "(");
        if !caps && !agency {
            return None;
        }
        let h = (1..self.toks.len().min(14)).find(|&q| matches!(self.toks[q].norm.as_str(), "—" | "-" | "–" | "--") && !self.en_glued(q))?;
        (0..h).all(|q| self.toks[q].kind != TokenKind::Latin || self.en_cap(q) || self.en_glued(q.saturating_sub(1)) || self.en_glued(q + 1)).then_some(h)
    }

    /// The place named as the trigger's object ("stormed the Zamzam camp", "captured the
    /// border town of Myawaddy", "pounded the Black Sea port of Odesa"): the last place of
    /// the noun phrase right after it (articles, directions, units, "of" and names).
    fn en_object_place(&self, cands: &[PC], last: usize) -> Option<usize> {
        let n = self.toks.len();
        let mut end = None;
        for q in last + 1..n.min(last + 9) {
            let w = self.en_word(q);
            let np = matches!(w, "the" | "a" | "an" | "of" | "border") || DIRECTION.contains(&w) || UNIT.contains(&w) || self.en_cap(q) || self.en_glued(q);
            if !np {
                break;
            }
            end = Some(q);
        }
        let end = end?;
        (0..cands.len()).rev().find(|&k| cands[k].s > last && cands[k].e <= end)
    }

    /// Token i reads as a verb form (-ed/-ing, or a verb entry of the lexicon).
    /// English lists of incidents ("a grenade attack killed an officer in Quetta, gunmen
    /// wounded two labourers in Turbat and …"): the clause break before the active past
    /// verb at `t` when that verb has a subject of its own after the break and the earlier
    /// verb `o` (before the break) already named a place of its own clause: the verb starts
    /// another incident. Returns the break's token.
    pub(crate) fn en_list_break(&self, o: usize, t: usize) -> Option<usize> {
        const IRREGULAR: &[&str] = &["hit", "shot", "struck", "blew", "fought", "stabbed", "killed", "wounded", "injured"];
        let past = |q: usize| {
            let w = self.en_word(q);
            (w.ends_with("ed") || IRREGULAR.contains(&w)) && !(q > 0 && matches!(self.en_word(q - 1), "was" | "were" | "been" | "be" | "is" | "are" | "had" | "has" | "have" | "who" | "which" | "that"))
        };
        if o >= t || !past(t) || !past(o) {
            return None;
        }
        let b = (t.saturating_sub(6)..t).rev().find(|&q| matches!(self.en_word(q), "," | "and" | ";"))?;
        if b <= o + 1 || b + 1 >= t {
            return None;
        }
        // the new subject: words that are no verb (trigger nouns such as "shelling" count)
        // and no pronoun or relative
        let subject_ok = (b + 1..t).all(|q| {
            let w = self.en_word(q);
            !matches!(w, "," | "and" | "they" | "he" | "she" | "it" | "who" | "which" | "that" | "we" | "police" | "officials" | "witnesses" | "residents")
                && (self.trig[q] || !self.en_verbish(q) || w.ends_with("ing") && !w.ends_with("ed"))
        }) && !(b + 1..t).all(|q| matches!(self.en_word(q), "the" | "a" | "an"));
        // the earlier clause's own place: a locative and a name after the earlier verb
        let placed = (o + 1..b).any(|q| matches!(self.en_word(q), "in" | "near" | "outside" | "at") && (q + 1..(q + 4).min(b)).any(|x| self.en_cap(x)));
        (subject_ok && placed).then_some(b)
    }

    pub(crate) fn en_verbish(&self, i: usize) -> bool {
        let w = self.en_word(i);
        w.ends_with("ed") || w.ends_with("ing") || self.lookup(w, false).first().is_some_and(|h| self.lx().entries[h.entry].verb)
    }
}
