package io.switchboard.orchestrator.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's one-statement read of an organization's template candidates answers what the three separate reads
 * (pin, pinned version, default's latest) answer, on PostgreSQL with the real schema.
 */
class JdbcTemplateStoreTest {
    private static final HikariDataSource dataSource = new HikariDataSource();
    private static JdbcTemplateStore store;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() {
        dataSource.setJdbcUrl(TestInfrastructure.newDatabase("template_store"));
        dataSource.setUsername(TestInfrastructure.username());
        dataSource.setPassword(TestInfrastructure.password());
        Flyway.configure(JdbcTemplateStoreTest.class.getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        store = new JdbcTemplateStore(jdbc, Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
        store.addVersion(template("default", "Hello v2"));
        store.addVersion(template("dental", "Dental v1"));
        store.addVersion(template("dental", "Dental v2"));
        store.savePin(new TemplatePin("pinned-version", "dental", 1, Instant.parse("2026-12-01T00:00:00Z"), "ops"));
        store.savePin(new TemplatePin("pinned-latest", "dental", null, Instant.parse("2026-12-01T00:00:00Z"), "ops"));
        // A pin without a version is not checked by the foreign key: a hand-edited database can name a template
        // that has none.
        jdbc.update("insert into organization_assistant_template (org_id, template_name, template_version, pinned_at, "
                + "pinned_by) values ('pinned-ghost', 'ghost', null, ?, 'psql')", Timestamp.from(Instant.now()));
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    private static TemplateStore.NewTemplate template(String name, String firstMessage) {
        return new TemplateStore.NewTemplate(name, "You are the {role} assistant of {orgName}.", firstMessage, null,
                "openai", "gpt-4o", "vapi", "Elliot", "test");
    }

    /** The interface's own composition of the single reads: what the one statement must equal. */
    private static TemplateStore.Candidates composed(String orgId, String defaultName) {
        TemplateStore singleReads = new TemplateStore() {
            @Override
            public AssistantTemplate addVersion(NewTemplate template) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<AssistantTemplate> latest(String name) {
                return store.latest(name);
            }

            @Override
            public Optional<AssistantTemplate> version(String name, int version) {
                return store.version(name, version);
            }

            @Override
            public List<AssistantTemplate> versions(String name) {
                return store.versions(name);
            }

            @Override
            public List<AssistantTemplate> latestOfEach() {
                return store.latestOfEach();
            }

            @Override
            public Optional<TemplatePin> pin(String org) {
                return store.pin(org);
            }

            @Override
            public void savePin(TemplatePin pin) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean removePin(String org) {
                throw new UnsupportedOperationException();
            }
        };
        return singleReads.candidates(orgId, defaultName);
    }

    @Test
    void everyKindOfPinReadsInOneStatementAsInThree() {
        for (String org : new String[]{"unpinned", "pinned-version", "pinned-latest", "pinned-ghost"}) {
            assertThat(store.candidates(org, "default")).as(org).isEqualTo(composed(org, "default"));
        }
    }

    @Test
    void thePinAndTheVersionItNamesComeBackWithTheDefaultsLatest() {
        TemplateStore.Candidates version = store.candidates("pinned-version", "default");
        assertThat(version.pin()).get().satisfies(p -> assertThat(p.templateVersion()).isEqualTo(1));
        assertThat(version.pinned()).get().satisfies(t -> {
            assertThat(t.name()).isEqualTo("dental");
            assertThat(t.version()).isEqualTo(1);
            assertThat(t.firstMessage()).isEqualTo("Dental v1");
        });
        assertThat(version.defaultLatest()).get().satisfies(t -> assertThat(t.version())
                .as("V13's version 1, then the one added here").isEqualTo(2));

        assertThat(store.candidates("pinned-latest", "default").pinned()).get()
                .satisfies(t -> assertThat(t.version()).isEqualTo(2));
        TemplateStore.Candidates ghost = store.candidates("pinned-ghost", "default");
        assertThat(ghost.pin()).isPresent();
        assertThat(ghost.pinned()).isEmpty();
        TemplateStore.Candidates unpinned = store.candidates("unpinned", "no-such-default");
        assertThat(unpinned.pin()).isEmpty();
        assertThat(unpinned.pinned()).isEmpty();
        assertThat(unpinned.defaultLatest()).isEmpty();
    }
}
