package org.cavaplan.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.BasedOn;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.registry.RegistryException;

/**
 * Optimistic concurrency over HTTP: the {@code ETag} of a case is its version number ({@code "3"}),
 * and a request that writes a new version of an existing case names the version it was based on in
 * {@code If-Match}. Without it the answer is 428 Precondition Required; when it is not the latest, 409
 * Conflict naming the latest version, who wrote it and when (never 412: the client is told what to
 * read again). A new case needs no header, or {@code If-None-Match: *}.
 */
final class Preconditions {

    static final String IF_MATCH = "If-Match";
    static final String IF_NONE_MATCH = "If-None-Match";
    static final String ETAG = "ETag";

    private static final Pattern TAG = Pattern.compile("\"?([1-9][0-9]{0,8})\"?");

    private Preconditions() {}

    /** The {@code ETag} of a version: its number, quoted. */
    static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** Sets the {@code ETag} of the version a response is about. */
    static void tag(Context ctx, CaseVersion version) {
        ctx.header(ETAG, etag(version.version()));
    }

    /** The version named by {@code If-Match}, if the request has one; a 400 when it names none clearly. */
    static Optional<BasedOn> ifMatch(Context ctx) {
        String header = ctx.header(IF_MATCH);
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.equals("*")) {
            throw required("If-Match: * would overwrite whatever version is the latest: name the version your change is "
                    + "based on, as in the ETag of GET /api/v1/cases/{id}");
        }
        Matcher m = TAG.matcher(value);
        if (!m.matches()) {
            throw Problem.badRequest("the If-Match header does not name one version",
                    List.of(new InputError("/" + IF_MATCH, "must be one version as the ETag gives it, e.g. \"3\", not "
                            + (value.length() > 40 ? value.substring(0, 40) + "…" : value))));
        }
        return Optional.of(BasedOn.version(Integer.parseInt(m.group(1))));
    }

    /** The version named by {@code If-Match}, which a write of an existing case must send (else 428). */
    static BasedOn requireIfMatch(Context ctx) {
        return ifMatch(ctx).orElseThrow(() -> required("a change of a stored case names the version it is based on: send "
                + "If-Match with the ETag of GET /api/v1/cases/{id}, e.g. If-Match: \"3\""));
    }

    /** True when the request says it creates a case that must not exist yet ({@code If-None-Match: *}). */
    static boolean createOnly(Context ctx) {
        String header = ctx.header(IF_NONE_MATCH);
        return header != null && header.strip().equals("*");
    }

    /** 428 Precondition Required, naming the missing header. */
    static Problem required(String detail) {
        return new Problem(428, "Precondition Required", detail,
                List.of(new InputError("/" + IF_MATCH, "is required: the version this change is based on")));
    }

    /** 428 for a case written without If-Match over an existing one: the latest version is named, to read first. */
    static Problem required(RegistryException.Conflict e) {
        CaseVersion current = e.current();
        return new Problem(428, "Precondition Required", "case " + current.caseId() + " exists (version " + current.version()
                + " by " + current.author() + " at " + current.recordedAt() + "): a change of it names the version it is "
                + "based on in If-Match, e.g. If-Match: " + etag(current.version()),
                List.of(new InputError("/" + IF_MATCH, "is required: the version this change is based on")),
                members(e));
    }

    /** 409 Conflict for a write based on a version that is not the latest. */
    static Problem conflict(RegistryException.Conflict e) {
        CaseVersion current = e.current();
        String detail = e.basedOn().newCase()
                ? "case " + current.caseId() + " exists already: its latest version is " + current.version() + ", written by "
                        + current.author() + " at " + current.recordedAt()
                : "case " + current.caseId() + " has changed since version " + e.basedOn().version() + ": the latest is version "
                        + current.version() + ", written by " + current.author() + " at " + current.recordedAt()
                        + "; read it, apply the change again and send it with If-Match: " + etag(current.version());
        return new Problem(409, "Conflict", detail, List.of(), members(e));
    }

    private static Map<String, Object> members(RegistryException.Conflict e) {
        CaseVersion current = e.current();
        return e.basedOn().newCase()
                ? Map.of("currentVersion", current.version(), "currentAuthor", current.author(),
                        "currentRecordedAt", current.recordedAt().toString())
                : Map.of("currentVersion", current.version(), "currentAuthor", current.author(),
                        "currentRecordedAt", current.recordedAt().toString(), "basedOnVersion", e.basedOn().version());
    }
}
