-- CavaPlan registry, version 5: a password someone else set must be changed by its user; indexes
-- for the filters of the audit page.
-- password_change_required is TRUE after the first start sets the administrator's one-time password
-- and after an administrator sets the password of another user; the user's own new password clears
-- it. While it is TRUE the web application lets the user do nothing but change the password or sign
-- out. Users present before this version keep the passwords they have (FALSE). The same SQL on H2
-- and PostgreSQL.
ALTER TABLE app_user ADD COLUMN password_change_required BOOLEAN DEFAULT FALSE NOT NULL;

-- The audit page filters by user, by action and by a range of days, newest first.
CREATE INDEX audit_event_actor ON audit_event (actor, event_id);
CREATE INDEX audit_event_action ON audit_event (event_action, event_id);
CREATE INDEX audit_event_occurred ON audit_event (occurred_at);
