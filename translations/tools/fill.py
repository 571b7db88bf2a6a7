#!/usr/bin/python3
"""Fills translations/touchstone_<lang>.ts from translations/<lang>.tsv (source<TAB>translation,
one message a line; for plural messages the forms are separated by ' ||| '). Messages keep
their context; a source not in the table stays unfinished (and the translations test fails).
Usage: /usr/bin/python3 translations/tools/fill.py de fr"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

here = Path(__file__).resolve().parent.parent


def unescape(s):
    return s.replace('\\n', '\n').replace('\\t', '\t')


for lang in sys.argv[1:]:
    table = {}
    for n, line in enumerate((here / f'{lang}.tsv').read_text(encoding='utf-8').splitlines(), 1):
        if not line.strip() or line.startswith('#'):
            continue
        if '\t' not in line:
            sys.exit(f'{lang}.tsv:{n}: no tab between source and translation')
        src, tr = line.split('\t', 1)
        # "@Context@source" applies to that context only (the same English word may need two
        # translations, e.g. the Delete key and a Delete button).
        table[unescape(src)] = unescape(tr)
    ts = here / f'touchstone_{lang}.ts'
    tree = ET.parse(ts)
    missing = 0
    for ctx in tree.getroot().iter('context'):
      context = ctx.find('name').text or ''
      for m in ctx.iter('message'):
        src = m.find('source').text or ''
        t = m.find('translation')
        key = f'@{context}@{src}' if f'@{context}@{src}' in table else src
        if key not in table:
            missing += 1
            print(f'{lang}: no translation for {src!r}', file=sys.stderr)
            continue
        value = table[key]
        t.attrib.pop('type', None)
        for child in list(t):
            t.remove(child)
        t.text = None
        if m.get('numerus') == 'yes':
            for form in value.split(' ||| '):
                ET.SubElement(t, 'numerusform').text = form
        else:
            t.text = value
    body = ET.tostring(tree.getroot(), encoding='unicode')
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + '\n',
                  encoding='utf-8')
    print(f'{lang}: {missing} message(s) without translation')
