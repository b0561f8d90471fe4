//! Behaviour tests of the tagger and the resolver, Arabic and English.

use crate::{bounds, tag_text};
use marsad_core::TimeExpr;

const PUB: Option<&str> = Some("2018-02-15"); // a Thursday

fn all(text: &str, published: Option<&str>) -> Vec<TimeExpr> {
    let t = tag_text(text, published);
    for e in &t {
        let s: String = text.chars().skip(e.start).take(e.end - e.start).collect();
        assert_eq!(s, e.text, "span must slice the text");
    }
    t
}

/// The single expression found in `text`: (text, value, precision, modifier).
fn one(text: &str, published: Option<&str>) -> (String, Option<String>, String, Option<String>) {
    let t = all(text, published);
    assert_eq!(t.len(), 1, "expected one expression in {text:?}, got {t:#?}");
    let e = t.into_iter().next().unwrap();
    (e.text, e.value, e.precision, e.modifier)
}

fn val(text: &str, published: Option<&str>) -> Option<String> {
    one(text, published).1
}

fn none(text: &str) {
    let t = all(text, PUB);
    assert!(t.is_empty(), "expected nothing in {text:?}, got {t:#?}");
}

#[test]
fn levantine_months_with_pair_and_direction() {
    let (t, v, p, m) = one("أعلن النصر في كانون الأول (ديسمبر) الماضي.", PUB);
    assert_eq!((t.as_str(), v.as_deref(), p.as_str(), m), ("كانون الأول (ديسمبر) الماضي", Some("2017-12"), "month", None));
    // without a publication date: ISO truncated month, no anchor
    let e = &all("أعلن النصر في كانون الأول (ديسمبر) الماضي.", None)[0];
    assert_eq!((e.value.as_deref(), e.anchor.as_deref()), (Some("--12"), None));
    // published in December itself: the December before
    assert_eq!(val("في كانون الأول الماضي", Some("2017-12-20")).as_deref(), Some("2016-12"));
    assert_eq!(val("في تشرين الثاني المقبل", PUB).as_deref(), Some("2018-11"));
    assert_eq!(val("في شباط الجاري", PUB).as_deref(), Some("2018-02"));
    assert_eq!(val("بدأت في 3 كانون الثاني 2017", None).as_deref(), Some("2017-01-03"));
    assert_eq!(val("في ١٥ تموز ٢٠١٦", None).as_deref(), Some("2016-07-15"));
}

#[test]
fn egyptian_gulf_and_maghrebi_spellings() {
    for (w, m) in [
        ("يناير", 1),
        ("فبراير", 2),
        ("ابريل", 4),
        ("أبريل", 4),
        ("إبريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يونيه", 6),
        ("يوليو", 7),
        ("يوليه", 7),
        ("أغسطس", 8),
        ("اغسطس", 8),
        ("سبتمبر", 9),
        ("سيبتمبر", 9),
        ("أكتوبر", 10),
        ("نوفمبر", 11),
        ("نونبر", 11),
        ("ديسمبر", 12),
        ("دجنبر", 12),
        ("جانفي", 1),
        ("فيفري", 2),
        ("مارس", 3),
        ("أفريل", 4),
        ("ماي", 5),
        ("جوان", 6),
        ("جويلية", 7),
        ("أوت", 8),
    ] {
        let text = format!("وقع ذلك في 5 {w} 2016 بحسب الشهود");
        assert_eq!(val(&text, None), Some(format!("2016-{m:02}-05")), "{w}");
    }
}

#[test]
fn paired_month_names_are_one_expression() {
    assert_eq!(one("في 17 أكتوبر/تشرين الأول 2016", None).0, "17 أكتوبر/تشرين الأول 2016");
    assert_eq!(one("في 30 ابريل (نيسان) 2007", None).1.as_deref(), Some("2007-04-30"));
    assert_eq!(one("مطلع شهر أغسطس (آب) الماضي", PUB).1.as_deref(), Some("2017-08"));
}

