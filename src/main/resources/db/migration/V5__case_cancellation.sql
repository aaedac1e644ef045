-- An administrator ends a stuck case through POST /api/admin/cases/{reference}/cancellation: the
-- application or license shows CANCELLED with who did it, when and why.
alter table application add column cancelled_at timestamp with time zone;
alter table application add column cancelled_by varchar(64);
alter table application add column cancellation_reason varchar(2000);

alter table license add column cancelled_at timestamp with time zone;
alter table license add column cancelled_by varchar(64);
alter table license add column cancellation_reason varchar(2000);
