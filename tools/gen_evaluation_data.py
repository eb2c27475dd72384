#!/usr/bin/env python3
"""Generate the SYNTHETIC evaluation sample data set in ../sample-data/evaluasi/.

After the readiness assessment, a Work-From-Anywhere (WFA) trial ran on Mon 29,
Tue 30 and Wed 31 December 2025.  This script writes what the work units (OPD)
of Pemprov Kalteng would hand in afterwards: the treatment log (who worked
where on which day) and the daily performance figures the province already
collects (e-Kinerja, SRIKANDI, attendance, public services), for two seasons:
the working days of 2024-11-25 .. 2025-01-10 (the year before, no WFA) and of
2025-11-24 .. 2026-01-09 (the trial season).

The numbers are built so that a naive before/after comparison misleads: every
OPD dips at the year end in both years, and everything grows about 3 % a year.
Real effects are planted in four OPDs only, and only on the three window days
(see PLANTED).  The figures are invented; only the OPD names are real.  Staff
names and NIPs are synthetic too.

Inputs (read, never changed):
    sample-data/daftar-opd.csv          the 40 OPDs (copied unchanged)
    sample-data/infrastruktur_opd.xlsx  Jumlah Pegawai per OPD
    sample-data/jabatan_opd.xlsx        job types and holders per OPD (the
                                        staff list is drawn from them)

Output (sample-data/evaluasi/):
    daftar-opd.csv, pelaksanaan_wfa.xlsx, kinerja_harian.xlsx,
    presensi_harian.xlsx, layanan_publik.xlsx, planted.csv, README.md

National size mode (CSV only, written outside the repository):
    python3 tools/gen_evaluation_data.py --units 25000 --out /tmp/eval-national

Deterministic: one random.Random(SEED), fixed workbook properties and fixed
zip-entry timestamps, so two runs give byte-identical files.

Usage:  pip install -r tools/requirements.txt && python3 tools/gen_evaluation_data.py
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import os
import random
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

SEED = 20251229
FIXED_DATE = datetime(2026, 1, 12)
CREATOR = "kesiapan sample generator"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "sample-data")
OUT = os.path.join(SAMPLE, "evaluasi")

# ---------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------

HOLIDAYS = {
    date(2024, 12, 25): "Hari Raya Natal",
    date(2024, 12, 26): "cuti bersama Natal",
    date(2025, 1, 1): "Tahun Baru 2025",
    date(2025, 12, 25): "Hari Raya Natal",
    date(2025, 12, 26): "cuti bersama Natal",
    date(2026, 1, 1): "Tahun Baru 2026",
}
SEASONS = [(date(2024, 11, 25), date(2025, 1, 10)),   # the year before (no WFA)
           (date(2025, 11, 24), date(2026, 1, 9))]    # the trial season
WINDOW = [date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31)]
WINDOW_BEFORE = [date(2024, 12, 27), date(2024, 12, 30), date(2024, 12, 31)]


def working_days(start: date, end: date) -> list[date]:
    out, d = [], start
    while d <= end:
        if d.weekday() < 5 and d not in HOLIDAYS:
            out.append(d)
        d += timedelta(days=1)
    return out


DAYS = [d for s, e in SEASONS for d in working_days(s, e)]

# Effects common to every OPD
DIP_START_DAY = 22          # 22 Dec .. 31 Dec: year-end dip, both years
DIP_VOLUME = 0.88           # output, evidence, letters, applications: -12 %
DIP_TURNAROUND = 1.10       # letter turnaround: +10 %
DIP_EXTRA_LEAVE = 0.045     # extra share of staff on annual leave in the dip
TREND = 1.03                # second season vs first: +3 % on volumes


def in_dip(d: date) -> bool:
    return d.month == 12 and d.day >= DIP_START_DAY


def season_of(d: date) -> int:
    return 0 if d < date(2025, 6, 1) else 1


# ---------------------------------------------------------------------------
# Design: readiness verdicts, who went away, who sent a log, planted effects
# ---------------------------------------------------------------------------

LAYAK = {5, 15, 22, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 40}
TERBATAS = {2, 3, 9, 10, 12, 17, 24, 25, 33, 38}


def kode(n: int) -> str:
    return f"OPD-{n:02d}"


def verdict(n: int) -> str:
    return "Layak" if n in LAYAK else "Layak Terbatas" if n in TERBATAS else "Belum Layak"


TREATED = {kode(n) for n in (LAYAK | TERBATAS) - {3, 33}} | {"OPD-14"}
NO_LOG = {"OPD-03", "OPD-21", "OPD-33"}
SERVICE = {kode(n) for n in (1, 2, 3, 4, 6, 7, 8, 9, 10, 14, 17, 18, 19, 24, 33, 38)}

F_PEL, F_KIN, F_PRE, F_LAY = ("pelaksanaan_wfa.xlsx", "kinerja_harian.xlsx",
                              "presensi_harian.xlsx", "layanan_publik.xlsx")

# (opd, file, column, relative effect) -- only on the WINDOW dates.
# "Selesai Tepat Waktu" is planted on its share of "Permohonan Masuk".
PLANTED = [
    ("OPD-09", F_KIN, "Realisasi Output", -0.25),
    ("OPD-09", F_KIN, "Surat Diproses", -0.20),
    ("OPD-14", F_KIN, "Realisasi Output", -0.30),
    ("OPD-14", F_KIN, "Rata-rata Waktu Proses Surat (jam)", +0.50),
    ("OPD-14", F_LAY, "Selesai Tepat Waktu", -0.20),
    ("OPD-24", F_KIN, "Realisasi Output", -0.25),
    ("OPD-24", F_KIN, "Surat Diproses", -0.20),
    ("OPD-36", F_KIN, "Realisasi Output", -0.25),
    ("OPD-36", F_KIN, "Surat Diproses", -0.20),
]

MAX_LISTED = 300        # treatment log: at most this many staff listed per OPD
MAX_WFA_DAYS = 2        # PermenPANRB 4/2025 Pasal 13: at most 2 WFA days a week

# The three documented irregularities
IRR_TEXT_DATE = ("OPD-12", date(2025, 11, 26))      # kinerja: Tanggal typed as text
IRR_DUPLICATE = ("OPD-10", date(2025, 12, 15))      # layanan: row submitted twice
IRR_LOWERCASE = ("OPD-27", date(2025, 12, 30))      # pelaksanaan: 'wfa' in lower case

# ---------------------------------------------------------------------------
# Headers (exactly as the offices type them)
# ---------------------------------------------------------------------------

PEL_HEADER = ["Kode OPD", "NIP", "Nama Pegawai", "Jenis Jabatan", "Tanggal", "Lokasi Kerja"]
KIN_HEADER = ["Kode OPD", "Tanggal", "Target Output", "Realisasi Output",
              "Jumlah Bukti Dukung", "Surat Diproses", "Rata-rata Waktu Proses Surat (jam)"]
PRE_HEADER = ["Kode OPD", "Tanggal", "Pegawai Wajib Hadir", "Pegawai Hadir",
              "Pegawai Terlambat"]
LAY_HEADER = ["Kode OPD", "Tanggal", "Permohonan Masuk", "Selesai Tepat Waktu",
              "Pengaduan LAPOR!", "Nilai Survei Kepuasan"]
PLANTED_HEADER = ["opd", "file", "column", "effect", "dates"]

# ---------------------------------------------------------------------------
# Synthetic people: names and NIP
# ---------------------------------------------------------------------------

MALE = ["Ahmad", "Agus", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Denny", "Dwi", "Eko",
        "Fajar", "Fauzi", "Gusti", "Hadi", "Hendra", "Heru", "Ilham", "Imam", "Indra", "Joko",
        "Kurniawan", "Lukas", "Markus", "Muhammad", "Nanang", "Nugroho", "Rahmat", "Rizky",
        "Rudi", "Samuel", "Slamet", "Supriadi", "Teguh", "Wahyu", "Yohanes", "Yosef",
        "Agustinus", "Antonius", "Benediktus", "Fransiskus", "Hairul", "Syahrani", "Norhadi",
        "Aspihani", "Junaidi", "Rusdiansyah", "Mulyadi", "Tingang", "Sabran", "Elias"]
FEMALE = ["Ani", "Ayu", "Dewi", "Dian", "Eka", "Fitri", "Hartini", "Indah", "Kartika",
          "Lestari", "Maria", "Mega", "Nadia", "Novita", "Nur", "Putri", "Rina", "Ratna",
          "Rosmawati", "Sari", "Siti", "Sri", "Tri", "Wulan", "Yuliana", "Yuni", "Elisabeth",
          "Natalia", "Magdalena", "Veronika", "Agustina", "Herlina", "Noor", "Rahmawati",
          "Norhayati", "Mariani", "Junaidah", "Rusmini", "Santi", "Theresia"]
MIDDLE_M = ["", "", "", "Adi", "Budi", "Eka", "Nur", "Setia", "Tri", "Wira", "Dwi", "Surya"]
MIDDLE_F = ["", "", "", "Ayu", "Dwi", "Eka", "Nur", "Puspita", "Tri", "Sri", "Indah", "Kusuma"]
FAMILY = ["Pratama", "Saputra", "Hidayat", "Setiawan", "Wibowo", "Santoso", "Gunawan",
          "Kusuma", "Lestari", "Wulandari", "Rahayu", "Handayani", "Permana", "Nugraha",
          "Firmansyah", "Ramadhan", "Anggraini", "Sahay", "Usop", "Tinting", "Asang", "Ilas",
          "Anden", "Bangkan", "Lambung", "Rangkap", "Pahu", "Nyahu", "Kiting", "Riwut",
          "Gaol", "Siregar", "Simanjuntak", "Manurung", "Tarigan", "Hasibuan", "Effendi",
          "Syahputra", "Maulana", "Fitriani", "Susanti", "Yulianti", "Kartini", "Noor",
          "Rahman", "Hakim", "Syarifuddin", "Muliadi", "Arbain", "Jumri"]
DEGREES = ["S.E.", "S.Sos.", "S.H.", "S.Kom.", "S.T.", "S.Pd.", "S.AP.", "S.IP.", "A.Md.",
           "S.E., M.Si.", "S.H., M.H.", "S.T., M.T.", "S.Kep., Ns.", "S.K.M.", "M.Si."]


@dataclass
class Staff:
    nip: str
    nama: str
    jabatan: str
    eligible: bool      # job meets all eight WFA criteria of jabatan_opd.xlsx
    remote_ok: bool     # job is marked "Dapat Dikerjakan di Luar Kantor"


class People:
    """Draws synthetic staff with unique 18-digit NIPs."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def person(self, jabatan: str, eligible: bool, remote_ok: bool) -> Staff:
        rng = self.rng
        female = rng.random() < 0.47
        first = rng.choice(FEMALE if female else MALE)
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        last = rng.choice(FAMILY)
        parts = [p for p in (first, middle, last) if p]
        if rng.random() < 0.15:
            parts = parts[:1] + parts[2:] if len(parts) == 3 else parts[:1]  # short name
        nama = " ".join(dict.fromkeys(parts))            # no repeated word
        if rng.random() < 0.45:
            nama += ", " + rng.choice(DEGREES)
        born = date(1967, 1, 1) + timedelta(days=rng.randrange(365 * 33))
        year = min(2024, born.year + rng.randint(21, 32))
        appointed = f"{year}{rng.choice((1, 2, 3, 4, 6, 10, 12)):02d}"
        sex = "2" if female else "1"
        seq = rng.randint(1, 9)
        while True:
            nip = f"{born:%Y%m%d}{appointed}{sex}{seq:03d}"
            if nip not in self.used:
                break
            seq += 1
        self.used.add(nip)
        return Staff(nip, nama, jabatan, eligible, remote_ok)


