import type { Pool } from 'pg';

/**
 * Forgets everything exported by a previous engine: its raw records, the projector's cursors and the read
 * models built from them. Run before a fresh engine (empty data directory) starts, because record positions
 * and keys restart and would otherwise be mistaken for records already applied.
 */
export async function resetEngineReadModels(pool: Pool): Promise<void> {
  await pool.query(`
    DO $$
    BEGIN
      IF to_regclass('zeebe.record') IS NOT NULL THEN TRUNCATE zeebe.record; END IF;
    END $$;`);
  await pool.query('TRUNCATE projection_cursor, user_task, process_instance, incident, job_effect');
}
