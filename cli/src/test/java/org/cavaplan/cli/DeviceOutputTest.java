package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An --output that is not a regular file (a named pipe here, standing in for {@code /dev/null} or a
 * terminal) is written into, never replaced by a file moved over it: as root, {@code plan-batch
 * --output /dev/null} had turned {@code /dev/null} into an ordinary file.
 */
class DeviceOutputTest {

    private static final String SEED = Path.of("..").toAbsolutePath().normalize().resolve("examples/seed-case.json").toString();

    @TempDir
    Path dir;

    private Path namedPipe() throws IOException, InterruptedException {
        Path pipe = dir.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available here: " + e.getMessage());
            throw e;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        return pipe;
    }

    /** Reads everything written to the pipe, on another thread (opening a pipe waits for its writer). */
    private static CompletableFuture<byte[]> drain(Path pipe) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(pipe)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void plan_batch_writes_into_a_named_pipe_and_leaves_it_a_pipe() throws Exception {
        Path pipe = namedPipe();
        Path in = dir.resolve("in.ndjson");
        Files.writeString(in, Files.readString(Path.of(SEED)).replaceAll("\\s*\\n\\s*", " ") + "\n", StandardCharsets.UTF_8);
        CompletableFuture<byte[]> read = drain(pipe);
        Run run = Run.of("plan-batch", "--input", in.toString(), "--output", pipe.toString());
        String written = new String(read.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(written).contains("\"caseId\":\"seed-case-report\"").endsWith("\n");
        assertThat(Files.exists(pipe)).isTrue();
        assertThat(Files.isRegularFile(pipe)).isFalse();
        assertThat(dir.resolve("pipe.partial")).doesNotExist();
    }

    @Test
    void report_writes_into_a_named_pipe_and_leaves_it_a_pipe() throws Exception {
        Path pipe = namedPipe();
        CompletableFuture<byte[]> read = drain(pipe);
        Run run = Run.of("report", SEED, "--output", pipe.toString());
        byte[] written = read.get(30, TimeUnit.SECONDS);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(new String(written, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(Files.isRegularFile(pipe)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pipe");
        }
    }
}
