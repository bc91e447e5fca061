package org.cavaplan.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The pages' stylesheets, scripts and images, from the classpath folder
 * {@code org/cavaplan/server/static/}: flat names only, a content type by extension, an ETag and a
 * short cache lifetime so that a new release is picked up within minutes. Thread-safe.
 */
final class StaticFiles {

    private static final String FOLDER = "/org/cavaplan/server/static/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,80}\\.(css|js|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");
    private static final String CACHE = "public, max-age=300";

    private record File(byte[] bytes, String type, String etag) {}

    private static final Map<String, Optional<File>> FILES = new ConcurrentHashMap<>();

    private StaticFiles() {}

    static void serve(Context ctx, String name) {
        Optional<File> file = NAME.matcher(name).matches() ? FILES.computeIfAbsent(name, StaticFiles::load) : Optional.empty();
        if (file.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
            return;
        }
        ctx.header("Cache-Control", CACHE);
        ctx.header("ETag", file.get().etag());
        if (file.get().etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(file.get().type()).result(file.get().bytes());
    }

    private static Optional<File> load(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(new File(bytes, TYPES.get(extension), "\"" + hash(bytes) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
