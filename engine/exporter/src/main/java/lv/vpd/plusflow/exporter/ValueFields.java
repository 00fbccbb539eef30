package lv.vpd.plusflow.exporter;

import io.camunda.zeebe.protocol.record.value.ErrorRecordValue;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRelated;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.ProcessMetadataValue;

/**
 * Pulls the indexed columns of zeebe.record out of record values: null where a value type has no such
 * field, so that readers can filter on the columns without parsing the JSON.
 */
final class ValueFields {
  private ValueFields() {}

  static Long processInstanceKey(final Object value) {
    final long key =
        switch (value) {
          case ProcessInstanceRelated related -> related.getProcessInstanceKey();
          case ErrorRecordValue error -> error.getProcessInstanceKey();
          default -> -1L;
        };
    // The engine uses -1 (and 0 in older records) for "no process instance".
    return key > 0 ? key : null;
  }

  static String bpmnProcessId(final Object value) {
    return emptyToNull(
        switch (value) {
          case ProcessInstanceRecordValue v -> v.getBpmnProcessId();
          case JobRecordValue v -> v.getBpmnProcessId();
          case UserTaskRecordValue v -> v.getBpmnProcessId();
          case IncidentRecordValue v -> v.getBpmnProcessId();
          case VariableRecordValue v -> v.getBpmnProcessId();
          case ProcessMessageSubscriptionRecordValue v -> v.getBpmnProcessId();
          case ProcessMetadataValue v -> v.getBpmnProcessId();
          default -> null;
        });
  }

  static String elementId(final Object value) {
    return emptyToNull(
        switch (value) {
          case ProcessInstanceRecordValue v -> v.getElementId();
          case JobRecordValue v -> v.getElementId();
          case UserTaskRecordValue v -> v.getElementId();
          case IncidentRecordValue v -> v.getElementId();
          case ProcessMessageSubscriptionRecordValue v -> v.getElementId();
          case TimerRecordValue v -> v.getTargetElementId();
          default -> null;
        });
  }

  private static String emptyToNull(final String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
