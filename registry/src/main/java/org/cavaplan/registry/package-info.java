/**
 * The registry of a sarcoma center: every case as an append-only series of versions, users with
 * roles and API tokens, and an append-only audit log, on embedded H2 or PostgreSQL.
 *
 * <p>The entry point is {@link org.cavaplan.registry.Registry#open(String, java.time.Clock)}; the
 * other public types are the values it takes and returns, and the failures it names
 * ({@link org.cavaplan.registry.RegistryException}, {@link org.cavaplan.registry.SaveResult}).
 * Everything else is package-private. The schema is in Flyway migrations under
 * {@code org/cavaplan/registry/db/}: {@code common/} for both databases, {@code h2/} and
 * {@code postgresql/} only where the SQL differs.
 */
package org.cavaplan.registry;
