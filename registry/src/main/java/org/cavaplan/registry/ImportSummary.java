package org.cavaplan.registry;

/**
 * The counts of a finished import: {@code created} new cases, {@code updated} new versions of known
 * cases, {@code unchanged} lines identical to the latest version, {@code rejected} lines not stored.
 */
public record ImportSummary(int created, int updated, int unchanged, int rejected) {

    /** New cases and new versions together. */
    public int imported() {
        return created + updated;
    }

    /** {@code imported N, unchanged U, rejected M}, the closing line of {@code ./cavaplan import}. */
    @Override
    public String toString() {
        return "imported " + imported() + ", unchanged " + unchanged + ", rejected " + rejected;
    }
}
