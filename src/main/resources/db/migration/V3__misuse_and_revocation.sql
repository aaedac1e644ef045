-- Enforcement: misuse reports, suspension and revocation of licenses, the shutdown order and its
-- verification.

alter table license add column suspended_at timestamp with time zone;
alter table license add column revoked_at timestamp with time zone;
alter table license add column revocation_reason varchar(4000);
alter table license add column expired_at timestamp with time zone;

-- One shutdown order per license (a license is revoked once); confirmations and verification are
-- recorded on it, the last confirmation wins.
create table license_shutdown (
  license_number        varchar(20)   primary key references license (license_number),
  ordered_at            timestamp with time zone not null,
  deadline              timestamp with time zone not null,
  escalations           integer       not null,
  confirmed_at          timestamp with time zone,
  shutdown_at           timestamp with time zone,
  confirmation_evidence varchar(4000),
  confirmed_by          varchar(64),
  verified_at           timestamp with time zone,
  verified_by           varchar(64),
  verification_notes    varchar(4000)
);

create table misuse_report (
  id                    varchar(36)   primary key,
  reference             varchar(20)   not null,
  status                varchar(32)   not null,
  license_number        varchar(20)   not null references license (license_number),
  category              varchar(48)   not null,
  source                varchar(200)  not null,
  summary               varchar(4000) not null,
  evidence              varchar(50000),
  reported_on           date,
  received_at           timestamp with time zone not null,
  received_by           varchar(64)   not null,
  credible              boolean,
  severity              varchar(16),
  finding               varchar(32),
  investigation_summary varchar(4000),
  action                varchar(16),
  action_rationale      varchar(4000),
  process_instance_id   varchar(64),
  constraint uk_misuse_report_reference unique (reference)
);
create index ix_misuse_report_license on misuse_report (license_number);
