package org.cavaplan.io;

/** One problem with an input: where it is (a JSON pointer; empty for the whole document) and what is wrong, in plain words. */
public record InputError(String pointer, String message) {

    /** {@code POINTER: message}, the form the command line prints. */
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
