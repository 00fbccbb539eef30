package lv.vpd.plusflow.exporter;

import io.camunda.zeebe.protocol.record.Record;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * One record reduced to the columns of zeebe.record. Built during export(): the broker may reuse the
 * Record object afterwards, so nothing may keep a reference to it.
 */
record RecordRow(
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

  /** A JSON escape of U+0000 that is not itself escaped (preceded by an even number of backslashes). */
  private static final Pattern NUL_ESCAPE = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

  static RecordRow of(final Record<?> record) {
    final Object value = record.getValue();
    return new RecordRow(
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
        jsonbSafe(record.getValue().toJson()));
  }

  /**
   * PostgreSQL's jsonb rejects U+0000. A variable holding one would otherwise make every retry fail and
   * stop the export for good, so it is replaced by U+FFFD (the replacement character).
   */
  static String jsonbSafe(final String json) {
    return json.contains("\\u0000") ? NUL_ESCAPE.matcher(json).replaceAll("$1\\\\ufffd") : json;
  }

  void bind(final PreparedStatement s) throws SQLException {
    s.setInt(1, partitionId);
    s.setLong(2, position);
    s.setLong(3, key);
    s.setString(4, recordType);
    s.setString(5, valueType);
    s.setString(6, intent);
    // An explicit UTC offset: the instant does not depend on the JVM's or the session's time zone.
    s.setObject(7, OffsetDateTime.ofInstant(Instant.ofEpochMilli(timestamp), ZoneOffset.UTC));
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
