package org.cavaplan.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Objects;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;

/**
 * The tumor-board report: one case and its plan as a PDF for the board and the record.
 *
 * <p>Page 1 opens with what is decisive: every red flag of the plan on a red band, then the plan's key
 * decisions with their status, then the next surveillance imaging and any overdue study. The patient
 * summary (stage of care, intent and disease status in words), a schematic of the IVC with the three
 * levels and the tumor's extent, the tumor size over time and a dated timeline follow. The next pages
 * hold the whole plan by phase in the plan's order (status, summary, details, evidence, sources in
 * words, the triggering facts as labels), the RECIST table, concordance, prognostic factors, missing
 * data by field, warnings, evidence updates, and the knowledge-base version, the as-of date and the
 * disclaimer. Rule ids, JSON pointers and enum constants stay out of the text a reader sees. Every page
 * names the case and carries "Page N of M". A4, fonts embedded (DejaVu Sans Condensed), text
 * extractable.
 *
 * <p>The document depends only on its inputs: its dates are the plan's as-of date and no clock is
 * read, so the same case and plan give the same bytes. Thread-safe; no side effects apart from
 * writing to the given stream.
 */
public final class Report {

    /** The media type of the report, for an HTTP response. */
    public static final String MEDIA_TYPE = "application/pdf";

    private Report() {}

    /**
     * The report as PDF bytes.
     *
     * @param kase the case the plan was made for
     * @param plan the plan of that case
     * @return a complete PDF document
     * @throws IllegalArgumentException when the plan belongs to another case
     */
    public static byte[] render(Case kase, Plan plan) {
        try {
            return build(kase, plan);
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be built", e);
        }
    }

    /**
     * Writes the report to a stream. The document is built completely before the first byte is
     * written, so a failure while building writes nothing. The stream is flushed, not closed.
     *
     * @param kase the case the plan was made for
     * @param plan the plan of that case
     * @param out where the PDF goes
     * @throws IOException when writing to {@code out} fails
     * @throws IllegalArgumentException when the plan belongs to another case
     */
    public static void render(Case kase, Plan plan, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        byte[] pdf = render(kase, plan);
        out.write(pdf);
        out.flush();
    }

    /** A file name for the report of this plan: {@code cavaplan-report-CASEID-ASOF.pdf}. */
    public static String fileName(Plan plan) {
        return "cavaplan-report-" + plan.caseId() + "-" + plan.asOf() + ".pdf";
    }

    private static byte[] build(Case kase, Plan plan) throws IOException {
        Objects.requireNonNull(kase, "kase");
        Objects.requireNonNull(plan, "plan");
        if (!kase.caseId().equals(plan.caseId())) {
            throw new IllegalArgumentException("the plan of case " + plan.caseId() + " cannot report case " + kase.caseId());
        }
        try (PDDocument document = new PDDocument()) {
            describe(document, kase, plan);
            new ReportWriter(kase, plan, document, Fonts.embed(document)).write();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        }
    }

    /** Title, subject, producer and dates (the as-of date, never the clock), language and a file identifier derived from the inputs. */
    private static void describe(PDDocument document, Case kase, Plan plan) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("CavaPlan tumor-board report: case " + plan.caseId() + " as of " + plan.asOf());
        info.setSubject("Care plan for leiomyosarcoma of the inferior vena cava; knowledge base " + plan.knowledgeBaseVersion());
        info.setCreator("CavaPlan report");
        info.setProducer("CavaPlan");
        Calendar date = GregorianCalendar.from(plan.asOf().atStartOfDay(ZoneOffset.UTC));
        date.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        info.setCreationDate(date);
        info.setModificationDate(date);
        document.getDocumentCatalog().setLanguage("en");
        byte[] id = identifier(kase, plan);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    /**
     * The first 16 bytes of a SHA-256 of what the plan says (its date, knowledge base, assumptions,
     * stage, intent, red flags, key decisions, recommendations, missing data and warnings, in the plan's
     * order) and of the case's timeline: the same inputs, the same identifier.
     */
    private static byte[] identifier(Case kase, Plan plan) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder said = new StringBuilder(8192).append(plan.caseId()).append('\n').append(plan.asOf()).append('\n')
                    .append(plan.knowledgeBaseVersion()).append('\n').append(plan.changedAssumptions()).append('\n')
                    .append(plan.stage()).append(' ').append(plan.intent()).append(' ').append(plan.diseaseStatus()).append('\n');
            plan.redFlags().forEach(f -> said.append(f.code()).append(' ').append(f.message()).append('\n'));
            plan.keyDecisions().forEach(k -> said.append(k.id()).append(' ').append(k.status()).append(' ').append(k.summary())
                    .append('\n'));
            plan.recommendations().forEach(r -> said.append(r.id()).append(' ').append(r.status()).append(' ').append(r.summary())
                    .append(' ').append(r.detail()).append('\n'));
            plan.missingData().forEach(m -> said.append(m.pointer()).append(' ').append(m.reason()).append('\n'));
            plan.warnings().forEach(w -> said.append(w.code()).append(' ').append(w.message()).append('\n'));
            digest.update(said.toString().getBytes(StandardCharsets.UTF_8));
            for (Timeline.Event e : Timeline.of(kase)) {
                digest.update((e.date() + " " + e.kind() + " " + e.text() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return Arrays.copyOf(digest.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
