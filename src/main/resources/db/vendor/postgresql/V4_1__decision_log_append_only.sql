-- On PostgreSQL the database itself refuses to change or remove decision log entries, whoever asks.
create function decision_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'decision_log is append-only: % refused', tg_op;
end
$$;

create trigger decision_log_no_update_or_delete before update or delete on decision_log
  for each row execute function decision_log_append_only();

create trigger decision_log_no_truncate before truncate on decision_log
  for each statement execute function decision_log_append_only();
