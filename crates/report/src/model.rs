//! The document model: what the report says, before it is HTML, a workbook or a Word file.
//!
//! Every renderer reads the same [`Document`]: sections of blocks (paragraphs, key figures,
//! tables, charts, notes) and the plan that the Word draft lays out. Numbers in tables stay
//! numbers ([`Cell::Num`]) with the kind of their column ([`Kind`]), so the workbook gets real
//! numbers with number formats and the page gets them written as the language writes them.

use cchc_model::Lang;

/// The year's report for one or several units.
#[derive(Debug, Clone)]
pub struct Document {
    /// Language of every word in it.
    pub lang: Lang,
    /// The year reported on.
    pub year: i32,
    /// The units reported on, in the order the report follows.
    pub units: Vec<String>,
    /// Title ("Báo cáo kết quả cải cách hành chính năm 2024").
    pub title: String,
    /// The line under the title (the units, or "every unit of the store").
    pub subtitle: String,
    /// The sections that could be filled, in order.
    pub sections: Vec<Section>,
    /// The sections left out, each with the reason (no surveys in the store, …).
    pub missing: Vec<String>,
    /// The remediation plan of the next year (the Word draft).
    pub plan: Plan,
}

/// The sections a report can hold, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Key figures per unit.
    Summary,
    /// Points lost: Pareto chart and table.
    PointsLost,
    /// Score totals over the years.
    Trends,
    /// Satisfaction surveys.
    Satisfaction,
    /// Administrative procedures.
    Procedures,
    /// Imported files.
    Sources,
    /// Definitions of the metrics.
    Definitions,
}

/// A titled part of the report.
#[derive(Debug, Clone)]
pub struct Section {
    /// Which section.
    pub kind: SectionKind,
    /// Its heading.
    pub title: String,
    /// Its content, in order.
    pub blocks: Vec<Block>,
}

/// One piece of content.
#[derive(Debug, Clone)]
pub enum Block {
    /// A sub-heading.
    Heading(String),
    /// A paragraph of running text.
    Paragraph(String),
    /// A row of key figures.
    Figures(Vec<Figure>),
    /// A table (a sheet of its own in the workbook).
    Table(Table),
    /// A table the workbook draws a chart from, left off the page: its figures are already in
    /// another table there (a scatter's points).
    Data(Table),
    /// A chart (an SVG on the page, a native chart in the workbook when it has one).
    Chart(Chart),
    /// A small-print note under a table or chart.
    Note(String),
}

/// A key figure: "Chỉ số CCHC 2024: 87,50 điểm (+2,30)".
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What it is, with the unit it belongs to.
    pub label: String,
    /// The number as the language writes it.
    pub value: String,
    /// The change, interval or target beside it; empty when there is none.
    pub detail: String,
}

/// What a column holds, for number formats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Text.
    Text,
    /// Whole numbers, thousands grouped.
    Int,
    /// Decimals, with this many digits.
    Num(usize),
    /// A fraction shown as a percentage with one decimal.
    Pct,
    /// An amount of money in đồng, thousands grouped.
    Money,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Col {
    /// Its header.
    pub header: String,
    /// What it holds.
    pub kind: Kind,
    /// Width in characters (the workbook's column width, the page's share).
    pub width: f64,
}

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (unknown, not a zero).
    Empty,
    /// Text.
    Text(String),
    /// A number, formatted by its column's kind.
    Num(f64),
}

impl Cell {
    /// The cell as the language writes it under its column's kind ("87,5%", "1.234", "30,44").
    pub fn display(&self, kind: Kind, lang: Lang) -> String {
        use cchc_model::labels::{fmt_money, fmt_number};
        match (self, kind) {
            (Cell::Empty, _) => String::new(),
            (Cell::Text(s), _) => s.clone(),
            (Cell::Num(x), Kind::Text) => fmt_number(*x, 0, lang),
            (Cell::Num(x), Kind::Int | Kind::Money) => fmt_money(*x, lang),
            (Cell::Num(x), Kind::Num(d)) => fmt_number(*x, d, lang),
            (Cell::Num(x), Kind::Pct) => format!("{}%", fmt_number(x * 100.0, 1, lang)),
        }
    }
}

/// A highlight a table asks for: the workbook's conditional format, the page's shading.
#[derive(Debug, Clone, PartialEq)]
pub enum Highlight {
    /// A bar in each cell of the column, by its value (points lost).
    Bars { col: usize },
    /// Cells of the column above the threshold are marked (late rates over the limit).
    Above { col: usize, threshold: f64 },
    /// Cells of the column below the threshold are marked (a target not met).
    Below { col: usize, threshold: f64 },
}

/// A table: a sheet of its own in the workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name (at most 31 characters, unique in the document).
    pub sheet: String,
    /// Its caption.
    pub title: String,
    /// Its columns.
    pub columns: Vec<Col>,
    /// Its rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
    /// Highlights.
    pub highlights: Vec<Highlight>,
}

/// How the workbook draws a chart from its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeKind {
    /// Columns for the first series, the others as lines on a secondary axis (Pareto: points
    /// lost and the cumulative share).
    ColumnsWithLine,
    /// Lines, one per series (trends).
    Lines,
    /// Horizontal bars stacked to 100% (Likert).
    StackedBars,
    /// Clustered columns, the last series as a line (channels and the postal target).
    ColumnsWithTarget,
    /// Points: the categories' column across, each series' column up (procedures: dossiers
    /// received and late rate).
    Scatter,
}

/// A native chart: drawn by the spreadsheet from the ranges of a table's sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Native {
    /// How it is drawn.
    pub kind: NativeKind,
    /// The sheet of the table it reads.
    pub sheet: String,
    /// The column of the categories.
    pub categories: usize,
    /// The columns of the series, in order.
    pub series: Vec<usize>,
    /// Whether the values are fractions (the axis in percent).
    pub percent: bool,
}

/// A chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Its caption.
    pub title: String,
    /// The chart drawn by the plot crate, as SVG.
    pub svg: String,
    /// The workbook's own chart of the same figures, when it has one.
    pub native: Option<Native>,
}

/// One task of the plan: a criterion that lost points.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// The unit it belongs to.
    pub unit: String,
    /// Criterion code.
    pub code: String,
    /// Criterion name.
    pub criterion: String,
    /// Maximum score.
    pub max_score: f64,
    /// Score obtained.
    pub score: f64,
    /// Points lost.
    pub points_lost: f64,
    /// Why, as the scorecard says (empty when it says nothing).
    pub reason: String,
    /// The remedy, as the scorecard says (empty when it says nothing).
    pub remedy: String,
}

/// The remediation plan of the year after the report's: the shape of the seed plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The year of the plan (the report's year + 1).
    pub year: i32,
    /// Criteria that lost points, largest loss first.
    pub tasks: Vec<Task>,
    /// Procedures proposed for simplification, when the store has them.
    pub procedures: Option<Table>,
}
