package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one configured Jackson mapper of the project: strict on duplicates, trailing data and depth. */
public final class Json {

    /** Deeper nesting than this is rejected before any validation. */
    public static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = create();

    private Json() {}

    private static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                        .maxStringLength(1_000_000).maxNumberLength(100).build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    /** The shared mapper; thread-safe once configured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
