//! The knowledge base: named actors, countries, generic agents and name
//! parts, parsed from the TSV files in `data/` (embedded in the binary), and
//! a phrase index over their normalised token keys.

use marsad_core::TokenKind;
use marsad_text::StrMap;
use std::sync::OnceLock;

const ACTORS_TSV: &str = include_str!("../data/actors.tsv");
const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
const AGENTS_TSV: &str = include_str!("../data/agents.tsv");
const NAMES_TSV: &str = include_str!("../data/names.tsv");

/// A named actor of the knowledge base.
#[derive(Clone, Debug, PartialEq)]
pub struct KbActor {
    pub id: String,
    pub name: String,
    pub actor_type: String,
    /// ISO alpha-3, or None for transnational actors.
    pub country: Option<String>,
    pub sector: String,
    pub aliases_ar: Vec<String>,
    pub aliases_en: Vec<String>,
    pub note: String,
}

impl KbActor {
    /// The first Arabic alias (the usual Arabic name).
    pub fn name_ar(&self) -> Option<&str> {
        self.aliases_ar.first().map(|s| s.as_str())
    }
    pub fn is_group(&self) -> bool {
        !matches!(self.actor_type.as_str(), "person" | "state forces" | "international organisation")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    pub adjective: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Agent {
    pub sector: String,
    /// A head that takes its code from a following genitive or group
    /// (عناصر الشرطة → COP, عناصر داعش → ISIS); `sector` is the default.
    pub defer: bool,
    pub actor_type: String,
    pub english: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NamePart {
    pub latin: String,
    /// May start a person's name.
    pub given: bool,
    /// Also an ordinary word.
    pub ambiguous: bool,
    /// A particle (Abu, bin, Abd).
    pub particle: bool,
}

/// What a lexicon phrase stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Index into `Kb::actors`.
    Actor(usize),
    /// Index into `Kb::agents`.
    Agent(usize),
    /// A country's name (index into `Kb::countries`).
    CountryName(usize),
    /// A country adjective in the singular (عراقي، العراقية, Iraqi).
    CountryAdj(usize),
    /// A demonym plural (العراقيين، الأتراك, Iraqis).
    Demonym(usize),
}

/// One lexicon phrase: its tokens after the first, what it stands for, and
/// matching constraints.
#[derive(Clone, Debug)]
pub struct Entry {
    pub rest: Vec<String>,
    pub target: Target,
    /// Original tokens when the phrase must match with its case (acronyms,
    /// capitalised English names).
    pub cased: Option<Vec<String>>,
    /// Ambiguous alias (القاعدة "the base"): rejected when followed by a
    /// definite adjective.
    pub ambiguous: bool,
    /// The first token must carry the article (الأمن, not أمن).
    pub needs_article: bool,
    /// A generic noun with other senses (النظام "the system"): rejected
    /// when a definite word follows that the lexicon does not know
    /// (النظام الانتخابي), kept before a nationality (النظام السوري).
    pub soft_ambiguous: bool,
    pub latin: bool,
}

pub struct Kb {
    pub actors: Vec<KbActor>,
    pub countries: Vec<Country>,
    pub agents: Vec<Agent>,
    pub names: StrMap<NamePart>,
    /// first-token key → entries.
    pub index: StrMap<Vec<Entry>>,
    pub by_id: StrMap<usize>,
    /// A pre-filter of `index`'s keys (built by `parse` once the index is
    /// complete): the matcher asks about every clitic reading of every word.
    pub index_heads: HeadBits,
    /// A pre-filter of `names`' keys: the matcher asks about every Arabic
    /// word (and the word without a one-letter clitic) of every sentence.
    pub names_heads: HeadBits,
}

/// The pre-filter of `index`'s keys and of the group heads (in marsad-text,
/// shared with time's trigger words).
pub use marsad_text::HeadBits;

fn fields(line: &str) -> Option<Vec<&str>> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() || line.starts_with('#') {
        return None;
    }
    Some(line.split('\t').collect())
}

fn list(s: Option<&&str>) -> Vec<String> {
    s.map(|s| s.split('|').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
        .unwrap_or_default()
}

/// Token keys of a phrase for the index: normalised forms, intra-word
/// punctuation (- . ' ’) dropped.
pub fn phrase_keys(phrase: &str) -> Vec<(String, String, TokenKind)> {
    marsad_text::tokenize::tokenize(phrase)
        .into_iter()
        .filter(|t| !(t.kind == TokenKind::Punct && skippable_punct(&t.norm)))
        .map(|t| {
            let surface: String = phrase.chars().skip(t.start).take(t.end - t.start).collect();
            (t.norm, surface, t.kind)
        })
        .collect()
}

pub fn skippable_punct(s: &str) -> bool {
    matches!(s, "-" | "." | "'" | "’" | "‐" | "‑")
}

/// Regular Arabic plural/feminine/accusative forms of a stem.
pub fn expand_stem(stem: &str) -> Vec<String> {
    let mut v = vec![stem.to_string()];
    for suf in ["ون", "ين", "و", "ي", "ات", "ه", "ا"] {
        v.push(format!("{stem}{suf}"));
    }
    v
}

/// Forms of a nisba adjective stem (عراقي): singular masc./fem. and plurals.
fn adjective_forms(stem: &str) -> (Vec<String>, Vec<String>) {
    let singular = vec![stem.to_string(), format!("{stem}ه"), format!("{stem}ا")];
    let plural = vec![format!("{stem}ون"), format!("{stem}ين"), format!("{stem}و"), format!("{stem}ات")];
    (singular, plural)
}

impl Kb {
    fn add(&mut self, phrase: &str, target: Target, ambiguous: bool) {
        self.add_full(phrase, target, ambiguous, false)
    }

    fn add_full(&mut self, phrase: &str, target: Target, ambiguous: bool, needs_article: bool) {
        self.add_entry(phrase, target, ambiguous, needs_article, false)
    }

    fn add_entry(&mut self, phrase: &str, target: Target, ambiguous: bool, needs_article: bool, soft_ambiguous: bool) {
        let keys = phrase_keys(phrase);
        if keys.is_empty() {
            return;
        }
        let latin = keys.iter().any(|k| k.2 == TokenKind::Latin);
        let cased = if latin {
            let first_upper = keys[0].1.chars().next().map_or(false, |c| c.is_uppercase());
            let all_caps = keys.iter().all(|k| k.1.chars().all(|c| !c.is_lowercase()));
            let short = keys.iter().map(|k| k.1.chars().count()).sum::<usize>() <= 5;
            if all_caps && short || first_upper {
                Some(keys.iter().map(|k| k.1.clone()).collect())
            } else {
                None
            }
        } else {
            None
        };
        let entry = Entry {
            rest: keys[1..].iter().map(|k| k.0.clone()).collect(),
            target,
            cased,
            ambiguous,
            needs_article,
            soft_ambiguous,
            latin,
        };
        let list = self.index.entry(keys[0].0.clone()).or_default();
        if !list.iter().any(|e| e.rest == entry.rest && e.target == entry.target) {
            list.push(entry);
        }
    }

    pub fn parse() -> Kb {
        let mut kb = Kb {
            actors: Vec::new(),
            countries: Vec::new(),
            agents: Vec::new(),
            names: StrMap::default(),
            index: StrMap::default(),
            by_id: StrMap::default(),
            index_heads: HeadBits::of([]),
            names_heads: HeadBits::of([]),
        };
        // countries
        for line in COUNTRIES_TSV.lines() {
            let Some(f) = fields(line) else { continue };
            if f.len() < 3 {
                continue;
            }
            let ci = kb.countries.len();
            kb.countries.push(Country { iso3: f[0].to_string(), name: f[1].to_string(), adjective: f[2].to_string() });
            for n in list(f.get(3)) {
                kb.add(&n, Target::CountryName(ci), false);
            }
            for stem in list(f.get(4)) {
                let stem = marsad_text::normalize(&stem);
                if stem.contains(' ') {
                    kb.add(&stem, Target::CountryAdj(ci), false);
                    continue;
                }
                let (sg, pl) = adjective_forms(&stem);
                for s in sg {
                    kb.add(&s, Target::CountryAdj(ci), false);
                }
                for p in pl {
                    kb.add(&p, Target::Demonym(ci), false);
                }
            }
            for p in list(f.get(5)) {
                kb.add(&p, Target::Demonym(ci), false);
            }
            kb.add(f[1], Target::CountryName(ci), false);
            kb.add(f[2], Target::CountryAdj(ci), false);
            for e in list(f.get(6)) {
                let t = if e.ends_with('s') && e != "US" && !e.contains('.') && e.chars().next().map_or(false, |c| c.is_uppercase()) && e.split(' ').count() <= 2 && !["Paris", "Gaza"].contains(&e.as_str()) {
                    Target::Demonym(ci)
                } else if e.ends_with("ish") || e.ends_with("an") || e.ends_with("ese") || e.ends_with("ian") {
                    Target::CountryAdj(ci)
                } else {
                    Target::CountryName(ci)
                };
                kb.add(&e, t, false);
            }
        }
        // agents
        for line in AGENTS_TSV.lines() {
            let Some(f) = fields(line) else { continue };
            if f.len() < 4 {
                continue;
            }
            let ai = kb.agents.len();
            kb.agents.push(Agent { sector: f[1].trim_start_matches('*').to_string(), defer: f[1].starts_with('*'), actor_type: f[2].to_string(), english: f[3].to_string() });
            let form = f[0].trim();
            if let Some(stem) = form.strip_suffix('+') {
                for x in expand_stem(&marsad_text::normalize(stem)) {
                    kb.add(&x, Target::Agent(ai), false);
                }
            } else if form.ends_with('=') || form.ends_with('!') {
                let f = form.trim_end_matches(['=', '!']);
                let flags = &form[f.len()..];
                kb.add_entry(f, Target::Agent(ai), false, flags.contains('='), flags.contains('!'));
            } else {
                kb.add(form, Target::Agent(ai), false);
            }
        }
        // named actors (added last so that for the same phrase they come last
        // and win ties: see `best_entry`).
        for line in ACTORS_TSV.lines() {
            let Some(f) = fields(line) else { continue };
            if f.len() < 5 {
                continue;
            }
            let idx = kb.actors.len();
            let country = match f[3].trim() {
                "-" | "" => None,
                c => Some(c.to_string()),
            };
            let a = KbActor {
                id: f[0].to_string(),
                name: f[1].to_string(),
                actor_type: f[2].to_string(),
                country,
                sector: f[4].to_string(),
                aliases_ar: list(f.get(5)).into_iter().map(|s| s.trim_end_matches('!').to_string()).collect(),
                aliases_en: list(f.get(6)),
                note: f.get(7).map(|s| s.to_string()).unwrap_or_default(),
            };
            for al in list(f.get(5)) {
                let amb = al.ends_with('!');
                kb.add(al.trim_end_matches('!'), Target::Actor(idx), amb);
            }
            for al in list(f.get(6)) {
                kb.add(&al, Target::Actor(idx), false);
            }
            kb.by_id.insert(a.id.clone(), idx);
            kb.actors.push(a);
        }
        // name parts
        for line in NAMES_TSV.lines() {
            let Some(f) = fields(line) else { continue };
            if f.len() < 2 {
                continue;
            }
            let flags = f.get(2).copied().unwrap_or("");
            let key = marsad_text::normalize(f[0]);
            kb.names.entry(key).or_insert(NamePart {
                latin: f[1].to_string(),
                given: flags.contains('g'),
                ambiguous: flags.contains('a'),
                particle: flags.contains('p'),
            });
        }
        kb.index_heads = HeadBits::of(kb.index.keys().map(|k| k.as_str()));
        kb.names_heads = HeadBits::of(kb.names.keys().map(|k| k.as_str()));
        kb
    }

    /// `names.get(k)`, rejecting most words by [`HeadBits`] first.
    #[inline]
    pub fn name(&self, k: &str) -> Option<&NamePart> {
        if !self.names_heads.may_contain(k) {
            return None;
        }
        self.names.get(k)
    }

    /// `index.get(k)`, rejecting most words by [`HeadBits`] first.
    #[inline]
    pub fn entries(&self, k: &str) -> Option<&Vec<Entry>> {
        if !self.index_heads.may_contain(k) {
            return None;
        }
        self.index.get(k)
    }

    /// The process-wide knowledge base.
    pub fn global() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(Kb::parse)
    }

    /// Look a name up: every knowledge-base actor one of whose aliases has
    /// the same key as `name` (Arabic folded, English case-insensitive).
    pub fn lookup(&self, name: &str) -> Vec<&KbActor> {
        let k = fold_key(name);
        let mut out: Vec<&KbActor> = Vec::new();
        for a in &self.actors {
            let hit = a.id == name
                || a.aliases_ar.iter().chain(a.aliases_en.iter()).any(|al| fold_key(al) == k)
                || fold_key(&a.name) == k;
            if hit && !out.iter().any(|o| o.id == a.id) {
                out.push(a);
            }
        }
        out
    }

    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }
}

/// A folded key of a phrase: normalised tokens, punctuation dropped.
pub fn fold_key(s: &str) -> String {
    phrase_keys(s)
        .into_iter()
        .filter(|k| k.2 != TokenKind::Punct)
        .map(|k| k.0)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_tables() {
        let kb = Kb::global();
        assert!(kb.actors.len() > 80, "{}", kb.actors.len());
        assert!(kb.countries.len() > 60);
        assert!(kb.agents.len() > 100);
        assert!(kb.names.len() > 100);
        for a in &kb.actors {
            assert!(!a.aliases_ar.is_empty(), "{} has no Arabic alias", a.id);
            if let Some(c) = &a.country {
                assert_eq!(c.len(), 3, "{}", a.id);
            }
        }
    }

    #[test]
    fn lookup_by_any_alias() {
        let kb = Kb::global();
        for n in ["داعش", "ISIL", "تنظيم الدولة", "إيزيس", "daesh"] {
            let r = kb.lookup(n);
            assert_eq!(r.len(), 1, "{n}");
            assert_eq!(r[0].id, "isis");
        }
        assert_eq!(kb.lookup("الأعلام البيضاء")[0].id, "white_flags");
        assert!(kb.lookup("no such group").is_empty());
    }
}
