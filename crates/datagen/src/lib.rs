//! Writes the workbooks cchc ships and tests with, from code, so that every one can be rebuilt.
//!
//! [`write_datasets`] writes `datasets/`: the seed plan's appendix in its original layout with its
//! real 2021 figures, and synthetic scorecards (marked as such) for three units over 2021–2024 in
//! the three year layouts offices use; synthetic satisfaction surveys for 2022–2024 with a codebook
//! sheet; synthetic procedure registries and dossier statistics for two units over 2022–2024 (a
//! registry file and one statistics file per year; a combined workbook with a sheet per year); and
//! the published national SIPAS values with their sources. [`write_fixtures`] writes the small test fixtures of
//! `tests/data/` (except the .xls one, written by `tests/data/make_xls.py`).
//!
//! Architecture invariant: `datagen` knows nothing of the importers; it only writes files in the
//! layouts real offices produce.

pub mod bench;
pub mod dossiers;
pub mod fixtures;
pub mod hostile;
pub mod procedures;
pub mod scorecards;
pub mod sheet;
pub mod surveys;
pub mod xlsb;

use std::path::{Path, PathBuf};

use sheet::{write_ods, write_xlsx};

/// Anything that went wrong while writing.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Writes `datasets/` into `dir`; returns the files written.
pub fn write_datasets(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut save = |name: &str, sheets: &[sheet::SheetSpec]| -> Result<(), Error> {
        let path = dir.join(name);
        write_xlsx(&path, sheets)?;
        written.push(path);
        Ok(())
    };
    save("seed_appendix_2021.xlsx", &[scorecards::seed_appendix()])?;
    let [(a, sa, ba, ta), (b, sb, bb, tb), (c, sc, bc, tc)] = scorecards::UNITS;
    save(
        "scorecard_so_tu_phap_2021_2024.xlsx",
        &scorecards::sheet_per_year(a, &scorecards::unit_scores(sa, ba, ta, &scorecards::YEARS)),
    )?;
    for ys in scorecards::unit_scores(sb, bb, tb, &scorecards::YEARS) {
        save(
            &format!("scorecard_so_y_te_{}.xlsx", ys.year),
            &[scorecards::file_per_year(b, &ys)],
        )?;
    }
    save(
        "scorecard_huyen_long_thanh_2021_2024.xlsx",
        &[scorecards::years_side_by_side(
            c,
            &scorecards::unit_scores(sc, bc, tc, &scorecards::YEARS),
        )],
    )?;
    // The seed's department went into Sở Tài chính on 1/3/2025, and that into the new
    // province's on 1/7/2025: the new Sở Tài chính's 2025 results, so the demo shows the chain.
    for ys in scorecards::unit_scores(2025, 0.86, 0.0, &[2025]) {
        save(
            "scorecard_so_tai_chinh_2025.xlsx",
            &[scorecards::file_per_year("Sở Tài chính", &ys)],
        )?;
    }
    for year in surveys::SURVEY_YEARS {
        save(
            &format!("survey_sipas_{year}.xlsx"),
            &surveys::survey_year(year),
        )?;
    }
    let [khdt, tp] = procedures::units();
    save(
        "procedures_registry_so_khdt_2024.xlsx",
        &[procedures::registry(khdt.0, khdt.1, khdt.2, 2024)],
    )?;
    for year in procedures::YEARS {
        save(
            &format!("procedures_stats_so_khdt_{year}.xlsx"),
            &[procedures::statistics(
                khdt.0,
                khdt.1,
                khdt.2,
                khdt.3,
                year,
                false,
                year == 2023,
            )],
        )?;
    }
    let tp_sheets: Vec<sheet::SheetSpec> = procedures::YEARS
        .iter()
        .map(|&year| procedures::statistics(tp.0, tp.1, tp.2, tp.3, year, true, false))
        .collect();
    save("procedures_so_tu_phap_2022_2024.xlsx", &tp_sheets)?;
    let sipas = dir.join("sipas_national.csv");
    std::fs::write(&sipas, surveys::national_sipas_csv())?;
    written.push(sipas);
    Ok(written)
}

