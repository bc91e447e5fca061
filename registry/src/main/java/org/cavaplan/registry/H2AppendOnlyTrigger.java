package org.cavaplan.registry;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * Refuses UPDATE and DELETE on the registry's append-only tables in H2 (see the H2 migration
 * {@code V2__append_only.sql}). Public only because H2 instantiates it by name; not for other use.
 */
public final class H2AppendOnlyTrigger implements Trigger {

    private String table = "table";

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("cavaplan: " + table + " is append-only; " + (newRow == null ? "DELETE" : "UPDATE")
                + " is not allowed", "23000");
    }
}
