//! Prints the sentences dyad finds in text files, one a line: `FILE<TAB>START<TAB>END<TAB>TEXT`
//! with character offsets (newlines in the text shown as `⏎`).
//!
//!     cargo run --release -p dyad-lang --example segment_dump -- FILE...
fn main() -> std::io::Result<()> {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let seg = dyad_lang::segment(&text);
        let mut chars_before = vec![0usize; text.len() + 1];
        let mut n = 0;
        let mut last = 0;
        for (b, _) in text.char_indices() {
            for x in chars_before.iter_mut().take(b + 1).skip(last) {
                *x = n;
            }
            last = b + 1;
            n += 1;
        }
        for x in chars_before.iter_mut().skip(last) {
            *x = n;
        }
        for i in 0..seg.sentences.len() {
            let r = seg.sentence_span(i);
            println!(
                "{path}\t{}\t{}\t{}",
                chars_before[r.start],
                chars_before[r.end],
                text[r].replace('\n', "⏎")
            );
        }
    }
    Ok(())
}
