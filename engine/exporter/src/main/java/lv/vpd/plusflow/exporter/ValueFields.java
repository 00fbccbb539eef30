package lv.vpd.plusflow.exporter;

import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRelated;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;

/** Pulls the indexed columns out of record values; null where a value type has no such field. */
final class ValueFields {
  private ValueFields() {}

  static Long processInstanceKey(final Object value) {
    if (value instanceof ProcessInstanceRelated related && related.getProcessInstanceKey() > 0) {
      return related.getProcessInstanceKey();
    }
    return null;
  }

  static String bpmnProcessId(final Object value) {
    if (value instanceof ProcessInstanceRecordValue ctx) {
      return emptyToNull(ctx.getBpmnProcessId());
    }
    if (value instanceof JobRecordValue job) {
      return emptyToNull(job.getBpmnProcessId());
    }
    if (value instanceof UserTaskRecordValue task) {
      return emptyToNull(task.getBpmnProcessId());
    }
    if (value instanceof IncidentRecordValue incident) {
      return emptyToNull(incident.getBpmnProcessId());
    }
    if (value instanceof VariableRecordValue variable) {
      return emptyToNull(variable.getBpmnProcessId());
    }
    return null;
  }

  static String elementId(final Object value) {
    if (value instanceof ProcessInstanceRecordValue ctx) {
      return emptyToNull(ctx.getElementId());
    }
    if (value instanceof JobRecordValue job) {
      return emptyToNull(job.getElementId());
    }
    if (value instanceof UserTaskRecordValue task) {
      return emptyToNull(task.getElementId());
    }
    if (value instanceof IncidentRecordValue incident) {
      return emptyToNull(incident.getElementId());
    }
    return null;
  }

  private static String emptyToNull(final String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
