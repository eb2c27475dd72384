//! A leadership decision (`scoring::decisions`) in the run's language, for `assessment.json`:
//! what was decided, the value before and after in words, the reason and who decided.

use crate::assessment::OverrideRecord;
use crate::rubric::{Lang, Rubric};
use crate::scoring::decisions::{Overridden, OverrideFact};

pub fn record(r: &Rubric, o: &OverrideFact, lang: Lang) -> OverrideRecord {
    let met = |x: bool| match (x, lang) {
        (true, Lang::Id) => "terpenuhi",
        (false, Lang::Id) => "tidak terpenuhi",
        (true, Lang::En) => "met",
        (false, Lang::En) => "not met",
    };
    let (what, label, from, to) = match &o.what {
        Overridden::Verdict { from, to } => (
            "verdict".to_string(),
            match lang {
                Lang::Id => "Hasil penilaian",
                Lang::En => "Verdict",
            }
            .to_string(),
            Some(r.verdicts[*from].label.get(lang).to_string()),
            r.verdicts[*to].label.get(lang).to_string(),
        ),
        Overridden::Gate { gate, from, to } => (
            format!("gate:{}", r.gates[*gate].id),
            r.gates[*gate].label.get(lang).to_string(),
            from.map(|x| met(x).to_string()),
            met(*to).to_string(),
        ),
        Overridden::MaxAway { from, to } => (
            "max_away".to_string(),
            match lang {
                Lang::Id => "Paling banyak WFA bersamaan",
                Lang::En => "Most staff away at once",
            }
            .to_string(),
            from.map(|x| crate::format::number(x as f64, 0, lang)),
            crate::format::number(*to as f64, 0, lang),
        ),
    };
    OverrideRecord {
        what,
        label,
        from,
        to,
        reason: o.reason.clone(),
        decided_by: o.decided_by.clone(),
    }
}
