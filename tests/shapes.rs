//! Generated rubric shapes: random *valid* rubrics (no gates, no `[wfa]`, no `[province]`, two to
//! five verdicts, one dataset or three, a personal jobs dataset with or without `count`, …) with
//! small data files that fit them, run through the whole pipeline in-process and rendered in
//! every format and both languages (some cases through the real binary). Every render must
//! succeed and name every unit. Deterministic: the cases come from fixed seeds.

use crate::common::*;
use kesiapan::assessment::Assessment;
use kesiapan::report::bundle::{self, Format, RenderCtx};
use kesiapan::report::{self, templates::Templates};
use kesiapan::rubric::{Lang, Rubric};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// Number of generated cases; each covers one combination of the shape switches below.
const CASES: u64 = 24;
/// Cases after those: extremes (one unit, no obstacle anywhere, no score anywhere, …).
const EXTREMES: u64 = 6;

/// A small deterministic generator (SplitMix64): the same seed gives the same rubric everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A whole number in lo..=hi.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next() as usize % xs.len()]
    }
}

/// What a generated rubric has.
#[derive(Debug, Clone)]
struct Shape {
    verdicts: usize,
    gates: bool,
    wfa: bool,
    province: bool,
    /// Only the per-unit office sheet; else also a jobs and a survey dataset.
    one_dataset: bool,
    /// `[wfa] jobs` without `count`: each jobs row is one holder.
    jobs_without_count: bool,
    /// The jobs dataset is personal (its metrics are suppressed for small groups).
    jobs_personal: bool,
    /// `[units] dataset` names the office sheet (else the units are every key seen).
    unit_list: bool,
    improvements: bool,
    min_group: i64,
    units: usize,
    /// 0: a normal case (units decided by score, coverage and the gate); else one of the
    /// extremes: 1 a single unit, 2 every unit perfect, 3 no unit with any figure, 4 the bare
    /// minimum (one unit, one dataset, nothing optional), 5 six verdicts and every unit capped,
    /// 6 every unit decided by coverage.
    extreme: u64,
}

impl Shape {
    /// The switches from the case number, so that every shape comes up in a few cases.
    fn of(case: u64, rng: &mut Rng) -> Shape {
        let bit = |b: u64| case >> b & 1 == 1;
        let extreme = case.saturating_sub(CASES - 1);
        let one_dataset = case % 4 == 3 || extreme == 4;
        let mut s = Shape {
            verdicts: [2, 3, 4, 5][(case % 4) as usize ^ (case / 4 % 2) as usize],
            gates: !bit(0),
            wfa: case % 3 != 1,
            province: !bit(1),
            one_dataset,
            jobs_without_count: !one_dataset && case % 5 != 2,
            jobs_personal: !one_dataset && !bit(2),
            unit_list: case % 6 != 5,
            improvements: bit(3) || case.is_multiple_of(7),
            min_group: rng.int(1, 5),
            units: rng.int(4, 7) as usize,
            extreme,
        };
        match extreme {
            1 | 4 => s.units = 1,
            5 => {
                s.verdicts = 6;
                s.gates = true;
            }
            _ => {}
        }
        if extreme == 4 {
            (s.gates, s.wfa, s.province, s.improvements) = (false, false, false, false);
            s.jobs_without_count = false;
            s.jobs_personal = false;
        }
        s
    }
}

/// One generated case: the rubric's text, its data files and what it must show.
struct Case {
    shape: Shape,
    rubric: String,
    files: Vec<(String, Vec<u8>)>,
    units: Vec<String>,
}

fn text(id: &str, en: &str) -> String {
    format!("{{ id = \"{id}\", en = \"{en}\" }}")
}

/// An indicator the generator can use: (id, value expression, curve, format, unit, target).
struct Ind {
    id: &'static str,
    value: &'static str,
    curve: String,
    format: &'static str,
    target: Option<f64>,
    /// Needs the jobs and survey datasets.
    multi: bool,
    gap: Option<&'static str>,
}

fn indicators(rng: &mut Rng) -> Vec<Ind> {
    let lo = rng.int(0, 3) as f64 / 10.0;
    vec![
        Ind {
            id: "rasio_laptop",
            value: "CAST(laptop AS DOUBLE) / pegawai",
            curve: if rng.chance(0.5) {
                format!("{{ kind = \"linear\", zero = {lo}, full = 0.9 }}")
            } else {
                "{ kind = \"steps\", thresholds = [0.3, 0.6], scores = [0, 60, 100] }".into()
            },
            format: "percent",
            target: Some(0.6),
            multi: false,
            gap: Some("CEIL(0.6 * pegawai - COALESCE(laptop, 0))"),
        },
        Ind {
            id: "akses_vpn",
            value: "CAST(vpn AS DOUBLE)",
            curve: if rng.chance(0.5) {
                "{ kind = \"boolean\" }".into()
            } else {
                format!(
                    "{{ kind = \"boolean\", true-score = 100, false-score = {} }}",
                    rng.int(0, 40)
                )
            },
            format: "boolean",
            target: Some(1.0),
            multi: false,
            gap: None,
        },
        Ind {
            id: "bandwidth",
            value: "bandwidth",
            curve: "{ kind = \"log-normal\", median = 20, good = 100 }".into(),
            format: "number",
            target: if rng.chance(0.5) { Some(20.0) } else { None },
            multi: false,
            gap: None,
        },
        Ind {
            id: "porsi_bersedia",
            value: "porsi_bersedia",
            curve: if rng.chance(0.5) {
                "{ kind = \"linear\", zero = 0.2, full = 0.9 }".into()
            } else {
                "{ kind = \"steps\", thresholds = [0.25, 0.5, 0.75], scores = [0, 40, 80, 100] }"
                    .into()
            },
            format: "percent",
            target: Some(0.5),
            multi: true,
            gap: None,
        },
        Ind {
            id: "porsi_jabatan_layak",
            value: "CAST(jabatan_layak AS DOUBLE) / NULLIF(jabatan_rows, 0)",
            curve: "{ kind = \"linear\", zero = 0, full = 0.8 }".into(),
            format: "percent",
            target: Some(0.4),
            multi: true,
            gap: None,
        },
    ]
}

