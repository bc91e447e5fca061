package org.cavaplan.bench.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A CavaPlan server in its own process ({@code java -jar cavaplan.jar serve}) over an H2 registry in
 * a temporary directory, so that the load generator and the server do not share a JVM, its heap or
 * its garbage collector. The runnable jar is copied into the directory first: a rebuild of
 * {@code cli/target/cavaplan.jar} during a run cannot disturb the running server.
 *
 * <p>{@code ServerProcess.prepare(jar, jvmOptions)}, then {@link #token(String)}, {@link #start()}
 * (returns once {@code /health} answers 200), {@link #stop()}; {@link #close()} removes the directory.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration FIRST_START_LIMIT = Duration.ofMinutes(5);

    private final Path dir;
    private final Path jar;
    private final List<String> jvmOptions;
    private final String dbUrl;
    private final HttpClient health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private int port;

    private ServerProcess(Path dir, Path jar, List<String> jvmOptions) {
        this.dir = dir;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.dbUrl = "jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = process;
            if (p != null) {
                p.destroyForcibly(); // the benchmark was interrupted: leave no server behind
            }
        }, "cavaplan-bench-server-stop"));
    }

    /** A new temporary directory with a copy of {@code jar} and, once started, the registry. */
    static ServerProcess prepare(Path jar, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " not found: build it with mvn -pl cli -am package -DskipTests");
        }
        Path dir = Files.createTempDirectory("cavaplan-http-bench");
        Path copy = dir.resolve("cavaplan.jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        return new ServerProcess(dir, copy, jvmOptions);
    }

    Path directory() {
        return dir;
    }

    Path jar() {
        return jar;
    }

    String dbUrl() {
        return dbUrl;
    }

    /** Creates a user of {@code role} with {@code cavaplan user add} and returns its API token. */
    String token(String role) throws IOException, InterruptedException {
        List<String> command = java();
        command.addAll(List.of("-jar", jar.toString(), "user", "add", "bench-" + role.toLowerCase(java.util.Locale.ROOT),
                "--role", role, "--db", dbUrl));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("user-add.log").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || out.isEmpty() || out.contains("\n")) {
            throw new IOException("cavaplan user add failed (exit " + p.exitValue() + "): "
                    + Files.readString(dir.resolve("user-add.log")));
        }
        return out;
    }

    /**
     * Starts {@code cavaplan serve} on a free port and waits until {@code /health} answers 200;
     * returns the nanoseconds from just before the process was started to that answer.
     */
    long start() throws IOException, InterruptedException {
        return start(jvmOptions);
    }

    /** {@link #start()} with these JVM options instead of the ones given to {@code prepare}. */
    long start(List<String> options) throws IOException, InterruptedException {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        port = freePort();
        List<String> command = java();
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", Integer.toString(port), "--db", dbUrl,
                // the CDS Hooks figure measures planning from prefetch; the EHR's JWT is not part of it
                "--cds-unverified"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/health")).timeout(Duration.ofSeconds(5)).build();
        long t0 = System.nanoTime();
        process = builder.start();
        long limit = t0 + FIRST_START_LIMIT.toNanos();
        while (System.nanoTime() < limit) {
            try {
                if (health.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime() - t0;
                }
            } catch (ConnectException notYet) {
                // not listening yet
            } catch (IOException e) {
                // listening but not answering yet
            }
            if (!process.isAlive()) {
                throw new IOException("the server stopped (exit " + process.exitValue() + "): " + log());
            }
            Thread.sleep(2);
        }
        stop();
        throw new IOException("no healthy /health within " + FIRST_START_LIMIT + ": " + log());
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops the server as Ctrl-C would (SIGTERM), forcibly after 30 s. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** The server's output so far (its last 4,000 characters). */
    String log() {
        try {
            String s = Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
