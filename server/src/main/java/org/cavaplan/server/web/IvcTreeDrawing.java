package org.cavaplan.server.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.plan.IvcPath;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.vocabulary.Vocabulary;
import org.cavaplan.core.vocabulary.PlanWords;
import org.cavaplan.server.web.PlanPage.NodeState;

/**
 * The engine's IVC decision path laid out as a tree for {@code plan/ivcTree.jte}: upper segment,
 * then occlusion with collaterals (ligation), then circumference against the threshold (patch or
 * graft), then contamination (conduit material). The path the engine took is drawn thick and solid; a
 * node whose fact is unknown is dashed and ends the path. It reads the branch taken at each step from
 * {@link IvcPath} and decides nothing; it places boxes and writes the steps in words. Stateless.
 */
final class IvcTreeDrawing {

    /** The tree's boxes, where they stand and how high they are (all are {@link #WIDTH} wide). */
    private enum Box {
        UPPER(10, 112, 76), LIGATE(260, 24, 76), LIGATION(510, 34, 56), CIRC(510, 184, 76),
        PATCH(790, 126, 56), EITHER(790, 194, 56), GRAFT(790, 262, 56), CONDUIT(1040, 184, 76);

        final int x;
        final int y;
        final int h;

        Box(int x, int y, int h) {
            this.x = x;
            this.y = y;
            this.h = h;
        }

        int mid() {
            return y + h / 2;
        }
    }

    /** The tree's edges, in the order they are drawn. */
    private enum Link {
        UPPER_LIGATE(Box.UPPER, Box.LIGATE, false), UPPER_CIRC(Box.UPPER, Box.CIRC, false),
        LIGATE_LIGATION(Box.LIGATE, Box.LIGATION, false), LIGATE_CIRC(Box.LIGATE, Box.CIRC, true),
        CIRC_PATCH(Box.CIRC, Box.PATCH, false), CIRC_EITHER(Box.CIRC, Box.EITHER, false), CIRC_GRAFT(Box.CIRC, Box.GRAFT, false),
        PATCH_CONDUIT(Box.PATCH, Box.CONDUIT, false), EITHER_CONDUIT(Box.EITHER, Box.CONDUIT, false),
        GRAFT_CONDUIT(Box.GRAFT, Box.CONDUIT, false);

        final Box from;
        final Box to;
        /** The elbow stands just before the target and the label beside the vertical part. */
        final boolean late;

        Link(Box from, Box to, boolean late) {
            this.from = from;
            this.to = to;
            this.late = late;
        }
    }

    static final int WIDTH = 200;
    private static final int LINE_HEIGHT = 15;

    private IvcTreeDrawing() {}

