-- Completing or deleting a task looks up its subtasks ("where PARENT_TASK_ID_ = ?"), and Camunda
-- ships no index for that: at 100,000 open cases (300,000 tasks) each completion read the whole
-- task table (ADR 0012, docs/benchmarks.md).
create index ACT_IDX_TASK_PARENT on ACT_RU_TASK (PARENT_TASK_ID_);
