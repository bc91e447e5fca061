-- Meetings, attendees, agendas and decision versions are append-only, like cases (see V2): the
-- database refuses UPDATE, DELETE and TRUNCATE, whoever asks.
CREATE TRIGGER board_meeting_append_only BEFORE UPDATE OR DELETE ON board_meeting
    FOR EACH ROW EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER board_meeting_no_truncate BEFORE TRUNCATE ON board_meeting
    FOR EACH STATEMENT EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER board_attendee_append_only BEFORE UPDATE OR DELETE ON board_attendee
    FOR EACH ROW EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER board_attendee_no_truncate BEFORE TRUNCATE ON board_attendee
    FOR EACH STATEMENT EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER agenda_item_append_only BEFORE UPDATE OR DELETE ON agenda_item
    FOR EACH ROW EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER agenda_item_no_truncate BEFORE TRUNCATE ON agenda_item
    FOR EACH STATEMENT EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER decision_version_append_only BEFORE UPDATE OR DELETE ON decision_version
    FOR EACH ROW EXECUTE FUNCTION cavaplan_refuse_change();
CREATE TRIGGER decision_version_no_truncate BEFORE TRUNCATE ON decision_version
    FOR EACH STATEMENT EXECUTE FUNCTION cavaplan_refuse_change();

REVOKE UPDATE, DELETE, TRUNCATE ON board_meeting, board_attendee, agenda_item, decision_version FROM PUBLIC;
