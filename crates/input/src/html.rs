//! Article text out of an HTML page, with html5ever's tokenizer (the
//! WHATWG-conformant one browsers' parsers are specified by, so broken markup
//! is read the way a browser would read it).
//!
//! Rules: `script`, `style`, `noscript`, `template`, `textarea` contents are
//! dropped; `nav`, `header`, `footer`, `aside`, `form`, `iframe`, `svg`,
//! `button`, `select`, `dialog` and elements whose class or id names
//! boilerplate (ads, share, social, related, cookie, newsletter, comments,
//! breadcrumb, menu, sidebar…) are skipped with their content. Of what is left,
//! the text inside the largest `<article>` is kept when there is one, else the
//! text inside `<main>`, else all of it. Block elements become paragraphs
//! separated by a blank line; whitespace inside a paragraph is collapsed.
//! The title is `og:title`, else the first `<h1>`, else `<title>`; the date is
//! `article:published_time` (and similar meta tags), else the first
//! `<time datetime>`.

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tendril::StrTendril;
use std::cell::RefCell;

/// What an HTML page yields.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct HtmlText {
    pub title: Option<String>,
    /// The raw date string found in the page (parse with [`crate::parse_date`]).
    pub date: Option<String>,
    /// The outlet: `og:site_name`, else the host of the canonical / `og:url`.
    pub site: Option<String>,
    pub text: String,
}

const SKIP_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select", "dialog", "menu", "object",
    "canvas", "map",
];
const RAW_DROP: &[&str] = &["script", "style", "noscript", "template", "textarea", "xmp"];
const BOILERPLATE_WORDS: &[&str] = &[
    "ad", "ads", "advert", "adverts", "advertisement", "banner", "sidebar", "related", "share", "sharing",
    "social", "cookie", "cookies", "newsletter", "comment", "comments", "breadcrumb", "breadcrumbs", "promo",
    "subscribe", "popup", "modal", "navbar", "nav", "menu", "footer", "masthead", "widget", "outbrain", "taboola",
];
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "body", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br",
    "tr", "td", "th", "table", "blockquote", "pre", "dd", "dt", "dl", "figcaption", "figure", "hr", "address",
    "center", "caption", "summary", "details", "fieldset", "legend", "html", "head",
];
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
];
const DATE_META: &[&str] = &[
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "dc.date", "dc.date.issued", "dcterms.date", "sailthru.date", "parsely-pub-date",
    "article.published", "publication_date", "og:article:published_time",
];

#[derive(Default)]
struct State {
    /// Skipping a boilerplate element: its name and nesting depth.
    skip: Option<(String, usize)>,
    /// Inside a raw-text element whose content is dropped (or is the title).
    raw: Option<String>,
    in_title: bool,
    title_buf: String,
    h1_depth: usize,
    h1_buf: String,
    h1: Option<String>,
    og_title: Option<String>,
    site_name: Option<String>,
    page_url: Option<String>,
    meta_date: Option<(usize, String)>,
    time_date: Option<String>,
    /// Open `<article>`s: depth and the index of the outermost one.
    article_depth: usize,
    article_index: usize,
    articles_seen: usize,
    main_depth: usize,
    para: String,
    /// (text, article index if inside one, inside main, skipped)
    blocks: Vec<(String, Option<usize>, bool, bool)>,
}

impl State {
    fn flush(&mut self) {
        let t = self.para.trim();
        if !t.is_empty() {
            let art = (self.article_depth > 0).then_some(self.article_index);
            self.blocks.push((t.to_string(), art, self.main_depth > 0, self.skip.is_some()));
        }
        self.para.clear();
    }

