package org.cavaplan.server.hostile;

import java.nio.charset.StandardCharsets;

/**
 * What the server answered to a probe: {@code status} 0 when it closed the connection without an
 * answer (or the client gave up sending), with the reason in {@code failure}.
 */
record Answer(Probe probe, int status, String contentType, String location, byte[] body, String failure, long millis) {

    boolean closed() {
        return status == 0;
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isProblem() {
        return contentType != null && contentType.startsWith("application/problem+json");
    }
}
