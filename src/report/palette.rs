//! The verdict colours of every renderer (workbook cells, HTML badges, charts), best verdict
//! first: green, amber, red, grey, then blue and purple. A rubric may have any number of
//! verdicts; past the last colour the palette starts again, so every verdict has a colour.
//! Colour is never the only signal: every coloured cell or badge also carries the label.
//!
//! This module holds colours only; it knows nothing of verdict ids or wording.

/// One verdict's colours: `strong` for badges, borders and chart bars (white text on it),
/// `fill` for a light cell background (black text on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictColour {
    pub strong: u32,
    pub fill: u32,
}

/// The palette, best verdict first.
pub const VERDICT_COLOURS: [VerdictColour; 6] = [
    VerdictColour {
        strong: 0x1a7f37,
        fill: 0xC6EFCE,
    },
    VerdictColour {
        strong: 0xd98e04,
        fill: 0xFFEB9C,
    },
    VerdictColour {
        strong: 0xc0392b,
        fill: 0xFFC7CE,
    },
    VerdictColour {
        strong: 0x6b7280,
        fill: 0xE0E0E0,
    },
    VerdictColour {
        strong: 0x0b5cad,
        fill: 0xCFE2F3,
    },
    VerdictColour {
        strong: 0x7b3fa0,
        fill: 0xE4D7EE,
    },
];

/// The colours of a verdict with no place in the rubric's list (grey).
pub const UNKNOWN: VerdictColour = VERDICT_COLOURS[3];

/// The colours of the verdict at `index` (0 = best), for any number of verdicts.
pub fn verdict(index: usize) -> VerdictColour {
    VERDICT_COLOURS[index % VERDICT_COLOURS.len()]
}

/// `#rrggbb` for a colour.
pub fn css(rgb: u32) -> String {
    format!("#{rgb:06x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_cycles_and_neighbours_differ() {
        for n in 1..=13 {
            let colours: Vec<_> = (0..n).map(verdict).collect();
            for w in colours.windows(2) {
                assert_ne!(w[0], w[1], "{n} verdicts");
            }
        }
        assert_eq!(verdict(6), verdict(0));
        assert_eq!(css(0x0b5cad), "#0b5cad");
    }
}
