//! Print the events of a text file (text layer only, no places/entities):
//! `cargo run -p marsad-events --example dump -- FILE`
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(path).expect("read");
    let mut d = marsad_core::Document::new("x", text);
    marsad_text::annotate(&mut d);
    use marsad_core::Stage;
    marsad_actors::ActorStage::load().unwrap().annotate(&mut d);
    if std::env::var("ACTORS").is_ok() {
        for a in &d.actors {
            println!("ACTOR {} {:?} {:?} {:?} {:?}", a.actor_id, a.actor_type, a.sector, a.country, a.mentions.iter().map(|m| &m.text).collect::<Vec<_>>());
        }
    }
    let st = marsad_events::EventStage::load(std::sync::Arc::new(marsad_actors::KbPhraseCoder)).unwrap();
    for e in st.extract(&d) {
        println!(
            "[{}] {} {:?} trig={} actor={:?} rec={:?} place={:?} k={:?} i={:?} a={:?} neg={} hyp={} gen={} by={:?}",
            e.sentence,
            e.kind,
            e.mode,
            e.trigger.text,
            e.actor.as_ref().map(|a| (&a.text, &a.country, &a.sector)),
            e.recipient.as_ref().map(|a| &a.text),
            e.place.as_ref().map(|p| &p.text),
            e.fatalities,
            e.injured,
            e.arrested,
            e.negated,
            e.hypothetical,
            e.generic,
            e.reported_by.as_ref().map(|a| &a.text)
        );
    }
}
