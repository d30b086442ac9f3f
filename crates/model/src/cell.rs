//! Cell addresses in the notation analysts know from Excel: `Sheet1!D12`.

use serde::{Deserialize, Serialize};

/// The address of one cell of a sheet; `row` and `col` are zero-based, printed one-based.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellRef {
    /// Sheet name as it appears in the workbook.
    pub sheet: String,
    /// Zero-based row index.
    pub row: u32,
    /// Zero-based column index.
    pub col: u32,
}

impl CellRef {
    /// A cell address; `row` and `col` are zero-based.
    pub fn new(sheet: impl Into<String>, row: u32, col: u32) -> Self {
        CellRef {
            sheet: sheet.into(),
            row,
            col,
        }
    }
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let needs_quotes = self.sheet.chars().any(|c| !c.is_alphanumeric() && c != '_');
        if needs_quotes {
            write!(f, "'{}'!", self.sheet.replace('\'', "''"))?;
        } else {
            write!(f, "{}!", self.sheet)?;
        }
        write!(f, "{}{}", column_letters(self.col), self.row as u64 + 1)
    }
}

/// Excel column letters for a zero-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`, 16383 → `XFD`.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn cell_ref_prints_one_based_and_quotes_odd_sheet_names() {
        assert_eq!(CellRef::new("Sheet1", 11, 3).to_string(), "Sheet1!D12");
        assert_eq!(CellRef::new("Năm 2021", 0, 0).to_string(), "'Năm 2021'!A1");
        assert_eq!(CellRef::new("Phụ_lục", 1, 1).to_string(), "Phụ_lục!B2");
    }
}
