-- A message's identity is (ce_source, ce_id), as CloudEvents defines it: two upstream services may use the same id.
alter table inbox_message add column message_source text not null default '';
alter table inbox_message drop constraint inbox_message_pkey;
alter table inbox_message add primary key (consumer, message_source, message_id);

alter table org_event add column event_source text;
