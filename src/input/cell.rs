//! Reading one spreadsheet cell as a column's type, the way Indonesian offices type them:
//! `Ya/Tidak/Y/T/N/1/0/√`, `75%` or 0.75, decimal commas, thousands dots, Excel date serials, and
//! blank / `-` / `N/A` / `tidak tahu` as *missing*, never zero.
//!
//! Pure functions, no I/O; the caller decides what a failure means for the row.

use crate::messages::Msg;
use crate::msg;
use crate::rubric::{Column, ColumnType};

/// A cell as the file gave it. Text is a `CompactString`: most cells are short and stay
/// inline, so millions of them (a national CSV) cost no allocation each.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    Text(compact_str::CompactString),
    Number(f64),
    Bool(bool),
    /// An Excel date serial (days since 1899-12-30).
    Date(f64),
    /// A formula error such as `#DIV/0!`.
    Error(String),
}

impl Raw {
    /// The cell as a user would see it, for messages.
    pub fn show(&self) -> String {
        match self {
            Raw::Empty => String::new(),
            Raw::Text(s) => s.to_string(),
            Raw::Number(n) => format_number(*n),
            Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Raw::Date(d) => serial_to_iso(*d).unwrap_or_else(|| format_number(*d)),
            Raw::Error(e) => e.clone(),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Inline when short (codes, ids, categories): no allocation per cell.
    Text(compact_str::CompactString),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// Why a cell could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum CellProblem {
    /// An answer like `tidak tahu`: missing, and worth counting.
    NotAnswered,
    /// A formula error cell.
    FormulaError,
    /// Not readable as the type; the message says what was expected.
    Invalid(Msg),
    /// Readable but outside `[min, max]`.
    OutOfRange(Msg),
    /// Not one of the allowed categories.
    UnknownCategory(Msg),
}

const MISSING: [&str; 14] = [
    "-",
    "–",
    "—",
    "n/a",
    "na",
    "#n/a",
    "tidak tahu",
    "tdk tahu",
    "tidak diketahui",
    "tt",
    "?",
    "null",
    "none",
    "kosong",
];
/// `√`, `✓` and `✔` are the tick marks people type into a Ya column; `t` is the `T` of a form
/// printed as "(Y/T)" (T = Tidak). A bare `x` stays invalid: some offices mark Ya with it.
const TRUE: [&str; 12] = [
    "ya", "y", "yes", "true", "1", "benar", "iya", "ada", "v", "√", "✓", "✔",
];
const FALSE: [&str; 10] = [
    "tidak",
    "t",
    "tdk",
    "n",
    "no",
    "false",
    "0",
    "salah",
    "tidak ada",
    "bukan",
];

/// Lowercase, trimmed, inner whitespace collapsed. A `CompactString`: the short words this is
/// compared against (Ya, Tidak, tidak tahu, Jumlah) stay inline, with no allocation per cell.
pub fn fold(s: &str) -> compact_str::CompactString {
    if s.is_ascii() {
        let mut out = compact_str::CompactString::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        }
        return out;
    }
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .into()
}

/// The characters of `fold(s)` (of `fold(s.replace('_', " "))` with `underscore`), one at a
/// time: comparing through this allocates nothing, which matters over millions of cells.
/// Lowercasing is per character, so it differs from `fold` only in Greek final sigma.
fn folded(s: &str, underscore: bool) -> impl Iterator<Item = char> + '_ {
    s.split(move |c: char| c.is_whitespace() || (underscore && c == '_'))
        .filter(|w| !w.is_empty())
        .enumerate()
        .flat_map(|(i, w)| {
            (i > 0)
                .then_some(' ')
                .into_iter()
                .chain(w.chars().flat_map(char::to_lowercase))
        })
}

/// `fold(s)` is one of the (folded, lowercase) `words`. Most cells fail on their first
/// letter, so this folds (and allocates) only for the few that might match.
fn folds_to_any(s: &str, words: &[&str]) -> bool {
    let Some(c) = s.trim_start().chars().next() else {
        return false;
    };
    let c = c.to_lowercase().next().unwrap_or(c);
    words.iter().any(|w| w.starts_with(c)) && words.contains(&fold(s).as_str())
}

