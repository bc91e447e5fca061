package org.cavaplan.core.plan;

/** A citation: a source id from the knowledge base's catalogue and where in it (a section, a table). */
public record SourceRef(String id, String locator) {}
