#!/usr/bin/env python3
"""Write the rubric-error CLI cases under tests/cmd/: one case per error site of the rubric
checker, each a copy of tests/fixtures/tiny/tiny.toml with ONE edit.

Each case is `tests/cmd/rubric-<name>.toml` (args, status) + `rubric-<name>.in/r.toml`; the
expected stderr (`rubric-<name>.stderr`) is written by running the tests once with
`TRYCMD=overwrite cargo test --test integration cmd::` and then READ BY A PERSON: the case is
right only if the message is the one the edit was meant to provoke.

Usage: python3 tools/gen_rubric_cases.py   (from the repository root; rewrites the cases)
"""
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests/fixtures/tiny/tiny.toml").read_text()
OUT = ROOT / "tests/cmd"

# (name, what the edit provokes, [(old, new), ...]) — `old` must occur in the base rubric;
# only its first occurrence is replaced. An `old` of None appends `new` at the end.
CASES = [
    ("format-version", "unsupported format-version", [("format-version = 1", "format-version = 9")]),
    ("toml-syntax", "a TOML syntax error", [("min-group-size = 3", "min-group-size = = 3")]),
    ("unknown-key", "unknown key", [('id = "skp_gate"', 'id = "skp_gate"\ncolour = "red"')]),
    ("empty-id", "the rubric id is empty", [('id = "tiny"', 'id = ""')]),
    ("min-group-size", "min-group-size must be at least 1", [("min-group-size = 3", "min-group-size = 0")]),
    ("min-coverage", "min-coverage is a share between 0 and 1", [("min-coverage = 0.5", "min-coverage = 1.5")]),
    ("decimals", "decimals must be between 0 and 10", [("decimals = 6", "decimals = 12")]),
    ("units-unknown-dataset", "unknown dataset in [units]", [('dataset = "infra"', 'dataset = "infrastruktur"')]),
    ("units-unknown-name", "unknown column in units.name", [('name = "nama_opd"', 'name = "nama"')]),
    ("units-headcount-alone", "units.respondents and units.headcount go together", [('name = "nama_opd"', 'name = "nama_opd"\nheadcount = "jumlah_pegawai"')]),
    ("units-headcount-unknown", "unknown headcount column", [('name = "nama_opd"', 'name = "nama_opd"\nheadcount = "pegawai"\nrespondents = "survei"')]),
    ("units-min-response", "min-response must be a share", [('name = "nama_opd"', 'name = "nama_opd"\nheadcount = "jumlah_pegawai"\nrespondents = "survei"\nmin-response = 3')]),
    ("dataset-id", "dataset id must use lowercase letters", [("[datasets.survei]", "[datasets.Survei-2]")]),
    ("dataset-pattern", "invalid pattern", [('files = ["infra*"]', 'files = ["infra[*"]')]),
    ("dataset-no-columns", "dataset has no columns", [(None, '\n[datasets.kosong]\nfiles = ["kosong*"]\nunit-key = "kode_opd"\ncolumns = []\n')]),
    ("column-twice", "column declared twice", [('{ name = "vpn", type = "boolean" },', '{ name = "vpn", type = "boolean" },\n  { name = "vpn", type = "boolean" },')]),
    ("column-type", "unknown column type", [('{ name = "vpn", type = "boolean" }', '{ name = "vpn", type = "bool" }')]),
    ("column-category-values", "a category column needs its values", [('{ name = "vpn", type = "boolean" }', '{ name = "vpn", type = "category" }')]),
    ("column-min-max", "min above max", [('type = "integer", min = 0 }', 'type = "integer", min = 5, max = 2 }')]),
    ("column-name", "a column name that is not a valid name", [('{ name = "vpn", type = "boolean" }', '{ name = "VPN kantor", type = "boolean" }')]),
    ("unit-key-unknown", "unknown unit-key column", [('unit-key = "kode_opd"', 'unit-key = "kode"')]),
    ("unique-unknown", "unknown unique column", [('unique = ["kode_opd"]', 'unique = ["kode"]')]),
    ("metric-text", "a metric that is not a number", [('expr = "AVG(skill)"', 'expr = "MAX(kode_opd)"')]),
    ("metric-not-aggregated", "a metric that is not one number per unit", [('expr = "AVG(skill)"', 'expr = "skill"')]),
    ("metric-name-clash", "a unit-level name defined twice", [('{ name = "skill_avg", expr = "AVG(skill)" },', '{ name = "skill_avg", expr = "AVG(skill)" },\n  { name = "laptop_dinas", expr = "AVG(skill)" },')]),
    ("metric-unknown-column", "a metric over an unknown column", [('expr = "AVG(skill)"', 'expr = "AVG(skil)"')]),
    ("no-dimensions", "no [[dimensions]]", [('[[dimensions]]\nid = "infra"\nweight = 2\n\n[[dimensions]]\nid = "kinerja"\nweight = 1\n\n[[dimensions]]\nid = "pegawai"\nweight = 1\n', '')]),
    ("dimension-twice", "dimension defined twice", [('id = "kinerja"\nweight = 1', 'id = "infra"\nweight = 1')]),
    ("dimension-weight-negative", "a weight below 0", [('id = "infra"\nweight = 2', 'id = "infra"\nweight = -2')]),
    ("dimension-weights-zero", "every dimension weight is 0", [('id = "infra"\nweight = 2', 'id = "infra"\nweight = 0'), ('id = "kinerja"\nweight = 1', 'id = "kinerja"\nweight = 0'), ('id = "pegawai"\nweight = 1', 'id = "pegawai"\nweight = 0')]),
    ("dimension-without-indicator", "a dimension with weight and no weighted indicator", [(None, '\n[[dimensions]]\nid = "layanan"\nweight = 1\n')]),
    ("indicator-twice", "indicator defined twice", [('id = "bandwidth"', 'id = "laptop"')]),
    ("indicator-unknown-dimension", "unknown dimension", [('dimension = "kinerja"', 'dimension = "kinerja_"')]),
    ("indicator-weight-negative", "indicator weight below 0", [('value = "bandwidth_mbps"\nweight = 1', 'value = "bandwidth_mbps"\nweight = -1')]),
    ("indicator-value-unknown", "unknown column in a value", [('value = "bandwidth_mbps"', 'value = "bandwidth"')]),
    ("indicator-value-text", "a value that is not a number", [('value = "bandwidth_mbps"', 'value = "nama_opd"')]),
    ("indicator-value-aggregate", "a value that aggregates across units", [('value = "bandwidth_mbps"', 'value = "AVG(bandwidth_mbps)"')]),
    ("indicator-missing", "missing must be exclude or zero", [('missing = "zero"', 'missing = "nol"')]),
    ("indicator-format", "unknown format", [('format = "boolean"', 'format = "bool"')]),
    ("indicator-placeholder", "unknown placeholder in a message", [('message = "{name}: laptop {value} < {target}"', 'message = "{name}: laptop {nilai} < {target}"')]),
    ("indicator-fix-gap", "a fix using {gap} without a gap", [('unit = "Mbps"', 'unit = "Mbps"\nfix = "add {gap} Mbps"')]),
    ("indicator-gap-text", "a gap that is not a number", [('gap = "CEIL(0.6 * jumlah_pegawai - laptop_dinas)"', 'gap = "nama_opd"')]),
    ("curve-kind", "unknown curve kind", [('{ kind = "linear", zero = 1, full = 5 }', '{ kind = "sigmoid", zero = 1, full = 5 }')]),
    ("curve-linear-points", "a linear curve with equal points", [('{ kind = "linear", zero = 1, full = 5 }', '{ kind = "linear", zero = 5, full = 5 }')]),
    ("curve-lognormal", "a log-normal curve with median 0", [('median = 20, good = 100', 'median = 0, good = 100')]),
    ("curve-steps-count", "thresholds and scores do not match", [('scores = [0, 50, 100]', 'scores = [0, 100]')]),
    ("curve-steps-order", "thresholds not increasing", [('thresholds = [0.5, 0.8]', 'thresholds = [0.8, 0.5]')]),
    ("curve-steps-scores", "step scores above 100", [('scores = [0, 50, 100]', 'scores = [0, 50, 150]')]),
    ("indicator-weights-zero", "every indicator weight is 0", [('value = "CAST(laptop_dinas AS DOUBLE) / jumlah_pegawai"\nweight = 2', 'value = "CAST(laptop_dinas AS DOUBLE) / jumlah_pegawai"\nweight = 0'), ('value = "bandwidth_mbps"\nweight = 1', 'value = "bandwidth_mbps"\nweight = 0'), ('value = "CAST(vpn AS DOUBLE)"\nweight = 1', 'value = "CAST(vpn AS DOUBLE)"\nweight = 0'), ('value = "persen_skp"\nweight = 1', 'value = "persen_skp"\nweight = 0'), ('value = "skill_avg"\nweight = 1', 'value = "skill_avg"\nweight = 0'), ('value = "porsi_bersedia"\nweight = 1', 'value = "porsi_bersedia"\nweight = 0')]),
    ("gate-require-number", "a gate require that is not a condition", [('require = "persen_skp >= 0.5"', 'require = "persen_skp"')]),
    ("gate-unknown-cap", "a gate cap naming an unknown verdict", [('cap = "belum"', 'cap = "belum_layak"')]),
    ("gate-twice", "gate defined twice", [('id = "front_line"', 'id = "skp_gate"')]),
    ("gate-if-missing", "if-missing must be fail or pass", [('message = "SKP below half"', 'message = "SKP below half"\nif-missing = "skip"')]),
    ("verdicts-one", "at least two verdicts", [('[[verdicts]]\nid = "terbatas"\nlabel = { id = "Layak Terbatas", en = "Feasible with limits" }\nmin-score = 50\n\n[[verdicts]]\nid = "belum"\nlabel = { id = "Belum Layak", en = "Not yet" }\nmin-score = 0\n', '')]),
    ("verdict-twice", "verdict defined twice", [('id = "terbatas"', 'id = "layak"')]),
    ("verdict-order", "min-score not decreasing", [('min-score = 50', 'min-score = 80')]),
    ("verdict-last-zero", "the last verdict must have min-score 0", [('min-score = 0', 'min-score = 10')]),
    ("verdict-range", "min-score out of range", [('min-score = 70', 'min-score = 170')]),
    ("verdict-id", "a verdict id that is not a valid name", [('id = "terbatas"', 'id = "Layak-Terbatas"')]),
    ("wfa-staff-text", "wfa staff-total that is not a number", [('staff-total = "jumlah_pegawai"', 'staff-total = "nama_opd"')]),
    ("wfa-share-unknown", "max-share-away naming an unknown verdict", [('max-share-away = { layak = 0.2, terbatas = 0.1, belum = 0.0 }', 'max-share-away = { layak = 0.2, terbatas = 0.1, belum_layak = 0.0 }')]),
    ("wfa-share-range", "max-share-away above 1", [('layak = 0.2, terbatas', 'layak = 2, terbatas')]),
    ("province-when-number", "a province rule when that is not a condition", [('when = "n_layak >= 2"', 'when = "n_layak"')]),
    ("province-unknown-verdict", "a province rule naming an unknown verdict", [('verdict = "layak"\nmessage = "{n_layak} layak"', 'verdict = "layak_penuh"\nmessage = "{n_layak} layak"')]),
    ("province-default", "a province default naming an unknown verdict", [('default = "belum"', 'default = "tidak"')]),
    ("improvement-twice", "improvement defined twice", [('id = "vpn"\nlabel = "Provide VPN"', 'id = "laptops"\nlabel = "Provide VPN"')]),
    ("improvement-both", "an improvement with adds-to and sets", [('sets = "vpn"', 'sets = "vpn"\nadds-to = "laptop_dinas"')]),
    ("improvement-neither", "an improvement with neither adds-to nor sets", [('sets = "vpn"\nto = "TRUE"\n', '')]),
    ("improvement-no-max", "an adds-to improvement without max", [('max = "jumlah_pegawai - laptop_dinas"\n', '')]),
    ("improvement-no-unit-cost", "an adds-to improvement without unit-cost", [('unit-cost = 10000000\n', '')]),
    ("improvement-sets-no-to", "a sets improvement without to", [('to = "TRUE"\n', '')]),
    ("improvement-cost", "a negative cost", [('cost = 100000000', 'cost = -1')]),
    ("improvement-step", "a step of 0", [('unit-cost = 10000000', 'unit-cost = 10000000\nstep = 0')]),
    ("improvement-unknown-column", "an improvement on an unknown column", [('adds-to = "laptop_dinas"', 'adds-to = "laptop"')]),
    # Numbers that must be finite and in range (rubrics/README.md, "Numbers and their ranges").
    ("weight-1e308", "a dimension weight of 1e308", [('id = "infra"\nweight = 2', 'id = "infra"\nweight = 1e308')]),
    ("weights-overflow", "two weights whose sum overflows", [('id = "infra"\nweight = 2', 'id = "infra"\nweight = 1.7e308'), ('id = "kinerja"\nweight = 1', 'id = "kinerja"\nweight = 1.7e308')]),
    ("indicator-weight-inf", "an indicator weight of inf", [('value = "bandwidth_mbps"\nweight = 1', 'value = "bandwidth_mbps"\nweight = inf')]),
    ("curve-lognormal-nan", "a log-normal median of nan", [('median = 20, good = 100', 'median = nan, good = 100')]),
    ("curve-linear-inf", "a linear curve ending at inf", [('{ kind = "linear", zero = 1, full = 5 }', '{ kind = "linear", zero = 1, full = +inf }')]),
    ("curve-steps-threshold-nan", "a step threshold of nan", [('thresholds = [0.5, 0.8]', 'thresholds = [0.5, nan]')]),
    ("curve-steps-score-nan", "a step score of nan", [('scores = [0, 50, 100]', 'scores = [0, nan, 100]')]),
    ("curve-boolean-inf", "a boolean score of -inf", [('scoring = { kind = "boolean" }', 'scoring = { kind = "boolean", false-score = -inf }')]),
    ("target-nan", "a target of nan", [('target = 0.6', 'target = nan')]),
    ("target-inf", "a target of inf", [('target = 20', 'target = inf')]),
    ("min-coverage-nan", "min-coverage of nan", [("min-coverage = 0.5", "min-coverage = nan")]),
    ("min-group-size-huge", "a min-group-size above 1000", [("min-group-size = 3", "min-group-size = 5000")]),
    ("units-min-response-nan", "min-response of nan", [('name = "nama_opd"', 'name = "nama_opd"\nheadcount = "jumlah_pegawai"\nrespondents = "survei"\nmin-response = nan')]),
    ("column-min-nan", "a column min of nan", [('type = "integer", min = 0 }', 'type = "integer", min = nan }')]),
    ("verdict-nan", "a verdict min-score of nan", [('min-score = 70', 'min-score = nan')]),
    ("wfa-days-negative", "max-days-per-week of -3", [("max-days-per-week = 2", "max-days-per-week = -3")]),
    ("wfa-days-week", "more WFA days than a working week", [("max-days-per-week = 2", "max-days-per-week = 7")]),
    ("wfa-share-nan", "a max-share-away of nan", [('layak = 0.2, terbatas', 'layak = nan, terbatas')]),
    ("improvement-unit-cost-nan", "a unit-cost of nan", [('unit-cost = 10000000', 'unit-cost = nan')]),
    ("improvement-cost-inf", "a cost of inf", [('cost = 100000000', 'cost = inf')]),
    ("improvement-step-nan", "a step of nan", [('unit-cost = 10000000', 'unit-cost = 10000000\nstep = nan')]),
    # Expressions past the size limits (README.md, "Limits").
    ("expr-5000-terms", "a 5,000-term expression", [('value = "bandwidth_mbps"', 'value = "' + ' + '.join(['bandwidth_mbps'] * 5000) + '"')]),
    ("expr-operators", "an expression with more than 256 operators", [('value = "bandwidth_mbps"', 'value = "' + '+'.join(['bandwidth_mbps'] * 260) + '"')]),
    ("expr-deep", "parentheses nested 40 deep", [('value = "bandwidth_mbps"', 'value = "' + '(' * 40 + 'bandwidth_mbps' + ')' * 40 + '"')]),
]

