package dev.litebench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The CLI's JSON mapper: pretty output, one object per command. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** One-line output, for arrays of ids. */
    static final com.fasterxml.jackson.databind.ObjectWriter COMPACT = new ObjectMapper().writer();

    private Json() {}

    static void print(Object value) throws JsonProcessingException {
        System.out.println(MAPPER.writeValueAsString(value));
    }
}
