package org.cavaplan.core.model;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** One follow-up visit; {@code index} is its position in the case's {@code followUp} array. */
public record FollowUp(
        int index,
        LocalDate date,
        Optional<Integer> ecog,
        Optional<ConduitStatus> conduit,
        Optional<Boolean> localRecurrence,
        Optional<Set<Site>> distantMetastases,
        Optional<Integer> metastasisCount,
        Optional<Boolean> metastasesResectable) {

    public FollowUp {
        distantMetastases = distantMetastases.map(Set::copyOf);
    }

    /** The JSON pointer of a field of this visit, e.g. {@code /followUp/1/conduit}. */
    public String pointer(String field) {
        return "/followUp/" + index + "/" + field;
    }

    /** True when this visit records a local recurrence or any distant metastasis. */
    public boolean recordsRecurrence() {
        return localRecurrence.orElse(false) || recordsDistantMetastases();
    }

    /** True when this visit records at least one site of distant metastasis. */
    public boolean recordsDistantMetastases() {
        return distantMetastases.isPresent() && !distantMetastases.get().isEmpty();
    }
}
