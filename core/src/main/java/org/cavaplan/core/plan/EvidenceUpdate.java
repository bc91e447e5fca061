package org.cavaplan.core.plan;

/** Later evidence that qualifies what the primary source says. */
public record EvidenceUpdate(String source, String note) {}
