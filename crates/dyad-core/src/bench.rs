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
    let mut report = BenchReport { bytes: inputs.iter().map(|(_, b)| b.len()).sum(), ..Default::default() };
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
