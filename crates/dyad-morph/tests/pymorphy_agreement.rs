//! Agreement with pymorphy3 on `data/pymorphy3_reference.tsv`: 3,000 distinct word forms of
//! the factRuEval-2016 devset plus odd tokens (short, upper-case, hyphenated, prefixed,
//! reversed, mixed-script, punctuation, numbers), each with every pymorphy3 analysis.
//! Regenerate with `scripts/compare_pymorphy.py reference …`.

mod common;

#[test]
fn agrees_with_pymorphy3() {
    let Some(m) = common::morph() else { return };
    let text = include_str!("data/pymorphy3_reference.tsv");
    let (mut n, mut top, mut dict_n, mut dict_top, mut full, mut scores) = (0, 0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for line in text.split('\n').filter(|l| !l.is_empty()) {
        let mut cols = line.split('\t');
        let (Some(word), Some(method), Some(cells)) = (cols.next(), cols.next(), cols.next())
        else {
            panic!("bad reference line {line:?}")
        };
        let want: Vec<(&str, &str, f64)> = cells
            .split(';')
            .map(|c| {
                let mut it = c.rsplitn(3, '|');
                let score = it.next().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
                let tag = it.next().unwrap_or("");
                let nf = it.next().unwrap_or("");
                (nf, tag, score)
            })
            .collect();
        let got = m.parse(word);
        n += 1;
        let ok = got[0].normal_form == want[0].0 && got[0].tag.as_str() == want[0].1;
        top += ok as usize;
        if method == "DictionaryAnalyzer" {
            dict_n += 1;
            dict_top += ok as usize;
        }
        let same_list = got.len() == want.len()
            && got
                .iter()
                .zip(&want)
                .all(|(g, w)| g.normal_form == w.0 && g.tag.as_str() == w.1);
        full += same_list as usize;
        scores += (same_list
            && got
                .iter()
                .zip(&want)
                .all(|(g, w)| (g.score - w.2).abs() < 1e-5)) as usize;
        if !ok && misses.len() < 20 {
            misses.push(format!(
                "{word:?}: pymorphy {:?}, we {} {}",
                want[0], got[0].normal_form, got[0].tag
            ));
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    eprintln!(
        "{n} words: top parse {:.2}%, dictionary words ({dict_n}) {:.2}%, whole list {:.2}%, with scores {:.2}%",
        pct(top, n),
        pct(dict_top, dict_n),
        pct(full, n),
        pct(scores, n)
    );
    for miss in &misses {
        eprintln!("  {miss}");
    }
    assert!(n > 4000);
    assert!(
        pct(dict_top, dict_n) >= 99.9,
        "dictionary words: {:.2}%",
        pct(dict_top, dict_n)
    );
    assert!(pct(top, n) >= 99.5, "all words: {:.2}%", pct(top, n));
    assert!(pct(full, n) >= 99.0, "whole lists: {:.2}%", pct(full, n));
}