# Cases also run through `assess` on the tiny data: the same problem, exit 2, nothing scored.
ALSO_ASSESS = {"weight-1e308", "curve-lognormal-nan", "target-nan", "wfa-days-negative",
               "improvement-unit-cost-nan", "expr-5000-terms", "expr-deep"}
DATA = [ROOT / "tests/fixtures/tiny/infra.csv", ROOT / "tests/fixtures/tiny/survei.csv"]

# Rubrics that pass the checker but fail on the data: `assess` stops at the expression's place
# (`rubric-runtime-<name>`, assess only).
RUNTIME = [
    ("indicator-inf", "an indicator dividing by zero (inf)", [('value = "bandwidth_mbps"', 'value = "bandwidth_mbps / 0"')]),
    ("indicator-nan", "an indicator giving NaN", [('value = "bandwidth_mbps"', 'value = "bandwidth_mbps / 0 - bandwidth_mbps / 0"')]),
    ("gate-nan", "a NaN compared in a gate", [('require = "persen_skp >= 0.5"', 'require = "persen_skp / 0 - persen_skp / 0 >= 0.5"')]),
    ("cast-fails", "a cast that fails on the data", [('value = "bandwidth_mbps"', 'value = "CAST(nama_opd AS DOUBLE)"')]),
    ("derived-cast-fails", "a derived column whose cast fails on the data", [('per-unit = true\n', 'per-unit = true\nderived = [{ name = "nama_angka", expr = "CAST(nama_opd AS DOUBLE)" }]\n')]),
    ("plan-scale-inf", "`plan` with an improvement scale dividing by zero", [('scale = "1.0 / jumlah_pegawai"', 'scale = "1.0 / (jumlah_pegawai - jumlah_pegawai)"')]),
    ("province-cast-fails", "a province rule whose cast fails", [('when = "n_layak >= 2"', 'when = "n_layak >= CAST(CONCAT(\'dua\', units) AS DOUBLE)"')]),
    ("metric-cast-fails", "a metric cast that fails on the data", [('expr = "AVG(skill)"', 'expr = "AVG(CAST(kode_opd AS DOUBLE))"')]),
    ("province-inf", "a province rule dividing by zero (inf)", [('when = "n_layak >= 2"', 'when = "n_layak / 0.0 >= 2"')]),
    ("integer-overflow", "an integer sum that overflows (wraps) beyond the value scale", [('value = "bandwidth_mbps"', 'value = "CAST(9223372036854775807 AS BIGINT) + jumlah_pegawai"')]),
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("rubric-*"):
        if old.is_dir():
            shutil.rmtree(old)
        elif old.suffix == ".toml":
            old.unlink()
    bad = 0
    for name, what, edits in CASES:
        text = BASE
        for old, new in edits:
            if old is None:
                text += new
            elif old not in text:
                print(f"{name}: `{old}` not in the base rubric", file=sys.stderr)
                bad += 1
            else:
                text = text.replace(old, new, 1)
        if text == BASE:
            print(f"{name}: no edit", file=sys.stderr)
            bad += 1
        d = OUT / f"rubric-{name}.in"
        d.mkdir()
        (d / "r.toml").write_text(f"# Case rubric-{name}: {what}.\n" + text)
        (OUT / f"rubric-{name}.toml").write_text(
            f'# {what}: `rubric check` lists it with its place and exits 2.\n'
            'bin.name = "kesiapan"\n'
            'args = ["rubric", "check", "r.toml"]\n'
            'status.code = 2\n'
        )
        if name in ALSO_ASSESS:
            d = OUT / f"rubric-{name}-assess.in"
            d.mkdir()
            (d / "r.toml").write_text(f"# Case rubric-{name}-assess: {what}.\n" + text)
            (d / "data").mkdir()
            for f in DATA:
                shutil.copy(f, d / "data" / f.name)
            (OUT / f"rubric-{name}-assess.toml").write_text(
                f'# {what}: `assess` refuses the rubric with its place, exits 2 and scores nothing.\n'
                'bin.name = "kesiapan"\n'
                'args = ["assess", "--rubric", "r.toml", "--data", "data", "--format", "json", "--out", "out"]\n'
                'status.code = 2\n'
                'fs.sandbox = true\n'
            )
    for name, what, edits in RUNTIME:
        text = BASE
        for old, new in edits:
            if old not in text:
                print(f"{name}: `{old}` not in the base rubric", file=sys.stderr)
                bad += 1
            text = text.replace(old, new, 1)
        d = OUT / f"rubric-runtime-{name}.in"
        d.mkdir()
        (d / "r.toml").write_text(f"# Case rubric-runtime-{name}: {what}.\n" + text)
        (d / "data").mkdir()
        for f in DATA:
            shutil.copy(f, d / "data" / f.name)
        args = '["assess", "--rubric", "r.toml", "--data", "data", "--format", "json", "--out", "out", "-q"]'
        if name.startswith("plan-"):
            args = '["plan", "--rubric", "r.toml", "--data", "data", "-q"]'
        (OUT / f"rubric-runtime-{name}.toml").write_text(
            f'# {what}: the checker accepts it; the run stops at the expression, exit 2.\n'
            'bin.name = "kesiapan"\n'
            f'args = {args}\n'
            'status.code = 2\n'
            'fs.sandbox = true\n'
        )
    print(f"{len(CASES)} cases (and {len(ALSO_ASSESS)} through assess), {len(RUNTIME)} run-time cases written to {OUT}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
