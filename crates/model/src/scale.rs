//! The five-level answer scales of surveys. Every scale runs from 1 (the most negative) to 5
//! (the most positive) with a shared neutral middle, and its index is the share of answers at 4
//! or 5; only the name of the index differs (a satisfaction, agreement or quality index).

use serde::{Deserialize, Serialize};

/// A five-level scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Rất không hài lòng … Rất hài lòng (SIPAS).
    Satisfaction,
    /// Hoàn toàn không đồng ý … Hoàn toàn đồng ý.
    Agreement,
    /// Rất kém … Rất tốt.
    Quality,
    /// The numbers 1 to 5, without labels.
    Numbers,
}

impl Scale {
    /// Every scale, in a fixed order.
    pub const ALL: [Scale; 4] = [
        Scale::Satisfaction,
        Scale::Agreement,
        Scale::Quality,
        Scale::Numbers,
    ];

    /// The name stored in the `scale` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Satisfaction => "satisfaction",
            Scale::Agreement => "agreement",
            Scale::Quality => "quality",
            Scale::Numbers => "numbers",
        }
    }

    /// Reads a stored name; answers stored before scales were (null) are satisfaction.
    pub fn parse(name: Option<&str>) -> Option<Scale> {
        match name {
            None => Some(Scale::Satisfaction),
            Some(n) => Scale::ALL.into_iter().find(|s| s.as_str() == n),
        }
    }
}

/// The one scale that stored scale names share: `None` without names, `Some(None)` when they
/// differ (or one is not a scale), `Some(Some(scale))` when they are all the same.
pub fn shared<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<Option<Scale>> {
    let mut seen: Option<&str> = None;
    for name in names {
        match seen {
            None => seen = Some(name),
            Some(first) if first != name => return Some(None),
            Some(_) => {}
        }
    }
    seen.map(|name| Scale::parse(Some(name)))
}

impl std::fmt::Display for Scale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_share_a_scale_or_mix() {
        assert_eq!(shared([]), None);
        assert_eq!(
            shared(["agreement", "agreement"]),
            Some(Some(Scale::Agreement))
        );
        assert_eq!(shared(["agreement", "quality"]), Some(None));
        assert_eq!(shared(["mixed"]), Some(None));
    }
}
