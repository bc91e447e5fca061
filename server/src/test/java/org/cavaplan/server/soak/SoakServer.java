package org.cavaplan.server.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link SoakServerMain} in a child JVM, so that the load generator shares neither its heap nor its
 * garbage collector with the server and the heap figures are the server's alone. Its logging is the
 * product's ({@code src/main/resources/simplelogger.properties}: levels, format) except that it goes
 * to the file {@link #serverLog()}; its stdout and stderr go to {@link #stdout()} and
 * {@link #stderr()}. Together these three files hold every line the server wrote.
 */
final class SoakServer implements AutoCloseable {

    /** The server's heap limit: generous for 300 demo cases plus the soak's writes, small enough for a leak to show. */
    static final String MAX_HEAP = "-Xmx512m";

    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final Path dir;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    final int port;
    final Map<String, String> tokens;

    private SoakServer(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(MAX_HEAP);
        command.addAll(productLogging(serverLog()));
        command.add("-cp");
        command.add(snapshotClassPath(dir.resolve("classpath")));
        command.add(SoakServerMain.class.getName());
        command.add(dir.toString());
        process = new ProcessBuilder(command).redirectError(stderr().toFile()).start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader = new Thread(() -> copyReplies(process.getInputStream()), "soak-server-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = reply(START_LIMIT);
        if (!ready.startsWith("READY ")) {
            throw new IOException("the soak server did not start: " + ready + "\n" + tail(stderr()));
        }
        port = Integer.parseInt(ready.substring("READY ".length()).strip());
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("tokens"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        tokens = Map.of("admin", p.getProperty("admin"), "clinician", p.getProperty("clinician"), "researcher",
                p.getProperty("researcher"));
    }

    /** Starts the server over a new registry in {@code dir}; returns once it listens. */
    static SoakServer start(Path dir) throws IOException, InterruptedException {
        return new SoakServer(dir);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    Path serverLog() {
        return dir.resolve("server.log");
    }

    Path stdout() {
        return dir.resolve("stdout.log");
    }

    Path stderr() {
        return dir.resolve("stderr.log");
    }

    /** Every file the server wrote its lines to. */
    List<Path> logFiles() {
        return List.of(serverLog(), stdout(), stderr());
    }

    /** The server's used heap right after a full collection, and the CPU time its JVM has used so far. */
    record Sample(long heapBytes, long cpuNanos) {}

    /** Takes a {@link Sample}: a full collection in the server (a pause of some ms), then its figures. */
    Sample sample() throws IOException, InterruptedException {
        send("heap");
        String reply = reply(Duration.ofSeconds(60));
        String[] parts = reply.split(" ");
        if (parts.length != 3 || !parts[0].equals("HEAP")) {
            throw new IOException("unexpected answer to heap: " + reply);
        }
        return new Sample(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    /** Stops the server cleanly (registry closed) and waits for its JVM to end. */
    void stop() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        send("stop");
        String reply = reply(Duration.ofSeconds(60));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the soak server did not stop: " + reply);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void send(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
    }

    private String reply(Duration limit) throws InterruptedException, IOException {
        String line = replies.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new IOException("no answer from the soak server within " + limit + "\n" + tail(stderr()));
        }
        return line;
    }

    /** Keeps every stdout line in {@link #stdout()} and hands the protocol's lines to {@link #reply}. */
    private void copyReplies(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                Writer file = Files.newBufferedWriter(stdout(), StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                file.write(line + "\n");
                file.flush();
                if (line.startsWith("READY ") || line.startsWith("HEAP ") || line.equals("STOPPED")) {
                    replies.add(line);
                }
            }
        } catch (IOException e) {
            replies.add("stdout failed: " + e);
        }
        replies.add("EOF");
    }

    /** The product's slf4j-simple settings as system properties (which win over any properties file), into {@code file}. */
    private static List<String> productLogging(Path file) {
        Properties product = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src", "main", "resources", "simplelogger.properties"),
                StandardCharsets.UTF_8)) {
            product.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        product.setProperty("org.slf4j.simpleLogger.logFile", file.toAbsolutePath().toString());
        List<String> options = new ArrayList<>();
        for (String name : product.stringPropertyNames()) {
            options.add("-D" + name + "=" + product.getProperty(name));
        }
        return options;
    }

    /**
     * The test's class path with the project's own parts (class directories, CavaPlan jars) copied
     * into {@code into}: a rebuild of the module or an install of a module during the run must not
     * pull classes from under the running server, which loads them lazily.
     */
    private static String snapshotClassPath(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : classPath().split(java.io.File.pathSeparator)) {
            Path source = Path.of(entry);
            boolean own = Files.isDirectory(source) || entry.replace('\\', '/').contains("/org/cavaplan/");
            if (!own || !Files.exists(source)) {
                entries.add(entry);
                continue;
            }
            Path copy = into.resolve(n++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                try (java.util.stream.Stream<Path> files = Files.walk(source)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Path target = copy.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target);
                        }
                    }
                }
            } else {
                Files.createDirectories(into);
                Files.copy(source, copy);
            }
            entries.add(copy.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The test's class path: surefire names it in a property, a plain JVM in {@code java.class.path}. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }
}
