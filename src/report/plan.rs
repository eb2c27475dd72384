//! Renderers of a plan: JSON (`plan.json`, the numbers and ids as they are, the same in every
//! language), Markdown (`reports/plan.md.tera`) and terminal, in the language asked for, with
//! the rubric's labels, never column ids: "Pengadaan laptop dinas: +25 laptop dinas (5 → 30)",
//! one-off and yearly costs apart ("Rp 300.000.000 sekali + Rp 75.000.000 per tahun"), the
//! margin the plans clear, the method.
//!
//! The template sees a worded view (`View`): the plan's fields with labels, `cost_display`,
//! action `description`s and structural limits by label, `below` (the units under the target),
//! and `lang`.

use super::templates::Templates;
use crate::format;
use crate::plan::{Action, Limit, Plans, UnitPlan};
use crate::rubric::{Change, Lang, Rubric};
use anyhow::{Result, anyhow};
use serde::Serialize;

pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "rencana.md",
        Lang::En => "plan.md",
    }
}

pub fn json(p: &Plans) -> Result<String> {
    // Unit ids and names are display text here: capped (`text::cap`; the file is
    // language-neutral, so the marker is English) so that a 10 MB cell is not copied whole.
    let mut p = p.clone();
    let shown = |x: &str| crate::text::cap(x, crate::text::NAME_LIMIT, Lang::En).into_owned();
    for u in &mut p.units {
        u.id = shown(&u.id);
        u.name = u.name.as_deref().map(shown);
    }
    let mut t = serde_json::to_string_pretty(&p)?;
    t.push('\n');
    Ok(t)
}

/// A staff figure, or `-` when it is hidden for privacy.
fn shown(x: Option<i64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_else(|| "-".into())
}

fn rupiah(x: f64, lang: Lang) -> String {
    format!("Rp {}", format::number(x.round(), 0, lang))
}

/// One-off and yearly costs apart: "Rp 300.000.000 sekali + Rp 75.000.000 per tahun".
fn costs(once: f64, yearly: f64, lang: Lang) -> String {
    let (o, y) = match lang {
        Lang::Id => ("sekali", "per tahun"),
        Lang::En => ("one-off", "a year"),
    };
    match (once > 0.0, yearly > 0.0) {
        (true, true) => format!("{} {o} + {} {y}", rupiah(once, lang), rupiah(yearly, lang)),
        (false, true) => format!("{} {y}", rupiah(yearly, lang)),
        _ => format!("{} {o}", rupiah(once, lang)),
    }
}

/// A plan in words, for the template and the terminal.
#[derive(Serialize)]
struct View {
    lang: Lang,
    rubric_id: String,
    rubric_version: String,
    target_label: String,
    margin: f64,
    units: Vec<UnitView>,
    below: Vec<UnitView>,
    /// The totals of the cheapest plans of the units that can reach the target.
    to_target: crate::plan::ToTarget,
    to_target_display: String,
    budget: Option<BudgetView>,
    /// "label: assumption" per improvement whose unit cost is an assumption.
    assumptions: Vec<String>,
}

#[derive(Clone, Serialize)]
struct UnitView {
    id: String,
    name: Option<String>,
    at_target: bool,
    reaches_target: bool,
    verdict_label: String,
    new_verdict_label: String,
    cost: f64,
    /// One-off and yearly apart.
    cost_display: String,
    /// `None` when hidden for privacy (shown as `-`).
    staff_allowed_before: Option<i64>,
    staff_allowed_after: Option<i64>,
    /// After less before, when both are shown.
    staff_gain: Option<i64>,
    actions: Vec<ActionView>,
    structural_limits: Vec<String>,
}

#[derive(Clone, Serialize)]
struct ActionView {
    description: String,
    cost: f64,
    yearly: bool,
    cost_display: String,
}

#[derive(Serialize)]
struct BudgetView {
    budget: f64,
    spent: f64,
    staff_gain: Option<i64>,
    /// The first year's cost of each additional staff member, when the gain is shown.
    cost_per_staff: Option<f64>,
    cost_per_staff_display: Option<String>,
    method: String,
    units: Vec<UnitView>,
}

/// The words for a plan, from the rubric that made it.
struct Words<'a> {
    r: &'a Rubric,
    lang: Lang,
}

