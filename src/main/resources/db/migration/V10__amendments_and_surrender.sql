-- Issue 17: an amendment supersedes an application under review, and a holder surrenders a license.
-- An amendment is a new application that names the one it amends; the amended one names its successor
-- (references, EXP-year-number) and shows SUPERSEDED.
alter table application add column amendment_of varchar(20);
alter table application add column superseded_by varchar(20);
create index ix_application_amendment_of on application (amendment_of);

-- The holder's surrender: who, when and why; the license shows SURRENDERED.
alter table license add column surrendered_at timestamp with time zone;
alter table license add column surrendered_by varchar(64);
alter table license add column surrender_reason varchar(2000);
