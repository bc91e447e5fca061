package org.cavaplan.server.web;

/** An error page: the status's title in the frame and a message that says what is needed. */
public record ErrorPage(Frame frame, String message) {}