    /** The tree of {@code path}. */
    static PlanPage.IvcTree of(IvcPath path) {
        Map<Box, NodeState> state = new EnumMap<>(Box.class);
        for (Box b : Box.values()) {
            state.put(b, NodeState.OFF);
        }
        Set<Link> on = EnumSet.noneOf(Link.class);
        List<String> steps = new ArrayList<>();

        String upper = path.upperSegmentInvolved().map(b -> b ? "yes" : "no").orElse("unknown");
        String lumen = path.lumen().map(Enum::name).orElse("unknown");
        String collaterals = path.collaterals().map(Enum::name).orElse("unknown");
        String circumference = path.circumferencePct().map(PlanView::value).orElse("unknown");
        Optional<String> circSource = path.circumferenceSource().map(Vocabulary::enumWords);
        String threshold = PlanView.value(path.circumferenceThresholdPct());
        Optional<Boolean> contamination = path.grossContamination();

        String levels = path.ivcLevels().isEmpty() ? "levels unknown"
                : (path.ivcLevels().size() == 1 ? "level " : "levels ") + PlanView.joinNumbers(path.ivcLevels());
        state.put(Box.UPPER, upper.equals("unknown") ? NodeState.UNKNOWN : NodeState.ON);
        steps.add("Upper segment (level 3) involved: " + upper + " (" + levels + ").");
        String findings = "Lumen " + words(lumen) + ", collaterals " + words(collaterals);
        switch (path.ligationStep()) {
            case UPPER_SEGMENT_RECONSTRUCT -> {
                on.add(Link.UPPER_CIRC);
                state.put(Box.UPPER, NodeState.ON);
                steps.add("Ligation is contraindicated at level 3: the IVC must be reconstructed.");
            }
            case LIGATE -> {
                on.add(Link.UPPER_LIGATE);
                on.add(Link.LIGATE_LIGATION);
                state.put(Box.LIGATE, NodeState.ON);
                state.put(Box.LIGATION, NodeState.ON);
                steps.add(findings + ": ligation without reconstruction.");
            }
            case LIGATION_NOT_ADVISED_RECONSTRUCT -> {
                on.add(Link.UPPER_LIGATE);
                on.add(Link.LIGATE_CIRC);
                state.put(Box.LIGATE, NodeState.ON);
                steps.add(findings + ": not occluded with well-developed collaterals, so no ligation; reconstruct.");
            }
            case AWAITING_FINDINGS -> {
                if (!upper.equals("unknown")) {
                    on.add(Link.UPPER_LIGATE);
                    state.put(Box.LIGATE, NodeState.UNKNOWN);
                }
                steps.add(findings + ": the path stops here until the missing facts are recorded.");
            }
            case RECONSTRUCT -> { }
        }
        path.reconstructionStep().ifPresent(step -> {
            String circText = "Circumference " + (circumference.equals("unknown") ? "unknown" : circumference + " %")
                    + circSource.map(source -> " (" + source + ")").orElse("") + " against " + threshold + " %";
            Box leaf = switch (step) {
                case PATCH -> Box.PATCH;
                case GRAFT -> Box.GRAFT;
                case PATCH_OR_GRAFT -> Box.EITHER;
                case AWAITING_CIRCUMFERENCE -> null;
            };
            steps.add(circText + switch (step) {
                case PATCH -> ": patch cavoplasty.";
                case GRAFT -> ": interposition graft.";
                case PATCH_OR_GRAFT -> ": exactly at the threshold, patch or graft are both options.";
                case AWAITING_CIRCUMFERENCE -> ": the path stops here until the circumference is known.";
            });
            state.put(Box.CIRC, leaf == null ? NodeState.UNKNOWN : NodeState.ON);
            if (leaf != null) {
                on.add(switch (leaf) {
                    case PATCH -> Link.CIRC_PATCH;
                    case GRAFT -> Link.CIRC_GRAFT;
                    default -> Link.CIRC_EITHER;
                });
                on.add(switch (leaf) {
                    case PATCH -> Link.PATCH_CONDUIT;
                    case GRAFT -> Link.GRAFT_CONDUIT;
                    default -> Link.EITHER_CONDUIT;
                });
                state.put(leaf, NodeState.ON);
                state.put(Box.CONDUIT, NodeState.ON);
                steps.add("Gross contamination: " + contamination.map(b -> b ? "yes, so an autologous vein conduit and no "
                        + "prosthetic material." : "no, so a prosthetic conduit (bovine pericardium, ringed PTFE) may be used.")
                        .orElse(path.operated()
                                ? "not recorded; prosthetic material is contraindicated if the field was contaminated."
                                : "known only at operation; prosthetic material is contraindicated if the field is contaminated."));
            }
        });

        List<PlanPage.Edge> edges = new ArrayList<>();
        for (Link link : Link.values()) {
            edges.add(edge(link, on.contains(link), label(link, threshold)));
        }
        String circumferenceCase = "case: " + (circumference.equals("unknown") ? "unknown" : circumference + " %");
        List<PlanPage.Node> nodes = List.of(
                node(Box.UPPER, state, List.of("Upper segment (level 3)", "involved?", "case: " + words(upper))),
                node(Box.LIGATE, state, List.of("Occluded lumen with well-", "developed collaterals?",
                        "lumen: " + words(lumen), "collaterals: " + words(collaterals))),
                node(Box.LIGATION, state, leafLines("Ligation", path.ligation())),
                node(Box.CIRC, state, List.of("Circumference resected", "against " + threshold + " %?", circumferenceCase)),
                node(Box.PATCH, state, leafLines("Patch cavoplasty", path.patch())),
                node(Box.EITHER, state, List.of("Patch or graft", "(at the threshold)")),
                node(Box.GRAFT, state, leafLines("Interposition graft", path.graft())),
                node(Box.CONDUIT, state, List.of("Gross contamination?",
                        "case: " + contamination.map(b -> b ? "yes" : "no").orElse("not recorded"),
                        contamination.map(b -> b ? "autologous vein only" : "prosthetic allowed")
                                .orElse(path.operated() ? "prosthetic only if clean" : "known at operation"))));
        List<PlanPage.MissingItem> missing = new ArrayList<>();
        for (MissingData m : path.missing()) {
            missing.add(new PlanPage.MissingItem(m.pointer(), PlanWords.field(m.pointer()), m.reason()));
        }
        return new PlanPage.IvcTree(steps, edges, nodes, missing);
    }

    /** The label of an edge: the answer it stands for; null for the edges into the conduit. */
    private static String label(Link link, String threshold) {
        return switch (link) {
            case UPPER_LIGATE, LIGATE_CIRC -> "no";
            case UPPER_CIRC, LIGATE_LIGATION -> "yes";
            case CIRC_PATCH -> "< " + threshold + " %";
            case CIRC_EITHER -> "= " + threshold + " %";
            case CIRC_GRAFT -> "> " + threshold + " %";
            case PATCH_CONDUIT, EITHER_CONDUIT, GRAFT_CONDUIT -> null;
        };
    }

    private static PlanPage.Edge edge(Link link, boolean on, String label) {
        int x1 = link.from.x + WIDTH;
        int y1 = link.from.mid();
        int x2 = link.to.x;
        int y2 = link.to.mid();
        int elbow = link.late || link.to == Box.CONDUIT ? x2 - 20 : link.from == Box.CIRC ? x1 + 15 : x1 + 20;
        int labelX = link.late ? elbow + 4 : (elbow + x2) / 2;
        int labelY = link.late ? (y1 + y2) / 2 : y2 - 6;
        return new PlanPage.Edge(on, x1, y1, elbow, y2, x2, label, labelX, labelY, link.late ? "start" : "middle");
    }

    private static PlanPage.Node node(Box box, Map<Box, NodeState> states, List<String> texts) {
        NodeState s = states.get(box);
        int top = box.y + (box.h - texts.size() * LINE_HEIGHT) / 2 + 11;
        List<PlanPage.Line> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            lines.add(new PlanPage.Line(box.x + 8, top + i * LINE_HEIGHT, i == 0 && s != NodeState.OFF, texts.get(i)));
        }
        return new PlanPage.Node(s, box.x, box.y, WIDTH, box.h, lines);
    }

    private static List<String> leafLines(String title, Optional<Status> status) {
        return List.of(title, status.map(PlanWords::status).orElse("not in this plan"));
    }

    /** An enum constant or code as lower-case words: {@code WELL_DEVELOPED} becomes "well developed". */
    private static String words(String name) {
        return PlanView.words(name);
    }
}
