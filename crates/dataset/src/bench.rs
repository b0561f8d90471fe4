//! A generated corpus for throughput benchmarks: incidents (attacks,
//! bombings, clashes, protests) with actors, places, dates and casualty
//! figures, each reported by one to four outlets in Arabic or English, in
//! different words and spellings, with differing figures. Deterministic
//! (a fixed-seed generator): the same `n` gives the same corpus.

use serde_json::json;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let mut z = self.0;
        z = (z ^ (z >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^ (z >> 33)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

// (English spellings, Arabic)
const PLACES: &[(&[&str], &str)] = &[
    (&["Baghdad"], "بغداد"),
    (&["Mosul", "Mosul city"], "الموصل"),
    (&["Kirkuk", "Kerkuk"], "كركوك"),
    (&["Basra", "Basrah"], "البصرة"),
    (&["Erbil", "Irbil"], "أربيل"),
    (&["Fallujah", "Falluja"], "الفلوجة"),
    (&["Ramadi"], "الرمادي"),
    (&["Tikrit"], "تكريت"),
    (&["Aleppo"], "حلب"),
    (&["Homs"], "حمص"),
    (&["Idlib"], "إدلب"),
    (&["Deir ez-Zor", "Deir al-Zour"], "دير الزور"),
    (&["Raqqa", "Raqqah"], "الرقة"),
    (&["Beirut"], "بيروت"),
    (&["Sanaa", "Sana'a"], "صنعاء"),
    (&["Aden"], "عدن"),
    (&["Taiz"], "تعز"),
    (&["Benghazi"], "بنغازي"),
    (&["Tripoli"], "طرابلس"),
    (&["Gaza"], "غزة"),
];

const ACTORS: &[(&str, &str)] = &[
    ("Islamic State militants", "مسلحو تنظيم داعش"),
    ("Houthi rebels", "المتمردون الحوثيون"),
    ("gunmen", "مسلحون"),
    ("the Iraqi army", "الجيش العراقي"),
    ("Syrian government forces", "قوات النظام السوري"),
    ("Kurdish fighters", "مقاتلون أكراد"),
];

const OUTLETS: &[(&str, bool)] = &[
    ("reuters.com", false),
    ("apnews.com", false),
    ("afp.com", false),
    ("bbc.co.uk", false),
    ("aljazeera.net", true),
    ("alarabiya.net", true),
    ("aawsat.com", true),
    ("skynewsarabia.com", true),
];

const MONTHS_EN: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS_AR: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

const FILLER_EN: &[&str] = &[
    "The area has seen repeated violence in recent months.",
    "Security forces cordoned off the area and opened an investigation.",
    "No group immediately claimed responsibility.",
    "Residents said the main road was closed for several hours.",
    "Officials condemned the incident and promised to find those responsible.",
];
const FILLER_AR: &[&str] = &[
    "وتشهد المنطقة أعمال عنف متكررة منذ أشهر.",
    "وفرضت القوات الأمنية طوقا حول المكان وفتحت تحقيقا.",
    "ولم تعلن أي جهة مسؤوليتها على الفور.",
    "وقال سكان إن الطريق الرئيسي أغلق لعدة ساعات.",
    "ودان المسؤولون الحادث وتعهدوا بملاحقة المسؤولين عنه.",
];

#[allow(clippy::too_many_arguments)]
fn sentence(r: &mut Rng, kind: usize, ar: bool, actor: usize, place: usize, n: u32, m: u32, day: u32, mon: usize) -> String {
    let (spell, p_ar) = PLACES[place];
    let p = *r.pick(spell);
    let (a_en, a_ar) = ACTORS[actor];
    if ar {
        let date = format!("في {day} {}", MONTHS_AR[mon]);
        match (kind, r.below(2)) {
            (0, 0) => format!("قتل {n} أشخاص وأصيب {m} آخرون {date} في انفجار سيارة مفخخة في {p_ar}، بحسب الشرطة."),
            (0, _) => format!("لقي {n} أشخاص مصرعهم {date} في تفجير سيارة مفخخة استهدف سوقا شعبيا في {p_ar}."),
            (1, 0) => format!("قتل {n} أشخاص {date} في هجوم شنه {a_ar} على حاجز أمني في {p_ar}."),
            (1, _) => format!("هاجم {a_ar} نقطة تفتيش في {p_ar} {date} ما أسفر عن مقتل {n} جنود."),
            (2, _) => format!("تظاهر مئات الأشخاص في {p_ar} {date} للمطالبة بتحسين الخدمات."),
            _ => format!("اشتبك {a_ar} مع قوات الأمن قرب {p_ar} {date}، ما أسفر عن مقتل {n} مسلحين."),
        }
    } else {
        let date = format!("on {day} {}", MONTHS_EN[mon]);
        match (kind, r.below(2)) {
            (0, 0) => format!("A car bomb exploded in a crowded market in {p} {date}, killing {n} people and wounding {m} others, police said."),
            (0, _) => format!("At least {n} people were killed when a car bomb went off in {p} {date}, security sources said."),
            (1, 0) => format!("{} attacked a checkpoint in {p} {date}, killing {n} soldiers.", capitalise(a_en)),
            (1, _) => format!("{n} soldiers were killed {date} when {a_en} stormed a checkpoint near {p}, officials said."),
            (2, _) => format!("Hundreds of protesters gathered in {p} {date} to demand better services, witnesses said."),
            _ => format!("{} clashed with security forces near {p} {date}; {n} fighters were killed.", capitalise(a_en)),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// `n` articles as JSON Lines objects (`id`, `title`, `date`, `url`,
/// `text`), about `n / 2.5` incidents.
pub fn corpus(n: usize, mut each: impl FnMut(serde_json::Value)) {
    let mut r = Rng(0x6d61_7273_6164);
    let mut made = 0;
    let mut inc = 0usize;
    while made < n {
        inc += 1;
        let kind = r.below(4);
        let actor = r.below(ACTORS.len());
        let place = r.below(PLACES.len());
        let day0 = 1 + r.below(27) as u32;
        let mon = r.below(12);
        let year = 2014 + r.below(11);
        let base = 2 + r.below(20) as u32;
        let reports = 1 + r.below(4);
        for k in 0..reports {
            if made >= n {
                break;
            }
            let (outlet, ar) = *r.pick(OUTLETS);
            // figures differ between outlets; some report a day later
            let nf = base + r.below(3) as u32;
            let pub_day = day0 + r.below(2) as u32;
            let mut text = sentence(&mut r, kind, ar, actor, place, nf, nf * 2, day0, mon);
            let fill = if ar { FILLER_AR } else { FILLER_EN };
            for _ in 0..1 + r.below(3) {
                text.push(' ');
                let f: &str = fill[r.below(fill.len())];
                text.push_str(f);
            }
            each(json!({
                "id": format!("{outlet}-{inc}-{k}"),
                "title": text.split(['.', '،']).next().unwrap_or(""),
                "date": format!("{year}-{:02}-{:02}", mon + 1, pub_day),
                "url": format!("https://{outlet}/news/{inc}-{k}"),
                "text": text,
            }));
            made += 1;
        }
    }
}

/// Resident memory of this process (kB): (current, peak).
pub fn rss_kb() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (get("VmRSS:"), get("VmHWM:"))
}

/// CPU time of the calling thread (ns).
pub fn thread_cpu_ns() -> u64 {
    clock_ns(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of the whole process, all threads, user + system (ns).
pub fn process_cpu_ns() -> u64 {
    clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn clock_ns(clock: libc::clockid_t) -> u64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own.
    let r = unsafe { libc::clock_gettime(clock, &mut t) };
    if r != 0 {
        return 0;
    }
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// User and system CPU time of this process (s), from getrusage.
pub fn rusage_s() -> (f64, f64) {
    // SAFETY: getrusage fills the struct we own.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return (0.0, 0.0);
    }
    let s = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (s(u.ru_utime), s(u.ru_stime))
}

#[cfg(test)]
mod tests {
    #[test]
    fn corpus_is_deterministic_and_varied() {
        let mut a = Vec::new();
        super::corpus(200, |v| a.push(v));
        let mut b = Vec::new();
        super::corpus(200, |v| b.push(v));
        assert_eq!(a, b);
        assert_eq!(a.len(), 200);
        let ar = a.iter().filter(|v| v["text"].as_str().unwrap().contains("في")).count();
        assert!(ar > 20 && ar < 180, "{ar}");
        let ids: std::collections::BTreeSet<_> = a.iter().map(|v| v["id"].as_str().unwrap().to_string()).collect();
        assert_eq!(ids.len(), 200);
    }
}
