package place.career.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service log lines about one candidate, for the message of a failed wait: every line that
 * names the opportunity, its delivery or the funnel the orchestrator started for it, plus the
 * latest warnings and errors of each service. A failure in a build log then shows which service
 * the candidate reached last, without opening the log files.
 */
final class JourneyTrace {

    private static final int MAX_LINES_PER_SERVICE = 25;
    private static final int MAX_WARNINGS_PER_SERVICE = 5;
    private static final int MAX_LINE_LENGTH = 260;
    private static final Pattern FUNNEL_ID = Pattern.compile("funnelId=([0-9a-f-]{36})");
    private static final int SUMMARY_LENGTH = 90;
    // Warnings that every service logs while it starts on a new broker. They contain nothing about a candidate.
    private static final List<String> KNOWN_START_WARNINGS = List.of(
            "The metadata response from the cluster reported a recoverable issue",
            "This Gauge has been already registered");
    // Time of day, then the message after the logger and thread: "date time LEVEL [logger] (thread) message".
    private static final Pattern LINE_PARTS =
            Pattern.compile("^\\S+ (\\S+) +\\S+ +\\[[^\\]]*\\] \\([^)]*\\) (.*)$");
    private static final Pattern LOG_LEVEL = Pattern.compile("^\\S+ \\S+ (WARN|ERROR) ");

    private JourneyTrace() {
    }

    /**
     * Returns the trace as text. The first line names, per service, the last line about the
     * candidate, because a build's test summary may show only the first line of a failure
     * message. The lines after it list what each service logged.
     *
     * @param logs the services' log files
     * @param ids opportunity id, delivery id or other ids that the services log for the candidate
     */
    static String of(List<Path> logs, String... ids) {
        List<List<String>> contents = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path log : logs) {
            try {
                contents.add(read(log));
                unreadable.add(null);
            } catch (IOException e) {
                contents.add(List.of());
                unreadable.add("could not read " + log + ": " + e);
            }
        }
        Set<String> terms = new LinkedHashSet<>(List.of(ids));
        // Services after the orchestrator log the funnel id only, so it joins the search terms.
        for (List<String> lines : contents) {
            for (String line : lines) {
                if (mentionsAny(line, terms)) {
                    Matcher funnel = FUNNEL_ID.matcher(line);
                    while (funnel.find()) {
                        terms.add(funnel.group(1));
                    }
                }
            }
        }
        StringBuilder summary = new StringBuilder("Last seen:");
        StringBuilder details = new StringBuilder("Service logs for ").append(terms).append(':');
        for (int i = 0; i < logs.size(); i++) {
            String service = logs.get(i).getFileName().toString().replaceFirst("\\.log$", "");
            List<String> lines = contents.get(i);
            List<String> matching = lines.stream().filter(line -> mentionsAny(line, terms)).toList();
            List<String> warnings = lines.stream()
                    .filter(line -> LOG_LEVEL.matcher(line).find() && !matching.contains(line)
                            && KNOWN_START_WARNINGS.stream().noneMatch(line::contains))
                    .toList();
            summary.append(' ').append(service).append(" [")
                    .append(unreadable.get(i) != null ? "unreadable"
                            : matching.isEmpty() ? "nothing" : shorten(matching.get(matching.size() - 1)))
                    .append(warnings.isEmpty() ? "" : "; " + warnings.size() + " other warnings").append(']');
            details.append("\n--- ").append(service).append(": ")
                    .append(unreadable.get(i) != null ? unreadable.get(i)
                            : matching.size() + " lines about the candidate, " + warnings.size()
                                    + " other warnings or errors");
            last(matching, MAX_LINES_PER_SERVICE).forEach(line -> details.append("\n  ").append(cut(line)));
            last(warnings, MAX_WARNINGS_PER_SERVICE)
                    .forEach(line -> details.append("\n  (other) ").append(cut(line)));
        }
        return summary.append('\n').append(details).toString();
    }

    /** Returns the time and the start of the message of a log line. */
    private static String shorten(String line) {
        Matcher parts = LINE_PARTS.matcher(line);
        if (!parts.find()) {
            return cut(line, SUMMARY_LENGTH);
        }
        return parts.group(1) + " " + cut(parts.group(2), SUMMARY_LENGTH);
    }

    private static boolean mentionsAny(String line, Set<String> terms) {
        for (String term : terms) {
            if (line.contains(term)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> read(Path log) throws IOException {
        // Decodes leniently, so a log cut off in the middle of a character can still be read.
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("\t") && !line.isBlank())
                .toList();
    }

    private static List<String> last(List<String> lines, int count) {
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    private static String cut(String line) {
        return cut(line, MAX_LINE_LENGTH);
    }

    private static String cut(String line, int length) {
        return line.length() <= length ? line : line.substring(0, length) + "…";
    }
}
