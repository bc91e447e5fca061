-- Cases, passwords and the audit log are append-only: the database itself refuses UPDATE, DELETE
-- and TRUNCATE. H2 runs the Java trigger below (it ships in the registry jar) on UPDATE and DELETE.
-- H2 fires no trigger on TRUNCATE but refuses to truncate a table that a foreign key refers to:
-- case_version refers to itself (the version chain), and the empty guard table refers to the others.
ALTER TABLE case_version ADD CONSTRAINT case_version_content_is_json CHECK (content IS JSON OBJECT);

CREATE TRIGGER case_version_append_only BEFORE UPDATE, DELETE ON case_version
    FOR EACH ROW CALL 'org.cavaplan.registry.H2AppendOnlyTrigger';
CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event
    FOR EACH ROW CALL 'org.cavaplan.registry.H2AppendOnlyTrigger';
CREATE TRIGGER user_password_append_only BEFORE UPDATE, DELETE ON user_password
    FOR EACH ROW CALL 'org.cavaplan.registry.H2AppendOnlyTrigger';

CREATE TABLE h2_truncate_guard (
    audit_event_id BIGINT REFERENCES audit_event (event_id),
    password_id    BIGINT REFERENCES user_password (password_id)
);
