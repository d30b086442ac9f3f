//! A sheet read on a thread of its own beside the importer: the reading thread groups cells into
//! rows, the calling thread classifies them. Rows travel in batches and come back emptied, their
//! room kept: the reader fills them again, so a row's cells are neither allocated per row nor
//! freed on another thread than their own (glibc frees memory made on another thread slowly).

use std::ops::ControlFlow;
use std::path::Path;

use super::contain::CONTAINED;
use super::limits::{Limits, RowGrouper};
use crate::cell::Row;

/// Rows sent from the reading thread at a time.
const ROWS_PER_SEND: usize = 256;

/// Runs `read` on a thread of its own with a fresh grouper and a row sink, while `on_row` handles
/// the rows on the calling thread (a `Break` there stops the reader: its sink answers `Break`).
/// `read` returns its outcome and whether the rows still in the last batch are to be handled.
pub(crate) fn read_beside<R, S, F>(
    path: &Path,
    sheet: &str,
    limits: Limits,
    read: S,
    on_row: &mut F,
) -> R
where
    R: Send,
    S: FnOnce(&mut RowGrouper<'_>, &mut dyn FnMut(&mut Row) -> ControlFlow<()>) -> (R, bool) + Send,
    F: FnMut(&mut Row) -> ControlFlow<()>,
{
    let (rows, received) = std::sync::mpsc::sync_channel::<Vec<Row>>(4);
    let (give_back, given_back) = std::sync::mpsc::sync_channel::<Vec<Row>>(8);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            CONTAINED.with(|c| c.set(true));
            let mut grouper = RowGrouper::new(path, sheet, limits);
            let mut batch: Vec<Row> = Vec::with_capacity(ROWS_PER_SEND);
            let mut spare: Vec<Row> = Vec::new();
            let mut send = |row: &mut Row| {
                if spare.is_empty()
                    && let Ok(back) = given_back.try_recv()
                {
                    spare = back;
                }
                // The grouper's row goes into the batch; an emptied one takes its place.
                let mut slot = spare.pop().unwrap_or_default();
                slot.index = row.index;
                std::mem::swap(&mut slot.cells, &mut row.cells);
                batch.push(slot);
                if batch.len() >= ROWS_PER_SEND {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(ROWS_PER_SEND));
                    if rows.send(full).is_err() {
                        return ControlFlow::Break(()); // the importer stopped
                    }
                }
                ControlFlow::Continue(())
            };
            let (outcome, flush) = read(&mut grouper, &mut send);
            if flush && !batch.is_empty() {
                let _ = rows.send(batch);
            }
            outcome
        });
        'read: for mut batch in received {
            for row in &mut batch {
                if on_row(row).is_break() {
                    break 'read; // dropping the receiver stops the reader
                }
            }
            // Back to the reader (which empties a row before filling it), unless it has enough.
            let _ = give_back.try_send(batch);
        }
        match reader.join() {
            Ok(outcome) => outcome,
            Err(panic) => std::panic::resume_unwind(panic), // `contain` turns it into an error
        }
    })
}
