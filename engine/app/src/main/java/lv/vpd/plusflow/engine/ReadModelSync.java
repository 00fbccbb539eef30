package lv.vpd.plusflow.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.operaton.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoryEvent;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps PLUS Flow's read models of the engine (user_task, process_instance, incident in the application's schema)
 * in step with the engine **in the engine's own transaction**: a task is in the officer's inbox the moment the
 * transaction that created it commits, and never before. The history events of a transaction only mark which
 * tasks, instances and incidents changed; just before commit, after the engine has flushed its own tables, one
 * statement per kind copies their current state from the engine's history tables. Reading the flushed state
 * (rather than each event's fields) makes the result independent of event order (a task's candidate groups are
 * written before its create event) and of how many events one transaction produced.
 *
 * The SQL is the contract between the engine and our schema (prisma/schema.prisma, models UserTask,
 * ProcessInstance, Incident); api and workers read only those tables, never the engine's.
 */
public class ReadModelSync implements HistoryEventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReadModelSync.class);

  private final DataSource dataSource;
  private final String taskSql;
  private final String instanceSql;
  private final String incidentSql;

  public ReadModelSync(DataSource dataSource, String engineSchema, String appSchema) {
    this.dataSource = dataSource;
    String e = quote(engineSchema);
    String a = quote(appSchema);
    this.instanceSql = """
        INSERT INTO %2$s.process_instance AS p (process_instance_key, process_definition_key, bpmn_process_id, process_definition_version,
          parent_process_instance_key, root_process_instance_key, business_key, state, started_at, ended_at, updated_at)
        SELECT h.id_, h.proc_def_id_, h.proc_def_key_, pd.version_, h.super_process_instance_id_, COALESCE(h.root_proc_inst_id_, h.id_),
          h.business_key_,
          CASE WHEN h.end_time_ IS NULL THEN 'ACTIVE' WHEN h.state_ = 'COMPLETED' THEN 'COMPLETED' ELSE 'TERMINATED' END,
          h.start_time_ AT TIME ZONE 'UTC', h.end_time_ AT TIME ZONE 'UTC', clock_timestamp()
        FROM %1$s.act_hi_procinst h LEFT JOIN %1$s.act_re_procdef pd ON pd.id_ = h.proc_def_id_
        WHERE h.id_ = ANY(?)
        ON CONFLICT (process_instance_key) DO UPDATE SET
          process_definition_key = EXCLUDED.process_definition_key, bpmn_process_id = EXCLUDED.bpmn_process_id,
          process_definition_version = EXCLUDED.process_definition_version, state = EXCLUDED.state,
          ended_at = EXCLUDED.ended_at, updated_at = EXCLUDED.updated_at
        """.formatted(e, a);
    this.taskSql = """
        INSERT INTO %2$s.user_task AS t (user_task_key, process_instance_key, process_definition_key, bpmn_process_id,
          process_definition_version, element_id, element_instance_key, task_name, assignee, candidate_groups, candidate_users,
          due_date, follow_up_date, priority, state, created_at, completed_at, updated_at, root_process_instance_key, department_id)
        SELECT h.id_, h.proc_inst_id_, h.proc_def_id_, h.proc_def_key_, pd.version_, h.task_def_key_, h.act_inst_id_, h.name_, h.assignee_,
          COALESCE(l.groups, '{}'), COALESCE(l.users, '{}'),
          h.due_date_ AT TIME ZONE 'UTC', h.follow_up_date_ AT TIME ZONE 'UTC', h.priority_,
          CASE WHEN h.end_time_ IS NULL THEN 'CREATED' WHEN h.delete_reason_ = 'completed' THEN 'COMPLETED' ELSE 'CANCELED' END,
          h.start_time_ AT TIME ZONE 'UTC', h.end_time_ AT TIME ZONE 'UTC', clock_timestamp(), COALESCE(h.root_proc_inst_id_, h.proc_inst_id_),
          -- Candidate groups are <role>.<department code> (the diagrams build them so): the task's department.
          (SELECT d.id FROM %2$s.department d WHERE d.code = split_part(l.groups[1], '.', 2))
        FROM %1$s.act_hi_taskinst h
        LEFT JOIN %1$s.act_re_procdef pd ON pd.id_ = h.proc_def_id_
        LEFT JOIN LATERAL (
          SELECT array_agg(i.group_id_ ORDER BY i.group_id_) FILTER (WHERE i.group_id_ IS NOT NULL) AS groups,
                 array_agg(i.user_id_ ORDER BY i.user_id_) FILTER (WHERE i.user_id_ IS NOT NULL) AS users
          FROM %1$s.act_ru_identitylink i WHERE i.task_id_ = h.id_ AND i.type_ = 'candidate') l ON true
        WHERE h.id_ = ANY(?)
        ON CONFLICT (user_task_key) DO UPDATE SET
          -- An ended task has no runtime identity links left: it keeps the groups it had.
          candidate_groups = CASE WHEN EXCLUDED.state = 'CREATED' THEN EXCLUDED.candidate_groups ELSE t.candidate_groups END,
          candidate_users = CASE WHEN EXCLUDED.state = 'CREATED' THEN EXCLUDED.candidate_users ELSE t.candidate_users END,
          department_id = COALESCE(EXCLUDED.department_id, t.department_id),
          process_definition_key = EXCLUDED.process_definition_key, bpmn_process_id = EXCLUDED.bpmn_process_id,
          process_definition_version = EXCLUDED.process_definition_version, element_id = EXCLUDED.element_id,
          task_name = EXCLUDED.task_name, assignee = EXCLUDED.assignee, due_date = EXCLUDED.due_date,
          follow_up_date = EXCLUDED.follow_up_date, priority = EXCLUDED.priority, state = EXCLUDED.state,
          completed_at = EXCLUDED.completed_at, updated_at = EXCLUDED.updated_at
        """.formatted(e, a);
    // Only root-cause incidents: a failure in a called process also raises one on each calling activity.
    this.incidentSql = """
        INSERT INTO %2$s.incident AS i (incident_key, process_instance_key, root_process_instance_key, bpmn_process_id, element_id,
          job_key, error_type, error_message, state, created_at, resolved_at)
        SELECT h.id_, h.proc_inst_id_, COALESCE(h.root_proc_inst_id_, h.proc_inst_id_), h.proc_def_key_, h.activity_id_,
          h.configuration_, h.incident_type_, COALESCE(h.incident_msg_, ''),
          CASE WHEN h.incident_state_ = 0 THEN 'ACTIVE' ELSE 'RESOLVED' END,
          h.create_time_ AT TIME ZONE 'UTC', h.end_time_ AT TIME ZONE 'UTC'
        FROM %1$s.act_hi_incident h
        WHERE h.id_ = ANY(?) AND (h.root_cause_incident_id_ IS NULL OR h.root_cause_incident_id_ = h.id_)
        ON CONFLICT (incident_key) DO UPDATE SET
          state = EXCLUDED.state, resolved_at = EXCLUDED.resolved_at, error_message = EXCLUDED.error_message,
          process_instance_key = EXCLUDED.process_instance_key, element_id = EXCLUDED.element_id
        """.formatted(e, a);
  }

  private static String quote(String identifier) {
    if (!identifier.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("schema name must be a plain identifier: " + identifier);
    return identifier;
  }

  /** What one transaction changed; bound to the Spring transaction, flushed by beforeCommit. */
  private final class Changes implements TransactionSynchronization {
    final Set<String> tasks = new LinkedHashSet<>();
    final Set<String> instances = new LinkedHashSet<>();
    final Set<String> incidents = new LinkedHashSet<>();

    @Override
    public void beforeCommit(boolean readOnly) {
      Connection c = DataSourceUtils.getConnection(dataSource);
      try {
        // Instances first: tasks and incidents of a new instance are then joined to an existing row.
        apply(c, instanceSql, instances);
        apply(c, taskSql, tasks);
        apply(c, incidentSql, incidents);
      } catch (Exception e) {
        // Failing the engine's transaction is right: an inbox that misses a task is worse than a retried command.
        throw new IllegalStateException("could not update PLUS Flow's read models: " + e.getMessage(), e);
      } finally {
        DataSourceUtils.releaseConnection(c, dataSource);
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(ReadModelSync.this);
    }
  }

  private static void apply(Connection c, String sql, Set<String> ids) throws Exception {
    if (ids.isEmpty()) return;
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setArray(1, c.createArrayOf("text", ids.toArray()));
      st.executeUpdate();
    }
  }

  private Changes changes() {
    Changes current = (Changes) TransactionSynchronizationManager.getResource(this);
    if (current == null) {
      current = new Changes();
      TransactionSynchronizationManager.bindResource(this, current);
      TransactionSynchronizationManager.registerSynchronization(current);
    }
    return current;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      LOG.error("history event {} outside a Spring transaction: read models not updated", event.getEventType());
      return;
    }
    if (event instanceof HistoricTaskInstanceEventEntity t) {
      changes().tasks.add(t.getTaskId());
    } else if (event instanceof HistoricIdentityLinkLogEventEntity l) {
      if (l.getTaskId() != null) changes().tasks.add(l.getTaskId());
    } else if (event instanceof HistoricIncidentEventEntity i) {
      changes().incidents.add(i.getId());
    } else if (event instanceof HistoricProcessInstanceEventEntity p) {
      changes().instances.add(p.getProcessInstanceId());
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    for (HistoryEvent e : events) handleEvent(e);
  }
}
