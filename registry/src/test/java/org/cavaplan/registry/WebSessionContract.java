package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry promises about web sessions, password changes and the lockout after failed
 * logins, on whichever database a subclass gives it.
 */
abstract class WebSessionContract {

    static final Instant START = Instant.parse("2026-01-05T09:30:00Z");
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(8);
    static final String PASSWORD = "correct horse battery";

    final TestClock clock = new TestClock(START);
    final Actor operator = Actor.localOperator("tester", "cli");
    TestDatabase database;
    Registry registry;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
        registry = Registry.open(database.url(), clock);
        registry.addUser(operator, "dr.bell", Role.CLINICIAN);
        registry.setPassword(operator, "dr.bell", PASSWORD.toCharArray());
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        database.close();
    }

    Actor login(String password) {
        Authentication auth = registry.login("dr.bell", password.toCharArray(), "10.0.0.8");
        assertThat(auth).isInstanceOf(Authentication.Authenticated.class);
        return ((Authentication.Authenticated) auth).actor();
    }

    Authentication attempt(String name, String password) {
        return registry.login(name, password.toCharArray(), "10.0.0.9");
    }

    long count(String sql, String parameter) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ---- sessions -------------------------------------------------------------------------

    @Test
    void a_session_is_found_by_its_token_and_acts_as_its_user_from_the_current_origin() {
        WebSession opened = registry.openSession(login(PASSWORD), IDLE, ABSOLUTE);

        Optional<WebSession> found = registry.session(opened.token(), "10.0.0.99");

        assertThat(found).isPresent();
        assertThat(found.get().actor().name()).isEqualTo("dr.bell");
        assertThat(found.get().actor().role()).isEqualTo(Role.CLINICIAN);
        assertThat(found.get().actor().origin()).isEqualTo("10.0.0.99");
        assertThat(found.get().csrfToken()).isEqualTo(opened.csrfToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(opened.token()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(opened.csrfToken());
        assertThat(found.get().expiresAt()).isEqualTo(START.plus(IDLE));
        assertThat(registry.session(opened.token() + "x", "10.0.0.99")).isEmpty();
        assertThat(registry.session("", "10.0.0.99")).isEmpty();
        assertThat(opened.toString()).doesNotContain(opened.token()).doesNotContain(opened.csrfToken());
    }

    @Test
    void only_the_sha256_of_a_session_token_is_stored() throws SQLException {
        WebSession opened = registry.openSession(login(PASSWORD), IDLE, ABSOLUTE);

        assertThat(count("SELECT COUNT(*) FROM web_session WHERE session_sha256 = ?", CanonicalJson.sha256(opened.token())))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM web_session WHERE session_sha256 = ?", opened.token())).isZero();
    }

    @Test
    void a_session_ends_after_its_idle_time_unless_used_and_use_moves_the_idle_limit() {
        WebSession opened = registry.openSession(login(PASSWORD), IDLE, ABSOLUTE);

        clock.advance(IDLE.minusMinutes(1));
        assertThat(registry.session(opened.token(), "here")).isPresent();
        clock.advance(IDLE.minusMinutes(1));
        assertThat(registry.session(opened.token(), "here")).isPresent();
        clock.advance(IDLE);
        assertThat(registry.session(opened.token(), "here")).isEmpty();
    }

    @Test
    void a_session_ends_at_its_absolute_limit_however_often_it_is_used() {
        WebSession opened = registry.openSession(login(PASSWORD), IDLE, ABSOLUTE);

        Duration step = IDLE.dividedBy(2);
        for (Duration used = step; used.compareTo(ABSOLUTE) < 0; used = used.plus(step)) {
            clock.advance(step);
            assertThat(registry.session(opened.token(), "here")).as("after " + used).isPresent();
        }
        clock.advance(IDLE.dividedBy(2));
        assertThat(registry.session(opened.token(), "here")).isEmpty();
    }

    @Test
    void an_ended_session_is_not_found_again_and_the_logout_is_audited() {
        WebSession opened = registry.openSession(login(PASSWORD), IDLE, ABSOLUTE);

        registry.endSession(registry.session(opened.token(), "here").orElseThrow());
        registry.endSession(opened);

        assertThat(registry.session(opened.token(), "here")).isEmpty();
        List<AuditEntry> logouts = registry.audit(operator, AuditQuery.latest(50).about("dr.bell")).stream()
                .filter(e -> e.action() == AuditEntry.Action.LOGOUT).toList();
        assertThat(logouts).hasSize(1);
        assertThat(logouts.get(0).origin()).isEqualTo("here");
    }

    @Test
    void a_session_outlives_the_registry_that_opened_it_and_is_honoured_by_another_on_the_same_database() {
        WebSession opened = registry.openSession(login(PASSWORD), IDLE, ABSOLUTE);
        try (Registry second = Registry.open(database.url(), clock)) {
            assertThat(second.session(opened.token(), "instance 2")).isPresent();
            registry.close();
            registry = null;
            second.endSession(second.session(opened.token(), "instance 2").orElseThrow());
        }
        registry = Registry.open(database.url(), clock);
        assertThat(registry.session(opened.token(), "here")).isEmpty();
    }

    @Test
    void only_a_registered_user_opens_a_session() {
        assertThatThrownBy(() -> registry.openSession(operator, IDLE, ABSOLUTE))
                .isInstanceOf(RegistryException.Invalid.class);
    }

    // ---- lockout --------------------------------------------------------------------------

    @Test
    void repeated_failures_lock_a_name_out_even_with_the_right_password_until_the_lockout_ends() {
        for (int i = 0; i < LoginPolicy.MAX_FAILURES; i++) {
            assertThat(attempt("dr.bell", "wrong password " + i)).isInstanceOf(Authentication.Rejected.class);
            clock.advance(Duration.ofMinutes(1));
        }

        Authentication locked = attempt("dr.bell", PASSWORD);
        assertThat(locked).isInstanceOfSatisfying(Authentication.Rejected.class,
                r -> assertThat(r.reason()).contains("locked out"));

        clock.advance(LoginPolicy.LOCKOUT.minusMinutes(2));
        assertThat(attempt("dr.bell", PASSWORD)).isInstanceOf(Authentication.Rejected.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(attempt("dr.bell", PASSWORD)).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void failures_spread_wider_than_the_window_do_not_lock_a_name_out() {
        Duration gap = LoginPolicy.WINDOW.dividedBy(LoginPolicy.MAX_FAILURES - 1).plusSeconds(1);
        for (int i = 0; i < LoginPolicy.MAX_FAILURES; i++) {
            attempt("dr.bell", "wrong password");
            clock.advance(gap);
        }
        assertThat(attempt("dr.bell", PASSWORD)).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void an_unknown_name_is_locked_out_like_a_known_one_and_others_are_not_affected() {
        for (int i = 0; i < LoginPolicy.MAX_FAILURES; i++) {
            attempt("nobody", "wrong password");
        }
        assertThat(attempt("nobody", "wrong password")).isInstanceOfSatisfying(Authentication.Rejected.class,
                r -> assertThat(r.reason()).contains("locked out"));
        assertThat(attempt("dr.bell", PASSWORD)).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void a_lockout_is_shared_by_every_registry_on_the_database() {
        try (Registry second = Registry.open(database.url(), clock)) {
            for (int i = 0; i < LoginPolicy.MAX_FAILURES; i++) {
                (i % 2 == 0 ? registry : second).login("dr.bell", "wrong".toCharArray(), "somewhere");
            }
            assertThat(second.login("dr.bell", PASSWORD.toCharArray(), "somewhere"))
                    .isInstanceOf(Authentication.Rejected.class);
        }
    }

    // ---- passwords ------------------------------------------------------------------------

    @Test
    void changing_the_own_password_checks_the_current_one_and_ends_every_session() {
        Actor bell = login(PASSWORD);
        WebSession first = registry.openSession(bell, IDLE, ABSOLUTE);
        WebSession second = registry.openSession(bell, IDLE, ABSOLUTE);

        registry.changePassword(bell, PASSWORD.toCharArray(), "a brand new passphrase".toCharArray());

        assertThat(registry.session(first.token(), "here")).isEmpty();
        assertThat(registry.session(second.token(), "here")).isEmpty();
        assertThat(attempt("dr.bell", PASSWORD)).isInstanceOf(Authentication.Rejected.class);
        assertThat(attempt("dr.bell", "a brand new passphrase")).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void a_wrong_current_password_changes_nothing_and_counts_toward_the_lockout() throws SQLException {
        Actor bell = login(PASSWORD);
        WebSession session = registry.openSession(bell, IDLE, ABSOLUTE);

        assertThatThrownBy(() -> registry.changePassword(bell, "not it".toCharArray(), "a brand new passphrase".toCharArray()))
                .isInstanceOf(RegistryException.AccessDenied.class);

        assertThat(registry.session(session.token(), "here")).isPresent();
        assertThat(count("SELECT COUNT(*) FROM login_failure WHERE user_name = ?", "dr.bell")).isEqualTo(1);
        assertThat(attempt("dr.bell", PASSWORD)).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void a_new_password_shorter_than_twelve_characters_is_refused() {
        Actor bell = login(PASSWORD);
        assertThatThrownBy(() -> registry.changePassword(bell, PASSWORD.toCharArray(), "short".toCharArray()))
                .isInstanceOf(RegistryException.Invalid.class);
        assertThat(attempt("dr.bell", PASSWORD)).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void a_password_an_admin_sets_must_be_changed_by_its_user_and_the_users_own_change_clears_that() {
        WebSession forced = registry.openSession(login(PASSWORD), IDLE, ABSOLUTE);
        assertThat(forced.passwordChangeRequired()).isTrue();
        assertThat(registry.session(forced.token(), "here")).hasValueSatisfying(s -> assertThat(s.passwordChangeRequired()).isTrue());

        registry.changePassword(login(PASSWORD), PASSWORD.toCharArray(), "my very own passphrase".toCharArray());

        WebSession free = registry.openSession(login("my very own passphrase"), IDLE, ABSOLUTE);
        assertThat(free.passwordChangeRequired()).isFalse();
        assertThat(registry.session(free.token(), "here")).hasValueSatisfying(s -> assertThat(s.passwordChangeRequired()).isFalse());
        assertThat(registry.audit(operator, AuditQuery.latest(50).about("dr.bell").of(AuditEntry.Action.PASSWORD_SET)))
                .extracting(AuditEntry::actor, AuditEntry::detail).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dr.bell", "by the user, current password checked, the change "
                                + "required after a password set by someone else; 1 web sessions ended"),
                        org.assertj.core.groups.Tuple.tuple("tester", "by an admin; the user must change it at the next "
                                + "sign-in; 0 web sessions ended"));

        registry.setPassword(operator, "dr.bell", "set by the administrator".toCharArray());
        assertThat(registry.openSession(login("set by the administrator"), IDLE, ABSOLUTE).passwordChangeRequired()).isTrue();
    }

    @Test
    void a_user_who_sets_their_own_password_need_not_change_it() {
        Actor bell = login(PASSWORD);

        registry.setPassword(bell, "dr.bell", "chosen by myself alone".toCharArray());

        assertThat(registry.openSession(login("chosen by myself alone"), IDLE, ABSOLUTE).passwordChangeRequired()).isFalse();
    }

    @Test
    void the_new_password_must_differ_from_the_current_one() {
        Actor bell = login(PASSWORD);
        WebSession session = registry.openSession(bell, IDLE, ABSOLUTE);

        assertThatThrownBy(() -> registry.changePassword(bell, PASSWORD.toCharArray(), PASSWORD.toCharArray()))
                .isInstanceOf(RegistryException.Invalid.class).hasMessageContaining("differ");

        assertThat(registry.session(session.token(), "here")).hasValueSatisfying(s -> assertThat(s.passwordChangeRequired()).isTrue());
        assertThat(registry.audit(operator, AuditQuery.latest(1).about("dr.bell").of(AuditEntry.Action.PASSWORD_SET)))
                .extracting(AuditEntry::outcome).containsExactly(AuditEntry.Outcome.DENIED);
    }

    @Test
    void an_admin_setting_a_password_ends_the_users_sessions() {
        WebSession session = registry.openSession(login(PASSWORD), IDLE, ABSOLUTE);

        registry.setPassword(operator, "dr.bell", "set by the administrator".toCharArray());

        assertThat(registry.session(session.token(), "here")).isEmpty();
    }
}
