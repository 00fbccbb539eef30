import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';

/**
 * Forgets everything of a previous engine: its raw records, the projector's cursors, the read models built
 * from them, its deployments and the drafts of its tasks. Needed when the engine's data directory is not the one these records came from,
 * because record positions and keys restart and would otherwise be mistaken for records already applied.
 */
export async function resetEngineReadModels(pool: Pool): Promise<void> {
  await pool.query(`DO $$ BEGIN IF to_regclass('zeebe.record') IS NOT NULL THEN TRUNCATE zeebe.record; END IF; END $$;`);
  // Deployments, and drafts of tasks, belong to the engine they were made in.
  await pool.query('TRUNCATE projection_cursor, projection_error, user_task, process_instance, incident, job_effect, deployed_resource, task_draft');
}

/**
 * The engine's data directory and the database's exported records belong together. Each data directory
 * carries an id (written when it is first used); the database remembers the id its records came from.
 * When they differ (data directory wiped, or the database pointed at another engine) the read models are
 * reset before the engine starts. Returns whether it reset them.
 */
export async function alignReadModelsWithEngine(pool: Pool, engineDataDir: string): Promise<boolean> {
  const marker = path.join(engineDataDir, 'plusflow-engine-id');
  let engineId = existsSync(marker) ? (await readFile(marker, 'utf8')).trim() : '';
  if (!engineId) {
    engineId = randomUUID();
    await mkdir(engineDataDir, { recursive: true });
    await writeFile(marker, engineId);
  }
  const { rows } = await pool.query<{ engine_id: string }>('SELECT engine_id FROM engine_identity');
  if (rows[0]?.engine_id === engineId) return false;
  await resetEngineReadModels(pool);
  await pool.query('INSERT INTO engine_identity (engine_id) VALUES ($1) ON CONFLICT (singleton) DO UPDATE SET engine_id = EXCLUDED.engine_id', [engineId]);
  return true;
}
