//! What `dyad bench` measures, one thread, through [`Pipeline`] like every other run:
//!
//! - [`documents`]: the document stages (read, clean, segment) on corpora read into memory
//!   first, so disk speed is not measured; passes repeat until `min_seconds` have gone by.
//! - [`language`]: every stage on bare texts (the factRuEval texts), with each stage's
//!   share, beside natasha's NER and full pipeline in the same run when its Python is found.
//!
//! Reports print themselves as the tables `dyad bench` shows.

use crate::{Pipeline, StageTimes};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One corpus through the document stages.
#[derive(Debug, Clone, Default)]
pub struct DocumentRun {
    pub name: String,
    /// Input bytes of one pass.
    pub bytes: usize,
    /// Documents of one pass.
    pub documents: usize,
    pub passes: usize,
    pub read: Duration,
    /// Cleaning, segmentation and token keys over all passes.
    pub times: StageTimes,
}

impl DocumentRun {
    pub fn total(&self) -> Duration {
        self.read + self.times.clean + self.times.segment
    }

    /// Megabytes (10^6 bytes) of input per second of `spent`.
    pub fn mb_per_s(&self, spent: Duration) -> f64 {
        (self.bytes * self.passes) as f64 / 1e6 / spent.as_secs_f64().max(1e-9)
    }

    pub fn docs_per_s(&self, spent: Duration) -> f64 {
        (self.documents * self.passes) as f64 / spent.as_secs_f64().max(1e-9)
    }
}

/// Every file under `path`, read into memory, in name order; `keep` filters by file name.
pub fn load_corpus(
    path: &Path,
    keep: impl Fn(&str) -> bool,
) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() && keep(&entry.file_name().to_string_lossy()) {
            files.push((
                entry.path().display().to_string(),
                std::fs::read(entry.path())?,
            ));
        }
    }
    Ok(files)
}

/// Runs read → clean → segment over `inputs` (name, bytes) until `min_seconds` have passed.
pub fn run_documents(name: &str, inputs: &[(String, Vec<u8>)], min_seconds: f64) -> DocumentRun {
    let pipeline = Pipeline::new();
    let mut run = DocumentRun {
        name: name.to_string(),
        bytes: inputs.iter().map(|(_, b)| b.len()).sum(),
        ..Default::default()
    };
    let started = Instant::now();
    let mut sink = 0usize;
    loop {
        let mut docs = 0;
        for (name, bytes) in inputs {
            let t = Instant::now();
            let read = dyad_doc::read_bytes(name, bytes);
            run.read += t.elapsed();
            for doc in read.into_iter().flatten().flatten() {
                let analysis = pipeline.analyze(&doc);
                run.times += analysis.text.times;
                sink += analysis.text.annotated.seg.tokens.len();
                docs += 1;
            }
        }
        run.documents = docs;
        run.passes += 1;
        if started.elapsed().as_secs_f64() >= min_seconds {
            break;
        }
    }
    std::hint::black_box(sink);
    run
}

/// The document stages over corpora, with the peak memory of the process.
#[derive(Debug, Clone, Default)]
pub struct DocumentsReport {
    pub runs: Vec<DocumentRun>,
    pub peak_bytes: Option<u64>,
}

/// Each of `corpora` (name, folder or file) through the document stages; `factru` adds
/// the `.txt` texts of a factRuEval folder as one corpus.
pub fn documents(
    factru: Option<&Path>,
    paths: &[PathBuf],
    min_seconds: f64,
) -> std::io::Result<DocumentsReport> {
    let mut corpora = Vec::new();
    if let Some(dir) = factru {
        corpora.push((
            format!("factRu {}", dir.display()),
            load_corpus(dir, |n| n.ends_with(".txt"))?,
        ));
    }
    for p in paths {
        corpora.push((p.display().to_string(), load_corpus(p, |_| true)?));
    }
    let runs = corpora
        .iter()
        .map(|(name, inputs)| run_documents(name, inputs, min_seconds))
        .collect();
    Ok(DocumentsReport {
        runs,
        peak_bytes: peak_memory_bytes(),
    })
}

/// `…` and the last `n - 1` characters of `s` when it is longer than `n`.
pub fn truncate(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(count - n + 1).collect::<String>())
    }
}

