//! Prints, for a text file, the entities with their roles and the events, for looking at
//! what the event stage does: `cargo run --release -p dyad-events --example events_debug FILE`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: events_debug FILE")?;
    let text = std::fs::read_to_string(path)?;
    let lang = dyad_mentions::Language::load()?;
    let model = dyad_events::EventModel::new(lang.morph());
    let published = chrono::NaiveDate::from_ymd_opt(2025, 12, 5);
    let annotated = dyad_lang::Annotated::new(text.as_str(), published);
    let mentions = lang.mentions(&annotated);
    let entities = dyad_link::link(&lang, &annotated, &mentions);
    for e in &entities {
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| {
                format!(
                    "[{}|{}]",
                    &text[r.title.0..r.title.1],
                    r.of.map_or("", |o| &text[o.0..o.1])
                )
            })
            .collect();
        let ms: Vec<&str> = e.mentions.iter().map(|&(s, t)| &text[s..t]).collect();
        println!(
            "{} {:?} {} {:?} {}",
            e.id,
            e.kind,
            e.name,
            ms,
            roles.join(" ")
        );
    }
    for ev in dyad_events::extract(&model, &lang, &annotated, &entities) {
        let names = |v: &[usize]| {
            v.iter()
                .map(|&i| entities[i].name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!(
            "{} {:?} [{}] -> [{}] {:?} {:?} | {}",
            ev.kind,
            ev.mode,
            names(&ev.actor),
            names(&ev.recipient),
            ev.date,
            ev.aux,
            &text[ev.evidence[0].0..ev.evidence[0].1]
        );
    }
    Ok(())
}
