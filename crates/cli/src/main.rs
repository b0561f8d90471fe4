//! The `marsad` binary: a thin command line over the pipeline crates.
fn main() {
    println!("marsad");
}
