package lv.vpd.plusflow.exporter;

import io.camunda.zeebe.exporter.api.Exporter;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Context.RecordFilter;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.exporter.api.context.ScheduledTask;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Appends the engine's event records to PostgreSQL table zeebe.record, where PLUS Flow's projector turns
 * them into read models (user tasks, process instances, incidents). On Camunda 8.9 the built-in RDBMS
 * exporter (camunda.data.secondary-storage) plays this role.
 *
 * <p>Delivery: records are buffered and written in one transaction per batch (when batchSize records
 * are waiting, or every flushIntervalMs). The broker learns the exported position only after the commit,
 * so after a crash it re-delivers from there, and ON CONFLICT DO NOTHING drops the duplicates. A failed
 * write throws from export(), and the broker retries that same record, so nothing is lost or skipped.
 * Each commit NOTIFYs channel zeebe_record with "partition:position" to wake readers.
 *
 * <p>All methods run on the exporter's single actor thread (scheduled tasks included): no locking.
 */
public final class PostgresExporter implements Exporter {
  /** While PostgreSQL is down the scheduled flush fails every interval; say so only this often. */
  private static final long FAILURE_LOG_INTERVAL_MS = 30_000;

  private final List<RecordRow> buffer = new ArrayList<>();
  private ExporterSettings settings;
  private Logger log;
  private Controller controller;
  private RecordTable table;
  private ScheduledTask flushTask;
  private long lastBufferedPosition = -1;
  private long lastFailureLoggedAt;
  /** When the oldest record in the buffer came in (for the age-based flush and the debug log). */
  private long firstArrivedAt;

  @Override
  public void configure(final Context context) {
    log = context.getLogger();
    settings = context.getConfiguration().instantiate(ExporterSettings.class);
    settings.validate();
    final Set<ValueType> accepted = settings.acceptedValueTypes();
    // The broker then skips commands, rejections and other value types without handing them to us,
    // and still advances our position past them.
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
    table = new RecordTable(settings);
    try {
      table.connect();
    } catch (final SQLException e) {
      // Not fatal: the first write reconnects, and the broker keeps the records until we confirm them.
      log.warn("PostgreSQL not reachable yet; will retry on the first write: {}", e.getMessage());
    }
    scheduleFlush();
    log.info(
        "plusflow exporter open: writing to {} as {}, batch {} / {} ms, last exported position {}",
        settings.url,
        settings.username,
        settings.batchSize,
        settings.flushIntervalMs,
        controller.getLastExportedRecordPosition());
  }

  @Override
  public void export(final Record<?> record) {
    // After export() threw, the broker hands the same record again; it is already in the buffer.
    if (record.getPosition() > lastBufferedPosition) {
      if (buffer.isEmpty()) {
        firstArrivedAt = System.currentTimeMillis();
      }
      buffer.add(RecordRow.of(record));
      lastBufferedPosition = record.getPosition();
    }
    // The broker's timers fire late on a busy machine (a 200 ms task after 400-700 ms on 2 loaded cores),
    // so while records keep coming, their age triggers the flush too.
    if (buffer.size() >= settings.batchSize
        || System.currentTimeMillis() - firstArrivedAt >= settings.flushIntervalMs) {
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
      log.warn("final flush failed; the broker re-exports from the last confirmed position: {}", e.getMessage());
    }
    if (table != null) {
      table.close();
    }
  }

  private void scheduleFlush() {
    flushTask =
        controller.scheduleCancellableTask(
            Duration.ofMillis(settings.flushIntervalMs),
            () -> {
              try {
                flush();
              } catch (final RuntimeException e) {
                logFailure(e);
              }
              scheduleFlush();
            });
  }

  /** Writes the buffer in one transaction; throws (keeping the buffer) when PostgreSQL fails. */
  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    final long started = System.currentTimeMillis();
    final long position;
    try {
      position = table.write(buffer);
    } catch (final SQLException e) {
      throw new IllegalStateException(
          "plusflow exporter could not write "
              + buffer.size()
              + " records to PostgreSQL (SQL state "
              + e.getSQLState()
              + "): "
              + e.getMessage(),
          e);
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "wrote {} records up to position {} in {} ms; the first came {} ms after the engine wrote it and waited {} ms in the buffer",
          buffer.size(),
          position,
          System.currentTimeMillis() - started,
          firstArrivedAt - buffer.get(0).timestamp(),
          started - firstArrivedAt);
    }
    buffer.clear();
    if (lastFailureLoggedAt != 0) {
      log.info("plusflow exporter writes to PostgreSQL again");
      lastFailureLoggedAt = 0;
    }
    controller.updateLastExportedRecordPosition(position);
  }

  private void logFailure(final RuntimeException e) {
    final long now = System.currentTimeMillis();
    if (now - lastFailureLoggedAt >= FAILURE_LOG_INTERVAL_MS) {
      log.warn("{}; retrying every {} ms, {} records waiting", e.getMessage(), settings.flushIntervalMs, buffer.size());
      lastFailureLoggedAt = now;
    }
  }
}
