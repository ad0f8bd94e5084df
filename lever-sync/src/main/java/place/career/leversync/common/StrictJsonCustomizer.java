package place.career.leversync.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import place.career.http.JsonBodyProblems;

/** Makes request bodies reject a number or boolean where a text field is expected. */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JsonBodyProblems.rejectScalarsAsText(mapper);
    }
}
