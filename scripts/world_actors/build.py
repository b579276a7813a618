#!/usr/bin/env python3
"""Builds dyad's world table of people, crates/dyad-actors/data/world/people.tsv, from

- the Phoenix / CAMEO dictionaries (MIT; ../shared/reference/phoenix): who held an office
  of which state or international organisation, in which sector, between which dates;
- our Russian data in crates/dyad-actors/data/world/:
  - ru_names.tsv: the Russian spelling news uses for a Phoenix name (written by us);
  - offices.tsv: dated offices written by us in Russian, for what Phoenix lacks (its
    titles, people after 2014, officials it never held); every line is marked for review;
- crates/dyad-actors/data/people.toml and states.toml, the curated part: a person it holds
  is left to it (not repeated here), and only known state codes are kept.

A Phoenix name with no Russian spelling of ours is transliterated (translit.py) and marked
`generated`. The output is sorted and stable: running the script twice gives the same file.

Usage: python3 scripts/world_actors/build.py [--phoenix DIR]
"""

import argparse
import collections
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "crates", "dyad-actors", "data")
sys.path.insert(0, HERE)

import phoenix  # noqa: E402
import translit  # noqa: E402

# Phoenix's international codes (the last three letters of an IGO role) → our organisation ids
IGO_CODES = {
    "UNO": "UN", "NAT": "NATO", "WBK": "WB", "WHO": "WHO", "OPC": "OPEC", "IAE": "IAEA",
    "SAA": "SAARC", "EBR": "EBRD", "KID": "UNICEF", "ILO": "ILO", "IMF": "IMF", "ADB": "ADB",
    "ASN": "ASEAN", "AFU": "AU", "AOU": "AU", "WTO": "WTO", "ARL": "ARAB_LEAGUE",
    "ITP": "INTERPOL", "ICC": "ICC", "GCC": "GCC", "CIS": "CIS", "OAS": "OAS",
    "WAS": "ECOWAS", "EEC": "EC", "EUR": "EU",
}

# Phoenix sectors that decide a person's sector over GOV (GOVMIL: a defence minister)
OVER_GOV = ["MIL", "SPY", "COP", "JUD", "LEG"]

# roles that ended before this year are left out: the news dyad reads is of this century
SINCE = "1990"


def fold(s: str) -> str:
    return " ".join(s.lower().replace("ё", "е").split())


def loose(s: str) -> str:
    """The loose key dyad's linker uses (crates/dyad-link: `loose_key`): soft and hard
    signs, й/и, э/е, doubled letters and hyphens do not count."""
    s = fold(s).replace("-", " ")
    s = s.replace("ь", "").replace("ъ", "").replace("й", "и").replace("э", "е").replace("ы", "и")
    s = re.sub(r"(.)\1+", r"\1", s)
    return " ".join(s.split())


def read_tsv(path):
    if not os.path.exists(path):
        return []
    rows = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((n, line.split("\t")))
    return rows


