package place.career.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's main application.properties, read as the checks need it. */
final class ServiceProperties {

    /** {@code ${NAME}} or {@code ${NAME:default}} where NAME is an environment variable name. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    private final Properties properties = new Properties();

    ServiceProperties(String service) {
        try (Reader reader = Files.newBufferedReader(RepositoryLayout.applicationProperties(service))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read application.properties of " + service, e);
        }
    }

    /** Returns the properties of the default profile (keys without a {@code %profile.} prefix). */
    Map<String, String> defaultProfile() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                result.put(key, properties.getProperty(key));
            }
        }
        return result;
    }

    /**
     * Returns the environment variables referenced in default-profile values, each mapped to
     * whether the reference has a default.
     */
    Map<String, Boolean> referencedVariables() {
        Map<String, Boolean> variables = new LinkedHashMap<>();
        for (String value : defaultProfile().values()) {
            Matcher matcher = VARIABLE.matcher(value);
            while (matcher.find()) {
                variables.merge(matcher.group(1), matcher.group(2) != null, Boolean::logicalAnd);
            }
        }
        return variables;
    }

    /** Returns the topics of the SmallRye Kafka channels in one direction, by channel name. */
    Map<String, String> channelTopics(String direction) {
        Map<String, String> topics = new LinkedHashMap<>();
        String prefix = "mp.messaging." + direction + ".";
        defaultProfile().forEach((key, value) -> {
            if (key.startsWith(prefix) && key.endsWith(".topic") && !key.endsWith("dead-letter-queue.topic")) {
                topics.put(key.substring(prefix.length(), key.length() - ".topic".length()), value);
            }
        });
        return topics;
    }

    /** Returns the dead-letter topics of the incoming channels. */
    Map<String, String> deadLetterTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        defaultProfile().forEach((key, value) -> {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".dead-letter-queue.topic")) {
                topics.put(key, value);
            }
        });
        return topics;
    }
}
