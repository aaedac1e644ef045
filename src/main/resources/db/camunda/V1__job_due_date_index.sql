-- Applied after the engine has created its tables, with a history of its own (flyway_camunda_history):
-- org.exportcontrol.config.EngineTableMigrations, docs/decisions/0012-engine-table-migrations.md.

-- Every open review waits on reminder timers. Without this index the job executor's acquisition
-- query ("DUEDATE_ is null or DUEDATE_ <= now") read every job to find the few that are due: at
-- 100,000 open cases 300,000 timer jobs, 100-600 ms each time it looked; with it, about 1 ms.
create index ACT_IDX_JOB_DUEDATE on ACT_RU_JOB (DUEDATE_);
