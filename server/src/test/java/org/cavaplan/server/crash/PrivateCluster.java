package org.cavaplan.server.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory, a free port, trust
 * authentication for the role {@code postgres}), so that the test may stop and start it without
 * touching any other server on the machine. As root it runs the binaries as the {@code postgres}
 * user, since PostgreSQL refuses to run as root.
 */
final class PrivateCluster implements AutoCloseable {

    private static final String SKIP = "the PostgreSQL restart test needs PostgreSQL's server binaries (initdb, pg_ctl; "
            + "Debian: apt-get install postgresql)";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final List<String> runAs;
    private boolean running;

    private PrivateCluster(Path bin, Path dir, int port, List<String> runAs) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.runAs = runAs;
    }

    /**
     * Creates the cluster (not started). Where the binaries or, as root, the {@code postgres} user
     * are missing, the test is skipped, or fails when {@code CI=true}.
     */
    static PrivateCluster create() {
        Optional<Path> bin = binaries();
        require(bin.isPresent(), SKIP);
        boolean root = "root".equals(System.getProperty("user.name"));
        Optional<UserPrincipal> postgres = root ? postgresUser() : Optional.empty();
        require(!root || postgres.isPresent(), "the PostgreSQL restart test runs as root and needs a postgres user to run "
                + "PostgreSQL as (Debian's postgresql package creates it)");
        try {
            Path dir = Files.createTempDirectory("cavaplan-pg");
            if (postgres.isPresent()) {
                Files.setOwner(dir, postgres.get());
            }
            PrivateCluster cluster = new PrivateCluster(bin.get(), dir, freePort(),
                    root ? List.of("runuser", "-u", "postgres", "--") : List.of());
            try {
                cluster.run("initdb", "-D", cluster.data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
            } catch (RuntimeException e) {
                CrashDatabase.deleteTree(dir);
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason + "; CI=true needs this test");
        }
        Assumptions.abort(reason);
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} with initdb and pg_ctl, or the directory of pg_ctl on the PATH. */
    private static Optional<Path> binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(p -> !p.isBlank()).map(Path::of)
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl"))).findFirst();
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<UserPrincipal> postgresUser() {
        try {
            return Optional.of(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A JDBC URL of the cluster's {@code postgres} database. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Starts the server and returns once it accepts connections. */
    void start() {
        run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
        running = true;
    }

    /** Stops the server at once, as a crash would (no checkpoint; the next start recovers from the WAL). */
    void crash() {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        running = false;
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            if (running) {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            CrashDatabase.deleteTree(dir);
        }
    }
}