# ---------------------------------------------------------------------------
# Reading the readiness sample (OPD list, headcounts, jobs)
# ---------------------------------------------------------------------------


@dataclass
class Unit:
    kode: str
    nama: str
    jenis: str
    pegawai: int
    jobs: list[tuple[str, int, bool, bool]] = field(default_factory=list)
    # levels
    target: float = 0.0
    real_ratio: float = 0.0
    bukti: float = 0.0
    surat: float = 0.0
    waktu: float = 0.0
    hadir: float = 0.0
    terlambat: float = 0.0
    cuti: float = 0.0
    permohonan: float = 0.0
    tepat: float = 0.0
    lapor: float = 0.0
    survei: float = 0.0


def yn(v) -> bool:
    return str(v).strip().lower() in ("ya", "y", "1")


def read_units() -> list[Unit]:
    with open(os.path.join(SAMPLE, "daftar-opd.csv"), encoding="utf-8", newline="") as f:
        master = list(csv.DictReader(f, delimiter=";"))
    wb = load_workbook(os.path.join(SAMPLE, "infrastruktur_opd.xlsx"), read_only=True)
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    hi = next(i for i, r in enumerate(rows) if r and r[0] == "Kode OPD")
    col = rows[hi].index("Jumlah Pegawai")
    heads = {r[0]: int(r[col]) for r in rows[hi + 1:] if r and r[0]}
    wb = load_workbook(os.path.join(SAMPLE, "jabatan_opd.xlsx"), read_only=True)
    ws = wb.active
    jrows = list(ws.iter_rows(values_only=True))
    h = list(jrows[0])
    ix = {name: h.index(name) for name in h}
    jobs: dict[str, list] = {}
    for r in jrows[1:]:
        if not r or not r[0]:
            continue
        crit = (yn(r[ix["Dapat Dikerjakan di Luar Kantor"]]),
                not yn(r[ix["Perlu Alat/Ruang Khusus"]]), yn(r[ix["Berbasis TIK"]]),
                int(r[ix["Tatap Muka (1-5)"]]) <= 2,
                not yn(r[ix["Perlu Pengawasan Terus-menerus"]]),
                not yn(r[ix["Layanan Garis Depan"]]), not yn(r[ix["Data Rahasia"]]),
                yn(r[ix["Output Terukur"]]))
        jobs.setdefault(r[0], []).append(
            (r[ix["Nama Jabatan"]], int(r[ix["Jumlah Pemangku"]]), all(crit), crit[0]))
    return [Unit(m["Kode OPD"], m["Nama OPD"], m["Jenis OPD"], heads[m["Kode OPD"]],
                 jobs.get(m["Kode OPD"], [])) for m in master]


