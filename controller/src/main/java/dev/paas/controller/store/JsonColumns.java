package dev.paas.controller.store;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Maps stored as JSON text columns: config vars, process types, process counts. Insertion order is kept. */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {
    }

    @Converter
    public static class StringMap implements AttributeConverter<Map<String, String>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, String> map) {
            return write(map);
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String text) {
            return read(text, new TypeReference<LinkedHashMap<String, String>>() { });
        }
    }

    @Converter
    public static class IntMap implements AttributeConverter<Map<String, Integer>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, Integer> map) {
            return write(map);
        }

        @Override
        public Map<String, Integer> convertToEntityAttribute(String text) {
            return read(text, new TypeReference<LinkedHashMap<String, Integer>>() { });
        }
    }

    private static String write(Map<String, ?> map) {
        try {
            return JSON.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text == null || text.isBlank() ? "{}" : text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON column: " + text, e);
        }
    }
}
