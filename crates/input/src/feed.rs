//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, with quick-xml: one document per
//! `<item>` / `<entry>`.
//!
//! Text: `content:encoded`, else Atom `content`, else `description` /
//! `summary`, with any HTML in it stripped. Date: `pubDate`, `published`,
//! `dc:date`, `updated`. Id: `guid` / Atom `id`, else the link.

use crate::html::fragment_text;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct FeedItem {
    pub id: Option<String>,
    pub title: Option<String>,
    pub link: Option<String>,
    /// Raw date string as written in the feed.
    pub date: Option<String>,
    pub text: String,
    /// 1-based line of the item's opening tag.
    pub line: usize,
}

/// A feed that could not be read past some point.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedError {
    pub line: usize,
    pub message: String,
}

#[derive(Default)]
struct Item {
    fields: Vec<(String, String)>,
    link: Option<String>,
    line: usize,
}

impl Item {
    fn get(&self, names: &[&str]) -> Option<&str> {
        names
            .iter()
            .find_map(|n| self.fields.iter().find(|(k, v)| k == n && !v.trim().is_empty()).map(|(_, v)| v.as_str()))
    }

    fn finish(self) -> FeedItem {
        let text = self
            .get(&["content:encoded", "content", "description", "summary", "media:description"])
            .map(fragment_text)
            .unwrap_or_default();
        let link = self.link.clone().or_else(|| self.get(&["link"]).map(|s| s.trim().to_string()));
        FeedItem {
            id: self.get(&["guid", "id"]).map(|s| s.trim().to_string()),
            title: self.get(&["title"]).map(fragment_text).filter(|t| !t.is_empty()),
            date: self.get(&["pubDate", "published", "dc:date", "updated", "dcterms:created", "a10:updated"]).map(|s| s.trim().to_string()),
            link,
            text,
            line: self.line,
        }
    }
}

fn line_of(s: &str, pos: usize) -> usize {
    let pos = pos.min(s.len());
    s.as_bytes()[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}

fn html_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "copy" => "©",
        "middot" => "·",
        "bull" => "•",
        _ => return None,
    })
}

fn is_item(name: &[u8]) -> bool {
    matches!(name, b"item" | b"entry" | b"rss:item")
}

fn is_feed_root(name: &[u8]) -> bool {
    matches!(name, b"rss" | b"feed" | b"rdf:RDF" | b"RDF" | b"channel")
}

fn atom_link(e: &BytesStart) -> Option<(String, bool)> {
    let mut href = None;
    let mut alternate = true;
    for a in e.attributes().flatten() {
        match a.key.as_ref() {
            b"href" => href = a.unescape_value().ok().map(|v| v.into_owned()),
            b"rel" => alternate = a.value.as_ref() == b"alternate",
            _ => {}
        }
    }
    href.map(|h| (h, alternate))
}

/// Parse a feed. Items read before a syntax error are returned with it.
pub fn parse(xml: &str) -> (Vec<FeedItem>, Option<FeedError>) {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut items = Vec::new();
    let mut current: Option<Item> = None;
    // The field being read inside an item, its nesting depth, and its text.
    let mut field: Option<(String, usize, String)> = None;
    let mut saw_root = false;
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = reader.error_position() as usize;
                return (items, Some(FeedError { line: line_of(xml, at), message: format!("malformed XML: {e}") }));
            }
        };
        match ev {
            Event::Start(e) => {
                let name = e.name().as_ref().to_vec();
                saw_root |= is_feed_root(&name);
                if let Some((_, depth, _)) = field.as_mut() {
                    *depth += 1;
                } else if is_item(&name) {
                    current = Some(Item { line: line_of(xml, pos), ..Default::default() });
                } else if let Some(it) = current.as_mut() {
                    if name == b"link" {
                        if let Some((h, alt)) = atom_link(&e) {
                            if alt || it.link.is_none() {
                                it.link = Some(h);
                            }
                        }
                    }
                    field = Some((String::from_utf8_lossy(&name).into_owned(), 1, String::new()));
                }
            }
            Event::Empty(e) => {
                let name = e.name().as_ref().to_vec();
                saw_root |= is_feed_root(&name);
                if let (Some(it), true) = (current.as_mut(), name == b"link") {
                    if let Some((h, alt)) = atom_link(&e) {
                        if alt || it.link.is_none() {
                            it.link = Some(h);
                        }
                    }
                }
                if let Some((_, _, buf)) = field.as_mut() {
                    buf.push(' ');
                }
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_vec();
                if let Some((fname, depth, buf)) = field.as_mut() {
                    *depth -= 1;
                    if *depth == 0 {
                        let (fname, buf) = (std::mem::take(fname), std::mem::take(buf));
                        field = None;
                        if let Some(it) = current.as_mut() {
                            it.fields.push((fname, buf));
                        }
                    } else {
                        buf.push(' ');
                    }
                } else if is_item(&name) {
                    if let Some(it) = current.take() {
                        items.push(it.finish());
                    }
                }
            }
            Event::Text(t) => {
                if let Some((_, _, buf)) = field.as_mut() {
                    match t.unescape_with(html_entity) {
                        Ok(s) => buf.push_str(&s),
                        Err(_) => buf.push_str(&String::from_utf8_lossy(&t)),
                    }
                }
            }
            Event::CData(c) => {
                if let Some((_, _, buf)) = field.as_mut() {
                    buf.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(it) = current.take() {
        // A cut-off item is dropped rather than kept half-read.
        return (items, Some(FeedError { line: it.line, message: "feed ends inside this item (truncated file?); item skipped".into() }));
    }
    if !saw_root {
        return (items, Some(FeedError { line: 1, message: "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)".into() }));
    }
    (items, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed</title>
<item><title>One &amp; two</title><link>http://x/1</link><guid>g1</guid><pubDate>Wed, 15 Mar 2023 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&amp;nbsp;now&lt;/p&gt;</description></item>
<item><title>Two</title><link>http://x/2</link><content:encoded><![CDATA[<p>مرحبا <script>x()</script>بكم</p>]]></content:encoded></item>
</channel></rss>"#;
        let (items, err) = parse(xml);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title.as_deref(), Some("One & two"));
        assert_eq!(items[0].id.as_deref(), Some("g1"));
        assert_eq!(items[0].text, "Hello world now");
        assert_eq!(items[0].date.as_deref(), Some("Wed, 15 Mar 2023 08:00:00 GMT"));
        assert_eq!(items[0].line, 2);
        assert_eq!(items[1].text, "مرحبا بكم");
        assert_eq!(items[1].link.as_deref(), Some("http://x/2"));
    }

    #[test]
    fn atom_entries() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:1</id><title type="html">A</title>
<link rel="alternate" href="http://y/1"/><updated>2023-05-02T10:00:00Z</updated>
<content type="xhtml"><div><p>Para one.</p><p>Para two.</p></div></content></entry></feed>"#;
        let (items, err) = parse(xml);
        assert!(err.is_none());
        assert_eq!(items[0].link.as_deref(), Some("http://y/1"));
        assert!(items[0].text.contains("Para one.") && items[0].text.contains("Para two."));
        assert_eq!(items[0].date.as_deref(), Some("2023-05-02T10:00:00Z"));
    }

    #[test]
    fn broken_feed_keeps_earlier_items() {
        let xml = "<rss><channel><item><title>ok</title><description>fine</description></item>\n<item><title>bad</title><description>x &bogus; <</description>";
        let (items, err) = parse(xml);
        assert_eq!(items.len(), 1);
        let err = err.expect("error");
        assert_eq!(err.line, 2);
    }
}
