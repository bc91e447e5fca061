package org.cavaplan.registry;

/**
 * The version of a case that a write was based on: what its writer read before changing it. A write
 * that names it is stored only while that version is still the latest (optimistic concurrency), so
 * that nobody undoes a change they never saw. {@link #NEW_CASE} names no version: the case must not
 * exist yet.
 *
 * @param version the version read, from 1; 0 for {@link #NEW_CASE}
 */
public record BasedOn(int version) {

    /** A write of a case that does not exist yet. */
    public static final BasedOn NEW_CASE = new BasedOn(0);

    public BasedOn {
        if (version < 0) {
            throw new IllegalArgumentException("a version is 1 or more (0 for a new case), not " + version);
        }
    }

    /** A write based on version {@code version} (from 1) of an existing case. */
    public static BasedOn version(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, not " + version);
        }
        return new BasedOn(version);
    }

    /** True for {@link #NEW_CASE}. */
    public boolean newCase() {
        return version == 0;
    }
}
