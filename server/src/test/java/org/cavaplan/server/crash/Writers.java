package org.cavaplan.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Writer threads that create and edit cases over the API until stopped: each creates cases of
 * its own and writes new versions of them, and all of them write new versions of a few shared
 * cases (so that writers of one case race). Every content is noted before it is sent and every
 * 2xx answer is noted as acknowledged, in a {@link Ledger}.
 */
final class Writers {

    /** Share of writes that create a case. */
    private static final double CREATE = 0.35;
    /** Share of writes that edit one of the shared cases. */
    private static final double SHARED = 0.15;

    private final CrashClient client;
    private final Ledger ledger;
    private final CaseContent contents;
    private final List<String> shared;
    private final Predicate<HttpResponse<String>> tolerated;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger toleratedCount = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();
    /** The latest version seen of each case, named in If-Match by the next write of it. */
    private final ConcurrentHashMap<String, Integer> versions = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private Writers(CrashClient client, Ledger ledger, CaseContent contents, List<String> shared,
            Predicate<HttpResponse<String>> tolerated) {
        this.client = client;
        this.tolerated = tolerated;
        this.ledger = ledger;
        this.contents = contents;
        this.shared = List.copyOf(shared);
    }

    /**
     * Starts {@code count} writers whose case ids begin with {@code prefix}; an answer other than
     * 2xx is noted as unexpected in the ledger unless {@code tolerated} accepts it.
     */
    static Writers start(int count, CrashClient client, Ledger ledger, CaseContent contents, List<String> shared, String prefix,
            Predicate<HttpResponse<String>> tolerated) {
        Writers writers = new Writers(client, ledger, contents, shared, tolerated);
        for (int w = 0; w < count; w++) {
            int writer = w;
            Thread t = new Thread(() -> writers.run(prefix + "-w" + writer, new SplittableRandom(writer)), "crash-writer-" + w);
            t.setDaemon(true);
            writers.threads.add(t);
            t.start();
        }
        return writers;
    }

    /** Tells the writers to stop (answers from now on are no longer expected to succeed). */
    void stopping() {
        stopping.set(true);
    }

    /** Stops the writers and waits until each has ended its request in flight. */
    void stop() throws InterruptedException {
        stopping();
        for (Thread t : threads) {
            t.join(60_000);
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop");
            }
        }
    }

    /** How many writes were refused with 409 because another writer had written the case since (never acknowledged). */
    int conflicts() {
        return conflicts.get();
    }

    /** How many answers were refusals the caller tolerates. */
    int tolerated() {
        return toleratedCount.get();
    }

    private void run(String name, SplittableRandom random) {
        List<String> own = new ArrayList<>();
        int created = 0;
        while (!stopping.get()) {
            double pick = random.nextDouble();
            if (own.isEmpty() || pick < CREATE) {
                String id = name + "-c" + created++;
                if (write("POST", "/api/v1/cases", contents.next(id), 201)) {
                    own.add(id);
                }
            } else if (pick < CREATE + SHARED && !shared.isEmpty()) {
                String id = shared.get(random.nextInt(shared.size()));
                write("PUT", "/api/v1/cases/" + id, contents.next(id), 200);
            } else {
                String id = own.get(random.nextInt(own.size()));
                write("PUT", "/api/v1/cases/" + id, contents.next(id), 200);
            }
        }
    }

    /** Sends one write; true when it was acknowledged. */
    private boolean write(String method, String path, ObjectNode content, int expected) {
        String caseId = content.get("caseId").asText();
        ledger.sending(caseId, content);
        HttpResponse<String> response;
        // a new version names the version it is based on: the latest this process has seen of the case (a
        // write based on an older one is refused with 409 and the latest version, which the next write names)
        int basedOn = versions.getOrDefault(caseId, 1);
        try {
            response = method.equals("PUT") ? client.sendIfMatch(method, path, CaseContent.text(content), basedOn)
                    : client.send(method, path, CaseContent.text(content));
        } catch (IOException e) {
            if (!stopping.get()) {
                ledger.unexpected(method + " " + caseId + ": " + e);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (response.statusCode() == 409 && method.equals("PUT")) {
            versions.merge(caseId, CaseContent.parse(response.body()).get("currentVersion").asInt(), Math::max);
            conflicts.incrementAndGet();
            return false;
        }
        if (response.statusCode() / 100 == 2) {
            JsonNode version = CaseContent.parse(response.body());
            versions.merge(caseId, version.get("version").asInt(), Math::max);
            ledger.acknowledged(new Ledger.Acknowledged(version.get("caseId").asText(), version.get("version").asInt(),
                    version.get("contentSha256").asText(), content));
            if (response.statusCode() != expected || !version.get("caseId").asText().equals(caseId)) {
                ledger.unexpected(method + " " + caseId + ": " + response.statusCode() + " " + response.body());
            }
            return true;
        }
        if (tolerated.test(response)) {
            toleratedCount.incrementAndGet();
        } else if (!stopping.get()) {
            ledger.unexpected(method + " " + caseId + ": " + response.statusCode() + " " + response.body());
        }
        return false;
    }
}
