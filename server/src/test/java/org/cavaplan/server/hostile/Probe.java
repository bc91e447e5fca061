package org.cavaplan.server.hostile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One hostile request and what must come of it. {@code route} names the registered route it aims
 * at (method and path template), {@code family} the kind of attack.
 */
sealed interface Probe {

    Family family();

    String route();

    Expect expect();

    /** A request that java.net.http can send: any method token, a well-formed URI, any headers it allows. */
    record Http(Family family, String route, String method, String pathAndQuery, List<String> headers, byte[] body,
            Expect expect) implements Probe {
        public Http {
            Objects.requireNonNull(family);
            headers = List.copyOf(headers);
            if (headers.size() % 2 != 0) {
                throw new IllegalArgumentException("headers come in name, value pairs");
            }
        }
    }

    /** Bytes written as they are to a socket: malformed HTTP that no client library would send. */
    record Raw(Family family, String route, byte[] bytes, Expect expect) implements Probe {
        public Raw {
            Objects.requireNonNull(family);
        }
    }

    /** The kinds of attack. */
    enum Family {
        BROKEN_JSON, DEEP_NESTING, HUGE_BODIES, WRONG_CONTENT_TYPE, BROKEN_UTF8, PATH_TRAVERSAL, SQL_IN_FILTERS,
        INVALID_PAGING, OVERSIZED_HEADERS, BAD_METHODS, UNICODE_ODDITIES, MALFORMED_HTTP, AUTH_MUTATIONS
    }

    /**
     * What the answer must be besides the rules for every answer (below 500, no stack trace):
     * one of {@code statuses} (empty: any below 500), or a closed connection when
     * {@code closeAllowed}; the body contains {@code mustContain}; a problem's errors hold {@code pointer}.
     */
    record Expect(Set<Integer> statuses, boolean closeAllowed, Optional<String> mustContain, Optional<String> pointer) {
        public Expect {
            statuses = Set.copyOf(statuses);
        }

        static Expect anyBelow500() {
            return new Expect(Set.of(), false, Optional.empty(), Optional.empty());
        }

        static Expect status(Integer... statuses) {
            return new Expect(Set.of(statuses), false, Optional.empty(), Optional.empty());
        }

        Expect orClose() {
            return new Expect(statuses, true, mustContain, pointer);
        }

        Expect containing(String text) {
            return new Expect(statuses, closeAllowed, Optional.of(text), pointer);
        }

        Expect pointing(String jsonPointer) {
            return new Expect(statuses, closeAllowed, mustContain, Optional.of(jsonPointer));
        }
    }
}
