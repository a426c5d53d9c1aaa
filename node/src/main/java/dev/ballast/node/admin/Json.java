package dev.ballast.node.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * JSON in and out of the admin API. Replies are written from records; request bodies are read strictly, and every
 * way a body can be wrong becomes a 400 with one precise sentence (where the syntax breaks, which field is missing,
 * unknown or of the wrong type).
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("instants").addSerializer(Instant.class, new InstantSerializer()));

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The request body as a JSON object holding exactly the given fields.
     *
     * @throws ApiException 400 when the body is empty, not JSON, not an object, or has other fields
     */
    static ObjectNode object(byte[] body, Set<String> allowedFields, String example) {
        if (body.length == 0) {
            throw new ApiException(400, "the request has no body; expected a JSON object like " + example);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the body is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a request body held in memory", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException(400, "the body must be a JSON object like " + example + ", not "
                    + node.getNodeType().name().toLowerCase() + " " + node);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw new ApiException(400, "unknown field '" + name + "' in the body; expected " + example);
            }
        }
        return object;
    }

    /** A required string field whose value is one of {@code allowed}. */
    static String oneOf(ObjectNode object, String field, List<String> allowed) {
        JsonNode value = required(object, field);
        if (!value.isTextual() || !allowed.contains(value.textValue())) {
            throw new ApiException(400, "field '" + field + "' must be one of " + String.join(", ", allowed)
                    + ", got " + value);
        }
        return value.textValue();
    }

    /** A required string field, not blank. */
    static String text(ObjectNode object, String field) {
        JsonNode value = required(object, field);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new ApiException(400, "field '" + field + "' must be a non-empty string, got " + value);
        }
        return value.textValue();
    }

    /** A required integer field within [min, max]. */
    static int integer(ObjectNode object, String field, int min, int max) {
        JsonNode value = required(object, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
                || value.intValue() > max) {
            throw new ApiException(400, "field '" + field + "' must be an integer from " + min + " to " + max
                    + ", got " + value);
        }
        return value.intValue();
    }

    private static JsonNode required(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new ApiException(400, "the body has no field '" + field + "'");
        }
        return value;
    }

    /** ISO-8601 in UTC, as Instant.toString writes it. */
    private static final class InstantSerializer extends StdSerializer<Instant> {

        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(value.toString());
        }
    }
}
