package org.cavaplan.knowledge;

import java.util.List;

/** Placeholder: the SYSTEMIC rows of plan contract v2 are being written. */
final class SystemicRules {

    private SystemicRules() {}

    static List<KbRule> all() {
        return List.of();
    }
}
