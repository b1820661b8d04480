#!/usr/bin/env python3
"""Build the NewsLens gazetteer files in data/ from public reference sources.

Usage:  python3 data/build/build_gazetteers.py [--shared ../shared] [--history /tmp/factbook-history]

Reads (never copies) the reference sources under <shared>/gazetteers/ and writes
  data/countries.tsv, data/organizations.tsv, data/leaders.tsv, data/leader_terms.tsv
then runs a consistency check that fails loudly (exit 1).

Only the Python 3 standard library is used. See data/README.md for the format.
"""
import argparse
import csv
import datetime as dt
import glob
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
REPO = os.path.dirname(DATA)

# ----------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------

def fold(s):
    """Accent/quote-folded, lower-cased form used only for comparisons."""
    s = s.replace('\u2019', "'").replace('\u2018', "'").replace('\u02bc', "'")
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(ch for ch in s if not unicodedata.combining(ch))
    return s.lower()


def slug(s):
    s = fold(s)
    s = re.sub(r"['\u2019.]", '', s)
    s = re.sub(r'[^a-z0-9]+', '-', s).strip('-')
    return s


def read_tsv(path):
    """Read a curated TSV: '#' lines are comments, first other line is the header."""
    rows = []
    header = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cells = line.split('\t')
            if header is None:
                header = cells
                continue
            cells += [''] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows


def split_multi(v):
    return [x.strip() for x in v.split('|') if x.strip()] if v else []


class OSet(OrderedDict):
    """Ordered set keyed by exact string."""
    def add(self, v):
        v = v.strip()
        if v and v not in self:
            self[v] = True

    def discard(self, v):
        self.pop(v, None)


def clean_cell(v):
    v = v.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ')
    return re.sub(r'\s+', ' ', v).strip()


def write_tsv(path, header, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write('\t'.join(header) + '\n')
        for r in rows:
            cells = []
            for h in header:
                v = r.get(h, '')
                if isinstance(v, (list, tuple, OSet)):
                    v = '|'.join(clean_cell(x) for x in v if clean_cell(x))
                cells.append(clean_cell(str(v)))
            f.write('\t'.join(cells) + '\n')


MONTHS = {m: i + 1 for i, m in enumerate(
    ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
     'september', 'october', 'november', 'december'])}


def valid_date(s):
    try:
        dt.date.fromisoformat(s)
        return True
    except ValueError:
        return False


# ----------------------------------------------------------------------------
# countries
# ----------------------------------------------------------------------------

# characters we accept in an English alias (Latin letters incl. accents, digits, punctuation)
def latin_only(s):
    for ch in s:
        if ch.isascii():
            continue
        if ch in '\u2019\u2018':
            continue
        if ord(ch) >= 0x0250:       # IPA, modifier letters, Greek, Cyrillic, CJK ...
            return False
        if not unicodedata.name(ch, '').startswith('LATIN'):
            return False
    return True


# aliases from the sources that are ordinary words, native-language-only or too ambiguous
GLOBAL_ALIAS_BLOCK = {
    'America': 'only US', 'Congo': 'CD vs CG', 'Korea': 'KP vs KR', 'Guinea': 'only GN',
    'Timor': 'island', 'Island': 'word', 'Mann': 'word', 'Thai': 'demonym', 'Saudi': 'demonym',
    'Togolese': 'demonym', 'Lao': 'demonym', 'Guiana': 'region', 'Dominique': 'name',
    'Prathet': 'word', 'Portuguesa': 'word', 'Mexicanos': 'demonym', 'Zhonghua': 'fragment',
    'Macao': None, 'Virgin Islands': 'VG vs VI', 'Saint Martin': None,
    'Republic of China': None,
}


def country_aliases_ok(a):
    if not latin_only(a):
        return False
    if len(a) <= 2:
        return False
    if ',' in a:            # inverted forms "Korea, Republic of"
        return False
    if re.fullmatch(r'[a-z]{2,3}', a):   # lower-case codes "us", "gbr"
        return False
    return True


