package org.cavaplan.registry;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The secret under which a de-identified export replaces case ids by pseudonyms
 * ({@code P-} and 20 hex digits of HMAC-SHA256(key, caseId)). The same key gives the same
 * pseudonym for a case in every export, so exports can be linked by whoever receives them;
 * a {@link #random()} key gives pseudonyms that link nothing beyond one export.
 */
public final class PseudonymKey {

    /** The shortest secret accepted by {@link #fromSecret(String)}. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private PseudonymKey(byte[] key) {
        this.key = key;
    }

    /** A fresh random 256-bit key, used for one export and forgotten. */
    public static PseudonymKey random() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new PseudonymKey(key);
    }

    /** A key kept by the center (e.g. in an environment variable), at least 32 characters. */
    public static PseudonymKey fromSecret(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("a pseudonym key has at least " + MIN_SECRET_LENGTH + " characters");
        }
        return new PseudonymKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return Arrays.copyOf(key, key.length);
    }

    @Override
    public String toString() {
        return "PseudonymKey[secret]";
    }
}
