-- Candidate groups may give a task back (TASK_ASSIGN, 32768) besides claiming and completing it
-- (issue 16, ADR 0026): the group grants of the tasks open before this change get the permission
-- that engine.CandidatesReleaseTasks gives every new one. TYPE_ 1 is a grant, RESOURCE_TYPE_ 7 a task.
update ACT_RU_AUTHORIZATION set PERMS_ = PERMS_ + 32768
where TYPE_ = 1 and RESOURCE_TYPE_ = 7 and GROUP_ID_ is not null and PERMS_ >= 0
  and mod(PERMS_ / 32768, 2) = 0;
