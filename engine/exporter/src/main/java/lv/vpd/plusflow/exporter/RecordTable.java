package lv.vpd.plusflow.exporter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The PostgreSQL side: one connection, the table zeebe.record (created when missing, like 8.9's RDBMS
 * exporter with auto-ddl) and batch writes. Every failure closes the connection, so the next attempt
 * starts from a fresh one.
 */
final class RecordTable implements AutoCloseable {
  /** Other code reads these columns (workers/projection); change them only together with it. */
  static final String DDL =
      """
      CREATE SCHEMA IF NOT EXISTS zeebe;
      CREATE TABLE IF NOT EXISTS zeebe.record (
        partition_id int NOT NULL,
        position bigint NOT NULL,
        key bigint NOT NULL,
        record_type text NOT NULL,
        value_type text NOT NULL,
        intent text NOT NULL,
        "timestamp" timestamptz NOT NULL,
        process_instance_key bigint,
        bpmn_process_id text,
        element_id text,
        value jsonb NOT NULL,
        exported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partition_id, position)
      );
      CREATE INDEX IF NOT EXISTS record_process_instance_key_idx ON zeebe.record (process_instance_key);
      CREATE INDEX IF NOT EXISTS record_value_type_intent_idx ON zeebe.record (value_type, intent);
      -- Intake finds the instance of a case by its caseId variable (domain/intake/start.ts); without this the
      -- search reads every variable ever exported.
      CREATE INDEX IF NOT EXISTS record_case_id_variable_idx ON zeebe.record ((value->>'value'))
        WHERE value_type = 'VARIABLE' AND value->>'name' = 'caseId';
      """;

  private static final String STORAGE_COMPLETE =
      "SELECT to_regclass('zeebe.record') IS NOT NULL"
          + " AND to_regclass('zeebe.record_process_instance_key_idx') IS NOT NULL"
          + " AND to_regclass('zeebe.record_value_type_intent_idx') IS NOT NULL"
          + " AND to_regclass('zeebe.record_case_id_variable_idx') IS NOT NULL";

  /** Serialises the DDL of exporters of several partitions starting at once (any constant works). */
  private static final long DDL_LOCK_ID = 0x706c7573666c6f77L; // "plusflow"

  // At-least-once delivery: a record may come again after a crash or a retry; the duplicate is ignored.
  private static final String INSERT =
      "INSERT INTO zeebe.record (partition_id, position, key, record_type, value_type, intent, \"timestamp\","
          + " process_instance_key, bpmn_process_id, element_id, value)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING";

  private final ExporterSettings settings;
  private Connection connection;

  RecordTable(final ExporterSettings settings) {
    this.settings = settings;
  }

  /** Connects (if not connected) and creates the storage when any part of it is missing. */
  void connect() throws SQLException {
    if (connection != null && !connection.isClosed()) {
      return;
    }
    final Properties props = new Properties();
    props.setProperty("user", settings.username);
    props.setProperty("password", settings.password == null ? "" : settings.password);
    props.setProperty("ApplicationName", "plusflow-exporter");
    // One multi-row INSERT per batch instead of one round trip per record.
    props.setProperty("reWriteBatchedInserts", "true");
    // Fail (and let the broker retry) rather than block the exporter forever on a dead server.
    props.setProperty("connectTimeout", "10");
    props.setProperty("socketTimeout", "60");
    // The driver is used directly: DriverManager's caller-class-loader check is needless here, and the
    // broker's class path (lib/postgresql-*.jar) provides the class through the exporter's class loader.
    final Connection c = new org.postgresql.Driver().connect(settings.url, props);
    if (c == null) {
      throw new SQLException("the PostgreSQL driver does not accept the URL " + settings.url);
    }
    try {
      c.setAutoCommit(false);
      createStorageIfMissing(c);
    } catch (final SQLException e) {
      closeQuietly(c);
      throw e;
    }
    connection = c;
  }

  private static void createStorageIfMissing(final Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema
      // exists, and a production role may have been given the table but not that privilege.
      if (!complete(s)) {
        s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK_ID + ")");
        s.execute(DDL);
      }
      c.commit();
    } catch (final SQLException e) {
      c.rollback();
      throw e;
    }
  }

  private static boolean complete(final Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery(STORAGE_COMPLETE)) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * Inserts the rows and notifies listeners in one transaction. Returns the position of the last row,
   * which is then safe to acknowledge to the broker.
   */
  long write(final List<RecordRow> rows) throws SQLException {
    try {
      connect();
      final RecordRow last = rows.get(rows.size() - 1);
      try (PreparedStatement insert = connection.prepareStatement(INSERT);
          Statement notify = connection.createStatement()) {
        for (final RecordRow row : rows) {
          row.bind(insert);
          insert.addBatch();
        }
        insert.executeBatch();
        // Delivered on commit only, so a listener that wakes up sees the rows.
        notify.execute("NOTIFY zeebe_record, '" + last.partitionId() + ":" + last.position() + "'");
      }
      connection.commit();
      return last.position();
    } catch (final SQLException e) {
      close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      closeQuietly(connection);
      connection = null;
    }
  }

  private static void closeQuietly(final Connection c) {
    try {
      c.close(); // rolls back an open transaction
    } catch (final SQLException ignored) {
      // the connection is broken already
    }
  }
}
