package org.cavaplan.server.soak;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * An open-model load: {@code new OpenLoad().run(schedule, calls, onSegmentEnd)} sends request number
 * {@code i} at its intended time {@code start + i / rate}, whether or not earlier ones have been
 * answered, and measures its latency from that intended time, so that a stall shows in the
 * latency of every request that should have been sent meanwhile (no coordinated omission).
 *
 * <p>The run is a warm-up followed by the measured time cut into equal segments; each segment has
 * its own histogram. Every request counts for errors, warm-up included: an error is an answer with
 * another status than the call expected, a failed exchange, or no answer within the timeout.
 * {@code onSegmentEnd} is called on the sender thread at the end of the warm-up (0) and of each
 * segment (1…n); it must return at once.
 */
final class OpenLoad {

    /** Highest latency tracked, in microseconds (the longest timeout is far below). */
    private static final long HIGHEST_US = TimeUnit.MINUTES.toMicros(5);

    /** One request of the mix: its kind (for the figures), the request, the status it must get, what to do with the answer. */
    record Call(String kind, HttpRequest request, int expectedStatus, Consumer<HttpResponse<String>> onAnswer) {
        Call {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(onAnswer, "onAnswer");
        }
    }

    /** The rate (requests/s), the warm-up, the measured time and its number of segments, and the limits. */
    record Schedule(double rate, Duration warmUp, Duration measured, int segments, int maxInFlight, Duration timeout) {
        Schedule {
            if (!(rate > 0) || segments < 1 || maxInFlight < 1 || measured.isNegative() || measured.isZero()
                    || warmUp.isNegative()) {
                throw new IllegalArgumentException("not a schedule: " + rate + "/s, " + segments + " segments");
            }
        }

        long total() {
            return Math.round((warmUp.toNanos() + measured.toNanos()) / 1e9 * rate);
        }
    }

    /** An error: the request's kind and what went wrong (status and the start of the answer, or the exception). */
    record Failure(String kind, String what) {}

    /**
     * The figures of a run. {@code segments} holds one latency histogram (µs) per measured segment;
     * {@code byKind} one per kind over the measured time; {@code byKindAndSegment} one per kind and
     * measured segment; {@code failures} the first 50 errors.
     */
    record Result(long sent, long answered, long errors, List<Failure> failures, List<Histogram> segments,
            Map<String, Histogram> byKind, Map<String, List<Histogram>> byKindAndSegment, Histogram warmUp,
            long sendLagMaxUs) {}

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Sends the schedule's requests ({@code calls.apply(i)} makes request {@code i}) and waits for every answer. */
    Result run(Schedule schedule, LongFunction<Call> calls, IntConsumer onSegmentEnd) throws InterruptedException {
        long total = schedule.total();
        double interval = 1e9 / schedule.rate();
        long warmUpCount = Math.round(schedule.warmUp().toNanos() / interval);
        long perSegment = Math.max(1, (total - warmUpCount) / schedule.segments());
        Run run = new Run(schedule);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long lagMax = 0;
        int previous = -1;
        for (long i = 0; i < total; i++) {
            long intended = start + Math.round(i * interval);
            int segment = i < warmUpCount ? -1 : (int) Math.min(schedule.segments() - 1, (i - warmUpCount) / perSegment);
            if (segment != previous) {
                onSegmentEnd.accept(segment); // the warm-up (0) or segment number `segment` has just ended
                previous = segment;
            }
            Call call = calls.apply(i);
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            lagMax = Math.max(lagMax, now - intended);
            run.submit(new Due(call, intended, segment));
        }
        run.finish(schedule.timeout().plusSeconds(10));
        onSegmentEnd.accept(schedule.segments());
        return run.result(total, lagMax / 1000);
    }

    private record Due(Call call, long intended, int segment) {}

