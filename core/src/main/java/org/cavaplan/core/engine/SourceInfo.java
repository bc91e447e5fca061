package org.cavaplan.core.engine;

/** An entry of the knowledge base's source catalogue. */
public record SourceInfo(String id, String citation) {}
