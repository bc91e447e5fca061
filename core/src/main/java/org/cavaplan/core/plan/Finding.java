package org.cavaplan.core.plan;

/** Anything a rule can contribute to a plan. */
public sealed interface Finding permits Recommendation, Concordance, PrognosticFactor, MissingData, Warning, RedFlag {}
