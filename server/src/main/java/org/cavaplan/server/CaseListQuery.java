package org.cavaplan.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.CaseQuery;
import org.cavaplan.registry.CaseSummary;
import org.cavaplan.registry.Page;
import org.cavaplan.registry.Registry;

/**
 * A list of cases as asked for by query parameters, shared by {@code GET /api/v1/cases} and the
 * worklist page: {@code level} (1–3), {@code stage}, {@code intent}, {@code margin} (names of the
 * enums, any case), {@code q} (text the case id contains), {@code limit} (1–{@value #MAX_LIMIT},
 * default {@value #DEFAULT_LIMIT}) and {@code cursor} (the case id after which the page starts).
 *
 * @param text the lower-cased text to find in case ids, if any
 */
public record CaseListQuery(CaseQuery query, int limit, Optional<String> text) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    /** The names of the parameters read, in the order a form shows them. */
    public static final List<String> PARAMETERS = List.of("q", "level", "stage", "intent", "margin", "limit", "cursor");

    /**
     * Reads the parameters through {@code param} (null or blank: not given).
     *
     * @throws Problem a 400 problem naming the first bad parameter
     */
    public static CaseListQuery parse(Function<String, String> param) {
        CaseQuery query = CaseQuery.all();
        String level = param.apply("level");
        if (level != null && !level.isBlank()) {
            query = query.withLevel(integer("level", level, 1, 3));
        }
        Stage stage = enumParam(param, "stage", Stage.class);
        if (stage != null) {
            query = query.withStage(stage);
        }
        Intent intent = enumParam(param, "intent", Intent.class);
        if (intent != null) {
            query = query.withIntent(intent);
        }
        Margin margin = enumParam(param, "margin", Margin.class);
        if (margin != null) {
            query = query.withMargin(margin);
        }
        String limitText = param.apply("limit");
        int limit = limitText == null || limitText.isBlank() ? DEFAULT_LIMIT : integer("limit", limitText, 1, MAX_LIMIT);
        String cursor = param.apply("cursor");
        if (cursor != null && !cursor.isBlank()) {
            query = query.withAfter(cursor);
        }
        String q = param.apply("q");
        Optional<String> text = q == null || q.isBlank() ? Optional.empty() : Optional.of(q.strip().toLowerCase(Locale.ROOT));
        return new CaseListQuery(query, limit, text);
    }

    /** The page of cases; a text search scans pages of the filtered search, keyset paging kept. */
    public Page run(Registry registry, Actor actor) {
        if (text.isEmpty()) {
            return registry.search(actor, query.withLimit(limit));
        }
        List<CaseSummary> found = new ArrayList<>();
        CaseQuery next = query.withLimit(CaseQuery.MAX_LIMIT);
        while (true) {
            Page page = registry.search(actor, next);
            for (CaseSummary c : page.cases()) {
                if (c.caseId().toLowerCase(Locale.ROOT).contains(text.get())) {
                    found.add(c);
                    if (found.size() == limit) {
                        return new Page(found, Optional.of(c.caseId()));
                    }
                }
            }
            if (page.nextAfter().isEmpty()) {
                return new Page(found, Optional.empty());
            }
            next = next.withAfter(page.nextAfter().get());
        }
    }

    /** The names an enum parameter accepts. */
    public static <E extends Enum<E>> List<String> names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            names.add(value.name());
        }
        return names;
    }

    private static int integer(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.badParameter(name, "must be a whole number from " + min + " to " + max + ", not \"" + text + "\"");
    }

    private static <E extends Enum<E>> E enumParam(Function<String, String> param, String name, Class<E> type) {
        String text = param.apply(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.strip())) {
                return value;
            }
        }
        throw Problem.badParameter(name, "must be one of " + String.join(", ", names(type)) + ", not \"" + text + "\"");
    }
}
