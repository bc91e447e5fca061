package org.cavaplan.registry;

import java.util.List;
import org.cavaplan.io.InputError;

/** What an import reports while it runs; called on the importing thread, in input order. */
public interface ImportListener {

    /** Line {@code line} (from 1) was not stored; {@code errors} is never empty. */
    void rejected(int line, List<InputError> errors);

    /**
     * Line {@code line} was stored with plausibility warnings (when the import checks plausibility,
     * see {@link ImportOptions#plausibility}); {@code warnings} is never empty.
     */
    default void warned(int line, List<InputError> warnings) {}

    /** Progress, every few hundred lines: the lines and characters read so far. */
    default void progress(int lines, long charsRead) {}

    /** A listener that ignores everything. */
    static ImportListener none() {
        return (line, errors) -> {};
    }
}
