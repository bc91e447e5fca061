package org.cavaplan.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.plan.Status;

/**
 * The minutes of a tumor-board meeting as a PDF: the whole meeting ({@link #meeting}) or one case of
 * its agenda ({@link #agendaCase}).
 *
 * <p>They hold the meeting (date, title, chair), its attendees with their disciplines, and for each
 * case of the agenda its question and presenter, then the board's decision as recorded: the agreed
 * plan, a verdict per recommendation (what the knowledge base advised as of the meeting date, in
 * words, beside accepted / modified / rejected, with the reason and the note of an override), who was
 * present, dissent, actions with owner and due date, the next review, whether the chair signed (by
 * whom, when) or it is still a draft, and the corrections made after signing. Rule ids and enum
 * constants stay out of the text: the caller hands the recommendation's words ({@link Advice}), since
 * this module does not consult the knowledge base. Every page names the case (minutes of one case) or
 * the meeting, and carries "Page N of M". A4, fonts embedded (DejaVu Sans Condensed), text extractable.
 *
 * <p>The document depends only on its inputs (no clock is read; it is dated by the meeting and by the
 * latest version of its decisions), so the same inputs give the same bytes. Thread-safe.
 */
public final class Minutes {

    /** The media type of the minutes, for an HTTP response. */
    public static final String MEDIA_TYPE = "application/pdf";

    /**
     * What the knowledge base advised about one recommendation of the case's plan as of the meeting
     * date: its status and its summary in words.
     */
    public record Advice(Status status, String summary) {
        public Advice {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * One case of the agenda as the minutes print it: the agenda entry, the decision recorded with all
     * its versions (empty when none was), and the advice of the case's plan by recommendation id (an id
     * it lacks reads as a recommendation the plan does not make).
     */
    public record Item(AgendaItem agenda, Optional<DecisionRecord> decision, Map<String, Advice> advice) {
        public Item {
            Objects.requireNonNull(agenda, "agenda");
            Objects.requireNonNull(decision, "decision");
            decision.ifPresent(d -> {
                if (d.meetingId() != agenda.meetingId() || !d.caseId().equals(agenda.caseId())) {
                    throw new IllegalArgumentException("the decision on case " + d.caseId() + " at meeting " + d.meetingId()
                            + " is not the one of agenda case " + agenda.caseId() + " at meeting " + agenda.meetingId());
                }
            });
            advice = Map.copyOf(advice);
        }

        /** The item without a decision. */
        public static Item undecided(AgendaItem agenda) {
            return new Item(agenda, Optional.empty(), Map.of());
        }
    }

    private Minutes() {}

    /**
     * The minutes of a whole meeting: its agenda in the order given.
     *
     * @throws IllegalArgumentException when an item belongs to another meeting
     */
    public static byte[] meeting(Meeting meeting, List<Item> agenda) {
        return render(meeting, agenda, false);
    }

    /**
     * The minutes of one case of a meeting's agenda.
     *
     * @throws IllegalArgumentException when the item belongs to another meeting
     */
    public static byte[] agendaCase(Meeting meeting, Item item) {
        return render(meeting, List.of(item), true);
    }

    /** A file name for the minutes of a meeting: {@code cavaplan-minutes-meeting-ID-DATE.pdf}. */
    public static String fileName(Meeting meeting) {
        return "cavaplan-minutes-meeting-" + meeting.id() + "-" + meeting.date() + ".pdf";
    }

    /** A file name for the minutes of one case: {@code cavaplan-minutes-meeting-ID-DATE-CASEID.pdf}. */
    public static String fileName(Meeting meeting, String caseId) {
        return "cavaplan-minutes-meeting-" + meeting.id() + "-" + meeting.date() + "-" + caseId + ".pdf";
    }

    private static byte[] render(Meeting meeting, List<Item> agenda, boolean oneCase) {
        Objects.requireNonNull(meeting, "meeting");
        List<Item> items = List.copyOf(agenda);
        for (Item item : items) {
            if (item.agenda().meetingId() != meeting.id()) {
                throw new IllegalArgumentException("agenda case " + item.agenda().caseId() + " belongs to meeting "
                        + item.agenda().meetingId() + ", not " + meeting.id());
            }
        }
        try (PDDocument document = new PDDocument()) {
            describe(document, meeting, items, oneCase);
            new MinutesWriter(meeting, items, oneCase, document, Fonts.embed(document)).write();
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the minutes could not be built", e);
        }
    }

    /** Title, subject, dates (the meeting's, and the latest version recorded), language and an identifier from the inputs. */
    private static void describe(PDDocument document, Meeting meeting, List<Item> items, boolean oneCase) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("CavaPlan tumor-board minutes: " + meeting.title() + ", " + meeting.date()
                + (oneCase ? ", case " + items.get(0).agenda().caseId() : ""));
        info.setSubject("The decisions of a sarcoma tumor board on leiomyosarcoma of the inferior vena cava");
        info.setCreator("CavaPlan minutes");
        info.setProducer("CavaPlan");
        Calendar created = GregorianCalendar.from(meeting.date().atStartOfDay(ZoneOffset.UTC));
        created.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        info.setCreationDate(created);
        Instant latest = items.stream().flatMap(i -> i.decision().stream()).map(d -> d.latest().recordedAt())
                .max(Instant::compareTo).orElse(created.toInstant());
        Calendar modified = GregorianCalendar.from(latest.atZone(ZoneOffset.UTC));
        modified.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        info.setModificationDate(modified.toInstant().isBefore(created.toInstant()) ? created : modified);
        document.getDocumentCatalog().setLanguage("en");
        byte[] id = identifier(meeting, items, oneCase);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    /** The first 16 bytes of a SHA-256 of what the minutes say: the same inputs, the same identifier. */
    private static byte[] identifier(Meeting meeting, List<Item> items, boolean oneCase) {
        StringBuilder said = new StringBuilder(4096).append(oneCase).append('\n').append(meeting).append('\n');
        for (Item item : items) {
            said.append(item.agenda()).append('\n');
            item.decision().ifPresent(d -> {
                for (DecisionVersion v : d.versions()) {
                    said.append(v).append('\n');
                }
            });
            said.append(new TreeMap<>(item.advice())).append('\n');
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return Arrays.copyOf(digest.digest(said.toString().getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
