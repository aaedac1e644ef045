-- The decision log: every state change and every human decision, hash-chained so that an altered,
-- removed or inserted entry is detected (GET /api/audit/verify). Entries are only ever inserted.
create table decision_log (
  seq          bigint        primary key,
  at           timestamp with time zone not null,
  actor        varchar(64)   not null,
  actor_groups varchar(1000) not null,
  subject      varchar(64)   not null,
  action       varchar(32)   not null,
  details      varchar       not null,
  prev_hash    varchar(64)   not null,
  hash         varchar(64)   not null,
  constraint uk_decision_log_hash unique (hash)
);
create index ix_decision_log_subject on decision_log (subject, seq);

-- The head of the chain: one row, locked by each writer just before its commit, so that sequence
-- numbers are gapless and each entry links to the one committed before it.
create table decision_log_head (
  id       integer     primary key,
  seq      bigint      not null,
  hash     varchar(64) not null,
  constraint ck_decision_log_head_single check (id = 1)
);
insert into decision_log_head (id, seq, hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
