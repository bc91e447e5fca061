package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** The error line of a batch output: {@code {"line": N, "errors": [{pointer, message}]}}. */
public final class BatchLines {

    private BatchLines() {}

    /** Writes the errors of one rejected line as one JSON object (no newline). */
    public static void writeErrors(int line, List<InputError> errors, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("line", line);
        g.writeArrayFieldStart("errors");
        for (InputError e : errors) {
            g.writeStartObject();
            g.writeStringField("pointer", e.pointer());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
