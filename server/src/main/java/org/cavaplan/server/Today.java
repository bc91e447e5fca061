package org.cavaplan.server;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The plan's default date (plan contract v2, date rule): today at the caller, in the server's own
 * time zone (the hospital's), never the case's last date.
 */
public final class Today {

    private Today() {}

    /** Today's date by this clock, in the system's time zone. */
    public static LocalDate of(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
    }
}
