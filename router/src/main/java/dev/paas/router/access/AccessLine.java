package dev.paas.router.access;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * One request as nginx logged it with the {@code paas_access} format. {@code requestId} is the X-Request-Id the app
 * received (the client's when it was a plain token, else nginx's own); empty in lines an older router wrote.
 */
record AccessLine(Instant time, String host, String method, String path, int status, double seconds, long bytes,
                  String upstream, String requestId) {

    /** Null when the line is not in the format (a partial line, a foreign one). */
    static AccessLine parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8 && f.length != 9) {
            return null;
        }
        try {
            BigDecimal msec = new BigDecimal(f[0]);
            Instant time = Instant.ofEpochMilli(msec.movePointRight(3).longValue());
            String host = f[1].toLowerCase(Locale.ROOT);
            return new AccessLine(time, host, f[2], f[3], Integer.parseInt(f[4]), Double.parseDouble(f[5]),
                    Long.parseLong(f[6]), f[7], f.length == 9 ? f[8] : "");
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Heroku's router line: {@code method=GET path="/" host=... status=200 bytes=3 service=12ms upstream=...
     * request_id=...}; the id comes last, so whatever matched the lines before it was added still matches.
     */
    String text() {
        return String.format(Locale.ROOT,
                "method=%s path=\"%s\" host=%s status=%d bytes=%d service=%dms upstream=%s request_id=%s",
                method, path, host, status, bytes, Math.round(seconds * 1000), upstream.isEmpty() ? "-" : upstream,
                requestId.isEmpty() ? "-" : requestId);
    }
}
