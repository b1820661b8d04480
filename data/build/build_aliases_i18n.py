#!/usr/bin/env python3
"""Build data/aliases_i18n.tsv: country names, short forms and adjectives, and leaders' names, in Polish,
French, German, Spanish, Italian, Russian and Ukrainian.

Usage:  python3 data/build/build_aliases_i18n.py [--shared ../shared] [--cldr /usr/share/unicode/cldr]

Sources (see data/README.md for versions and licences):
  * <shared>/gazetteers/wikidata-country-aliases/country_aliases.csv  labels (name) and "also known as" (alias)
  * <shared>/gazetteers/countries-mledoze/countries.json              translations (common: name, official: alias),
                                                                      French demonyms
  * <shared>/gazetteers/iso-codes/locale/<lang>/iso_3166-1.mo          Debian iso-codes translations
  * Unicode CLDR (Debian package unicode-cldr-core)                     territory names; language names, which in
                                                                      these languages are the country adjective
                                                                      (rosyjski, russe, russisch, русский) for a
                                                                      country whose English demonym is the
                                                                      language's English name (Russian -> ru)
  * data/build/curated_aliases_i18n.tsv                                 leaders' names as written in each language
                                                                      (a small documented list until a Wikidata
                                                                      extract of office-holders brings labels)
Reads data/countries.tsv and data/leaders.tsv (built by build_gazetteers.py) for the entity ids.

Output rows are sorted, so the file regenerates byte for byte. Only the Python 3 standard library is used.
"""
import argparse
import csv
import gettext
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from build_gazetteers import read_tsv  # noqa: E402  (the curated-TSV reader both scripts share)

LANGS = ['pl', 'fr', 'de', 'es', 'it', 'ru', 'uk']
MLEDOZE = {'pol': 'pl', 'fra': 'fr', 'deu': 'de', 'ita': 'it', 'rus': 'ru', 'spa': 'es'}
CYRILLIC = {'ru', 'uk'}
KINDS = ['name', 'alias', 'demonym', 'surname']


def fold(s):
    s = unicodedata.normalize('NFKD', s.replace('\u2019', "'"))
    return ''.join(ch for ch in s if not unicodedata.combining(ch)).lower()


def script_ok(form, lang):
    """Cyrillic forms for ru/uk, Latin for the others: a form in another script is another language's."""
    letters = [c for c in form if c.isalpha()]
    if not letters:
        return False
    cyr = sum(1 for c in letters if 'CYRILLIC' in unicodedata.name(c, ''))
    return cyr == len(letters) if lang in CYRILLIC else cyr == 0


def usable(form, lang):
    """A form worth matching: letters, spaces, hyphens, apostrophes and dots only; starts with a capital (a name);
    not a two-letter Latin code ("RU", which is also a word in some languages); at most 6 words."""
    form = form.strip()
    if len(form) < 2 or not re.fullmatch(r"[\w .'’\-]+", form) or re.search(r'\d|_', form):
        return False
    if not form[0].isupper() or not script_ok(form, lang):
        return False
    if lang not in CYRILLIC and len(form) <= 2:
        return False
    return len(form.split()) <= 6


