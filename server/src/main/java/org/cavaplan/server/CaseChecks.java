package org.cavaplan.server;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.InputError;
import org.cavaplan.knowledge.Plausibility;

/**
 * The plausibility checks of a case about to be written ({@link Plausibility}), as the form and the
 * API report them: errors, never stored, and warnings, stored once confirmed. Thread-safe.
 */
public final class CaseChecks {

    private static final Plausibility PLAUSIBILITY = Plausibility.create();

    /** What the checks found, as input errors with JSON pointers. */
    public record Found(List<InputError> errors, List<InputError> warnings) {
        public Found {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    private CaseChecks() {}

    /** The findings for a valid case written on {@code today} (the server's date, {@link Today}). */
    public static Found of(Case kase, LocalDate today) {
        Plausibility.Findings f = PLAUSIBILITY.check(kase, today);
        return new Found(f.errors().stream().map(x -> new InputError(x.pointer(), x.message())).toList(),
                f.warnings().stream().map(x -> new InputError(x.pointer(), x.message())).toList());
    }

    /** {@code errors} except those at a pointer {@code first} already reports (one message per field). */
    public static List<InputError> besides(List<InputError> errors, List<InputError> first) {
        Set<String> taken = new HashSet<>();
        first.forEach(e -> taken.add(e.pointer()));
        return errors.stream().filter(e -> !taken.contains(e.pointer())).toList();
    }
}
