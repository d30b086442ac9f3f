-- cchc store → DuckDB: the base views the metrics (views/metrics.sql) read. Replace `cchc-data`
-- with the store's directory, then: duckdb -c ".read views/duckdb.sql" -c ".read views/metrics.sql"
-- Only files named in manifest.json are live; parts being written are `.partial` and never match.

CREATE OR REPLACE VIEW scorecard AS
SELECT * FROM read_parquet('cchc-data/scorecard/*/*.parquet', hive_partitioning = true, union_by_name = true);

CREATE OR REPLACE VIEW survey_answers AS
SELECT * FROM read_parquet('cchc-data/survey_answers/*/*.parquet', hive_partitioning = true, union_by_name = true);

CREATE OR REPLACE VIEW procedures AS
SELECT * FROM read_parquet('cchc-data/procedures/*/*.parquet', hive_partitioning = true, union_by_name = true);

CREATE OR REPLACE VIEW procedure_registry AS
SELECT * FROM read_parquet('cchc-data/procedure_registry/*/*.parquet', hive_partitioning = true, union_by_name = true);

CREATE OR REPLACE VIEW dossiers AS
SELECT * FROM read_parquet('cchc-data/dossiers/*/*.parquet', hive_partitioning = true, union_by_name = true);

-- Exports: the working-day calendar (written with a dossier log, or by `cchc calendar
-- --into-store`) and the unit register with its edges (`cchc units export`).
CREATE OR REPLACE VIEW calendar AS SELECT * FROM read_parquet('cchc-data/exports/calendar.parquet');

CREATE OR REPLACE VIEW unit_register AS SELECT * FROM read_parquet('cchc-data/exports/unit_register.parquet');

CREATE OR REPLACE VIEW unit_edges AS SELECT * FROM read_parquet('cchc-data/exports/unit_edges.parquet');
