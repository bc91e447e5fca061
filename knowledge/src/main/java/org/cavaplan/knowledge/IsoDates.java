package org.cavaplan.knowledge;

import java.time.LocalDate;

/**
 * ISO dates ({@code 2026-11-27}) as {@link LocalDate#toString()} writes them, for the surveillance
 * schedule: a plan lists some twenty dates, and a fixed-width formatter costs a fraction of the
 * general one. Years outside 1000-9999 are left to {@link LocalDate#toString()}.
 */
final class IsoDates {

    private IsoDates() {}

    static String format(LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return date.toString();
        }
        char[] b = new char[10];
        b[0] = digit(year / 1000);
        b[1] = digit(year / 100 % 10);
        b[2] = digit(year / 10 % 10);
        b[3] = digit(year % 10);
        b[4] = '-';
        b[5] = digit(date.getMonthValue() / 10);
        b[6] = digit(date.getMonthValue() % 10);
        b[7] = '-';
        b[8] = digit(date.getDayOfMonth() / 10);
        b[9] = digit(date.getDayOfMonth() % 10);
        return new String(b);
    }

    private static char digit(int d) {
        return (char) ('0' + d);
    }
}
