#!/usr/bin/env python3
"""Writes N articles (default 10,000) into OUT_DIR for the corpus benchmark
(bench/corpus.mjs): CoNLL-2003 train and dev cut back into articles, one per
story (a dateline such as `LONDON 1996-08-30` starts one; the sentence before
it is its title), four sentences a paragraph
and a '## Part N' heading every three paragraphs; past the stories CoNLL
has, synthetic articles made from its sentences, shuffled with a fixed
seed (so the vocabulary and the names are news, the articles new). Needs
../shared/data/conll2003; nothing here is committed.

    python3 bench/make-library.py OUT_DIR [N]
"""
import os, random, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
data = os.path.join(root, "..", "shared", "data", "conll2003")
if not os.path.exists(os.path.join(data, "train.txt")):
    sys.exit("make-library: ../shared/data/conll2003/train.txt not found (the CoNLL data lives only in the workplace)")
dateline = re.compile(r"^[A-Z][A-Z .,'()/-]* \d{4}-\d\d-\d\d$")
docs, doc, cur = [], [], []
for name in ("train.txt", "dev.txt"):
    for line in open(os.path.join(data, name), encoding="utf-8"):
        line = line.strip()
        if line.startswith("-DOCSTART-"):
            if doc:
                docs.append(doc)
            doc = []
        elif not line:
            if cur:
                sentence = " ".join(cur)
                # A dateline ("LONDON 1996-08-30") starts a story; the line before it is its title.
                if dateline.match(sentence) and doc:
                    title = doc.pop()
                    if doc:
                        docs.append(doc)
                    doc = [title]
                doc.append(sentence)
            cur = []
        else:
            cur.append(line.split(" ")[0])
if doc:
    docs.append(doc)
docs = [d for d in docs if len(d) >= 3]
rng = random.Random(14)
pool = [s for d in docs for s in d[1:]]


def article(sents):
    title, body = sents[0], sents[1:]
    paras = [" ".join(body[i:i + 4]) for i in range(0, len(body), 4)]
    parts = ["\n\n".join(paras[i:i + 3]) for i in range(0, len(paras), 3)]
    return title + "\n\n" + "".join((f"\n\n## Part {k + 1}\n\n" if k else "") + p for k, p in enumerate(parts)) + "\n"


os.makedirs(out, exist_ok=True)
total = 0
for i in range(n):
    if i < len(docs):
        sents = docs[i]
    else:
        size = rng.randint(6, 40)
        start = rng.randrange(len(pool) - size)
        sents = [pool[start]] + rng.sample(pool, size)
    text = article(sents)
    total += len(text.encode("utf-8"))
    with open(os.path.join(out, f"{i:05d}.txt"), "w", encoding="utf-8") as f:
        f.write(text)
print(f"make-library: {n} articles, {total} bytes into {out}")
