package org.cavaplan.registry;

import java.util.List;
import org.cavaplan.io.InputError;

/** The outcome of writing one case. */
public sealed interface SaveResult {

    /** The case was new: version 1 was stored. */
    record Created(CaseVersion version) implements SaveResult {}

    /** The content differed from the latest version: a new version was stored. */
    record Updated(CaseVersion version) implements SaveResult {}

    /** The canonical content equals the latest version's: nothing was stored. */
    record Unchanged(CaseVersion latest) implements SaveResult {}

    /**
     * Nothing was stored: the case is invalid, or it is retired. {@code errors} is never empty and
     * names each problem with a JSON pointer, as {@code ./cavaplan validate} does.
     */
    record Rejected(List<InputError> errors) implements SaveResult {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a rejection has at least one error");
            }
        }
    }
}
