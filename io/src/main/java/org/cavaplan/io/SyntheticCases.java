package org.cavaplan.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Clinically plausible synthetic cases for demonstrations, tests and benchmarks. Every case is
 * labelled synthetic in its {@code caseId} ({@code SYNTH-<seed>-<n>}), passes validation, and is a
 * pure function of the seed and its number. Levels, IVC managements, margins, grades, neoadjuvant
 * therapy, follow-up, recurrence and death are all represented; recurrence and death depend on
 * grade, margin and level so that outcome analyses find a signal. The numbers are invented.
 */
public final class SyntheticCases {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] LANDMARKS = {"RIGHT_ATRIUM", "SUPRAHEPATIC", "HEPATIC_VEINS", "SUPRARENAL", "RENAL_VEINS",
        "INFRARENAL", "ILIAC_CONFLUENCE"};
    private static final LocalDate FIRST = LocalDate.of(2005, 1, 1);
    private static final LocalDate DATA_CUTOFF = LocalDate.of(2026, 6, 30);

    private SyntheticCases() {}

    /** The case with number {@code n} (from 1) of the series for {@code seed}. */
    public static ObjectNode generate(long seed, int n) {
        return new Builder(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n), seed, n).build();
    }

    /** Cases 1 to {@code count} of the series for {@code seed}. */
    public static List<ObjectNode> generate(long seed, int first, int count) {
        List<ObjectNode> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(generate(seed, first + i));
        }
        return list;
    }

    private static final class Builder {
        private final SplittableRandom r;
        private final ObjectNode c = NODES.objectNode();
        private final long seed;
        private final int n;

        Builder(SplittableRandom r, long seed, int n) {
            this.r = r;
            this.seed = seed;
            this.n = n;
        }

        private boolean chance(double p) {
            return r.nextDouble() < p;
        }

        private <T> T pick(T[] values) {
            return values[r.nextInt(values.length)];
        }

        private double round1(double v) {
            return Math.round(v * 10.0) / 10.0;
        }

        ObjectNode build() {
            ObjectNode built = buildPathway();
            addContractV2Fields(built);
            return built;
        }

        /**
         * The optional fields of case schema v2 (ASA class, ejection fraction, eGFR, regional nodes,
         * pulmonary embolism), drawn from a random stream of their own so that the rest of each
         * synthetic case is the same as before they existed.
         */
        private void addContractV2Fields(ObjectNode kase) {
            SplittableRandom v2 = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + n + 1);
            ObjectNode patient = (ObjectNode) kase.get("patient");
            if (v2.nextDouble() < 0.5) {
                patient.put("asaClass", 1 + v2.nextInt(4));
            }
            if (v2.nextDouble() < 0.3) {
                patient.put("lvefPct", (double) (35 + v2.nextInt(36)));
            }
            if (v2.nextDouble() < 0.4) {
                patient.put("egfrMlMin", (double) (20 + v2.nextInt(91)));
            }
            ObjectNode first = (ObjectNode) kase.get("imaging").get(0);
            if (v2.nextDouble() < 0.2) {
                first.put("regionalNodes", v2.nextDouble() < 0.25 ? "N1" : "N0");
            }
            if (v2.nextDouble() < 0.05) {
                first.put("pulmonaryEmbolism", true);
            }
            if (kase.has("pathology") && v2.nextDouble() < 0.3) {
                ((ObjectNode) kase.get("pathology")).put("regionalNodes", v2.nextDouble() < 0.15 ? "N1" : "N0");
            }
        }

        private ObjectNode buildPathway() {
            c.put("schemaVersion", "1");
            c.put("caseId", "SYNTH-" + seed + "-" + String.format("%05d", n));
            int age = (int) Math.max(25, Math.min(88, Math.round(58 + 11 * r.nextGaussian())));
            ObjectNode patient = c.putObject("patient");
            patient.put("ageYears", age);
            patient.put("sex", chance(0.72) ? "FEMALE" : "MALE");
            int ecog = chance(0.55) ? 0 : chance(0.7) ? 1 : 2;
            if (chance(0.85)) {
                patient.put("ecog", ecog);
            }

            // The tumor.
            int cranial;
            int caudal;
            double levelDraw = r.nextDouble();
            if (levelDraw < 0.14) {
                cranial = r.nextInt(3);
                caudal = 3 + r.nextInt(3);
            } else if (levelDraw < 0.62) {
                cranial = 3 + r.nextInt(2);
                caudal = cranial + r.nextInt(3);
            } else {
                cranial = 5;
                caudal = 5 + r.nextInt(2);
            }
            caudal = Math.max(cranial, Math.min(6, caudal));
            boolean upper = cranial <= 2;
            double size = round1(Math.max(2.5, Math.min(28, 9 + 4.5 * r.nextGaussian())));
            int grade = chance(0.2) ? 1 : chance(0.5) ? 2 : 3;
            boolean metastatic = chance(0.08);

            ObjectNode presentation = c.putObject("presentation");
            boolean incidental = chance(0.3);
            presentation.put("incidental", incidental);
            ArrayNode symptoms = presentation.putArray("symptoms");
            if (!incidental || chance(0.3)) {
                symptoms.add(chance(0.6) ? "ABDOMINAL_PAIN" : "FLANK_PAIN");
                if (chance(0.2)) {
                    symptoms.add("LOWER_EXTREMITY_EDEMA");
                }
                if (upper && chance(0.3)) {
                    symptoms.add("BUDD_CHIARI");
                }
                if (cranial == 0 && chance(0.5)) {
                    symptoms.add("CARDIAC_ARRHYTHMIA");
                }
            }
            if (chance(0.93)) {
                ObjectNode histology = c.putObject("histology");
                histology.put("diagnosis", chance(0.95) ? "LEIOMYOSARCOMA" : "NON_DIAGNOSTIC");
                histology.put("source", "CORE_NEEDLE_BIOPSY");
                if (chance(0.6)) {
                    histology.put("fnclccGrade", grade);
                }
            }

            // Imaging at presentation.
            LocalDate diagnosed = FIRST.plusDays(r.nextInt(365 * 17));
            ArrayNode imaging = c.putArray("imaging");
            double circumference = Math.min(100, Math.max(10, Math.round(40 + 30 * r.nextGaussian())));
            if (chance(0.05)) {
                circumference = 75;
            }
            boolean occluded = chance(size > 10 ? 0.35 : 0.15);
            String involvement = chance(0.04) ? "NONE" : occluded || chance(0.3) ? "INTRALUMINAL" : chance(0.85) ? "WALL" : "ABUTS";
            ObjectNode ct = study(imaging, diagnosed, "CT", size, 1.0);
            ct.put("chestIncluded", chance(0.88));
            ct.put("ivcInvolvement", involvement);
            ct.put("cranialExtent", LANDMARKS[cranial]);
            ct.put("caudalExtent", LANDMARKS[caudal]);
            if (chance(0.8)) {
                ct.put("ivcCircumferenceInvolvedPct", circumference);
            }
            ct.put("ivcDiameterMm", (double) Math.max(12, Math.min(32, Math.round(18 + 4 * r.nextGaussian()))));
            if (chance(0.85)) {
                ct.put("ivcLumen", occluded ? "OCCLUDED" : chance(0.5) ? "NARROWED" : "PATENT");
            }
            if (chance(0.75)) {
                ct.put("collaterals", occluded && chance(0.7) ? "WELL_DEVELOPED" : chance(0.5) ? "MINIMAL" : "NONE");
            }
            ct.put("intraluminalGrowth", "INTRALUMINAL".equals(involvement) ? (chance(0.5) ? "SIGNIFICANT" : "MINOR") : "NONE");
            if (upper || cranial <= 4) {
                ct.put("hepaticVeinThrombosis", upper && chance(0.15));
                ct.put("renalVeinThrombosis", chance(0.05));
            }
            ArrayNode organs = ct.putArray("invadedOrgans");
            if (chance(0.3)) {
                organs.add(cranial <= 4 ? "RIGHT_KIDNEY" : "DUODENUM");
            }
            if (upper && chance(0.3)) {
                organs.add("LIVER");
            }
            ArrayNode mets = ct.putArray("distantMetastases");
            if (metastatic) {
                mets.add(chance(0.7) ? "LUNG" : "LIVER");
            }
            if (chance(0.5)) {
                study(imaging, diagnosed.plusDays(7 + r.nextInt(21)), "MRI", size, 1.05);
            }

            double stageDraw = r.nextDouble();
            if (stageDraw < 0.10) {
                return c; // pretreatment: imaging only
            }
            LocalDate last = diagnosed.plusDays(30);
            boolean radiotherapy = !metastatic && chance(0.4);
            boolean chemotherapy = !metastatic && chance(0.12);
            double shrink = 1.0;
            if (radiotherapy || chemotherapy) {
                ObjectNode neo = c.putObject("neoadjuvant");
                LocalDate end = diagnosed.plusDays(60 + r.nextInt(30));
                if (radiotherapy) {
                    ObjectNode rt = neo.putObject("radiotherapy");
                    boolean boost = chance(0.3);
                    rt.put("totalDoseGy", boost ? 55.0 : 50.4);
                    rt.put("fractions", boost ? 30 : 28);
                    rt.put("endDate", end.toString());
                }
                if (chemotherapy) {
                    ObjectNode ch = neo.putObject("chemotherapy");
                    ch.put("regimen", chance(0.5) ? "doxorubicin" : "doxorubicin + dacarbazine");
                    ch.put("cycles", 3 + r.nextInt(4));
                    ch.put("endDate", end.plusDays(radiotherapy ? 7 : 0).toString());
                }
                shrink = Math.max(0.5, Math.min(1.5, 0.95 + 0.2 * r.nextGaussian()));
                last = end.plusDays(21 + r.nextInt(21));
                if (stageDraw < 0.16) {
                    if (chance(0.7)) {
                        study(imaging, last, "MRI", size * shrink, 1.0);
                    }
                    return c; // after neoadjuvant therapy, not yet operated
                }
                study(imaging, last, chance(0.5) ? "MRI" : "CT", size * shrink, 1.0);
            } else if (stageDraw < 0.16) {
                return c;
            }

            // The operation.
            LocalDate opDate = last.plusDays(14 + r.nextInt(42));
            ObjectNode op = c.putObject("operation");
            op.put("date", opDate.toString());
            ObjectNode findings = op.putObject("findings");
            boolean contaminated = chance(0.05);
            findings.put("liverMetastases", metastatic && chance(0.3));
            findings.put("peritonealMetastases", false);
            findings.put("grossContamination", contaminated);
            if (occluded) {
                findings.put("ivcLumen", "OCCLUDED");
            }
            if (chance(0.6)) {
                findings.put("collaterals", occluded && chance(0.7) ? "WELL_DEVELOPED" : "MINIMAL");
            }
            String management;
            if ("NONE".equals(involvement)) {
                management = "NONE";
            } else {
                op.put("circumferenceResectedPct", circumference);
                boolean ligate = !upper && occluded && "WELL_DEVELOPED".equals(findings.path("collaterals").asText()) && chance(0.8);
                if (ligate) {
                    management = "LIGATION";
                } else if (circumference < 75) {
                    management = chance(0.9) ? "PATCH_CAVOPLASTY" : (circumference < 30 ? "PRIMARY_REPAIR" : "INTERPOSITION_GRAFT");
                } else if (circumference > 75) {
                    management = chance(0.93) ? "INTERPOSITION_GRAFT" : "PATCH_CAVOPLASTY";
                } else {
                    management = chance(0.5) ? "INTERPOSITION_GRAFT" : "PATCH_CAVOPLASTY";
                }
                op.put("resectedLengthCm", round1(Math.max(1.5, Math.min(20, size * 0.8 + r.nextGaussian()))));
            }
            op.put("ivcManagement", management);
            if (management.equals("INTERPOSITION_GRAFT")) {
                op.put("conduit", contaminated ? "AUTOLOGOUS_VEIN" : "RINGED_PTFE");
                op.put("conduitDiameterMm", chance(0.3) ? 12 : 18);
            } else if (management.equals("PATCH_CAVOPLASTY")) {
                op.put("conduit", contaminated ? "AUTOLOGOUS_VEIN" : "BOVINE_PERICARDIUM");
            }
            ArrayNode enBloc = op.putArray("enBlocResections");
            organs.forEach(o -> enBloc.add(o.asText()));

            // Pathology.
            ObjectNode pathology = c.putObject("pathology");
            double marginDraw = r.nextDouble();
            String margin = marginDraw < 0.58 ? "R0" : marginDraw < 0.9 ? "R1" : "R2";
            pathology.put("margin", margin);
            if (margin.equals("R0") && chance(0.85)) {
                pathology.put("closestMarginMm", round1(0.5 + r.nextDouble() * 19));
            }
            if (chance(0.9)) {
                pathology.put("fnclccGrade", grade);
            }
            if (chance(0.9)) {
                pathology.put("maxDiameterCm", round1(Math.max(1.0, size * shrink + r.nextGaussian() * 0.5)));
            }
            if (radiotherapy || chemotherapy) {
                pathology.put("treatmentEffectPct", Math.round(r.nextDouble() * 90));
            }
            ObjectNode post = c.putObject("postoperative");
            ArrayNode drugs = post.putArray("antithrombotics");
            drugs.add("LMWH");
            if (management.equals("INTERPOSITION_GRAFT") || management.equals("PATCH_CAVOPLASTY")) {
                drugs.add("ASPIRIN");
                if (chance(0.2)) {
                    drugs.add("WARFARIN");
                }
            }
            if (margin.equals("R1") && !radiotherapy && chance(0.5)) {
                post.put("adjuvantRadiotherapyGy", 50.4);
            }
            post.put("adjuvantChemotherapy", chance(0.15));

            followUp(opDate, margin, grade, upper, metastatic, management);
            return c;
        }

        private ObjectNode study(ArrayNode imaging, LocalDate date, String modality, double size, double scale) {
            ObjectNode s = imaging.addObject();
            s.put("date", date.toString());
            s.put("modality", modality);
            double a = round1(Math.max(1.0, Math.min(59, size * scale)));
            ArrayNode d = s.putArray("tumorDiametersCm");
            d.add(a);
            d.add(round1(Math.max(0.5, a * (0.6 + 0.3 * r.nextDouble()))));
            d.add(round1(Math.max(0.5, a * (0.6 + 0.3 * r.nextDouble()))));
            return s;
        }

        private void followUp(LocalDate opDate, String margin, int grade, boolean upper, boolean metastatic, String management) {
            // Monthly hazards: invented, shaped so that grade, margin and level matter.
            double recurrenceHazard = 0.012 * (grade == 3 ? 2.2 : grade == 2 ? 1.4 : 1.0)
                    * (margin.equals("R2") ? 3.0 : margin.equals("R1") ? 1.6 : 1.0) * (upper ? 1.5 : 1.0)
                    * (metastatic ? 4.0 : 1.0);
            double recurrenceMonths = -Math.log(1 - r.nextDouble()) / recurrenceHazard;
            double deathAfterRecurrence = -Math.log(1 - r.nextDouble()) / 0.04;
            double otherDeath = -Math.log(1 - r.nextDouble()) / 0.002;
            double perioperative = chance(upper ? 0.08 : 0.03) ? 0.5 : Double.POSITIVE_INFINITY;
            double available = Math.max(1, (DATA_CUTOFF.toEpochDay() - opDate.toEpochDay()) / 30.4);
            double lossToFollowUp = -Math.log(1 - r.nextDouble()) / 0.01;
            double deathMonths = Math.min(perioperative, Math.min(recurrenceMonths + deathAfterRecurrence, otherDeath));
            double endMonths = Math.min(available, Math.min(lossToFollowUp, deathMonths));
            boolean dead = deathMonths <= Math.min(available, lossToFollowUp);
            String cause = deathMonths == perioperative ? "TREATMENT" : deathMonths == otherDeath ? "OTHER" : "DISEASE";

            ArrayNode visits = c.putArray("followUp");
            boolean conduit = management.equals("INTERPOSITION_GRAFT") || management.equals("PATCH_CAVOPLASTY");
            int interval = grade >= 2 || !margin.equals("R0") ? 3 : 6;
            boolean recurred = false;
            for (int month = interval; month <= endMonths && month <= 240; month += month < 24 ? interval : 12) {
                ObjectNode v = visits.addObject();
                v.put("date", opDate.plusMonths(month).toString());
                if (chance(0.6)) {
                    v.put("ecog", Math.min(4, month > recurrenceMonths ? 1 + r.nextInt(2) : r.nextInt(2)));
                }
                if (conduit) {
                    v.put("conduit", chance(0.9) ? "PATENT" : chance(0.6) ? "PARTIAL_THROMBOSIS" : "OCCLUDED");
                }
                boolean now = month >= recurrenceMonths;
                v.put("localRecurrence", now && !recurred && chance(0.5));
                ArrayNode sites = v.putArray("distantMetastases");
                if (now) {
                    sites.add(chance(0.7) ? "LUNG" : "LIVER");
                    v.put("metastasisCount", 1 + r.nextInt(6));
                    v.put("metastasesResectable", chance(0.4));
                    recurred = true;
                }
            }
            if (visits.isEmpty()) {
                c.remove("followUp");
            }
            ObjectNode outcome = c.putObject("outcome");
            LocalDate lastVisit = visits.isEmpty() ? opDate : LocalDate.parse(visits.get(visits.size() - 1).get("date").asText());
            LocalDate end = opDate.plusDays(Math.round(endMonths * 30.4));
            if (end.isBefore(lastVisit)) {
                end = lastVisit;
            }
            if (end.isAfter(DATA_CUTOFF)) {
                end = DATA_CUTOFF.isBefore(lastVisit) ? lastVisit : DATA_CUTOFF;
            }
            outcome.put("vitalStatus", dead ? "DEAD" : "ALIVE");
            outcome.put("lastContactDate", end.toString());
            if (dead) {
                outcome.put("causeOfDeath", cause);
            }
        }
    }
}
