-- Cases and the audit log are append-only: the database itself refuses UPDATE, DELETE and TRUNCATE,
-- whoever asks (the owner included). Grants cannot stop the owner, so triggers do the work; the
-- revocations below only keep other roles from trying.
CREATE FUNCTION cavaplan_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'cavaplan: % is append-only; % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER case_version_append_only BEFORE UPDATE OR DELETE ON case_version
    FOR EACH ROW EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER case_version_no_truncate BEFORE TRUNCATE ON case_version
    FOR EACH STATEMENT EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER user_password_append_only BEFORE UPDATE OR DELETE ON user_password
    FOR EACH ROW EXECUTE FUNCTION cavaplan_refuse_change();

REVOKE UPDATE, DELETE, TRUNCATE ON case_version, audit_event, user_password FROM PUBLIC;
