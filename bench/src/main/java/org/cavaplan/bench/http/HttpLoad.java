package org.cavaplan.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * An open-model HTTP load generator: {@code HttpLoad.run(target, schedule)} sends one request every
 * {@code 1/rate} seconds at its intended time, whether or not earlier requests have been answered,
 * and measures each latency from that intended time. A server (or client) that stalls therefore
 * shows its stall in the latencies of every request that should have been sent meanwhile, instead
 * of hiding it by sending fewer requests (coordinated omission).
 *
 * <p>Requests whose intended time falls in the warm-up are sent but not counted. A request fails
 * when the answer is not a 2xx, when the exchange throws, or when no answer came within the
 * timeout; failed requests are counted as errors and their latencies are kept in the histogram
 * (see {@link Result}).
 *
 * <p>One run at a time per instance.
 */
public final class HttpLoad {

    /** Highest latency the histogram tracks, in microseconds (10 minutes). */
    private static final long HIGHEST_US = TimeUnit.MINUTES.toMicros(10);

    /** What is requested: method, address, headers (name, value pairs) and body (may be empty). */
    public record Target(String method, URI uri, List<String> headers, byte[] body) {
        public Target {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = List.copyOf(headers);
            if (headers.size() % 2 != 0) {
                throw new IllegalArgumentException("headers come in name, value pairs");
            }
            body = body.clone();
        }

