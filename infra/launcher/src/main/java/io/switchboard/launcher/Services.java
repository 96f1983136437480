package io.switchboard.launcher;

import io.switchboard.adapters.twilio.TwilioWorkerApplication;
import io.switchboard.adapters.vapi.VapiWorkerApplication;
import io.switchboard.notifier.NotifierApplication;
import io.switchboard.orchestrator.OrchestratorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the orchestrator and the three workers, each as its own Spring application with its own configuration
 * file, exactly as they would run as separate deployables. Settings are passed as command-line arguments, the
 * highest-precedence source, so they win over the services' packaged defaults.
 */
public final class Services {
    public enum Kind {
        ORCHESTRATOR(OrchestratorApplication.class, OrchestratorApplication.CONFIG_NAME),
        TWILIO_WORKER(TwilioWorkerApplication.class, TwilioWorkerApplication.CONFIG_NAME),
        VAPI_WORKER(VapiWorkerApplication.class, VapiWorkerApplication.CONFIG_NAME),
        NOTIFIER(NotifierApplication.class, NotifierApplication.CONFIG_NAME);

        private final Class<?> application;
        private final String configName;

        Kind(Class<?> application, String configName) {
            this.application = application;
            this.configName = configName;
        }

        public Class<?> application() {
            return application;
        }

        /** The {@code --spring.config.name=…} argument that selects the service's own yml. */
        public String configName() {
            return configName;
        }
    }

    private Services() {
    }

    public static ServiceHandle start(Kind kind, Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        var context = new SpringApplicationBuilder(kind.application)
                .properties(kind.configName)
                .run(args.toArray(String[]::new));
        return new ServiceHandle(kind.name().toLowerCase(java.util.Locale.ROOT), context);
    }
}
