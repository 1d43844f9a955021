-- Care Desktop: transfer and consult (issue 18, R-K1). Each hand-on of a task (to a
-- queue or an agent), each colleague invited into a chat and each who left it is one
-- line, with the names as they were then: the journey tells who handed what to whom.
-- The guests of a chat now are those invited (kind 'consult') with no later
-- 'consult_left' line for the same task and agent.
CREATE TABLE handoffs (
  id            INTEGER PRIMARY KEY,
  activity_id   INTEGER NOT NULL REFERENCES activities(id),
  task_id       INTEGER REFERENCES tasks(id),  -- NULL: history seeded without a task
  kind          TEXT NOT NULL CHECK (kind IN ('transfer', 'consult', 'consult_left')),
  by_agent      INTEGER REFERENCES agents(id),
  by_name       TEXT NOT NULL DEFAULT '',
  to_agent      INTEGER REFERENCES agents(id),
  to_agent_name TEXT NOT NULL DEFAULT '',
  to_queue      INTEGER REFERENCES queues(id),
  to_queue_name TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  at            INTEGER NOT NULL
);
CREATE INDEX handoffs_by_activity ON handoffs(activity_id, id);
CREATE INDEX handoffs_consults ON handoffs(to_agent, kind, task_id);
