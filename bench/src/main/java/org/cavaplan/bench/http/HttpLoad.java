package org.cavaplan.bench.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * <p>Requests go out on plain blocking HTTP/1.1 connections ({@link RawConnection}), one sending
 * thread per connection, started only when every existing one is busy.
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
            Histogram latencyUs, double achievedRate, double servedRate, long sendLagMaxUs, List<Second> timeline) {
        public Result {
            errorKinds = Map.copyOf(errorKinds);
            timeline = List.copyOf(timeline);
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
            b.append("slowest seconds (wall clock UTC, by intended send time: requests, max ms):");
            timeline.stream().sorted(Comparator.comparingLong(Second::maxUs).reversed()).limit(10)
                    .sorted(Comparator.comparingLong(Second::epochMillis))
                    .forEach(t -> b.append(String.format(Locale.ROOT, " %s %d %.1f;",
                            Instant.ofEpochMilli(t.epochMillis()).toString().substring(11, 23), t.requests(),
                            t.maxUs() / 1000.0)));
            return b.append('\n').toString();
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

    /**
     * One second of the measured run, by intended send time: its wall-clock start (epoch
     * milliseconds, to line up with server logs), the requests due in it and the highest latency
     * among them, in microseconds.
     */
    public record Second(long epochMillis, long requests, long maxUs) {}

    private final HttpClient client;

    private HttpLoad(HttpClient client) {
        this.client = client;
    }

    /** A generator over its own HTTP/1.1 client (connections are opened as concurrency needs them, then reused). */
    public static HttpLoad create() {
        return new HttpLoad(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** A JIT warm-up: the requests answered, how long it ran, the throughput of each window (req/s). */
    public record WarmUp(long requests, Duration took, List<Double> windowRates) {
        public WarmUp {
            windowRates = List.copyOf(windowRates);
        }
    }

    /** Length of a warm-up window. */
    static final Duration WARM_UP_WINDOW = Duration.ofSeconds(5);
    /** A window is "no faster" when its throughput is at most this much above the best before it. */
    static final double WARM_UP_GAIN = 1.05;

    /**
     * Sends {@code target} back to back on {@code connections} connections of the same kind as a
     * run's (JIT warm-up of both sides, not measured), in windows of {@link #WARM_UP_WINDOW}: for at
     * least {@code least}, then until two windows in a row were no faster than the best before them
     * (the JIT has settled: throughput stopped rising), for at most {@code most}.
     */
    public WarmUp warmUp(Target target, int connections, Duration least, Duration most) throws InterruptedException {
        long started = System.nanoTime();
        long mostUntil = started + most.toNanos();
        long leastUntil = started + least.toNanos();
        AtomicLong answered = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                try (RawConnection connection = RawConnection.to(target, Duration.ofSeconds(30))) {
                    while (!stop.get()) {
                        connection.exchange();
                        answered.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the run that follows reports what fails
                }
            }, "warm-up-" + i);
            t.start();
            threads.add(t);
        }
        List<Double> rates = new ArrayList<>();
        double best = 0;
        int flat = 0;
        long windowStart = started;
        long windowCount = 0;
        while (true) {
            long now = System.nanoTime();
            long windowEnd = Math.min(windowStart + WARM_UP_WINDOW.toNanos(), mostUntil);
            if (windowEnd > now) {
                TimeUnit.NANOSECONDS.sleep(windowEnd - now);
            }
            long count = answered.get();
            double rate = (count - windowCount) / ((System.nanoTime() - windowStart) / 1e9);
            rates.add(rate);
            flat = rate <= best * WARM_UP_GAIN ? flat + 1 : 0;
            best = Math.max(best, rate);
            windowStart = System.nanoTime();
            windowCount = count;
            if (windowStart >= mostUntil || (windowStart >= leastUntil && flat >= 2)) {
                break;
            }
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return new WarmUp(answered.get(), Duration.ofNanos(System.nanoTime() - started), rates);
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
        double intervalNanos = 1e9 / schedule.rate();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measuredFrom = start + Math.round(warmUpCount * intervalNanos);
        long epochAtMeasuredFrom = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(measuredFrom - System.nanoTime());
        Run run = new Run(target, schedule.timeout(), schedule.connections(), measuredFrom,
                (int) Math.max(1, schedule.duration().toSeconds() + 1));
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
                run.latency.copy(), run.ok.get() / seconds, run.served.get() / runSeconds, lagMax / 1000,
                run.timeline(epochAtMeasuredFrom));
    }

    /**
     * The state of one run: the queue of requests whose time has come, the sending threads (one
     * connection each, started as the load needs them, at most {@code connections}), the counts.
     */
    private final class Run {
        private record Due(long intended, boolean measured) {}

        final Histogram latency = new SynchronizedHistogram(HIGHEST_US, 3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong lastMeasuredAnswer = new AtomicLong();
        final AtomicLong served = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();
        final Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        private final Target target;
        private final Duration timeout;
        private final int connections;
        private final BlockingQueue<Due> due = new LinkedBlockingQueue<>();
        private final Set<Due> unanswered = ConcurrentHashMap.newKeySet();
        private final AtomicInteger senders = new AtomicInteger();
        private final AtomicInteger idle = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final AtomicLong outstanding = new AtomicLong();
        private final Object done = new Object();
        private volatile boolean closed;
        /** The timeline's seconds count from this {@code nanoTime} (the first measured request's intended time). */
        private final long timelineFrom;
        private final AtomicLongArray secondCounts;
        private final AtomicLongArray secondMaxUs;

        /** {@code seconds} seconds of timeline from {@code timelineFrom} (nanoTime). */
        Run(Target target, Duration timeout, int connections, long timelineFrom, int seconds) {
            this.target = target;
            this.timeout = timeout;
            this.connections = connections;
            this.timelineFrom = timelineFrom;
            this.secondCounts = new AtomicLongArray(seconds);
            this.secondMaxUs = new AtomicLongArray(seconds);
        }

        /** The seconds in which measured requests were due, the first starting at {@code epochMillisAtFrom}. */
        List<Second> timeline(long epochMillisAtFrom) {
            List<Second> seconds = new ArrayList<>();
            for (int i = 0; i < secondCounts.length(); i++) {
                if (secondCounts.get(i) > 0) {
                    seconds.add(new Second(epochMillisAtFrom + i * 1000L, secondCounts.get(i), secondMaxUs.get(i)));
                }
            }
            return seconds;
        }

        void submit(long intended, boolean measured) {
            outstanding.incrementAndGet();
            Due d = new Due(intended, measured);
            if (measured) {
                unanswered.add(d);
            }
            due.add(d);
            // a new sender when more requests wait than senders are idle: a request never waits for
            // a free connection while fewer than `connections` exist
            if (due.size() > idle.get()) {
                int n = senders.get();
                if (n < connections && senders.compareAndSet(n, n + 1)) {
                    Thread t = new Thread(this::send, "load-" + n);
                    t.setDaemon(true);
                    threads.add(t);
                    t.start();
                }
            }
        }

        /** One sender: takes due requests in order and sends each on its own connection. */
        private void send() {
            try (RawConnection connection = RawConnection.to(target, timeout)) {
                while (!closed) {
                    idle.incrementAndGet();
                    Due next;
                    try {
                        next = due.poll(100, TimeUnit.MILLISECONDS);
                    } finally {
                        idle.decrementAndGet();
                    }
                    if (next == null || closed) {
                        continue;
                    }
                    int status = -1;
                    String failure = null;
                    try {
                        status = connection.exchange();
                    } catch (IOException | RuntimeException e) {
                        failure = e instanceof SocketTimeoutException ? "timeout" : e.getClass().getSimpleName();
                    }
                    answered(next, status, failure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void answered(Due request, int status, String failure) {
            long now = System.nanoTime();
            if (failure == null && status / 100 == 2) {
                served.incrementAndGet();
                lastAnswer.accumulateAndGet(now, Math::max);
            }
            if (request.measured() && unanswered.remove(request)) {
                String error = failure != null ? failure : status / 100 != 2 ? "HTTP " + status : null;
                record(request.intended(), now - request.intended(), error);
                lastMeasuredAnswer.accumulateAndGet(now, Math::max);
            }
            if (outstanding.decrementAndGet() == 0) {
                synchronized (done) {
                    done.notifyAll();
                }
            }
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
                    record(d.intended(), now - d.intended(), "no answer");
                }
            }
            threads.forEach(Thread::interrupt);
        }

        private void record(long intended, long latencyNanos, String error) {
            long us = Math.max(0, Math.min(HIGHEST_US, latencyNanos / 1000));
            latency.recordValue(us);
            int second = (int) ((intended - timelineFrom) / 1_000_000_000L);
            if (second >= 0 && second < secondCounts.length()) {
                secondCounts.incrementAndGet(second);
                secondMaxUs.accumulateAndGet(second, us, Math::max);
            }
            if (error == null) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
                errorKinds.merge(error, 1L, Long::sum);
            }
        }
    }

}
