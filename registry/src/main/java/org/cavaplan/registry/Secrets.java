package org.cavaplan.registry;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * API tokens and password hashes. Tokens are 256 random bits, kept only as their SHA-256 (a fast
 * hash suffices for a secret of full entropy). Passwords are kept as PBKDF2-HMAC-SHA256 with
 * {@value #ITERATIONS} iterations (OWASP's recommendation) and a 128-bit salt, in the form
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64), so that the cost can be raised later.
 * Thread-safe.
 */
final class Secrets {

    static final int ITERATIONS = 600_000;
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final String TOKEN_PREFIX = "cvp_";
    private static final String SCHEME = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** A new API token: {@code cvp_} and 256 random bits in base64url. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the registry keeps of a token. */
    static String tokenHash(String token) {
        return CanonicalJson.sha256(token);
    }

    static String hashPassword(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    /** True when {@code password} matches {@code stored}; compares in constant time. */
    static boolean verifyPassword(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
    }

    /** Spends the time of one verification, so that an unknown user cannot be told by the clock. */
    static void verifyNothing(char[] password) {
        verifyPassword(password, Dummy.HASH);
    }

    /** Computed on first use only: hashing costs a good fraction of a second. */
    private static final class Dummy {
        static final String HASH = hashPassword("not the password of anyone".toCharArray());
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    static void clear(char[] password) {
        Arrays.fill(password, '\0');
    }
}
