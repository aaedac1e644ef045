-- On PostgreSQL the database itself refuses to change or remove a stored document, whoever asks
-- (like the decision log, V4_1): a new version of a file is a new document.
create function document_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'document rows are never changed: % refused', tg_op;
end
$$;

create trigger document_no_update_or_delete before update or delete on document
  for each row execute function document_immutable();

create trigger document_no_truncate before truncate on document
  for each statement execute function document_immutable();
