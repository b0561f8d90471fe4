//! Word lists of the temporal tagger. Arabic entries are in the normalised
//! form of `marsad_text::normalize` (no diacritics, أإآ→ا, ى→ي, ة→ه, ئ→ي,
//! ؤ→و); Latin entries are lowercase. These lists are facts about the
//! languages, written for marsad.

/// Month names: (words of the name, month number, needs a context cue).
/// A cue is a day number, a year, a preposition such as في, a direction
/// word (الماضي) or a paired name in brackets. Names with other common
/// readings need one: مارس is also the verb "practised", ماي/مايو a
/// swimsuit or a name, آب "father", نيسان a car make, جوان a given name.
pub const MONTHS_AR: &[(&[&str], u32, bool)] = &[
    // Levantine / Iraqi (Syriac-derived)
    (&["كانون", "الثاني"], 1, false),
    (&["كانون", "ثاني"], 1, false),
    (&["شباط"], 2, false),
    (&["اذار"], 3, true),
    (&["نيسان"], 4, true),
    (&["ايار"], 5, false),
    (&["حزيران"], 6, false),
    (&["تموز"], 7, true),
    (&["اب"], 8, true),
    (&["ايلول"], 9, false),
    (&["تشرين", "الاول"], 10, false),
    (&["تشرين", "اول"], 10, false),
    (&["تشرين", "الثاني"], 11, false),
    (&["تشرين", "ثاني"], 11, false),
    (&["كانون", "الاول"], 12, false),
    (&["كانون", "اول"], 12, false),
    // Egyptian / Gulf (from the Latin names), with common spellings
    (&["يناير"], 1, false),
    (&["فبراير"], 2, false),
    (&["فيبراير"], 2, false),
    (&["مارس"], 3, true),
    (&["ابريل"], 4, false),
    (&["مايو"], 5, true),
    (&["ماي"], 5, true),
    (&["يونيو"], 6, false),
    (&["يونيه"], 6, false),
    (&["يوليو"], 7, false),
    (&["يوليه"], 7, false),
    (&["يوليوز"], 7, false),
    (&["اغسطس"], 8, false),
    (&["اغسطوس"], 8, false),
    (&["غشت"], 8, false),
    (&["سبتمبر"], 9, false),
    (&["سيبتمبر"], 9, false),
    (&["شتنبر"], 9, false),
    (&["اكتوبر"], 10, false),
    (&["نوفمبر"], 11, false),
    (&["نونبر"], 11, false),
    (&["ديسمبر"], 12, false),
    (&["ديسيمبر"], 12, false),
    (&["دجنبر"], 12, false),
    // Maghrebi (from the French names)
    (&["جانفي"], 1, false),
    (&["فيفري"], 2, false),
    (&["افريل"], 4, false),
    (&["جوان"], 6, true),
    (&["جويليه"], 7, false),
    (&["جويلييه"], 7, false),
    (&["اوت"], 8, true),
];

/// English month names and abbreviations (abbreviations need a day or year).
pub const MONTHS_EN: &[(&str, u32, bool)] = &[
    ("january", 1, false),
    ("february", 2, false),
    ("march", 3, true),
    ("april", 4, false),
    ("may", 5, true),
    ("june", 6, false),
    ("july", 7, false),
    ("august", 8, false),
    ("september", 9, false),
    ("october", 10, false),
    ("november", 11, false),
    ("december", 12, false),
    ("jan", 1, true),
    ("feb", 2, true),
    ("mar", 3, true),
    ("apr", 4, true),
    ("jun", 6, true),
    ("jul", 7, true),
    ("aug", 8, true),
    ("sep", 9, true),
    ("sept", 9, true),
    ("oct", 10, true),
    ("nov", 11, true),
    ("dec", 12, true),
];