# ---------------------------------------------------------------------------
# Levels and daily figures (shared by both modes)
# ---------------------------------------------------------------------------


def set_levels(u: Unit, rng: random.Random, service: bool):
    n = u.pegawai
    u.target = n * rng.uniform(1.8, 2.2)
    u.real_ratio = rng.uniform(0.86, 0.96)
    u.bukti = n * rng.uniform(0.45, 0.85)
    u.surat = 4.0 * math.sqrt(n) * rng.uniform(0.7, 1.4)
    u.waktu = rng.uniform(4.0, 12.0)
    u.hadir = min(0.975, max(0.925, rng.gauss(0.95, 0.012)))
    u.terlambat = rng.uniform(0.03, 0.08)
    u.cuti = rng.uniform(0.01, 0.035)
    if service:
        j = u.jenis.lower()
        if j == "rumah sakit":
            u.permohonan = rng.uniform(180, 450)
        elif u.kode in ("OPD-17", "OPD-14"):
            u.permohonan = rng.uniform(60, 140)
        else:
            u.permohonan = rng.uniform(12, 70)
        u.tepat = rng.uniform(0.84, 0.95)
        u.lapor = rng.uniform(0.2, 2.5)
        u.survei = rng.uniform(77.0, 90.0)


def noise(rng: random.Random, sd: float) -> float:
    return math.exp(rng.gauss(0.0, sd))


def poisson(rng: random.Random, lam: float) -> int:
    k, p, lim = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= lim:
            return k
        k += 1


def effects_for(planted: dict, kode_: str, d: date) -> dict:
    """{column: multiplier} of the planted effects for this unit on this date."""
    if d not in WINDOW:
        return {}
    return {c: 1.0 + e for c, e in planted.get(kode_, {}).items()}


def kinerja_row(u: Unit, d: date, rng: random.Random, fx: dict) -> list:
    vol = (DIP_VOLUME if in_dip(d) else 1.0) * (TREND if season_of(d) else 1.0)
    target = round(u.target * (1 + rng.gauss(0, 0.01)))
    real = round(target * u.real_ratio * vol * noise(rng, 0.06) * fx.get("Realisasi Output", 1))
    bukti = round(u.bukti * vol * noise(rng, 0.06) * fx.get("Jumlah Bukti Dukung", 1))
    surat = max(1, round(u.surat * vol * noise(rng, 0.06) * fx.get("Surat Diproses", 1)))
    waktu = (u.waktu * (DIP_TURNAROUND if in_dip(d) else 1.0) * noise(rng, 0.08)
             * fx.get("Rata-rata Waktu Proses Surat (jam)", 1))
    return [u.kode, d, target, real, bukti, surat, round(waktu, 1)]


def presensi_row(u: Unit, d: date, rng: random.Random) -> list:
    n = u.pegawai
    leave = u.cuti * noise(rng, 0.25) + (DIP_EXTRA_LEAVE * noise(rng, 0.2) if in_dip(d) else 0)
    wajib = n - round(n * leave)
    share = min(1.0, max(0.85, u.hadir + rng.gauss(0, 0.012)))
    hadir = round(wajib * share)
    late = min(hadir, round(hadir * u.terlambat * noise(rng, 0.18)))
    return [u.kode, d, wajib, hadir, late]


def layanan_row(u: Unit, d: date, rng: random.Random, fx: dict) -> list:
    vol = (DIP_VOLUME if in_dip(d) else 1.0) * (TREND if season_of(d) else 1.0)
    masuk = max(1, round(u.permohonan * vol * noise(rng, 0.08)))
    share = min(1.0, max(0.5, u.tepat + rng.gauss(0, 0.02))) * fx.get("Selesai Tepat Waktu", 1)
    tepat = min(masuk, round(masuk * share))
    lapor = poisson(rng, u.lapor * (masuk / u.permohonan))
    survei = round(min(100.0, max(0.0, u.survei + rng.gauss(0, 1.4))), 1)
    return [u.kode, d, masuk, tepat, lapor, survei]


def staff_list(u: Unit, limit: int, people: People, rng: random.Random) -> list[Staff]:
    """`limit` staff drawn from the OPD's job holders, listed in job order."""
    slots = [(ji, name, el, ro) for ji, (name, holders, el, ro) in enumerate(u.jobs)
             for _ in range(holders)]
    n = min(u.pegawai, limit)
    while len(slots) < n:                      # job table short of Jumlah Pegawai
        slots.append((len(u.jobs), "Pengadministrasi Perkantoran", False, True))
    chosen = sorted(rng.sample(slots, n), key=lambda s: s[0])
    return [people.person(name, el, ro) for _, name, el, ro in chosen]


def assign_wfa(staff: list[Staff], rng: random.Random, anyone: bool) -> list[set[int]]:
    """For each window day the set of staff indices working away: 10-20 % of the
    listed staff per day, each person at most MAX_WFA_DAYS days.  Eligible jobs
    first, then jobs that can be done outside the office, then anyone.  With
    `anyone`, jobs are not looked at (an OPD that went away against its verdict)."""
    n = len(staff)
    base = rng.uniform(0.11, 0.19)
    days_used = [0] * n
    out = []
    for _ in WINDOW:
        share = min(0.20, max(0.10, base + rng.uniform(-0.02, 0.02)))
        k = max(1, round(share * n))
        free = [i for i in range(n) if days_used[i] < MAX_WFA_DAYS]
        if anyone:
            tiers = [free]
        else:
            tiers = [[i for i in free if staff[i].eligible],
                     [i for i in free if not staff[i].eligible and staff[i].remote_ok],
                     [i for i in free if not staff[i].eligible and not staff[i].remote_ok]]
        picked: list[int] = []
        for tier in tiers:
            need = k - len(picked)
            if need <= 0:
                break
            # prefer those with fewer WFA days so far, so the load spreads
            rng.shuffle(tier)
            tier.sort(key=lambda i: days_used[i])
            picked += tier[:need]
        for i in picked:
            days_used[i] += 1
        out.append(set(picked))
    return out


