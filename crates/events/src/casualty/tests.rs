//! Unit tests of the casualty grammar, one per phenomenon.

use super::*;

fn run(s: &str) -> Tolls {
    let toks = marsad_text::tokenize::tokenize(s);
    let n = toks.len();
    let upper = toks.iter().map(|t| s.get(t.byte_start..t.byte_end).and_then(|w| w.chars().next()).is_some_and(|c| c.is_uppercase())).collect();
    let inp = Input { toks: &toks, time: vec![false; n], person: vec![false; n], nisba: vec![false; n], nisba_word: vec![false; n], anchor: vec![false; n], disease: false, upper, attack: vec![false; n], dual: dual_marks(s, &toks) };
    tolls(&inp)
}
fn k(s: &str) -> Option<u32> {
    run(s).get(None, KILLED)
}
fn i(s: &str) -> Option<u32> {
    run(s).get(None, INJURED)
}

#[test]
fn lexicon_is_in_normalised_form() {
    for list in [HUMAN_BROKEN, HUMAN_SOUND, AR_UNITS, AR_DATE_BEFORE, AR_TIME, AR_PREPS, AR_CLAUSE, K_VERB_T, K_VERB_I, K_NOUN_GEN, K_COUNTED, I_VERB_T, I_VERB_I, I_NOUN_GEN, I_COUNTED, A_VERB_T, A_NOUN_GEN, A_COUNTED, A_NOUN_BI, AR_GROUPS, AR_CONSIST, AR_DEAD_TITLE, AR_ANIMALS, AR_CRIME, AR_HARM, AR_HIS_PEOPLE] {
        for w in list {
            assert_eq!(marsad_text::normalize(w), *w, "{w} is not normalised");
        }
    }
}

#[test]
fn number_words_gender_construct_dual() {
    assert_eq!(k("قتل ثلاثة جنود في القصف"), Some(3));
    assert_eq!(i("وأصيبت خمس نساء بجروح"), Some(5));
    assert_eq!(k("قتلت إحدى عشرة امرأة من عائلة واحدة"), Some(11));
    assert_eq!(i("أصيب اثنا عشر مدنيا بجروح"), Some(12));
    assert_eq!(k("قتل شرطيان في الهجوم"), Some(2));
    assert_eq!(k("قتل عنصرين من الصحوات"), Some(2));
    assert_eq!(i("أصيبت امرأتان في القصف"), Some(2));
    assert_eq!(k("أسفر عن مقتل مئتي شخص على الأقل"), Some(200));
    assert_eq!(k("قتل مئتان وخمسون شخصا"), Some(250));
    assert_eq!(i("أصيب أكثر من مئة وعشرين شخصا"), Some(120));
    assert_eq!(k("قتل خمسة وعشرون مسلحا"), Some(25));
    assert_eq!(i("أصيب ثلاثتهم بجروح بالغة"), Some(3));
    assert_eq!(k("قتل مدنيين اثنين"), Some(2));
    assert_eq!(k("أدى الهجوم إلى مقتل 39 تسعة و ثلاثين شخصا"), Some(39));
    // a sound plural in -ين is not a dual
    assert_eq!(k("قتل مدنيين في القصف"), None);
}

#[test]
fn counted_noun_before_verb_or_with_adjective() {
    assert_eq!(k("تسعة أشخاص بينهم أربعة من رجال الشرطة قتلوا في تفجير"), Some(9));
    assert_eq!(i("سبعة عمال أصيبوا بجروح خطيرة"), Some(7));
    assert_eq!(k("قتل انتحاري يرتدي حزاما ناسفا 31 متطوعا في الشرطة"), Some(31));
    assert_eq!(k("قتل مسلحون ملثمون أربعة من أفراد عائلة واحدة"), Some(4));
    assert_eq!(k("لقيت ثماني نساء وطفلان حتفهم"), Some(10));
    assert_eq!(k("قتل 3 جنود و2 من عناصر الصحوة في هجوم"), Some(5));
    assert_eq!(k("سقط ثلاثة قتلى وعشرة جرحى"), Some(3));
    assert_eq!(i("سقط ثلاثة قتلى وعشرة جرحى"), Some(10));
    assert_eq!(k("Eight people, including three foreign aid workers, were killed in an attack"), Some(8));
    assert_eq!(k("Two soldiers and a civilian were killed in a mortar attack"), Some(3));
    assert_eq!(k("A suicide bomber killed 26 police recruits"), Some(26));
}

#[test]
fn one_of_another_and_floors() {
    assert_eq!(k("قتل أحد حراس رئيس البلدية"), Some(1));
    assert_eq!(i("أصيبت إحدى الطالبات بجروح طفيفة"), Some(1));
    assert_eq!(k("لقي أحد عناصر حرس الحدود مصرعه"), Some(1));
    assert_eq!(i("قتل جندي وأصيب آخر"), Some(1));
    assert_eq!(i("قتل جندي وأصيب اثنان آخران"), Some(2));
    assert_eq!(i("قتل جندي وأصيب آخرون"), None);
    assert_eq!(k("قتل ما لا يقل عن 14 شخصا"), Some(14));
    assert_eq!(k("قتل نحو أربعين مقاتلا"), Some(40));
    assert_eq!(k("سقط ما يزيد على مئة قتيل"), Some(100));
    assert_eq!(i("أصيب عشرات المدنيين"), None);
    assert_eq!(k("One of the governor's bodyguards was killed and two others wounded"), Some(1));
    assert_eq!(i("One of the governor's bodyguards was killed and two others wounded"), Some(2));
    assert_eq!(k("At least five people were killed"), Some(5));
    assert_eq!(i("More than 20 people were injured"), Some(20));
    assert_eq!(i("Dozens of civilians were wounded"), None);
    assert_eq!(i("A soldier was killed and another wounded"), Some(1));
}

#[test]
fn implicit_singletons() {
    assert_eq!(k("اغتال مسلحون مجهولون العقيد في الاستخبارات"), Some(1));
    assert_eq!(k("قتل مسلحون قاضيا في محكمة الاستئناف"), Some(1));
    assert_eq!(k("قتل الجيش الباكستاني قائدا ميدانيا"), Some(1));
    assert_eq!(k("وأعدموا اثنين منهم رميا بالرصاص"), Some(2));
    assert_eq!(k("لقي ضابط في الشرطة حتفه"), Some(1));
    assert_eq!(k("Gunmen assassinated the deputy governor of Diyala province"), Some(1));
    assert_eq!(k("A 12-year-old boy was killed when a shell hit"), Some(1));
    assert_eq!(k("Militants executed two of them"), Some(2));
    // plural definite victims: no count
    assert_eq!(k("قتل الجنود في الهجوم"), None);
}

#[test]
fn no_figure_traps() {
    assert_eq!(k("قتل شاب يبلغ من العمر 19 عاما"), Some(1));
    assert_eq!(i("انفجرت عبوة على الطريق رقم 6 دون وقوع إصابات"), None);
    assert_eq!(k("قصفت الطائرات 12 موقعا"), None);
    assert_eq!(i("أصيب جنود في الهجوم الذي وقع قبل ثلاثة أيام"), None);
    assert_eq!(k("قتلوا وجرحوا أكثر من عشرة"), None);
    assert_eq!(k("Air strikes hit 15 targets near Raqqa"), None);
}

