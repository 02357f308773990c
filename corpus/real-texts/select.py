#!/usr/bin/env python3
"""Selects the sample corpus from shared/real-texts deterministically (see README.md here).

usage: python3 corpus/real-texts/select.py ../shared/real-texts corpus/real-texts [COUNT]

Same input, same output: candidates are ordered by the SHA-1 of their file name, every feature
quota is filled first in that order, then the rest greedily for the least represented year, theme
and minister. Files without a body (the PDF had no text layer) or without a question or answer
header are left out, so the default pipeline's first run exits 0.
"""
import hashlib
import os
import re
import shutil
import sys

source, target = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 300

HEADER = re.compile(r'^\s*(S?CHRIFTELIJKE VRAAG|VRAAG OM INFORMATIE|(GECOÖRDINEERD |AANVULLEND )?ANTWOORD)\b', re.M)
NUMBER = re.compile(r'^\s*nr\.\s*\d+', re.M)
DATE = re.compile(r'^datum:\s*\d{1,2}\s+\w+\s+(20\d\d)', re.M)
MINISTER = re.compile(r'^aan\s+(.+)$', re.M)
# A flattened table: one cell a line, so many lines that are only a number, an amount or a percentage.
TABLE_CELL = re.compile(r'^[ \t]*[\d.,%€ ]*\d[\d.,%€ ]*$', re.M)


def read(path):
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    lines = raw.split('\n')
    themes, body_start, in_themes = [], None, False
    for i, line in enumerate(lines[:12]):
        if line.startswith('thema:'):
            themes.append(line[6:].strip())
            in_themes = True
        elif line.startswith('pdf link:') or line.startswith('thema link:'):
            in_themes = False
            body_start = i + 1
        elif in_themes and line.strip() and i > 0:
            themes.append(line.strip())
        elif body_start is not None:
            break
    body = '\n'.join(lines[body_start or 0:])
    return raw, themes, body


candidates = []
for name in sorted(os.listdir(source)):
    if not name.endswith('.txt'):
        continue
    raw, themes, body = read(os.path.join(source, name))
    if not body.strip() or not HEADER.search(body) or not NUMBER.search(body):
        continue
    year = DATE.search(body)
    minister = MINISTER.search(body)
    candidates.append({
        'name': name,
        'order': hashlib.sha1(name.encode()).hexdigest(),
        'size': len(raw.encode()),
        'year': year.group(1) if year else '?',
        'theme': themes[0] if themes else '?',
        'minister': ' '.join(minister.group(1).split()).upper() if minister else '?',
        'features': {
            'table': len(TABLE_CELL.findall(body)) >= 8,
            'coordinated': 'GECOÖRDINEERD ANTWOORD' in body,
            'deferral': 'gecoördineerd antwoord zal' in body.lower(),
            'supplementary': 'AANVULLEND ANTWOORD' in body.upper(),
            'annex': re.search(r'^BIJLAGE', body, re.M) is not None,
            'themes': len(themes) > 1,
            'long': len(raw.encode()) > 20000,
            'short': len(raw.encode()) < 3000,
        },
    })

candidates.sort(key=lambda c: c['order'])
chosen, names = [], set()


def take(c):
    chosen.append(c)
    names.add(c['name'])


# Every kind of document the seeds do not show, a dozen of each.
for feature in ['table', 'coordinated', 'deferral', 'supplementary', 'annex', 'themes', 'long', 'short']:
    for c in [c for c in candidates if c['features'][feature] and c['name'] not in names][:12]:
        take(c)

# Then variety: the least represented year, theme and minister first.
while len(chosen) < count:
    seen = {}
    for c in chosen:
        for k in ('year', 'theme', 'minister'):
            seen[(k, c[k])] = seen.get((k, c[k]), 0) + 1
    rest = [c for c in candidates if c['name'] not in names]
    if not rest:
        break
    take(min(rest, key=lambda c: (3 * seen.get(('year', c['year']), 0) + seen.get(('theme', c['theme']), 0) + seen.get(('minister', c['minister']), 0), c['order'])))

os.makedirs(target, exist_ok=True)
for old in os.listdir(target):
    if re.fullmatch(r'\d+\.txt', old):
        os.remove(os.path.join(target, old))
for c in chosen:
    shutil.copyfile(os.path.join(source, c['name']), os.path.join(target, c['name']))

years, themes = {}, {}
for c in chosen:
    years[c['year']] = years.get(c['year'], 0) + 1
    themes[c['theme']] = themes.get(c['theme'], 0) + 1
print(f"{len(chosen)} of {len(candidates)} candidates, {sum(c['size'] for c in chosen)} bytes")
print('years:', dict(sorted(years.items())))
print('first themes:', len(themes), 'ministers:', len({c['minister'] for c in chosen}))
for feature in ['table', 'coordinated', 'deferral', 'supplementary', 'annex', 'themes', 'long', 'short']:
    print(f"{feature}: {sum(1 for c in chosen if c['features'][feature])}")