impl fmt::Display for DocumentsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<44} {:>5} {:>8} {:>10} {:>10} {:>10} {:>10} {:>9}",
            "corpus (one core)",
            "docs",
            "MB",
            "read MB/s",
            "clean MB/s",
            "seg MB/s",
            "total MB/s",
            "docs/s"
        )?;
        for r in &self.runs {
            writeln!(
                f,
                "{:<44} {:>5} {:>8.3} {:>10.1} {:>10.1} {:>10.1} {:>10.1} {:>9.0}",
                truncate(&r.name, 44),
                r.documents,
                r.bytes as f64 / 1e6,
                r.mb_per_s(r.read),
                r.mb_per_s(r.times.clean),
                r.mb_per_s(r.times.segment),
                r.mb_per_s(r.total()),
                r.docs_per_s(r.total()),
            )?;
        }
        if let Some(peak) = self.peak_bytes {
            write!(f, "peak memory: {:.1} MB", peak as f64 / 1e6)?;
        }
        Ok(())
    }
}

/// Peak resident memory of this process in bytes (Linux `VmHWM`), when the system says.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// One timed run of some stages over a corpus.
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
    /// Of `seconds`, those spent parsing (dependency trees), when it ran.
    #[serde(default)]
    pub syntax_s: f64,
    /// Seconds of the first pass alone: texts the process had never seen, caches cold.
    #[serde(default)]
    pub first_pass_s: f64,
    /// Articles in one pass.
    #[serde(default)]
    pub pass_articles: usize,
}

impl StageRun {
    pub fn articles_per_s(&self) -> f64 {
        self.articles as f64 / self.seconds.max(1e-9)
    }
    /// Articles a second in the first pass over texts never seen (0 when not measured).
    pub fn first_pass_articles_per_s(&self) -> f64 {
        if self.first_pass_s <= 0.0 {
            return 0.0;
        }
        self.pass_articles as f64 / self.first_pass_s
    }
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
    /// A stage's time over the mention stage's (segmentation, names): what the later
    /// stages cost beside it.
    pub fn share_of_mentions(&self, stage_s: f64) -> f64 {
        stage_s / (self.seconds - self.actors_s - self.events_s - self.syntax_s).max(1e-9)
    }
}

/// Every stage over `texts`, one thread, repeated until `min_seconds` have passed: the
/// whole pipeline, and the mention stage alone (segmentation and names) from the same
/// passes' stage times. Loads the models first and times that too.
pub fn run_language(
    texts: &[String],
    min_seconds: f64,
) -> Result<(StageRun, StageRun), crate::LoadError> {
    let t = Instant::now();
    let pipeline = Pipeline::load()?;
    // the linker's tables are built on first use: count them as loading
    pipeline.analyze_text("Баку.", None);
    let load_s = t.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut passes, mut sink, mut times) = (0usize, 0usize, StageTimes::default());
    let started = Instant::now();
    let mut first_pass_s = 0.0;
    loop {
        for text in texts {
            let analysis = pipeline.analyze_text(text, None);
            sink += analysis.mentions.len() + analysis.events.len();
            times += analysis.times;
        }
        passes += 1;
        if passes == 1 {
            first_pass_s = started.elapsed().as_secs_f64();
        }
        if started.elapsed().as_secs_f64() >= min_seconds {
            break;
        }
    }
    std::hint::black_box(sink);
    let peak_mb = peak_memory_bytes().unwrap_or(0) as f64 / 1e6;
    let (articles, bytes) = (texts.len() * passes, bytes * passes);
    let full = StageRun {
        articles,
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        load_s,
        peak_mb,
        actors_s: times.actors.as_secs_f64(),
        events_s: times.events.as_secs_f64(),
        syntax_s: times.syntax.as_secs_f64(),
        first_pass_s,
        pass_articles: texts.len(),
    };
    let mentions = StageRun {
        articles,
        bytes,
        seconds: (times.segment + times.mentions).as_secs_f64(),
        load_s,
        peak_mb,
        ..StageRun::default()
    };
    Ok((mentions, full))
}

