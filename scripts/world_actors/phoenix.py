"""Reader of the Phoenix / TABARI actor dictionaries (../shared/reference/phoenix).

An entry is a name line (words joined by `_`, upper case), `+` lines with other names, and
role lines `[CCCSSS date-date]`: country code, sector codes, and the dates the role held
(YYMMDD or YYYYMMDD; `>D` from D on, `<D` until D; no date: at any time).
"""

import re
from dataclasses import dataclass, field

ROLE = re.compile(r"\[([A-Z]{3})([A-Z]*)\s*([^\]]*)\]")


@dataclass
class Role:
    country: str  # ISO alpha-3 as Phoenix writes it (IGO, NGO codes for organisations)
    sectors: list  # three-letter sector codes, in order (GOV, MIL …)
    start: str  # ISO date or ""
    end: str  # ISO date or ""
    comment: str = ""


@dataclass
class Entry:
    name: str  # words joined by spaces, upper case, as Phoenix writes it
    aliases: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    code: str = ""  # the code on the name line, for organisations and groups
    comment: str = ""


def iso(d: str) -> str:
    """YYMMDD or YYYYMMDD as YYYY-MM-DD; two-digit years below 30 are 20xx."""
    d = d.strip()
    if len(d) == 8 and d.isdigit():
        return f"{d[:4]}-{d[4:6]}-{d[6:]}"
    if len(d) == 6 and d.isdigit():
        yy = int(d[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        return f"{year}-{d[2:4]}-{d[4:]}"
    return ""


def dates(s: str):
    s = s.strip()
    if not s:
        return "", ""
    if s.startswith(">"):
        return iso(s[1:]), ""
    if s.startswith("<"):
        return "", iso(s[1:])
    if "-" in s:
        a, b = s.split("-", 1)
        return iso(a), iso(b)
    return iso(s), ""


def clean_name(s: str) -> str:
    s = s.split("#", 1)[0].strip()
    s = re.sub(r"\(.*?\)", "", s)
    return " ".join(w for w in s.replace("_", " ").split() if w)


def read(path: str):
    entries = []
    cur = None
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in "\t ":
            if cur is None:
                continue
            comment = line.split("#", 1)[1].strip() if "#" in line else ""
            for c, s, d in ROLE.findall(line):
                start, end = dates(d)
                sectors = [s[i : i + 3] for i in range(0, len(s), 3)]
                cur.roles.append(Role(c, sectors, start, end, comment))
        elif line.startswith("+"):
            if cur is not None:
                n = clean_name(line[1:])
                if n:
                    cur.aliases.append(n)
        else:
            head = line.split("#", 1)
            comment = head[1].strip() if len(head) > 1 else ""
            m = ROLE.search(head[0])
            code = ""
            if m:
                code = m.group(1) + m.group(2)
                name = clean_name(head[0][: m.start()])
            else:
                name = clean_name(head[0])
            cur = Entry(name, code=code, comment=comment)
            if m:
                start, end = dates(m.group(3))
                sectors = [m.group(2)[i : i + 3] for i in range(0, len(m.group(2)), 3)]
                cur.roles.append(Role(m.group(1), sectors, start, end))
            entries.append(cur)
    return entries
