package org.cavaplan.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.time.LocalDate;
import org.cavaplan.core.meeting.ActionDue;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.CaseQuery;
import org.cavaplan.registry.CaseSummary;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Page;
import org.cavaplan.server.CaseListQuery;

/**
 * The worklist's record ({@link WorklistPage}): the filters (a GET form over the parameters of {@link CaseListQuery}), a
 * table of the cases with a link to each one's plan, and paging. Paging is by case id: the next page
 * starts after the last id shown; the way back is carried in the links as the list {@code back} of
 * the pages' starting ids ({@value #FIRST} for the first page), at most {@value #MAX_BACK} deep.
 */
final class WorklistView {

    /** Marks the first page in {@code back} (a case id never starts with "-"). */
    static final String FIRST = "-";
    static final int MAX_BACK = 50;

    /** What a column shows when the value is not known. */
    private static final String NONE = "\u2013";

    private WorklistView() {}

    /**
     * The tumor board around the worklist: on the home page the next meeting and the signed-in user's
     * actions due or overdue ({@code today} tells them apart); {@code agenda}: the meeting whose agenda
     * the list is narrowed to.
     */
    record Board(Optional<Meeting> next, List<ActionDue> actions, LocalDate today, Optional<Meeting> agenda) {
        static final Board NONE = new Board(Optional.empty(), List.of(), null, Optional.empty());
    }

    /**
     * The cases of an agenda ({@code ids}, in agenda order) that match the query's filters, read from
     * the filtered search page by page until every one is found. One page, no paging.
     */
    static Page agendaCases(Registry registry, Actor actor, CaseListQuery query, List<String> ids) {
        java.util.Map<String, CaseSummary> found = new java.util.HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>(ids);
        CaseQuery next = query.query().withLimit(CaseQuery.MAX_LIMIT);
        while (!wanted.isEmpty() && found.size() < wanted.size()) {
            Page page = registry.search(actor, next);
            for (CaseSummary c : page.cases()) {
                if (wanted.contains(c.caseId()) && query.text().map(t -> c.caseId().toLowerCase(Locale.ROOT).contains(t))
                        .orElse(true)) {
                    found.put(c.caseId(), c);
                }
            }
            if (page.nextAfter().isEmpty()) {
                break;
            }
            next = next.withAfter(page.nextAfter().get());
        }
        List<CaseSummary> ordered = new ArrayList<>();
        for (String id : ids) {
            if (found.containsKey(id)) {
                ordered.add(found.get(id));
            }
        }
        return new Page(ordered, Optional.empty());
    }

    static WorklistPage page(Frame frame, Map<String, String> params, List<String> back, Optional<Page> page,
            List<String> errors) {
        return page(frame, params, back, page, errors, Board.NONE);
    }

    /**
     * The worklist page. {@code params}: the filters as given (name to value, blank ones left out);
     * {@code back}: the way back; {@code page}: the cases found (empty when the filters were not
     * valid); {@code errors}: what is wrong with the filters.
     */
    static WorklistPage page(Frame frame, Map<String, String> params, List<String> back, Optional<Page> page,
            List<String> errors, Board board) {
        List<WorklistPage.Filter> filters = List.of(
                filter("level", "Highest IVC level reached", List.of("1", "2", "3"), params),
                filter("stage", "Stage of the pathway", CaseListQuery.names(Stage.class), params),
                filter("intent", "Intent", CaseListQuery.names(Intent.class), params),
                filter("margin", "Resection margin", CaseListQuery.names(Margin.class), params));
        List<WorklistPage.Row> rows = page.map(p -> p.cases().stream().map(WorklistView::row).toList()).orElse(List.of());
        List<WorklistPage.PageLink> paging = page.map(p -> paging(params, back, p)).orElse(List.of());
        WorklistPage.NextMeeting next = board.next().map(m -> new WorklistPage.NextMeeting("/meetings/" + m.id(),
                m.date().toString(), m.title())).orElse(null);
        List<WorklistPage.ActionLine> actions = new ArrayList<>();
        for (ActionDue a : board.actions()) {
            actions.add(new WorklistPage.ActionLine(a.action().text(), a.action().due().toString(), a.overdue(board.today()),
                    a.caseId(), "/meetings/" + a.meetingId() + "/cases/" + WebPages.encode(a.caseId()) + "/decision",
                    a.meetingTitle() + ", " + a.meetingDate()));
        }
        WorklistPage.AgendaFilter agenda = board.agenda().map(m -> new WorklistPage.AgendaFilter(Long.toString(m.id()),
                "/meetings/" + m.id(), m.title(), m.date().toString())).orElse(null);
        return new WorklistPage(frame, params.getOrDefault("q", ""), filters, errors, page.isPresent(), rows,
                agenda == null ? paging : List.of(), board.today() != null, next, actions, agenda);
    }

