#!/usr/bin/env python3
"""Generate the submissions corpus in tests/fixtures/corpus/ by typing it through LibreOffice.

What it is for: a folder of realistic OPD submissions (xlsx, ods, xls, csv) as the Organisation
Bureau receives them, plus the same data in clean canonical form (clean/*.csv), the master list of
units (daftar-opd.csv), every header cell (headers.csv) and every deliberate mistake or oddity
(mistakes.csv). The generator was written without reading the tool's source, rubric or tests: the
headers are the wordings offices might type, not the wordings the tool is known to accept.

What it must not do: decide what the tool accepts. It only describes what each file holds.

Needs LibreOffice Calc and its Python bridge (Debian/Ubuntu):

    apt-get install -y libreoffice-calc-nogui python3-uno

Run from the repository root with the system Python that has `uno` (CI does not run this; the
outputs are committed):

    /usr/bin/python3 tools/corpus/gen_corpus.py            # writes tests/fixtures/corpus/
    /usr/bin/python3 tools/corpus/gen_corpus.py --out DIR  # somewhere else

Every workbook is built cell by cell through the UNO API of a headless soffice (merged cells,
hidden rows and columns, number formats, text-vs-number cells, formulas are real Calc objects) and
saved with Calc's own export filters (xlsx "Calc MS Excel 2007 XML", ods "calc8", xls "MS Excel 97",
csv "Text - txt - csv (StarCalc)" with "save cell contents as shown"). Indonesian-Excel-style CSVs
use `;` and id-ID number formats (decimal comma); afterwards only line endings (CRLF) and, where
noted, a UTF-8 BOM are added in Python, imitating how Excel on Windows writes them.

Data are synthetic: real unit names, invented people, NIPs, figures, e-mail addresses
(`@contoh.go.id`) and signatures. Seeded (random.Random(20251201)): same script, same values.
"""

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # noqa: F401  (system python3-uno)
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RNG = random.Random(20251201)

LOC_ID = Locale("id", "ID", "")
LOC_EN = Locale("en", "US", "")

# --------------------------------------------------------------------------------------------
# Truth: the units, their infrastructure, their job types, their staff survey.
# --------------------------------------------------------------------------------------------

OPD = [
    # code, name, daftar jenis, jenis_opd, headcount
    ("OPD-01", "Dinas Kesehatan", "dinas", "dinas", 48),
    ("OPD-02", "Badan Kepegawaian Daerah", "badan", "badan", 42),
    ("OPD-03", "Dinas Perhubungan", "garis depan", "dinas", 55),
    ("OPD-04", "Badan Perencanaan Pembangunan Daerah", "badan", "badan", 38),
    ("OPD-05", "Biro Umum", "sekretariat", "biro", 30),
    ("OPD-06", "Rumah Sakit Umum Daerah dr. Doris Sylvanus", "garis depan", "rumah sakit", 60),
    ("OPD-07", "Dinas Pendidikan", "dinas", "dinas", 52),
    ("OPD-08", "Inspektorat", "inspektorat", "inspektorat", 34),
    ("OPD-09", "Satuan Polisi Pamong Praja", "garis depan", "satuan", 45),
    ("OPD-10", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "dinas", "dinas", 40),
]
NAME = {o[0]: o[1] for o in OPD}
HEAD = {o[0]: o[4] for o in OPD}
JENIS = {o[0]: o[3] for o in OPD}

INFRA_FIELDS = ["kode_opd", "nama_opd", "jenis_opd", "jumlah_pegawai", "laptop_dinas",
                "bandwidth_mbps", "vpn", "srikandi", "dokumen_cloud", "akun_vicon", "helpdesk_ti",
                "absensi_online", "layanan_garis_depan", "laporan_output", "persen_skp_ekinerja"]
Y, T = "Ya", "Tidak"
# laptop, bandwidth, vpn, srikandi, cloud, vicon, helpdesk, absensi, garis depan, laporan, skp
INFRA = {
    "OPD-01": (20, 50, T, Y, Y, 3, T, Y, T, "mingguan", 0.83),
    "OPD-02": (30, 100, Y, Y, Y, 5, Y, Y, T, "harian", 0.97),
    "OPD-03": (12, 20, T, Y, T, 1, T, Y, Y, "mingguan", 0.55),
    "OPD-04": (28, 100, Y, Y, Y, 4, T, Y, T, "mingguan", 0.90),
    "OPD-05": (8, 20, T, Y, T, 2, T, Y, Y, "harian", 0.70),
    "OPD-06": (15, 200, Y, Y, T, 2, Y, Y, Y, "harian", 0.76),
    "OPD-08": (30, 25.5, T, Y, Y, 3, T, Y, T, "mingguan", 0.90),
    "OPD-10": (35, 1000, Y, Y, Y, 10, Y, Y, T, "harian", 0.95),
}


def infra_row(code):
    v = INFRA[code]
    return dict(zip(INFRA_FIELDS, (code, NAME[code], JENIS[code], HEAD[code]) + v))


JAB_FIELDS = ["kode_opd", "kode_jabatan", "nama_jabatan", "jenis_jabatan", "jumlah_pemangku",
              "dapat_di_luar_kantor", "perlu_alat_khusus", "berbasis_tik", "tatap_muka",
              "perlu_pengawasan", "layanan_garis_depan", "data_rahasia", "output_terukur"]
# dapat_di_luar_kantor, perlu_alat_khusus, berbasis_tik, tatap_muka, perlu_pengawasan,
# layanan_garis_depan, data_rahasia, output_terukur
ARCH = {
    "pimpinan": (Y, T, Y, 4, T, T, Y, Y),
    "manajer": (Y, T, Y, 3, T, T, T, Y),
    "analis": (Y, T, Y, 2, T, T, T, Y),
    "tik": (Y, T, Y, 2, T, T, T, Y),
    "admin": (Y, T, Y, 2, Y, T, T, T),
    "keuangan": (T, T, Y, 3, Y, T, Y, Y),
    "kepegawaian": (Y, T, Y, 3, T, T, Y, Y),
    "arsip": (T, Y, Y, 2, T, T, Y, Y),
    "pengemudi": (T, Y, T, 3, Y, T, T, T),
    "gudang": (T, Y, Y, 3, Y, T, T, Y),
    "loket": (T, T, Y, 5, Y, Y, T, Y),
    "protokol": (T, T, T, 5, Y, Y, T, T),
    "lapangan": (T, Y, T, 4, Y, Y, T, Y),
    "auditor": (Y, T, Y, 3, T, T, Y, Y),
    "sandi": (T, Y, Y, 2, Y, T, Y, Y),
    "aduan": (Y, T, Y, 3, T, Y, T, Y),
}
S, F, P = "struktural", "fungsional", "pelaksana"
JOBS = {
    "OPD-01": [
        ("JS-001", "Kepala Dinas Kesehatan", S, 1, "pimpinan"),
        ("JS-002", "Sekretaris Dinas", S, 1, "manajer"),
        ("JS-003", "Kepala Bidang", S, 4, "manajer"),
        ("JF-011", "Administrator Kesehatan", F, 6, "analis"),
        ("JF-012", "Epidemiolog Kesehatan", F, 5, "analis"),
        ("JF-013", "Perencana", F, 3, "analis"),
        ("JF-014", "Pranata Komputer", F, 2, "tik"),
        ("JP-021", "Pengadministrasi Perkantoran", P, 12, "admin"),
        ("JP-022", "Pengelola Keuangan", P, 5, "keuangan"),
        ("JP-023", "Pengelola Obat dan Perbekalan Kesehatan", P, 6, "gudang"),
        ("JP-024", "Pengemudi", P, 3, "pengemudi"),
    ],
    "OPD-02": [
        ("JS-001", "Kepala Badan", S, 1, "pimpinan"),
        ("JS-002", "Sekretaris Badan", S, 1, "manajer"),
        ("JS-003", "Kepala Bidang", S, 4, "manajer"),
        ("JF-011", "Analis SDM Aparatur", F, 10, "kepegawaian"),
        ("JF-012", "Pranata Komputer", F, 3, "tik"),
        ("JF-013", "Arsiparis", F, 3, "arsip"),
        ("JF-014", "Asesor SDM Aparatur", F, 4, "analis"),
        ("JP-021", "Pengadministrasi Perkantoran", P, 9, "admin"),
        ("JP-022", "Pengelola Data Kepegawaian", P, 6, "kepegawaian"),
        ("JP-023", "Pengemudi", P, 1, "pengemudi"),
    ],
    "OPD-03": [
        ("JS-001", "Kepala Dinas Perhubungan", S, 1, "pimpinan"),
        ("JS-002", "Sekretaris Dinas", S, 1, "manajer"),
        ("JS-003", "Kepala Bidang", S, 3, "manajer"),
        ("JF-011", "Penguji Kendaraan Bermotor", F, 9, "lapangan"),
        ("JF-012", "Pengawas Keselamatan Pelayaran", F, 4, "lapangan"),
        ("JF-013", "Perencana", F, 2, "analis"),
        ("JP-021", "Petugas Terminal dan Loket", P, 12, "loket"),
        ("JP-022", "Pengadministrasi Perkantoran", P, 10, "admin"),
        ("JP-023", "Pengelola Keuangan", P, 4, "keuangan"),
        ("JP-024", "Pengemudi", P, 4, "pengemudi"),
        ("JP-025", "Petugas Pengatur Lalu Lintas", P, 5, "lapangan"),
    ],
    "OPD-04": [
        ("JS-001", "Kepala Badan", S, 1, "pimpinan"),
        ("JS-002", "Sekretaris Badan", S, 1, "manajer"),
        ("JS-003", "Kepala Bidang", S, 4, "manajer"),
        ("JF-011", "Perencana Ahli Muda", F, 8, "analis"),
        ("JF-012", "Perencana Ahli Pertama", F, 6, "analis"),
        ("JF-013", "Peneliti", F, 3, "analis"),
        ("JF-014", "Statistisi", F, 2, "analis"),
        ("JP-021", "Pengadministrasi Perkantoran", P, 8, "admin"),
        ("JP-022", "Pengelola Keuangan", P, 3, "keuangan"),
        ("JP-023", "Pengemudi", P, 2, "pengemudi"),
    ],
    "OPD-05": [
        ("JS-001", "Kepala Biro Umum", S, 1, "pimpinan"),
        ("JS-002", "Kepala Bagian", S, 3, "manajer"),
        ("JF-011", "Arsiparis", F, 2, "arsip"),
        ("JF-012", "Pranata Komputer", F, 1, "tik"),
        ("JP-021", "Pengadministrasi Perkantoran", P, 8, "admin"),
        ("JP-022", "Petugas Protokol", P, 6, "protokol"),
        ("JP-023", "Pengemudi", P, 5, "pengemudi"),
        ("JP-024", "Pengelola Barang Milik Daerah", P, 4, "gudang"),
    ],
    # RSUD: an incomplete return, the management jobs only (15 of 60 staff).
    "OPD-06": [
        ("JS-001", "Direktur", S, 1, "pimpinan"),
        ("JS-002", "Wakil Direktur", S, 2, "manajer"),
        ("JS-003", "Kepala Bagian", S, 3, "manajer"),
        ("JF-011", "Administrator Kesehatan", F, 2, "analis"),
        ("JF-012", "Pranata Komputer", F, 2, "tik"),
        ("JP-021", "Pengadministrasi Perkantoran", P, 3, "admin"),
        ("JP-022", "Pengelola Keuangan", P, 2, "keuangan"),
    ],
    "OPD-08": [
        ("JS-001", "Inspektur", S, 1, "pimpinan"),
        ("JS-002", "Sekretaris Inspektorat", S, 1, "manajer"),
        ("JS-003", "Inspektur Pembantu", S, 4, "manajer"),
        ("JF-011", "Auditor Ahli Madya", F, 6, "auditor"),
        ("JF-012", "Auditor Ahli Muda", F, 7, "auditor"),
        ("JF-013", "Auditor Ahli Pertama", F, 5, "auditor"),
        ("JF-014", "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah", F, 4, "auditor"),
        ("JP-021", "Pengadministrasi Perkantoran", P, 4, "admin"),
        ("JP-022", "Pengemudi", P, 2, "pengemudi"),
    ],
    "OPD-10": [
        ("JS-001", "Kepala Dinas", S, 1, "pimpinan"),
        ("JS-002", "Sekretaris Dinas", S, 1, "manajer"),
        ("JS-003", "Kepala Bidang", S, 4, "manajer"),
        ("JF-011", "Pranata Komputer", F, 10, "tik"),
        ("JF-012", "Pranata Hubungan Masyarakat", F, 5, "analis"),
        ("JF-013", "Statistisi", F, 3, "analis"),
        ("JF-014", "Sandiman", F, 3, "sandi"),
        ("JP-021", "Pengadministrasi Perkantoran", P, 8, "admin"),
        ("JP-022", "Pengemudi", P, 2, "pengemudi"),
        ("JP-023", "Pengelola Layanan Aduan (LAPOR!)", P, 3, "aduan"),
    ],
}
# Deliberate truth exceptions (so that not every row is its archetype).
JOB_OVERRIDE = {
    ("OPD-08", "JF-011"): {"tatap_muka": 3},
    ("OPD-08", "JP-021"): {"berbasis_tik": None},   # left unanswered by the office
    ("OPD-01", "JF-012"): {"tatap_muka": 3},
}


