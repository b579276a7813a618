//! A whole annotated text parsed: each token's head as a token index of the text, with
//! editor's notes left out of what the parser reads.

use crate::SlovnetSyntax;
use dyad_lang::Annotated;
use std::ops::Range;

/// Each token's head and relation in its sentence's tree, heads as token indices of the
/// text (a word the model made its own head is a root).
///
/// An editor's note inside a sentence ("в связи с ожидаемым (подписанием - ред.) мирным
/// соглашением") is no part of its syntax: the parser reads the sentence without it, and the
/// note hangs on the word before it as `parataxis`.
pub(crate) fn parse(
    syntax: &SlovnetSyntax,
    annotated: &Annotated,
    wanted: &dyn Fn(Range<usize>) -> bool,
) -> Vec<dyad_lang::Dep> {
    let seg = &annotated.seg;
    let keys = &annotated.keys;
    let mut deps = vec![
        dyad_lang::Dep {
            head: None,
            rel: "root",
        };
        seg.tokens.len()
    ];
    let word = |k: usize| {
        let t = &seg.tokens[k];
        annotated.text.get(t.start..t.end).unwrap_or("")
    };
    // each wanted sentence's editor's notes and the tokens the parser reads, as token
    // indices of the text
    let plans: Vec<(Vec<Range<usize>>, Vec<usize>)> = seg
        .sentences
        .iter()
        .map(|r| {
            let r = r.start.min(keys.len())..r.end.min(keys.len());
            if !wanted(r.clone()) {
                return (Vec::new(), Vec::new());
            }
            let notes: Vec<Range<usize>> = editorial_notes(&keys[r.clone()])
                .into_iter()
                .map(|n| r.start + n.start..r.start + n.end)
                .collect();
            let read = r.filter(|k| !notes.iter().any(|n| n.contains(k))).collect();
            (notes, read)
        })
        .collect();
    let sentences: Vec<Vec<&str>> = plans
        .iter()
        .map(|(_, ks)| ks.iter().map(|&k| word(k)).collect())
        .collect();
    for ((notes, ks), parsed) in plans.iter().zip(syntax.parse_sentences(&sentences)) {
        for (i, d) in parsed.into_iter().enumerate() {
            deps[ks[i]] = dyad_lang::Dep {
                head: d.head.filter(|&h| h != i).map(|h| ks[h]),
                rel: d.rel.as_str(),
            };
        }
        if ks.is_empty() {
            continue;
        }
        for note in notes {
            let before = ks.iter().rev().find(|&&k| k < note.start).copied();
            let opening = note.start + 1; // the note's first word, after "("
            for (k, dep) in deps.iter_mut().enumerate().take(note.end).skip(note.start) {
                *dep = if k == opening {
                    dyad_lang::Dep {
                        head: before,
                        rel: "parataxis",
                    }
                } else {
                    dyad_lang::Dep {
                        head: Some(opening),
                        rel: "punct",
                    }
                };
            }
        }
    }
    deps
}

/// Where editor's notes stand in a sentence's keys: "(" up to four words, a dash, "ред",
/// optionally ".", then ")".
fn editorial_notes(keys: &[String]) -> Vec<Range<usize>> {
    let mut notes = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        if keys[i] == "(" {
            let close = (i + 1..keys.len().min(i + 9)).find(|&j| keys[j] == ")");
            if let Some(c) = close {
                let inner = &keys[i + 1..c];
                let inner = match inner.split_last() {
                    Some((last, rest)) if last == "." => rest,
                    _ => inner,
                };
                let is_note = inner.len() >= 3
                    && inner.last().is_some_and(|w| w == "ред")
                    && matches!(inner[inner.len() - 2].as_str(), "-" | "–" | "—");
                if is_note {
                    notes.push(i..c + 1);
                    i = c + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::editorial_notes;

    fn keys(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn editors_notes_are_found() {
        let k = keys("в связи с ожидаемым ( подписанием - ред . ) мирным соглашением");
        assert_eq!(editorial_notes(&k), vec![4..10]);
        let k = keys("министр ( Иван Петров – ред ) сказал");
        assert_eq!(editorial_notes(&k), vec![1..7]);
        // a bracket that is no note, and one never closed
        assert!(editorial_notes(&keys("в 2025 году ( впервые ) страна")).is_empty());
        assert!(editorial_notes(&keys("( подписанием - ред")).is_empty());
    }
}
