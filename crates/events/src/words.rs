//! Closed word classes the event rules share: function words, prepositions, time
//! words, quantity words, clause breakers, light verbs, facilities, and words the
//! affix matcher would misread as triggers. All in normalised form.


pub(crate) const AR_FUNC: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "بين", "ضد", "حول", "خلال", "بعد", "قبل", "عند", "لدي", "حتي", "منذ", "امام",
    "نحو", "ان", "انه", "انها", "انهم", "كان", "كانت", "التي", "الذي", "الذين", "اللذين", "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم",
    "لم", "لن", "لا", "ما", "قد", "كما", "وقد", "فقد", "ثم", "او", "اي", "وفي", "ومن", "وعلي", "والي", "فيما", "بينما", "حيث", "اذ",
    "وهو", "وهي", "وهم", "لكن", "ولكن", "اما", "اذا", "لو", "كل", "بعض", "غير", "دون", "عبر", "اليوم", "امس", "مساء", "صباح",
    "ليل", "ليله", "فجر", "ظهر", "يوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "ايضا", "مجددا",
    "وذلك", "بعدما", "عندما", "حين", "فيها", "فيه", "عليه", "عليها", "منها", "منه", "اليه", "اليها", "لها", "له", "لهم", "بها",
    "به", "بهم", "عليهم", "منهم", "وقال", "قال", "يذكر", "ويذكر", "اول", "امس", "ب", "ل", "و", "ف", "يا",
];
pub(crate) const EN_FUNC: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "but", "that", "which", "who",
    "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will", "would", "could", "may", "might", "not",
    "this", "these", "those", "it", "its", "their", "his", "her", "they", "he", "she", "we", "as", "after", "before", "during",
    "since", "into", "over", "under", "against", "near", "than", "said", "says", "also", "when", "where", "while", "some",
    "there", "what", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
    "last", "late", "early", "week", "month", "year", "least", "more", "about", "around", "up", "out", "off", "all", "other",
    "reportedly", "allegedly", "then", "if", "so", "did", "do", "does", "no", "many", "several",
];
/// Words the affix matcher would misread as triggers (وزارة ≠ و+زار+ه).
pub(crate) const NEVER: &[&str] = &["طالبان", "الطالبان", "لطالبان", "وزاره", "الوزاره", "وزارات", "زاره", "وزار", "الضربه", "قتاده", "بحثا", "فجرا", "الفجر"];
/// Prepositions: a subject search stops at them.
pub(crate) const PREPS: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "بين", "ضد", "حول", "خلال", "عند", "لدي", "حتي", "منذ", "امام", "عبر",
    "دون", "وفي", "ومن", "وعلي", "والي", "وضد", "ومع", "in", "on", "at", "to", "for", "with", "from", "against", "into", "near", "of",
    "between",
];
/// Quantity words skipped before an actor head (عشرات المواطنين).
pub(crate) const TIME_WORDS: &[&str] = &[
    "فجر", "صباح", "مساء", "ليله", "ظهر", "اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الماضي", "الماضيه", "فجرا", "صباحا", "مساء", "ليلا", "ظهرا",
];
/// Facilities and places that stand for the people in them: the victims named
/// elsewhere in the sentence (or the owner in the genitive) are the better recipient.
pub(crate) const FACILITY: &[&str] = &[
    "موقع", "مواقع", "مقر", "مقرات", "منزل", "منازل", "حي", "احياء", "نقطه", "حاجز", "قاعده", "مركز", "مبني", "مدرسه", "فندق", "سوق", "قريه", "قري", "بلده", "مدينه", "مخيم", "منطقه", "مقرهم", "مقره", "مواقعهم",
];
pub(crate) const AR_QUANT: &[&str] = &["عشرات", "ميات", "الاف", "الوف", "عدد", "عده", "جموع", "الاف", "بضع", "بضعه", "مجموعه", "حشد", "حشود"];
/// Clause breakers for actor search.
pub(crate) const AR_CLAUSE: &[&str] = &["الذي", "التي", "الذين", "بينما", "فيما", "حيث", "لكن", "ولكن", "بعدما", "عندما"];
pub(crate) const LIGHT: &[&str] = &[
    "شن", "نفذ", "نظم", "تبني", "تبنت", "قاد", "ارتكب", "قام", "اطلق", "نظمت", "نفذت", "شنت", "قادت", "ارتكبت", "قامت", "دعا",
    "دعت", "نصب", "نصبه", "نصبها", "نصبوا",
];
