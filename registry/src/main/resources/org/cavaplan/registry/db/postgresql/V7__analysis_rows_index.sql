-- The analysis rows (registry AnalysisRows) read the latest version of every case that is not retired,
-- in case id order, and only these columns. On PostgreSQL the versions' heap is wide (the case JSONB is
-- stored inline), so reading 100,000 rows from it took most of a Kaplan-Meier request; this index holds
-- the key and every column the rows read, so the query is two index-only scans merged in case id order
-- (about 10 MB for 100,000 versions, against 170 MB of heap). Index-only scans need the visibility map,
-- which (auto)vacuum keeps; versions are appended and never updated, so it stays nearly complete.
-- H2 reads its rows fast enough without it (and has no INCLUDE); the query is the same on both.
CREATE INDEX case_version_analysis ON case_version (case_id, version) INCLUDE (retired, followup_days, vital_status,
    age_years, ecog, highest_level, level_3, intracardiac, grade, margin, size_cm, neoadjuvant_rt, neoadjuvant_chemo,
    intent, stage);
