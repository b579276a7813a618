#!/usr/bin/env python3
"""pymorphy's speed on the words of a folder of .txt files, split as morph_speed.rs does
(on non-letters): load time, words/s for parse() and for parse()[0].normal_form, peak memory.

    python3 pymorphy_speed.py DIR
"""
import glob
import os
import re
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from compare_pymorphy import analyzer  # noqa: E402


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/factru-2016/devset"
    words = []
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.txt"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            words.extend(w for w in re.split(r"[^\w]|[\d_]", f.read()) if w)
    print("%d words from %s" % (len(words), folder))
    t = time.perf_counter()
    morph = analyzer()
    print("load: %.3f s" % (time.perf_counter() - t))
    t = time.perf_counter()
    for w in words:
        morph.parse(w)[0].normal_form
    dt = time.perf_counter() - t
    print("parse: %.0f words/s (%.3f s)" % (len(words) / dt, dt))
    print("peak memory (ru_maxrss): %.1f MB" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


if __name__ == "__main__":
    main()
