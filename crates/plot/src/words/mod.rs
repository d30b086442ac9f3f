//! The charts' catalogue: titles, axis labels and legends, in Vietnamese and English. Phrases with
//! nothing to fill in are in [`phrases`]; labels with values are functions here.

pub mod phrases;