#[test]
fn numeric_dates() {
    assert_eq!(val("بتاريخ 12/3/2017", None).as_deref(), Some("2017-03-12"));
    assert_eq!(val("on 2017-12-03", None).as_deref(), Some("2017-12-03"));
    assert_eq!(val("بتاريخ ٢٠١٧/١٢/٠٣", None).as_deref(), Some("2017-12-03"));
    assert_eq!(val("في 3.12.2017", None).as_deref(), Some("2017-12-03"));
    // the second number cannot be a month: month/day
    assert_eq!(val("on 12/25/2017", None).as_deref(), Some("2017-12-25"));
    assert_eq!(val("في 12/2017", None).as_deref(), Some("2017-12"));
    // impossible dates are not dates
    none("الرقم 31/2/2017");
    // spaced-out numbers are not dates
    assert!(all("بين 3 / 12 / 2017", None).iter().all(|t| t.value.as_deref() != Some("2017-12-03")));
}

#[test]
fn english_dates() {
    assert_eq!(one("Protests began on December 3, 2017.", None).1.as_deref(), Some("2017-12-03"));
    assert_eq!(one("Fighting resumed on the 3rd of December.", None).0, "the 3rd of December");
    assert_eq!(val("Fighting resumed on the 3rd of December.", PUB).as_deref(), Some("2017-12-03"));
    assert_eq!(val("on 3 December 2017", None).as_deref(), Some("2017-12-03"));
    assert_eq!(val("agreed on Dec. 23, 2016", None).as_deref(), Some("2016-12-23"));
    assert_eq!(val("in June 2014", None).as_deref(), Some("2014-06"));
    assert_eq!(val("last December", PUB).as_deref(), Some("2017-12"));
    assert_eq!(val("Sunday, December 3, 2017", None).as_deref(), Some("2017-12-03"));
}

#[test]
fn arabic_ordinal_days() {
    assert_eq!(val("في الثالث من كانون الأول 2017", None).as_deref(), Some("2017-12-03"));
    assert_eq!(val("في الخامس عشر من أبريل 2016", None).as_deref(), Some("2016-04-15"));
    assert_eq!(val("في الحادي والثلاثين من ديسمبر 2016", None).as_deref(), Some("2016-12-31"));
}

#[test]
fn weekdays_resolve_to_the_most_recent() {
    // 2018-02-15 is a Thursday
    assert_eq!(val("وقع الهجوم يوم الأحد", PUB).as_deref(), Some("2018-02-11"));
    assert_eq!(val("وقع الهجوم الأحد الماضي", PUB).as_deref(), Some("2018-02-11"));
    assert_eq!(val("the attack on Sunday", PUB).as_deref(), Some("2018-02-11"));
    assert_eq!(val("the attack last Sunday", PUB).as_deref(), Some("2018-02-11"));
    // the same weekday as publication: bare = that day, الماضي = a week before
    assert_eq!(val("يوم الخميس", PUB).as_deref(), Some("2018-02-15"));
    assert_eq!(val("الخميس الماضي", PUB).as_deref(), Some("2018-02-08"));
    assert_eq!(val("السبت المقبل", PUB).as_deref(), Some("2018-02-17"));
    assert_eq!(val("next Monday", PUB).as_deref(), Some("2018-02-19"));
    // in a sentence about the future, a bare weekday is the coming one
    assert_eq!(val("The talks will resume on Sunday.", PUB).as_deref(), Some("2018-02-18"));
    assert_eq!(val("ومن المقرر أن يصل الوفد يوم السبت", PUB).as_deref(), Some("2018-02-17"));
    assert_eq!(val("سيعقد الاجتماع الخميس", PUB).as_deref(), Some("2018-02-15"));
    // no anchor: nothing can be said beyond "a day"
    let (_, v, p, _) = one("يوم الأحد", None);
    assert_eq!((v, p.as_str()), (None, "day"));
    // weekday with its date: the date wins
    assert_eq!(val("يوم الأحد الموافق 3 كانون الأول 2017", PUB).as_deref(), Some("2017-12-03"));
}

#[test]
fn ambiguous_weekdays() {
    none("قال إن الله هو الواحد الأحد");
    none("تجمع المصلون بعد صلاة الجمعة في الجامع");
    none("جرى الاتفاق بين الاثنين على التعاون");
    assert_eq!(val("تظاهر المئات الجمعة أمام المبنى", PUB).as_deref(), Some("2018-02-09"));
}

