package org.cavaplan.registry;

/**
 * The forms of an export.
 *
 * <ul>
 *   <li>{@link #NDJSON}: one case per line, the canonical JSON of its latest version.</li>
 *   <li>{@link #CSV}: one row per case with the analysis columns, ready for R; the columns are
 *       listed in the registry's README.</li>
 * </ul>
 */
public enum ExportFormat {
    NDJSON, CSV
}
