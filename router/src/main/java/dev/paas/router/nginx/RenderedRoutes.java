package dev.paas.router.nginx;

import java.util.List;

/**
 * The routes part of the nginx configuration for one route table.
 *
 * @param text     the configuration, included inside nginx's {@code http} block
 * @param backends one line per app served, "app NAME [IP:PORT ...]", for nginx's shared dict (no version line)
 * @param skipped  one line per app, domain or backend left out because it was invalid, for the log
 * @param pages    one line per app in maintenance with a page of its own, "NAME BASE64", for paas_pages.lua
 */
record RenderedRoutes(String text, String backends, List<String> skipped, String pages) {
}
