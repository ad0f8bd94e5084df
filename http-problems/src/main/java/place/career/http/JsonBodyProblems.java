package place.career.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Details of problems with a JSON request body. Jackson's own messages can quote the
 * body, so the details use only the error location, the field path and the expected type.
 */
public final class JsonBodyProblems {

    private JsonBodyProblems() {}

    /** Returns the detail for a body that is not valid JSON, with the line and column of the error. */
    /**
     * Makes the mapper reject a number or boolean where a request field is text, so that
     * {@code "postingId": 42} gets the invalid-field problem instead of being stored as "42".
     * By default Jackson converts such scalars to text.
     */
    public static void rejectScalarsAsText(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    public static String malformedJson(JsonProcessingException failure, ResourceInfo resource) {
        JsonLocation location = failure.getLocation();
        String where = location == null || location.getLineNr() < 1
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "The request body is not valid JSON" + where + ". " + expectedBody(resource);
    }

    /** Returns the detail for valid JSON whose field has the wrong type or whose shape is wrong. */
    public static String invalidField(JsonMappingException failure, ResourceInfo resource) {
        String path = fieldPath(failure);
        if (failure instanceof UnrecognizedPropertyException) {
            return "Field '" + path + "' is not part of this request. " + expectedBody(resource);
        }
        String expected = failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? ": expected " + jsonType(mismatch.getTargetType())
                : "";
        if (path.isEmpty()) {
            return "The request body has the wrong shape" + expected + ". " + expectedBody(resource);
        }
        return "Field '" + path + "' has the wrong type or shape" + expected + ". " + expectedBody(resource);
    }

    /**
     * Returns what the endpoint reads, naming the fields when the body parameter of the resource
     * method is a record.
     */
    public static String expectedBody(ResourceInfo resource) {
        Class<?> bodyType = bodyType(resource);
        if (bodyType == null || !bodyType.isRecord() || bodyType.getRecordComponents().length == 0) {
            return "Send a JSON object as described in the OpenAPI document of the service.";
        }
        List<String> fields = Arrays.stream(bodyType.getRecordComponents()).map(RecordComponent::getName).toList();
        return "Send a JSON object with the fields " + join(fields) + ".";
    }

    /** Returns the path of the failed field, such as {@code tokens[2]} or {@code owner.name}. */
    private static String fieldPath(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** Returns the type of the resource method's body parameter, the one without a JAX-RS annotation. */
    private static Class<?> bodyType(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        for (Parameter parameter : method.getParameters()) {
            boolean annotated = Arrays.stream(parameter.getAnnotations())
                    .anyMatch(annotation -> annotation.annotationType().getPackageName().startsWith("jakarta.ws.rs"));
            if (!annotated) {
                return parameter.getType();
            }
        }
        return null;
    }

    private static String join(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
