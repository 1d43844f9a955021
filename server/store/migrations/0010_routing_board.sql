-- Care Desktop: routing decides from memory and rebuilds it from here on start
-- (issue 15). When an agent's last task left their hands (closed, or declined away):
-- with state_since, how long they have been idle, so the next task goes to whoever
-- has waited longest for one.
ALTER TABLE agents ADD COLUMN last_task_end_at INTEGER;

-- The open tasks, read whole on start and by the supervisor's floor, without scanning
-- months of closed ones; and a chat's task found by its activity (the widget asks).
CREATE INDEX tasks_open ON tasks(id) WHERE state <> 'closed';
CREATE INDEX tasks_by_activity ON tasks(activity_id, id);
