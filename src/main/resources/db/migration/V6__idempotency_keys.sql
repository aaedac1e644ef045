-- Idempotency-Key on POST /api/... (docs/api.md, ADR 0018): one row per user and key. The request
-- claims it IN_FLIGHT before it runs; its answer is kept COMPLETED so that a retry gets it back.
create table idempotency_key (
  user_id          varchar(64)   not null,
  idempotency_key  varchar(255)  not null,
  request_hash     char(64)      not null,
  state            varchar(16)   not null,
  response_status  integer,
  content_type     varchar(255),
  location         varchar(2000),
  response_body    bytea,
  created_at       timestamp with time zone not null,
  expires_at       timestamp with time zone not null,
  constraint pk_idempotency_key primary key (user_id, idempotency_key),
  constraint ck_idempotency_key_state check (state in ('IN_FLIGHT', 'COMPLETED'))
);

-- the purge of expired keys
create index ix_idempotency_key_expires on idempotency_key (expires_at);
