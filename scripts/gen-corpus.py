#!/usr/bin/env python3
"""Generates N short news documents as JSON Lines, for ingest and crash tests.

    scripts/gen-corpus.py N > corpus.jsonl

The texts come from templates written for dyad (no article is copied): officials of the
South Caucasus and their partners visit, meet, sign, accuse, sanction, on dates spread over
2020-2025. Every document differs (a serial number and its own combination), so each is a
distinct document for the store. Deterministic (a fixed seed).
"""
import json
import random
import sys

STATES = [
    ("Азербайджан", "Азербайджана", "Баку", "Азербайджаном"),
    ("Армения", "Армении", "Ереван", "Арменией"),
    ("Грузия", "Грузии", "Тбилиси", "Грузией"),
    ("Турция", "Турции", "Анкару", "Турцией"),
    ("Россия", "России", "Москву", "Россией"),
    ("Иран", "Ирана", "Тегеран", "Ираном"),
    ("Великобритания", "Великобритании", "Лондон", "Великобританией"),
    ("Франция", "Франции", "Париж", "Францией"),
    ("Казахстан", "Казахстана", "Астану", "Казахстаном"),
    ("Германия", "Германии", "Берлин", "Германией"),
]
MINISTERS = ["министр иностранных дел", "министр обороны", "министр экономики", "премьер-министр"]
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря"]
OUTLETS = ["Report", "Trend", "APA", "Day.Az", "Azertac", "Sputnik"]
TEMPLATES = [
    "{d} {m} {y} года {t} {g1} посетил {cap2} с официальным визитом.",
    "В ходе визита стороны обсудили сотрудничество между {n1g} и {n2i} в сфере энергетики.",
    "{N1} и {N2} подписали соглашение о сотрудничестве в области транспорта.",
    "{N1} обвинила {n2a} в нарушении договоренностей.",
    "Президент {g1} провел телефонный разговор с президентом {g2}.",
    "{N1} ввела санкции против компаний {g2}.",
    "Министерство иностранных дел {g1} выразило протест в связи с заявлением {g2}.",
    "{N1} предоставит {n2d} кредит на строительство дороги.",
]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(20251204)
    out = sys.stdout
    for i in range(n):
        a, b = rng.sample(STATES, 2)
        y = rng.randint(2020, 2025)
        mo = rng.randrange(12)
        d = rng.randint(1, 28)
        fill = {
            "d": d, "m": MONTHS[mo], "y": y, "t": rng.choice(MINISTERS).capitalize(),
            "g1": a[1], "g2": b[1], "cap2": b[2], "N1": a[0], "N2": b[0],
            "n1g": a[1], "n2i": b[3], "n2a": b[0] if b[0][-1] not in "аия" else b[1],
            "n2d": b[1],
        }
        sentences = [t.format(**fill) for t in rng.sample(TEMPLATES, 4)]
        sentences.append(f"Номер сообщения: {i}.")
        doc = {
            "text": " ".join(sentences),
            "date": f"{y}-{mo + 1:02d}-{min(d + 1, 28):02d}",
            "title": f"{a[0]} и {b[0]}: сообщение {i}",
            "url": f"https://example.org/{rng.choice(OUTLETS).lower()}/{i}",
        }
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
