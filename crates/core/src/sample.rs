//! Real text for the crates' equivalence tests: the articles of the shared
//! development corpus (`shared/corpus/ant-v1.1-jawharafm.jsonl`, found by
//! walking up from this crate), so a fast path is checked against its
//! reference on real words, not only on crafted phrases. Outside a checkout
//! with `shared/` next to it the list is empty and the tests fall back to
//! their own phrases.

use std::path::Path;

/// The `text` of the first `limit` articles of the shared corpus (none when
/// the corpus is not found; a line that is not JSON is skipped).
pub fn shared_corpus_texts(limit: usize) -> Vec<String> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(all) = here
        .ancestors()
        .map(|a| a.join("shared/corpus/ant-v1.1-jawharafm.jsonl"))
        .find(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(p).ok())
    else {
        return Vec::new();
    };
    all.lines()
        .take(limit)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["text"].as_str().unwrap_or("").to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_at_most_the_limit_and_only_texts() {
        let texts = super::shared_corpus_texts(5);
        assert!(texts.len() <= 5);
        // in this repository's checkout the corpus sits in ../shared
        if std::path::Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().any(|a| a.join("shared/corpus/ant-v1.1-jawharafm.jsonl").is_file()) {
            assert_eq!(texts.len(), 5);
            assert!(texts.iter().all(|t| !t.is_empty() && !t.starts_with('{')), "{texts:?}");
        }
    }
}
