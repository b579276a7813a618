//! Measures how fast [`dyad_lang::segment`] runs on the `.txt` files of a folder.
//!
//!     cargo run --release -p dyad-lang --example segment_speed -- ../shared/bench/factru-2016/devset
//!
//! Prints megabytes (10^6 bytes) of text segmented per second on one core: each file
//! separately, as many passes over the folder as fit in about two seconds. On Linux it also
//! prints the rate per second of CPU time the process used, which a busy machine disturbs
//! less than the wall-clock rate. `TOKENS_ONLY=1` times the tokenizer alone.
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("txt") {
            texts.push(std::fs::read_to_string(&path)?);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        eprintln!("no .txt files in {dir}");
        return Ok(());
    }
    // warm up
    let mut tokens = 0usize;
    let mut sentences = 0usize;
    for t in &texts {
        let s = dyad_lang::segment(t);
        tokens += s.tokens.len();
        sentences += s.sentences.len();
    }
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    let mut passes = 0usize;
    while start.elapsed().as_secs_f64() < 2.0 {
        for t in &texts {
            if std::env::var_os("TOKENS_ONLY").is_some() {
                std::hint::black_box(dyad_lang::segment::tokenize(std::hint::black_box(t)));
            } else {
                std::hint::black_box(dyad_lang::segment(std::hint::black_box(t)));
            }
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * passes) as f64 / 1e6;
    print!(
        "{} files, {:.2} MB, {tokens} tokens, {sentences} sentences; {passes} passes in {secs:.2} s: {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        mb / secs
    );
    match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => println!(" ({:.1} MB per CPU second)", mb / (b - a)),
        _ => println!(),
    }
    Ok(())
}

/// User plus system CPU time of this process, from /proc/self/stat (Linux only).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0) // clock ticks, 100 a second on Linux
}
