-- cchc store → Spark SQL: the base views the metrics (views/metrics.sql) read. Replace
-- `cchc-data` with the store's directory; run with spark.sql.ansi.doubleQuotedIdentifiers=true,
-- then the metrics with `CREATE OR REPLACE VIEW` read as `CREATE OR REPLACE TEMPORARY VIEW`.
-- Spark discovers `year=…` folders as an integer partition column.

CREATE OR REPLACE TEMPORARY VIEW scorecard USING parquet OPTIONS (path 'cchc-data/scorecard', mergeSchema 'true');

CREATE OR REPLACE TEMPORARY VIEW survey_answers USING parquet OPTIONS (path 'cchc-data/survey_answers', mergeSchema 'true');

CREATE OR REPLACE TEMPORARY VIEW procedures USING parquet OPTIONS (path 'cchc-data/procedures', mergeSchema 'true');

CREATE OR REPLACE TEMPORARY VIEW procedure_registry USING parquet OPTIONS (path 'cchc-data/procedure_registry', mergeSchema 'true');

CREATE OR REPLACE TEMPORARY VIEW dossiers USING parquet OPTIONS (path 'cchc-data/dossiers', mergeSchema 'true');

-- Exports: the working-day calendar and the unit register with its edges.
CREATE OR REPLACE TEMPORARY VIEW calendar USING parquet OPTIONS (path 'cchc-data/exports/calendar.parquet');

CREATE OR REPLACE TEMPORARY VIEW unit_register USING parquet OPTIONS (path 'cchc-data/exports/unit_register.parquet');

CREATE OR REPLACE TEMPORARY VIEW unit_edges USING parquet OPTIONS (path 'cchc-data/exports/unit_edges.parquet');
