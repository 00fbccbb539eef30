/**
 * Set-based projection statements. Each applies the engine records of one partition in the position range
 * ($2, $3] to a read model. Zeebe records carry the full state of their entity, so "the newest record per
 * key wins" is correct and lets one statement apply a whole batch. Keys stay exact: they are read from
 * jsonb as text and cast to bigint in SQL (JavaScript numbers cannot hold 64-bit keys).
 */

const range = `r.partition_id = $1 AND r.position > $2 AND r.position <= $3`;

/** '' and missing values become NULL; the engine encodes "no value" as an empty string. */
const text = (field: string) => `NULLIF(r.value->>'${field}', '')`;
const bigint = (field: string) => `NULLIF(NULLIF(r.value->>'${field}', ''), '-1')::bigint`;
/** Engine date-times may carry a Java zone id (`2026-11-24T23:27:39.213Z[Etc/UTC]`), which PostgreSQL rejects. */
const timestamp = (field: string) => `regexp_replace(${text(field)}, '\\[[^\\]]*\\]$', '')::timestamptz`;
const textArray = (field: string) =>
  `COALESCE(ARRAY(SELECT jsonb_array_elements_text(COALESCE(r.value->'${field}', '[]'::jsonb))), '{}')`;

export const APPLY_USER_TASKS = `
WITH latest AS (
  SELECT DISTINCT ON (r.key) r.*, min(r.timestamp) OVER (PARTITION BY r.key) AS first_seen
  FROM zeebe.record r
  WHERE ${range} AND r.value_type = 'USER_TASK'
    AND r.intent IN ('CREATED', 'ASSIGNED', 'UPDATED', 'COMPLETED', 'CANCELED', 'MIGRATED')
  ORDER BY r.key, r.position DESC
)
INSERT INTO user_task AS t (
  user_task_key, process_instance_key, process_definition_key, bpmn_process_id, process_definition_version,
  element_id, element_instance_key, form_key, external_form_reference, assignee, candidate_groups, candidate_users,
  due_date, follow_up_date, priority, state, created_at, completed_at, updated_at, last_position, department_id
)
SELECT
  r.key, ${bigint('processInstanceKey')}, ${bigint('processDefinitionKey')}, r.value->>'bpmnProcessId',
  (r.value->>'processDefinitionVersion')::int, r.element_id, ${bigint('elementInstanceKey')}, ${bigint('formKey')},
  ${text('externalFormReference')}, ${text('assignee')}, ${textArray('candidateGroupsList')}, ${textArray('candidateUsersList')},
  ${timestamp('dueDate')}, ${timestamp('followUpDate')}, COALESCE((r.value->>'priority')::int, 50),
  CASE r.intent WHEN 'COMPLETED' THEN 'COMPLETED' WHEN 'CANCELED' THEN 'CANCELED' ELSE 'CREATED' END,
  r.first_seen, CASE WHEN r.intent IN ('COMPLETED', 'CANCELED') THEN r.timestamp END, r.timestamp, r.position,
  -- Candidate groups are <role>.<department code> (the diagrams build them so): the task's department.
  (SELECT d.id FROM department d WHERE d.code = split_part(r.value->'candidateGroupsList'->>0, '.', 2))
FROM latest r
ON CONFLICT (user_task_key) DO UPDATE SET
  department_id = COALESCE(EXCLUDED.department_id, t.department_id),
  assignee = EXCLUDED.assignee, candidate_groups = EXCLUDED.candidate_groups, candidate_users = EXCLUDED.candidate_users,
  due_date = EXCLUDED.due_date, follow_up_date = EXCLUDED.follow_up_date, priority = EXCLUDED.priority,
  process_definition_key = EXCLUDED.process_definition_key, process_definition_version = EXCLUDED.process_definition_version,
  element_id = EXCLUDED.element_id, state = EXCLUDED.state, completed_at = EXCLUDED.completed_at,
  updated_at = EXCLUDED.updated_at, last_position = EXCLUDED.last_position
WHERE t.last_position < EXCLUDED.last_position`;

