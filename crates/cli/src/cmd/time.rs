//! `marsad dates`: find and normalise the dates and times in a text.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct DatesArgs {
    /// The text to analyse ("-" reads standard input).
    pub text: String,
    /// Publication date (YYYY-MM-DD) to resolve relative expressions against.
    #[arg(long)]
    pub published: Option<String>,
    /// Print the expressions as a JSON array.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: DatesArgs) -> Result<i32> {
    let text = if a.text == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        s
    } else {
        a.text
    };
    if let Some(p) = &a.published {
        if marsad_time::calendar::parse_iso_date(p).is_none() {
            anyhow::bail!("--published: expected a date as YYYY-MM-DD, got {p:?}");
        }
    }
    let times = marsad_time::tag_text(&text, a.published.as_deref());
    if a.json {
        println!("{}", serde_json::to_string_pretty(&times)?);
        return Ok(0);
    }
    if times.is_empty() {
        println!("(no dates found)");
    }
    for t in &times {
        let mut line = format!(
            "{:>5}-{:<5} {}  →  {}  [{}]",
            t.start,
            t.end,
            t.text,
            t.value.as_deref().unwrap_or("null"),
            t.precision
        );
        if let Some(m) = &t.modifier {
            line.push_str(&format!(" modifier={m}"));
        }
        if let Some(an) = &t.anchor {
            line.push_str(&format!(" anchor={an}"));
        }
        println!("{line}");
    }
    Ok(0)
}
