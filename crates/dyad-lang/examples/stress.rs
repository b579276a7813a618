fn main() {
    let cases: Vec<(&str, String)> = vec![
        ("dots", ".".repeat(200_000)),
        ("a.", "a.".repeat(100_000)),
        ("а.", "а.".repeat(100_000)),
        ("a-", "a-".repeat(100_000)),
        ("1,", "1,".repeat(100_000)),
        ("1:", "1:".repeat(100_000)),
        ("x@", "x@".repeat(100_000)),
        ("a.b@", "a.b@".repeat(50_000)),
        ("«", "«".repeat(100_000)),
        (" \\n", " \n".repeat(100_000)),
        ("А. ", "А. ".repeat(100_000)),
        ("word", "я".repeat(500_000)),
        ("url)", format!("http://a{}", ")".repeat(200_000))),
        (
            "«1.",
            format!("{} {}", "«".repeat(100_000), "1. А ".repeat(50_000)),
        ),
        ("sent", "слово, ".repeat(7_200)),
    ];
    for (name, text) in &cases {
        let t = std::time::Instant::now();
        let s = dyad_lang::segment(text);
        println!(
            "{name:6} {:8} tokens {:6} sentences {:.3}s",
            s.tokens.len(),
            s.sentences.len(),
            t.elapsed().as_secs_f64()
        );
    }
}
