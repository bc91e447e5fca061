package org.cavaplan.core.plan;

/** Something the team should notice that is not itself a recommendation; {@code code} is stable. */
public record Warning(String code, String message) implements Finding {}
