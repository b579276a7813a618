//! Agreement of dyad-syntax with Python slovnet on folders of .txt files.
//!
//! usage: cargo run --release -p dyad-syntax --example syntax_agreement -- DIR... [--batch N] [--python PATH] [--python-threads N] [--keep DIR2] [--dense]
//!
//! Segments every text with `dyad_lang::segment`, writes each sentence's words as a JSON
//! line to a temporary file, has `scripts/slovnet_syntax.py parse` (natasha's slovnet, one
//! sentence a batch unless --batch N) parse them, parses the same words here and prints, for
//! each folder and in all: sentences, tokens, the share of tokens with the same head, the
//! same relation, both, and the share of sentences parsed identically; then the first
//! disagreements. Python's BLAS runs on one thread unless --python-threads N: slovnet's own
//! output can change with the thread count (OpenBLAS then sums in another order, which flips
//! near-ties). The Python is `$DYAD_NATASHA_PYTHON`, else `.cache/natasha-venv/bin/python`
//! in the workspace. The temporary files are removed, unless --keep DIR2
//! names a folder (outside the repository: they hold the texts' words) to leave them in.
//! --dense: our encoder computed densely (`Layers::Dense`) instead of sparsely.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Default)]
struct Tally {
    longest: usize,
    pads: usize,
    /// Sentences whose parse is not a tree: no root or several, a word its own head, a cycle.
    not_one_root: usize,
    self_head: usize,
    cycle: usize,
    sentences: usize,
    identical: usize,
    tokens: usize,
    head: usize,
    rel: usize,
    both: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.longest = self.longest.max(o.longest);
        self.pads += o.pads;
        self.not_one_root += o.not_one_root;
        self.self_head += o.self_head;
        self.cycle += o.cycle;
        self.sentences += o.sentences;
        self.identical += o.identical;
        self.tokens += o.tokens;
        self.head += o.head;
        self.rel += o.rel;
        self.both += o.both;
    }

    fn print(&self, label: &str) {
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        println!(
            "{label}: {} sentences (longest {} words), {} tokens; same head {:.3}%, same rel {:.3}%, same both {:.3}% ({} tokens differ); identical sentences {:.3}%; <pad> relation chosen {} times",
            self.sentences,
            self.longest,
            self.tokens,
            pct(self.head, self.tokens),
            pct(self.rel, self.tokens),
            pct(self.both, self.tokens),
            self.tokens - self.both,
            pct(self.identical, self.sentences),
            self.pads,
        );
        println!(
            "  our parses (slovnet decodes each head by argmax, so a parse need not be a tree): {} sentences without exactly one root, {} with a word its own head, {} with a cycle",
            self.not_one_root, self.self_head, self.cycle
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let mut dirs = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--dense" {
            i += 1;
        } else if args[i].starts_with("--") {
            i += 2;
        } else {
            dirs.push(args[i].clone());
            i += 1;
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: syntax_agreement DIR... [--batch N] [--python PATH]");
        std::process::exit(2);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let python = opt("--python")
        .or_else(|| std::env::var("DYAD_NATASHA_PYTHON").ok())
        .unwrap_or_else(|| {
            let workspace =
                std::fs::canonicalize(root.join("../..")).unwrap_or_else(|_| root.join("../.."));
            workspace
                .join(".cache/natasha-venv/bin/python")
                .display()
                .to_string()
        });
    let script = root.join("scripts/slovnet_syntax.py");
    let layers = if args.iter().any(|a| a == "--dense") {
        dyad_syntax::Layers::Dense
    } else {
        dyad_syntax::Layers::Sparse
    };
    let model = dyad_models::file(&dyad_models::NATASHA, dyad_syntax::MODEL_FILE);
    let navec = dyad_models::file(&dyad_models::NATASHA, dyad_syntax::NAVEC_FILE);
    let parser = model
        .and_then(|m| navec.map(|n| (m, n)))
        .map_err(dyad_syntax::SyntaxError::from)
        .and_then(|(m, n)| dyad_syntax::SlovnetSyntax::load_with(&m, &n, layers))
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });

    let mut total = Tally::default();
    let mut shown = 0;
    for dir in &dirs {
        let texts = read_texts(dir);
        let mut sentences: Vec<Vec<&str>> = Vec::new();
        for text in &texts {
            let seg = dyad_lang::segment(text);
            for r in &seg.sentences {
                sentences.push(seg.tokens[r.clone()].iter().map(|t| t.text(text)).collect());
            }
        }
        let ours = parser.parse_sentences(&sentences);
        let keep = opt("--keep").map(|k| {
            let name = Path::new(dir)
                .file_name()
                .map_or("words".into(), |n| n.to_string_lossy());
            PathBuf::from(k).join(format!("{name}.jsonl"))
        });
        let threads = opt("--python-threads").unwrap_or_else(|| "1".to_string());
        let theirs = slovnet(&python, &script, &sentences, opt("--batch"), &threads, keep);

        let mut tally = Tally::default();
        for (k, ((s, o), t)) in sentences.iter().zip(&ours).zip(&theirs).enumerate() {
            assert_eq!(o.len(), s.len());
            assert_eq!(t.len(), s.len(), "slovnet gave another number of words");
            tally.sentences += 1;
            tally.tokens += s.len();
            tally.longest = tally.longest.max(s.len());
            tally.pads += o.iter().filter(|d| d.rel == dyad_syntax::Rel::Pad).count();
            let roots = o.iter().filter(|d| d.head.is_none()).count();
            tally.not_one_root += (roots != 1) as usize;
            tally.self_head += o.iter().enumerate().any(|(i, d)| d.head == Some(i)) as usize;
            tally.cycle += has_cycle(o) as usize;
            let mut same = true;
            for (w, (dep, (head, rel))) in o.iter().zip(t).enumerate() {
                let our_head = dep.head.map_or(0, |h| h + 1);
                let h = our_head == *head;
                let r = dep.rel.as_str() == rel;
                tally.head += h as usize;
                tally.rel += r as usize;
                tally.both += (h && r) as usize;
                if !(h && r) {
                    same = false;
                    if shown < 20 {
                        shown += 1;
                        println!(
                            "  differs: {dir} sentence {k} ({} words) word {w}: ours {our_head} {}, slovnet's {head} {rel}",
                            s.len(),
                            dep.rel.as_str()
                        );
                    }
                }
            }
            tally.identical += same as usize;
        }
        tally.print(dir);
        total.add(&tally);
    }
    if dirs.len() > 1 {
        total.print("all");
    }
}

