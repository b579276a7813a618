//! Throughput of the stages on in-memory inputs, one thread: what `dyad bench` prints.
//!
//! Files are read into memory first, so disk speed is not measured; each pass runs every
//! stage over every input, and passes repeat until `min_seconds` have gone by.

use dyad_doc::{clean, read_bytes};
use std::time::{Duration, Instant};

/// Seconds spent in each stage over all passes.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    pub read: Duration,
    pub clean: Duration,
    pub segment: Duration,
}

#[derive(Debug, Clone, Default)]
pub struct BenchReport {
    /// Input bytes of one pass.
    pub bytes: usize,
    /// Documents of one pass.
    pub documents: usize,
    pub passes: usize,
    pub times: StageTimes,
}

impl BenchReport {
    pub fn total(&self) -> Duration {
        self.times.read + self.times.clean + self.times.segment
    }

    /// Megabytes (10^6 bytes) of input per second of `spent`.
    pub fn mb_per_s(&self, spent: Duration) -> f64 {
        (self.bytes * self.passes) as f64 / 1e6 / spent.as_secs_f64().max(1e-9)
    }

    pub fn docs_per_s(&self, spent: Duration) -> f64 {
        (self.documents * self.passes) as f64 / spent.as_secs_f64().max(1e-9)
    }
}

/// Runs read → clean → segment over `inputs` (name, bytes) until `min_seconds` have passed.
pub fn run(inputs: &[(String, Vec<u8>)], min_seconds: f64) -> BenchReport {
    let mut report = BenchReport {
        bytes: inputs.iter().map(|(_, b)| b.len()).sum(),
        ..Default::default()
    };
    let started = Instant::now();
    let mut sink = 0usize;
    loop {
        let mut docs = 0;
        for (name, bytes) in inputs {
            let t = Instant::now();
            let read = read_bytes(name, bytes);
            report.times.read += t.elapsed();
            for doc in read.into_iter().flatten().flatten() {
                let t = Instant::now();
                let cleaned = clean(&doc);
                report.times.clean += t.elapsed();
                let t = Instant::now();
                let seg = dyad_lang::segment(cleaned.text.text());
                report.times.segment += t.elapsed();
                sink += seg.tokens.len();
                docs += 1;
            }
        }
        report.documents = docs;
        report.passes += 1;
        if started.elapsed().as_secs_f64() >= min_seconds {
            break;
        }
    }
    std::hint::black_box(sink);
    report
}

/// Peak resident memory of this process in bytes (Linux `VmHWM`), when the system says.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// One timed run of a stage over a corpus.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StageRun {
    pub articles: usize,
    pub bytes: usize,
    pub seconds: f64,
    /// Seconds to load models (not counted in `seconds`).
    #[serde(default)]
    pub load_s: f64,
    /// Peak resident memory of the process that ran it, MB.
    #[serde(default)]
    pub peak_mb: f64,
    /// Of `seconds`, those spent in the actor stage (linking), when it ran.
    #[serde(default)]
    pub actors_s: f64,
    /// Of `seconds`, those spent in the event stage, when it ran.
    #[serde(default)]
    pub events_s: f64,
}

impl StageRun {
    pub fn articles_per_s(&self) -> f64 {
        self.articles as f64 / self.seconds.max(1e-9)
    }
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

/// Segment + mentions (NER, dictionary rules, normalisation) over `texts`, one thread,
/// repeated until `min_seconds` have passed. Loads the models first and times that too.
pub fn run_mentions(
    texts: &[String],
    min_seconds: f64,
) -> Result<StageRun, dyad_mentions::LoadError> {
    run_language(texts, min_seconds, false)
}

/// [`run_mentions`], then the actor stage (dictionary linking, offices, coreference) and the
/// event stage on its mentions: side by side with [`run_mentions`], each stage's share.
pub fn run_actors(
    texts: &[String],
    min_seconds: f64,
) -> Result<StageRun, dyad_mentions::LoadError> {
    run_language(texts, min_seconds, true)
}

fn run_language(
    texts: &[String],
    min_seconds: f64,
    with_actors: bool,
) -> Result<StageRun, dyad_mentions::LoadError> {
    let t = Instant::now();
    let lang = dyad_mentions::Language::load()?;
    if with_actors {
        // the linker's tables are built on first use: count them as loading
        let seg = dyad_lang::segment("Баку.");
        dyad_link::link(&lang, "Баку.", &seg, &lang.mentions("Баку.", &seg), None);
    }
    let load_s = t.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut passes, mut sink, mut actors_s, mut events_s) = (0usize, 0usize, 0f64, 0f64);
    let model = dyad_events::EventModel::new(lang.morph());
    let started = Instant::now();
    loop {
        for text in texts {
            let seg = dyad_lang::segment(text);
            let mentions = lang.mentions(text, &seg);
            sink += mentions.len();
            if with_actors {
                let t = Instant::now();
                let entities = dyad_link::link(&lang, text, &seg, &mentions, None);
                actors_s += t.elapsed().as_secs_f64();
                let t = Instant::now();
                sink += dyad_events::extract(&model, &lang, text, &seg, &entities, None).len();
                events_s += t.elapsed().as_secs_f64();
            }
        }
        passes += 1;
        if started.elapsed().as_secs_f64() >= min_seconds {
            break;
        }
    }
    std::hint::black_box(sink);
    Ok(StageRun {
        articles: texts.len() * passes,
        bytes: bytes * passes,
        seconds: started.elapsed().as_secs_f64(),
        load_s,
        peak_mb: peak_memory_bytes().unwrap_or(0) as f64 / 1e6,
        actors_s,
        events_s,
    })
}

/// Runs `scripts/natasha_bench.py MODE DIR SECONDS` with `python` (natasha 1.6.0 installed,
/// e.g. by `scripts/natasha-venv.sh`), pinned to one thread, and reads its figures.
pub fn run_natasha(
    python: &std::path::Path,
    script: &std::path::Path,
    mode: &str,
    dir: &std::path::Path,
    min_seconds: f64,
) -> Result<StageRun, String> {
    let out = std::process::Command::new(python)
        .arg(script)
        .arg(mode)
        .arg(dir)
        .arg(min_seconds.to_string())
        .env("OMP_NUM_THREADS", "1")
        .env("OPENBLAS_NUM_THREADS", "1")
        .env("MKL_NUM_THREADS", "1")
        .output()
        .map_err(|e| format!("could not run {}: {e}", python.display()))?;
    if !out.status.success() {
        return Err(format!(
            "natasha bench failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ));
    }
    let line = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(line.trim())
        .map_err(|e| format!("unreadable natasha figures ({e}): {line}"))
}
