-- Care Desktop: one winner across nodes (issue 17). A desktop shows one offer at a time
-- (R-A3), and the routers of nodes sharing one database must never give an agent two
-- at once, whatever a node's memory says: the database refuses a second live offer to
-- one agent. (A task's own row holds its one offer or holder; a version check on every
-- save decides between two nodes changing it.) Any offer beyond an agent's newest,
-- which nothing should have made, goes back to its queue first.
UPDATE tasks SET state = 'queued', agent_id = NULL, offer_deadline = NULL, version = version + 1
 WHERE state = 'offered'
   AND id NOT IN (SELECT MAX(id) FROM tasks WHERE state = 'offered' GROUP BY agent_id);
CREATE UNIQUE INDEX tasks_one_offer_per_agent ON tasks(agent_id) WHERE state = 'offered';