/// Whether following heads from some word comes back to a word already passed (a word
/// its own head is not counted here).
fn has_cycle(deps: &[dyad_syntax::Dep]) -> bool {
    (0..deps.len()).any(|start| {
        let mut at = start;
        for _ in 0..deps.len() {
            match deps[at].head {
                None => return false,
                Some(h) if h == at => return false,
                Some(h) => at = h,
            }
            if at == start {
                return true;
            }
        }
        false
    })
}

/// slovnet's parses of `sentences`: per word, its head (0 the root) and relation.
fn slovnet(
    python: &str,
    script: &Path,
    sentences: &[Vec<&str>],
    batch: Option<String>,
    threads: &str,
    keep: Option<PathBuf>,
) -> Vec<Vec<(usize, String)>> {
    let words_file = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("dyad-syntax-words-{}.jsonl", std::process::id()))
    });
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&words_file).expect("temp file"));
        for s in sentences {
            writeln!(f, "{}", serde_json::to_string(s).unwrap()).unwrap();
        }
    }
    let mut cmd = Command::new(python);
    cmd.arg(script).arg("parse");
    if let Some(b) = batch {
        cmd.args(["--batch", &b]);
    }
    for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] {
        cmd.env(var, threads);
    }
    let out = cmd
        .stdin(std::fs::File::open(&words_file).unwrap())
        .stdout(Stdio::piped())
        .output()
        .unwrap_or_else(|e| {
            eprintln!("cannot run {python}: {e}");
            std::process::exit(1)
        });
    if keep.is_none() {
        let _ = std::fs::remove_file(&words_file);
    }
    if !out.status.success() {
        eprintln!("{python} {} failed", script.display());
        std::process::exit(1);
    }
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let parses: Vec<Vec<(usize, String)>> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON list of [head, rel]"))
        .collect();
    assert_eq!(
        parses.len(),
        sentences.len(),
        "slovnet gave another number of sentences"
    );
    parses
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
