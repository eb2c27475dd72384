//! Key checks: the unit list, then for every dataset each row's unit key resolved against it
//! (a code, a code written another way, a unit's name, or unknown), rows repeating a unique
//! key grouped, resubmissions settled (`resubmit.rs`) and the remaining repeats rejected. Adds
//! `__unit` and drops the rejected rows from the frame.
//!
//! Unit resolution itself (how a key or a name is matched) is `units.rs`; this stage only
//! applies it and reports.

use super::cell;
use super::diags::{self, KeyCell, Repeat};
use super::model::{FastMap, Frame, LoadError, Resubmit, SourceMap, Table};
use super::units::{Resolved, Resolver, fold_key, masked_key, personal_key};
use super::{Loader, key_column, resubmit};
use crate::diag::{Diagnostic, Location};
use crate::rubric::{Dataset, Rubric};
use crate::text::PERSONAL;
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Units whose row in the unit dataset was rejected: folded key → (key as written, its place).
pub(super) type Pending = BTreeMap<String, (String, Location)>;

impl Loader<'_> {
    /// The units known only by a rejected row of the unit dataset: not in the list, but named.
    pub(super) fn pending(&self, resolver: &Resolver) -> Pending {
        let mut pending = Pending::new();
        if let Some(ud) = &self.rubric.unit_dataset {
            for (ds, k, loc) in &self.track.bad_rows {
                if ds == ud && resolver.resolve(k).unit().is_none() {
                    // Known by a mask when the key looks personal (never a file name or a
                    // heading with an NIP in it).
                    let shown = match personal_key(k) {
                        Some(kind) => masked_key(kind),
                        None => k.trim().to_string(),
                    };
                    pending
                        .entry(fold_key(k))
                        .or_insert_with(|| (shown, loc.clone()));
                }
            }
        }
        pending
    }

    /// Check the keys of every dataset; the tables, and a `unit-without-data` warning for each
    /// unit without rows in a dataset other than the unit dataset.
    pub(super) fn check_keys(
        &mut self,
        mut frames: BTreeMap<String, Frame>,
        units: &[(String, Option<String>)],
        resolver: &Resolver,
        pending: &Pending,
    ) -> Result<BTreeMap<String, Table>, LoadError> {
        let rubric = self.rubric;
        let file_rank = resubmit::file_rank(&self.inputs, &self.file_time, self.sources.resubmit);
        let known = Known {
            resolver,
            pending,
            unit_dataset: rubric.unit_dataset.as_deref(),
            resubmit: self.sources.resubmit,
            file_rank: &file_rank,
        };
        let mut tables = BTreeMap::new();
        for ds in &rubric.datasets {
            let Frame {
                df,
                sources,
                file_of,
            } = frames.remove(&ds.id).expect("frame");
            let mut check = KeyCheck::new(ds, &df, &known, &sources, &file_of)?;
            check.resolve_units();
            if known.resubmit != Resubmit::Reject {
                check.settle_resubmissions();
            }
            check.reject_duplicates(&df)?;
            let (df, rejected_rows, found) = check.finish(df)?;
            self.diags.extend(found);
            for r in rejected_rows {
                self.inputs[file_of[r]].rows_rejected += 1;
                let l = sources.get(r);
                self.track
                    .rejected
                    .push((ds.id.clone(), (l.file.clone(), l.sheet.clone(), l.row)));
            }
            if Some(&ds.id) != rubric.unit_dataset.as_ref() && ds.every_unit && df.height() > 0 {
                let present: std::collections::HashSet<String> = df
                    .column("__unit")?
                    .str()?
                    .iter()
                    .flatten()
                    .map(str::to_string)
                    .collect();
                for (u, _) in units {
                    if !present.contains(u) {
                        self.diags.push(diags::unit_without_data(&ds.id, u));
                    }
                }
            }
            tables.insert(ds.id.clone(), Table { df, sources });
        }
        Ok(tables)
    }
}

