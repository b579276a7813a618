//! Token-tag agreement of dyad-ner with Python slovnet on a folder of .txt files.
//!
//! usage: cargo run --release -p dyad-ner --example ner_agreement -- DIR [--batch N] [--python PATH]
//!
//! Segments every text with `dyad_lang::segment`, gives each sentence's words to
//! `scripts/slovnet_tags.py` (natasha's slovnet, one sentence a batch unless --batch N),
//! tags the same words here and prints the share of tokens whose tags agree, the share of
//! entity spans found alike, and the first disagreements. The Python is
//! `$DYAD_NATASHA_PYTHON`, else `.cache/natasha-venv/bin/python` in the workspace.
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: ner_agreement DIR [--batch N] [--python PATH]");
        std::process::exit(2);
    };
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
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
    let script = root.join("scripts/slovnet_tags.py");

    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read text"))
        .collect();
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    for text in &texts {
        let seg = dyad_lang::segment(text);
        for r in &seg.sentences {
            sentences.push(seg.tokens[r.clone()].iter().map(|t| t.text(text)).collect());
        }
    }

    let ner = dyad_ner::SlovnetNer::load().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let ours = ner.tag_sentences(&sentences);

    let words_file =
        std::env::temp_dir().join(format!("dyad-ner-words-{}.jsonl", std::process::id()));
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&words_file).expect("temp file"));
        for s in &sentences {
            writeln!(f, "{}", serde_json::to_string(s).unwrap()).unwrap();
        }
    }
    let mut cmd = Command::new(&python);
    cmd.arg(&script);
    if let Some(b) = opt("--batch") {
        cmd.args(["--batch", &b]);
    }
    let out = cmd
        .stdin(std::fs::File::open(&words_file).unwrap())
        .stdout(Stdio::piped())
        .output()
        .unwrap_or_else(|e| panic!("running {python}: {e}"));
    let _ = std::fs::remove_file(&words_file);
    if !out.status.success() {
        eprintln!(
            "{python} {} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        std::process::exit(1);
    }
    let theirs: Vec<Vec<String>> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON list of tags"))
        .collect();
    assert_eq!(
        theirs.len(),
        sentences.len(),
        "one line of tags per sentence"
    );

    let (mut tokens, mut agree, mut sent_agree) = (0usize, 0usize, 0usize);
    let mut confusion: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let (mut spans_theirs, mut spans_ours, mut spans_both) = (0usize, 0usize, 0usize);
    let mut shown = 0;
    for ((words, o), t) in sentences.iter().zip(&ours).zip(&theirs) {
        assert_eq!(o.len(), t.len(), "tags per word");
        let mut same = true;
        for (a, b) in o.iter().zip(t) {
            tokens += 1;
            if a.as_str() == b {
                agree += 1;
            } else {
                same = false;
                *confusion.entry((b.clone(), a.as_str())).or_default() += 1;
            }
        }
        let so = spans(o.iter().map(|t| t.as_str()));
        let st = spans(t.iter().map(|t| t.as_str()));
        spans_ours += so.len();
        spans_theirs += st.len();
        spans_both += so.iter().filter(|s| st.contains(s)).count();
        if same {
            sent_agree += 1;
        } else if shown < 8 {
            shown += 1;
            let line: Vec<String> = words
                .iter()
                .zip(o.iter().zip(t))
                .map(|(w, (a, b))| {
                    if a.as_str() == b {
                        w.to_string()
                    } else {
                        format!("{w}[py {b} / rs {}]", a.as_str())
                    }
                })
                .collect();
            println!("differs: {}", line.join(" "));
        }
    }
    println!(
        "texts {}  sentences {}  tokens {}",
        texts.len(),
        sentences.len(),
        tokens
    );
    println!(
        "token-tag agreement {:.3}% ({agree}/{tokens}); sentences alike {:.2}%",
        100.0 * agree as f64 / tokens.max(1) as f64,
        100.0 * sent_agree as f64 / sentences.len().max(1) as f64
    );
    println!(
        "entity spans: slovnet {spans_theirs}, dyad-ner {spans_ours}, same {spans_both} ({:.3}% of slovnet's)",
        100.0 * spans_both as f64 / spans_theirs.max(1) as f64
    );
    for ((py, rs), n) in &confusion {
        println!("  slovnet {py:6} dyad-ner {rs:6} {n}");
    }
}

/// (start, end, type) token spans by slovnet's BIO rules.
fn spans<'a>(tags: impl Iterator<Item = &'a str>) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, String)> = None;
    for (i, tag) in tags.enumerate() {
        if tag == "O" {
            out.extend(open.take());
        } else if let Some(kind) = tag.strip_prefix("B-") {
            out.extend(open.take());
            open = Some((i, i + 1, kind.to_string()));
        } else if tag.starts_with("I-") {
            if let Some(s) = open.as_mut() {
                s.1 = i + 1;
            }
        }
    }
    out.extend(open);
    out
}
