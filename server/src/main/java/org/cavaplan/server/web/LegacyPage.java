package org.cavaplan.server.web;

/** TEMPORARY: a page whose body is still built as a string (being moved to its own template). */
public record LegacyPage(Frame frame, String body) {}
