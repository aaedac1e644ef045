-- Restricted-party lists and screening (issue 18, ADR 0032). Each import of a list is a version of
-- its source: its entries are stored with it and never changed, so earlier versions stay readable;
-- the current entries of a source are those of its latest import. The version of a source is the
-- import's number within it (unique), which every node compares to reload its in-memory index.
create table restricted_party_import (
  id             varchar(36)   primary key,
  source         varchar(64)   not null,
  version        integer       not null,
  imported_at    timestamp with time zone not null,
  imported_by    varchar(64)   not null,
  entries        integer       not null,
  added          integer       not null,
  removed        integer       not null,
  unchanged      integer       not null,
  -- the re-screening of live licenses and open applications after the import (a job)
  rescreen_status varchar(16)  not null,
  rescreened     integer,
  new_matches    integer,
  misuse_reports varchar(4000),
  rescreened_at  timestamp with time zone,
  constraint restricted_party_import_version unique (source, version),
  constraint ck_restricted_party_rescreen check (rescreen_status in ('PENDING', 'FINISHED'))
);

create table restricted_party_entry (
  import_id   varchar(36)   not null references restricted_party_import (id),
  source      varchar(64)   not null,
  entry_id    varchar(100)  not null,
  name        varchar(500)  not null,
  alt_names   varchar(4000),
  country     varchar(2),
  listed_on   date          not null,
  reason      varchar(2000),
  constraint restricted_party_entry_pk primary key (import_id, entry_id)
);

-- Each list entry a subject (an application by its id, a license by its number) matched, once per
-- subject and entry: a second identical import finds it here and opens no second misuse report.
create table restricted_party_match (
  id             varchar(36)   primary key,
  subject_kind   varchar(16)   not null,
  subject        varchar(40)   not null,
  source         varchar(64)   not null,
  entry_id       varchar(100)  not null,
  entry_name     varchar(500)  not null,
  score          double precision not null,
  import_id      varchar(36)   not null references restricted_party_import (id),
  matched_at     timestamp with time zone not null,
  misuse_report  varchar(40),
  constraint restricted_party_match_once unique (subject_kind, subject, source, entry_id),
  constraint ck_restricted_party_match_kind check (subject_kind in ('APPLICATION', 'LICENSE'))
);
