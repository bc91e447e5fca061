package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An import in a JVM of its own, to be killed: {@code main(jdbcUrl, file)} imports the file and
 * prints {@code read N} as it goes; {@link #killHalfway} starts it and kills it with SIGKILL.
 */
final class ImportInAnotherJvm {

    private ImportInAnotherJvm() {}

    public static void main(String[] args) throws IOException {
        try (Registry registry = Registry.open(args[0], Clock.systemUTC());
                BufferedReader in = Files.newBufferedReader(Path.of(args[1]))) {
            registry.importCases(Actor.localOperator("durability-test", "child-jvm"), in,
                    ImportOptions.because("import to be killed"), new ImportListener() {
                        @Override
                        public void rejected(int line, List<org.cavaplan.io.InputError> errors) {
                            System.out.println("rejected " + line);
                        }

                        @Override
                        public void progress(int lines, long charsRead) {
                            System.out.println("read " + lines);
                            System.out.flush();
                        }
                    });
        }
        System.out.println("done");
    }

    /**
     * Runs {@link #main} in a new JVM on this test's class path, kills it (SIGKILL) once it has read
     * {@code lines} lines, and returns the lines it had read by then.
     */
    static int killHalfway(String jdbcUrl, Path file, int lines) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ImportInAnotherJvm.class.getName(), jdbcUrl, file.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        int read = 0;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("read ")) {
                    read = Integer.parseInt(line.substring(5));
                    if (read >= lines) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(read).as("the child's output: %s", output).isGreaterThanOrEqualTo(lines);
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return read;
    }
}