/// A cell that is only a dash (`-`, `–`, `—`): the office left the question unanswered.
pub fn is_dash(raw: &Raw) -> bool {
    matches!(raw, Raw::Text(s) if matches!(s.trim(), "-" | "–" | "—"))
}

/// Why an id cell looks damaged by a spreadsheet program, if it does: a long number shown
/// in scientific notation (`1,97501E+17`), or 16 digits or more whose digits after the 15th
/// are all zero (Excel keeps 15 significant digits of a number, so an 18-digit NIP typed
/// into a number cell ends in `000`).
pub fn damaged_id(raw: &Raw) -> Option<&'static str> {
    match raw {
        // A number cell cannot hold 16 digits: whatever it shows, the last ones are gone.
        Raw::Number(n) if n.is_finite() && n.abs() >= 1e15 => Some("cut"),
        Raw::Text(s) => {
            let t = s.trim();
            if t.len() >= 16 && t.bytes().all(|b| b.is_ascii_digit()) {
                t.bytes().skip(15).all(|b| b == b'0').then_some("cut")
            } else {
                scientific(t).then_some("scientific")
            }
        }
        _ => None,
    }
}

/// `1,97501E+17`, `1.97501e17`: a number in scientific notation, as a cell shows a long one.
fn scientific(t: &str) -> bool {
    let Some((mantissa, exp)) = t.split_once(['e', 'E']) else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    let mut m = mantissa.splitn(2, [',', '.']);
    let whole = m.next().unwrap_or("");
    let frac = m.next().unwrap_or("0");
    !whole.is_empty()
        && whole.len() <= 2
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
        && exp.parse::<u32>().is_ok_and(|e| e >= 10)
}

/// Short forms typed in forms, read as the word: `tdk ada` is `tidak ada`.
const SHORT_WORDS: [(&str, &str); 5] = [
    ("tdk", "tidak"),
    ("tak", "tidak"),
    ("blm", "belum"),
    ("sdh", "sudah"),
    ("yg", "yang"),
];

/// The allowed category `t` names: equal once folded, `_` read as a space, a short form
/// (`tdk`, `blm`) read as its word.
fn category<'a>(t: &str, values: &'a [String]) -> Option<&'a String> {
    let f: compact_str::CompactString = folded(t, true).collect();
    if let Some(v) = values.iter().find(|v| folded(v, true).eq(f.chars())) {
        return Some(v);
    }
    let long: Vec<&str> = f
        .split(' ')
        .map(|w| {
            SHORT_WORDS
                .iter()
                .find(|(s, _)| *s == w)
                .map_or(w, |(_, l)| *l)
        })
        .collect();
    let long = long.join(" ");
    (long != f.as_str())
        .then(|| values.iter().find(|v| folded(v, true).eq(long.chars())))
        .flatten()
}

/// Counting words typed after a whole number (`12 orang`, `5 unit`).
const COUNT_WORDS: [&str; 8] = [
    "orang", "org", "unit", "buah", "pegawai", "akun", "jabatan", "lisensi",
];

/// A number typed with its unit: the unit the column's own name carries (`50 Mbps` in
/// `bandwidth_mbps`), or for a whole-number column a counting word (`12 orang`). Any other
/// unit (`512 Kbps` in a Mbps column) stays unreadable: it would need converting.
fn number_with_unit(raw: &Raw, col: &Column, style: Style) -> Option<f64> {
    let Raw::Text(s) = raw else { return None };
    let t = s.trim();
    let cut = t.rfind(|c: char| c.is_ascii_digit())? + 1;
    let (num, unit) = t.split_at(cut);
    let unit = fold(unit.trim_start_matches(['.', ' ']));
    if unit.is_empty() {
        return None;
    }
    let own = col
        .name
        .split('_')
        .any(|w| w.len() >= 3 && w.eq_ignore_ascii_case(&unit));
    let counting = matches!(col.kind, ColumnType::Integer) && COUNT_WORDS.contains(&unit.as_str());
    (own || counting).then(|| parse_number_text(num, style.point_decimal))?
}

