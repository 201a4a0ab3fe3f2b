package dev.paas.controller.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.ApiError;
import jakarta.servlet.http.HttpServletResponse;

/** The JSON {@link ApiError} that the filters answer with, the same shape as every other API error. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static void write(ObjectMapper json, HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), new ApiError(message));
    }
}
