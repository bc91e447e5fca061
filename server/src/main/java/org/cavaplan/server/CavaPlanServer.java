package org.cavaplan.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;

/**
 * The CavaPlan web API: {@code CavaPlanServer.create(registry, clock, options).start(port)}. Every
 * route is listed in {@link #ROUTES} and in the OpenAPI document; every failure is answered with an
 * RFC 9457 problem ({@code application/problem+json}).
 */
public final class CavaPlanServer {

    /** Settings of the server. {@code maxBodyBytes}: the largest request body accepted (else 413). */
    public record Options(long maxBodyBytes) {
        public Options {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
        }

        /** 1 MB bodies. */
        public static Options defaults() {
            return new Options(1_000_000L);
        }
    }

    /** A running server; {@link #stop()} (or close) ends it. */
    public interface Running extends AutoCloseable {
        int port();

        void stop();

        @Override
        default void close() {
            stop();
        }
    }

    /** One route: its method and its path (OpenAPI path syntax). */
    public record Route(String method, String path) {}

    static final String API = "/api/v1";

    /** Every route the server answers, as registered. */
    public static final List<Route> ROUTES = List.of(
            new Route("GET", "/health"),
            new Route("GET", API + "/openapi.json"),
            new Route("POST", API + "/plan"),
            new Route("POST", API + "/cases"),
            new Route("GET", API + "/cases"),
            new Route("GET", API + "/cases/{id}"),
            new Route("PUT", API + "/cases/{id}"),
            new Route("GET", API + "/cases/{id}/history"),
            new Route("GET", API + "/cases/{id}/versions/{n}"),
            new Route("POST", API + "/cases/{id}/retire"),
            new Route("GET", API + "/cases/{id}/plan"),
            new Route("GET", API + "/cases/{id}/report.pdf"),
            new Route("GET", API + "/analytics/km"),
            new Route("GET", API + "/analytics/cox"),
            new Route("GET", API + "/export"));

    private final Api api;
    private final Options options;

    private CavaPlanServer(Registry registry, Clock clock, Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.api = new Api(registry, Engine.create(CavaPlanKnowledge.create()), clock, options.maxBodyBytes());
    }

    public static CavaPlanServer create(Registry registry, Clock clock, Options options) {
        return new CavaPlanServer(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(clock, "clock"),
                options);
    }

    /** Starts listening on {@code port} (0: a free port) and returns once the server is ready. */
    public Running start(int port) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.routes.before(CavaPlanServer::securityHeaders);
            for (Route route : ROUTES) {
                Handler handler = api.handler(route);
                switch (route.method()) {
                    case "GET" -> config.routes.get(route.path(), handler);
                    case "POST" -> config.routes.post(route.path(), handler);
                    case "PUT" -> config.routes.put(route.path(), handler);
                    default -> throw new IllegalStateException("no method " + route.method());
                }
            }
            config.routes.exception(Exception.class, CavaPlanServer::mapException);
            config.routes.error(404, ctx -> fallback(ctx, new Problem(404, "Not Found",
                    "there is no such resource", List.of())));
            config.routes.error(405, ctx -> fallback(ctx, new Problem(405, "Method Not Allowed",
                    "this resource does not accept " + ctx.method(), List.of())));
        });
        app.start(port);
        return new Running() {
            @Override
            public int port() {
                return app.port();
            }

            @Override
            public void stop() {
                app.stop();
            }
        };
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.header("Cache-Control", "no-store");
    }

    /** The one place where failures become HTTP answers. */
    static void mapException(Exception e, Context ctx) {
        writeProblem(ctx, toProblem(e));
    }

    private static Problem toProblem(Exception e) {
        if (e instanceof Problem p) {
            return p;
        }
        if (e instanceof RegistryException.AccessDenied) {
            return new Problem(403, "Forbidden", "your role may not do this", List.of());
        }
        if (e instanceof RegistryException.UnknownCase) {
            return Problem.notFound(e.getMessage());
        }
        if (e instanceof RegistryException.Invalid) {
            return Problem.badRequest(e.getMessage(), List.of());
        }
        if (e instanceof RegistryException.Unavailable) {
            return new Problem(503, "Service Unavailable", "the registry database is not available", List.of());
        }
        if (e instanceof HttpResponseException h) {
            return switch (h.getStatus()) {
                case 413 -> tooLarge();
                case 404 -> new Problem(404, "Not Found", "there is no such resource", List.of());
                case 405 -> new Problem(405, "Method Not Allowed", "this resource does not accept this method",
                        List.of());
                default -> new Problem(h.getStatus(), "Error", String.valueOf(h.getMessage()), List.of());
            };
        }
        return new Problem(500, "Internal Server Error", "the server failed; the failure was not caused by the request",
                List.of());
    }

    static Problem tooLarge() {
        return new Problem(413, "Content Too Large", "the request body is larger than the server accepts", List.of());
    }

    private static void fallback(Context ctx, Problem problem) {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            writeProblem(ctx, problem);
        }
    }

    static void writeProblem(Context ctx, Problem p) {
        securityHeaders(ctx);
        if (p.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(p.status());
        ctx.contentType("application/problem+json");
        ctx.result(Json.write(Json.problem(p)).getBytes(StandardCharsets.UTF_8));
    }
}