#[test]
fn relative_days() {
    assert_eq!(val("قتل ثلاثة أمس", PUB).as_deref(), Some("2018-02-14"));
    assert_eq!(val("وقال بالأمس", PUB).as_deref(), Some("2018-02-14"));
    assert_eq!(val("اندلعت أول أمس", PUB).as_deref(), Some("2018-02-13"));
    assert_eq!(val("اندلعت أول من أمس", PUB).as_deref(), Some("2018-02-13"));
    assert_eq!(val("اندلعت أمس الأول", PUB).as_deref(), Some("2018-02-13"));
    assert_eq!(val("يصل غداً", PUB).as_deref(), Some("2018-02-16"));
    assert_eq!(val("يصل بعد غد", PUB).as_deref(), Some("2018-02-17"));
    assert_eq!(val("قالت اليوم", PUB).as_deref(), Some("2018-02-15"));
    assert_eq!(one("وقع مساء أمس", PUB).0, "مساء أمس");
    assert_eq!(one("أكدت أمس الأربعاء", PUB).0, "أمس الأربعاء");
    assert_eq!(one("قالت أول أمس الثلاثاء", PUB).0, "أول أمس الثلاثاء");
    assert_eq!(one("وقع صبيحة أمس", PUB).0, "صبيحة أمس");
    assert_eq!(val("الليلة قبل الماضية", PUB).as_deref(), Some("2018-02-13"));
    assert_eq!(val("killed yesterday", PUB).as_deref(), Some("2018-02-14"));
    assert_eq!(val("the day before yesterday", PUB).as_deref(), Some("2018-02-13"));
    assert_eq!(val("last night", PUB).as_deref(), Some("2018-02-14"));
    // اليوم as "the day" of something else
    none("لليوم الثالث على التوالي");
    none("في اليوم التالي");
    none("أعضاء حزب الغد المعارض");
    // without an anchor: no value, precision kept
    let (_, v, p, _) = one("قتل ثلاثة أمس", None);
    assert_eq!((v, p.as_str()), (None, "day"));
}

#[test]
fn relative_units() {
    assert_eq!(one("الأسبوع الماضي", PUB).1.as_deref(), Some("2018-W06"));
    assert_eq!(one("الأسبوع المقبل", PUB).2, "week");
    assert_eq!(val("الشهر الماضي", PUB).as_deref(), Some("2018-01"));
    assert_eq!(val("الشهر المقبل", PUB).as_deref(), Some("2018-03"));
    assert_eq!(val("الشهر الماضي", Some("2018-01-10")).as_deref(), Some("2017-12"));
    assert_eq!(val("العام الماضي", PUB).as_deref(), Some("2017"));
    assert_eq!(val("السنة الماضية", PUB).as_deref(), Some("2017"));
    assert_eq!(val("العام المنصرم", PUB).as_deref(), Some("2017"));
    assert_eq!(val("العام الحالي", PUB).as_deref(), Some("2018"));
    assert_eq!(val("هذا العام", PUB).as_deref(), Some("2018"));
    assert_eq!(val("last month", PUB).as_deref(), Some("2018-01"));
    assert_eq!(val("next year", PUB).as_deref(), Some("2019"));
    assert_eq!(val("this week", PUB).as_deref(), Some("2018-W07"));
}

#[test]
fn ago_expressions() {
    assert_eq!(val("منذ ثلاثة أيام", PUB).as_deref(), Some("2018-02-12"));
    assert_eq!(val("قبل 3 أيام", PUB).as_deref(), Some("2018-02-12"));
    assert_eq!(val("قبل يومين", PUB).as_deref(), Some("2018-02-13"));
    assert_eq!(val("قبل أسبوعين", PUB).as_deref(), Some("2018-W05"));
    assert_eq!(val("منذ شهرين", PUB).as_deref(), Some("2017-12"));
    assert_eq!(val("قبل عامين", PUB).as_deref(), Some("2016"));
    assert_eq!(val("قبل 11 يوما", PUB).as_deref(), Some("2018-02-04"));
    assert_eq!(val("two days ago", PUB).as_deref(), Some("2018-02-13"));
    assert_eq!(val("a year ago", PUB).as_deref(), Some("2017"));
    // منذ عام 2003 is a year, not a year ago
    assert_eq!(one("منذ عام 2003", PUB).1.as_deref(), Some("2003"));
    // vague counts say nothing
    none("منذ سنوات");
    // relative to another event, not to publication
    none("وصل قبل يومين من انتهاء المهلة");
    none("عاد قبل شهر رمضان المبارك");
    none("10 سجائر في اليوم");
    none("حتى الأمس القريب");
    // "قبل 2000 عام" is not a relative date we resolve
    assert!(all("قبل 2000 عام", PUB).is_empty());
}

