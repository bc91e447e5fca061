package org.cavaplan.io;

import java.util.List;
import org.cavaplan.core.model.Case;

/** The outcome of reading a case: a valid case, or every problem found at once. */
public sealed interface ReadResult {

    /** A case that passed the schema and the semantic checks. */
    record Valid(Case value) implements ReadResult {}

    /** A rejected input; {@code errors} is never empty and is sorted by pointer. */
    record Invalid(List<InputError> errors) implements ReadResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid input has at least one error");
            }
        }
    }
}