    /** One run's state: requests due but not sent (all connections busy), those in flight, the counts. */
    private final class Run {
        private final Schedule schedule;
        private final List<Histogram> segments = new ArrayList<>();
        private final Histogram warmUp = new SynchronizedHistogram(HIGHEST_US, 3);
        private final Map<String, Histogram> byKind = new ConcurrentHashMap<>();
        private final Map<String, List<Histogram>> byKindAndSegment = new ConcurrentHashMap<>();
        private final Queue<Due> due = new ConcurrentLinkedQueue<>();
        private final java.util.Set<Due> unanswered = ConcurrentHashMap.newKeySet();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        private final Object done = new Object();
        private volatile boolean closed;

        Run(Schedule schedule) {
            this.schedule = schedule;
            for (int s = 0; s < schedule.segments(); s++) {
                segments.add(new SynchronizedHistogram(HIGHEST_US, 3));
            }
        }

        void submit(Due d) {
            unanswered.add(d);
            due.add(d);
            drain();
        }

        private void drain() {
            while (!closed && !due.isEmpty()) {
                int n = inFlight.get();
                if (n >= schedule.maxInFlight()) {
                    return;
                }
                if (!inFlight.compareAndSet(n, n + 1)) {
                    continue;
                }
                Due next = due.poll();
                if (next == null) {
                    inFlight.decrementAndGet();
                    continue;
                }
                HttpRequest request = HttpRequest.newBuilder(next.call().request(), (name, value) -> true)
                        .timeout(schedule.timeout()).build();
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> answered(next, response, failure));
            }
        }

        private void answered(Due d, HttpResponse<String> response, Throwable failure) {
            long now = System.nanoTime();
            if (unanswered.remove(d)) {
                String error = null;
                if (failure != null) {
                    error = failure.toString();
                } else if (response.statusCode() != d.call().expectedStatus()) {
                    String body = response.body() == null ? "" : response.body();
                    error = "HTTP " + response.statusCode() + " " + body.substring(0, Math.min(300, body.length()));
                } else {
                    try {
                        d.call().onAnswer().accept(response);
                    } catch (RuntimeException | AssertionError e) {
                        error = "unexpected answer: " + e.getMessage();
                    }
                }
                record(d, now - d.intended(), error);
            }
            inFlight.decrementAndGet();
            synchronized (done) {
                done.notifyAll();
            }
            drain();
        }

        void finish(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            synchronized (done) {
                long left;
                while (!unanswered.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(done, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                }
            }
            closed = true;
            long now = System.nanoTime();
            for (Due d : unanswered) {
                if (unanswered.remove(d)) {
                    record(d, now - d.intended(), "no answer");
                }
            }
        }

        private void record(Due d, long nanos, String error) {
            long us = Math.max(0, Math.min(HIGHEST_US, nanos / 1000));
            if (d.segment() < 0) {
                warmUp.recordValue(us);
            } else {
                segments.get(d.segment()).recordValue(us);
                byKind.computeIfAbsent(d.call().kind(), k -> new SynchronizedHistogram(HIGHEST_US, 3)).recordValue(us);
                byKindAndSegment.computeIfAbsent(d.call().kind(), k -> perSegment()).get(d.segment()).recordValue(us);
            }
            answered.incrementAndGet();
            if (error != null) {
                errors.incrementAndGet();
                if (failures.size() < 50) {
                    failures.add(new Failure(d.call().kind(), error));
                }
            }
        }

        private List<Histogram> perSegment() {
            List<Histogram> list = new ArrayList<>();
            for (int s = 0; s < schedule.segments(); s++) {
                list.add(new SynchronizedHistogram(HIGHEST_US, 3));
            }
            return List.copyOf(list);
        }

        Result result(long sent, long lagMaxUs) {
            return new Result(sent, answered.get(), errors.get(), List.copyOf(failures), List.copyOf(segments),
                    Map.copyOf(byKind), Map.copyOf(byKindAndSegment), warmUp, lagMaxUs);
        }
    }
}