impl Words<'_> {
    fn verdict(&self, id: &str) -> String {
        match self.r.verdicts.iter().find(|v| v.id == id) {
            Some(v) => v.label.get(self.lang).to_string(),
            None => id.to_string(),
        }
    }

    fn limit(&self, l: &Limit) -> String {
        let label = match l {
            Limit::Indicator(id) => self
                .r
                .indicators
                .iter()
                .find(|i| &i.id == id)
                .map(|i| i.label.get(self.lang)),
            Limit::Gate(id) => self
                .r
                .gates
                .iter()
                .find(|g| &g.id == id)
                .map(|g| g.label.get(self.lang)),
        };
        let (Limit::Indicator(id) | Limit::Gate(id)) = l;
        label.unwrap_or(id).to_string()
    }

    /// "Pengadaan laptop dinas: +25 laptop dinas (5 → 30)", or the label of an on/off
    /// improvement.
    fn action(&self, a: &Action) -> String {
        let lang = self.lang;
        let Some(im) = self.r.improvements.iter().find(|im| im.id == a.improvement) else {
            return a.improvement.clone();
        };
        match &im.change {
            Change::Add { .. } => {
                let span = match (a.from, a.to) {
                    (Some(b), Some(x)) => format!(
                        " ({} → {})",
                        format::number(b, 2, lang),
                        format::number(x, 2, lang)
                    ),
                    _ => String::new(),
                };
                format!(
                    "{}: +{} {}{span}",
                    im.label.get(lang),
                    format::number(a.amount, 2, lang),
                    im.unit.get(lang)
                )
            }
            Change::Set { .. } => im.label.get(lang).to_string(),
        }
    }

    fn unit(&self, u: &UnitPlan) -> UnitView {
        UnitView {
            id: crate::text::cap(&u.id, crate::text::NAME_LIMIT, self.lang).into_owned(),
            name: u
                .name
                .as_deref()
                .map(|n| crate::text::cap(n, crate::text::NAME_LIMIT, self.lang).into_owned()),
            at_target: u.at_target,
            reaches_target: u.reaches_target,
            verdict_label: self.verdict(&u.verdict),
            new_verdict_label: self.verdict(&u.new_verdict),
            cost: u.cost,
            cost_display: costs(u.cost_once, u.cost_yearly, self.lang),
            staff_allowed_before: u.staff_allowed_before,
            staff_allowed_after: u.staff_allowed_after,
            staff_gain: u
                .staff_allowed_after
                .zip(u.staff_allowed_before)
                .map(|(a, b)| a - b),
            actions: u
                .actions
                .iter()
                .map(|a| ActionView {
                    description: self.action(a),
                    cost: a.cost,
                    yearly: a.yearly,
                    cost_display: if a.yearly {
                        costs(0.0, a.cost, self.lang)
                    } else {
                        costs(a.cost, 0.0, self.lang)
                    },
                })
                .collect(),
            structural_limits: u.structural_limits.iter().map(|l| self.limit(l)).collect(),
        }
    }

    fn view(&self, p: &Plans) -> View {
        let units: Vec<UnitView> = p.units.iter().map(|u| self.unit(u)).collect();
        View {
            lang: self.lang,
            rubric_id: p.rubric_id.clone(),
            rubric_version: p.rubric_version.clone(),
            target_label: self.verdict(&p.target_verdict),
            margin: p.margin,
            below: units.iter().filter(|u| !u.at_target).cloned().collect(),
            units,
            to_target: p.to_target.clone(),
            to_target_display: costs(p.to_target.cost_once, p.to_target.cost_yearly, self.lang),
            budget: p.budget.as_ref().map(|b| BudgetView {
                budget: b.budget,
                spent: b.spent,
                staff_gain: b.staff_gain,
                cost_per_staff: b.cost_per_staff,
                cost_per_staff_display: b.cost_per_staff.map(|c| rupiah(c, self.lang)),
                method: match self.lang {
                    Lang::Id => format!(
                        "pilihan terbaik yang pasti (knapsack pilihan-ganda, pemrograman dinamis) atas kombinasi perbaikan yang dinilai untuk tiap unit kerja; biaya dibulatkan ke atas ke kelipatan {} sehingga rencana tidak pernah melampaui anggaran; biaya tahun pertama (sekali + per tahun)",
                        rupiah(b.step, self.lang)
                    ),
                    Lang::En => format!(
                        "exact multiple-choice knapsack (dynamic programming) over each unit's evaluated improvement combinations, costs rounded up to {} so the plan never exceeds the budget; first-year costs (one-off + yearly)",
                        rupiah(b.step, self.lang)
                    ),
                },
                units: b.units.iter().map(|u| self.unit(u)).collect(),
            }),
            assumptions: p
                .assumptions
                .iter()
                .filter_map(|id| self.r.improvements.iter().find(|im| &im.id == id))
                .filter_map(|im| {
                    im.assumption.as_ref().map(|a| {
                        format!("{}: {}", im.label.get(self.lang), a.get(self.lang))
                    })
                })
                .collect(),
        }
    }
}

/// The plan in Markdown; `r` is the rubric it was made with (for the labels).
pub fn markdown(p: &Plans, r: &Rubric, lang: Lang, templates: &Templates) -> Result<String> {
    let view = Words { r, lang }.view(p);
    let ctx = tera::Context::from_serialize(&view).map_err(|e| anyhow!("plan context: {e}"))?;
    templates.render(lang, "plan.md.tera", &ctx)
}

