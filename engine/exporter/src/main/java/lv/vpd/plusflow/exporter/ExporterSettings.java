package lv.vpd.plusflow.exporter;

import io.camunda.zeebe.protocol.record.ValueType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Exporter arguments from the broker configuration (zeebe.broker.exporters.plusflow.args.*). The broker
 * fills the public fields by name; missing arguments keep these defaults.
 */
public final class ExporterSettings {
  /** jdbc:postgresql://host:port/database */
  public String url;

  public String username = "postgres";
  public String password = "";

  /** Records per transaction; a full buffer is written at once. */
  public int batchSize = 500;

  /** Upper bound on how long a record waits in the buffer (and thus the read models' lag). */
  public long flushIntervalMs = 200;

  /** The value types the read models need; everything else is filtered out by the broker already. */
  public List<String> valueTypes =
      List.of(
          "PROCESS_INSTANCE",
          "PROCESS",
          "USER_TASK",
          "JOB",
          "INCIDENT",
          "VARIABLE",
          "TIMER",
          "MESSAGE",
          "PROCESS_MESSAGE_SUBSCRIPTION",
          "ERROR",
          "DEPLOYMENT",
          "PROCESS_INSTANCE_MODIFICATION",
          "PROCESS_INSTANCE_MIGRATION");

  Set<ValueType> acceptedValueTypes() {
    final EnumSet<ValueType> set = EnumSet.noneOf(ValueType.class);
    for (final String name : valueTypes) {
      try {
        set.add(ValueType.valueOf(name.trim()));
      } catch (final IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "plusflow exporter: args.valueTypes contains unknown value type '" + name + "'", e);
      }
    }
    return set;
  }

  /** Fails the broker's start-up (configure runs then) instead of failing on the first record. */
  void validate() {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "plusflow exporter: args.url must be a jdbc:postgresql: URL, got " + url);
    }
    if (batchSize < 1 || flushIntervalMs < 10) {
      throw new IllegalArgumentException(
          "plusflow exporter: batchSize must be >= 1 and flushIntervalMs >= 10");
    }
    if (valueTypes == null || valueTypes.isEmpty()) {
      throw new IllegalArgumentException("plusflow exporter: args.valueTypes must not be empty");
    }
    acceptedValueTypes();
  }
}
