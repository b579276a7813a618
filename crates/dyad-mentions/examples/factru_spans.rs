//! dyad's mentions of every `.txt` of a folder as JSON lines, in the form `dyad eval ner
//! --predictions` reads (`{"name", "spans": [[start, end, TYPE, normal]]}`, character offsets),
//! to compare systems or look at errors.
//!
//!     cargo run --release -p dyad-mentions --example factru_spans -- DIR > dyad.jsonl
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: factru_spans DIR")?;
    let lang = dyad_mentions::Language::load()?;
    let mut names: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path)?;
        let annotated = dyad_lang::Annotated::new(text.as_str(), None);
        let char_of = |b: usize| text[..b].chars().count();
        let spans: Vec<String> = lang
            .mentions(&annotated)
            .iter()
            .map(|m| {
                let kind = match (&m.target, m.kind.as_str()) {
                    (Some(dyad_mentions::gazetteer::Target::Seat(_)), _) => "ORG",
                    (_, "GPE") => "LOC",
                    (_, k) => k,
                };
                format!(
                    "[{},{},\"{}\",{:?}]",
                    char_of(m.start),
                    char_of(m.end),
                    kind,
                    m.normal
                )
            })
            .collect();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        println!("{{\"name\":\"{name}\",\"spans\":[{}]}}", spans.join(","));
    }
    Ok(())
}
