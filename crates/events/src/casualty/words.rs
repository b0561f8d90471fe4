//! The casualty grammar's word lists: human nouns (broken and sound plurals), units
//! that are not head counts, time words, prepositions and clause openers, and the
//! casualty predicates by class (killed / injured / arrested) and kind. All in
//! normalised form (a test checks it).

// ---------------------------------------------------------------------------
// lexicon

/// Singular human nouns whose plural is broken, so -ين/-ان on them is a dual
/// (جنديين، عنصرين) and -ا an indefinite accusative (قاضيا).
pub(super) const HUMAN_BROKEN: &[&str] = &[
    "شخص", "جندي", "شرطي", "ضابط", "عنصر", "طفل", "ولد", "بنت", "امراه", "رجل", "شاب", "فتي", "فتاه", "صبي", "شقيق", "اخ", "ابن",
    "اب", "زوج", "والد", "حارس", "قايد", "زعيم", "شيخ", "امام", "قاضي", "طالب", "تلميذ", "طبيب", "عميد", "عقيد", "نقيب", "رايد",
    "ملازم", "رقيب", "جنرال", "وزير", "سفير", "نايب", "عضو", "فرد", "رهينه", "اسير", "سجين", "مختار", "قس", "كاهن", "راهب",
    "تاجر", "صياد", "راعي", "اجنبي", "رييس", "مدير", "امير", "سيده", "طفله", "شابه", "شقيقه", "اخت", "ابنه", "ام", "زوجه",
    "والده", "طالبه", "تلميذه", "طبيبه", "قروي", "حاج", "خطيب", "داعيه", "مفتي", "نجل", "حفيد", "عم", "خال", "جار", "صديق",
    "حارسه", "ضيف", "زاير", "عون", "كهل", "قاتل", "لص", "سارق", "نفر", "اطار", "عريف", "وكيل", "بحار", "ربان", "مدرب",
    "سايقه", "صاحب", "زميل", "زميله", "صديقه",
];
/// Singular human nouns with a sound plural: -ين is a plural as often as a dual,
/// -ان (nominative dual) still a dual.
pub(super) const HUMAN_SOUND: &[&str] = &[
    "مدني", "مواطن", "مسلح", "مقاتل", "متظاهر", "عامل", "سايق", "ناشط", "معتقل", "راكب", "مهاجم", "انتحاري", "مسوول", "صحفي",
    "اعلامي", "موظف", "مهندس", "معلم", "ممرض", "محامي", "مستوطن", "مزارع", "مدرس", "مجند", "متطوع", "مصور", "لاجي", "نازح",
    "محافظ", "قيادي", "معارض", "مرافق", "مختطف", "مسعف", "عسكري", "مراسل", "مفجر", "قناص", "مصلي", "مراقب", "سايح", "زاير",
    "مدون", "مشتبه", "مقيم", "مهرب", "منشق", "متمرد", "مسن", "مستشار", "مساعد", "منسق", "مترجم", "حقوقي", "نقابي", "برلماني",
    "دبلوماسي", "امني", "اكاديمي", "ممرضه", "معلمه", "موظفه", "ناشطه", "صحفيه", "ارهابي", "جهادي", "متشدد", "تكفيري",
    "داعشي", "مسيحي", "قبطي", "شيعي", "سني", "كردي", "مهاجر", "منفذ", "منحرف", "مروج", "متهم", "مجرم", "محتال", "مواطنه",
    "سايحه", "مصليه", "مفتش", "مطلوب", "متسلل", "مجتاز", "منقبه", "مغترب",
    // (session casualty10) a member of a force, fighters named by their side
    "منتسب", "مجاهد", "مرتزق", "انغماسي", "طيار", "مسلحه", "مقاوم",
    // (session cas27) a trainee, an educator
    "متربص", "مربي",
];
/// Titles of the dead, a person only when definite (الشهيد محمد الزواري، الفقيد، المرحوم،
/// الهالك): the victim of a killing, one person.
/// (session casualty8: الضحية "the victim", المدعو "the one called" before a name)
pub(super) const AR_DEAD_TITLE: &[&str] = &["شهيد", "فقيد", "مرحوم", "هالك", "مغدور", "ضحيه", "مدعو"];
/// A singular crime or operation word before a killing noun (جريمة القتل، عملية الاغتيال،
/// قضية القتل، حادثة الذبح): one killing, one victim when none is named (session casualty8).
pub(super) const AR_CRIME: &[&str] = &["جريمه", "عمليه", "قضيه", "حادثه"];
/// What an assault did to its victim's body, or that it took him to hospital: an
/// assault (اعتداء) with one of these injured its victim (session casualty8).
pub(super) const AR_HARM: &[&str] = &["كسر", "كسرا", "كسور", "كسورا", "رضوض", "رضوضا", "جروح", "جروحا", "جراح", "اصابات", "اصابه", "طعنات", "طعنه", "حروق", "المستشفي", "مستشفي", "اضرار", "نزيف", "نزيفا"];
pub(super) const EN_HUMAN: &[&str] = &[
    "man", "woman", "boy", "girl", "child", "baby", "infant", "toddler", "teenager", "youth", "person", "soldier", "policeman",
    "policewoman", "officer", "civilian", "journalist", "reporter", "photographer", "worker", "farmer", "student", "militant",
    "fighter", "guard", "bodyguard", "driver", "judge", "lawyer", "doctor", "nurse", "teacher", "engineer", "official",
    "commander", "leader", "cleric", "imam", "priest", "governor", "mayor", "minister", "member", "resident", "villager",
    "shepherd", "fisherman", "passenger", "pilot", "recruit", "volunteer", "hostage", "prisoner", "detainee", "protester",
    "demonstrator", "activist", "settler", "gunman", "bomber", "suspect", "contractor", "diplomat", "tourist", "colonel",
    "general", "captain", "lieutenant", "sergeant", "brother", "sister", "son", "daughter", "father", "mother", "wife",
    "husband", "pedestrian", "bystander", "worshipper", "employee", "paramedic", "medic", "trooper", "marine", "sniper",
    "guardsman", "chief", "deputy", "spokesman", "businessman", "merchant", "shopkeeper",
];
/// A person's own people, as the tokenizer may leave them whole with the pronoun ه on
/// (مرافقيه، حراسه — ة and ـه are one letter once normalised): the stems (session casualty10).
pub(super) const AR_HIS_PEOPLE: &[&str] = &["مرافقي", "حراس", "اقارب", "رفاق", "زملاي", "ابناي", "اطفال", "عناصر", "مقاتلي", "افراد", "اشقاي", "مساعدي", "اتباع", "جنود"];
/// Livestock and meat: ذبح in their sentence is slaughter, not a killing.
pub(super) const AR_ANIMALS: &[&str] = &[
    "طير", "طيور", "دجاج", "دواجن", "ديك", "ديوك", "لحوم", "لحم", "مواشي", "ماشيه", "اغنام", "غنم", "خرفان", "خروف", "ابقار",
    "بقره", "عجول", "اضاحي", "اضحيه", "مسلخ", "مسالخ", "ماعز", "ابل", "جمال",
];
/// Counted nouns that are not people: a number before them is no head count.
pub(super) const AR_UNITS: &[&str] = &[
    // things seized or counted that are no people (round 4: 16000 علبة معسل، طعنها 53 طعنة)
    "علبه", "علب", "كغ", "كلغ", "كيلوغرام", "قطعه", "قطع", "بندقيه", "بنادق", "مسدس", "مسدسا", "مسدسات", "رصاصه",
    "رصاصات", "خرطوشه", "خرطوشات", "طعنه", "طعنات", "قرص", "اقراص",
    "عام", "عاما", "اعوام", "سنه", "سنوات", "سنين", "يوم", "يوما", "ايام", "ساعه", "ساعات", "دقيقه",
    "دقايق", "شهر", "شهرا", "اشهر", "اسبوع", "اسابيع", "كيلومتر", "كيلومترا", "كيلومترات", "كلم", "كم", "متر",
    "مترا", "امتار", "ميل", "اميال", "دولار", "دولارا", "دينار", "دينارا", "ليره", "يورو", "نقطه", "نقاط",
    "صاروخ", "صاروخا", "صواريخ", "قذيفه", "قذايف", "غاره", "غارات", "ضربه", "ضربات", "موقع", "موقعا", "مواقع",
    "منزل", "منزلا", "منازل", "مبني", "مباني", "سياره", "سيارات", "اليه", "اليات", "عربه", "عربات", "طايره",
    "طايرات", "مروحيه", "دبابه", "دبابات", "عبوه", "عبوات", "هجوم", "هجوما", "هجمات", "تفجير", "تفجيرات", "انفجار",
    "انفجارات", "قريه", "قري", "بلده", "بلدات", "مدينه", "مدن", "حي", "احياء", "مره", "مرات", "طن",
    "اطنان", "لتر", "برميل", "بالميه", "بالمايه", "هدف", "اهداف", "هدفا", "مليون", "مليار", "ملايين", "طلقه",
    "رصاصه", "هاون", "مدفع", "قطعه", "مركبه", "مركبات", "شاحنه", "شاحنات", "حافله", "منشاه", "مستشفي", "مدرسه",
    "مسجد", "كنيسه", "محافظه", "ولايه", "مناطق", "منطقه", "حاجز", "حواجز", "دوله", "دول", "عمليه", "عمليات",
    "جوله", "بند", "ماده", "رقم", "الف", "الاف", "كتيبه", "لواء", "فرقه", "قضيه", "تهمه", "حادث",
    "حوادث", "شخصيه",
];
pub(super) const EN_UNITS: &[&str] = &[
    "year", "years", "day", "days", "hour", "hours", "minute", "minutes", "week", "weeks", "month", "months", "km",
    "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "dollars", "percent", "%",
    "rockets", "shells", "missiles", "targets", "houses", "homes", "buildings", "vehicles", "cars", "trucks", "times",
    "tonnes", "tons", "points", "goals", "villages", "districts", "attacks", "bombs", "strikes", "million", "billion",
    "rounds", "bullets", "mortars", "sites", "positions", "raids", "incidents", "cases", "am", "pm", "o'clock", "feet",
    "provinces", "towns", "cities", "schools", "hospitals", "mosques", "checkpoints", "bases", "counts", "charges",
];