# ---------------------------------------------------------------------------
# Province mode
# ---------------------------------------------------------------------------


def build_province(rng: random.Random):
    units = read_units()
    assert [u.kode for u in units] == [kode(i) for i in range(1, 41)], "unexpected OPD list"
    for u in units:
        set_levels(u, rng, u.kode in SERVICE)
    planted: dict[str, dict[str, float]] = {}
    for k, _f, c, e in PLANTED:
        planted.setdefault(k, {})[c] = e

    # Treatment log
    people = People(rng)
    pel: list[list] = []
    listed: dict[str, int] = {}
    wfa_days: dict[str, list[int]] = {}
    for u in units:
        if u.kode in NO_LOG:
            continue
        staff = staff_list(u, MAX_LISTED, people, rng)
        listed[u.kode] = len(staff)
        if u.kode in TREATED:
            away = assign_wfa(staff, rng, anyone=(u.kode == "OPD-14"))
        else:
            away = [set() for _ in WINDOW]
        wfa_days[u.kode] = [len(a) for a in away]
        for d, a in zip(WINDOW, away):
            for i, s in enumerate(staff):
                pel.append([u.kode, s.nip, s.nama, s.jabatan, d, "WFA" if i in a else "Kantor"])

    # Daily figures
    kin, pre, lay = [], [], []
    for u in units:
        for d in DAYS:
            fx = effects_for(planted, u.kode, d)
            kin.append(kinerja_row(u, d, rng, fx))
            pre.append(presensi_row(u, d, rng))
            if u.kode in SERVICE:
                lay.append(layanan_row(u, d, rng, fx))

    # The three irregularities
    irr = {}
    k_opd, k_day = IRR_TEXT_DATE
    i = next(i for i, r in enumerate(kin) if r[0] == k_opd and r[1] == k_day)
    kin[i][1] = f"{k_day:%d/%m/%Y}"
    irr["text_date"] = (i + 2, "B", k_opd, kin[i][1])
    k_opd, k_day = IRR_DUPLICATE
    i = next(i for i, r in enumerate(lay) if r[0] == k_opd and r[1] == k_day)
    lay.insert(i + 1, list(lay[i]))
    irr["duplicate"] = (i + 3, i + 2, k_opd, k_day)
    k_opd, k_day = IRR_LOWERCASE
    i = next(i for i, r in enumerate(pel) if r[0] == k_opd and r[4] == k_day and r[5] == "WFA")
    pel[i][5] = "wfa"
    irr["lowercase"] = (i + 2, "F", k_opd, k_day, pel[i][1])
    return units, pel, kin, pre, lay, listed, wfa_days, irr


