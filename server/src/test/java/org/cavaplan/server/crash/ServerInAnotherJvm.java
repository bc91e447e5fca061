package org.cavaplan.server.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.CavaPlanServer;

/**
 * The server in a JVM of its own, to be killed: {@code main(jdbcUrl)} opens the registry, starts
 * the server on a free port and prints {@code port N} once it answers; {@link #start} runs it on
 * this test's class path and {@link #kill} ends it with SIGKILL.
 */
final class ServerInAnotherJvm implements AutoCloseable {

    private static final String READY = "port ";
    private static final int KEPT_LINES = 200;

    private final Process process;
    private final int port;
    private final Deque<String> output;

    private ServerInAnotherJvm(Process process, int port, Deque<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    public static void main(String[] args) throws InterruptedException {
        Registry registry = Registry.open(args[0], Clock.systemUTC());
        CavaPlanServer.Running running = CavaPlanServer.create(registry, Clock.systemUTC(),
                new CavaPlanServer.Options(1_000_000L, line -> { })).start(0);
        System.out.println(READY + running.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts {@link #main} in a new JVM on {@code jdbcUrl} and returns once its server listens. */
    static ServerInAnotherJvm start(String jdbcUrl, Duration timeout) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ServerInAnotherJvm.class.getName(), jdbcUrl);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process, output, ready), "crash-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerInAnotherJvm(process, ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while the server started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server in the child JVM did not start within " + timeout + "; its output: "
                    + lines(output), e);
        }
    }

    /** Reads the child's output to its end (so that it never blocks on a full pipe), keeping the last lines. */
    private static void drain(Process process, Deque<String> output, CompletableFuture<Integer> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > KEPT_LINES) {
                        output.removeFirst();
                    }
                }
                if (line.startsWith(READY) && !ready.isDone()) {
                    ready.complete(Integer.parseInt(line.substring(READY.length()).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the child JVM ended with " + exit(process)));
    }

    private static String exit(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "no exit";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no exit";
        }
    }

    private static List<String> lines(Deque<String> output) {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    int port() {
        return port;
    }

    /** The child's last lines of output, for failure messages. */
    List<String> output() {
        return lines(output);
    }

    /** Kills the child with SIGKILL (no shutdown hook runs, nothing is closed) and returns its exit code. */
    int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Asks the child to end (SIGTERM: the JVM runs its shutdown hooks) and returns its exit code. */
    int stop() {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while the child JVM ended", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
