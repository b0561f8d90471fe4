//! `marsad geocode`: look a place name up in the shipped gazetteer.
use anyhow::Result;
use clap::Args;

#[derive(Args)]
pub struct GeocodeArgs {
    /// The place name, in Arabic or Latin script (clitics allowed: بالموصل).
    pub name: String,
    /// Print the candidates as a JSON array.
    #[arg(long)]
    pub json: bool,
    /// How many candidates to show (best first).
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
}

pub fn geocode(a: GeocodeArgs) -> Result<i32> {
    let gaz = marsad_places::Gazetteer::global();
    let hits = gaz.lookup(&a.name);
    let hits: Vec<_> = hits.into_iter().take(a.limit.max(1)).collect();
    if a.json {
        let v: Vec<serde_json::Value> = hits
            .iter()
            .map(|e| {
                serde_json::json!({
                    "name": e.name,
                    "name_ar": if e.name_ar.is_empty() { None } else { Some(e.name_ar) },
                    "geonameid": if e.geonameid > 0 { Some(e.geonameid) } else { None },
                    "lat": e.lat,
                    "lon": e.lon,
                    "country": marsad_places::countries::alpha3(e.country2),
                    "country2": if e.country2.is_empty() { None } else { Some(e.country2) },
                    "feature": e.feature,
                    "precision": e.precision(),
                    "population": e.population,
                    "score": (marsad_places::prior(e) * 100.0).round() / 100.0,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(if hits.is_empty() { 1 } else { 0 });
    }
    if hits.is_empty() {
        println!("(no place named {:?} in the gazetteer)", a.name);
        return Ok(1);
    }
    for e in hits {
        println!(
            "{:<28} {:<18} {:>9.4} {:>9.4}  {:<3} {:<9} pop {:<9} geonameid {}",
            e.name,
            e.name_ar,
            e.lat,
            e.lon,
            marsad_places::countries::alpha3(e.country2).unwrap_or("-"),
            e.feature,
            e.population,
            if e.geonameid > 0 { e.geonameid.to_string() } else { "-".into() }
        );
    }
    Ok(0)
}
