//! Times the whole pipeline on generated documents of 1,000 and 10,000 sentences, to show
//! that the time grows linearly with length: `cargo run --release -p dyad-core --example
//! long_document`. The sentences are built from a few subjects, predicates and objects
//! written for this benchmark.

use std::time::Instant;

const SUBJECTS: &[&str] = &[
    "Президент Азербайджана Ильхам Алиев",
    "Министр иностранных дел России Сергей Лавров",
    "Великобритания",
    "Посол Франции Анна Дюпон",
    "Глава МИД Армении Арарат Мирзоян",
    "Турция",
];
const PREDICATES: &[&str] = &[
    "встретился с",
    "поздравил",
    "посетил",
    "раскритиковал",
    "поддержал",
    "провел переговоры с",
];
const OBJECTS: &[&str] = &[
    "президентом Турции Реджепом Тайипом Эрдоганом",
    "Азербайджан",
    "Грузию",
    "премьер-министром Армении Николом Пашиняном",
    "министром обороны Закиром Гасановым",
    "Евросоюз",
];

/// A seed-format document of `n` sentences, paragraphs of five.
fn document(n: usize) -> String {
    let mut s = String::from(" date 2025-06-01 ");
    for i in 0..n {
        // a fixed walk through the combinations, so that every run sees the same text
        let (a, b, c) = (i % 6, (i / 6) % 6, (i / 36) % 6);
        s.push_str(&format!(
            "{} {} {} в Баку {} мая 2025 года. ",
            SUBJECTS[a],
            PREDICATES[b],
            OBJECTS[c],
            1 + i % 28
        ));
        if i % 5 == 4 {
            s.push_str("\n\n");
        }
    }
    s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pipeline = dyad_core::Pipeline::load()?;
    let mut stream = dyad_core::Stream::new(&pipeline);
    println!(
        "{:>10} {:>10} {:>8} {:>14}",
        "sentences", "seconds", "events", "µs / sentence"
    );
    for n in [1_000, 10_000] {
        let text = document(n);
        for doc in dyad_doc::read_bytes("generated", text.as_bytes())? {
            let doc = doc?;
            let t = Instant::now();
            let record = stream.process(&doc);
            let s = t.elapsed().as_secs_f64();
            println!(
                "{:>10} {:>10.3} {:>8} {:>14.1}",
                record.sentences,
                s,
                record.events.len(),
                s * 1e6 / record.sentences.max(1) as f64
            );
        }
    }
    Ok(())
}