def write_province():
    rng = random.Random(SEED)
    os.makedirs(OUT, exist_ok=True)
    units, pel, kin, pre, lay, listed, wfa_days, irr = build_province(rng)

    shutil.copyfile(os.path.join(SAMPLE, "daftar-opd.csv"), os.path.join(OUT, "daftar-opd.csv"))
    write_xlsx(os.path.join(OUT, F_PEL), "Daftar pegawai", PEL_HEADER, pel,
               widths=[10, 21, 34, 40, 12, 13], text_cols={1}, date_cols={4})
    write_xlsx(os.path.join(OUT, F_KIN), "Kinerja", KIN_HEADER, kin,
               widths=[10, 12, 13, 15, 15, 13, 18], date_cols={1}, fmt={6: "0.0"})
    write_xlsx(os.path.join(OUT, F_PRE), "Presensi", PRE_HEADER, pre,
               widths=[10, 12, 15, 14, 15], date_cols={1})
    write_xlsx(os.path.join(OUT, F_LAY), "Layanan", LAY_HEADER, lay,
               widths=[10, 12, 15, 15, 14, 15], date_cols={1}, fmt={5: "0.0"})
    with open(os.path.join(OUT, "planted.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(PLANTED_HEADER)
        for k, fl, c, e in PLANTED:
            w.writerow([k, fl, c, f"{e:+.2f}", " ".join(d.isoformat() for d in WINDOW)])
    obs = observed(kin, lay)
    write_readme(units, pel, kin, pre, lay, listed, wfa_days, irr, obs)
    print(f"{F_PEL}: {len(pel)} rows  {F_KIN}: {len(kin)}  {F_PRE}: {len(pre)}  "
          f"{F_LAY}: {len(lay)}  planted: {len(PLANTED)}")
    print_observed(obs)


OBSERVED = [  # (label, file rows, value column, denominator column or None)
    ("Realisasi Output", "kin", 3, None),
    ("Surat Diproses", "kin", 5, None),
    ("Rata-rata Waktu Proses Surat (jam)", "kin", 6, None),
    ("Jumlah Bukti Dukung", "kin", 4, None),
    ("Selesai Tepat Waktu / Permohonan Masuk", "lay", 3, 2),
]
EARLY_DEC = [d for d in DAYS if d.year == 2025 and d.month == 12 and d.day < DIP_START_DAY]


def observed(kin, lay) -> dict[str, dict[str, tuple[float, float, float]]]:
    """What the generated values show, per measure and OPD: (naive, yoy, did) where
    naive = window mean / mean of 1-19 Dec 2025 - 1, yoy = window mean / mean of the
    same window a year earlier - 1, did = yoy relative to the mean log change of the
    OPDs that stayed in the office (with a log).  Means over days; duplicate rows and
    text dates are skipped (the irregularities are not in these days anyway)."""
    def mean_by(rows, col, den, days):
        acc: dict[str, list[float]] = {}
        seen = set()
        for r in rows:
            if not isinstance(r[1], date) or r[1] not in days or (r[0], r[1]) in seen:
                continue
            seen.add((r[0], r[1]))
            acc.setdefault(r[0], []).append(r[col] / r[den] if den is not None else r[col])
        return {k: sum(v) / len(v) for k, v in acc.items()}

    out = {}
    for label, which, col, den in OBSERVED:
        rows = kin if which == "kin" else lay
        now = mean_by(rows, col, den, set(WINDOW))
        before = mean_by(rows, col, den, set(WINDOW_BEFORE))
        early = mean_by(rows, col, den, set(EARLY_DEC))
        ch = {k: math.log(now[k] / before[k]) for k in now}
        ctrl = [ch[k] for k in ch if k not in TREATED and k not in NO_LOG]
        c = sum(ctrl) / len(ctrl)
        out[label] = {k: (now[k] / early[k] - 1, math.exp(ch[k]) - 1, math.exp(ch[k] - c) - 1)
                      for k in now}
    return out


def print_observed(obs):
    for label, per in obs.items():
        big = {k: round(v[2], 3) for k, v in per.items() if abs(v[2]) >= 0.10}
        naive = sum(v[0] for v in per.values()) / len(per)
        print(f"  {label:40s} naive mean {naive:+.3f}; |DiD| >= 10 %: {big}")


# ---------------------------------------------------------------------------
# National size mode (CSV)
# ---------------------------------------------------------------------------

NAT_KINDS = [("dinas", 0.55), ("badan", 0.17), ("kantor", 0.08), ("rumah sakit", 0.05),
             ("sekretariat", 0.05), ("satuan", 0.04), ("inspektorat", 0.03), ("biro", 0.03)]
NAT_NAMES = {
    "dinas": ["Dinas Pendidikan", "Dinas Kesehatan", "Dinas Perhubungan", "Dinas Sosial",
              "Dinas Pekerjaan Umum", "Dinas Pertanian", "Dinas Lingkungan Hidup",
              "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Penanaman Modal dan PTSP",
              "Dinas Komunikasi dan Informatika", "Dinas Perindustrian dan Perdagangan",
              "Dinas Tenaga Kerja", "Dinas Pariwisata", "Dinas Perpustakaan dan Kearsipan"],
    "badan": ["Badan Perencanaan Pembangunan Daerah", "Badan Keuangan dan Aset Daerah",
              "Badan Kepegawaian dan Pengembangan SDM", "Badan Pendapatan Daerah",
              "Badan Penanggulangan Bencana Daerah", "Badan Kesatuan Bangsa dan Politik"],
    "kantor": ["Kantor Kecamatan", "Kantor Pelayanan", "Kantor Wilayah"],
    "rumah sakit": ["RSUD"],
    "sekretariat": ["Sekretariat Daerah", "Sekretariat DPRD"],
    "satuan": ["Satuan Polisi Pamong Praja"],
    "inspektorat": ["Inspektorat"],
    "biro": ["Biro Umum", "Biro Hukum", "Biro Organisasi", "Biro Perekonomian"],
}
NAT_JOBS = [("Analis Kebijakan", True, True), ("Pranata Komputer", True, True),
            ("Perencana", True, True), ("Pengolah Data dan Informasi", True, True),
            ("Pengadministrasi Perkantoran", False, True), ("Penata Layanan Operasional", False, True),
            ("Pengelola Keuangan", True, True), ("Arsiparis", False, False),
            ("Pengemudi", False, False), ("Petugas Loket Pelayanan", False, False),
            ("Perawat", False, False), ("Polisi Pamong Praja", False, False)]
NAT_LISTED = 20
NAT_TREATED = 0.60
NAT_PLANT = 0.01
NAT_NO_LOG = 0.01
NAT_SERVICE = 0.35


def write_national(n_units: int, out: str):
    t0 = time.time()
    out = os.path.abspath(out)
    if os.path.commonpath([out, ROOT]) == ROOT:
        sys.exit(f"--out {out} is inside the repository; write the national set elsewhere")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED + n_units)
    kinds, weights = zip(*NAT_KINDS)
    units: list[Unit] = []
    for i in range(1, n_units + 1):
        jenis = rng.choices(kinds, weights)[0]
        base = rng.choice(NAT_NAMES[jenis])
        n = int(min(4000, max(12, rng.lognormvariate(math.log(90), 0.9))))
        if jenis == "rumah sakit":
            n = max(n, 150)
        u = Unit(f"U-{i:05d}", f"{base} Wilayah {i:05d}", jenis, n)
        service = jenis in ("rumah sakit", "kantor") or rng.random() < NAT_SERVICE
        set_levels(u, rng, service)
        u.jobs = [(name, 0, el, ro) for name, el, ro in NAT_JOBS]
        units.append(u)
    service = {u.kode for u in units if u.permohonan > 0}
    treated = {u.kode for u in units if rng.random() < NAT_TREATED}
    no_log = {u.kode for u in units if rng.random() < NAT_NO_LOG}
    treated -= no_log          # a unit without a log cannot be shown to have gone away
    plant_units = [k for k in sorted(treated) if rng.random() < NAT_PLANT]   # sorted: sets
    # iterate in hash order, which changes from run to run
    planted: dict[str, dict[str, float]] = {}
    plant_rows = []
    for k in plant_units:
        if k in service and rng.random() < 0.3:       # the OPD-14 kind
            eff = [(F_KIN, "Realisasi Output", -0.30),
                   (F_KIN, "Rata-rata Waktu Proses Surat (jam)", +0.50),
                   (F_LAY, "Selesai Tepat Waktu", -0.20)]
        else:                                         # the OPD-09/24/36 kind
            eff = [(F_KIN, "Realisasi Output", -0.25), (F_KIN, "Surat Diproses", -0.20)]
        for fl, c, e in eff:
            planted.setdefault(k, {})[c] = e
            plant_rows.append([k, fl.replace(".xlsx", ".csv"), c, f"{e:+.2f}",
                               " ".join(d.isoformat() for d in WINDOW)])

    def writer(name):
        f = open(os.path.join(out, name), "w", encoding="utf-8", newline="")
        return f, csv.writer(f, delimiter=";", lineterminator="\r\n")

    f, w = writer("daftar-opd.csv")
    w.writerow(["Kode OPD", "Nama OPD", "Jenis OPD"])
    w.writerows([u.kode, u.nama, u.jenis] for u in units)
    f.close()

    people = People(rng)
    f, w = writer("pelaksanaan_wfa.csv")
    w.writerow(PEL_HEADER)
    n_pel = 0
    win_iso = [d.isoformat() for d in WINDOW]
    for u in units:
        if u.kode in no_log:
            continue
        m = min(u.pegawai, NAT_LISTED)
        staff = []
        for _ in range(m):
            name, el, ro = rng.choice(NAT_JOBS)
            staff.append(people.person(name, el, ro))
        away = assign_wfa(staff, rng, anyone=False) if u.kode in treated else [set()] * 3
        for d, a in zip(win_iso, away):
            for j, s in enumerate(staff):
                w.writerow([u.kode, s.nip, s.nama, s.jabatan, d, "WFA" if j in a else "Kantor"])
            n_pel += m
    f.close()

    fk, wk = writer("kinerja_harian.csv")
    fp, wp = writer("presensi_harian.csv")
    fl, wl = writer("layanan_publik.csv")
    wk.writerow(KIN_HEADER)
    wp.writerow(PRE_HEADER)
    wl.writerow(LAY_HEADER)
    n_lay = 0
    iso = {d: d.isoformat() for d in DAYS}
    for u in units:
        for d in DAYS:
            fx = effects_for(planted, u.kode, d)
            r = kinerja_row(u, d, rng, fx)
            r[1] = iso[d]
            wk.writerow(r)
            r = presensi_row(u, d, rng)
            r[1] = iso[d]
            wp.writerow(r)
            if u.permohonan > 0:
                r = layanan_row(u, d, rng, fx)
                r[1] = iso[d]
                wl.writerow(r)
                n_lay += 1
    for fh in (fk, fp, fl):
        fh.close()

    f, w = writer("planted.csv")
    w.writerow(PLANTED_HEADER)
    w.writerows(plant_rows)
    f.close()

    size = sum(os.path.getsize(os.path.join(out, x)) for x in os.listdir(out))
    print(f"national: {n_units} units ({len(treated)} worked away, {len(no_log)} without a log, "
          f"{len(plant_units)} with planted drops, {len(service)} with public services)")
    print(f"  rows: pelaksanaan {n_pel}, kinerja {n_units * len(DAYS)}, presensi "
          f"{n_units * len(DAYS)}, layanan {n_lay}, planted {len(plant_rows)}")
    print(f"  {size / 1e6:.1f} MB in {out}, {time.time() - t0:.1f} s")


# ---------------------------------------------------------------------------
# Workbook plumbing: styling and byte-identical output
# ---------------------------------------------------------------------------


def write_xlsx(path, title, header, rows, widths, text_cols=(), date_cols=(), fmt=None):
    wb = Workbook()
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    ws = wb.active
    ws.title = title
    ws.append(header)
    for c in range(1, len(header) + 1):
        cell = ws.cell(row=1, column=c)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    fmt = fmt or {}
    for row, r in enumerate(rows, start=2):
        ws.append(r)
        for c in text_cols:
            ws.cell(row=row, column=c + 1).number_format = "@"
        for c in date_cols:
            cell = ws.cell(row=row, column=c + 1)
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = "dd/mm/yyyy"
        for c, f in fmt.items():
            ws.cell(row=row, column=c + 1).number_format = f
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        ExcelWriter(wb, z).save()     # keeps the fixed dcterms:modified
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_DATE)
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            zi.create_system = 3
            dst.writestr(zi, src.read(info.filename))
    with open(path, "wb") as f:
        f.write(out.getvalue())


