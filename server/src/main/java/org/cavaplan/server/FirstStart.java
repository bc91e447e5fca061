package org.cavaplan.server;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Optional;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.NewUser;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import org.cavaplan.registry.Role;

/**
 * What the server does on the first start of an empty registry: seeds the synthetic demo cohort
 * and creates an ADMIN user whose one-time password and API token are shown once. The password is
 * set by the server, not by the administrator, so the registry requires it to be changed at the
 * first sign-in (the web pages open nothing else until then); the API token is a separate
 * credential and is not affected.
 */
public final class FirstStart {

    /** The size of the demo cohort. */
    public static final int DEMO_CASES = 300;

    /** The seed of the demo cohort. */
    public static final long DEMO_SEED = 20_240_101L;

    /** The name of the first administrator. */
    public static final String ADMIN = "admin";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** The admin account made on the first start: its one-time password and its API token. */
    public record Admin(String name, String password, String token) {
        @Override
        public String toString() {
            return "Admin[" + name + ", (secrets shown once)]";
        }
    }

    private FirstStart() {
    }

    /**
     * Seeds an empty registry with {@code demoCases} synthetic cases and creates the admin; returns
     * the admin when this was the first start, empty when the registry held cases already.
     */
    public static Optional<Admin> prepare(Registry registry, int demoCases, long seed) {
        int seeded = registry.seedDemo(demoCases, seed);
        if (seeded == 0) {
            return Optional.empty();
        }
        Actor system = Actor.localOperator("cavaplan", "serve");
        NewUser admin;
        try {
            admin = registry.addUser(system, ADMIN, Role.ADMIN);
        } catch (RegistryException.DuplicateUser e) {
            return Optional.empty();
        }
        String password = password();
        registry.setPassword(system, ADMIN, password.toCharArray());
        return Optional.of(new Admin(ADMIN, password, admin.token()));
    }

    /** Prints the admin's secrets once, with the advice to change the password. */
    public static void announce(Admin admin, PrintStream out) {
        out.println("First start: seeded the synthetic demo cohort and created the administrator.");
        out.println("  user:               " + admin.name());
        out.println("  one-time password:  " + admin.password() + "   (you choose your own at the first sign-in; not shown again)");
        out.println("  API token:          " + admin.token() + "   (Authorization: Bearer …; not shown again)");
        out.flush();
    }

    private static String password() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
