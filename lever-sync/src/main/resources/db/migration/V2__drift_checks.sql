-- A fresh apply counts as a check, so drift checks start one interval after the last transition.
update funnel_sync set checked_at = applied_at where checked_at is null;
alter table funnel_sync alter column checked_at set not null;
alter table funnel_sync add column drift_at timestamptz;
