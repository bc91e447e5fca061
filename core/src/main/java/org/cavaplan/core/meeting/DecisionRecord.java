package org.cavaplan.core.meeting;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision on one case of a meeting with every version of it, oldest first (never empty). The
 * decision in force is the latest version's; once a version is SIGNED the decision is read-only
 * and changes only by corrections.
 */
public record DecisionRecord(long meetingId, String caseId, List<DecisionVersion> versions) {

    public DecisionRecord {
        Objects.requireNonNull(caseId, "caseId");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a decision has at least one version");
        }
    }

    /** Draft (may be replaced) or signed (read-only, corrected only with a reason). */
    public enum Status {
        DRAFT("draft"), SIGNED("signed");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The latest version. */
    public DecisionVersion latest() {
        return versions.get(versions.size() - 1);
    }

    /** The decision in force: the latest version's content. */
    public Decision decision() {
        return latest().decision();
    }

    /** The version that signed the decision, if it is signed. */
    public Optional<DecisionVersion> signature() {
        return versions.stream().filter(v -> v.change() == DecisionVersion.Change.SIGNED).findFirst();
    }

    public Status status() {
        return signature().isPresent() ? Status.SIGNED : Status.DRAFT;
    }

    public boolean signed() {
        return status() == Status.SIGNED;
    }
}