#[test]
fn vague_parts_keep_the_unit_and_set_a_modifier() {
    let (t, v, p, m) = one("تشكلت الجماعة في أواخر عام 2017", None);
    assert_eq!((t.as_str(), v.as_deref(), p.as_str(), m.as_deref()), ("أواخر عام 2017", Some("2017"), "year", Some("late")));
    assert_eq!(one("في أوائل 2016", None).3.as_deref(), Some("early"));
    assert_eq!(one("مطلع العام الماضي", PUB).1.as_deref(), Some("2017"));
    assert_eq!(one("منتصف الشهر الماضي", PUB).3.as_deref(), Some("mid"));
    assert_eq!(one("نهاية الشهر المقبل", PUB).1.as_deref(), Some("2018-03"));
    assert_eq!(one("بداية تسعينات القرن الماضي", None).1.as_deref(), Some("199"));
    assert_eq!(one("in late 2017", None).3.as_deref(), Some("late"));
    assert_eq!(one("mid-2016", None).0, "mid-2016");
    assert_eq!(one("by the end of 2019", None).3.as_deref(), Some("late"));
    assert_eq!(one("early December", PUB).1.as_deref(), Some("2017-12"));
    let (t, v, _, m) = one("وصلت التعزيزات مطلع الأسبوع", PUB);
    assert_eq!((t.as_str(), v.as_deref(), m.as_deref()), ("مطلع الأسبوع", Some("2018-W07"), Some("early")));
    assert_eq!(val("قبل نهاية العام", PUB).as_deref(), Some("2018"));
    none("في نهاية العام نفسه");
    // vague parts of a single day do not exist
    assert!(all("أواخر أمس", PUB).iter().all(|t| t.modifier.is_none()));
}

#[test]
fn before_after_since() {
    let (t, v, _, m) = one("العراق بعد عام 2003.", None);
    assert_eq!((t.as_str(), v.as_deref(), m.as_deref()), ("بعد عام 2003", Some("2003"), Some("after")));
    assert_eq!(one("قبل عام 2010", None).3.as_deref(), Some("before"));
    assert_eq!(one("منذ 2014", None).3.as_deref(), Some("since"));
    assert_eq!(one("since 2003", None).3.as_deref(), Some("since"));
    assert_eq!(one("until 2017", None).3.as_deref(), Some("until"));
    assert_eq!(one("حوالي عام 2000", None).3.as_deref(), Some("about"));
    // بعد ظهر أمس is a part of the day
    let (t, v, _, m) = one("بعد ظهر أمس", PUB);
    assert_eq!((t.as_str(), v.as_deref(), m), ("بعد ظهر أمس", Some("2018-02-14"), None));
}

#[test]
fn bare_years_need_a_cue() {
    assert_eq!(one("برزت في 2014 بعد السيطرة", None).0, "2014");
    assert_eq!(one("in 2014 the group", None).0, "2014");
    assert_eq!(one("عام 2017م", None).0, "عام 2017م");
    none("قتل 2017 شخصاً في أعمال العنف");
    none("أكثر من 2000 قتيل");
    none("The conflict has killed 2014 people");
    none("القرار 2043 الصادر عن مجلس الأمن");
    none("بلغت الخسائر 2,500 دولار");
    none("in 2500 years");
    // lists of years
    let t = all("في عام 2015 و2016 تراجعت الهجمات", None);
    assert_eq!(t.iter().map(|e| e.value.clone().unwrap()).collect::<Vec<_>>(), vec!["2015", "2016"]);
}

#[test]
fn ranges() {
    assert_eq!(val("بين 2014 و2017", None).as_deref(), Some("2014/2017"));
    assert_eq!(one("بين عامي 2014 و2017", None).2, "interval");
    assert_eq!(val("من 2017 إلى 2020", None).as_deref(), Some("2017/2020"));
    assert_eq!(val("from 2014 to 2017", None).as_deref(), Some("2014/2017"));
    assert_eq!(val("الحرب التي قامت بين عامي 1914 إلى 1918", None).as_deref(), Some("1914/1918"));
    assert_eq!(val("من عام 1914 وحتى 1918", None).as_deref(), Some("1914/1918"));
    assert_eq!(val("between 2014 and 2017", None).as_deref(), Some("2014/2017"));
    assert_eq!(val("during 2014-2017", None).as_deref(), Some("2014/2017"));
    assert_eq!(val("بين 3 و5 كانون الأول 2017", None).as_deref(), Some("2017-12-03/2017-12-05"));
    assert_eq!(val("from March to May 2017", None).as_deref(), Some("2017-03/2017-05"));
    assert_eq!(val("بين تشرين الأول 2017 وكانون الثاني 2018", None).as_deref(), Some("2017-10/2018-01"));
    // a score or a count is not a range
    assert!(all("فاز الفريق 3-2", None).is_empty());
}

