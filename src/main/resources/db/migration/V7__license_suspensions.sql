-- Each misuse report holds its own suspension of a license (issue 21, 2). The license is SUSPENDED
-- while any report's hold is open, and only the lifting of the last open hold makes it ACTIVE again,
-- so one report's clearance never undoes another report's sanction.
create table license_suspension (
  license_number   varchar(20)  not null references license (license_number),
  report_reference varchar(20)  not null,
  interim          boolean      not null,
  imposed_at       timestamp with time zone not null,
  lifted_at        timestamp with time zone,
  primary key (license_number, report_reference)
);

-- A license suspended before this table existed is held by every open report on it that suspended it
-- (a critical report still under investigation, or a report closed as suspended awaiting review).
insert into license_suspension (license_number, report_reference, interim, imposed_at)
select r.license_number, r.reference, r.status <> 'CLOSED_SUSPENDED', l.suspended_at
from misuse_report r join license l on l.license_number = r.license_number
where l.status = 'SUSPENDED'
  and (r.status = 'CLOSED_SUSPENDED' or (r.severity = 'CRITICAL' and r.status in ('UNDER_INVESTIGATION', 'AWAITING_DECISION')));
