package dev.paas.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The controllers a node-agent or a router may talk to ({@code --controller URL[,URL...]}), and which one it talks to
 * now. All of them serve the same API on one database, so any will do: the client stays with one until a call to it
 * fails for want of a connection, then moves to the next in the list (and round again). Only a failure of the
 * controller in use moves it, so calls that were already on their way to a dead one do not skip a live one.
 * Shared by the node-agent and the router, which otherwise share nothing but these JSON records' module.
 */
public final class ControllerUrls {

    private final List<URI> urls;
    private final AtomicInteger current = new AtomicInteger();

    private ControllerUrls(List<URI> urls) {
        this.urls = List.copyOf(urls);
    }

    /** One controller (the list of one). */
    public static ControllerUrls of(URI url) {
        return new ControllerUrls(List.of(withoutTrailingSlash(url)));
    }

    /**
     * Parses a comma-separated list of http(s)://HOST[:PORT] URLs.
     *
     * @throws IllegalArgumentException naming the URL that is not one, with the expected form
     */
    public static ControllerUrls parse(String value) {
        List<URI> urls = new ArrayList<>();
        for (String part : (value == null ? "" : value).split(",", -1)) {
            String url = part.strip();
            URI uri = null;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                // reported below with the expected form
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("Controller URL '" + url + "' is invalid: use http://HOST:PORT,"
                        + " e.g. http://127.0.0.1:8000, or several separated by commas.");
            }
            urls.add(withoutTrailingSlash(uri));
        }
        return new ControllerUrls(urls);
    }

    /** The controller to call now. */
    public URI current() {
        return urls.get(Math.floorMod(current.get(), urls.size()));
    }

    /**
     * A call to {@code url} (or any path under it) found no controller there: the next call goes to the next one, if
     * {@code url} is the current one.
     */
    public void failed(URI url) {
        int now = current.get();
        URI used = urls.get(Math.floorMod(now, urls.size()));
        if (used.getScheme().equals(url.getScheme()) && used.getRawAuthority().equals(url.getRawAuthority())) {
            current.compareAndSet(now, now + 1);
        }
    }

    public List<URI> all() {
        return urls;
    }

    /** Two lists of the same controllers are equal, whichever one each uses now. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ControllerUrls o && o.urls.equals(urls);
    }

    @Override
    public int hashCode() {
        return urls.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", urls.stream().map(URI::toString).toList());
    }

    private static URI withoutTrailingSlash(URI url) {
        return URI.create(url.toString().replaceAll("/+$", ""));
    }
}
