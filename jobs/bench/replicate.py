#!/usr/bin/env python3
"""Replicate the rss-2022 corpus N times for the scale benchmark: copy k gets new ids (k-<n>), dates shifted
by k years and a per-copy marker word appended to every text, so copies are neither duplicates nor id clashes.
Writes one gzip JSON-lines file per input day and copy (the source's layout is one file per feed and day;
month-sized files, about 100 MB of JSON each, ran out of memory at 4x: a file is parsed whole). Standard library only."""
import gzip, json, os, sys, glob, datetime

def main(src, dst, copies):
    os.makedirs(dst, exist_ok=True)
    files = sorted(glob.glob(os.path.join(src, '**', '*.json*'), recursive=True))
    n = 0
    for k in range(copies):
        out = {}
        for f in files:
            try:
                data = json.load(gzip.open(f) if f.endswith('.gz') else open(f))
            except Exception:
                continue
            if isinstance(data, dict):
                data = next((v for v in data.values() if isinstance(v, list)), [])
            month = os.path.basename(os.path.dirname(f))
            w = out.get(month)
            if w is None:
                w = out[month] = gzip.open(os.path.join(dst, f'copy{k}-{month}.jsonl.gz'), 'wt', encoding='utf-8')
            for i, item in enumerate(data):
                if not isinstance(item, dict):
                    continue
                item = dict(item)
                # a feed's file has the same name every day: the day directory makes the id unique
                item['id'] = f'{k}-{os.path.basename(os.path.dirname(f))}-{os.path.basename(f)}-{i}'
                d = str(item.get('date_published') or '')
                if k and len(d) >= 4 and d[:4].isdigit():
                    item['date_published'] = str(int(d[:4]) + k) + d[4:]
                item['description'] = (item.get('description') or '') + f' copymarker{k}'
                w.write(json.dumps(item) + '\n')
                n += 1
        for w in out.values():
            w.close()
    print(f'replicate: {copies} copies, {n} records in {dst}')

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
