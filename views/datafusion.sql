-- cchc store → DataFusion: the base views the metrics (views/metrics.sql) read. Replace
-- `cchc-data` with the store's directory; run each statement with SessionContext.sql(), then the
-- metrics. The partition column arrives as text: the views give it back as an integer.

CREATE EXTERNAL TABLE scorecard_files STORED AS PARQUET PARTITIONED BY (year) LOCATION 'cchc-data/scorecard/';
CREATE OR REPLACE VIEW scorecard AS SELECT * EXCEPT (year), CAST(year AS INT) AS year FROM scorecard_files;

CREATE EXTERNAL TABLE survey_answers_files STORED AS PARQUET PARTITIONED BY (year) LOCATION 'cchc-data/survey_answers/';
CREATE OR REPLACE VIEW survey_answers AS SELECT * EXCEPT (year), CAST(year AS INT) AS year FROM survey_answers_files;

CREATE EXTERNAL TABLE procedures_files STORED AS PARQUET PARTITIONED BY (year) LOCATION 'cchc-data/procedures/';
CREATE OR REPLACE VIEW procedures AS SELECT * EXCEPT (year), CAST(year AS INT) AS year FROM procedures_files;

CREATE EXTERNAL TABLE procedure_registry_files STORED AS PARQUET PARTITIONED BY (year) LOCATION 'cchc-data/procedure_registry/';
CREATE OR REPLACE VIEW procedure_registry AS SELECT * EXCEPT (year), CAST(year AS INT) AS year FROM procedure_registry_files;

CREATE EXTERNAL TABLE dossiers_files STORED AS PARQUET PARTITIONED BY (year) LOCATION 'cchc-data/dossiers/';
CREATE OR REPLACE VIEW dossiers AS SELECT * EXCEPT (year), CAST(year AS INT) AS year FROM dossiers_files;

-- Exports: the working-day calendar and the unit register with its edges.
CREATE EXTERNAL TABLE calendar STORED AS PARQUET LOCATION 'cchc-data/exports/calendar.parquet';

CREATE EXTERNAL TABLE unit_register STORED AS PARQUET LOCATION 'cchc-data/exports/unit_register.parquet';

CREATE EXTERNAL TABLE unit_edges STORED AS PARQUET LOCATION 'cchc-data/exports/unit_edges.parquet';