    fn push_text(&mut self, s: &str) {
        let mut last_space = self.para.is_empty() || self.para.ends_with(' ');
        for c in s.chars() {
            if c.is_whitespace() {
                if !last_space {
                    self.para.push(' ');
                    last_space = true;
                }
            } else if c != '\0' {
                self.para.push(c);
                last_space = false;
            }
        }
    }

    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let attr = |k: &str| tag.attrs.iter().find(|a| &*a.name.local == k).map(|a| a.value.to_string());
        match name {
            "meta" => {
                let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop"));
                if let (Some(k), Some(v)) = (key, attr("content")) {
                    let k = k.to_ascii_lowercase();
                    if k == "og:title" && !v.trim().is_empty() {
                        self.og_title = Some(v.trim().to_string());
                    } else if k == "og:site_name" && !v.trim().is_empty() {
                        self.site_name = Some(collapse(&v));
                    } else if k == "og:url" && self.page_url.is_none() {
                        self.page_url = Some(v.trim().to_string());
                    } else if let Some(rank) = DATE_META.iter().position(|d| *d == k) {
                        if self.meta_date.as_ref().is_none_or(|(r, _)| rank < *r) {
                            self.meta_date = Some((rank, v.trim().to_string()));
                        }
                    }
                }
            }
            "link" if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                if let Some(h) = attr("href") {
                    self.page_url = Some(h.trim().to_string());
                }
            }
            "time" if self.time_date.is_none() => {
                self.time_date = attr("datetime").filter(|v| !v.trim().is_empty());
            }
            _ => {}
        }
        if RAW_DROP.contains(&name) || name == "title" {
            if !tag.self_closing {
                self.raw = Some(name.to_string());
                self.in_title = name == "title";
                return TokenSinkResult::RawData(match name {
                    "script" => RawKind::ScriptData,
                    "title" | "textarea" => RawKind::Rcdata,
                    _ => RawKind::Rawtext,
                });
            }
            return TokenSinkResult::Continue;
        }
        let void = VOID_TAGS.contains(&name) || tag.self_closing;
        if BLOCK_TAGS.contains(&name) {
            self.flush();
        }
        if void {
            return TokenSinkResult::Continue;
        }
        if let Some((skipping, depth)) = &mut self.skip {
            if skipping == name {
                *depth += 1;
            }
        } else if SKIP_TAGS.contains(&name) || (!matches!(name, "html" | "body" | "article" | "main") && is_boilerplate(&attr("class"), &attr("id"))) {
            self.skip = Some((name.to_string(), 1));
        }
        match name {
            "article" => {
                if self.article_depth == 0 {
                    self.article_index = self.articles_seen;
                    self.articles_seen += 1;
                }
                self.article_depth += 1;
            }
            "main" => self.main_depth += 1,
            "h1" => self.h1_depth += 1,
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        if self.raw.as_deref() == Some(name) {
            self.raw = None;
            self.in_title = false;
            return;
        }
        if BLOCK_TAGS.contains(&name) {
            self.flush();
        }
        if let Some((skipping, depth)) = &mut self.skip {
            if skipping == name {
                *depth -= 1;
                if *depth == 0 {
                    self.flush();
                    self.skip = None;
                }
            }
        }
        match name {
            "article" => self.article_depth = self.article_depth.saturating_sub(1),
            "main" => self.main_depth = self.main_depth.saturating_sub(1),
            "h1" if self.h1_depth > 0 => {
                self.h1_depth -= 1;
                if self.h1_depth == 0 && self.h1.is_none() {
                    let t = collapse(&self.h1_buf);
                    if !t.is_empty() {
                        self.h1 = Some(t);
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_boilerplate(class: &Option<String>, id: &Option<String>) -> bool {
    [class, id].into_iter().flatten().any(|v| {
        v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|w| BOILERPLATE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return st.start(&tag),
                TagKind::EndTag => st.end(&tag),
            },
            Token::CharacterTokens(t) => {
                if st.raw.is_some() {
                    if st.in_title {
                        st.title_buf.push_str(&t);
                    }
                } else {
                    if st.h1_depth > 0 {
                        st.h1_buf.push_str(&t);
                    }
                    st.push_text(&t);
                }
            }
            Token::EOFToken => st.flush(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Extract the article text, title and date of an HTML page (or fragment).
pub fn extract(html: &str) -> HtmlText {
    let sink = Sink(RefCell::new(State::default()));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&input);
    tok.end();
    let st = tok.sink.0.into_inner();

    let kept: Vec<&(String, Option<usize>, bool, bool)> = st.blocks.iter().filter(|b| !b.3).collect();
    // Largest article, if any article has text.
    let mut sizes = vec![0usize; st.articles_seen];
    for b in &kept {
        if let Some(i) = b.1 {
            sizes[i] += b.0.len();
        }
    }
    let best = sizes.iter().enumerate().filter(|(_, n)| **n > 0).max_by_key(|(_, n)| **n).map(|(i, _)| i);
    let chosen: Vec<&str> = if let Some(a) = best {
        kept.iter().filter(|b| b.1 == Some(a)).map(|b| b.0.as_str()).collect()
    } else if kept.iter().any(|b| b.2) {
        kept.iter().filter(|b| b.2).map(|b| b.0.as_str()).collect()
    } else if !kept.is_empty() {
        kept.iter().map(|b| b.0.as_str()).collect()
    } else {
        // Everything was boilerplate (or an unclosed <nav> swallowed the
        // page): better some text than none.
        st.blocks.iter().map(|b| b.0.as_str()).collect()
    };
    let title = st
        .og_title
        .or(st.h1)
        .or_else(|| Some(collapse(&st.title_buf)).filter(|t| !t.is_empty()));
    HtmlText {
        title,
        date: st.meta_date.map(|(_, d)| d).or(st.time_date),
        site: st.site_name.or_else(|| st.page_url.as_deref().and_then(url_host)),
        text: chosen.join("\n\n"),
    }
}

/// `www.example.com` of `https://www.example.com/a/b` (None for relative URLs).
pub(crate) fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).or_else(|| url.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim().to_ascii_lowercase();
    (!host.is_empty()).then(|| host.strip_prefix("www.").unwrap_or(&host).to_string())
}

/// Plain text of an HTML fragment (feed descriptions): every block kept.
pub fn fragment_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return collapse(html);
    }
    extract(html).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_drops_boilerplate() {
        let page = r#"<html><head><title>Site | Story</title>
            <meta property="og:title" content="The real headline">
            <meta property="article:published_time" content="2023-09-10T18:42:00+03:00">
            <script>var x = "<p>not text</p>"; if (a < b) {}</script><style>p{color:red}</style></head>
            <body><header>Logo <nav>Home News</nav></header>
            <div class="ad-slot">BUY NOW</div>
            <article><h1>Headline</h1><p>First   paragraph &amp; more.</p><div class="share-buttons">Share this</div>
            <p>Second<br>line.</p></article>
            <aside>Related stuff</aside><footer>(c) 2023</footer></body></html>"#;
        let h = extract(page);
        assert_eq!(h.title.as_deref(), Some("The real headline"));
        assert_eq!(h.date.as_deref(), Some("2023-09-10T18:42:00+03:00"));
        assert_eq!(h.text, "Headline\n\nFirst paragraph & more.\n\nSecond\n\nline.");
    }

    #[test]
    fn soup_does_not_lose_text() {
        let soup = "<P>One <b>two<i>three</P><p>four<div><header><p>x</header>five</div><td>six";
        let h = extract(soup);
        assert!(h.text.contains("One twothree"), "{:?}", h.text);
        assert!(h.text.contains("four"));
        assert!(h.text.contains("five"));
        assert!(h.text.contains("six"));
        assert!(!h.text.split("\n\n").any(|b| b == "x"), "{:?}", h.text);
    }

    #[test]
    fn unclosed_nav_falls_back_to_text() {
        let h = extract("<body><nav><p>Only text here</p>");
        assert_eq!(h.text, "Only text here");
        assert_eq!(extract("").text, "");
        assert_eq!(extract("<<<>>>&&&;").text, "<<<>>>&&&;");
    }

    #[test]
    fn title_fallbacks_and_time() {
        let h = extract("<title> A  title </title><p><time datetime='2020-01-02'>Jan 2</time> text</p>");
        assert_eq!(h.title.as_deref(), Some("A title"));
        assert_eq!(h.date.as_deref(), Some("2020-01-02"));
        assert_eq!(h.text, "Jan 2 text");
    }
}
