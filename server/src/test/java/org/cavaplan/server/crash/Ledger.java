package org.cavaplan.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the writers sent and what the server acknowledged: every content sent for a case (a write
 * that was never answered may or may not be stored, but nothing else may be), every acknowledged
 * version, and every answer that should not have happened. Thread-safe.
 */
final class Ledger {

    /** A write the server answered with 2xx: this version of this case holds this content. */
    record Acknowledged(String caseId, int version, String contentSha256, JsonNode sent) {}

    private final Map<String, List<JsonNode>> sent = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    /** Notes a content about to be sent. */
    void sending(String caseId, JsonNode content) {
        sent.computeIfAbsent(caseId, id -> Collections.synchronizedList(new ArrayList<>())).add(content);
    }

    void acknowledged(Acknowledged ack) {
        acknowledged.add(ack);
    }

    /** Notes an answer or a failure that a healthy server would not give. */
    void unexpected(String what) {
        unexpected.add(what);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    Set<String> caseIds() {
        return Set.copyOf(sent.keySet());
    }

    /** Every content sent for {@code caseId}, answered or not. */
    List<JsonNode> sent(String caseId) {
        List<JsonNode> contents = sent.getOrDefault(caseId, List.of());
        synchronized (contents) {
            return List.copyOf(contents);
        }
    }

    int sentCount() {
        return sent.values().stream().mapToInt(List::size).sum();
    }
}
