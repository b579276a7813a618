"""Throughput of natasha 1.6.0 on a folder of texts, for `dyad bench` to print beside its own.

usage: python natasha_bench.py MODE DIR [SECONDS]
MODE: ner (segmenter + NER, what natasha's NER needs) or full (segment + morph + syntax +
NER + normalisation). Prints one JSON line: articles, bytes, seconds, articles_per_s,
mb_per_s, peak_mb, load_s, first_pass_s (the first pass
alone: texts never seen), pass_articles. One process, one thread of Python (numpy may use BLAS threads;
set OMP_NUM_THREADS/OPENBLAS_NUM_THREADS=1 to pin it to a core).
"""
import json
import os
import resource
import sys
import time


def main():
    mode, folder = sys.argv[1], sys.argv[2]
    min_seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    files = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
    texts = [open(os.path.join(folder, f), encoding="utf-8").read() for f in files]
    t0 = time.perf_counter()
    from natasha import Segmenter, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, NewsNERTagger, Doc
    segmenter = Segmenter()
    emb = NewsEmbedding()
    ner = NewsNERTagger(emb)
    if mode == "full":
        morph_vocab = MorphVocab()
        morph = NewsMorphTagger(emb)
        syntax = NewsSyntaxParser(emb)
    load_s = time.perf_counter() - t0

    def run(text):
        doc = Doc(text)
        doc.segment(segmenter)
        if mode == "full":
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        if mode == "full":
            for span in doc.spans:
                span.normalize(morph_vocab)
        return len(doc.spans)

    passes, start, first_pass_s = 0, time.perf_counter(), 0.0
    while True:
        for t in texts:
            run(t)
        passes += 1
        if passes == 1:
            first_pass_s = time.perf_counter() - start
        if time.perf_counter() - start >= min_seconds:
            break
    seconds = time.perf_counter() - start
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    print(json.dumps({
        "mode": mode,
        "articles": len(texts) * passes,
        "bytes": n_bytes * passes,
        "seconds": seconds,
        "articles_per_s": len(texts) * passes / seconds,
        "mb_per_s": n_bytes * passes / 1e6 / seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load_s": load_s,
        "first_pass_s": first_pass_s,
        "pass_articles": len(texts),
    }))


if __name__ == "__main__":
    main()
