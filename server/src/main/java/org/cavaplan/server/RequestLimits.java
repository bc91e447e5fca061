package org.cavaplan.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The checks every request passes before any route sees it: a body declared larger than the server
 * accepts is refused with 413 (read and discarded first when it is not absurdly large, so that a
 * client still uploading receives the answer instead of a cut connection), and a path whose
 * percent-encoding is broken is refused with 400. Thread-safe.
 */
final class RequestLimits {

    /** A declared body up to this many times the limit is read and discarded before the 413 answer. */
    private static final long DRAIN_FACTOR = 8;

    private RequestLimits() {}

    static void check(Context ctx, long maxBodyBytes) {
        refuseBrokenEscapes(ctx.req().getRequestURI());
        refuseDeclaredTooLarge(ctx, maxBodyBytes);
    }

    /** Throws the 413 problem when the request declares a body larger than {@code maxBodyBytes}. */
    private static void refuseDeclaredTooLarge(Context ctx, long maxBodyBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared <= maxBodyBytes) {
            return;
        }
        if (declared <= DRAIN_FACTOR * maxBodyBytes) {
            try (InputStream in = ctx.req().getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // The client gave up; the answer is the same.
            }
        }
        throw CavaPlanServer.tooLarge();
    }

    private static void refuseBrokenEscapes(String rawPath) {
        if (rawPath == null) {
            return;
        }
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 >= rawPath.length() || !hex(rawPath.charAt(i + 1)) || !hex(rawPath.charAt(i + 2))) {
                throw new Problem(400, "Bad Request", "the path has a broken percent-encoding: each % must be "
                        + "followed by two hexadecimal digits", List.of());
            }
        }
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