def sector_of(sectors):
    for s in OVER_GOV:
        if s in sectors:
            return s
    if sectors and sectors[0] == "ELI":
        return "ELI"
    return "GOV"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phoenix", default=os.path.join(ROOT, "..", "shared", "reference", "phoenix"))
    args = ap.parse_args()
    if not os.path.isdir(args.phoenix):
        sys.exit(f"build.py: no Phoenix dictionaries at {args.phoenix} (pass --phoenix DIR)")

    states = tomllib.load(open(os.path.join(DATA, "states.toml"), "rb"))["state"]
    codes = {s["code"] for s in states}
    orgs = {o["id"] for o in tomllib.load(open(os.path.join(DATA, "organizations.toml"), "rb"))["org"]}
    curated = tomllib.load(open(os.path.join(DATA, "people.toml"), "rb"))["person"]
    curated_ids = {p["id"] for p in curated}
    curated_keys = set()
    for p in curated:
        for n in [p["name"], *p.get("aliases", [])] + (
            [p["first"] + " " + p["surname"]] if p.get("first") and p.get("surname") else []
        ):
            curated_keys.add(loose(n))

    # Phoenix people (Countries and International), merged by their Latin name
    people = collections.OrderedDict()
    for fname in ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"]:
        for e in phoenix.read(os.path.join(args.phoenix, fname)):
            dated = any(r.start or r.end for r in e.roles)
            if e.code and not dated:
                continue  # a state, an organisation or a group, not a person
            offices = []
            for r in e.roles:
                if r.end and r.end[:4] < SINCE:
                    continue
                if r.country == "IGO":
                    org = IGO_CODES.get(r.sectors[-1] if r.sectors else "")
                    if org in orgs:
                        offices.append(("", org, "IGO", r.start, r.end))
                elif r.country in codes and r.sectors:
                    offices.append(("", r.country, sector_of(r.sectors), r.start, r.end))
            if not offices:
                continue
            p = people.setdefault(e.name, {"latin": e.name, "offices": []})
            for o in offices:
                if o not in p["offices"]:
                    p["offices"].append(o)

    ru = {}
    for n, row in read_tsv(os.path.join(DATA, "world", "ru_names.tsv")):
        if len(row) < 2:
            sys.exit(f"ru_names.tsv:{n}: want LATIN<TAB>Русское имя[<TAB>m|f]")
        ru[row[0].strip()] = (row[1].strip(), row[2].strip() if len(row) > 2 else "")

    wikidata = {}
    for n, row in read_tsv(os.path.join(DATA, "world", "wikidata.tsv")):
        if len(row) < 2 or not re.fullmatch(r"Q[0-9]+", row[1].strip()):
            sys.exit(f"wikidata.tsv:{n}: want Русское имя<TAB>Q…")
        wikidata[loose(row[0])] = row[1].strip()

    out = {}  # loose key of the Russian name → entry

    def entry(name, latin, gender, name_from, source):
        k = loose(name)
        e = out.get(k)
        if e is None:
            e = out[k] = {
                "name": name, "latin": latin, "gender": gender, "from": name_from,
                "source": source, "offices": [], "review": source == "added",
            }
        else:
            if name_from == "known" and e["from"] == "generated":
                e["name"], e["from"] = name, "known"
            e["gender"] = e["gender"] or gender
            e["latin"] = e["latin"] or latin
            if source == "added":
                e["review"] = True
        return e

    skipped_curated = 0
    for latin, p in people.items():
        if latin in ru:
            name, gender = ru[latin]
            name_from = "known"
        else:
            # initials and particles aside, news names a foreigner by first name and surname
            words = [w for w in translit.name(latin).split() if not w.endswith(".")]
            name, gender, name_from = " ".join(words), "", "generated"
        if len(name.split()) < 2:
            continue  # a surname alone names no one in particular
        if loose(name) in curated_keys:
            skipped_curated += 1
            continue
        e = entry(name, latin, gender, name_from, "phoenix")
        for o in p["offices"]:
            if o not in e["offices"]:
                e["offices"].append(o)

    bad = 0
    for n, row in read_tsv(os.path.join(DATA, "world", "offices.tsv")):
        if len(row) < 8:
            print(f"offices.tsv:{n}: {len(row)} columns, want 8", file=sys.stderr)
            bad += 1
            continue
        name, gender, country, title, of, sector, start, end = [c.strip() for c in row[:8]]
        if of not in codes and of not in orgs:
            print(f"offices.tsv:{n}: unknown state or organisation {of!r}", file=sys.stderr)
            bad += 1
            continue
        if country and country not in codes:
            print(f"offices.tsv:{n}: unknown state {country!r}", file=sys.stderr)
            bad += 1
            continue
        if loose(name) in curated_keys or len(name.split()) < 2:
            continue
        e = entry(name, "", gender, "known", "added")
        e["country"] = e.get("country") or country
        o = (title, of, sector, start, end)
        # an added office replaces Phoenix's untitled one for the same body and start year
        e["offices"] = [x for x in e["offices"] if not (x[0] == "" and x[1] == of and x[3][:4] == start[:4])]
        if o not in e["offices"]:
            e["offices"].append(o)

    # one person under two spellings (Phoenix's "Альберт Гор", ours "Эл Гор"): the same
    # surname and state and an office of the same body overlapping in time; the first
    # spelling (Phoenix's) stays the name, the other becomes an alias
    def surname(e):
        return loose(e["name"]).split()[-1]

    def overlap(a, b):
        return a[1] == b[1] and (a[3] or "0") <= (b[4] or "9999") and (b[3] or "0") <= (a[4] or "9999")

    by_surname = collections.defaultdict(list)
    for k, e in out.items():
        by_surname[(surname(e), e.get("country") or first_state(e, codes))].append(k)
    merged = 0
    for keys in by_surname.values():
        for i, a in enumerate(keys):
            ea = out.get(a)
            if ea is None:
                continue
            for b in keys[i + 1 :]:
                eb = out.get(b)
                if eb is None or ea["source"] == eb["source"]:
                    continue
                if any(overlap(x, y) for x in ea["offices"] for y in eb["offices"] if x[1] != "" and x[2] != "ELI" and y[2] != "ELI"):
                    keep, drop = (ea, eb) if ea["source"] == "phoenix" else (eb, ea)
                    keep.setdefault("aliases", []).append(drop["name"])
                    for o in drop["offices"]:
                        keep["offices"] = [x for x in keep["offices"] if not (x[0] == "" and x[1] == o[1] and x[3][:4] == o[3][:4])]
                        if o not in keep["offices"]:
                            keep["offices"].append(o)
                    keep["review"] = keep["review"] or drop["review"]
                    keep["country"] = keep.get("country") or drop.get("country")
                    keep["gender"] = keep["gender"] or drop["gender"]
                    del out[a if keep is eb else b]
                    merged += 1
                    if keep is eb:
                        break
                    ea = keep

    lines = []
    for k, e in out.items():
        offices = sorted(e["offices"], key=lambda o: (o[3], o[4], o[1], o[0]))
        country = e.get("country") or ""
        if not country:
            # the state of the person's latest state office
            for o in sorted(offices, key=lambda o: o[3]):
                if o[1] in codes:
                    country = o[1]
        ident = re.sub(r"[^a-z0-9]+", "_", (e["latin"] or translit_id(e["name"])).lower()).strip("_")
        if ident in curated_ids:
            ident += "_world"
        lines.append(
            "\t".join(
                [
                    ident,
                    e["name"],
                    e["gender"],
                    country,
                    wikidata.get(k, ""),
                    e["from"],
                    "review" if e["review"] else "",
                    e["latin"],
                    " ; ".join(e.get("aliases", [])),
                    " ; ".join("|".join(o) for o in offices),
                ]
            )
        )
    lines.sort()
    # ids must be unique: a second person of the same Latin id takes a number
    seen = collections.Counter()
    final = []
    for l in lines:
        ident, rest = l.split("\t", 1)
        seen[ident] += 1
        final.append((ident if seen[ident] == 1 else f"{ident}_{seen[ident]}") + "\t" + rest)

    path = os.path.join(DATA, "world", "people.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for l in final:
            f.write(l + "\n")
    kinds = collections.Counter()
    for l in final:
        c = l.split("\t")
        kinds[c[5]] += 1
        kinds["review"] += c[6] == "review"
        kinds["wikidata"] += c[4] != ""
        kinds["dated"] += any(o.split("|")[3] or o.split("|")[4] for o in c[9].split(" ; ") if o)
    print(
        f"{path}: {len(final)} people ({kinds['known']} with a known Russian name, "
        f"{kinds['generated']} generated; {kinds['dated']} with dated offices; "
        f"{kinds['review']} marked for review; {kinds['wikidata']} with a Wikidata item); "
        f"{skipped_curated} left to people.toml; {merged} spellings merged; "
        f"{bad} bad lines in offices.tsv",
        file=sys.stderr,
    )
    return 1 if bad else 0


def first_state(e, codes):
    for o in sorted(e["offices"], key=lambda o: o[3]):
        if o[1] in codes:
            return o[1]
    return ""


def translit_id(name: str) -> str:
    table = str.maketrans(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "abvgdeejziiklmnoprstufhccss_y_eua",
    )
    return "ru_" + name.lower().translate(table)


HEADER = """\
# dyad's world table of people: GENERATED by scripts/world_actors/build.py — do not edit;
# edit its sources (world/ru_names.tsv, world/offices.tsv, the Phoenix dictionaries) and run
# it again. One person a line, tab-separated:
#   id        stable id, from the Latin name (Phoenix) or the Russian one (ru_…)
#   name      Russian name, nominative, first name and surname as news writes them
#   gender    m | f | "" (unknown)
#   country   ISO alpha-3 of the person's state ("" for international civil servants)
#   wikidata  the person's Wikidata item, where we are sure (world/wikidata.tsv)
#   name_from known: written by us (ru_names.tsv, offices.tsv); generated: transliterated
#             from the Latin by rule (scripts/world_actors/translit.py) — check before use
#   review    "review": an office added by us after or beside Phoenix, to verify
#   latin     the Phoenix name, where the person comes from Phoenix
#   aliases   other Russian spellings of the name, joined by " ; "
#   offices   "title|of|sector|from|to" joined by " ; ": title in Russian ("" where Phoenix
#             gives none), of = a state code or an organisation id, sector, ISO dates
#             (YYYY-MM-DD, YYYY-MM or YYYY; "" = open)
"""

if __name__ == "__main__":
    sys.exit(main())
