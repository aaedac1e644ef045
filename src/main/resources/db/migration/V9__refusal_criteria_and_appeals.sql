-- Issue 17: a refusal names its criteria, and a refused applicant may appeal once within the window
-- (ADR 0030). The criteria are codes, comma-separated like the screening's reasons.
alter table application add column refusal_criteria varchar(1000);

-- One appeal per application (the unique key makes a second one, or two at once, impossible).
create table appeal (
  reference            varchar(20)   primary key,
  application_id       varchar(36)   not null references application (id),
  status               varchar(20)   not null,
  grounds              varchar(8000) not null,
  submitted_at         timestamp with time zone not null,
  submitted_by         varchar(64)   not null,
  outcome              varchar(32),
  rationale            varchar(8000),
  decided_at           timestamp with time zone,
  decided_by           varchar(64),
  process_instance_id  varchar(64),
  constraint uk_appeal_application unique (application_id),
  constraint ck_appeal_status check (status in ('RECEIVED', 'UNDER_ASSESSMENT', 'DECIDED')),
  constraint ck_appeal_outcome check (outcome is null or outcome in ('APPROVED_ON_APPEAL', 'REFUSED_AFTER_APPEAL'))
);

-- A license issued because an appeal was granted, not on the first licensing decision.
alter table license add column issued_on_appeal boolean default false not null;
