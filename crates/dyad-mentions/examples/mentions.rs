//! Prints the mentions of text files (or of standard input): `KIND start..end surface → normal [target]`.
//!
//!     cargo run --release -p dyad-mentions --example mentions -- FILE...
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = std::time::Instant::now();
    let lang = dyad_mentions::Language::load()?;
    eprintln!("loaded in {:.2} s", t.elapsed().as_secs_f64());
    let mut texts = Vec::new();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        texts.push(("-".to_string(), s));
    }
    for a in args {
        texts.push((a.clone(), std::fs::read_to_string(&a)?));
    }
    for (name, text) in texts {
        println!("== {name}");
        for m in lang.mentions(&dyad_lang::Annotated::new(text.as_str(), None)) {
            println!(
                "{} {}..{} {:?} → {:?} {:?}",
                m.kind.as_str(),
                m.start,
                m.end,
                &text[m.start..m.end],
                m.normal,
                m.target
            );
        }
    }
    Ok(())
}
