//! The roll of the units that should answer, and what became of each: read from the master
//! list (`[units] master` in the rubric, or `--units FILE`) when there is one, else the units
//! that sent a unit-list row (and those whose row was rejected). Also reads the master list
//! itself (code, name and optional kind, found by header).
//!
//! Never chooses words for reports: reasons are data (`NotAssessedReason`); renderers word them.

use super::cell::{Raw, fold};
use super::diags;
use super::read::Sheet;
use super::units::fold_key;
use crate::diag::{Diagnostic, Location};

/// The units that should answer, and what became of each.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Roll {
    /// True when a master list (`[units] master` in the rubric, or `--units FILE`) was read;
    /// false when the roll is only the units that sent a unit-list row (today's behaviour).
    pub from_master: bool,
    /// Every unit expected, in master-list order (else unit-list order).
    pub units: Vec<RollUnit>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RollUnit {
    /// Canonical (masked where it looks personal) unit id.
    pub unit: String,
    pub name: Option<String>,
    /// E.g. "garis depan", from the master list.
    pub kind: Option<String>,
    /// Datasets (rubric ids, rubric order) with no usable row for this unit ("belum mengirim").
    pub not_sent: Vec<String>,
    /// Why the unit cannot be assessed; empty = it is assessed.
    pub not_assessed: Vec<NotAssessedReason>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NotAssessedReason {
    /// No file of the unit dataset has a row for it.
    NotSent { dataset: String },
    /// Its unit-list row (or the whole sheet) was rejected: where and by which diagnostic code.
    Rejected {
        dataset: String,
        file: String,
        sheet: Option<String>,
        row: Option<u32>,
        code: String,
    },
    /// Its file for the unit dataset could not be read.
    Unreadable { dataset: String, file: String },
}

/// One unit of the master list, with the row it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct MasterUnit {
    pub code: String,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub at: Location,
}

/// Headers (folded) that name the master list's columns.
const CODE: [&str; 8] = [
    "kode",
    "kode opd",
    "kode unit",
    "kode satuan kerja",
    "kode perangkat daerah",
    "kode skpd",
    "code",
    "unit code",
];
const NAME: [&str; 9] = [
    "nama",
    "nama opd",
    "nama unit",
    "nama satuan kerja",
    "nama perangkat daerah",
    "nama skpd",
    "perangkat daerah",
    "name",
    "unit name",
];
const KIND: [&str; 7] = [
    "jenis",
    "jenis opd",
    "jenis unit",
    "kategori",
    "tipe",
    "kind",
    "type",
];

/// How many rows from the top the header may be (under a title or letterhead).
const HEADER_SEARCH: usize = 10;

fn folded(raw: &Raw) -> String {
    fold(&super::cell::text(raw))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Read the master list's sheets: its units in order, and the problems found (a missing code
/// column, rows without a code, repeated codes). A repeated code keeps its first row.
pub fn read_master(file: &str, sheets: &[Sheet]) -> (Vec<MasterUnit>, Vec<Diagnostic>) {
    let mut units: Vec<MasterUnit> = Vec::new();
    let mut out = Vec::new();
    let mut any_header = false;
    for sheet in sheets.iter().filter(|s| !s.hidden) {
        let header = sheet
            .rows
            .iter()
            .take(HEADER_SEARCH)
            .find_map(|(n, cells)| {
                let f: Vec<String> = cells.iter().map(folded).collect();
                let find = |names: &[&str]| f.iter().position(|h| names.contains(&h.as_str()));
                find(&CODE).map(|c| (*n, c, find(&NAME), find(&KIND)))
            });
        let Some((hrow, code_col, name_col, kind_col)) = header else {
            continue;
        };
        any_header = true;
        let cell = |cells: &[Raw], c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .map(|r| super::cell::text(r).trim().to_string())
                .filter(|s| !s.is_empty())
        };
        for (n, cells) in sheet.rows.iter().filter(|(n, _)| *n > hrow) {
            if cells.iter().all(Raw::is_blank) {
                continue;
            }
            let at = Location::new(file, sheet.name.clone(), *n);
            let code = cell(cells, Some(code_col));
            let name = cell(cells, name_col);
            let Some(code) = code else {
                out.push(diags::master_row_without_code(
                    &at,
                    code_col,
                    name.as_deref(),
                ));
                continue;
            };
            if let Some(first) = units.iter().find(|u| fold_key(&u.code) == fold_key(&code)) {
                out.push(diags::duplicate_master_code(
                    &at, code_col, &code, &first.at,
                ));
                continue;
            }
            units.push(MasterUnit {
                code,
                name,
                kind: cell(cells, kind_col),
                at,
            });
        }
    }
    if !any_header {
        out.push(diags::master_without_code_column(file));
    }
    (units, out)
}

/// What `build` needs to know of the load.
pub(super) struct Seen<'a> {
    /// Dataset ids in rubric order.
    pub datasets: Vec<&'a str>,
    pub unit_dataset: Option<&'a str>,
    /// The units of each dataset's kept rows.
    pub present: &'a dyn Fn(&str, &str) -> bool,
    /// The units whose unit-list row was accepted.
    pub listed: &'a [(String, Option<String>)],
    /// Units whose unit-list row was rejected: (unit, place, code).
    pub rejected: Vec<(String, Location, String)>,
    /// Files (and sheets) of the unit dataset that could not be read, with the unit their
    /// name carries: (unit, file, sheet, code); sheet `None` and code `None` = unreadable file.
    pub unread: Vec<(String, String, Option<String>, Option<String>)>,
}

