-- Published transparency reports (issue 19, ADR 0033): the figures of a year frozen as they were when
-- an administrator published them. A correction is a new publication with the next number; earlier
-- ones are kept, never changed. figures holds the report's figures as JSON (section, country,
-- category, measure, value), unsuppressed: the public version suppresses small counts when shown.
create table transparency_publication (
  report_year         integer       not null,
  publication_number  integer       not null,
  published_at        timestamp with time zone not null,
  published_by        varchar(64)   not null,
  generated_at        timestamp with time zone not null,
  figures             varchar       not null,
  constraint pk_transparency_publication primary key (report_year, publication_number)
);
