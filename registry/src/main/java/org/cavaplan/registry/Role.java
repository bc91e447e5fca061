package org.cavaplan.registry;

/**
 * What a user may do with the registry.
 *
 * <ul>
 *   <li>{@link #CLINICIAN}: read, search, write and retire cases; export identified or de-identified data.</li>
 *   <li>{@link #RESEARCHER}: only de-identified exports; never a case id, a date or an age over 89.</li>
 *   <li>{@link #ADMIN}: everything a clinician may do, plus users, retired cases and the audit log.</li>
 * </ul>
 */
public enum Role {
    CLINICIAN, RESEARCHER, ADMIN
}
