package dev.paas.router;

import java.io.IOException;

import dev.paas.api.RouteTable;

/** Makes a proxy serve a route table. Declarative: each call states the whole wanted routing, not a change. */
public interface Router {

    /**
     * Returns only once the table is being served, so the caller may acknowledge its version; throws when it is
     * not, in which case whatever was served before keeps being served.
     */
    void apply(RouteTable table) throws IOException, InterruptedException;
}
