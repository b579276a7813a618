"""Natasha 1.6.0's NER spans for each text of a folder, as JSON lines
{"name": "book_100", "spans": [[start, end, "PER"], ...]} (character offsets), so that
`dyad eval ner --predictions FILE` scores them with the very scorer that scores dyad.

usage: python natasha_ner_spans.py DIR > natasha.jsonl
"""
import json
import os
import sys

from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

folder = sys.argv[1]
segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())
for f in sorted(os.listdir(folder)):
    if not f.endswith(".txt"):
        continue
    doc = Doc(open(os.path.join(folder, f), encoding="utf-8").read())
    doc.segment(segmenter)
    doc.tag_ner(ner)
    print(json.dumps({"name": f[:-4], "spans": [[s.start, s.stop, s.type] for s in doc.spans]}, ensure_ascii=False))
