-- Care Desktop: the supervisor's floor (R-H3) holds each queue to its own targets, and
-- counts the service level over the shift from when tasks were accepted.

-- The longest a customer should wait, and how many may wait at once (QueueTargets'
-- defaults: two minutes, five).
ALTER TABLE queues ADD COLUMN target_wait_ms INTEGER NOT NULL DEFAULT 120000
  CHECK (target_wait_ms > 0);
ALTER TABLE queues ADD COLUMN target_waiting INTEGER NOT NULL DEFAULT 5
  CHECK (target_waiting > 0);

-- Tasks accepted since the shift began, without reading every task ever accepted.
CREATE INDEX tasks_assigned_by_time ON tasks(assigned_at) WHERE assigned_at IS NOT NULL;