/// Time words that may stand between a verb and its counted object (قتل فجر اليوم 5).
pub(super) const AR_TIME: &[&str] = &[
    "فجر", "صباح", "مساء", "ليله", "ظهر", "اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه",
    "السبت", "الماضي", "الماضيه", "فجرا", "صباحا", "ليلا", "ظهرا", "يوم", "ايضا", "مجددا", "موخرا", "البارحه",
];
pub(super) const AR_PREPS: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "بين", "ضد", "حول", "خلال", "عند", "لدي",
    "حتي", "منذ", "امام", "عبر", "دون", "قرب", "بعد", "قبل", "اثر", "جراء", "اثناء", "وسط",
    "داخل", "خارج", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "نتيجه", "بسبب",
    "عقب", "تحت", "فوق",
];
/// Words that open a new clause: a phrase never runs across them.
pub(super) const AR_CLAUSE: &[&str] = &[
    "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "بينما", "فيما", "حيث", "لكن", "ولكن", "بعدما", "عندما", "حين", "اذ",
    "كما", "ان", "انه", "انها", "انهم", "بان", "بانه", "وقد", "قد", "ثم", "حتي", "كي", "لان",
];
pub(super) const EN_PREPS: &[&str] = &[
    "in", "on", "at", "to", "for", "with", "by", "from", "against", "into", "near", "between", "during", "after", "before",
    "outside", "inside", "across", "around", "since", "under", "over", "through", "along", "when", "while", "as", "where",
    "which", "who", "that", "because", "if", "than", "onto", "via", "per", "amid", "despite",
];
/// Between an English subject and its verb: auxiliaries and adverbs.
pub(super) const EN_AUX: &[&str] = &[
    "was", "were", "been", "being", "be", "is", "are", "have", "has", "had", "reportedly", "also",
    "all", "both", "later", "subsequently", "allegedly", "reported", "believed", "said", "to", "initially", "eventually", "either",
    "slightly", "seriously", "critically", "lightly", "fatally", "badly", "severely", "mortally",
];