def build_countries(shared, report):
    g = os.path.join(shared, 'gazetteers')
    iso1 = json.load(open(os.path.join(g, 'iso-codes', 'iso_3166-1.json'), encoding='utf-8'))['3166-1']
    mled = {c['cca2']: c for c in json.load(open(os.path.join(g, 'countries-mledoze', 'countries.json'), encoding='utf-8'))}

    # Wikidata English labels/aliases (CC0)
    wd = defaultdict(list)
    with open(os.path.join(g, 'wikidata-country-aliases', 'country_aliases.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            if r['language'] == 'en':
                wd[r['iso2c']].append(r['label'])

    # Factbook (current, 2026-01): nationality and capital, keyed by ISO2 via name matching
    fb = load_factbook_current(g, mled, iso1)

    countries = OrderedDict()

    def new_country(iso2, iso3, name):
        return {'entity_id': 'country:' + iso2, 'iso2': iso2, 'iso3': iso3, 'name': name,
                'aliases': OSet(), 'demonyms': OSet(), 'capitals': OSet(), 'seats': OSet(),
                'valid_from': '', 'valid_to': ''}

    for c in iso1:
        a2, a3 = c['alpha_2'], c['alpha_3']
        m = mled.get(a2)
        name = m['name']['common'] if m else c.get('common_name', c['name'])
        e = new_country(a2, a3, name)
        for n in [c['name'], c.get('official_name', ''), c.get('common_name', '')]:
            if n:
                e['aliases'].add(n)
        if m:
            e['aliases'].add(m['name']['official'])
            for a in m.get('altSpellings', []):
                e['aliases'].add(a)
            for v in (m.get('demonyms', {}).get('eng') or {}).values():
                e['demonyms'].add(v)
            for cap in m.get('capital', []):
                e['capitals'].add(cap)
        for a in wd.get(a2, []):
            e['aliases'].add(a)
        f = fb.get(a2)
        if f:
            for d in f['demonyms']:
                e['demonyms'].add(d)
            for cap in f['capitals']:
                e['capitals'].add(cap)
            for a in f['names']:
                e['aliases'].add(a)
        countries[a2] = e

    # curated non-ISO countries (Kosovo, former states)
    for r in read_tsv(os.path.join(HERE, 'curated_countries.tsv')):
        iso2 = r['entity_id'].split(':', 1)[1]
        e = countries.get(iso2) or new_country(r['iso2'], r['iso3'], r['name'])
        e['iso2'], e['iso3'], e['name'] = r['iso2'], r['iso3'], r['name']
        e['entity_id'] = r['entity_id']
        if iso2 in mled:
            m = mled[iso2]
            for v in (m.get('demonyms', {}).get('eng') or {}).values():
                e['demonyms'].add(v)
            for cap in m.get('capital', []):
                e['capitals'].add(cap)
        e['curated'] = {k: split_multi(r[k]) for k in ('aliases', 'demonyms', 'capitals', 'seats')}
        e['valid_from'], e['valid_to'] = r['valid_from'], r['valid_to']
        countries[iso2] = e

    # filter source aliases
    for e in countries.values():
        keep = OSet()
        for a in e['aliases']:
            a = a.strip()
            if a.startswith('the ') or a.startswith('The '):
                base = a[4:]
                # "the UAE" -> "UAE"; keep "the States" (States alone is a word)
                if base in ('States', 'Gambia', 'Bahamas', 'Netherlands', 'Ukraine', 'Holy See', 'Emirates'):
                    keep.add(a)
                    continue
                a = base
            if not country_aliases_ok(a) or a in GLOBAL_ALIAS_BLOCK:
                continue
            # source-only upper-case codes (GBR, UKR, RSA, FRG ...) are dropped; the
            # short forms journalists use (USA, UAE, DPRK ...) come from curated_aliases.tsv
            if re.fullmatch(r'[A-Z]{2,6}', a):
                continue
            # non-English transliterations with macrons/breves (Zhōngguó, Chosŏn ...)
            if any(0x0100 <= ord(ch) <= 0x024F and ch not in 'ŁłŚśŞşŠšŽžŹźŻżČčĆćŘřĞğİıŐőŰűȘșȚțĐđ' for ch in a):
                continue
            keep.add(a)
        # collapse spelling variants that differ only by case, accents, quotes, spaces
        # or punctuation (the matcher folds accents and quotes itself)
        seen, dedup = set(), OSet()
        for a in keep:
            k = re.sub(r"[^a-z0-9]", '', fold(a))
            if k in seen or k == re.sub(r"[^a-z0-9]", '', fold(e['name'])):
                continue
            seen.add(k)
            dedup.add(a)
        e['aliases'] = dedup
        e['capitals'] = OSet((c, True) for c in e['capitals']
                             if latin_only(c) and c[:1].isupper() and ' in ' not in c)
        names = {fold(e['name'])} | {fold(a) for a in e['aliases']}
        e['demonyms'] = OSet((d, True) for d in e['demonyms']
                             if ',' not in d and ' or ' not in d and fold(d) not in names)
        for k, vals in e.pop('curated', {}).items():
            for v in vals:
                e[k].add(v)

    # curated overrides (applied last, so they win)
    adds, removes = [], []
    for r in read_tsv(os.path.join(HERE, 'curated_aliases.tsv')):
        (removes if r['field'].startswith('-') else adds).append(r)
    for r in adds:
        e = countries[r['iso2']]
        if r['field'] == 'name':
            e['name'] = r['values'].strip()
            continue
        key = {'alias': 'aliases', 'demonym': 'demonyms', 'capital': 'capitals', 'seat': 'seats'}[r['field']]
        for v in split_multi(r['values']):
            e[key].add(v)
    for r in removes:
        e = countries[r['iso2']]
        key = {'-alias': 'aliases', '-demonym': 'demonyms', '-capital': 'capitals', '-seat': 'seats'}[r['field']]
        for v in split_multi(r['values']):
            e[key].discard(v)

    # final tidy: the name is not repeated among aliases; "the X" dropped when X is present
    for e in countries.values():
        for k in ('aliases', 'capitals', 'seats', 'demonyms'):
            vals = list(e[k])
            s = OSet()
            for v in vals:
                if k == 'aliases' and v == e['name']:
                    continue
                if v.startswith('the ') and v[4:] in vals and v != 'the States':
                    continue
                s.add(v)
            e[k] = s

    # a demonym/capital shared between a sovereign state and dependent territories
    # stays with the sovereign state (Dutch -> NL, not Aruba; American -> US)
    sovereign = {c['cca2'] for c in mled.values() if c.get('independent')}
    sovereign |= {'XK', 'PS', 'TW', 'VA'}
    former = {iso2 for iso2, e in countries.items() if e['valid_to']}
    for k in ('demonyms', 'capitals'):
        own = defaultdict(set)
        for iso2, e in countries.items():
            for v in e[k]:
                own[v].add(iso2)
        for v, isos in own.items():
            if len(isos) > 1 and isos & sovereign:
                for iso2 in isos - sovereign - former:
                    countries[iso2][k].discard(v)
                    report['dropped_shared_' + k].append(f'{v} ({iso2})')

    # drop aliases that end up shared between two countries (unless curated for both)
    owners = defaultdict(list)
    for iso2, e in countries.items():
        owners[e['name']].append(iso2)
        for a in e['aliases']:
            owners[a].append(iso2)
    curated_alias = defaultdict(set)
    for r in adds:
        if r['field'] in ('alias', 'name'):
            for v in split_multi(r['values']):
                curated_alias[v].add(r['iso2'])
    for a, isos in owners.items():
        if len(set(isos)) > 1:
            for iso2 in set(isos):
                e = countries[iso2]
                if a == e['name'] or iso2 in curated_alias.get(a, ()):
                    continue
                if a in e['aliases']:
                    e['aliases'].discard(a)
                    report['dropped_shared_aliases'].append(f'{a} ({iso2})')
    return countries


def factbook_gec_map(fbdir, mled, iso1):
    """Map Factbook GEC file codes (e.g. 'gm') to ISO2 by matching the country names."""
    names = {}
    for c in mled.values():
        for n in [c['name']['common'], c['name']['official']] + c.get('altSpellings', []):
            names.setdefault(fold(n), c['cca2'])
    for c in iso1:
        for k in ('name', 'official_name', 'common_name'):
            if k in c:
                names.setdefault(fold(c[k]), c['alpha_2'])
    manual = {'sh': 'SH', 'tb': 'BL', 'vt': 'VA', 'fk': 'FK', 'we': 'PS', 'kv': 'XK', 'tw': 'TW',
              'vi': 'VG', 'vq': 'VI', 'gz': None}
    out = {}
    for f in sorted(glob.glob(os.path.join(fbdir, '*', '*.json'))):
        gec = os.path.basename(f)[:-5]
        region = os.path.basename(os.path.dirname(f))
        if region in ('meta', 'oceans', 'world', 'antarctica'):
            continue
        if gec in manual:
            if manual[gec]:
                out[gec] = manual[gec]
            continue
        try:
            d = json.load(open(f, encoding='utf-8'))
        except ValueError:
            continue
        cn = d.get('Government', {}).get('Country name', {})
        for k in ('conventional short form', 'conventional long form', 'local short form'):
            t = html.unescape(re.sub(r'<[^>]+>', '', cn.get(k, {}).get('text', ''))).strip()
            if t and t != 'none' and fold(t) in names:
                out[gec] = names[fold(t)]
                break
    return out


def parse_nationality(t):
    """'Russian(s)' -> [Russian, Russians]; 'Frenchman(men)' -> [Frenchman, Frenchmen]."""
    t = html.unescape(re.sub(r'<[^>]+>', '', t))
    t = re.split(r';\s*note', t)[0]
    out = []
    for part in re.split(r',|;| or ', t):
        part = re.sub(r'\((singular and plural|collective plural|colloquial|singular|plural|US citizens|US nationals)\)', '', part)
        part = part.strip()
        if not part or part in ('NA',):
            continue
        m = re.fullmatch(r"([A-Z][\w'\- ]*?)\s*\((s|es|men|women)\)", part)
        if m:
            base, suf = m.group(1).strip(), m.group(2)
            out.append(base)
            if suf in ('men', 'women'):
                out.append(re.sub(r'(wo)?man$', lambda mm: (mm.group(1) or '') + 'men', base))
            else:
                out.append(base + suf)
        elif re.fullmatch(r"[A-Z][\w'\- ]*", part):
            out.append(part)
    return out


def load_factbook_current(g, mled, iso1):
    fbdir = os.path.join(g, 'cia-factbook')
    gmap = factbook_gec_map(fbdir, mled, {c['alpha_2']: c for c in iso1}.values())
    out = {}
    for f in sorted(glob.glob(os.path.join(fbdir, '*', '*.json'))):
        gec = os.path.basename(f)[:-5]
        if gec not in gmap:
            continue
        d = json.load(open(f, encoding='utf-8'))
        nat = d.get('People and Society', {}).get('Nationality', {})
        dem = []
        for k in ('noun', 'adjective'):
            dem += parse_nationality(nat.get(k, {}).get('text', ''))
        cap = d.get('Government', {}).get('Capital', {}).get('name', {}).get('text', '')
        cap = html.unescape(re.sub(r'<[^>]+>', '', cap))
        caps = []
        m = re.match(r'^([^;(]+)', cap)
        if m and 'none' not in cap.lower()[:6]:
            c1 = m.group(1).strip()
            if c1 and len(c1) < 40 and ',' not in c1:
                caps.append(c1)
        cn = d.get('Government', {}).get('Country name', {})
        names = []
        for k in ('conventional short form', 'conventional long form'):
            t = html.unescape(re.sub(r'<[^>]+>', '', cn.get(k, {}).get('text', ''))).strip()
            if t and t.lower() != 'none':
                names.append(t)
        out[gmap[gec]] = {'demonyms': dem, 'capitals': caps, 'names': names, 'gec': gec}
    return out


# ----------------------------------------------------------------------------
# Factbook executive-branch text -> office holders
# ----------------------------------------------------------------------------

TITLE_WORDS = set("""President Presidents Prime Minister Ministers Premier Chancellor King Queen Emperor Empress
Amir Emir Sultan Supreme Leader Governor General Governor-General Chairman Chairwoman Chairperson Chief Executive
Crown Prince Princess Co-prince Co-Prince Co-princes Captain Captains Regent Regents Acting Interim Transitional Grand
Duke Duchess Pope Pontiff State Counsellor Counselor Adviser Advisor Head Council Presidential Secretary First Second
Vice Deputy Federal Sovereign Commission Military Lieutenant Lt. Lt Gen. Gen Col. Colonel Maj. Major Brig. Field Marshal
Senior Holy Father His Her Majesty Highness Archbishop Bishop Cardinal Sir Dr. Mr. Mrs. Ms. Dame Lord Lady Administrator
Commissioner High Presiding Officer Revolutionary Guide National Assembly Speaker Transition Junta Leaders Co-Chairman
Co-President Co-Presidents Chairmen Member Members Presidency Cabinet Government Parliament Senate Party Communist Central
Committee Armed Forces Army Navy Commander Commander-in-Chief Emir Amir Tanaiste Taoiseach Governors Mayor Executive
Foreign Political Affairs Internal Interior Co-Vice and of the for Affairs Swiss Confederation Sudanese Chair
Chairperson Ministers Union Republic Capt. Capt Premiers""".split())
PARTICLES = {'al', 'al-', 'bin', 'bint', 'ibn', 'da', 'das', 'de', 'del', 'della', 'der', 'den', 'di', 'do', 'dos', 'du',
             'el', 'la', 'le', 'van', 'von', 'ould', 'ben', 'y', 'e', 'ter', 'zu', 'af'}
ROMAN = re.compile(r'^[IVX]+$')
SKIP_TITLE = re.compile(r'\b(co-)?(vice|deputy)\b|\b(represented|governor|administrator|commissioner|'
                        r'first lady|note|spouse|premier of|mayor|speaker|also spelled)\b', re.I)
SINCE = re.compile(r'since\s+(?:(\d{1,2})\s+)?([A-Za-z]+)?\s*(\d{4})')


UPRUN = re.compile(r"[^\W\d_a-z]{2,}")


def has_caps_run(t):
    return any(ch.isupper() for ch in t) and re.search(r"(?:[^\W\d_](?<![a-z]))", t) is not None and \
        any(len(r) >= 2 and r.isupper() for r in re.findall(r"[^\W\d_]+", t))


def is_cap_word(t):
    w = re.sub(r"[\.\-']", '', t)
    return bool(w) and w[0].isupper() and (len(w) == 1 or not w[1:].isupper())


def tc_token(t, first):
    """PUTIN -> Putin, McDONALD -> McDonald, VON -> von (not first), III stays."""
    if ROMAN.match(t.strip('.,')) and not first:
        return t
    low = t.lower()
    if not first and low in PARTICLES:
        return low
    if not first and low.startswith('al-') and t[:3].isupper():
        return 'al-' + tc_token(t[3:], True)
    return re.sub(r"[^\W\d_]{2,}", lambda m: m.group(0)[0] + m.group(0)[1:].lower()
                  if m.group(0).isupper() else m.group(0), t)


def parse_since(s):
    m = SINCE.search(s)
    if not m:
        return None, None
    day, mon, year = m.group(1), m.group(2), m.group(3)
    mi = MONTHS.get((mon or '').lower())
    if mi and day:
        try:
            return dt.date(int(year), mi, int(day)).isoformat(), 'day'
        except ValueError:
            return None, None
    if mi:
        return f'{year}-{mi:02d}-01', 'month'
    return f'{year}-01-01', 'year'


def parse_holders(text):
    """Return [(title, display_name, given, surname, raw, since, since_precision)] for one office text."""
    t = html.unescape(re.sub(r'<[^>]+>', ' ', text or ''))
    t = t.replace('\u2019', "'")
    t = re.sub(r'\((?![^)]*since)[^)]*\)', ' ', t)     # "(or Cap de Govern)", "(Prime Minister-equivalent)"
    t = re.split(r'\bnote\b\s*[-:\u2013]', t, flags=re.I)[0]
    t = re.split(r'\bnote\s*\d*\s*:', t, flags=re.I)[0]
    out = []
    # segments: by ';', and where a deputy's title follows a closing parenthesis without one (Thailand 2017:
    # "... Gen. PRAYUT Chan-ocha (since 25 August 2014) Deputy Prime Ministers PRAWIT ...")
    for seg in re.split(r';|(?<=\))\s+(?=(?:First |Second |Executive )?(?:Deputy|Vice)\b)', t):
        seg = seg.strip()
        if not seg:
            continue
        # a segment may list several people: "X (since ...), Y (since ...)"; a person without a title of their
        # own holds the one before ("Vice Premiers SUN Chunlan (since ...), HU Chunhua (since ...)": both vice)
        seg_title = ''
        for piece in re.split(r'\)\s*,\s*(?:and\s+)?', seg):
            piece = piece.strip()
            head = piece.split('(')[0]
            since, prec = parse_since(piece)
            toks = head.replace(',', ' , ').split()
            # find the first token with an upper-case run (the surname in Factbook style);
            # a Roman numeral right after such a token is a regnal number (CHARLES III), XI alone is a name
            def is_caps(i):
                tok = toks[i]
                if not has_caps_run(tok):
                    return False
                if ROMAN.match(tok):
                    return i + 1 < len(toks) and is_cap_word(toks[i + 1]) and not ROMAN.match(toks[i + 1])
                return True
            k = None
            for i, tok in enumerate(toks):
                if tok in TITLE_WORDS and not has_caps_run(tok):
                    continue
                if is_caps(i):
                    k = i
                    break
            if k is None:
                continue
            start = k
            while start - 1 >= 0 and is_cap_word(toks[start - 1]) and toks[start - 1] not in TITLE_WORDS:
                start -= 1
            end = k + 1
            while end < len(toks) and toks[end] != ',' and (
                    is_cap_word(toks[end]) or has_caps_run(toks[end]) or toks[end].lower() in PARTICLES
                    or toks[end].lower().startswith('al-')):
                end += 1
            if re.search(r'\b(resigned|died|deceased|former|formerly|ousted|stepped down|impeached|suspended|'
                         r'heir apparent|heir|assassinated|killed)\b', piece, re.I):
                continue
            title = ' '.join(toks[:start]) or seg_title
            seg_title = title
            if SKIP_TITLE.search(title) or SKIP_TITLE.search(head[:0]):
                continue
            name_toks = toks[start:end]
            if not name_toks:
                continue
            while name_toks and name_toks[-1].lower() in PARTICLES:
                name_toks.pop()
            regnal = bool(ROMAN.match(name_toks[-1])) and len(name_toks) >= 2
            caps_idx = [i for i, tok in enumerate(name_toks) if has_caps_run(tok) and not ROMAN.match(tok)
                        or (i == 0 and ROMAN.match(tok) and len(name_toks) > 1 and not regnal)]
            if not caps_idx:
                continue
            first_caps, last_caps = caps_idx[0], caps_idx[-1]
            sur_toks = name_toks[first_caps:last_caps + 1]
            j = first_caps
            while j - 1 >= 0 and name_toks[j - 1].lower() in PARTICLES:
                j -= 1
                sur_toks = [name_toks[j]] + sur_toks
            display = ' '.join(tc_token(tok, i == 0) for i, tok in enumerate(name_toks))
            if regnal:                       # King CHARLES III: regnal name, no surname
                given, surname = display, ''
            else:
                surname = ' '.join(tc_token(tok, i > 0 or j == 0) if tok.lower() not in PARTICLES else tok.lower()
                                   for i, tok in enumerate(sur_toks))
                if j == 0 and first_caps == 0:      # KIM Jong Un, XI Jinping: surname first
                    given = ' '.join(tc_token(tok, True) for tok in name_toks[last_caps + 1:])
                else:
                    given = ' '.join(tc_token(tok, True) for tok in name_toks[:j])
                if given.split()[:1] and given.split()[0].lower() in PARTICLES:
                    given = ''
            out.append({'title': title, 'name': display, 'given': given, 'surname': surname,
                        'raw': ' '.join(name_toks), 'since': since, 'since_prec': prec,
                        'surname_first': j == 0 and first_caps == 0})
    return out


def drop_patronymic(given):
    parts = given.split()
    if len(parts) >= 2 and re.search(r'(ovich|evich|ich|ovna|evna|ichna|yevich|ovych|ovych|evych|ivna)$', parts[-1]):
        return ' '.join(parts[:-1])
    return given


def walk_factbook_history(histdir, gmap):
    """Yield (date, iso2, role, holders) for each snapshot of each country file in the git history."""
    log = subprocess.run(['git', '-C', histdir, 'log', '--reverse', '--format=%H %ad', '--date=short'],
                         capture_output=True, text=True, check=True).stdout.split('\n')
    commits = [l.split() for l in log if l.strip()]
    snapshots = []          # (date, gec, blob)
    last_blob = {}
    for sha, date in commits:
        tree = subprocess.run(['git', '-C', histdir, 'ls-tree', '-r', sha], capture_output=True, text=True,
                              check=True).stdout
        for line in tree.split('\n'):
            if not line.endswith('.json'):
                continue
            meta, path = line.split('\t', 1)
            blob = meta.split()[2]
            gec = os.path.basename(path)[:-5]
            if gec not in gmap:
                continue
            # a snapshot is the date a file's content changed: a file left untouched by a commit
            # still holds older text, so only changes carry dates
            if last_blob.get(gec) == blob:
                continue
            last_blob[gec] = blob
            snapshots.append((date, gec, blob))
    # read every distinct blob once
    blobs = sorted({b for _, _, b in snapshots})
    contents = {}
    p = subprocess.Popen(['git', '-C', histdir, 'cat-file', '--batch'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for b in blobs:
        p.stdin.write((b + '\n').encode())
        p.stdin.flush()
        header = p.stdout.readline().split()
        size = int(header[2])
        data = p.stdout.read(size)
        p.stdout.read(1)
        try:
            d = json.loads(data.decode('utf-8'))
            ex = d.get('Government', {}).get('Executive branch', {})
            contents[b] = (ex.get('chief of state', {}).get('text', ''), ex.get('head of government', {}).get('text', ''))
        except (ValueError, AttributeError):
            contents[b] = ('', '')
    p.stdin.close()
    p.wait()
    cache = {}
    seen = set()
    for date, gec, blob in snapshots:
        if (date, gec) in seen:
            continue
        seen.add((date, gec))
        if blob not in cache:
            cs, hg = contents[blob]
            cache[blob] = (parse_holders(cs), parse_holders(hg), cs, hg)
        cs_h, hg_h, cs, hg = cache[blob]
        yield date, gmap[gec], 'head_of_state', cs_h, cs
        yield date, gmap[gec], 'head_of_government', hg_h, hg


# ----------------------------------------------------------------------------
# leaders and terms
# ----------------------------------------------------------------------------

# REIGN uses Correlates-of-War state abbreviations; map them to our country ids.
COW_TO_ISO = dict(x.split(':') for x in """AAB:AG AFG:AF ALB:AL ALG:DZ AND:AD ANG:AO ARG:AR ARM:AM AUL:AU AUS:AT AZE:AZ BAH:BH
BAR:BB BEL:BE BEN:BJ BFO:BF BHM:BS BHU:BT BLR:BY BLZ:BZ BNG:BD BOL:BO BOS:BA BOT:BW BRA:BR BRU:BN BUI:BI BUL:BG CAM:KH
CAN:CA CAO:CM CAP:CV CDI:CI CEN:CF CHA:TD CHL:CL CHN:CN COL:CO COM:KM CON:CG COS:CR CRO:HR CUB:CU CYP:CY CZE:CS CZR:CZ
DEN:DK DJI:DJ DMA:DM DOM:DO DRC:CD DRV:VN ECU:EC EGY:EG EQG:GQ ERI:ER EST:EE ETH:ET ETM:TL FIJ:FJ FIN:FI FRN:FR FSM:FM
GAB:GA GAM:GM GDR:DD GFR:DE-W GHA:GH GMY:DE GNB:GW GRC:GR GRG:GE GRN:GD GUA:GT GUI:GN GUY:GY HAI:HT HON:HN HUN:HU ICE:IS
IND:IN INS:ID IRE:IE IRN:IR IRQ:IQ ISR:IL ITA:IT JAM:JM JOR:JO JPN:JP KEN:KE KIR:KI KOS:XK KUW:KW KYR:KG KZK:KZ LAO:LA
LAT:LV LBR:LR LEB:LB LES:LS LIB:LY LIE:LI LIT:LT LUX:LU MAA:MR MAC:MK MAD:MV MAG:MG MAL:MY MAS:MU MAW:MW MEX:MX MLD:MD
MLI:ML MLT:MT MNC:MC MNG:ME MON:MN MOR:MA MSI:MH MYA:MM MZM:MZ NAM:NA NAU:NR NEP:NP NEW:NZ NIC:NI NIG:NG NIR:NE NOR:NO
NTH:NL OMA:OM PAK:PK PAL:PW PAN:PA PAR:PY PER:PE PHI:PH PNG:PG POL:PL POR:PT PRK:KP QAT:QA ROK:KR ROM:RO RUS:RU RWA:RW
SAF:ZA SAL:SV SAU:SA SEN:SN SEY:SC SIE:SL SIN:SG SKN:KN SLO:SK SLU:LC SLV:SI SNM:SM SOL:SB SOM:SO SPN:ES SRI:LK SSD:SS
STP:ST SUD:SD SUR:SR SVG:VC SWA:SZ SWD:SE SWZ:CH SYR:SY TAJ:TJ TAZ:TZ THI:TH TKM:TM TOG:TG TON:TO TRI:TT TUN:TN TUR:TR
TUV:TV UAE:AE UGA:UG UKG:GB UKR:UA URU:UY USA:US UZB:UZ VAN:VU VEN:VE WSM:WS YAR:YE YEM:YE YUG:YU ZAM:ZM ZIM:ZW""".split())
COW_SKIPPED = {'RVN': 'South Vietnam (no entity)', 'YPR': "South Yemen (People's Democratic Republic, no entity)"}


def reign_affiliation(cow, ccode, start):
    """Country id for a REIGN row, splitting states whose identity changed."""
    if cow == 'RUS':
        return 'SU' if start < '1991-12-26' else 'RU'
    if cow == 'YUG':
        return 'YU' if start < '2006-06-05' else 'RS'
    if cow == 'GMY' and ccode == '260':
        return 'DE-W'
    if cow == 'CZE':
        return 'CS'
    return COW_TO_ISO.get(cow)


def month_end(y, m):
    if m == 12:
        return dt.date(y, 12, 31)
    return dt.date(y, m + 1, 1) - dt.timedelta(days=1)


def load_reign(g, report):
    rows = []
    raw = open(os.path.join(g, 'reign', 'leaderlist_3_21.csv'), 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        text = raw.decode('cp1252', errors='replace')     # the REIGN csv is Windows-1252
    if True:
        import io
        rd = csv.reader(io.StringIO(text))
        header = next(rd)
        for r in rd:
            d = dict(zip(header, r))
            cow = d['stateabb']
            if cow in COW_SKIPPED:
                report['reign_skipped_rows'].append(f"{cow} {d['leader']}")
                continue
            try:
                start = dt.date(int(d['syear']), int(d['smonth']), int(d['sdate']))
            except ValueError:
                report['reign_bad_rows'].append(str(r))
                continue
            end_m = (int(d['eyear']), int(d['emonth'])) if d['eyear'] and d['emonth'] else None
            rows.append({'cow': cow, 'ccode': d['ccode'], 'leader': d['leader'].strip(), 'start': start,
                         'end_m': end_m})
    # resolve end day: successor's start if in the end month, else last day of the end month
    bycountry = defaultdict(list)
    for r in rows:
        bycountry[r['cow']].append(r)
    out = []
    for cow, rs in bycountry.items():
        rs.sort(key=lambda r: r['start'])
        for i, r in enumerate(rs):
            end = None
            if r['end_m']:
                y, m = r['end_m']
                end = month_end(y, m)
                for nxt in rs[i + 1:]:
                    if (nxt['start'].year, nxt['start'].month) == (y, m) and nxt['start'] >= r['start']:
                        end = nxt['start']
                        break
            aff = reign_affiliation(cow, r['ccode'], r['start'].isoformat())
            if cow == 'GMY' and r['ccode'] == '260' and end and end.isoformat() >= '1990-10-03':
                # Kohl 1982-1990 is coded for West Germany; unified Germany starts on 1990-10-03
                end = dt.date(1990, 10, 2)
            out.append({'cow': cow, 'aff': aff, 'leader': r['leader'], 'start': r['start'].isoformat(),
                        'end': end.isoformat() if end else ''})
    return out


class Registry:
    def __init__(self):
        self.people = OrderedDict()     # entity_id -> person dict
        self.by_key = {}                # match key -> entity_id
        self.terms = []

    def person(self, eid, name, country='', given='', surname='', aliases=()):
        p = self.people.get(eid)
        if p is None:
            p = {'entity_id': eid, 'name': name, 'aliases': OSet(), 'country_iso2': country,
                 'given_names': given, 'surname': OSet(), 'curated': False, 'incomplete': False}
            if surname:
                for s_ in split_multi(surname):
                    p['surname'].add(s_)
            self.people[eid] = p
        for a in aliases:
            if a and a != p['name']:
                p['aliases'].add(a)
        return p

    def new_id(self, name, iso2, year=''):
        base = 'leader:' + slug(name)
        if base not in self.people:
            return base
        cand = f'{base}-{iso2.lower()}'
        if cand not in self.people:
            return cand
        return f'{cand}-{year}'


def person_key(name):
    return re.sub(r'[^a-z0-9]', '', fold(name))


def build_factbook_terms(histdir, gmap, countries, reg, curated_fb, report, sovereign):
    """Derive head_of_state / head_of_government terms 2014-2026 from the Factbook git history."""
    seq = defaultdict(list)   # (iso2, role) -> [(date, [holders])]
    last_date = defaultdict(str)
    for date, iso2, role, holders, raw in walk_factbook_history(histdir, gmap):
        if iso2 not in countries or iso2 not in sovereign:
            continue
        last_date[iso2] = max(last_date[iso2], date)
        if not holders:
            if raw.strip():
                report['factbook_unparsed'].add(f'{iso2} {role}: {raw[:80]}')
            continue
        seq[(iso2, role)].append((date, holders))
    final_date = max(last_date.values())
    for (iso2, role), snaps in sorted(seq.items()):
        snaps.sort(key=lambda x: x[0])
        # identity within this office: normalised full name, with spelling drift merged by surname
        runs = OrderedDict()   # key -> dict(first, last, since, holder, gaps)
        prev_keys = {}
        order = []
        for idx, (date, holders) in enumerate(snaps):
            cur = {}
            for h in holders:
                nm = h['name']
                k = person_key(curated_fb.get(person_key(nm), nm))
                # merge spelling drift (ZELENSKYY/ZELENSKIY): same surname as a holder of the previous snapshot
                if k not in prev_keys:
                    for pk, ph in prev_keys.items():
                        import difflib
                        if h['surname'] and fold(h['surname']) == fold(ph['surname']) and h['given'] and \
                                fold(h['given']).split()[:1] == fold(ph['given']).split()[:1]:
                            k = pk
                            break
                        if h['surname'] and ph['surname'] and fold(h['given'][:1]) == fold(ph['given'][:1]) and \
                                difflib.SequenceMatcher(None, fold(h['surname']), fold(ph['surname'])).ratio() >= 0.75 \
                                and difflib.SequenceMatcher(None, fold(h['given']), fold(ph['given'])).ratio() >= 0.7:
                            k = pk
                            break
                cur[k] = h
            for k, h in cur.items():
                run = runs.get(k)
                if run is not None and run['open'] and run['last_idx'] == idx - 1:
                    run['last_idx'] = idx
                    run['holder'] = h
                    if h['since'] and not run['since']:
                        run['since'] = h['since']
                else:
                    if run is not None:
                        order.append(run)
                    run = {'key': k, 'first_idx': idx, 'last_idx': idx, 'holder': h, 'since': h['since'],
                           'since_prec': h['since_prec'], 'open': True}
                    runs[k] = run
            prev_keys = cur
        order.extend(runs.values())
        order.sort(key=lambda r: r['first_idx'])
        prev_start = ''
        for ri, run in enumerate(order):
            h = run['holder']
            first_date = snaps[run['first_idx']][0]
            start = first_date
            # 'since' wins when it is not later than the first sighting and later than the
            # predecessor's start (the Factbook was not updated 2017-03..2020-11, so sightings lag)
            if run['since'] and run['since'] <= first_date and run['since'] > prev_start:
                start = run['since']
            if run['last_idx'] == len(snaps) - 1:
                end = ''
            else:
                next_date = snaps[run['last_idx'] + 1][0]
                end = next_date
                # the successor's 'since' date, when plausible, is the better end date
                for h2 in snaps[run['last_idx'] + 1][1]:
                    s2 = h2['since']
                    if s2 and start < s2 <= next_date and h2['since_prec'] == 'day':
                        end = min(end, s2)
            prev_start = start
            p = attach_person(reg, h, iso2, curated_fb)
            reg.terms.append({'entity_id': p['entity_id'], 'affiliation': countries[iso2]['entity_id'],
                              'role': role, 'start_date': start, 'end_date': end, 'source': 'factbook-history',
                              'title': h['title']})
    return final_date


def attach_person(reg, h, iso2, curated_fb):
    nm = h['name']
    key = person_key(nm)
    target = curated_fb.get(key)
    if target and target in reg.people:
        p = reg.people[target]
        p['aliases'].add(nm) if nm != p['name'] else None
        return p
    eid = reg.by_key.get(key)
    if eid:
        return reg.people[eid]
    given = drop_patronymic(h['given'])
    display = nm
    if given != h['given']:
        display = nm.replace(h['given'], given, 1)
    eid = reg.new_id(display, iso2)
    p = reg.person(eid, display, iso2, given, h['surname'], aliases=[nm])
    reg.by_key[key] = eid
    reg.by_key[person_key(display)] = eid
    return p


def overlaps(a0, a1, b0, b1, slack_days=0):
    a1 = a1 or '9999-12-31'
    b1 = b1 or '9999-12-31'
    if slack_days:
        a0 = (dt.date.fromisoformat(a0) - dt.timedelta(days=slack_days)).isoformat()
        if a1 != '9999-12-31':
            a1 = (dt.date.fromisoformat(a1) + dt.timedelta(days=slack_days)).isoformat()
    return a0 <= b1 and b0 <= a1


NAME_SUFFIX = re.compile(r'^(Jr\.?|Sr\.?|[IVX]+|[A-Z]\.?)$')


def reign_surname(name):
    """The surname in a REIGN name: 'Arias, A.' -> Arias, 'Ramgoolam N.' -> Ramgoolam, 'Benigno Aquino III' -> Aquino,
    'Surangel Whipps Jr.' -> Whipps; a one-word regnal name ('Faisal II', 'Mohammed V') has none. Initials, Jr. and
    regnal numbers are never surnames: as bare surnames they matched 'Jr.' and 'VI' in running text."""
    toks = name.split(',')[0].replace('.', '. ').split()
    if len(toks) == 2 and ROMAN.match(toks[1]):
        return ''
    while len(toks) > 1 and NAME_SUFFIX.match(toks[-1]):
        toks.pop()
    return toks[-1] if toks and not NAME_SUFFIX.match(toks[-1]) else ''


def build_reign_terms(g, countries, reg, curated_reign, report):
    rows = load_reign(g, report)
    fb_terms = defaultdict(list)        # affiliation -> factbook terms
    for t in reg.terms:
        fb_terms[t['affiliation']].append(t)
    def norm_last(x):
        x = fold(reign_surname(x)) if x.strip() else ''
        return re.sub(r'^(al|el)-', '', x)

    def link(r, cid):
        rk = fold(r['leader'])
        rlast = norm_last(r['leader'])
        for t in fb_terms.get(cid, []):
            p = reg.people[t['entity_id']]
            names = {fold(p['name'])} | {fold(x) for x in p['surname']} | {fold(a) for a in p['aliases']}
            lasts = {norm_last(x) for x in p['surname'] if x}
            if (rk in names or rlast in lasts) and overlaps(r['start'], r['end'], t['start_date'], t['end_date'], 60):
                return p['entity_id']
        # a full name (two words or more) is the same person in the same country at any date: Boyko Borisov's
        # 2009-2013 REIGN term and his 2014-2021 Factbook terms were two people before
        if len(r['leader'].split()) >= 2:
            for t in fb_terms.get(cid, []):
                p = reg.people[t['entity_id']]
                if rk == fold(p['name']) or rk in {fold(a) for a in p['aliases']}:
                    return p['entity_id']
        return None

    # chains: rows of the same state and REIGN name less than 20 years apart are one person
    # (Wilson 1964 and 1974); Pierre (1968) and Justin (2015) Trudeau are not
    rows = [r for r in rows if r['aff'] in countries or report['reign_unmapped'].append(f"{r['cow']} {r['leader']}")]
    chains = []
    last_chain = {}
    for r in sorted(rows, key=lambda r: r['start']):
        ck = (r['cow'], r['leader'])
        ch = last_chain.get(ck)
        if ch and int(r['start'][:4]) - int((ch[-1]['end'] or r['start'])[:4]) < 20:
            ch.append(r)
        else:
            ch = [r]
            chains.append(ch)
            last_chain[ck] = ch
    for ch in chains:
        r0 = ch[0]
        cid = countries[r0['aff']]['entity_id']
        eid = None
        for r in ch:
            eid = curated_reign.get((r['cow'], r['leader'], r['start'][:4])) or curated_reign.get((r['cow'], r['leader']))
            if eid:
                break
        if not eid:
            for r in ch:
                eid = link(r, countries[r['aff']]['entity_id'])
                if eid:
                    break
        if not eid:
            eid = reg.new_id(r0['leader'], r0['aff'], r0['start'][:4])
            p = reg.person(eid, r0['leader'], r0['aff'], '', reign_surname(r0['leader']) if r0['leader'] else '')
            p['incomplete'] = True
        for r in ch:
            r['eid'] = eid
    for r in rows:
        aff = r['aff']
        cid = countries[aff]['entity_id']
        eid = r['eid']
        p = reg.people[eid]
        if not p['country_iso2']:
            p['country_iso2'] = aff
        end = r['end']
        if not end:
            # open in REIGN (data end 2021): close it with the Factbook history when we know the person
            theirs = [t for t in fb_terms.get(cid, []) if t['entity_id'] == eid and t['start_date'] >= r['start'][:4]]
            theirs = theirs or [t for t in fb_terms.get(cid, []) if t['entity_id'] == eid]
            if theirs:
                ends = [t['end_date'] for t in theirs]
                end = '' if '' in ends else max(ends)
            else:
                report['reign_open_unconfirmed'].append(f"{aff} {p['name']} ({r['start']})")
        reg.terms.append({'entity_id': eid, 'affiliation': cid, 'role': 'effective_leader',
                          'start_date': r['start'], 'end_date': end, 'source': 'reign'})


def load_curated_leaders(reg):
    """curated_leaders.tsv: people (override/add); returns factbook-name and REIGN-name links."""
    curated_fb, curated_reign = {}, {}
    for r in read_tsv(os.path.join(HERE, 'curated_leaders.tsv')):
        eid = r['entity_id']
        p = reg.person(eid, r['name'], r['country_iso2'], r['given_names'], '', split_multi(r['aliases']))
        p['name'], p['country_iso2'], p['given_names'] = r['name'], r['country_iso2'], r['given_names']
        p['surname'] = OSet((x, True) for x in split_multi(r['surname']))
        p['curated'] = True
        reg.by_key[person_key(r['name'])] = eid
        for fbn in split_multi(r.get('factbook', '')):
            curated_fb[person_key(fbn)] = eid
        for rn in split_multi(r.get('reign', '')):
            parts = rn.split(':')
            if len(parts) == 3:
                curated_reign[(parts[0], parts[1], parts[2])] = eid
            else:
                curated_reign[(parts[0], parts[1])] = eid
    return curated_fb, curated_reign


def load_curated_terms(reg, countries, orgs):
    out = []
    for r in read_tsv(os.path.join(HERE, 'curated_terms.tsv')):
        out.append({'entity_id': r['entity_id'], 'affiliation': r['affiliation'], 'role': r['role'],
                    'start_date': r['start_date'], 'end_date': r['end_date'], 'source': 'curated'})
    return out


def build_organizations():
    out = []
    for r in read_tsv(os.path.join(HERE, 'curated_organizations.tsv')):
        out.append({'entity_id': r['entity_id'], 'name': r['name'], 'aliases': split_multi(r['aliases']),
                    'country_iso2': r['country_iso2']})
    return out


def finalize_terms(reg, curated_terms):
    """Curated terms replace overlapping generated terms of the same person/affiliation/role;
    adjacent or overlapping generated terms of the same kind are merged."""
    cur_index = defaultdict(list)
    for t in curated_terms:
        cur_index[(t['entity_id'], t['affiliation'], t['role'])].append(t)
    kept = []
    for t in reg.terms:
        k = (t['entity_id'], t['affiliation'], t['role'])
        if any(overlaps(t['start_date'], t['end_date'], c['start_date'], c['end_date'], 45) for c in cur_index.get(k, [])):
            continue
        kept.append(t)
    # merge generated terms of the same person/affiliation/role/source that touch or overlap
    groups = defaultdict(list)
    for t in kept:
        groups[(t['entity_id'], t['affiliation'], t['role'], t['source'])].append(t)
    merged = []
    for k, ts in groups.items():
        ts.sort(key=lambda t: t['start_date'])
        cur = None
        for t in ts:
            if cur and overlaps(cur['start_date'], cur['end_date'], t['start_date'], t['end_date'], 1):
                if not cur['end_date'] or not t['end_date']:
                    cur['end_date'] = ''
                else:
                    cur['end_date'] = max(cur['end_date'], t['end_date'])
                continue
            cur = dict(t)
            merged.append(cur)
    merged += curated_terms
    merged.sort(key=lambda t: (t['affiliation'], t['role'], t['start_date'], t['entity_id']))
    return merged


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--shared', default=os.path.join(REPO, '..', 'shared'),
                    help='the shared reference directory (contains gazetteers/); default ../shared')
    ap.add_argument('--history', default=None,
                    help='a clone of cia-factbook-history.bundle; cloned to a temp dir when missing')
    ap.add_argument('--out', default=DATA, help='output directory (default: data/)')
    args = ap.parse_args()
    g = os.path.join(args.shared, 'gazetteers')
    report = defaultdict(list)
    report['factbook_unparsed'] = set()

    countries = build_countries(args.shared, report)
    orgs = build_organizations()

    hist = args.history
    if not hist:
        import tempfile
        hist = os.path.join(tempfile.gettempdir(), 'newslens-factbook-history')
    if not os.path.isdir(os.path.join(hist, '.git')):
        subprocess.run(['git', 'clone', '-q', os.path.join(g, 'cia-factbook-history.bundle'), hist], check=True)

    mled = {c['cca2']: c for c in json.load(open(os.path.join(g, 'countries-mledoze', 'countries.json'), encoding='utf-8'))}
    iso1 = json.load(open(os.path.join(g, 'iso-codes', 'iso_3166-1.json'), encoding='utf-8'))['3166-1']
    gmap = factbook_gec_map(os.path.join(g, 'cia-factbook'), mled, iso1)

    reg = Registry()
    curated_fb, curated_reign = load_curated_leaders(reg)
    # dependent territories are left out: their 'chief of state' is the sovereign's head of state
    sovereign = {c['cca2'] for c in mled.values() if c.get('independent')} | {'XK', 'PS', 'TW', 'VA'}
    final_date = build_factbook_terms(hist, gmap, countries, reg, curated_fb, report, sovereign)
    build_reign_terms(g, countries, reg, curated_reign, report)
    curated_terms = load_curated_terms(reg, countries, orgs)
    terms = finalize_terms(reg, curated_terms)

    # main country of a generated person: the country with the longest terms (curated rows keep theirs)
    days = defaultdict(lambda: defaultdict(int))
    for t in terms:
        if t['affiliation'].startswith('country:'):
            s0 = dt.date.fromisoformat(t['start_date'])
            e0 = dt.date.fromisoformat(t['end_date']) if t['end_date'] else dt.date.fromisoformat(final_date)
            days[t['entity_id']][t['affiliation'].split(':', 1)[1]] += max(1, (e0 - s0).days)
    used = {t['entity_id'] for t in terms}
    leaders = []
    for p in reg.people.values():
        if p['entity_id'] not in used and not p['curated']:
            continue
        if not p['curated'] and days.get(p['entity_id']):
            p['country_iso2'] = max(days[p['entity_id']].items(), key=lambda kv: kv[1])[0]
        leaders.append(p)
    leaders.sort(key=lambda p: p['entity_id'])

    out = args.out
    write_tsv(os.path.join(out, 'countries.tsv'),
              ['entity_id', 'iso2', 'iso3', 'name', 'aliases', 'demonyms', 'capitals', 'seats', 'valid_from', 'valid_to'],
              countries.values())
    write_tsv(os.path.join(out, 'organizations.tsv'), ['entity_id', 'name', 'aliases', 'country_iso2'], orgs)
    write_tsv(os.path.join(out, 'leaders.tsv'),
              ['entity_id', 'name', 'aliases', 'country_iso2', 'given_names', 'surname'],
              [dict(p, given_names=p['given_names'], surname=list(p['surname'])) for p in leaders])
    write_tsv(os.path.join(out, 'leader_terms.tsv'),
              ['entity_id', 'affiliation', 'role', 'start_date', 'end_date', 'source'], terms)

    stats = coverage(out, leaders, terms, countries, report, final_date)
    with open(os.path.join(HERE, 'build_report.txt'), 'w', encoding='utf-8') as f:
        for k, v in stats.items():
            f.write(f'{k}: {v}\n')
        for k, v in sorted(report.items()):
            v = sorted(v)
            f.write(f'\n## {k} ({len(v)})\n')
            for x in v:
                f.write(f'{x}\n')
    errors = check(out)
    for k, v in stats.items():
        print(f'{k}: {v}')
    if errors:
        print(f'CHECK FAILED: {len(errors)} problem(s)', file=sys.stderr)
        for e in errors[:200]:
            print('  ' + e, file=sys.stderr)
        sys.exit(1)
    print('check: OK')


def coverage(out, leaders, terms, countries, report, final_date):
    stats = OrderedDict()
    stats['countries'] = len(countries)
    stats['leaders'] = len(leaders)
    stats['terms'] = len(terms)
    by_src = defaultdict(int)
    for t in terms:
        by_src[t['source']] += 1
    stats['terms_by_source'] = dict(sorted(by_src.items()))
    by_role = defaultdict(int)
    for t in terms:
        by_role[t['role']] += 1
    stats['terms_by_role'] = dict(sorted(by_role.items()))
    stats['leaders_reign_short_name_only'] = sum(1 for p in leaders if p['incomplete'] and not p['curated'])
    stats['factbook_snapshot_last'] = final_date
    with_hos = {t['affiliation'] for t in terms if t['role'] == 'head_of_state'}
    with_any = {t['affiliation'] for t in terms}
    iso_current = [e for e in countries.values() if not e['valid_to']]
    stats['countries_with_head_of_state_terms'] = sum(1 for e in iso_current if e['entity_id'] in with_hos)
    stats['countries_without_any_terms'] = len([e for e in iso_current if e['entity_id'] not in with_any])
    report['countries_without_any_terms'] = [f"{e['iso2']} {e['name']}" for e in iso_current
                                             if e['entity_id'] not in with_any]
    report['reign_short_name_only'] = [f"{p['country_iso2']} {p['name']} ({p['entity_id']})"
                                       for p in leaders if p['incomplete'] and not p['curated']]
    report['factbook_unparsed'] = sorted(report['factbook_unparsed'])
    return stats


# ----------------------------------------------------------------------------
# consistency check (runs after generation; also usable alone with --check-only)
# ----------------------------------------------------------------------------

# values deliberately shared by two country entities
INTENTIONAL_SHARED = {
    'congolese': {'CD', 'CG'}, 'dominican': {'DM', 'DO'}, 'dominicans': {'DM', 'DO'},
    'channel islander': {'GG', 'JE'}, 'channel islanders': {'GG', 'JE'},
    'virgin islander': {'VG', 'VI'}, 'virgin islanders': {'VG', 'VI'},
}
ROLES = {'head_of_state', 'head_of_government', 'effective_leader', 'foreign_minister', 'secretary_general',
         'commission_president', 'council_president'}


def load_out(path, header):
    errors = []
    rows = []
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    if not lines or lines[0].split('\t') != header:
        errors.append(f'{os.path.basename(path)}: bad header {lines[:1]}')
        return rows, errors
    for i, line in enumerate(lines[1:], 2):
        cells = line.split('\t')
        if len(cells) != len(header):
            errors.append(f'{os.path.basename(path)}:{i}: {len(cells)} cells, expected {len(header)}')
            continue
        if any(c != c.strip() or '"' in c and c.startswith('"') for c in cells):
            errors.append(f'{os.path.basename(path)}:{i}: untrimmed or quoted cell')
        if any('||' in c or c.startswith('|') or c.endswith('|') for c in cells):
            errors.append(f'{os.path.basename(path)}:{i}: empty multi-value item')
        rows.append(dict(zip(header, cells)))
    return rows, errors


def check(out):
    errors = []
    C, e1 = load_out(os.path.join(out, 'countries.tsv'),
                     ['entity_id', 'iso2', 'iso3', 'name', 'aliases', 'demonyms', 'capitals', 'seats', 'valid_from', 'valid_to'])
    O, e2 = load_out(os.path.join(out, 'organizations.tsv'), ['entity_id', 'name', 'aliases', 'country_iso2'])
    L, e3 = load_out(os.path.join(out, 'leaders.tsv'),
                     ['entity_id', 'name', 'aliases', 'country_iso2', 'given_names', 'surname'])
    T, e4 = load_out(os.path.join(out, 'leader_terms.tsv'),
                     ['entity_id', 'affiliation', 'role', 'start_date', 'end_date', 'source'])
    errors += e1 + e2 + e3 + e4
    ids = defaultdict(int)
    for r in C + O + L:
        ids[r['entity_id']] += 1
        if not r['name']:
            errors.append(f"{r['entity_id']}: empty name")
    errors += [f'duplicate id {k}' for k, v in ids.items() if v > 1]
    iso2s = defaultdict(int)
    for r in C:
        if not r['entity_id'].startswith('country:'):
            errors.append(f"bad country id {r['entity_id']}")
        if r['iso2']:
            iso2s[r['iso2']] += 1
            if r['entity_id'] != 'country:' + r['iso2']:
                errors.append(f"{r['entity_id']}: iso2 {r['iso2']} does not match the id")
        for d in ('valid_from', 'valid_to'):
            if r[d] and not valid_date(r[d]):
                errors.append(f"{r['entity_id']}: bad {d} {r[d]}")
        if r['valid_from'] and r['valid_to'] and r['valid_from'] > r['valid_to']:
            errors.append(f"{r['entity_id']}: valid_from > valid_to")
    errors += [f'duplicate iso2 {k}' for k, v in iso2s.items() if v > 1]
    for r in O:
        if not re.fullmatch(r'org:[a-z0-9-]+', r['entity_id']):
            errors.append(f"bad org id {r['entity_id']}")
    for r in L:
        if not re.fullmatch(r'leader:[a-z0-9-]+', r['entity_id']):
            errors.append(f"bad leader id {r['entity_id']}")
        if r['country_iso2'] and 'country:' + r['country_iso2'] not in ids:
            errors.append(f"{r['entity_id']}: unknown country {r['country_iso2']}")
    # a country name/alias must not belong to two countries (former states may share with successors)
    former = {r['iso2'] or r['entity_id'] for r in C if r['valid_to']}
    for field in ('aliases', 'demonyms', 'capitals', 'seats'):
        own = defaultdict(set)
        for r in C:
            key = r['iso2'] or r['entity_id']
            vals = split_multi(r[field]) + ([r['name']] if field == 'aliases' else [])
            for v in vals:
                own[fold(v)].add(key)
        for v, ks in own.items():
            live = ks - former
            if len(live) > 1 and INTENTIONAL_SHARED.get(v) != live:
                errors.append(f'{field}: "{v}" shared by {sorted(ks)}')
    # terms
    lids = {r['entity_id'] for r in L}
    aff_ids = {r['entity_id'] for r in C + O}
    seen = set()
    for i, t in enumerate(T, 2):
        where = f'leader_terms.tsv:{i}'
        if t['entity_id'] not in lids:
            errors.append(f"{where}: unknown leader {t['entity_id']}")
        if t['affiliation'] not in aff_ids:
            errors.append(f"{where}: unknown affiliation {t['affiliation']}")
        if t['role'] not in ROLES:
            errors.append(f"{where}: unknown role {t['role']}")
        if t['source'] not in ('reign', 'factbook', 'factbook-history', 'curated'):
            errors.append(f"{where}: unknown source {t['source']}")
        if not valid_date(t['start_date']):
            errors.append(f"{where}: bad start_date {t['start_date']}")
        if t['end_date'] and not valid_date(t['end_date']):
            errors.append(f"{where}: bad end_date {t['end_date']}")
        if t['end_date'] and t['start_date'] > t['end_date']:
            errors.append(f"{where}: start_date > end_date ({t['entity_id']})")
        k = tuple(t[c] for c in ('entity_id', 'affiliation', 'role', 'start_date'))
        if k in seen:
            errors.append(f'{where}: duplicate term {k}')
        seen.add(k)
    used = {t['entity_id'] for t in T}
    for r in L:
        if r['entity_id'] not in used:
            errors.append(f"{r['entity_id']}: leader without any term")
    # the two presidents Bush are two people
    if 'leader:george-w-bush' not in lids or 'leader:george-h-w-bush' not in lids:
        errors.append('the two presidents Bush must be two leader ids')
    return errors


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--check-only':
        errs = check(DATA)
        print('\n'.join(errs) or 'check: OK')
        sys.exit(1 if errs else 0)
    main()
