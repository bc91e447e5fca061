-- Meetings, attendees, agendas and decision versions are append-only, like cases (see V2): H2 runs the
-- Java trigger on UPDATE and DELETE, and refuses TRUNCATE of a table that a foreign key refers to:
-- board_meeting, agenda_item and decision_version are referred to already; the guard refers to the
-- attendees.
CREATE TRIGGER board_meeting_append_only BEFORE UPDATE, DELETE ON board_meeting
    FOR EACH ROW CALL 'org.cavaplan.registry.H2AppendOnlyTrigger';
CREATE TRIGGER board_attendee_append_only BEFORE UPDATE, DELETE ON board_attendee
    FOR EACH ROW CALL 'org.cavaplan.registry.H2AppendOnlyTrigger';
CREATE TRIGGER agenda_item_append_only BEFORE UPDATE, DELETE ON agenda_item
    FOR EACH ROW CALL 'org.cavaplan.registry.H2AppendOnlyTrigger';
CREATE TRIGGER decision_version_append_only BEFORE UPDATE, DELETE ON decision_version
    FOR EACH ROW CALL 'org.cavaplan.registry.H2AppendOnlyTrigger';

ALTER TABLE decision_version ADD CONSTRAINT decision_version_content_is_json CHECK (content IS JSON OBJECT);

CREATE TABLE h2_meeting_truncate_guard (
    meeting_id BIGINT,
    position   INTEGER,
    CONSTRAINT h2_meeting_truncate_guard_attendee FOREIGN KEY (meeting_id, position)
        REFERENCES board_attendee (meeting_id, position)
);
