package org.cavaplan.core.plan;

import java.util.List;

/** A finding the source links with outcome. */
public record PrognosticFactor(String id, Effect effect, String summary, List<SourceRef> sources, List<Fact> because)
        implements Finding {
    public PrognosticFactor {
        sources = List.copyOf(sources);
        because = List.copyOf(because);
    }
}