/// Read `raw` as `col`'s type. `Ok(None)` is a blank cell.
/// How a column writes its numbers, decided from all of its cells in a sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Shares are written as whole percentages (`62`), so a bare `1` is 1 %.
    pub whole_percent: bool,
    /// `.` is the decimal point and `,` groups thousands (an English-locale file).
    pub point_decimal: bool,
    /// No cell says which separator convention the column uses (or cells disagree).
    pub undecided: bool,
}

impl Style {
    /// Decide a column's style from its cells.
    pub fn of<'a>(cells: impl Iterator<Item = &'a Raw> + Clone, percent: bool) -> Style {
        let (mut point, mut comma) = (false, false);
        for c in cells.clone() {
            if let Raw::Text(t) = c {
                match separator_evidence(t) {
                    Some(true) => point = true,
                    Some(false) => comma = true,
                    None => {}
                }
            }
        }
        let point_decimal = point && !comma;
        let whole_percent = percent
            && cells.into_iter().any(|c| match c {
                Raw::Number(n) => *n > 1.0,
                Raw::Text(t) if !t.contains('%') => {
                    parse_number_text(t, point_decimal).is_some_and(|n| n > 1.0)
                }
                _ => false,
            });
        Style {
            whole_percent,
            point_decimal,
            undecided: point == comma,
        }
    }
}

/// What one text says about the separators: `Some(true)` for a decimal point (`34.75`,
/// `1,250.5`), `Some(false)` for a decimal comma (`2,5`, `1.250.000`), `None` when it cannot tell.
pub fn separator_evidence(s: &str) -> Option<bool> {
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let (dots, commas) = (t.matches('.').count(), t.matches(',').count());
    let frac = |sep: char| t.rsplit(sep).next().map(str::len).unwrap_or(0);
    match (dots, commas) {
        (1, 0) if frac('.') != 3 => Some(true),
        (0, 1) if frac(',') != 3 => Some(false),
        (d, 0) if d > 1 => Some(false),
        (0, c) if c > 1 => Some(true),
        (d, c) if d > 0 && c > 0 => Some(t.rfind('.') > t.rfind(',')),
        _ => None,
    }
}

pub fn parse(raw: &Raw, col: &Column, style: Style) -> Result<Option<Value>, CellProblem> {
    if raw.is_blank() {
        return Ok(None);
    }
    if let Raw::Error(_) = raw {
        return Err(CellProblem::FormulaError);
    }
    if let Raw::Text(s) = raw {
        if folds_to_any(s, &MISSING) {
            return Err(CellProblem::NotAnswered);
        }
    }
    let v = match &col.kind {
        ColumnType::Text => Value::Text(match raw {
            Raw::Text(s) => s.trim().into(),
            other => text(other).into(),
        }),
        ColumnType::Date => Value::Text(
            date(raw)
                .ok_or_else(|| CellProblem::Invalid(msg!("expected-date")))?
                .into(),
        ),
        ColumnType::Boolean => {
            Value::Bool(boolean(raw).ok_or_else(|| CellProblem::Invalid(msg!("expected-boolean")))?)
        }
        ColumnType::Category { values } => {
            let hit = match raw {
                Raw::Text(t) => category(t, values),
                other => category(&text(other), values),
            };
            match hit {
                Some(v) => Value::Text(v.as_str().into()),
                None => {
                    return Err(CellProblem::UnknownCategory(msg!(
                        "expected-category",
                        values = values.join(", ")
                    )));
                }
            }
        }
        ColumnType::Integer | ColumnType::Likert => {
            let n = number(raw, style.point_decimal)
                .or_else(|| number_with_unit(raw, col, style))
                .ok_or_else(|| CellProblem::Invalid(msg!("expected-integer")))?;
            if n.fract() != 0.0 || n.abs() > 9.0e15 {
                return Err(CellProblem::Invalid(msg!("expected-integer")));
            }
            range(n, col)?;
            Value::Int(n as i64)
        }
        ColumnType::Number => {
            let n = number(raw, style.point_decimal)
                .or_else(|| number_with_unit(raw, col, style))
                .ok_or_else(|| CellProblem::Invalid(msg!("expected-number")))?;
            range(n, col)?;
            Value::Float(n)
        }
        ColumnType::Percent => {
            let n = percent(raw, style)
                .ok_or_else(|| CellProblem::Invalid(msg!("expected-percent")))?;
            range(n, col)?;
            Value::Float(n)
        }
    };
    Ok(Some(v))
}

