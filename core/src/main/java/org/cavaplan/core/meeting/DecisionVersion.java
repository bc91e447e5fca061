package org.cavaplan.core.meeting;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a decision, append-only like a case's versions: what was recorded, by whom, when.
 * {@code reason} is the reason of a correction; for a signature given by an administrator on the
 * chair's behalf it says so; otherwise empty.
 */
public record DecisionVersion(int version, Change change, Decision decision, Instant recordedAt, String author,
        Optional<String> reason) {

    public DecisionVersion {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, not " + version);
        }
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(reason, "reason");
        if (change == Change.CORRECTED && reason.isEmpty()) {
            throw new IllegalArgumentException("a correction has a reason");
        }
    }

    /**
     * What a version did. A decision is DRAFTED (each save of the draft is a version) until it is
     * SIGNED (a version with the content of the last draft); after that only CORRECTED versions
     * follow, each with its reason.
     */
    public enum Change {
        DRAFTED("draft saved"),
        SIGNED("signed"),
        CORRECTED("corrected");

        private final String words;

        Change(String words) {
            this.words = words;
        }

        /** The change in words: "draft saved", "signed", "corrected". */
        public String words() {
            return words;
        }
    }
}
