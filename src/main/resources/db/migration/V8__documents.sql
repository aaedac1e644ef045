-- Documents attached to a case (issue 16, ADR 0027): an application's or a license's files, kept in
-- the database with their SHA-256. A row is never changed: a new version is a new document. The
-- position numbers a case's documents 1..20, so that two uploads at once cannot both be the 20th
-- (the second collides on the unique key and is retried, then refused).
create table document (
  id            varchar(36)  primary key,
  case_kind     varchar(20)  not null,
  case_id       varchar(40)  not null,
  position      integer      not null check (position between 1 and 20),
  kind          varchar(40)  not null,
  file_name     varchar(255) not null,
  content_type  varchar(100) not null,
  size_bytes    bigint       not null,
  sha256        char(64)     not null,
  content       bytea        not null,
  uploaded_at   timestamp with time zone not null,
  uploaded_by   varchar(64)  not null,
  constraint document_position unique (case_kind, case_id, position)
);
