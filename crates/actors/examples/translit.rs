//! Print the transliteration of each argument: `cargo run -p marsad-actors --example translit -- "خالد المرادي"`.
fn main() {
    let kb = marsad_actors::Kb::global();
    for a in std::env::args().skip(1) {
        println!("{a}\t{}", marsad_actors::translit::name(kb, &a));
    }
}