# ---------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------


def fmt_day(d: date) -> str:
    return f"{d:%d/%m/%Y}"


def write_readme(units, pel, kin, pre, lay, listed, wfa_days, irr, obs):
    byk = {u.kode: u for u in units}
    n_days = len(DAYS)
    s1 = [d for d in DAYS if season_of(d) == 0]
    s2 = [d for d in DAYS if season_of(d) == 1]
    treated = sorted(TREATED)
    control = sorted(k for k in byk if k not in TREATED and k not in NO_LOG)
    sampled = sorted(k for k, n in listed.items() if byk[k].pegawai > n)
    L: list[str] = []
    a = L.append
    a("# Evaluation sample data (SYNTHETIC)\n")
    a("**Everything in this folder is synthetic.** It was generated by "
      "`tools/gen_evaluation_data.py` and is not real data of the Provincial Government of "
      "Central Kalimantan; only the names of the work units (OPD) are real. The staff names "
      "and NIPs in `pelaksanaan_wfa.xlsx` are invented, but they stand for personal data: "
      "a report must never show them.\n")
    a(f"Seed: `random.Random({SEED})`. Two runs give byte-identical files (fixed workbook "
      "properties, fixed zip timestamps). The generator reads `sample-data/daftar-opd.csv`, "
      "`sample-data/infrastruktur_opd.xlsx` (Jumlah Pegawai) and `sample-data/jabatan_opd.xlsx` "
      "(job types the staff list is drawn from); if those change, this folder changes.\n")
    a("Regenerate (from the repository root):\n")
    a("```sh\npip install -r tools/requirements.txt && python3 tools/gen_evaluation_data.py\n```\n")

    a("## The trial and the season\n")
    a("Work From Anywhere (WFA) ran on **Mon 29, Tue 30 and Wed 31 December 2025** (the "
      "window). Working days are Monday to Friday except "
      + ", ".join(f"{d.isoformat()} ({n})" for d, n in HOLIDAYS.items()) + ".\n")
    a(f"The daily files cover every working day of two seasons: {len(s1)} days from "
      f"{fmt_day(s1[0])} to {fmt_day(s1[-1])} (the year before, nobody worked away) and "
      f"{len(s2)} days from {fmt_day(s2[0])} to {fmt_day(s2[-1])} (the trial season); "
      f"{n_days} days in all, no rows on other days. The same window a year earlier is "
      f"the last three working days up to 1 January 2025: "
      + ", ".join(fmt_day(d) for d in WINDOW_BEFORE) + ".\n")

    a("## Files\n")
    a("Spreadsheet rows are 1-based, header in row 1. Dates are real Excel date cells shown "
      "`dd/mm/yyyy` (one deliberate exception, below). Rows are sorted by Kode OPD, then date "
      "(the log: Kode OPD, date, then the staff list in job order).\n")
    a("| File | Sheet | Rows | Columns |\n|---|---|---|---|")
    a(f"| `daftar-opd.csv` | - | 40 OPDs (lines 2-41) | `Kode OPD;Nama OPD;Jenis OPD` - a "
      "byte-for-byte copy of `sample-data/daftar-opd.csv`: the units that should answer |")
    a(f"| `{F_PEL}` | Daftar pegawai | {len(pel)} data rows (rows 2-{len(pel) + 1}) | "
      + ", ".join(f"`{h}`" for h in PEL_HEADER) + " |")
    a(f"| `{F_KIN}` | Kinerja | {len(kin)} data rows (rows 2-{len(kin) + 1}) = 40 OPDs x "
      f"{n_days} days | " + ", ".join(f"`{h}`" for h in KIN_HEADER) + " |")
    a(f"| `{F_PRE}` | Presensi | {len(pre)} data rows (rows 2-{len(pre) + 1}) = 40 OPDs x "
      f"{n_days} days | " + ", ".join(f"`{h}`" for h in PRE_HEADER) + " |")
    a(f"| `{F_LAY}` | Layanan | {len(lay)} data rows (rows 2-{len(lay) + 1}) = {len(SERVICE)} "
      f"OPDs x {n_days} days + 1 duplicate | " + ", ".join(f"`{h}`" for h in LAY_HEADER) + " |")
    a(f"| `planted.csv` | - | {len(PLANTED)} effects (lines 2-{len(PLANTED) + 1}) | "
      "`opd;file;column;effect;dates` - the answer key, `;`-separated, UTF-8, CRLF |")
    a("")
    a("Columns in detail:\n")
    a("- `pelaksanaan_wfa.xlsx`: one row per listed staff member per window date (3 rows per "
      "person). `NIP` is an 18-digit text cell (birth date YYYYMMDD, appointment YYYYMM, sex "
      "1/2, 3-digit sequence; cell format `@` so Excel keeps it as text). `Jenis Jabatan` is "
      "the job name (`Analis Kebijakan`, `Perawat`, ...), drawn from the OPD's jobs in "
      "`jabatan_opd.xlsx`. `Lokasi Kerja` is `WFA` or `Kantor`. "
      f"At most {MAX_LISTED} staff are listed per OPD: the OPDs with more staff list a random "
      "sample of them: " + ", ".join(f"{k} ({listed[k]} of {byk[k].pegawai})" for k in sampled)
      + ". The other OPDs list all of their Jumlah Pegawai. In an OPD that worked away, "
      "10-20 % of the listed staff are `WFA` on each window day and nobody has more than "
      f"{MAX_WFA_DAYS} WFA days in the week (PermenPANRB 4/2025 Pasal 13); WFA goes first to "
      "the jobs that meet all eight criteria of `jabatan_opd.xlsx`, except in OPD-14.")
    a("- `kinerja_harian.xlsx`: e-Kinerja and SRIKANDI per OPD per day. `Target Output` is "
      "planned (about 2 x Jumlah Pegawai, +-1 %); `Realisasi Output` is what was reported; "
      "`Jumlah Bukti Dukung` the evidence uploads; `Surat Diproses` the letters processed in "
      "SRIKANDI; `Rata-rata Waktu Proses Surat (jam)` a number cell with one decimal (format "
      "`0.0`; Excel in Indonesian shows `6,5`).")
    a("- `presensi_harian.xlsx`: `Pegawai Wajib Hadir` = Jumlah Pegawai minus staff on leave "
      "(more leave in the last days of December); `Pegawai Hadir` counts check-ins on site or "
      "online (WFA staff check in online); `Pegawai Terlambat` among those present.")
    a(f"- `layanan_publik.xlsx`: only the {len(SERVICE)} OPDs that run a public service: "
      + ", ".join(sorted(SERVICE)) + ". `Selesai Tepat Waktu` counts applications completed "
      "within the service standard; `Pengaduan LAPOR!` complaints; `Nilai Survei Kepuasan` "
      "0-100 with one decimal, self-reported by the OPD.")
    a("")

    a("## How the numbers were made\n")
    a("- Each OPD has its own level for every measure (scaled to its Jumlah Pegawai). "
      "Day-to-day noise is multiplicative: about 6 % on output, evidence and letters, 8 % on "
      "turnaround and on applications; attendance 95 % +- 2 %; lateness 3-8 % of those present.")
    a(f"- **Year-end dip, every OPD alike, both years**: on the working days from 22 December "
      f"to 31 December (2024: 23, 24, 27, 30, 31 Dec; 2025: 22, 23, 24, 29, 30, 31 Dec) "
      f"output, evidence, letters and applications are x{DIP_VOLUME} (-12 %) and turnaround "
      f"x{DIP_TURNAROUND} (+10 %); leave is higher; everything recovers on the first working "
      "day of January. The WFA window sits inside the dip.")
    a(f"- **Trend**: in the trial season output, evidence, letters and applications are "
      f"x{TREND} (+3 %) against the year before, for every OPD alike (`Target Output` stays).")
    a("- **Planted effects**: only on 29, 30 and 31 December 2025, only in these OPDs "
      "(`planted.csv`; an effect multiplies the value the OPD would otherwise have had):\n")
    a("| OPD | File | Column | Effect |\n|---|---|---|---|")
    for k, fl, c, e in PLANTED:
        extra = (" (of its share of `Permohonan Masuk`: the on-time rate x0.80)"
                 if c == "Selesai Tepat Waktu" else "")
        a(f"| {k} {byk[k].nama} | `{fl}` | `{c}` | {e:+.0%}{extra} |")
    a("")
    a("  `Target Output` is unchanged on those days. Nothing else is planted: the WFA of the "
      "other 20 OPDs that worked away changes nothing, attendance, lateness, evidence uploads, "
      "complaints and the satisfaction survey carry no effect anywhere, and nothing is planted "
      "in 2024.")
    a("")

    a("## Irregularities (as offices make them; must be reported)\n")
    a("| # | File | Sheet | Row | Column | What |\n|---|---|---|---|---|---|")
    r, c, k, v = irr["text_date"]
    a(f"| 1 | `{F_KIN}` | Kinerja | {r} | {c} (`Tanggal`) | {k}: the date typed as text "
      f"`'{v}'` instead of a date cell (a November 2025 day, outside the window) |")
    r, orig, k, d = irr["duplicate"]
    a(f"| 2 | `{F_LAY}` | Layanan | {r} | all | {k}, {fmt_day(d)}: exact repeat of row "
      f"{orig} (the day was submitted twice) |")
    r, c, k, d, _nip = irr["lowercase"]
    a(f"| 3 | `{F_PEL}` | Daftar pegawai | {r} | {c} (`Lokasi Kerja`) | {k}, {fmt_day(d)}: "
      f"`wfa` typed in lower case (means `WFA`) |")
    a("")
    a("There are no other deliberate errors: no blank rows, no unknown codes, no missing days.\n")

    a("## Answer key\n")
    a(f"**Worked away ({len(treated)} OPDs)**: every OPD judged Layak or Layak Terbatas "
      "except OPD-03 and OPD-33, plus OPD-14.\n")
    a("| Kode | OPD | Readiness | Listed | WFA on 29/30/31 Dec | Planted |\n"
      "|---|---|---|---|---|---|")
    planted_of: dict[str, list[str]] = {}
    for k, _fl, c, e in PLANTED:
        planted_of.setdefault(k, []).append(f"{c} {e:+.0%}")
    for k in treated:
        a(f"| {k} | {byk[k].nama} | {verdict(int(k[4:]))} | {listed[k]} | "
          f"{'/'.join(map(str, wfa_days[k]))} | {'; '.join(planted_of.get(k, [])) or '-'} |")
    a("")
    a(f"**Stayed in the office, log sent ({len(control)} OPDs, every row `Kantor`)**: "
      + ", ".join(control) + " (all judged Belum Layak). These are the comparison units.\n")
    a("**No log at all (3 OPDs)**: OPD-03 (Layak Terbatas), OPD-21 (Belum Layak) and OPD-33 "
      "(Layak Terbatas) have no row in `pelaksanaan_wfa.xlsx`, although their daily figures "
      "are complete. (In the design they stayed in the office and carry no effect, but the "
      "data cannot show it.) They must be reported as missing from the log, not counted as "
      "having stayed and not as having gone away.\n")
    a("A correct evaluation must find:\n")
    a("1. **Fell**: OPD-09, OPD-24 and OPD-36 in `Realisasi Output` (about -25 %) and "
      "`Surat Diproses` (about -20 %); OPD-14 in `Realisasi Output` (about -30 %), "
      "`Rata-rata Waktu Proses Surat (jam)` (about +50 %, i.e. worse) and the on-time share "
      "`Selesai Tepat Waktu` / `Permohonan Masuk` (about -20 %). The change is measured "
      "against the same window a year earlier (27, 30, 31 Dec 2024) and against the OPDs "
      "that stayed (difference in differences); with 3 window days and 6-8 % daily noise "
      "a DiD has a standard error of about 5 %, so each of these is some 3 to 6 standard "
      "errors out.")
    a("2. **Held**: the other 20 OPDs that worked away, on every measure (nothing was "
      "planted; where chance makes a DiD look large, see the list at the end, held or "
      "inconclusive is right, fell or rose is not).")
    a("3. **Not misled by the season**: a naive before/after (the window against early "
      "December 2025) shows every OPD, treated or not, about 12 % down in output, evidence "
      "and letters and about 10 % slower - that is the year-end dip, present in both years "
      "and in the OPDs that stayed. A comparison with last year alone shows every OPD about "
      "3 % up - that is the trend.")
    a("4. **OPD-14 went away against its verdict** (Belum Layak) and is the one that fell "
      "hardest; its WFA staff include jobs that are not WFA-eligible.")
    a("5. **OPD-03, OPD-21, OPD-33 have no log** (see above).")
    a("6. **The self-reported satisfaction survey shows no drop**, not even in OPD-14 "
      "(nothing was planted in it): it cannot stand in for the on-time share.")
    a("7. **The three irregularities** above are reported (the text date read as 26/11/2025 "
      "or rejected with its row, the duplicate counted once, `wfa` read as `WFA`).")
    a("8. **No personal data** (NIP, Nama Pegawai) in any report.")
    a("")

    a("## What the generated values show\n")
    a("Computed from the files as written (means over days): **naive** = the window against "
      "the working days of 1-19 Dec 2025; **DiD** = the window against the same window a "
      "year earlier, relative to the mean (log) change of the "
      f"{len(control)} OPDs that stayed. This is a check of the design, not a prescribed "
      "method; the tool may estimate differently.\n")
    labels = [lab for lab, *_ in OBSERVED]
    short = ["Realisasi", "Surat", "Waktu surat", "Bukti dukung", "Tepat waktu (share)"]
    a("| Kode | Group | Realisasi naive | " + " | ".join(f"{x} DiD" for x in short) + " |")
    a("|---|---|---|" + "---|" * len(short))
    for k in sorted(byk):
        grp = "WFA" if k in TREATED else "no log" if k in NO_LOG else "stayed"
        cells = []
        for lab in labels:
            v = obs[lab].get(k)
            cell = "-" if v is None else f"{v[2]:+.1%}"
            if any(p[0] == k and (p[2] == lab or lab.startswith(p[2] + " /")) for p in PLANTED):
                cell = f"**{cell}**"
            cells.append(cell)
        a(f"| {k} | {grp} | {obs[labels[0]][k][0]:+.1%} | " + " | ".join(cells) + " |")
    a("")
    planted_keys = {(p[0], p[2]) for p in PLANTED}
    chance = []
    for lab in labels:
        for k, v in sorted(obs[lab].items()):
            base = lab.split(" / ")[0]
            if abs(v[2]) >= 0.10 and (k, base) not in planted_keys:
                chance.append(f"{k} {base} {v[2]:+.1%}")
    a("Bold: planted. With three window days and 6-8 % daily noise a DiD has a standard "
      "error of about 5 %, so some OPDs without any effect show chance deviations of 10 % or "
      "more: " + "; ".join(chance) + ". These are noise; an evaluation that calls any of "
      "them a fall or a rise (rather than held or inconclusive) is over-reading the data.\n")

    a("## National size mode\n")
    a("```sh\npython3 tools/gen_evaluation_data.py --units 25000 --out /tmp/eval-national\n```\n")
    a("writes the same datasets for 25,000 synthetic units (`U-00001` ... `U-25000`) as "
      "`;`-separated UTF-8 CSV (CRLF, ISO dates `2025-12-29`, decimal point) into the given "
      "folder, which must be outside the repository: `daftar-opd.csv` (master list "
      "`Kode OPD;Nama OPD;Jenis OPD`), `pelaksanaan_wfa.csv` (at most "
      f"{NAT_LISTED} listed staff per unit), `kinerja_harian.csv`, `presensi_harian.csv`, "
      "`layanan_publik.csv` and `planted.csv`. Same calendar, dip, trend and noise; about "
      f"{NAT_TREATED:.0%} of the units work away, about {NAT_NO_LOG:.0%} of all units send no "
      f"log, and the drops are planted in about {NAT_PLANT:.0%} of the units that worked away "
      "(the OPD-09 kind, or the OPD-14 kind for some units with a public service). No "
      "irregularities. With 25,000 units: " + NATIONAL_SIZE + "\n")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(L))


# Measured with --units 25000 (row counts are exact for the seed; the time is one run on
# the development machine).
NATIONAL_SIZE = (
    "14,957 units work away, 265 send no log, 154 carry planted drops (331 rows in "
    "`planted.csv`), 10,907 run a public service; 1,467,015 rows in `pelaksanaan_wfa.csv`, "
    "1,600,000 each in `kinerja_harian.csv` and `presensi_harian.csv`, 698,048 in "
    "`layanan_publik.csv`, 25,000 in `daftar-opd.csv`: about 5.4 million rows, 257 MB, "
    "written in 20-24 s (130 MB of memory).")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--units", type=int, help="national size mode: number of units (CSV)")
    p.add_argument("--out", help="national size mode: output folder (outside the repository)")
    args = p.parse_args()
    if args.units is None:
        if args.out:
            p.error("--out only with --units")
        write_province()
    else:
        if not args.out:
            p.error("--units needs --out DIR")
        write_national(args.units, args.out)


if __name__ == "__main__":
    main()
