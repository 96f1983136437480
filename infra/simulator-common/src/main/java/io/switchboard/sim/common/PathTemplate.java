package io.switchboard.sim.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path written the way the OpenAPI specs write it ({@code /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json}),
 * so routes can be checked against the specs by eye. A variable matches one segment up to a literal suffix.
 */
public final class PathTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private final String template;
    private final Pattern pattern;
    private final List<String> names;

    public PathTemplate(String template) {
        this.template = template;
        StringBuilder regex = new StringBuilder();
        List<String> found = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+?)");
            found.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        this.pattern = Pattern.compile(regex.toString());
        this.names = List.copyOf(found);
    }

    public Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), m.group(i + 1));
        }
        return Optional.of(values);
    }

    @Override
    public String toString() {
        return template;
    }
}