#[test]
fn seasons_decades() {
    assert_eq!(one("في صيف 2017", None).1.as_deref(), Some("2017-SU"));
    assert_eq!(one("في صيف 2017", None).2, "season");
    assert_eq!(val("شتاء عام 2016", None).as_deref(), Some("2016-WI"));
    assert_eq!(val("الصيف الماضي", Some("2017-06-10")).as_deref(), Some("2016-SU"));
    assert_eq!(val("الصيف الماضي", Some("2017-10-10")).as_deref(), Some("2017-SU"));
    assert_eq!(val("the summer of 2015", None).as_deref(), Some("2015-SU"));
    // winter 2017 = Dec 2017 – Feb 2018: not over on 2018-02-15
    assert_eq!(val("last winter", PUB).as_deref(), Some("2016-WI"));
    assert_eq!(val("this winter", PUB).as_deref(), Some("2017-WI"));
    assert_eq!(val("next summer", PUB).as_deref(), Some("2018-SU"));
    assert_eq!(val("الخريف المقبل", Some("2018-10-01")).as_deref(), Some("2019-FA"));
    none("الربيع العربي غير وجه المنطقة");
    assert_eq!(val("في التسعينيات", None).as_deref(), Some("199"));
    assert_eq!(one("في التسعينيات", None).2, "decade");
    assert_eq!(val("ثمانينيات القرن الماضي", None).as_deref(), Some("198"));
    assert_eq!(val("in the 1980s", None).as_deref(), Some("198"));
}

#[test]
fn hijri_years_and_dates() {
    let (t, v, p, _) = one("صدر عام 1439 هـ", None);
    assert_eq!((t.as_str(), p.as_str()), ("عام 1439 هـ", "interval"));
    let v = v.unwrap();
    assert!(v.starts_with("2017-09-2") && v.contains("/2018-09-1"), "{v}");
    assert_eq!(one("سنة 1439هـ", None).0, "سنة 1439هـ");
    assert_eq!(one("ولد في 1439 هـ", None).0, "1439 هـ");
    let d = val("في 15 رمضان 1439 هـ", None).unwrap();
    assert!(d == "2018-05-30" || d == "2018-05-31", "{d}");
    // رمضان without a year is not tagged (also a name)
    none("قال رمضان إن الوضع هادئ");
}

#[test]
fn ambiguous_month_names_need_context() {
    none("مارس الجيش ضغوطاً على المسلحين");
    none("وأكد ماي أن الحزب سيشارك");
    none("اشترى سيارة نيسان جديدة");
    none("قال الأب إن ابنه فقد");
    none("قال أب لثلاثة أطفال");
    none("He may march to the capital.");
    none("Officials said they may attend.");
    none("the May government fell");
    assert_eq!(val("في آب 2017", None).as_deref(), Some("2017-08"));
    assert_eq!(val("في مارس الماضي", PUB).as_deref(), Some("2017-03"));
    assert_eq!(val("in May 2017", None).as_deref(), Some("2017-05"));
    assert_eq!(val("خلال شهر مايو", PUB).as_deref(), Some("2017-05"));
}

#[test]
fn month_without_year_heuristic() {
    // no direction word: the sentence's tense decides; past by default
    assert_eq!(val("وقع الهجوم في شهر ديسمبر", PUB).as_deref(), Some("2017-12"));
    assert_eq!(val("زار الوزير بغداد في شهر نيسان", PUB).as_deref(), Some("2017-04"));
    assert_eq!(val("ستجرى الانتخابات في شهر نيسان", PUB).as_deref(), Some("2018-04"));
    assert_eq!(val("من المقرر أن يزور بغداد في كانون الثاني", PUB).as_deref(), Some("2019-01"));
    assert_eq!(val("في شهر كانون الثاني", PUB).as_deref(), Some("2018-01"));
    assert_eq!(val("في شهر شباط", PUB).as_deref(), Some("2018-02"));
    assert_eq!(val("The offensive began on March 3.", PUB).as_deref(), Some("2017-03-03"));
    assert_eq!(val("Talks will resume on March 3.", PUB).as_deref(), Some("2018-03-03"));
    // the tense of another sentence does not count
    let t = all("ستجرى الانتخابات قريبا. زار الوزير بغداد في نيسان.", PUB);
    assert_eq!(t[0].value.as_deref(), Some("2017-04"));
    let e = &all("في شهر ديسمبر", None)[0];
    assert_eq!((e.value.as_deref(), e.precision.as_str()), (Some("--12"), "month"));
}

