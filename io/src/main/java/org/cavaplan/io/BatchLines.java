package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.cavaplan.core.plan.Plan;

/** The lines of a batch output: a plan, or {@code {"line": N, "errors": [{pointer, message}]}}. */
public final class BatchLines {

    private BatchLines() {}

    /** Writes one plan and a newline. */
    public static void writePlan(Plan plan, Writer out) throws IOException {
        PlanJson.write(plan, out, false);
        out.write('\n');
    }

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
