-- Where the line's number comes from, as its approval or latest request asked (numberSource: pool_first,
-- force_twilio, own_number, vapi_free, none; null = the default) and, for own_number, which of the organization's
-- numbers: an InboundAiChanged(true) that names no source rebuilds the line the same way.
alter table ai_config add column number_choice text;
alter table ai_config add column own_number text;
