-- Care Desktop on PostgreSQL: each queue's floor targets (R-H3), as SQLite's 0006.
ALTER TABLE queues ADD COLUMN target_wait_ms BIGINT NOT NULL DEFAULT 120000
  CHECK (target_wait_ms > 0);
ALTER TABLE queues ADD COLUMN target_waiting BIGINT NOT NULL DEFAULT 5
  CHECK (target_waiting > 0);

CREATE INDEX tasks_assigned_by_time ON tasks(assigned_at) WHERE assigned_at IS NOT NULL;
