package dev.paas.router.access;

import java.io.IOException;
import java.util.function.Supplier;

import dev.paas.api.RouteTable;
import dev.paas.router.Router;

/** A router that remembers the last table it served, so access lines can be matched to apps by host. */
public final class ServedTable implements Router, Supplier<RouteTable> {

    private final Router delegate;
    private volatile RouteTable served;

    public ServedTable(Router delegate) {
        this.delegate = delegate;
    }

    @Override
    public void apply(RouteTable table) throws IOException, InterruptedException {
        delegate.apply(table);
        served = table;
    }

    @Override
    public RouteTable get() {
        return served;
    }
}
