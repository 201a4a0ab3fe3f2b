package dev.paas.router.nginx;

import java.util.regex.Pattern;

/**
 * Where nginx listens, as nginx writes it: {@code 127.0.0.1:8080}, {@code *:80}, {@code [::1]:8080} or a bare port.
 * Parsed strictly because it is pasted into the configuration.
 */
public record ListenAddress(String host, int port) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+]");

    public ListenAddress {
        if (!isValidHost(host)) {
            throw new IllegalArgumentException("Listen host '" + host + "' is invalid: use an IP address or *.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Listen port " + port + " is invalid: use 1 to 65535.");
        }
    }

    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "*" : text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("Listen address '" + text + "' is invalid: use HOST:PORT, e.g. 127.0.0.1:8080.");
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    /** The address the router itself connects to when it checks what nginx serves. */
    public String probeHost() {
        return switch (host) {
            case "*", "0.0.0.0" -> "127.0.0.1";
            case "[::]" -> "::1";
            default -> host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        };
    }

    /** As nginx's {@code listen} directive takes it. */
    @Override
    public String toString() {
        return host + ":" + port;
    }

    static boolean isValidHost(String host) {
        if (host == null) {
            return false;
        }
        if (host.equals("*") || IPV6.matcher(host).matches()) {
            return true;
        }
        var ipv4 = IPV4.matcher(host);
        if (!ipv4.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(ipv4.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
