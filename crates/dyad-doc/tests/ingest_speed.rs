//! Ingest throughput, one core: `cargo test --release -p dyad-doc --test ingest_speed --
//! --ignored --nocapture --test-threads=1`. Prints MB/s per format; asserts only loose
//! floors (a debug build or a busy machine must not fail it by much).

use dyad_doc::{read_bytes, Format};
use std::time::Instant;

const PARA: &str = "Министр иностранных дел Грузии Мака Бочоришвили 11 марта прибыла с \
    официальным визитом в Баку. Как сообщает Trend, стороны обсудили транзитные перевозки \
    по Среднему коридору, энергетические проекты и подготовку заседания комиссии.\n";

fn fill(size: usize, mut piece: impl FnMut(&mut String)) -> String {
    let mut s = String::with_capacity(size + 4096);
    while s.len() < size {
        piece(&mut s);
    }
    s
}

/// Best of three runs, in MB/s.
fn speed(name: &str, bytes: &[u8], format: Format) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let docs = read_bytes(name, bytes).unwrap();
        best = best.min(start.elapsed().as_secs_f64());
        let first = docs.into_iter().next().unwrap().unwrap();
        assert_eq!(first.format, format);
    }
    let mbs = bytes.len() as f64 / 1e6 / best;
    eprintln!(
        "{name:>12}: {:>4} MB in {best:.3} s = {mbs:.0} MB/s",
        bytes.len() >> 20
    );
    mbs
}

#[test]
#[ignore = "throughput; run in release"]
fn throughput() {
    const SIZE: usize = 100 << 20;
    let plain = fill(SIZE, |s| s.push_str(PARA));
    let seed = format!(" date 2025-12-05 {plain}");
    let html = fill(SIZE, |s| {
        s.push_str(
            "<div class=\"item\"><h2><a href=\"/news/1?a=1&amp;b=2\">Заголовок</a></h2>\n  <p>",
        );
        s.push_str(PARA.trim_end());
        s.push_str(" &laquo;Цитата&raquo;&nbsp;&mdash; конец.</p></div>\n");
    });
    let jsonl = fill(SIZE, |s| {
        s.push_str("{\"date\": \"2026-03-12\", \"url\": \"https://e.org/1\", \"text\": \"");
        s.push_str(PARA.trim_end());
        s.push_str("\"}\n");
    });
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&plain);
    let plain_mbs = speed("plain utf-8", plain.as_bytes(), Format::Plain);
    let seed_mbs = speed("seed", seed.as_bytes(), Format::Seed);
    let html_mbs = speed("html", html.as_bytes(), Format::Html);
    speed("jsonl", jsonl.as_bytes(), Format::Jsonl);
    speed("windows-1251", &cp1251, Format::Plain);
    if !cfg!(debug_assertions) {
        assert!(plain_mbs > 50.0 && seed_mbs > 50.0, "plain/seed too slow");
        assert!(html_mbs > 10.0, "html too slow");
    }
}
