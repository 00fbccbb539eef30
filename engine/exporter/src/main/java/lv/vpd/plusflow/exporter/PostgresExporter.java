package lv.vpd.plusflow.exporter;

import io.camunda.zeebe.exporter.api.Exporter;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Context.RecordFilter;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.exporter.api.context.ScheduledTask;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Appends the engine's event records to PostgreSQL table zeebe.record, where PLUS Flow's projector turns
 * them into read models (user tasks, process instances, incidents).
 *
 * <p>Delivery: records are buffered and written in one transaction per batch with ON CONFLICT DO NOTHING
 * on (partition_id, position). The broker learns the exported position only after the commit, so after a
 * crash it re-delivers from there; duplicates are ignored. A failed write throws, and the broker retries
 * the same record, so nothing is skipped. Each commit also NOTIFYs channel zeebe_record to wake readers.
 */
public final class PostgresExporter implements Exporter {
  private static final String DDL =
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
      """;

  private static final String INSERT =
      "INSERT INTO zeebe.record (partition_id, position, key, record_type, value_type, intent, \"timestamp\","
          + " process_instance_key, bpmn_process_id, element_id, value)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING";

  private final List<Row> buffer = new ArrayList<>();
  private ExporterSettings settings;
  private Logger log;
  private Controller controller;
  private Connection connection;
  private ScheduledTask flushTask;
  private long lastSeenPosition = -1;

  @Override
  public void configure(final Context context) {
    log = context.getLogger();
    settings = context.getConfiguration().instantiate(ExporterSettings.class);
    settings.validate();
    final Set<ValueType> accepted = settings.acceptedValueTypes();
    context.setFilter(
        new RecordFilter() {
          @Override
          public boolean acceptType(final RecordType recordType) {
            return recordType == RecordType.EVENT;
          }

          @Override
          public boolean acceptValue(final ValueType valueType) {
            return accepted.contains(valueType);
          }
        });
  }

  @Override
  public void open(final Controller controller) {
    this.controller = controller;
    try {
      connect();
    } catch (final SQLException e) {
      // Not fatal: the next flush reconnects; the broker keeps the records until we confirm them.
      log.warn("PostgreSQL not reachable at open; will retry on next flush: {}", e.getMessage());
    }
    scheduleFlush();
    log.info("plusflow exporter open, writing to {}", redact(settings.url));
  }

  @Override
  public void export(final Record<?> record) {
    buffer.add(Row.of(record));
    lastSeenPosition = record.getPosition();
    if (buffer.size() >= settings.batchSize) {
      flush();
    }
  }

  @Override
  public void close() {
    if (flushTask != null) {
      flushTask.cancel();
    }
    try {
      flush();
    } catch (final RuntimeException e) {
      log.warn("final flush failed; the broker will re-export from the last confirmed position", e);
    }
    closeQuietly();
  }

  private void scheduleFlush() {
    flushTask =
        controller.scheduleCancellableTask(
            Duration.ofMillis(settings.flushIntervalMs),
            () -> {
              try {
                flush();
              } catch (final RuntimeException e) {
                log.warn("flush failed, retrying in {} ms: {}", settings.flushIntervalMs, e.getMessage());
              }
              scheduleFlush();
            });
  }

  /** Writes the buffer in one transaction; throws (keeping the buffer) when PostgreSQL fails. */
  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    try {
      if (connection == null || connection.isClosed()) {
        connect();
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT);
          Statement notify = connection.createStatement()) {
        for (final Row row : buffer) {
          row.bind(insert);
          insert.addBatch();
        }
        insert.executeBatch();
        final Row last = buffer.get(buffer.size() - 1);
        notify.execute("NOTIFY zeebe_record, '" + last.partitionId + ":" + last.position + "'");
        connection.commit();
      }
      buffer.clear();
      controller.updateLastExportedRecordPosition(lastSeenPosition);
    } catch (final SQLException e) {
      closeQuietly();
      throw new IllegalStateException("plusflow exporter could not write to PostgreSQL: " + e.getMessage(), e);
    }
  }

  private void connect() throws SQLException {
    connection = DriverManager.getConnection(settings.url, settings.username, settings.password);
    connection.setAutoCommit(true);
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(DDL);
    }
    connection.setAutoCommit(false);
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (final SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  private static String redact(final String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }

  /** One record, reduced to the columns of zeebe.record. */
  private record Row(
      int partitionId,
      long position,
      long key,
      String recordType,
      String valueType,
      String intent,
      long timestamp,
      Long processInstanceKey,
      String bpmnProcessId,
      String elementId,
      String valueJson) {

    static Row of(final Record<?> record) {
      final Object value = record.getValue();
      return new Row(
          record.getPartitionId(),
          record.getPosition(),
          record.getKey(),
          record.getRecordType().name(),
          record.getValueType().name(),
          record.getIntent().name(),
          record.getTimestamp(),
          ValueFields.processInstanceKey(value),
          ValueFields.bpmnProcessId(value),
          ValueFields.elementId(value),
          record.getValue().toJson());
    }

    void bind(final PreparedStatement s) throws SQLException {
      s.setInt(1, partitionId);
      s.setLong(2, position);
      s.setLong(3, key);
      s.setString(4, recordType);
      s.setString(5, valueType);
      s.setString(6, intent);
      s.setTimestamp(7, new Timestamp(timestamp));
      if (processInstanceKey == null) {
        s.setNull(8, Types.BIGINT);
      } else {
        s.setLong(8, processInstanceKey);
      }
      s.setString(9, bpmnProcessId);
      s.setString(10, elementId);
      s.setString(11, valueJson);
    }
  }
}
