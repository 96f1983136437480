-- Attempts a worker refused before any provider call (COMMAND_NOT_STARTED) give their place in the retry budget back.
alter table saga_step add column unstarted_attempts int not null default 0;
alter table saga_step add column last_unstarted_attempt int not null default 0;
