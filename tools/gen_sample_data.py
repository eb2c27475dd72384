#!/usr/bin/env python3
"""Generate the SYNTHETIC sample data set in ../sample-data/.

The figures are invented; only the names of the work units (OPD) of the
Provincial Government of Central Kalimantan (Pemprov Kalteng) are real.
The data is meant to exercise `kesiapan`: it is messy the way hand-filled
OPD spreadsheets are messy, contains a short, documented list of deliberate
errors, and is designed so that the verdicts come out mixed (about a quarter
of the OPDs clearly ready, a third ready with limits, the rest not yet).

Output (all under sample-data/):
    infrastruktur_opd.xlsx          one row per OPD (+ title rows, totals row)
    jabatan_opd.xlsx                one row per job type per OPD
    survei_pegawai_bagian1.xlsx     staff survey, OPD-01 .. OPD-20
    survei_pegawai_bagian2.xlsx     staff survey, OPD-21 .. OPD-40
    formats/jabatan_opd.ods         same rows as jabatan_opd.xlsx
    formats/jabatan_opd.csv         same rows, ';'-separated, UTF-8 with BOM
    formats/infrastruktur_opd.csv   same rows as the xlsx, ';'-separated,
                                    decimal commas, percentages as "75%"
    README.md                       what is in the files, incl. the exact
                                    rows of every deliberate error

Deterministic: one random.Random(SEED), fixed workbook properties and fixed
zip-entry timestamps, so two runs give byte-identical files.

Usage:  pip install -r tools/requirements.txt && python3 tools/gen_sample_data.py
"""

from __future__ import annotations

import csv
import io
import os
import random
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

SEED = 20251223
FIXED_DATE = datetime(2025, 12, 23)
CREATOR = "kesiapan sample generator"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "sample-data")
OUT_FORMATS = os.path.join(OUT, "formats")

# Intended verdicts (what the profile was designed to produce).
READY, LIMITED, NOT = "Layak", "Layak Terbatas", "Belum Layak"

# ---------------------------------------------------------------------------
# Headers (exactly as the tool's users type them)
# ---------------------------------------------------------------------------

INFRA_HEADER = [
    "Kode OPD", "Nama OPD", "Jenis OPD", "Jumlah Pegawai", "Laptop Dinas",
    "Bandwidth (Mbps)", "VPN / Akses Jarak Jauh", "SRIKANDI", "Dokumen Cloud",
    "Akun Vicon", "Helpdesk TI", "Absensi Online", "Layanan Garis Depan",
    "Laporan Output", "SKP di e-Kinerja (%)",
]
INFRA_TITLE = "DATA INFRASTRUKTUR DIGITAL PERANGKAT DAERAH PEMPROV KALTENG 2025"
INFRA_SOURCE = "Sumber: isian OPD (data sintetis untuk contoh)"

JOB_HEADER = [
    "Kode OPD", "Kode Jabatan", "Nama Jabatan", "Jenis Jabatan", "Jumlah Pemangku",
    "Dapat Dikerjakan di Luar Kantor", "Perlu Alat/Ruang Khusus", "Berbasis TIK",
    "Tatap Muka (1-5)", "Perlu Pengawasan Terus-menerus", "Layanan Garis Depan",
    "Data Rahasia", "Output Terukur",
]

SKILLS = [  # survey Likert items and their offset from a respondent's level
    ("Email", 0.3), ("Aplikasi Perkantoran", 0.2), ("Rapat Video", 0.0),
    ("SRIKANDI", -0.2), ("e-Kinerja", 0.1), ("Dokumen Cloud", -0.3),
    ("Keamanan Digital", -0.4),
]
SURVEY_HEADER = (
    ["ID Responden", "Kode OPD", "Kode Jabatan"]
    + [name for name, _ in SKILLS]
    + ["Internet Rumah", "Laptop Pribadi", "Tempat Kerja Tenang", "Bersedia WFA",
       "Sanksi Disiplin", "Baru Ditempatkan"]
)


def yt(flag) -> str:
    return "Ya" if flag else "Tidak"


# ---------------------------------------------------------------------------
# OPD profile table
# ---------------------------------------------------------------------------


@dataclass
class Opd:
    kode: str
    nama: str
    jenis: str            # as the OPD typed it (case deliberately mixed)
    pegawai: int          # Jumlah Pegawai
    target: str           # intended verdict
    laptop: float         # official laptops per staff
    bw: float             # office bandwidth, Mbps
    vpn: int
    srikandi: int
    cloud: int
    vicon: float          # video-conference accounts per 100 staff
    helpdesk: int
    absensi: int
    depan: int            # runs front-line public services
    laporan: str          # Harian / Mingguan / Tidak Ada
    skp: float            # share of staff with SKP in e-Kinerja
    units: list[str]      # bidang / bagian names (for Kepala Bidang ... jobs)
    office: float         # share of non-structural staff in general office jobs
    family: list[tuple]   # OPD-specific job types: (name, jenis, preset, weight)
    why: str              # one line: why the profile should give `target`
    resp_rate: float | None = None   # survey response rate override
    extra: dict = field(default_factory=dict)  # overrides of SURVEY_TIER values


# Job "presets": the PermenPANRB criteria of a job type, as
# (luar kantor, alat/ruang khusus, TIK, tatap muka 1-5, pengawasan terus-menerus,
#  garis depan, data rahasia, output terukur).
# A job is WFA-eligible when: luar=1, alat=0, tik=1, tatap<=2, awas=0, depan=0,
# rahasia=0, output=1 -- i.e. presets "kantor", "adm" (before tier adjustment),
# "kasubbag".
PRESETS = {
    "kantor":      (1, 0, 1, 2, 0, 0, 0, 1),  # analytic/office work
    "adm":         (1, 0, 1, 2, 0, 0, 0, 1),  # routine admin; adjusted by OPD maturity
    "kasubbag":    (1, 0, 1, 2, 0, 0, 0, 1),  # small unit head
    "pimpinan":    (1, 0, 1, 3, 0, 0, 0, 1),  # head of bidang/bagian
    "kepala":      (1, 0, 1, 4, 0, 0, 1, 1),  # head of OPD / secretary
    "rahasia":     (1, 0, 1, 2, 0, 0, 1, 1),  # office work on classified data
    "resepsionis": (0, 0, 1, 4, 0, 0, 0, 1),  # internal front desk
    "loket":       (0, 0, 1, 5, 0, 1, 0, 1),  # public counter / service desk
    "lapangan":    (0, 1, 0, 4, 0, 1, 0, 1),  # field officer in contact with the public
    "teknis":      (0, 1, 1, 3, 0, 0, 0, 1),  # technical field work (engineers...)
    "klinis":      (0, 1, 0, 5, 1, 1, 1, 1),  # clinical care
    "guru":        (0, 0, 1, 5, 0, 1, 0, 1),  # teaching
    "penunjang":   (0, 1, 0, 3, 1, 0, 0, 0),  # drivers, janitors, cooks
    "lab":         (0, 1, 1, 2, 0, 0, 0, 1),  # laboratory / testing
    "arsip":       (0, 1, 0, 2, 0, 0, 0, 1),  # paper archives
    "ops24":       (0, 1, 1, 3, 1, 0, 0, 1),  # control room / data centre shifts
    "pelatih":     (0, 1, 1, 5, 0, 1, 0, 1),  # trainer / instructor
    "rapat":       (0, 0, 1, 3, 0, 0, 0, 1),  # bound to sessions/meetings on site
}

# General office jobs every OPD has: (name, jenis, preset, weight).
GENERIC_JOBS = [
    ("Pengadministrasi Perkantoran", "pelaksana", "adm", 6),
    ("Penata Layanan Operasional", "pelaksana", "adm", 5),
    ("Pengolah Data dan Informasi", "pelaksana", "adm", 3),
    ("Perencana", "fungsional", "kantor", 2),
    ("Analis Kebijakan", "fungsional", "kantor", 2),
    ("Pengelola Keuangan", "pelaksana", "adm", 2),
    ("Pengemudi", "pelaksana", "penunjang", 2),
    ("Pranata Komputer", "fungsional", "kantor", 1.5),
    ("Analis SDM Aparatur", "fungsional", "kantor", 1.5),
    ("Arsiparis", "fungsional", "arsip", 1.5),
    ("Analis Keuangan Pusat dan Daerah", "fungsional", "kantor", 1.5),
    ("Pramu Bakti", "pelaksana", "penunjang", 1.5),
    ("Pengelola Barang Milik Daerah", "pelaksana", "adm", 1.2),
    ("Operator Layanan Operasional", "pelaksana", "resepsionis", 1.2),
    ("Pranata Hubungan Masyarakat", "fungsional", "kantor", 1),
    ("Pengelola Pengadaan Barang/Jasa", "fungsional", "kantor", 0.8),
    ("Bendahara Pengeluaran", "pelaksana", "adm", 0.3),
    ("Pengadministrasi Umum", "pelaksana", "adm", 2),
]

Y, N = 1, 0


