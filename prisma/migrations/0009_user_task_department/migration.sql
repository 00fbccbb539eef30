-- AlterTable
ALTER TABLE "user_task" ADD COLUMN     "department_id" INTEGER;

-- CreateIndex
CREATE INDEX "user_task_department_id_state_due_date_idx" ON "user_task"("department_id", "state", "due_date");


-- Back-fill: the department of each existing task's first candidate group.
UPDATE "user_task" t SET "department_id" = d.id FROM "department" d WHERE d.code = split_part(t.candidate_groups[1], '.', 2);