/** Process instances: the PROCESS element's own lifecycle records. */
export const APPLY_PROCESS_INSTANCES = `
WITH latest AS (
  SELECT DISTINCT ON (r.key) r.*, min(r.timestamp) OVER (PARTITION BY r.key) AS first_seen
  FROM zeebe.record r
  WHERE ${range} AND r.value_type = 'PROCESS_INSTANCE' AND r.value->>'bpmnElementType' = 'PROCESS'
    AND r.intent IN ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED', 'ELEMENT_MIGRATED')
  ORDER BY r.key, r.position DESC
)
INSERT INTO process_instance AS p (
  process_instance_key, process_definition_key, bpmn_process_id, process_definition_version,
  parent_process_instance_key, state, started_at, ended_at, updated_at, last_position
)
SELECT
  r.key, ${bigint('processDefinitionKey')}, r.value->>'bpmnProcessId', (r.value->>'version')::int,
  ${bigint('parentProcessInstanceKey')},
  CASE r.intent WHEN 'ELEMENT_COMPLETED' THEN 'COMPLETED' WHEN 'ELEMENT_TERMINATED' THEN 'TERMINATED' ELSE 'ACTIVE' END,
  r.first_seen, CASE WHEN r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED') THEN r.timestamp END, r.timestamp, r.position
FROM latest r
ON CONFLICT (process_instance_key) DO UPDATE SET
  state = EXCLUDED.state, ended_at = EXCLUDED.ended_at, updated_at = EXCLUDED.updated_at,
  process_definition_key = EXCLUDED.process_definition_key, process_definition_version = EXCLUDED.process_definition_version,
  last_position = EXCLUDED.last_position
WHERE p.last_position < EXCLUDED.last_position`;

export const APPLY_INCIDENTS = `
WITH latest AS (
  SELECT DISTINCT ON (r.key) r.*, min(r.timestamp) OVER (PARTITION BY r.key) AS first_seen
  FROM zeebe.record r
  WHERE ${range} AND r.value_type = 'INCIDENT' AND r.intent IN ('CREATED', 'RESOLVED', 'MIGRATED')
  ORDER BY r.key, r.position DESC
)
INSERT INTO incident AS i (
  incident_key, process_instance_key, bpmn_process_id, element_id, element_instance_key, job_key,
  error_type, error_message, state, created_at, resolved_at, last_position
)
SELECT
  r.key, ${bigint('processInstanceKey')}, r.value->>'bpmnProcessId', r.element_id, ${bigint('elementInstanceKey')},
  ${bigint('jobKey')}, r.value->>'errorType', COALESCE(r.value->>'errorMessage', ''),
  CASE r.intent WHEN 'RESOLVED' THEN 'RESOLVED' ELSE 'ACTIVE' END,
  r.first_seen, CASE WHEN r.intent = 'RESOLVED' THEN r.timestamp END, r.position
FROM latest r
ON CONFLICT (incident_key) DO UPDATE SET
  state = EXCLUDED.state, resolved_at = EXCLUDED.resolved_at, error_message = EXCLUDED.error_message,
  last_position = EXCLUDED.last_position
WHERE i.last_position < EXCLUDED.last_position`;

export const PROJECTIONS: readonly { name: string; sql: string }[] = [
  { name: 'process_instance', sql: APPLY_PROCESS_INSTANCES },
  { name: 'user_task', sql: APPLY_USER_TASKS },
  { name: 'incident', sql: APPLY_INCIDENTS },
];

/**
 * The top-level instance of every process instance and user task that has none yet: tasks of called processes
 * (register look-up, notice to court) belong to the case of the instance that called them, and the inbox joins
 * tasks to cases by it. A parent's records always precede its children's, so walking up the stored parents
 * finds the root; a row whose chain is not complete yet keeps NULL and is filled by a later batch.
 */
export const FILL_ROOTS: readonly string[] = [
  `WITH RECURSIVE up(start, key, parent) AS (
     SELECT p.process_instance_key, p.process_instance_key, p.parent_process_instance_key
     FROM process_instance p WHERE p.root_process_instance_key IS NULL
     UNION ALL
     SELECT u.start, q.process_instance_key, q.parent_process_instance_key
     FROM up u JOIN process_instance q ON q.process_instance_key = u.parent
   )
   UPDATE process_instance p SET root_process_instance_key = up.key
   FROM up WHERE up.parent IS NULL AND p.process_instance_key = up.start AND p.root_process_instance_key IS NULL`,
  `UPDATE user_task t SET root_process_instance_key = p.root_process_instance_key
   FROM process_instance p
   WHERE t.root_process_instance_key IS NULL AND p.process_instance_key = t.process_instance_key AND p.root_process_instance_key IS NOT NULL`,
];
