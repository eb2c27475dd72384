//! A gate's numeric limit: `persen_skp_ekinerja >= 0.5` compares the side
//! `persen_skp_ekinerja` with the limit 0.5, so that the robustness check can move the limit
//! and decide the gate again from the side's value, without running the SQL again.
//!
//! Only a condition that is, as a whole, one comparison (`>`, `>=`, `<`, `<=`) of an expression
//! with a number has a limit; any other gate (`absensi_online`, `a AND b`) has none and is not
//! moved. Reads expressions; computes no data.

use polars::prelude::*;

/// How the side is compared with the limit (the side on the left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Gt,
    GtEq,
    Lt,
    LtEq,
}

/// A gate condition `side <op> value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub side: Expr,
    pub op: Cmp,
    pub value: f64,
}

impl Limit {
    /// Whether `x` meets the condition with the limit `value`.
    pub fn passes(&self, x: f64, value: f64) -> bool {
        match self.op {
            Cmp::Gt => x > value,
            Cmp::GtEq => x >= value,
            Cmp::Lt => x < value,
            Cmp::LtEq => x <= value,
        }
    }
}

/// A finite number literal. An integer is read as it is; a decimal written in the SQL is a
/// dynamic literal that polars types only when it computes it, so it is computed once on a
/// one-row frame.
fn number(e: &Expr) -> Option<f64> {
    let Expr::Literal(l) = e else { return None };
    let x = if let Ok(i) = l.extract_i64() {
        i as f64
    } else if let LiteralValue::Scalar(s) = l {
        s.value().extract::<f64>()?
    } else if matches!(l, LiteralValue::Dyn(_)) && l.extract_str().is_none() {
        let one = DataFrame::new(1, vec![Column::new("one".into(), [0i32])]).ok()?;
        let df = one
            .lazy()
            .select([e.clone().cast(DataType::Float64).alias("x")])
            .collect()
            .ok()?;
        df.column("x").ok()?.f64().ok()?.get(0)?
    } else {
        return None;
    };
    x.is_finite().then_some(x)
}

/// The limit of a gate's condition, when it has one.
pub fn limit(e: &Expr) -> Option<Limit> {
    let Expr::BinaryExpr { left, op, right } = e else {
        return None;
    };
    let (op, flipped) = match op {
        Operator::Gt => (Cmp::Gt, Cmp::Lt),
        Operator::GtEq => (Cmp::GtEq, Cmp::LtEq),
        Operator::Lt => (Cmp::Lt, Cmp::Gt),
        Operator::LtEq => (Cmp::LtEq, Cmp::GtEq),
        _ => return None,
    };
    match (number(left), number(right)) {
        (None, Some(value)) => Some(Limit {
            side: left.as_ref().clone(),
            op,
            value,
        }),
        (Some(value), None) => Some(Limit {
            side: right.as_ref().clone(),
            op: flipped,
            value,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(sql: &str) -> Expr {
        polars::sql::sql_expr(sql).unwrap()
    }

    #[test]
    fn a_comparison_with_a_number_has_a_limit_either_way_round() {
        let l = limit(&parsed("persen_skp >= 0.5")).unwrap();
        assert_eq!((l.op, l.value), (Cmp::GtEq, 0.5));
        assert!(l.passes(0.5, 0.5) && !l.passes(0.49, 0.5) && !l.passes(0.5, 0.55));
        let l = limit(&parsed("3 < jumlah")).unwrap();
        assert_eq!((l.op, l.value), (Cmp::Gt, 3.0));
        assert!(l.passes(4.0, 3.0) && !l.passes(3.0, 3.0));
    }

    #[test]
    fn other_conditions_have_none() {
        for sql in [
            "absensi_online",
            "NOT layanan_garis_depan",
            "laporan_output <> 'tidak ada'",
            "a >= 0.5 AND b >= 0.5",
            "a >= b",
            "a = 1",
        ] {
            assert!(limit(&parsed(sql)).is_none(), "{sql}");
        }
    }
}
