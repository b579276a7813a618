#!/usr/bin/env python3
"""Compare dyad-morph with pymorphy3 on word forms from a folder of .txt files.

    python3 compare_pymorphy.py reference DIR OUT.tsv [--limit N]
        parse the distinct word forms of DIR/*.txt with pymorphy and write, per word,
        `word <TAB> method of the top parse <TAB> nf|tag|score;nf|tag|score;...`
    python3 compare_pymorphy.py reference-words WORDS.txt OUT.tsv
        the same for the words of a file, one a line
    python3 compare_pymorphy.py compare REF.tsv RUST.tsv
        RUST.tsv is `morph_dump` output for the same words; prints agreement of the top
        parse (lemma and tag), overall and for dictionary words, and of the whole parse list.

pymorphy3 is used when importable; otherwise pymorphy2 (as in natasha's environment) is
patched to read the pymorphy3 dictionary (its prediction DAWGs store the count as a u32,
">IHH"). The dictionary folder is $DYAD_MORPH_DICT or the dyad model cache.
"""
import glob
import inspect
import os
import re
import sys


def dict_path():
    p = os.environ.get("DYAD_MORPH_DICT")
    if p:
        return p
    cache = os.environ.get("DYAD_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "dyad")
    return os.path.join(cache, "pymorphy3-dicts-ru-2.4.417150.4580142", "pymorphy3_dicts_ru", "data")


def analyzer():
    try:
        import pymorphy3 as pm
    except ImportError:
        if not hasattr(inspect, "getargspec"):
            inspect.getargspec = lambda f: inspect.getfullargspec(f)[:4]
        import pymorphy2 as pm
        import pymorphy2.dawg
        pymorphy2.dawg.PredictionSuffixesDAWG.DATA_FORMAT = ">IHH"
    return pm.MorphAnalyzer(path=dict_path())


WORD_RE = re.compile(r"\w+(?:-\w+)*")


def words_of(folder, limit):
    seen, out = set(), []
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            for w in WORD_RE.findall(f.read()):
                if w not in seen:
                    seen.add(w)
                    out.append(w)
                    if limit and len(out) >= limit:
                        return out
    return out


def reference(words, out_path):
    morph = analyzer()
    with open(out_path, "w", encoding="utf-8") as out:
        for w in words:
            ps = morph.parse(w)
            method = type(ps[0].methods_stack[-1][0]).__name__
            cells = ";".join("%s|%s|%.6f" % (p.normal_form, p.tag, p.score) for p in ps)
            out.write("%s\t%s\t%s\n" % (w, method, cells))


def read_rust(path):
    res = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            w, i, nf, tag, score, source = line.rstrip("\n").split("\t")
            res.setdefault(w, []).append((nf, tag, float(score)))
    return res


def compare(ref_path, rust_path):
    rust = read_rust(rust_path)
    n = top = dict_n = dict_top = full = scores = 0
    misses = []
    with open(ref_path, encoding="utf-8") as f:
        for line in f:
            w, method, cells = line.rstrip("\n").split("\t")
            ref = [tuple(c.rsplit("|", 2)) for c in cells.split(";")]
            got = rust.get(w, [])
            n += 1
            ok = bool(got) and (got[0][0], got[0][1]) == (ref[0][0], ref[0][1])
            top += ok
            if method == "DictionaryAnalyzer":
                dict_n += 1
                dict_top += ok
            same_list = [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in ref]
            full += same_list
            scores += same_list and all(abs(g[2] - float(r[2])) < 1e-5 for g, r in zip(got, ref))
            if not ok and len(misses) < 30:
                misses.append((w, ref[0][:2], got[0][:2] if got else None))
    print("words: %d" % n)
    print("top parse lemma+tag: %.2f%%" % (100.0 * top / max(n, 1)))
    print("dictionary words: %d, top parse lemma+tag: %.2f%%" % (dict_n, 100.0 * dict_top / max(dict_n, 1)))
    print("whole parse list (lemma+tag, in order): %.2f%%" % (100.0 * full / max(n, 1)))
    print("whole parse list with scores (within 1e-5): %.2f%%" % (100.0 * scores / max(n, 1)))
    for m in misses:
        print("  differs:", *m)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["reference"] and len(args) >= 3:
        limit = int(args[args.index("--limit") + 1]) if "--limit" in args else 0
        reference(words_of(args[1], limit), args[2])
    elif args[:1] == ["reference-words"] and len(args) == 3:
        with open(args[1], encoding="utf-8") as f:
            words = [w for w in f.read().split("\n") if w and "\t" not in w]
        reference(words, args[2])
    elif args[:1] == ["compare"] and len(args) == 3:
        compare(args[1], args[2])
    else:
        sys.exit(__doc__)
