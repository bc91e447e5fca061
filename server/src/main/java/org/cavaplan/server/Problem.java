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
    /** Extension members (RFC 9457 §3.2) beside the standard ones, e.g. the current version of a 409; names sorted. */
    private final transient Map<String, Object> members;

    Problem(int status, String title, String detail, List<InputError> errors) {
        this(status, title, detail, errors, Map.of());
    }

    Problem(int status, String title, String detail, List<InputError> errors, Map<String, Object> members) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.members = java.util.Collections.unmodifiableMap(new TreeMap<>(members));
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
}
