package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The alerts use metrics the services register and link to runbook sections that exist. */
class AlertRulesTest {

    /** Prometheus names of the services' own Micrometer meters, by their prefixes. */
    private static final Pattern SERVICE_METRIC =
            Pattern.compile("\\b((?:ingress|leversync|orchestrator|notifier)_[a-z_]+)");

    private static final Pattern HEADING = Pattern.compile("^#{2,3} (.+)$", Pattern.MULTILINE);

    @Test
    void everyAlertHasSeverityAndRunbook() {
        for (JsonNode rule : alertRules()) {
            String alert = rule.path("alert").asText();
            assertTrue(Set.of("warning", "critical").contains(rule.at("/labels/severity").asText()), alert);
            assertFalse(rule.at("/annotations/summary").asText().isEmpty(), alert + " has no summary");
            assertTrue(rule.at("/annotations/runbook").asText().startsWith("docs/runbooks.md#"), alert);
        }
    }

    @Test
    void runbookLinksPointAtSections() {
        Set<String> anchors = runbookAnchors();

        for (JsonNode rule : alertRules()) {
            String link = rule.at("/annotations/runbook").asText();
            String anchor = link.substring(link.indexOf('#') + 1);
            assertTrue(anchors.contains(anchor), rule.path("alert").asText() + " links to missing " + anchor);
        }
    }

    @Test
    void serviceMetricsInAlertsAreRegistered() {
        String sources = serviceSources();

        for (JsonNode rule : alertRules()) {
            Matcher matcher = SERVICE_METRIC.matcher(rule.path("expr").asText());
            while (matcher.find()) {
                String meter = micrometerName(matcher.group(1));
                assertTrue(sources.contains("\"" + meter + "\""),
                        rule.path("alert").asText() + " uses " + matcher.group(1) + ", but no service registers "
                                + meter);
            }
        }
    }

    /** Turns a Prometheus counter name back into the dotted Micrometer name. */
    private static String micrometerName(String prometheusName) {
        return prometheusName.replaceAll("_total$", "").replace('_', '.');
    }

    private static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode rule : Manifests.render("monitoring").get(0).at("/spec/groups").findValues("rules")) {
            rule.forEach(rules::add);
        }
        assertFalse(rules.isEmpty(), "no alert rules rendered");
        return rules;
    }

    /** Returns the anchors of the runbook's headings, as GitHub renders them. */
    private static Set<String> runbookAnchors() {
        Set<String> anchors = new HashSet<>();
        Matcher matcher = HEADING.matcher(read(RepositoryLayout.root().resolve("docs/runbooks.md")));
        while (matcher.find()) {
            anchors.add(matcher.group(1).toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static String serviceSources() {
        StringBuilder sources = new StringBuilder();
        for (String service : Manifests.SERVICES) {
            Path main = RepositoryLayout.root().resolve(service).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> sources.append(read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + main, e);
            }
        }
        return sources.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
