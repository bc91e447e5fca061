package org.cavaplan.knowledge;

import java.util.List;

/** Placeholder: the SUPPORTIVE rows of plan contract v2 are being written. */
final class SupportiveRules {

    private SupportiveRules() {}

    static List<KbRule> all() {
        return List.of();
    }
}