/// Hijri month names (multi-word), month number.
pub const HIJRI_MONTHS: &[(&[&str], u32)] = &[
    (&["محرم"], 1),
    (&["صفر"], 2),
    (&["ربيع", "الاول"], 3),
    (&["ربيع", "الثاني"], 4),
    (&["ربيع", "الاخر"], 4),
    (&["جمادي", "الاولي"], 5),
    (&["جمادي", "الاول"], 5),
    (&["جمادي", "الاخره"], 6),
    (&["جمادي", "الثانيه"], 6),
    (&["جمادي", "الاخر"], 6),
    (&["رجب"], 7),
    (&["شعبان"], 8),
    (&["رمضان"], 9),
    (&["شوال"], 10),
    (&["ذو", "القعده"], 11),
    (&["ذي", "القعده"], 11),
    (&["ذو", "الحجه"], 12),
    (&["ذي", "الحجه"], 12),
];

/// Arabic weekdays with the article: (word, ISO weekday, ambiguous).
/// الأحد is also "the One", الاثنين "the two", الجمعة the Friday prayer.
pub const WEEKDAYS_AR: &[(&str, u32, bool)] = &[
    ("الاثنين", 1, true),
    ("الاتنين", 1, true),
    ("الثلاثاء", 2, false),
    ("الثلاثا", 2, false),
    ("الاربعاء", 3, false),
    ("الاربعا", 3, false),
    ("الخميس", 4, false),
    ("الجمعه", 5, true),
    ("السبت", 6, false),
    ("الاحد", 7, true),
];

pub const WEEKDAYS_EN: &[(&str, u32)] = &[
    ("monday", 1),
    ("tuesday", 2),
    ("wednesday", 3),
    ("thursday", 4),
    ("friday", 5),
    ("saturday", 6),
    ("sunday", 7),
];

