-- Peerflow's indexes on Camunda's tables, PostgreSQL only, applied at every start-up by
-- org.peerflow.database.DatabaseIndexes after the engine created or updated its schema.
-- Every statement must be idempotent (IF NOT EXISTS); statements end with a semicolon.

-- The Tasklist query (candidateGroup=hr, sorted by due date) joins ACT_RU_IDENTITYLINK on
-- TASK_ID_ and filters GROUP_ID_ and TYPE_. Camunda indexes the two columns apart. While the
-- tables have no statistics (after a bulk of new tasks, before autovacuum analyzed them) PostgreSQL
-- took the group index as the inner side of a nested loop and read every hr link once per task:
-- 10,000 open tasks -> 100 million rows filtered, about 10 s per list or count as harper.
-- With both columns in one index the inner side is one index lookup per task, whatever the
-- statistics say. Measured with TasklistQueryBench, see bench/RESULTS.md.
CREATE INDEX IF NOT EXISTS PF_IDX_IDENT_LNK_TASK_GROUP ON ACT_RU_IDENTITYLINK (TASK_ID_, GROUP_ID_, TYPE_);

-- The authorization check of every task query left-joins ACT_RU_AUTHORIZATION filtered by
-- "PERMS_ & ? = ?" ON "RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')". That join condition is an OR, so
-- PostgreSQL can only nest loops; PostgreSQL has no statistics for PERMS_ & 2 and assumes 0.5 %
-- of the rows match (50 of 10,000; all match: one grant per task candidate group). Believing 50
-- rows it scans them all for every task: 10,000 tasks -> 100 million comparisons, 8-10 s per list
-- and count, with or without ANALYZE. Statistics on the two permission bits the task queries test
-- (TASK READ = 2, PROCESS_DEFINITION READ_TASK = 64) let the next ANALYZE see that nearly every
-- row matches, and the planner looks each task's grants up by RESOURCE_ID_ instead.
-- PostgreSQL 14 or newer (statistics on expressions).
CREATE STATISTICS IF NOT EXISTS PF_STAT_AUTH_TASK_PERMS ON (PERMS_ & 2), (PERMS_ & 64) FROM ACT_RU_AUTHORIZATION;
ANALYZE ACT_RU_AUTHORIZATION;
