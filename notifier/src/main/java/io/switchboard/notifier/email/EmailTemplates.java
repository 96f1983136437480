package io.switchboard.notifier.email;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@code templates/email/*.html} and {@code *.txt} with Thymeleaf.
 * <p>
 * Why Thymeleaf: actively maintained, version managed by Spring Boot, templates are plain HTML a designer can open
 * in a browser, {@code th:text} HTML-escapes every value by default (org names are user input), and its TEXT mode
 * renders the plain-text part from a template of its own. Why the core library and not
 * {@code spring-boot-starter-thymeleaf}: the starter configures one HTML resolver for web views; emails need an HTML
 * and a TEXT resolver side by side, and none of the Spring MVC integration.
 */
public final class EmailTemplates {
    private static final String PREFIX = "templates/email/";

    private final TemplateEngine engine = new TemplateEngine();

    public EmailTemplates() {
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    /** @param template file name under {@code templates/email/}, e.g. {@code approval.html} */
    public String render(String template, Map<String, Object> variables) {
        return engine.process(template, new Context(Locale.ENGLISH, variables));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailTemplates.class.getClassLoader());
        resolver.setPrefix(PREFIX);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
