package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;

/**
 * Plans an NDJSON stream of cases, one plan (or one error line) per input line, in input order.
 * Lines are read, checked, planned and serialised on {@code threads} worker threads; the output
 * keeps the input order. Blank lines are skipped. Not thread-safe; one instance per batch.
 */
public final class BatchPlanner {

    /** What a batch reports while it runs. */
    public interface Listener {
        /** A line was rejected; {@code errors} is never empty. */
        void rejected(int line, List<InputError> errors);

        /** Progress, called every few thousand lines with the characters read so far. */
        default void progress(int lines, long charsRead) {}
    }

    /** The counts of a finished batch. */
    public record Summary(int planned, int rejected) {}

    private record Outcome(int line, byte[] json, List<InputError> errors) {}

    private static final int WINDOW_PER_THREAD = 64;

    private final Engine engine;
    private final CaseReader reader;
    private final Optional<LocalDate> asOf;
    private final int threads;

    public BatchPlanner(Engine engine, CaseReader reader, Optional<LocalDate> asOf, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.engine = engine;
        this.reader = reader;
        this.asOf = asOf;
        this.threads = threads;
    }

    /** Plans every line of {@code in} into {@code out} (UTF-8); neither stream is closed. */
    public Summary run(BufferedReader in, OutputStream out, Listener listener) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cavaplan-batch");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Outcome>> window = new ArrayDeque<>();
        int planned = 0;
        int rejected = 0;
        try {
            String line;
            int number = 0;
            long chars = 0;
            while ((line = in.readLine()) != null) {
                number++;
                chars += line.length() + 1;
                if (line.isBlank()) {
                    continue;
                }
                String text = line;
                int at = number;
                window.add(pool.submit(() -> process(text, at)));
                if (window.size() >= threads * WINDOW_PER_THREAD) {
                    if (write(window.poll(), out, listener)) {
                        planned++;
                    } else {
                        rejected++;
                    }
                }
                if (number % 5000 == 0) {
                    listener.progress(number, chars);
                }
            }
            while (!window.isEmpty()) {
                if (write(window.poll(), out, listener)) {
                    planned++;
                } else {
                    rejected++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Summary(planned, rejected);
    }

    private static boolean write(Future<Outcome> future, OutputStream out, Listener listener) throws IOException {
        Outcome outcome;
        try {
            outcome = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        out.write(outcome.json());
        if (outcome.errors().isEmpty()) {
            return true;
        }
        listener.rejected(outcome.line(), outcome.errors());
        return false;
    }

    private Outcome process(String line, int number) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(24 * 1024);
        ReadResult result = reader.read(line);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            if (result instanceof ReadResult.Valid valid) {
                Case kase = valid.value();
                PlanJson.write(engine.plan(kase, asOf.orElseGet(kase::latestDate)), g);
                g.flush();
                bytes.write('\n');
                return new Outcome(number, bytes.toByteArray(), List.of());
            }
            List<InputError> errors = ((ReadResult.Invalid) result).errors();
            BatchLines.writeErrors(number, errors, g);
            g.flush();
            bytes.write('\n');
            return new Outcome(number, bytes.toByteArray(), errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