        HttpRequest request(Duration timeout) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (int i = 0; i < headers.size(); i += 2) {
                b.header(headers.get(i), headers.get(i + 1));
            }
            return b.build();
        }
    }

    /**
     * How requests are sent: {@code rate} per second during warm-up and then during the measured
     * duration, over at most {@code connections} connections (requests in flight).
     */
    public record Schedule(double rate, Duration warmUp, Duration duration, Duration timeout, int connections) {
        public Schedule {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("rate must be positive, not " + rate);
            }
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be at least 1, not " + connections);
            }
            if (warmUp.isNegative() || duration.isNegative() || duration.isZero() || timeout.isNegative()
                    || timeout.isZero()) {
                throw new IllegalArgumentException("durations must be positive (warm-up may be zero)");
            }
        }

        long requests(Duration d) {
            return Math.round(d.toNanos() / 1e9 * rate);
        }
    }

    /**
     * The measured part of a run. Latencies are in microseconds from the intended send time, for
     * every measured request: answered ones (errors too) at their answer, unanswered ones at the
     * moment the run gave up waiting (a lower bound), so failures never make the percentiles look
     * better. {@code errors} counts non-2xx answers, failed exchanges and unanswered requests;
     * {@code achievedRate} is the 2xx answers per second to measured requests, {@code servedRate} the
     * 2xx answers per second over the whole run, warm-up included (what an overloaded server managed);
     * {@code sendLagMaxUs} is how far behind its schedule the sender ever was (a large value means the
     * client, not the server, could not keep up).
     */
    public record Result(Schedule schedule, long sent, long ok, long errors, Map<String, Long> errorKinds,
            Histogram latencyUs, double achievedRate, double servedRate, long sendLagMaxUs) {
        public Result {
            errorKinds = Map.copyOf(errorKinds);
        }

        public double percentileMs(double p) {
            return latencyUs.getTotalCount() == 0 ? Double.NaN : latencyUs.getValueAtPercentile(p) / 1000.0;
        }

        public double maxMs() {
            return latencyUs.getTotalCount() == 0 ? Double.NaN : latencyUs.getMaxValue() / 1000.0;
        }

        /** Several readable lines. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "target %.0f req/s for %d s (after %d s warm-up, at most %d connections): sent %d, ok %d, errors %d, "
                    + "achieved %.1f req/s (whole run %.1f req/s), sender lag max %.1f ms%n", schedule.rate(),
                    schedule.duration().toSeconds(), schedule.warmUp().toSeconds(), schedule.connections(), sent, ok, errors,
                    achievedRate, servedRate, sendLagMaxUs / 1000.0));
            b.append(String.format(Locale.ROOT, "latency from intended start (ms): p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(99.9), maxMs()));
            if (!errorKinds.isEmpty()) {
                b.append("errors: ").append(new TreeMap<>(errorKinds)).append('\n');
            }
            return b.toString();
        }

        /** One JSON object (no line breaks) with the figures of the run. */
        public String toJson(String name) {
            return String.format(Locale.ROOT, "{\"name\":\"%s\",\"rate\":%.1f,\"warmUpS\":%d,\"durationS\":%d,\"connections\":%d,\"sent\":%d,"
                    + "\"ok\":%d,\"errors\":%d,\"achievedRate\":%.1f,\"servedRate\":%.1f,\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,"
                    + "\"p999Ms\":%.3f,\"maxMs\":%.3f,\"sendLagMaxMs\":%.3f}", name, schedule.rate(),
                    schedule.warmUp().toSeconds(), schedule.duration().toSeconds(), schedule.connections(), sent, ok, errors,
                    achievedRate, servedRate,
                    percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(99.9), maxMs(),
                    sendLagMaxUs / 1000.0).replace("NaN", "null");
        }
    }

    private final HttpClient client;

    private HttpLoad(HttpClient client) {
        this.client = client;
    }

    /** A generator over its own HTTP/1.1 client (connections are opened as concurrency needs them, then reused). */
    public static HttpLoad create() {
        return new HttpLoad(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** One request, answered in full: for checks before a run. */
    public HttpResponse<String> once(Target target, Duration timeout) throws java.io.IOException, InterruptedException {
        return client.send(target.request(timeout), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends the schedule's requests at their intended times and waits for every answer (or its
     * timeout). At most {@code schedule.connections()} requests are in flight; a request whose time
     * has come while all are busy waits in a queue, its latency still counted from its intended time.
     */
    public Result run(Target target, Schedule schedule) throws InterruptedException {
        long warmUpCount = schedule.requests(schedule.warmUp());
        long total = warmUpCount + schedule.requests(schedule.duration());
        Run run = new Run(target.request(schedule.timeout()), schedule.connections());
        double intervalNanos = 1e9 / schedule.rate();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measuredFrom = start + Math.round(warmUpCount * intervalNanos);
        long lagMax = 0;
        for (long i = 0; i < total; i++) {
            long intended = start + Math.round(i * intervalNanos);
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            if (i >= warmUpCount) {
                lagMax = Math.max(lagMax, now - intended);
            }
            run.submit(intended, i >= warmUpCount);
        }
        run.finish(schedule.timeout().plusSeconds(5));
        double seconds = Math.max(1e-9, (run.lastMeasuredAnswer.get() - measuredFrom) / 1e9);
        double runSeconds = Math.max(1e-9, (run.lastAnswer.get() - start) / 1e9);
        return new Result(schedule, total - warmUpCount, run.ok.get(), run.errors.get(), Map.copyOf(run.errorKinds),
                run.latency.copy(), run.ok.get() / seconds, run.served.get() / runSeconds, lagMax / 1000);
    }

    /** The state of one run: the queue of requests whose time has come, the requests in flight, the counts. */
    private final class Run {
        private record Due(long intended, boolean measured) {}

        final Histogram latency = new SynchronizedHistogram(HIGHEST_US, 3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong lastMeasuredAnswer = new AtomicLong();
        final AtomicLong served = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();
        final Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        private final HttpRequest request;
        private final int connections;
        private final Queue<Due> due = new ConcurrentLinkedQueue<>();
        private final Set<Due> unanswered = ConcurrentHashMap.newKeySet();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong outstanding = new AtomicLong();
        private final Object done = new Object();
        private volatile boolean closed;

        Run(HttpRequest request, int connections) {
            this.request = request;
            this.connections = connections;
        }

        void submit(long intended, boolean measured) {
            outstanding.incrementAndGet();
            Due d = new Due(intended, measured);
            if (measured) {
                unanswered.add(d);
            }
            due.add(d);
            drain();
        }

        /** Sends queued requests while fewer than {@code connections} are in flight. */
        private void drain() {
            while (!closed && !due.isEmpty()) {
                int n = inFlight.get();
                if (n >= connections) {
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
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> answered(next, response, failure));
            }
        }

        private void answered(Due request, HttpResponse<?> response, Throwable failure) {
            long now = System.nanoTime();
            if (failure == null && response.statusCode() / 100 == 2) {
                served.incrementAndGet();
                lastAnswer.accumulateAndGet(now, Math::max);
            }
            if (request.measured() && unanswered.remove(request)) {
                String error = failure != null ? kind(failure)
                        : response.statusCode() / 100 != 2 ? "HTTP " + response.statusCode() : null;
                record(now - request.intended(), error);
                lastMeasuredAnswer.accumulateAndGet(now, Math::max);
            }
            inFlight.decrementAndGet();
            if (outstanding.decrementAndGet() == 0) {
                synchronized (done) {
                    done.notifyAll();
                }
            }
            drain();
        }

        /** Waits until every request is answered or {@code limit} has passed; then sends no more. */
        void finish(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            synchronized (done) {
                long left;
                while (outstanding.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(done, left);
                }
            }
            closed = true;
            long now = System.nanoTime();
            for (Due d : unanswered) {
                if (unanswered.remove(d)) {
                    record(now - d.intended(), "no answer");
                }
            }
        }

        private void record(long latencyNanos, String error) {
            latency.recordValue(Math.max(0, Math.min(HIGHEST_US, latencyNanos / 1000)));
            if (error == null) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
                errorKinds.merge(error, 1L, Long::sum);
            }
        }
    }

    private static String kind(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
