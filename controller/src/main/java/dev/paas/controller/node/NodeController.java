package dev.paas.controller.node;

import java.time.Duration;

import dev.paas.api.DesiredState;
import dev.paas.api.NodeRegistered;
import dev.paas.api.NodeRegistration;
import dev.paas.api.NodeReport;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.schedule.Rollout;
import dev.paas.controller.web.JoinGrants;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The node-agent's side of the API. Long polls hold no database connection while they wait. */
@RestController
class NodeController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeController.class);

    private static final long MAX_WAIT_SECONDS = 30;

    private final NodeService service;
    private final ChangeFeed feed;
    private final Rollout rollout;
    private final PlatformEvents events;

    NodeController(NodeService service, ChangeFeed feed, Rollout rollout, PlatformEvents events) {
        this.events = events;
        this.service = service;
        this.feed = feed;
        this.rollout = rollout;
    }

    /** Answers with the node's own credential, which it presents from then on. */
    @PostMapping("/v1/nodes/register")
    NodeRegistered register(@RequestBody NodeRegistration registration, HttpServletRequest request) {
        NodeRegistered registered = service.register(registration, JoinGrants.of(request).orElse(null));
        feed.bump();
        return registered;
    }

    @GetMapping("/v1/nodes/{node}/desired")
    DesiredState desired(@PathVariable String node, @RequestParam(defaultValue = "-1") long since,
                         @RequestParam(defaultValue = "0") long wait) throws InterruptedException {
        long version = feed.awaitChange(since, Duration.ofSeconds(Math.min(Math.max(wait, 0), MAX_WAIT_SECONDS)));
        long woke = System.nanoTime();
        DesiredState state = new DesiredState(version, service.desired(node), service.discarded(node));
        log.debug("desired state v{} for {}: read in {} ms", version, node, (System.nanoTime() - woke) / 1_000_000);
        return state;
    }

    @PutMapping("/v1/nodes/{node}/observed")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void observed(@PathVariable String node, @RequestBody NodeReport report) {
        long began = System.nanoTime();
        NodeService.Observed observed = service.observed(node,
                report.containers() == null ? java.util.List.of() : report.containers());
        if (observed.changed()) {
            feed.bump();
            rollout.progressSoon();
            log.debug("report from {} changed state: stored in {} ms", node, (System.nanoTime() - began) / 1_000_000);
        }
        if (!observed.events().isEmpty()) {
            events.emitAll(observed.events());
        }
    }
}
