-- One row per saga: its steps become a jsonb array in the saga's row, so applying a reply reads and writes one row
-- (before: the saga row, every step row joined to it, and an update or insert per changed step, each insert with its
-- foreign-key check). The keys are the old columns' names; timestamps are ISO-8601 text; absent values are left out.
alter table saga_instance add column steps jsonb not null default '[]';
-- The earliest timer armed on any of the saga's steps: due timers are found through this column's index.
alter table saga_instance add column next_fire_at timestamptz;

with step as (select saga_id, id, fire_at,
                     jsonb_build_object(
                             'step_name', step_name, 'direction', direction, 'status', status, 'attempt', attempt,
                             'command_type', command_type, 'input', input, 'reply_type', reply_type, 'output', output,
                             'error_code', error_code, 'error_message', error_message, 'started_at', started_at,
                             'attempt_started_at', attempt_started_at, 'finished_at', finished_at,
                             'timer_kind', timer_kind, 'fire_at', fire_at,
                             'unstarted_attempts', unstarted_attempts,
                             'last_unstarted_attempt', last_unstarted_attempt) as fields
              from saga_step),
     -- Absent values are left out at the top level only (jsonb_strip_nulls would reach into input and output too).
     stored as (select saga_id, id, fire_at,
                       (select jsonb_object_agg(key, value) from jsonb_each(fields) where value <> 'null'::jsonb) as step
                from step)
update saga_instance i
set steps = s.steps, next_fire_at = s.next_fire_at
from (select saga_id, jsonb_agg(step order by id) as steps, min(fire_at) as next_fire_at
      from stored group by saga_id) s
where i.id = s.saga_id;

drop table saga_step;

create index saga_instance_timer_due_idx on saga_instance (next_fire_at) where next_fire_at is not null;

-- The step history as the table it was, for ops' SQL and reports: read-only, one row per step of every saga, in the
-- order the saga started them (position).
create view saga_step as
select i.id                                          as saga_id,
       e.position                                    as position,
       e.step ->> 'step_name'                        as step_name,
       e.step ->> 'direction'                        as direction,
       e.step ->> 'status'                           as status,
       (e.step ->> 'attempt')::int                   as attempt,
       e.step ->> 'command_type'                     as command_type,
       e.step -> 'input'                             as input,
       e.step ->> 'reply_type'                       as reply_type,
       e.step -> 'output'                            as output,
       e.step ->> 'error_code'                       as error_code,
       e.step ->> 'error_message'                    as error_message,
       (e.step ->> 'started_at')::timestamptz         as started_at,
       (e.step ->> 'attempt_started_at')::timestamptz as attempt_started_at,
       (e.step ->> 'finished_at')::timestamptz        as finished_at,
       e.step ->> 'timer_kind'                       as timer_kind,
       (e.step ->> 'fire_at')::timestamptz            as fire_at,
       coalesce((e.step ->> 'unstarted_attempts')::int, 0)     as unstarted_attempts,
       coalesce((e.step ->> 'last_unstarted_attempt')::int, 0) as last_unstarted_attempt
from saga_instance i
cross join lateral jsonb_array_elements(i.steps) with ordinality as e(step, position);