/// What every dataset's key check is checked against.
pub(super) struct Known<'a> {
    pub resolver: &'a Resolver,
    pub pending: &'a Pending,
    pub unit_dataset: Option<&'a str>,
    pub resubmit: Resubmit,
    /// How recent each input file is (higher wins under `Resubmit::Order`/`Date`).
    pub file_rank: &'a [(std::time::SystemTime, usize)],
}

/// One dataset's key check, row by row (`i` indexes the frame's rows in reading order).
pub(super) struct KeyCheck<'a> {
    pub ds: &'a Dataset,
    pub known: &'a Known<'a>,
    /// Source of each row, by `__row`.
    sources: &'a SourceMap,
    /// Index in `Loaded::inputs` of each row, by `__row`.
    file_of: &'a [usize],
    /// `__row` of each row.
    rows: Vec<u32>,
    /// The unit key as written (trimmed), when not empty.
    pub keys: Vec<Option<String>>,
    /// The unique key's columns, as text.
    uniq: Vec<Vec<Option<String>>>,
    /// Whether each row is still kept.
    pub keep: Vec<bool>,
    /// Each row's unit, once resolved.
    pub unit: Vec<Option<String>>,
    /// The diagnostics found, in order.
    pub diags: Vec<Diagnostic>,
}

impl<'a> KeyCheck<'a> {
    fn new(
        ds: &'a Dataset,
        df: &DataFrame,
        known: &'a Known<'a>,
        sources: &'a SourceMap,
        file_of: &'a [usize],
    ) -> PolarsResult<Self> {
        let keys = key_strings(df, &ds.unit_key)?;
        let rows: Vec<u32> = df
            .column("__row")?
            .u32()?
            .iter()
            .map(|r| r.unwrap_or(0))
            .collect();
        let uniq: Vec<Vec<Option<String>>> = ds
            .unique
            .iter()
            .map(|c| key_strings(df, c))
            .collect::<PolarsResult<_>>()?;
        Ok(KeyCheck {
            ds,
            known,
            sources,
            file_of,
            rows,
            uniq,
            keep: vec![true; keys.len()],
            unit: vec![None; keys.len()],
            keys,
            diags: Vec::new(),
        })
    }

    /// The place of row `i`.
    pub fn src(&self, i: usize) -> Location {
        self.sources.get(self.rows[i] as usize)
    }

    /// The index in `Loaded::inputs` of row `i`'s file.
    pub fn file(&self, i: usize) -> usize {
        self.file_of[self.rows[i] as usize]
    }

