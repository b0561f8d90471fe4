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
    /// Wall-clock seconds.
    pub seconds: f64,
    /// CPU seconds of the measuring thread (Linux), which other processes
    /// competing for the cores do not inflate; None where unavailable.
    pub cpu_seconds: Option<f64>,
}

impl Throughput {
    /// Seconds the rates are computed from: CPU time when measured (the
    /// throughput of one core), else wall-clock time.
    pub fn busy_seconds(&self) -> f64 {
        self.cpu_seconds.unwrap_or(self.seconds).max(1e-12)
    }
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.busy_seconds()
    }
    pub fn tokens_per_s(&self) -> f64 {
        self.tokens as f64 / self.busy_seconds()
    }
    pub fn docs_per_s(&self) -> f64 {
        self.docs as f64 / self.busy_seconds()
    }
    /// MB/s by the wall clock (lower when other processes share the core).
    pub fn wall_mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-12)
    }
}

/// CPU time consumed by the calling thread, in seconds (Linux only).
pub fn thread_cpu_seconds() -> Option<f64> {
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    {
        #[repr(C)]
        struct Timespec {
            tv_sec: i64,
            tv_nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
        }
        const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
        let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime writes one timespec (two 64-bit fields on
        // 64-bit Linux) into the pointer it is given.
        let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        if rc == 0 {
            return Some(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9);
        }
    }
    None
}

/// Run [`crate::annotate`] over `texts` repeatedly for at least `min_time`
/// (and at least once), single-threaded, and report the totals. Each round
/// annotates fresh documents; building them (copying the text) and dropping
/// them is outside the timed region.
pub fn measure(texts: &[&str], min_time: Duration) -> Throughput {
    let mut t = Throughput::default();
    let mut elapsed = Duration::ZERO;
    let mut cpu = Some(0.0f64);
    loop {
        // fresh documents each round, as a pipeline sees them
        let mut docs: Vec<Document> = texts.iter().map(|s| Document::new("bench", *s)).collect();
        let cpu_start = thread_cpu_seconds();
        let start = Instant::now();
        for d in docs.iter_mut() {
            crate::annotate(d);
        }
        elapsed += start.elapsed();
        cpu = match (cpu, cpu_start, thread_cpu_seconds()) {
            (Some(c), Some(a), Some(b)) => Some(c + (b - a)),
            _ => None,
        };
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
    t.cpu_seconds = cpu;
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
