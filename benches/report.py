#!/usr/bin/env python3
"""Summarise a benches/run.sh run: times, peak RSS, ratios, kesiapan's phases, the peer check;
and, with --baseline, how much slower each command and phase got than in a saved run.

Reads OUT/<set>/{hyperfine.json, hyperfine-peer.json, rss.txt, phases.txt, peer.txt,
stdout-floor-polars.txt}; writes OUT/results.json and OUT/results.md and prints the latter.
Exit 1 when --baseline is given and something is slower by more than --threshold percent, or
when the peer disagreed with kesiapan on any set.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys


def set_name(size: str) -> str:
    preset, _, scale = size.partition(":")
    return f"{preset}-x{scale or '1'}" if preset.startswith("national") else preset


def machine() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            mem = int(next(l for l in f if l.startswith("MemTotal")).split()[1]) // 1024
    except (OSError, StopIteration):
        pass

    def run(*c):
        try:
            return subprocess.run(c, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mib": mem,
        "os": platform.platform(),
        "rustc": run("rustc", "--version"),
        "python": platform.python_version(),
        "commit": run("git", "rev-parse", "--short", "HEAD"),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def read_set(d: str) -> dict:
    r = {"commands": {}, "phases": {}, "peer_equal": None, "table_bytes": None}
    for f in ("hyperfine.json", "hyperfine-peer.json"):
        p = os.path.join(d, f)
        if os.path.exists(p):
            for res in json.load(open(p))["results"]:
                r["commands"][res["command"]] = {
                    "mean_s": res["mean"], "stddev_s": res["stddev"] or 0.0,
                    "min_s": res["min"], "max_s": res["max"], "runs": len(res["times"]),
                }
    p = os.path.join(d, "rss.txt")
    if os.path.exists(p):
        for line in open(p):
            parts = line.split()
            if len(parts) == 2 and parts[0] in r["commands"]:
                r["commands"][parts[0]]["rss_mib"] = int(parts[1]) / 1024
    p = os.path.join(d, "phases.txt")
    if os.path.exists(p):
        for line in open(p):
            m = re.match(r"^  (read|validate|score|render|total)\s+([0-9.]+) s", line)
            if m:
                r["phases"][m.group(1)] = float(m.group(2))
    p = os.path.join(d, "peer.txt")
    if os.path.exists(p):
        r["peer_equal"] = open(p).read().strip().endswith("ok")
    p = os.path.join(d, "stdout-floor-polars.txt")
    if os.path.exists(p):
        m = re.search(r"(\d+) bytes in memory", open(p).read())
        if m:
            r["table_bytes"] = int(m.group(1))
    p = os.path.join(d, "files.txt")
    if os.path.exists(p):
        r["files"] = [l.split("\t")[0].rsplit("/", 1)[-1] + " " + l.split("\t")[1].strip()
                      for l in open(p) if "\t" in l]
    return r


def ratio(a, b):
    return a / b if a and b else None


def fmt(x, spec="{:.2f}"):
    return "–" if x is None else spec.format(x)


def markdown(res: dict) -> str:
    m = res["machine"]
    out = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_mib'] / 1024:.0f} GiB; "
           f"{m['os']}; {m['rustc']}; Python {m['python']}; commit {m['commit']}; {m['date']}.",
           "Warm page cache (the files were just written); hyperfine means.", ""]
    for name, s in res["sets"].items():
        c = s["commands"]
        out.append(f"### {name}" + (f" ({', '.join(s.get('files', []))})" if s.get("files") else ""))
        out.append("")
        out.append("| command | mean | ± | peak RSS |")
        out.append("|---|---:|---:|---:|")
        for k, v in c.items():
            out.append(f"| {k} | {v['mean_s']:.3f} s | {v['stddev_s']:.3f} | "
                       f"{fmt(v.get('rss_mib'), '{:.0f} MiB')} |")
        floor = "floor-polars" if "floor-polars" in c else "floor-calamine"
        kj = c.get("kesiapan-json", {}).get("mean_s")
        out.append("")
        out.append(f"- kesiapan (json) / {floor}: **{fmt(ratio(kj, c.get(floor, {}).get('mean_s')))}×**"
                   + (f"; / floor-csv (csv crate): {fmt(ratio(kj, c['floor-csv']['mean_s']))}×"
                      if "floor-csv" in c else ""))
        out.append(f"- kesiapan (all outputs) / {floor}: "
                   f"{fmt(ratio(c.get('kesiapan-all', {}).get('mean_s'), c.get(floor, {}).get('mean_s')))}×")
        out.append(f"- peer / kesiapan (json): **{fmt(ratio(c.get('peer', {}).get('mean_s'), kj), '{:.1f}')}×**")
        if s.get("table_bytes"):
            out.append(f"- kesiapan peak RSS / in-memory size of the tables (polars' read, "
                       f"{s['table_bytes'] / 2**20:.0f} MiB): "
                       f"{fmt(ratio(c.get('kesiapan-json', {}).get('rss_mib'), s['table_bytes'] / 2**20))}×")
        if s["phases"]:
            ph = s["phases"]
            out.append("- kesiapan phases (--verbose, one run): " + ", ".join(
                f"{k} {v:.3f} s" for k, v in ph.items()))
        out.append(f"- peer equals kesiapan (scores, dimensions, coverage, verdicts; 1e-9): "
                   f"{'yes' if s['peer_equal'] else 'NO' if s['peer_equal'] is False else '–'}")
        out.append("")
    return "\n".join(out)


def compare(res: dict, base: dict, threshold: float) -> tuple[list[str], bool]:
    lines, worse = [], False
    for name, s in res["sets"].items():
        b = base.get("sets", {}).get(name)
        if not b:
            lines.append(f"{name}: not in the baseline")
            continue
        pairs = [(f"{k}", v["mean_s"], b["commands"].get(k, {}).get("mean_s"))
                 for k, v in s["commands"].items()]
        pairs += [(f"phase {k}", v, b.get("phases", {}).get(k)) for k, v in s["phases"].items()]
        for what, new, old in pairs:
            if not old or new is None:
                continue
            pct = 100.0 * (new - old) / old
            flag = ""
            if pct > threshold:
                flag, worse = f"  <-- SLOWER by {pct:.0f} % (threshold {threshold:g} %)", True
            lines.append(f"{name}: {what}: {old:.3f} s -> {new:.3f} s ({pct:+.1f} %){flag}")
    return lines, worse


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--baseline")
    ap.add_argument("--threshold", type=float, default=15.0)
    ap.add_argument("sizes", nargs="+")
    a = ap.parse_args()
    res = {"machine": machine(), "sets": {}}
    for size in a.sizes:
        d = os.path.join(a.out, set_name(size))
        if os.path.isdir(d):
            res["sets"][set_name(size)] = read_set(d)
    md = markdown(res)
    status = 0
    if any(s["peer_equal"] is False for s in res["sets"].values()):
        status = 1
    if a.baseline:
        base = json.load(open(a.baseline))
        lines, worse = compare(res, base, a.threshold)
        md += "\n### Compared with the baseline " + \
            f"({base['machine'].get('commit', '?')}, {base['machine'].get('date', '?')})\n\n```\n" + \
            "\n".join(lines) + "\n```\n"
        if worse:
            status = 1
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(res, f, indent=2)
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write(md + "\n")
    print(md)
    return status


if __name__ == "__main__":
    sys.exit(main())
