-- Care Desktop on PostgreSQL: routing rebuilds from here on start (issue 15), as
-- SQLite's 0010.
ALTER TABLE agents ADD COLUMN last_task_end_at BIGINT;

CREATE INDEX tasks_open ON tasks(id) WHERE state <> 'closed';
CREATE INDEX tasks_by_activity ON tasks(activity_id, id);
