package org.cavaplan.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * What to export: a format, and for a de-identified export the key of its pseudonyms.
 * De-identified means: the case id is replaced by a pseudonym (HMAC-SHA256 of the case id under the
 * key), calendar dates by day offsets from the operation, ages over 89 by 90 ("90 or older").
 */
public record ExportRequest(ExportFormat format, Optional<PseudonymKey> deidentifyWith) {

    public ExportRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(deidentifyWith, "deidentifyWith");
    }

    /** Identified data; a researcher may not ask for it. */
    public static ExportRequest identified(ExportFormat format) {
        return new ExportRequest(format, Optional.empty());
    }

    /** De-identified data with pseudonyms under {@code key}. */
    public static ExportRequest deidentified(ExportFormat format, PseudonymKey key) {
        return new ExportRequest(format, Optional.of(key));
    }

    public boolean deidentified() {
        return deidentifyWith.isPresent();
    }
}
