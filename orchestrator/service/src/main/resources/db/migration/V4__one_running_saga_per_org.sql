-- One *running* saga per organization is the rule the database enforces. A finished saga may be reopened to undo a
-- step whose success arrived late (a number bought after the engine gave up on it) while the organization has
-- already moved on to its next saga: that compensation touches only what the old saga created, so it must not be
-- refused (the chaos run showed a refused reopen blocking a reply partition). The intake still waits for
-- compensating sagas before it starts an organization's next one.
drop index saga_instance_one_active_per_org;
create unique index saga_instance_one_running_per_org on saga_instance (org_id) where state = 'RUNNING';
