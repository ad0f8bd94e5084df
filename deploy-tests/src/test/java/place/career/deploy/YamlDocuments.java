package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML streams of one or more documents into Jackson trees. */
final class YamlDocuments {

    static final ObjectMapper MAPPER = new YAMLMapper();

    private YamlDocuments() {}

    /** Parses every document of a stream; documents that hold only comments are skipped. */
    static List<JsonNode> parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator =
                MAPPER.readerFor(JsonNode.class).readValues(new YAMLFactory().createParser(yaml))) {
            while (iterator.hasNextValue()) {
                JsonNode document = iterator.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Invalid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    static List<JsonNode> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Reads a file that must contain exactly one document. */
    static JsonNode readSingle(Path file) {
        List<JsonNode> documents = read(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(
                    file + " must contain one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }
}
