//! The embedded font: DejaVu Sans, regular and bold (Bitstream Vera licence, `assets/`).

use std::sync::Once;

use plotters::style::{FontStyle, register_font};

/// The family name charts use.
pub const FAMILY: &str = "DejaVu Sans";

static REGULAR: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/DejaVuSans-Bold.ttf");
static REGISTER: Once = Once::new();

/// Registers the embedded font once per process.
pub fn ensure() {
    REGISTER.call_once(|| {
        // The bytes are compiled in and known to be valid TrueType; a failure would leave
        // plotters on its fallback, which the tests of this crate would catch.
        let _ = register_font(FAMILY, FontStyle::Normal, REGULAR);
        let _ = register_font(FAMILY, FontStyle::Bold, BOLD);
    });
}
