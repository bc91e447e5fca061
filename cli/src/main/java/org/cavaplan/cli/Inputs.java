package org.cavaplan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import org.cavaplan.io.InputError;

/** Reading command-line inputs, with failures named for the user. */
final class Inputs {

    /** The user's input could not be used; {@code errors} say why. Translated to exit code 2. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;
        final transient List<InputError> errors;

        BadInput(List<InputError> errors) {
            super(errors.toString());
            this.errors = List.copyOf(errors);
        }

        BadInput(String message) {
            this(List.of(new InputError("", message)));
        }
    }

    private Inputs() {}

    /** The text of a file, or of standard input for {@code -}. */
    static String text(String file) throws BadInput {
        try {
            if (file.equals("-")) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInput(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static LocalDate date(String text, String option) throws BadInput {
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeException("format");
            }
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new BadInput(option + ": \"" + text + "\" is not a real date written YYYY-MM-DD");
        }
    }

    static void print(java.io.PrintWriter err, BadInput bad) {
        for (InputError e : bad.errors) {
            err.println(e.pointer().isEmpty() ? e.message() : e.toString());
        }
        err.flush();
    }
}