#[test]
fn spans_of_time() {
    assert_eq!(val("خلال الأسبوعين الماضيين", PUB).as_deref(), Some("2018-02-01/2018-02-15"));
    assert_eq!(val("الأشهر الثلاثة الماضية", PUB).as_deref(), Some("2017-11-15/2018-02-15"));
    assert_eq!(val("over the past two weeks", PUB).as_deref(), Some("2018-02-01/2018-02-15"));
    assert_eq!(val("خلال الساعات الـ24 الماضية", PUB).as_deref(), Some("2018-02-14/2018-02-15"));
    assert_eq!(val("خلال الـ48 ساعة الماضية", PUB).as_deref(), Some("2018-02-13/2018-02-15"));
    assert_eq!(val("في الـ10 أيام الأخيرة", PUB).as_deref(), Some("2018-02-05/2018-02-15"));
    assert_eq!(val("over the past 24 hours", PUB).as_deref(), Some("2018-02-14/2018-02-15"));
    assert_eq!(one("خلال الساعات الماضية", PUB).1, None);
    let (_, v, p, _) = one("خلال الأيام الماضية", PUB);
    assert_eq!((v, p.as_str()), (None, "interval"));
}

#[test]
fn anchor_is_reported_only_when_used() {
    let t = all("في 3 كانون الأول 2017 وأمس", PUB);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].anchor, None);
    assert_eq!(t[1].anchor.as_deref(), Some("2018-02-15"));
    // a bad publication date is ignored, not trusted
    let t = all("أمس", Some("15/02/2018"));
    assert_eq!((t[0].value.as_deref(), t[0].anchor.as_deref()), (None, None));
}

#[test]
fn sentences_are_indexed() {
    let t = all("قتل ثلاثة أمس. وفي 2014 سيطر التنظيم.", PUB);
    assert_eq!(t.iter().map(|e| e.sentence).collect::<Vec<_>>(), vec![0, 1]);
}

#[test]
fn bounds_of_values() {
    let b = |v: &str, m: Option<&str>| bounds(v, m).map(|(a, b)| format!("{a}/{b}"));
    assert_eq!(b("2017", Some("late")).as_deref(), Some("2017-09-01/2017-12-31"));
    assert_eq!(b("2017", Some("early")).as_deref(), Some("2017-01-01/2017-04-30"));
    assert_eq!(b("2017", Some("mid")).as_deref(), Some("2017-05-01/2017-08-31"));
    assert_eq!(b("2017", None).as_deref(), Some("2017-01-01/2017-12-31"));
    assert_eq!(b("2016-02", Some("late")).as_deref(), Some("2016-02-21/2016-02-29"));
    assert_eq!(b("199", Some("early")).as_deref(), Some("1990-01-01/1993-12-31"));
    assert_eq!(b("2014/2017", None).as_deref(), Some("2014-01-01/2017-12-31"));
    assert_eq!(b("2017-12-03", None).as_deref(), Some("2017-12-03/2017-12-03"));
    assert_eq!(b("--12", None), None);
    assert_eq!(b("2018-W06", None), None);
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "",
        " ",
        "\u{0}\u{1}\u{2}",
        "ـــــ",
        "2017",
        "/////-----",
        "12/",
        "/12/2017",
        "2017-",
        "في",
        "بين",
        "من",
        "from",
        "the",
        "منذ",
        "قبل ٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩ يوما",
        "99999999999999999999/12/2017",
        "الحادي و",
        "🙂 في 2017 🙂",
        "كانون",
        "\u{202B}في 3 كانون الأول 2017\u{202C}",
        "3 كانون الأول (",
        "mid-",
        "the 3rd of",
    ] {
        let _ = all(s, PUB);
        let _ = all(s, None);
    }
    let big = "وقع الهجوم أمس في 3 كانون الأول 2017، ".repeat(300);
    assert_eq!(all(&big, PUB).len(), 600);
}

