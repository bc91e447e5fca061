package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} tells a monitor whether the server can reach its registry, not only whether it runs. */
class HealthTest {

    @Test
    void health_is_up_while_the_registry_answers_and_down_with_503_once_it_no_longer_does(@TempDir Path dir)
            throws Exception {
        try (TestServer server = new TestServer(dir, 1)) {
            HttpResponse<String> up = server.get("/health", null);
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");

            server.registry.close();
            HttpResponse<String> down = server.get("/health", null);
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"detail\":\"the registry database is not available\"}");
        }
    }
}
