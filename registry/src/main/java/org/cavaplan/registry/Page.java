package org.cavaplan.registry;

import java.util.List;
import java.util.Optional;

/** One page of a search; {@code nextAfter} is empty on the last page. */
public record Page(List<CaseSummary> cases, Optional<String> nextAfter) {
    public Page {
        cases = List.copyOf(cases);
    }
}
