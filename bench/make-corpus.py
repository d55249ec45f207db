#!/usr/bin/env python3
"""Writes benchmark inputs to target/bench/: the CoNLL-2003 dev text rebuilt
as an article (sentences joined with spaces, a paragraph every 5 sentences;
only when ../shared holds the data) and the seed repeated to about 1 MB.
Nothing here is committed: it is rebuilt from the data on each run."""
import os, sys, glob
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "target", "bench")
os.makedirs(out, exist_ok=True)
dev = os.path.join(root, "..", "shared", "data", "conll2003", "dev.txt")
written = []
if os.path.exists(dev):
    sents, cur = [], []
    for line in open(dev, encoding="utf-8"):
        line = line.strip()
        if not line:
            if cur:
                sents.append(" ".join(cur))
            cur = []
        elif not line.startswith("-DOCSTART-"):
            cur.append(line.split(" ")[0])
    paras = [" ".join(sents[i:i + 5]) for i in range(0, len(sents), 5)]
    path = os.path.join(out, "conll-dev.txt")
    open(path, "w", encoding="utf-8").write("CoNLL-2003 dev as one article\n\n" + "\n\n".join(paras) + "\n")
    written.append(path)
else:
    print("make-corpus: ../shared/data/conll2003/dev.txt not found; benchmarking the seeds only", file=sys.stderr)
seed = open(sorted(glob.glob(os.path.join(root, "seeds", "*.txt")))[0], encoding="utf-8").read()
path = os.path.join(out, "seed-x300.txt")
open(path, "w", encoding="utf-8").write(seed + ("\n" + seed.split("\n", 1)[1]) * 299)
written.append(path)
print("\n".join(written))
