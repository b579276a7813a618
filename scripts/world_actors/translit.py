"""A Latin name as Phoenix writes it (upper case, English spelling) in Cyrillic, the way
Russian news most often renders such names. Practical, not phonetic: it reads the English
spelling with the digraphs names of many languages use in English (KH, ZH, SH, CH, TS, DJ,
GH, PH, TH, OU, EE, OO …). Its output is marked `generated` in the tables: a reader of the
news matches it through dyad's loose name key (soft signs, й/и, э/е and doubled letters do
not count), so a near spelling is enough; a wrong one only fails to match.
"""

import re

# longest first
MULTI = [
    ("SHCH", "щ"),
    ("SCH", "ш"),
    ("TCH", "ч"),
    ("KH", "х"),
    ("ZH", "ж"),
    ("SH", "ш"),
    ("CH", "ч"),
    ("TS", "ц"),
    ("TZ", "ц"),
    ("DZH", "дж"),
    ("DJ", "дж"),
    ("PH", "ф"),
    ("TH", "т"),
    ("GH", "г"),
    ("CK", "к"),
    ("QU", "кв"),
    ("EE", "и"),
    ("OO", "у"),
    ("OU", "у"),
    ("YU", "ю"),
    ("YA", "я"),
    ("YO", "йо"),
    ("YE", "е"),
    ("IU", "ю"),
    ("IA", "иа"),
]

SINGLE = {
    "A": "а",
    "B": "б",
    "C": "к",
    "D": "д",
    "E": "е",
    "F": "ф",
    "G": "г",
    "H": "х",
    "I": "и",
    "J": "дж",
    "K": "к",
    "L": "л",
    "M": "м",
    "N": "н",
    "O": "о",
    "P": "п",
    "Q": "к",
    "R": "р",
    "S": "с",
    "T": "т",
    "U": "у",
    "V": "в",
    "W": "в",
    "X": "кс",
    "Y": "и",
    "Z": "з",
}

VOWELS = set("AEIOUY")


def word(w: str) -> str:
    """One word, upper-case Latin letters, apostrophes and hyphens."""
    w = re.sub(r"[^A-Z\-']", "", w.upper())
    w = re.sub(r"YY+", "Y", w)
    # H after a consonant no digraph takes is silent ("JOHN" → Джон)
    w = re.sub(r"(?<=[BDFJLMNRVW])H|(?<=O)H(?=N)", "", w)
    out = []
    i = 0
    while i < len(w):
        c = w[i]
        if c in "-'":
            if c == "-":
                out.append("-")
            i += 1
            continue
        # C before E, I, Y is S
        if c == "C" and i + 1 < len(w) and w[i + 1] in "EIY" and not w.startswith("CH", i):
            out.append("с")
            i += 1
            continue
        # E at the start of a word or after a vowel is Э ("ERDOGAN" → Эрдоган)
        if c == "E" and (i == 0 or w[i - 1] in VOWELS) and not w.startswith("EE", i):
            if i == 0:
                out.append("э")
                i += 1
                continue
        # Y after a vowel, before a consonant or at the end, is Й ("KARZAY", "HAYDAR")
        if c == "Y" and i > 0 and w[i - 1] in VOWELS and (i + 1 == len(w) or w[i + 1] not in VOWELS):
            out.append("й")
            i += 1
            continue
        # AI / EI / OI at the end or before a consonant: ай, ей, ой ("KARZAI")
        if c == "I" and i > 0 and w[i - 1] in "AEO" and (i + 1 == len(w) or w[i + 1] not in VOWELS):
            out.append("й")
            i += 1
            continue
        for latin, cyr in MULTI:
            if w.startswith(latin, i):
                # YE, YA, YU after a consonant are softening vowels; at the start, йе → е
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(SINGLE.get(c, ""))
            i += 1
    s = "".join(out)
    return "-".join(p[:1].upper() + p[1:] for p in s.split("-"))


# particles that news writes in lower case inside a name
PARTICLES = {"AL": "аль", "EL": "эль", "BIN": "бин", "BEN": "бен", "IBN": "ибн", "VAN": "ван",
             "VON": "фон", "DE": "де", "DA": "да", "DOS": "дос", "DEL": "дель", "LA": "ла",
             "LE": "ле", "BINT": "бинт", "ABU": "Абу", "ABD": "Абд", "UL": "уль", "UD": "уд"}


def name(latin: str) -> str:
    """A whole name: words transliterated one by one; Arabic and European particles as
    news writes them ("AL KHALIFA" → "аль-Халифа", "VON DER LEYEN" → "фон дер Ляйен" is
    beyond a rule: it comes out "фон дер Лейен")."""
    words = [w for w in latin.replace(".", ". ").split() if w]
    out = []
    i = 0
    while i < len(words):
        w = words[i].upper()
        if w in ("AL", "EL") and i + 1 < len(words):
            out.append(PARTICLES[w] + "-" + word(words[i + 1]))
            i += 2
            continue
        if w in PARTICLES and i > 0 and i + 1 < len(words):
            out.append(PARTICLES[w])
            i += 1
            continue
        if w.endswith(".") and len(w) <= 3:
            out.append(word(w[:-1])[:1].upper() + ".")
            i += 1
            continue
        out.append(word(w))
        i += 1
    return " ".join(x for x in out if x)


if __name__ == "__main__":
    import sys

    for line in sys.stdin:
        print(name(line.strip()))
