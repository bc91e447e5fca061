package org.cavaplan.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.registry.SaveResult;
import org.cavaplan.registry.WebSession;
import org.cavaplan.server.Analytics;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;
import org.cavaplan.server.web.WebPages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, privacy: a RESEARCHER never receives identified data, through any route, export or page.
 *
 * <p>A real server over a real H2 registry holds the demo cohort and one case whose identifying
 * values are planted markers: its case id (the record number), every calendar date (imaging, end of
 * radiotherapy and chemotherapy, operation, follow-up, last contact), the only free text (the
 * chemotherapy regimen) and an age over 89. The researcher then calls every route of
 * {@link CavaPlanServer#ROUTES}, {@link CavaPlanServer#PAGE_ROUTES} and {@link CavaPlanServer#CDS_ROUTES}
 * (the tables themselves, so a new route is scanned without a change here), once with an API token
 * and once with a signed-in session, with path parameters filled with the marker case's real id and
 * versions, and with the query variants that matter (every export format, de-identified or not; every
 * analysis factor and covariate). No answer's body (a PDF's text included) or headers may hold a
 * marker, whatever its status. The positive control runs the same scan on what a clinician sees.
 */
class ResearcherSeesNoIdentifiedDataTest {

    /** The record number: a case id no synthetic case can have. */
    static final String CASE_ID = "MRN-4471-ZQXW-PRIVATE";
    /** The only free text of a case. */
    static final String REGIMEN = "doxorubicin per Dr Quillfeather ZQXW";
    static final int AGE = 93;
    /** Every calendar date of the marker case; the synthetic cohort starts in 2005. */
    static final List<LocalDate> DATES = List.of("2002-11-04", "2002-11-19", "2003-01-24", "2003-01-31",
            "2003-02-21", "2003-03-17", "2004-03-09", "2004-06-22", "2004-08-30").stream().map(LocalDate::parse)
            .toList();
    static final String OPERATION_DATE = "2003-03-17";
    /** The date of the visit that only version 1 records. */
    static final String FIRST_VERSION_ONLY = "2004-06-22";
    /** An id no case has, to compare answers with. */
    static final String UNKNOWN_ID = "MRN-0000-NONE-UNKNOWN";

    static final String RESEARCHER = "privacy.researcher";
    static final String CLINICIAN = "privacy.clinician";
    static final String PASSWORD = "a long privacy test passphrase";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;

