package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void serveStartsTheServerOnAFreePortAndStopsWhenInterrupted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        String db = "jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath();
        Thread serving = new Thread(() -> code.set(Main.run(new String[] {"serve", "--port", "0", "--db", db},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))));
        serving.start();

        Pattern ready = Pattern.compile("ready at (http://localhost:\\d+/)");
        Matcher url = ready.matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!url.reset(out.toString(StandardCharsets.UTF_8)).find()) {
            assertThat(System.nanoTime()).as("the server said it is ready; stderr: " + err).isLessThan(deadline);
            assertThat(serving.isAlive()).as("serve is running; stderr: " + err).isTrue();
            Thread.sleep(50);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("one-time password:").contains("API token:         cvp_");

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.group(1) + "health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

        serving.interrupt();
        serving.join(Duration.ofSeconds(20).toMillis());
        assertThat(serving.isAlive()).isFalse();
        assertThat(code.get()).as("stderr: " + err).isEqualTo(Exit.OK);
    }
}
