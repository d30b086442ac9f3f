//! Panic containment: a spreadsheet parser that panics on a malformed file (calamine has, on
//! damaged .xls files) becomes a "damaged file" error for that one file, and the quiet panic hook
//! keeps such contained panics off the terminal.

use std::path::Path;

use crate::error::ImportError;

thread_local! {
    /// Set while a spreadsheet parser runs under [`contain`], so that the quiet hook knows the
    /// panic will be turned into an error.
    pub(crate) static CONTAINED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs spreadsheet parsing, turning a panic inside the parser (calamine has panicked on
/// malformed .xls files) into a "damaged file" error for this one file.
pub(crate) fn contain<T>(
    path: &Path,
    f: impl FnOnce() -> Result<T, ImportError>,
) -> Result<T, ImportError> {
    let was = CONTAINED.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(was));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the spreadsheet parser failed".to_owned());
            Err(ImportError::Damaged {
                path: path.to_owned(),
                detail: what,
            })
        }
    }
}

/// Installs a panic hook that stays silent for panics the importer turns into errors, and defers
/// to the previous hook for every other panic. For binaries; call once at start.
pub fn install_quiet_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !CONTAINED.with(std::cell::Cell::get) {
            previous(info);
        }
    }));
}
