"""Reference parses and speed of Python slovnet's syntax model (natasha 1.6.0's
NewsSyntaxParser) on pre-tokenised sentences.

usage:
  python slovnet_syntax.py parse [--batch N] < words.jsonl > deps.jsonl
  python slovnet_syntax.py bench [SECONDS] < words.jsonl

Each input line is a JSON list of words (one sentence). The words go straight into
slovnet's encoder (natasha's `parser.map`, which is what `Doc.parse_syntax` calls), so no
tokeniser runs and both sides see the same words.

parse: each output line is the JSON list of [head, rel] of the sentence's words, as slovnet
gives them: head 0 is the root, j >= 1 the j-th word; rel is the label string. By default
every sentence is its own batch; --batch N puts N sentences in a batch, natasha's default
being 8 (shorter sentences padded with the <pad> word and shape).

bench: parses all sentences with natasha's batching (8 a batch) once (the first pass), then
again until SECONDS (default 5) have gone; prints one JSON line with the load time, the
sentences and words, the first pass's and the later passes' seconds, the fastest pass and
the peak resident memory. For one core, set OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
MKL_NUM_THREADS=1 before starting Python.
"""
import json
import resource
import sys
import time


def load():
    from natasha import NewsEmbedding, NewsSyntaxParser
    return NewsSyntaxParser(NewsEmbedding())


def parse(sentences, batch):
    parser = load()
    parser.batch_size = batch
    parser.infer.encoder.batch_size = batch
    out = sys.stdout
    nonempty = [s for s in sentences if s]
    markups = iter(parser.map(nonempty))
    for s in sentences:
        deps = []
        if s:
            markup = next(markups)
            assert [t.text for t in markup.tokens] == s
            deps = [[int(t.head_id), t.rel] for t in markup.tokens]
        out.write(json.dumps(deps, ensure_ascii=False))
        out.write("\n")


def bench(sentences, seconds):
    t0 = time.perf_counter()
    parser = load()
    load_s = time.perf_counter() - t0
    nonempty = [s for s in sentences if s]
    words = sum(len(s) for s in nonempty)

    def one_pass():
        start = time.perf_counter()
        n = 0
        for markup in parser.map(nonempty):
            n += len(markup.tokens)
        assert n == words
        return time.perf_counter() - start

    first = one_pass()
    passes, best, start = 0, float("inf"), time.perf_counter()
    while passes == 0 or time.perf_counter() - start < seconds:
        best = min(best, one_pass())
        passes += 1
    later = time.perf_counter() - start
    print(json.dumps({
        "load_s": load_s,
        "sentences": len(nonempty),
        "words": words,
        "first_pass_s": first,
        "first_sentences_per_s": len(nonempty) / first,
        "first_words_per_s": words / first,
        "later_passes": passes,
        "later_sentences_per_s": passes * len(nonempty) / later,
        "later_words_per_s": passes * words / later,
        "fastest_pass_words_per_s": words / best,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("parse", "bench"):
        sys.exit(__doc__)
    sentences = [json.loads(line) for line in sys.stdin if line.strip()]
    if args[0] == "parse":
        batch = int(args[args.index("--batch") + 1]) if "--batch" in args else 1
        parse(sentences, batch)
    else:
        bench(sentences, float(args[1]) if len(args) > 1 else 5.0)


if __name__ == "__main__":
    main()
