package dev.paas.controller.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, so that the request line carries exactly the bytes a test wrote: java.net.URI
 * refuses backslashes and raw non-ASCII, and an attacker's client does not normalise anything.
 */
final class RawHttp {

    record Answer(int status, String headers, String body) {

        String location() {
            for (String line : headers.split("\r\n")) {
                if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                    return line.substring(9).trim();
                }
            }
            return "";
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    Answer send(String method, String target, String bearer, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static Answer parse(String response) {
        int endOfHead = response.indexOf("\r\n\r\n");
        String headers = endOfHead < 0 ? response : response.substring(0, endOfHead);
        String firstLine = headers.split("\r\n", 2)[0];
        String[] parts = firstLine.split(" ");
        if (parts.length < 2) {
            throw new IllegalStateException("Not an HTTP answer: " + firstLine);
        }
        String body = endOfHead < 0 ? "" : response.substring(endOfHead + 4);
        boolean chunked = headers.toLowerCase(java.util.Locale.ROOT).contains("\r\ntransfer-encoding: chunked");
        return new Answer(Integer.parseInt(parts[1]), headers, chunked ? dechunk(body) : body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int endOfSize = chunked.indexOf("\r\n", at);
            int size = endOfSize < 0 ? 0 : Integer.parseInt(chunked.substring(at, endOfSize).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, endOfSize + 2, Math.min(chunked.length(), endOfSize + 2 + size));
            at = endOfSize + 2 + size + 2;
        }
        return body.toString();
    }

    /** Reads to the end, or what came before a long poll or event stream kept the connection open. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
