package org.cavaplan.registry;

import java.util.Objects;

/**
 * One version of a case with its content. {@code json} is the validated case as canonical JSON:
 * object keys sorted, no insignificant white space, numbers written by value ({@code 18.0} and
 * {@code 18} are both {@code 18}). Two inputs that mean the same case have the same canonical JSON.
 */
public record StoredCase(CaseVersion version, String json) {
    public StoredCase {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(json, "json");
    }
}
