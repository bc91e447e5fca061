-- The optional fields of case contract v2, extracted for search and analytics (issue 20): the patient's
-- ASA class, left ventricular ejection fraction (%) and eGFR (mL/min/1.73 m2), and the regional lymph
-- nodes on imaging (the latest study before the operation that records them) and on pathology.
-- Versions written before this migration keep NULL here: the append-only trigger forbids filling them
-- in, and their content (which holds the values) is unchanged. The next version of a case fills them.
ALTER TABLE case_version ADD COLUMN asa_class SMALLINT;
ALTER TABLE case_version ADD COLUMN lvef_pct DOUBLE PRECISION;
ALTER TABLE case_version ADD COLUMN egfr_ml_min DOUBLE PRECISION;
ALTER TABLE case_version ADD COLUMN imaging_nodes VARCHAR(2);
ALTER TABLE case_version ADD COLUMN pathology_nodes VARCHAR(2);
