//! Where each column's cell sits in a row: a survey row is looked up some thirty times.

use crate::cell::{Row, Value};

/// Where each column's cell sits in a row's cells, for the columns a sheet reads: a survey row
/// is looked up some thirty times, and a binary search per lookup cost more than the rest of the
/// row's handling.
pub(super) struct ColumnIndex {
    /// Per column: the generation that set it and the cell's position.
    pub(super) slots: Vec<(u32, u32)>,
    pub(super) generation: u32,
}

/// A row's cells, looked up by column through a [`ColumnIndex`].
pub(super) struct IndexedRow<'a> {
    pub(super) row: &'a Row,
    pub(super) slots: &'a [(u32, u32)],
    pub(super) generation: u32,
}

impl ColumnIndex {
    pub(super) fn new(width: usize) -> Self {
        ColumnIndex {
            slots: vec![(0, 0); width],
            generation: 0,
        }
    }

    /// Indexes a row's cells (columns beyond the width are never asked for).
    pub(super) fn index<'a>(&'a mut self, row: &'a Row) -> IndexedRow<'a> {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped: no slot may look current.
            self.slots.fill((0, 0));
            self.generation = 1;
        }
        for (i, (col, _)) in row.cells.iter().enumerate() {
            if let Some(slot) = self.slots.get_mut(*col as usize) {
                *slot = (self.generation, i as u32);
            }
        }
        IndexedRow {
            row,
            slots: &self.slots,
            generation: self.generation,
        }
    }
}

impl<'a> IndexedRow<'a> {
    pub(super) fn get(&self, col: u32) -> Option<&'a Value> {
        match self.slots.get(col as usize) {
            Some((g, i)) if *g == self.generation => self.row.cells.get(*i as usize).map(|c| &c.1),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_index_finds_this_rows_cells_only() {
        let row = |cells: Vec<(u32, f64)>| Row {
            index: 0,
            cells: cells
                .into_iter()
                .map(|(c, x)| (c, Value::Number(x)))
                .collect(),
        };
        let mut columns = ColumnIndex::new(4);
        let first = row(vec![(0, 1.0), (2, 3.0), (5, 6.0)]);
        let cells = columns.index(&first);
        assert_eq!(cells.get(2), Some(&Value::Number(3.0)));
        assert_eq!(cells.get(0), Some(&Value::Number(1.0)));
        assert_eq!(cells.get(1), None);
        assert_eq!(cells.get(5), None); // beyond the columns the sheet reads
        // The next row does not see the previous row's cells.
        let second = row(vec![(1, 2.0)]);
        let cells = columns.index(&second);
        assert_eq!(cells.get(2), None);
        assert_eq!(cells.get(1), Some(&Value::Number(2.0)));
    }
}
