package org.cavaplan.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.knowledge.Plausibility;

/**
 * Imports lines of case JSON, each in its own transaction, on several connections at once. A line
 * goes to the lane of its case id, and each lane works in input order, so two lines of one case are
 * applied in the order they were read. A lane that waits (on a lock, on the disk) does not hold the
 * others up: reading stops only when too many lines are in flight. Results are reported in input
 * order. Each lane holds one connection whose commits do not wait for the disk one by one; the
 * stored cases are all made durable before {@link #run} returns. If this process dies before, the
 * cases H2 stored in its last moments may be missing (PostgreSQL loses them only if the database
 * server dies too), never half a case, and running the import again completes it.
 * Not thread-safe: one instance per import.
 */
final class Importer {

    /** The lines to import; {@code null} at the end. */
    @FunctionalInterface
    interface Lines {
        String next() throws IOException;
    }

    private static final int IN_FLIGHT_PER_LANE = 64;
    /** Lines stored but not yet reported because an earlier line is still being stored. */
    private static final int MAX_UNREPORTED = 50_000;
    private static final int PROGRESS_EVERY = 500;
    /** An import that stores this many versions or more refreshes the planner's statistics when it ends. */
    private static final int ANALYZE_AFTER = 1000;

    /** What became of one line: the save, and the plausibility warnings of a stored case. */
    private record Outcome(SaveResult result, List<InputError> warnings) {}

    private record Pending(int line, Future<Outcome> result) {}

    private static final Plausibility PLAUSIBILITY = Plausibility.create();

    private final Database db;
    private final CaseIntake intake;
    private final CaseStore store;
    private final Supplier<Instant> clock;

    Importer(Database db, CaseIntake intake, CaseStore store, Supplier<Instant> clock) {
        this.db = db;
        this.intake = intake;
        this.store = store;
        this.clock = clock;
    }

    /** Imports every line; on a database failure stops and throws, keeping what was committed. */
    ImportSummary run(Actor actor, Lines lines, ImportOptions options, boolean synthetic, ImportListener listener)
            throws IOException {
        int laneCount = options.connections() == 0 ? db.dialect().importConnections() : options.connections();
        ExecutorService[] lanes = new ExecutorService[laneCount];
        Database.BulkWriter[] writers = new Database.BulkWriter[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "cavaplan-import");
                t.setDaemon(true);
                return t;
            });
        }
        Counts counts = new Counts();
        Optional<LocalDate> today = options.plausibility()
                ? Optional.of(LocalDate.ofInstant(clock.get(), ZoneId.systemDefault())) : Optional.empty();
        ArrayDeque<Pending> window = new ArrayDeque<>();
        Semaphore inFlight = new Semaphore(laneCount * IN_FLIGHT_PER_LANE);
        try {
            for (int i = 0; i < laneCount; i++) {
                writers[i] = db.bulkWriter();
            }
            String text;
            int number = 0;
            long chars = 0;
            while ((text = lines.next()) != null) {
                number++;
                chars += text.length() + 1;
                if (text.isBlank()) {
                    continue;
                }
                String line = text;
                String caseId = peekCaseId(line);
                int lane = Math.floorMod(caseId == null ? number : caseId.hashCode(), laneCount);
                acquire(inFlight, number);
                window.add(new Pending(number, lanes[lane].submit(() -> {
                    try {
                        return store(writers[lane], line, actor, options.reason(), synthetic, today);
                    } finally {
                        inFlight.release();
                    }
                })));
                while (!window.isEmpty() && (window.peek().result().isDone() || window.size() > MAX_UNREPORTED)) {
                    counts.add(window.poll(), listener);
                }
                if (number % PROGRESS_EVERY == 0) {
                    listener.progress(number, chars);
                }
            }
            while (!window.isEmpty()) {
                counts.add(window.poll(), listener);
            }
            db.makeDurable();
            if (counts.created + counts.updated >= ANALYZE_AFTER) {
                db.analyze();
            }
            listener.progress(number, chars);
        } finally {
            for (ExecutorService lane : lanes) {
                lane.shutdownNow();
            }
            awaitTermination(lanes);
            for (Database.BulkWriter writer : writers) {
                if (writer != null) {
                    writer.close();
                }
            }
        }
        return counts.summary();
    }

    /**
     * Stores one line with its lane's writer, after the plausibility checks as of {@code today} when
     * given; runs on the lane's thread.
     */
    private Outcome store(Database.BulkWriter writer, String line, Actor actor, String reason, boolean synthetic,
            Optional<LocalDate> today) {
        CaseIntake.Prepared prepared = intake.prepare(line, synthetic);
        if (prepared instanceof CaseIntake.Ready ready) {
            List<InputError> warnings = List.of();
            if (today.isPresent()) {
                Plausibility.Findings found = PLAUSIBILITY.check(ready.kase(), today.get());
                if (!found.errors().isEmpty()) {
                    return new Outcome(new SaveResult.Rejected(inputErrors(found.errors())), List.of());
                }
                warnings = inputErrors(found.warnings());
            }
            return new Outcome(writer.save(c -> store.save(c, ready, actor, reason, clock.get())), warnings);
        }
        return new Outcome(new SaveResult.Rejected(((CaseIntake.Invalid) prepared).errors()), List.of());
    }

    private static List<InputError> inputErrors(List<Plausibility.Finding> findings) {
        return findings.stream().map(f -> new InputError(f.pointer(), f.message())).toList();
    }

    /** The case id of a line, read without building the document; null when there is none to read. */
    static String peekCaseId(String line) {
        try (JsonParser p = Json.mapper().getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("caseId".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits until fewer than the limit of lines are being stored, so that reading stays a little ahead of writing. */
    private static void acquire(Semaphore inFlight, int line) throws IOException {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the import was interrupted at line " + line, e);
        }
    }

    private static void awaitTermination(ExecutorService[] lanes) {
        try {
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Counts {
        int created;
        int updated;
        int unchanged;
        int rejected;

        void add(Pending pending, ImportListener listener) throws IOException {
            Outcome outcome;
            try {
                outcome = pending.result().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the import was interrupted at line " + pending.line(), e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
            SaveResult result = outcome.result();
            if ((result instanceof SaveResult.Created || result instanceof SaveResult.Updated) && !outcome.warnings().isEmpty()) {
                listener.warned(pending.line(), outcome.warnings());
            }
            if (result instanceof SaveResult.Created) {
                created++;
            } else if (result instanceof SaveResult.Updated) {
                updated++;
            } else if (result instanceof SaveResult.Unchanged) {
                unchanged++;
            } else if (result instanceof SaveResult.Rejected r) {
                rejected++;
                listener.rejected(pending.line(), r.errors());
            }
        }

        ImportSummary summary() {
            return new ImportSummary(created, updated, unchanged, rejected);
        }
    }
}