    /// Row `i`'s unit-key cell (its place built only when a diagnostic asks).
    fn key_cell(&self, i: usize) -> KeyCell<'a> {
        let at = self.src(i);
        KeyCell {
            ds: &self.ds.id,
            key_name: &self.ds.unit_key,
            column: key_column(self.ds, &at, &self.ds.unit_key),
            at,
        }
    }

    /// Resolve every row's unit key; rows with no key, an ambiguous or an unknown unit are
    /// rejected, a unit recognised by its name is warned about.
    fn resolve_units(&mut self) {
        let resolver = self.known.resolver;
        // foldhash, not SipHash, for the maps keyed per row (millions at national size).
        let mut cache: FastMap<String, Resolved> = FastMap::default();
        // (file, sheet, key as written) → (index of its diagnostic, rows carrying it).
        let mut repeated: FastMap<(Option<String>, Option<String>, String), (usize, usize)> =
            FastMap::default();
        for i in 0..self.keys.len() {
            let Some(k) = self.keys[i].as_deref() else {
                let d = diags::empty_unit_key(&self.key_cell(i));
                self.diags.push(d);
                self.keep[i] = false;
                continue;
            };
            if !cache.contains_key(k) {
                cache.insert(k.to_string(), resolver.resolve(k));
            }
            let r = &cache[k];
            // A key that looks personal is never quoted: said masked, at its place.
            if let Some(kind) = personal_key(k) {
                let personal = match r {
                    Resolved::Code(u) | Resolved::CodeVariant(u) if u != k => Some(Some(u)),
                    Resolved::Unknown => Some(None),
                    _ => None,
                };
                if let Some(unit) = personal {
                    let masked = unit.cloned().unwrap_or_else(|| masked_key(kind));
                    let d = diags::personal_unit_key(
                        &self.key_cell(i),
                        kind,
                        &masked,
                        unit.map(String::as_str),
                    );
                    self.diags.push(d);
                    self.keep[i] = unit.is_some();
                    self.unit[i] = unit.cloned();
                    continue;
                }
            }
            let d = match r {
                Resolved::Code(_) => None,
                Resolved::CodeVariant(u) => Some(diags::unit_code_variant(&self.key_cell(i), k, u)),
                Resolved::Name {
                    unit: u,
                    confidence,
                } => {
                    let name = resolver.name_of(u).unwrap_or_default();
                    Some(diags::unit_by_name(
                        &self.key_cell(i),
                        k,
                        u,
                        &name,
                        *confidence,
                    ))
                }
                Resolved::Ambiguous(c) => Some(diags::ambiguous_unit(&self.key_cell(i), k, c)),
                Resolved::Unknown if self.known.pending.contains_key(&fold_key(k)) => {
                    let (key, at) = &self.known.pending[&fold_key(k)];
                    Some(diags::unit_row_rejected(
                        &self.key_cell(i),
                        k,
                        key,
                        self.known.unit_dataset.unwrap_or("-"),
                        at,
                    ))
                }
                Resolved::Unknown => {
                    let hint = resolver
                        .suggest(k)
                        .map(|(u, s)| (resolver.name_of(&u), u, s));
                    Some(diags::unknown_unit(&self.key_cell(i), k, hint))
                }
            };
            if matches!(r, Resolved::Ambiguous(_) | Resolved::Unknown) {
                self.keep[i] = false;
            }
            self.unit[i] = r.unit().map(str::to_string);
            // A key recognised another way is said once per sheet and value, with how many
            // rows carry it: a Google Form names the unit on every row.
            if let (Some(d), Resolved::CodeVariant(_) | Resolved::Name { .. }) = (d.as_ref(), r) {
                let at = (d.file.clone(), d.sheet.clone(), k.to_string());
                if let Some((_, n)) = repeated.get_mut(&at) {
                    *n += 1;
                    continue;
                }
                repeated.insert(at, (self.diags.len(), 1));
            }
            self.diags.extend(d);
        }
        for (_, (idx, n)) in repeated {
            if n > 1 {
                let d = &mut self.diags[idx];
                d.append(&diags::same_value_more(n - 1));
            }
        }
    }

    /// Rows sharing a unique key, in reading order (only groups of two rows or more), among
    /// the rows still kept. Each row's key is hashed without being built; only the rows whose
    /// hash repeats have their key built and compared, so that a hash collision can never join
    /// two different keys.
    pub fn group(&self) -> Vec<Vec<usize>> {
        let (ds, uniq, unit) = (self.ds, &self.uniq, &self.unit);
        if uniq.is_empty() {
            return Vec::new();
        }
        let parts = |i: usize| -> Vec<String> {
            ds.unique
                .iter()
                .zip(uniq)
                .map(|(name, c)| {
                    if *name == ds.unit_key {
                        unit[i].clone().unwrap_or_default()
                    } else {
                        c[i].as_deref().map(fold_key).unwrap_or_default()
                    }
                })
                .collect()
        };
        let state = foldhash::fast::FixedState::with_seed(0x6b65_7369_6170_616e);
        let hash = |i: usize| -> u64 {
            use std::hash::{BuildHasher, Hasher};
            let mut h = state.build_hasher();
            for (name, c) in ds.unique.iter().zip(uniq) {
                if *name == ds.unit_key {
                    h.write(unit[i].as_deref().unwrap_or_default().as_bytes());
                } else {
                    match c[i].as_deref() {
                        // `fold_key` byte by byte, without building it.
                        Some(s) if s.is_ascii() => {
                            for b in s.trim().bytes() {
                                h.write_u8(b.to_ascii_lowercase());
                            }
                        }
                        Some(s) => {
                            for b in fold_key(s).bytes() {
                                h.write_u8(b);
                            }
                        }
                        None => {}
                    }
                }
                h.write_u8(0xff); // not a byte of UTF-8: parts cannot run together
            }
            h.finish()
        };
        let kept: Vec<usize> = (0..self.keys.len()).filter(|i| self.keep[*i]).collect();
        let hashes: Vec<u64> = kept.iter().map(|&i| hash(i)).collect();
        let mut count: FastMap<u64, u32> = FastMap::default();
        count.reserve(kept.len());
        for h in &hashes {
            *count.entry(*h).or_insert(0) += 1;
        }
        let mut index: HashMap<Vec<String>, usize> = HashMap::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (&i, h) in kept.iter().zip(&hashes) {
            if count[h] < 2 {
                continue;
            }
            let key = parts(i);
            match index.get(&key) {
                Some(g) => groups[*g].push(i),
                None => {
                    index.insert(key, groups.len());
                    groups.push(vec![i]);
                }
            }
        }
        groups
    }

    /// Remaining repeats of a unique key: the first row is kept, the others rejected with both
    /// places.
    fn reject_duplicates(&mut self, df: &DataFrame) -> PolarsResult<()> {
        let ds = self.ds;
        // Personal keys (an NIP) never reach an output: say where, not what.
        let personal = ds
            .unique
            .iter()
            .any(|c| ds.column(c).is_some_and(|c| c.personal));
        for g in self.group().iter().filter(|g| g.len() > 1) {
            let winner = g[0];
            let first = self.src(winner);
            let shown: String = if personal {
                PERSONAL.to_string()
            } else {
                // A unit key that looks personal is shown as its masked unit id, any other
                // part that looks like an id as a mask.
                ds.unique
                    .iter()
                    .zip(&self.uniq)
                    .map(|(name, c)| {
                        let v = c[winner].clone().unwrap_or_default();
                        if *name == ds.unit_key {
                            match personal_key(&v) {
                                Some(kind) => self.unit[winner]
                                    .clone()
                                    .filter(|u| *u != v)
                                    .unwrap_or_else(|| masked_key(kind)),
                                None => v,
                            }
                        } else {
                            match crate::text::id_like(&v) {
                                Some(kind) => masked_key(kind),
                                None => v,
                            }
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            for &i in &g[1..] {
                let at = self.src(i);
                let same_unit = self.unit[i] == self.unit[winner];
                // Another unit's answers are never quoted to this one.
                let diff = if same_unit {
                    differences(ds, df, winner, i)?
                } else {
                    Vec::new()
                };
                let d = diags::duplicate_key(Repeat {
                    ds: &ds.id,
                    unique: &ds.unique,
                    column: key_column(ds, &at, &ds.unique[0]),
                    at: &at,
                    first: &first,
                    differences: &diff,
                    other_file: self.file(i) != self.file(winner),
                    same_unit,
                    shown: shown.clone(),
                });
                self.diags.push(d);
                self.keep[i] = false;
            }
        }
        Ok(())
    }

    /// The frame with `__unit` and without the rejected rows; the `__row` of each rejected
    /// row, and the diagnostics found.
    fn finish(self, mut df: DataFrame) -> PolarsResult<(DataFrame, Vec<usize>, Vec<Diagnostic>)> {
        let rejected: Vec<usize> = (0..self.keys.len())
            .filter(|i| !self.keep[*i])
            .map(|i| self.rows[i] as usize)
            .collect();
        let unit: Vec<Option<String>> = self
            .unit
            .into_iter()
            .zip(&self.keep)
            .map(|(u, k)| if *k { u } else { None })
            .collect();
        df.with_column(Column::new("__unit".into(), unit))?;
        let mask = BooleanChunked::from_slice("keep".into(), &self.keep);
        let df = df.filter(&mask)?;
        Ok((df, rejected, self.diags))
    }
}

/// A key column as trimmed text, `None` where empty.
fn key_strings(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    let c = df.column(name)?.cast(&DataType::String)?;
    Ok(c.str()?
        .iter()
        .map(|o| o.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
        .collect())
}

/// The unit list: the unit dataset's keys, or else every key seen.
pub(super) fn unit_list(
    rubric: &Rubric,
    frames: &BTreeMap<String, Frame>,
) -> PolarsResult<Vec<(String, Option<String>)>> {
    let mut units: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    let from: Vec<&Dataset> = match &rubric.unit_dataset {
        Some(id) => rubric.dataset(id).into_iter().collect(),
        None => rubric.datasets.iter().collect(),
    };
    for ds in from {
        let df = &frames[&ds.id].df;
        let keys = key_strings(df, &ds.unit_key)?;
        let names = match &rubric.unit_name {
            Some(n) if df.column(n).is_ok() => key_strings(df, n)?,
            _ => vec![None; keys.len()],
        };
        for (k, n) in keys.into_iter().zip(names) {
            if let Some(k) = k {
                let e = units.entry(fold_key(&k)).or_insert((k, None));
                if e.1.is_none() {
                    e.1 = n;
                }
            }
        }
    }
    let mut v: Vec<(String, Option<String>)> = units.into_values().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(v)
}

/// The schema columns in which rows `a` and `b` differ (personal ones named, never shown; in a
/// personal dataset no value is shown: they are a person's answers; a value that looks like an
/// id, or in the unit key like a person's name, is named, not shown).
fn differences(ds: &Dataset, df: &DataFrame, a: usize, b: usize) -> PolarsResult<Vec<String>> {
    let mut out = Vec::new();
    for c in &ds.columns {
        let col = df.column(&c.name)?;
        let (x, y) = (col.get(a)?, col.get(b)?);
        if x != y {
            let looks_personal = |v: &AnyValue| {
                let t = match v {
                    AnyValue::String(s) => s.to_string(),
                    AnyValue::StringOwned(s) => s.to_string(),
                    _ => return false,
                };
                if c.name == ds.unit_key {
                    personal_key(&t).is_some()
                } else {
                    crate::text::id_like(&t).is_some()
                }
            };
            out.push(
                if c.personal || ds.personal || looks_personal(&x) || looks_personal(&y) {
                    format!("`{}`", c.name)
                } else {
                    format!("`{}` ({} vs {})", c.name, show_any(&y), show_any(&x))
                },
            );
        }
    }
    Ok(out)
}

fn show_any(v: &AnyValue) -> String {
    match v {
        AnyValue::Null => "empty".to_string(),
        AnyValue::String(s) => format!("`{s}`"),
        AnyValue::StringOwned(s) => format!("`{s}`"),
        AnyValue::Boolean(b) => if *b { "Ya" } else { "Tidak" }.to_string(),
        AnyValue::Float64(f) => cell::format_number(*f),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_shown_as_a_user_wrote_them() {
        assert_eq!(show_any(&AnyValue::Null), "empty");
        assert_eq!(show_any(&AnyValue::String("III/a")), "`III/a`");
        assert_eq!(show_any(&AnyValue::Boolean(true)), "Ya");
        assert_eq!(show_any(&AnyValue::Boolean(false)), "Tidak");
        assert_eq!(show_any(&AnyValue::Int64(12)), "12");
    }

    #[test]
    fn key_strings_trim_and_drop_empty_keys() {
        let df = df!("k" => [Some(" OPD-1 "), Some("  "), None]).unwrap();
        assert_eq!(
            key_strings(&df, "k").unwrap(),
            vec![Some("OPD-1".to_string()), None, None]
        );
    }
}