/// Direction words after a month, weekday, season or unit: -1 past, +1 next, 0 current.
pub const DIR_AR: &[(&str, i32)] = &[
    ("الماضي", -1),
    ("الماضيه", -1),
    ("المنصرم", -1),
    ("المنصرمه", -1),
    ("الفايت", -1),
    ("الفايته", -1),
    ("المنقضي", -1),
    ("المقبل", 1),
    ("المقبله", 1),
    ("القادم", 1),
    ("القادمه", 1),
    ("الجاري", 0),
    ("الجاريه", 0),
    ("الحالي", 0),
    ("الحاليه", 0),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Definite unit nouns used with a direction word (الشهر الماضي).
pub const UNIT_DEF_AR: &[(&str, Unit)] = &[
    ("الاسبوع", Unit::Week),
    ("الشهر", Unit::Month),
    ("العام", Unit::Year),
    ("السنه", Unit::Year),
];

/// Indefinite unit nouns after منذ/قبل: (word, unit, count implied by the
/// form: 1 singular, 2 dual, 0 plural that needs a number).
pub const UNIT_AR: &[(&str, Unit, u32)] = &[
    ("يوم", Unit::Day, 1),
    ("يومين", Unit::Day, 2),
    ("يومان", Unit::Day, 2),
    ("ايام", Unit::Day, 0),
    ("اسبوع", Unit::Week, 1),
    ("اسبوعين", Unit::Week, 2),
    ("اسبوعان", Unit::Week, 2),
    ("اسابيع", Unit::Week, 0),
    ("شهر", Unit::Month, 1),
    ("شهرين", Unit::Month, 2),
    ("شهران", Unit::Month, 2),
    ("اشهر", Unit::Month, 0),
    ("شهور", Unit::Month, 0),
    ("عام", Unit::Year, 1),
    ("عامين", Unit::Year, 2),
    ("عامان", Unit::Year, 2),
    ("اعوام", Unit::Year, 0),
    ("سنه", Unit::Year, 1),
    ("سنتين", Unit::Year, 2),
    ("سنتان", Unit::Year, 2),
    ("سنوات", Unit::Year, 0),
    ("سنين", Unit::Year, 0),
];

pub const UNIT_EN: &[(&str, Unit)] = &[
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("year", Unit::Year),
    ("years", Unit::Year),
];

/// Arabic cardinal number words 1–10 (normalised, both genders).
pub const NUM_AR: &[(&str, u32)] = &[
    ("واحد", 1),
    ("واحده", 1),
    ("اثنين", 2),
    ("اثنان", 2),
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("ثمان", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("عشر", 10),
    ("عشره", 10),
];

pub const NUM_EN: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

/// Arabic ordinal day words (masculine, definite) 1–10; 11–19 add عشر,
/// 20–31 are built as "الحادي والعشرين".
pub const ORD_AR: &[(&str, u32)] = &[
    ("الاول", 1),
    ("الحادي", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
];

pub const TENS_AR: &[(&str, u32)] = &[("العشرين", 20), ("الثلاثين", 30), ("عشرين", 20), ("ثلاثين", 30)];

/// Vague-part modifiers before a year, month or relative expression.
pub const VAGUE_AR: &[(&str, &str)] = &[
    ("اوايل", "early"),
    ("مطلع", "early"),
    ("بدايه", "early"),
    ("بدايات", "early"),
    ("مستهل", "early"),
    ("اول", "early"),
    ("اواسط", "mid"),
    ("منتصف", "mid"),
    ("وسط", "mid"),
    ("اواخر", "late"),
    ("نهايه", "late"),
    ("نهايات", "late"),
    ("اخر", "late"),
    ("ختام", "late"),
];

/// Modifiers that put an expression before/after a point.
pub const POINT_MOD_AR: &[(&str, &str)] = &[
    ("بعد", "after"),
    ("قبل", "before"),
    ("منذ", "since"),
    ("حتي", "until"),
    ("لغايه", "until"),
    ("نحو", "about"),
    ("حوالي", "about"),
    ("قرابه", "about"),
];

pub const POINT_MOD_EN: &[(&str, &str)] = &[
    ("after", "after"),
    ("before", "before"),
    ("since", "since"),
    ("until", "until"),
    ("till", "until"),
    ("around", "about"),
    ("circa", "about"),
    ("about", "about"),
    ("approximately", "about"),
];

/// Seasons: (word, code as in TIMEX3: SP SU FA WI).
pub const SEASONS_AR: &[(&str, &str)] = &[
    ("صيف", "SU"),
    ("الصيف", "SU"),
    ("شتاء", "WI"),
    ("الشتاء", "WI"),
    ("ربيع", "SP"),
    ("الربيع", "SP"),
    ("خريف", "FA"),
    ("الخريف", "FA"),
];

pub const SEASONS_EN: &[(&str, &str)] =
    &[("summer", "SU"), ("winter", "WI"), ("spring", "SP"), ("autumn", "FA"), ("fall", "FA")];

/// Decade words: stem → digit of the decade (تسعينيات → 9 → 199x).
pub const DECADES_AR: &[(&str, u32)] = &[
    ("عشرين", 2),
    ("ثلاثين", 3),
    ("اربعين", 4),
    ("خمسين", 5),
    ("ستين", 6),
    ("سبعين", 7),
    ("ثمانين", 8),
    ("تسعين", 9),
];

/// Parts of the day that can precede a day expression (مساء أمس).
pub const DAYPART_AR: &[&str] = &["صباح", "مساء", "ظهر", "ظهيره", "عصر", "فجر", "ليل", "ليله", "ضحي", "غداه", "صبيحه", "عشيه"];
pub const DAYPART_EN: &[&str] = &["morning", "afternoon", "evening", "night"];

/// Words that, right before a bare four-digit number, make it a year.
pub const YEAR_CUE_AR: &[&str] =
    &["في", "منذ", "خلال", "بعد", "قبل", "حتي", "لغايه", "مطلع", "اواخر", "اوايل", "منتصف", "نهايه", "بدايه", "عام", "العام", "سنه", "السنه", "شهر", "شهري", "موسم", "انتخابات", "ربيع", "صيف", "شتاء", "خريف",
      // nouns naming an event by its year: حرب 2006، ثورة 2011، دستور 2005
      "حرب", "ثوره", "احداث", "دستور", "موازنه", "ميزانيه", "انتفاضه", "غزو", "اتفاق", "اتفاقيه", "مونديال", "اولمبياد", "نكسه", "نكبه", "اجتياح", "عدوان", "استفتاء", "تعداد", "احصاء"];
pub const YEAR_CUE_EN: &[&str] = &["in", "since", "during", "after", "before", "until", "till", "by", "of", "early", "late", "mid", "year", "summer", "winter", "spring", "autumn", "fall", "from", "through", "the", "'s"];

/// Nouns counted by a number (a number before them is not a year).
pub const COUNTED_AR: &[&str] = &[
    "شخص", "اشخاص", "قتيل", "قتلي", "جريح", "جرحي", "مدني", "مدنيين", "عنصر", "عناصر", "مقاتل", "مقاتلين", "جندي", "جنود",
    "عام", "سنه", "دولار", "يورو", "دينار", "ليره", "ريال", "كيلومتر", "كيلومترا", "كلم", "كم", "متر", "طن", "منزل", "عايله",
    "اسره", "لاجي", "نازح", "مواطن", "معتقل", "سجين", "صاروخ", "غاره", "طفل", "اطفال", "امراه", "نساء", "رجل", "مسلح",
    "مسلحين", "ضحيه", "ضحايا", "قذيفه", "برميل", "الف", "مليون", "مليار", "شهيد", "شهداء", "اسير", "شرطي", "موظف",
    "طالب", "مصاب", "مصابين", "قتيلا", "شخصا", "مدنيا", "عنصرا", "جنديا", "مقاتلا", "نازحا", "لاجيا", "طفلا", "جريحا",
    "يوم", "يوما", "ساعه", "دقيقه", "صوت", "مرشح", "ناخب", "مقعد", "مره",
];
pub const COUNTED_EN: &[&str] = &[
    "people", "persons", "dead", "killed", "wounded", "injured", "civilians", "soldiers", "troops", "fighters",
    "militants", "men", "women", "children", "refugees", "families", "homes", "houses", "years", "km", "kilometres",
    "kilometers", "miles", "metres", "meters", "dollars", "euros", "tons", "tonnes", "rounds", "members", "votes",
    "seats", "deaths", "casualties", "victims", "prisoners", "detainees", "rockets", "missiles", "strikes", "days",
    "hours", "cases", "residents", "police", "policemen", "officers", "students", "times", "%",
];

/// Adverbs that may follow a year without making it a count.
pub const AFTER_YEAR_OK_AR: &[&str] = &["ايضا", "تقريبا", "تحديدا", "فقط", "مثلا", "مجددا", "حتي", "وحتي", "الي"];

/// Words that put a sentence in the future, for months named without a year
/// or direction ("ستجرى الانتخابات في أيار" → the next May).
pub const FUTURE_AR: &[&str] = &[
    "سوف", "المقرر", "المتوقع", "مقرر", "المرتقب", "مرتقب", "يعتزم", "تعتزم", "يزمع", "تزمع", "سيعقد", "ستعقد", "ستجري",
    "سيجري", "سيتم", "ستبدا", "سيبدا", "ستنطلق", "سينطلق", "ستشهد", "سيشهد", "ستقام", "سيقام", "سيزور", "ستزور", "سيصل",
    "ستصل", "سيكون", "ستكون", "ستنتهي", "سينتهي", "سيعود", "ستعود", "ستنظم", "سينظم", "سيلتقي", "ستلتقي", "سيتوجه", "ستتوجه",
];
pub const FUTURE_EN: &[&str] = &["will", "shall", "expected", "scheduled", "upcoming", "planned", "plans", "plan", "won't"];
