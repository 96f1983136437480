-- Assistant templates (templates/AssistantTemplates): what an organization's assistants say and run. A template is a
-- name with immutable versions; editing it adds a version, so an assistant's recorded (name, version) always says
-- exactly what it runs. The default template (switchboard.assistant-templates.default-name, "default") starts as
-- what the VAPI worker's built-in defaults made before templates existed.
create table assistant_template (
    name                   text        not null,
    version                int         not null check (version >= 1),
    system_prompt          text        not null,
    first_message          text        not null,
    outbound_first_message text,                   -- the outbound assistant's first message; null: first_message
    model_provider         text        not null,
    model                  text        not null,
    voice_provider         text        not null,
    voice_id               text        not null,
    created_at             timestamptz not null,
    created_by             text        not null,
    primary key (name, version)
);

-- Versions never change: a new version is a new row.
create function assistant_template_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'assistant_template % version % is immutable: add a version instead', old.name, old.version;
end
$$;
create trigger assistant_template_no_update before update or delete on assistant_template
    for each row execute function assistant_template_immutable();

insert into assistant_template (name, version, system_prompt, first_message, outbound_first_message, model_provider,
                                model, voice_provider, voice_id, created_at, created_by)
values ('default', 1,
        'You are the friendly, concise {role} phone assistant of {orgName}. Help callers with their questions, take messages when you cannot help, and never invent facts about {orgName}.',
        'Hello, thank you for calling {orgName}. How can I help you today?',
        'Hi, this is the virtual assistant of {orgName}. Do you have a moment?',
        'openai', 'gpt-4o', 'vapi', 'Elliot', now(), 'migration V13');

-- An organization pinned to a template; without a row it gets the default. Without a version it follows the
-- template's latest version (read when an assistant is created).
create table organization_assistant_template (
    org_id           text        primary key,
    template_name    text        not null,
    template_version int,
    pinned_at        timestamptz not null,
    pinned_by        text        not null,
    foreign key (template_name, template_version) references assistant_template (name, version)
);

-- Which template each of a line's assistants runs (null: created before templates, or from the worker's defaults).
alter table ai_config
    add column inbound_template_name     text,
    add column inbound_template_version  int,
    add column outbound_template_name    text,
    add column outbound_template_version int;