#[test]
fn tolls_and_totals() {
    assert_eq!(k("ارتفعت حصيلة ضحايا التفجير الذي استهدف مسجدا إلى 35 قتيلا و60 جريحا"), Some(35));
    assert_eq!(i("ارتفعت حصيلة ضحايا التفجير الذي استهدف مسجدا إلى 35 قتيلا و60 جريحا"), Some(60));
    assert_eq!(k("بلغ عدد قتلى الهجوم على السجن المركزي 18 شخصا بينهم أربعة حراس"), Some(18));
    assert_eq!(k("The death toll from the twin bombings rose to 43, with more than 200 wounded."), Some(43));
    assert_eq!(i("The death toll from the twin bombings rose to 43, with more than 200 wounded."), Some(200));
    assert_eq!(k("The blast killed five, including two children, and wounded 11."), Some(5));
    assert_eq!(i("The blast killed five, including two children, and wounded 11."), Some(11));
}

fn a(s: &str) -> Option<u32> {
    run(s).get(None, ARRESTED)
}

/// Forms found on casreal's train part (real Jawhara FM sentences), one per rule.
#[test]
fn real_text_arrests() {
    assert_eq!(a("تمكنت الوحدات الأمنية من إيقاف 3 أشخاص بتهمة السرقة"), Some(3));
    assert_eq!(a("وقد تم الاحتفاظ بصاحبي المستودعين"), Some(2));
    assert_eq!(a("تمكنت الوحدات من القبض على عصابة مختصة في سرقة المواشي تتكون من 3 عناصر"), Some(3));
    assert_eq!(a("كما تم إيقاف عدد 322 شخصا في إطار حملات الأمن"), Some(322));
    assert_eq!(a("تمكنت الوحدات من إيقاف 10 سيارات مختصة في التهريب"), None);
    assert_eq!(a("وأكدت أنها اعتقلت قائد السيارة"), Some(1));
}

#[test]
fn real_text_killings() {
    assert_eq!(k("تم فيها القضاء على 5 ارهابيين واستشهاد مواطن واصابة اطار عسكري"), Some(6));
    assert_eq!(k("لقي 3 من أفراد الشرطة المصرية ومدني، صباح اليوم الأربعاء، مصرعهم في هجوم مسلح"), Some(4));
    assert_eq!(k("عندما قتل أربعة انتحاريين بريطانيين 52 شخصا في هجمات منسقة"), Some(52));
    assert_eq!(k("أعدمت حركة حماس التي تسيطر على قطاع غزة اليوم الخميس ثلاثة أشخاص"), Some(3));
    let t = run("مما أسفر عن وفاة 6 أشخاص و33 جريحا");
    assert_eq!((t.get(None, KILLED), t.get(None, INJURED)), (Some(6), Some(33)));
}

/// Forms found on the train part of the assault argument labels
/// (crates/detect/labels/args/gold.ar.assault.jsonl).
#[test]
fn real_text_assaults() {
    // a date set off by commas between a passive verb and its subject
    assert_eq!(k("قُتل، اليوم الثلاثاء، شاب تونسي رميا بالرصاص"), Some(1));
    // a counted subject before a plural verb, then another class with its own count
    let t = run("ثلاثة أشخاص قتلوا وأصيب ثلاثة آخرون في اشتباكات");
    assert_eq!((t.get(None, KILLED), t.get(None, INJURED)), (Some(3), Some(3)));
    assert_eq!(k("قتلوا وجرحوا أكثر من عشرة"), None);
    // attempts name no victims
    assert_eq!(k("حاول مسلح قتل ثلاثة أشخاص"), None);
    assert_eq!(i("حاول الشهيد الفلسطيني اصابة ثلاثة جنود"), None);
    // an assassination whose victim stands before it, or after في حق / التي استهدفت
    assert_eq!(k("أكدت السلطات تعرض الزواري لعملية اغتيال من أطراف أجنبية"), Some(1));
    assert_eq!(k("تعرض رئيس النجم إلى محاولة اغتيال"), None);
    assert_eq!(k("تلقى تهديدا بالاغتيال"), None);
}

#[test]
fn real_text_english() {
    assert_eq!(i("Two people were slightly injured when a grenade was thrown"), Some(2));
    assert_eq!(a("The suspect, aged 28, was arrested at the airport"), Some(1));
}

/// The fast path of `find_pred_lex` (a set of every predicate word) gives
/// the reference's answer at every token of the casualty dev sentences.
#[test]
fn predicate_fast_path_matches_the_reference() {
    let mut tokens = 0;
    let mut preds = 0;
    for file in [include_str!("../../data/dev/casualties.jsonl"), include_str!("../../data/dev/casreal.jsonl"), include_str!("../../data/dev/casreal_test.jsonl")] {
        for line in file.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let s = v["text"].as_str().unwrap_or_default();
            let toks = marsad_text::tokenize::tokenize(s);
            let n = toks.len();
            let inp = Input { toks: &toks, time: vec![false; n], person: vec![false; n], nisba: vec![false; n], nisba_word: vec![false; n], anchor: vec![false; n], disease: false, upper: vec![false; n], attack: vec![false; n], dual: dual_marks(s, &toks) };
            let g = G { inp: &inp, toks: &toks, preds: Vec::new() };
            for i in 0..n {
                let fast = g.find_pred_lex_with(i, true);
                assert_eq!(format!("{fast:?}"), format!("{:?}", g.find_pred_lex_with(i, false)), "{s} at {}", toks[i].norm);
                preds += fast.is_some() as usize;
                tokens += 1;
            }
        }
    }
    assert!(tokens > 5_000 && preds > 300, "{tokens} tokens, {preds} predicates");
}

/// The fast path of `suffixed_pred` (a set of the stems its classes read)
/// gives the reference's answer at every token of the casualty dev sentences
/// and of real articles (the corpus's first 200), with and without the
/// disease flag.
#[test]
fn suffixed_fast_path_is_the_reference() {
    let mut texts: Vec<String> = Vec::new();
    for file in [include_str!("../../data/dev/casualties.jsonl"), include_str!("../../data/dev/casreal.jsonl"), include_str!("../../data/dev/casreal_test.jsonl")] {
        for line in file.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            texts.push(v["text"].as_str().unwrap_or_default().to_string());
        }
    }
    texts.extend(marsad_core::sample::shared_corpus_texts(200));
    let (mut tokens, mut preds) = (0, 0);
    for s in &texts {
        let toks = marsad_text::tokenize::tokenize(s);
        let n = toks.len();
        for disease in [false, true] {
            let inp = Input { toks: &toks, time: vec![false; n], person: vec![false; n], nisba: vec![false; n], nisba_word: vec![false; n], anchor: vec![false; n], disease, upper: vec![false; n], attack: vec![false; n], dual: dual_marks(s, &toks) };
            let g = G { inp: &inp, toks: &toks, preds: Vec::new() };
            for i in 0..n {
                let fast = g.suffixed_pred_with(i, true);
                assert_eq!(format!("{fast:?}"), format!("{:?}", g.suffixed_pred_with(i, false)), "{s} at {}", toks[i].norm);
                preds += fast.is_some() as usize;
                tokens += 1;
            }
        }
    }
    assert!(tokens > 50_000 && preds > 50, "{tokens} tokens, {preds} predicates");
}

