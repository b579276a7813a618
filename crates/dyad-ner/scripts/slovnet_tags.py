"""Reference tags from Python slovnet (natasha 1.6.0's NewsNERTagger) for pre-tokenised sentences.

usage: python slovnet_tags.py [--batch N] < words.jsonl > tags.jsonl

Each input line is a JSON list of words (one sentence); each output line is the JSON list of
slovnet's BIO tags for it ("O", "B-PER", ..., and "<pad>" should the CRF ever choose the pad
tag). The words go straight into slovnet's encoder, so its tokeniser is never used and both
sides see the same words.

By default every sentence is its own batch: the sequence is zero-padded on both sides, which
is what dyad-ner computes. With --batch N, N sentences share a batch as in slovnet's
`NER.map` (default batch size 8); slovnet pads the shorter ones with the <pad> word and
shape, whose embeddings are zero vectors in natasha's model, so the tags come out the same.
"""
import json
import sys

from natasha import NewsEmbedding, NewsNERTagger


def main():
    batch = 1
    args = sys.argv[1:]
    if args[:1] == ["--batch"]:
        batch = int(args[1])
    ner = NewsNERTagger(NewsEmbedding())
    infer = ner.infer
    sentences = [json.loads(line) for line in sys.stdin if line.strip()]
    out = sys.stdout
    for start in range(0, len(sentences), batch):
        chunk = sentences[start:start + batch]
        nonempty = [s for s in chunk if s]
        tags = iter([])
        if nonempty:
            items = [infer.encoder.item(s) for s in nonempty]
            input = infer.encoder.input(items)
            pred = infer.model(input.word_id, input.shape_id, input.pad_mask)
            decoded = infer.model.head.crf.decode(pred, ~input.pad_mask)
            tags = infer.decoder(decoded)
        for s in chunk:
            out.write(json.dumps(next(tags) if s else [], ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main()