def job_rows(code):
    out = []
    for kj, nj, jenis, n, arch in JOBS[code]:
        a = ARCH[arch]
        r = dict(kode_opd=code, kode_jabatan=kj, nama_jabatan=nj, jenis_jabatan=jenis,
                 jumlah_pemangku=n, dapat_di_luar_kantor=a[0], perlu_alat_khusus=a[1],
                 berbasis_tik=a[2], tatap_muka=a[3], perlu_pengawasan=a[4],
                 layanan_garis_depan=a[5], data_rahasia=a[6], output_terukur=a[7])
        r.update(JOB_OVERRIDE.get((code, kj), {}))
        out.append(r)
    return out


SURV_FIELDS = ["id_responden", "kode_opd", "kode_jabatan", "skill_email", "skill_office",
               "skill_vicon", "skill_srikandi", "skill_ekinerja", "skill_cloud", "skill_keamanan",
               "internet_rumah", "laptop_pribadi", "tempat_kerja_tenang", "bersedia_wfa",
               "sanksi_disiplin", "baru_ditempatkan"]
SKILLS = SURV_FIELDS[3:10]
SURV_N = {"OPD-01": 18, "OPD-02": 20, "OPD-03": 13, "OPD-04": 14, "OPD-06": 22, "OPD-08": 13,
          "OPD-10": 16}
SKILL_BASE = {"OPD-01": 3.3, "OPD-02": 4.0, "OPD-03": 2.7, "OPD-04": 3.8, "OPD-06": 3.2,
              "OPD-08": 3.7, "OPD-10": 4.3}
SKILL_OFF = {"skill_email": 0.3, "skill_office": 0.4, "skill_vicon": 0.1, "skill_srikandi": -0.4,
             "skill_ekinerja": 0.2, "skill_cloud": -0.3, "skill_keamanan": -0.6}
USED_NIP = set()


def make_nip():
    while True:
        y = RNG.randint(1968, 1998)
        m = RNG.randint(1, 12)
        d = RNG.randint(1, 28)
        ay = y + RNG.randint(22, 30)
        am = RNG.choice([1, 3, 4, 12])
        g = RNG.randint(1, 2)
        s = RNG.randint(1, 9)
        nip = "%04d%02d%02d%04d%02d%d%03d" % (y, m, d, min(ay, 2024), am, g, s)
        if nip not in USED_NIP:
            USED_NIP.add(nip)
            return nip


def survey_truth():
    out = {}
    for code, n in SURV_N.items():
        pool = []
        for kj, _nj, _j, holders, _a in JOBS[code]:
            pool += [kj] * holders
        RNG.shuffle(pool)
        if code == "OPD-06":
            # RSUD's job list is incomplete: most respondents hold jobs it does not list
            # (JF-030 Perawat, JF-031 Bidan)
            pool = pool[:9] + ["JF-030"] * 9 + ["JF-031"] * 4
            RNG.shuffle(pool)
        rows = []
        for i in range(n):
            kj = pool[i % len(pool)]
            r = {"id_responden": make_nip(), "kode_opd": code, "kode_jabatan": kj}
            for s in SKILLS:
                v = round(RNG.gauss(SKILL_BASE[code] + SKILL_OFF[s], 0.8))
                r[s] = max(1, min(5, v))
            r["internet_rumah"] = RNG.choices(["baik", "lemah", "tidak ada"], [6, 3, 1])[0]
            r["laptop_pribadi"] = RNG.choices([Y, T], [7, 3])[0]
            r["tempat_kerja_tenang"] = RNG.choices([Y, T], [6, 4])[0]
            r["bersedia_wfa"] = RNG.choices([Y, T], [8, 2])[0]
            r["sanksi_disiplin"] = RNG.choices([Y, T], [1, 30])[0]
            r["baru_ditempatkan"] = RNG.choices([Y, T], [2, 10])[0]
            rows.append(r)
        out[code] = rows
    # a few answers truly not given ("Tidak tahu", "-", blank): None in the truth
    for code, idx, field in [("OPD-01", 3, "skill_srikandi"), ("OPD-01", 11, "skill_keamanan"),
                             ("OPD-02", 6, "skill_cloud"), ("OPD-03", 2, "skill_srikandi"),
                             ("OPD-03", 9, "skill_keamanan"), ("OPD-03", 9, "skill_cloud"),
                             ("OPD-04", 5, "skill_keamanan"), ("OPD-04", 10, "skill_srikandi"),
                             ("OPD-06", 4, "skill_srikandi"), ("OPD-06", 15, "skill_keamanan"),
                             ("OPD-08", 7, "skill_cloud"), ("OPD-10", 2, "skill_keamanan"),
                             ("OPD-03", 5, "skill_vicon")]:
        out[code][idx][field] = None
    return out


# --------------------------------------------------------------------------------------------
# Records: headers.csv and mistakes.csv rows, gathered while the files are typed.
# --------------------------------------------------------------------------------------------

HEADERS = []
MISTAKES = []


def col_letter(c):  # 0-based -> A, B, ..., AA
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def hdr(file, sheet, col, text, canonical):
    HEADERS.append((file, sheet, col_letter(col) if isinstance(col, int) else col, text,
                    canonical or ""))


def mis(file, sheet, where, kind, expect, note):
    assert expect in ("read", "warn", "report"), expect
    MISTAKES.append((file, sheet, where, kind, expect, note))


# --------------------------------------------------------------------------------------------
# LibreOffice plumbing
# --------------------------------------------------------------------------------------------

def pv(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    def __init__(self):
        self.prof = tempfile.mkdtemp(prefix="lo-corpus-")
        self.port = 2000 + os.getpid() % 5000
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             "-env:UserInstallation=file://" + self.prof,
             "--accept=socket,host=127.0.0.1,port=%d;urp;" % self.port],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        res = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(240):
            try:
                self.ctx = res.resolve(
                    "uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % self.port)
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("soffice did not start")
        self.desktop = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", self.ctx)

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        self.proc.wait(timeout=60)
        shutil.rmtree(self.prof, ignore_errors=True)


class N:
    """A number cell with a number format code (id-ID locale unless loc given)."""

    def __init__(self, value, fmt=None, loc=None):
        self.value, self.fmt, self.loc = float(value), fmt, loc


class Fml:
    def __init__(self, formula):
        self.formula = formula


class Sheet:
    def __init__(self, name):
        self.name = name
        self.cells = {}        # (row1, col0) -> value
        self.bold = set()
        self.merges = []
        self.hidden_cols = []
        self.hidden_rows = []
        self.widths = {}
        self.wrap_rows = set()
        self.center = set()

    def put(self, r, c, v, bold=False):
        self.cells[(r, c)] = v
        if bold:
            self.bold.add((r, c))

    def row(self, r, values, c0=0, bold=False):
        for i, v in enumerate(values):
            if v is not None:
                self.put(r, c0 + i, v, bold)

    def merge(self, rng, center=True):
        self.merges.append((rng, center))


class Book:
    def __init__(self, sheets, author="", title=""):
        self.sheets, self.author, self.title = sheets, author, title


def fmt_key(doc, code, loc):
    nf = doc.NumberFormats
    k = nf.queryKey(code, loc, False)
    if k == -1:
        k = nf.addNew(code, loc)
    return k


def build(office, book):
    doc = office.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                              (pv("Hidden", True),))
    sheets = doc.Sheets
    while sheets.Count < len(book.sheets):
        sheets.insertNewByName("tmp%d" % sheets.Count, sheets.Count)
    std = doc.NumberFormats.getStandardIndex(LOC_ID)
    for i, sp in enumerate(book.sheets):
        sh = sheets.getByIndex(i)
        sh.Name = sp.name
        for (r, c), v in sp.cells.items():
            cell = sh.getCellByPosition(c, r - 1)
            if isinstance(v, str):
                cell.setString(v)
            elif isinstance(v, Fml):
                cell.setFormula(v.formula)
                cell.NumberFormat = std
            elif isinstance(v, N):
                cell.setValue(v.value)
                cell.NumberFormat = fmt_key(doc, v.fmt, v.loc or LOC_ID) if v.fmt else std
            elif isinstance(v, (int, float)):
                cell.setValue(float(v))
                cell.NumberFormat = std
            else:
                raise TypeError(v)
            if (r, c) in sp.bold:
                cell.CharWeight = 150.0
            if r in sp.wrap_rows:
                cell.IsTextWrapped = True
        for rng, center in sp.merges:
            cr = sh.getCellRangeByName(rng)
            cr.merge(True)
            if center:
                cr.HoriJustify = uno.Enum("com.sun.star.table.CellHoriJustify", "CENTER")
        for c, w in sp.widths.items():
            sh.Columns.getByIndex(c).Width = int(w * 190)
        for c in sp.hidden_cols:
            sh.Columns.getByIndex(c).IsVisible = False
        for r in sp.hidden_rows:
            sh.Rows.getByIndex(r - 1).IsVisible = False
    props = doc.DocumentProperties
    props.Author = book.author
    props.Title = book.title
    props.ModifiedBy = book.author
    return doc


FILTERS = {".xlsx": "Calc MS Excel 2007 XML", ".ods": "calc8", ".xls": "MS Excel 97"}


def save(office, book, path, csv_opts=None, crlf=False, bom=False):
    doc = build(office, book)
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    ext = os.path.splitext(path)[1].lower()
    if ext == ".csv":
        doc.storeToURL(url, (pv("FilterName", "Text - txt - csv (StarCalc)"),
                             pv("FilterOptions", csv_opts)))
    else:
        doc.storeToURL(url, (pv("FilterName", FILTERS[ext]),))
    doc.close(True)
    if ext == ".csv" and (crlf or bom):
        data = open(path, "rb").read()
        if crlf:
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        if bom:
            data = b"\xef\xbb\xbf" + data
        open(path, "wb").write(data)


# CSV filter options: separator, text delimiter, charset, first line, (cell formats), language,
# quote all text cells, detect special numbers, save cell contents as shown
CSV_EXCEL_ID_ANSI = "59,34,1,1,,1057,false,true,true"    # ';' Windows-1252 (Excel "CSV")
CSV_EXCEL_ID_UTF8 = "59,34,76,1,,1057,false,true,true"   # ';' UTF-8 (Excel "CSV UTF-8", + BOM)
CSV_GOOGLE = "44,34,76,1,,1033,false,true,true"          # ',' UTF-8 (Google Sheets download)

# --------------------------------------------------------------------------------------------
# Value spellings
# --------------------------------------------------------------------------------------------


def yt(v):
    return {Y: "Y", T: "T", None: ""}[v]


