-- A step's durable timer (timeout or retry backoff) lives in the step's own row: arming and clearing it rides on the
-- update the step gets anyway, instead of inserting and deleting a saga_timer row per attempt.
alter table saga_step add column timer_kind text;
alter table saga_step add column fire_at timestamptz;
-- Timers armed before the upgrade move over (at most one per step and direction: the newest attempt's).
update saga_step s set timer_kind = t.kind, fire_at = t.fire_at
from (select distinct on (saga_id, step_name, direction) saga_id, step_name, direction, kind, fire_at, attempt
      from saga_timer order by saga_id, step_name, direction, attempt desc, fire_at desc) t
where s.saga_id = t.saga_id and s.step_name = t.step_name and s.direction = t.direction and s.attempt = t.attempt;
drop table saga_timer;
create index saga_step_timer_due_idx on saga_step (fire_at) where fire_at is not null;

-- Step ids come from the sequence in blocks of 50 (Hibernate's pooled optimizer), so one transaction's new step rows
-- are inserted in a batch instead of one round trip each.
alter sequence saga_step_id_seq increment by 50;

-- The state index no longer includes updated_at, which changes on every update: updates of a running saga's data
-- can then be HOT (no index entry to rewrite). Lists by state are ordered by created_at, which never changes.
drop index saga_instance_state_idx;
create index saga_instance_state_idx on saga_instance (state, created_at);