pub(super) const K_VERB_T: &[&str] = &[
    "قتل", "قتلت", "قتلوا", "قتلا", "قتلتا", "يقتل", "تقتل", "يقتلون", "قتلن", "اغتال", "اغتالت", "اغتالوا", "اغتيل", "اغتيلت",
    "يغتال", "تغتال", "اعدم", "اعدمت", "اعدموا", "يعدم", "اعدما", "ذبح", "ذبحت", "ذبحوا", "يذبح",
];
pub(super) const K_VERB_I: &[&str] = &[
    "استشهد", "استشهدت", "استشهدوا", "استشهدا", "يستشهد", "توفي", "توفيت", "توفوا", "توفيا", "قضي", "قضوا", "قضت", "مات", "ماتت",
    "ماتوا", "ماتا",
];
pub(super) const K_NOUN_GEN: &[&str] = &["مقتل", "مصرع", "استشهاد", "وفاه", "اعدام", "اغتيال"];
/// (session casualty10: the passive participle "killed" as a counted adjective — جثث 36
/// رجلا مقتولين بالرصاص، جثتي شابين مقتولين — is a toll of the dead, as قتلى is)
pub(super) const K_COUNTED: &[&str] = &["قتلي", "قتيل", "قتيلا", "شهداء", "شهيد", "شهيدا", "ضحيه", "ضحايا", "وفيات", "مقتولين", "مقتولا", "مقتولون", "مقتول", "مقتوله", "مقتولتين"];
pub(super) const I_VERB_T: &[&str] = &["جرح", "جرحت", "جرحوا", "يجرح", "اصاب", "اصابت", "اصابوا"];
pub(super) const I_VERB_I: &[&str] = &["اصيب", "اصيبت", "اصيبوا", "اصيبا", "يصاب", "تصاب", "يصابون", "اصبن"];
pub(super) const I_NOUN_GEN: &[&str] = &["اصابه"];
pub(super) const I_COUNTED: &[&str] = &["جرحي", "جريح", "جريحا", "مصاب", "مصابا", "مصابين", "مصابون", "اصابات"];
pub(super) const A_VERB_T: &[&str] = &[
    "اعتقل", "اعتقلت", "اعتقلوا", "يعتقل", "تعتقل", "اوقف", "اوقفت", "اوقفوا", "احتجز", "احتجزت", "احتجزوا", "يحتجز",
    // a spokesman's "we arrested" (session casualty8)
    "اعتقلنا", "اوقفنا", "احتجزنا",
];
pub(super) const A_NOUN_GEN: &[&str] = &["اعتقال", "توقيف", "احتجاز", "ايقاف"];
/// Arrest nouns whose object stands behind ب: الاحتفاظ بصاحبي المستودعين، الإطاحة بعصابة
/// تتكون من 7 أشخاص.
pub(super) const A_NOUN_BI: &[&str] = &["احتفاظ", "الاحتفاظ", "اطاحه", "الاطاحه"];
/// A group whose size is stated: عصابة تتكون من 3 عناصر، مجموعة متكونة من 7 عناصر.
pub(super) const AR_GROUPS: &[&str] = &["مجموعه", "عصابه", "شبكه", "خليه", "مجموعات"];
/// "consisting of" before the size of a group.
pub(super) const AR_CONSIST: &[&str] = &["متكونه", "تتكون", "مكونه", "المتكونه", "المكونه", "تضم", "متركبه", "تتركب", "يتكون", "متكون"];
/// Verbs that carry a toll forward across a comma: عدد القتلى …، ارتفع إلى 5.
pub(super) const TOLL_VERBS: &[&str] = &["ارتفع", "يرتفع", "ليرتفع", "بلغ", "يبلغ", "ليبلغ", "وصل", "يصل", "ليصل", "rose", "reached", "climbed", "stood", "jumped"];
pub(super) const A_COUNTED: &[&str] = &["معتقلين", "معتقلا", "موقوفين", "موقوفا", "معتقلون"];

/// Words after which a number is a day, a year or a birth year, not a head count
/// (round 4: يوم 15 ديمسبر with the month misspelt, سنة 2008، مواليد 1992، بتاريخ 3).
pub(super) const AR_DATE_BEFORE: &[&str] = &["يوم", "ليله", "الساعه", "سنه", "عام", "العام", "تاريخ", "بتاريخ", "مواليد", "منذ", "الموافق"];
