#!/usr/bin/env python3
"""Medians over rounds of compare.sh's raw.tsv, as a Markdown table. Usage: summarize.py raw.tsv [stats.txt]"""
import statistics, sys, collections, json

rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
by = collections.defaultdict(list)
order = []
for r in rows:
    key = (r[0], r[2])
    if r[0] not in order:
        order.append(r[0])
    by[key].append(r)

def med(key, col):
    return statistics.median(float(r[col]) for r in by[key]) if by.get(key) else float("nan")

stats = {}
if len(sys.argv) > 2:
    for line in open(sys.argv[2]):
        name, _, js = line.strip().partition(" ")
        try:
            stats[name] = json.loads(js)
        except ValueError:
            pass

base = med(("nginx", "32"), 3)
print("| target | req/s @32 | ratio to nginx | p50 @32 (us) | p99 @32 (us) | p50 @1 (us) | proxy CPU us/call | machine CPU us/call"
      " | upstream CPU us/call | ctx switches/call | IPIs/call | errors | rounds | thread / conn-loop mismatches |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
def best(key, col):
    return min(float(r[col]) for r in by[key]) if by.get(key) else float("nan")
for t in order:
    k = (t, "32")
    s = stats.get(t)
    chk = f"{s['thread_mismatch']} / {s['conn_loop_mismatch']} of {s['calls']}" if s else "n/a"
    errs = sum(int(r[6]) for r in by[k]) + sum(int(r[6]) for r in by.get((t, "1"), []))
    rps = med(k, 3)
    print(f"| {t} | {rps:.0f} | {rps / base:.2f} | {med(k, 4):.0f} | {med(k, 5):.0f} | {med((t, '1'), 4):.0f} | {med(k, 7):.1f} "
          f"| {med(k, 8):.1f} | {med(k, 11):.1f} | {med(k, 9):.2f} | {med(k, 10):.3f} | {errs} | {len(by[k])} | {chk} |")
print()
print("Per-round req/s @32 (spread):")
for t in order:
    print(f"- {t}: " + ", ".join(f"{float(r[3]):.0f}" for r in by[(t, '32')]))
print()
print("At 1 connection: p50 per round (us) with IPIs/call in brackets (the p50 is bimodal: ~20 us when wrk, proxy and")
print("upstream run on one vCPU, 60-120 us when wake-ups cross vCPUs, shown by ~1-2 IPIs/call); then the medians of")
print("proxy CPU us/call, machine CPU us/call, ctx/call, IPIs/call:")
for t in order:
    k = (t, "1")
    per = " ".join(f"{float(r[4]):.0f}({float(r[10]):.2f})" for r in by[k])
    print(f"- {t}: best {best(k, 4):.0f} us; rounds {per}; medians {med(k, 7):.1f}, {med(k, 8):.1f}, {med(k, 9):.2f}, {med(k, 10):.3f}")
if rows and len(rows[0]) > 13:
    print()
    print("Other engineers' JVMs during the runs (CPU cores used, median / max over all runs): "
          f"{statistics.median(float(r[13]) for r in rows):.2f} / {max(float(r[13]) for r in rows):.2f}")