def opd_table() -> list[Opd]:
    """The 40 OPDs (codes in the order of the regional nomenclature) and the
    profile each one was given.  Infrastructure values are set here by hand so
    that the intent is readable; only the survey and job details are drawn."""
    o = []
    add = o.append
    # --- Urusan wajib pelayanan dasar -----------------------------------
    add(Opd("OPD-01", "Dinas Pendidikan", "dinas", 3052, NOT,
            0.18, 20, N, Y, N, 2, N, Y, Y, "Mingguan", 0.62,
            ["Pembinaan SMA", "Pembinaan SMK", "Pembinaan Pendidikan Khusus",
             "Guru dan Tenaga Kependidikan"], 0.04,
            [("Guru SMA", "fungsional", "guru", 900), ("Guru SMK", "fungsional", "guru", 620),
             ("Guru SLB", "fungsional", "guru", 140),
             ("Guru Bimbingan dan Konseling", "fungsional", "guru", 120),
             ("Kepala Sekolah", "fungsional", "guru", 95),
             ("Pengawas Sekolah", "fungsional", "lapangan", 40),
             ("Tenaga Administrasi Sekolah", "pelaksana", "loket", 250),
             ("Pustakawan Sekolah", "fungsional", "loket", 40),
             ("Pranata Laboratorium Pendidikan", "fungsional", "lab", 40),
             ("Penjaga Sekolah", "pelaksana", "penunjang", 60),
             ("Pengembang Teknologi Pembelajaran", "fungsional", "kantor", 8)],
            "teachers = most staff: front-line, face-to-face; few laptops",
            resp_rate=0.68, extra={"skill": 3.25}))
    add(Opd("OPD-02", "Dinas Kesehatan", "dinas", 334, LIMITED,
            0.55, 30, N, Y, Y, 6, N, Y, Y, "Mingguan", 0.78,
            ["Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit",
             "Pelayanan Kesehatan", "Sumber Daya Kesehatan"], 0.40,
            [("Epidemiolog Kesehatan", "fungsional", "kantor", 15),
             ("Administrator Kesehatan", "fungsional", "kantor", 25),
             ("Penyuluh Kesehatan Masyarakat", "fungsional", "lapangan", 20),
             ("Tenaga Sanitasi Lingkungan", "fungsional", "lapangan", 12),
             ("Pranata Laboratorium Kesehatan", "fungsional", "lab", 30),
             ("Apoteker", "fungsional", "lab", 8),
             ("Tenaga Teknis Kefarmasian", "fungsional", "lab", 10),
             ("Entomolog Kesehatan", "fungsional", "lapangan", 5),
             ("Nutrisionis", "fungsional", "kantor", 8),
             ("Dokter", "fungsional", "klinis", 6), ("Perawat", "fungsional", "klinis", 10)],
            "office core can go remote; labs and outreach stay; no VPN/helpdesk"))
    add(Opd("OPD-03", "RSUD dr. Doris Sylvanus", "rumah sakit", 1518, NOT,
            0.15, 100, Y, Y, N, 2, Y, Y, Y, "Harian", 0.70,
            ["Pelayanan Medik", "Keperawatan", "Penunjang Medik", "Umum dan Keuangan"], 0.08,
            [("Dokter Spesialis", "fungsional", "klinis", 90),
             ("Dokter Umum", "fungsional", "klinis", 40), ("Dokter Gigi", "fungsional", "klinis", 8),
             ("Perawat", "fungsional", "klinis", 620), ("Bidan", "fungsional", "klinis", 90),
             ("Penata Anestesi", "fungsional", "klinis", 20),
             ("Perawat Gigi", "fungsional", "klinis", 10),
             ("Apoteker", "fungsional", "lab", 20),
             ("Tenaga Teknis Kefarmasian", "fungsional", "lab", 50),
             ("Pranata Laboratorium Kesehatan", "fungsional", "lab", 45),
             ("Radiografer", "fungsional", "klinis", 25),
             ("Nutrisionis", "fungsional", "klinis", 25),
             ("Fisioterapis", "fungsional", "klinis", 15),
             ("Perekam Medis", "fungsional", "rahasia", 50),
             ("Teknisi Elektromedis", "fungsional", "lab", 10),
             ("Tenaga Sanitasi Lingkungan", "fungsional", "lapangan", 12),
             ("Psikolog Klinis", "fungsional", "klinis", 4),
             ("Administrator Kesehatan", "fungsional", "kantor", 15),
             ("Petugas Pendaftaran Pasien", "pelaksana", "loket", 40),
             ("Pengemudi Ambulans", "pelaksana", "penunjang", 15)],
            "hospital: clinical, front-line, 24-hour service", resp_rate=0.62,
            extra={"skill": 3.2}))
    add(Opd("OPD-04", "RSJ Kalawa Atei", "Rumah Sakit", 262, NOT,
            0.20, 30, N, Y, N, 1, N, Y, Y, "Mingguan", 0.55,
            ["Pelayanan Medik", "Keperawatan", "Penunjang"], 0.15,
            [("Dokter Spesialis Kedokteran Jiwa", "fungsional", "klinis", 8),
             ("Dokter Umum", "fungsional", "klinis", 12), ("Perawat", "fungsional", "klinis", 110),
             ("Psikolog Klinis", "fungsional", "klinis", 8), ("Apoteker", "fungsional", "lab", 4),
             ("Tenaga Teknis Kefarmasian", "fungsional", "lab", 8),
             ("Pranata Laboratorium Kesehatan", "fungsional", "lab", 6),
             ("Perekam Medis", "fungsional", "rahasia", 8),
             ("Nutrisionis", "fungsional", "klinis", 4), ("Okupasi Terapis", "fungsional", "klinis", 4),
             ("Pekerja Sosial", "fungsional", "loket", 4),
             ("Petugas Pendaftaran Pasien", "pelaksana", "loket", 6)],
            "psychiatric hospital: clinical, front-line", extra={"skill": 3.0}))
    add(Opd("OPD-05", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", 524, LIMITED,
            0.50, 25, N, Y, Y, 5, Y, Y, N, "Mingguan", 0.72,
            ["Bina Marga", "Sumber Daya Air", "Cipta Karya", "Penataan Ruang", "Bina Konstruksi"],
            0.40,
            [("Teknik Jalan dan Jembatan", "fungsional", "teknis", 50),
             ("Teknik Pengairan", "fungsional", "teknis", 40),
             ("Teknik Tata Bangunan dan Perumahan", "fungsional", "teknis", 25),
             ("Penata Ruang", "fungsional", "kantor", 15),
             ("Pembina Jasa Konstruksi", "fungsional", "kantor", 12),
             ("Juru Gambar", "pelaksana", "kantor", 12),
             ("Surveyor Pemetaan", "fungsional", "teknis", 15),
             ("Pengawas Lapangan Pekerjaan Jalan", "pelaksana", "teknis", 35),
             ("Operator Alat Berat", "pelaksana", "penunjang", 30),
             ("Teknisi Laboratorium Bahan Konstruksi", "pelaksana", "lab", 12),
             ("Pengamat Sumber Daya Air", "pelaksana", "teknis", 20)],
            "design/planning office can go remote, field engineers cannot"))
    add(Opd("OPD-06", "Satuan Polisi Pamong Praja", "satuan", 418, NOT,
            0.10, 10, N, Y, N, 1, N, Y, Y, "Harian", 0.60,
            ["Penegakan Perundang-undangan Daerah", "Ketertiban Umum dan Ketenteraman Masyarakat",
             "Perlindungan Masyarakat", "Sumber Daya Aparatur"], 0.10,
            [("Polisi Pamong Praja", "fungsional", "lapangan", 280),
             ("Penyidik Pegawai Negeri Sipil", "fungsional", "lapangan", 15),
             ("Petugas Perlindungan Masyarakat", "pelaksana", "lapangan", 20),
             ("Analis Penegakan Peraturan Daerah", "pelaksana", "kantor", 8)],
            "patrol/enforcement field work; weak bandwidth, few laptops"))
    add(Opd("OPD-07", "Badan Penanggulangan Bencana dan Pemadam Kebakaran", "badan", 196, NOT,
            0.25, 20, N, Y, N, 3, N, Y, Y, "Harian", 0.65,
            ["Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik",
             "Rehabilitasi dan Rekonstruksi", "Pemadam Kebakaran dan Penyelamatan"], 0.20,
            [("Penata Penanggulangan Bencana", "fungsional", "teknis", 25),
             ("Analis Bencana", "fungsional", "kantor", 10),
             ("Pemadam Kebakaran", "pelaksana", "lapangan", 50),
             ("Petugas Penyelamatan", "pelaksana", "lapangan", 20),
             ("Operator Pusdalops", "pelaksana", "ops24", 15),
             ("Analis Logistik Kebencanaan", "pelaksana", "adm", 6)],
            "emergency response, 24-hour duty"))
    # --- Urusan wajib non pelayanan dasar & pilihan ----------------------
    add(Opd("OPD-08", "Dinas Sosial", "dinas", 258, NOT,
            0.30, 10, N, Y, N, 2, N, Y, Y, "Mingguan", 0.46,
            ["Perlindungan dan Jaminan Sosial", "Rehabilitasi Sosial", "Pemberdayaan Sosial",
             "Penanganan Fakir Miskin"], 0.25,
            [("Pekerja Sosial", "fungsional", "loket", 40),
             ("Penyuluh Sosial", "fungsional", "lapangan", 15),
             ("Pengasuh Panti", "pelaksana", "klinis", 45), ("Perawat", "fungsional", "klinis", 8),
             ("Instruktur Keterampilan Panti", "pelaksana", "pelatih", 10),
             ("Analis Rehabilitasi Sosial", "pelaksana", "kantor", 8),
             ("Pengelola Data Kesejahteraan Sosial", "pelaksana", "adm", 10),
             ("Juru Masak Panti", "pelaksana", "penunjang", 10)],
            "SKP in e-Kinerja below 50 % (gate); residential homes (panti)"))
    add(Opd("OPD-09", "Dinas Tenaga Kerja dan Transmigrasi", "Dinas", 176, LIMITED,
            0.48, 20, Y, Y, Y, 6, N, Y, Y, "Mingguan", 0.70,
            ["Pelatihan dan Penempatan Tenaga Kerja", "Hubungan Industrial dan Jaminan Sosial",
             "Pengawasan Ketenagakerjaan", "Transmigrasi"], 0.50,
            [("Pengantar Kerja", "fungsional", "loket", 12),
             ("Pengawas Ketenagakerjaan", "fungsional", "lapangan", 25),
             ("Mediator Hubungan Industrial", "fungsional", "loket", 8),
             ("Instruktur", "fungsional", "pelatih", 25),
             ("Penggerak Swadaya Masyarakat", "fungsional", "lapangan", 8),
             ("Analis Pasar Kerja", "fungsional", "kantor", 8),
             ("Pengelola Kawasan Transmigrasi", "pelaksana", "lapangan", 6)],
            "front-line (job centre, training centre) -> capped at limited"))
    add(Opd("OPD-10", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk "
            "dan Keluarga Berencana", "dinas", 112, LIMITED,
            0.55, 20, N, Y, Y, 6, Y, Y, Y, "Mingguan", 0.75,
            ["Pemberdayaan Perempuan", "Perlindungan Anak", "Pengendalian Penduduk dan KB",
             "Data dan Informasi Gender dan Anak"], 0.55,
            [("Analis Pemberdayaan Perempuan", "pelaksana", "kantor", 8),
             ("Analis Perlindungan Anak", "pelaksana", "kantor", 8),
             ("Pendamping Korban Kekerasan", "pelaksana", "loket", 8),
             ("Psikolog Klinis", "fungsional", "klinis", 3), ("Statistisi", "fungsional", "kantor", 4),
             ("Penyuluh Keluarga Berencana", "fungsional", "lapangan", 6)],
            "front-line (UPTD PPA); office work otherwise fine"))
    add(Opd("OPD-11", "Dinas Tanaman Pangan, Hortikultura dan Peternakan", "dinas", 302, NOT,
            0.30, 7.5, N, Y, N, 1, N, N, N, "Tidak Ada", 0.58,
            ["Tanaman Pangan", "Hortikultura", "Peternakan", "Kesehatan Hewan dan Kesehatan "
             "Masyarakat Veteriner", "Prasarana dan Sarana Pertanian"], 0.30,
            [("Penyuluh Pertanian", "fungsional", "lapangan", 45),
             ("Pengendali Organisme Pengganggu Tumbuhan", "fungsional", "lapangan", 30),
             ("Pengawas Benih Tanaman", "fungsional", "lapangan", 25),
             ("Medik Veteriner", "fungsional", "lapangan", 15),
             ("Paramedik Veteriner", "fungsional", "lapangan", 20),
             ("Pengawas Mutu Hasil Pertanian", "fungsional", "lab", 10),
             ("Pengawas Bibit Ternak", "fungsional", "lapangan", 10),
             ("Analis Ketahanan Pangan", "pelaksana", "kantor", 6),
             ("Analis Pasar Hasil Pertanian", "fungsional", "kantor", 5)],
            "no output reporting (cap); 7.5 Mbps; field extension staff"))
    add(Opd("OPD-12", "Dinas Lingkungan Hidup", "dinas", 134, LIMITED,
            0.60, 25, Y, Y, Y, 7, N, Y, N, "Mingguan", 0.80,
            ["Tata Lingkungan", "Pengelolaan Sampah dan Limbah B3",
             "Pengendalian Pencemaran dan Kerusakan Lingkungan", "Penaatan dan Peningkatan "
             "Kapasitas Lingkungan Hidup"], 0.50,
            [("Pengendali Dampak Lingkungan", "fungsional", "kantor", 20),
             ("Pengawas Lingkungan Hidup", "fungsional", "lapangan", 15),
             ("Penyuluh Lingkungan Hidup", "fungsional", "lapangan", 6),
             ("Analis Laboratorium Lingkungan", "pelaksana", "lab", 8),
             ("Analis Pengelolaan Sampah", "pelaksana", "kantor", 5)],
            "adequate but not strong infrastructure and skills"))
    add(Opd("OPD-13", "Dinas Pemberdayaan Masyarakat dan Desa", "dinas", 97, NOT,
            0.35, 10, N, Y, N, 2, N, Y, N, "Mingguan", 0.42,
            ["Pemerintahan Desa", "Pemberdayaan Masyarakat Desa", "Pembangunan Desa"], 0.60,
            [("Penggerak Swadaya Masyarakat", "fungsional", "lapangan", 15),
             ("Analis Pemerintahan Desa", "pelaksana", "kantor", 8)],
            "SKP in e-Kinerja 42 % (gate)"))
    add(Opd("OPD-14", "Dinas Perhubungan", "dinas", 311, NOT,
            0.20, 10, N, Y, N, 2, N, Y, Y, "Mingguan", 0.55,
            ["Lalu Lintas dan Angkutan Jalan", "Pelayaran", "Perhubungan Udara",
             "Sungai, Danau dan Penyeberangan"], 0.20,
            [("Penguji Kendaraan Bermotor", "fungsional", "lapangan", 30),
             ("Petugas Pelabuhan Sungai", "pelaksana", "lapangan", 25),
             ("Petugas Terminal Penumpang", "pelaksana", "loket", 30),
             ("Petugas Dermaga Penyeberangan", "pelaksana", "lapangan", 20),
             ("Analis Transportasi", "pelaksana", "kantor", 10),
             ("Teknisi Sarana dan Prasarana Perhubungan", "pelaksana", "teknis", 15),
             ("Juru Mudi Kapal", "pelaksana", "penunjang", 10)],
            "terminals, ports and vehicle testing: field/front-line; weak infra"))
    add(Opd("OPD-15", "Dinas Komunikasi, Informatika, Persandian dan Statistik", "dinas", 146,
            READY, 0.95, 200, Y, Y, Y, 25, Y, Y, N, "Harian", 0.96,
            ["Informasi dan Komunikasi Publik", "Aplikasi Informatika", "Persandian",
             "Statistik", "Infrastruktur Teknologi Informasi dan Komunikasi"], 0.30,
            [("Pranata Komputer Ahli", "fungsional", "kantor", 25),
             ("Pranata Hubungan Masyarakat Ahli", "fungsional", "kantor", 12),
             ("Statistisi", "fungsional", "kantor", 10), ("Sandiman", "fungsional", "rahasia", 6),
             ("Manggala Informatika", "fungsional", "kantor", 4),
             ("Analis Sistem Informasi", "pelaksana", "kantor", 8),
             ("Penata Kelola Sistem dan Teknologi Informasi", "fungsional", "kantor", 6),
             ("Operator Pusat Data", "pelaksana", "ops24", 6),
             ("Pengelola Media Sosial", "pelaksana", "kantor", 5),
             ("Analis Keamanan Informasi", "pelaksana", "rahasia", 4)],
            "the IT office: best infrastructure and skills"))
    add(Opd("OPD-16", "Dinas Koperasi, Usaha Kecil dan Menengah", "dinas", 108, NOT,
            0.40, 12.5, N, Y, N, 3, N, Y, N, "Mingguan", 0.46,
            ["Kelembagaan dan Pengawasan Koperasi", "Pemberdayaan Koperasi",
             "Pemberdayaan Usaha Kecil dan Menengah"], 0.55,
            [("Pengawas Koperasi", "fungsional", "lapangan", 10),
             ("Penggerak Koperasi", "pelaksana", "lapangan", 6),
             ("Analis Koperasi dan UKM", "pelaksana", "kantor", 10),
             ("Pendamping UMKM", "pelaksana", "lapangan", 8),
             ("Instruktur", "fungsional", "pelatih", 4)],
            "SKP in e-Kinerja 46 % (gate); bandwidth 12.5 Mbps"))
    add(Opd("OPD-17", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", 102,
            LIMITED, 0.70, 50, Y, Y, Y, 10, Y, Y, Y, "Harian", 0.85,
            ["Perencanaan dan Promosi Penanaman Modal", "Pelayanan Perizinan",
             "Pengendalian Pelaksanaan Penanaman Modal", "Data dan Sistem Informasi"], 0.45,
            [("Petugas Front Office Perizinan", "pelaksana", "loket", 12),
             ("Analis Perizinan", "pelaksana", "kantor", 14),
             ("Analis Penanaman Modal", "fungsional", "kantor", 10),
             ("Pengawas Penanaman Modal", "pelaksana", "lapangan", 6),
             ("Pengelola Pengaduan", "pelaksana", "loket", 4)],
            "strong infrastructure, but runs the licensing counter (front-line)"))
    add(Opd("OPD-18", "Dinas Kebudayaan dan Pariwisata", "dinas", 117, NOT,
            0.20, 5, N, Y, N, 0, N, Y, Y, "Mingguan", 0.55,
            ["Kebudayaan", "Destinasi Pariwisata", "Pemasaran Pariwisata", "Ekonomi Kreatif"], 0.45,
            [("Pamong Budaya", "fungsional", "kantor", 8),
             ("Adyatama Kepariwisataan dan Ekonomi Kreatif", "fungsional", "kantor", 10),
             ("Pengelola Museum", "pelaksana", "loket", 10),
             ("Pemandu Museum", "pelaksana", "loket", 6),
             ("Juru Pelihara Cagar Budaya", "pelaksana", "lapangan", 6),
             ("Pengelola Taman Budaya", "pelaksana", "loket", 6)],
            "weakest infrastructure (5 Mbps, no VPN/cloud/helpdesk/vicon), low skills"))
    add(Opd("OPD-19", "Dinas Perpustakaan dan Kearsipan", "dinas", 121, NOT,
            0.45, 15, N, Y, N, 3, N, Y, Y, "Tidak Ada", 0.66,
            ["Layanan Perpustakaan", "Pengembangan Perpustakaan", "Pengelolaan Arsip",
             "Pembinaan Kearsipan"], 0.35,
            [("Pustakawan", "fungsional", "loket", 30),
             ("Arsiparis Ahli", "fungsional", "arsip", 20),
             ("Pengelola Layanan Perpustakaan", "pelaksana", "loket", 12),
             ("Pengelola Arsip", "pelaksana", "arsip", 10)],
            "no output reporting (cap); reading room and paper archives"))
    add(Opd("OPD-20", "Dinas Kelautan dan Perikanan", "dinas", 171, NOT,
            0.30, 6, N, Y, N, 2, N, N, N, "Mingguan", 0.48,
            ["Perikanan Tangkap", "Perikanan Budidaya",
             "Pengawasan Sumber Daya Kelautan dan Perikanan", "Pengolahan dan Pemasaran"], 0.30,
            [("Penyuluh Perikanan", "fungsional", "lapangan", 25),
             ("Pengawas Perikanan", "fungsional", "lapangan", 20),
             ("Pengendali Hama dan Penyakit Ikan", "fungsional", "lab", 8),
             ("Pengelola Produksi Perikanan Tangkap", "pelaksana", "lapangan", 10),
             ("Analis Pasar Hasil Perikanan", "fungsional", "kantor", 6),
             ("Pengelola Balai Benih Ikan", "pelaksana", "lapangan", 15)],
            "SKP 48 % (gate), 6 Mbps, field staff"))
    add(Opd("OPD-21", "Dinas Kehutanan", "dinas", 623, NOT,
            0.25, 10, N, Y, N, 2, N, Y, N, "Mingguan", 0.52,
            ["Perencanaan dan Pemanfaatan Hutan", "Perlindungan Hutan dan Konservasi Sumber Daya "
             "Alam Hayati", "Rehabilitasi Hutan dan Lahan", "Penyuluhan dan Pemberdayaan Masyarakat"],
            0.18,
            [("Polisi Kehutanan", "fungsional", "lapangan", 120),
             ("Penyuluh Kehutanan", "fungsional", "lapangan", 90),
             ("Pengendali Ekosistem Hutan", "fungsional", "lapangan", 90),
             ("Pengukur dan Pemeta Hutan", "pelaksana", "teknis", 25),
             ("Penguji Hasil Hutan", "pelaksana", "lapangan", 15),
             ("Analis Kehutanan", "pelaksana", "kantor", 15)],
            "forest management units (KPH): field work; weak infra"))
    add(Opd("OPD-22", "Dinas Energi dan Sumber Daya Mineral", "dinas", 126, LIMITED,
            0.60, 30, N, Y, Y, 7, Y, Y, N, "Mingguan", 0.78,
            ["Energi", "Ketenagalistrikan", "Mineral dan Batubara", "Geologi dan Air Tanah"], 0.50,
            [("Penyelidik Bumi", "fungsional", "teknis", 10),
             ("Inspektur Ketenagalistrikan", "fungsional", "lapangan", 6),
             ("Analis Energi", "pelaksana", "kantor", 8),
             ("Analis Pertambangan", "pelaksana", "kantor", 8),
             ("Pengelola Data Geologi", "pelaksana", "kantor", 5),
             ("Pengawas Air Tanah", "pelaksana", "lapangan", 5)],
            "no VPN, middling skills"))
    add(Opd("OPD-23", "Dinas Perkebunan", "dinas", 189, NOT,
            0.35, 12, N, Y, N, 2, N, Y, N, "Tidak Ada", 0.60,
            ["Tanaman Perkebunan", "Perlindungan Perkebunan",
             "Pengolahan dan Pemasaran Hasil Perkebunan", "Usaha dan Penyuluhan Perkebunan"], 0.35,
            [("Penyuluh Pertanian", "fungsional", "lapangan", 30),
             ("Pengawas Benih Tanaman", "fungsional", "lapangan", 20),
             ("Pengendali Organisme Pengganggu Tumbuhan", "fungsional", "lapangan", 20),
             ("Pengawas Mutu Hasil Pertanian", "fungsional", "lab", 8),
             ("Analis Perkebunan", "pelaksana", "kantor", 8),
             ("Penilai Usaha Perkebunan", "pelaksana", "lapangan", 6)],
            "no output reporting (cap); field staff"))
    add(Opd("OPD-24", "Dinas Perindustrian dan Perdagangan", "dinas", 137, LIMITED,
            0.52, 20, Y, Y, N, 6, Y, Y, Y, "Mingguan", 0.70,
            ["Perindustrian", "Perdagangan Dalam Negeri", "Perdagangan Luar Negeri",
             "Perlindungan Konsumen dan Metrologi Legal"], 0.50,
            [("Penera", "fungsional", "teknis", 14),
             ("Pengawas Kemetrologian", "fungsional", "lapangan", 5),
             ("Pengawas Perdagangan", "fungsional", "lapangan", 10),
             ("Penguji Mutu Barang", "fungsional", "lab", 8),
             ("Analis Perdagangan", "fungsional", "kantor", 10),
             ("Pembina Industri", "fungsional", "teknis", 8),
             ("Mediator Perlindungan Konsumen", "pelaksana", "loket", 4)],
            "front-line (metrology, consumer desk) -> capped at limited"))
    # --- Sekretariat DPRD and Sekretariat Daerah (biro) -------------------
    add(Opd("OPD-25", "Sekretariat DPRD", "sekretariat", 184, LIMITED,
            0.60, 50, Y, Y, N, 8, Y, Y, N, "Mingguan", 0.68,
            ["Umum dan Keuangan", "Persidangan dan Perundang-undangan",
             "Fasilitasi Penganggaran dan Pengawasan"], 0.45,
            [("Analis Legislatif", "pelaksana", "kantor", 15),
             ("Perisalah Legislatif", "fungsional", "rapat", 10),
             ("Pengelola Protokol", "pelaksana", "resepsionis", 10),
             ("Pengemudi Pimpinan DPRD", "pelaksana", "penunjang", 20),
             ("Pengelola Rumah Tangga", "pelaksana", "penunjang", 10),
             ("Analis Persidangan", "pelaksana", "rapat", 6),
             ("Pengadministrasi Fraksi", "pelaksana", "adm", 15)],
            "sessions and protocol keep many on site; SKP 68 %"))
    add(Opd("OPD-26", "Biro Pemerintahan dan Otonomi Daerah", "biro", 56, LIMITED,
            0.65, 50, Y, Y, N, 5, Y, Y, N, "Mingguan", 0.75,
            ["Pemerintahan", "Otonomi Daerah", "Kerja Sama"], 0.50,
            [("Analis Kebijakan Ahli", "fungsional", "kantor", 8),
             ("Analis Otonomi Daerah", "pelaksana", "kantor", 6),
             ("Analis Kerja Sama", "pelaksana", "kantor", 4),
             ("Analis Batas Wilayah", "pelaksana", "teknis", 3)],
            "no cloud documents, few vicon accounts"))
    add(Opd("OPD-27", "Biro Hukum", "biro", 51, READY,
            0.80, 50, Y, Y, Y, 20, Y, Y, N, "Mingguan", 0.92,
            ["Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum"], 0.40,
            [("Perancang Peraturan Perundang-undangan", "fungsional", "kantor", 12),
             ("Analis Hukum", "fungsional", "kantor", 10),
             ("Penyuluh Hukum", "fungsional", "lapangan", 3),
             ("Pengelola Dokumentasi dan Informasi Hukum", "pelaksana", "kantor", 4),
             ("Analis Bantuan Hukum", "pelaksana", "kantor", 3)],
            "drafting work with measurable output; good infrastructure"))
    add(Opd("OPD-28", "Biro Kesejahteraan Rakyat", "Biro", 44, LIMITED,
            0.60, 50, Y, Y, N, 5, N, Y, N, "Mingguan", 0.72,
            ["Bina Mental dan Spiritual", "Kesejahteraan Sosial", "Pendidikan dan Kesehatan"],
            0.50,
            [("Analis Kesejahteraan Rakyat", "pelaksana", "kantor", 8),
             ("Pengelola Hibah dan Bantuan Sosial", "pelaksana", "adm", 5),
             ("Analis Keagamaan", "pelaksana", "kantor", 3)],
            "no cloud documents or helpdesk"))
    add(Opd("OPD-29", "Biro Perekonomian", "biro", 47, LIMITED,
            0.62, 50, Y, Y, Y, 6, N, Y, N, "Mingguan", 0.76,
            ["Perekonomian", "Sumber Daya Alam", "BUMD dan BLUD"], 0.50,
            [("Analis Perekonomian", "pelaksana", "kantor", 8),
             ("Analis BUMD", "pelaksana", "kantor", 4),
             ("Analis Sumber Daya Alam", "pelaksana", "kantor", 4)],
            "no helpdesk, middling skills"))
    add(Opd("OPD-30", "Biro Administrasi Pembangunan", "biro", 53, READY,
            0.78, 50, Y, Y, Y, 18, Y, Y, N, "Harian", 0.90,
            ["Penyusunan Program", "Pengendalian Pembangunan", "Administrasi Pembangunan"], 0.45,
            [("Analis Pembangunan", "pelaksana", "kantor", 10),
             ("Pengelola Data Pembangunan", "pelaksana", "kantor", 6),
             ("Analis Monitoring dan Evaluasi", "pelaksana", "kantor", 6)],
            "planning/monitoring desk work, daily output reports"))
    add(Opd("OPD-31", "Biro Pengadaan Barang dan Jasa", "biro", 61, READY,
            0.85, 60, Y, Y, Y, 20, Y, Y, N, "Harian", 0.93,
            ["Pengelolaan Pengadaan Barang dan Jasa", "Pengelolaan Layanan Pengadaan Secara "
             "Elektronik", "Pembinaan dan Advokasi Pengadaan Barang dan Jasa"], 0.35,
            [("Pengelola Pengadaan Barang/Jasa Ahli", "fungsional", "kantor", 25),
             ("Administrator Sistem Pengadaan Elektronik", "pelaksana", "kantor", 5),
             ("Analis Advokasi Pengadaan", "pelaksana", "kantor", 4)],
            "e-procurement is already fully online"))
    add(Opd("OPD-32", "Biro Organisasi", "biro", 46, READY,
            0.90, 50, Y, Y, Y, 22, Y, Y, N, "Harian", 0.95,
            ["Kelembagaan dan Analisis Jabatan", "Reformasi Birokrasi dan Akuntabilitas Kinerja",
             "Tata Laksana"], 0.40,
            [("Analis Kelembagaan", "pelaksana", "kantor", 6),
             ("Analis Jabatan", "pelaksana", "kantor", 6),
             ("Analis Tata Laksana", "pelaksana", "kantor", 5),
             ("Analis Akuntabilitas Kinerja", "pelaksana", "kantor", 5),
             ("Analis Reformasi Birokrasi", "pelaksana", "kantor", 4)],
            "runs the study; analytical work, daily reports"))
    add(Opd("OPD-33", "Biro Umum", "biro", 92, LIMITED,
            0.35, 50, N, Y, Y, 5, Y, Y, Y, "Harian", 0.70,
            ["Tata Usaha", "Rumah Tangga", "Protokol", "Keuangan"], 0.40,
            [("Pengemudi Pimpinan", "pelaksana", "penunjang", 20),
             ("Pengelola Rumah Tangga", "pelaksana", "penunjang", 10),
             ("Petugas Protokol", "pelaksana", "loket", 10),
             ("Pengelola Rumah Jabatan", "pelaksana", "penunjang", 6),
             ("Teknisi Gedung", "pelaksana", "penunjang", 6),
             ("Penerima Tamu", "pelaksana", "loket", 6)],
            "household/protocol support must stay; few laptops"))
    # --- Badan and Inspektorat --------------------------------------------
    add(Opd("OPD-34", "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
            "badan", 137, READY,
            0.82, 100, Y, Y, Y, 20, Y, Y, N, "Mingguan", 0.90,
            ["Perencanaan Pemerintahan dan Pembangunan Manusia",
             "Perencanaan Perekonomian dan Sumber Daya Alam",
             "Perencanaan Infrastruktur dan Kewilayahan", "Penelitian dan Pengembangan",
             "Pengendalian, Evaluasi dan Data"], 0.45,
            [("Perencana Ahli", "fungsional", "kantor", 35), ("Peneliti", "fungsional", "kantor", 10),
             ("Perekayasa", "fungsional", "kantor", 4), ("Statistisi", "fungsional", "kantor", 5),
             ("Analis Data Pembangunan", "pelaksana", "kantor", 5)],
            "planners and researchers; good infrastructure"))
    add(Opd("OPD-35", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan", 176, READY,
            0.75, 100, Y, Y, Y, 15, Y, Y, N, "Harian", 0.91,
            ["Anggaran", "Perbendaharaan", "Akuntansi dan Pelaporan",
             "Pengelolaan Barang Milik Daerah"], 0.35,
            [("Analis Keuangan Pusat dan Daerah Ahli", "fungsional", "kantor", 25),
             ("Analis Anggaran", "pelaksana", "kantor", 15),
             ("Penata Laporan Keuangan", "pelaksana", "kantor", 12),
             ("Pengelola Aset Daerah", "pelaksana", "kantor", 10),
             ("Pengelola Kas Daerah", "pelaksana", "rahasia", 4),
             ("Verifikator Keuangan", "pelaksana", "kantor", 10),
             ("Penilai Barang Milik Daerah", "pelaksana", "teknis", 4)],
            "finance runs on SIPD/online systems"))
    add(Opd("OPD-36", "Badan Pendapatan Daerah", "badan", 213, READY,
            0.70, 100, Y, Y, Y, 15, Y, Y, N, "Harian", 0.88,
            ["Pajak Daerah", "Retribusi dan Pendapatan Lain-lain",
             "Perencanaan dan Pengembangan Pendapatan", "Pengendalian dan Evaluasi Pendapatan"],
            0.35,
            [("Analis Pendapatan Daerah", "pelaksana", "kantor", 30),
             ("Pengelola Pajak Daerah", "pelaksana", "kantor", 25),
             ("Pemeriksa Pajak Daerah", "fungsional", "kantor", 10),
             ("Penagih Pajak Daerah", "pelaksana", "lapangan", 8),
             ("Pengelola Retribusi Daerah", "pelaksana", "kantor", 10),
             ("Pengelola Sistem Informasi Pendapatan", "pelaksana", "kantor", 6)],
            "head office only (Samsat counters not included here)"))
    add(Opd("OPD-37", "Badan Kepegawaian Daerah", "badan", 154, READY,
            0.80, 100, Y, Y, Y, 18, Y, Y, N, "Harian", 0.97,
            ["Pengadaan, Pemberhentian dan Informasi Kepegawaian", "Mutasi dan Promosi",
             "Penilaian Kinerja dan Penghargaan", "Disiplin dan Kesejahteraan Pegawai"], 0.35,
            [("Analis SDM Aparatur Ahli", "fungsional", "kantor", 35),
             ("Asesor SDM Aparatur", "fungsional", "pimpinan", 6),
             ("Pranata SDM Aparatur", "fungsional", "kantor", 15),
             ("Pengelola Data Kepegawaian", "pelaksana", "kantor", 10),
             ("Pengelola Disiplin Pegawai", "pelaksana", "rahasia", 4),
             ("Operator Layanan Kepegawaian", "pelaksana", "resepsionis", 5),
             ("Analis Kinerja Pegawai", "pelaksana", "kantor", 6)],
            "owns e-Kinerja; co-leads the study"))
    add(Opd("OPD-38", "Badan Pengembangan Sumber Daya Manusia", "badan", 94, LIMITED,
            0.60, 40, Y, Y, Y, 10, Y, Y, Y, "Mingguan", 0.80,
            ["Pengembangan Kompetensi Teknis", "Pengembangan Kompetensi Manajerial dan "
             "Fungsional", "Sertifikasi Kompetensi dan Pengelolaan Lembaga"], 0.40,
            [("Widyaiswara", "fungsional", "pelatih", 20),
             ("Pengembang Teknologi Pembelajaran", "fungsional", "kantor", 6),
             ("Analis Pengembangan Kompetensi", "pelaksana", "kantor", 8),
             ("Penyelenggara Pelatihan", "pelaksana", "rapat", 10),
             ("Pengelola Asrama Diklat", "pelaksana", "penunjang", 6)],
            "classroom training is front-line; office work otherwise fine"))
    add(Opd("OPD-39", "Badan Kesatuan Bangsa dan Politik", "badan", 71, NOT,
            0.40, 20, N, Y, N, 3, N, Y, N, "Tidak Ada", 0.65,
            ["Ideologi dan Wawasan Kebangsaan", "Politik Dalam Negeri",
             "Ketahanan Ekonomi, Sosial, Budaya, Agama dan Organisasi Kemasyarakatan",
             "Kewaspadaan Nasional dan Penanganan Konflik"], 0.40,
            [("Analis Kewaspadaan Nasional", "pelaksana", "rahasia", 8),
             ("Analis Politik Dalam Negeri", "pelaksana", "rahasia", 6),
             ("Analis Organisasi Kemasyarakatan", "pelaksana", "rahasia", 6),
             ("Analis Wawasan Kebangsaan", "pelaksana", "kantor", 4),
             ("Pengolah Data Kewaspadaan Dini", "pelaksana", "rahasia", 4)],
            "classified data in most jobs; no output reporting (cap)"))
    add(Opd("OPD-40", "Inspektorat", "inspektorat", 127, READY,
            0.85, 50, Y, Y, Y, 20, Y, Y, N, "Mingguan", 0.90,
            ["Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II",
             "Inspektur Pembantu Wilayah III", "Inspektur Pembantu Wilayah IV"], 0.30,
            [("Auditor", "fungsional", "kantor", 35),
             ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "fungsional", "kantor", 25),
             ("Auditor Investigasi", "fungsional", "rahasia", 4),
             ("Analis Pengaduan Masyarakat", "pelaksana", "kantor", 4)],
            "desk audits on electronic documents"))
    assert len(o) == 40 and [x.kode for x in o] == [f"OPD-{i:02d}" for i in range(1, 41)]
    return o