def letterhead(sh, last_col, unit_line, address, r0=1):
    rng = "A%d:%s%d"
    sh.put(r0, 0, "PEMERINTAH PROVINSI KALIMANTAN TENGAH", bold=True)
    sh.merge(rng % (r0, last_col, r0))
    sh.put(r0 + 1, 0, unit_line, bold=True)
    sh.merge(rng % (r0 + 1, last_col, r0 + 1))
    sh.put(r0 + 2, 0, address)
    sh.merge(rng % (r0 + 2, last_col, r0 + 2))


def signature(sh, r, c, lines):
    for i, t in enumerate(lines):
        if t:
            sh.put(r + i, c, t, bold=(i == len(lines) - 3))


# --------------------------------------------------------------------------------------------
# The submissions
# --------------------------------------------------------------------------------------------

def f_dinkes_infra(out):
    fn = "Form Infrastruktur TIK - Dinas Kesehatan.xlsx"
    sn = "Form TIK"
    sh = Sheet(sn)
    letterhead(sh, "R", "DINAS KESEHATAN", "Jl. Yos Sudarso No. 9 Palangka Raya 73112")
    sh.put(5, 0, "FORMULIR DATA INFRASTRUKTUR TEKNOLOGI INFORMASI DAN KOMUNIKASI (TIK)", bold=True)
    sh.merge("A5:R5")
    sh.put(6, 0, "DALAM RANGKA KAJIAN KESIAPAN WORK FROM ANYWHERE (WFA) ASN", bold=True)
    sh.merge("A6:R6")
    H = [("No", None), ("Kode OPD", "kode_opd"), ("Nama OPD", "nama_opd"),
         ("Jenis OPD", "jenis_opd"), ("Jumlah ASN 2024", None),
         ("Jumlah ASN 2025", "jumlah_pegawai"), ("Jumlah Laptop/PC\nDinas", "laptop_dinas"),
         ("Kecepatan Internet (Mbps)", "bandwidth_mbps"),
         ("VPN/Akses Jarak Jauh (Y/T)", "vpn"), ("Menggunakan SRIKANDI (Y/T)", "srikandi"),
         ("Dokumen Bersama di Cloud (Y/T)", "dokumen_cloud"),
         ("Jumlah Akun Video Conference", "akun_vicon"), ("Helpdesk TI (Y/T)", "helpdesk_ti"),
         ("Absensi Online (Y/T)", "absensi_online"),
         ("Melayani Masyarakat Secara Tatap Muka (Y/T)", "layanan_garis_depan"),
         ("Pelaporan Output Pegawai\n(Harian/Mingguan/Tidak Ada)", "laporan_output"),
         ("Pegawai dengan SKP di e-Kinerja (%)", "persen_skp_ekinerja"),
         ("Keterangan", None)]
    for c, (t, k) in enumerate(H):
        sh.put(8, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.put(9, c, "(%d)" % (c + 1))
        sh.widths[c] = max(6, min(22, len(t) * 0.6))
    sh.wrap_rows.add(8)
    t = infra_row("OPD-01")
    sh.row(10, [1, "OPD-01", "Dinas Kesehatan", "Dinas", 51, t["jumlah_pegawai"],
                t["laptop_dinas"], "50 Mbps", yt(t["vpn"]), yt(t["srikandi"]),
                yt(t["dokumen_cloud"]), t["akun_vicon"], yt(t["helpdesk_ti"]),
                yt(t["absensi_online"]), yt(t["layanan_garis_depan"]), "Mingguan",
                N(t["persen_skp_ekinerja"], "0%"), "6 unit laptop dalam perbaikan"])
    sh.hidden_cols.append(4)
    sh.put(12, 0, "*) diisi sesuai kondisi per 1 Desember 2025")
    signature(sh, 14, 13, ["Palangka Raya, 5 Desember 2025", "Kepala Dinas Kesehatan",
                           "Provinsi Kalimantan Tengah", "", "", "dr. BUDI SANTOSO, M.Kes",
                           "Pembina Utama Muda (IV/c)", "NIP. 19750101 200003 1 001"])
    save(out, Book([sh], "Subbag Umum Dinkes", "Form Infrastruktur TIK"), P_(fn))
    mis(fn, sn, "rows 1-6", "title-rows", "read",
        "letterhead (3 rows) and a 2-row title, each merged across A:R; header is row 8")
    mis(fn, sn, "row 9", "column-number-row", "read",
        "'(1)' ... '(18)' under the header: numbering of the columns, not a record")
    mis(fn, sn, "E8:E10", "hidden-column", "read",
        "column E 'Jumlah ASN 2024' is hidden and holds last year's headcount (51); the headcount "
        "is column F 'Jumlah ASN 2025' = 48")
    mis(fn, sn, "G8", "header-line-break", "read", "header cell has a line break: 'Jumlah Laptop/PC' / 'Dinas'")
    mis(fn, sn, "P8", "header-line-break", "read", "header cell has a line break before the allowed values")
    mis(fn, sn, "H10", "unit-in-number", "read", "bandwidth typed as text '50 Mbps' = 50")
    mis(fn, sn, "I10:K10,M10:O10", "yes-no-variant", "read", "booleans as Y / T")
    mis(fn, sn, "Q10", "percent-format", "read", "0.83 stored as a number formatted 0% (shows 83%)")
    mis(fn, sn, "R10", "keterangan", "read", "free-text note in Keterangan; not a field")
    mis(fn, sn, "row 12", "notes-row", "read", "'*) diisi sesuai kondisi per 1 Desember 2025'")
    mis(fn, sn, "N14:N21", "signature-block", "read",
        "place/date, 'Kepala Dinas Kesehatan', a (fake) name and 'NIP. 19750101 200003 1 001': "
        "personal data, never a record, must never reach an output")


def f_dinkes_jab(out):
    fn = "Daftar Jabatan Dinkes.xls"
    sn = "Jabatan"
    sh = Sheet(sn)
    sh.put(1, 0, "DAFTAR JABATAN DAN KRITERIA FLEKSIBILITAS LOKASI KERJA", bold=True)
    sh.merge("A1:O1")
    sh.put(2, 0, "DINAS KESEHATAN PROVINSI KALIMANTAN TENGAH", bold=True)
    sh.merge("A2:O2")
    H = [("No", None), ("Kode OPD", "kode_opd"), ("Kode Jabatan", "kode_jabatan"),
         ("Nama Jabatan", "nama_jabatan"), ("Jenis Jabatan", "jenis_jabatan"),
         ("Jumlah Pemangku Jabatan (orang)", "jumlah_pemangku"),
         ("Dapat Dikerjakan di Luar Kantor (Y/T)", "dapat_di_luar_kantor"),
         ("Memerlukan Peralatan/Ruang Khusus (Y/T)", "perlu_alat_khusus"),
         ("Dapat Dikerjakan dengan TIK (Y/T)", "berbasis_tik"),
         ("Intensitas Tatap Muka (1-5)*", "tatap_muka"),
         ("Memerlukan Pengawasan Langsung (Y/T)", "perlu_pengawasan"),
         ("Layanan Garis Depan (Y/T)", "layanan_garis_depan"),
         ("Mengelola Data Rahasia (Y/T)", "data_rahasia"),
         ("Output Dapat Diukur (Y/T)", "output_terukur"), ("Keterangan", None)]
    for c, (t, k) in enumerate(H):
        sh.put(4, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = max(6, min(20, len(t) * 0.5))
    sh.wrap_rows.add(4)
    rows = job_rows("OPD-01")
    r = 5
    for i, j in enumerate(rows):
        sh.row(r, [i + 1, None, j["kode_jabatan"], j["nama_jabatan"], j["jenis_jabatan"].title(),
                   j["jumlah_pemangku"]] + [yt(j[k]) if k != "tatap_muka" else j[k]
                                            for k in JAB_FIELDS[5:]])
        r += 1
    last = r - 1
    sh.put(5, 1, "OPD-01")
    sh.merge("B5:B%d" % last)
    sh.put(5 + 4, 14, "1 orang tugas belajar")  # JF-012
    sh.put(r, 3, "JUMLAH", bold=True)
    sh.put(r, 5, Fml("=SUM(F5:F%d)" % last), bold=True)
    sh.put(r + 2, 0, "*) Intensitas tatap muka: 1 = sangat rendah, 5 = sangat tinggi")
    sh.put(r + 3, 0, "**) diisi sesuai kondisi per 1 Desember 2025")
    signature(sh, r + 5, 11, ["Palangka Raya, 4 Desember 2025", "Sekretaris Dinas Kesehatan",
                              "", "", "HENDRA WIJAYA, S.KM., M.M.", "Pembina (IV/a)",
                              "NIP. 19800214 200501 1 004"])
    save(out, Book([sh], "Dinkes", "Daftar Jabatan"), P_(fn))
    mis(fn, sn, "rows 1-2", "title-rows", "read", "two merged title rows; header is row 4")
    mis(fn, sn, "B5:B%d" % last, "merged-cells", "read",
        "Kode OPD 'OPD-01' typed once in B5, merged down over every job row; cells B6:B%d are "
        "empty parts of the merge and mean OPD-01" % last)
    mis(fn, sn, "row %d" % r, "totals-row", "read",
        "'JUMLAH' in D with =SUM(F5:F%d) (48) in F: not a job type" % last)
    mis(fn, sn, "rows %d-%d" % (r + 2, r + 3), "notes-row", "read", "footnotes '*) ...', '**) ...'")
    mis(fn, sn, "L%d:L%d" % (r + 5, r + 11), "signature-block", "read",
        "signature with a (fake) name and NIP: personal data, never a record or an output")
    mis(fn, sn, "E5:E%d" % last, "category-case", "read", "jenis jabatan capitalised: Struktural/Fungsional/Pelaksana")
    mis(fn, sn, "O9", "keterangan", "read", "note '1 orang tugas belajar' beside JF-012; holders stay 5")
    mis(fn, "", "", "format-xls", "read", "Excel 97-2003 workbook (.xls, BIFF8)")


def f_bkd_infra(out):
    fn = "infrastruktur_bkd.ods"
    sn = "Infrastruktur"
    sh = Sheet(sn)
    sh.put(1, 0, "Data Infrastruktur TIK Badan Kepegawaian Daerah Prov. Kalteng", bold=True)
    sh.merge("A1:O1")
    H = [("Kode OPD", "kode_opd"), ("Nama Perangkat Daerah", "nama_opd"),
         ("Jenis Perangkat Daerah", "jenis_opd"), ("Jumlah Pegawai (ASN)", "jumlah_pegawai"),
         ("Jumlah Laptop Dinas", "laptop_dinas"),
         ("Berapa kecepatan internet kantor (Mbps)?", "bandwidth_mbps"),
         ("Apakah kantor memiliki VPN?", "vpn"),
         ("Apakah sudah menggunakan SRIKANDI?", "srikandi"),
         ("Penyimpanan Dokumen Bersama (Cloud)", "dokumen_cloud"),
         ("Memiliki akun Zoom (jumlah)", "akun_vicon"), ("Tersedia Helpdesk TI", "helpdesk_ti"),
         ("Absensi Online", "absensi_online"),
         ("Ada Layanan Tatap Muka dengan Masyarakat?", "layanan_garis_depan"),
         ("Pelaporan Output Kinerja", "laporan_output"), ("% SKP di e-Kinerja", "persen_skp_ekinerja")]
    for c, (t, k) in enumerate(H):
        sh.put(3, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = max(8, min(22, len(t) * 0.55))
    sh.wrap_rows.add(3)
    t = infra_row("OPD-02")
    ada = {Y: "Ada", T: "Tidak Ada"}
    sh.row(4, ["OPD-02", t["nama_opd"], "Badan", t["jumlah_pegawai"], t["laptop_dinas"],
               t["bandwidth_mbps"], ada[t["vpn"]], t["srikandi"], ada[t["dokumen_cloud"]],
               t["akun_vicon"], ada[t["helpdesk_ti"]], t["absensi_online"], t["layanan_garis_depan"],
               "Harian", "97%"])
    save(out, Book([sh], "BKD", ""), P_(fn))
    mis(fn, sn, "row 1", "title-rows", "read", "one merged title row, blank row 2, header row 3")
    mis(fn, sn, "G4,I4,K4", "yes-no-variant", "read", "booleans as 'Ada' / 'Tidak Ada' (= Ya / Tidak)")
    mis(fn, sn, "O4", "percent-text", "read", "'97%' typed as text = 0.97")
    mis(fn, sn, "F3,G3,H3,M3", "header-question", "read", "headers written as questions")


def f_bkd_jab(out):
    fn = "jabatan_bkd_rev2.ods"
    sn = "Jabatan BKD"
    sh = Sheet(sn)
    H = [("No", None), ("Kode OPD", "kode_opd"), ("Kd. Jabatan", "kode_jabatan"),
         ("Nama Jabatan", "nama_jabatan"), ("Jenis", "jenis_jabatan"),
         ("Jumlah Pejabat/Pegawai", "jumlah_pemangku"),
         ("Bisa Dikerjakan di Luar Kantor", "dapat_di_luar_kantor"),
         ("Perlu Alat Khusus", "perlu_alat_khusus"), ("Berbasis TIK", "berbasis_tik"),
         ("Tatap Muka (1-5)", "tatap_muka"), ("Perlu Diawasi Langsung", "perlu_pengawasan"),
         ("Garis Depan", "layanan_garis_depan"), ("Data Rahasia", "data_rahasia"),
         ("Output Terukur", "output_terukur")]
    for c, (t, k) in enumerate(H):
        sh.put(1, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = max(6, min(20, len(t) * 0.6))
    rows = job_rows("OPD-02")
    r = 2
    no = 1
    for j in rows:
        if j["kode_jabatan"] == "JP-021":
            # the old combined row, hidden instead of deleted when it was split in rev2
            sh.row(r, [no, "opd-02", "JP-020", "Pengadministrasi Umum", "Pelaksana", 15, Y, T, Y,
                       2, Y, T, T, T])
            sh.hidden_rows.append(r)
            hidden_r = r
            r += 1
            no += 1
        hold = j["jumlah_pemangku"]
        if j["kode_jabatan"] in ("JF-011", "JP-021"):
            hold = str(hold)  # typed as text
        sh.row(r, [no, "opd-02", j["kode_jabatan"], j["nama_jabatan"], j["jenis_jabatan"].title(),
                   hold] + [j[k] for k in JAB_FIELDS[5:]])
        if j["kode_jabatan"] == "JF-011":
            text_r1 = r
        if j["kode_jabatan"] == "JP-021":
            text_r2 = r
        r += 1
        no += 1
    save(out, Book([sh], "Bidang Informasi Kepegawaian", ""), P_(fn))
    mis(fn, sn, "B2:B%d" % (r - 1), "unit-code-variant", "read", "Kode OPD typed 'opd-02' (lower case) = OPD-02")
    mis(fn, sn, "row %d" % hidden_r, "hidden-row", "warn",
        "hidden row: old job 'JP-020 Pengadministrasi Umum' (15 holders) that rev2 split into "
        "JP-021 (9) and JP-022 (6); hidden instead of deleted. Not part of the true data (clean "
        "has no JP-020); counting it would double 15 staff. Must at least be flagged")
    mis(fn, sn, "F%d,F%d" % (text_r1, text_r2), "number-as-text", "read", "holders stored as text ('10', '9')")
    mis(fn, sn, "F1", "header-slash", "read",
        "'Jumlah Pejabat/Pegawai' = number of holders of the job (officials or staff), i.e. jumlah_pemangku")


def f_dishub(out):
    fn = "Isian Kesiapan Dishub.xlsx"
    s1 = Sheet("INFRA")
    s1.put(1, 0, "ISIAN KESIAPAN WFA - DINAS PERHUBUNGAN PROV. KALTENG", bold=True)
    s1.merge("A1:P1")
    H = [("KODE OPD", "kode_opd"), ("NAMA  OPD", "nama_opd"), ("JENIS OPD", "jenis_opd"),
         ("JUMLAH   PEGAWAI ", "jumlah_pegawai"), ("LAPTOP DINAS (UNIT)", "laptop_dinas"),
         ("BANDWIDTH INTERNET (MBPS)", "bandwidth_mbps"), ("VPN", "vpn"),
         ("SRIKANDI", "srikandi"), ("CLOUD / DRIVE BERSAMA", "dokumen_cloud"),
         ("AKUN VICON", "akun_vicon"), ("HELPDESK IT", "helpdesk_ti"),
         ("ABSENSI ONLINE", "absensi_online"), ("LAYANAN GARIS DEPAN", "layanan_garis_depan"),
         ("LAPORAN OUTPUT", "laporan_output"), ("SKP E-KINERJA (%)", "persen_skp_ekinerja"),
         ("KETERANGAN", None)]
    for c, (t, k) in enumerate(H):
        s1.put(3, c, t, bold=True)
        hdr(fn, "INFRA", c, t, k)
        s1.widths[c] = max(8, min(20, len(t) * 0.6))
    t = infra_row("OPD-03")
    s1.row(4, ["OPD 3", t["nama_opd"], "DINAS", t["jumlah_pegawai"], t["laptop_dinas"], "20",
               "TIDAK", "YA", "tidak ", t["akun_vicon"], "TIDAK", "ya ", "YA", "MINGGUAN", 55,
               "Pelayanan terminal & pengujian kendaraan (uji KIR)"])
    s2 = Sheet("JABATAN")
    H2 = [("No", None), ("Kode/Nama Perangkat Daerah", "kode_opd"), ("Kode Jabatan", "kode_jabatan"),
          ("Nama Jabatan", "nama_jabatan"), ("Jenis Jabatan", "jenis_jabatan"),
          ("Jumlah Pemangku", "jumlah_pemangku"),
          ("Dapat Dilakukan di Luar Kantor", "dapat_di_luar_kantor"),
          ("Butuh Peralatan Khusus", "perlu_alat_khusus"),
          ("Dapat Menggunakan TIK", "berbasis_tik"), ("Tingkat Tatap Muka (1-5)", "tatap_muka"),
          ("Perlu Pengawasan Terus-menerus", "perlu_pengawasan"),
          ("Pelayanan Langsung ke Masyarakat", "layanan_garis_depan"),
          ("Menangani Data Rahasia", "data_rahasia"), ("Hasil Kerja Terukur", "output_terukur")]
    for c, (t_, k) in enumerate(H2):
        s2.put(1, c, t_, bold=True)
        hdr(fn, "JABATAN", c, t_, k)
        s2.widths[c] = max(6, min(22, len(t_) * 0.6))
    rows = job_rows("OPD-03")
    r = 2
    for i, j in enumerate(rows):
        if i == 6:
            blank_r = r
            r += 1  # a blank row left between the structural/functional and the pelaksana jobs
        s2.row(r, [i + 1, "OPD-03 Dinas Perhubungan", j["kode_jabatan"], j["nama_jabatan"],
                   j["jenis_jabatan"].title(), j["jumlah_pemangku"]] +
               [j[k] for k in JAB_FIELDS[5:]])
        r += 1
    s2.put(r, 3, "JUMLAH", bold=True)
    s2.put(r, 5, 55, bold=True)
    s3 = Sheet("Sheet3")
    save(out, Book([s1, s2, s3], "Sekretariat Dishub", ""), P_(fn))
    mis(fn, "INFRA", "row 1", "title-rows", "read", "merged title row, header row 3")
    mis(fn, "INFRA", "A3:P3", "header-uppercase", "read",
        "headers in upper case; 'NAMA  OPD' has a double space, 'JUMLAH   PEGAWAI ' extra and trailing spaces")
    mis(fn, "INFRA", "A4", "unit-code-variant", "read", "'OPD 3' = OPD-03")
    mis(fn, "INFRA", "C4", "category-case", "read", "'DINAS' = dinas")
    mis(fn, "INFRA", "F4", "number-as-text", "read", "bandwidth '20' stored as text")
    mis(fn, "INFRA", "G4:I4,K4:M4", "yes-no-variant", "read", "'TIDAK', 'YA', 'tidak ' and 'ya ' (trailing spaces)")
    mis(fn, "INFRA", "N4", "category-case", "read", "'MINGGUAN' = mingguan")
    mis(fn, "INFRA", "O4", "percent-as-number", "read",
        "55 (a plain number) under 'SKP E-KINERJA (%)' = 55 % = 0.55")
    mis(fn, "JABATAN", "B2:B%d" % (r - 1), "combined-code-name", "read",
        "column 'Kode/Nama Perangkat Daerah' holds code and name in one cell, "
        "'OPD-03 Dinas Perhubungan': the code is OPD-03")
    mis(fn, "JABATAN", "row %d" % blank_r, "blank-row", "read", "an empty row between the job rows")
    mis(fn, "JABATAN", "row %d" % r, "totals-row", "read", "'JUMLAH' with 55 typed (no formula)")
    mis(fn, "Sheet3", "", "empty-sheet", "read", "an empty third sheet left from the Excel default")
    mis(fn, "", "", "file-name-no-dataset", "read",
        "file name names neither dataset; holds both infrastruktur (INFRA) and jabatan (JABATAN)")


def f_bappeda(out):
    fn = "Data Isian WFA Bappeda (FINAL).xls"
    pet = Sheet("Petunjuk")
    for i, t in enumerate([
        "PETUNJUK PENGISIAN",
        "1. Isi satu baris untuk OPD pada sheet 1. Infrastruktur.",
        "2. Isi satu baris untuk setiap jabatan pada sheet 2. Jabatan.",
        "3. Rekap survei pegawai diisi pada sheet 3. Survei (bila tidak mengisi Google Form).",
        "4. Data diisi sesuai kondisi per 1 Desember 2025.",
        "Kirim ke Biro Organisasi paling lambat 8 Desember 2025."]):
        pet.put(i + 1, 0, t, bold=(i == 0))
    # 1. Infrastruktur
    s1 = Sheet("1. Infrastruktur")
    s1.put(1, 0, "BADAN PERENCANAAN PEMBANGUNAN DAERAH", bold=True)
    s1.merge("A1:O1")
    s1.put(2, 0, "PROVINSI KALIMANTAN TENGAH", bold=True)
    s1.merge("A2:O2")
    s1.put(4, 0, "Form 1. Infrastruktur TIK", bold=True)
    H = [("Kode Satuan Kerja", "kode_opd"), ("Nama Satuan Kerja", "nama_opd"), ("Jenis", "jenis_opd"),
         ("Jumlah ASN 2025", "jumlah_pegawai"),
         ("Laptop/PC yang dapat dibawa pulang", "laptop_dinas"),
         ("Kecepatan Internet Kantor (Mbps)", "bandwidth_mbps"), ("VPN (√ bila ada)", "vpn"),
         ("SRIKANDI (√ bila ada)", "srikandi"), ("Cloud Bersama (√ bila ada)", "dokumen_cloud"),
         ("Akun Zoom/Meet", "akun_vicon"), ("Helpdesk TI (√ bila ada)", "helpdesk_ti"),
         ("Absensi Online (√ bila ada)", "absensi_online"),
         ("Layanan Tatap Muka (√ bila ada)", "layanan_garis_depan"),
         ("Laporan Output", "laporan_output"), ("Capaian SKP di e-Kinerja", "persen_skp_ekinerja")]
    for c, (t, k) in enumerate(H):
        s1.put(5, c, t, bold=True)
        hdr(fn, "1. Infrastruktur", c, t, k)
        s1.widths[c] = max(8, min(20, len(t) * 0.55))
    s1.wrap_rows.add(5)
    t = infra_row("OPD-04")
    ck = {Y: "√", T: None}
    s1.row(6, ["OPD-04", t["nama_opd"], "Badan", t["jumlah_pegawai"], t["laptop_dinas"],
               t["bandwidth_mbps"], ck[t["vpn"]], ck[t["srikandi"]], ck[t["dokumen_cloud"]],
               t["akun_vicon"], ck[t["helpdesk_ti"]], ck[t["absensi_online"]],
               ck[t["layanan_garis_depan"]], "Mingguan", N(t["persen_skp_ekinerja"], "0%")])
    # 2. Jabatan: two-row header with a merged group
    s2 = Sheet("2. Jabatan")
    s2.put(1, 0, "Form 2. Daftar Jabatan - Bappeda Prov. Kalteng", bold=True)
    s2.merge("A1:O1")
    top = [("No", None), ("Kode OPD", "kode_opd"), ("Kode Jabatan", "kode_jabatan"),
           ("Nama Jabatan", "nama_jabatan"),
           ("Jenis Jabatan\n(Struktural/Fungsional/Pelaksana)", "jenis_jabatan"),
           ("Jumlah Pemangku", "jumlah_pemangku")]
    for c, (t_, k) in enumerate(top):
        s2.put(3, c, t_, bold=True)
        s2.merge("%s3:%s4" % (col_letter(c), col_letter(c)))
        hdr(fn, "2. Jabatan", c, t_, k)
    s2.put(3, 6, "Kriteria Fleksibilitas Lokasi (PermenPANRB 4/2025)", bold=True)
    s2.merge("G3:N3")
    hdr(fn, "2. Jabatan", "G:N", "Kriteria Fleksibilitas Lokasi (PermenPANRB 4/2025)", None)
    sub = [("Dapat di Luar Kantor", "dapat_di_luar_kantor"),
           ("Perlu Ruang/Alat Khusus", "perlu_alat_khusus"), ("Berbasis TIK", "berbasis_tik"),
           ("Tatap Muka", "tatap_muka"), ("Pengawasan Langsung", "perlu_pengawasan"),
           ("Layanan Publik Langsung", "layanan_garis_depan"),
           ("Data Rahasia/Dikecualikan", "data_rahasia"), ("Output Terukur", "output_terukur")]
    for i, (t_, k) in enumerate(sub):
        s2.put(4, 6 + i, t_, bold=True)
        hdr(fn, "2. Jabatan", 6 + i, t_, k)
    s2.put(3, 14, "Keterangan", bold=True)
    s2.merge("O3:O4")
    hdr(fn, "2. Jabatan", 14, "Keterangan", None)
    for c in range(15):
        s2.put(5, c, "(%d)" % (c + 1))
        s2.widths[c] = 12 if c != 3 else 24
    s2.wrap_rows.update({3, 4})
    rows = job_rows("OPD-04")
    r = 6
    for i, j in enumerate(rows):
        s2.row(r, [i + 1, "OPD-04", j["kode_jabatan"], j["nama_jabatan"], j["jenis_jabatan"].title(),
                   j["jumlah_pemangku"]] + [j[k] for k in JAB_FIELDS[5:]])
        r += 1
    s2.put(r, 3, "JUMLAH", bold=True)
    s2.put(r, 5, Fml("=SUM(F6:F%d)" % (r - 1)), bold=True)
    # 3. Survei (hand-typed, own headers)
    s3 = Sheet("3. Survei")
    s3.put(1, 0, "REKAP SURVEI KECAKAPAN DIGITAL PEGAWAI BAPPEDA PROV. KALTENG", bold=True)
    s3.merge("A1:Q1")
    H3 = [("No", None), ("NIP", "id_responden"), ("Kode OPD", "kode_opd"),
          ("Kode Jabatan", "kode_jabatan"), ("Email", "skill_email"), ("Office", "skill_office"),
          ("Zoom/Meet", "skill_vicon"), ("SRIKANDI", "skill_srikandi"),
          ("e-Kinerja", "skill_ekinerja"), ("Cloud", "skill_cloud"),
          ("Keamanan Digital", "skill_keamanan"), ("Internet Rumah", "internet_rumah"),
          ("Laptop Pribadi", "laptop_pribadi"), ("Tempat Kerja Tenang", "tempat_kerja_tenang"),
          ("Bersedia WFA", "bersedia_wfa"), ("Hukdis", "sanksi_disiplin"),
          ("Baru Mutasi/Promosi", "baru_ditempatkan")]
    for c, (t_, k) in enumerate(H3):
        s3.put(3, c, t_, bold=True)
        hdr(fn, "3. Survei", c, t_, k)
        s3.widths[c] = 22 if c == 1 else 10
    inet = {"baik": "Baik", "lemah": "lemah", "tidak ada": "tdk ada"}
    r = 4
    for i, p in enumerate(SURV["OPD-04"]):
        nip = p["id_responden"]
        if i == 7:
            nip = "%s %s %s %s" % (nip[:8], nip[8:14], nip[14], nip[15:])
            spaced = r
        vals = [i + 1, nip, "OPD 4", p["kode_jabatan"]]
        for s in SKILLS:
            if p[s] is None:
                vals.append("-")
                mis(fn, "3. Survei", "%s%d" % (col_letter(4 + SKILLS.index(s)), r),
                    "dash-unanswered", "read", "'-' = not answered (missing, not zero)")
            else:
                vals.append(p[s])
        vals.append(inet[p["internet_rumah"]])
        vals += [yt(p[k]) for k in SURV_FIELDS[11:]]
        s3.row(r, vals)
        r += 1
    save(out, Book([pet, s1, s2, s3], "Sekretariat Bappeda", "Data Isian WFA"), P_(fn))
    mis(fn, "Petunjuk", "", "instructions-sheet", "read", "instructions sheet (text only), not data")
    mis(fn, "1. Infrastruktur", "rows 1-4", "title-rows", "read", "two merged letterhead rows and a form title; header row 5")
    mis(fn, "1. Infrastruktur", "G6:I6,K6:M6", "checkmark-boolean", "read",
        "booleans as '√' = Ya; an empty cell under a '(√ bila ada)' header = Tidak (K6 helpdesk "
        "and M6 front-line service are empty = Tidak)")
    mis(fn, "1. Infrastruktur", "O6", "percent-format", "read", "0.9 formatted 0% (shows 90%)")
    mis(fn, "1. Infrastruktur", "A5:B5", "header-satuan-kerja", "read",
        "'Kode Satuan Kerja' / 'Nama Satuan Kerja' = OPD code / name")
    mis(fn, "2. Jabatan", "rows 3-4", "two-row-header", "read",
        "header on two rows: A:F and O merged vertically over rows 3-4; G3:N3 a merged group "
        "title 'Kriteria Fleksibilitas Lokasi (PermenPANRB 4/2025)' over the eight sub-headers in row 4")
    mis(fn, "2. Jabatan", "row 5", "column-number-row", "read", "'(1)' ... '(15)' under the header")
    mis(fn, "2. Jabatan", "row %d" % (6 + len(rows)), "totals-row", "read", "'JUMLAH' with =SUM(...) = 38")
    mis(fn, "3. Survei", "row 1", "title-rows", "read", "merged title row; header row 3")
    mis(fn, "3. Survei", "C4:C%d" % (r - 1), "unit-code-variant", "read", "'OPD 4' = OPD-04")
    mis(fn, "3. Survei", "B%d" % spaced, "nip-with-spaces", "read",
        "NIP typed with spaces as on the ID card ('yyyymmdd yyyymm g nnn'): same 18 digits")
    mis(fn, "3. Survei", "L4:L%d" % (r - 1), "category-variant", "read",
        "home internet 'Baik', 'lemah', 'tdk ada' (= tidak ada)")
    mis(fn, "3. Survei", "M4:Q%d" % (r - 1), "yes-no-variant", "read", "booleans as Y / T")
    mis(fn, "3. Survei", "P3,Q3", "header-abbreviation", "read",
        "'Hukdis' = hukuman disiplin (sanksi_disiplin); 'Baru Mutasi/Promosi' = newly placed (baru_ditempatkan)")
    mis(fn, "3. Survei", "", "hand-typed-survey", "read",
        "the OPD typed its own survey sheet instead of the Google Form, with short headers")
    mis(fn, "", "", "file-name-no-dataset", "read", "one .xls file with all three datasets on three sheets plus Petunjuk")


def f_biro_infra(out):
    fn = "Form TIK Biro Umum.csv"
    sh = Sheet("Form TIK Biro Umum")
    sh.put(1, 0, "FORM DATA INFRASTRUKTUR TIK")
    sh.put(2, 0, "BIRO UMUM SETDA PROV. KALTENG")
    H = [("Kode OPD ", "kode_opd"), ("Nama OPD", "nama_opd"), ("Jenis OPD", "jenis_opd"),
         ("Jumlah Pegawai", "jumlah_pegawai"), ("Laptop Dinas", "laptop_dinas"),
         ("Bandwidth (Mbps)", "bandwidth_mbps"), ("VPN", "vpn"), ("SRIKANDI", "srikandi"),
         ("Dokumen Cloud", "dokumen_cloud"), ("Akun Vicon", "akun_vicon"),
         ("Helpdesk TI", "helpdesk_ti"), ("Absensi Online", "absensi_online"),
         ("Layanan Garis Depan", "layanan_garis_depan"), ("Laporan Output", "laporan_output"),
         ("SKP e-Kinerja (%)", "persen_skp_ekinerja")]
    for c, (t, k) in enumerate(H):
        sh.put(4, c, t)
        hdr(fn, "", c, t, k)
    t = infra_row("OPD-05")
    # sheet row 3 is blank: CSV line 3 is ';;;...' only if a cell exists; keep a spacer cell
    sh.row(5, ["OPD-05", t["nama_opd"], "Biro", t["jumlah_pegawai"], t["laptop_dinas"], "±20",
               t["vpn"], t["srikandi"], t["dokumen_cloud"], t["akun_vicon"], t["helpdesk_ti"],
               t["absensi_online"], t["layanan_garis_depan"], "Harian",
               N(t["persen_skp_ekinerja"], "0%")])
    save(out, Book([sh], "Biro Umum", ""), P_(fn), csv_opts=CSV_EXCEL_ID_ANSI, crlf=True)
    mis(fn, "", "lines 1-3", "title-rows", "read",
        "CSV saved from a sheet with two title lines and a blank line above the header (line 4)")
    mis(fn, "", "", "legacy-encoding", "read",
        "Windows-1252 ('CSV (Comma delimited)' of Indonesian Excel), ';' separator, CRLF; the only "
        "non-ASCII byte is 0xB1 '±' in F5")
    mis(fn, "", "A4", "header-trailing-space", "read", "header 'Kode OPD ' has a trailing space")
    mis(fn, "", "F5", "approximate-number", "warn",
        "bandwidth '±20' (about 20 Mbps): readable as 20 but approximate; must be flagged")
    mis(fn, "", "O5", "percent-text", "read", "'70%' (Excel writes the 0% format as shown) = 0.7")


def f_biro_jab(out):
    fn = "Jabatan Biro Umum.xlsx"
    sn = "Sheet1"
    sh = Sheet(sn)
    H = [("No", None), ("Kode OPD", "kode_opd"), ("Kode Jab.", "kode_jabatan"),
         ("Jabatan", "nama_jabatan"), ("Jenis Jabatan", "jenis_jabatan"),
         ("Jumlah", "jumlah_pemangku"), ("Luar Kantor", "dapat_di_luar_kantor"),
         ("Alat Khusus", "perlu_alat_khusus"), ("TIK", "berbasis_tik"), ("Tatap Muka", "tatap_muka"),
         ("Pengawasan", "perlu_pengawasan"), ("Garis Depan", "layanan_garis_depan"),
         ("Rahasia", "data_rahasia"), ("Terukur", "output_terukur")]
    for c, (t, k) in enumerate(H):
        sh.put(1, c, t, bold=True)
        hdr(fn, sn, c, t, k)
    rows = job_rows("OPD-05")
    for i, j in enumerate(rows):
        vals = [i + 1, "Biro Umum", j["kode_jabatan"], j["nama_jabatan"], j["jenis_jabatan"].title(),
                j["jumlah_pemangku"]] + [j[k] for k in JAB_FIELDS[5:]]
        if i == 4:
            vals[6] = "YA"
        sh.row(2 + i, vals)
    sh.widths[3] = 28
    save(out, Book([sh], "Biro Umum", ""), P_(fn))
    mis(fn, sn, "B2:B%d" % (1 + len(rows)), "unit-by-name", "read",
        "Kode OPD column holds the unit's name 'Biro Umum' instead of its code = OPD-05")
    mis(fn, sn, "G6", "yes-no-variant", "read", "'YA' = Ya")
    mis(fn, sn, "C1,D1,F1,I1,M1,N1", "header-terse", "read",
        "one-word headers: 'Jumlah' (holders), 'TIK', 'Rahasia', 'Terukur'; 'Jabatan' (D1) holds "
        "the job's name, 'Kode Jab.' (C1) its code")


def f_rsud_infra(out):
    fn = "Form Infrastruktur TIK - RSUD dr. Doris Sylvanus.xlsx"
    sn = "Infrastruktur TIK"
    sh = Sheet(sn)
    letterhead(sh, "Q", "RUMAH SAKIT UMUM DAERAH dr. DORIS SYLVANUS",
               "Jl. Tambun Bungai No. 4 Palangka Raya")
    H = [("No", None), ("Kode OPD", "kode_opd"), ("Nama Unit Kerja", "nama_opd"),
         ("Jenis Unit Kerja", "jenis_opd"), ("Jumlah Pegawai ASN (orang)", "jumlah_pegawai"),
         ("Laptop/Notebook Dinas (unit)", "laptop_dinas"),
         ("Kapasitas Bandwidth (Mbps)", "bandwidth_mbps"), ("Akses Jarak Jauh / VPN", "vpn"),
         ("Aplikasi SRIKANDI", "srikandi"), ("Dokumen Online Bersama", "dokumen_cloud"),
         ("Akun Video Conference (Zoom/Meet)", "akun_vicon"),
         ("Layanan Helpdesk TI", "helpdesk_ti"), ("Presensi Online", "absensi_online"),
         ("Layanan Garis Depan", "layanan_garis_depan"),
         ("Mekanisme Laporan Output", "laporan_output"),
         ("Persentase SKP di e-Kinerja (%)", "persen_skp_ekinerja"), ("Keterangan", None)]
    for c, (t, k) in enumerate(H):
        sh.put(5, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = max(6, min(20, len(t) * 0.55))
    sh.wrap_rows.add(5)
    t = infra_row("OPD-06")
    sh.row(6, [1, "opd-06", "RSUD dr. Doris Sylvanus", "Rumah Sakit", t["jumlah_pegawai"],
               t["laptop_dinas"], t["bandwidth_mbps"], t["vpn"], t["srikandi"], t["dokumen_cloud"],
               t["akun_vicon"], t["helpdesk_ti"], t["absensi_online"], t["layanan_garis_depan"],
               "Harian", 76, "Bandwidth termasuk jaringan SIMRS"])
    sh.put(8, 0, "*) diisi sesuai kondisi per 1 Desember 2025")
    signature(sh, 10, 12, ["Palangka Raya, 5 Desember 2025", "Direktur", "", "",
                           "dr. SITI AMINAH, Sp.PD", "Pembina Utama Muda (IV/c)",
                           "NIP. 19720817 199903 2 002"])
    save(out, Book([sh], "Bagian Umum RSUD", ""), P_(fn))
    mis(fn, sn, "rows 1-3", "title-rows", "read", "merged letterhead rows; blank row 4; header row 5")
    mis(fn, sn, "B6", "unit-code-variant", "read", "'opd-06' = OPD-06")
    mis(fn, sn, "C6", "unit-name-short", "read",
        "name 'RSUD dr. Doris Sylvanus' (abbreviated) for Rumah Sakit Umum Daerah dr. Doris Sylvanus; the code decides")
    mis(fn, sn, "P6", "percent-as-number", "read", "76 under '(%)' = 0.76")
    mis(fn, sn, "row 8", "notes-row", "read", "'*) diisi sesuai kondisi per 1 Desember 2025'")
    mis(fn, sn, "M10:M16", "signature-block", "read", "signature with a (fake) name and NIP: personal data")


def f_rsud_jab(out):
    fn = "Peta Jabatan RSUD Doris Sylvanus.ods"
    sn = "Peta Jabatan"
    sh = Sheet(sn)
    sh.put(1, 0, "PETA JABATAN DAN KRITERIA WFA RSUD dr. DORIS SYLVANUS", bold=True)
    sh.merge("A1:N1")
    H = [("No", None), ("Kode Unit", "kode_opd"), ("Kode Jabatan", "kode_jabatan"),
         ("Nama Jabatan", "nama_jabatan"), ("Kelompok Jabatan", "jenis_jabatan"),
         ("Jumlah Pemangku 2025", "jumlah_pemangku"),
         ("Dapat Dikerjakan dari Luar Kantor?", "dapat_di_luar_kantor"),
         ("Membutuhkan Peralatan Khusus?", "perlu_alat_khusus"),
         ("Dapat Dikerjakan Secara Daring?", "berbasis_tik"),
         ("Intensitas Tatap Muka (1 = rendah, 5 = tinggi)", "tatap_muka"),
         ("Butuh Pengawasan Langsung?", "perlu_pengawasan"),
         ("Melayani Pasien/Masyarakat Langsung?", "layanan_garis_depan"),
         ("Mengakses Data Rahasia (Rekam Medis)?", "data_rahasia"),
         ("Output Kerja Terukur?", "output_terukur")]
    for c, (t, k) in enumerate(H):
        sh.put(3, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = max(6, min(20, len(t) * 0.5))
    sh.wrap_rows.add(3)
    rows = job_rows("OPD-06")
    for i, j in enumerate(rows):
        sh.row(4 + i, [i + 1, "OPD-06", j["kode_jabatan"], j["nama_jabatan"], j["jenis_jabatan"].title(),
                       j["jumlah_pemangku"]] + [j[k] for k in JAB_FIELDS[5:]])
    save(out, Book([sh], "Kepegawaian RSUD", ""), P_(fn))
    mis(fn, sn, "rows 4-%d" % (3 + len(rows)), "incomplete-return", "warn",
        "7 job types with 15 holders in all, while RSUD's headcount is 60 (25 %): only the "
        "management/administration jobs were listed (no medical or nursing jobs); must be flagged")
    mis(fn, sn, "B3", "header-unit", "read", "'Kode Unit' = OPD code; 'Kelompok Jabatan' (E3) = jenis jabatan")


def f_insp_infra(out):
    fn = "Inspektorat_Infra_TIK.ods"
    sn = "Lembar1"
    sh = Sheet(sn)
    H = [("Kode OPD", "kode_opd"), ("Nama OPD", "nama_opd"), ("Jenis OPD", "jenis_opd"),
         ("Laptop Dinas", "laptop_dinas"), ("Internet Kantor (Mbps)", "bandwidth_mbps"),
         ("VPN", "vpn"), ("SRIKANDI", "srikandi"), ("Cloud", "dokumen_cloud"),
         ("Zoom/Vicon", "akun_vicon"), ("Helpdesk", "helpdesk_ti"),
         ("Absensi Online", "absensi_online"), ("Garis Depan", "layanan_garis_depan"),
         ("Laporan Output", "laporan_output"), ("SKP e-Kinerja", "persen_skp_ekinerja")]
    for c, (t, k) in enumerate(H):
        sh.put(1, c, t, bold=True)
        hdr(fn, sn, c, t, k)
    t = infra_row("OPD-08")
    sh.row(2, ["OPD-08", "Inspektorat", "Inspektorat", t["laptop_dinas"], "25,5", yt(t["vpn"]),
               yt(t["srikandi"]), yt(t["dokumen_cloud"]), t["akun_vicon"], yt(t["helpdesk_ti"]),
               yt(t["absensi_online"]), yt(t["layanan_garis_depan"]), "Mingguan", "90 %"])
    save(out, Book([sh], "Inspektorat", ""), P_(fn))
    mis(fn, sn, "row 1", "missing-column", "report",
        "no headcount column at all (no 'Jumlah Pegawai' or similar anywhere in the file): "
        "jumlah_pegawai (required) is unknown, OPD-08 cannot be assessed from this file; "
        "clean has the true 34")
    mis(fn, sn, "E2", "decimal-comma", "read", "'25,5' typed as text = 25.5 Mbps")
    mis(fn, sn, "F2:H2,J2:L2", "yes-no-variant", "read", "booleans as Y / T")
    mis(fn, sn, "N2", "percent-text", "read", "'90 %' (text, with a space) = 0.9")
    mis(fn, sn, "I1", "header-slash", "read", "'Zoom/Vicon' holds a count of accounts (3) = akun_vicon")


def f_insp_jab(out):
    fn = "jabatan inspektorat.xlsx"
    sn = "Jabatan"
    sh = Sheet(sn)
    H = [("Kode OPD", "kode_opd"), ("Kode Jabatan", "kode_jabatan"), ("Nama Jabatan", "nama_jabatan"),
         ("Jenis Jabatan", "jenis_jabatan"), ("Jumlah Pemangku", "jumlah_pemangku"),
         ("Dapat di Luar Kantor", "dapat_di_luar_kantor"), ("Perlu Alat Khusus", "perlu_alat_khusus"),
         ("Berbasis TIK", "berbasis_tik"), ("Tatap Muka (1-5)", "tatap_muka"),
         ("Perlu Pengawasan", "perlu_pengawasan"), ("Layanan Garis Depan", "layanan_garis_depan"),
         ("Data Rahasia", "data_rahasia"), ("Output Terukur", "output_terukur")]
    for c, (t, k) in enumerate(H):
        sh.put(1, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = 16 if c != 2 else 40
    rows = job_rows("OPD-08")
    for i, j in enumerate(rows):
        r = 2 + i
        vals = [j["kode_opd"], j["kode_jabatan"], j["nama_jabatan"], j["jenis_jabatan"].title(),
                j["jumlah_pemangku"]] + [j[k] for k in JAB_FIELDS[5:]]
        kj = j["kode_jabatan"]
        if kj == "JS-002":
            vals[4] = "-"
            mis(fn, sn, "E%d" % r, "dash-required", "report",
                "holders '-' for JS-002 Sekretaris Inspektorat: required count unknown (true 1); row unusable")
        if kj == "JS-003":
            vals[4] = "4 orang"
            mis(fn, sn, "E%d" % r, "unit-in-number", "read", "holders '4 orang' = 4")
        if kj == "JF-011":
            vals[8] = 6
            mis(fn, sn, "I%d" % r, "out-of-range", "report",
                "tatap muka 6 on a 1-5 scale (OPD later confirmed 3); value unusable")
        if kj == "JF-012":
            vals[1] = None
            mis(fn, sn, "B%d" % r, "missing-required-value", "report",
                "Kode Jabatan empty for 'Auditor Ahli Muda' (true JF-012); row cannot be keyed")
        if kj == "JF-013":
            vals[9] = "Kadang-kadang"
            mis(fn, sn, "J%d" % r, "unknown-category", "report",
                "perlu pengawasan 'Kadang-kadang' (sometimes) is not yes/no (OPD later confirmed Tidak)")
        if kj == "JF-014":
            vals[5] = "YA"
            vals[11] = "ya "
            mis(fn, sn, "F%d,L%d" % (r, r), "yes-no-variant", "read", "'YA' and 'ya ' (trailing space) = Ya")
        if kj == "JP-021":
            vals[3] = "Pelaksana "
            mis(fn, sn, "D%d" % r, "trailing-space", "read", "'Pelaksana ' = pelaksana")
            mis(fn, sn, "H%d" % r, "missing-value", "warn",
                "berbasis TIK left empty for JP-021 (unanswered; clean has it empty)")
        if kj == "JP-022":
            vals[8] = "3"
            mis(fn, sn, "I%d" % r, "number-as-text", "read", "tatap muka '3' stored as text")
        sh.row(r, vals)
    save(out, Book([sh], "Inspektorat", ""), P_(fn))
    mis(fn, sn, "", "row-problems", "read",
        "header row 1 is clean and complete; the problems are in the cells of rows 3-10 (listed per cell)")


def f_kominfo_infra(out):
    fn = "Kominfo_infrastruktur_WFA.xlsx"
    sn = "Infrastruktur"
    sh = Sheet(sn)
    sh.put(1, 0, "Data Infrastruktur TIK - Diskominfosantik Prov. Kalimantan Tengah", bold=True)
    sh.merge("A1:O1")
    H = [("Kode OPD", "kode_opd"), ("Nama OPD", "nama_opd"), ("Jenis OPD", "jenis_opd"),
         ("Jumlah Pegawai (orang)", "jumlah_pegawai"), ("Laptop Dinas (unit)", "laptop_dinas"),
         ("Bandwidth Internet (Mbps)", "bandwidth_mbps"), ("VPN / Remote Access", "vpn"),
         ("e-Office SRIKANDI", "srikandi"), ("Google Drive/OneDrive Bersama", "dokumen_cloud"),
         ("Akun Vicon (Zoom/Meet)", "akun_vicon"), ("Helpdesk TI", "helpdesk_ti"),
         ("Absensi Online", "absensi_online"), ("Layanan Garis Depan", "layanan_garis_depan"),
         ("Laporan Output", "laporan_output"), ("SKP di e-Kinerja (%)", "persen_skp_ekinerja")]
    for c, (t, k) in enumerate(H):
        sh.put(2, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = max(8, min(20, len(t) * 0.55))
    t = infra_row("OPD-10")
    sh.row(3, ["OPD-10", t["nama_opd"], "Dinas", t["jumlah_pegawai"], t["laptop_dinas"], "1.000",
               t["vpn"], t["srikandi"], t["dokumen_cloud"], t["akun_vicon"], t["helpdesk_ti"],
               t["absensi_online"], t["layanan_garis_depan"], "harian",
               N(t["persen_skp_ekinerja"], "0%")])
    save(out, Book([sh], "Bidang Aptika", ""), P_(fn))
    mis(fn, sn, "row 1", "title-rows", "read", "merged title row; header row 2")
    mis(fn, sn, "F3", "thousands-separator", "warn",
        "bandwidth '1.000' (text) = 1000 Mbps (1 Gbps, Indonesian thousands dot); could be misread "
        "as 1.0 and nothing else in the file decides: must be flagged")
    mis(fn, sn, "O3", "percent-format", "read", "0.95 formatted 0%")


KOMINFO_JAB_H = [("No", None), ("Kode OPD", "kode_opd"), ("Kode Jabatan", "kode_jabatan"),
                 ("Nama Jabatan", "nama_jabatan"), ("Jenis Jabatan", "jenis_jabatan"),
                 ("Jumlah Pemangku (org)", "jumlah_pemangku"),
                 ("WFA Memungkinkan (Ya/Tidak)", "dapat_di_luar_kantor"),
                 ("Perlu Perangkat Khusus (Ya/Tidak)", "perlu_alat_khusus"),
                 ("Berbasis TIK (Ya/Tidak)", "berbasis_tik"),
                 ("Frekuensi Tatap Muka (1-5)", "tatap_muka"),
                 ("Perlu Supervisi Langsung (Ya/Tidak)", "perlu_pengawasan"),
                 ("Layanan Garis Depan (Ya/Tidak)", "layanan_garis_depan"),
                 ("Data Rahasia (Ya/Tidak)", "data_rahasia"),
                 ("Output Terukur (Ya/Tidak)", "output_terukur"), ("Keterangan", None)]


def f_kominfo_jab(out, revisi):
    fn = "Jabatan Diskominfosantik (revisi).xlsx" if revisi else "Jabatan Diskominfosantik.xlsx"
    sn = "Jabatan"
    sh = Sheet(sn)
    for c, (t, k) in enumerate(KOMINFO_JAB_H):
        sh.put(1, c, t, bold=True)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = max(6, min(20, len(t) * 0.55))
    rows = job_rows("OPD-10")
    for i, j in enumerate(rows):
        r = 2 + i
        vals = [i + 1, "OPD-10", j["kode_jabatan"], j["nama_jabatan"], j["jenis_jabatan"].title(),
                j["jumlah_pemangku"]] + [j[k] for k in JAB_FIELDS[5:]] + [None]
        if j["kode_jabatan"] == "JF-011":
            if revisi:
                vals[14] = "revisi: jumlah 10 (2 CPNS 2025 belum masuk)"
                rev_hold = r
            else:
                vals[5] = 8
        if j["kode_jabatan"] == "JP-022":
            if revisi:
                vals[14] = "revisi"
                rev_out = r
            else:
                vals[6] = Y
        sh.row(r, vals)
    save(out, Book([sh], "Sekretariat Diskominfosantik", ""), P_(fn))
    if revisi:
        orig = "Jabatan Diskominfosantik.xlsx"
        mis(fn, sn, "", "resubmission", "warn",
            "re-sent copy of '%s' (same 10 job types of OPD-10) with two corrected values; by its "
            "name '(revisi)' it is the later file and should win (note: in plain byte order of file "
            "names '... (revisi).xlsx' sorts BEFORE '....xlsx', space < '.')" % orig)
        mis(fn, sn, "F%d" % rev_hold, "corrected-value", "read",
            "JF-011 Pranata Komputer holders 10 (the original said 8); 10 is true")
        mis(fn, sn, "G%d" % rev_out, "corrected-value", "read",
            "JP-022 Pengemudi 'WFA Memungkinkan' Tidak (the original said Ya); Tidak is true")
        mis(orig, sn, "F5,G10", "superseded", "warn",
            "superseded by '%s': F5 (8) and G10 (Ya) are outdated; every other cell is equal" % fn)
    else:
        mis(fn, sn, "G1", "header-meaning", "read",
            "'WFA Memungkinkan' (WFA possible) is the office's wording for 'can be done outside the office'")


def gf_headers():
    return [
        ("Cap waktu", None), ("Alamat email", None), ("NIP", "id_responden"),
        ("Unit kerja (OPD) tempat Anda bertugas", "kode_opd"),
        ("Kode jabatan Anda (lihat daftar jabatan OPD)", "kode_jabatan"),
        ("Seberapa mahir Anda menggunakan email dinas? (1 = belum bisa, 5 = sangat mahir)", "skill_email"),
        ("Seberapa mahir Anda menggunakan aplikasi perkantoran (pengolah kata, lembar kerja)?", "skill_office"),
        ("Seberapa mahir Anda mengikuti rapat video (Zoom/Google Meet)?", "skill_vicon"),
        ("Seberapa mahir Anda menggunakan SRIKANDI?", "skill_srikandi"),
        ("Seberapa mahir Anda mengisi e-Kinerja?", "skill_ekinerja"),
        ("Seberapa mahir Anda menyimpan dan berbagi dokumen di cloud (Google Drive, OneDrive)?", "skill_cloud"),
        ("Seberapa paham Anda tentang keamanan digital (kata sandi, tautan palsu/phishing)?", "skill_keamanan"),
        ("Bagaimana kondisi internet di rumah Anda?", "internet_rumah"),
        ("Apakah Anda memiliki laptop pribadi yang dapat dipakai bekerja?", "laptop_pribadi"),
        ("Apakah di rumah Anda ada tempat kerja yang tenang?", "tempat_kerja_tenang"),
        ("Apakah Anda bersedia bekerja dari mana saja (WFA)?", "bersedia_wfa"),
        ("Apakah Anda sedang menjalani hukuman disiplin?", "sanksi_disiplin"),
        ("Apakah Anda baru ditempatkan (kurang dari 1 tahun) karena rekrutmen, promosi, mutasi atau rotasi?",
         "baru_ditempatkan"),
    ]


GF_INET = {"baik": "Baik", "lemah": "Lemah", "tidak ada": "Tidak ada"}
EMAIL_N = [0]


def email():
    EMAIL_N[0] += 1
    return "pegawai%02d@contoh.go.id" % EMAIL_N[0]


def serial(t):
    return (t - dt.datetime(1899, 12, 30)).total_seconds() / 86400.0


def gf_times(rng_start, n, spread_h):
    ts = sorted(rng_start + dt.timedelta(seconds=RNG.randint(0, int(spread_h * 3600))) for _ in range(n))
    return ts


def f_gf_xlsx(out):
    fn = "Survei Kecakapan Digital ASN Pemprov Kalteng (Respons).xlsx"
    sn = "Respons Formulir 1"
    sh = Sheet(sn)
    H = gf_headers()
    for c, (t, k) in enumerate(H):
        sh.put(1, c, t)
        hdr(fn, sn, c, t, k)
        sh.widths[c] = 18
    people = [p for code in ("OPD-01", "OPD-02", "OPD-03") for p in SURV[code]]
    RNG.shuffle(people)
    times = gf_times(dt.datetime(2025, 12, 1, 7, 40), len(people), 3 * 24 + 9)
    # a test submission by the form's administrator before the link went out
    r = 2
    test = [N(serial(dt.datetime(2025, 11, 28, 16, 2, 11)), "DD/MM/YYYY HH:MM:SS", LOC_EN),
            "admin.survei@contoh.go.id", "tes", "Badan Kepegawaian Daerah", "tes"] + [3] * 7 + \
           ["Baik", Y, Y, Y, T, T]
    sh.row(r, test)
    mis(fn, sn, "row 2", "test-submission", "report",
        "test response by the form administrator (NIP 'tes', job 'tes', 28/11/2025, before the "
        "form opened): not a respondent; not in clean; must not be counted for OPD-02")
    r += 1
    cutoff = dt.datetime(2025, 12, 1, 15, 0)
    name_instead = None
    for p, ts in zip(people, times):
        code = p["kode_opd"]
        nip = p["id_responden"]
        i = r - 3
        if i % 9 == 4:
            nipv = "%s %s %s %s" % (nip[:8], nip[8:14], nip[14], nip[15:])
            mis(fn, sn, "C%d" % r, "nip-with-spaces", "read", "NIP typed with spaces: same 18 digits")
        elif ts < cutoff:
            nipv = N(int(nip), None)
            mis(fn, sn, "C%d" % r, "nip-destroyed", "report",
                "NIP stored as a number (answers before the admin set the column to plain text at "
                "01/12/2025 15:00): shows 1,9...E+17 and keeps only 15 significant digits, so the "
                "last digits are lost (true %s...%s in clean); cannot identify the respondent"
                % (nip[:4], nip[-2:]))
        else:
            nipv = nip
        kj = p["kode_jabatan"]
        kjv = kj
        if i % 11 == 3:
            kjv = kj.lower()
            mis(fn, sn, "E%d" % r, "code-variant", "read", "job code '%s' = %s" % (kjv, kj))
        elif i % 13 == 7:
            kjv = kj.replace("-", " ")
            mis(fn, sn, "E%d" % r, "code-variant", "read", "job code '%s' = %s" % (kjv, kj))
        elif code == "OPD-02" and kj == "JF-011" and name_instead is None:
            kjv = "Analis SDM Aparatur"
            name_instead = r
            mis(fn, sn, "E%d" % r, "job-name-instead-of-code", "warn",
                "respondent typed the job name 'Analis SDM Aparatur' instead of its code; the OPD-02 "
                "job list maps it to JF-011 (clean); must be flagged, not guessed silently")
        vals = [N(serial(ts), "DD/MM/YYYY HH:MM:SS", LOC_EN), email(), nipv, NAME[code], kjv]
        for s in SKILLS:
            if p[s] is None:
                vals.append("Tidak tahu")
                mis(fn, sn, "%s%d" % (col_letter(5 + SKILLS.index(s)), r), "tidak-tahu", "read",
                    "'Tidak tahu' = not answered (missing, not zero)")
            else:
                vals.append(p[s])
        vals.append(GF_INET[p["internet_rumah"]])
        vals += [p[k] for k in SURV_FIELDS[11:]]
        sh.row(r, vals)
        r += 1
    save(out, Book([sh], "", "Survei Kecakapan Digital ASN Pemprov Kalteng (Respons)"), P_(fn))
    mis(fn, sn, "D2:D%d" % (r - 1), "unit-by-name", "read",
        "OPD given as its full name chosen from the form's dropdown (Dinas Kesehatan, Badan "
        "Kepegawaian Daerah, Dinas Perhubungan), not as its code")
    mis(fn, sn, "A:B", "personal-columns", "read",
        "'Cap waktu' (timestamp, date-time numbers) and 'Alamat email' (personal): not fields, "
        "never to be shown")
    mis(fn, sn, "row 1", "question-headers", "read", "each header is the full question text of the Google Form")
    mis(fn, "", "", "google-forms-export", "read",
        "Google Forms responses sheet downloaded as .xlsx on 4 Dec 2025 (responses 1-4 Dec: OPD-01, "
        "OPD-02, OPD-03); typed here through LibreOffice, not produced by Google")


def f_gf_csv(out):
    fn = "Survei Kecakapan Digital ASN Pemprov Kalteng Tahap 2 (Respons) - Respons Formulir 1.csv"
    sh = Sheet("Respons Formulir 1")
    H = gf_headers()
    for c, (t, k) in enumerate(H):
        sh.put(1, c, t)
        hdr(fn, "", c, t, k)
    people = [p for code in ("OPD-06", "OPD-10") for p in SURV[code]]
    RNG.shuffle(people)
    times = gf_times(dt.datetime(2025, 12, 8, 7, 30), len(people), 2 * 24 + 6)
    rows = []
    for p, ts in zip(people, times):
        rows.append((ts, p, None))
    # a respondent who submitted twice: the first (earlier) submission said bersedia_wfa = Tidak
    dup = next(p for p in people if p["kode_opd"] == "OPD-10" and p["bersedia_wfa"] == Y)
    dup_ts = next(ts for ts, p, _ in rows if p is dup)
    rows.append((dup_ts - dt.timedelta(minutes=47), dup, {"bersedia_wfa": T}))
    rows.sort(key=lambda x: x[0])
    r = 2
    typo_done = False
    for ts, p, change in rows:
        code = p["kode_opd"]
        nip = p["id_responden"]
        nipv = nip
        if not typo_done and code == "OPD-06" and r > 6:
            nipv = nip[:9] + nip[10:]
            typo_done = True
            mis(fn, "", "C%d" % r, "nip-typo", "report",
                "NIP with 17 digits (respondent dropped one digit); true NIP in clean; cannot be "
                "matched to a person")
        kj = p["kode_jabatan"]
        kjv = kj
        if r % 10 == 3:
            kjv = " " + kj.lower()
            mis(fn, "", "E%d" % r, "code-variant", "read", "job code '%s' (leading space, lower case) = %s" % (kjv, kj))
        if kj in ("JF-030", "JF-031"):
            mis(fn, "", "E%d" % r, "job-code-not-in-list", "warn",
                "RSUD respondent gives job %s, which" % kj + " RSUD's (incomplete) job list does not "
                "contain; the code is the respondent's true answer (kept in clean)")
        vals = ["%d/%02d/%d %d:%02d:%02d" % (ts.day, ts.month, ts.year, ts.hour, ts.minute, ts.second), email() if change is None else None,
                nipv, NAME[code], kjv]
        for s in SKILLS:
            if p[s] is None:
                vals.append("Tidak tahu")
                mis(fn, "", "%s%d" % (col_letter(5 + SKILLS.index(s)), r), "tidak-tahu", "read",
                    "'Tidak tahu' = not answered")
            else:
                vals.append(p[s])
        vals.append(GF_INET[p["internet_rumah"]])
        for k in SURV_FIELDS[11:]:
            vals.append((change or {}).get(k, p[k]))
        if change is not None:
            first_r = r
            first_vals = vals
        else:
            if p is dup:
                second_r = r
        sh.row(r, vals)
        r += 1
    # the e-mail of the duplicate is the same in both submissions
    em = sh.cells[(second_r, 1)]
    sh.put(first_r, 1, em)
    save(out, Book([sh], "", ""), P_(fn), csv_opts=CSV_GOOGLE)
    mis(fn, "", "rows %d,%d" % (first_r, second_r), "duplicate-respondent", "warn",
        "the same NIP and e-mail submitted twice, 47 minutes apart; the answers differ only in "
        "bersedia_wfa (first Tidak, then Ya). A careful analyst keeps the later submission (clean "
        "has one row, Ya); must be flagged")
    mis(fn, "", "D2:D%d" % (r - 1), "unit-by-name", "read",
        "OPD as its full name from the dropdown, 'Dinas Komunikasi, Informatika, Statistik dan "
        "Persandian' contains commas (quoted field)")
    mis(fn, "", "", "google-forms-export", "read",
        "second wave of the form (8-10 Dec 2025, OPD-06 and OPD-10) downloaded as CSV: ',' "
        "separated, UTF-8 without BOM, LF; headers with commas are quoted; timestamps are text "
        "'d/mm/yyyy h:mm:ss'")


def f_insp_survei(out):
    fn = "survei pegawai inspektorat.csv"
    sh = Sheet("Survei")
    H = [("No", None), ("NIP", "id_responden"), ("Unit Kerja", "kode_opd"),
         ("Kode Jab. (lihat daftar)", "kode_jabatan"), ("Kemampuan Email", "skill_email"),
         ("Kemampuan Office", "skill_office"), ("Kemampuan Vicon", "skill_vicon"),
         ("Kemampuan Srikandi", "skill_srikandi"), ("Kemampuan e-Kinerja", "skill_ekinerja"),
         ("Kemampuan Cloud", "skill_cloud"), ("Kemampuan Keamanan Digital", "skill_keamanan"),
         ("Internet di Rumah", "internet_rumah"), ("Punya Laptop (Y/T)", "laptop_pribadi"),
         ("Ruang Kerja Tenang (Y/T)", "tempat_kerja_tenang"), ("Bersedia WFA (Y/T)", "bersedia_wfa"),
         ("Sedang Hukuman Disiplin (Y/T)", "sanksi_disiplin"),
         ("Baru Ditempatkan < 1 Thn (Y/T)", "baru_ditempatkan")]
    for c, (t, k) in enumerate(H):
        sh.put(1, c, t)
        hdr(fn, "", c, t, k)
    inet = {"baik": "Baik", "lemah": "Lemah", "tidak ada": "Tidak Ada"}
    for i, p in enumerate(SURV["OPD-08"]):
        r = 2 + i
        nip = p["id_responden"]
        if i in (1, 2, 5):
            nipv = N(int(nip), "0,00000E+00")
            mis(fn, "", "B%d" % r, "nip-destroyed", "report",
                "NIP typed as a number in Excel and saved as shown: '1,9xxxxE+17' (6 significant "
                "digits left); true NIP in clean; cannot identify the respondent")
        elif i == 9:
            nipv = "%s %s %s %s" % (nip[:8], nip[8:14], nip[14], nip[15:])
            mis(fn, "", "B%d" % r, "nip-with-spaces", "read", "NIP with spaces: same 18 digits")
        else:
            nipv = nip
        vals = [i + 1, nipv, "opd-08", p["kode_jabatan"]]
        for s in SKILLS:
            if p[s] is None:
                vals.append("Tidak tahu")
                mis(fn, "", "%s%d" % (col_letter(4 + SKILLS.index(s)), r), "tidak-tahu", "read",
                    "'Tidak tahu' = not answered")
            else:
                vals.append(p[s])
        vals.append(inet[p["internet_rumah"]])
        vals += [yt(p[k]) for k in SURV_FIELDS[11:]]
        sh.row(r, vals)
    save(out, Book([sh], "Inspektorat", ""), P_(fn), csv_opts=CSV_EXCEL_ID_UTF8, crlf=True, bom=True)
    mis(fn, "", "", "csv-excel-utf8", "read", "Excel 'CSV UTF-8': ';' separator, UTF-8 with BOM, CRLF")
    mis(fn, "", "C2:C%d" % (1 + len(SURV["OPD-08"])), "unit-code-variant", "read",
        "'Unit Kerja' holds 'opd-08' = OPD-08")
    mis(fn, "", "M2:Q%d" % (1 + len(SURV["OPD-08"])), "yes-no-variant", "read", "booleans as Y / T")
    mis(fn, "", "", "hand-typed-survey", "read", "the OPD's own survey sheet, not the Google Form")


# --------------------------------------------------------------------------------------------

def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def canon(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return ("%.4f" % v).rstrip("0").rstrip(".")
    return str(v)


P_ = None


def main():
    global P_, SURV
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "fixtures", "corpus"))
    args = ap.parse_args()
    out_dir = args.out
    sub = os.path.join(out_dir, "submissions")
    cln = os.path.join(out_dir, "clean")
    for d in (sub, cln):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    P_ = lambda fn: os.path.join(sub, fn)  # noqa: E731
    SURV = survey_truth()

    office = Office()
    try:
        f_dinkes_infra(office)
        f_dinkes_jab(office)
        f_bkd_infra(office)
        f_bkd_jab(office)
        f_dishub(office)
        f_bappeda(office)
        f_biro_infra(office)
        f_biro_jab(office)
        f_rsud_infra(office)
        f_rsud_jab(office)
        f_insp_infra(office)
        f_insp_jab(office)
        f_insp_survei(office)
        f_kominfo_infra(office)
        f_kominfo_jab(office, revisi=False)
        f_kominfo_jab(office, revisi=True)
        f_gf_xlsx(office)
        f_gf_csv(office)
    finally:
        office.close()

    # unit-level facts
    mis("", "", "OPD-07", "no-submission", "report",
        "Dinas Pendidikan (in daftar-opd.csv) sent no file at all: nothing to assess; must be named")
    mis("", "", "OPD-09", "no-submission", "report",
        "Satuan Polisi Pamong Praja (in daftar-opd.csv) sent no file at all: must be named")
    mis("", "", "OPD-05", "no-survey", "report",
        "Biro Umum sent infrastruktur and jabatan but no survey respondent appears in any file: "
        "its staff part cannot be assessed; must be named")
    mis("", "", "OPD-03", "low-response", "warn",
        "Dinas Perhubungan: 13 survey respondents for 55 staff (24 %), the only OPD under 35 %")

    # clean data
    write_csv(os.path.join(cln, "infrastruktur.csv"), INFRA_FIELDS,
              [[canon(infra_row(c)[k]) for k in INFRA_FIELDS] for c in sorted(INFRA)])
    write_csv(os.path.join(cln, "jabatan.csv"), JAB_FIELDS,
              [[canon(j[k]) for k in JAB_FIELDS] for c in sorted(JOBS) for j in job_rows(c)])
    write_csv(os.path.join(cln, "survei.csv"), SURV_FIELDS,
              [[canon(p[k]) for k in SURV_FIELDS] for c in sorted(SURV)
               for p in sorted(SURV[c], key=lambda p: p["id_responden"])])
    write_csv(os.path.join(out_dir, "daftar-opd.csv"), ["kode_opd", "nama_opd", "jenis"],
              [[o[0], o[1], o[2]] for o in OPD])
    write_csv(os.path.join(out_dir, "headers.csv"),
              ["file", "sheet", "column", "header_text", "canonical"], HEADERS)
    write_csv(os.path.join(out_dir, "mistakes.csv"),
              ["file", "sheet", "cell_or_row", "kind", "expect", "note"], MISTAKES)
    distinct = len({h[3] for h in HEADERS})
    print("submissions:", len(os.listdir(sub)), "headers:", len(HEADERS), "distinct:", distinct,
          "mistakes:", len(MISTAKES), file=sys.stderr)


if __name__ == "__main__":
    main()