fn generate(case: u64) -> Case {
    let mut rng = Rng(0x6b65_7369_6170_616e ^ case.wrapping_mul(0x1000_0000_01b3));
    let s = Shape::of(case, &mut rng);
    let mut r = String::new();
    let w = |r: &mut String, line: &str| {
        r.push_str(line);
        r.push('\n');
    };
    w(&mut r, "format-version = 1");
    w(&mut r, &format!("id = \"bentuk-{case}\""));
    w(&mut r, "version = \"0.1.0\"");
    w(
        &mut r,
        &format!(
            "title = {}",
            text(
                &format!("Rubrik bentuk {case}"),
                &format!("Shape rubric {case}")
            )
        ),
    );
    w(&mut r, &format!("min-group-size = {}", s.min_group));
    let mut min_coverage = rng.int(5, 8) as f64 / 10.0;
    w(&mut r, "");
    w(&mut r, "[units]");
    if s.unit_list {
        w(&mut r, "dataset = \"kantor\"");
        w(&mut r, "name = \"nama\"");
        w(&mut r, &format!("label = {}", text("OPD", "work unit")));
        if !s.one_dataset && rng.chance(0.5) {
            w(&mut r, "headcount = \"pegawai\"");
            w(&mut r, "respondents = \"survei\"");
        }
    }
    w(&mut r, "");
    w(&mut r, "[scoring]");
    // Set once the weights are known (below).
    w(&mut r, "min-coverage = MIN_COVERAGE");
    w(&mut r, &format!("decimals = {}", rng.int(1, 4)));

    w(&mut r, "\n[datasets.kantor]");
    w(&mut r, "files = [\"*kantor*\"]");
    w(&mut r, "unit-key = \"kode\"");
    w(&mut r, "unique = [\"kode\"]");
    w(&mut r, "per-unit = true");
    w(&mut r, "columns = [");
    w(
        &mut r,
        "  { name = \"kode\", type = \"text\", required = true, aliases = [\"kode opd\"] },",
    );
    w(
        &mut r,
        "  { name = \"nama\", type = \"text\", required = true, aliases = [\"nama opd\"] },",
    );
    w(
        &mut r,
        "  { name = \"pegawai\", type = \"integer\", required = true, min = 1 },",
    );
    w(
        &mut r,
        "  { name = \"laptop\", type = \"integer\", min = 0 },",
    );
    w(&mut r, "  { name = \"vpn\", type = \"boolean\" },");
    w(
        &mut r,
        "  { name = \"bandwidth\", type = \"number\", min = 0 },",
    );
    w(
        &mut r,
        "  { name = \"kinerja\", type = \"percent\", min = 0, max = 1 },",
    );
    w(&mut r, "]");
    if !s.one_dataset {
        w(&mut r, "\n[datasets.jabatan]");
        w(&mut r, "files = [\"*jabatan*\"]");
        w(&mut r, "unit-key = \"kode\"");
        if s.jobs_personal {
            w(&mut r, "personal = true");
        }
        w(&mut r, "columns = [");
        w(
            &mut r,
            "  { name = \"kode\", type = \"text\", required = true },",
        );
        w(
            &mut r,
            "  { name = \"nama_jabatan\", type = \"text\", required = true },",
        );
        w(&mut r, "  { name = \"layak_wfa\", type = \"boolean\" },");
        if !s.jobs_without_count {
            w(
                &mut r,
                "  { name = \"jumlah\", type = \"integer\", min = 0 },",
            );
        }
        w(&mut r, "]");
        w(
            &mut r,
            "metrics = [ { name = \"jabatan_layak\", expr = \"SUM(CASE WHEN layak_wfa THEN 1 ELSE 0 END)\" } ]",
        );
        w(&mut r, "\n[datasets.survei]");
        w(&mut r, "files = [\"*survei*\"]");
        w(&mut r, "unit-key = \"kode\"");
        w(&mut r, "personal = true");
        w(&mut r, "unique = [\"id_responden\"]");
        w(&mut r, "columns = [");
        w(
            &mut r,
            "  { name = \"kode\", type = \"text\", required = true },",
        );
        w(
            &mut r,
            "  { name = \"id_responden\", type = \"text\", required = true, personal = true },",
        );
        w(&mut r, "  { name = \"bersedia\", type = \"boolean\" },");
        w(&mut r, "  { name = \"tatap_muka\", type = \"likert\" },");
        w(&mut r, "]");
        w(
            &mut r,
            "metrics = [ { name = \"porsi_bersedia\", expr = \"AVG(CAST(bersedia AS DOUBLE))\" }, { name = \"rata_tatap_muka\", expr = \"AVG(tatap_muka)\" } ]",
        );
    }

    // Dimensions and indicators: every dimension gets at least one weighted indicator.
    let pool: Vec<Ind> = indicators(&mut rng)
        .into_iter()
        .filter(|i| !s.one_dataset || !i.multi)
        .collect();
    let ndim = rng.int(1, 3.min(pool.len() as i64)) as usize;
    let dims: Vec<String> = (0..ndim).map(|d| format!("dimensi_{d}")).collect();
    let mut dim_weights = Vec::new();
    for (d, id) in dims.iter().enumerate() {
        w(&mut r, "\n[[dimensions]]");
        w(&mut r, &format!("id = \"{id}\""));
        w(
            &mut r,
            &format!(
                "label = {}",
                text(&format!("Dimensi {d}"), &format!("Dimension {d}"))
            ),
        );
        let weight = rng.int(1, 4);
        dim_weights.push(weight as f64);
        w(&mut r, &format!("weight = {weight}"));
    }
    let mut placed: Vec<(&str, usize, f64)> = Vec::new();
    for (k, ind) in pool.iter().enumerate() {
        // The first `ndim` indicators open one dimension each; the rest go anywhere.
        let di = if k < ndim {
            k
        } else {
            rng.int(0, ndim as i64 - 1) as usize
        };
        let dim = &dims[di];
        w(&mut r, "\n[[indicators]]");
        w(&mut r, &format!("id = \"{}\"", ind.id));
        w(&mut r, &format!("dimension = \"{dim}\""));
        w(
            &mut r,
            &format!(
                "label = {}",
                text(
                    &format!("Indikator {}", ind.id),
                    &format!("Indicator {}", ind.id)
                )
            ),
        );
        w(&mut r, &format!("value = \"{}\"", ind.value));
        let weight = rng.int(1, 3);
        placed.push((ind.id, di, weight as f64));
        w(&mut r, &format!("weight = {weight}"));
        w(&mut r, &format!("scoring = {}", ind.curve));
        if let Some(t) = ind.target {
            w(&mut r, &format!("target = {t}"));
        }
        w(&mut r, &format!("format = \"{}\"", ind.format));
        if ind.id == "bandwidth" && rng.chance(0.5) {
            w(&mut r, "unit = \"Mbps\"");
        }
        if rng.chance(0.4) {
            let extra = if ind.gap.is_some() { " {gap}" } else { "" };
            w(
                &mut r,
                &format!(
                    "message = {}",
                    text(
                        &format!(
                            "{{label}} {{name}}: {{value}} (target {{target}} {{unit}}, skor {{score}}){extra}"
                        ),
                        &format!(
                            "{{label}} {{name}}: {{value}} (target {{target}} {{unit}}, score {{score}}){extra}"
                        )
                    )
                ),
            );
        }
        // Replaced below by `missing = "zero"` for the one indicator unit 1 has data for.
        w(&mut r, &format!("# MISSING:{}", ind.id));
        if let Some(g) = ind.gap {
            w(&mut r, &format!("gap = \"{g}\""));
            w(
                &mut r,
                &format!(
                    "fix = {}",
                    text("Tambah {gap} laptop.", "Add {gap} laptops.")
                ),
            );
        }
        if s.wfa && rng.chance(0.3) {
            w(&mut r, "affects = \"pegawai\"");
        }
    }
    // Unit 1 will have data for one office indicator only, the one with the smallest nominal
    // share of the weight; min-coverage is set above that share, so that coverage decides.
    let total_dim: f64 = dim_weights.iter().sum();
    let share = |id: &str| {
        let (_, d, wt) = placed.iter().find(|p| p.0 == id).unwrap();
        let in_dim: f64 = placed.iter().filter(|p| p.1 == *d).map(|p| p.2).sum();
        dim_weights[*d] / total_dim * wt / in_dim
    };
    let lonely = *["rasio_laptop", "akses_vpn", "bandwidth"]
        .iter()
        .min_by(|a, b| share(a).total_cmp(&share(b)))
        .unwrap();
    min_coverage = f64::max(min_coverage, ((share(lonely) + 0.1) * 10.0).ceil() / 10.0);
    assert!(min_coverage <= 1.0);
    r = r.replace("MIN_COVERAGE", &min_coverage.to_string());
    if rng.chance(0.5) {
        r = r.replace(&format!("# MISSING:{lonely}\n"), "missing = \"zero\"\n");
    }
    // An information-only indicator now and then.
    if rng.chance(0.4) {
        w(&mut r, "\n[[indicators]]");
        w(&mut r, "id = \"info_pegawai\"");
        w(&mut r, &format!("dimension = \"{}\"", dims[0]));
        w(&mut r, "value = \"pegawai\"");
        w(&mut r, "weight = 0");
        w(
            &mut r,
            "scoring = { kind = \"linear\", zero = 0, full = 100 }",
        );
        w(&mut r, "format = \"integer\"");
    }

    // Verdicts best first, strictly decreasing, the last at 0.
    let ids: Vec<String> = (0..s.verdicts).map(|v| format!("tingkat_{v}")).collect();
    let mut min = 100 - rng.int(20, 40);
    for (v, id) in ids.iter().enumerate() {
        w(&mut r, "\n[[verdicts]]");
        w(&mut r, &format!("id = \"{id}\""));
        w(
            &mut r,
            &format!(
                "label = {}",
                text(&format!("Tingkat {v}"), &format!("Level {v}"))
            ),
        );
        let m = if v + 1 == s.verdicts { 0 } else { min };
        w(&mut r, &format!("min-score = {m}"));
        min = (min - rng.int(8, 15)).max(s.verdicts as i64 - v as i64 - 1);
    }
    let worst = ids.last().unwrap().clone();

    if s.gates {
        // Caps at a verdict below the best, so that a unit with a good score is decided by it.
        let cap = &ids[rng.int(1, s.verdicts as i64 - 1) as usize];
        w(&mut r, "\n[[gates]]");
        w(&mut r, "id = \"kinerja_terukur\"");
        w(
            &mut r,
            &format!(
                "label = {}",
                text("Kinerja terukur", "Measurable performance")
            ),
        );
        w(&mut r, "require = \"kinerja >= 0.5\"");
        w(&mut r, &format!("cap = \"{cap}\""));
        w(
            &mut r,
            &format!("if-missing = \"{}\"", rng.pick(&["fail", "pass"])),
        );
        w(
            &mut r,
            &format!(
                "message = {}",
                text(
                    "{name}: kinerja belum terukur.",
                    "{name}: performance not measured."
                )
            ),
        );
        if rng.chance(0.5) {
            w(
                &mut r,
                &format!("fix = {}", text("Ukur kinerja.", "Measure performance.")),
            );
        }
    }

    if s.wfa {
        w(&mut r, "\n[wfa]");
        w(&mut r, "staff-total = \"pegawai\"");
        if s.one_dataset {
            w(&mut r, "staff-eligible = \"pegawai * 0.6\"");
        } else if s.jobs_without_count {
            w(
                &mut r,
                "staff-eligible = \"COALESCE(jabatan_layak, 0) + pegawai * 0.2\"",
            );
        } else {
            w(&mut r, "staff-eligible = \"pegawai * 0.5\"");
        }
        if rng.chance(0.5) {
            w(&mut r, "min-on-site = \"CEIL(0.25 * pegawai)\"");
        }
        let shares: Vec<String> = ids
            .iter()
            .enumerate()
            .filter(|(v, _)| *v + 1 < s.verdicts && rng.chance(0.8))
            .map(|(v, id)| format!("{id} = {}", 0.3 - 0.05 * v as f64))
            .collect();
        w(
            &mut r,
            &format!("max-share-away = {{ {} }}", shares.join(", ")),
        );
        if rng.chance(0.5) {
            w(&mut r, &format!("max-days-per-week = {}", rng.int(1, 3)));
        }
        if !s.one_dataset {
            if s.jobs_without_count {
                w(
                    &mut r,
                    "jobs = { dataset = \"jabatan\", eligible = \"layak_wfa\", name = \"nama_jabatan\" }",
                );
            } else {
                w(
                    &mut r,
                    "jobs = { dataset = \"jabatan\", eligible = \"layak_wfa\", name = \"nama_jabatan\", count = \"jumlah\" }",
                );
            }
        }
        if rng.chance(0.6) {
            w(
                &mut r,
                &format!(
                    "conditions = [ {} ]",
                    text("Lapor harian.", "Daily report.")
                ),
            );
        }
    }

    if s.province {
        w(&mut r, "\n[province]");
        w(
            &mut r,
            &format!("label = {}", text("Provinsi Uji", "Test Province")),
        );
        w(&mut r, &format!("default = \"{worst}\""));
        w(
            &mut r,
            &format!(
                "default-message = {}",
                text(
                    &format!("{{n_{worst}}} dari {{units}} belum."),
                    &format!("{{n_{worst}}} of {{units}} not yet.")
                )
            ),
        );
        let best = &ids[0];
        w(&mut r, "\n[[province.rules]]");
        w(&mut r, &format!("when = \"share_{best} >= 0.5\""));
        w(&mut r, &format!("verdict = \"{best}\""));
        w(
            &mut r,
            &format!(
                "message = {}",
                text(
                    &format!("{{n_{best}}} dari {{units}}; {{staff_allowed}} pegawai."),
                    &format!("{{n_{best}}} of {{units}}; {{staff_allowed}} staff.")
                )
            ),
        );
    }

    if s.improvements {
        w(&mut r, "\n[[improvements]]");
        w(&mut r, "id = \"laptop\"");
        w(
            &mut r,
            &format!("label = {}", text("Beli laptop", "Buy laptops")),
        );
        w(&mut r, "adds-to = \"laptop\"");
        w(
            &mut r,
            "max = \"GREATEST(pegawai - COALESCE(laptop, 0), 0)\"",
        );
        w(&mut r, "unit-cost = 12_000_000");
        w(&mut r, &format!("unit = {}", text("laptop", "laptops")));
        w(
            &mut r,
            &format!("assumption = {}", text("asumsi harga", "assumed price")),
        );
        w(&mut r, "\n[[improvements]]");
        w(&mut r, "id = \"vpn\"");
        w(
            &mut r,
            &format!("label = {}", text("Sediakan VPN", "Provide VPN")),
        );
        w(&mut r, "sets = \"vpn\"");
        w(&mut r, "to = \"TRUE\"");
        w(&mut r, "cost = 75_000_000");
    }

    // Every third case gives its texts in Indonesian only (`{ id = "…" }`): English falls back.
    if case % 3 == 2 {
        while let Some(at) = r.find(", en = \"") {
            let end = at + 8 + r[at + 8..].find('"').unwrap();
            r.replace_range(at..=end, "");
        }
    }

    // Data. Unit 0 is complete and good (decided by its score), unit 1 has next to no data
    // (decided by coverage), unit 2 is good but fails the gate (decided by it); the rest random.
    let mut units: Vec<String> = (0..s.units).map(|u| format!("UX{case:02}-{u}")).collect();
    let sep = *rng.pick(&[";", ","]);
    let mut kantor = [
        "kode",
        "nama opd",
        "pegawai",
        "laptop",
        "vpn",
        "bandwidth",
        "kinerja",
    ]
    .join(sep)
        + "\n";
    let mut jabatan = String::from("kode;nama_jabatan;layak_wfa");
    if !s.jobs_without_count {
        jabatan.push_str(";jumlah");
    }
    jabatan.push('\n');
    let mut survei = String::from("kode;id_responden;bersedia;tatap_muka\n");
    let yn = |b: bool| if b { "Ya" } else { "Tidak" };
    let mut respondent = 0;
    for (k, u) in units.iter().enumerate() {
        let staff = rng.int(5, 40);
        let cell = |rng: &mut Rng, v: String| if rng.chance(0.15) { String::new() } else { v };
        // Which kind of unit this is (the extremes make every unit the same kind; 9: no figure).
        let kind = match s.extreme {
            1 | 2 | 4 => 0,
            3 => 9,
            5 => 2,
            6 => 1,
            _ => k,
        };
        let row: Vec<String> = match kind {
            0 => vec![
                staff.to_string(),
                staff.to_string(),
                "Ya".into(),
                "150".into(),
                "90%".into(),
            ],
            1 => {
                let only = |id: &str, v: String| if lonely == id { v } else { String::new() };
                vec![
                    staff.to_string(),
                    only("rasio_laptop", staff.to_string()),
                    only("akses_vpn", "Ya".into()),
                    only("bandwidth", "150".into()),
                    "90%".into(),
                ]
            }
            9 => vec![
                staff.to_string(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ],
            2 if s.gates => vec![
                staff.to_string(),
                staff.to_string(),
                "Ya".into(),
                "150".into(),
                "10%".into(),
            ],
            _ => {
                let v = [
                    rng.int(0, staff).to_string(),
                    yn(rng.chance(0.5)).to_string(),
                    rng.int(1, 200).to_string(),
                    format!("{}%", rng.int(0, 100)),
                ];
                std::iter::once(staff.to_string())
                    .chain(v.into_iter().map(|x| cell(&mut rng, x)))
                    .collect()
            }
        };
        let name = format!("Dinas {u}");
        writeln!(kantor, "{u}{sep}{name}{sep}{}", row.join(sep)).unwrap();
        if s.one_dataset || kind == 1 || kind == 9 {
            continue;
        }
        // Jobs: without `count` each row is one holder.
        // Complete units: three job names, each with more holders than the minimum group.
        let jobs = if kind == 0 || kind == 2 {
            3 * (s.min_group + 1)
        } else {
            rng.int(1, 6)
        };
        for j in 0..jobs {
            let eligible = kind == 0 || kind == 2 || rng.chance(0.6);
            let mut line = format!("{u};Jabatan {};{}", j % 3, yn(eligible));
            if !s.jobs_without_count {
                line.push_str(&format!(";{}", rng.int(1, 9)));
            }
            jabatan.push_str(&line);
            jabatan.push('\n');
        }
        // Survey: complete units get enough respondents not to be suppressed.
        let n = if kind == 0 || kind == 2 {
            s.min_group + 1
        } else {
            rng.int(0, 6)
        };
        for _ in 0..n {
            respondent += 1;
            writeln!(
                survei,
                "{u};R{respondent:04};{};{}",
                yn(kind == 0 || kind == 2 || rng.chance(0.5)),
                rng.int(1, 5)
            )
            .unwrap();
        }
    }
    // Without a unit list, a unit may be known only from the survey: no office row at all.
    if !s.unit_list && !s.one_dataset && s.extreme == 0 {
        let solo = format!("UX{case:02}-solo");
        for _ in 0..rng.int(1, 3) {
            respondent += 1;
            writeln!(survei, "{solo};R{respondent:04};Ya;3").unwrap();
        }
        units.push(solo);
    }
    // Every other case sends workbooks (numbers as number cells, under a title row), and the
    // survey as two files.
    let as_xlsx = case % 2 == 1;
    let file = |name: &str, body: String, sep: &str| -> (String, Vec<u8>) {
        if as_xlsx {
            (format!("{name}.xlsx"), workbook(&body, sep))
        } else {
            (format!("{name}.csv"), body.into_bytes())
        }
    };
    let mut files = vec![file("kantor", kantor, sep)];
    if !s.one_dataset {
        files.push(file("jabatan", jabatan, ";"));
        let lines: Vec<&str> = survei.lines().collect();
        let half = lines.len().div_ceil(2).max(1);
        let second = std::iter::once(lines[0])
            .chain(lines[half..].iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
        files.push(file("survei-bagian1", lines[..half].join("\n") + "\n", ";"));
        files.push(file("survei-bagian2", second + "\n", ";"));
    }
    // Without a unit list, unit 1 is a unit only through its office row (it has no other rows).
    Case {
        shape: s,
        rubric: r,
        files,
        units,
    }
}

/// A CSV text as a workbook: a title row above the header, numbers as number cells.
fn workbook(csv: &str, sep: &str) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Formulir isian").unwrap();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(sep).enumerate() {
            let (r, c) = (r as u32 + 2, c as u16);
            match cell.parse::<f64>() {
                Ok(x) => ws.write_number(r, c, x).unwrap(),
                Err(_) if cell.is_empty() => ws,
                Err(_) => ws.write_string(r, c, cell).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The readable text of an output file (zip containers unpacked).
fn readable(name: &str, bytes: &[u8]) -> String {
    if name.ends_with(".xlsx") || name.ends_with(".docx") {
        // Word splits runs; strip the tags so that ids spread over runs still read whole.
        let xml = zip_text(bytes);
        let mut out = String::new();
        let mut in_tag = false;
        for c in xml.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    } else {
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|_| panic!("{name} is not UTF-8"))
    }
}

fn write_case(c: &Case, dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for (n, body) in &c.files {
        std::fs::write(data.join(n), body).unwrap();
    }
    let rubric = dir.join("rubric.toml");
    std::fs::write(&rubric, &c.rubric).unwrap();
    rubric
}

fn load(c: &Case, dir: &Path) -> (Rubric, kesiapan::input::Loaded) {
    let path = write_case(c, dir);
    let r = kesiapan::rubric::load(&path).unwrap_or_else(|e| {
        panic!(
            "the generator wrote a rubric the checker refuses ({:?}):\n{e}\n{}",
            c.shape, c.rubric
        )
    });
    let loaded = kesiapan::input::load(
        &r,
        &kesiapan::input::Sources {
            dir: Some(dir.join("data")),
            files: Vec::new(),
            resubmit: Default::default(),
            keep_going: false,
            units: None,
        },
    )
    .unwrap();
    (r, loaded)
}

/// Every format, rendered in memory; each must succeed and name every unit.
fn render_all(c: &Case, a: &Assessment, what: &str) {
    let ctx = RenderCtx {
        templates: Templates::default(),
        memo: report::briefing::MemoConfig::resolve(&Templates::default(), None, None, None, None)
            .unwrap(),
        csv_dialect: Default::default(),
    };
    let mut names = BTreeSet::new();
    for f in [
        Format::Json,
        Format::Md,
        Format::Briefing,
        Format::Docx,
        Format::Html,
        Format::Xlsx,
        Format::Csv,
    ] {
        let files = bundle::render(a, &[f], &ctx)
            .unwrap_or_else(|e| panic!("{what}: --format {f:?} failed: {e:#}\n{}", c.rubric));
        assert!(!files.is_empty(), "{what}: {f:?} wrote nothing");
        for (name, body) in files {
            let text = readable(&name, &body);
            for u in &c.units {
                assert!(
                    text.contains(u.as_str()),
                    "{what}: unit {u} missing from {name} ({f:?})\n{}",
                    c.rubric
                );
            }
            names.insert(name);
        }
    }
    // The HTML says what decided each verdict that the score did not.
    let html = bundle::render(a, &[Format::Html], &ctx)
        .unwrap()
        .remove(0)
        .1;
    let html = String::from_utf8(html).unwrap();
    let (coverage, capped) = match a.lang {
        Lang::Id => (
            "Hasil penilaian ditentukan oleh kelengkapan data",
            "Hasil penilaian dibatasi oleh syarat",
        ),
        Lang::En => (
            "Verdict decided by data coverage",
            "Verdict capped by the condition",
        ),
    };
    let by = |what: &str| a.units.iter().filter(|u| u.decided_by == what).count();
    assert_eq!(html.matches(coverage).count(), by("coverage"), "{what}");
    assert_eq!(
        html.matches(&format!("{capped}: Kinerja terukur")).count()
            + html
                .matches(&format!("{capped}: Measurable performance"))
                .count(),
        by("kinerja_terukur"),
        "{what}"
    );
    // `render` from the saved assessment.json gives the same bytes.
    let json = bundle::render(a, &[Format::Json], &ctx)
        .unwrap()
        .remove(0)
        .1;
    let again: Assessment = serde_json::from_slice(&json).unwrap();
    let (first, second) = (
        bundle::render(a, &[Format::All], &ctx).unwrap(),
        bundle::render(&again, &[Format::All], &ctx).unwrap(),
    );
    for ((name, x), (_, y)) in first.iter().zip(&second) {
        if x != y {
            let (x, y) = (readable(name, x), readable(name, y));
            let at = x.bytes().zip(y.bytes()).take_while(|(a, b)| a == b).count();
            panic!(
                "{what}: {name} rendered from assessment.json differs at byte {at}:\n{}\n---\n{}",
                &x[at.saturating_sub(200)..(at + 200).min(x.len())],
                &y[at.saturating_sub(200)..(at + 200).min(y.len())]
            );
        }
    }
    assert!(report::terminal::render(a).contains(c.units[0].as_str()));
    assert!(names.len() >= 7, "{what}: {names:?}");
}

/// The side results: diff (against the same rubric with other weights is not needed — against
/// itself and against the other language), plan, sensitivity, and the data-quality outputs.
fn side_results(c: &Case, r: &Rubric, loaded: &kesiapan::input::Loaded, a: &[Assessment; 2]) {
    let t = Templates::default();
    let cmp = kesiapan::compare::compare(&a[0], &a[1]);
    for lang in [Lang::Id, Lang::En] {
        let md = report::diff::markdown(&cmp, lang, &t)
            .unwrap_or_else(|e| panic!("diff {lang:?}: {e:#}\n{}", c.rubric));
        for u in &c.units {
            assert!(md.contains(u.as_str()), "diff {lang:?}: {u}");
        }
        report::diff::terminal(&cmp, lang);
    }
    report::diff::json(&cmp).unwrap();

    let values = kesiapan::scoring::values(r, loaded).unwrap();
    let s = kesiapan::sensitivity::run(
        r,
        &values,
        loaded.roll.units.len(),
        &kesiapan::sensitivity::Settings {
            runs: 40,
            seed: 7,
            weights: kesiapan::sensitivity::WeightScheme::Dirichlet {
                concentration: 100.0,
            },
            threshold_spread: 0.1,
            stable_share: 0.8,
        },
    )
    .unwrap_or_else(|e| panic!("sensitivity: {e:#}\n{}", c.rubric));
    for lang in [Lang::Id, Lang::En] {
        let md = report::sensitivity::markdown(&s, r, lang, &t)
            .unwrap_or_else(|e| panic!("sensitivity {lang:?}: {e:#}\n{}", c.rubric));
        for u in &c.units {
            assert!(md.contains(u.as_str()), "sensitivity {lang:?}: {u}");
        }
        report::sensitivity::terminal(&s, r, lang);
    }
    report::sensitivity::json(&s).unwrap();

    // Towards the best verdict with a budget, and towards the one above the worst without.
    let targets = [(0, Some(500_000_000.0)), (r.verdicts.len() - 2, None)];
    for (target, budget) in targets.into_iter().filter(|_| !r.improvements.is_empty()) {
        let p = kesiapan::plan::plan(r, loaded, target, 0.0, budget, 1_000.0)
            .unwrap_or_else(|e| panic!("plan: {e:#}\n{}", c.rubric));
        for lang in [Lang::Id, Lang::En] {
            report::plan::markdown(&p, r, lang, &t)
                .unwrap_or_else(|e| panic!("plan {lang:?}: {e:#}\n{}", c.rubric));
            report::plan::terminal(&p, r, lang);
        }
        report::plan::json(&p).unwrap();
    }

    let (files, _) = kesiapan::commands::validate::outputs(r, loaded, 5, true, &t, Lang::Id)
        .unwrap_or_else(|e| panic!("validate outputs: {e:#}\n{}", c.rubric));
    let feedback = files
        .iter()
        .filter(|(name, _)| name.starts_with("feedback/"))
        .count();
    assert_eq!(feedback, c.units.len(), "one feedback workbook per unit");
}

/// One case in-process: returns the decisions seen (`score`, `coverage`, gate ids).
fn run_in_process(
    case: u64,
    previous: &mut Option<Assessment>,
) -> (Shape, String, BTreeSet<String>) {
    let c = generate(case);
    let dir = tempfile::tempdir().unwrap();
    let (r, loaded) = load(&c, dir.path());
    let scored = kesiapan::scoring::score(&r, &loaded)
        .unwrap_or_else(|e| panic!("case {case}: scoring failed: {e:#}\n{}", c.rubric));
    let a = [Lang::Id, Lang::En].map(|lang| kesiapan::words::assessment(&r, &scored, lang, NOW));
    // The generated data fits its rubric: no row is rejected.
    let errors: Vec<String> = a[0]
        .diagnostics
        .iter()
        .filter(|d| d.severity == kesiapan::diag::Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "case {case}: {errors:#?}\n{}", c.rubric);
    let ids: Vec<&str> = a[0].units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, c.units, "case {case}: every unit assessed");
    for x in &a {
        render_all(&c, x, &format!("case {case} {:?} ({:?})", x.lang, c.shape));
    }
    side_results(&c, &r, &loaded, &a);
    // `diff` from the previous case's rubric (other verdicts, gates, dimensions) to this one,
    // its units renamed to this case's ids: a leadership edit that changes the rubric's shape.
    if let Some(mut old) = previous.take() {
        for u in &mut old.units {
            u.id = format!("UX{case:02}{}", &u.id[4..]);
        }
        let cmp = kesiapan::compare::compare(&old, &a[0]);
        for lang in [Lang::Id, Lang::En] {
            let md = report::diff::markdown(&cmp, lang, &Templates::default())
                .unwrap_or_else(|e| panic!("case {case}: diff from case {}: {e:#}", case - 1));
            assert!(md.contains(c.units[0].as_str()));
            report::diff::terminal(&cmp, lang);
        }
        report::diff::json(&cmp).unwrap();
    }
    *previous = Some(a[0].clone());
    let decided = a[0].units.iter().map(|u| u.decided_by.clone()).collect();
    (c.shape, c.rubric, decided)
}

#[test]
fn generated_rubric_shapes_render_every_format_in_both_languages() {
    let mut seen = BTreeSet::new();
    let mut previous = None;
    for case in 0..CASES + EXTREMES {
        let (shape, rubric, decided) = run_in_process(case, &mut previous);
        for (on, name) in [
            (rubric.contains("missing = \"zero\""), "missing = zero"),
            (rubric.contains("{score}"), "message placeholders"),
            (rubric.contains("weight = 0"), "information-only indicator"),
            (rubric.contains("steps"), "steps curve"),
            (rubric.contains("headcount"), "survey response rate"),
            (!rubric.contains(", en = "), "texts in Indonesian only"),
            (
                rubric.contains("if-missing = \"pass\""),
                "gate passing without data",
            ),
        ] {
            if on {
                seen.insert(name.to_string());
            }
        }
        if shape.extreme > 0 {
            let want = match shape.extreme {
                1 | 2 | 4 => "score",
                3 => "score",
                5 => "kinerja_terukur",
                _ => "coverage",
            };
            assert_eq!(
                decided.iter().map(String::as_str).collect::<Vec<_>>(),
                [want],
                "case {case} {shape:?}"
            );
            continue;
        }
        // Unit 0 by its score, unit 1 by coverage, unit 2 by the gate when there is one.
        assert!(
            decided.contains("score"),
            "case {case} {shape:?}: {decided:?}"
        );
        assert!(
            decided.contains("coverage"),
            "case {case} {shape:?}: {decided:?}"
        );
        if shape.gates {
            assert!(
                decided.contains("kinerja_terukur"),
                "case {case} {shape:?}: {decided:?}"
            );
        }
        seen.insert(format!("verdicts={}", shape.verdicts));
        for (on, name) in [
            (!shape.gates, "no gates"),
            (!shape.wfa, "no wfa"),
            (!shape.province, "no province"),
            (shape.one_dataset, "one dataset"),
            (
                shape.wfa && !shape.one_dataset && shape.jobs_without_count && shape.jobs_personal,
                "personal jobs without count",
            ),
            (!shape.unit_list, "no unit list"),
            (shape.improvements, "improvements"),
        ] {
            if on {
                seen.insert(name.to_string());
            }
        }
    }
    // The shapes the issue asks for all came up.
    for want in [
        "verdicts=2",
        "verdicts=5",
        "no gates",
        "no wfa",
        "no province",
        "one dataset",
        "personal jobs without count",
        "no unit list",
        "improvements",
        "missing = zero",
        "message placeholders",
        "information-only indicator",
        "steps curve",
        "survey response rate",
        "gate passing without data",
        "texts in Indonesian only",
    ] {
        assert!(seen.contains(want), "no case with {want}: {seen:?}");
    }
}

/// The real binary on a few generated cases: `assess --format all` in both languages and
/// `validate --feedback`, each naming every unit.
#[test]
fn generated_rubric_shapes_through_the_binary() {
    for case in [0, 5, 11, 19] {
        let c = generate(case);
        let dir = tempfile::tempdir().unwrap();
        let rubric = write_case(&c, dir.path());
        for lang in ["id", "en"] {
            let out = dir.path().join(format!("out-{lang}"));
            let o = kesiapan()
                .args(["assess", "--rubric"])
                .arg(&rubric)
                .arg("--data")
                .arg(dir.path().join("data"))
                .args(["--format", "all", "--lang", lang, "--now", NOW, "--out"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "case {case} {lang}: {}\n{}",
                String::from_utf8_lossy(&o.stderr),
                c.rubric
            );
            let stdout = String::from_utf8(o.stdout).unwrap();
            for e in std::fs::read_dir(&out).unwrap() {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                if name == "kesiapan-manifest.json" {
                    continue; // lists files, not units
                }
                let text = readable(&name, &std::fs::read(&p).unwrap());
                for u in &c.units {
                    assert!(
                        text.contains(u.as_str()),
                        "case {case} {lang}: {u} not in {name}"
                    );
                    assert!(stdout.contains(u.as_str()), "case {case}: {u} not printed");
                }
            }
        }
        let out = dir.path().join("quality");
        let o = kesiapan()
            .args(["validate", "--rubric"])
            .arg(&rubric)
            .arg("--data")
            .arg(dir.path().join("data"))
            .args(["--feedback", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "case {case}: validate"
        );
        assert_eq!(
            std::fs::read_dir(out.join("feedback")).unwrap().count(),
            c.units.len()
        );
    }
}

/// The first generated case whose shape satisfies `want`, assessed in `lang`.
fn first_case(want: impl Fn(&Shape, &str) -> bool, lang: Lang) -> (Case, Assessment) {
    let c = (0..CASES)
        .map(generate)
        .find(|c| want(&c.shape, &c.rubric))
        .expect("a generated case of that shape");
    let dir = tempfile::tempdir().unwrap();
    let (r, loaded) = load(&c, dir.path());
    let scored = kesiapan::scoring::score(&r, &loaded).unwrap();
    let a = kesiapan::words::assessment(&r, &scored, lang, NOW);
    (c, a)
}

fn render_one(a: &Assessment, f: Format) -> Vec<(String, Vec<u8>)> {
    let ctx = RenderCtx {
        templates: Templates::default(),
        memo: Default::default(),
        csv_dialect: Default::default(),
    };
    bundle::render(a, &[f], &ctx).unwrap_or_else(|e| panic!("{f:?}: {e:#}"))
}

#[test]
fn summary_and_html_render_when_wfa_has_no_min_on_site() {
    // `min_on_site` is null without a `min-on-site` rule; `x | default(value=0) | num` failed
    // ("expected f64 but got none": tera's `default` replaced only undefined values) and the
    // whole run exited 2 for any unit allowed WFA.
    for lang in [Lang::Id, Lang::En] {
        let (c, a) = first_case(|s, r| s.wfa && !r.contains("min-on-site"), lang);
        assert!(
            a.units.iter().any(|u| u.wfa.min_on_site.is_none()
                    // The form is rendered when the figure is above 0, or hidden.
                    && u.wfa.staff_allowed_at_once.is_none_or(|x| x > 0)),
            "{}",
            c.rubric
        );
        for f in [Format::Md, Format::Html] {
            render_one(&a, f);
        }
    }
}

#[test]
fn assessment_json_reads_back_every_float_exactly() {
    // A share written as `0.3 - 0.05 * 2` in a generated rubric (0.19999999999999998) came back
    // from assessment.json as 0.2: serde_json's default float parser may be one unit in the
    // last place off, so `render` did not give the bytes `assess` wrote.
    let (c, a) = first_case(|_, r| r.contains("0.19999999999999998"), Lang::Id);
    let json = render_one(&a, Format::Json).remove(0).1;
    let again: Assessment = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        String::from_utf8(render_one(&again, Format::Json).remove(0).1).unwrap(),
        String::from_utf8(json).unwrap(),
        "{}",
        c.rubric
    );
}

#[test]
fn memo_names_every_verdict_band_for_two_and_five_verdicts() {
    // The memo's assumptions named verdicts[0..3] only ("≥ 0" for the second of two, nothing
    // of the last two of five) and called the first two verdicts the ones that allow WFA.
    for n in [2, 5] {
        let (c, a) = first_case(|s, _| s.verdicts == n, Lang::En);
        let files = render_one(&a, Format::Briefing);
        let memo = String::from_utf8(files[0].1.clone()).unwrap();
        let line = memo
            .lines()
            .find(|l| l.starts_with("2. Verdicts:"))
            .unwrap();
        for v in &a.verdicts {
            assert!(
                line.contains(&format!("*{}*", v.label)),
                "{line}\n{}",
                c.rubric
            );
        }
        assert!(line.contains(&format!("otherwise *{}*", a.verdicts[n - 1].label)));
        assert!(!line.contains("≥ 0,"), "{line}");
        assert_eq!(line.contains("hard conditions"), c.shape.gates, "{line}");
    }
}

#[test]
fn jobs_without_count_count_each_row_as_one_holder() {
    // `[wfa] jobs` without `count` showed no holders at all (and so hid nothing either): each
    // row of the jobs dataset is one holder.
    let mut shown = 0;
    for c in (0..CASES).map(generate) {
        if !(c.shape.wfa && c.shape.jobs_without_count) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let (r, loaded) = load(&c, dir.path());
        let a = kesiapan::words::assessment(
            &r,
            &kesiapan::scoring::score(&r, &loaded).unwrap(),
            Lang::En,
            NOW,
        );
        let jobs = &c
            .files
            .iter()
            .find(|f| f.0.starts_with("jabatan"))
            .unwrap()
            .1;
        let rows = if c.files[0].0.ends_with(".csv") {
            String::from_utf8(jobs.clone()).unwrap()
        } else {
            continue; // the workbook's cells are not re-read here
        };
        for u in a.units.iter().filter(|u| u.wfa.allows_wfa()) {
            for j in &u.wfa.eligible_jobs {
                let expected = rows
                    .lines()
                    .filter(|l| *l == format!("{};{};Ya", u.id, j.name))
                    .count() as i64;
                match j.holders {
                    Some(h) => {
                        assert_eq!(h, expected, "{} {}\n{rows}", u.id, j.name);
                        shown += 1;
                    }
                    None => assert!(j.suppressed.is_some(), "{} {}: no holders", u.id, j.name),
                }
            }
        }
    }
    assert!(shown > 0, "no holder count shown in any case");
}
