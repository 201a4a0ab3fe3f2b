package dev.paas.controller.log;

import java.util.List;

import dev.paas.api.LogBatch;
import dev.paas.api.LogLine;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where node-agents ship container output and routers ship access lines (both with the node token). Each
 * sender may only speak as its own kind: an agent's lines are app lines, a router's are router lines.
 */
@RestController
class LogIngestController {

    /** Longer lines are cut: one runaway line must not cost megabytes of history. */
    static final int MAX_LINE_CHARS = 8192;

    private final LogStore store;

    LogIngestController(LogStore store) {
        this.store = store;
    }

    @PostMapping("/v1/nodes/{node}/logs")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void fromNode(@PathVariable String node, @RequestBody LogBatch batch) {
        store.append(clean(batch, LogLine.APP));
    }

    @PostMapping("/v1/routers/{router}/logs")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void fromRouter(@PathVariable String router, @RequestBody LogBatch batch) {
        store.append(clean(batch, LogLine.ROUTER));
    }

    private static List<LogLine> clean(LogBatch batch, String source) {
        if (batch == null || batch.lines() == null) {
            return List.of();
        }
        return batch.lines().stream().filter(l -> l != null && l.app() != null)
                .map(l -> new LogLine(0, l.time(), l.app(), source, l.process(), l.release(), cut(l.text())))
                .toList();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_LINE_CHARS ? text : text.substring(0, MAX_LINE_CHARS);
    }
}
