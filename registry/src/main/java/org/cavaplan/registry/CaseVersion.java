package org.cavaplan.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a case, without its content: who wrote it, when, from where and why.
 * Versions of a case are numbered from 1 without gaps; {@code contentSha256} is the SHA-256 of the
 * case's canonical JSON (see {@link StoredCase#json()}).
 */
public record CaseVersion(
        String caseId,
        int version,
        Change change,
        Instant recordedAt,
        String author,
        String origin,
        String reason,
        boolean retired,
        boolean synthetic,
        String contentSha256) {

    /** What a version did to the case. */
    public enum Change {
        /** The first version. */
        CREATED,
        /** New content. */
        UPDATED,
        /** The case was retired; the content is that of the version before. */
        RETIRED
    }

    public CaseVersion {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(contentSha256, "contentSha256");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, not " + version);
        }
    }
}
