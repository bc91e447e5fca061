package org.cavaplan.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.cds.CdsClientTrust;
import org.cavaplan.server.ehr.EhrRecord;
import org.cavaplan.server.smart.SmartApp;
import org.cavaplan.server.smart.SmartEhrs;
import org.cavaplan.registry.RegistryException;
import org.cavaplan.server.web.WebPages;

/**
 * The CavaPlan web API: {@code CavaPlanServer.create(registry, clock, options).start(port)}. Every
 * route is listed in {@link #ROUTES} and in the OpenAPI document; every failure is answered with an
 * RFC 9457 problem ({@code application/problem+json}).
 */
public final class CavaPlanServer {

    /**
     * Settings of the server. {@code maxBodyBytes}: the largest request body accepted (else 413);
     * {@code requestLog}: where the one line per request goes (by default the logger
     * {@code org.cavaplan.server.requests}, on stderr); {@code cdsTrust}: the EHRs whose signed JWT
     * the CDS Hooks services accept; empty means nobody is checked, which only demo mode may use;
     * {@code smartEhrs}: the EHRs that may launch CavaPlan as a SMART app (by default none).
     */
    public record Options(long maxBodyBytes, Consumer<String> requestLog, Optional<CdsClientTrust> cdsTrust,
            SmartEhrs smartEhrs) {
        public Options {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            Objects.requireNonNull(requestLog, "requestLog");
            Objects.requireNonNull(cdsTrust, "cdsTrust");
            Objects.requireNonNull(smartEhrs, "smartEhrs");
        }

        public Options(long maxBodyBytes, Consumer<String> requestLog, Optional<CdsClientTrust> cdsTrust) {
            this(maxBodyBytes, requestLog, cdsTrust, SmartEhrs.none());
        }

        /** {@code maxBodyBytes} and the request log on the default logger; CDS Hooks callers unchecked (demo). */
        public Options(long maxBodyBytes) {
            this(maxBodyBytes, RequestLog.toLogger());
        }

        /** CDS Hooks callers unchecked (demo). */
        public Options(long maxBodyBytes, Consumer<String> requestLog) {
            this(maxBodyBytes, requestLog, Optional.empty());
        }

        /** The same options with the EHRs allowed to call the CDS Hooks services (empty: unchecked, demo only). */
        public Options withCdsTrust(Optional<CdsClientTrust> trust) {
            return new Options(maxBodyBytes, requestLog, trust, smartEhrs);
        }

        /** The same options with the EHRs that may launch CavaPlan as a SMART app. */
        public Options withSmartEhrs(SmartEhrs ehrs) {
            return new Options(maxBodyBytes, requestLog, cdsTrust, ehrs);
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
    public static final List<Route> ROUTES = Api.ENDPOINTS.stream().map(Api.Endpoint::route).toList();

    /** A CDS Hooks route declared with its handler. */
    private record CdsEndpoint(Route route, java.util.function.BiConsumer<CdsApi, Context> action) {}

    private static final List<CdsEndpoint> CDS_ENDPOINTS = List.of(
            new CdsEndpoint(new Route("GET", CdsApi.DISCOVERY), CdsApi::discovery),
            new CdsEndpoint(new Route("POST", CdsApi.SERVICE), CdsApi::service),
            new CdsEndpoint(new Route("POST", CdsApi.FEEDBACK), CdsApi::feedback));

    /** The CDS Hooks 2.0 routes: discovery, the patient-view service and its feedback (JWT-trusted, not token). */
    public static final List<Route> CDS_ROUTES = CDS_ENDPOINTS.stream().map(CdsEndpoint::route).toList();

    /** Every page of the web application, as registered (who may open which: {@link WebPages#ROUTES}). */
    public static final List<Route> PAGE_ROUTES = WebPages.ROUTES.stream()
            .map(r -> new Route(r.method(), r.path())).toList();

    private final Api api;
    private final CdsApi cds;
    private final WebPages pages;
    private final Options options;

    private CavaPlanServer(Registry registry, Clock clock, Options options) {
        this.options = Objects.requireNonNull(options, "options");
        Engine engine = Engine.create(CavaPlanKnowledge.create());
        this.api = new Api(registry, engine, clock, options.maxBodyBytes());
        EhrRecord ehr = new EhrRecord();
        this.cds = new CdsApi(engine, registry, options.cdsTrust(), options.smartEhrs(), ehr, options.maxBodyBytes(), clock);
        SmartApp smart = new SmartApp(options.smartEhrs(), () -> cds.prepare().join(), ehr, clock);
        this.pages = new WebPages(registry, engine, Api.READER, api::report, api::minutes, smart, clock);
        cds.prepare();
    }

    /**
     * Starts compiling the case schema (about half a second) on a background thread, so that it
     * overlaps with opening the registry, which needs no schema: {@code serve} calls this first.
     * Optional; the server builds the same reader anyway when nobody did.
     */
    public static void prepareInBackground() {
        Thread thread = new Thread(() -> Objects.requireNonNull(Api.READER), "cavaplan-prepare");
        thread.setDaemon(true);
        thread.start();
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
            config.routes.before(ctx -> RequestLimits.check(ctx, options.maxBodyBytes()));
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProtocolErrors()));
            for (Api.Endpoint endpoint : Api.ENDPOINTS) {
                config.routes.addHttpHandler(HandlerType.findOrCreate(endpoint.route().method()), endpoint.route().path(),
                        api.handler(endpoint));
            }
            pages.register(config.routes);
            for (CdsEndpoint endpoint : CDS_ENDPOINTS) {
                Handler handler = ctx -> endpoint.action().accept(cds, ctx);
                config.routes.addHttpHandler(HandlerType.findOrCreate(endpoint.route().method()), endpoint.route().path(), handler);
                config.routes.options(endpoint.route().path(), cds::preflight);
            }
            config.requestLogger.http((ctx, ms) -> options.requestLog().accept(RequestLog.line(ctx, ms)));
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

    /** The API's policy: nothing may load. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    /** The pages' policy: stylesheets, scripts and images from this server only; no inline script or style. */
    public static final String PAGE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static void securityHeaders(Context ctx) {
        boolean api = ctx.path().startsWith(API + "/") || ctx.path().equals("/health")
                || ctx.path().startsWith(CdsApi.DISCOVERY);
        ctx.header("X-Content-Type-Options", "nosniff");
        // pages: "same-origin", because under "no-referrer" browsers send "Origin: null" with every form,
        // which the pages' same-origin check must refuse
        ctx.header("Referrer-Policy", api ? "no-referrer" : "same-origin");
        ctx.header("Content-Security-Policy", api ? API_CSP : PAGE_CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    /** The one place where failures become HTTP answers: a page for a page, a problem otherwise. */
    static void mapException(Exception e, Context ctx) {
        Problem problem = toProblem(e);
        if (e instanceof RegistryException.Conflict c) {
            Preconditions.tag(ctx, c.current());
        }
        if (WebPages.isPage(ctx) || WebPages.wantsPage(ctx)) {
            securityHeaders(ctx);
            WebPages.error(ctx, problem.status(), problem.title(), problem.detail());
        } else {
            writeProblem(ctx, problem);
        }
    }

    private static Problem toProblem(Exception e) {
        if (e instanceof Problem p) {
            return p;
        }
        if (e instanceof RegistryException.AccessDenied) {
            return new Problem(403, "Forbidden", "your role may not do this", List.of());
        }
        if (e instanceof RegistryException.Conflict c) {
            return Preconditions.conflict(c);
        }
        if (e instanceof RegistryException.UnknownCase || e instanceof RegistryException.UnknownMeeting
                || e instanceof RegistryException.NotOnAgenda || e instanceof RegistryException.NoDecision) {
            return Problem.notFound(e.getMessage());
        }
        if (e instanceof RegistryException.Rejected r) {
            return Problem.badRequest(e.getMessage(), r.errors().stream()
                    .map(f -> new org.cavaplan.io.InputError(f.pointer(), f.message())).toList());
        }
        if (e instanceof RegistryException.DecisionSigned || e instanceof RegistryException.DecisionNotSigned
                || e instanceof RegistryException.AlreadyOnAgenda) {
            return new Problem(409, "Conflict", e.getMessage(), List.of());
        }
        if (e instanceof RegistryException.Invalid) {
            return Problem.badRequest(e.getMessage(), List.of());
        }
        if (e instanceof RegistryException.Unavailable) {
            return new Problem(503, "Service Unavailable", "the registry database is not available", List.of());
        }
        if (e instanceof org.eclipse.jetty.io.EofException) {
            // the client ended the connection before the body it announced was complete
            return Problem.badRequest("the request body ended before its declared length", List.of());
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
        // the stack trace goes to the log for the operator, never into the answer
        org.slf4j.LoggerFactory.getLogger(CavaPlanServer.class).error("unexpected failure", e);
        return new Problem(500, "Internal Server Error", "the server failed; the failure was not caused by the request",
                List.of());
    }

    static Problem tooLarge() {
        return new Problem(413, "Content Too Large", "the request body is larger than the server accepts", List.of());
    }

    private static void fallback(Context ctx, Problem problem) {
        String type = ctx.res().getContentType();
        boolean answered = type != null && (type.startsWith("application/problem+json")
                || WebPages.isPage(ctx) && type.startsWith("text/html"));
        if (answered) {
            return;
        }
        if (WebPages.isPage(ctx) || WebPages.wantsPage(ctx)) {
            securityHeaders(ctx);
            WebPages.error(ctx, problem.status(), problem.title(), problem.detail());
        } else {
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