# Survey behaviour per intended tier: mean skill level, share with good home
# internet, share willing to do WFA, share with own laptop, quiet place.
SURVEY_TIER = {
    READY:   dict(skill=3.95, inet=0.78, willing=0.82, laptop=0.75, quiet=0.72),
    LIMITED: dict(skill=3.45, inet=0.58, willing=0.70, laptop=0.60, quiet=0.62),
    NOT:     dict(skill=2.85, inet=0.38, willing=0.55, laptop=0.42, quiet=0.50),
}
RESP_RATE = {READY: (0.84, 0.94), LIMITED: (0.78, 0.90), NOT: (0.70, 0.85)}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` over `weights` (largest remainder), at least 1 each."""
    n = len(weights)
    assert total >= n, (total, n)
    rest = total - n
    s = sum(weights)
    raw = [rest * w / s for w in weights]
    base = [int(r) for r in raw]
    left = rest - sum(base)
    order = sorted(range(n), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:left]:
        base[i] += 1
    return [b + 1 for b in base]


def is_eligible(c) -> bool:
    luar, alat, tik, tatap, awas, depan, rahasia, output = c
    return (luar and not alat and tik and tatap <= 2 and not awas and not depan
            and not rahasia and output)


def head_titles(opd: Opd) -> list[tuple[str, str]]:
    """Structural posts (name, preset). One holder each."""
    j = opd.jenis.lower()
    units = opd.units
    if j == "biro":
        return ([("Kepala " + opd.nama, "kepala")]
                + [("Kepala Bagian " + u, "pimpinan") for u in units]
                + [("Kepala Subbagian Tata Usaha", "kasubbag")])
    if j == "rumah sakit":
        return ([("Direktur", "kepala"), ("Wakil Direktur Pelayanan", "pimpinan"),
                 ("Wakil Direktur Umum dan Keuangan", "pimpinan")]
                + [("Kepala Bidang " + u, "pimpinan") for u in units]
                + [("Kepala Subbagian Kepegawaian", "kasubbag")])
    if j == "inspektorat":
        return ([("Inspektur", "kepala"), ("Sekretaris Inspektorat", "pimpinan")]
                + [(u, "pimpinan") for u in units]
                + [("Kepala Subbagian Umum dan Kepegawaian", "kasubbag")])
    if j == "sekretariat":
        return ([("Sekretaris DPRD", "kepala")]
                + [("Kepala Bagian " + u, "pimpinan") for u in units]
                + [("Kepala Subbagian Tata Usaha", "kasubbag")])
    head = {"dinas": "Kepala Dinas", "badan": "Kepala Badan",
            "satuan": "Kepala Satuan Polisi Pamong Praja"}[j]
    return ([(head, "kepala"), ("Sekretaris", "pimpinan")]
            + [("Kepala Bidang " + u, "pimpinan") for u in units]
            + [("Kepala Subbagian Umum dan Kepegawaian", "kasubbag"),
               ("Kepala Subbagian Keuangan", "kasubbag")])


def adjust(preset: str, tier: str, rng: random.Random) -> tuple:
    """Criteria of one job type in one OPD: the preset, nudged by how mature
    the OPD's way of working is (the same job is paper-based in one OPD and
    digital with measurable output in another)."""
    luar, alat, tik, tatap, awas, depan, rahasia, output = PRESETS[preset]
    if preset == "arsip" and tier == READY:           # archives digitised (SRIKANDI)
        luar, alat, tik = 1, 0, 1
    if preset in ("kantor", "adm", "kasubbag"):
        tatap = rng.choice((1, 2, 2))
        if preset == "adm":
            if tier == LIMITED and rng.random() < 0.4:
                awas = 1                                # routine work still supervised
            elif tier == NOT:
                if rng.random() < 0.75:
                    output = 0                          # no measurable output yet
                if rng.random() < 0.4:
                    tik = 0                             # paper-based
        elif tier == LIMITED and rng.random() < 0.15:
            tatap = 3
        elif tier == NOT and rng.random() < 0.4:
            output = 0
    elif tatap >= 3:
        tatap = min(5, max(3, tatap + rng.choice((-1, 0, 0, 1))))
    return (luar, alat, tik, tatap, awas, depan, rahasia, output)


# ---------------------------------------------------------------------------
# Dataset 2: jobs (built first: the survey samples from it)
# ---------------------------------------------------------------------------

# OPDs whose job list deliberately does not add up to Jumlah Pegawai
# (relative difference; all within +-3 %).
JOB_TOTAL_DRIFT = {"OPD-05": +0.012, "OPD-14": -0.016, "OPD-21": -0.021, "OPD-25": +0.011}


def build_jobs(opds: list[Opd], rng: random.Random) -> dict[str, list[list]]:
    """Return {kode OPD: [job rows in JOB_HEADER order]}."""
    jobs: dict[str, list[list]] = {}
    for opd in opds:
        heads = head_titles(opd)
        family = list(opd.family)
        total = round(opd.pegawai * (1 + JOB_TOTAL_DRIFT.get(opd.kode, 0.0)))
        rest = total - len(heads)                      # holders below the structural posts
        n_fam = round(rest * (1 - opd.office))
        n_gen_holders = rest - n_fam
        # number of job types: 20-35 in total; a generic job has >= 1 holder
        target = rng.randint(22, 30)
        n_generic = max(6, target - len(heads) - len(family))
        n_generic = min(n_generic, len(GENERIC_JOBS), 35 - len(heads) - len(family),
                        n_gen_holders)
        generic = sorted(GENERIC_JOBS, key=lambda g: -g[3])[:n_generic]
        fam_alloc = allocate(n_fam, [f[3] for f in family])
        gen_alloc = allocate(n_gen_holders, [g[3] for g in generic])

        rows = []
        entries = ([(name, "struktural", preset, 1) for name, preset in heads]
                   + [(f[0], f[1], f[2], k) for f, k in zip(family, fam_alloc)]
                   + [(g[0], g[1], g[2], k) for g, k in zip(generic, gen_alloc)])
        for i, (name, jenis, preset, holders) in enumerate(entries, start=1):
            c = adjust(preset, opd.target, rng)
            rows.append([opd.kode, f"J{i:03d}", name, jenis, holders,
                         yt(c[0]), yt(c[1]), yt(c[2]), c[3], yt(c[4]), yt(c[5]),
                         yt(c[6]), yt(c[7])])
        assert 20 <= len(rows) <= 35, (opd.kode, len(rows))
        assert len({r[2] for r in rows}) == len(rows), opd.kode   # job names unique
        jobs[opd.kode] = rows
    return jobs


def job_crit(row) -> tuple:
    yn = lambda v: v == "Ya"  # noqa: E731
    return (yn(row[5]), yn(row[6]), yn(row[7]), row[8], yn(row[9]), yn(row[10]),
            yn(row[11]), yn(row[12]))


def write_jobs(jobs: dict[str, list[list]]) -> list[list]:
    rows = [r for k in sorted(jobs) for r in jobs[k]]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Jabatan"
    ws.append(JOB_HEADER)
    for r in rows:
        ws.append(r)
    style_header(ws, 1, len(JOB_HEADER))
    set_widths(ws, [10, 12, 44, 14, 10] + [12] * 8)
    ws.freeze_panes = "A2"
    save_workbook(wb, os.path.join(OUT, "jabatan_opd.xlsx"))
    return rows


# ---------------------------------------------------------------------------
# Dataset 1: infrastructure
# ---------------------------------------------------------------------------

# Deliberate messiness in the infrastructure sheet: (kode OPD, column) -> raw value.
# Booleans typed in other ways, numbers typed as text.
INFRA_QUIRKS = {
    ("OPD-05", "Helpdesk TI"): "ya ",             # lower case, trailing space
    ("OPD-08", "Dokumen Cloud"): "tidak",
    ("OPD-12", "VPN / Akses Jarak Jauh"): "Y",
    ("OPD-21", "VPN / Akses Jarak Jauh"): "TIDAK",
    ("OPD-34", "Dokumen Cloud"): 1,               # a number, not text
    ("OPD-37", "VPN / Akses Jarak Jauh"): "YA",
    ("OPD-11", "Bandwidth (Mbps)"): "7,5",        # text with decimal comma
    ("OPD-16", "Bandwidth (Mbps)"): "12,5",
    ("OPD-10", "SKP di e-Kinerja (%)"): "75%",    # text instead of a 0% number
    ("OPD-13", "SKP di e-Kinerja (%)"): "42%",
    ("OPD-29", "SKP di e-Kinerja (%)"): "76%",
}


def loose_bool(raw) -> str:
    """How the tool is expected to read a loosely typed yes/no."""
    t = str(raw).strip().lower()
    return {"ya": "Ya", "y": "Ya", "1": "Ya", "tidak": "Tidak", "t": "Tidak", "0": "Tidak"}[t]


def infra_rows(opds: list[Opd]) -> list[list]:
    """The data rows (typed values, before messiness)."""
    rows = []
    for o in opds:
        laptops = round(o.laptop * o.pegawai)
        vicon = round(o.vicon * o.pegawai / 100)
        rows.append([o.kode, o.nama, o.jenis, o.pegawai, laptops, o.bw, yt(o.vpn),
                     yt(o.srikandi), yt(o.cloud), vicon, yt(o.helpdesk), yt(o.absensi),
                     yt(o.depan), o.laporan, o.skp])
    return rows


def apply_quirks(rows: list[list]) -> list[tuple[str, str, object, object]]:
    """Apply INFRA_QUIRKS in place; return (kode, column, clean, raw) for the README."""
    log = []
    for r in rows:
        for (kode, col), raw in INFRA_QUIRKS.items():
            if r[0] != kode:
                continue
            i = INFRA_HEADER.index(col)
            clean = r[i]
            if col == "Bandwidth (Mbps)":
                assert float(raw.replace(",", ".")) == clean, (kode, raw, clean)
            elif col.startswith("SKP"):
                assert abs(int(raw.rstrip("%")) / 100 - clean) < 1e-9, (kode, raw, clean)
            else:
                assert loose_bool(raw) == clean, (kode, col, raw, clean)
            r[i] = raw
            log.append((kode, col, clean, raw))
    return log


def write_infra(opds: list[Opd]) -> tuple[list[list], list]:
    rows = infra_rows(opds)
    quirks = apply_quirks(rows)
    total = ["", "JUMLAH", "", sum(r[3] for r in rows), sum(r[4] for r in rows)] + [""] * 10

    wb = new_workbook()
    ws = wb.active
    ws.title = "Infrastruktur"
    ws.append([INFRA_TITLE])
    ws.append([INFRA_SOURCE])
    ws.append([])
    ws.append(INFRA_HEADER)
    for r in rows:
        ws.append(r)
    ws.append(total)
    ncol = len(INFRA_HEADER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"].font = Font(italic=True)
    style_header(ws, 4, ncol)
    skp_col = INFRA_HEADER.index("SKP di e-Kinerja (%)") + 1
    for rr in range(5, 5 + len(rows)):
        cell = ws.cell(row=rr, column=skp_col)
        if isinstance(cell.value, float):
            cell.number_format = "0%"
    last = 5 + len(rows)
    for c in range(1, ncol + 1):
        ws.cell(row=last, column=c).font = Font(bold=True)
    set_widths(ws, [10, 58, 13, 10, 10, 11, 12, 10, 10, 9, 10, 10, 12, 12, 12])
    ws.freeze_panes = "C5"
    save_workbook(wb, os.path.join(OUT, "infrastruktur_opd.xlsx"))
    return rows + [total], quirks


# ---------------------------------------------------------------------------
# Dataset 3: staff survey
# ---------------------------------------------------------------------------

def build_survey(opds: list[Opd], jobs: dict[str, list[list]], rng: random.Random):
    """Return ({kode OPD: survey rows}, last respondent number). Clean rows only:
    the deliberate errors are added by survey_parts()."""
    per_opd: dict[str, list[list]] = {}
    seq = 0
    for o in opds:
        lo, hi = RESP_RATE[o.target]
        rate = o.resp_rate if o.resp_rate is not None else rng.uniform(lo, hi)
        n = round(o.pegawai * rate)
        holders = [r[1] for r in jobs[o.kode] for _ in range(r[4])]
        n = min(n, len(holders))
        sample = rng.sample(holders, n)     # without replacement: <= holders per job
        crit = {r[1]: job_crit(r) for r in jobs[o.kode]}
        t = {**SURVEY_TIER[o.target], **o.extra}
        rows = []
        for kj in sample:
            seq += 1
            c = crit[kj]
            office_job = c[0] and c[2]
            field_job = c[1] and not c[2]
            adj = 0.2 if office_job else (-0.5 if field_job else 0.0)
            level = t["skill"] + adj + rng.gauss(0, 0.55)
            vals = []
            for name, off in SKILLS:
                if name == "SRIKANDI" and not o.srikandi:
                    off -= 1.0
                if name == "Dokumen Cloud" and not o.cloud:
                    off -= 0.5
                u = rng.random()
                if u < 0.03:
                    vals.append("Tidak tahu")
                elif u < 0.04:
                    vals.append(None)
                else:
                    vals.append(min(5, max(1, round(level + off + rng.gauss(0, 0.6)))))
            u = rng.random()
            inet = ("Baik" if u < t["inet"]
                    else "Lemah" if u < t["inet"] + (1 - t["inet"]) * 0.7 else "Tidak Ada")
            laptop = rng.random() < t["laptop"] + (0.1 if office_job else -0.05)
            quiet = rng.random() < t["quiet"]
            willing = rng.random() < t["willing"] + (0.05 if office_job else -0.1)
            sanksi = rng.random() < 0.01
            baru = rng.random() < 0.06
            rows.append([f"R-{seq:06d}", o.kode, kj] + vals
                        + [inet, yt(laptop), yt(quiet), yt(willing), yt(sanksi), yt(baru)])
        per_opd[o.kode] = rows
    return per_opd, seq


def survey_parts(per_opd, last_seq, rng):
    """Split into the two files (OPD-01..20, OPD-21..40) and insert the
    deliberate errors. Returns (part1 rows, part2 rows, errors); each error is
    (kind, rows, the row object, original row for duplicates, description):
    write_readme() finds the row objects to report exact spreadsheet rows."""
    part1 = [r for k in sorted(per_opd) if int(k[4:]) <= 20 for r in per_opd[k]]
    part2 = [r for k in sorted(per_opd) if int(k[4:]) > 20 for r in per_opd[k]]
    errors = []

    def first_index(rows, kode):
        return next(i for i, r in enumerate(rows) if r[1] == kode)

    # 1. Two duplicate respondents: the same row pasted again a few rows later.
    for rows, kode, gap in ((part1, "OPD-09", 6), (part2, "OPD-37", 4)):
        i = first_index(rows, kode) + 10
        dup = list(rows[i])
        rows.insert(i + gap, dup)
        errors.append(("dup", rows, dup, rows[i],
                       f"duplicate respondent {dup[0]}"))

    # 2. Likert values out of range (1-5): one in part 1, two in part 2.
    for rows, kode, col, val in ((part1, "OPD-15", "Aplikasi Perkantoran", 7),
                                 (part2, "OPD-27", "Rapat Video", 6),
                                 (part2, "OPD-36", "Email", 0)):
        i = first_index(rows, kode) + 3
        rows[i][SURVEY_HEADER.index(col)] = val
        errors.append(("likert", rows, rows[i], None,
                       f"{col} = {val} (out of range 1-5), respondent {rows[i][0]}"))

    # 3. Two rows with an unknown OPD code.
    seq = last_seq
    for pos_kode, jab in (("OPD-30", "J004"), (None, "J012")):
        seq += 1
        row = [f"R-{seq:06d}", "OPD-99", jab] + [rng.randint(2, 5) for _ in SKILLS] + [
            "Baik", "Ya", "Ya", "Ya", "Tidak", "Tidak"]
        at = first_index(part2, pos_kode) if pos_kode else len(part2)
        part2.insert(at, row)
        errors.append(("opd99", part2, row, None,
                       f"unknown Kode OPD 'OPD-99' (respondent {row[0]})"))

    # 4. One completely blank row in the middle of part 1.
    blank = [None] * len(SURVEY_HEADER)
    part1.insert(len(part1) // 2, blank)
    errors.append(("blank", part1, blank, None, "completely blank row"))

    return part1, part2, errors


def write_survey(name: str, rows: list[list]):
    wb = new_workbook()
    ws = wb.active
    ws.title = "Survei"
    ws.append(SURVEY_HEADER)
    for r in rows:
        ws.append(r)     # a row of None values stays an empty row
    style_header(ws, 1, len(SURVEY_HEADER))
    set_widths(ws, [12, 10, 12] + [11] * 7 + [14, 12, 12, 12, 12, 14])
    ws.freeze_panes = "A2"
    save_workbook(wb, os.path.join(OUT, name))


# ---------------------------------------------------------------------------
# Alternate formats (formats/)
# ---------------------------------------------------------------------------


def write_jobs_ods(rows: list[list]):
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Jabatan")
    for r in [JOB_HEADER] + rows:
        tr = TableRow()
        for v in r:
            if isinstance(v, (int, float)):
                cell = TableCell(valuetype="float", value=v)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    write_normalized_zip(buf.getvalue(), os.path.join(OUT_FORMATS, "jabatan_opd.ods"))


def write_jobs_csv(rows: list[list]):
    path = os.path.join(OUT_FORMATS, "jabatan_opd.csv")
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(JOB_HEADER)
        w.writerows(rows)


def id_number(v) -> str:
    """Indonesian-style text for a number: decimal comma, no thousands mark."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).replace(".", ",")


def write_infra_csv(rows: list[list]):
    """Same rows as the xlsx (incl. the JUMLAH row), no title rows; decimal
    commas; SKP as '83%'. Plain UTF-8 without BOM (as 'CSV' export does)."""
    bw = INFRA_HEADER.index("Bandwidth (Mbps)")
    skp = INFRA_HEADER.index("SKP di e-Kinerja (%)")
    path = os.path.join(OUT_FORMATS, "infrastruktur_opd.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(INFRA_HEADER)
        for r in rows:
            out = list(r)
            if isinstance(out[bw], (int, float)):
                out[bw] = id_number(out[bw])
            if isinstance(out[skp], float):
                out[skp] = f"{round(out[skp] * 100)}%"
            w.writerow(["" if v is None else v for v in out])


def write_master(opds):
    """The master list of the OPDs that should answer (`[units] master` of the default
    rubric): code, name and kind, one row per OPD, in code order. `;`-separated UTF-8, CRLF."""
    path = os.path.join(OUT, "daftar-opd.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["Kode OPD", "Nama OPD", "Jenis OPD"])
        for o in opds:
            w.writerow([o.kode, o.nama, o.jenis.lower()])


# ---------------------------------------------------------------------------
# Workbook plumbing: styling and byte-identical output
# ---------------------------------------------------------------------------


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    return wb


def style_header(ws, row: int, ncol: int):
    for c in range(1, ncol + 1):
        cell = ws.cell(row=row, column=c)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def set_widths(ws, widths):
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def save_workbook(wb: Workbook, path: str):
    # openpyxl's save() stamps dcterms:modified with "now"; ExcelWriter
    # directly keeps our fixed date. Zip entry times are normalised after.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        ExcelWriter(wb, z).save()
    write_normalized_zip(buf.getvalue(), path)


def write_normalized_zip(data: bytes, path: str):
    """Rewrite a zip with fixed entry timestamps, same entry order and
    compression (the ODF 'mimetype' entry stays first and stored)."""
    src = zipfile.ZipFile(io.BytesIO(data))
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


def eligible_share(rows) -> float:
    tot = sum(r[4] for r in rows)
    return sum(r[4] for r in rows if is_eligible(job_crit(r))) / tot


def write_readme(opds, infra_all, quirks, job_rows, jobs, part_rows, errors, per_opd):
    col_letter = {h: get_column_letter(i + 1) for i, h in enumerate(INFRA_HEADER)}
    infra_row_of = {r[0]: 5 + i for i, r in enumerate(infra_all) if r[0]}
    jumlah_row = 5 + len(infra_all) - 1
    total_staff = sum(o.pegawai for o in opds)
    total_resp = sum(len(v) for v in per_opd.values())
    p1, p2 = part_rows

    L = []
    a = L.append
    a("# Sample data (SYNTHETIC)\n")
    a("**Everything in this folder is synthetic.** The figures were generated by "
      "`tools/gen_sample_data.py`; they are not real data of the Provincial Government of "
      "Central Kalimantan. Only the names of the work units (OPD) are real. The survey has no "
      "names and no NIP: respondents are anonymous codes such as `R-000001`.\n")
    a(f"Seed: `random.Random({SEED})`. Two runs give byte-identical files (fixed workbook "
      "properties, fixed zip timestamps).\n")
    a("Regenerate (from the repository root):\n")
    a("```sh\npip install -r tools/requirements.txt && python3 tools/gen_sample_data.py\n```\n")
    a("## Files\n")
    a("| File | Sheet | Contents |\n|---|---|---|")
    a(f"| `infrastruktur_opd.xlsx` | Infrastruktur | title in row 1 (merged A1:O1), source note in "
      f"row 2, blank row 3, header in row 4, {len(opds)} OPD rows (rows 5-{jumlah_row - 1}), "
      f"a `JUMLAH` totals row (row {jumlah_row}) |")
    a(f"| `daftar-opd.csv` | - | the master list of the {len(opds)} OPDs that should answer "
      "(`Kode OPD`, `Nama OPD`, `Jenis OPD`), named by `[units] master` in the default rubric; "
      "never read as a dataset; `;`-separated, UTF-8, CRLF |")
    a(f"| `jabatan_opd.xlsx` | Jabatan | header in row 1, {len(job_rows)} job types "
      f"(rows 2-{len(job_rows) + 1}; 20-35 per OPD) |")
    a(f"| `survei_pegawai_bagian1.xlsx` | Survei | header in row 1, {len(p1)} data rows (rows 2-{len(p1) + 1}), OPD-01..OPD-20 |")
    a(f"| `survei_pegawai_bagian2.xlsx` | Survei | header in row 1, {len(p2)} data rows (rows 2-{len(p2) + 1}), OPD-21..OPD-40 |")
    a(f"| `formats/jabatan_opd.ods` | Jabatan | the same {len(job_rows)} rows as "
      "`jabatan_opd.xlsx` |")
    a("| `formats/jabatan_opd.csv` | - | the same rows; `;`-separated, UTF-8 with BOM, CRLF |")
    a("| `formats/infrastruktur_opd.csv` | - | the same rows as `infrastruktur_opd.xlsx` "
      "including the `JUMLAH` row, header in line 1 (no title rows); `;`-separated, UTF-8 "
      "without BOM, CRLF; bandwidth with decimal comma (`12,5`), SKP as `83%` |")
    a("")
    a("The alternate formats are in `formats/` so that the main folder holds every record once: "
      "`kesiapan` run on `sample-data/` must not see the jobs twice.\n")
    a(f"Totals: {len(opds)} OPDs, {dots(total_staff)} staff (Jumlah Pegawai), {len(job_rows)} "
      f"job types, {dots(total_resp)} survey respondents before the deliberate errors were "
      f"added ({total_resp / total_staff:.0%} of staff).\n")
    a("Values and their forms: booleans `Ya`/`Tidak`; Likert items 1-5 (`Tidak tahu` and blank "
      "are missing answers, not zeros); `Tatap Muka (1-5)` integer; `Internet Rumah` is "
      "`Baik`/`Lemah`/`Tidak Ada`; `Laporan Output` is `Harian`/`Mingguan`/`Tidak Ada`; "
      "`SKP di e-Kinerja (%)` is a fraction formatted `0%` in Excel; `Akun Vicon` is a count "
      "of accounts.\n")

    a("## Deliberate errors (must be rejected or reported)\n")
    a("Spreadsheet rows are 1-based, header included.\n")
    a("| # | File | Sheet | Row | Problem |\n|---|---|---|---|---|")
    n = 0
    n += 1
    a(f"| {n} | `infrastruktur_opd.xlsx` | Infrastruktur | {jumlah_row} | totals row: "
      "`JUMLAH` in Nama OPD, no Kode OPD, sums of Jumlah Pegawai and Laptop Dinas |")
    n += 1
    a(f"| {n} | `formats/infrastruktur_opd.csv` | - | line {len(infra_all) + 1} | the same "
      "`JUMLAH` totals row |")
    files = {id(p1): "survei_pegawai_bagian1.xlsx", id(p2): "survei_pegawai_bagian2.xlsx"}
    for kind, rows, marker, orig, desc in errors:
        idx = next(i for i, r in enumerate(rows) if r is marker)
        extra = ""
        if kind == "dup":
            j = next(i for i, r in enumerate(rows) if r is orig)
            extra = f": exact repeat of row {j + 2}"
        n += 1
        a(f"| {n} | `{files[id(rows)]}` | Survei | {idx + 2} | {desc}{extra} |")
    a("")
    a("## Deliberate messiness (must be accepted)\n")
    a("Typed the way OPDs type; the tool should normalise these, not reject them.\n")
    a("| File | Cell | Value | Means |\n|---|---|---|---|")
    for kode, col, clean, raw in quirks:
        cell = f"{col_letter[col]}{infra_row_of[kode]}"
        shown = f"`{raw!r}`" if isinstance(raw, str) else f"`{raw}` (number)"
        means = f"{clean:.0%}" if isinstance(clean, float) and col.startswith("SKP") else clean
        a(f"| `infrastruktur_opd.xlsx` | {cell} ({kode}, {col}) | {shown} | {means} |")
    a("")
    mixed = sorted({o.jenis for o in opds})
    a(f"- `Jenis OPD` is typed in mixed case: {', '.join('`' + m + '`' for m in mixed)}.")
    a("- The title row 1 of `infrastruktur_opd.xlsx` is a merged cell (A1:O1).")
    a("- In the survey about 3 % of the skill answers are `Tidak tahu` and about 1 % are blank.")
    drift = ", ".join(
        f"{k} ({sum(r[4] for r in jobs[k])} vs {next(o.pegawai for o in opds if o.kode == k)})"
        for k in JOB_TOTAL_DRIFT)
    a(f"- The job holders of four OPDs do not add up exactly to Jumlah Pegawai (all within "
      f"3 %): {drift}. Other OPDs match exactly.")
    a("")

    a("## Intended outcome per OPD\n")
    a("The profiles were designed to give a mixed, plausible result. The intended verdict is "
      "what the default rubric is expected to give; it is a design note, not a test oracle. "
      "`WFA-eligible` is the share of job holders in jobs meeting all eight job criteria; "
      "`skill` is the mean of the survey skill items.\n")
    a("| Kode | OPD | Staff | Intended | WFA-eligible | Laptop/staff | Mbps | SKP | Laporan "
      "| Garis depan | Skill | Internet baik | Why |")
    a("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for o in opds:
        st = survey_stats(per_opd[o.kode])
        a(f"| {o.kode} | {o.nama} | {o.pegawai} | {o.target} | "
          f"{eligible_share(jobs[o.kode]):.0%} | {o.laptop:.2f} | {o.bw:g} | "
          f"{o.skp:.0%} | {o.laporan} | {yt(o.depan)} | {st[0]:.2f} | {st[1]:.0%} | {o.why} |")
    counts = {t: sum(1 for o in opds if o.target == t) for t in (READY, LIMITED, NOT)}
    a("")
    a(f"Intended: {counts[READY]} {READY}, {counts[LIMITED]} {LIMITED}, {counts[NOT]} {NOT}.\n")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(L))


def dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def survey_stats(rows) -> tuple[float, float]:
    s = [v for r in rows for v in r[3:3 + len(SKILLS)] if isinstance(v, int)]
    inet = sum(1 for r in rows if r[3 + len(SKILLS)] == "Baik") / len(rows)
    return sum(s) / len(s), inet


# ---------------------------------------------------------------------------


def main():
    rng = random.Random(SEED)
    os.makedirs(OUT_FORMATS, exist_ok=True)
    opds = opd_table()

    infra_all, quirks = write_infra(opds)
    jobs = build_jobs(opds, rng)
    job_rows = write_jobs(jobs)
    write_jobs_ods(job_rows)
    write_jobs_csv(job_rows)
    write_infra_csv(infra_all)
    write_master(opds)

    per_opd, last_seq = build_survey(opds, jobs, rng)
    p1, p2, errors = survey_parts(per_opd, last_seq, rng)
    write_survey("survei_pegawai_bagian1.xlsx", p1)
    write_survey("survei_pegawai_bagian2.xlsx", p2)

    write_readme(opds, infra_all, quirks, job_rows, jobs, (p1, p2), errors, per_opd)

    total = sum(len(v) for v in per_opd.values())
    print(f"OPD: {len(opds)}  staff: {sum(o.pegawai for o in opds)}  jobs: {len(job_rows)}  "
          f"survey: {total} valid (+{len(p1) + len(p2) - total} deliberate extra rows)")
    for o in opds:
        st = survey_stats(per_opd[o.kode])
        print(f"  {o.kode} {o.target:15} elig={eligible_share(jobs[o.kode]):.2f} "
              f"skill={st[0]:.2f} inet={st[1]:.2f} n={len(per_opd[o.kode]):5d} {o.nama[:45]}")


if __name__ == "__main__":
    main()