/// `bare`, `strip_al` and `strip_conj` test "N chars or more" with `nth`
/// and byte-wise prefixes: the same as the counting forms they replaced, on
/// every token of the casualty dev sentences and on short words.
#[test]
fn char_tests_are_counts() {
    let bare_ref = |n: &str| ['و', 'ف'].iter().find_map(|c| n.strip_prefix(*c).filter(|r| r.chars().count() >= 3)).unwrap_or(n).to_string();
    let al_ref = |w: &str| ["ال", "لل", "بال"].iter().find_map(|p| w.strip_prefix(p).filter(|r| r.chars().count() >= 2)).map(str::to_string);
    let mut words: Vec<String> = ["", "و", "وا", "واب", "وابت", "ال", "الا", "الاب", "لل", "للب", "بال", "بالب", "فففف", "a", "وa", "وab", "وabc"].iter().map(|w| w.to_string()).collect();
    let mut n = 0;
    for file in [include_str!("../../data/dev/casualties.jsonl"), include_str!("../../data/dev/casreal.jsonl")] {
        for t in marsad_text::tokenize::tokenize(file) {
            let want = if is_ar(&t) { bare_ref(&t.norm) } else { t.norm.clone() };
            assert_eq!(bare(&t), want, "{}", t.norm);
            n += is_ar(&t) as usize;
            words.push(t.norm);
        }
    }
    for w in &words {
        assert_eq!(crate::sentence::strip_conj(w), bare_ref(w), "{w}");
        assert_eq!(strip_al(w).map(str::to_string), al_ref(w), "{w}");
    }
    assert!(n > 5_000, "{n} Arabic tokens");
}

/// Round 4 (issue 11): a number after a date word is a day or a year even where the time
/// tagger did not read it (a misspelt month), and counts of things seized or of stab
/// wounds are no tolls.
#[test]
fn dates_years_and_things_are_no_tolls() {
    // (no person is tagged in these unit tests, so a named victim gives no singleton here)
    assert_eq!(k("واغتيل الزواري يوم 15 ديمسبر 2016 أمام منزله بصفاقس"), None);
    assert_eq!(k("قتل ثلاثة جنود يوم 15 ديمسبر"), Some(3));
    assert_eq!(k("قتل شاب سنة 2015"), Some(1));
    // (1992 is no toll; the one victim is the murder's, since session casualty8)
    assert_eq!(k("اعترف الجاني وهو من مواليد 1992 بجريمة القتل"), Some(1));
    // (the one victim is his friend, a possessed noun, since session casualty7; not the 53 stab wounds)
    assert_eq!(k("قتل صديقته بعد أن طعنها 53 طعنة"), Some(1));
    assert_eq!(k("وقتل عنصر من الجيش وحجز 16000 علبة معسل"), Some(1));
    // a count of people still counts
    assert_eq!(k("قتل 16000 شخص في الحرب"), Some(16000));
    assert_eq!(k("أسفر الهجوم عن مقتل 5 أشخاص منذ 2011"), Some(5));
}

/// Session casualty5 (issue 11): a further part of a toll is added when the sentence says
/// so (an additive word, or "another" in the phrase), an apposition or a list in brackets
/// names the same people again, a vague part makes the sum unstated, a relative clause's
/// figure belongs to its antecedent, and a man who died of his wounds is killed, not
/// injured.
#[test]
fn added_parts_appositions_and_deaths_from_wounds() {
    // (since session cas27 the attacker's own death is no victim, as the independent writers
    // of realcas7 label this very sentence: 2, where our own casreal2 train label said 3)
    assert_eq!(k("أسفرت العملية عن مقتل شرطيين وإصابة آخر، بالإضافة إلى مقتل منفذ الهجوم"), Some(2));
    assert_eq!(a("تم إلقاء القبض على شخصين كانا على متن سيارة و إيقاف 4 أشخاص آخرين"), Some(6));
    assert_eq!(a("تم إيقاف 5 أشخاص خلال مداهمة منزل، كما تم أيضا إيقاف صاحب المنزل"), Some(6));
    assert_eq!(i("أسفرت عن إصابة عونين اثنين بالإضافة إلى القضاء على عنصرين ارهابيين وجرح ثالث"), Some(3));
    // a restated toll is not added to
    assert_eq!(k("قتل 5 أشخاص في الهجوم وارتفعت حصيلة القتلى إلى 7 بعد وفاة جريح آخر"), Some(7));
    // the same people named again
    assert_eq!(i("وأسفر الهجوم عن إصابة تونسيين اثنين هما أيمن الدربالي ونزار غالي"), Some(2));
    assert_eq!(i("كما أصيب 3 مدنيين هم مواطن وزوجته وطفل كان برفقة ذويه"), Some(3));
    assert_eq!(i("أسفر التفجير عن إصابة ضابطين و4 مدنيين ( طالبان جامعيان وسيدة وطفلة)"), Some(6));
    // a vague part: the sum is not stated
    assert_eq!(k("أسفرت عن استشهاد عدد من المدنيين والأمنيين، فضلا عن القضاء على 36 إرهابيا"), None);
    // a relative clause's figure is its antecedent's own toll
    assert_eq!(k("مواصلة للعملية العسكرية بجبل سمامة، التي أسفرت عن القضاء على عنصرين إرهابيين، تمكنت الوحدات العسكرية من القضاء على عنصرين ارهابيين اخرين"), Some(2));
    // died of his wounds
    assert_eq!(i("توفي رجل في المستشفى متأثرا بإصابته في عملية دهس"), None);
    assert_eq!(i("لقي المهاجم حتفه متأثرا بالجروح التي أصيب بها في الهجوم"), None);
    assert_eq!(i("توفي اليوم فلسطيني على اثر اصابته برصاص جنود الاحتلال"), None);
    assert_eq!(i("أصيب 3 أشخاص في الانفجار"), Some(3));
}

/// Session casualty5, second step: a و-joined verbal noun after a number is no counted
/// noun of it, intents and threats name no victims, a counted conjunct may follow a
/// comma, one person is the subject of كان/إنّ before a death verb, وفيات is counted, and a
/// verbal noun's pronoun is its agent when its victims follow it.
#[test]
fn joined_nouns_intents_and_subjects_of_kana() {
    assert_eq!(k("أسفر الهجوم عن مقتل 29 وإصابة 24 آخرين"), Some(29));
    assert_eq!(i("أسفر الهجوم عن مقتل 29 وإصابة 24 آخرين"), Some(24));
    assert_eq!(i("لم يكن يرغب في التصويب إلى المحل، وإنما كان يريد إصابة شخص آخر في الخارج"), None);
    assert_eq!(k("اقتحم مجهول منزل مسن ويهدده بالذبح"), None);
    assert_eq!(a("أسفرت الحملة عن إيقاف 11 شخصا من أجل السلب و9 أشخاص من أجل السرقة، و209 أشخاص تعلقت بهم قضايا"), Some(229));
    assert_eq!(k("وكان مواطن أصيل الجهة يبلغ من العمر 65 سنة قد توفي برصاصة خلال هذه المواجهات"), Some(1));
    assert_eq!(k("وكان الجندي يحرس المكان عندما توفي ثلاثة من زملائه"), Some(3));
    assert_eq!(k("أكد مصدر وصول 5 وفيات الى المستشفى خلال المواجهات"), Some(5));
    assert_eq!(k("كان يعاني من مشاكل عقلية قد تكون السبب وراء قتله زائري الضريح"), None);
    assert_eq!(k("قبل أن يطلق جندي النار عليه وقتله"), Some(1));
}

