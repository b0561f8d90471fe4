//! Store throughput on a generated corpus: `cargo run --release -p marsad-store --example ingest_speed -- 5000`.
//! Documents get the text stage only, so this measures the store (hashing,
//! JSON, annotation rows, full-text keys, SQLite) rather than extraction.
use marsad_core::Document;

const AR: &[&str] = &[
    "قصفت طائرات مسيرة مواقع للمسلحين في ريف كركوك الجنوبي فجر الأحد،",
    "وقال مسؤول محلي للحكومة إن ثلاثة مدنيين قتلوا وأصيب خمسة آخرون.",
    "وأعلنت وزارة الداخلية اعتقال اثنين من المشتبه بهم في بغداد.",
    "ونفت الجماعة المسلحة مسؤوليتها عن الهجوم في بيان نشرته على الإنترنت.",
    "وتظاهر المئات أمام مبنى المحافظة في البصرة مطالبين بتحسين الخدمات.",
];
const EN: &[&str] = &[
    "Drones struck militant positions south of Kirkuk early on Sunday.",
    "A local official told reporters that three civilians were killed and five wounded.",
    "The interior ministry said two suspects were arrested in Baghdad.",
    "The armed group denied responsibility for the attack in an online statement.",
    "Hundreds protested outside the governorate building in Basra demanding better services.",
];

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5000);
    let docs: Vec<Document> = (0..n)
        .map(|i| {
            let src = if i % 2 == 0 { AR } else { EN };
            let mut text = String::new();
            for k in 0..8 {
                text.push_str(src[(i + k * 3) % src.len()]);
                text.push(' ');
            }
            text.push_str(&format!("({i})"));
            let mut d = Document::new(format!("gen-{i}"), text);
            d.title = Some(format!("report {i}"));
            d.published = Some("2024-05-01".into());
            d
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let b = marsad_store::bench::bench_ingest(&docs, &|d| marsad_text::annotate(d))?;
    println!(
        "{} docs ({:.1} MB): ingest {:.2} s = {:.0} docs/s ({:.2} MB/s); re-ingest (unchanged) {:.2} s = {:.0} docs/s; db {:.1} MB",
        b.docs,
        bytes as f64 / 1e6,
        b.seconds,
        b.docs_per_s,
        b.mb_per_s,
        b.reingest_seconds,
        b.docs as f64 / b.reingest_seconds.max(1e-9),
        b.db_bytes as f64 / 1e6
    );
    Ok(())
}
