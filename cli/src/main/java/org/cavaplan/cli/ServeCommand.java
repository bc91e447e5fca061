package org.cavaplan.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;
import org.cavaplan.server.cds.CdsClientTrust;
import org.cavaplan.server.smart.SmartEhrs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code cavaplan serve}: the web API over the registry, until the process is stopped (or the
 * thread interrupted). On the first start of an empty registry it seeds the synthetic demo cohort
 * and creates an administrator whose one-time password and API token are printed once.
 */
@Command(name = "serve", description = "The web API over the registry (stop with Ctrl-C).")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "7070", description = "The port to listen on (0: a free port; default 7070).")
    int port;

    @Option(names = "--cds-trust", paramLabel = "FILE", description = "The EHRs allowed to call the CDS Hooks service: "
            + "{\"clients\": [{\"iss\": ISSUER, \"jwks\": {\"keys\": [PUBLIC KEYS]}}]}. Without it the embedded demo "
            + "database accepts unsigned calls and any other database refuses every call.")
    Path cdsTrust;

    @Option(names = "--cds-unverified", description = "Accept CDS Hooks calls without a signed JWT on any database "
            + "(tests and benchmarks only; never in front of real patients).")
    boolean cdsUnverified;

    @Option(names = "--smart-ehrs", paramLabel = "FILE", description = "The EHRs that may open CavaPlan as a SMART app "
            + "(EHR launch): {\"ehrs\": [{\"iss\": FHIR BASE URL, \"clientId\": CAVAPLAN'S CLIENT ID THERE}]}. Without it the "
            + "embedded demo database accepts a launch from any EHR (client id " + SmartEhrs.DEMO_CLIENT_ID + ") and any other "
            + "database refuses every launch.")
    Path smartEhrs;

    @CommandLine.Mixin
    RegistryAccess access;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 0 || port > 65_535) {
            spec.commandLine().getErr().println("--port: must be from 0 to 65535, not " + port);
            return Exit.BAD_INPUT;
        }
        CavaPlanServer.prepareInBackground();
        Registry registry;
        Optional<CdsClientTrust> trust;
        SmartEhrs smart;
        try {
            trust = cdsTrust();
            smart = smartEhrs();
            registry = access.open();
        } catch (Inputs.BadInput bad) {
            Inputs.print(spec.commandLine().getErr(), bad);
            return Exit.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        boolean interrupted = false;
        try (registry) {
            FirstStart.prepare(registry, FirstStart.DEMO_CASES, FirstStart.DEMO_SEED).ifPresent(admin -> {
                out.println("First start: seeded " + FirstStart.DEMO_CASES
                        + " synthetic demo cases and created the administrator.");
                out.println("  user:              " + admin.name());
                out.println("  one-time password: " + admin.password() + "  (shown once; you choose your own at the first sign-in)");
                out.println("  API token:         " + admin.token() + "  (shown once)");
            });
            try (CavaPlanServer.Running running = CavaPlanServer.create(registry, Clock.systemUTC(),
                    CavaPlanServer.Options.defaults().withCdsTrust(trust).withSmartEhrs(smart)).start(port)) {
                Thread hook = new Thread(stopped::countDown, "cavaplan-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                out.println(trust.isEmpty() ? "CDS Hooks: EHR calls are NOT verified (demo database or --cds-unverified; give --cds-trust FILE)."
                        : cdsTrust == null ? "CDS Hooks: no --cds-trust FILE given, so every EHR call is refused."
                        : "CDS Hooks: calls are verified against " + cdsTrust + ".");
                out.println(smart.open() ? "SMART launch: any EHR may open CavaPlan (demo database; give --smart-ehrs FILE)."
                        : smartEhrs == null ? "SMART launch: no --smart-ehrs FILE given, so no EHR may open CavaPlan."
                        : "SMART launch: " + smart.size() + (smart.size() == 1 ? " EHR" : " EHRs") + " from " + smartEhrs + ".");
                out.println("CavaPlan is ready at http://localhost:" + running.port() + "/");
                out.flush();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    interrupted = true; // stop cleanly below; the flag is restored once stopped
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the JVM is exiting: the hook has run
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return Exit.OK;
    }

    /** Which EHRs may launch CavaPlan: the file given; any on the embedded demo database; none otherwise. */
    private SmartEhrs smartEhrs() throws Inputs.BadInput {
        if (smartEhrs != null) {
            try {
                return SmartEhrs.load(smartEhrs);
            } catch (SmartEhrs.BadRegistration e) {
                throw new Inputs.BadInput("--smart-ehrs: " + e.getMessage());
            }
        }
        return access.db.equals(Registry.DEFAULT_URL) ? SmartEhrs.demo() : SmartEhrs.none();
    }

    /**
     * Who may call the CDS Hooks service: the allow-list given; nobody checked on the embedded demo
     * database or with {@code --cds-unverified}; nobody at all on any other database until an
     * allow-list is given.
     */
    private Optional<CdsClientTrust> cdsTrust() throws Inputs.BadInput {
        if (cdsTrust != null && cdsUnverified) {
            throw new Inputs.BadInput("--cds-trust and --cds-unverified: give one or the other");
        }
        if (cdsUnverified) {
            return Optional.empty();
        }
        if (cdsTrust != null) {
            try {
                return Optional.of(CdsClientTrust.load(cdsTrust, Clock.systemUTC()));
            } catch (IllegalArgumentException e) {
                throw new Inputs.BadInput("--cds-trust: " + e.getMessage());
            }
        }
        if (access.db.equals(Registry.DEFAULT_URL)) {
            return Optional.empty();
        }
        return Optional.of(CdsClientTrust.of(List.of(), Clock.systemUTC()));
    }
}