/// Runs `scripts/natasha_bench.py MODE DIR SECONDS` with `python` (natasha 1.6.0 installed,
/// e.g. by `scripts/natasha-venv.sh`), pinned to one thread, and reads its figures.
pub fn run_natasha(
    python: &Path,
    script: &Path,
    mode: &str,
    dir: &Path,
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

/// dyad's stages on the factRuEval texts, and natasha's beside them.
#[derive(Debug, Clone)]
pub struct LanguageReport {
    /// Segmentation and names.
    pub mentions: StageRun,
    /// Every stage to events.
    pub full: StageRun,
    /// natasha's NER (segment + NER) and full pipeline (with morphology and syntax).
    pub natasha_ner: Option<StageRun>,
    pub natasha_full: Option<StageRun>,
    /// Why natasha was not measured, when it was not.
    pub notes: Vec<String>,
}

/// [`run_language`] over the `.txt` texts of a factRuEval folder, then natasha's NER and
/// full pipeline over the same folder with `python` (when it and `scripts/natasha_bench.py`
/// are there).
pub fn language(
    dir: &Path,
    min_seconds: f64,
    python: &Path,
) -> Result<LanguageReport, Box<dyn std::error::Error>> {
    let texts: Vec<String> = load_corpus(dir, |n| n.ends_with(".txt"))?
        .into_iter()
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let (mentions, full) = run_language(&texts, min_seconds)?;
    let mut report = LanguageReport {
        mentions,
        full,
        natasha_ner: None,
        natasha_full: None,
        notes: Vec::new(),
    };
    let script = Path::new("scripts/natasha_bench.py");
    if !(python.exists() && script.exists()) {
        report.notes.push(format!(
            "natasha not measured: no {} (run scripts/natasha-venv.sh)",
            python.display()
        ));
        return Ok(report);
    }
    for mode in ["ner", "full"] {
        match run_natasha(python, script, mode, dir, min_seconds) {
            Ok(n) if mode == "ner" => report.natasha_ner = Some(n),
            Ok(n) => report.natasha_full = Some(n),
            Err(e) => report.notes.push(format!("natasha not measured: {e}")),
        }
    }
    Ok(report)
}

impl fmt::Display for LanguageReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<44} {:>10} {:>8} {:>8} {:>9}",
            "NER stage (one core)", "articles/s", "MB/s", "load s", "peak MB"
        )?;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, r: &StageRun| {
            writeln!(
                f,
                "{:<44} {:>10.1} {:>8.3} {:>8.2} {:>9.0}",
                name,
                r.articles_per_s(),
                r.mb_per_s(),
                r.load_s,
                r.peak_mb
            )
        };
        line(f, "dyad segment+NER+rules+normalise", &self.mentions)?;
        line(f, "dyad … + syntax + actors + events", &self.full)?;
        // timed inside the same loop, so that load on the machine falls on both alike
        let full = &self.full;
        writeln!(
            f,
            "{:<44} {:>+9.1}%",
            "  actor stage's time / the mention stage's",
            full.share_of_mentions(full.actors_s) * 100.0
        )?;
        writeln!(
            f,
            "{:<44} {:>+9.1}%",
            "  event stage's time / the mention stage's",
            full.share_of_mentions(full.events_s) * 100.0
        )?;
        write!(
            f,
            "{:<44} {:>+9.1}%",
            "  parser's time / the mention stage's",
            full.share_of_mentions(full.syntax_s) * 100.0
        )?;
        // natasha's NER beside dyad's mention stage; its full pipeline (with morphology and
        // syntax) beside dyad's whole pipeline to events
        for (label, theirs, what, ours) in [
            (
                "natasha 1.6.0 segment+NER",
                &self.natasha_ner,
                "  dyad's mention stage / this",
                &self.mentions,
            ),
            (
                "natasha 1.6.0 full pipeline",
                &self.natasha_full,
                "  dyad's whole pipeline / this",
                &self.full,
            ),
        ] {
            if let Some(n) = theirs {
                writeln!(f)?;
                line(f, label, n)?;
                write!(
                    f,
                    "{:<44} {:>10.1}x",
                    what,
                    ours.articles_per_s() / n.articles_per_s().max(1e-9)
                )?;
                // the first pass: texts neither process had seen, caches cold
                let (a, b) = (
                    ours.first_pass_articles_per_s(),
                    n.first_pass_articles_per_s(),
                );
                if a > 0.0 && b > 0.0 {
                    write!(
                        f,
                        "\n{:<44} {:>10.1}x  ({:.1} / {:.1} articles/s)",
                        format!("{what}, first pass"),
                        a / b,
                        a,
                        b
                    )?;
                }
            }
        }
        Ok(())
    }
}