/// The plan for the terminal; `r` is the rubric it was made with (for the labels).
pub fn terminal(p: &Plans, r: &Rubric, lang: Lang) -> String {
    let v = Words { r, lang }.view(p);
    let unit = r.unit_label.get(lang);
    let rp = |x: f64| rupiah(x, lang);
    let t = |id: &'static str, en: &'static str| match lang {
        Lang::Id => id,
        Lang::En => en,
    };
    let mut out = format!(
        "{}: {} ({} {} {})\n",
        t("Target", "Target"),
        v.target_label,
        t(
            "dengan selisih sedikitnya",
            "clearing the band's start by at least"
        ),
        format::number(v.margin, 1, lang),
        t("poin di atas batas skornya", "points")
    );
    for u in &v.below {
        let name = u.name.as_deref().unwrap_or(&u.id);
        let staff = format!(
            "{} {} → {}",
            t("WFA bersamaan", "staff at once"),
            shown(u.staff_allowed_before),
            shown(u.staff_allowed_after)
        );
        out.push_str(&if u.reaches_target {
            format!(
                "{} {name}: {} → {} {} {} ({staff})\n",
                u.id,
                u.verdict_label,
                u.new_verdict_label,
                t("dengan biaya", "for"),
                u.cost_display
            )
        } else if u.actions.is_empty() {
            format!(
                "{} {name}: {} — {}\n",
                u.id,
                u.verdict_label,
                t(
                    "tidak dapat dicapai dengan perbaikan dalam rubrik",
                    "out of reach with the rubric's improvements"
                )
            )
        } else {
            format!(
                "{} {name}: {} → {} {}, {} {} ({})\n",
                u.id,
                u.verdict_label,
                u.new_verdict_label,
                t("paling tinggi", "at most"),
                t("dengan biaya", "for"),
                u.cost_display,
                t("target tidak tercapai", "target out of reach")
            )
        });
        for a in &u.actions {
            out.push_str(&format!("    · {} — {}\n", a.description, a.cost_display));
        }
        if !u.structural_limits.is_empty() {
            out.push_str(&format!(
                "    {}: {}\n",
                t(
                    "batas struktural (tidak diberi harga)",
                    "structural limits (not priced)"
                ),
                u.structural_limits.join("; ")
            ));
        }
    }
    if v.units.iter().all(|u| u.at_target) {
        out.push_str(&match lang {
            Lang::Id => format!("Semua {unit} sudah mencapai target.\n"),
            Lang::En => format!("Every {unit} is already at or above the target.\n"),
        });
    }
    let tt = &v.to_target;
    out.push_str(&match lang {
        Lang::Id => format!(
            "\n{} dari {} {unit} di bawah target dapat mencapainya, dengan biaya seluruhnya {}; tambahan pegawai WFA bersamaan: {}\n",
            tt.reaching,
            tt.below,
            v.to_target_display,
            shown(tt.staff_gain)
        ),
        Lang::En => format!(
            "\n{} of {} {unit} below the target can reach it, for {} in all; additional staff at once: {}\n",
            tt.reaching,
            tt.below,
            v.to_target_display,
            shown(tt.staff_gain)
        ),
    });
    if let Some(b) = &v.budget {
        let per = b
            .cost_per_staff_display
            .clone()
            .unwrap_or_else(|| "-".into());
        out.push_str(&match lang {
            Lang::Id => format!(
                "\nAnggaran {}: dibelanjakan {}, tambahan {} pegawai dapat WFA bersamaan, di {} {unit}; {} per tambahan pegawai\n  metode: {}\n",
                rp(b.budget),
                rp(b.spent),
                shown(b.staff_gain),
                b.units.len(),
                per,
                b.method
            ),
            Lang::En => format!(
                "\nBudget {}: spend {}, {} more staff may take WFA at once, in {} {unit}; {} per additional staff member\n  method: {}\n",
                rp(b.budget),
                rp(b.spent),
                shown(b.staff_gain),
                b.units.len(),
                per,
                b.method
            ),
        });
        for u in &b.units {
            out.push_str(&format!(
                "  {} {}: {} (+{} {}) — {}\n",
                u.id,
                u.name.as_deref().unwrap_or(""),
                u.cost_display,
                shown(u.staff_gain),
                t("pegawai", "staff"),
                u.actions
                    .iter()
                    .map(|a| a.description.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    if !v.assumptions.is_empty() {
        out.push_str(t(
            "\nHarga satuan adalah asumsi dari rubrik:\n",
            "\nUnit costs are assumptions from the rubric:\n",
        ));
        for a in &v.assumptions {
            out.push_str(&format!("  - {a}\n"));
        }
    }
    out
}