def cldr_names(cldr, lang, kind):
    """CLDR main/<lang>.xml: {code: [(name, alt)]} for 'territory' or 'language'."""
    tree = ET.parse(os.path.join(cldr, 'common', 'main', lang + '.xml'))
    out = defaultdict(list)
    for el in tree.iter(kind):
        if el.text:
            out[el.get('type')].append((el.text.strip(), el.get('alt')))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(DATA), '..', 'shared'))
    ap.add_argument('--cldr', default='/usr/share/unicode/cldr')
    args = ap.parse_args()
    g = os.path.join(args.shared, 'gazetteers')
    if not os.path.isdir(os.path.join(args.cldr, 'common', 'main')):
        sys.exit('CLDR not found at %s: apt-get install unicode-cldr-core' % args.cldr)

    countries = {r['iso2']: r for r in read_tsv(os.path.join(DATA, 'countries.tsv')) if r['iso2']}
    leaders = {r['entity_id'] for r in read_tsv(os.path.join(DATA, 'leaders.tsv'))}
    rows = {}  # (entity_id, lang, form) -> [kind, set(sources)]

    def add(iso2_or_id, lang, form, kind, source):
        eid = iso2_or_id if ':' in iso2_or_id else 'country:' + iso2_or_id
        if ':' not in iso2_or_id and iso2_or_id not in countries:
            return
        form = ' '.join(form.replace('\u00a0', ' ').split())
        if kind != 'demonym' and kind != 'surname' and not usable(form, lang):
            return
        if kind == 'demonym' and (len(form) < 3 or not script_ok(form, lang)):
            return
        key = (eid, lang, form)
        if key in rows:
            # the stronger kind wins (name > alias > demonym), sources accumulate
            if KINDS.index(kind) < KINDS.index(rows[key][0]):
                rows[key][0] = kind
            rows[key][1].add(source)
        else:
            rows[key] = [kind, {source}]

    # Wikidata labels and aliases (CC0)
    with open(os.path.join(g, 'wikidata-country-aliases', 'country_aliases.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            if r['language'] in LANGS:
                add(r['iso2c'], r['language'], r['label'], 'name' if r['label_type'] == 'official' else 'alias',
                    'wikidata')

    # mledoze translations (ODbL) and French demonyms
    for c in json.load(open(os.path.join(g, 'countries-mledoze', 'countries.json'), encoding='utf-8')):
        for code, lang in MLEDOZE.items():
            t = c.get('translations', {}).get(code)
            if t:
                add(c['cca2'], lang, t.get('common', ''), 'name', 'mledoze')
                add(c['cca2'], lang, t.get('official', ''), 'alias', 'mledoze')
        fra = c.get('demonyms', {}).get('fra') or {}
        for v in sorted(set(fra.values())):
            if v:
                add(c['cca2'], 'fr', v, 'demonym', 'mledoze')
                add(c['cca2'], 'fr', v.lower(), 'demonym', 'mledoze')

    # Debian iso-codes translations (LGPL-2.1+; names are facts)
    iso1 = json.load(open(os.path.join(g, 'iso-codes', 'iso_3166-1.json'), encoding='utf-8'))['3166-1']
    for lang in LANGS:
        mo = os.path.join(g, 'iso-codes', 'locale', lang, 'iso_3166-1.mo')
        if not os.path.isfile(mo):
            continue
        with open(mo, 'rb') as f:
            cat = gettext.GNUTranslations(f)
        for e in iso1:
            for field, kind in (('name', 'name'), ('common_name', 'name'), ('official_name', 'alias')):
                if e.get(field):
                    t = cat.gettext(e[field])
                    if t != e[field] or lang not in CYRILLIC:
                        add(e['alpha_2'], lang, t, kind, 'iso-codes')

    # CLDR territory names and language-name adjectives (Unicode licence)
    english_languages = defaultdict(list)
    for code, names in cldr_names(args.cldr, 'en', 'language').items():
        for name, alt in names:
            if alt is None and '_' not in code:
                english_languages[name].append(code)
    adjective_of = {}  # language code -> iso2, when exactly one country has that demonym
    by_demonym = defaultdict(set)
    for iso2, c in countries.items():
        for d in (c['demonyms'] or '').split('|'):
            by_demonym[d].add(iso2)
    for demonym, isos in by_demonym.items():
        if len(isos) == 1 and demonym in english_languages:
            for code in english_languages[demonym]:
                adjective_of[code] = next(iter(isos))
    for lang in LANGS:
        for iso2, names in cldr_names(args.cldr, lang, 'territory').items():
            for name, alt in names:
                add(iso2, lang, name, 'name' if alt is None else 'alias', 'cldr')
        for code, names in cldr_names(args.cldr, lang, 'language').items():
            if code in adjective_of:
                for name, alt in names:
                    if alt is None and len(name.split()) == 1:
                        add(adjective_of[code], lang, name.lower(), 'demonym', 'cldr')

    # leaders' names as written in each language (curated, one documented row each)
    for r in read_tsv(os.path.join(HERE, 'curated_aliases_i18n.tsv')):
        if r['entity_id'] not in leaders:
            sys.exit('curated_aliases_i18n.tsv: unknown leader %s' % r['entity_id'])
        if r['language'] not in LANGS or r['kind'] not in ('name', 'alias', 'surname'):
            sys.exit('curated_aliases_i18n.tsv: bad row %s' % r)
        add(r['entity_id'], r['language'], r['form'], r['kind'], 'curated')

    # a form naming two countries in one language (e.g. "Kongo") stays for both: the resolver marks it ambiguous
    out = sorted((eid, lang, form, v[0], '|'.join(sorted(v[1]))) for (eid, lang, form), v in rows.items())
    with open(os.path.join(DATA, 'aliases_i18n.tsv'), 'w', encoding='utf-8', newline='') as f:
        f.write('entity_id\tlanguage\tform\tkind\tsources\n')
        for r in out:
            f.write('\t'.join(r) + '\n')
    counts = defaultdict(int)
    for r in out:
        counts[(r[1], r[3])] += 1
    print('wrote data/aliases_i18n.tsv: %d rows' % len(out))
    for lang in LANGS:
        print('  %s: %s' % (lang, ', '.join('%s %d' % (k, counts[(lang, k)]) for k in KINDS)))


if __name__ == '__main__':
    main()
