package org.cavaplan.cli;

/** The exit codes of the command line (interfaces.md). */
public final class Exit {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;

    private Exit() {}
}