    static Registry registry;
    static CavaPlanServer.Running running;
    static String researcherToken;
    static String clinicianToken;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), CLOCK);
        FirstStart.prepare(registry, 30, 11L).orElseThrow();
        Actor operator = Actor.localOperator("test", "test");
        researcherToken = registry.addUser(operator, RESEARCHER, Role.RESEARCHER).token();
        // the researcher's own password (one an administrator set would have to be changed first)
        registry.setPassword(((org.cavaplan.registry.Authentication.Authenticated) registry.authenticate(researcherToken,
                "test")).actor(), RESEARCHER, PASSWORD.toCharArray());
        clinicianToken = registry.addUser(operator, CLINICIAN, Role.CLINICIAN).token();
        assertThat(registry.save(operator, markerCase("2004-06-22", "PATENT"), "first entry"))
                .isInstanceOf(SaveResult.Created.class);
        assertThat(registry.save(operator, markerCase("2004-08-30", "PARTIAL_THROMBOSIS"), "a later visit"))
                .isInstanceOf(SaveResult.Updated.class);
        // a signed board decision on the marker case, so that the meeting routes and the override counts hold it
        org.cavaplan.core.meeting.Meeting meeting = registry.createMeeting(operator, new org.cavaplan.core.meeting.NewMeeting(
                LocalDate.parse("2003-02-25"), "Sarcoma board", CLINICIAN, List.of(new org.cavaplan.core.meeting.Attendee(
                        "Dr Quillfeather", org.cavaplan.core.meeting.Discipline.MEDICAL_ONCOLOGY))));
        registry.addToAgenda(operator, meeting.id(), CASE_ID, "Resectable after " + REGIMEN + "?", "Dr Quillfeather");
        registry.saveDecision(operator, meeting.id(), CASE_ID, new org.cavaplan.core.meeting.Decision("Resect on "
                + OPERATION_DATE + ".", List.of(new org.cavaplan.core.meeting.DecisionItem("intent.curative-resection",
                org.cavaplan.core.meeting.Verdict.ACCEPT, java.util.Optional.empty(), java.util.Optional.empty())),
                List.of("Dr Quillfeather"), List.of(), List.of(new org.cavaplan.core.meeting.ActionItem("Book " + CASE_ID,
                        "Dr Quillfeather", LocalDate.parse(OPERATION_DATE))), java.util.Optional.empty()));
        registry.signDecision(operator, meeting.id(), CASE_ID);
        running = CavaPlanServer.create(registry, CLOCK, new CavaPlanServer.Options(1_000_000L, line -> { }))
                .start(0);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.stop();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** The marker case; version 2 records a later visit (so that {@code {n}} has two real values). */
    static String markerCase(String lastVisit, String conduit) {
        return """
                {"schemaVersion": "1", "caseId": "%s",
                 "patient": {"ageYears": %d, "sex": "FEMALE", "ecog": 1},
                 "presentation": {"incidental": false, "symptoms": ["BACK_PAIN"]},
                 "histology": {"diagnosis": "LEIOMYOSARCOMA", "source": "CORE_NEEDLE_BIOPSY", "fnclccGrade": 2},
                 "imaging": [
                   {"date": "2002-11-04", "modality": "MRI", "tumorDiametersCm": [6.1]},
                   {"date": "2002-11-19", "modality": "CT", "chestIncluded": true, "tumorDiametersCm": [6.3, 5.2, 5.0],
                    "ivcInvolvement": "WALL", "cranialExtent": "INFRARENAL", "caudalExtent": "INFRARENAL",
                    "distantMetastases": []},
                   {"date": "2003-02-21", "modality": "CT", "chestIncluded": true, "tumorDiametersCm": [5.9, 5.0, 4.8],
                    "ivcInvolvement": "WALL", "cranialExtent": "INFRARENAL", "caudalExtent": "INFRARENAL",
                    "distantMetastases": []}
                 ],
                 "neoadjuvant": {"radiotherapy": {"totalDoseGy": 50.4, "fractions": 28, "endDate": "2003-01-24"},
                                 "chemotherapy": {"regimen": "%s", "cycles": 3, "endDate": "2003-01-31"}},
                 "operation": {"date": "%s", "circumferenceResectedPct": 100,
                               "ivcManagement": "INTERPOSITION_GRAFT", "conduit": "RINGED_PTFE"},
                 "pathology": {"margin": "R0", "closestMarginMm": 2},
                 "followUp": [
                   {"date": "2004-03-09", "conduit": "PATENT", "localRecurrence": false, "distantMetastases": []},
                   {"date": "%s", "conduit": "%s", "localRecurrence": false, "distantMetastases": []}
                 ],
                 "outcome": {"vitalStatus": "ALIVE", "lastContactDate": "%s"}}
                """.formatted(CASE_ID, AGE, REGIMEN, OPERATION_DATE, lastVisit, conduit, lastVisit);
    }

    // ---- the markers ------------------------------------------------------------------------

    /** Each identifying value, as every spelling a response could carry it in. */
    static Map<String, Pattern> markers() {
        Map<String, Pattern> markers = new java.util.LinkedHashMap<>();
        markers.put("case id", Pattern.compile(Pattern.quote(CASE_ID), Pattern.CASE_INSENSITIVE));
        markers.put("regimen", Pattern.compile(Pattern.quote("Quillfeather"), Pattern.CASE_INSENSITIVE));
        markers.put("age " + AGE, Pattern.compile("ageYears\"?\\s*[:=]\\s*\"?" + AGE + "\\b"));
        List<DateTimeFormatter> spellings = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
                DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH),
                DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH),
                DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH),
                DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH),
                DateTimeFormatter.ofPattern("MM/dd/uuuu"), DateTimeFormatter.ofPattern("dd/MM/uuuu"),
                DateTimeFormatter.ofPattern("dd.MM.uuuu"), DateTimeFormatter.BASIC_ISO_DATE);
        for (LocalDate date : DATES) {
            String alternatives = spellings.stream().map(f -> Pattern.quote(date.format(f)))
                    .collect(Collectors.joining("|"));
            markers.put("date " + date, Pattern.compile(alternatives, Pattern.CASE_INSENSITIVE));
        }
        return markers;
    }

    /**
     * The markers found in an answer to a researcher that the request did not carry itself: a case id
     * or date the researcher sent (in the path, query or body) and sees again, in a redirect's
     * {@code next} or an error about the request, tells them nothing they did not know. Whether such
     * an answer reveals that the case exists is checked apart, against an unknown id.
     */
    static Set<String> leakedBy(Call call, HttpResponse<byte[]> response) {
        String sent = call.path() + "\n" + (call.body() == null ? "" : call.body());
        Set<String> found = new TreeSet<>(markersIn(response));
        markers().forEach((name, pattern) -> {
            if (pattern.matcher(sent).find() || pattern.matcher(java.net.URLDecoder.decode(sent.replace("+", "%2B"),
                    StandardCharsets.UTF_8)).find()) {
                found.remove(name);
            }
        });
        return found;
    }

    /** The markers found in an answer: every header, its body (a PDF's text too). */
    static Set<String> markersIn(HttpResponse<byte[]> response) {
        StringBuilder text = new StringBuilder();
        response.headers().map().forEach((name, values) -> values.forEach(v -> text.append(name).append(": ")
                .append(v).append('\n')));
        byte[] body = response.body();
        text.append(new String(body, StandardCharsets.UTF_8)).append('\n');
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/pdf") || body.length > 4 && new String(body, 0, 5, StandardCharsets.US_ASCII)
                .equals("%PDF-")) {
            text.append(pdfText(body));
        }
        Set<String> found = new TreeSet<>();
        markers().forEach((name, pattern) -> {
            if (pattern.matcher(text).find()) {
                found.add(name);
            }
        });
        if (type.startsWith("text/csv")) {
            found.addAll(csvAgesOver89(new String(body, StandardCharsets.UTF_8)));
        }
        return found;
    }

    /** A CSV's {@code age} column above 89 (the de-identified CSV says 90 for every older patient). */
    static Set<String> csvAgesOver89(String csv) {
        List<String> lines = csv.lines().toList();
        if (lines.isEmpty()) {
            return Set.of();
        }
        int column = List.of(lines.get(0).split(",", -1)).indexOf("age");
        Set<String> found = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (column >= 0 && column < cells.length && cells[column].matches("\\d+")
                    && Integer.parseInt(cells[column]) > 90) {
                found.add("age " + cells[column] + " in a CSV");
            }
        }
        return found;
    }

    static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            return "";
        }
    }

    // ---- the calls ----------------------------------------------------------------------------

    /** How the researcher proves who they are. */
    enum Credential { API_TOKEN, SIGNED_IN_SESSION }

    /** One request: the route it exercises, the path with parameters and query, and a body (JSON or form). */
    record Call(CavaPlanServer.Route route, String path, String body, String contentType) {
        String name() {
            return route.method() + " " + path;
        }
    }

    /** Real values for every path parameter the routes use; a route with another parameter fails the scan. */
    static List<String> values(String parameter) {
        return switch (parameter) {
            case "id" -> List.of(CASE_ID, "1");
            case "caseId" -> List.of(CASE_ID);
            case "n" -> List.of("1", "2");
            case "file" -> List.of("cavaplan.css", "cavaplan.js");
            default -> throw new AssertionError("no real value for the path parameter {" + parameter
                    + "}: add one to ResearcherSeesNoIdentifiedDataTest.values");
        };
    }

    /** The query strings worth trying on a route (always the bare route too). */
    static List<String> queries(String path) {
        List<String> queries = new ArrayList<>();
        queries.add("");
        switch (path) {
            case "/api/v1/export" -> {
                for (String format : List.of("", "ndjson", "csv")) {
                    for (String deidentify : List.of("", "true", "false")) {
                        queries.add("?format=" + format + "&deidentify=" + deidentify);
                    }
                }
            }
            case "/api/v1/analytics/km" -> Analytics.FACTORS.keySet().forEach(factor -> {
                queries.add("?factor=" + factor);
                queries.add("?factor=" + factor + "&format=svg");
                queries.add("?factor=" + factor + "&includeSynthetic=true&rmst=24");
            });
            case "/api/v1/analytics/cif" -> Analytics.EVENTS.keySet().forEach(event -> {
                queries.add("?event=" + event + "&includeSynthetic=true");
                Analytics.FACTORS.keySet().forEach(factor -> queries.add("?event=" + event + "&factor=" + factor
                        + "&includeSynthetic=true"));
            });
            case "/api/v1/analytics/cox" -> {
                Analytics.COVARIATES.forEach(c -> queries.add("?covariates=" + c));
                queries.add("?covariates=" + String.join(",", Analytics.COVARIATES));
            }
            case "/outcomes" -> Analytics.FACTORS.keySet().forEach(factor -> {
                queries.add("?factor=" + factor
                        + Analytics.COVARIATES.stream().map(c -> "&covariates=" + c).collect(Collectors.joining()));
                queries.add("?factor=" + factor + "&includeSynthetic=true");
            });
            case "/api/v1/cases", "/cases" -> {
                queries.add("?q=" + CASE_ID);
                queries.add("?limit=100");
            }
            case "/api/v1/cases/{id}/plan", "/cases/{id}" -> queries.add("?asOf=2004-08-30");
            case "/cases/{id}/history" -> queries.add("?left=1&right=2");
            case "/admin/audit" -> queries.add("?target=" + CASE_ID);
            default -> { }
        }
        return queries;
    }

    /** A body that asks for something without carrying a marker itself. */
    static String body(CavaPlanServer.Route route, boolean page) {
        if (route.method().equals("GET")) {
            return null;
        }
        if (page) {
            return switch (route.path()) {
                case "/login" -> form(Map.of("username", RESEARCHER, "password", PASSWORD, "next", "/cases/" + CASE_ID));
                case "/account/password" -> form(Map.of("current", PASSWORD, "new", "another long passphrase",
                        "repeat", "not the same passphrase"));
                case "/cases", "/cases/{id}" -> form(Map.of("/caseId", "researcher-probe", "/patient/ageYears", "50"));
                default -> form(Map.of());
            };
        }
        if (route.path().equals(CavaPlanServer.CDS_ROUTES.get(1).path())) {
            return """
                    {"hook": "patient-view", "hookInstance": "5c2c8a38-3a1e-4b60-a7cc-2d54a1a8e0a1",
                     "context": {"userId": "Practitioner/1", "patientId": "%s"}}""".formatted(CASE_ID);
        }
        if (route.path().equals(CavaPlanServer.CDS_ROUTES.get(2).path())) {
            return """
                    {"feedback": [{"card": "9c3f1e3e-2a55-4d2e-9f7e-0a1b2c3d4e5f", "outcome": "accepted",
                     "outcomeTimestamp": "2026-01-15T10:00:00Z", "acceptedSuggestions": []}]}""";
        }
        return seedCase();
    }

    static String seedCase() {
        try {
            return Files.readString(Path.of("..", "examples", "seed-case.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Every route of the three tables, each path parameter filled with every real value, with its query variants. */
    static List<Call> calls() {
        Set<CavaPlanServer.Route> pages = new LinkedHashSet<>(CavaPlanServer.PAGE_ROUTES);
        List<CavaPlanServer.Route> routes = new ArrayList<>(CavaPlanServer.ROUTES);
        routes.addAll(CavaPlanServer.PAGE_ROUTES);
        routes.addAll(CavaPlanServer.CDS_ROUTES);
        List<Call> calls = new ArrayList<>();
        for (CavaPlanServer.Route route : routes) {
            boolean page = pages.contains(route);
            String body = body(route, page);
            String type = body == null ? null : page ? "application/x-www-form-urlencoded" : "application/json";
            for (String path : fill(route.path())) {
                for (String query : queries(route.path())) {
                    calls.add(new Call(route, path + query, body, type));
                }
            }
        }
        return calls;
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    static List<String> fill(String path) {
        Matcher m = PARAMETER.matcher(path);
        if (!m.find()) {
            return List.of(path);
        }
        List<String> filled = new ArrayList<>();
        for (String value : values(m.group(1))) {
            filled.addAll(fill(path.substring(0, m.start()) + value + path.substring(m.end())));
        }
        return filled;
    }

    static HttpResponse<byte[]> send(Call call, Credential credential, String apiToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.port() + call.path()))
                .timeout(Duration.ofSeconds(60));
        String body = call.body();
        switch (credential) {
            case API_TOKEN -> b.header("Authorization", "Bearer " + apiToken);
            case SIGNED_IN_SESSION -> {
                WebSession session = session(apiToken);
                b.header("Cookie", WebPages.SESSION_COOKIE + "=" + session.token());
                if (body != null && "application/x-www-form-urlencoded".equals(call.contentType())) {
                    body = body + (body.isEmpty() ? "" : "&") + WebPages.CSRF_FIELD + "="
                            + URLEncoder.encode(session.csrfToken(), StandardCharsets.UTF_8);
                }
            }
        }
        if (body != null) {
            b.header("Content-Type", call.contentType());
        }
        b.method(call.route().method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh web session for the user of {@code apiToken} (each call gets its own: one of them signs out). */
    static WebSession session(String apiToken) {
        Authentication auth = registry.authenticate(apiToken, "test");
        Actor actor = ((Authentication.Authenticated) auth).actor();
        return registry.openSession(actor, WebPages.SESSION_IDLE, WebPages.SESSION_ABSOLUTE);
    }

    // ---- the tests ------------------------------------------------------------------------------

    @Test
    void a_researcher_finds_no_identifying_value_in_any_answer_of_any_route() {
        List<String> leaks = new ArrayList<>();
        int answered = 0;
        for (Call call : calls()) {
            for (Credential credential : Credential.values()) {
                HttpResponse<byte[]> response = send(call, credential, researcherToken);
                answered++;
                Set<String> found = leakedBy(call, response);
                if (!found.isEmpty()) {
                    leaks.add(call.name() + " with " + credential + " answered " + response.statusCode() + " holding "
                            + found);
                }
                if (call.path().contains(CASE_ID)) {
                    Call unknown = new Call(call.route(), call.path().replace(CASE_ID, UNKNOWN_ID), call.body(),
                            call.contentType());
                    int other = send(unknown, credential, researcherToken).statusCode();
                    if (other != response.statusCode()) {
                        leaks.add(call.name() + " with " + credential + " answered " + response.statusCode()
                                + " but " + other + " for an unknown id: the case's existence shows");
                    }
                }
            }
        }
        assertThat(answered).isGreaterThan(2 * (CavaPlanServer.ROUTES.size() + CavaPlanServer.PAGE_ROUTES.size()
                + CavaPlanServer.CDS_ROUTES.size()));
        assertThat(leaks).as("answers to a researcher that hold identifying values").isEmpty();
    }

    @Test
    void the_scan_requests_every_route_of_every_table_with_its_parameters_filled() {
        Set<CavaPlanServer.Route> requested = calls().stream().map(Call::route).collect(Collectors.toSet());
        assertThat(requested).containsAll(CavaPlanServer.ROUTES).containsAll(CavaPlanServer.PAGE_ROUTES)
                .containsAll(CavaPlanServer.CDS_ROUTES);
        assertThat(calls()).extracting(Call::path).noneMatch(p -> p.contains("{"));
        assertThat(calls()).extracting(Call::path).contains("/api/v1/export?format=csv&deidentify=true",
                "/api/v1/export?format=ndjson&deidentify=false", "/api/v1/cases/" + CASE_ID + "/versions/2",
                "/cases/" + CASE_ID + "/report.pdf", "/api/v1/meetings/1/minutes.pdf",
                "/api/v1/meetings/1/agenda/" + CASE_ID + "/minutes.pdf", "/meetings/1/minutes.pdf");
    }

    @Test
    void a_researcher_does_receive_the_marker_case_de_identified_in_every_export_format() {
        for (String format : List.of("ndjson", "csv")) {
            Call call = new Call(CavaPlanServer.ROUTES.stream().filter(r -> r.path().equals("/api/v1/export"))
                    .findFirst().orElseThrow(), "/api/v1/export?deidentify=true&format=" + format, null, null);
            HttpResponse<byte[]> response = send(call, Credential.API_TOKEN, researcherToken);
            String text = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(response.statusCode()).as(text).isEqualTo(200);
            assertThat(text.lines().filter(l -> !l.isBlank()).count()).isEqualTo(format.equals("csv") ? 32 : 31);
            assertThat(markersIn(response)).isEmpty();
            if (format.equals("ndjson")) {
                assertThat(text).contains("\"ageOver89\":true", "\"dayZero\":\"OPERATION\"", "\"lastContactDay\":532");
            }
        }
    }

    @Test
    void a_clinician_sees_the_planted_markers_so_the_scan_is_not_blind() {
        CavaPlanServer.Route page = CavaPlanServer.PAGE_ROUTES.stream().filter(r -> r.path().equals("/cases/{id}"))
                .findFirst().orElseThrow();
        HttpResponse<byte[]> plan = send(new Call(page, "/cases/" + CASE_ID, null, null), Credential.SIGNED_IN_SESSION,
                clinicianToken);
        assertThat(plan.statusCode()).isEqualTo(200);
        assertThat(markersIn(plan)).contains("case id", "regimen", "date " + OPERATION_DATE);

        CavaPlanServer.Route report = CavaPlanServer.ROUTES.stream()
                .filter(r -> r.path().equals("/api/v1/cases/{id}/report.pdf")).findFirst().orElseThrow();
        HttpResponse<byte[]> pdf = send(new Call(report, "/api/v1/cases/" + CASE_ID + "/report.pdf", null, null),
                Credential.API_TOKEN, clinicianToken);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(markersIn(pdf)).contains("case id", "date " + OPERATION_DATE);

        for (String path : List.of("/api/v1/meetings/{id}/minutes.pdf", "/api/v1/meetings/{id}/agenda/{caseId}/minutes.pdf")) {
            CavaPlanServer.Route minutes = CavaPlanServer.ROUTES.stream().filter(r -> r.path().equals(path)).findFirst()
                    .orElseThrow();
            HttpResponse<byte[]> answer = send(new Call(minutes, path.replace("{id}", "1").replace("{caseId}", CASE_ID), null,
                    null), Credential.API_TOKEN, clinicianToken);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(markersIn(answer)).as(path).contains("case id", "regimen", "date " + OPERATION_DATE);
        }
        CavaPlanServer.Route minutesRoute = CavaPlanServer.PAGE_ROUTES.stream()
                .filter(r -> r.path().equals("/meetings/{id}/minutes.pdf")).findFirst().orElseThrow();
        HttpResponse<byte[]> minutesPage = send(new Call(minutesRoute, "/meetings/1/minutes.pdf", null, null), Credential.SIGNED_IN_SESSION,
                clinicianToken);
        assertThat(minutesPage.statusCode()).isEqualTo(200);
        assertThat(markersIn(minutesPage)).contains("case id", "regimen");

        CavaPlanServer.Route export = CavaPlanServer.ROUTES.stream().filter(r -> r.path().equals("/api/v1/export"))
                .findFirst().orElseThrow();
        HttpResponse<byte[]> ndjson = send(new Call(export, "/api/v1/export?format=ndjson", null, null),
                Credential.API_TOKEN, clinicianToken);
        Set<String> latest = new TreeSet<>(markers().keySet());
        latest.remove("date " + FIRST_VERSION_ONLY);
        assertThat(markersIn(ndjson)).containsAll(latest);
        HttpResponse<byte[]> first = send(new Call(page, "/cases/" + CASE_ID + "/versions/1", null, null),
                Credential.SIGNED_IN_SESSION, clinicianToken);
        assertThat(markersIn(first)).contains("date " + FIRST_VERSION_ONLY);
        HttpResponse<byte[]> csv = send(new Call(export, "/api/v1/export?format=csv", null, null),
                Credential.API_TOKEN, clinicianToken);
        assertThat(markersIn(csv)).contains("case id", "date " + OPERATION_DATE, "date 2004-08-30",
                "age " + AGE + " in a CSV");
    }
}