fn range(n: f64, col: &Column) -> Result<(), CellProblem> {
    let below = col.min.is_some_and(|m| n < m);
    let above = col.max.is_some_and(|m| n > m);
    if below || above {
        let lo = col.min.map(format_number).unwrap_or_else(|| "…".into());
        let hi = col.max.map(format_number).unwrap_or_else(|| "…".into());
        return Err(CellProblem::OutOfRange(msg!(
            "expected-range",
            lo = lo,
            hi = hi
        )));
    }
    Ok(())
}

/// Text of a cell; whole numbers without `.0` (codes typed as numbers).
pub fn text(raw: &Raw) -> String {
    match raw {
        Raw::Text(s) => s.trim().to_string(),
        other => other.show(),
    }
}

/// A number: numeric cells as they are; text with `,`/`.` separators read the Indonesian way
/// (`1.250` is 1250, `1,25` is 1.25; see `ambiguous_separator`).
pub fn number(raw: &Raw, point_decimal: bool) -> Option<f64> {
    match raw {
        Raw::Number(n) => Some(*n),
        Raw::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Raw::Text(s) => parse_number_text(s, point_decimal),
        _ => None,
    }
    .filter(|n| n.is_finite())
}

/// Parse a number typed as text: `2,5`, `1.250`, `1.250.000`, `1,250.5`, `Rp 1.500.000`.
/// With `point_decimal`, `.` is the decimal point and `,` groups thousands (English style).
pub fn parse_number_text(s: &str, point_decimal: bool) -> Option<f64> {
    let mut t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    for prefix in ["Rp.", "Rp", "rp.", "rp"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.to_string();
        }
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b.to_string()),
        None => (false, t.trim_start_matches('+').to_string()),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if point_decimal {
        if body.matches('.').count() > 1 {
            return None;
        }
        let n: f64 = body.replace(',', "").parse().ok()?;
        return Some(if neg { -n } else { n });
    }
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let grouped = |sep: char| {
        let parts: Vec<&str> = body.split(sep).collect();
        parts.len() > 1
            && (1..=3).contains(&parts[0].len())
            && parts[1..].iter().all(|p| p.len() == 3)
    };
    let normal = match (dots, commas) {
        (0, 0) => body.clone(),
        // `1.250` and `1.250.000`: dots group thousands, the Indonesian way.
        (_, 0) if dots > 1 || grouped('.') => {
            if !grouped('.') {
                return None;
            }
            body.replace('.', "")
        }
        (1, 0) => body.clone(),
        (0, 1) => body.replace(',', "."),
        (0, _) => {
            if !grouped(',') {
                return None;
            }
            body.replace(',', "")
        }
        _ => {
            // Both: the last one is the decimal separator.
            let last_dot = body.rfind('.').unwrap();
            let last_comma = body.rfind(',').unwrap();
            if last_comma > last_dot {
                if commas > 1 {
                    return None;
                }
                body.replace('.', "").replace(',', ".")
            } else {
                if dots > 1 {
                    return None;
                }
                body.replace(',', "")
            }
        }
    };
    let n: f64 = normal.parse().ok()?;
    Some(if neg { -n } else { n })
}

/// Text such as `1.250` or `1,250` that reads differently in Indonesian and English; how it was
/// read: `thousands` (`1.250` → 1250) or `decimal` (`1,250` → 1.25), worded by `diags.rs`.
pub fn ambiguous_separator(raw: &Raw) -> Option<&'static str> {
    let Raw::Text(s) = raw else { return None };
    let t = s.trim().trim_start_matches('-');
    let (head, tail) = t.split_once(['.', ','])?;
    let plain = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    if !(plain(head) && head.len() <= 3 && plain(tail) && tail.len() == 3) {
        return None;
    }
    Some(if t.contains('.') {
        "thousands"
    } else {
        "decimal"
    })
}

