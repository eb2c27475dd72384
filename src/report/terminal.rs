//! The short summary printed to the terminal: one line per unit, then the province's answer.

use crate::assessment::Assessment;
use crate::format;

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub fn render(a: &Assessment) -> String {
    let lang = a.lang;
    let mut out = String::new();
    let idw = a
        .units
        .iter()
        .map(|u| u.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(4);
    out.push_str(&format!(
        "{:<idw$}  {:<34}  {:>5}  {:<16}  {:>7}  {}\n",
        "Unit", "Name", "Score", "Verdict", "WFA now", "Top obstacle"
    ));
    for u in &a.units {
        let score = u
            .score
            .map(|s| format::number(s, 1, lang))
            .unwrap_or_else(|| "-".into());
        let top = u.obstacles.first().map(|o| o.label.as_str()).unwrap_or("-");
        out.push_str(&format!(
            "{:<idw$}  {:<34}  {:>5}  {:<16}  {:>7}  {}\n",
            u.id,
            cut(u.name.as_deref().unwrap_or(""), 34),
            score,
            cut(&u.verdict_label, 16),
            u.wfa.staff_allowed_at_once,
            cut(top, 50)
        ));
    }
    let s = &a.summary;
    let counts = a
        .verdicts
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v.label,
                s.verdict_counts.get(&v.id).copied().unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    out.push_str(&format!(
        "\n{}: {} — {}\n",
        s.label, s.verdict_label, s.message
    ));
    if a.units.iter().all(|u| u.wfa.staff_total.is_none()) {
        out.push_str(&format!("{counts}\n"));
        return out;
    }
    out.push_str(&format!(
        "{counts} · staff {} · eligible {} · allowed at once {}\n",
        format::number(s.staff_total as f64, 0, lang),
        format::number(s.staff_eligible as f64, 0, lang),
        format::number(s.staff_allowed_at_once as f64, 0, lang)
    ));
    out
}
