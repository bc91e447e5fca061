package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;

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

    /**
     * The output of one chunk of consecutive lines: their bytes in order (handed over as the blocks
     * they were written into, not copied), and the rejected lines.
     */
    private record Outcome(Blocks json, int planned, List<Rejection> rejections) {}

    private record Rejection(int line, List<InputError> errors) {}

    /**
     * Lines are handed to the workers in chunks, so that a thread hand-over costs little per case and
     * each stage runs over many cases in a row (see {@link #process}). Measured on 20,000 synthetic
     * cases with two workers: chunks of 16 took 2.0 s, of 32 to 128 about 1.75 s.
     */
    private static final int CHUNK = 32;
    private static final int CHUNKS_IN_FLIGHT_PER_THREAD = 4;

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
        int[] counts = new int[2];
        try {
            String line;
            int number = 0;
            long chars = 0;
            List<String> lines = new ArrayList<>(CHUNK);
            int first = 1;
            while ((line = in.readLine()) != null) {
                number++;
                chars += line.length() + 1;
                lines.add(line);
                if (lines.size() == CHUNK) {
                    submit(pool, window, lines, first, out, listener, counts);
                    lines = new ArrayList<>(CHUNK);
                    first = number + 1;
                }
                if (number % 5000 == 0) {
                    listener.progress(number, chars);
                }
            }
            if (!lines.isEmpty()) {
                submit(pool, window, lines, first, out, listener, counts);
            }
            while (!window.isEmpty()) {
                write(window.poll(), out, listener, counts);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Summary(counts[0], counts[1]);
    }

    private void submit(ExecutorService pool, ArrayDeque<Future<Outcome>> window, List<String> lines, int first,
            OutputStream out, Listener listener, int[] counts) throws IOException {
        window.add(pool.submit(() -> process(lines, first)));
        if (window.size() >= threads * CHUNKS_IN_FLIGHT_PER_THREAD) {
            write(window.poll(), out, listener, counts);
        }
    }

    private static void write(Future<Outcome> future, OutputStream out, Listener listener, int[] counts) throws IOException {
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
        outcome.json().writeTo(out);
        counts[0] += outcome.planned();
        counts[1] += outcome.rejections().size();
        for (Rejection r : outcome.rejections()) {
            listener.rejected(r.line(), r.errors());
        }
    }

    /**
     * Reads every line of the chunk, then plans every case, then writes every plan: each stage's code
     * and data stay in the processor's caches across the chunk, which costs markedly less than taking
     * one case at a time through all three.
     */
    private Outcome process(List<String> lines, int first) {
        int n = lines.size();
        ReadResult[] read = new ReadResult[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            read[i] = line.isBlank() ? null : reader.read(line);
        }
        Plan[] plans = new Plan[n];
        for (int i = 0; i < n; i++) {
            if (read[i] instanceof ReadResult.Valid valid) {
                Case kase = valid.value();
                plans[i] = engine.plan(kase, asOf.orElseGet(kase::latestDate));
            }
        }
        Blocks bytes = new Blocks();
        List<Rejection> rejections = new ArrayList<>(0);
        int planned = 0;
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (int i = 0; i < n; i++) {
                if (read[i] == null) {
                    continue;
                }
                if (plans[i] != null) {
                    PlanJson.write(plans[i], g);
                    planned++;
                } else {
                    List<InputError> errors = ((ReadResult.Invalid) read[i]).errors();
                    BatchLines.writeErrors(first + i, errors, g);
                    rejections.add(new Rejection(first + i, errors));
                }
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(bytes, planned, rejections);
    }
}
