package org.cavaplan.server;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    /** Extension members (RFC 9457 §3.2) beside the standard ones, e.g. the current version of a 409; names sorted. */
    private final transient Map<String, Object> members;

    /** The problem type of a case with plausibility errors (a date after today…): nothing was stored. */
    public static final String IMPLAUSIBLE = "https://cavaplan.org/problems/implausible-case";

    /** The problem type of a case with plausibility warnings not confirmed by {@code confirmWarnings=true}. */
    public static final String PLAUSIBILITY_WARNING = "https://cavaplan.org/problems/plausibility-warning";

    Problem(int status, String title, String detail, List<InputError> errors) {
        this(status, title, detail, errors, Map.of());
    }

    Problem(int status, String title, String detail, List<InputError> errors, Map<String, Object> members) {
        this(status, title, detail, errors, "about:blank", List.of(), members);
    }

    private Problem(int status, String title, String detail, List<InputError> errors, String type, List<InputError> warnings,
            Map<String, Object> members) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.type = type;
        this.warnings = List.copyOf(warnings);
        this.members = java.util.Collections.unmodifiableMap(new TreeMap<>(members));
    }

    static Problem implausible(List<InputError> errors, List<InputError> warnings) {
        return new Problem(422, "Unprocessable Content", "the case holds values that cannot be right; nothing was stored",
                errors, IMPLAUSIBLE, warnings, Map.of());
    }

    static Problem unconfirmed(List<InputError> warnings) {
        return new Problem(422, "Unprocessable Content", "the case holds " + (warnings.size() == 1 ? "a value" : warnings.size()
                + " values") + " to check; nothing was stored: correct, or send again with confirmWarnings=true to store as sent",
                List.of(), PLAUSIBILITY_WARNING, warnings, Map.of());
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

    /** Extension members of the problem, by name: strings and numbers. */
    public Map<String, Object> members() {
        return members;
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