/// The roll: every expected unit with the datasets it has not sent and why it is not assessed.
pub(super) fn build(
    master: Option<&[(String, Option<String>, Option<String>)]>,
    pending: &[(String, Option<String>)],
    seen: &Seen,
) -> Roll {
    let expected: Vec<(String, Option<String>, Option<String>)> = match master {
        Some(m) => m.to_vec(),
        None => seen
            .listed
            .iter()
            .chain(pending)
            .map(|(u, n)| (u.clone(), n.clone(), None))
            .collect(),
    };
    let units = expected
        .into_iter()
        .map(|(unit, name, kind)| {
            let not_sent: Vec<String> = seen
                .datasets
                .iter()
                .filter(|d| !(seen.present)(d, &unit))
                .map(|d| d.to_string())
                .collect();
            let listed = seen.listed.iter().any(|(u, _)| *u == unit);
            let mut not_assessed = Vec::new();
            if let (false, Some(ud)) = (listed, seen.unit_dataset) {
                for (u, at, code) in &seen.rejected {
                    if *u == unit {
                        not_assessed.push(NotAssessedReason::Rejected {
                            dataset: ud.to_string(),
                            file: at.file.clone(),
                            sheet: at.sheet.clone(),
                            row: Some(at.row),
                            code: code.clone(),
                        });
                    }
                }
                for (u, file, sheet, code) in &seen.unread {
                    if *u != unit {
                        continue;
                    }
                    not_assessed.push(match code {
                        Some(code) => NotAssessedReason::Rejected {
                            dataset: ud.to_string(),
                            file: file.clone(),
                            sheet: sheet.clone(),
                            row: None,
                            code: code.clone(),
                        },
                        None => NotAssessedReason::Unreadable {
                            dataset: ud.to_string(),
                            file: file.clone(),
                        },
                    });
                }
                if not_assessed.is_empty() {
                    not_assessed.push(NotAssessedReason::NotSent {
                        dataset: ud.to_string(),
                    });
                }
            }
            RollUnit {
                unit,
                name,
                kind,
                not_sent,
                not_assessed,
            }
        })
        .collect();
    Roll {
        from_master: master.is_some(),
        units,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: Some("Daftar".into()),
            hidden: false,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    (
                        i as u32 + 1,
                        r.iter().map(|c| Raw::Text(c.to_string().into())).collect(),
                    )
                })
                .collect(),
            encoding: None,
            hidden_rows: vec![],
            hidden_columns: vec![],
            instructions: false,
        }
    }

    #[test]
    fn the_master_list_is_read_by_header_under_a_title() {
        let s = sheet(&[
            &["DAFTAR PERANGKAT DAERAH", "", ""],
            &["Kode OPD", "Nama OPD", "Jenis"],
            &["OPD-01", "Dinas Pendidikan", "garis depan"],
            &["", "Dinas Tanpa Kode", ""],
            &["opd-01", "Dinas Lagi", ""],
            &["OPD-02", "Biro Umum", ""],
        ]);
        let (units, d) = read_master("daftar.xlsx", &[s]);
        let codes: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["OPD-01", "OPD-02"]);
        assert_eq!(units[0].kind.as_deref(), Some("garis depan"));
        assert_eq!(units[1].kind, None);
        let got: Vec<(String, Option<u32>)> =
            d.iter().map(|x| (x.code.to_string(), x.row)).collect();
        assert_eq!(
            got,
            [
                ("master-row".to_string(), Some(4)),
                ("duplicate-master-code".to_string(), Some(5))
            ]
        );
        assert_eq!(d[1].severity, crate::diag::Severity::Error);
    }

    #[test]
    fn a_master_list_without_a_code_column_is_an_error() {
        let (units, d) = read_master("x.csv", &[sheet(&[&["a", "b"], &["1", "2"]])]);
        assert!(units.is_empty());
        assert_eq!(d[0].code.to_string(), "bad-master-list");
    }

    #[test]
    fn a_rejected_unit_is_in_the_roll_with_its_reason() {
        let listed = vec![("A".to_string(), None)];
        let present = |d: &str, u: &str| u == "A" || (u == "B" && d == "jabatan");
        let seen = Seen {
            datasets: vec!["infra", "jabatan"],
            unit_dataset: Some("infra"),
            present: &present,
            listed: &listed,
            rejected: vec![(
                "B".into(),
                Location::new("b.xlsx", None, 3),
                "missing-value".into(),
            )],
            unread: vec![],
        };
        let master = vec![
            ("A".to_string(), None, None),
            ("B".to_string(), None, None),
            ("C".to_string(), None, Some("biro".to_string())),
        ];
        let roll = build(Some(&master), &[], &seen);
        assert!(roll.from_master);
        assert!(roll.units[0].not_assessed.is_empty() && roll.units[0].not_sent.is_empty());
        assert_eq!(roll.units[1].not_sent, ["infra"]);
        assert!(matches!(
            &roll.units[1].not_assessed[..],
            [NotAssessedReason::Rejected { row: Some(3), code, .. }] if code == "missing-value"
        ));
        assert_eq!(roll.units[2].not_sent, ["infra", "jabatan"]);
        assert_eq!(
            roll.units[2].not_assessed,
            [NotAssessedReason::NotSent {
                dataset: "infra".into()
            }]
        );
        let without = build(None, &[], &seen);
        assert!(!without.from_master);
        assert_eq!(without.units.len(), 1);
    }
}
