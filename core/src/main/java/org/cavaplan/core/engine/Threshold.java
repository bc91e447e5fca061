package org.cavaplan.core.engine;

/**
 * A number a rule reads, kept once with its unit and provenance. {@code assumption} marks the
 * numbers that are CavaPlan's own choice rather than the source's; those can be configured.
 */
public record Threshold(String name, double value, String unit, String provenance, boolean assumption, String meaning) {}
