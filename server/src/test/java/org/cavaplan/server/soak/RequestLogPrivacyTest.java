package org.cavaplan.server.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log names the route, not the case: a case id in the path never reaches the log (issue 8, privacy). */
class RequestLogPrivacyTest {

    @Test
    void a_case_id_in_the_path_is_logged_as_the_routes_template(@TempDir Path dir) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Registry registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), Clock.systemUTC())) {
            FirstStart.prepare(registry, 3, 5L).orElseThrow();
            String token = registry.addUser(Actor.localOperator("test", "test"), "reader", Role.CLINICIAN).token();
            String id = registry.search(Actor.localOperator("test", "test"),
                    org.cavaplan.registry.CaseQuery.all().withLimit(1)).cases().get(0).caseId();
            try (CavaPlanServer.Running server = CavaPlanServer.create(registry, Clock.systemUTC(),
                    new CavaPlanServer.Options(1_000_000L, log::add)).start(0)) {
                HttpClient http = HttpClient.newHttpClient();
                for (String path : List.of("/api/v1/cases/" + id, "/api/v1/cases/" + id + "/history",
                        "/api/v1/cases/NO-SUCH-MRN-77/plan")) {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
                }
            }
            assertThat(log).anySatisfy(l -> assertThat(l).matches("GET /api/v1/cases/\\{id} 200 \\d+ ms reader"))
                    .anySatisfy(l -> assertThat(l).matches("GET /api/v1/cases/\\{id}/history 200 \\d+ ms reader"))
                    .anySatisfy(l -> assertThat(l).matches("GET /api/v1/cases/\\{id}/plan 404 \\d+ ms reader"))
                    .noneSatisfy(l -> assertThat(l).contains(id))
                    .noneSatisfy(l -> assertThat(l).contains("NO-SUCH-MRN-77"));
        }
    }
}