/// A share 0–1: `75%`, `75 %`, `0,75`, 0.75, or a number above 1 read as a percentage.
pub fn percent(raw: &Raw, style: Style) -> Option<f64> {
    let (n, had_sign) = match raw {
        Raw::Text(s) => {
            let t = s.trim();
            match t.strip_suffix('%') {
                Some(body) => (parse_number_text(body, style.point_decimal)?, true),
                None => (parse_number_text(t, style.point_decimal)?, false),
            }
        }
        other => (number(other, style.point_decimal)?, false),
    };
    Some(if had_sign || style.whole_percent || n > 1.0 {
        n / 100.0
    } else {
        n
    })
}

/// Ya/Tidak and friends.
pub fn boolean(raw: &Raw) -> Option<bool> {
    match raw {
        Raw::Bool(b) => Some(*b),
        Raw::Number(n) if *n == 1.0 => Some(true),
        Raw::Number(n) if *n == 0.0 => Some(false),
        Raw::Text(s) => {
            let f = fold(s);
            let f = f.trim_end_matches('.');
            if TRUE.contains(&f) {
                Some(true)
            } else if FALSE.contains(&f) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A date as `YYYY-MM-DD`.
pub fn date(raw: &Raw) -> Option<String> {
    match raw {
        Raw::Date(d) | Raw::Number(d) => serial_to_iso(*d),
        Raw::Text(s) => {
            let s = s.trim();
            // An Excel serial typed or exported as text (`45810`).
            if !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()) {
                return s.parse::<f64>().ok().and_then(serial_to_iso);
            }
            let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
            if parts.len() != 3 {
                return None;
            }
            let nums: Vec<u32> = parts
                .iter()
                .map(|p| p.trim().parse().ok())
                .collect::<Option<_>>()?;
            let (y, m, d) = if parts[0].len() == 4 {
                (nums[0], nums[1], nums[2])
            } else {
                (nums[2], nums[1], nums[0])
            };
            let ok = (1900..=2200).contains(&y)
                && (1..=12).contains(&m)
                && (1..=days_in_month(y, m)).contains(&d);
            ok.then(|| format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Excel serial (1900 system, days since 1899-12-30) to `YYYY-MM-DD`.
pub fn serial_to_iso(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - 25_569; // days since 1970-01-01
    let (y, m, d) = civil_from_days(days);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Howard Hinnant's days → civil date.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A number without a trailing `.0` and without float noise.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{:.10}", n);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: an NIP that Excel already destroyed passed silently.
    #[test]
    fn an_id_excel_destroyed_is_told() {
        let t = |s: &str| Raw::Text(s.into());
        assert_eq!(damaged_id(&t("1,97501E+17")), Some("scientific"));
        assert_eq!(damaged_id(&t("1.97501e17")), Some("scientific"));
        assert_eq!(damaged_id(&Raw::Number(197501012000121000.0)), Some("cut"));
        assert_eq!(damaged_id(&t("197501012000121000")), Some("cut"));
        // A whole NIP, as text, is fine; so are short numbers and codes.
        assert_eq!(damaged_id(&t("197501012000121003")), None);
        assert_eq!(damaged_id(&Raw::Number(1234.0)), None);
        assert_eq!(damaged_id(&t("OPD-01")), None);
        assert_eq!(damaged_id(&t("2E5")), None);
        assert!(is_dash(&t(" - ")) && is_dash(&t("—")) && !is_dash(&t("-5")));
    }

    #[test]
    fn fold_fast_path_agrees_with_the_general_one() {
        let general = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        for s in [
            "  Tidak   Tahu ",
            "Ya",
            "\tRATA-rata:\r\n x",
            "",
            "   ",
            "Ça  Va",
            "ΣΑΣ  b",
            " Sebagian_Besar\u{a0}x_ ",
        ] {
            assert_eq!(fold(s), general(s), "{s:?}");
            if s.contains('Σ') {
                continue; // final sigma: see `folded`
            }
            assert_eq!(folded(s, false).collect::<String>(), fold(s), "{s:?}");
            assert_eq!(
                folded(s, true).collect::<String>(),
                fold(&s.replace('_', " ")),
                "{s:?}"
            );
        }
        assert!(folds_to_any("  Tidak \t TAHU ", &MISSING));
        assert!(!folds_to_any("tidak tahu lagi", &MISSING));
        assert!(!folds_to_any("", &MISSING));
        let values = ["sebagian_besar".to_string(), "sebagian".to_string()];
        assert_eq!(category(" Sebagian_Besar ", &values), Some(&values[0]));
        assert_eq!(category("sebagian  BESAR", &values), Some(&values[0]));
        assert_eq!(category("Sebagian", &values), Some(&values[1]));
        assert_eq!(category("sebagian besar sekali", &values), None);
    }

    fn col(kind: ColumnType) -> Column {
        Column {
            name: "x".into(),
            kind,
            required: false,
            aliases: vec![],
            min: None,
            max: None,
            personal: false,
            description: None,
            question: vec![],
            form: Default::default(),
        }
    }
    fn t(s: &str) -> Raw {
        Raw::Text(s.into())
    }

    #[test]
    fn booleans_the_indonesian_way() {
        let c = col(ColumnType::Boolean);
        for s in ["Ya", "ya ", "Y", "1", "TRUE", "Iya", "√", "✓", " ✔ "] {
            assert_eq!(
                parse(&t(s), &c, Style::default()),
                Ok(Some(Value::Bool(true))),
                "{s}"
            );
        }
        for s in [
            "Tidak",
            "TIDAK",
            "N",
            "0",
            "tdk",
            "Tidak Ada",
            "T",
            "t",
            " t. ",
        ] {
            assert_eq!(
                parse(&t(s), &c, Style::default()),
                Ok(Some(Value::Bool(false))),
                "{s}"
            );
        }
        assert_eq!(
            parse(&Raw::Number(1.0), &c, Style::default()),
            Ok(Some(Value::Bool(true)))
        );
        // Ambiguous marks stay invalid rather than guessed: `x` means Ya in some offices and
        // Tidak in others; `Y/T` is the form's prompt left unfilled.
        for s in ["mungkin", "x", "Y/T", "tt"] {
            assert!(
                matches!(
                    parse(&t(s), &c, Style::default()),
                    Err(CellProblem::Invalid(_) | CellProblem::NotAnswered)
                ),
                "{s}"
            );
        }
    }

    #[test]
    fn missing_is_not_zero() {
        let c = col(ColumnType::Likert);
        assert_eq!(parse(&Raw::Empty, &c, Style::default()), Ok(None));
        assert_eq!(parse(&t("  "), &c, Style::default()), Ok(None));
        for s in ["-", "N/A", "Tidak tahu", "tidak  TAHU"] {
            assert_eq!(
                parse(&t(s), &c, Style::default()),
                Err(CellProblem::NotAnswered),
                "{s}"
            );
        }
        assert_eq!(
            parse(&Raw::Error("#DIV/0!".into()), &c, Style::default()),
            Err(CellProblem::FormulaError)
        );
    }

    /// Corpus (Dinkes, Bappeda): `50 Mbps` in the bandwidth column and `tdk ada` for
    /// "tidak ada" were read as missing.
    #[test]
    fn numbers_with_their_unit_and_short_words() {
        let col = |name: &str, kind: ColumnType| Column {
            name: name.into(),
            ..col(kind)
        };
        let bw = col("bandwidth_mbps", ColumnType::Number);
        let st = Style::default();
        assert_eq!(parse(&t("50 Mbps"), &bw, st), Ok(Some(Value::Float(50.0))));
        assert_eq!(parse(&t("2,5 mbps"), &bw, st), Ok(Some(Value::Float(2.5))));
        assert!(parse(&t("512 Kbps"), &bw, st).is_err());
        let n = col("laptop_dinas", ColumnType::Integer);
        assert_eq!(parse(&t("12 unit"), &n, st), Ok(Some(Value::Int(12))));
        assert!(parse(&t("12 Mbps"), &n, st).is_err());
        let cat = col(
            "internet_rumah",
            ColumnType::Category {
                values: vec!["tidak ada".into(), "lemah".into(), "baik".into()],
            },
        );
        assert_eq!(
            parse(&t("Tdk ada"), &cat, st),
            Ok(Some(Value::Text("tidak ada".into())))
        );
    }

    #[test]
    fn numbers_with_indonesian_separators() {
        assert_eq!(parse_number_text("2,5", false), Some(2.5));
        assert_eq!(parse_number_text("1.250", false), Some(1250.0));
        assert_eq!(parse_number_text("1.250.000", false), Some(1_250_000.0));
        assert_eq!(parse_number_text("1.250.000,50", false), Some(1_250_000.5));
        assert_eq!(parse_number_text("1,250.5", false), Some(1250.5));
        assert_eq!(parse_number_text("Rp 1.500.000", false), Some(1_500_000.0));
        assert_eq!(parse_number_text("-3", false), Some(-3.0));
        assert_eq!(parse_number_text("12a", false), None);
        assert_eq!(parse_number_text("1.2.3", false), None);
        // An English-locale column: `.` is the decimal point.
        assert_eq!(parse_number_text("20.375", true), Some(20.375));
        assert_eq!(parse_number_text("1,250.5", true), Some(1250.5));
        assert_eq!(separator_evidence("34.75"), Some(true));
        assert_eq!(separator_evidence("2,5"), Some(false));
        assert_eq!(separator_evidence("20.375"), None);
        let cells = [Raw::Text("20.375".into()), Raw::Text("34.75".into())];
        assert!(Style::of(cells.iter(), false).point_decimal);
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(&t("75%"), Style::default()), Some(0.75));
        assert_eq!(percent(&t("75 %"), Style::default()), Some(0.75));
        assert_eq!(percent(&t("12,5%"), Style::default()), Some(0.125));
        assert_eq!(percent(&Raw::Number(0.75), Style::default()), Some(0.75));
        assert_eq!(percent(&Raw::Number(75.0), Style::default()), Some(0.75));
        assert_eq!(percent(&t("0,8"), Style::default()), Some(0.8));
        // A column of whole percentages: a bare 1 is 1 %, not 100 %.
        assert_eq!(
            percent(
                &Raw::Number(1.0),
                Style {
                    whole_percent: true,
                    ..Style::default()
                }
            ),
            Some(0.01)
        );
    }

    #[test]
    fn integers_and_ranges() {
        let mut c = col(ColumnType::Likert);
        c.min = Some(1.0);
        c.max = Some(5.0);
        assert_eq!(
            parse(&Raw::Number(4.0), &c, Style::default()),
            Ok(Some(Value::Int(4)))
        );
        assert!(matches!(
            parse(&Raw::Number(7.0), &c, Style::default()),
            Err(CellProblem::OutOfRange(_))
        ));
        assert!(matches!(
            parse(&Raw::Number(3.5), &c, Style::default()),
            Err(CellProblem::Invalid(_))
        ));
    }

    #[test]
    fn categories_ignore_case_and_spaces() {
        let c = col(ColumnType::Category {
            values: vec!["baik".into(), "tidak ada".into()],
        });
        assert_eq!(
            parse(&t(" Tidak  Ada "), &c, Style::default()),
            Ok(Some(Value::Text("tidak ada".into())))
        );
        assert_eq!(
            parse(&t("BAIK"), &c, Style::default()),
            Ok(Some(Value::Text("baik".into())))
        );
        assert!(matches!(
            parse(&t("bagus"), &c, Style::default()),
            Err(CellProblem::UnknownCategory(_))
        ));
    }

    #[test]
    fn dates() {
        assert_eq!(serial_to_iso(46014.0).as_deref(), Some("2025-12-23"));
        assert_eq!(date(&t("23/12/2025")).as_deref(), Some("2025-12-23"));
        assert_eq!(date(&t("2025-12-23")).as_deref(), Some("2025-12-23"));
        assert_eq!(date(&t("31/02/2025")), None);
    }

    #[test]
    fn codes_typed_as_numbers_read_as_text() {
        assert_eq!(text(&Raw::Number(1011.0)), "1011");
        assert_eq!(text(&Raw::Number(2.5)), "2.5");
    }
}