    private static WorklistPage.Filter filter(String name, String label, List<String> options, Map<String, String> params) {
        String chosen = params.getOrDefault(name, "");
        return new WorklistPage.Filter(name, label, options.stream()
                .map(o -> new WorklistPage.Option(o, label(o), o.equalsIgnoreCase(chosen))).toList());
    }

    private static String label(String name) {
        String lower = name.replace('_', ' ').toLowerCase(Locale.ROOT);
        return name.length() <= 2 ? name : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static WorklistPage.Row row(CaseSummary c) {
        return new WorklistPage.Row(c.caseId(), WebPages.encode(c.caseId()), c.synthetic(), c.version(),
                c.ivcLevels().isEmpty() ? "unknown" : join(c.ivcLevels()), label(c.stage().name()), label(c.intent().name()),
                c.margin().map(Margin::name).orElse(NONE), c.grade().map(String::valueOf).orElse(NONE),
                c.sizeCm().map(s -> String.format(Locale.ROOT, "%.1f", s)).orElse(NONE),
                c.operationDate().map(Object::toString).orElse(NONE), c.vitalStatus().map(v -> label(v.name())).orElse(NONE));
    }

    private static String join(List<Integer> levels) {
        List<String> parts = new ArrayList<>();
        for (Integer level : levels) {
            parts.add(String.valueOf(level));
        }
        return String.join(", ", parts);
    }

    private static List<WorklistPage.PageLink> paging(Map<String, String> params, List<String> back, Page page) {
        String cursor = params.get("cursor");
        List<String> trail = new ArrayList<>(back.size() > MAX_BACK ? back.subList(back.size() - MAX_BACK, back.size()) : back);
        List<WorklistPage.PageLink> links = new ArrayList<>();
        if (cursor != null) {
            if (trail.isEmpty()) {
                links.add(link(params, null, List.of(), "First page", "first"));
            } else {
                String previous = trail.get(trail.size() - 1);
                links.add(link(params, previous.equals(FIRST) ? null : previous, trail.subList(0, trail.size() - 1),
                        "Previous page", "prev"));
            }
        }
        if (page.nextAfter().isPresent()) {
            List<String> nextTrail = new ArrayList<>(trail);
            nextTrail.add(cursor == null ? FIRST : cursor);
            if (nextTrail.size() > MAX_BACK) {
                nextTrail.remove(0);
            }
            links.add(link(params, page.nextAfter().get(), nextTrail, "Next page", "next"));
        }
        return links;
    }

    private static WorklistPage.PageLink link(Map<String, String> params, String cursor, List<String> back, String label,
            String rel) {
        StringBuilder href = new StringBuilder("/cases?");
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().equals("cursor")) {
                href.append(e.getKey()).append('=').append(WebPages.encode(e.getValue())).append('&');
            }
        }
        if (cursor != null) {
            href.append("cursor=").append(WebPages.encode(cursor)).append('&');
        }
        for (String b : back) {
            href.append("back=").append(WebPages.encode(b)).append('&');
        }
        href.setLength(href.length() - 1);
        return new WorklistPage.PageLink(rel, href.toString(), label);
    }
}
