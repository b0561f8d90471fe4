//! Throughput measurement of the text stage, for `marsad bench` and the
//! `speed` example. Not a test: timings depend on the machine.

use marsad_core::Document;
use std::time::{Duration, Instant};

/// Figures for one run of the text stage over a corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct Throughput {
    pub docs: usize,
    pub bytes: usize,
    pub tokens: usize,
    pub sentences: usize,
    pub seconds: f64,
}

impl Throughput {
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-12)
    }
    pub fn tokens_per_s(&self) -> f64 {
        self.tokens as f64 / self.seconds.max(1e-12)
    }
    pub fn docs_per_s(&self) -> f64 {
        self.docs as f64 / self.seconds.max(1e-12)
    }
}

/// Run [`crate::annotate`] over `texts` repeatedly for at least `min_time`
/// (and at least once), single-threaded, and report the totals. Document
/// construction (copying the text) is outside the timed region.
pub fn measure(texts: &[&str], min_time: Duration) -> Throughput {
    let mut t = Throughput::default();
    let mut elapsed = Duration::ZERO;
    let mut docs: Vec<Document> = texts.iter().map(|s| Document::new("bench", *s)).collect();
    loop {
        for d in docs.iter_mut() {
            d.tokens = Vec::new();
            d.sentences = Vec::new();
        }
        let start = Instant::now();
        for d in docs.iter_mut() {
            crate::annotate(d);
        }
        elapsed += start.elapsed();
        for d in &docs {
            t.docs += 1;
            t.bytes += d.text.len();
            t.tokens += d.tokens.len();
            t.sentences += d.sentences.len();
        }
        if elapsed >= min_time || texts.is_empty() {
            break;
        }
    }
    t.seconds = elapsed.as_secs_f64();
    t
}

/// A short sample written for marsad (Arabic then English news prose), used
/// when no corpus is given.
pub const SAMPLE: &str = "أعلنت وزارة الدفاع العراقية، يوم الثلاثاء 12/3/2017، أن قواتها استعادت السيطرة على قرية \
قرب كركوك بعد اشتباكات استمرت ثلاث ساعات مع مسلحين. وقال المتحدث باسم الوزارة إن 3.5 طن من المتفجرات \
ضُبطت في مخزن للأسلحة، وإن اثنين من الجنود أصيبا بجروح طفيفة. وأضاف أن الحكومة ستواصل عملياتها \
لملاحقة الخلايا النائمة في المناطق الصحراوية بين بغداد والأنبار.\n\n\
في بيروت، تظاهر المئات أمام مقر الحكومة احتجاجاً على ارتفاع الأسعار؛ ورفع المحتجون لافتات تطالب \
بمحاسبة المسؤولين. ولم تسجل أي إصابات، بحسب ما أفادت مصادر أمنية لبنانية؟ لا، بل أُفيد عن توقيف شخصين.\n\n\
The Iraqi Ministry of Defence said on Tuesday that its forces had retaken a village near Kirkuk after a \
three-hour clash with gunmen. Lt. Col. Ahmed Hassan told reporters that 3.5 tonnes of explosives were \
seized, and that two soldiers were lightly wounded. \"Operations will continue,\" he said, adding that \
the U.S.-led coalition provided air support.\n";
