#!/usr/bin/env python3
"""The pandas + openpyxl peer of `kesiapan assess`: the default rubric (rubrics/wfa-asn-2025.toml)
written the way an analyst would write it in a notebook, for the benchmark.

It reads the three inputs of a data folder (xlsx through openpyxl, or CSV), computes every
unit's metrics, indicator scores, dimension scores, total, gates and verdict, and writes them
as JSON. With --check it compares its scores and verdicts with a kesiapan `assessment.json`
(to 1e-9, after kesiapan's rounding) and exits 1 on any difference: a correctness cross-check
as much as a speed one.

Scope: the clean inputs `kesiapan-synth` writes (header names as offices type them, Ya/Tidak,
"Tidak tahu" answers, mixed-case categories). It does not reproduce kesiapan's handling of
messy files (title rows, totals rows, decimal commas, rejected rows); it stops on anything it
cannot read rather than guess.

Usage: python3 benches/peer/peer.py DATA_DIR [--out peer.json] [--check assessment.json]
Needs: pip install pandas openpyxl  (Python 3.11+)
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import sys

import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------------------------
# The rubric, transcribed (rubrics/wfa-asn-2025.toml, version 1.0.0)
# ---------------------------------------------------------------------------------------------

MIN_GROUP = 5
MIN_COVERAGE = 0.5
DECIMALS = 4
DIMENSIONS = {"infrastruktur": 25, "jabatan": 25, "pegawai": 15, "kinerja": 25, "layanan": 10}
VERDICTS = [("layak", 70.0), ("layak_terbatas", 50.0), ("belum_layak", 0.0)]

# Column name -> accepted header spellings (normalised: lowercase letters and digits only).
COLUMNS = {
    "infrastruktur": {
        "kode_opd": ["kode opd", "kode"], "nama_opd": ["nama opd", "nama"],
        "jenis_opd": ["jenis opd", "jenis"], "jumlah_pegawai": ["jumlah pegawai"],
        "laptop_dinas": ["laptop dinas"], "bandwidth_mbps": ["bandwidth (mbps)", "bandwidth"],
        "vpn": ["vpn / akses jarak jauh", "vpn"], "srikandi": ["srikandi"],
        "dokumen_cloud": ["dokumen cloud"], "akun_vicon": ["akun vicon"],
        "helpdesk_ti": ["helpdesk ti"], "absensi_online": ["absensi online"],
        "layanan_garis_depan": ["layanan garis depan"], "laporan_output": ["laporan output"],
        "persen_skp_ekinerja": ["skp di e-kinerja (%)", "persen skp ekinerja"],
    },
    "jabatan": {
        "kode_opd": ["kode opd"], "kode_jabatan": ["kode jabatan"],
        "nama_jabatan": ["nama jabatan"], "jenis_jabatan": ["jenis jabatan"],
        "jumlah_pemangku": ["jumlah pemangku"],
        "dapat_di_luar_kantor": ["dapat dikerjakan di luar kantor", "dapat di luar kantor"],
        "perlu_alat_khusus": ["perlu alat/ruang khusus", "perlu alat khusus"],
        "berbasis_tik": ["berbasis tik"], "tatap_muka": ["tatap muka (1-5)", "tatap muka"],
        "perlu_pengawasan": ["perlu pengawasan terus-menerus", "perlu pengawasan"],
        "layanan_garis_depan": ["layanan garis depan"], "data_rahasia": ["data rahasia"],
        "output_terukur": ["output terukur"],
    },
    "survei": {
        "id_responden": ["id responden"], "kode_opd": ["kode opd"],
        "kode_jabatan": ["kode jabatan"], "skill_email": ["email"],
        "skill_office": ["aplikasi perkantoran"], "skill_vicon": ["rapat video"],
        "skill_srikandi": ["srikandi"], "skill_ekinerja": ["e-kinerja"],
        "skill_cloud": ["dokumen cloud"], "skill_keamanan": ["keamanan digital"],
        "internet_rumah": ["internet rumah"], "laptop_pribadi": ["laptop pribadi"],
        "tempat_kerja_tenang": ["tempat kerja tenang"], "bersedia_wfa": ["bersedia wfa"],
        "sanksi_disiplin": ["sanksi disiplin"], "baru_ditempatkan": ["baru ditempatkan"],
    },
}
FILES = {"infrastruktur": ["*infra*"], "jabatan": ["*jabatan*"], "survei": ["*survei*", "*survey*"]}
BOOLEANS = {
    "infrastruktur": ["vpn", "srikandi", "dokumen_cloud", "helpdesk_ti", "absensi_online",
                      "layanan_garis_depan"],
    "jabatan": ["dapat_di_luar_kantor", "perlu_alat_khusus", "berbasis_tik", "perlu_pengawasan",
                "layanan_garis_depan", "data_rahasia", "output_terukur"],
    "survei": ["laptop_pribadi", "tempat_kerja_tenang", "bersedia_wfa", "sanksi_disiplin",
               "baru_ditempatkan"],
}
NUMBERS = {
    "infrastruktur": ["jumlah_pegawai", "laptop_dinas", "bandwidth_mbps", "akun_vicon",
                      "persen_skp_ekinerja"],
    "jabatan": ["jumlah_pemangku", "tatap_muka"],
    "survei": ["skill_email", "skill_office", "skill_vicon", "skill_srikandi", "skill_ekinerja",
               "skill_cloud", "skill_keamanan"],
}
SKILLS = NUMBERS["survei"]
TRUE = {"ya", "y", "yes", "true", "1", "benar", "iya", "ada", "v"}
FALSE = {"tidak", "tdk", "n", "no", "false", "0", "salah", "t", "x"}


def norm(s) -> str:
    return re.sub(r"[^0-9a-z]", "", str(s).lower())


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def read_dataset(data_dir: str, ds: str) -> pd.DataFrame:
    paths = sorted({p for pat in FILES[ds] for p in glob.glob(os.path.join(data_dir, pat))
                    if p.lower().endswith((".xlsx", ".csv"))})
    if not paths:
        sys.exit(f"peer: no file for dataset {ds} in {data_dir}")
    frames = []
    for p in paths:
        if p.lower().endswith(".csv"):
            df = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""])
        else:
            df = pd.read_excel(p, engine="openpyxl", dtype=object)
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    wanted = {norm(a): name for name, aliases in COLUMNS[ds].items()
              for a in [name] + aliases}
    rename = {}
    for c in df.columns:
        if norm(c) in wanted and wanted[norm(c)] not in rename.values():
            rename[c] = wanted[norm(c)]
    df = df.rename(columns=rename)[[c for c in COLUMNS[ds] if c in rename.values()]]
    for c in BOOLEANS[ds]:
        t = df[c].astype(str).str.strip().str.lower()
        df[c] = np.where(t.isin(TRUE), 1.0, np.where(t.isin(FALSE), 0.0, np.nan))
    for c in NUMBERS[ds]:
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


def cat(s: pd.Series) -> pd.Series:
    return s.astype(str).str.strip().str.lower().where(s.notna())


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def linear(v, zero, full):
    return 100.0 * ((v - zero) / (full - zero)).clip(0.0, 1.0)


def steps(v, thresholds, scores):
    band = sum((v >= t - 1e-9 * max(abs(t), 1.0)).astype(int) for t in thresholds)
    out = np.asarray(scores, dtype=float)[band.to_numpy()]
    return pd.Series(out, index=v.index).where(v.notna())


def boolean(v):
    return pd.Series(np.where(v != 0.0, 100.0, 0.0), index=v.index).where(v.notna())


def erfc(x: float) -> float:
    # The same approximation kesiapan uses (Numerical Recipes erfcc), so the scores agree.
    z = abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    r = t * math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (
        0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (
            1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
    return r if x >= 0.0 else 2.0 - r


def log_normal(v, median, good):
    z90 = 1.281551565545
    sigma = abs((math.log(good) - math.log(median)) / z90)

    def one(x):
        if x != x:
            return np.nan
        if x <= 0.0:
            return 0.0
        z = (math.log(x) - math.log(median)) / sigma
        return min(max(100.0 * 0.5 * erfc(-z / math.sqrt(2.0)), 0.0), 100.0)

    return v.map(one)


def assess(data_dir: str) -> pd.DataFrame:
    infra = read_dataset(data_dir, "infrastruktur")
    jab = read_dataset(data_dir, "jabatan")
    sur = read_dataset(data_dir, "survei")
    for df in (infra, jab, sur):
        df["kode_opd"] = df["kode_opd"].astype(str).str.strip()

    # Job metrics.
    j = jab
    layak = (j.dapat_di_luar_kantor == 1) & (j.berbasis_tik == 1) & (j.perlu_alat_khusus == 0) \
        & (j.tatap_muka <= 2) & (j.perlu_pengawasan == 0) & (j.layanan_garis_depan == 0) \
        & (j.data_rahasia == 0) & (j.output_terukur == 1)
    j = j.assign(
        l=j.jumlah_pemangku.where(layak, 0.0),
        o=j.jumlah_pemangku.where(j.output_terukur == 1, 0.0),
        g=j.jumlah_pemangku.where(j.layanan_garis_depan == 1, 0.0),
    )
    jm = j.groupby("kode_opd").agg(pemangku_total=("jumlah_pemangku", "sum"),
                                   pemangku_layak_wfa=("l", "sum"),
                                   pemangku_output_terukur=("o", "sum"),
                                   pemangku_garis_depan=("g", "sum"))

    # Survey metrics (personal: suppressed under the minimum group size).
    s = sur
    s = s.assign(
        internet=np.where(cat(s.internet_rumah) == "baik", 1.0,
                          np.where(s.internet_rumah.isna(), np.nan, 0.0)),
        dikecualikan=((s.sanksi_disiplin.fillna(0) == 1) | (s.baru_ditempatkan.fillna(0) == 1))
        .astype(float),
    )
    g = s.groupby("kode_opd")
    sm = pd.DataFrame({
        "survei_rows": g.size().astype(float),
        "skor_literasi": sum(g[c].mean() for c in SKILLS) / 7.0,
        "porsi_internet_baik": g["internet"].mean(),
        "porsi_laptop_pribadi": g["laptop_pribadi"].mean(),
        "porsi_tempat_tenang": g["tempat_kerja_tenang"].mean(),
        "porsi_bersedia": g["bersedia_wfa"].mean(),
        "porsi_dikecualikan": g["dikecualikan"].mean(),
    })
    small = sm.survei_rows < MIN_GROUP
    sm.loc[small, [c for c in sm.columns if c != "survei_rows"]] = np.nan

    u = infra.set_index("kode_opd").join(jm).join(sm)
    u["survei_rows"] = u["survei_rows"].fillna(0.0)
    lap = cat(u.laporan_output)
    div = lambda a, b: (a / b).replace([np.inf, -np.inf], np.nan)  # noqa: E731

    # (dimension, weight, score) per indicator; weight-0 indicators do not score.
    ind = [
        ("infrastruktur", 3, linear(div(u.laptop_dinas, u.jumlah_pegawai), 0.1, 0.8)),
        ("infrastruktur", 2, log_normal(u.bandwidth_mbps, 20.0, 100.0)),
        ("infrastruktur", 2, boolean(u.vpn)),
        ("infrastruktur", 2, boolean(u.srikandi)),
        ("infrastruktur", 1, boolean(u.dokumen_cloud)),
        ("infrastruktur", 1, steps(div(u.akun_vicon, u.jumlah_pegawai), [0.01, 0.03, 0.05],
                                   [0, 40, 70, 100])),
        ("infrastruktur", 1, boolean(u.helpdesk_ti)),
        ("jabatan", 3, linear(div(u.pemangku_layak_wfa, u.pemangku_total), 0.0, 0.6)),
        ("jabatan", 2, linear(div(u.pemangku_output_terukur, u.pemangku_total), 0.2, 0.9)),
        ("pegawai", 3, linear(u.skor_literasi, 2.0, 4.5)),
        ("pegawai", 2, linear(u.porsi_internet_baik, 0.2, 0.9)),
        ("pegawai", 1, linear(u.porsi_laptop_pribadi, 0.2, 0.9)),
        ("pegawai", 1, linear(u.porsi_tempat_tenang, 0.2, 0.9)),
        ("pegawai", 1, linear(u.porsi_bersedia, 0.3, 0.9)),
        ("kinerja", 3, linear(u.persen_skp_ekinerja, 0.3, 1.0)),
        ("kinerja", 2, steps(lap.map({"harian": 2.0, "mingguan": 1.0, "tidak ada": 0.0}),
                             [0.5, 1.5], [0, 60, 100])),
        ("kinerja", 1, boolean(u.absensi_online)),
        ("layanan", 1, linear(div(u.pemangku_garis_depan, u.pemangku_total), 0.6, 0.0)),
    ]
    nominal = sum(DIMENSIONS.values())
    num = pd.Series(0.0, index=u.index)
    used = pd.Series(0.0, index=u.index)
    coverage = pd.Series(0.0, index=u.index)
    out = pd.DataFrame(index=u.index)
    for d, dw in DIMENSIONS.items():
        parts = [(w, sc) for dim, w, sc in ind if dim == d]
        dn = sum(sc.notna() * w for w, sc in parts)
        dsum = sum(sc.fillna(0.0) * w for w, sc in parts)
        dscore = (dsum / dn).where(dn > 0)
        out["dim_" + d] = dscore
        num += (dscore * dw).fillna(0.0)
        used += dscore.notna() * dw
        coverage += dw / nominal * dn / sum(w for w, _ in parts)
    total = (num / used).where(used > 0)
    out["score"] = total
    out["coverage"] = coverage

    # Verdict: the score's band, capped by failed gates (missing data fails) and coverage.
    rounded = total.map(rust_round)
    band = rounded.map(lambda t: next((i for i, (_, m) in enumerate(VERDICTS) if t >= m), 2)
                       if t == t else 2)
    caps = [
        (~(u.persen_skp_ekinerja >= 0.5), 2),
        (~(lap.notna() & (lap != "tidak ada")), 2),
        (~(u.layanan_garis_depan == 0), 1),
        (~(u.absensi_online == 1), 1),
    ]
    verdict = band.copy()
    for failed, cap in caps:
        verdict = verdict.where(~failed, np.maximum(verdict, cap))
    verdict = verdict.where(~(coverage + 1e-9 < MIN_COVERAGE), 2)
    out["verdict"] = verdict.map(lambda i: VERDICTS[int(i)][0])
    return out.sort_index()


def rust_round(x: float, d: int = DECIMALS) -> float:
    """Rust's `(x * 10^d).round() / 10^d`: halves away from zero (Python's round() is to even)."""
    if x != x:
        return x
    f = 10.0 ** d
    y = x * f
    r = math.floor(abs(y) + 0.5) * (1 if y >= 0 else -1)
    return r / f + 0.0


def check(peer: pd.DataFrame, assessment_path: str) -> list[str]:
    with open(assessment_path, encoding="utf-8") as f:
        a = json.load(f)
    problems = []
    units = {x["id"]: x for x in a["units"]}
    if set(units) != set(peer.index):
        problems.append(f"unit sets differ: {len(units)} in kesiapan, {len(peer)} in the peer")
    for uid, row in peer.iterrows():
        k = units.get(uid)
        if k is None:
            continue
        pairs = [("score", k["score"], row["score"])]
        for d in k["dimensions"]:
            pairs.append((f"dimension {d['id']}", d["score"], row["dim_" + d["id"]]))
        pairs.append(("coverage", k["coverage"], row["coverage"]))
        for what, ks, ps in pairs:
            ps = None if ps != ps else rust_round(ps)
            if (ks is None) != (ps is None) or (ks is not None and abs(ks - ps) > 1e-9):
                problems.append(f"{uid}: {what} kesiapan {ks}, peer {ps}")
        if k["verdict"] != row["verdict"]:
            problems.append(f"{uid}: verdict kesiapan {k['verdict']}, peer {row['verdict']}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir")
    ap.add_argument("--out", help="write the per-unit scores and verdicts as JSON")
    ap.add_argument("--check", metavar="ASSESSMENT_JSON",
                    help="compare with kesiapan's assessment.json; exit 1 on a difference")
    a = ap.parse_args()
    peer = assess(a.data_dir)
    if a.out:
        rows = [{"id": uid, "score": None if r.score != r.score else r.score,
                 "verdict": r.verdict} for uid, r in peer.iterrows()]
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(rows, f)
    counts = peer.verdict.value_counts().to_dict()
    print(f"peer: {len(peer)} units; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if a.check:
        problems = check(peer, a.check)
        if problems:
            print(f"peer: {len(problems)} difference(s) from kesiapan:", file=sys.stderr)
            for p in problems[:20]:
                print("  " + p, file=sys.stderr)
            return 1
        print(f"peer: scores, dimension scores, coverage and verdicts of all {len(peer)} units "
              "equal kesiapan's (to 1e-9 after rounding to 4 decimals)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
