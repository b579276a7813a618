//! Prints where dyad's tokens and sentences differ from a factRuEval folder's `.tokens`.
//!
//!     cargo run --release -p dyad-eval --example factru_segment_diff -- DIR [tokens|sentences]
use dyad_eval::factru::{gold_spans, predict, read_folder};
use std::collections::HashSet;
use std::ops::Range;

fn show(text: &[char], r: &Range<usize>, ctx: usize) -> String {
    let a = r.start.saturating_sub(ctx);
    let b = (r.end + ctx).min(text.len());
    let s: String = text[a..r.start].iter().collect();
    let m: String = text[r.start..r.end].iter().collect();
    let e: String = text[r.end..b].iter().collect();
    format!("{s:?}[{m}]{e:?}")
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).expect("DIR"));
    let what = args.get(2).map(String::as_str).unwrap_or("both");
    for doc in read_folder(&dir)? {
        let chars: Vec<char> = doc.text.chars().collect();
        let (gt, gs) = gold_spans(&doc);
        let p = predict(&doc.text, &dyad_lang::segment(&doc.text));
        let pairs = [("tok", gt, p.tokens, 15), ("sent", gs, p.sentences, 0)];
        for (kind, gold, pred, ctx) in pairs {
            if (what == "tokens" && kind == "sent") || (what == "sentences" && kind == "tok") {
                continue;
            }
            let g: HashSet<_> = gold.iter().map(|r| (r.start, r.end)).collect();
            let q: HashSet<_> = pred.iter().map(|r| (r.start, r.end)).collect();
            for r in &gold {
                if !q.contains(&(r.start, r.end)) {
                    let r2 = if kind == "sent" {
                        r.start..r.start.max(r.end.min(r.start + 80))
                    } else {
                        r.clone()
                    };
                    let tail: String = chars[r.end.saturating_sub(40).max(r.start)..r.end]
                        .iter()
                        .collect();
                    println!(
                        "{} {kind} MISS {} ... {tail:?}",
                        doc.name,
                        show(&chars, &r2, ctx)
                    );
                }
            }
            for r in &pred {
                if !g.contains(&(r.start, r.end)) {
                    let r2 = if kind == "sent" {
                        r.start..r.start.max(r.end.min(r.start + 80))
                    } else {
                        r.clone()
                    };
                    let tail: String = chars[r.end.saturating_sub(40).max(r.start)..r.end]
                        .iter()
                        .collect();
                    println!(
                        "{} {kind} EXTRA {} ... {tail:?}",
                        doc.name,
                        show(&chars, &r2, ctx)
                    );
                }
            }
        }
    }
    let s = dyad_eval::factru::score_segmentation(&dir, dyad_lang::segment)?;
    for (name, p) in [("tokens", s.tokens), ("sentences", s.sentences)] {
        eprintln!(
            "{name:<9} P={:.4} R={:.4} F1={:.4} (tp {} fp {} fn {})",
            p.precision(),
            p.recall(),
            p.f1(),
            p.tp,
            p.fp,
            p.fn_
        );
    }
    Ok(())
}
