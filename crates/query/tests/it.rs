//! The query layer over a store made from the seed's appendix (`datasets/seed_appendix_2021.xlsx`,
//! the seven criteria the department fell short on in 2021): the figures, the choices and the
//! typed errors a front end renders.

use std::path::Path;

use cchc_model::TableKind;
use cchc_model::columns as c;
use cchc_query::chart::{ChartData, ChartKind, ChartRequest};
use cchc_query::report::{ReportRequest, Step};
use cchc_query::scorecard::Level;
use cchc_query::{Choice, Query, QueryError, Scope};
use cchc_store::{Source, Store, StoreError};

const SEED_UNIT: &str = "Sở Kế hoạch và Đầu tư";

/// A store holding the seed's appendix, imported as `cchc import` does.
fn seed_store(dir: &Path) -> Store {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets/seed_appendix_2021.xlsx");
    let mut store = Store::open_for_write(dir).unwrap();
    let mut pending = store.begin();
    let mut sink = |table: &str, rows: cchc_model::Rows| {
        pending
            .write(table, rows)
            .map_err(|e| Box::new(e) as cchc_import::SinkError)
    };
    let imported =
        cchc_import::import_file_into(&file, None, &Default::default(), &mut sink).unwrap();
    let source = Source {
        kind: imported.kind,
        sha256: &imported.source.sha256,
        path: &imported.source.path,
        sheets: imported.sheets.iter().map(|s| s.sheet.clone()).collect(),
        counts: imported.counts(),
        rejections: imported.rejections().cloned().collect(),
        warnings: imported.warnings().count() as u64,
        province: None,
        units: Default::default(),
        period: None,
    };
    store.commit(pending, source).unwrap();
    drop(store);
    Store::open(dir).unwrap()
}

#[test]
fn the_seeds_points_lost_come_from_the_query_layer_as_the_plan_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let query = Query::new(&store);
    // Asked for as an analyst types it: no accents, lower case.
    let gaps = query
        .gaps(
            &Scope::of(Some(2021), Some("so ke hoach va dau tu")),
            Level::Leaf,
        )
        .unwrap();
    assert_eq!(gaps.height(), 7);
    let lost: f64 = gaps
        .column(c::POINTS_LOST)
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .flatten()
        .sum();
    assert!((lost - 9.06).abs() < 1e-9, "{lost}");
    // Another year is no row, not an error.
    assert_eq!(
        query
            .gaps(&Scope::of(Some(2020), None), Level::Leaf)
            .unwrap()
            .height(),
        0
    );
}

#[test]
fn a_chart_takes_the_only_unit_and_the_latest_year_and_names_what_is_not_there() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let query = Query::new(&store);
    let pareto = |scope| {
        query.chart(&ChartRequest {
            kind: ChartKind::Pareto,
            scope,
            level: Level::Leaf,
        })
    };
    match pareto(Scope::all()).unwrap().data {
        ChartData::Pareto { unit, year, .. } => {
            assert_eq!((unit.as_str(), year), (SEED_UNIT, 2021));
        }
        other => panic!("{other:?}"),
    }
    match pareto(Scope::of(Some(2019), None)) {
        Err(QueryError::NotInStore {
            what: Choice::Year,
            asked,
            available,
        }) => assert_eq!(
            (asked.as_str(), available),
            ("2019", vec!["2021".to_owned()])
        ),
        other => panic!("{other:?}"),
    }
    match pareto(Scope::of(None, Some("Sở Y tế"))) {
        Err(QueryError::NotInStore {
            what: Choice::Unit,
            available,
            ..
        }) => assert_eq!(available, vec![SEED_UNIT.to_owned()]),
        other => panic!("{other:?}"),
    }
    // No survey was imported: the typed outcome, naming the store and the kind.
    match query.chart(&ChartRequest {
        kind: ChartKind::Likert,
        scope: Scope::all(),
        level: Level::Leaf,
    }) {
        Err(QueryError::Store(StoreError::NothingImported { kind, .. })) => {
            assert_eq!(kind, TableKind::Survey)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_report_gathers_the_year_of_the_units_and_refuses_a_year_without_figures() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let query = Query::new(&store);
    let mut steps = Vec::new();
    let data = query
        .report(&ReportRequest::default(), &mut |s| steps.push(s))
        .unwrap();
    assert_eq!(steps, [Step::Scorecards, Step::Surveys, Step::Procedures]);
    assert_eq!(
        (data.year, data.units.as_slice()),
        (2021, [SEED_UNIT.to_owned()].as_slice())
    );
    assert!(!data.chosen && data.surveys.is_none() && data.procedures.is_none());
    let scorecards = data.scorecards.unwrap();
    assert_eq!(scorecards.gaps.height(), 7);
    assert_eq!(data.sources.len(), 1);
    assert_eq!(data.sources[0].imported, 7);
    let asked = ReportRequest {
        year: Some(2022),
        units: vec!["so ke hoach va dau tu".to_owned()],
    };
    match query.report(&asked, &mut |_| {}) {
        Err(QueryError::ReportYear { year, years }) => {
            assert_eq!((year, years), (2022, vec![2021]))
        }
        other => panic!("{:?}", other.map(|d| d.year)),
    }
}
