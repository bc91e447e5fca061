package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.io.Json;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.registry.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two editors of one case through the form: the second save is shown as a conflict, never saved over the first. */
class FormConflictTest {

    static final String SECOND = "dr.second";
    static final Actor OPERATOR = Actor.localOperator("test", "test");

    @TempDir
    static Path dir;

    static WebTestServer server;
    static WebTestServer.Client first;
    static WebTestServer.Client second;

    @BeforeAll
    static void start() {
        server = WebTestServer.h2(dir);
        // the user's own password: one an administrator set would have to be changed at the first sign-in
        WebTestServer.ownPassword(server.registry, server.registry.addUser(OPERATOR, SECOND, Role.CLINICIAN).token(),
                WebTestServer.PASSWORD);
        first = new WebTestServer.Client();
        second = new WebTestServer.Client();
        assertThat(first.signIn(server, WebTestServer.CLINICIAN, WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
        assertThat(second.signIn(server, SECOND, WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A stored case of its own for one test (version 1). */
    static String storedCase(String id) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(WebTestServer.seedCase());
        tree.put("caseId", id);
        server.registry.save(OPERATOR, tree.toString(), "entered for the test");
        return id;
    }

    /** The form as the edit page fills it, for {@code client}: the case's fields, the base version and the tokens. */
    static Map<String, List<String>> editForm(WebTestServer.Client client, String id) {
        HttpResponse<String> page = client.get(server.url("/cases/" + id + "/edit"));
        assertThat(page.statusCode()).isEqualTo(200);
        String json = server.registry.read(OPERATOR, id).orElseThrow().json();
        Map<String, List<String>> form = new LinkedHashMap<>(CaseForm.params(CaseForm.values(json)));
        form.put(CaseFormView.BASE, List.of(hidden(page.body(), CaseFormView.BASE)));
        form.put("_csrf", List.of(client.csrf()));
        return form;
    }

    static String hidden(String page, String name) {
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"" + name + "\" value=\"([^\"]*)\">").matcher(page);
        assertThat(m.find()).as("a hidden field " + name).isTrue();
        return m.group(1);
    }

    static String latest(String id) {
        return server.registry.read(OPERATOR, id).orElseThrow().json();
    }

    @Test
    void the_edit_form_names_the_version_it_was_opened_on() throws Exception {
        String id = storedCase("form-base");
        assertThat(editForm(first, id).get(CaseFormView.BASE)).containsExactly("1");
    }

    @Test
    void the_second_of_two_form_editors_sees_both_values_side_by_side_and_can_reapply_their_change() throws Exception {
        String id = storedCase("form-two-editors");
        Map<String, List<String>> mine = editForm(first, id);
        Map<String, List<String>> theirs = editForm(second, id);

        mine.put("/patient/ecog", List.of("2"));
        mine.put("_reason", List.of("ECOG from the clinic letter"));
        assertThat(first.post(server.url("/cases/" + id), mine).statusCode()).isEqualTo(303);

        theirs.put("/patient/ageYears", List.of("63"));
        theirs.put("_reason", List.of("age corrected"));
        HttpResponse<String> conflict = second.post(server.url("/cases/" + id), theirs);

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(server.registry.history(OPERATOR, id)).hasSize(2);
        assertThat(latest(id)).contains("\"ecog\":2").contains("\"ageYears\":62");
        String page = conflict.body();
        assertThat(page).contains("Nothing was saved: this case was changed while you edited it")
                .contains("You edited version 1. The latest is version 2, saved by <strong>" + WebTestServer.CLINICIAN
                        + "</strong> on 2026-01-15 10:00 UTC (reason: ECOG from the clinic letter)")
                .contains("2 fields differ between your form and version 2");
        assertThat(row(page, "/patient/ageYears")).contains("<td class=\"yours\">63 years</td><td class=\"current\">62 years</td>")
                .contains("Yours (you changed it)");
        assertThat(row(page, "/patient/ecog")).contains("<td class=\"yours\">not recorded</td><td class=\"current\">2</td>")
                .contains("Version 2&#39;s (you did not change it)");
        assertThat(page).doesNotContain("/patient/ecog</").doesNotContain("ECOG_");
        // the form again: version 2 with the second editor's change, based on version 2, the reason kept
        assertThat(hidden(page, CaseFormView.BASE)).isEqualTo("2");
        assertThat(page).containsPattern("name=\"/patient/ageYears\"[^>]*value=\"63\"")
                .containsPattern("name=\"/patient/ecog\"[^>]*value=\"2\"")
                .contains("value=\"age corrected\"");

        Map<String, List<String>> reapplied = new LinkedHashMap<>(CaseForm.params(CaseForm.values(latest(id))));
        reapplied.put("/patient/ageYears", List.of("63"));
        reapplied.put(CaseFormView.BASE, List.of(hidden(page, CaseFormView.BASE)));
        reapplied.put("_reason", List.of("age corrected"));
        reapplied.put("_csrf", List.of(second.csrf()));
        assertThat(second.post(server.url("/cases/" + id), reapplied).statusCode()).isEqualTo(303);
        List<CaseVersion> versions = server.registry.history(OPERATOR, id);
        assertThat(versions).extracting(CaseVersion::author).containsExactly("test", WebTestServer.CLINICIAN, SECOND);
        assertThat(latest(id)).contains("\"ecog\":2").contains("\"ageYears\":63");
    }

    @Test
    void a_field_both_editors_changed_is_marked_for_checking() throws Exception {
        String id = storedCase("form-same-field");
        Map<String, List<String>> mine = editForm(first, id);
        Map<String, List<String>> theirs = editForm(second, id);
        mine.put("/patient/ageYears", List.of("64"));
        assertThat(first.post(server.url("/cases/" + id), mine).statusCode()).isEqualTo(303);

        theirs.put("/patient/ageYears", List.of("63"));
        HttpResponse<String> conflict = second.post(server.url("/cases/" + id), theirs);

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("1 field differs between your form and version 2");
        assertThat(row(conflict.body(), "/patient/ageYears")).startsWith("<tr class=\"both-changed\">")
                .contains("Yours; " + WebTestServer.CLINICIAN + " changed it too: check it");
        assertThat(latest(id)).contains("\"ageYears\":64");
    }

    @Test
    void a_form_that_names_no_version_is_shown_as_a_conflict_and_not_saved() throws Exception {
        String id = storedCase("form-no-base");
        Map<String, List<String>> form = editForm(first, id);
        form.remove(CaseFormView.BASE);
        form.put("/patient/ageYears", List.of("70"));

        HttpResponse<String> answer = first.post(server.url("/cases/" + id), form);

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("Your form did not say which version it was opened on.");
        assertThat(hidden(answer.body(), CaseFormView.BASE)).isEqualTo("1");
        assertThat(server.registry.history(OPERATOR, id)).hasSize(1);
    }

    @Test
    void a_form_with_errors_keeps_its_base_version_so_that_a_later_save_is_still_checked() throws Exception {
        String id = storedCase("form-errors-base");
        Map<String, List<String>> form = editForm(first, id);
        form.put("/patient/ageYears", List.of("130"));

        HttpResponse<String> answer = first.post(server.url("/cases/" + id), form);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(hidden(answer.body(), CaseFormView.BASE)).isEqualTo("1");
    }

    /** The conflict table's row of a field, found by its label. */
    static String row(String page, String pointer) {
        String label = PageOutput.escaped(CaseForm.describe(pointer));
        Matcher m = Pattern.compile("<tr[^>]*><th scope=\"row\">" + Pattern.quote(label) + "</th>.*?</tr>").matcher(page);
        assertThat(m.find()).as("a row for " + label).isTrue();
        return m.group();
    }
}