/// Session casualty5, third step: detainees set free are no arrest, slaughtered livestock
/// is no killing, and a new clause with its own casualty verb and a new indefinite victim
/// adds one more.
#[test]
fn releases_slaughter_and_new_clauses() {
    assert_eq!(a("قررت المحكمة إطلاق سراح 15 موقوفا من شباب الجهة"), None);
    assert_eq!(a("تمكنت الوحدات الأمنية من إيقاف 15 شخصا"), Some(15));
    assert_eq!(k("تم ذبح قرابة 5ر1 مليون طير لحم و177 ألف ديك رومي"), None);
    assert_eq!(k("أقدم شاب على ذبح والده"), Some(1));
    assert_eq!(i("أسفرت العملية عن إصابة 3 مواطنين بشظايا، وأصيب أحد أعوان الحرس الوطني بجروح خفيفة"), Some(4));
    assert_eq!(i("أصيب عسكري برصاصة على مستوى الركبة، فيما أصيب مهرب بطلق ناري على مستوى الساق"), Some(2));
    // the same people told again are not added
    assert_eq!(i("أصيب 3 أشخاص في الانفجار، وأصيب الثلاثة بجروح خفيفة"), Some(3));
}

/// The paradigm of issue 11 (session casualty6): every form the issue lists, built here
/// as constructed sentences. They are unit tests of the grammar (one form each), not an
/// evaluation set: they were written from the language, not from a dev set. All failures
/// are reported together.
#[test]
fn paradigm_of_number_words_nouns_and_orders() {
    // (class, sentence, expected)
    let mut cases: Vec<(usize, String, Option<u32>)> = Vec::new();
    // units 3–10: masculine counted noun takes the feminine-looking form, feminine the
    // bare one; nominative after a passive verb, accusative/genitive after مقتل/قتل + object
    let units = [
        ("ثلاثة", "ثلاث", 3),
        ("أربعة", "أربع", 4),
        ("خمسة", "خمس", 5),
        ("ستة", "ست", 6),
        ("سبعة", "سبع", 7),
        ("ثمانية", "ثماني", 8),
        ("تسعة", "تسع", 9),
        ("عشرة", "عشر", 10),
    ];
    for (m, f, v) in units {
        cases.push((KILLED, format!("قتل {m} جنود في الهجوم"), Some(v)));
        cases.push((KILLED, format!("أسفر الانفجار عن مقتل {m} أشخاص"), Some(v)));
        cases.push((INJURED, format!("أصيبت {f} نساء بجروح"), Some(v)));
        cases.push((KILLED, format!("قتل المسلحون {m} من رجال الشرطة"), Some(v)));
        cases.push((INJURED, format!("أسفر القصف عن إصابة {f} طالبات"), Some(v)));
        cases.push((ARRESTED, format!("اعتقلت الشرطة {m} أشخاص"), Some(v)));
    }
    // one and two as adjectives and as heads
    cases.push((KILLED, "قتل شخص واحد في الهجوم".into(), Some(1)));
    cases.push((INJURED, "أصيبت امرأة واحدة بجروح".into(), Some(1)));
    cases.push((KILLED, "قتل اثنان من الجنود في الهجوم".into(), Some(2)));
    cases.push((KILLED, "أسفر الهجوم عن مقتل اثنين من الجنود".into(), Some(2)));
    cases.push((INJURED, "أصيبت اثنتان من الممرضات بجروح".into(), Some(2)));
    cases.push((INJURED, "أسفر القصف عن إصابة اثنتين من الطالبات".into(), Some(2)));
    // 11–19, with the gender and case forms of 11 and 12
    let teens_m = [("أحد عشر", 11), ("اثنا عشر", 12), ("ثلاثة عشر", 13), ("أربعة عشر", 14), ("خمسة عشر", 15), ("ستة عشر", 16), ("سبعة عشر", 17), ("ثمانية عشر", 18), ("تسعة عشر", 19)];
    let teens_f = [("إحدى عشرة", 11), ("اثنتا عشرة", 12), ("ثلاث عشرة", 13), ("أربع عشرة", 14), ("خمس عشرة", 15), ("ست عشرة", 16), ("سبع عشرة", 17), ("ثماني عشرة", 18), ("تسع عشرة", 19)];
    for (w, v) in teens_m {
        cases.push((KILLED, format!("قتل {w} جنديا في الهجوم"), Some(v)));
    }
    for (w, v) in teens_f {
        cases.push((INJURED, format!("أصيبت {w} امرأة بجروح"), Some(v)));
    }
    cases.push((KILLED, "أسفر الهجوم عن مقتل اثني عشر جنديا".into(), Some(12)));
    cases.push((INJURED, "أسفر القصف عن إصابة اثنتي عشرة امرأة".into(), Some(12)));
    cases.push((KILLED, "أسفر الهجوم عن مقتل أحد عشر جنديا".into(), Some(11)));
    // tens, nominative (-ون) and accusative/genitive (-ين), alone and with a unit
    let tens = [("عشرون", "عشرين", 20), ("ثلاثون", "ثلاثين", 30), ("أربعون", "أربعين", 40), ("خمسون", "خمسين", 50), ("ستون", "ستين", 60), ("سبعون", "سبعين", 70), ("ثمانون", "ثمانين", 80), ("تسعون", "تسعين", 90)];
    for (nom, gen, v) in tens {
        cases.push((KILLED, format!("قتل {nom} شخصا في التفجير"), Some(v)));
        cases.push((KILLED, format!("أسفر التفجير عن مقتل {gen} شخصا"), Some(v)));
        cases.push((INJURED, format!("أصيب ثلاثة و{nom} شخصا بجروح"), Some(v + 3)));
        cases.push((INJURED, format!("أسفر التفجير عن إصابة سبعة و{gen} شخصا"), Some(v + 7)));
    }
    // hundreds: مئة/مائة, the dual and its construct, 300–900 in one word or two
    cases.push((KILLED, "قتل مئة شخص في المجزرة".into(), Some(100)));
    cases.push((KILLED, "قتل مائة شخص في المجزرة".into(), Some(100)));
    cases.push((KILLED, "قتل مئتا شخص في المجزرة".into(), Some(200)));
    cases.push((KILLED, "أسفرت المجزرة عن مقتل مئتي شخص".into(), Some(200)));
    cases.push((KILLED, "قتل مئتان من المدنيين".into(), Some(200)));
    cases.push((KILLED, "أسفرت المجزرة عن مقتل مائتي شخص".into(), Some(200)));
    let hundreds = [("ثلاثمئة", 300), ("أربعمئة", 400), ("خمسمئة", 500), ("ستمئة", 600), ("سبعمئة", 700), ("ثمانمئة", 800), ("تسعمئة", 900), ("ثلاثمائة", 300), ("خمسمائة", 500)];
    for (w, v) in hundreds {
        cases.push((KILLED, format!("قتل {w} شخص في الحرب"), Some(v)));
        cases.push((INJURED, format!("أسفرت المواجهات عن إصابة {w} وخمسين شخصا"), Some(v + 50)));
    }
    cases.push((KILLED, "قتل ثلاث مئة شخص في الحرب".into(), Some(300)));
    cases.push((KILLED, "أسفرت الحرب عن مقتل مئة وخمسة وعشرين شخصا".into(), Some(125)));
    // thousands: ألف, its dual, آلاف after 3–10, ألفا after 11–99
    cases.push((KILLED, "قتل ألف شخص في الحرب".into(), Some(1000)));
    cases.push((KILLED, "قتل ألفا شخص في الحرب".into(), Some(2000)));
    cases.push((KILLED, "أسفرت الحرب عن مقتل ألفي شخص".into(), Some(2000)));
    cases.push((KILLED, "قتل ألفان من المدنيين".into(), Some(2000)));
    cases.push((KILLED, "أسفرت الحرب عن مقتل ثلاثة آلاف شخص".into(), Some(3000)));
    cases.push((KILLED, "أسفرت الحرب عن مقتل عشرة آلاف شخص".into(), Some(10000)));
    cases.push((KILLED, "أسفرت الحرب عن مقتل خمسة عشر ألف شخص".into(), Some(15000)));
    cases.push((KILLED, "أسفرت الحرب عن مقتل عشرين ألف شخص".into(), Some(20000)));
    cases.push((KILLED, "أسفرت الحرب عن مقتل ألف ومئتي شخص".into(), Some(1200)));
    cases.push((KILLED, "أسفرت الحرب عن مقتل 1500 شخص".into(), Some(1500)));
    // duals of human nouns: nominative -ان, accusative/genitive -ين, feminine -تان/-تين
    for (nom, gen) in [("جنديان", "جنديين"), ("شرطيان", "شرطيين"), ("طفلان", "طفلين"), ("رجلان", "رجلين"), ("شخصان", "شخصين"), ("عنصران", "عنصرين"), ("شقيقان", "شقيقين"), ("ضابطان", "ضابطين")] {
        cases.push((KILLED, format!("قتل {nom} في الهجوم"), Some(2)));
        cases.push((KILLED, format!("أسفر الهجوم عن مقتل {gen}"), Some(2)));
        cases.push((INJURED, format!("أسفر الهجوم عن إصابة {gen} بجروح"), Some(2)));
    }
    for (nom, gen) in [("امرأتان", "امرأتين"), ("طفلتان", "طفلتين"), ("فتاتان", "فتاتين"), ("شقيقتان", "شقيقتين")] {
        cases.push((KILLED, format!("قتلت {nom} في القصف"), Some(2)));
        cases.push((INJURED, format!("أسفر القصف عن إصابة {gen}"), Some(2)));
    }
    cases.push((KILLED, "أسفر الهجوم عن مقتل رجلي شرطة".into(), Some(2)));
    // a counted noun before its verb, with a subset that is not added
    cases.push((KILLED, "ثمانية أشخاص بينهم ثلاثة أجانب قتلوا في الهجوم".into(), Some(8)));
    cases.push((KILLED, "خمسة جنود قتلوا في الهجوم".into(), Some(5)));
    cases.push((INJURED, "عشرون مدنيا أصيبوا بجروح".into(), Some(20)));
    cases.push((KILLED, "جنديان قتلا في الهجوم".into(), Some(2)));
    // agent then object (VSO with a bare singular agent)
    cases.push((KILLED, "قتل مفجر انتحاري 42 مجندا في الشرطة".into(), Some(42)));
    cases.push((KILLED, "قتل مسلح ثلاثة أشخاص في السوق".into(), Some(3)));
    cases.push((INJURED, "أصاب قناص خمسة مدنيين".into(), Some(5)));
    cases.push((ARRESTED, "اعتقل الجيش عشرين مشتبها به".into(), Some(20)));
    // one of, another
    cases.push((KILLED, "قتل أحد الجنود في الهجوم".into(), Some(1)));
    cases.push((KILLED, "أسفر الهجوم عن مقتل أحد حراسه".into(), Some(1)));
    cases.push((INJURED, "أصيبت إحدى الممرضات بجروح".into(), Some(1)));
    cases.push((KILLED, "أسفر الهجوم عن مقتل أحد عناصر الأمن وإصابة آخر".into(), Some(1)));
    cases.push((INJURED, "أسفر الهجوم عن مقتل أحد عناصر الأمن وإصابة آخر".into(), Some(1)));
    cases.push((INJURED, "قتل شرطي وأصيب اثنان آخران".into(), Some(2)));
    cases.push((INJURED, "قتل شرطي وأصيب ثلاثة آخرون".into(), Some(3)));
    // at least, more than, about: the stated number
    cases.push((KILLED, "قتل ما لا يقل عن عشرة أشخاص".into(), Some(10)));
    cases.push((KILLED, "قتل عشرة أشخاص على الأقل".into(), Some(10)));
    cases.push((KILLED, "قتل أكثر من عشرين شخصا".into(), Some(20)));
    cases.push((INJURED, "أسفر الانفجار عن إصابة أكثر من 50 شخصا".into(), Some(50)));
    cases.push((KILLED, "أسفر الانفجار عن مقتل نحو 30 شخصا".into(), Some(30)));
    cases.push((KILLED, "أسفر الانفجار عن مقتل حوالي 30 شخصا".into(), Some(30)));
    cases.push((KILLED, "قتل ما يزيد عن 100 شخص".into(), Some(100)));
    // implicit singletons
    cases.push((KILLED, "اغتالوا العميد في منزله".into(), Some(1)));
    cases.push((KILLED, "أعدم اثنان منهم رميا بالرصاص".into(), Some(2)));
    cases.push((KILLED, "قتلوا قائدا ميدانيا في الكمين".into(), Some(1)));
    cases.push((KILLED, "أعلن الجيش مقتل أحد حراسه".into(), Some(1)));
    cases.push((KILLED, "اغتال مسلحون القاضي أمام منزله".into(), Some(1)));
    cases.push((KILLED, "قتل مسلحون شرطيا في المدينة".into(), Some(1)));
    cases.push((ARRESTED, "اعتقلت الشرطة المشتبه به".into(), Some(1)));
    // vague quantities state no figure
    cases.push((KILLED, "قتل عشرات المدنيين في القصف".into(), None));
    cases.push((INJURED, "أصيب عدد من المدنيين".into(), None));
    cases.push((KILLED, "قتل مئات الأشخاص في الحرب".into(), None));
    cases.push((KILLED, "قتل آلاف الأشخاص في الحرب".into(), None));
    // injury predicates: verbs, verbal nouns, counted nouns, wound phrases
    cases.push((INJURED, "أصيب 5 أشخاص بجروح متفاوتة الخطورة".into(), Some(5)));
    cases.push((INJURED, "أصيب خمسة أشخاص بجروح متفاوتة الخطورة في الانفجار".into(), Some(5)));
    cases.push((INJURED, "أصيب جندي بجروح بليغة".into(), Some(1)));
    cases.push((INJURED, "أصيب شخصان بجروح طفيفة".into(), Some(2)));
    cases.push((INJURED, "جرح 7 أشخاص في الانفجار".into(), Some(7)));
    cases.push((INJURED, "جرح المسلحون ثلاثة مدنيين".into(), Some(3)));
    cases.push((INJURED, "أسفر الانفجار عن جرح 12 شخصا".into(), Some(12)));
    cases.push((INJURED, "أسفر الهجوم عن سقوط 4 جرحى".into(), Some(4)));
    cases.push((INJURED, "خلف الانفجار 20 جريحا".into(), Some(20)));
    cases.push((INJURED, "أسفر الهجوم عن مقتل شخص وجرح اثنين آخرين".into(), Some(2)));
    cases.push((INJURED, "أسفر الهجوم عن مقتل شخص وإصابة ثلاثة آخرين بجروح".into(), Some(3)));
    cases.push((KILLED, "خلف الهجوم قتيلين وثلاثة جرحى".into(), Some(2)));
    cases.push((INJURED, "خلف الهجوم قتيلين وثلاثة جرحى".into(), Some(3)));
    cases.push((INJURED, "خلف الهجوم قتيلا وجريحين".into(), Some(2)));
    cases.push((INJURED, "تم نقل 5 مصابين إلى المستشفى".into(), Some(5)));
    cases.push((INJURED, "سقط عشرات الجرحى".into(), None));
    // English
    cases.push((KILLED, "Three soldiers were killed in the attack".into(), Some(3)));
    cases.push((KILLED, "Gunmen killed eleven people".into(), Some(11)));
    cases.push((KILLED, "The bombing killed twenty-five people".into(), Some(25)));
    cases.push((INJURED, "Five soldiers were wounded in the attack".into(), Some(5)));
    cases.push((INJURED, "The blast wounded 11 people".into(), Some(11)));
    cases.push((INJURED, "Six police officers were injured when demonstrators threw stones".into(), Some(6)));
    cases.push((KILLED, "One of the guards was killed".into(), Some(1)));
    cases.push((KILLED, "At least 12 people were killed".into(), Some(12)));
    cases.push((KILLED, "More than 40 people were killed".into(), Some(40)));
    cases.push((INJURED, "A soldier was killed and another was wounded".into(), Some(1)));
    let mut bad = Vec::new();
    for (class, s, want) in &cases {
        let got = run(s).get(None, *class);
        if got != *want {
            bad.push(format!("{s}: class {class} want {want:?} got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{} of {} forms wrong:\n{}", bad.len(), cases.len(), bad.join("\n"));
}

/// Two incidents, each with its own toll, cut where a connective opens a clause with its
/// own figure and both sides have a place (marked here by hand, as the place stage would).
#[test]
fn paradigm_two_incidents_each_with_its_own_toll() {
    for (s, places, want) in [
        ("قتل سبعة أشخاص في بعقوبة فيما قتل ستة آخرون في كركوك", ["بعقوبه", "كركوك"], [7, 6]),
        ("قتل سبعة أشخاص في بعقوبة وستة في كركوك", ["بعقوبه", "كركوك"], [7, 6]),
        ("Nine people were killed in Karachi and four in Lahore", ["karachi", "lahore"], [9, 4]),
    ] {
        let toks = marsad_text::tokenize::tokenize(s);
        let n = toks.len();
        let anchor: Vec<bool> = toks.iter().map(|t| places.iter().any(|p| t.norm.ends_with(p))).collect();
        assert_eq!(anchor.iter().filter(|a| **a).count(), 2, "{s}");
        let upper = vec![false; n];
        let inp = Input { toks: &toks, time: vec![false; n], person: vec![false; n], nisba: vec![false; n], nisba_word: vec![false; n], anchor, disease: false, upper, attack: vec![false; n], dual: dual_marks(s, &toks) };
        let t = tolls(&inp);
        assert_eq!(t.starts.len(), 2, "{s}: {:?}", t.starts);
        assert_eq!([t.get(Some(0), KILLED), t.get(Some(1), KILLED)], [Some(want[0]), Some(want[1])], "{s}");
    }
}

/// Session casualty6, injuries read on the train parts: a subject after وإن, a possessed
/// person with a counted conjunct, one indefinite person before a singular verb with a
/// wound phrase, a named person wounded in an attack.
#[test]
fn injuries_of_one_named_or_possessed_person() {
    assert_eq!(i("وقالت الشرطة إنها أطلقت النار وإن شخصا واحدا أصيب دون الخوض في التفاصيل"), Some(1));
    assert_eq!(i("قتل شخص وأصيبت زوجته واثنين من أبنائهما بجروح في انفجار عبوة"), Some(3));
    assert_eq!(i("وأوضح أن رجل إطفاء أصيب بالرصاص المطاطي كما أصيب رجل آخر"), Some(2));
    assert_eq!(i("شاب أصيب بجروح في الهجوم"), Some(1));
    // an agent before an active verb is no victim, and no wound phrase means no count
    assert_eq!(i("شاب أصيب في ظروف غامضة"), None);
}

/// Session casualty7, implicit victims read on the train parts: قتل as a verbal noun
/// (after على، a crime word, or behind ب), a possessed noun the tokenizer left whole
/// (صديقه، صديقته، زميلهم), the subject of تعرّض before للاغتيال/للقتل; a plan kills no one.
#[test]
fn implicit_victims_of_masdar_qatl_and_exposure() {
    assert_eq!(k("أقدم مشجع على قتل صديقه في تونس"), Some(1));
    assert_eq!(k("اعترف بارتكابه لجريمة قتل صديقته والفرار نحو تونس"), Some(1));
    assert_eq!(k("اعترف بقتل زوجته في تونس"), Some(1));
    assert_eq!(k("أعلن عن مقتل صديقته في تونس"), Some(1));
    assert_eq!(i("أصيب زميلهم بجروح"), Some(1));
    assert_eq!(k("تعرض صباح اليوم النائب المغربي عبد اللطيف مرداس، للاغتيال بالرصاص"), Some(1));
    assert_eq!(k("تعرض شقيقها للقتل بالرصاص"), Some(1));
    // a plural subject, an attempt, a plan: no figure
    assert_eq!(k("تعرض الجنود للقتل بالرصاص"), None);
    assert_eq!(k("تعرض الوزير لمحاولة اغتيال بالرصاص"), None);
    assert_eq!(k("وهي متورطة في التخطيط لقتل عون أمن بسوسة"), None);
    // "in front of him" is no possessed person
    assert_eq!(k("قتل أمامه ثلاثة أشخاص"), Some(3));
}

#[test]
fn english_objects_pronouns_and_gunned_down() {
    // an indefinite object of a killing or arrest verb is one person, whatever its noun
    assert_eq!(k("Police shot dead a suspected drug dealer during a raid in Caloocan"), Some(1));
    assert_eq!(k("Gunmen shot dead a mayoral candidate during a campaign event"), Some(1));
    assert_eq!(k("a soldier shot dead a motorcyclist at a checkpoint"), Some(1));
    assert_eq!(a("Police arrested a suspected smuggler in the port"), Some(1));
    // not a group, not a time
    assert_eq!(k("The strike killed a group of fighters near the border"), None);
    // a possessive before a number; object pronouns
    assert_eq!(k("Russian jets bombed villages, killing a woman and her three children, rescue workers said"), Some(4));
    assert_eq!(k("Gunmen ambushed the convoy of a provincial governor, killing him and six of his bodyguards, police said"), Some(7));
    // "them": the people counted before
    assert_eq!(k("A man stabbed three people at a festival on Friday night, killing them, police said"), Some(3));
    assert_eq!(k("Gunmen opened fire on a car carrying two judges in the province, killing them, the judiciary said"), Some(2));
    assert_eq!(k("Gunmen opened fire on the protesters, killing them"), None);
    // gunned down
    assert_eq!(k("A prominent lawyer was gunned down by unidentified gunmen outside the high court"), Some(1));
    assert_eq!(k("Gunmen gunned down two police officers in Quetta"), Some(2));
    // the participles, after an attack verb
    assert_eq!(k("Gang members raided the commune overnight, shooting dead at least nine residents"), Some(9));
    assert_eq!(k("Gunmen stormed the market, gunning down four traders"), Some(4));
}

#[test]
fn crimes_lethal_shots_and_harmful_assaults() {
    // a killing noun after a singular crime word: one victim when none is named
    assert_eq!(k("اعترف الجاني بارتكابه جريمة القتل"), Some(1));
    assert_eq!(k("اعتبر أن جريمة قتل قصدغلي في كندا عمل إرهابي"), Some(1));
    // a murder someone is arrested for is no toll of the arrest's sentence
    assert_eq!(k("ألقت السلطات القبض على مشتبه به في جريمة قتل قصدغلي"), None);
    assert_eq!(k("تم إيقاف 14 شخصا على علاقة بجريمة القتل"), None);
    assert_eq!(k("قالت المتحدثة باسم الشرطة لقد اعتقلنا أربعة أجانب إثر جريمة قتل وقعت ليلا"), None);
    assert_eq!(a("قالت المتحدثة باسم الشرطة لقد اعتقلنا أربعة أجانب إثر جريمة قتل وقعت ليلا"), Some(4));
    assert_eq!(k("اعتبر أن جريمة القتل التي استهدفت، أمس الخميس في صفاقس، المهندس هي جريمة إرهابية"), Some(1));
    assert_eq!(k("أكد أن عملية الاغتيال وراءها المخابرات"), Some(1));
    assert_eq!(k("يشار إلى أن قضية القتل المذكورة جدت خلال الليلة الفاصلة"), Some(1));
    // a named victim still counts by the phrase; plurals, attempts and plans count nothing
    assert_eq!(k("جريمة قتل ثلاثة أشخاص في تونس"), Some(3));
    assert_eq!(k("ارتفعت جرائم القتل في المدينة"), None);
    assert_eq!(k("تراجعت عمليات الاغتيال في البلاد"), None);
    assert_eq!(k("كشف عن التخطيط لعملية اغتيال في العاصمة"), None);
    // أرداه/أرداها قتيلا/قتيلة in every person and mood
    assert_eq!(k("اقتحم شقتها ليرديها قتيلة بعدة طعنات"), Some(1));
    assert_eq!(k("أطلق عليهما النار فأرداهما قتيلين"), Some(2));
    // قتل after من/عن is a verbal noun: its victim follows
    assert_eq!(k("نجحت القوة من قتل المدعو أبو أحمد"), Some(1));
    // an assault that hurt its victim
    assert_eq!(i("تعرض مواطن أمس إلى اعتداء بسلاح أبيض وأصيب بعدة طعنات"), Some(1));
    assert_eq!(i("تعرض مدير المدرسة أمس إلى الاعتداء بالعنف من طرف زوج أستاذة ما تطلب نقله إلى المستشفى"), Some(1));
    assert_eq!(i("فتح تحقيق على خلفية اعتداء معلمة بالعنف على تلميذة ما أحدث لها كسرا على مستوى يدها"), Some(1));
    assert_eq!(i("فاجأهما بالاعتداء عليهما بهراوة محدثا لهما كسورا على مستوى الجمجمة"), Some(2));
    // no harm said, a plural victim, a death: no injury figure
    assert_eq!(i("تعرض مواطن أمس إلى اعتداء بسلاح أبيض"), None);
    assert_eq!(i("الاعتداء على أعوان الأمن تسبب لهم في إصابات"), None);
    assert_eq!(i("تعرض مواطن إلى اعتداء أدى إلى وفاته في المستشفى"), None);
}

#[test]
fn rising_tolls_over_commas_and_english_relatives_of_other_attacks() {
    assert_eq!(k("ارتفع عدد القتلى من المشاركين في مظاهرات ضد قرار المحكمة، بارك كون هيه، إلى 3 أشخاص"), Some(3));
    // a toll not rising stops at the comma
    assert_eq!(k("عدد القتلى في المدينة، حسب المصادر، كبير"), None);
    // the relative of another attack is its own incident
    let s = "Hezbollah claimed a rocket attack on an Israeli army position, saying it was in response to an Israeli strike that killed two civilians in Nabatieh";
    let toks = marsad_text::tokenize::tokenize(s);
    let strike = toks.iter().position(|t| t.norm == "strike").unwrap();
    let mut attack = vec![false; toks.len()];
    attack[strike] = true;
    attack[toks.iter().position(|t| t.norm == "attack").unwrap()] = true;
    let m = toks.len();
    let inp = Input { toks: &toks, time: vec![false; m], person: vec![false; m], nisba: vec![false; m], nisba_word: vec![false; m], anchor: vec![false; m], disease: false, upper: vec![false; m], attack, dual: vec![false; m] };
    let t = tolls(&inp);
    assert_eq!(t.get(None, KILLED), Some(2));
    let seg = t.seg_of(toks.iter().position(|tk| tk.norm == "killed").unwrap());
    assert!(seg > 0 && t.relative[seg], "the strike's relative clause is a relative incident");
    assert_eq!(t.starts[seg], strike - 2, "it starts at 'an Israeli strike'");
}

#[test]
fn singular_relatives_and_english_definite_objects() {
    // a singular relative before an intransitive death verb is one dead
    assert_eq!(k("ينعى المرصد الزميلة الصحفية شفاء كردي مذيعة تلفزيون روداو التي استشهدت السبت أثناء تصوير برنامج"), Some(1));
    assert_eq!(k("سيزور الوفد عائلة المرحوم أنور السكرافي بمعتمدية البئر الأحمر الذي توفي خلال المواجهات"), Some(1));
    // a subject after the verb still wins; a plural relative is no singleton
    assert_eq!(k("الهجوم الذي استشهد فيه 3 جنود"), Some(3));
    assert_eq!(k("المواطنين الذين استشهدوا في القصف"), None);
    // the definite object of a killing or arrest verb
    assert_eq!(a("Iranian authorities arrested the award-winning film director on Monday"), Some(1));
    assert_eq!(a("Chinese authorities detained the billionaire chairman of the insurance conglomerate"), Some(1));
    assert_eq!(a("Police detained the protesters in the square"), None);
    assert_eq!(k("The strike killed the commander of the brigade, officials said"), Some(1));
}

// session casualty10 (issue 11, casreal3 train part)
#[test]
fn running_totals_executions_and_killed_participles() {
    // a toll over a period (منذ بدء …، since January) is a running total, not the incident's
    // figure, once the sentence gave the incident's own
    assert_eq!(k("استشهد ثلاثة فلسطينيين برصاص الاحتلال في مخيم جنين، وفق وزارة الصحة التي أشارت إلى أن عدد الشهداء منذ مطلع العام ارتفع إلى 87"), Some(3));
    assert_eq!(k("قتل أربعة متظاهرين في أم درمان، ليرتفع عدد القتلى منذ بدء الاحتجاجات إلى 48"), Some(4));
    assert_eq!(k("Four people were killed in the strike, bringing the death toll since January to 112"), Some(4));
    // alone, it is the only figure there is; and a toll still rising within the day restates
    assert_eq!(k("ارتفع عدد القتلى منذ بدء الاشتباكات إلى 50"), Some(50));
    assert_eq!(k("قتل خمسة أشخاص في الانفجار، وارتفعت حصيلة القتلى منذ صباح اليوم إلى 12"), Some(12));
    // a carried-out execution counts its victims behind بحق; a sentence does not
    assert_eq!(k("تم اليوم السبت تنفيذ حكم الإعدام شنقا بحق 15 شخصا في الأردن"), Some(15));
    assert_eq!(k("نفذت السلطات حكم الإعدام بحق ثلاثة مدانين"), Some(3));
    assert_eq!(k("أصدرت المحكمة حكما بالإعدام بحق ثلاثة متهمين"), None);
    // the passive participle as a counted adjective of the dead
    assert_eq!(k("عثر على جثتي شابين مقتولين بالرصاص في منطقة الهواري"), Some(2));
    assert_eq!(k("وعثر على جثث 36 رجلا مقتولين بالرصاص في منطقة الأبيار"), Some(36));
    // members and fighters named by their side are persons
    assert_eq!(k("استشهد منتسب في الشرطة الاتحادية"), Some(1));
    assert_eq!(k("قتل مرتزقا في المعارك"), Some(1));
}

#[test]
fn a_person_and_his_own_people() {
    // a singleton, then و + a count of his own people (pronoun back on the partitive's noun)
    assert_eq!(k("وقتل القيادي في هيئة تحرير الشام أبو خالد الشامي واثنان من مرافقيه بغارة"), Some(3));
    assert_eq!(k("قتل مدير الناحية وثلاثة من أفراد حمايته بانفجار عبوة"), Some(4));
    // not a count of another class
    assert_eq!(k("قتل الضابط وأصيب ثلاثة من مرافقيه"), Some(1));
}

/// Session cas27 (issue 11, real sentences of realcas7/realcas8 train): the forms the
/// grammar lacked, each as its own rule.
#[test]
fn duals_subsets_and_attackers() {
    // a possessed dual (construct): طفلاها، ابناه
    assert_eq!(i("قتلت امرأة وأصيب طفلاها بجروح في القصف"), Some(2));
    assert_eq!(k("قتل ابناه في الغارة"), Some(2));
    // a sound -ين after a dual in a counted list is a dual; alone it stays a plural
    assert_eq!(i("أسفر التفجير عن إصابة ضابطين ومجندين و4 مدنيين"), Some(8));
    assert_eq!(k("قتل مدنيين في القصف"), None);
    // written with the dual's sukun, a sound -ين is a dual
    assert_eq!(i("أسفر الانفجار عن إصابة عسكرييْن"), Some(2));
    // the accusative ordinal: one more
    assert_eq!(i("قتل مسلحون جنديين وأصابوا ثالثا بإطلاق النار"), Some(1));
    // the attackers among the dead are no victims
    assert_eq!(k("أسفر الهجوم عن مقتل خمسة أشخاص بمن فيهم منفذ العملية"), Some(4));
    assert_eq!(k("أسفر الهجوم عن مقتل شرطيين وإصابة آخر، بالإضافة إلى مقتل منفذ الهجوم"), Some(2));
    assert_eq!(k("أسفر الهجوم عن مقتل منفذ الهجوم"), Some(1));
    // a vague head counted part by part
    assert_eq!(k("وسقط خلال الملحمة عدد من الشهداء بينهم 7 من المدنيين و12 من القوات المسلحة"), Some(19));
    assert_eq!(k("أسفر القصف عن استشهاد عدد من المدنيين بينهم 3 أطفال و2 من النساء"), Some(5));
    assert_eq!(k("أسفر القصف عن استشهاد عدد من المدنيين بينهم 3 أطفال"), None);
}

#[test]
fn the_dead_man_loss_beheading_stabbing_and_bodily_harm() {
    // the definite singular counted noun: the dead man
    assert_eq!(k("وأضاف البيان أن الضابط القتيل يحمل رتبة ملازم"), Some(1));
    // فقد + a count of people: lost, killed; not فقد الاتصال, not the particle
    assert_eq!(k("أعلن الجيش أنه فقد جنديين في كمين"), Some(2));
    assert_eq!(k("فقد الجيش 3 جنود في الاشتباكات"), Some(3));
    assert_eq!(k("فقد الاتصال بالطائرة"), None);
    // the passive فُقد: went missing, not killed (review of session 27)
    assert_eq!(k("قتل جنديان وفقد 4 آخرون في الهجوم على الثكنة"), Some(2));
    // a beheading kills its victim
    assert_eq!(k("المشتبه بقطعه رأس مدير شركة"), Some(1));
    assert_eq!(k("قام التنظيم بقطع رأسه"), Some(1));
    // stabbing a counted number wounds them; the legal appeal has no count
    assert_eq!(i("القبض على منحرف قام بطعن 3 أشخاص بواسطة سلاح أبيض"), Some(3));
    assert_eq!(i("قام بطعن3 أشخاص بسكين"), Some(3));
    assert_eq!(i("قدم المحامي طعنا في الحكم"), None);
    // two stabbing words: each is read once (the check for a death came back to the
    // other until the stack overflowed)
    assert_eq!(i("هاجم مسلح المارة في الشارع وقام بطعن 3 أشخاص ثم قام بطعن شخصين آخرين").map(|v| v >= 3), Some(true));
    // bodily harm to one of them
    assert_eq!(i("قاما بالاعتداء على الأعوان مما انجر عنه أضرار بدنية لأحد الأعوان"), Some(1));
    // a quoted name after the killing noun
    assert_eq!(k("أعلنت مصادر أمنية عن مقتل \"أبو عياض التونسي\" خلال اشتباكات"), Some(1));
}

#[test]
fn executions_on_fate_and_suffered_stabbings() {
    // a carried-out execution of a count behind على
    assert_eq!(k("نفذت السلطات اليوم حكم الإعدام على 47 شخصا بينهم رجل دين"), Some(47));
    // لقي X حتفه: one, whatever X is
    assert_eq!(k("وبعد أربعة أيام لقي عامري حتفه برصاص الشرطة في ميلانو"), Some(1));
    // a stabbing suffered by one person (تعرض … إلى الطعن) wounds him without a harm word
    assert_eq!(i("تعرض صباح اليوم تلميذ يدرس بالمدرسة الاعدادية إلى الطعن بسلاح أبيض من طرف تلميذين"), Some(1));
    // an assault suffered by one person with a long title and a date before it
    assert_eq!(i("تعرض مدير المدرسة الإعدادية بأولاد حفوز من ولاية سيدي بوزيد أمس الخميس 15 سبتمبر 2016 إلى الاعتداء بالعنف ما تطلب نقله إلى المستشفى"), Some(1));
    // the forces' القضاء على after a relative clause about the attack is the operation's
    // toll, not the relative clause's: the clause is not cut off as another attack's
    let s = "تمكنت الدورية من صد الهجوم الإرهابي الذي استهدفها من طرف مجموعة تضم 4 عناصر، والقضاء على إرهابيين اثنين";
    let toks = marsad_text::tokenize::tokenize(s);
    let n = toks.len();
    // (the events stage marks the attack word)
    let attack: Vec<bool> = toks.iter().map(|t| t.norm == "الهجوم").collect();
    let inp = Input { toks: &toks, time: vec![false; n], person: vec![false; n], nisba: vec![false; n], nisba_word: vec![false; n], anchor: vec![false; n], disease: false, upper: vec![false; n], attack, dual: vec![false; n] };
    let t = tolls(&inp);
    assert_eq!((t.starts.len(), t.get(None, KILLED)), (1, Some(2)));
}