/// Writes the fixtures of `tests/data/` into `dir`; returns the files written.
pub fn write_fixtures(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let xlsx = [
        ("scorecard_messy_rows.xlsx", fixtures::scorecard_messy()),
        ("no_table.xlsx", fixtures::no_table()),
        ("procedures_messy.xlsx", fixtures::procedures_messy()),
        (
            "procedures_portal_list.xlsx",
            fixtures::procedures_portal_list(),
        ),
        (
            "procedures_flat_channels.xlsx",
            fixtures::procedures_flat_channels(),
        ),
        ("scorecard_wide_blocks.xlsx", fixtures::wide_blocks()),
    ];
    for (name, spec) in xlsx {
        let path = dir.join(name);
        write_xlsx(&path, &[spec])?;
        written.push(path);
    }
    // The new Sở Tài chính of Đồng Nai, 2025 (it took over the seed's Sở Kế hoạch và Đầu tư):
    // layout B, the province given at import.
    for ys in scorecards::unit_scores(2025, 0.86, 0.0, &[2025]) {
        let path = dir.join("scorecard_so_tai_chinh_2025.xlsx");
        write_xlsx(&path, &[scorecards::file_per_year("Sở Tài chính", &ys)])?;
        written.push(path);
    }
    // Two departments of old Đồng Nai merged on 1/3/2025 (into Sở Tài chính), surveyed in 2024.
    let merged = dir.join("survey_merged_departments_2024.xlsx");
    write_xlsx(
        &merged,
        &surveys::survey_of(
            2024,
            &[
                ("Sở Kế hoạch và Đầu tư", 0.62, 0.0),
                ("Sở Tài chính", 0.82, 0.0),
            ],
            40,
        ),
    )?;
    written.push(merged);
    for (name, agency, title, rows) in &fixtures::COMMUNE_STATS {
        let path = dir.join(name);
        write_xlsx(&path, &[fixtures::commune_stats(*agency, title, rows)])?;
        written.push(path);
    }
    let multi: [(&str, Vec<sheet::SheetSpec>); 8] = [
        ("scorecard_wide.xlsx", fixtures::scorecard_wide()),
        (
            "scorecard_wide_dong_nai_2024.xlsx",
            fixtures::wide_results("ĐỒNG NAI", &fixtures::WIDE_DONG_NAI_2024),
        ),
        (
            "scorecard_wide_binh_phuoc_2024.xlsx",
            fixtures::wide_results("BÌNH PHƯỚC", &fixtures::WIDE_BINH_PHUOC_2024),
        ),
        (
            "survey_form_export.xlsx",
            vec![fixtures::survey_form_export()],
        ),
        (
            "survey_sheet_per_year.xlsx",
            fixtures::survey_sheet_per_year(),
        ),
        ("survey_codebook.xlsx", vec![fixtures::survey_codebook()]),
        (
            "survey_year_column.xlsx",
            vec![fixtures::survey_year_column()],
        ),
        (
            "survey_year_column_vni.xlsx",
            vec![
                fixtures::survey_year_column()
                    .in_legacy_encoding(cchc_model::legacy::Legacy::Vni, "VNI-Times"),
            ],
        ),
    ];
    for (name, sheets) in multi {
        let path = dir.join(name);
        write_xlsx(&path, &sheets)?;
        written.push(path);
    }
    let ods = dir.join("scorecard_seed_appendix.ods");
    write_ods(&ods, &[fixtures::seed_appendix()])?;
    written.push(ods);

    let seed = dir.join("seed_appendix_copy.xlsx");
    write_xlsx(&seed, &[scorecards::seed_appendix()])?;
    let bytes = std::fs::read(&seed)?;
    std::fs::remove_file(&seed)?;
    let bomb = dir.join("zip_bomb.xlsx");
    hostile::zip_bomb(&bytes, &bomb)?;
    written.push(bomb);
    let lying = dir.join("lying_string_count.xlsx");
    hostile::lying_string_count(&bytes, &lying)?;
    written.push(lying);
    // .xlsb in the shapes readers trip on (see xlsb.rs), each holding the seed appendix.
    let seed_sheet = || (scorecards::seed_appendix(), xlsb::SheetPart::Worksheet);
    let mut macro_sheet = sheet::SheetSpec::new("Macro1");
    macro_sheet.set(0, 0, sheet::t("=RETURN()"));
    let dialog = sheet::SheetSpec::new("Dialog1");
    let xlsbs = [
        (
            "scorecard_macro_sheet.xlsb",
            vec![
                seed_sheet(),
                (macro_sheet, xlsb::SheetPart::Macrosheet),
                (dialog, xlsb::SheetPart::Dialogsheet),
            ],
            xlsb::Layout::default(),
        ),
        (
            "scorecard_rels_case.xlsb",
            vec![seed_sheet()],
            xlsb::Layout {
                rels_name: Some("xl/_rels/Workbook.bin.rels".to_owned()),
                ..xlsb::Layout::default()
            },
        ),
        (
            "scorecard_part_name.xlsb",
            vec![seed_sheet()],
            xlsb::Layout {
                // "bảng1" with its "ả" in Windows-1258 (0xD2 then a combining hook): not UTF-8.
                first_sheet_name: Some(b"xl/worksheets/ba\xd2ng1.bin".to_vec()),
                ..xlsb::Layout::default()
            },
        ),
    ];
    for (name, sheets, layout) in xlsbs {
        let path = dir.join(name);
        xlsb::write_xlsb(&path, &sheets, &layout)?;
        written.push(path);
    }
    let huge = dir.join("huge_shared_string.xlsx");
    hostile::repeated_huge_string(&huge)?;
    written.push(huge);
    let raw: [(&str, Vec<u8>); 4] = [
        ("truncated.xlsx", bytes[..bytes.len() * 3 / 5].to_vec()),
        ("empty.xlsx", Vec::new()),
        (
            "not_a_spreadsheet.xlsx",
            "Đây không phải là bảng tính.\n".as_bytes().to_vec(),
        ),
        ("password_protected.xlsx", fixtures::encrypted_like()),
    ];
    for (name, content) in raw {
        let path = dir.join(name);
        std::fs::write(&path, content)?;
        written.push(path);
    }
    Ok(written)
}
