package org.cavaplan.server;

import java.util.List;
import org.cavaplan.io.InputError;

/**
 * A failure to answer with an RFC 9457 problem: thrown by handlers, written by the one exception
 * mapper of {@link CavaPlanServer}.
 */
public final class Problem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient List<InputError> errors;
    private final String type;
    private final transient List<InputError> warnings;

    /** The problem type of a case with plausibility errors (a date after today…): nothing was stored. */
    public static final String IMPLAUSIBLE = "https://cavaplan.org/problems/implausible-case";

    /** The problem type of a case with plausibility warnings not confirmed by {@code confirmWarnings=true}. */
    public static final String PLAUSIBILITY_WARNING = "https://cavaplan.org/problems/plausibility-warning";

    Problem(int status, String title, String detail, List<InputError> errors) {
        this(status, title, detail, errors, "about:blank", List.of());
    }

    private Problem(int status, String title, String detail, List<InputError> errors, String type, List<InputError> warnings) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.type = type;
        this.warnings = List.copyOf(warnings);
    }

    static Problem implausible(List<InputError> errors, List<InputError> warnings) {
        return new Problem(422, "Unprocessable Content", "the case holds values that cannot be right; nothing was stored",
                errors, IMPLAUSIBLE, warnings);
    }

    static Problem unconfirmed(List<InputError> warnings) {
        return new Problem(422, "Unprocessable Content", "the case holds " + (warnings.size() == 1 ? "a value" : warnings.size()
                + " values") + " to check; nothing was stored: correct, or send again with confirmWarnings=true to store as sent",
                List.of(), PLAUSIBILITY_WARNING, warnings);
    }

    static Problem badRequest(String detail, List<InputError> errors) {
        return new Problem(400, "Bad Request", detail, errors);
    }

    static Problem badParameter(String name, String message) {
        return badRequest("the query parameter " + name + " is not valid",
                List.of(new InputError("/" + name, message)));
    }

    static Problem notFound(String detail) {
        return new Problem(404, "Not Found", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<InputError> errors() {
        return errors;
    }

    /** The RFC 9457 problem type: {@code about:blank} unless one of this class's named types. */
    public String type() {
        return type;
    }

    /** Plausibility warnings to confirm (each with its pointer); empty for other problems. */
    public List<InputError> warnings() {
        return warnings;
    }
}
