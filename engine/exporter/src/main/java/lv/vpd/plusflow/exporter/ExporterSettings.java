package lv.vpd.plusflow.exporter;

import io.camunda.zeebe.protocol.record.ValueType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Exporter arguments from the broker configuration (zeebe.broker.exporters.plusflow.args.*). */
public final class ExporterSettings {
  public String url;
  public String username = "postgres";
  public String password = "";
  public int batchSize = 500;
  public long flushIntervalMs = 200;
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
      set.add(ValueType.valueOf(name.trim()));
    }
    return set;
  }

  void validate() {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "plusflow exporter: args.url must be a jdbc:postgresql: URL, got " + url);
    }
    if (batchSize < 1 || flushIntervalMs < 10) {
      throw new IllegalArgumentException(
          "plusflow exporter: batchSize must be >= 1 and flushIntervalMs >= 10");
    }
  }
}
