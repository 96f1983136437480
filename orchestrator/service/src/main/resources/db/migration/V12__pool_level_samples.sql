-- The number pool's levels over time, for the ops console's chart (console/PoolLevels). One row per sampling
-- interval: every orchestrator samples, the first write of an interval wins (primary key on its start).
create table pool_level_sample (
    sampled_at      timestamptz primary key,
    available       int         not null,
    releasing       int         not null,
    vapi_free_used_percent int  not null,  -- share of VAPI's free-number limit in use
    lines           int         not null   -- organizations' lines (ai_config rows): each holds a paid number
);
