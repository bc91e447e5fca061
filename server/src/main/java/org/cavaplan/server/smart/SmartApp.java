package org.cavaplan.server.smart;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cavaplan.core.model.Case;
import org.cavaplan.fhir.CdsHooks;
import org.cavaplan.fhir.MappedCase;
import org.cavaplan.io.InputError;
import org.cavaplan.io.ReadResult;
import org.cavaplan.server.ehr.EhrRecord;

/**
 * CavaPlan opened from an EHR as a SMART app: {@link #begin} and {@link #complete} run the launch
 * ({@link SmartLaunch}), then the patient's record is read from the EHR's FHIR server with the access
 * token ({@link EhrRecord}, every prefetch query with every page) and turned into a case as the CDS
 * Hooks service does. The clinician gets a {@link Session}: the record as read, for the plan page,
 * and nothing stored until they choose to store it. The access token is dropped once the record is
 * read. Sessions live in this server's memory: {@link #IDLE} without use, {@link #ABSOLUTE} at most,
 * {@link #MAX_SESSIONS} at once (the oldest goes first); a restart ends them, and the clinician opens
 * CavaPlan again from the EHR. Thread-safe.
 */
public final class SmartApp {

    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    static final int MAX_SESSIONS = 1_000;

    /** What the EHR's record gave. */
    public sealed interface Record {
        /** A case CavaPlan can plan, and its JSON as it would be stored. */
        record Planned(Case kase, String caseJson) implements Record {}

        /** No condition of the record is a leiomyosarcoma of the vena cava (nor a vena cava tumor awaiting biopsy). */
        record NotForCavaPlan() implements Record {}

        /** A leiomyosarcoma patient whose record lacks or garbles facts the plan needs. */
        record CannotPlan(List<InputError> errors) implements Record {
            public CannotPlan {
                errors = List.copyOf(errors);
            }
        }
    }

    /**
     * One launch's session: its cookie token and anti-forgery token, the EHR (its FHIR base URL and its name), the patient, who
     * launched, when the record was read, and what it gave.
     */
    public record Session(String token, String csrfToken, String issuer, String ehrName, String patientId, String user,
            Instant readAt, Record record) {
        @Override
        public String toString() {
            return "Session[" + issuer + ", patient " + patientId + "]";
        }
    }

    private record Live(Session session, Instant lastUsed) {}

    private final SmartLaunch launch;
    private final Supplier<CdsHooks> hooks;
    private final Clock clock;
    private final EhrRecord ehr;
    private final Map<String, Live> sessions = new ConcurrentHashMap<>();

    /**
     * {@code hooks}: the FHIR reader (built once, in the background, by the server); {@code ehr}: the
     * server's reader of EHR records (one HTTP client for the CDS service and the app).
     */
    public SmartApp(SmartEhrs ehrs, Supplier<CdsHooks> hooks, EhrRecord ehr, Clock clock) {
        this.launch = new SmartLaunch(ehrs, clock);
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.ehr = Objects.requireNonNull(ehr, "ehr");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The launch: where to send the browser for the EHR's authorization. */
    public SmartLaunch.Authorization begin(String iss, String launchId, String redirectUri) {
        return launch.begin(iss, launchId, redirectUri);
    }

    /**
     * The EHR's answer: exchanges the code, reads the record and opens a session.
     *
     * @throws SmartLaunch.Refused when the EHR refused or its answer cannot be used
     * @throws EhrRecord.Unreadable when the record cannot be read in full
     */
    public Session complete(String state, Optional<String> code, Optional<String> error, Optional<String> errorDescription) {
        SmartLaunch.Granted granted = launch.complete(state, code, error, errorDescription);
        ObjectNode prefetch = JsonNodeFactory.instance.objectNode();
        ehr.read(granted.fhirBase(), granted.patientId(), Optional.of(granted.accessToken()),
                CdsHooks.prefetchTemplates().keySet(), prefetch);
        Record record;
        if (!CdsHooks.speaksFor(prefetch.get("conditions"))) {
            record = new Record.NotForCavaPlan();
        } else {
            MappedCase mapped = hooks.get().caseKeepingJson(prefetch);
            record = mapped.result() instanceof ReadResult.Valid valid
                    ? new Record.Planned(valid.value(), mapped.caseJson().orElseThrow())
                    : new Record.CannotPlan(((ReadResult.Invalid) mapped.result()).errors());
        }
        Session session = new Session(SmartLaunch.random(32), SmartLaunch.random(32), granted.ehr().issuer(),
                granted.ehr().name(), granted.patientId(), granted.user(), clock.instant(), record);
        purge();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastUsed()))
                    .ifPresent(e -> sessions.remove(e.getKey()));
        }
        sessions.put(session.token(), new Live(session, clock.instant()));
        return session;
    }

    /** The live session of a cookie token; using it keeps it alive. */
    public Optional<Session> session(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Live live = sessions.get(token);
        Instant now = clock.instant();
        if (live == null) {
            return Optional.empty();
        }
        if (expired(live, now)) {
            sessions.remove(token);
            return Optional.empty();
        }
        sessions.put(token, new Live(live.session(), now));
        return Optional.of(live.session());
    }

    private boolean expired(Live live, Instant now) {
        return live.lastUsed().plus(IDLE).isBefore(now) || live.session().readAt().plus(ABSOLUTE).isBefore(now);
    }

    private void purge() {
        Instant now = clock.instant();
        sessions.values().removeIf(l -> expired(l, now));
    }
}
