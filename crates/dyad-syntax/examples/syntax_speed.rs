//! Parsing throughput over the sentences of a folder of .txt files, one thread, beside
//! Python slovnet's in the same run.
//!
//! usage: cargo run --release -p dyad-syntax --example syntax_speed -- DIR [SECONDS] [--cache WORDS] [--warm DIR2] [--python] [--long]
//!
//! Segments the texts with `dyad_lang::segment` (untimed), then prints: the model's load
//! time; the first pass over all sentences with an empty word cache (what a new process
//! sees on new text; with --warm DIR2, after parsing the texts of DIR2 untimed: new text once
//! the cache has seen other news); the passes after it until SECONDS (default 5) have gone (the cache then
//! holds every word of the folder) and the fastest of them; the same sentences parsed one
//! text at a time (`parse_sentences` per text, as a pipeline calls it); the peak resident
//! memory (VmHWM). Each line says how much of the wall time the thread was on a CPU: below
//! 100% the machine was busy with other work.
//!
//! --python: then runs `scripts/slovnet_syntax.py bench SECONDS` on the same word lists
//! (natasha's NewsSyntaxParser, batches of 8, BLAS on one thread) and prints its figures
//! and the ratios. --long: times single sentences of 50 … 20,000 words (the devset's words
//! in a row) to show how time grows with a sentence's length.
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!(
            "usage: syntax_speed DIR [SECONDS] [--cache WORDS] [--warm DIR2] [--python] [--long]"
        );
        std::process::exit(2);
    };
    let seconds: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let cache: Option<usize> = args
        .iter()
        .position(|a| a == "--cache")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok());
    let texts = read_texts(dir);
    let docs: Vec<Vec<Vec<&str>>> = texts
        .iter()
        .map(|text| {
            let seg = dyad_lang::segment(text);
            seg.sentences
                .iter()
                .map(|r| seg.tokens[r.clone()].iter().map(|t| t.text(text)).collect())
                .collect()
        })
        .collect();
    let sentences: Vec<Vec<&str>> = docs
        .iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();

    let t0 = Instant::now();
    let mut parser = dyad_syntax::SlovnetSyntax::load().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let load_s = t0.elapsed().as_secs_f64();
    if let Some(words) = cache {
        parser = parser.with_cache_capacity(words);
    }
    println!(
        "dyad-syntax: load {load_s:.3} s; {} texts, {} sentences, {words} words a pass",
        texts.len(),
        sentences.len()
    );
    let report = |label: &str, passes: usize, secs: f64, cpu: f64| {
        let n = passes as f64;
        println!(
            "{label:34} {:8.0} sentences/s {:8.0} words/s  ({passes} passes, {secs:.2} s; on CPU {:.0}% of it: {:.0} words per CPU-second)",
            n * sentences.len() as f64 / secs,
            n * words as f64 / secs,
            100.0 * cpu / secs,
            n * words as f64 / cpu,
        );
    };

    let mut first = "first pass (empty word cache)";
    if let Some(other) = args
        .iter()
        .position(|a| a == "--warm")
        .and_then(|i| args.get(i + 1))
    {
        let texts = read_texts(other);
        for text in &texts {
            let seg = dyad_lang::segment(text);
            std::hint::black_box(parser.parse_segmented(text, &seg));
        }
        println!(
            "(the word cache has seen the {} texts of {other})",
            texts.len()
        );
        first = "first pass (cache warmed elsewhere)";
    }
    let (start, cpu) = (Instant::now(), cpu_seconds());
    std::hint::black_box(parser.parse_sentences(&sentences));
    report(first, 1, start.elapsed().as_secs_f64(), cpu_seconds() - cpu);

    let (start, cpu, mut passes, mut best) = (Instant::now(), cpu_seconds(), 0, f64::MAX);
    while passes == 0 || start.elapsed().as_secs_f64() < seconds {
        let pass = Instant::now();
        std::hint::black_box(parser.parse_sentences(&sentences));
        best = best.min(pass.elapsed().as_secs_f64());
        passes += 1;
    }
    report(
        "later passes (warm cache)",
        passes,
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
    );
    println!(
        "{:34} {:8.0} sentences/s {:8.0} words/s",
        "  their fastest",
        sentences.len() as f64 / best,
        words as f64 / best
    );

    let (start, cpu, mut passes) = (Instant::now(), cpu_seconds(), 0);
    while passes == 0 || start.elapsed().as_secs_f64() < seconds / 2.0 {
        for d in &docs {
            std::hint::black_box(parser.parse_sentences(d));
        }
        passes += 1;
    }
    report(
        "one text a call (warm cache)",
        passes,
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
    );
    let hwm = vm_hwm().unwrap_or_else(|| "?".to_string());
    println!("peak resident memory (VmHWM): {hwm}");

    if args.iter().any(|a| a == "--long") {
        let pool: Vec<&str> = sentences.iter().flatten().copied().collect();
        for n in [50, 500, 2_000, 5_000, 8_192, 20_000] {
            let s: Vec<&str> = pool.iter().cycle().take(n).copied().collect();
            let mut best = f64::MAX;
            for _ in 0..3 {
                let t = Instant::now();
                std::hint::black_box(parser.parse(&s));
                best = best.min(t.elapsed().as_secs_f64());
            }
            println!(
                "one sentence of {n:6} words: {:8.4} s, {:6.2} µs a word",
                best,
                best * 1e6 / n as f64
            );
        }
    }

    if args.iter().any(|a| a == "--python") {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let python = std::env::var("DYAD_NATASHA_PYTHON").unwrap_or_else(|_| {
            let workspace =
                std::fs::canonicalize(root.join("../..")).unwrap_or_else(|_| root.join("../.."));
            workspace
                .join(".cache/natasha-venv/bin/python")
                .display()
                .to_string()
        });
        let file =
            std::env::temp_dir().join(format!("dyad-syntax-speed-{}.jsonl", std::process::id()));
        {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&file).expect("temp file"));
            for s in &sentences {
                writeln!(f, "{}", serde_json::to_string(s).unwrap()).unwrap();
            }
        }
        let mut cmd = Command::new(&python);
        cmd.arg(root.join("scripts/slovnet_syntax.py"))
            .arg("bench")
            .arg(seconds.to_string());
        for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] {
            cmd.env(var, "1");
        }
        let out = cmd
            .stdin(std::fs::File::open(&file).unwrap())
            .stdout(Stdio::piped())
            .output();
        let _ = std::fs::remove_file(&file);
        match out {
            Ok(o) if o.status.success() => {
                let line = String::from_utf8_lossy(&o.stdout);
                println!("slovnet (Python, 1 BLAS thread): {}", line.trim());
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line.trim()) {
                    let f = |k: &str| v.get(k).and_then(|x| x.as_f64()).unwrap_or(f64::NAN);
                    println!(
                        "slovnet: load {:.2} s; first pass {:.0} sentences/s {:.0} words/s; later passes {:.0} sentences/s {:.0} words/s; peak {:.0} MB",
                        f("load_s"),
                        f("first_sentences_per_s"),
                        f("first_words_per_s"),
                        f("later_sentences_per_s"),
                        f("later_words_per_s"),
                        f("peak_mb")
                    );
                }
            }
            Ok(o) => eprintln!("{python}: {}", String::from_utf8_lossy(&o.stderr)),
            Err(e) => eprintln!("cannot run {python}: {e}"),
        }
    }
}

fn read_texts(dir: &str) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read text"))
        .collect()
}

/// Time this thread has spent on a CPU (the machine may be shared: wall time can be more).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn vm_hwm() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MB", kb / 1024.0))
}