#[test]
fn times_of_day() {
    let (t, v, p, _) = one("وقع الانفجار الساعة الثامنة من مساء أمس", PUB);
    assert_eq!((t.as_str(), v.as_deref(), p.as_str()), ("الساعة الثامنة من مساء أمس", Some("2018-02-14T20:00"), "time"));
    assert_eq!(val("في الساعة 10:30 صباحاً يوم الأحد", PUB).as_deref(), Some("2018-02-11T10:30"));
    assert_eq!(val("يوم الأحد الساعة العاشرة والنصف ليلا", PUB).as_deref(), Some("2018-02-11T22:30"));
    assert_eq!(val("الساعة الواحدة ظهرا", PUB).as_deref(), Some("T13:00"));
    assert_eq!(val("الساعة الثانية عشرة ظهرا", None).as_deref(), Some("T12:00"));
    assert_eq!(val("The blast hit at 10:30 a.m. on Sunday", PUB).as_deref(), Some("2018-02-11T10:30"));
    assert_eq!(val("at 3 pm yesterday", PUB).as_deref(), Some("2018-02-14T15:00"));
    assert_eq!(val("yesterday at 3 pm", PUB).as_deref(), Some("2018-02-14T15:00"));
    assert_eq!(val("نشر في 2017-12-03 10:30", None).as_deref(), Some("2017-12-03T10:30"));
    assert_eq!(val("الساعة 10:30 م", None).as_deref(), Some("T22:30"));
    // without an anchor the clock time is kept
    assert_eq!(val("الساعة الثامنة من مساء أمس", None).as_deref(), Some("T20:00"));
    // scores and verse numbers are not times
    none("فاز الفريق 3:2 في المباراة");
    none("The score was 2:1.");
}

#[test]
fn day_of_a_relative_month() {
    assert_eq!(val("في الثالث من الشهر الجاري", PUB).as_deref(), Some("2018-02-03"));
    assert_eq!(one("وفي الـ 20 من الشهر الماضي", PUB).0, "الـ 20 من الشهر الماضي");
    assert_eq!(val("وفي الـ 20 من الشهر الماضي", PUB).as_deref(), Some("2018-01-20"));
    assert_eq!(val("في 5 من الشهر الماضي", Some("2018-01-10")).as_deref(), Some("2017-12-05"));
    let (_, v, p, _) = one("في الثالث من الشهر الجاري", None);
    assert_eq!((v, p.as_str()), (None, "day"));
}

#[test]
fn names_built_on_dates_and_years_as_modifiers() {
    none("The March 8 alliance met the March 14 coalition.");
    none("اجتمعت قوى 14 آذار مع تحالف 8 آذار");
    none("The Sunday Times reported it.");
    none("It is called the October Revolution.");
    assert_eq!(one("on Sunday Iraqi forces said", PUB).0, "Sunday");
    assert_eq!(one("the 2003 invasion of Iraq", None).0, "2003");
    assert_eq!(one("خلال حرب 2006", None).0, "2006");
    assert_eq!(one("القرار 2254 لعام 2015", None).0, "لعام 2015");
    assert_eq!(val("in the '90s", None).as_deref(), Some("199"));
    none("the 2000 soldiers deployed");
}

#[test]
fn centuries() {
    let (t, v, p, m) = one("في أواخر القرن التاسع عشر", None);
    assert_eq!((t.as_str(), v.as_deref(), p.as_str(), m.as_deref()), ("أواخر القرن التاسع عشر", Some("18"), "century", Some("late")));
    assert_eq!(val("مطلع القرن العشرين", None).as_deref(), Some("19"));
    assert_eq!(val("القرن الحادي والعشرين", None).as_deref(), Some("20"));
    assert_eq!(val("في القرن الـ19", None).as_deref(), Some("18"));
    assert_eq!(val("القرن الماضي", PUB).as_deref(), Some("19"));
    assert_eq!(one("القرن الماضي", None).1, None);
    assert_eq!(val("in the 19th century", None).as_deref(), Some("18"));
    assert_eq!(val("the twentieth century", None).as_deref(), Some("19"));
    assert_eq!(val("in the 1800s", None).as_deref(), Some("18"));
    // decades keep their own reading
    assert_eq!(val("ثمانينيات القرن الماضي", None).as_deref(), Some("198"));
    let b = bounds("18", Some("late")).unwrap();
    assert_eq!((b.0.as_str(), b.1.as_str()), ("1866-01-01", "1899-12-31"));
}

