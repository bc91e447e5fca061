/**
 * The tumor-board report: one case and its plan as a PDF a surgeon brings to the board and files in
 * the record; and the minutes of a board meeting. {@link org.cavaplan.report.Report} and
 * {@link org.cavaplan.report.Minutes} are the entry points; everything else is internal.
 *
 * <p>The module draws with Apache PDFBox and embeds its own fonts (DejaVu Sans Condensed, licence in
 * {@code org/cavaplan/report/fonts/LICENSE-DejaVu.txt}); it reads no system font, no clock and no file.
 */
package org.cavaplan.report;
