//! A check for the crates' tests: Arabic word lists in the code are compared
//! with tokens' `norm`/`base`, which [`crate::normalize`] folded (أ إ آ → ا,
//! ى ئ → ي, ؤ → و, ة → ه, no diacritics nor tatweel), so a list word written
//! as in print (طائرات، قائد، مئات) never matches. Each crate's test runs
//! [`unnormalised_arabic_literals`] over its own `src` and lists the literals
//! that compare with surface text in `allowed`.

use std::path::Path;

/// The test each crate with Arabic word lists carries (`word_lists::arabic_word_lists_are_written_normalised`):
/// no literal of its `src` is written as in print. `allowed`: the literals compared with the
/// surface on purpose, each with its reason at the call.
#[macro_export]
macro_rules! word_lists_test {
    ($allowed:expr) => {
        /// Word lists are compared with normalised tokens (`norm`, `base`): a word
        /// written as in print (أ إ آ ى ئ ؤ ة, diacritics) would never match.
        #[cfg(test)]
        mod word_lists {
            #[test]
            fn arabic_word_lists_are_written_normalised() {
                let bad = $crate::literals::unnormalised_arabic_literals(concat!(env!("CARGO_MANIFEST_DIR"), "/src"), $allowed);
                assert!(bad.is_empty(), "written as in print, never equal to a norm/base:\n{}", bad.join("\n"));
            }
        }
    };
}

/// The string literals with an Arabic letter that [`crate::normalize`] would
/// change, in the `.rs` files under `src_dir` (as `file:line: literal`),
/// except those in `allowed`. Comments, test modules (from the first
/// `#[cfg(test)]`/`mod … {` of a file on), files named `tests.rs` and
/// sentences (a literal with a newline or `.`/`،`/`؟`) are skipped: test
/// and sample sentences are surface text.
pub fn unnormalised_arabic_literals(src_dir: &str, allowed: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    rust_files(Path::new(src_dir), &mut files);
    files.sort();
    for f in files {
        if f.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let code = &text[..test_module_start(&text)];
        for (line, lit) in string_literals(code) {
            let sentence = lit.contains(['\n', '.', '،', '؟']);
            if !sentence && needs_folding(&lit) && !allowed.contains(&lit.as_str()) {
                out.push(format!("{}:{line}: {lit}", f.display()));
            }
        }
    }
    out
}

/// Where the file's inline test module (`#[cfg(test)]` then `mod … {`)
/// starts, or its end.
fn test_module_start(text: &str) -> usize {
    let mut at = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(l) = lines.next() {
        let next = lines.peek().map_or("", |n| n.trim_end());
        if l.trim() == "#[cfg(test)]" && next.starts_with("mod ") && next.ends_with('{') {
            return at;
        }
        at += l.len();
    }
    text.len()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// An Arabic-block character of `s` that normalising changes or removes.
fn needs_folding(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c) && crate::normalize_char(c) != Some(c))
}

/// The `"…"` literals of Rust source with the line each starts on; skips
/// `//` and `/* */` comments and char literals (a lifetime is no literal).
fn string_literals(code: &str) -> Vec<(usize, String)> {
    let c: Vec<char> = code.chars().collect();
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    while i < c.len() {
        match c[i] {
            '\n' => line += 1,
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                    line += (c[i] == '\n') as usize;
                    i += 1;
                }
                i += 1;
            }
            '\'' if c.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
            }
            '\'' if c.get(i + 2) == Some(&'\'') => i += 2,
            '"' => {
                let (start, mut s) = (line, String::new());
                i += 1;
                while i < c.len() && c[i] != '"' {
                    if c[i] == '\\' {
                        i += 1;
                    }
                    line += (c[i] == '\n') as usize;
                    s.push(c[i]);
                    i += 1;
                }
                out.push((start, s));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_literals_past_comments_and_char_literals() {
        let code = "// \"أ\"\nconst A: &[&str] = &[\"قائد\", \"قايد\"]; /* \"إ\" */ let c = '\"'; fn f<'a>(x: &'a str) { g(\"مبنى\") }";
        let lits = string_literals(code);
        let bad: Vec<&str> = lits.iter().filter(|(_, s)| needs_folding(s)).map(|(_, s)| s.as_str()).collect();
        assert_eq!(bad, ["قائد", "مبنى"]);
        assert_eq!(lits[0].0, 2);
        let file = "const A: &str = \"x\";\n#[cfg(test)]\nfn f() {}\n#[cfg(test)]\nmod tests {\n}\n";
        assert_eq!(&file[..test_module_start(file)], "const A: &str = \"x\";\n#[cfg(test)]\nfn f() {}\n");
    }

    #[test]
    fn arabic_word_lists_are_written_normalised() {
        // lang.rs: FA_FUNCTION, Persian words compared with the surface
        let fa = ["این", "که", "می", "های", "برای", "آن", "کرد", "ایران"];
        let bad = unnormalised_arabic_literals(concat!(env!("CARGO_MANIFEST_DIR"), "/src"), &fa);
        assert!(bad.is_empty(), "written as in print, never equal to a norm/base:\n{}", bad.join("\n"));
    }
}