#[test]
fn halves_quarters_and_more_ranges() {
    let (t, v, p, _) = one("قتل 1800 مدني في النصف الأول من عام 2019", None);
    assert_eq!((t.as_str(), v.as_deref(), p.as_str()), ("النصف الأول من عام 2019", Some("2019-H1"), "half"));
    assert_eq!(val("الربع الثالث من العام الماضي", PUB).as_deref(), Some("2017-Q3"));
    assert_eq!(val("in the second quarter of 2019", None).as_deref(), Some("2019-Q2"));
    assert_eq!(val("the first half of 2019", None).as_deref(), Some("2019-H1"));
    assert_eq!(bounds("2019-Q3", None), Some(("2019-07-01".into(), "2019-09-30".into())));
    assert_eq!(val("عاد المهجرون بين شهري آذار وأيار 2018", None).as_deref(), Some("2018-03/2018-05"));
    assert_eq!(val("from 8 p.m. to 6 a.m.", None).as_deref(), Some("T20:00/T06:00"));
    assert_eq!(one("أفرجت السلطات عنه يوم أمس", PUB).0, "يوم أمس");
    // الربع as "a quarter" of something else is not a date
    none("ارتفع بنسبة الربع تقريبا");
}

#[test]
fn random_word_soup_never_panics() {
    // sequences of pattern words, numbers and punctuation in random order
    let vocab = [
        "في", "عام", "2017", "3", "12", "/", "-", ":", ".", "(", ")", "،", "كانون", "الأول", "الثاني", "ديسمبر", "آب", "مارس",
        "الماضي", "المقبل", "الجاري", "أمس", "اليوم", "أول", "من", "بين", "و", "و2018", "إلى", "حتى", "منذ", "قبل", "بعد",
        "ثلاثة", "أيام", "يومين", "الأسبوع", "الشهر", "السنة", "أواخر", "مطلع", "منتصف", "يوم", "الأحد", "الجمعة", "الساعة",
        "العاشرة", "والنصف", "مساء", "صباحاً", "هـ", "رمضان", "1439", "القرن", "التاسع", "عشر", "النصف", "الربع", "صيف",
        "التسعينيات", "الـ", "the", "of", "3rd", "rd", "December", "May", "last", "next", "Sunday", "ago", "two", "days",
        "from", "to", "between", "and", "early", "mid", "late", "10", "30", "a", "m", "pm", "'", "s", "1990", "Q3",
        "first", "half", "century", "19", "th", "at", "on", "yesterday", "٢٠١٧", "٣", "الثالث", "والعشرين", "الأيام",
        "الماضية", "الأشهر", "99999", "0", "00", "31", "29", "2", "1900", "2100", "2200",
    ];
    let mut state: u64 = 0x2545F4914F6CDD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let n = (next() % 14) as usize + 1;
        let mut s = String::new();
        for _ in 0..n {
            let w = vocab[(next() % vocab.len() as u64) as usize];
            s.push_str(w);
            if next() % 4 != 0 {
                s.push(' ');
            }
        }
        let _ = all(&s, PUB);
        let _ = all(&s, None);
    }
}

#[test]
fn discourse_year_and_explicit_dates() {
    let t = all("قتل 1200 مدني عام 2017. وفي حزيران من العام نفسه سقطت المدينة.", PUB);
    assert_eq!(t.last().unwrap().text, "حزيران من العام نفسه");
    assert_eq!(t.last().unwrap().value.as_deref(), Some("2017-06"));
    // no year before it: say only the month, never guess from the anchor
    let (_, v, _, _) = one("وفي حزيران من العام نفسه سقطت المدينة", PUB);
    assert_eq!(v.as_deref(), Some("--06"));
    // the date given with "today" wins over the anchor
    let (t, v, _, _) = one("أكد اليوم الأحد (3 كانون الأول 2017) أن", Some("2017-12-05"));
    assert_eq!((t.as_str(), v.as_deref()), ("اليوم الأحد (3 كانون الأول 2017)", Some("2017-12-03")));
    // an ordinal after a unit noun is not a day of the month
    let t = all("في الأسبوع الأول من كانون الثاني", PUB);
    assert!(t.iter().all(|e| e.value.as_deref() != Some("2018-01-01")), "{t:#?}");
}
