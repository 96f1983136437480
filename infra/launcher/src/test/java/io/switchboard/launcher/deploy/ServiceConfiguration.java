package io.switchboard.launcher.deploy;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service accepts as configuration, read from the service itself: its packaged {@code <service>.yml}, the
 * {@code @ConfigurationProperties} records of its packages, and Spring Boot's own property metadata. Answers whether an
 * environment variable names one of its properties, with Spring's relaxed-binding rule (dots to underscores, dashes
 * dropped, upper case; below a {@code Map} property any suffix is a key).
 */
final class ServiceConfiguration {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");
    private static final BootMetadata BOOT = BootMetadata.load();

    private final String ymlName;
    private final Map<String, Object> yml;
    private final Set<String> envNames = new HashSet<>();
    private final Set<String> mapEnvPrefixes = new HashSet<>();

    private ServiceConfiguration(String ymlName, Map<String, Object> yml, String ymlText, List<String> packages) {
        this.ymlName = ymlName;
        this.yml = yml;
        yml.keySet().forEach(key -> envNames.addAll(env(key)));
        Matcher placeholder = PLACEHOLDER.matcher(ymlText);
        while (placeholder.find()) {
            envNames.add(placeholder.group(1));
        }
        envNames.addAll(BOOT.envNames);
        mapEnvPrefixes.addAll(BOOT.mapEnvPrefixes);
        for (Class<?> properties : configurationProperties(packages)) {
            String prefix = properties.getAnnotation(ConfigurationProperties.class).prefix();
            addRecord(prefix.isEmpty() ? properties.getAnnotation(ConfigurationProperties.class).value() : prefix,
                    properties);
        }
    }

    /** @param packages the packages whose {@code @ConfigurationProperties} the service runs with */
    static ServiceConfiguration of(String ymlName, String... packages) {
        try (InputStream in = ServiceConfiguration.class.getClassLoader().getResourceAsStream(ymlName)) {
            if (in == null) {
                throw new IllegalStateException(ymlName + " is not on the classpath");
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", new Yaml().load(text), flat);
            return new ServiceConfiguration(ymlName, flat, text, List.of(packages));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String ymlName() {
        return ymlName;
    }

    /** A property as the packaged yml sets it, or null. */
    String yml(String property) {
        Object value = yml.get(property);
        return value == null ? null : String.valueOf(value);
    }

    boolean accepts(String envName) {
        return envNames.contains(envName) || mapEnvPrefixes.stream().anyMatch(p -> envName.startsWith(p + "_"));
    }

    /**
     * The environment variables Spring binds to {@code property}: dashes dropped ({@code SPRING_KAFKA_BOOTSTRAPSERVERS})
     * or, the form everybody writes, turned into underscores ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}) — the two
     * candidates of Spring's SystemEnvironmentPropertyMapper.
     */
    static List<String> env(String property) {
        String base = property.replace('.', '_').replace("[", "_").replace("]", "").toUpperCase(Locale.ROOT);
        return List.of(base.replace("-", ""), base.replace('-', '_'));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, Object> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, into));
        } else if (!prefix.isEmpty()) {
            into.put(prefix, node instanceof Collection<?> list ? String.join(",", ((Collection<Object>) list).stream()
                    .map(String::valueOf).toList()) : node);
        }
    }

    private void addRecord(String prefix, Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type + " is not a record: teach ServiceConfiguration its properties");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> componentType = component.getType();
            if (componentType.isRecord() && componentType.getName().startsWith("io.switchboard.")) {
                addRecord(name, componentType);
            } else if (Map.class.isAssignableFrom(componentType)) {
                envNames.addAll(env(name));
                mapEnvPrefixes.addAll(env(name));
            } else {
                envNames.addAll(env(name));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static List<Class<?>> configurationProperties(List<String> packages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        return packages.stream().flatMap(p -> scanner.findCandidateComponents(p).stream())
                .map(BeanDefinition::getBeanClassName).distinct().<Class<?>>map(name -> {
                    try {
                        return Class.forName(name);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    /** Spring Boot's documented properties (META-INF/spring-configuration-metadata.json of every Boot jar). */
    private record BootMetadata(Set<String> envNames, Set<String> mapEnvPrefixes) {
        static BootMetadata load() {
            Set<String> names = new HashSet<>();
            Set<String> maps = new HashSet<>();
            JsonMapper json = JsonMapper.builder().build();
            try {
                Enumeration<URL> files = ServiceConfiguration.class.getClassLoader()
                        .getResources("META-INF/spring-configuration-metadata.json");
                while (files.hasMoreElements()) {
                    try (InputStream in = files.nextElement().openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            String name = property.path("name").asString();
                            names.addAll(env(name));
                            if (property.path("type").asString("").startsWith("java.util.Map")) {
                                maps.addAll(env(name));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!names.contains("SPRING_KAFKA_BOOTSTRAP_SERVERS")) {
                throw new IllegalStateException("Spring Boot's property metadata is not on the classpath");
            }
            return new BootMetadata(names, maps);
        }
    }
}
