-- Time to the first local recurrence and to the first distant metastasis after the operation, for the
-- competing-risk analytics (issue 24): as recurrence / recurrence_days, from the engine's typed plan
-- sections (the first follow-up visit by date that records a local recurrence, resp. a distant
-- metastasis). *_days counts days from the operation to that visit, or, when no visit records it, to the
-- latest follow-up visit (then the flag is FALSE); both are NULL without an operation or a follow-up visit.
-- Versions written before this migration keep NULL here (the append-only trigger forbids filling them in);
-- the next version of a case fills them.
ALTER TABLE case_version ADD COLUMN local_recurrence BOOLEAN;
ALTER TABLE case_version ADD COLUMN local_recurrence_days INTEGER;
ALTER TABLE case_version ADD COLUMN distant_metastasis BOOLEAN;
ALTER TABLE case_version ADD COLUMN distant_metastasis_days INTEGER;
