package org.cavaplan.server.hostile;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cavaplan.io.Json;
import org.cavaplan.registry.Role;
import org.cavaplan.server.hostile.Probe.Expect;
import org.cavaplan.server.hostile.Probe.Family;
import org.cavaplan.server.hostile.Targets.Kind;
import org.cavaplan.server.hostile.Targets.Target;

/**
 * Hostile requests from a seeded random source: the same seed gives the same requests. Each family
 * aims at every route it applies to, in turn, with the credentials the route needs (so that the
 * attack reaches the code behind the guard) or, where said, with none or broken ones.
 */
final class ProbeGenerator {

    /** How many probes of each family make up the run: 10,000 in all. */
    static final Map<Family, Integer> PLAN = plan();

    private static final String CDS_REQUEST = "{\"hook\":\"patient-view\",\"hookInstance\":"
            + "\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"p-1\"},"
            + "\"prefetch\":{}}";
    private static final String CDS_FEEDBACK = "{\"feedback\":[{\"card\":\"9368d37b-283f-44a0-93ea-547cebab93ed\","
            + "\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"x\"},\"userComment\":\"y\"},"
            + "\"outcomeTimestamp\":\"2026-11-27T10:00:00Z\"}]}";
    private static final List<String> SQL = List.of("' OR '1'='1", "'; DROP TABLE case_version; --",
            "1 UNION SELECT name, token FROM users --", "%' AND 1=1 --", "\"; SELECT 1; --", "\\'", "`;`",
            "1;SHUTDOWN", "CALL SHUTDOWN()", "') OR ('a'='a", "1' ORDER BY 99 --", "%", "_", "%%", "*",
            "0x27", "char(39)", "$1", "?", "--", "/*", "*/", "'||(SELECT 1)||'", "admin'--", "1 OR 1=1",
            "SLEEP(5)", "' AND SLEEP(5) --", "\\x00", "'", "\"", ";", "[", "]", "{", "}");
    private static final List<String> CURSED = List.of("seed\u202Ecase", "seed\u200Dcase", "\uFF53\uFF45\uFF45\uFF44",
            "e\u0301", "\uD83E\uDDEC", "\u0130", "\u00DF", "\uFEFF", "\uFFFD", "\u2028", "\u0000", "\u001B[31m",
            "\u0085", "\u00A0", "a\u0300\u0301\u0302\u0303\u0304\u0305", "\u4E2D\u6587", "\u05D0\u05D1",
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67");
    private static final List<String> PARAMS = List.of("q", "level", "stage", "intent", "margin", "limit", "cursor");

    private final Random random;
    private final Map<Role, HostileServer.User> users;
    private final List<String> goodIds;
    private final String seedCase;
    private final Map<String, String> seedForm;
    private int loginBudget = 12;
    private int passwordBudget = 6;

    ProbeGenerator(long seed, Map<Role, HostileServer.User> users, List<String> goodIds, String seedCase,
            Map<String, String> seedForm) {
        this.random = new Random(seed);
        this.users = users;
        this.goodIds = List.copyOf(goodIds);
        this.seedCase = seedCase;
        this.seedForm = seedForm;
    }

    private static Map<Family, Integer> plan() {
        Map<Family, Integer> plan = new EnumMap<>(Family.class);
        plan.put(Family.BROKEN_JSON, 1400);
        plan.put(Family.DEEP_NESTING, 600);
        plan.put(Family.HUGE_BODIES, 300);
        plan.put(Family.WRONG_CONTENT_TYPE, 700);
        plan.put(Family.BROKEN_UTF8, 500);
        plan.put(Family.PATH_TRAVERSAL, 900);
        plan.put(Family.SQL_IN_FILTERS, 1300);
        plan.put(Family.INVALID_PAGING, 800);
        plan.put(Family.OVERSIZED_HEADERS, 300);
        plan.put(Family.BAD_METHODS, 700);
        plan.put(Family.UNICODE_ODDITIES, 800);
        plan.put(Family.MALFORMED_HTTP, 400);
        plan.put(Family.AUTH_MUTATIONS, 1300);
        return Collections.unmodifiableMap(plan);
    }

    /** Every probe of the plan, families interleaved in a seeded order. */
    List<Probe> all() {
        List<Probe> out = new ArrayList<>();
        for (Map.Entry<Family, Integer> e : PLAN.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                out.add(probe(e.getKey(), i));
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    private Probe probe(Family family, int i) {
        return switch (family) {
            case BROKEN_JSON -> brokenJson(cycle(Targets.where(Target::readsJson), i));
            case DEEP_NESTING -> deepNesting(cycle(Targets.where(Target::readsJson), i));
            case HUGE_BODIES -> hugeBody(cycle(Targets.where(Target::readsBody), i), i);
            case WRONG_CONTENT_TYPE -> wrongContentType(cycle(Targets.where(Target::readsBody), i));
            case BROKEN_UTF8 -> brokenUtf8(cycle(Targets.ALL, i));
            case PATH_TRAVERSAL -> traversal(i);
            case SQL_IN_FILTERS -> sqlInFilters(i);
            case INVALID_PAGING -> invalidPaging(i);
            case OVERSIZED_HEADERS -> oversizedHeaders(cycle(Targets.ALL, i), i);
            case BAD_METHODS -> badMethod(cycle(Targets.ALL, i), i);
            case UNICODE_ODDITIES -> unicode(cycle(Targets.ALL, i), i);
            case MALFORMED_HTTP -> malformed(i);
            case AUTH_MUTATIONS -> authMutation(cycle(Targets.ALL, i), i);
        };
    }

    // ---- families -----------------------------------------------------------------------------

    private Probe brokenJson(Target t) {
        String body = mutateJson(jsonBodyFor(t));
        return http(Family.BROKEN_JSON, t, t.method(), path(t), auth(t, Role.CLINICIAN), json(), bytes(body),
                Expect.anyBelow500());
    }

    private Probe deepNesting(Target t) {
        int depth = pick(List.of(Json.MAX_NESTING + 1, Json.MAX_NESTING + 2, 100, 500, 1000, 5000, 10_000));
        String deep = nested(depth);
        String body = switch (random.nextInt(4)) {
            case 0 -> deep;
            case 1 -> "{\"caseId\":\"deep\",\"tumor\":" + deep + "}";
            case 2 -> deep.substring(0, deep.indexOf('1')); // opened, never closed
            default -> t.kind() == Kind.CDS ? "{\"hook\":\"patient-view\",\"prefetch\":{\"patient\":" + deep + "}}"
                    : "{\"extra\":[" + deep + "]}";
        };
        Role role = random.nextBoolean() ? Role.CLINICIAN : Role.ADMIN;
        return http(Family.DEEP_NESTING, t, t.method(), path(t, missingId()), auth(t, role), json(), bytes(body),
                Expect.status(400).containing("nests deeper than " + Json.MAX_NESTING));
    }

    private Probe hugeBody(Target t, int i) {
        int size = (int) HostileServer.MAX_BODY + 1 + random.nextInt((int) HostileServer.MAX_BODY * 3);
        Role role = t.template().startsWith("/admin") ? Role.ADMIN : Role.CLINICIAN;
        List<String> headers = auth(t, role);
        StringBuilder body = new StringBuilder(size + 100);
        if (t.kind() == Kind.PAGE) {
            body.append(csrfField(t, role)).append("&pad=");
        } else {
            body.append("{\"caseId\":\"big\",\"pad\":\"");
        }
        while (body.length() < size) {
            body.append("ABCDEFGHIJKLMNOP");
        }
        String type = t.kind() == Kind.PAGE ? "application/x-www-form-urlencoded" : "application/json";
        if (i % 5 == 4) {
            // chunked, so that no length is declared: the server must count
            return raw(Family.HUGE_BODIES, t, chunked(t.method(), path(t, missingId()), headers, type,
                    bytes(body.toString())), Expect.status(413).orClose());
        }
        return http(Family.HUGE_BODIES, t, t.method(), path(t, missingId()), headers, List.of("Content-Type", type),
                bytes(body.toString()), Expect.status(413));
    }

    private Probe wrongContentType(Target t) {
        String type = pick(List.of("", "text/plain", "application/xml", "multipart/form-data; boundary=zz",
                "multipart/form-data", "multipart/form-data; boundary=", "application/x-www-form-urlencoded",
                "application/json; charset=utf-16", "application/json; charset=bogus-8", "*/*",
                "application/json, text/html", "text/html", "application/octet-stream", "image/png", ";;;;",
                "application/json;charset=", "x".repeat(2000), "application/x-www-form-urlencoded; charset=utf-16"));
        byte[] body;
        if (t.kind() == Kind.PAGE) {
            boolean jsonInstead = random.nextBoolean();
            body = jsonInstead ? bytes(seedCase) : bytes(formFor(t, Role.CLINICIAN));
            if (type.startsWith("multipart")) {
                body = bytes("--zz\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                        + users.get(Role.CLINICIAN).csrf() + "\r\n--zz\r\nContent-Disposition: form-data; name=\"x\"; "
                        + "filename=\"../../etc/passwd\"\r\n\r\n" + seedCase + (random.nextBoolean() ? "\r\n--zz--\r\n" : ""));
            }
        } else {
            body = bytes(random.nextBoolean() ? jsonBodyFor(t) : formFor(t, Role.CLINICIAN));
        }
        List<String> headers = new ArrayList<>(auth(t, Role.CLINICIAN));
        if (!type.isEmpty()) {
            headers.add("Content-Type");
            headers.add(type);
        }
        return http(Family.WRONG_CONTENT_TYPE, t, t.method(), path(t), headers, List.of(), body, Expect.anyBelow500());
    }

    private Probe brokenUtf8(Target t) {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC3}};
        byte[] b = bad[random.nextInt(bad.length)];
        if (t.readsBody()) {
            String text = t.kind() == Kind.PAGE ? formFor(t, Role.CLINICIAN) : jsonBodyFor(t);
            byte[] plain = bytes(text);
            int at = t.kind() == Kind.PAGE ? plain.length : Math.max(1, Math.min(plain.length - 1, 2 + random.nextInt(plain.length)));
            if (t.kind() != Kind.PAGE) {
                // inside the first string value, where a reader must decide what it is
                int quote = text.indexOf(":\"");
                at = quote > 0 ? quote + 2 : at;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(plain, 0, at);
            if (t.kind() == Kind.PAGE) {
                out.writeBytes(bytes("&/caseId="));
            }
            out.writeBytes(b);
            out.write(plain, at, plain.length - at);
            return http(Family.BROKEN_UTF8, t, t.method(), path(t), auth(t, Role.CLINICIAN),
                    List.of("Content-Type", contentTypeFor(t)), out.toByteArray(), Expect.anyBelow500());
        }
        String encoded = percent(b);
        String path = path(t, "seed" + encoded + "case", encoded, "cavaplan" + encoded + ".css") + "?q=" + encoded
                + "&asOf=2026-01-01" + encoded + "&factor=" + encoded + "&limit=" + encoded;
        if (random.nextInt(4) == 0) {
            // the same bytes raw in the request line, where no client library would put them
            return raw(Family.BROKEN_UTF8, t, request(t.method(), path(t).replace("seed-case-report", "seed")
                    + "?q=", b, auth(t, Role.CLINICIAN)), Expect.anyBelow500().orClose());
        }
        return http(Family.BROKEN_UTF8, t, t.method(), path, auth(t, Role.CLINICIAN), List.of(), null,
                Expect.anyBelow500());
    }

    private Probe traversal(int i) {
        List<String> staticNames = List.of("..%2f..%2fetc%2fpasswd", "%2e%2e%2fopenapi.json", "%2e%2e",
                "..%5c..%5cwindows%5cwin.ini", "%252e%252e%252fopenapi.json", "cavaplan.css%00.png",
                ".%2e%2fplan.js", "....%2f%2f....%2f%2fetc%2fpasswd", "%c0%ae%c0%ae%2fopenapi.json",
                "..%c0%af..%c0%afopenapi.json", "%2e", ".", "..", "CAVAPLAN.CSS", "cavaplan.css%20", "plan.js%3f",
                "plan.js;.css", "plan.js%3b.css", ".hidden.css", "..%252f..%252f", "%u002e%u002e%u2215openapi.json",
                "cavaplan.css%2f..%2f..%2fopenapi.json", "x".repeat(300) + ".css");
        List<String> rawPaths = List.of("/static/../../org/cavaplan/server/openapi.json", "/static/../api/v1/export",
                "/static/./../cases", "/static//..//..//etc/passwd", "/static/..\\..\\openapi.json",
                "/api/v1/cases/../../../health", "/api/v1/cases/%2e%2e/%2e%2e/export", "/cases/..;/admin/audit",
                "/static/..;/..;/admin/audit", "/api/v1/cases/seed-case-report/versions/..%2f1",
                "/api/v1/cases/..%2f..%2fexport/history", "/cases/%2e%2e%2fadmin%2faudit",
                "/cases/seed-case-report%2fedit", "/api/v1/cases/%2fetc%2fpasswd/plan",
                "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/../../../../etc/passwd", "//static//cavaplan.css",
                "/static/%2e%2e/%2e%2e/WEB-INF/web.xml", "/cds-services/../api/v1/export",
                "/cds-services/%2e%2e%2fapi%2fv1%2fexport");
        Role role = i % 3 == 0 ? Role.ADMIN : Role.CLINICIAN;
        HostileServer.User user = users.get(role);
        List<String> headers = switch (i % 3) {
            case 0 -> List.of("Authorization", "Bearer " + user.token());
            case 1 -> List.of("Cookie", "cavaplan_session=" + user.cookie());
            default -> List.of();
        };
        Target target;
        String path;
        if (i % 2 == 0) {
            target = target("GET", "/static/{file}");
            path = "/static/" + staticNames.get((i / 2) % staticNames.size());
        } else {
            path = rawPaths.get((i / 2) % rawPaths.size());
            target = path.startsWith("/static") ? target("GET", "/static/{file}")
                    : path.startsWith("/api") ? target("GET", "/api/v1/cases/{id}")
                    : path.startsWith("/cds") ? target("GET", "/cds-services") : target("GET", "/cases/{id}");
            if (i % 4 == 1) {
                // literally, dots and all, the way a hand-written client sends them
                return raw(Family.PATH_TRAVERSAL, target, request("GET", path, new byte[0], headers),
                        traversalExpect().orClose());
            }
        }
        return http(Family.PATH_TRAVERSAL, target, "GET", path, headers, List.of(), null, traversalExpect());
    }

    private static Expect traversalExpect() {
        return Expect.status(200, 303, 304, 400, 401, 403, 404, 405);
    }

    private Probe sqlInFilters(int i) {
        String value = random.nextInt(8) == 0 ? huge() : pick(SQL);
        String encoded = encode(value);
        Role role = i % 4 == 0 ? Role.ADMIN : Role.CLINICIAN;
        switch (i % 8) {
            case 0, 1 -> {
                String param = pick(PARAMS);
                String path = "/api/v1/cases?" + param + "=" + encoded + (random.nextBoolean() ? "&limit=5" : "");
                Expect expect = Expect.anyBelow500();
                if (!param.equals("q") && !param.equals("cursor")) {
                    expect = value.length() > 6000 ? Expect.status(400, 414, 431).pointing("/" + param)
                            : Expect.status(400).pointing("/" + param);
                }
                return http(Family.SQL_IN_FILTERS, target("GET", "/api/v1/cases"), "GET", path,
                        token(role), List.of(), null, expect);
            }
            case 2, 3 -> {
                String param = pick(PARAMS);
                return http(Family.SQL_IN_FILTERS, target("GET", "/cases"), "GET", "/cases?" + param + "=" + encoded
                        + "&back=" + encoded, cookie(role), List.of(), null, Expect.anyBelow500());
            }
            case 4 -> {
                return http(Family.SQL_IN_FILTERS, target("GET", "/admin/audit"), "GET", "/admin/audit?target="
                        + encoded + "&limit=" + encode(pick(SQL)), cookie(Role.ADMIN), List.of(), null,
                        Expect.anyBelow500());
            }
            case 5 -> {
                String param = pick(List.of("factor", "format", "level", "stage", "from", "to", "q"));
                return http(Family.SQL_IN_FILTERS, target("GET", "/outcomes"), "GET", "/outcomes?" + param + "="
                        + encoded, cookie(Role.RESEARCHER), List.of(), null, Expect.anyBelow500());
            }
            case 6 -> {
                String which = pick(List.of("km?factor=", "km?factor=margin&format=", "cox?covariates="));
                String param = which.contains("format") ? "/format" : which.startsWith("km") ? "/factor" : "/covariates";
                return http(Family.SQL_IN_FILTERS, target("GET", "/api/v1/analytics/" + which.substring(0, which.indexOf('?'))),
                        "GET", "/api/v1/analytics/" + which + encoded, token(Role.RESEARCHER), List.of(), null,
                        value.length() > 6000 ? Expect.status(400, 414, 431) : Expect.status(400).pointing(param));
            }
            default -> {
                String param = random.nextBoolean() ? "format" : "deidentify";
                return http(Family.SQL_IN_FILTERS, target("GET", "/api/v1/export"), "GET", "/api/v1/export?" + param
                        + "=" + encoded, token(Role.ADMIN), List.of(), null,
                        value.length() > 6000 ? Expect.status(400, 414, 431) : Expect.status(400).pointing("/" + param));
            }
        }
    }

    private Probe invalidPaging(int i) {
        List<String> bad = List.of("-1", "0", "101", "2147483648", "-2147483649", "99999999999999999999", "abc",
                "1e3", "0x10", "5.0", "1,2", "NaN", "Infinity", "--1", "1 2", "\u0663\u0663\u0663", "true", "[]",
                "%00", "9".repeat(500));
        String value = pick(bad);
        String encoded = encode(value);
        switch (i % 6) {
            case 0, 1 -> {
                Expect expect = value.equals("\u0663\u0663\u0663") ? Expect.status(400) : Expect.status(400).pointing("/limit");
                return http(Family.INVALID_PAGING, target("GET", "/api/v1/cases"), "GET", "/api/v1/cases?limit="
                        + encoded + (random.nextBoolean() ? "&cursor=" + encode(pick(SQL)) : ""),
                        token(Role.CLINICIAN), List.of(), null, expect);
            }
            case 2 -> {
                return http(Family.INVALID_PAGING, target("GET", "/cases"), "GET", "/cases?limit=" + encoded
                        + "&cursor=" + encoded, cookie(Role.CLINICIAN), List.of(), null, Expect.status(400, 200));
            }
            case 3 -> {
                return http(Family.INVALID_PAGING, target("GET", "/admin/audit"), "GET", "/admin/audit?limit=" + encoded,
                        cookie(Role.ADMIN), List.of(), null, Expect.status(200));
            }
            case 4 -> {
                boolean api = random.nextBoolean();
                String path = (api ? "/api/v1" : "") + "/cases/" + pick(goodIds) + "/versions/" + encoded;
                return http(Family.INVALID_PAGING, target("GET", api ? "/api/v1/cases/{id}/versions/{n}"
                        : "/cases/{id}/versions/{n}"), "GET", path, api ? token(Role.CLINICIAN) : cookie(Role.CLINICIAN),
                        List.of(), null, Expect.status(400, 404));
            }
            default -> {
                return http(Family.INVALID_PAGING, target("GET", "/cases/{id}/history"), "GET", "/cases/"
                        + HostileServer.SEED_CASE_ID + "/history?left=" + encoded + "&right=" + encode(pick(bad)),
                        cookie(Role.CLINICIAN), List.of(), null, Expect.status(200));
            }
        }
    }

    private Probe oversizedHeaders(Target t, int i) {
        List<String> headers = new ArrayList<>(auth(t, Role.CLINICIAN));
        Expect over = Expect.status(431, 400, 414).orClose();
        switch (i % 6) {
            case 0 -> {
                headers.add("X-Padding");
                headers.add("p".repeat(9_000 + random.nextInt(120_000)));
            }
            case 1 -> {
                int count = 900 + random.nextInt(3000); // at least 10 kB of headers
                for (int k = 0; k < count; k++) {
                    headers.add("X-H" + k);
                    headers.add("v" + k);
                }
            }
            case 2 -> {
                headers.add("Cookie");
                headers.add("cavaplan_session=" + "c".repeat(10_000 + random.nextInt(50_000)));
            }
            case 3 -> {
                headers.add("Authorization");
                headers.add("Bearer " + "t".repeat(10_000 + random.nextInt(50_000)));
            }
            case 4 -> {
                String path = path(t) + "?q=" + "a".repeat(9_000 + random.nextInt(60_000));
                return raw(Family.OVERSIZED_HEADERS, t, request(t.method(), path, new byte[0], headers), over);
            }
            default -> {
                // just below the limit: an ordinary answer
                headers.add("X-Padding");
                headers.add("p".repeat(4_000));
                return raw(Family.OVERSIZED_HEADERS, t, request(t.method(), path(t), new byte[0], headers),
                        Expect.anyBelow500());
            }
        }
        return raw(Family.OVERSIZED_HEADERS, t, request(t.method(), path(t), new byte[0], headers), over);
    }

    private Probe badMethod(Target t, int i) {
        List<String> methods = List.of("DELETE", "PATCH", "TRACE", "OPTIONS", "PROPFIND", "FOO", "M-SEARCH",
                "GETS", "HEAD", "PUT", "POST", "GET", "MKCOL", "LOCK", "PURGE", "DEBUG", "TRACK");
        String method = pick(methods);
        if (i % 5 == 0) {
            String odd = pick(List.of("get", "G@T", "CONNECT", "X".repeat(1000), "GET\tGET", "\u00C7ET", "G E T", ""));
            byte[] bytes = (odd + " " + path(t) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            return raw(Family.BAD_METHODS, t, bytes, Expect.anyBelow500().orClose());
        }
        byte[] body = method.equals("GET") || method.equals("HEAD") || method.equals("TRACE") ? null
                : bytes(t.kind() == Kind.PAGE ? formFor(t, Role.CLINICIAN) : jsonBodyFor(t));
        // HEAD is answered wherever the path has a GET route, whichever route the probe aimed at
        boolean sameMethod = method.equals(t.method()) || method.equals("HEAD");
        Expect expect = sameMethod || method.equals("OPTIONS") || method.equals("GET") || method.equals("POST")
                || method.equals("PUT") ? Expect.anyBelow500() : Expect.status(400, 404, 405, 501).orClose();
        return http(Family.BAD_METHODS, t, method, path(t, missingId()), auth(t, Role.CLINICIAN),
                body == null ? List.of() : List.of("Content-Type", contentTypeFor(t)), body, expect);
    }

    private Probe unicode(Target t, int i) {
        String cursed = pick(CURSED);
        String id = "case-" + cursed;
        if (i % 4 == 0 && t.readsBody()) {
            String body = t.kind() == Kind.PAGE ? formFor(t, Role.CLINICIAN) + "&/caseId=" + encode(id)
                    + "&_reason=" + encode(cursed.repeat(3))
                    : first(jsonBodyFor(t), "\"caseId\"\\s*:\\s*\"[^\"]*\"", "\"caseId\":\"" + jsonEscape(id) + "\"")
                            .replace("patient-view", "patient-view" + cursed);
            return http(Family.UNICODE_ODDITIES, t, t.method(), path(t), auth(t, Role.CLINICIAN),
                    List.of("Content-Type", contentTypeFor(t)), bytes(body), Expect.anyBelow500());
        }
        if (i % 4 == 1) {
            // UTF-8 bytes in header values, where HTTP expects Latin-1 at most
            List<String> headers = new ArrayList<>(auth(t, Role.CLINICIAN));
            headers.add(pick(List.of("X-Reason", "Accept", "Origin", "X-Forwarded-Host", "Accept-Language", "Referer")));
            headers.add(cursed + " \u00FF");
            return raw(Family.UNICODE_ODDITIES, t, request(t.method(), path(t), t.readsBody()
                    ? bytes(t.kind() == Kind.PAGE ? formFor(t, Role.CLINICIAN) : jsonBodyFor(t)) : new byte[0], headers),
                    Expect.anyBelow500().orClose());
        }
        String path = path(t, encode(id), encode(cursed), encode(cursed) + ".css") + "?q=" + encode(cursed) + "&next="
                + encode("/" + cursed) + "&target=" + encode(cursed) + "&asOf=" + encode("2026-01-0" + cursed);
        return http(Family.UNICODE_ODDITIES, t, t.method(), path, auth(t, Role.CLINICIAN),
                t.readsBody() ? List.of("Content-Type", contentTypeFor(t)) : List.of(),
                t.readsBody() ? bytes(t.kind() == Kind.PAGE ? formFor(t, Role.CLINICIAN) : jsonBodyFor(t)) : null,
                Expect.anyBelow500());
    }

    private Probe malformed(int i) {
        String token = users.get(Role.CLINICIAN).token();
        List<String> requests = List.of(
                "GET /health HTTP/1.1\r\n\r\n",
                "GET /health HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
                "GET /health\r\n\r\n",
                "GET  /health  HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /api/v1/plan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}{}{}{",
                "POST /api/v1/plan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /api/v1/plan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "POST /api/v1/plan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: -1\r\n\r\n",
                "POST /api/v1/plan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: 99999999999999999999\r\n\r\n",
                "POST /api/v1/plan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: 1000000000000\r\nConnection: close\r\n\r\n{",
                "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                "POST /cds-services/cavaplan-lms-plan HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}",
                "POST /cds-services/cavaplan-lms-plan HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}",
                "GET /health HTTP/1.1\r\nHost x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost : x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\n folded: continuation\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\nConnection: close\r\n\r\n",
                "GET /hea\u0000lth HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /health HTTP/1.1\nHost: x\nConnection: close\n\n",
                "GET\t/health\tHTTP/1.1\r\nHost: x\r\n\r\n",
                "GET http://evil.example/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET http://127.0.0.1/api/v1/export HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003",
                "\r\n\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: [::1\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "GET /health?%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /cases/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/v1/cases/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /static/% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: x\r\n\r\n",
                "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 20\r\nConnection: close\r\n\r\nusername=%&password",
                "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 19\r\nConnection: close\r\n\r\nusername=%&password",
                "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                        + "Content-Length: 30\r\nConnection: close\r\n\r\n--b\r\nContent-Disposition: f\r\n\r\n");
        String text = requests.get(i % requests.size());
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (i >= requests.size() && i % 7 == 0) {
            // random binary noise
            bytes = new byte[1 + random.nextInt(600)];
            random.nextBytes(bytes);
        }
        return new Probe.Raw(Family.MALFORMED_HTTP, "raw " + (i % requests.size()), bytes,
                Expect.anyBelow500().orClose());
    }

    private Probe authMutation(Target t, int i) {
        HostileServer.User clinician = users.get(Role.CLINICIAN);
        List<String> headers = new ArrayList<>();
        int mode = i / Targets.ALL.size() % 14;
        boolean unauthenticated = true;
        switch (mode) {
            case 0 -> { }
            case 1 -> headers.addAll(List.of("Authorization", "Bearer"));
            case 2 -> headers.addAll(List.of("Authorization", "Bearer " + clinician.token() + "x"));
            case 3 -> headers.addAll(List.of("Authorization", "Basic " + clinician.token()));
            case 4 -> headers.addAll(List.of("Authorization", "Bearer " + "A".repeat(5000)));
            case 5 -> headers.addAll(List.of("Authorization", "Bearer ' OR '1'='1"));
            case 6 -> headers.addAll(List.of("Cookie", "cavaplan_session=" + clinician.cookie() + "x"));
            case 7 -> headers.addAll(List.of("Cookie", "cavaplan_session=\"" + clinician.cookie() + "=\"; a=b; ;;;"));
            case 8 -> headers.addAll(List.of("Cookie", "cavaplan_session=; cavaplan_session=" + "z".repeat(300)));
            case 9 -> {
                unauthenticated = false;
                headers.addAll(List.of("Authorization", "bearer " + users.get(Role.RESEARCHER).token(),
                        "Cookie", "cavaplan_session=" + users.get(Role.RESEARCHER).cookie()));
            }
            case 10 -> {
                unauthenticated = false;
                headers.addAll(auth(t, Role.CLINICIAN));
                headers.addAll(List.of("Origin", "http://evil.example"));
            }
            case 11 -> {
                unauthenticated = false;
                headers.addAll(auth(t, Role.ADMIN));
                headers.addAll(List.of("Origin", "null", "X-Forwarded-Host", "evil.example"));
            }
            default -> {
                unauthenticated = false;
                headers.addAll(auth(t, pick(List.of(Role.CLINICIAN, Role.ADMIN, Role.RESEARCHER))));
            }
        }
        byte[] body = null;
        List<String> type = List.of();
        if (t.readsBody()) {
            String csrf = mode == 12 ? "" : "_csrf=" + encode(pick(List.of("", "x", clinician.csrf() + "0",
                    users.get(Role.ADMIN).csrf()))) + "&";
            body = bytes(t.kind() == Kind.PAGE ? (t.template().equals("/logout") ? csrf : formFor(t, Role.CLINICIAN)
                    .replaceFirst("^_csrf=[^&]*&", java.util.regex.Matcher.quoteReplacement(mode >= 12 ? "" : csrf))) : jsonBodyFor(t));
            type = List.of("Content-Type", contentTypeFor(t));
        }
        Expect expect = Expect.anyBelow500();
        if (unauthenticated && (t.kind() == Kind.API)) {
            expect = Expect.status(401);
        } else if (unauthenticated && t.kind() == Kind.PAGE && !t.isPublicPage()) {
            expect = Expect.status(303, 403);
        }
        return http(Family.AUTH_MUTATIONS, t, t.method(), path(t), headers, type, body, expect);
    }

    // ---- bodies, paths, credentials -----------------------------------------------------------

    private String jsonBodyFor(Target t) {
        if (t.kind() == Kind.CDS) {
            return t.template().endsWith("/feedback") ? CDS_FEEDBACK : CDS_REQUEST;
        }
        if (t.template().endsWith("/retire")) {
            return "{\"reason\":\"" + pick(List.of("duplicate", "", "x".repeat(50))) + "\"}";
        }
        return seedCase;
    }

    /** A form for the page route, with the session's anti-forgery token first; never one that signs out or signs in. */
    private String formFor(Target t, Role role) {
        String csrf = csrfField(t, role);
        return switch (t.template()) {
            case "/login" -> loginBudget-- > 0 ? "username=" + encode(pick(SQL)) + "&password=" + encode(pick(CURSED))
                    : "username=" + encode(pick(SQL)) + "&password=";
            case "/logout" -> "_csrf=not-the-token";
            case "/account/password" -> passwordBudget-- > 0 ? csrf + "&current=wrong-password-1&new="
                    + "a-new-password-long-enough&repeat=a-new-password-long-enough" : csrf + "&current=x&new=short&repeat=short";
            default -> {
                StringBuilder b = new StringBuilder(csrf);
                for (Map.Entry<String, String> e : seedForm.entrySet()) {
                    b.append('&').append(encode(e.getKey())).append('=').append(encode(e.getValue()));
                }
                yield b.toString();
            }
        };
    }

    private String csrfField(Target t, Role role) {
        return "_csrf=" + encode(users.get(role).csrf());
    }

    private List<String> auth(Target t, Role role) {
        return switch (t.kind()) {
            case API -> token(role);
            case PAGE -> cookie(role);
            default -> List.of();
        };
    }

    private List<String> token(Role role) {
        return List.of("Authorization", "Bearer " + users.get(role).token());
    }

    private List<String> cookie(Role role) {
        return List.of("Cookie", "cavaplan_session=" + users.get(role).cookie());
    }

    private String path(Target t) {
        return path(t, t.template().contains("/retire") ? missingId() : pick(goodIds));
    }

    private String path(Target t, String id) {
        return path(t, encode(id), "1", "cavaplan.css");
    }

    private static String path(Target t, String id, String n, String file) {
        return t.template().replace("{id}", id).replace("{caseId}", id).replace("{n}", n).replace("{file}", file);
    }

    private String missingId() {
        return "no-such-case-" + random.nextInt(1000);
    }

    private static Target target(String method, String template) {
        return Targets.ALL.stream().filter(t -> t.method().equals(method) && t.template().equals(template)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route " + method + " " + template));
    }

    private static String contentTypeFor(Target t) {
        return t.kind() == Kind.PAGE ? "application/x-www-form-urlencoded" : "application/json";
    }

    private static List<String> json() {
        return List.of("Content-Type", "application/json");
    }

    private String mutateJson(String json) {
        int at = random.nextInt(Math.max(1, json.length()));
        return switch (random.nextInt(20)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + json.substring(Math.min(json.length(), at + 1));
            case 2 -> json.substring(0, at) + pick(List.of("{", "}", "[", "]", ":", ",", "\"", "\\")) + json.substring(at);
            case 3 -> json.replace('"', '\'');
            case 4 -> json + pick(List.of("}", "{}", "]", ",", "x", "\u0000", " null"));
            case 5 -> first(json, "}\\s*$", ",}");
            case 6 -> first(json, ":\\s*(-?\\d+(\\.\\d+)?)", ":" + pick(List.of("NaN", "Infinity", "-Infinity",
                    "1e999999", "9".repeat(200), "0x1F", "01", "-", "1.", ".5", "1e", "+1")));
            case 7 -> pick(List.of("", " ", "\n\t", "null", "[]", "\"text\"", "42", "true", "{}", "[{}]", "{\"\":\"\"}"));
            case 8 -> first(json, "\\{", "{\"caseId\":\"dup\",\"caseId\":\"dup2\",");
            case 9 -> json.substring(0, at) + "\"unterminated";
            case 10 -> first(json, "\"caseId\"", "\"case\u0001\u0007Id\"");
            case 11 -> first(json, ":\\s*\"", ":\"\\ud800\\");
            case 12 -> "/* comment */" + json;
            case 13 -> "\uFEFF" + json;
            case 14 -> first(json, ":\\s*\"", ":\"\\u00zz");
            case 15 -> first(json, "\\{", "{" + "\"k\":1,".repeat(2000));
            case 16 -> first(json, ":\\s*\"[^\"]*\"", ":\"" + "x".repeat(20_000) + "\"");
            case 17 -> json + json;
            case 18 -> first(json, ":\\s*\"[^\"]*\"", ":{\"$ref\":\"#\"}");
            default -> json.replace(":", "=");
        };
    }

    /** {@code text} with the first match of {@code regex} replaced by {@code literal}, taken as it is. */
    private static String first(String text, String regex, String literal) {
        return text.replaceFirst(regex, java.util.regex.Matcher.quoteReplacement(literal));
    }

    private static String nested(int depth) {
        StringBuilder b = new StringBuilder(depth * 6);
        for (int k = 0; k < depth; k++) {
            b.append(k % 2 == 0 ? "[" : "{\"a\":");
        }
        b.append("1");
        for (int k = depth - 1; k >= 0; k--) {
            b.append(k % 2 == 0 ? "]" : "}");
        }
        return b.toString();
    }

    private String huge() {
        return pick(SQL) + "x".repeat(2000 + random.nextInt(9000));
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static <T> T cycle(List<T> from, int i) {
        return from.get(i % from.size());
    }

    private static Probe http(Family family, Target t, String method, String path, List<String> auth, List<String> more,
            byte[] body, Expect expect) {
        List<String> headers = new ArrayList<>(auth);
        headers.addAll(more);
        return new Probe.Http(family, t.name(), method, path, headers, body, expect);
    }

    private static Probe raw(Family family, Target t, byte[] bytes, Expect expect) {
        return new Probe.Raw(family, t.name(), bytes, expect);
    }

    /** A request as bytes: {@code query} may end with raw bytes no client would put in a request line. */
    private static byte[] request(String method, String pathAndQuery, byte[] tail, List<String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(method + " " + pathAndQuery));
        boolean tailInLine = pathAndQuery.endsWith("=");
        if (tailInLine) {
            out.writeBytes(tail);
        }
        out.writeBytes(bytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"));
        for (int k = 0; k + 1 < headers.size(); k += 2) {
            out.writeBytes(bytes(headers.get(k) + ": " + headers.get(k + 1) + "\r\n"));
        }
        if (!tailInLine && tail.length > 0) {
            out.writeBytes(bytes("Content-Type: application/json\r\nContent-Length: " + tail.length + "\r\n\r\n"));
            out.writeBytes(tail);
        } else {
            out.writeBytes(bytes("\r\n"));
        }
        return out.toByteArray();
    }

    private static byte[] chunked(String method, String path, List<String> headers, String type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Type: " + type + "\r\n"));
        for (int k = 0; k + 1 < headers.size(); k += 2) {
            out.writeBytes(bytes(headers.get(k) + ": " + headers.get(k + 1) + "\r\n"));
        }
        out.writeBytes(bytes("\r\n"));
        for (int at = 0; at < body.length; at += 8192) {
            int n = Math.min(8192, body.length - at);
            out.writeBytes(bytes(Integer.toHexString(n) + "\r\n"));
            out.write(body, at, n);
            out.writeBytes(bytes("\r\n"));
        }
        out.writeBytes(bytes("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String percent(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append('%').append(String.format("%02X", x & 0xFF));
        }
        return b.toString();
    }

    private static String jsonEscape(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
